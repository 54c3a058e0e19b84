"""The « Appel » screen: from the first ring to the incident number, keyboard first (issue 4, R-03 … R-10).

The caller dictates a code, a hotline id, a phone number or a town; results come as the technician
types (in the background, stale ones dropped). Picking a client shows its card, starts the call timer
and the call log, and the coverage banner follows the caller and software chosen. Ctrl+S gives the
number in large type; Esc cancels the call. The form is autosaved as a draft and offered back after a
crash or a restart.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.coverage import Coverage
from app.domain.incident_lifecycle import TransitionError
from app.services.clients import ClientSummary, search_clients
from app.services.drafts import IntakeDraft, discard_draft, load_draft, save_draft
from app.services.incidents import CreatedIncident, IncidentError
from ui.background import in_session, run_in_background
from ui.formatting import join_parts
from ui.intake.banners import CoverageBanner, NumberPanel
from ui.intake.client_card import ClientCard
from ui.intake.form import IntakeForm
from ui.intake.operations import (
    ClientCardData,
    IncidentRequest,
    Technician,
    begin_call,
    coverage_for,
    end_call,
    load_client_card,
    save_incident,
)
from ui.models.client_table import ClientTableModel, Column
from ui.style import set_role
from ui.widgets.list_table import list_table

log = logging.getLogger("hotline.ui.intake")

# Under the 100 ms the issue allows between a keystroke and its results, with the query's own time.
SEARCH_DELAY_MS = 80
# The caller is among the first few hits; more rows only push the card down.
RESULT_LIMIT = 20
# A name typed letter by letter must not fire a coverage check per letter.
COVERAGE_DELAY_MS = 250
# "Every few seconds while typing": a restart after a crash loses at most this much.
AUTOSAVE_MS = 2000


def _format_elapsed(milliseconds: int) -> str:
    seconds = max(0, milliseconds // 1000)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class IntakeScreen(QWidget):
    """Search, client card, coverage banner, incident form, number: one call on one screen."""

    #: A client was picked and its call started (the client's id).
    client_picked = Signal(object)
    #: The client card is on screen.
    card_shown = Signal(object)
    #: The coverage banner shows a new decision.
    coverage_shown = Signal(object)
    #: An incident was saved (its number).
    incident_saved = Signal(str)
    #: The call was cancelled without an incident.
    call_cancelled = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeScreen")
        self._context = context
        self._sessions = context.sessions
        self._technician = Technician(context.technician_login, context.technician_name, context.station or "")
        self._client: ClientSummary | None = None
        self._card: ClientCardData | None = None
        self._pending_draft: IntakeDraft | None = None
        self._offered: IntakeDraft | None = None
        self._pick_first_result = False
        self._saving = False
        self._saved_number = ""
        self._elapsed = QElapsedTimer()
        # Writes (call start, call end, save) run one after the other, in the order the technician
        # made them: an Esc pressed before the call log was opened must still close it.
        self._writes: list[tuple[Callable[[], object], Callable[[Any], None], Callable[[BaseException], None]]] = []
        self._writing = False

        self._build()
        self._connect()
        self._offer_draft()

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        title = set_role(QLabel(self.tr("Call")), "title")
        title.setObjectName("intakeTitle")
        self.timer_label = QLabel("00:00")
        self.timer_label.setObjectName("callTimer")
        self.timer_label.setProperty("running", False)
        self.timer_label.setToolTip(self.tr("Call duration"))
        self.new_call_button = QPushButton(self.tr("New call"))
        self.new_call_button.setObjectName("newCallButton")
        self.new_call_button.setToolTip(self.tr("Ctrl+N"))
        self.new_call_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.timer_label)
        header.addSpacing(12)
        header.addWidget(self.new_call_button)

        self.draft_bar = QFrame()
        self.draft_bar.setObjectName("draftOffer")
        self.draft_label = QLabel()
        self.draft_label.setObjectName("draftOfferLabel")
        self.draft_label.setTextFormat(Qt.TextFormat.PlainText)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.setObjectName("resumeDraftButton")
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setObjectName("discardDraftButton")
        draft_row = QHBoxLayout(self.draft_bar)
        draft_row.setContentsMargins(14, 8, 10, 8)
        draft_row.addWidget(self.draft_label, 1)
        draft_row.addWidget(self.resume_button)
        draft_row.addWidget(self.discard_button)
        self.draft_bar.hide()

        self.search_field = QLineEdit()
        self.search_field.setObjectName("intakeSearchField")
        self.search_field.setPlaceholderText(self.tr("Code, hotline ID, phone or name of the caller's client…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Find the client"))
        self.search_field.installEventFilter(self)
        self.results_model = ClientTableModel(self)
        self.results = list_table(self.results_model, "intakeResults", alternating=False)
        self.results.horizontalHeader().hide()
        self.results.setColumnHidden(Column.KIND, True)
        self.results.setColumnHidden(Column.HOTLINE_ID, True)
        results_header = self.results.horizontalHeader()
        results_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        results_header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        self.results.installEventFilter(self)
        self.results.hide()
        self.search_status = QLabel()
        self.search_status.setObjectName("intakeSearchStatus")
        set_role(self.search_status, "muted")
        self.card = ClientCard()
        self.card.show_message(
            self.tr(
                "Type what the caller says: client code (C05412), hotline ID (HL123456), a phone number in "
                "any format or the name of the town. Enter picks the first client, Down goes to the list."
            )
        )

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.search_field)
        left.addWidget(self.search_status)
        left.addWidget(self.results, 1)
        left.addWidget(self.card, 3)

        self.banner = CoverageBanner()
        self.form = IntakeForm()
        self.error_label = QLabel()
        self.error_label.setObjectName("intakeError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.save_button = QPushButton(self.tr("Save  (Ctrl+S)"))
        self.save_button.setObjectName("saveIncidentButton")
        self.save_button.setDefault(False)
        self.cancel_button = QPushButton(self.tr("Cancel call  (Esc)"))
        self.cancel_button.setObjectName("cancelCallButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.number_panel = NumberPanel()

        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(self.banner)
        right.addWidget(self.form)
        right.addWidget(self.error_label)
        right.addLayout(buttons)
        right.addWidget(self.number_panel)
        right.addStretch(1)

        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.draft_bar)
        layout.addLayout(columns, 1)

        QWidget.setTabOrder(self.search_field, self.results)
        QWidget.setTabOrder(self.results, self.form.first_field())
        QWidget.setTabOrder(self.form.priority_combo, self.save_button)
        QWidget.setTabOrder(self.save_button, self.number_panel.copy_button)

    def _connect(self) -> None:
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search_now)
        self._coverage_timer = QTimer(self, singleShot=True, interval=COVERAGE_DELAY_MS)
        self._coverage_timer.timeout.connect(self.check_coverage)
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.save_draft)
        self._clock = QTimer(self, interval=1000)
        self._clock.timeout.connect(self._tick)

        self.search_field.textEdited.connect(self._search_edited)
        self.results.doubleClicked.connect(self._pick_index)
        self.form.changed.connect(self._form_changed)
        self.form.coverage_inputs_changed.connect(self._coverage_timer.start)
        self.save_button.clicked.connect(self.save_incident)
        self.cancel_button.clicked.connect(self.cancel_call)
        self.new_call_button.clicked.connect(self.new_call)
        self.resume_button.clicked.connect(self.resume_draft)
        self.discard_button.clicked.connect(self.discard_offered_draft)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for sequence, slot, name in (
            (QKeySequence(QKeySequence.StandardKey.Save), self.save_incident, "saveShortcut"),
            (QKeySequence(Qt.Key.Key_Escape), self.cancel_call, "cancelShortcut"),
        ):
            shortcut = QShortcut(sequence, self)
            shortcut.setObjectName(name)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # --- state ----------------------------------------------------------------------------------

    @property
    def client(self) -> ClientSummary | None:
        """The picked client, if any."""
        return self._client

    @property
    def saved_number(self) -> str:
        """The number given for this call, empty until saved."""
        return self._saved_number

    def call_running(self) -> bool:
        """The call timer is counting."""
        return self._clock.isActive()

    def elapsed_text(self) -> str:
        """The timer as shown (mm:ss)."""
        return self.timer_label.text()

    def focus_search(self) -> None:
        """Ctrl+F: the cursor in the search field, its text selected so that typing replaces it."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    # --- search ---------------------------------------------------------------------------------

    def _search_edited(self, text: str) -> None:
        if not text.strip():
            self._search_timer.stop()
            self.results_model.set_rows([])
            self.results.hide()
            self.search_status.clear()
            return
        self._search_timer.start()

    def search_now(self) -> None:
        """Search for what the field holds, in the background (stale answers are dropped)."""
        self._search_timer.stop()
        text = self.search_field.text()
        if not text.strip():
            return
        run_in_background(
            self,
            in_session(self._sessions, search_clients, text, RESULT_LIMIT),
            lambda rows: self._show_results(text, rows),
            self._search_failed,
            key="search",
        )

    def _show_results(self, text: str, rows: list[ClientSummary]) -> None:
        if text != self.search_field.text():
            return  # the field changed meanwhile; its own search is on its way
        self.results_model.set_rows(rows)
        self.results.setVisible(bool(rows))
        if rows:
            self.results.selectRow(0)
            self.search_status.setText(self.tr("%n client(s) — Enter picks the highlighted one", "", len(rows)))
        else:
            self.search_status.setText(self.tr("No client matches « {text} ».").format(text=text.strip()))
        if self._pick_first_result:
            self._pick_first_result = False
            if rows:
                self.pick_client(rows[0])

    def _search_failed(self, error: BaseException) -> None:
        self._pick_first_result = False
        log.error("intake search failed", exc_info=error)
        self.search_status.setText(self.tr("The database did not answer. Check the connection, then type again."))

    def _pick_index(self, index: QModelIndex) -> None:
        summary = self.results_model.row_at(index.row())
        if summary is not None:
            self.pick_client(summary)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter picks the best match from the search field; Down goes to the list; Enter there picks."""
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if watched is self.search_field and enter:
                if self._search_timer.isActive() or self.results_model.rowCount() == 0:
                    # The results of what was just typed are not in yet: pick when they are.
                    self._pick_first_result = True
                    self.search_now()
                else:
                    current = self.results.currentIndex()
                    self._pick_index(current if current.isValid() else self.results_model.index(0, 0))
                return True
            if watched is self.search_field and key == Qt.Key.Key_Down and self.results_model.rowCount():
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.results.currentIndex().isValid():
                    self.results.selectRow(0)
                return True
            if watched is self.results and enter:
                self._pick_index(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)

    # --- the call -------------------------------------------------------------------------------

    def pick_client(self, summary: ClientSummary) -> None:
        """The caller's client is known: show its card, start the timer and the call log."""
        if self._saved_number:
            self._clear_call()
        self._client = summary
        self.results.hide()
        self.search_status.clear()
        self.error_label.hide()
        self.form.set_client(summary.name, summary.code, summary.hotline_id)
        self.card.show_message(self.tr("Loading the file of {name}…").format(name=summary.name))
        self.banner.show_checking()
        self._start_clock()
        run_in_background(
            self,
            in_session(self._sessions, load_client_card, summary.id),
            self._show_card,
            self._card_failed,
            key="card",
        )
        self._write(
            in_session(self._sessions, begin_call, self._technician, summary.code),
            lambda _started: None,
            self._call_log_failed,
        )
        self.form.first_field().setFocus(Qt.FocusReason.OtherFocusReason)
        self.client_picked.emit(summary.id)

    def _show_card(self, data: ClientCardData | None) -> None:
        if data is None or self._client is None or data.detail.id != self._client.id:
            if data is None:
                self.card.show_message(self.tr("This client no longer exists."))
            return
        self._card = data
        self.card.show_card(data)
        self.form.load_client(data.detail)
        if self._pending_draft is not None:
            self.form.apply_draft(self._pending_draft)
            self._pending_draft = None
        self.check_coverage()
        self.card_shown.emit(data)

    def _card_failed(self, error: BaseException) -> None:
        log.error("client card failed to load", exc_info=error)
        self.card.show_message(self.tr("The client's file could not be loaded."))

    def _call_log_failed(self, error: BaseException) -> None:
        # The timer keeps running: the technician is on the phone whatever the log says.
        log.error("call log could not be started", exc_info=error)
        self.search_status.setText(self._error_text(error, self.tr("The call log could not be started.")))

    def check_coverage(self) -> None:
        """Decide coverage again for the caller and software chosen now (in the background)."""
        self._coverage_timer.stop()
        if self._client is None:
            return
        self.banner.show_checking()
        run_in_background(
            self,
            in_session(self._sessions, coverage_for, self._client.id, self.form.contact_id(), self.form.product_code()),
            self._show_coverage,
            self._coverage_failed,
            key="coverage",
        )

    def _show_coverage(self, coverage: Coverage) -> None:
        if self._saved_number:
            return  # the banner shows the coverage recorded with the incident
        self.banner.show_coverage(coverage)
        self.coverage_shown.emit(coverage)

    def _coverage_failed(self, error: BaseException) -> None:
        log.error("coverage check failed", exc_info=error)
        self.banner.show_error(self._error_text(error, self.tr("Coverage could not be checked.")))

    def save_incident(self) -> None:
        """Ctrl+S: create the incident in the background and show its number."""
        if self._saving or self._saved_number:
            return
        if self._client is None:
            self._show_error(self.tr("Pick the caller's client first (Ctrl+F)."))
            return
        request = IncidentRequest(
            client_code=self._client.code,
            title=self.form.title_field.text(),
            caller_name=self.form.caller_text(),
            contact_id=self.form.contact_id(),
            product_code=self.form.product_code(),
            peripheral=self.form.peripheral_field.text(),
            description=self.form.description_field.toPlainText(),
            channel=self.form.channel(),
            origin=self.form.origin(),
            priority=self.form.priority(),
        )
        self._saving = True
        self.save_button.setEnabled(False)
        self.error_label.hide()
        operation = in_session(self._sessions, save_incident, self._technician, request)
        self._write(operation, self._saved, self._save_failed)

    def _saved(self, created: CreatedIncident) -> None:
        self._saving = False
        self._saved_number = created.number
        self._stop_clock()
        self._autosave_timer.stop()
        self._discard_draft_file()
        self.banner.show_coverage(created.coverage)
        duration = self.tr("Call {duration}").format(duration=self.timer_label.text())
        new_contact = self.tr("caller added to the contacts") if created.contact_created else ""
        self.number_panel.show_number(created.number, join_parts(created.coverage.headline(), duration, new_contact))
        self.number_panel.copy_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.save_button.setEnabled(False)
        self.incident_saved.emit(created.number)

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if not isinstance(error, IncidentError | TransitionError):
            log.error("incident could not be saved", exc_info=error)
        self._show_error(self._error_text(error, self.tr("The incident could not be saved. Nothing was recorded.")))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    @staticmethod
    def _error_text(error: BaseException, fallback: str) -> str:
        """A refusal from the rules already speaks French; anything else gets the plain fallback."""
        return str(error) if isinstance(error, IncidentError | TransitionError) else fallback

    def cancel_call(self) -> None:
        """Esc: end the call without an incident (after confirming when something was typed)."""
        if self._saved_number:
            self.new_call()
            return
        if self._client is None and not self.form.has_content() and not self.search_field.text():
            return
        if self.form.has_content() and not self.confirm_discard():
            return
        if self._client is not None:
            self._write(
                in_session(self._sessions, end_call, self._technician),
                lambda _ended: None,
                self._call_log_failed,
            )
        self._discard_draft_file()
        self._clear_call()
        self.call_cancelled.emit()

    def confirm_discard(self) -> bool:
        """Ask before throwing typed text away."""
        answer = QMessageBox.question(
            self,
            self.tr("Cancel the call"),
            self.tr("What you typed for this call will be lost. Cancel the call?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def new_call(self) -> None:
        """Ctrl+N: an empty screen for the next call (cancelling an unsaved one first)."""
        if self._client is not None and not self._saved_number:
            self.cancel_call()
            if self._client is not None:
                return  # the technician chose to keep the call
        self._clear_call()
        self.focus_search()

    def _clear_call(self) -> None:
        self._client = None
        self._card = None
        self._saved_number = ""
        self._pending_draft = None
        self._stop_clock()
        self.timer_label.setText("00:00")
        self._autosave_timer.stop()
        self._coverage_timer.stop()
        self.form.reset()
        self.banner.clear()
        self.number_panel.clear()
        self.error_label.hide()
        self.save_button.setEnabled(True)
        self.search_field.clear()
        self.results_model.set_rows([])
        self.results.hide()
        self.search_status.clear()
        self.card.show_message(self.tr("Ready for the next call. Type what the caller says."))

    def _write(
        self, op: Callable[[], object], on_success: Callable[[Any], None], on_error: Callable[[BaseException], None]
    ) -> None:
        """Queue a database write behind the previous ones (see ``_writes``)."""
        self._writes.append((op, on_success, on_error))
        if not self._writing:
            self._next_write()

    def _next_write(self) -> None:
        if not self._writes:
            self._writing = False
            return
        self._writing = True
        op, on_success, on_error = self._writes.pop(0)

        def succeeded(result: object) -> None:
            on_success(result)
            self._next_write()

        def failed(error: BaseException) -> None:
            on_error(error)
            self._next_write()

        run_in_background(self, op, succeeded, failed)

    # --- timer ----------------------------------------------------------------------------------

    def _start_clock(self) -> None:
        self._elapsed.start()
        self.timer_label.setText("00:00")
        self._set_running(True)
        self._clock.start()

    def _stop_clock(self) -> None:
        if self._clock.isActive():
            self._tick()
        self._clock.stop()
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.timer_label.setProperty("running", running)
        self.timer_label.style().unpolish(self.timer_label)
        self.timer_label.style().polish(self.timer_label)

    def _tick(self) -> None:
        self.timer_label.setText(_format_elapsed(self._elapsed.elapsed()))

    # --- drafts ---------------------------------------------------------------------------------

    def _form_changed(self) -> None:
        if self._saved_number:
            return
        # Not restarted on every key: while typing continuously a save still happens every interval.
        if not self._autosave_timer.isActive():
            self._autosave_timer.start()

    def current_draft(self) -> IntakeDraft:
        """The call in progress as a draft."""
        client = self._client
        return self.form.to_draft(
            str(client.id) if client else "",
            client.code if client else "",
            client.name if client else "",
            self.search_field.text(),
        )

    def save_draft(self) -> None:
        """Write the draft to disk (in the background: the disk may be slow, typing must not wait)."""
        self._autosave_timer.stop()
        if self._saved_number:
            return
        draft = self.current_draft()
        # The old draft on offer is replaced by this call's: the offer no longer makes sense.
        self.draft_bar.hide()
        paths, station = self._context.paths, self._context.station
        run_in_background(self, lambda: save_draft(paths, station, draft), lambda _path: None, key="draft")

    def _discard_draft_file(self) -> None:
        paths, station = self._context.paths, self._context.station
        run_in_background(self, lambda: discard_draft(paths, station), lambda _none: None, key="draft")

    def _offer_draft(self) -> None:
        self._offered = load_draft(self._context.paths, self._context.station)
        if self._offered is None:
            return
        what = join_parts(self._offered.client_name, self._offered.title, separator=" — ")
        self.draft_label.setText(
            self.tr("Resume the interrupted entry? {what}").format(what=what or self._offered.search_text)
        )
        self.draft_bar.show()

    def resume_draft(self) -> None:
        """Put the interrupted call back on screen: client, timer and every field."""
        draft = self._offered
        self.draft_bar.hide()
        if draft is None:
            return
        self._offered = None
        if not draft.client_id:
            self.search_field.setText(draft.search_text)
            self._search_edited(draft.search_text)
            self.focus_search()
            return
        self._pending_draft = draft
        summary = ClientSummary(
            id=uuid.UUID(draft.client_id),
            code=draft.client_code,
            hotline_id="",
            name=draft.client_name,
            kind_label="",
            city="",
            postal_code="",
            phone="",
            contact_count=0,
            active=True,
        )
        self.search_field.setText(draft.search_text)
        self.pick_client(summary)

    def discard_offered_draft(self) -> None:
        """The technician does not want the interrupted entry back."""
        self._offered = None
        self.draft_bar.hide()
        self._discard_draft_file()
        self.focus_search()
