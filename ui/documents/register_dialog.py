"""« Registre des incidents… » from the client's file: pick a period, then the register (R-13) is built
in the background, recorded in the registry of issued documents and opened in the print preview.

The dialog stays open while the register is prepared (its button says so) and on a refusal, which it
shows under the period; it closes when the preview opens.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.reports.loaders import ReportDataError
from app.reports.style import DocumentError
from app.services.documents import DocumentRegistryError
from ui.background import in_session, run_in_background
from ui.documents.operations import IssuedPdf, issue_register
from ui.documents.printing import DocumentPreviewDialog, open_preview
from ui.intake.operations import Technician
from ui.style import TONES, set_role

log = logging.getLogger("hotline.ui.documents")

_EXPLAINED = (ReportDataError, DocumentError, DocumentRegistryError)


def window_technician(widget: QWidget) -> Technician | None:
    """The technician of the window ``widget`` is in, from the main window's context (None elsewhere)."""
    context = getattr(widget.window(), "context", None)
    if context is None:
        return None
    return Technician(context.technician_login, context.technician_name, context.station or "")


def _date_edit(name: str, value: QDate) -> QDateEdit:
    edit = QDateEdit(value)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


class RegisterDialog(QDialog):
    """The period of a client's incident register (this year so far, unless changed), then « Prepare »."""

    #: The register was recorded and its preview opened (the client's code).
    issued = Signal(str)

    def __init__(
        self,
        sessions: sessionmaker[Session],
        technician: Technician,
        client_code: str,
        client_name: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registerDialog")
        self.setWindowTitle(self.tr("Incident register — {client}").format(client=client_name))
        self.setMinimumWidth(440)
        self._sessions = sessions
        self._technician = technician
        self.client_code = client_code
        self.busy = False
        self.preview: DocumentPreviewDialog | None = None
        day = today or date.today()

        heading = set_role(QLabel(f"{client_name} ({client_code})"), "strong")
        heading.setObjectName("registerClient")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        intro = set_role(
            QLabel(self.tr("One line per incident opened in the period, with its dates, status and delays.")),
            "muted",
        )
        intro.setWordWrap(True)
        self.date_from = _date_edit("registerFrom", QDate(day.year, 1, 1))
        self.date_to = _date_edit("registerTo", QDate(day.year, day.month, day.day))
        self.whole_history = QCheckBox(self.tr("Since the first incident"))
        self.whole_history.setObjectName("registerWholeHistory")
        self.whole_history.toggled.connect(lambda on: self.date_from.setEnabled(not on))
        start = QHBoxLayout()
        start.setSpacing(10)
        start.addWidget(self.date_from)
        start.addWidget(self.whole_history)
        start.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        from_label = QLabel(self.tr("&From"))
        from_label.setBuddy(self.date_from)
        to_label = QLabel(self.tr("&To"))
        to_label.setBuddy(self.date_to)
        form.addRow(from_label, start)
        form.addRow(to_label, self.date_to)

        self.error = QLabel()
        self.error.setObjectName("registerError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        danger_bg, danger_fg = TONES["danger"]
        self.error.setStyleSheet(
            f"background: {danger_bg}; color: {danger_fg}; border-radius: 5px; padding: 6px 10px;"
        )
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("registerButtons")
        self.prepare_button = QPushButton(self.tr("Prepare the register"))
        self.prepare_button.setObjectName("registerPrepare")
        self.prepare_button.setDefault(True)
        self.buttons.addButton(self.prepare_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.prepare)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def period(self) -> tuple[date | None, date]:
        """The period chosen: (first day or None for the whole history, last day), both included."""
        start = None if self.whole_history.isChecked() else self.date_from.date().toPython()
        return start, self.date_to.date().toPython()

    def set_period(self, start: date | None, end: date) -> None:
        """Choose the period (``start`` None: since the first incident)."""
        self.whole_history.setChecked(start is None)
        if start is not None:
            self.date_from.setDate(QDate(start.year, start.month, start.day))
        self.date_to.setDate(QDate(end.year, end.month, end.day))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.prepare_button.setText(self.tr("Preparing…") if busy else self.tr("Prepare the register"))
        self.prepare_button.setEnabled(not busy)
        for edit in (self.date_from, self.date_to, self.whole_history):
            edit.setEnabled(not busy and not (edit is self.date_from and self.whole_history.isChecked()))
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def prepare(self) -> None:
        """Build and record the register in the background; its preview opens when it is ready."""
        if self.busy:
            return
        start, end = self.period()
        self.error.hide()
        self._set_busy(True)
        run_in_background(
            self,
            in_session(self._sessions, issue_register, self._technician, self.client_code, start, end),
            self._issued,
            self._failed,
            key="register",
        )

    def _issued(self, issued: IssuedPdf) -> None:
        self._set_busy(False)
        parent = self.parentWidget()
        self.preview = open_preview(issued.pdf, issued.title, issued.filename, parent.window() if parent else None)
        if self.preview is None:
            self._show_error(self.tr("The register was recorded but cannot be shown."))
            return
        self.issued.emit(self.client_code)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, _EXPLAINED):
            self._show_error(str(error))
            return
        log.error("register preparation failed", exc_info=error)
        self._show_error(self.tr("The register could not be prepared. Nothing was recorded."))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
