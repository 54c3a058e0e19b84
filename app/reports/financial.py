"""The financial table of a contract (R-28, art. 18): lines, unit price, quantity, excl. VAT, VAT 20 %,
incl. VAT, with the contract's dates and the last revision of each line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.domain.money import FinancialTable
from app.domain.opening_hours import PARIS
from app.domain.vocabulary import DocumentKind
from app.reports import style
from app.reports.data import ClientInfo, Heading, Vendor, document_id
from app.reports.formats import DASH, amount, day, safe
from app.reports.style import facts, para, section

FINANCIAL_CODE = "TFC"  # tableau financier du contrat
TITLE = "Tableau financier du contrat"
_RIGHT = ParagraphStyle("cell_right", parent=style.STYLES["cell"], alignment=TA_RIGHT)
_HEAD_RIGHT = ParagraphStyle("head_right", parent=style.STYLES["head"], alignment=TA_RIGHT)
_RIGHT_BOLD = ParagraphStyle("value_right", parent=style.STYLES["value"], alignment=TA_RIGHT)


def _num(markup: str, bold: bool = False) -> Paragraph:
    return Paragraph(markup, _RIGHT_BOLD if bold else _RIGHT)


@dataclass(frozen=True)
class RevisionNote:
    designation: str
    effective_on: date
    old_price: Decimal
    new_price: Decimal
    formula: str  # « SYNTEC 2026-02 : 330,5 / 2025-02 : 321,2 »


@dataclass(frozen=True)
class FinancialData:
    vendor: Vendor
    client: ClientInfo
    reference: str
    start: date
    commitment_end: date
    next_due: date | None
    table: FinancialTable
    issued_on: date
    revisions: tuple[RevisionNote, ...] = ()


def _quantity(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _table(data: FinancialData, width: float) -> Table:
    money = 28 * mm
    widths = [34 * mm, width - 34 * mm - money - 16 * mm - money, money, 16 * mm, money]
    rows: list[list[object]] = [
        [para("Contrat", "head"), para("Désignation", "head")]
        + [Paragraph(h, _HEAD_RIGHT) for h in ("P.U. HT", "Qté", "Prix HT")],
    ]
    for line in data.table.lines:
        rows.append(
            [
                para(safe(line.contract), "cell"),
                para(safe(line.designation), "cell"),
                _num(amount(line.unit_price)),
                _num(_quantity(line.quantity)),
                _num(amount(line.excl_vat)),
            ]
        )
    body = len(rows)
    rate = f"{(data.table.vat_rate * 100).normalize():f}".replace(".", ",")
    rows += [
        ["", para("Total HT", "label"), "", "", _num(amount(data.table.total_excl_vat))],
        ["", para(f"T.V.A. {rate}\u00a0%", "label"), "", "", _num(amount(data.table.vat))],
        ["", para("<b>TOTAL TTC</b>", "value"), "", "", _num(f"<b>{amount(data.table.total_incl_vat)}</b>", bold=True)],
    ]
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), style.HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, style.ACCENT),
        ("LINEBELOW", (0, 1), (-1, body - 1), 0.25, style.RULE),
        ("LINEABOVE", (1, body), (-1, body), 0.8, style.ACCENT),
        ("LINEABOVE", (1, -1), (-1, -1), 0.8, style.ACCENT),
        ("BACKGROUND", (1, -1), (-1, -1), style.HEADER_FILL),
        ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    table.setStyle(TableStyle(commands))
    return table


def build_financial_table(data: FinancialData) -> bytes:
    """The table of art. 18 as PDF bytes (deterministic)."""
    issued = datetime.combine(data.issued_on, time(12, 0), PARIS)
    heading = Heading(DocumentKind.FINANCIAL_TABLE, TITLE, document_id(FINANCIAL_CODE, data.client.code, data), issued)
    width = style.page_width()
    story: list[Flowable] = [
        style.title_block(
            "Modalités financières annuelles", data.reference, TITLE, data.client, number_label="Contrat n°"
        ),
        Spacer(0, 4 * mm),
        facts(
            [
                ("Date de début de contrat", para(day(data.start), "value")),
                ("Fin de l'engagement (24 mois)", para(day(data.commitment_end), "value")),
                ("Prochaine échéance annuelle", para(day(data.next_due) if data.next_due else DASH, "value")),
                ("Tarifs au", para(day(data.issued_on), "value")),
            ]
        ),
        *section("Prestations"),
    ]
    if data.table.lines:
        story.append(_table(data, width))
    else:
        story.append(para(safe("Aucune ligne financière n'est encore saisie pour ce contrat.")))
    if data.revisions:
        story += section("Révisions des prix (art. 17 : P = P0 × S / S0)")
        story.append(
            style.grid(
                ["Ligne", "Au", "Ancien prix", "Nouveau prix", "Indices S / S0"],
                [
                    [
                        para(safe(r.designation), "cell"),
                        para(day(r.effective_on), "cell"),
                        _num(amount(r.old_price)),
                        _num(amount(r.new_price)),
                        para(safe(r.formula), "cell"),
                    ]
                    for r in data.revisions
                ],
                [width - 22 * mm - 2 * 26 * mm - 62 * mm, 22 * mm, 26 * mm, 26 * mm, 62 * mm],
                align_right=(2, 3),
            )
        )
    story += [
        Spacer(0, 4 * mm),
        para(
            safe(
                "Montants en euros. Prix hors taxes arrondis au centime ; T.V.A. calculée sur le total hors taxes. "
                "Tout retard de paiement de plus de 30 jours entraîne des pénalités de 3 fois le taux de l'intérêt "
                "légal et une indemnité forfaitaire de 40 € pour frais de recouvrement (art. 15)."
            ),
            "small",
        ),
    ]
    return style.render(heading, data.vendor, story, running=f"{TITLE} {data.reference}")
