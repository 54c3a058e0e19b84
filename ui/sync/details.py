"""« Détails… » of the portal status: conflicts to settle, quarantined records, failed sends, last error.

Everything is read and written in the background through ``app.sync.conflicts`` and the engine's
``retry_dead``; a choice made here is pushed by a cycle started shortly after.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.db.engine import writing
from app.domain.hotline_calendar import PARIS
from app.services.incidents import ensure_technician
from app.sync import conflicts
from app.sync.engine import SyncStatus, retry_dead, sync_status
from ui.background import run_in_background
from ui.style import set_role
from ui.sync.controller import SyncController


@dataclass(frozen=True)
class SyncDetails:
    """Everything the dialog lists, read in one session."""

    status: SyncStatus
    conflicts: list[conflicts.ConflictView]
    quarantined: list[conflicts.QuarantineView]
    dead: list[conflicts.DeadLetterView]


def load_details(sessions: sessionmaker[Session]) -> SyncDetails:
    with sessions() as session:
        return SyncDetails(
            sync_status(session),
            conflicts.open_conflicts(session),
            conflicts.quarantined_records(session),
            conflicts.dead_letters(session),
        )


def _when(value) -> str:  # type: ignore[no-untyped-def]
    return value.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


class SyncDetailsDialog(QDialog):
    """The lists behind the status bar's error count, with what can be done about each."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncDetailsDialog")
        self.setWindowTitle(self.tr("Client portal synchronisation"))
        self.resize(860, 620)
        self.controller = controller
        context = controller.context
        self._sessions = context.sessions
        self._login, self._name, self._station = context.technician_login, context.technician_name, context.station
        self._loading = False
        self._busy = False
        self.details: SyncDetails | None = None

        self.summary = QLabel(self.tr("Loading…"))
        self.summary.setObjectName("syncDetailsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = QLabel()
        self.error_label.setObjectName("syncDetailsError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.conflicts_title = set_role(QLabel(self.tr("Conflicts to settle")), "section")
        self.conflicts_box = QWidget()
        self.conflicts_box.setObjectName("syncConflicts")
        self.conflicts_layout = QVBoxLayout(self.conflicts_box)
        self.conflicts_layout.setContentsMargins(0, 0, 0, 0)
        self.conflicts_layout.setSpacing(8)
        conflicts_scroll = QScrollArea()
        conflicts_scroll.setWidgetResizable(True)
        conflicts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        conflicts_scroll.setWidget(self.conflicts_box)

        self.quarantine_title = set_role(QLabel(self.tr("Quarantined records")), "section")
        self.quarantine_table = self._table(
            "syncQuarantineTable", [self.tr("Record"), self.tr("Reason"), self.tr("Tries"), self.tr("Since")]
        )
        self.dead_title = set_role(QLabel(self.tr("Failed sends")), "section")
        self.dead_table = self._table(
            "syncDeadTable", [self.tr("Operation"), self.tr("Incident"), self.tr("Tries"), self.tr("Portal's answer")]
        )
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setObjectName("syncRetryButton")
        self.retry_button.setToolTip(self.tr("Put the failed sends back in the queue and synchronise"))
        self.retry_button.clicked.connect(self.retry_failed)
        dead_header = QHBoxLayout()
        dead_header.addWidget(self.dead_title)
        dead_header.addStretch(1)
        dead_header.addWidget(self.retry_button)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.sync_button = buttons.addButton(self.tr("Sync now"), QDialogButtonBox.ButtonRole.ActionRole)
        self.sync_button.setObjectName("syncDetailsSyncButton")
        self.sync_button.clicked.connect(self._sync_now)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error_label)
        layout.addWidget(self.conflicts_title)
        layout.addWidget(conflicts_scroll, 3)
        layout.addWidget(self.quarantine_title)
        layout.addWidget(self.quarantine_table, 2)
        layout.addLayout(dead_header)
        layout.addWidget(self.dead_table, 2)
        layout.addWidget(buttons)

        controller.cycle_finished.connect(lambda _report: self.reload())
        self.reload()

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # What was received and why it was refused share the width, both wrapped.
        stretch = (0, 1) if name == "syncQuarantineTable" else (3,)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        return table

    # --- loading --------------------------------------------------------------------------------

    def is_idle(self) -> bool:
        return not self._loading and not self._busy

    def reload(self) -> None:
        self._loading = True
        sessions = self._sessions
        run_in_background(self, lambda: load_details(sessions), self.show_details, self._failed, key="sync-details")

    def _failed(self, error: BaseException) -> None:
        self._loading = self._busy = False
        self.error_label.setText(self.tr("The database did not answer: {error}").format(error=error))

    def show_details(self, details: SyncDetails) -> None:
        self._loading = False
        self.details = details
        status = details.status
        last = _when(status.last_success) if status.last_success else self.tr("never")
        self.summary.setText(
            self.tr("Last successful synchronisation: {last} — waiting to be sent: {pending}").format(
                last=last, pending=status.pending
            )
        )
        error = self.controller.view.last_error or status.last_error
        self.error_label.setText(self.tr("Last error: {error}").format(error=error) if error else "")
        self.error_label.setVisible(bool(error))
        self._show_conflicts(details.conflicts)
        self.conflicts_title.setText(self.tr("Conflicts to settle ({count})").format(count=len(details.conflicts)))
        self.quarantine_title.setText(self.tr("Quarantined records ({count})").format(count=len(details.quarantined)))
        self.dead_title.setText(self.tr("Failed sends ({count})").format(count=len(details.dead)))
        self._fill(
            self.quarantine_table,
            [(q.summary or q.record_key, q.reason, str(q.attempts), _when(q.first_seen)) for q in details.quarantined],
        )
        self._fill(
            self.dead_table,
            [(d.kind, d.number or "", str(d.attempts), d.last_error) for d in details.dead],
        )
        self.retry_button.setEnabled(bool(details.dead) and not self._busy)

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(r, c, item)
        table.resizeRowsToContents()

    def _show_conflicts(self, items: list[conflicts.ConflictView]) -> None:
        while self.conflicts_layout.count():
            child = self.conflicts_layout.takeAt(0)
            if child.widget() is not None:
                child.widget().deleteLater()
        if not items:
            empty = QLabel(self.tr("No conflict: the hotline and the portal agree."))
            empty.setObjectName("syncNoConflict")
            self.conflicts_layout.addWidget(empty)
        for item in items:
            self.conflicts_layout.addWidget(self._conflict_card(item))
        self.conflicts_layout.addStretch(1)

    def _conflict_card(self, item: conflicts.ConflictView) -> QFrame:
        card = QFrame()
        card.setObjectName(f"syncConflict-{item.id}")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        field = self.tr("title") if item.field == "title" else self.tr("description")
        head = QLabel(
            self.tr("{number} — {title}: the {field} was changed on both sides").format(
                number=item.number, title=item.incident_title, field=field
            )
        )
        head.setTextFormat(Qt.TextFormat.PlainText)
        head.setWordWrap(True)
        head.setStyleSheet("font-weight: 600;")
        ours, theirs = QLabel(item.hotline_value), QLabel(item.portal_value)
        for label in (ours, theirs):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        keep_ours = QPushButton(self.tr("Keep the hotline's value"))
        keep_ours.setObjectName("keepHotlineButton")
        keep_ours.clicked.connect(lambda: self.resolve(item.id, "hotline"))
        keep_theirs = QPushButton(self.tr("Take the client's"))
        keep_theirs.setObjectName("keepPortalButton")
        keep_theirs.clicked.connect(lambda: self.resolve(item.id, "portal"))
        grid = QGridLayout(card)
        grid.addWidget(head, 0, 0, 1, 3)
        grid.addWidget(QLabel(self.tr("Hotline:")), 1, 0)
        grid.addWidget(ours, 1, 1)
        grid.addWidget(keep_ours, 1, 2)
        grid.addWidget(QLabel(self.tr("Client:")), 2, 0)
        grid.addWidget(theirs, 2, 1)
        grid.addWidget(keep_theirs, 2, 2)
        grid.setColumnStretch(1, 1)
        return card

    # --- actions --------------------------------------------------------------------------------

    def resolve(self, conflict_id: uuid.UUID, keep: str) -> None:
        """Settle a conflict with the value chosen; the next cycle (started shortly) pushes it."""
        if self._busy:
            return
        self._busy = True
        sessions, login, name, station = self._sessions, self._login, self._name, self._station or ""

        def op() -> conflicts.Resolution:
            with writing(sessions) as session:
                actor = ensure_technician(session, login, name, station)
                return conflicts.resolve_conflict(session, actor, conflict_id, keep)

        run_in_background(self, op, self._changed, self._failed)

    def retry_failed(self) -> None:
        """« Réessayer »: the failed sends go back in the queue, and a cycle starts."""
        if self._busy:
            return
        self._busy = True
        sessions = self._sessions

        def op() -> int:
            with writing(sessions) as session:
                return retry_dead(session)

        run_in_background(self, op, lambda _n: self._changed(None, sync=True), self._failed)

    def _changed(self, _result: object, *, sync: bool = False) -> None:
        self._busy = False
        self.controller.refresh_status()
        if sync:
            self.controller.sync_now()
        else:
            self.controller.local_change()
        self.reload()

    def _sync_now(self) -> None:
        self.controller.sync_now()


__all__ = ["SyncDetails", "SyncDetailsDialog", "load_details"]
