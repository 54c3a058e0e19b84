"""The Télémaintenance screen (R-18, issue 6): the interventions on the left, longest waiting first, and the
selected one on the right as a vertical stepper of the six steps, with its record at the bottom.

Every read and write runs in the background (``ui.background``); a step refused by the service is shown in
French in the step concerned, and nothing is written. Step 1 issues the information and consent form and
step 6 the report signed on screen (« Faire signer »), unless the technician names a document already
sent; the document issued, or the one a done step sent, opens in the print preview.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.telemaintenance import (
    ConfirmedPrecaution,
    ConsentWarning,
    Step,
    TelemaintenanceError,
)
from app.domain.telemaintenance_codec import TelemaintenanceState
from app.services.incidents import IncidentError
from app.services.telemaintenance import TelemaintenanceSummary, TelemaintenanceView
from ui.background import in_session, run_in_background
from ui.intake.operations import Technician
from ui.models.incident_table import local_time
from ui.style import set_role
from ui.telemaintenance import operations
from ui.telemaintenance.dialogs import EndingDialog
from ui.telemaintenance.evidence import hotline_duration
from ui.telemaintenance.forms import REFUSE
from ui.telemaintenance.list_model import Column, MiddleElideDelegate, TelemaintenanceTableModel
from ui.telemaintenance.stepper import Stepper
from ui.telemaintenance.style import STYLE_SHEET
from ui.widgets.badge import make_badge
from ui.widgets.list_table import list_table
from ui.widgets.text import read_only_label

log = logging.getLogger("hotline.ui.telemaintenance")

# The list gets the larger share for its five columns; the stepper keeps at least what its forms need.
_SPLIT = (55, 45)
_DETAIL_MIN_WIDTH = 480
# Enough for most names of public bodies (« Mairie de Maxéville », « SIVU du Haut-Chablais »).
_CLIENT_WIDTH = 150
_OPERATIONS: dict[str, Callable[..., TelemaintenanceView | operations.Shown]] = {
    "inform": operations.inform,
    "inform_with_form": operations.inform_with_form,
    "report_issued": operations.report_issued,
    "consent": operations.consent,
    "confirm_precautions": operations.confirm_precautions,
    "begin": operations.begin,
    "finish": operations.finish,
    "notify": operations.notify,
    "report": operations.report,
    "refuse": operations.refuse,
    "withdraw": operations.withdraw,
}


def state_tone(state: TelemaintenanceState) -> str:
    """The badge colour of a state: waiting on the client warns, a refusal is red, the end is green."""
    if state.waiting_on_client:
        return "warn"
    if state in (TelemaintenanceState.REFUSED, TelemaintenanceState.WITHDRAWN):
        return "danger"
    if state is TelemaintenanceState.DONE:
        return "ok"
    return "info"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _same_progress(a: TelemaintenanceView, b: TelemaintenanceView) -> bool:
    return (
        len(a.workflow.steps) == len(b.workflow.steps)
        and (a.workflow.ending is None) == (b.workflow.ending is None)
        and a.begun_at == b.begun_at
    )


class TelemaintenanceScreen(QWidget):
    """The list of interventions and the selected one's stepper."""

    #: A step was recorded (the intervention's reference).
    telemaintenance_changed = Signal(str)
    #: The selected intervention is on screen.
    view_shown = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("telemaintenanceScreen")
        self.setStyleSheet(STYLE_SHEET)
        self._sessions = context.sessions
        self._technician = Technician(context.technician_login, context.technician_name, context.station or "")
        self._loading_list = False
        self._loading_view = False
        self._recording = False
        self._fetching_document = False
        self._shown_once = False
        self._split_done = False
        self._wanted: str | None = None
        self._pending_error: tuple[str, Step | None] | None = None
        self.view: TelemaintenanceView | None = None
        self.documented: frozenset[Step] = frozenset()
        self.stepper: Stepper | None = None
        self.dialog: QDialog | None = None
        self.sign_dialog: QDialog | None = None
        self.preview: QDialog | None = None

        title = set_role(QLabel(self.tr("Remote maintenance")), "title")
        title.setObjectName("telemaintenanceTitle")
        self.count_label = set_role(QLabel(), "count")
        self.count_label.setObjectName("tmCountLabel")
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[str, QPushButton] = {}
        filters = QHBoxLayout()
        filters.setSpacing(0)
        for key, text, name in (
            (operations.IN_PROGRESS, self.tr("In progress"), "tmFilterInProgress"),
            (operations.WAITING, self.tr("Waiting on the client"), "tmFilterWaiting"),
            (operations.ALL, self.tr("All"), "tmFilterAll"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setCheckable(True)
            button.setProperty("segment", True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.filter_group.addButton(button)
            self.filter_buttons[key] = button
            filters.addWidget(button)
        self.filter_buttons[operations.IN_PROGRESS].setChecked(True)
        self.filter_group.buttonClicked.connect(lambda _b: self.reload_list())
        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(title)
        header.addWidget(self.count_label)
        header.addStretch(1)
        header.addLayout(filters)

        self.model = TelemaintenanceTableModel(self)
        self.table = list_table(self.model, "telemaintenanceTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        head = self.table.horizontalHeader()
        head.setStretchLastSection(False)
        for column in (Column.REFERENCE, Column.SINCE):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The client gets a readable width, a long name elided in its middle (the full name is the
        # tooltip); the incident's title takes what is left; a long state is elided (full label in tooltip).
        head.setSectionResizeMode(Column.CLIENT, QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(Column.STATE, QHeaderView.ResizeMode.Interactive)
        self.table.setItemDelegateForColumn(Column.CLIENT, MiddleElideDelegate(self.table))
        self.table.setColumnWidth(Column.CLIENT, _CLIENT_WIDTH)
        self.table.setColumnWidth(Column.STATE, 138)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("telemaintenanceDetailPanel")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The step forms need this much; the splitter never squeezes the stepper below it.
        self.scroll.setMinimumWidth(_DETAIL_MIN_WIDTH)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("tmSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(10)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.scroll)
        self.splitter.setStretchFactor(0, _SPLIT[0])
        self.splitter.setStretchFactor(1, _SPLIT[1])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        self.show_message(self.tr("Select a remote maintenance to follow its steps."))

    # --- state ----------------------------------------------------------------------------------

    def is_idle(self) -> bool:
        """Nothing on its way: list, intervention or step."""
        return not (self._loading_list or self._loading_view or self._recording or self._fetching_document)

    def current_filter(self) -> str:
        return next(key for key, button in self.filter_buttons.items() if button.isChecked())

    def set_filter(self, key: str) -> None:
        """Show the interventions in progress, those waiting on the client, or all of them."""
        self.filter_buttons[key].setChecked(True)
        self.reload_list()

    def showEvent(self, event: QShowEvent) -> None:
        """Load the list when first shown, and refresh it each time the screen comes back."""
        super().showEvent(event)
        self._split_width()
        if not self._shown_once:
            self._shown_once = True
            self.reload_list()
        elif self.is_idle():
            self.reload_list()
            if self.view is not None:
                self.load(self.view.reference)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._split_width()

    def _split_width(self) -> None:
        if self._split_done or not self.isVisible() or self.splitter.width() < 200:
            return
        self._split_done = True
        available = self.splitter.width() - self.splitter.handleWidth()
        self.splitter.setSizes([available * _SPLIT[0] // 100, available * _SPLIT[1] // 100])

    # --- the list -------------------------------------------------------------------------------

    def reload_list(self) -> None:
        """Load the list again for the filter chosen (the selection is kept when still listed)."""
        self._shown_once = True
        self._loading_list = True
        self.count_label.setText(self.tr("Loading…"))
        run_in_background(
            self,
            in_session(self._sessions, operations.load_list, self.current_filter()),
            self._show_list,
            self._list_failed,
            key="list",
        )

    def _show_list(self, rows: list[TelemaintenanceSummary]) -> None:
        self._loading_list = False
        wanted = self._wanted or (self.view.reference if self.view else None)
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("%n intervention(s)", "", len(rows)))
        row = self.model.row_of(wanted) if wanted else None
        if row is None and self._wanted and self.current_filter() != operations.ALL:
            self.set_filter(operations.ALL)  # a finished one is only in « all »
            return
        if row is None and wanted is None and rows:
            row = 0
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.model.index(row, 0))
        elif not rows and self.view is None:
            if self.current_filter() == operations.WAITING:
                self.show_message(self.tr("No remote maintenance is waiting on the client."))
            else:
                self.show_message(
                    self.tr("No remote maintenance in progress. Prepare one from an incident's file (Incidents).")
                )
        self._wanted = None

    def _list_failed(self, error: BaseException) -> None:
        self._loading_list = False
        log.error("telemaintenance list failed", exc_info=error)
        self.count_label.setText(self.tr("The list could not be loaded"))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is not None and (self.view is None or self.view.reference != row.reference):
            self.load(row.reference)

    # --- one intervention -----------------------------------------------------------------------

    def show_reference(self, reference: str) -> None:
        """Open intervention ``reference`` (e.g. just prepared from an incident) and select it in the list."""
        self._wanted = reference
        self.load(reference)
        self.reload_list()

    def load(self, reference: str) -> None:
        """Read one intervention in the background and show it."""
        self._loading_view = True
        run_in_background(
            self,
            in_session(self._sessions, operations.shown(operations.load_view), reference),
            self._loaded,
            self._view_failed,
            key="view",
        )

    def _loaded(self, shown: operations.Shown) -> None:
        self._loading_view = False
        view = shown.view
        self.documented = shown.documented
        pending, self._pending_error = self._pending_error, None
        if (
            pending is not None
            and self.view is not None
            and self.view.id == view.id
            and _same_progress(self.view, view)
        ):
            # Nothing changed meanwhile: keep the form as typed, only show why it was refused.
            self.view = view
            self._show_error(*pending)
            return
        self.show_view(view, focus_step=pending is not None)
        if pending is not None:
            self._show_error(*pending)

    def _view_failed(self, error: BaseException) -> None:
        self._loading_view = False
        self._pending_error = None
        if isinstance(error, TelemaintenanceError):
            self.show_message(str(error))
            return
        log.error("telemaintenance view failed", exc_info=error)
        self.show_message(self.tr("The remote maintenance could not be loaded."))

    def show_message(self, text: str) -> None:
        """No intervention shown: a hint or an error."""
        self.view = None
        self.stepper = None
        content, layout = self._new_content()
        layout.addWidget(read_only_label(text, "muted", "tmDetailMessage"))
        layout.addStretch(1)
        self.scroll.setWidget(content)

    def show_view(self, view: TelemaintenanceView, *, focus_step: bool = False) -> None:
        """Show one intervention: header, stepper and record (``focus_step``: scrolled to the step
        expected now, as after recording one)."""
        self.view = view
        content, layout = self._new_content()
        self._header(view, layout)
        self.top_error = QLabel()
        self.top_error.setObjectName("tmTopError")
        self.top_error.setProperty("tone", "danger")
        self.top_error.setWordWrap(True)
        self.top_error.setTextFormat(Qt.TextFormat.PlainText)
        self.top_error.hide()
        layout.addWidget(self.top_error)
        layout.addWidget(read_only_label(self.tr("STEPS (R-18)"), "section"))
        self.stepper = Stepper(view, self.documented)
        self.stepper.document_requested.connect(self.show_document)
        form = self.stepper.form
        if form is not None:
            form.requested.connect(self.request)
            form.ending_requested.connect(self.open_ending_dialog)
            form.invalid.connect(self._form_invalid)
        layout.addWidget(self.stepper)
        self._record(view, layout)
        layout.addStretch(1)
        self.scroll.setWidget(content)
        self.view_shown.emit(view)
        if focus_step and view.next_step is not None:
            row = self.stepper.rows[view.next_step]
            QTimer.singleShot(0, lambda: self._scroll_to(row))

    def _scroll_to(self, row: QWidget) -> None:
        if self.stepper is not None and row in self.stepper.rows.values():
            self.scroll.ensureWidgetVisible(row, 0, 40)

    def _header(self, view: TelemaintenanceView, layout: QVBoxLayout) -> None:
        # The reference on its own line, the state under it: side by side they would not fit the panel.
        reference = read_only_label(view.reference, None, "tmHeaderReference")
        reference.setWordWrap(False)
        layout.addWidget(reference)
        badges = QHBoxLayout()
        badges.addWidget(make_badge(_capitalised(view.state.label), state_tone(view.state), "tmStateBadge"))
        badges.addStretch(1)
        layout.addLayout(badges)
        layout.addWidget(read_only_label(f"{view.client_name} ({view.client_code})", None, "tmHeaderClient"))
        layout.addWidget(
            read_only_label(
                self.tr("Incident {number} — {title}").format(number=view.incident_number, title=view.incident_title),
                "subtitle",
                "tmHeaderIncident",
            )
        )
        layout.addWidget(
            read_only_label(
                self.tr("Prepared on {when} by {author} · in this state since {since}").format(
                    when=local_time(view.created_at), author=view.created_by, since=local_time(view.state_since)
                ),
                "muted",
                "tmHeaderPrepared",
            )
        )
        waited = hotline_duration(view.waited_minutes)
        if view.state.waiting_on_client:
            text = self.tr("Waiting on the client for {duration} of hotline opening — the incident's clock is paused.")
        elif view.waited_minutes >= 1:
            text = self.tr("The client kept this remote maintenance waiting {duration} of hotline opening.")
        else:
            text = ""
        if text:
            label = read_only_label(text.format(duration=waited), None, "tmWaited")
            if not view.state.waiting_on_client:
                label.setProperty("role", "muted")
                label.setObjectName("tmWaitedPast")
            layout.addWidget(label)
        if view.state is TelemaintenanceState.DONE:
            frame = QFrame()
            frame.setObjectName("tmFinished")
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(12, 8, 12, 8)
            inner.addWidget(
                read_only_label(
                    self.tr("✓ Remote maintenance completed on {when}: the written report was sent.").format(
                        when=local_time(view.state_since)
                    ),
                    "strong",
                    "tmFinishedText",
                )
            )
            layout.addWidget(frame)

    def _record(self, view: TelemaintenanceView, layout: QVBoxLayout) -> None:
        layout.addWidget(read_only_label(self.tr("RECORD OF THE REMOTE MAINTENANCE"), "section"))
        frame = QFrame()
        frame.setObjectName("tmRecord")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(14, 10, 14, 12)
        inner.setSpacing(2)
        for number, line in enumerate(view.history()):
            when, author, what = [*line.split(" — ", 2), "", ""][:3]
            if number:
                inner.addSpacing(6)
            head = QHBoxLayout()
            head.setSpacing(10)
            stamp = read_only_label(when, None, "tmRecordWhen")
            stamp.setWordWrap(False)
            head.addWidget(stamp)
            head.addWidget(read_only_label(author, "strong", "tmRecordAuthor"), 1)
            inner.addLayout(head)
            inner.addWidget(read_only_label(what, None, "tmRecordLine"))
        inner.addSpacing(6)
        inner.addWidget(
            read_only_label(
                self.tr("Each line is also kept in the hash-chained audit log: it cannot be changed afterwards."),
                "muted",
                "tmRecordNote",
            )
        )
        layout.addWidget(frame)

    def record_lines(self) -> list[str]:
        """The record as shown, one text per entry (tests, accessibility)."""
        content = self.scroll.widget()
        return [label.text() for label in content.findChildren(QLabel, "tmRecordLine")] if content else []

    def _new_content(self) -> tuple[QWidget, QVBoxLayout]:
        content = QWidget()
        content.setObjectName("telemaintenanceDetailContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(6)
        return content, layout

    # --- recording a step -----------------------------------------------------------------------

    def request(self, operation: str, values: dict[str, Any]) -> None:
        """A form asks to record ``operation`` with ``values``: run it in the background."""
        if self.view is None or self._recording:
            return
        if operation == "sign_report":
            self.open_sign_dialog(values.get("at"))
            return
        if operation == "confirm_precautions":
            try:
                items = [ConfirmedPrecaution(p, values["confirmed_by"]) for p in values["done"]]
            except TelemaintenanceError as exc:
                self._show_error(str(exc), None)
                return
            values = {"items": items, "at": values.get("at")}
        self.record(operation, values)

    def record(self, operation: str, values: dict[str, Any]) -> None:
        assert self.view is not None
        reference = self.view.reference
        self._recording = True
        if self.stepper is not None:
            self.stepper.clear_error()
            if self.stepper.form is not None:
                self.stepper.form.set_busy(True)
        self.top_error.hide()
        run_in_background(
            self,
            in_session(self._sessions, operations.shown(_OPERATIONS[operation]), self._technician, reference, **values),
            self._recorded,
            lambda error: self._record_failed(error, operation, values, reference),
            key="record",
        )

    def _recorded(self, shown: operations.Shown) -> None:
        self._recording = False
        self.documented = shown.documented
        self.show_view(shown.view, focus_step=True)
        self.reload_list()
        self.telemaintenance_changed.emit(shown.view.reference)
        if shown.issued is not None:
            self.open_preview(shown.issued)

    def _record_failed(self, error: BaseException, operation: str, values: dict[str, Any], reference: str) -> None:
        self._recording = False
        if self.stepper is not None and self.stepper.form is not None:
            self.stepper.form.set_busy(False)
        if isinstance(error, ConsentWarning):
            self._confirm_non_rtc(str(error), values)
            return
        if isinstance(error, TelemaintenanceError | IncidentError):
            missing = error.missing if isinstance(error, TelemaintenanceError) else None
            self._pending_error = (str(error), missing)
        else:
            log.error("telemaintenance step failed", exc_info=error)
            self._pending_error = (self.tr("The step could not be recorded. Nothing was changed."), None)
        # Another workstation may have recorded a step meanwhile: read it again before showing why.
        self.load(reference)

    def _form_invalid(self, text: str) -> None:
        if self.stepper is not None:
            self.stepper.clear_error()
        self._show_error(text, None)

    def _show_error(self, text: str, missing: Step | None) -> None:
        if self.stepper is not None and self.stepper.show_error(text, missing):
            row = self.stepper.rows[missing or self.stepper.view.next_step]  # type: ignore[index]
            QTimer.singleShot(0, lambda: self._scroll_to(row))
            return
        self.top_error.setText(text)
        self.top_error.show()

    def error_text(self) -> str:
        """The refusal shown (inline in a step, or above the stepper when no step holds it)."""
        if self.stepper is not None and self.stepper.error_text():
            return self.stepper.error_text()
        return self.top_error.text() if self.view is not None and self.top_error.isVisibleTo(self) else ""

    def _confirm_non_rtc(self, message: str, values: dict[str, Any]) -> None:
        box = QMessageBox(self)
        box.setObjectName("tmNonRtcConfirmation")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Consent from a person who is not an RTC"))
        box.setText(message)
        box.setInformativeText(self.tr("Record it anyway?"))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Record anyway"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Cancel"))
        box.accepted.connect(lambda: self.record("consent", {**values, "confirmed_non_rtc": True}))
        self._open(box)

    def open_ending_dialog(self, kind: str) -> None:
        """The client refuses or withdraws its consent: ask who and why, then record it."""
        view = self.view
        if view is None or self._recording:
            return
        consent = view.workflow.evidence(Step.CONSENT)
        preferred = getattr(consent, "who", "")
        dialog = EndingDialog(kind, view.reference, view.contacts, preferred, self)
        operation = "refuse" if kind == REFUSE else "withdraw"
        dialog.accepted.connect(lambda: self.record(operation, dialog.values()))
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        # open(), not exec(): background results keep arriving while the dialog is up.
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- documents ------------------------------------------------------------------------------

    def open_sign_dialog(self, at: datetime | None = None) -> None:
        """Step 6: « Faire signer » — the technician and the client sign, then the report is issued, as
        sent at ``at`` (None: when signed)."""
        view = self.view
        if view is None or self._recording:
            return
        from ui.documents.sign_dialog import SignDialog, Signer  # loaded when first needed

        consent = view.workflow.evidence(Step.CONSENT)
        contacts = sorted(view.contacts, key=lambda c: (not c.is_rtc, c.name))
        dialog = SignDialog(
            view.reference,
            self._technician.name,
            # A contact brings their position as the capacity they sign in (« Secrétaire de mairie »).
            [Signer(c.name, c.job_title) for c in contacts],
            client_name=getattr(consent, "who", ""),
            parent=self.window(),
        )
        self.sign_dialog = dialog
        dialog.accepted.connect(lambda: self._signed(dialog, at))
        self._open(dialog)

    def _signed(self, dialog: QDialog, at: datetime | None = None) -> None:
        technician, client = dialog.signatures()  # type: ignore[attr-defined]
        self.record("report_issued", {"technician_signature": technician, "client_signature": client, "at": at})

    def show_document(self, step: Step) -> None:
        """« View the document »: the document the done step sent, read in the background and previewed."""
        if self.view is None or self._fetching_document:
            return
        self._fetching_document = True
        run_in_background(
            self,
            in_session(self._sessions, operations.sent_pdf, self.view.reference, step),
            self._document_read,
            self._document_failed,
            key="document",
        )

    def _document_read(self, sent: operations.SentPdf | None) -> None:
        self._fetching_document = False
        if sent is None:
            self._show_notice(self.tr("No document of this step is kept in the registry."))
            return
        self.open_preview(sent)

    def _document_failed(self, error: BaseException) -> None:
        self._fetching_document = False
        log.error("telemaintenance document could not be read", exc_info=error)
        self._show_notice(self.tr("The document could not be read."))

    def open_preview(self, sent: operations.SentPdf) -> None:
        """The print preview of a document sent (print, save as PDF, open in the reader)."""
        from ui.documents.printing import open_preview  # QtPdf and the print support, when first needed

        preview = open_preview(sent.pdf, sent.title, sent.filename, self.window())
        if preview is None:
            self._show_notice(self.tr("The document was recorded but cannot be shown."))
            return
        self.preview = preview

    def _show_notice(self, text: str) -> None:
        # About a document, not a step: above the stepper.
        if self.view is not None:
            self.top_error.setText(text)
            self.top_error.show()
