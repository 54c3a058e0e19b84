"""Dialogs of the télémaintenance: preparing one from an incident (what step 1 will tell the client), and
the client's refusal or withdrawal of consent (who, and why)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.domain.telemaintenance import Precaution, PrecautionKind, TelemaintenanceError
from app.services.incidents import IncidentError
from app.services.telemaintenance import ContactChoice, TelemaintenanceView
from ui.background import in_session, run_in_background
from ui.intake.operations import Technician
from ui.style import set_role
from ui.telemaintenance import operations
from ui.telemaintenance.evidence import split_files
from ui.telemaintenance.forms import REFUSE
from ui.telemaintenance.style import STYLE_SHEET
from ui.telemaintenance.widgets import PersonPicker


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


class StartTelemaintenanceDialog(QDialog):
    """Prepare a télémaintenance of incident ``number``: nature, files, risks, delay and the protective
    operations to ask of the client. It records it in the background and stays open on a refusal."""

    #: The télémaintenance was prepared (its reference).
    started = Signal(str)

    def __init__(
        self, sessions: sessionmaker[Session], technician: Technician, number: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("startTelemaintenanceDialog")
        self.setStyleSheet(STYLE_SHEET)
        self.setWindowTitle(self.tr("Remote maintenance of incident {number}").format(number=number))
        self.setMinimumWidth(560)
        self._sessions = sessions
        self._technician = technician
        self.number = number
        self.busy = False

        intro = QLabel(
            self.tr(
                "What the client will be told in writing before anything is done on its data (R-18, step 1). "
                "Nothing is sent yet."
            )
        )
        intro.setWordWrap(True)
        set_role(intro, "muted")
        self.nature = QLineEdit()
        self.nature.setObjectName("tmStartNature")
        self.nature.setPlaceholderText(self.tr("e.g. Removal of the duplicate payment orders of 2026"))
        self.files = QPlainTextEdit()
        self.files.setObjectName("tmStartFiles")
        self.files.setTabChangesFocus(True)
        self.files.setFixedHeight(70)
        self.files.setPlaceholderText(self.tr("One file per line, or separated by commas"))
        self.risks = QPlainTextEdit()
        self.risks.setObjectName("tmStartRisks")
        self.risks.setTabChangesFocus(True)
        self.risks.setFixedHeight(56)
        self.risks.setPlaceholderText(self.tr("e.g. Loss of the entries made since the last backup"))
        self.delay = QSpinBox()
        self.delay.setObjectName("tmStartDelay")
        self.delay.setRange(1, 100_000)
        self.delay.setSingleStep(15)
        self.delay.setValue(30)
        self.delay.setSuffix(self.tr(" min"))

        self.full_backup = QCheckBox(PrecautionKind.FULL_BACKUP.label.capitalize())
        self.full_backup.setObjectName("tmStartFullBackup")
        self.full_backup.setChecked(True)
        self.partial_backup = QCheckBox(PrecautionKind.PARTIAL_BACKUP.label.capitalize())
        self.partial_backup.setObjectName("tmStartPartialBackup")
        self.partial_scope = QLineEdit()
        self.partial_scope.setObjectName("tmStartPartialScope")
        self.partial_scope.setPlaceholderText(self.tr("scope (optional)"))
        self.partial_scope.setEnabled(False)
        self.partial_backup.toggled.connect(self.partial_scope.setEnabled)
        self.stop_of_use = QCheckBox(PrecautionKind.STOP_OF_USE.label.capitalize())
        self.stop_of_use.setObjectName("tmStartStopOfUse")
        self.stop_of_use.setChecked(True)
        self.other = QCheckBox(PrecautionKind.OTHER.label.capitalize())
        self.other.setObjectName("tmStartOther")
        self.other_text = QLineEdit()
        self.other_text.setObjectName("tmStartOtherText")
        self.other_text.setPlaceholderText(self.tr("which one"))
        self.other_text.setEnabled(False)
        self.other.toggled.connect(self.other_text.setEnabled)
        precautions = QGridLayout()
        precautions.setHorizontalSpacing(10)
        precautions.setVerticalSpacing(4)
        precautions.addWidget(self.full_backup, 0, 0)
        precautions.addWidget(self.partial_backup, 1, 0)
        precautions.addWidget(self.partial_scope, 1, 1)
        precautions.addWidget(self.stop_of_use, 2, 0)
        precautions.addWidget(self.other, 3, 0)
        precautions.addWidget(self.other_text, 3, 1)
        precautions.setColumnStretch(1, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("&Nature"), self.nature)
        form.addRow(self.tr("&Files concerned"), self.files)
        form.addRow(self.tr("Possible &risks"), self.risks)
        form.addRow(self.tr("Planned &delay"), self.delay)
        form.addRow(self.tr("Operations to ask"), precautions)

        self.error = _error_label("tmStartError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("tmStartButtons")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Prepare"))
        ok.setObjectName("tmStartPrepare")
        self.buttons.accepted.connect(self.prepare)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def precautions(self) -> list[Precaution]:
        """The protective operations ticked (an « other » one must say which: TelemaintenanceError)."""
        chosen = []
        if self.full_backup.isChecked():
            chosen.append(Precaution(PrecautionKind.FULL_BACKUP))
        if self.partial_backup.isChecked():
            chosen.append(Precaution(PrecautionKind.PARTIAL_BACKUP, self.partial_scope.text()))
        if self.stop_of_use.isChecked():
            chosen.append(Precaution(PrecautionKind.STOP_OF_USE))
        if self.other.isChecked():
            chosen.append(Precaution(PrecautionKind.OTHER, self.other_text.text()))
        return chosen

    def prepare(self) -> None:
        """Record the télémaintenance in the background; on success emit ``started`` and close."""
        if self.busy:
            return
        try:
            precautions = self.precautions()
        except TelemaintenanceError as exc:
            self._failed(exc)
            return
        self.busy = True
        self.error.hide()
        self.buttons.setEnabled(False)
        run_in_background(
            self,
            in_session(
                self._sessions,
                operations.start,
                self._technician,
                self.number,
                nature=self.nature.text(),
                files=split_files(self.files.toPlainText()),
                risks=self.risks.toPlainText(),
                delay_minutes=self.delay.value(),
                precautions=precautions,
            ),
            self._started,
            self._failed,
        )

    def _started(self, view: TelemaintenanceView) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        self.started.emit(view.reference)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        if isinstance(error, TelemaintenanceError | IncidentError):
            self.error.setText(str(error))
        else:
            self.error.setText(self.tr("The remote maintenance could not be prepared. Nothing was recorded."))
        self.error.show()


class EndingDialog(QDialog):
    """The client refuses (step 2) or withdraws (steps 3–4) its consent: who, and the reason given."""

    def __init__(
        self,
        kind: str,
        reference: str,
        contacts: Sequence[ContactChoice],
        preferred: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tmEndingDialog")
        self.setStyleSheet(STYLE_SHEET)
        self.kind = kind
        if kind == REFUSE:
            self.setWindowTitle(self.tr("Refusal of consent — {reference}").format(reference=reference))
            warning = self.tr("The client refuses the remote maintenance: it ends here and nothing is touched.")
        else:
            self.setWindowTitle(self.tr("Withdrawal of consent — {reference}").format(reference=reference))
            warning = self.tr("The client withdraws its consent: the remote maintenance ends here.")
        note = QLabel(warning)
        note.setObjectName("tmEndingWarning")
        note.setWordWrap(True)
        self.person = PersonPicker(contacts, "tmEndingPerson", preferred)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("tmEndingReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        form = QFormLayout()
        form.addRow(self.tr("Person"), self.person)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("tmEndingButtons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {"by": self.person.value(), "reason": self.reason.toPlainText().strip()}
