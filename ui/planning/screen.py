"""The Planning screen: the hotline's month (opening hours, holidays, training days, closures, planned
service interruptions) and the edits of training days and exceptional closures (R-15, R-16, R-21).

Every read and every edit runs in the background through ``ui.background``; the services decide, and a
refused edit shows their French reason here, with nothing saved.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.services.calendar_config import CalendarConfigError
from ui.background import run_in_background
from ui.planning.month_days import build_month
from ui.planning.month_grid import MonthGrid
from ui.planning.operations import PlanningData, delete_closure, load_planning, save_closure, save_training_days
from ui.planning.rota_panel import RotaPanel
from ui.planning.side_panel import PlanningSidePanel
from ui.planning.status_indicator import paris_now
from ui.style import BORDER, DAY_COLOURS, set_role

log = logging.getLogger("hotline.ui.planning")


class PlanningScreen(QWidget):
    """Month grid with navigation and legend on the left, the year's closures and the edit forms on the
    right. ``now`` is the clock (injectable for tests): it picks the month shown first and today's cell."""

    #: A training day or closure edit was saved: the hotline calendar is different now.
    calendar_changed = Signal()
    #: A month is on screen (year, month).
    month_shown = Signal(int, int)
    #: An edit was refused or failed; the French message shown.
    edit_refused = Signal(str)

    def __init__(
        self, context: AppContext, now: Callable[[], datetime] = paris_now, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planningScreen")
        self._context = context
        self.now = now
        today = now().date()
        self.year, self.month = today.year, today.month
        self.data: PlanningData | None = None
        self._loading = False
        self._saving = False
        self._started = False

        title = set_role(QLabel(self.tr("Planning")), "title")
        title.setObjectName("planningTitle")
        subtitle = set_role(
            QLabel(self.tr("Opening hours, public holidays, training days, closures and service interruptions")),
            "subtitle",
        )

        self.previous_button = QPushButton("‹")
        self.previous_button.setObjectName("planningPreviousMonth")
        self.previous_button.setToolTip(self.tr("Previous month"))
        self.next_button = QPushButton("›")
        self.next_button.setObjectName("planningNextMonth")
        self.next_button.setToolTip(self.tr("Next month"))
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(36)
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setObjectName("planningToday")
        self.month_title = QLabel()
        self.month_title.setObjectName("planningMonthTitle")
        self.month_title.setMinimumWidth(180)
        self.previous_button.clicked.connect(lambda: self.show_month(*_shift(self.year, self.month, -1)))
        self.next_button.clicked.connect(lambda: self.show_month(*_shift(self.year, self.month, 1)))
        self.today_button.clicked.connect(self.show_today)

        navigation = QHBoxLayout()
        navigation.setSpacing(6)
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.next_button)
        navigation.addWidget(self.month_title)
        navigation.addStretch(1)
        navigation.addWidget(self.today_button)

        self.grid = MonthGrid()
        self.grid.day_clicked.connect(self._day_clicked)
        self.side_panel = PlanningSidePanel()
        self.side_panel.training_days_requested.connect(self.save_training_days)
        self.side_panel.closure_requested.connect(self.add_closure)
        self.side_panel.removal_requested.connect(self.remove_closure)

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(navigation)
        left.addWidget(self.grid, 1)
        left.addWidget(self._legend())

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(left, 1)
        body.addWidget(self.side_panel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        # The month's calendar and the rota (« Permanences ») side by side as tabs.
        calendar_tab = QWidget()
        calendar_tab.setLayout(body)
        body.setContentsMargins(0, 8, 0, 0)
        self.rota_panel = RotaPanel(context, now)
        self.rota_panel.rota_changed.connect(self.calendar_changed)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("planningTabs")
        self.tabs.addTab(calendar_tab, self.tr("Calendar"))
        self.tabs.addTab(self.rota_panel, self.tr("Rota"))
        layout.addWidget(self.tabs, 1)
        self._show_title()

    # --- labels ---------------------------------------------------------------------------------

    def service_names(self) -> dict[str, str]:
        """Short names of the hosted services, as the grid shows them."""
        return {"portal_hosting": self.tr("Portal"), "jet_clouding": self.tr("Jet Clouding")}

    def _legend(self) -> QWidget:
        legend = QWidget()
        legend.setObjectName("planningLegend")
        # Two rows of four: one row does not fit beside the side panel on a 1360-pixel window.
        grid = QGridLayout(legend)
        grid.setContentsMargins(0, 2, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        entries = [
            ("open", self.tr("Open")),
            ("weekend", self.tr("Weekend")),
            ("holiday", self.tr("Public holiday")),
            ("training", self.tr("Internal training")),
            ("closure", self.tr("Exceptional closure")),
            ("interruption", self.tr("Service interruption")),
        ]
        for index, (kind, text) in enumerate(entries):
            grid.addWidget(_swatch(kind, text), index // 4, index % 4)
        warning = QLabel(self.tr("⚠ not announced (over 1 hour)"))
        warning.setStyleSheet(f"color: {DAY_COLOURS['warning'][1]};")
        grid.addWidget(warning, 1, 2, 1, 2)
        grid.setColumnStretch(4, 1)
        return legend

    def _show_title(self) -> None:
        name = QLocale().standaloneMonthName(self.month, QLocale.FormatType.LongFormat)
        self.month_title.setText(f"{name[:1].upper()}{name[1:]} {self.year}")

    # --- state ----------------------------------------------------------------------------------

    def is_idle(self) -> bool:
        """True once a month is on screen and nothing is being read or saved."""
        return self.data is not None and not self._loading and not self._saving

    def showEvent(self, event: QShowEvent) -> None:
        # Read the calendar only when the screen is first shown: the application starts faster.
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    # --- navigation -----------------------------------------------------------------------------

    def show_month(self, year: int, month: int) -> None:
        """Show ``month`` of ``year`` (read in the background)."""
        self.year, self.month = year, month
        self._show_title()
        self.reload()

    def show_today(self) -> None:
        """Back to the current month."""
        today = self.now().date()
        self.show_month(today.year, today.month)

    def reload(self) -> None:
        """Read the shown month again."""
        self._started = True
        self._loading = True
        run_in_background(
            self,
            load_planning(self._context.sessions, self.year, self.month),
            self._loaded,
            self._load_failed,
            key="planning-month",
        )

    def _loaded(self, data: PlanningData) -> None:
        self._loading = False
        self.data = data
        calendar = data.calendar
        names = self.service_names()
        weeks = build_month(calendar, self.year, self.month, data.interruptions, names, self.tr("Closed {start}–{end}"))
        self.grid.set_month(weeks, self.now().date())
        if calendar.first_year <= self.year <= calendar.last_year:
            self.side_panel.set_year(
                self.year,
                calendar.closures_in_year(self.year),
                data.entries,
                calendar.configuration_warnings(self.year),
                sorted(d for d in calendar.training_days if d.year == self.year),
            )
        self.side_panel.set_interruptions(data.interruptions, names)
        self.month_shown.emit(self.year, self.month)

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        log.error("planning not loaded", exc_info=error)
        self.side_panel.show_message(self.tr("The calendar could not be read: the database did not answer."), "danger")

    def _day_clicked(self, day: date) -> None:
        self.side_panel.set_form_day(day)

    # --- edits ----------------------------------------------------------------------------------

    def save_training_days(self, year: int, days: list[date]) -> None:
        """Store ``days`` as the internal training days of ``year``."""
        self._run_edit(save_training_days(self._context.sessions, year, days), self.tr("Training days saved."))

    def add_closure(self, reason: str, day: date | None, start: datetime | None, end: datetime | None) -> None:
        """Record an exceptional closure of a whole ``day`` or from ``start`` to ``end`` (Paris time)."""
        self._run_edit(
            save_closure(self._context.sessions, reason, day=day, start=start, end=end),
            self.tr("Closure added."),
            clear_reason=True,
        )

    def remove_closure(self, closure_id: uuid.UUID) -> None:
        """Remove a stored exceptional closure."""
        self._run_edit(delete_closure(self._context.sessions, closure_id), self.tr("Closure removed."))

    def _run_edit(self, op: Callable[[], list[str] | None], done: str, *, clear_reason: bool = False) -> None:
        self._saving = True
        run_in_background(self, op, lambda warnings: self._edit_saved(done, warnings, clear_reason), self._edit_failed)

    def _edit_saved(self, done: str, warnings: list[str] | None, clear_reason: bool) -> None:
        self._saving = False
        if warnings:
            self.side_panel.show_message(done + "\n" + "\n".join(f"⚠ {w}" for w in warnings), "warn")
        else:
            self.side_panel.show_message(done, "ok")
        if clear_reason:
            self.side_panel.closure_reason.clear()
        self.calendar_changed.emit()
        self.reload()

    def _edit_failed(self, error: BaseException) -> None:
        self._saving = False
        if isinstance(error, CalendarConfigError | ValueError):
            text = self.tr("Not saved: {reason}").format(reason=str(error))
        else:
            log.error("planning edit failed", exc_info=error)
            text = self.tr("Not saved: the database did not answer. Try again in a moment.")
        self.side_panel.show_message(text, "danger")
        self.edit_refused.emit(text)


def _shift(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + step
    return index // 12, index % 12 + 1


def _swatch(kind: str, text: str) -> QWidget:
    item = QWidget()
    row = QHBoxLayout(item)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(5)
    box = QFrame()
    box.setFixedSize(14, 14)
    box.setStyleSheet(f"background: {DAY_COLOURS[kind][0]}; border: 1px solid {BORDER}; border-radius: 3px;")
    label = QLabel(text)
    row.addWidget(box)
    row.addWidget(label)
    return item
