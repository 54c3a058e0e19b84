"""The selected incident: header, coverage, service-level clock, lifecycle buttons, history, calls,
documents. Buttons are enabled only for the transitions ``allowed_actions`` allows (R-14)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.incident_lifecycle import ACTION_LABELS, Action
from app.services.incident_queries import IncidentDetail
from ui.formatting import EMPTY, join_parts
from ui.models.incident_table import local_time
from ui.widgets.badge import make_badge
from ui.widgets.text import read_only_label

NOTE = "note"
_BUTTON_NAMES = {
    Action.DIAGNOSE: "actionDiagnose",
    Action.PROPOSE_WORKAROUND: "actionWorkaround",
    Action.ACCEPT_WORKAROUND: "actionAcceptWorkaround",
    Action.RESOLVE: "actionResolve",
    Action.CLOSE: "actionClose",
    Action.REOPEN: "actionReopen",
}


def _minutes(value: float | None) -> str:
    if value is None:
        return EMPTY
    total = round(value)
    return f"{total // 60} h {total % 60:02d}" if total >= 60 else f"{total} min"


class IncidentDetailPanel(QWidget):
    """Action bar on top, the incident's file below; ``action_requested`` carries the Action (or
    ``NOTE``) the technician clicked."""

    action_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentDetail")
        self.detail: IncidentDetail | None = None
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.setSpacing(6)
        for action, name in _BUTTON_NAMES.items():
            button = QPushButton(self._action_text(action))
            button.setObjectName(name)
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, a=action: self.action_requested.emit(a.value))
            self.buttons[action.value] = button
        note = QPushButton(self.tr("Add a note"))
        note.setObjectName("actionNote")
        note.setEnabled(False)
        note.clicked.connect(lambda: self.action_requested.emit(NOTE))
        self.buttons[NOTE] = note
        grid = QGridLayout()
        grid.setSpacing(6)
        for i, button in enumerate(self.buttons.values()):
            grid.addWidget(button, i // 4, i % 4)
        bar.addLayout(grid)
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
        layout.addLayout(bar)
        self.show_message(self.tr("Select an incident to see its file and act on it."))

    def _action_text(self, action: Action) -> str:
        texts = {
            Action.DIAGNOSE: self.tr("Diagnose…"),
            Action.PROPOSE_WORKAROUND: self.tr("Propose a workaround…"),
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
        self.message.hide()

    def show_detail(self, detail: IncidentDetail) -> None:
        """Show one incident and enable exactly the actions its status allows."""
        self.detail = detail
        allowed = {a.value for a in detail.allowed}
        for key, button in self.buttons.items():
            button.setEnabled(key == NOTE or key in allowed)
        content, layout = self._new_content()
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(read_only_label(detail.number, None, "incidentHeaderNumber"), 0)
        head.addWidget(make_badge(detail.status.label, "info", "incidentStatusBadge"))
        if detail.out_of_contract:
            head.addWidget(make_badge(self.tr("Out of contract"), "danger", "outOfContractBadge"))
        elif detail.covered is False:
            head.addWidget(make_badge(self.tr("Not covered"), "danger", "notCoveredBadge"))
        elif detail.covered:
            head.addWidget(make_badge(self.tr("Covered"), "ok", "coveredBadge"))
        if detail.waiting:
            head.addWidget(make_badge(self.tr("Waiting on the client"), "warn", "waitingBadge"))
        head.addStretch(1)
        layout.addLayout(head)
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
                read_only_label(self.tr("Exclusion: {label}").format(label=detail.exclusion_label), "muted")
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
            row = QHBoxLayout()
            row.setSpacing(10)
            when = read_only_label(local_time(line.at), "muted")
            when.setMinimumWidth(112)
            when.setWordWrap(False)
            row.addWidget(when, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(read_only_label(line.summary, None, "historyLine"), 1)
            row.addWidget(read_only_label(line.author, "muted"), 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(row)

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
