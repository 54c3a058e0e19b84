"""The reception report of a backup (R-24, art. 7.2): every file received, and the authentication key.

Besides what it prints, the PDF carries the report's canonical text (compressed, in its metadata), so that
``hotline backup verify`` can check it against a directory later without retyping anything. The key on
the page is the one that authenticates that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, Spacer, Table, TableStyle

from app.domain.backup import QUOTA_BYTES, size_label
from app.domain.backup_receipt import Receipt, ReceiptError, canonical_text, grouped_key, pack, unpack
from app.domain.vocabulary import DocumentKind
from app.reports import style
from app.reports.data import ClientInfo, Heading, Vendor, document_id
from app.reports.formats import NBSP, day_time, safe
from app.reports.style import facts, para, section

RECEIPT_CODE = "RRS"  # rapport de réception de sauvegarde
TITLE = "Rapport de réception de sauvegarde"
_MARK = "hotline-receipt:"
_CELL_RIGHT = ParagraphStyle("receipt_size", parent=style.STYLES["cell"], alignment=TA_RIGHT)
_HEAD_RIGHT = ParagraphStyle("receipt_head_right", parent=style.STYLES["head"], alignment=TA_RIGHT)
_DIGEST = ParagraphStyle("receipt_digest", parent=style.STYLES["cell"], fontSize=6.3, leading=8.2, splitLongWords=0)
_EMBEDDED = re.compile(rb"hotline-receipt:([A-Za-z0-9+/=]+) hotline-key:([0-9a-f]{64})")


@dataclass(frozen=True)
class ReceiptData:
    vendor: Vendor
    client: ClientInfo
    receipt: Receipt
    key: str
    quota_bytes: int = QUOTA_BYTES


class _Embed(Flowable):
    """Takes no room; puts the canonical text in the document's keywords when drawn."""

    def __init__(self, keywords: str) -> None:
        super().__init__()
        self.keywords = keywords
        self.width = self.height = 0

    def wrap(self, *_args: Any) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.setKeywords(self.keywords)


def _bytes(size: int) -> str:
    return f"{size:,}".replace(",", NBSP)


def _files_table(data: ReceiptData, width: float) -> LongTable:
    widths = [width - 32 * mm - 22 * mm - 50 * mm, 32 * mm, 22 * mm, 50 * mm]
    head = [para(safe(h), "head") for h in ("Fichier", "Dernière modification", "Taille (octets)", "SHA-256")]
    head[2] = Paragraph("Taille (octets)", _HEAD_RIGHT)
    rows: list[list[Any]] = [head]
    for entry in data.receipt.files:
        digest = f"{entry.sha256[:32]}<br/>{entry.sha256[32:]}"
        rows.append(
            [
                para(safe(entry.path), "cell"),
                para(safe(day_time(entry.modified)), "cell"),
                Paragraph(_bytes(entry.size), _CELL_RIGHT),
                Paragraph(digest, _DIGEST),
            ]
        )
    table = LongTable(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), style.HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, style.ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, style.RULE),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, style.ZEBRA]),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def _key_box(key: str, width: float) -> Flowable:
    box = Table(
        [
            [para("Clé d'authentification (HMAC-SHA256)", "label")],
            [para(f'<font name="{style.FONT_BOLD}" size="12">{grouped_key(key)}</font>', "value")],
        ],
        colWidths=[width],
    )
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, style.ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), style.HEADER_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    return box


def build_receipt(data: ReceiptData) -> bytes:
    """The reception report as PDF bytes (deterministic: same receipt and key, same bytes)."""
    receipt = data.receipt
    text = canonical_text(receipt)
    heading = Heading(
        DocumentKind.RECEPTION_REPORT,
        TITLE,
        document_id(RECEIPT_CODE, receipt.client_code, text),
        receipt.received_at,
    )
    width = style.page_width()
    total = receipt.total_bytes
    volume = f"{_bytes(total)} octets ({size_label(total)})"
    if total > data.quota_bytes:
        volume += f" — au-delà des {size_label(data.quota_bytes)} du contrat de base : dépassement facturé (R-23)"
    story: list[Flowable] = [
        _Embed(
            f"{DocumentKind.RECEPTION_REPORT.value}, {heading.document_id}, {_MARK}{pack(text)} hotline-key:{data.key}"
        ),
        style.title_block(
            "Sauvegarde externalisée", day_time(receipt.received_at), TITLE, data.client, number_label="Reçue le"
        ),
        Spacer(0, 4 * mm),
        para(
            safe(
                "Conformément à l'article 7.2 du contrat, ce rapport décrit chaque fichier reçu sur nos serveurs : "
                "son nom, sa date de dernière modification et sa taille en octets. La clé d'authentification "
                "ci-dessous, calculée par DEFI INFORMATIQUE, authentifie l'ensemble du rapport. Signalez-nous sans "
                "délai toute différence avec les fichiers que vous avez envoyés."
            )
        ),
        *section("Réception"),
        facts(
            [
                ("Fichiers reçus", str(len(receipt.files))),
                ("Volume", volume),
                ("Versions conservées", "les 5 dernières réceptions (art. 7.2)"),
            ]
        ),
        Spacer(0, 3 * mm),
        KeepTogether([_key_box(data.key, width)]),
        *section("Fichiers reçus"),
        _files_table(data, width),
        Spacer(0, 4 * mm),
        para(
            safe(
                "L'empreinte SHA-256 de chaque fichier figure pour contrôle ; la clé d'authentification couvre le "
                "code client, la date de réception et, pour chaque fichier, son nom, sa date, sa taille et son "
                "empreinte."
            ),
            "small",
        ),
    ]
    return style.render(heading, data.vendor, story, running=f"{TITLE} — {receipt.client_code}")


def embedded_report(pdf: bytes) -> tuple[str, str]:
    """The canonical text and the key a reception report carries; ReceiptError when it is not one of ours."""
    if not pdf.startswith(b"%PDF-"):
        raise ReceiptError("Ce fichier n'est pas un PDF : indiquez le rapport de réception reçu.")
    match = _EMBEDDED.search(pdf)
    if match is None:
        raise ReceiptError("Ce PDF n'est pas un rapport de réception de sauvegarde émis par la hotline.")
    return unpack(match.group(1).decode("ascii")), match.group(2).decode("ascii")
