"""An incident's documents from the GUI: the « Documents… » button with its menu, and what each entry does.

The progress report, the information and consent form of the latest télémaintenance (the one sent at
step 1 when there is one) and the on-site quote and order summary are built, recorded and previewed.
The intervention report first finds which intervention it describes, then opens « Faire signer », then
is built with the signatures. Building and
recording run on a worker (``ui.background``), so the window stays responsive; the button says the
document is being prepared meanwhile, and the preview opens when it is ready.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QWidget
from sqlalchemy.orm import Session, sessionmaker

from ui.background import in_session, run_in_background
from ui.intake.operations import Technician

if TYPE_CHECKING:
    from ui.documents.operations import IssuedPdf, SigningContext
    from ui.documents.printing import DocumentPreviewDialog
    from ui.documents.sign_dialog import SignDialog

log = logging.getLogger("hotline.ui.documents")

PROGRESS_REPORT = "progress_report"
INTERVENTION_REPORT = "intervention_report"
CONSENT_FORM = "consent_form"
ONSITE_ORDER = "onsite_order"
# Refusals whose message is written for the user (French, says what to do): the documents' own errors
# (report data, document, registry), the télémaintenance's and the incidents' all derive from ValueError.
# The PDF machinery is imported on the first request, not with the Incidents screen at start-up.
_EXPLAINED = (ValueError,)


class DocumentsButton(QPushButton):
    """« Documents… »: a menu of the documents an incident can be issued as."""

    document_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionDocuments")
        self._idle_text = self.tr("Documents…")
        self.setText(self._idle_text)
        self.setToolTip(self.tr("Print or save the incident's documents as PDF"))
        self.menu_ = QMenu(self)
        self.menu_.setObjectName("documentsMenu")
        self.actions_: dict[str, QAction] = {}
        for key, text in (
            (PROGRESS_REPORT, self.tr("Progress report")),
            (INTERVENTION_REPORT, self.tr("Intervention report (signed)…")),
            (CONSENT_FORM, self.tr("Information and consent form")),
            (ONSITE_ORDER, self.tr("Quote / order summary (on site)")),
        ):
            action = self.menu_.addAction(text)
            action.setObjectName(f"document_{key}")
            action.triggered.connect(lambda _checked=False, k=key: self.document_requested.emit(k))
            self.actions_[key] = action
        self.setMenu(self.menu_)

    def set_busy(self, busy: bool) -> None:
        """While a document is being prepared: say so, and take no second request."""
        self.setText(self.tr("Preparing…") if busy else self._idle_text)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        self.setEnabled(not busy)


class IncidentDocuments(QObject):
    """Prepares an incident's documents in the background and opens them in the print preview.

    ``busy_changed`` tells the screen when a document is being prepared; ``document_issued`` carries the
    incident number once a document is recorded (its file lists it); ``failed`` a French message.
    """

    busy_changed = Signal(bool)
    document_issued = Signal(str)
    failed = Signal(str)

    def __init__(self, sessions: sessionmaker[Session], technician: Technician, parent: QWidget) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._technician = technician
        self._busy = False
        self.sign_dialog: SignDialog | None = None
        self.preview: DocumentPreviewDialog | None = None

    def _window(self) -> QWidget:
        parent = self.parent()
        assert isinstance(parent, QWidget)
        return parent.window()

    def is_busy(self) -> bool:
        """A document is being built or recorded."""
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit(busy)

    def request(self, kind: str, number: str) -> None:
        """Issue document ``kind`` (one of the menu's keys) for incident ``number``."""
        if self._busy:
            return
        from ui.documents.operations import (
            issue_consent_form,
            issue_onsite_order,
            issue_progress_report,
            signing_context,
        )

        direct = {
            PROGRESS_REPORT: issue_progress_report,
            CONSENT_FORM: issue_consent_form,
            ONSITE_ORDER: issue_onsite_order,
        }
        if kind in direct:
            self._run(in_session(self._sessions, direct[kind], self._technician, number), self._issued)
        elif kind == INTERVENTION_REPORT:
            self._run(in_session(self._sessions, signing_context, number), self._ask_signatures)
        else:
            raise ValueError(f"unknown document kind {kind!r}")

    def _run(self, op: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        self._set_busy(True)
        run_in_background(self, op, on_success, self._failed, key="document")

    def _ask_signatures(self, context: SigningContext) -> None:
        from ui.documents.sign_dialog import SignDialog

        self._set_busy(False)
        dialog = SignDialog(
            context.reference,
            self._technician.name,
            context.client_signers,
            client_name=context.caller,
            parent=self._window(),
        )
        self.sign_dialog = dialog
        dialog.accepted.connect(lambda: self._signed(context, dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _signed(self, context: SigningContext, dialog: SignDialog) -> None:
        from ui.documents.operations import issue_intervention_report

        technician, client = dialog.signatures()
        self._run(
            in_session(self._sessions, issue_intervention_report, self._technician, context, technician, client),
            self._issued,
        )

    def _issued(self, issued: IssuedPdf) -> None:
        from ui.documents.printing import open_preview

        self._set_busy(False)
        if issued.incident_number:
            self.document_issued.emit(issued.incident_number)
        preview = open_preview(issued.pdf, issued.title, issued.filename, self._window())
        if preview is None:
            self.failed.emit(self.tr("The document was recorded but cannot be shown."))
            return
        self.preview = preview

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, _EXPLAINED):
            self.failed.emit(str(error))
            return
        log.error("document preparation failed", exc_info=error)
        self.failed.emit(self.tr("The document could not be prepared. Nothing was recorded."))
