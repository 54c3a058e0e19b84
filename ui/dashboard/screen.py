"""The « Tableau de bord » screen (issue 9): the supervisor's KPI set for a period and a slice, as tiles
with the change against the previous period, charts and lists whose rows open the incidents behind them.

A year on a million incidents takes seconds to compute: the figures are computed on a worker
(``ui.background``), one computation at a time. While one runs, the previous figures stay on screen,
dimmed, under « Calcul en cours… »; a request made meanwhile waits, and only the newest one runs next.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.opening_hours import PARIS
from app.domain.reporting import Period
from app.services.incident_queries import IncidentFilter
from app.services.reporting import ReportError, ReportFilter, SupervisorReport
from ui.background import run_in_background
from ui.dashboard import charts, tables
from ui.dashboard.filter_bar import LAST_MONTH, DashboardFilterBar
from ui.dashboard.formats import number
from ui.dashboard.heatmap import CallHeatMap
from ui.dashboard.operations import Choices, DashboardData, keep_period_durations, load_choices, load_dashboard
from ui.dashboard.style import STYLE
from ui.dashboard.tiles import KpiTiles
from ui.style import set_role

log = logging.getLogger("hotline.ui.dashboard")

Request = tuple[Period, ReportFilter]
# The figures under a computation are dimmed, still readable.
BUSY_OPACITY = 0.45


def _card(title: str, body: QWidget, name: str, hint: str = "") -> QFrame:
    card = QFrame()
    card.setObjectName(name)
    card.setProperty("dashboardCard", True)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(14, 10, 14, 10)
    layout.setSpacing(6)
    heading = QLabel(title)
    heading.setObjectName("cardTitle")
    layout.addWidget(heading)
    if hint:
        note = QLabel(hint)
        note.setObjectName("cardHint")
        note.setWordWrap(True)
        layout.addWidget(note)
    layout.addWidget(body, 1)
    return card


class DashboardScreen(QWidget):
    """Header, filter bar, tiles, charts and lists. ``today`` and ``now`` are injectable for tests."""

    #: A computation was delivered and is on screen.
    figures_shown = Signal(object)
    #: The incidents behind a row were asked for (an IncidentFilter).
    incidents_requested = Signal(object)

    def __init__(
        self,
        context: AppContext,
        today: Callable[[], date] | None = None,
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardScreen")
        self.setStyleSheet(STYLE)
        self._sessions = context.sessions
        self._login = context.technician_login
        self._today = today or (lambda: datetime.now(PARIS).date())
        self._now = now
        self._started = False
        self._choices: Choices | None = None
        self._running: Request | None = None
        self._queued: Request | None = None
        self._keeping = False
        self.computations = 0
        self.report: SupervisorReport | None = None

        title = set_role(QLabel(self.tr("Dashboard")), "title")
        title.setObjectName("dashboardTitle")
        self.period_label = QLabel()
        self.period_label.setObjectName("dashboardPeriod")
        self.scope_label = set_role(QLabel(), "subtitle")
        self.scope_label.setObjectName("dashboardScope")
        self.busy_label = QLabel(self.tr("Computing…"))
        self.busy_label.setObjectName("dashboardBusy")
        self.busy_label.setVisible(False)
        self.message_label = QLabel()
        self.message_label.setObjectName("dashboardMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("dashboardRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        heading = QVBoxLayout()
        heading.setSpacing(0)
        line = QHBoxLayout()
        line.setSpacing(12)
        line.addWidget(title)
        line.addWidget(self.period_label, 0, Qt.AlignmentFlag.AlignBottom)
        line.addStretch(1)
        line.addWidget(self.busy_label)
        line.addWidget(self.refresh_button)
        heading.addLayout(line)
        heading.addWidget(self.scope_label)

        self.filter_bar = DashboardFilterBar(self._today)
        self.filter_bar.changed.connect(self.refresh)

        self.tiles = KpiTiles()
        self.weekly_chart = charts.ChartPanel("weeklyChart", 318)
        self.origin_chart = charts.ChartPanel("originChart", 318)
        self.backlog_chart = charts.ChartPanel("backlogAgeChart", 190)
        self.resolution_chart = charts.ChartPanel("resolutionChart", 190)
        self.heat_map = CallHeatMap()
        hint_hours = self.tr("in hotline hours (R-17), waiting on the client excluded")
        open_hint = self.tr("Double-click a row to open its incidents.")

        self.clients_table = tables.DashboardTable("topClientsTable", [self.tr("Client"), self.tr("Incidents")], [1])
        self.products_table = tables.DashboardTable("topProductsTable", [self.tr("Product"), self.tr("Incidents")], [1])
        self.technicians_table = tables.DashboardTable(
            "technicianLoadTable",
            [self.tr("Technician"), self.tr("Opened"), self.tr("Resolved"), self.tr("Open"), self.tr("Call time")],
            [1, 2, 3, 4],
        )
        self.backup_table = tables.DashboardTable(
            "backupCapTable", [self.tr("Client"), self.tr("Used"), self.tr("Status")], [1]
        )
        self.rtc_table = tables.DashboardTable("rtcShortTable", [self.tr("Client"), self.tr("RTC")], [1])
        self.overdue_table = tables.DashboardTable(
            "overdueVersionsTable",
            [self.tr("Client"), self.tr("Product"), self.tr("Version"), self.tr("Since")],
        )
        self.clients_table.row_activated.connect(lambda code: self.open_client_incidents(code, dated=True))
        for table in (self.backup_table, self.rtc_table, self.overdue_table):
            table.row_activated.connect(lambda code: self.open_client_incidents(code, dated=False))
        self.technicians_table.row_activated.connect(self.open_technician_incidents)
        self.products_table.row_activated.connect(self.filter_bar.set_product)

        cards = {
            "weekly": _card(self.tr("Incidents opened per week, by channel"), self.weekly_chart, "weeklyCard"),
            "origin": _card(self.tr("Origin of the incidents"), self.origin_chart, "originCard"),
            "heat": _card(
                self.tr("Calls by weekday and hour"),
                self.heat_map,
                "heatMapCard",
                self.tr("Paris time; the frames are the opening hours."),
            ),
            "resolution": _card(self.tr("Time to resolution"), self.resolution_chart, "resolutionCard", hint_hours),
            "backlog": _card(
                self.tr("Age of the backlog"),
                self.backlog_chart,
                "backlogCard",
                self.tr("incidents still open at the period's end, in hotline hours"),
            ),
            "clients": _card(self.tr("Top clients"), self.clients_table, "topClientsCard", open_hint),
            "products": _card(
                self.tr("Top products"),
                self.products_table,
                "topProductsCard",
                self.tr("Double-click to filter the dashboard on it."),
            ),
            "technicians": _card(self.tr("Technicians' load"), self.technicians_table, "technicianCard", open_hint),
            "backup": _card(
                self.tr("Backup assistance: over or near the cap"),
                self.backup_table,
                "backupCard",
                self.tr("1 h 30 per contract year (R-22); near from 80 %."),
            ),
            "rtc": _card(
                self.tr("Fewer than two trained RTC"),
                self.rtc_table,
                "rtcCard",
                self.tr("Clients under an active contract (R-02)."),
            ),
            "overdue": _card(
                self.tr("Versions past their deadline"),
                self.overdue_table,
                "overdueCard",
                self.tr("Update deadline passed (R-20)."),
            ),
        }
        self.content = QWidget()
        self.content.setObjectName("dashboardContent")
        grid = QGridLayout(self.content)
        grid.setContentsMargins(0, 0, 4, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        # Twelve columns: (card, row, first column, columns spanned).
        durations = QVBoxLayout()
        durations.setSpacing(12)
        durations.addWidget(cards["resolution"])
        durations.addWidget(cards["backlog"])
        grid.addWidget(self.tiles, 0, 0, 1, 12)
        grid.addWidget(set_role(QLabel(self.tr("ACTIVITY")), "section"), 1, 0, 1, 12)
        grid.addWidget(cards["weekly"], 2, 0, 1, 6)
        grid.addWidget(cards["origin"], 2, 6, 1, 3)
        grid.addWidget(cards["products"], 2, 9, 1, 3)
        grid.addWidget(cards["heat"], 3, 0, 1, 6)
        grid.addLayout(durations, 3, 6, 1, 6)
        grid.addWidget(cards["clients"], 4, 0, 1, 6)
        grid.addWidget(cards["technicians"], 4, 6, 1, 6)
        grid.addWidget(set_role(QLabel(self.tr("CLIENTS TO WATCH")), "section"), 5, 0, 1, 12)
        grid.addWidget(cards["backup"], 6, 0, 1, 4)
        grid.addWidget(cards["rtc"], 6, 4, 1, 3)
        grid.addWidget(cards["overdue"], 6, 7, 1, 5)
        for column in range(12):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(7, 1)
        self.opacity = QGraphicsOpacityEffect(self.content)
        self.opacity.setOpacity(1.0)
        self.content.setGraphicsEffect(self.opacity)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("dashboardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.content)

        self.reserved_label = QLabel(
            self.tr(
                "The dashboard is reserved for supervisors.\n\n"
                "Ask a supervisor for the figures, or for the supervisor role if you need them."
            )
        )
        self.reserved_label.setObjectName("dashboardReserved")
        self.reserved_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget()
        self.body.addWidget(self.scroll)
        self.body.addWidget(self.reserved_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.message_label)
        layout.addWidget(self.body, 1)
        self.filter_bar.set_preset(LAST_MONTH)

    # --- state ----------------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._running is not None or not self._started or self._choices is None

    def is_reserved(self) -> bool:
        return self._choices is not None and self._choices.reserved

    def showEvent(self, event: QShowEvent) -> None:
        """The first time it is shown: read the choices and the viewer's role, then compute."""
        super().showEvent(event)
        if not self._started:
            self._started = True
            run_in_background(
                self, load_choices(self._sessions, self._login), self._choices_loaded, self._choices_failed
            )

    def _choices_loaded(self, choices: Choices) -> None:
        self._choices = choices
        self.filter_bar.blockSignals(True)
        self.filter_bar.set_choices(choices)
        self.filter_bar.blockSignals(False)
        if choices.reserved:
            self.body.setCurrentWidget(self.reserved_label)
            self.filter_bar.setEnabled(False)
            self.refresh_button.setEnabled(False)
            self.period_label.clear()
            return
        self.refresh()

    def _choices_failed(self, error: BaseException) -> None:
        log.error("dashboard choices failed", exc_info=error)
        self._choices = Choices((), (), (), None)
        self.refresh()

    # --- computing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the figures for the filters shown (after the one running, if any)."""
        if self._choices is None or self._choices.reserved:
            return
        refusal = self.filter_bar.check_period()
        if refusal:
            self._show_message(refusal)
            return
        request: Request = (self.filter_bar.period(), self.filter_bar.report_filter())
        if self._running is not None:
            # One computation at a time: the newest request waits for it, older waiting ones are dropped.
            self._queued = request
            return
        self._start(request)

    def _start(self, request: Request) -> None:
        self._running, self._queued = request, None
        self.computations += 1
        self._set_busy(True)
        period, flt = request
        now = self._now() if self._now else None
        run_in_background(self, load_dashboard(self._sessions, period, flt, now), self._computed, self._failed)

    def _computed(self, data: DashboardData) -> None:
        self._running = None
        if self._queued is not None:
            self._start(self._queued)  # the figures asked for since: this result is already stale
            return
        self._set_busy(False)
        self._show_message("")
        self.show_figures(data)
        self._keep_durations(data.report.period)

    def _keep_durations(self, period: Period) -> None:
        """Once the figures are shown, keep the report rows of the incidents changed since they were last
        kept (and of the period's rows computed with another calendar), in the background: the next
        computation reads them instead of running their clocks again. One at a time."""
        if self._keeping:
            return
        self._keeping = True
        now = self._now() if self._now else None
        run_in_background(self, keep_period_durations(self._sessions, period, now), self._kept, self._not_kept)

    def _kept(self, _written: int) -> None:
        self._keeping = False

    def _not_kept(self, error: BaseException) -> None:
        self._keeping = False
        log.warning("report rows not kept after the dashboard's figures", exc_info=error)

    def _failed(self, error: BaseException) -> None:
        self._running = None
        if self._queued is not None:
            self._start(self._queued)
            return
        self._set_busy(False)
        if isinstance(error, ReportError):
            self._show_message(str(error))
        else:
            log.error("dashboard computation failed", exc_info=error)
            self._show_message(
                self.tr("The figures could not be computed. Details are in the log file; try « Refresh » again.")
            )

    def _set_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.opacity.setOpacity(BUSY_OPACITY if busy and self.report is not None else 1.0)

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # --- showing --------------------------------------------------------------------------------

    def show_figures(self, data: DashboardData) -> None:
        report = data.report
        self.report = report
        period, previous = report.period, report.previous.period
        self.period_label.setText(period.title())
        as_of = report.as_of.astimezone(PARIS)
        self.scope_label.setText(
            self.tr("{scope} · compared with {first} – {last} · figures as of {when}").format(
                scope=_first_upper(report.filter.describe()),
                first=f"{previous.first:%d/%m/%Y}",
                last=f"{previous.last:%d/%m/%Y}",
                when=f"{min(as_of, period.ends.astimezone(PARIS) - timedelta(minutes=1)):%d/%m/%Y %H:%M}",
            )
        )
        self.tiles.show_report(report)
        self.weekly_chart.set_chart(charts.weekly_chart(report))
        self.origin_chart.set_chart(charts.origin_chart(report))
        self.resolution_chart.set_chart(charts.histogram_chart(report.current.resolution.histogram))
        self.backlog_chart.set_chart(charts.histogram_chart(report.current.backlog_age.histogram, "#D08C3A"))
        self.heat_map.set_data(report.heatmap, report.heatmap_closed, data.hours)
        self.clients_table.fill(tables.top_clients_rows(report))
        self.products_table.fill(tables.top_products_rows(report))
        self.technicians_table.fill(tables.technician_rows(report))
        self.backup_table.fill(tables.backup_rows(report, self.tr("over the cap"), self.tr("near the cap")))
        self.rtc_table.fill(tables.rtc_rows(report))
        self.overdue_table.fill(tables.overdue_rows(report))
        self.figures_shown.emit(report)

    # --- drilling down --------------------------------------------------------------------------

    def _period_bounds(self) -> tuple[datetime | None, datetime | None]:
        if self.report is None:
            return None, None
        period = self.report.period
        return period.starts, period.ends

    def incident_filter(
        self, *, client: str | None = None, technician: str | None = None, dated: bool = True
    ) -> IncidentFilter:
        """The Incidents screen's filter for a row: the dashboard's slice, the row's client or technician,
        and the period's dates (opening) when the row counts incidents opened in it."""
        flt = self.report.filter if self.report else ReportFilter()
        opened_from, opened_to = self._period_bounds() if dated else (None, None)
        return IncidentFilter(
            client_code=client or (flt.clients[0] if len(flt.clients) == 1 else None),
            technician_login=technician or flt.technician,
            channel=flt.channel,
            origin=flt.origin,
            opened_from=opened_from,
            opened_to=opened_to,
        )

    def open_client_incidents(self, code: str, dated: bool = True) -> None:
        """The incidents of client ``code``: those opened in the period from the top list; all of them
        from the lists of clients at risk (cap, RTC, versions), which are not about the period's incidents."""
        self.incidents_requested.emit(self.incident_filter(client=code, dated=dated))

    def open_technician_incidents(self, login: str) -> None:
        self.incidents_requested.emit(self.incident_filter(technician=login))

    def summary(self) -> str:
        """One line for logs and tests: the period and the incidents opened."""
        if self.report is None:
            return ""
        return f"{self.report.period.label()}: {number(self.report.current.opened)}"


def _first_upper(text: str) -> str:
    """« Clients C00042 ; canal E-mail »: only the first letter raised (codes keep their case)."""
    return text[:1].upper() + text[1:]
