"""The Incidents screen: a lazy list over any number of incidents, filters, sort by header, and the
selected incident's file with its lifecycle actions (issue 4, R-13, R-14)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.incident_lifecycle import OPEN_STATUSES, Action, TransitionError
from app.domain.vocabulary import Channel, IncidentStatus, Origin
from app.services.incident_queries import IncidentDetail, IncidentFilter, incident_detail
from app.services.incidents import IncidentError
from ui.background import in_session, run_in_background
from ui.incidents.detail_panel import NOTE, IncidentDetailPanel
from ui.incidents.dialogs import DiagnoseDialog, TextDialog
from ui.incidents.operations import apply_action
from ui.intake.operations import Technician
from ui.models.incident_table import Column, IncidentTableModel
from ui.style import set_role

log = logging.getLogger("hotline.ui.incidents")

SEARCH_DELAY_MS = 250
_OPEN = "open"
_PERIOD_DAYS = {"today": 0, "week": 7, "month": 30, "year": 365}
# The number, date, client and title fit without scrolling; the rest is a scroll away.
_WIDTHS = {
    Column.NUMBER: 116,
    Column.OPENED: 132,
    Column.CLIENT: 160,
    Column.TITLE: 250,
    Column.STATUS: 140,
    Column.ORIGIN: 150,
    Column.CHANNEL: 96,
    Column.PRIORITY: 80,
    Column.TECHNICIAN: 120,
}


class IncidentsScreen(QWidget):
    """Filters on top, the list on the left, the selected incident on the right."""

    #: The selected incident's file is on screen.
    detail_shown = Signal(object)
    #: A lifecycle action or a note was recorded (the incident number).
    incident_changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentsScreen")
        self._sessions = context.sessions
        self._technician = Technician(context.technician_login, context.technician_name, context.station or "")
        self._loading_detail = False
        self._acting = False
        self._shown_once = False
        self.dialog: QDialog | None = None

        title = set_role(QLabel(self.tr("Incidents")), "title")
        title.setObjectName("incidentsTitle")
        self.count_label = set_role(QLabel(), "count")
        self.count_label.setObjectName("incidentCountLabel")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addWidget(self.count_label)
        header.addStretch(1)

        self.search_field = QLineEdit()
        self.search_field.setObjectName("incidentSearchField")
        self.search_field.setPlaceholderText(self.tr("Number, words of the title, description, notes, client…"))
        self.search_field.setClearButtonEnabled(True)
        self.client_field = QLineEdit()
        self.client_field.setObjectName("incidentClientFilter")
        self.client_field.setPlaceholderText(self.tr("Client code"))
        self.client_field.setMaximumWidth(120)
        self.status_combo = self._combo("statusFilter", [(self.tr("All statuses"), ""), (self.tr("Open"), _OPEN)])
        for status in IncidentStatus:
            self.status_combo.addItem(status.label, status.value)
        self.origin_combo = self._combo("originFilter", [(self.tr("All origins"), "")])
        for origin in Origin:
            self.origin_combo.addItem(origin.label, origin.value)
        self.channel_combo = self._combo("channelFilter", [(self.tr("All channels"), "")])
        for channel in Channel:
            self.channel_combo.addItem(channel.label, channel.value)
        self.contract_combo = self._combo(
            "contractFilter",
            [
                (self.tr("In and out of contract"), ""),
                (self.tr("Out of contract"), "out"),
                (self.tr("Under contract"), "in"),
            ],
        )
        self.period_combo = self._combo(
            "periodFilter",
            [
                (self.tr("Any date"), ""),
                (self.tr("Today"), "today"),
                (self.tr("Last 7 days"), "week"),
                (self.tr("Last 30 days"), "month"),
                (self.tr("Last 12 months"), "year"),
            ],
        )
        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.search_field.setMinimumWidth(280)
        filters.addWidget(self.search_field, 3)
        filters.addWidget(self.client_field)
        for combo in (self.status_combo, self.origin_combo, self.channel_combo, self.contract_combo, self.period_combo):
            filters.addWidget(combo)

        self.model = IncidentTableModel(self._sessions, self)
        self.table = QTableView()
        self.table.setObjectName("incidentTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _WIDTHS.items():
            head.resizeSection(column, width)
        head.setSortIndicator(Column.OPENED, Qt.SortOrder.DescendingOrder)
        head.setSortIndicatorShown(True)
        head.setSectionsClickable(True)
        head.sortIndicatorChanged.connect(self.model.sort)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.detail_panel = IncidentDetailPanel()
        self.detail_panel.action_requested.connect(self.request_action)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("incidentSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(12)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([690, 420])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_field.textChanged.connect(self._search_timer.start)
        self.client_field.textChanged.connect(self._search_timer.start)
        for combo in (self.status_combo, self.origin_combo, self.channel_combo, self.contract_combo, self.period_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.model.total_changed.connect(self._show_total)
        self.model.window_loaded.connect(self._window_loaded)
        self.model.failed.connect(self._list_failed)

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        # Long labels (« Supports de pointage / périphérique ») must not squeeze the search field.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(11)
        for text, value in items:
            combo.addItem(text, value)
        return combo

    # --- state ----------------------------------------------------------------------------------

    def is_idle(self) -> bool:
        """Nothing on its way: list, file or action."""
        return not (self.model.is_busy() or self._loading_detail or self._acting or self._search_timer.isActive())

    def showEvent(self, event: QShowEvent) -> None:
        """The list loads when first shown, and refreshes each time the screen comes back (an incident
        may have been saved on the call screen meanwhile)."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.apply_filters()
        elif not self.model.is_busy():
            self.model.reload()

    # --- filters --------------------------------------------------------------------------------

    def current_filter(self) -> IncidentFilter:
        """The filter the widgets describe now."""
        status = self.status_combo.currentData()
        statuses: tuple[IncidentStatus, ...] = ()
        if status == _OPEN:
            statuses = tuple(s for s in IncidentStatus if s in OPEN_STATUSES)
        elif status:
            statuses = (IncidentStatus(status),)
        origin = self.origin_combo.currentData()
        channel = self.channel_combo.currentData()
        contract = self.contract_combo.currentData()
        period = self.period_combo.currentData()
        opened_from = None
        if period:
            now = datetime.now(UTC)
            days = _PERIOD_DAYS[period]
            opened_from = now.replace(hour=0, minute=0, second=0, microsecond=0) if days == 0 else now - timedelta(days)
        return IncidentFilter(
            statuses=statuses,
            client_code=self.client_field.text().strip() or None,
            origin=Origin(origin) if origin else None,
            channel=Channel(channel) if channel else None,
            opened_from=opened_from,
            out_of_contract={"out": True, "in": False}.get(contract),
            search=self.search_field.text(),
        )

    def apply_filters(self) -> None:
        """Load the list again for the filters shown."""
        self._search_timer.stop()
        self.count_label.setText(self.tr("Loading…"))
        self.model.set_filter(self.current_filter())

    def _show_total(self, total: int) -> None:
        self.count_label.setText(self.tr("%n incident(s)", "", total))

    def _window_loaded(self, loaded: int) -> None:
        if loaded and not self.table.currentIndex().isValid():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        elif not loaded:
            self.detail_panel.show_message(self.tr("No incident matches these filters."))

    def _list_failed(self, error: BaseException) -> None:
        log.error("incident list failed", exc_info=error)
        self.count_label.setText(self.tr("The list could not be loaded"))
        self.detail_panel.show_message(self.tr("The database did not answer. Check the connection, then try again."))

    # --- the selected incident ------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None:
            self.show_incident(row.number)

    def show_incident(self, number: str) -> None:
        """Load one incident's file in the background."""
        self._loading_detail = True
        self.detail_panel.clear_refusal()
        run_in_background(
            self,
            in_session(self._sessions, incident_detail, number),
            self._show_detail,
            self._detail_failed,
            key="detail",
        )

    def _show_detail(self, detail: IncidentDetail) -> None:
        self._loading_detail = False
        self.detail_panel.show_detail(detail)
        self.detail_shown.emit(detail)

    def _detail_failed(self, error: BaseException) -> None:
        self._loading_detail = False
        if isinstance(error, IncidentError):
            self.detail_panel.show_message(str(error))
            return
        log.error("incident detail failed", exc_info=error)
        self.detail_panel.show_message(self.tr("The incident's file could not be loaded."))

    # --- actions --------------------------------------------------------------------------------

    def request_action(self, action: str) -> None:
        """A lifecycle button was clicked: ask what the action needs, then run it."""
        detail = self.detail_panel.detail
        if detail is None or self._acting:
            return
        number = detail.number
        if action == Action.DIAGNOSE.value:
            dialog = DiagnoseDialog(number, detail.origin, detail.estimate_minutes, self)
            dialog.accepted.connect(
                lambda: self.run_action(number, action, origin=dialog.origin(), estimate=dialog.estimate())
            )
            self._open(dialog)
            return
        prompts = {
            Action.PROPOSE_WORKAROUND.value: (
                self.tr("Propose a workaround"),
                self.tr("The workaround the client must accept (R-12):"),
            ),
            Action.RESOLVE.value: (self.tr("Resolve"), self.tr("How the problem was solved:")),
            Action.REOPEN.value: (self.tr("Reopen"), self.tr("Why the incident is reopened:")),
            NOTE: (self.tr("Add a note"), self.tr("Note for the history:")),
        }
        if action in prompts:
            title, prompt = prompts[action]
            text_dialog = TextDialog(f"{title} — {number}", prompt, self)
            text_dialog.accepted.connect(lambda: self.run_action(number, action, text=text_dialog.text()))
            self._open(text_dialog)
            return
        self.run_action(number, action)

    def _open(self, dialog: QDialog) -> None:
        # open(), not exec(): the event loop keeps running (background results still arrive).
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def run_action(
        self, number: str, action: str, *, text: str = "", origin: Origin | None = None, estimate: int | None = None
    ) -> None:
        """Record the action in the background; a refusal is shown in French and nothing is written."""
        self._acting = True
        self.detail_panel.clear_refusal()
        run_in_background(
            self,
            in_session(self._sessions, apply_action, self._technician, number, action, text, origin, estimate),
            self._acted,
            self._action_failed,
            key="action",
        )

    def _acted(self, detail: IncidentDetail) -> None:
        self._acting = False
        self.model.update_row(detail.number, status=detail.status, origin=detail.origin, priority=detail.priority)
        self.detail_panel.show_detail(detail)
        self.incident_changed.emit(detail.number)

    def _action_failed(self, error: BaseException) -> None:
        self._acting = False
        if isinstance(error, IncidentError | TransitionError):
            self.detail_panel.show_refusal(str(error))
            return
        log.error("incident action failed", exc_info=error)
        self.detail_panel.show_refusal(self.tr("The action could not be recorded. Nothing was changed."))
