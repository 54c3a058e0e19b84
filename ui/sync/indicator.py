"""The portal's place in the status bar: « Portail : en ligne · 3 en attente · synchronisé à 10:42 ».

A compact label (online, offline since when, errors to look at), the « Synchroniser » action
(Ctrl+Shift+S) and « Détails… », which opens the conflicts, quarantine and dead-letter lists.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QSizePolicy, QStyle, QToolButton, QWidget

from app.domain.hotline_calendar import PARIS
from ui.style import TONES
from ui.sync.controller import SyncController, SyncView

SHORTCUT = "Ctrl+Shift+S"

# Something to look at (conflicts, quarantine, failed sends) is orange; a portal refusing the cycle, red.
_TONE_OF_STATE = {"ok": "ok", "busy": "info", "offline": "warn", "attention": "warn", "error": "danger", "off": "muted"}
_STYLE = (
    "\n".join(
        f'QLabel#syncStatusLabel[state="{state}"] {{ background: {TONES[tone][0]}; color: {TONES[tone][1]}; }}'
        for state, tone in _TONE_OF_STATE.items()
    )
    + "\nQLabel#syncStatusLabel { border-radius: 7px; padding: 1px 10px; font-weight: 600; }"
)


class _ClickableLabel(QLabel):
    """The status text; a click on it opens the details, like « Détails… »."""

    def __init__(self, on_click: object) -> None:
        super().__init__()
        self._on_click = on_click
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._on_click()  # type: ignore[operator]
        super().mouseReleaseEvent(event)


class SyncStatusIndicator(QWidget):
    """Status bar widget showing a ``SyncController``'s state, with the sync and details buttons."""

    def __init__(
        self,
        controller: SyncController,
        parent: QWidget | None = None,
        *,
        now: type[datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.controller = controller
        self._datetime = now or datetime
        self.details_dialog: QWidget | None = None
        self.message: QMessageBox | None = None

        self.label = _ClickableLabel(self.open_details)
        self.label.setObjectName("syncStatusLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName(self.tr("Portal synchronisation status"))
        self.label.setStyleSheet(_STYLE)
        # The status bar is crowded: this text is never cut, the database location gives way instead.
        self.label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)

        self.sync_action = QAction(self.tr("Sync"), self)
        self.sync_action.setObjectName("syncNowAction")
        self.sync_action.setShortcut(QKeySequence(SHORTCUT))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_action.setToolTip(
            self.tr("Synchronise with the client portal now ({shortcut})").format(
                shortcut=QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.sync_action.triggered.connect(self.sync_now)
        self.addAction(self.sync_action)
        self.sync_button = QToolButton()
        self.sync_button.setObjectName("syncNowButton")
        self.sync_button.setDefaultAction(self.sync_action)
        # An icon only: the status bar is crowded; the action's text stays its tooltip and accessible name.
        self.sync_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.sync_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.sync_button.setAccessibleName(self.sync_action.text())
        self.sync_button.setAutoRaise(True)

        self.details_button = QToolButton()
        self.details_button.setObjectName("syncDetailsButton")
        self.details_button.setText(self.tr("Details…"))
        self.details_button.setAutoRaise(True)
        self.details_button.clicked.connect(self.open_details)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.label)
        layout.addWidget(self.sync_button)
        layout.addWidget(self.details_button)

        controller.state_changed.connect(self.show_view)
        self.show_view(controller.view)

    # --- what it says ---------------------------------------------------------------------------

    def _time(self, value: datetime) -> str:
        local = value.astimezone(PARIS)
        today = self._datetime.now(PARIS).date()
        if local.date() == today:
            return self.tr("at {time}").format(time=local.strftime("%H:%M"))
        return self.tr("on {date} at {time}").format(date=local.strftime("%d/%m"), time=local.strftime("%H:%M"))

    def describe(self, view: SyncView) -> tuple[str, str]:
        """The state (for the colour) and the text for ``view``."""
        if not view.configured:
            return "off", self.tr("Portal not configured")
        if not view.checked and not view.running:
            return "busy", self.tr("Portal: checking…")
        if view.running:
            state, head = "busy", self.tr("Portal: syncing…")
        elif view.online is False:
            since = view.offline_since.astimezone(PARIS).strftime("%H:%M") if view.offline_since else "?"
            state, head = "offline", self.tr("Portal: offline since {time}").format(time=since)
        elif view.online and view.last_error:
            state, head = "error", self.tr("Portal: error")
        elif view.online:
            state, head = "ok", self.tr("Portal: online")
        else:
            state, head = "ok", self.tr("Portal")
        parts = [head]
        if view.pending:
            parts.append(self.tr("{count} pending").format(count=view.pending))
        if view.last_success is not None and view.online is not False:
            parts.append(self.tr("synced {when}").format(when=self._time(view.last_success)))
        if view.problems:
            parts.append(
                self.tr("1 error") if view.problems == 1 else self.tr("{count} errors").format(count=view.problems)
            )
            if state == "ok":
                state = "attention"
        return state, " · ".join(parts)

    def tooltip(self, view: SyncView) -> str:
        lines = [
            self.tr("Conflicts to settle: {count}").format(count=view.conflicts),
            self.tr("Quarantined records: {count}").format(count=view.quarantined),
            self.tr("Failed sends: {count}").format(count=view.dead),
        ]
        if view.last_error:
            lines.append(self.tr("Last error: {error}").format(error=view.last_error))
        return "\n".join(lines)

    def show_view(self, view: SyncView) -> None:
        state, text = self.describe(view)
        self.label.setText(text)
        self.label.setToolTip(self.tooltip(view) if view.configured else self._how_to_configure())
        if self.label.property("state") != state:
            self.label.setProperty("state", state)
            self.label.style().unpolish(self.label)
            self.label.style().polish(self.label)
        self.sync_action.setEnabled(not view.running)

    def state(self) -> str:
        return str(self.label.property("state"))

    # --- what it does ---------------------------------------------------------------------------

    def _how_to_configure(self) -> str:
        return self.tr(
            "No client portal is configured on this workstation. In a terminal, run\n"
            "hotline portal login --portal URL\n"
            "and give the portal's access token (or set HOTLINE_PORTAL_TOKEN), then restart the app."
        )

    def sync_now(self) -> None:
        """« Synchroniser »: a cycle now, or how to configure the portal when there is none."""
        view = self.controller.view
        if (view.checked and not view.configured) or not self.controller.sync_now():
            self.explain_configuration()

    def explain_configuration(self) -> None:
        self.message = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Client portal"), self._how_to_configure(), parent=self.window()
        )
        self.message.setObjectName("syncNotConfiguredMessage")
        self.message.open()

    def open_details(self) -> None:
        """« Détails… »: conflicts, quarantined records, dead letters, the last error."""
        from ui.sync.details import SyncDetailsDialog

        if self.details_dialog is not None and self.details_dialog.isVisible():
            self.details_dialog.raise_()
            return
        dialog = SyncDetailsDialog(self.controller, self.window())
        self.details_dialog = dialog
        dialog.open()


__all__ = ["SHORTCUT", "SyncStatusIndicator"]
