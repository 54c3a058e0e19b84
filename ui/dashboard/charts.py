"""The dashboard's charts (QtCharts): weekly volume by channel, origins, and the two duration
histograms. Colours are those of the monthly PDF, so the screen and the paper read alike."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from app.domain.reporting import DURATION_BUCKETS
from app.domain.vocabulary import Channel, Origin
from app.services.reporting import SupervisorReport
from ui.style import BORDER, INK, MUTED

PALETTE = ("#1F3A5F", "#4F7CAC", "#9DB7D5", "#D08C3A", "#8A9BA8")
BAR_COLOUR = "#4F7CAC"
LABEL_POINT_SIZE = 8


def _font(bold: bool = False, size: int = LABEL_POINT_SIZE) -> QFont:
    font = QFont()
    font.setPointSize(size)
    font.setBold(bold)
    return font


class ChartPanel(QChartView):
    """A chart view with the house look: white, no animation, small grey labels."""

    def __init__(self, name: str, height: int = 260, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.setStyleSheet("background: transparent; border: none;")
        self.set_chart(QChart())

    def set_chart(self, chart: QChart) -> None:
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.legend().setFont(_font())
        chart.legend().setLabelColor(QColor(INK))
        old = self.chart()
        self.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    def series_values(self) -> list[list[float]]:
        """Each bar set's values (what the chart shows), for tests and accessibility."""
        found = []
        for series in self.chart().series():
            for bar_set in series.barSets():  # type: ignore[attr-defined]
                found.append([bar_set.at(i) for i in range(bar_set.count())])
        return found


def _axes(
    chart: QChart,
    series: QBarSeries | QStackedBarSeries | QHorizontalBarSeries,
    categories: Sequence[str],
    top: int,
    horizontal: bool = False,
) -> None:
    category_axis = QBarCategoryAxis()
    # Axis labels are rich text: « < 1 h » would vanish as a broken tag.
    category_axis.append([html.escape(c, quote=False) for c in categories])
    category_axis.setLabelsFont(_font())
    category_axis.setLabelsColor(QColor(MUTED))
    category_axis.setGridLineVisible(False)
    category_axis.setLinePenColor(QColor(BORDER))
    value_axis = QValueAxis()
    value_axis.setRange(0, max(top, 4))
    value_axis.applyNiceNumbers()
    value_axis.setLabelFormat("%d")
    value_axis.setLabelsFont(_font())
    value_axis.setLabelsColor(QColor(MUTED))
    value_axis.setGridLineColor(QColor("#E3E8EE"))
    value_axis.setLineVisible(False)
    if horizontal:
        value_axis.setLabelsVisible(False)  # each bar carries its count
        chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
    else:
        chart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(category_axis)
    series.attachAxis(value_axis)


def _bar_set(label: str, values: Sequence[int], colour: str) -> QBarSet:
    bar_set = QBarSet(label)
    bar_set.append([float(v) for v in values])
    bar_set.setColor(QColor(colour))
    bar_set.setBorderColor(QColor(colour))
    bar_set.setLabelColor(QColor(INK))
    bar_set.setLabelFont(_font())
    return bar_set


def weekly_chart(report: SupervisorReport) -> QChart:
    """Incidents opened per week (the Monday's date), stacked by channel."""
    weeks = sorted({week for week, _, _ in report.weekly})
    counts = {(week, channel): n for week, channel, n in report.weekly}
    series = QStackedBarSeries()
    series.setBarWidth(0.7)
    used = [c for c in Channel if any(counts.get((w, c)) for w in weeks)]
    for index, channel in enumerate(used):
        series.append(_bar_set(channel.label, [counts.get((w, channel), 0) for w in weeks], PALETTE[index % 5]))
    chart = QChart()
    chart.addSeries(series)
    totals = [sum(counts.get((w, c), 0) for c in Channel) for w in weeks]
    _axes(chart, series, [f"{w:%d/%m}" for w in weeks], max(totals, default=0))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setVisible(bool(used))
    return chart


def origin_chart(report: SupervisorReport) -> QChart:
    """Incidents opened by origin (horizontal bars: the labels are long)."""
    rows = list(reversed(report.origins))  # the first origin reads at the top
    labels = [_origin_label(origin) for origin, _ in rows]
    series = QHorizontalBarSeries()
    series.setBarWidth(0.65)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.append(_bar_set("", [n for _, n in rows], BAR_COLOUR))
    chart = QChart()
    chart.addSeries(series)
    _axes(chart, series, labels, max((n for _, n in rows), default=0) * 11 // 10 + 1, horizontal=True)
    chart.legend().setVisible(False)
    return chart


def _origin_label(origin: Origin | None) -> str:
    """Short enough to stand beside a bar."""
    short = {
        None: QCoreApplication.translate("DashboardCharts", "Not qualified"),
        Origin.PERIPHERAL: QCoreApplication.translate("DashboardCharts", "Peripherals"),
        Origin.DBMS: QCoreApplication.translate("DashboardCharts", "DBMS"),
        Origin.FEATURE: QCoreApplication.translate("DashboardCharts", "Features"),
        Origin.USAGE: QCoreApplication.translate("DashboardCharts", "Use"),
    }
    return short.get(origin, origin.label if origin else "")


def histogram_chart(values: Sequence[int], colour: str = BAR_COLOUR) -> QChart:
    """Counts per duration bucket (hotline hours: « < 1 h » … « > 10 j »)."""
    series = QBarSeries()
    series.setBarWidth(0.75)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.append(_bar_set("", list(values), colour))
    chart = QChart()
    chart.addSeries(series)
    _axes(chart, series, [label for label, _ in DURATION_BUCKETS], max(values, default=0) * 11 // 10 + 1)
    chart.legend().setVisible(False)
    return chart
