"""A client's incident register over a period (R-13): one line per incident, its header on every page.

Landscape A4. Cells that never wrap (numbers, dates, durations) are plain strings drawn directly, which
keeps a register of thousands of incidents quick to build; the subject and origin wrap as paragraphs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Spacer, TableStyle

from app.domain.vocabulary import DocumentKind
from app.reports import style
from app.reports.data import KIND_CODES, ClientInfo, Heading, Vendor, document_id
from app.reports.formats import DASH, day, day_time, duration, safe, short_day_time
from app.reports.style import facts, para, section

TITLE = "Registre des incidents"
HEADER = (
    "N° d'incident",
    "Ouvert le",
    "Objet",
    "Origine",
    "Statut",
    "Résolu le",
    "Clos le",
    "1re réponse",
    "Traitement",
    "Attente",
)


@dataclass(frozen=True)
class RegisterRow:
    number: str
    title: str
    opened_at: datetime
    status: str
    origin: str | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    first_response_minutes: float | None = None
    resolution_minutes: float | None = None
    paused_minutes: float | None = None


@dataclass(frozen=True)
class RegisterData:
    vendor: Vendor
    client: ClientInfo
    issued_at: datetime  # the state described: the latest change among the incidents listed
    rows: tuple[RegisterRow, ...]
    period_from: date | None = None
    period_to: date | None = None


def period_label(start: date | None, end: date | None) -> str:
    if start and end:
        return f"du {day(start)} au {day(end)}"
    if start:
        return f"depuis le {day(start)}"
    if end:
        return f"jusqu'au {day(end)}"
    return "depuis l'origine"


def _count(n: int) -> str:
    return f"{n} incident ouvert sur la période" if n < 2 else f"{n} incidents ouverts sur la période"


def _table(rows: tuple[RegisterRow, ...], width: float) -> LongTable:
    fixed = [29 * mm, 25 * mm, None, 30 * mm, 22 * mm, 17 * mm, 17 * mm, 17 * mm, 21 * mm, 16 * mm]
    known = sum(w for w in fixed if w is not None)
    widths = [w if w is not None else width - known for w in fixed]
    header = [para(safe(h), "head") for h in HEADER]
    body = [
        [
            r.number,
            short_day_time(r.opened_at),
            para(safe(r.title, newlines=False), "cell"),
            para(safe(r.origin or "à déterminer"), "cell"),
            para(safe(r.status), "cell"),
            day(r.resolved_at) if r.resolved_at else DASH,
            day(r.closed_at) if r.closed_at else DASH,
            duration(r.first_response_minutes),
            duration(r.resolution_minutes),
            duration(r.paused_minutes),
        ]
        for r in rows
    ]
    table = LongTable([header, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 1), (-1, -1), style.FONT, 7.5, 9.5),
                ("FONT", (0, 1), (0, -1), style.FONT_BOLD, 7.5, 9.5),
                ("TEXTCOLOR", (0, 1), (-1, -1), style.INK),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (7, 0), (-1, -1), "RIGHT"),
                ("BACKGROUND", (0, 0), (-1, 0), style.HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, style.ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, style.RULE),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, style.ZEBRA]),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def build_incident_register(data: RegisterData) -> bytes:
    """The register as PDF bytes (deterministic); an empty period says so instead of an empty table."""
    period = period_label(data.period_from, data.period_to)
    subject = data.client.code
    heading = Heading(
        DocumentKind.INCIDENT_REGISTER,
        TITLE,
        document_id(KIND_CODES[DocumentKind.INCIDENT_REGISTER], subject, data),
        data.issued_at,
    )
    width = style.page_width(landscape_pages=True)
    statuses = Counter(r.status for r in data.rows)
    origins = Counter(r.origin or "à déterminer" for r in data.rows)
    story: list[Flowable] = [
        style.title_block(
            TITLE, period[0].upper() + period[1:], _count(len(data.rows)), data.client, number_label="Période"
        ),
        Spacer(0, 3 * mm),
        *section("Synthèse"),
        facts(
            [
                ("Incidents", str(len(data.rows))),
                ("Par statut", " · ".join(f"{name} : {count}" for name, count in sorted(statuses.items())) or DASH),
                ("Par origine", " · ".join(f"{name} : {count}" for name, count in sorted(origins.items())) or DASH),
                ("Situation au", para(safe(day_time(data.issued_at)), "value")),
            ]
        ),
        para(
            safe(
                "Durées en heures d'ouverture de la hotline. « 1re réponse » : délai avant la première prise en "
                "charge ; « Traitement » : temps compté jusqu'à la résolution (ou jusqu'à ce jour), hors attente "
                "du client."
            ),
            "small",
        ),
        *section("Incidents"),
    ]
    if data.rows:
        story.append(_table(data.rows, width))
    else:
        story.append(para(safe(f"Aucun incident ouvert {period}."), "body"))
    running = f"{TITLE} · {data.client.name} · {period}"
    return style.render(heading, data.vendor, story, running=running, landscape_pages=True)
