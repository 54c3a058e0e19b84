"""The Incidents screen: a lazy list over any number of incidents, filters (technician included), sort by
header, and the selected incident's file with its lifecycle actions, priority, wait on the client and
out-of-contract exclusion (issue 4, R-07, R-13, R-14, R-17)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.incident_lifecycle import OPEN_STATUSES, Action, TransitionError
from app.domain.opening_hours import PARIS
from app.domain.vocabulary import Channel, Exclusion, IncidentStatus, Origin
from app.services.incident_queries import IncidentDetail, IncidentFilter, incident_detail
from app.services.incidents import IncidentError
from app.services.staff import TechnicianInfo, list_technicians
from ui.background import in_session, run_in_background
from ui.documents.controller import IncidentDocuments
from ui.incidents.detail_panel import NOTE, OUT_OF_CONTRACT, TELEMAINTENANCE, IncidentDetailPanel, current_exclusion
from ui.incidents.dialogs import DiagnoseDialog, ExclusionDialog, TextDialog
from ui.incidents.list_columns import column_menu, show_main_columns
from ui.incidents.operations import apply_action, change_exclusion, change_priority, change_waiting
from ui.intake.operations import Technician
from ui.models.incident_table import Column, IncidentTableModel
from ui.style import set_role
from ui.widgets.list_table import list_table

log = logging.getLogger("hotline.ui.incidents")

SEARCH_DELAY_MS = 250
_OPEN = "open"
# A period of dates set by another screen (the dashboard's « these incidents »), not one of the presets.
_DATES = "dates"
_PERIOD_DAYS = {"today": 0, "week": 7, "month": 30, "year": 365}
# The list gets most of the width (five columns to read without scrolling at 1360 px); the file beside
# it keeps the width its three columns of buttons need.
_SPLIT = (62, 38)


class IncidentsScreen(QWidget):
    """Filters on top, the list on the left, the selected incident on the right."""

    #: The selected incident's file is on screen.
    detail_shown = Signal(object)
    #: A lifecycle action or a note was recorded (the incident number).
    incident_changed = Signal(str)
    #: A remote maintenance was prepared from the incident shown (its reference).
    telemaintenance_started = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentsScreen")
        self._sessions = context.sessions
        self._technician = Technician(context.technician_login, context.technician_name, context.station or "")
        self._loading_detail = False
        self._acting = False
        self._loading_staff = False
        self._shown_once = False
        self._split_done = False
        self._dates: tuple[datetime | None, datetime | None] = (None, None)
        self.dialog: QDialog | None = None

        title = set_role(QLabel(self.tr("Incidents")), "title")
        title.setObjectName("incidentsTitle")
        self.count_label = set_role(QLabel(), "count")
        self.count_label.setObjectName("incidentCountLabel")

        self.search_field = QLineEdit()
        self.search_field.setObjectName("incidentSearchField")
        self.search_field.setPlaceholderText(self.tr("Number, words of the title, description, notes, client…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(360)
        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(title)
        header.addWidget(self.count_label)
        header.addStretch(1)
        header.addWidget(self.search_field, 2)

        self.client_field = QLineEdit()
        self.client_field.setObjectName("incidentClientFilter")
        self.client_field.setPlaceholderText(self.tr("Client code"))
        self.client_field.setMaximumWidth(110)
        self.technician_combo = self._combo("technicianFilter", [(self.tr("All technicians"), "")])
        self.technician_combo.setMinimumContentsLength(14)
        self.technician_combo.setAccessibleName(self.tr("Technician"))
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
        filters.addWidget(self.client_field)
        for combo in self._filter_combos():
            filters.addWidget(combo, 1)

        self.model = IncidentTableModel(self._sessions, self)
        self.table = list_table(self.model, "incidentTable")
        head = self.table.horizontalHeader()
        show_main_columns(self.table)
        head.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        head.customContextMenuRequested.connect(self._column_menu)
        head.setToolTip(self.tr("Right-click to choose the columns shown."))
        head.setSortIndicator(Column.OPENED, Qt.SortOrder.DescendingOrder)
        head.setSortIndicatorShown(True)
        head.setSectionsClickable(True)
        head.sortIndicatorChanged.connect(self.model.sort)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.detail_panel = IncidentDetailPanel()
        self.detail_panel.action_requested.connect(self.request_action)
        self.detail_panel.waiting_requested.connect(self._waiting_chosen)
        self.detail_panel.priority_requested.connect(self._priority_chosen)
        self.documents = IncidentDocuments(self._sessions, self._technician, self)
        self.detail_panel.documents_button.document_requested.connect(self.request_document)
        self.documents.busy_changed.connect(self._documents_busy)
        self.documents.document_issued.connect(self._document_issued)
        self.documents.failed.connect(self.detail_panel.show_refusal)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("incidentSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(10)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_panel)
        self.splitter.setStretchFactor(0, _SPLIT[0])
        self.splitter.setStretchFactor(1, _SPLIT[1])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_field.textChanged.connect(self._search_timer.start)
        self.client_field.textChanged.connect(self._search_timer.start)
        for combo in self._filter_combos():
            combo.currentIndexChanged.connect(self.apply_filters)
        self.model.total_changed.connect(self._show_total)
        self.model.window_loaded.connect(self._window_loaded)
        self.model.failed.connect(self._list_failed)

    def _filter_combos(self) -> tuple[QComboBox, ...]:
        return (
            self.technician_combo,
            self.status_combo,
            self.origin_combo,
            self.channel_combo,
            self.contract_combo,
            self.period_combo,
        )

    def _column_menu(self, position: QPoint) -> None:
        self.column_menu = column_menu(self.table, position)

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
        return not (
            self.model.is_busy()
            or self._loading_detail
            or self._acting
            or self._loading_staff
            or self.documents.is_busy()
            or self._search_timer.isActive()
        )

    def showEvent(self, event: QShowEvent) -> None:
        """The list loads when first shown, and refreshes each time the screen comes back (an incident
        may have been saved on the call screen meanwhile)."""
        super().showEvent(event)
        self._split_width()
        # Technicians come and go (a first action creates the technician's row): refresh the filter too.
        self.load_technicians()
        if not self._shown_once:
            self._shown_once = True
            self.apply_filters()
        elif not self.model.is_busy():
            self.model.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Split the width 60/40 once the screen has its real size."""
        super().resizeEvent(event)
        self._split_width()

    def _split_width(self) -> None:
        # Only once shown and laid out: sizes given earlier are rescaled by Qt from a meaningless width.
        # Later, the stretch factors keep the proportion and the technician's own dragging.
        if self._split_done or not self.isVisible() or self.splitter.width() < 200:
            return
        self._split_done = True
        available = self.splitter.width() - self.splitter.handleWidth()
        self.splitter.setSizes([available * _SPLIT[0] // 100, available * _SPLIT[1] // 100])

    def load_technicians(self) -> None:
        """Fill the technician filter in the background (the choice made is kept)."""
        self._loading_staff = True
        run_in_background(
            self,
            in_session(self._sessions, list_technicians),
            self._show_technicians,
            self._technicians_failed,
            key="technicians",
        )

    def _show_technicians(self, technicians: list[TechnicianInfo]) -> None:
        self._loading_staff = False
        combo = self.technician_combo
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for person in technicians:
                name = person.full_name if person.active else self.tr("{name} (inactive)").format(name=person.full_name)
                combo.addItem(name, person.login)
                combo.setItemData(combo.count() - 1, person.role_label, Qt.ItemDataRole.ToolTipRole)
            index = combo.findData(chosen)
        finally:
            combo.blockSignals(False)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setCurrentIndex(0)  # the technician chosen is gone: the list filters on nobody again

    def _technicians_failed(self, error: BaseException) -> None:
        # The list itself says when the database is away; the filter just keeps « all technicians ».
        self._loading_staff = False
        log.error("technician list failed", exc_info=error)

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
        opened_from = opened_to = None
        if period == _DATES:
            opened_from, opened_to = self._dates
        elif period:
            now = datetime.now(UTC)
            days = _PERIOD_DAYS[period]
            opened_from = now.replace(hour=0, minute=0, second=0, microsecond=0) if days == 0 else now - timedelta(days)
        return IncidentFilter(
            statuses=statuses,
            client_code=self.client_field.text().strip() or None,
            origin=Origin(origin) if origin else None,
            channel=Channel(channel) if channel else None,
            opened_from=opened_from,
            opened_to=opened_to,
            technician_login=self.technician_combo.currentData() or None,
            out_of_contract={"out": True, "in": False}.get(contract),
            search=self.search_field.text(),
        )

    def apply_filters(self) -> None:
        """Load the list again for the filters shown."""
        self._search_timer.stop()
        self.count_label.setText(self.tr("Loading…"))
        self.model.set_filter(self.current_filter())

    def show_filter(self, flt: IncidentFilter) -> None:
        """List the incidents ``flt`` describes (another screen's « open these incidents »): the filter
        widgets show it, and a span of opening dates gets its own entry in the period list."""
        widgets = (self.search_field, self.client_field, *self._filter_combos())
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search_field.setText(flt.search)
            self.client_field.setText(flt.client_code or "")
            login = flt.technician_login or ""
            _select(self.technician_combo, login, login)  # named properly once the staff list is read
            status = ""
            if flt.statuses and set(flt.statuses) == set(OPEN_STATUSES):
                status = _OPEN
            elif len(flt.statuses) == 1:
                status = flt.statuses[0].value
            _select(self.status_combo, status)
            _select(self.origin_combo, flt.origin.value if flt.origin else "")
            _select(self.channel_combo, flt.channel.value if flt.channel else "")
            _select(self.contract_combo, {True: "out", False: "in"}.get(flt.out_of_contract, ""))  # type: ignore[arg-type]
            combo = self.period_combo
            stale = combo.findData(_DATES)
            if stale >= 0:
                combo.removeItem(stale)
            self._dates = (flt.opened_from, flt.opened_to)
            if flt.opened_from or flt.opened_to:
                combo.addItem(self._dates_label(flt.opened_from, flt.opened_to), _DATES)
                combo.setCurrentIndex(combo.count() - 1)
            else:
                combo.setCurrentIndex(0)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.apply_filters()

    def _dates_label(self, opened_from: datetime | None, opened_to: datetime | None) -> str:
        """« Du 01/10/2026 au 31/10/2026 » in Paris dates (``opened_to`` is the first instant left out)."""
        first = f"{opened_from.astimezone(PARIS):%d/%m/%Y}" if opened_from else "…"
        last = f"{(opened_to - timedelta(microseconds=1)).astimezone(PARIS):%d/%m/%Y}" if opened_to else "…"
        return self.tr("From {first} to {last}").format(first=first, last=last)

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

    def show_incident(self, number: str, *, keep_message: bool = False) -> None:
        """Load one incident's file in the background (``keep_message``: a refusal stays under it)."""
        self._loading_detail = True
        if not keep_message:
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
        if action == OUT_OF_CONTRACT:
            self.open_exclusion_dialog()
            return
        if action == TELEMAINTENANCE:
            from ui.telemaintenance import StartTelemaintenanceDialog

            start = StartTelemaintenanceDialog(self._sessions, self._technician, number, self)
            start.started.connect(self._telemaintenance_started)
            self._open(start)
            return
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

    def request_document(self, kind: str) -> None:
        """Issue a document of the incident shown (progress or signed intervention report) and preview it."""
        if self.detail_panel.detail is not None:
            self.detail_panel.clear_refusal()
            self.documents.request(kind, self.detail_panel.detail.number)

    def _documents_busy(self, busy: bool) -> None:
        self.detail_panel.documents_button.set_busy(busy)
        if not busy:
            self.detail_panel.documents_button.setEnabled(self.detail_panel.detail is not None)

    def _document_issued(self, number: str) -> None:
        # The file lists the incident's documents: show the new one.
        if self.detail_panel.detail is not None and self.detail_panel.detail.number == number:
            self.show_incident(number)

    def _telemaintenance_started(self, reference: str) -> None:
        # The incident's history gained a line: show it, then let the window open the stepper.
        if self.detail_panel.detail is not None:
            self.show_incident(self.detail_panel.detail.number)
        self.telemaintenance_started.emit(reference)

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
            lambda error: self._action_failed(error, number),
            key="action",
        )

    def open_exclusion_dialog(self) -> None:
        """R-07: ask which exclusion makes the request billable (or « under contract »), then record it."""
        detail = self.detail_panel.detail
        if detail is None or self._acting:
            return
        number = detail.number
        dialog = ExclusionDialog(number, current_exclusion(detail), self)
        dialog.accepted.connect(lambda: self.set_exclusion(number, dialog.exclusion()))
        self._open(dialog)

    def set_exclusion(self, number: str, exclusion: Exclusion | None) -> None:
        """Mark incident ``number`` out of contract with ``exclusion`` (None: back under contract)."""
        self._change(change_exclusion, number, exclusion)

    def set_waiting(self, number: str, reason: str | None) -> None:
        """Incident ``number`` waits on the client for ``reason`` (None: no longer); the service-level
        clock pauses meanwhile (R-17). A resolved or closed incident is refused, in French."""
        self._change(change_waiting, number, reason)

    def set_priority(self, number: str, priority: int) -> None:
        """Give incident ``number`` a new priority (1 blocking … 4 minor)."""
        self._change(change_priority, number, priority)

    def _waiting_chosen(self, reason: str | None) -> None:
        if self.detail_panel.detail is not None:
            self.set_waiting(self.detail_panel.detail.number, reason)

    def _priority_chosen(self, priority: int) -> None:
        if self.detail_panel.detail is not None:
            self.set_priority(self.detail_panel.detail.number, priority)

    def _change(self, operation: Callable[..., IncidentDetail], number: str, value: object) -> None:
        self._acting = True
        self.detail_panel.clear_refusal()
        run_in_background(
            self,
            in_session(self._sessions, operation, self._technician, number, value),
            self._acted,
            lambda error: self._action_failed(error, number),
            key="action",
        )

    def _acted(self, detail: IncidentDetail) -> None:
        self._acting = False
        self.model.update_row(
            detail.number,
            status=detail.status,
            origin=detail.origin,
            priority=detail.priority,
            out_of_contract=detail.out_of_contract,
        )
        self.detail_panel.show_detail(detail)
        self.incident_changed.emit(detail.number)

    def _action_failed(self, error: BaseException, number: str) -> None:
        self._acting = False
        # The controls go back to what the incident holds, and its file is read again: a refusal often
        # means someone else changed it meanwhile (closed it, say).
        self.detail_panel.reset_controls()
        if isinstance(error, IncidentError | TransitionError):
            self.detail_panel.show_refusal(str(error))
        else:
            log.error("incident action failed", exc_info=error)
            self.detail_panel.show_refusal(self.tr("The action could not be recorded. Nothing was changed."))
        self.show_incident(number, keep_message=True)


def _select(combo: QComboBox, value: str, missing_label: str = "") -> None:
    """Select the entry holding ``value``; add it (as ``missing_label``) when the list lacks it."""
    index = combo.findData(value)
    if index < 0 and missing_label:
        combo.addItem(missing_label, value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))
