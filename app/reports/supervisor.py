"""The supervisor's monthly report: headline figures against the previous period, charts and tables.

Built from a ``SupervisorReport`` (every figure already computed by the database); charts are reportlab
graphics in the house colours, so the PDF shows what the dashboard shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.domain.reporting import BACKUP_CAP_MINUTES, DURATION_BUCKETS
from app.domain.vocabulary import Channel, DocumentKind
from app.reports import style
from app.reports.data import Heading, Vendor, document_id
from app.reports.formats import DASH, day, day_time, duration, safe
from app.reports.style import para
from app.services.reporting import DurationStats, SupervisorReport

TITLE = "Rapport d'activité de la hotline"
CODE = "RMH"
SERIES = [
    colors.HexColor("#1F3A5F"),
    colors.HexColor("#4F7CAC"),
    colors.HexColor("#9DB7D5"),
    colors.HexColor("#D08C3A"),
    colors.HexColor("#8A9BA8"),
]
HEAT_LOW = (0xF2, 0xF5, 0xF8)
HEAT_HIGH = (0x1F, 0x3A, 0x5F)
OPEN_LINE = colors.HexColor("#D08C3A")
WEEKDAYS = ("Lun", "Mar", "Mer", "Jeu", "Ven", "Sam", "Dim")


def number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return DASH
    text = f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return text


def percent(value: float | None) -> str:
    return DASH if value is None else f"{number(value * 100, 0)}\u00a0%"


def hours(minutes: float | None) -> str:
    """Hotline time for a headline: minutes under an hour, else hours with one decimal."""
    if minutes is None:
        return DASH
    if minutes < 60:
        return f"{round(minutes)}\u00a0min"
    return f"{number(minutes / 60, 1)}\u00a0h"


def trend(delta: float | None, lower_is_better: bool = False) -> str:
    """« +12 % » in green or red markup depending on whether the change is good news."""
    if delta is None:
        return f'<font color="#5A6470">{DASH} vs période préc.</font>'
    good = delta < 0 if lower_is_better else delta > 0
    colour = "#2E7D32" if good else "#B23B3B"
    if round(delta * 100) == 0:
        colour = "#5A6470"
    rounded = round(delta * 100)
    sign = "+" if rounded > 0 else ("−" if rounded < 0 else "")
    value = f'<font color="{colour}">{sign}{number(abs(delta) * 100, 0)}\u00a0%</font>'
    return f'{value} <font color="#5A6470">vs période préc.</font>'


def _tiles(report: SupervisorReport, width: float) -> Table:
    cur = report.current
    tiles = [
        ("Incidents ouverts", number(cur.opened), report.delta("opened"), None),
        ("Incidents résolus", number(cur.resolved), report.delta("resolved"), None),
        ("En cours en fin de période", number(cur.backlog), report.delta("backlog"), True),
        ("1re réponse, médiane", hours(cur.first_response.median), report.delta("first_response_median"), True),
        ("Résolution, médiane", hours(cur.resolution.median), report.delta("resolution_median"), True),
        ("Résolus dans l'objectif", percent(cur.resolution.share_within), report.delta("resolution_within"), None),
        ("Taux de contournement", percent(cur.workaround_rate), report.delta("workaround_rate"), None),
        ("Hors contrat", number(cur.out_of_contract), report.delta("out_of_contract"), True),
    ]
    cells = []
    for label, value, delta, lower in tiles:
        cells.append(
            [
                para(safe(label), "label"),
                para(f'<font size="16" color="#1F3A5F"><b>{safe(value)}</b></font>', "value"),
                Spacer(0, 1.5 * mm),
                para(trend(delta, bool(lower)) if label != "Taux de contournement" else trend(delta), "small"),
            ]
        )
    rows = [cells[0:4], cells[4:8]]
    table = Table(rows, colWidths=[width / 4] * 4, rowHeights=[21 * mm, 21 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, style.RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, style.RULE),
                ("BACKGROUND", (0, 0), (-1, -1), style.ZEBRA),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _caption(drawing: Drawing, title: str, width: float, height: float) -> None:
    drawing.add(String(0, height - 10, title, fontName=style.FONT_BOLD, fontSize=9, fillColor=style.ACCENT))


def _bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[Sequence[float]],
    names: Sequence[str],
    width: float,
    height: float,
    stacked: bool = False,
    label_every: int = 1,
) -> Drawing:
    drawing = Drawing(width, height)
    _caption(drawing, title, width, height)
    chart = VerticalBarChart()
    legend_height = 14 if len(series) > 1 else 0
    chart.x, chart.y = 28, 18 + legend_height
    chart.width, chart.height = width - 36, height - 40 - legend_height
    chart.data = [list(s) or [0] for s in series]
    chart.categoryAxis.categoryNames = [c if i % label_every == 0 else "" for i, c in enumerate(categories)] or [""]
    chart.categoryAxis.labels.fontName = style.FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.fillColor = style.MUTED
    chart.categoryAxis.strokeColor = style.RULE
    chart.valueAxis.labels.fontName = style.FONT
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fillColor = style.MUTED
    chart.valueAxis.strokeColor = style.RULE
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E3E8EE")
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: number(v)
    chart.bars.strokeColor = None
    chart.barSpacing = 0.5
    chart.groupSpacing = 2
    if stacked:
        chart.categoryAxis.style = "stacked"
    for index in range(len(series)):
        chart.bars[index].fillColor = SERIES[index % len(SERIES)]
    drawing.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = 28, 8
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.fontName = style.FONT
        legend.fontSize = 7
        legend.dx = legend.dy = 6
        legend.deltax = 70
        legend.colorNamePairs = [(SERIES[i % len(SERIES)], n) for i, n in enumerate(names)]
        drawing.add(legend)
    return drawing


def _pie(title: str, values: Sequence[tuple[str, int]], width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    _caption(drawing, title, width, height)
    values = [(n, v) for n, v in values if v > 0]
    if not values:
        drawing.add(String(10, height / 2, "Aucun incident", fontName=style.FONT, fontSize=8, fillColor=style.MUTED))
        return drawing
    pie = Pie()
    size = min(height - 30, width * 0.42)
    pie.x, pie.y = 6, (height - 14 - size) / 2
    pie.width = pie.height = size
    pie.data = [v for _, v in values]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 1
    for index in range(len(values)):
        pie.slices[index].fillColor = SERIES[index % len(SERIES)]
    drawing.add(pie)
    total = sum(v for _, v in values)
    legend = Legend()
    legend.x, legend.y = size + 20, height - 30
    legend.fontName = style.FONT
    legend.fontSize = 7.5
    legend.dx = legend.dy = 7
    legend.deltay = 12
    legend.columnMaximum = 6
    legend.alignment = "right"
    legend.colorNamePairs = [
        (SERIES[i % len(SERIES)], f"{n} : {percent(v / total)}") for i, (n, v) in enumerate(values)
    ]
    drawing.add(legend)
    return drawing


def _heat(report: SupervisorReport, width: float, height: float) -> Drawing:
    """Calls by weekday × hour (local time), opening hours outlined (R-15)."""
    drawing = Drawing(width, height)
    _caption(drawing, "Appels par jour et par heure (cadre : heures d'ouverture)", width, height)
    first_hour, last_hour = 7, 19
    left, bottom = 26, 14
    cell_w = (width - left - 4) / (last_hour - first_hour)
    cell_h = (height - bottom - 20) / 5
    peak = max((max(row[first_hour:last_hour]) for row in report.heatmap[:5]), default=0) or 1
    texts: list[String] = []
    for weekday in range(5):
        y = bottom + (4 - weekday) * cell_h
        drawing.add(
            String(0, y + cell_h / 2 - 3, WEEKDAYS[weekday], fontName=style.FONT, fontSize=7, fillColor=style.MUTED)
        )
        for hour in range(first_hour, last_hour):
            value = report.heatmap[weekday][hour]
            share = value / peak
            rgb = [HEAT_LOW[i] + (HEAT_HIGH[i] - HEAT_LOW[i]) * share for i in range(3)]
            x = left + (hour - first_hour) * cell_w
            drawing.add(
                Rect(x, y, cell_w - 1, cell_h - 1, fillColor=colors.Color(*(c / 255 for c in rgb)), strokeColor=None)
            )
            if value:
                texts.append(
                    String(
                        x + cell_w / 2,
                        y + cell_h / 2 - 2.5,
                        number(value),
                        fontName=style.FONT,
                        fontSize=6,
                        textAnchor="middle",
                        fillColor=colors.white if share > 0.5 else style.INK,
                    )
                )
        # Opening hours: 08:30–12:00 and 13:30–17:00 (16:00 on Friday).
        closing = 16 if weekday == 4 else 17
        for start, end in ((8.5, 12), (13.5, closing)):
            x0 = left + (start - first_hour) * cell_w
            x1 = left + (end - first_hour) * cell_w
            for a, b, c, d in (
                (x0, y, x1, y),
                (x0, y + cell_h - 1, x1, y + cell_h - 1),
                (x0, y, x0, y + cell_h - 1),
                (x1, y, x1, y + cell_h - 1),
            ):
                drawing.add(Line(a, b, c, d, strokeColor=OPEN_LINE, strokeWidth=1.2))
    for label in texts:
        drawing.add(label)
    for hour in range(first_hour, last_hour + 1):
        drawing.add(
            String(
                left + (hour - first_hour) * cell_w,
                3,
                f"{hour}h",
                fontName=style.FONT,
                fontSize=6.5,
                fillColor=style.MUTED,
                textAnchor="middle",
            )
        )
    return drawing


def _service_levels(report: SupervisorReport, width: float) -> Table:
    cur = report.current
    rows = []

    def line(label: str, stats: DurationStats) -> None:
        rows.append(
            [
                para(safe(label), "cell_bold"),
                _cell(number(stats.count), True),
                _cell(duration(stats.median), True),
                _cell(duration(stats.p90), True),
                _cell(percent(stats.share_within), True),
            ]
        )
        for priority, count, within, target in stats.by_priority:
            rows.append(
                [
                    para(
                        "&nbsp;&nbsp;&nbsp;&nbsp;" + safe(f"priorité {priority} (objectif {duration(target)})"), "cell"
                    ),
                    _cell(number(count), True),
                    _cell("", True),
                    _cell("", True),
                    _cell(percent(within / count if count else None), True),
                ]
            )

    line("Première réponse", cur.first_response)
    line("Résolution (hors attente du client)", cur.resolution)
    return style.grid(
        ["Délai en heures de hotline", "Incidents", "Médiane", "90e centile", "Dans l'objectif"],
        rows,
        [width - 4 * 26 * mm, 26 * mm, 26 * mm, 26 * mm, 26 * mm],
        align_right=(1, 2, 3, 4),
    )


def _cell(value: str, right: bool) -> Paragraph:
    if right:
        return Paragraph(safe(value), ParagraphStyle("cell_right", parent=style.STYLES["cell"], alignment=TA_RIGHT))
    return para(safe(value), "cell")


def _simple(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], right: Sequence[int]
) -> Table:
    body = [[_cell(str(v), i in right) for i, v in enumerate(row)] for row in rows]
    return style.grid(header, body, widths, align_right=right)


def _or_none(table_rows: Sequence[object], table: Table | None, empty: str) -> Flowable:
    return table if table_rows and table is not None else para(safe(empty), "small")


def build_supervisor_report(report: SupervisorReport, vendor: Vendor, issued_at: datetime) -> bytes:
    """The monthly report as PDF bytes (deterministic for the same figures and issue date)."""
    period = report.period
    label = period.label()
    heading = Heading(
        DocumentKind.MONTHLY_REPORT,
        TITLE,
        document_id(CODE, f"{period.first:%Y%m%d}", report.filter, report.current, report.previous),
        issued_at,
    )
    width = style.page_width()
    cur = report.current
    story: list[Flowable] = [
        para(safe(TITLE.upper()), "kind"),
        Spacer(0, 1 * mm),
        para(safe(period.title()), "number"),
        para(
            safe(
                f"Périmètre : {report.filter.describe()}. "
                f"Comparaison avec la période {report.previous.period.label()}. "
                f"Situation au {day_time(min(report.as_of, period.ends))}."
            ),
            "small",
        ),
        Spacer(0, 4 * mm),
        _tiles(report, width),
        Spacer(0, 2 * mm),
        para(
            safe(
                "Durées en heures d'ouverture de la hotline (R-17), attente du client exclue. "
                f"Appels : {number(cur.calls)} ({hours(cur.call_minutes)}), dont {number(cur.calls_closed)} "
                "reçus hotline fermée."
            ),
            "small",
        ),
    ]
    # Weekly volume by channel (stacked bars).
    weeks = sorted({w for w, _, _ in report.weekly})
    channels = [c for c in Channel if any(ch is c for _, ch, _ in report.weekly)]
    counts = {(w, c): n for w, c, n in report.weekly}
    series = [[counts.get((w, c), 0) for w in weeks] for c in channels]
    every = max(1, len(weeks) // 12)
    story += [
        *style.section("Volumes"),
        _bars(
            "Incidents ouverts par semaine et par canal",
            [f"{w:%d/%m}" for w in weeks],
            series or [[0]],
            [c.label for c in channels],
            width,
            62 * mm,
            stacked=True,
            label_every=every,
        ),
        Spacer(0, 3 * mm),
        _pie(
            "Origine des incidents",
            [(o.label if o else "À déterminer", n) for o, n in report.origins],
            width,
            44 * mm,
        ),
    ]
    story += [
        KeepTogether([*style.section("Délais"), _service_levels(report, width)]),
        Spacer(0, 3 * mm),
        _side_by_side(
            _bars(
                "Délais de résolution (1 j = 7 h de hotline)",
                [b for b, _ in DURATION_BUCKETS],
                [cur.resolution.histogram],
                ["Résolus"],
                width / 2 - 3 * mm,
                50 * mm,
            ),
            _bars(
                "Âge des incidents en cours en fin de période",
                [b for b, _ in DURATION_BUCKETS],
                [cur.backlog_age.histogram],
                ["En cours"],
                width / 2 - 3 * mm,
                50 * mm,
            ),
            width,
        ),
        *style.section("Demande téléphonique"),
        _heat(report, width, 52 * mm),
    ]
    half = (width - 6 * mm) / 2
    clients = _simple(
        ["Client", "Incidents"],
        [(f"{r.key} · {r.label}", number(r.count)) for r in report.top_clients],
        [half - 20 * mm, 20 * mm],
        (1,),
    )
    products = _simple(
        ["Progiciel", "Incidents"],
        [(f"{r.key} · {r.label}", number(r.count)) for r in report.top_products],
        [half - 20 * mm, 20 * mm],
        (1,),
    )
    story.append(
        KeepTogether(
            [*style.section("Principaux clients, progiciels et techniciens"), _side_by_side(clients, products, width)]
        )
    )
    story.append(Spacer(0, 3 * mm))
    story.append(
        _simple(
            ["Technicien", "Ouverts", "Résolus", "En cours", "Temps d'appel"],
            [
                (t.name, number(t.opened), number(t.resolved), number(t.backlog), hours(t.call_minutes))
                for t in report.technicians
            ],
            [width - 4 * 26 * mm, 26 * mm, 26 * mm, 26 * mm, 26 * mm],
            (1, 2, 3, 4),
        )
    )
    story += [*style.section("Hors contrat (R-07)")]
    story.append(
        _or_none(
            report.exclusions,
            _simple(
                ["Exclusion", "Incidents", "Temps d'appel"],
                [
                    (x.exclusion.label if x.exclusion else "Non précisée", number(x.count), hours(x.call_minutes))
                    for x in report.exclusions
                ],
                [width - 2 * 26 * mm, 26 * mm, 26 * mm],
                (1, 2),
            ),
            "Aucun incident hors contrat sur la période.",
        )
    )
    watched = [b for b in report.backup if b.over or b.near]
    story += [
        *style.section(f"Assistance sauvegarde : plafond de {duration(BACKUP_CAP_MINUTES)} par année de contrat (R-22)")
    ]
    story.append(
        _or_none(
            watched,
            _simple(
                ["Client", "Année de contrat depuis", "Consommé", "Situation"],
                [
                    (
                        f"{b.client_code} · {b.client_name}",
                        day(b.year_start),
                        duration(b.minutes),
                        "dépassé" if b.over else "proche",
                    )
                    for b in watched
                ],
                [width - 3 * 30 * mm, 30 * mm, 30 * mm, 30 * mm],
                (2,),
            ),
            "Aucun client au-delà ou près du plafond.",
        )
    )
    story += [*style.section("Clients à risque")]
    story.append(
        para(
            safe(
                f"{number(len(report.rtc_short))} client(s) sous contrat ont moins de deux RTC formés (R-02) ; "
                f"{number(len(report.overdue))} installation(s) ont une version en retard (R-20, délai compté "
                "depuis la sortie de la version)."
            ),
            "body",
        )
    )
    story.append(
        _or_none(
            report.rtc_short,
            _simple(
                ["Client sans deux RTC formés", "RTC formés"],
                [(f"{r.client_code} · {r.client_name}", number(r.trained_rtc)) for r in report.rtc_short[:25]],
                [width - 26 * mm, 26 * mm],
                (1,),
            ),
            "Tous les clients sous contrat ont au moins deux RTC formés.",
        )
    )
    story.append(Spacer(0, 3 * mm))
    story.append(
        _or_none(
            report.overdue,
            _simple(
                ["Client", "Progiciel", "Installée", "Attendue", "Depuis le"],
                [
                    (f"{o.client_code} · {o.client_name}", o.product, o.installed, o.required, day(o.deadline))
                    for o in report.overdue[:25]
                ],
                [width - 4 * 24 * mm, 24 * mm, 24 * mm, 24 * mm, 24 * mm],
                (),
            ),
            "Aucune version en retard.",
        )
    )
    if len(report.rtc_short) > 25 or len(report.overdue) > 25:
        story.append(para(safe("Listes complètes : « hotline report supervisor … --json »."), "small"))
    running = f"{TITLE} · {label}"
    return style.render(heading, vendor, story, running=running)


def _side_by_side(left: Flowable, right: Flowable, width: float) -> Flowable:
    table = Table([[left, right]], colWidths=[width / 2, width / 2], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([table])


__all__ = ["build_supervisor_report", "hours", "number", "percent"]
