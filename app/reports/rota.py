"""The monthly rota for the notice board: who is on the phones each half day, who is away, and the gaps.

Landscape A4, one row per technician and one column per working day of the month, so a month fits on
one page; « M » and « A » are the morning and the afternoon (bold: on the line as primary, grey: as
backup; other hours are printed as such), absences are shaded with their short name, closed days are
greyed with their reason. Under the grid, every coverage gap of the month with its length in hotline
minutes and who is on the line then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.domain.opening_hours import WEEKDAY_NAMES
from app.domain.rota import Gap, LeaveKind, LineRole
from app.domain.vocabulary import DocumentKind
from app.reports import style
from app.reports.data import Heading, Vendor, document_id
from app.reports.formats import safe
from app.reports.style import para, section

TITLE = "Planning des permanences"
CODE = "PRM"
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
SHORT_LEAVE = {
    LeaveKind.CONGES: "CP",
    LeaveKind.MALADIE: "Mal.",
    LeaveKind.FORMATION: "Form.",
    LeaveKind.TEMPS_PARTIEL: "TP",
    LeaveKind.RTT: "RTT",
    LeaveKind.AUTRE: "Abs.",
}
LEAVE_FILL = colors.HexColor("#FCEBD2")
CLOSED_FILL = colors.HexColor("#E4E7EB")
GAP_FILL = colors.HexColor("#F9D7D5")
GAP_INK = colors.HexColor("#A61B1B")
_MORNING_END = time(13, 0)


@dataclass(frozen=True)
class DutyMark:
    start: datetime
    end: datetime
    role: LineRole


@dataclass(frozen=True)
class RotaMonthData:
    """Everything the monthly rota prints; ``issued_at`` is the latest rota change (not the clock)."""

    vendor: Vendor
    year: int
    month: int
    issued_at: datetime
    minimum: int
    technicians: tuple[tuple[str, str], ...]  # (login, full name)
    days: tuple[date, ...]  # the working days of the month (Monday to Friday)
    closed: tuple[tuple[date, str], ...]  # days without opening hours, with the reason
    duties: tuple[tuple[str, date, tuple[DutyMark, ...]], ...]
    leave: tuple[tuple[str, date, LeaveKind, str], ...]  # (login, day, kind, "" | "am" | "pm")
    gaps: tuple[Gap, ...]
    names: tuple[tuple[str, str], ...] = ()

    def month_label(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year}"


def _half(mark: DutyMark, morning: tuple[time, time], afternoon: tuple[time, time]) -> str:
    span = (mark.start.time(), mark.end.time())
    if span == morning:
        return "M"
    if span == afternoon or (span[0] == afternoon[0] and span[1] <= afternoon[1] and span[1] >= time(16)):
        return "A"
    return f"{mark.start:%H:%M}–{mark.end:%H:%M}"


def _cell(marks: tuple[DutyMark, ...], leave: tuple[LeaveKind, str] | None) -> str:
    parts: list[str] = []
    for mark in marks:
        label = safe(_half(mark, (time(8, 30), time(12)), (time(13, 30), time(17))))
        if mark.role is LineRole.PRIMARY:
            parts.append(f"<font name='{style.FONT_BOLD}' color='#1F3A5F'>{label}</font>")
        else:
            parts.append(f"<font color='#7A8591'>{label.lower() if len(label) == 1 else label}</font>")
    if leave is not None:
        kind, half = leave
        suffix = {"am": " mat.", "pm": " ap-m."}.get(half, "")
        parts.append(f"<font color='#8A4B08'>{safe(SHORT_LEAVE[kind] + suffix)}</font>")
    return " ".join(parts)


def _grid(data: RotaMonthData, width: float) -> Table:
    closed = dict(data.closed)
    duties = {(login, day): marks for login, day, marks in data.duties}
    leave = {(login, day): (kind, half) for login, day, kind, half in data.leave}
    gap_days: dict[date, list[Gap]] = {}
    for gap in data.gaps:
        gap_days.setdefault(gap.start.date(), []).append(gap)
    name_width = 36 * mm
    day_width = (width - name_width) / max(len(data.days), 1)
    header = [para("Technicien", "head")]
    for day in data.days:
        header.append(para(f"{WEEKDAY_NAMES[day.weekday()][:3]}.<br/>{day.day:02d}", "rota_head"))
    rows: list[list[object]] = [header]
    for index, (login, name) in enumerate(data.technicians):
        row: list[object] = [para(safe(name), "cell")]
        for day in data.days:
            if day in closed:
                # The column is one merged cell: its reason is written in the first row.
                row.append(para(safe(closed[day]), "rota_closed") if index == 0 else "")
                continue
            row.append(para(_cell(duties.get((login, day), ()), leave.get((login, day))), "rota_cell"))
        rows.append(row)
    gap_row: list[object] = [para(f"Manques (min. {data.minimum})", "rota_gap_label")]
    for day in data.days:
        if day in closed:
            gap_row.append("")
            continue
        marks = ["M" if g.start.time() < _MORNING_END else "A" for g in gap_days.get(day, ())]
        gap_row.append(para(" ".join(dict.fromkeys(marks)), "rota_gap") if marks else "")
    rows.append(gap_row)

    table = Table(rows, colWidths=[name_width] + [day_width] * len(data.days), repeatRows=1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), style.HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, style.ACCENT),
        ("GRID", (1, 1), (-1, -1), 0.25, style.RULE),
        ("LINEBELOW", (0, 1), (0, -1), 0.25, style.RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, style.ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("ROWBACKGROUNDS", (0, 1), (0, -2), [colors.white, style.ZEBRA]),
    ]
    for column, day in enumerate(data.days, start=1):
        if day.weekday() == 0 and column > 1:
            commands.append(("LINEBEFORE", (column, 0), (column, -1), 1.0, style.ACCENT))
        if day in closed:
            commands.append(("BACKGROUND", (column, 0), (column, -1), CLOSED_FILL))
            commands.append(("SPAN", (column, 1), (column, -1)))
            continue
        if gap_days.get(day):
            commands.append(("BACKGROUND", (column, -1), (column, -1), GAP_FILL))
        for row_index, (login, _name) in enumerate(data.technicians, start=1):
            if (login, day) in leave:
                commands.append(("BACKGROUND", (column, row_index), (column, row_index), LEAVE_FILL))
    table.setStyle(TableStyle(commands))
    return table


def _gap_list(data: RotaMonthData, width: float) -> Flowable:
    names = dict(data.names or data.technicians)
    if not data.gaps:
        return para(
            safe(f"Aucun manque : au moins {data.minimum} technicien(s) en ligne à chaque heure d'ouverture."), "body"
        )
    rows = []
    for gap in data.gaps:
        who = ", ".join(names.get(login, login) for login in gap.on_line) or "personne"
        rows.append(
            [
                para(safe(f"{WEEKDAY_NAMES[gap.start.weekday()]} {gap.start:%d/%m}"), "cell"),
                para(safe(f"{gap.start:%H:%M}–{gap.end:%H:%M}"), "cell_bold"),
                para(safe(f"{int(gap.hotline_minutes)} min"), "cell"),
                para(safe(f"{len(gap.on_line)} sur {gap.minimum}"), "cell"),
                para(safe(who), "cell"),
            ]
        )
    return style.grid(
        ["Jour", "Heures", "Durée", "En ligne", "Qui est en ligne"],
        rows,
        [32 * mm, 28 * mm, 20 * mm, 20 * mm, width - 100 * mm],
        align_right=(2,),
    )


def _legend() -> Flowable:
    return para(
        safe("M : matin (08:30–12:00) · A : après-midi (13:30–17:00, 16:00 le vendredi) · ")
        + f"<font name='{style.FONT_BOLD}' color='#1F3A5F'>M A</font>"
        + safe(" : en ligne en principal · ")
        + "<font color='#7A8591'>m a</font>"
        + safe(" : en renfort · CP congés, Mal. maladie, Form. formation, TP temps partiel, RTT · ")
        + safe("mat. / ap-m. : demi-journée."),
        "small",
    )


def _register_styles() -> None:
    if "rota_cell" in style.STYLES:
        return
    style.STYLES["rota_cell"] = style._style("rota_cell", fontSize=7.5, leading=9.5, alignment=1)
    style.STYLES["rota_head"] = style._style(
        "rota_head", fontName=style.FONT_BOLD, fontSize=7, leading=8.5, textColor=style.ACCENT, alignment=1
    )
    style.STYLES["rota_closed"] = style._style(
        "rota_closed", fontSize=6.5, leading=8, textColor=style.MUTED, alignment=1
    )
    style.STYLES["rota_gap"] = style._style(
        "rota_gap", fontName=style.FONT_BOLD, fontSize=7.5, leading=9.5, textColor=GAP_INK, alignment=1
    )
    style.STYLES["rota_gap_label"] = style._style(
        "rota_gap_label", fontName=style.FONT_BOLD, fontSize=8, leading=10, textColor=GAP_INK
    )


def build_rota_month(data: RotaMonthData) -> bytes:
    """The month's rota as PDF bytes (deterministic: the same data gives the same bytes)."""
    _register_styles()
    label = data.month_label()
    heading = Heading(
        DocumentKind.OTHER, TITLE, document_id(CODE, f"{data.year}{data.month:02d}", data), data.issued_at
    )
    width = style.page_width(landscape_pages=True)
    total = sum(int(g.hotline_minutes) for g in data.gaps)
    summary = (
        f"{len(data.gaps)} manque(s), {total // 60} h {total % 60:02d} de hotline sous le minimum de "
        f"{data.minimum} technicien(s) en ligne"
        if data.gaps
        else f"Au moins {data.minimum} technicien(s) en ligne à chaque heure d'ouverture"
    )
    story: list[Flowable] = [
        para(safe(TITLE.upper()), "kind"),
        para(safe(label[:1].upper() + label[1:]), "number"),
        para(safe(summary), "title"),
        Spacer(0, 3 * mm),
        _grid(data, width),
        Spacer(0, 1.5 * mm),
        _legend(),
        *section("Manques du mois"),
        _gap_list(data, width),
    ]
    return style.render(heading, data.vendor, story, running=f"{TITLE} · {label}", landscape_pages=True)
