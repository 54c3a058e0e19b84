"""The selected incident: header, coverage, service-level clock, history, calls, documents (read only,
scrolling), and under it what the technician can change: priority, wait on the client (R-17), the
lifecycle buttons, a note and the out-of-contract exclusion (R-07). Lifecycle buttons are enabled only
for the transitions ``allowed_actions`` allows (R-14)."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.incident_lifecycle import ACTION_LABELS, OPEN_STATUSES, PRIORITY_LABELS, Action
from app.domain.vocabulary import Exclusion
from app.services.incident_queries import IncidentDetail
from app.services.incidents import WAIT_REASONS
from ui.documents.controller import DocumentsButton
from ui.formatting import EMPTY, join_parts
from ui.models.incident_table import local_time
from ui.style import set_role
from ui.widgets.badge import make_badge
from ui.widgets.text import read_only_label

NOTE = "note"
OUT_OF_CONTRACT = "out_of_contract"
TELEMAINTENANCE = "telemaintenance"
# The wait combo's entry for « not waiting on the client ».
NOT_WAITING = ""
_BUTTON_NAMES = {
    Action.DIAGNOSE: "actionDiagnose",
    Action.PROPOSE_WORKAROUND: "actionWorkaround",
    Action.ACCEPT_WORKAROUND: "actionAcceptWorkaround",
    Action.RESOLVE: "actionResolve",
    Action.CLOSE: "actionClose",
    Action.REOPEN: "actionReopen",
}


_BUTTON_PLACES = {
    Action.DIAGNOSE.value: (0, 0),
    Action.PROPOSE_WORKAROUND.value: (0, 1),
    Action.ACCEPT_WORKAROUND.value: (0, 2),
    Action.RESOLVE.value: (1, 0),
    Action.CLOSE.value: (1, 1),
    Action.REOPEN.value: (1, 2),
    OUT_OF_CONTRACT: (2, 0),
    NOTE: (2, 1),
    TELEMAINTENANCE: (2, 2),
}


def _minutes(value: float | None) -> str:
    if value is None:
        return EMPTY
    total = round(value)
    return f"{total // 60} h {total % 60:02d}" if total >= 60 else f"{total} min"


def current_exclusion(detail: IncidentDetail) -> Exclusion | None:
    """The exclusion the incident carries (R-07), None when it is under contract."""
    return detail.exclusion


class IncidentDetailPanel(QWidget):
    """The incident's file on top, what can be changed below.

    ``action_requested`` carries the Action (or ``NOTE``, ``OUT_OF_CONTRACT``) the technician clicked;
    ``waiting_requested`` the wait reason chosen (None: no longer waiting); ``priority_requested`` the
    priority chosen. The panel asks; the screen runs the service and shows the result or the refusal.
    """

    action_requested = Signal(str)
    waiting_requested = Signal(object)
    priority_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentDetail")
        self.detail: IncidentDetail | None = None
        self.buttons: dict[str, QPushButton] = {}
        for action, name in _BUTTON_NAMES.items():
            self._add_button(action.value, name, self._action_text(action))
        self._add_button(NOTE, "actionNote", self.tr("Add a note…"))
        self._add_button(OUT_OF_CONTRACT, "actionOutOfContract", self.tr("Out of contract…"))
        self._add_button(TELEMAINTENANCE, "actionTelemaintenance", self.tr("Remote maintenance…"))
        self.buttons[TELEMAINTENANCE].setToolTip(
            self.tr("Prepare a remote maintenance on the client's data, with its written consent (R-18).")
        )
        self.buttons[Action.PROPOSE_WORKAROUND.value].setToolTip(
            self.tr("Propose a workaround that the client must accept (R-12).")
        )
        self.buttons[OUT_OF_CONTRACT].setToolTip(
            self.tr("Record the exclusion of the contract that makes this request billable (R-07).")
        )

        self.priority_combo = QComboBox()
        self.priority_combo.setObjectName("priorityCombo")
        self.priority_combo.setAccessibleName(self.tr("Priority"))
        for priority, label in sorted(PRIORITY_LABELS.items()):
            self.priority_combo.addItem(f"{priority} — {label}", priority)
        self.wait_combo = QComboBox()
        self.wait_combo.setObjectName("waitCombo")
        self.wait_combo.setAccessibleName(self.tr("Waiting on the client"))
        self.wait_combo.addItem(self.tr("Not waiting"), NOT_WAITING)
        for reason, label in WAIT_REASONS.items():
            self.wait_combo.addItem(label, reason)
        # Long wait labels must not widen the panel: the list beside it needs the room.
        self.wait_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.wait_combo.setMinimumContentsLength(16)
        self.priority_combo.currentIndexChanged.connect(self._priority_chosen)
        self.wait_combo.currentIndexChanged.connect(self._wait_chosen)
        priority_label = set_role(QLabel(self.tr("&Priority")), "fieldLabel")
        priority_label.setBuddy(self.priority_combo)
        wait_label = set_role(QLabel(self.tr("&Waiting on the client")), "fieldLabel")
        wait_label.setBuddy(self.wait_combo)
        fields = QGridLayout()
        fields.setHorizontalSpacing(10)
        fields.setVerticalSpacing(3)
        fields.addWidget(priority_label, 0, 0)
        fields.addWidget(wait_label, 0, 1)
        fields.addWidget(self.priority_combo, 1, 0)
        fields.addWidget(self.wait_combo, 1, 1)
        fields.setColumnStretch(0, 2)
        fields.setColumnStretch(1, 3)

        # Three columns, the lifecycle in reading order: the panel keeps to about 40 % of the screen and
        # the longest label (« Contournement accepté ») shares its column with short ones only.
        grid = QGridLayout()
        grid.setSpacing(6)
        for key, (row, column) in _BUTTON_PLACES.items():
            grid.addWidget(self.buttons[key], row, column)
        # Progress and intervention reports, printed or saved (issue 7); a menu, so not in ``buttons``.
        self.documents_button = DocumentsButton()
        self.documents_button.setEnabled(False)
        grid.addWidget(self.documents_button, 3, 0)
        for column in range(3):
            grid.setColumnStretch(column, 1)

        actions = QFrame()
        actions.setObjectName("incidentActions")
        inner = QVBoxLayout(actions)
        inner.setContentsMargins(10, 8, 10, 10)
        inner.setSpacing(10)
        inner.addLayout(fields)
        inner.addLayout(grid)

        self.message = QLabel()
        self.message.setObjectName("incidentActionMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.scroll = QScrollArea()
        self.scroll.setObjectName("incidentDetailPanel")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(actions)
        self.show_message(self.tr("Select an incident to see its file and act on it."))

    def _add_button(self, key: str, name: str, text: str) -> None:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setEnabled(False)
        button.clicked.connect(lambda _checked=False: self.action_requested.emit(key))
        self.buttons[key] = button

    def _action_text(self, action: Action) -> str:
        texts = {
            Action.DIAGNOSE: self.tr("Diagnose…"),
            Action.PROPOSE_WORKAROUND: self.tr("Workaround…"),
            Action.ACCEPT_WORKAROUND: self.tr("Workaround accepted"),
            Action.RESOLVE: self.tr("Resolve…"),
            Action.CLOSE: self.tr("Close"),
            Action.REOPEN: self.tr("Reopen…"),
        }
        return texts.get(action, ACTION_LABELS[action])

    # --- showing --------------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        """No incident shown: a hint or an error, every button disabled."""
        self.detail = None
        for button in self.buttons.values():
            button.setEnabled(False)
        self.documents_button.setEnabled(False)
        self.priority_combo.setEnabled(False)
        self.wait_combo.setEnabled(False)
        content, layout = self._new_content()
        layout.addWidget(read_only_label(text, "muted", "incidentDetailMessage"))
        layout.addStretch(1)
        self.scroll.setWidget(content)

    def show_refusal(self, text: str) -> None:
        """A refused action, in French, under the file."""
        self.message.setProperty("tone", "danger")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()

    def clear_refusal(self) -> None:
        """Hide the last refusal (a new incident or a new attempt)."""
        self.message.hide()

    def reset_controls(self) -> None:
        """Put priority and wait back to what the incident shown holds (after a refusal)."""
        detail = self.detail
        with QSignalBlocker(self.priority_combo), QSignalBlocker(self.wait_combo):
            if detail is None:
                return
            self.priority_combo.setCurrentIndex(max(0, self.priority_combo.findData(detail.priority)))
            self.wait_combo.setCurrentIndex(max(0, self.wait_combo.findData(detail.waiting or NOT_WAITING)))

    def _priority_chosen(self, index: int) -> None:
        if self.detail is not None and index >= 0:
            self.priority_requested.emit(int(self.priority_combo.itemData(index)))

    def _wait_chosen(self, index: int) -> None:
        if self.detail is not None and index >= 0:
            self.waiting_requested.emit(self.wait_combo.itemData(index) or None)

    def show_detail(self, detail: IncidentDetail) -> None:
        """Show one incident and enable exactly the actions its status allows."""
        self.detail = detail
        allowed = {a.value for a in detail.allowed}
        for key, button in self.buttons.items():
            button.setEnabled(key in (NOTE, OUT_OF_CONTRACT) or key in allowed)
        self.buttons[TELEMAINTENANCE].setEnabled(detail.status in OPEN_STATUSES)
        self.documents_button.setEnabled(True)
        self.reset_controls()
        self.priority_combo.setEnabled(True)
        # The service refuses a wait on a resolved or closed incident; the control says so beforehand.
        can_wait = detail.status in OPEN_STATUSES
        self.wait_combo.setEnabled(can_wait)
        self.wait_combo.setToolTip(
            "" if can_wait else self.tr("A resolved or closed incident no longer waits on the client.")
        )
        content, layout = self._new_content()
        # The number on its own line, the badges under it: side by side they would not fit the panel's
        # 40 % of the screen, and a number cut in two cannot be read out to a caller.
        number = read_only_label(detail.number, None, "incidentHeaderNumber")
        number.setWordWrap(False)
        layout.addWidget(number)
        badges = QHBoxLayout()
        badges.setSpacing(6)
        badges.addWidget(make_badge(detail.status.label, "info", "incidentStatusBadge"))
        if detail.out_of_contract:
            badges.addWidget(make_badge(self.tr("Out of contract"), "danger", "outOfContractBadge"))
        elif detail.covered is False:
            badges.addWidget(make_badge(self.tr("Not covered"), "danger", "notCoveredBadge"))
        elif detail.covered:
            badges.addWidget(make_badge(self.tr("Covered"), "ok", "coveredBadge"))
        if detail.waiting:
            badges.addWidget(make_badge(self.tr("Waiting on the client"), "warn", "waitingBadge"))
        badges.addStretch(1)
        layout.addLayout(badges)
        layout.addSpacing(4)
        layout.addWidget(read_only_label(detail.title, "title", "incidentHeaderTitle"))
        layout.addWidget(
            read_only_label(
                join_parts(
                    f"{detail.client_name} ({detail.client_code})",
                    detail.caller_name,
                    detail.product or "",
                    detail.peripheral,
                ),
                "subtitle",
            )
        )
        layout.addWidget(
            read_only_label(
                join_parts(
                    self.tr("Opened {when}").format(when=local_time(detail.opened_at)),
                    detail.channel.label,
                    self.tr("priority {label}").format(label=detail.priority_label),
                    detail.origin.label if detail.origin else self.tr("origin not determined"),
                    self.tr("estimate {minutes}").format(minutes=_minutes(detail.estimate_minutes))
                    if detail.estimate_minutes
                    else "",
                ),
                "muted",
            )
        )
        if detail.exclusion_label:
            layout.addWidget(
                read_only_label(
                    self.tr("Out of contract (R-07): {label}").format(label=detail.exclusion_label),
                    None,
                    "incidentExclusion",
                )
            )
        if detail.waiting:
            layout.addWidget(
                read_only_label(
                    WAIT_REASONS.get(detail.waiting, detail.waiting) + self.tr(" — service-level clock paused"),
                    None,
                    "incidentWaiting",
                )
            )
        if detail.description:
            layout.addWidget(read_only_label(detail.description, None, "incidentDescription"))

        level = detail.service_level
        layout.addWidget(read_only_label(self.tr("SERVICE LEVEL (HOTLINE HOURS)"), "section"))
        clock = join_parts(
            self.tr("first response {time}").format(time=_minutes(level.first_response_minutes)),
            self.tr("resolution {time}").format(time=_minutes(level.resolution_minutes)),
            self.tr("paused {time}").format(time=_minutes(level.paused_minutes)),
            self.tr("clock running") if level.running else self.tr("clock stopped"),
        )
        layout.addWidget(read_only_label(clock, None, "serviceLevel"))
        if detail.workaround:
            layout.addWidget(read_only_label(self.tr("WORKAROUND"), "section"))
            layout.addWidget(read_only_label(detail.workaround))
        if detail.resolution:
            layout.addWidget(read_only_label(self.tr("RESOLUTION"), "section"))
            layout.addWidget(read_only_label(detail.resolution))

        layout.addWidget(read_only_label(self.tr("HISTORY"), "section"))
        for line in detail.history:
            # When and who above, what below at full width: in a panel of 40 % of the screen, three
            # columns left the summary a narrow strip, five lines high.
            layout.addSpacing(3)
            layout.addWidget(read_only_label(join_parts(local_time(line.at), line.author), "muted", "historyWhen"))
            layout.addWidget(read_only_label(line.summary, None, "historyLine"))

        layout.addWidget(read_only_label(self.tr("CALLS"), "section"))
        for call in detail.calls:
            minutes = (call.ended_at - call.started_at).total_seconds() / 60 if call.ended_at else None
            text = join_parts(local_time(call.started_at), call.service, _minutes(minutes))
            layout.addWidget(read_only_label(text, None, "callLine"))
        if not detail.calls:
            layout.addWidget(read_only_label(self.tr("No call recorded."), "empty"))
        layout.addWidget(read_only_label(self.tr("DOCUMENTS"), "section"))
        for title in detail.documents:
            layout.addWidget(read_only_label(title, None, "documentLine"))
        if not detail.documents:
            layout.addWidget(read_only_label(self.tr("No document."), "empty"))
        layout.addStretch(1)
        self.scroll.setWidget(content)

    def texts(self) -> list[str]:
        """Every text of the file, top to bottom."""
        content = self.scroll.widget()
        return [label.text() for label in content.findChildren(QLabel)] if content else []

    def _new_content(self) -> tuple[QWidget, QVBoxLayout]:
        content = QWidget()
        content.setObjectName("incidentDetailContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(5)
        return content, layout
