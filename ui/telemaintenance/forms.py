"""The form of the step expected now, one class per step of R-18. A form only collects values: it emits
``requested(operation, values)`` and the screen runs the use case, so every rule stays in the service.
Steps 2 to 4 also offer the client's refusal or withdrawal of consent (``ending_requested``).

Each form says when its step took place (« Date et heure », now by default), passed as the step's
``at``: a consent that arrived at 10:02 is recorded at 10:02 even when typed at 10:30. A date in the
future is refused here (``invalid``), one before the previous step by the service; both in the step."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.telemaintenance import (
    Consent,
    ConsentVia,
    FilesDifference,
    NotifiedVia,
    SentVia,
    Step,
)
from app.services.telemaintenance import TelemaintenanceView
from ui.models.incident_table import local_time
from ui.style import set_role
from ui.telemaintenance.evidence import difference_text
from ui.telemaintenance.widgets import FilesEdit, PersonPicker, WhenEdit
from ui.widgets.text import read_only_label

REFUSE = "refuse"
WITHDRAW = "withdraw"


def primary_button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setProperty("primary", True)
    button.setDefault(True)
    return button


def _combo(name: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for text, value in items:
        combo.addItem(text, value)
    return combo


class StepForm(QWidget):
    """The common frame: fields on top, the buttons under them, right-aligned."""

    #: The technician asks to record something: (operation name of ``ui.telemaintenance.operations``, values).
    requested = Signal(str, object)
    #: The client refuses (step 2) or withdraws (steps 3 and 4) its consent: REFUSE or WITHDRAW.
    ending_requested = Signal(str)
    #: What was typed cannot be recorded (a date in the future): the French message, shown in the step.
    invalid = Signal(str)

    def __init__(self, view: TelemaintenanceView) -> None:
        super().__init__()
        self.view = view
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(7)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 4, 0, 0)
        self.layout_.setSpacing(10)
        self.layout_.addLayout(self.form)
        self.layout_.addLayout(self.buttons)

    def add_when(self, label: str, name: str, default: datetime | None = None) -> WhenEdit:
        """A « Date et heure » row: when the step took place, now unless the technician says otherwise."""
        edit = WhenEdit(name, default)
        self.form.addRow(label, edit)
        return edit

    def last_recorded(self) -> datetime | None:
        """The moment of the last thing recorded (a step, or the start of the intervention)."""
        moments = [s.at for s in self.view.workflow.steps]
        if self.view.begun_at is not None:
            moments.append(self.view.begun_at)
        return max(moments) if moments else None

    def chosen(self, edit: WhenEdit) -> tuple[bool, datetime | None]:
        """(False, None) after saying why a date in the future cannot be recorded; else (True, the instant
        chosen), None meaning the default (now, to the second). A time shown in the same minute as the last
        step but before it (the field has no seconds) is taken as that step's instant."""
        if edit.in_future():
            self.invalid.emit(
                self.tr("{when} is in the future: a step is recorded once it has taken place.").format(
                    when=local_time(edit.wall_time())
                )
            )
            return False, None
        at = edit.value()
        last = self.last_recorded()
        if at is not None and last is not None and last - timedelta(minutes=1) < at < last:
            at = last
        return True, at

    def add_ending_button(self, kind: str) -> QPushButton:
        text = self.tr("Client refuses…") if kind == REFUSE else self.tr("Consent withdrawn…")
        button = QPushButton(text)
        button.setObjectName("tmRefuseButton" if kind == REFUSE else "tmWithdrawButton")
        button.setProperty("danger", True)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: self.ending_requested.emit(kind))
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self, primary: QPushButton) -> None:
        self.buttons.addStretch(1)
        self.buttons.addWidget(primary)

    def add_optional_reference(self, label: str, hint_name: str) -> QLabel:
        """The optional reference of a document already sent (``self.document``), across the whole form
        with its label above it, and a hint under it saying what the button will do; returns the hint."""
        title = QLabel(label)
        title.setBuddy(self.document)
        self.form.addRow(title)
        self.form.addRow(self.document)
        hint = read_only_label("", "muted", hint_name)
        hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.addRow(hint)
        return hint

    def set_busy(self, busy: bool) -> None:
        """Disable every button while the step is being recorded."""
        for button in self.findChildren(QPushButton):
            button.setEnabled(not busy)


class InformForm(StepForm):
    """Step 1: how the written information reached the client. By default the information and consent
    form is issued now (and previewed to be printed, saved or sent); a reference names one already sent."""

    def __init__(self, view: TelemaintenanceView) -> None:
        super().__init__(view)
        self.via = _combo("tmInformVia", [(v.label, v.value) for v in SentVia])
        self.via.setCurrentIndex(self.via.findData(SentVia.EMAIL.value))
        self.document = QLineEdit()
        self.document.setObjectName("tmInformDocument")
        self.document.setPlaceholderText(self.tr("Leave empty to issue the form now"))
        self.document.setClearButtonEnabled(True)
        requested = ", ".join(p.label for p in view.precautions_requested) or self.tr("none")
        for label, value in (
            (self.tr("Nature"), view.nature),
            (self.tr("Files concerned"), ", ".join(view.files)),
            (self.tr("Possible risks"), view.risks),
            (self.tr("Planned delay"), self.tr("{minutes} min").format(minutes=view.delay_minutes)),
            (self.tr("Operations requested"), requested),
        ):
            self.form.addRow(set_role(QLabel(label), "evidenceKey"), read_only_label(value))
        self.when = self.add_when(self.tr("Date and time"), "tmInformWhen")
        self.form.addRow(self.tr("Sent by"), self.via)
        label = self.tr("Reference of a document already sent (optional)")
        self.hint = self.add_optional_reference(label, "tmInformHint")
        self.submit = primary_button("", "tmSubmitInform")
        self.submit.clicked.connect(self._submit)
        self.finish_buttons(self.submit)
        self.document.textChanged.connect(self._update_action)
        self._update_action()

    def issues_form(self) -> bool:
        """No reference typed: recording step 1 issues the information and consent form."""
        return not self.document.text().strip()

    def _update_action(self) -> None:
        if self.issues_form():
            self.submit.setText(self.tr("Issue the information and consent form"))
            self.hint.setText(
                self.tr(
                    "Without a reference, the form is issued now, recorded as the document sent and opened in the "
                    "preview, to print, save or send."
                )
            )
        else:
            self.submit.setText(self.tr("Record step 1"))
            self.hint.setText(self.tr("Step 1 names this document; no form is issued."))

    def _submit(self) -> None:
        ok, at = self.chosen(self.when)
        if not ok:
            return
        via = SentVia(self.via.currentData())
        if self.issues_form():
            self.requested.emit("inform_with_form", {"via": via, "at": at})
        else:
            self.requested.emit("inform", {"via": via, "document": self.document.text().strip(), "at": at})


class ConsentForm(StepForm):
    """Step 2: who consented (an RTC expected), how, and the evidence (a reference or a file)."""

    def __init__(self, view: TelemaintenanceView) -> None:
        super().__init__(view)
        self.person = PersonPicker(view.contacts, "tmConsentPerson")
        self.via = _combo("tmConsentVia", [(v.label, v.value) for v in ConsentVia])
        self.reference = QLineEdit()
        self.reference.setObjectName("tmConsentReference")
        self.reference.setPlaceholderText(self.tr("E-mail of 12/03 from the town hall, form no., portal receipt…"))
        self.file: Path | None = None
        self.file_label = set_role(QLabel(self.tr("No file attached")), "muted")
        self.file_label.setObjectName("tmConsentFileLabel")
        self.attach = QPushButton(self.tr("Attach a file…"))
        self.attach.setObjectName("tmConsentAttach")
        self.attach.setAutoDefault(False)
        self.attach.clicked.connect(self.pick_file)
        self.detach = QToolButton()
        self.detach.setObjectName("tmConsentDetach")
        self.detach.setText("✕")
        self.detach.setToolTip(self.tr("Remove the attached file"))
        self.detach.clicked.connect(lambda: self.set_file(None))
        self.detach.hide()
        files = QHBoxLayout()
        files.setSpacing(6)
        files.addWidget(self.attach)
        files.addWidget(self.file_label, 1)
        files.addWidget(self.detach)
        self.when = self.add_when(self.tr("Date and time"), "tmConsentWhen")
        self.form.addRow(self.tr("Consent given by"), self.person)
        self.form.addRow(self.tr("Form"), self.via)
        self.form.addRow(self.tr("Evidence reference"), self.reference)
        self.form.addRow(self.tr("Evidence file"), files)
        self.add_ending_button(REFUSE)
        self.submit = primary_button(self.tr("Record the consent"), "tmSubmitConsent")
        self.submit.clicked.connect(lambda: self.submit_consent(False))
        self.finish_buttons(self.submit)

    def pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Evidence of the written consent"),
            "",
            self.tr("Documents (*.pdf *.eml *.msg *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"),
        )
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path | None) -> None:
        """The evidence file kept with the consent (with its SHA-256); None removes it."""
        self.file = path
        self.file_label.setText(path.name if path else self.tr("No file attached"))
        self.file_label.setToolTip(str(path) if path else "")
        self.detach.setVisible(path is not None)

    def submit_consent(self, confirmed_non_rtc: bool) -> None:
        ok, at = self.chosen(self.when)
        if not ok:
            return
        self.requested.emit(
            "consent",
            {
                "at": at,
                "by": self.person.value(),
                "via": ConsentVia(self.via.currentData()),
                "evidence_reference": self.reference.text().strip(),
                "evidence_file": self.file,
                "confirmed_non_rtc": confirmed_non_rtc,
            },
        )


class PrecautionsForm(StepForm):
    """Step 3: one box per protective operation requested in step 1, and who confirmed them."""

    def __init__(self, view: TelemaintenanceView) -> None:
        super().__init__(view)
        self.boxes: list[tuple[QCheckBox, object]] = []
        requested = QVBoxLayout()
        requested.setSpacing(4)
        for number, precaution in enumerate(view.precautions_requested):
            box = QCheckBox(precaution.label)
            box.setObjectName(f"tmPrecaution{number}")
            requested.addWidget(box)
            self.boxes.append((box, precaution))
        if not view.precautions_requested:
            requested.addWidget(read_only_label(self.tr("No protective operation was requested."), "empty"))
        consent = view.workflow.evidence(Step.CONSENT)
        self.confirmed_by = QLineEdit(consent.who if isinstance(consent, Consent) else "")
        self.confirmed_by.setObjectName("tmConfirmedBy")
        self.when = self.add_when(self.tr("Date and time"), "tmPrecautionsWhen")
        self.form.addRow(self.tr("Done by the client"), requested)
        self.form.addRow(self.tr("Confirmed by"), self.confirmed_by)
        self.add_ending_button(WITHDRAW)
        self.submit = primary_button(self.tr("Record step 3"), "tmSubmitPrecautions")
        self.submit.clicked.connect(self._submit)
        self.finish_buttons(self.submit)

    def _submit(self) -> None:
        ok, at = self.chosen(self.when)
        if not ok:
            return
        done = [precaution for box, precaution in self.boxes if box.isChecked()]
        self.requested.emit(
            "confirm_precautions", {"done": done, "confirmed_by": self.confirmed_by.text().strip(), "at": at}
        )


class InterventionForm(StepForm):
    """Step 4: first « start the intervention » (the connection), then what was done and the files touched,
    compared live with the files announced in step 1."""

    def __init__(self, view: TelemaintenanceView) -> None:
        super().__init__(view)
        announced = ", ".join(view.files)
        self.actions: QPlainTextEdit | None = None
        self.files: FilesEdit | None = None
        self.difference_label = QLabel()
        self.difference_label.setObjectName("tmFilesDifference")
        self.difference_label.setWordWrap(True)
        self.difference_label.setTextFormat(Qt.TextFormat.PlainText)
        self.difference_label.hide()
        self.end: WhenEdit | None = None
        if view.begun_at is None:
            self.start = self.add_when(self.tr("Start"), "tmBeginWhen")
            self.form.addRow(self.tr("Files announced"), read_only_label(announced))
            self.form.addRow(
                "",
                read_only_label(
                    self.tr("Start when you connect to the client's system: the start time is recorded."), "muted"
                ),
            )
            self.add_ending_button(WITHDRAW)
            self.submit = primary_button(self.tr("Start the intervention"), "tmBeginButton")
            self.submit.clicked.connect(self._begin)
            self.finish_buttons(self.submit)
            return
        # The start noted by « Start the intervention », which the technician may still correct.
        self.start = self.add_when(self.tr("Start"), "tmStartWhen", view.begun_at)
        self.end = self.add_when(self.tr("End"), "tmEndWhen")
        self.form.addRow(self.tr("Files announced"), read_only_label(announced))
        self.actions = QPlainTextEdit()
        self.actions.setObjectName("tmActions")
        self.actions.setTabChangesFocus(True)
        self.actions.setFixedHeight(72)
        self.actions.setPlaceholderText(self.tr("What was done on the client's system"))
        self.files = FilesEdit(view.files, "tmFilesTouched")
        self.files.setPlaceholderText(self.tr("One file per line"))
        self.files.difference_changed.connect(self._show_difference)
        self.files.setPlainText("\n".join(view.files))
        self.form.addRow(self.tr("Actions performed"), self.actions)
        self.form.addRow(self.tr("Files touched"), self.files)
        self.form.addRow("", self.difference_label)
        self.add_ending_button(WITHDRAW)
        self.submit = primary_button(self.tr("Record the end of the intervention"), "tmSubmitIntervention")
        self.submit.clicked.connect(self._submit)
        self.finish_buttons(self.submit)

    def _show_difference(self, difference: FilesDifference) -> None:
        text = difference_text(difference)
        self.difference_label.setText("⚠ " + text if text else "")
        self.difference_label.setVisible(bool(text))

    def _begin(self) -> None:
        ok, at = self.chosen(self.start)
        if ok:
            self.requested.emit("begin", {"at": at})

    def _submit(self) -> None:
        assert self.actions is not None and self.files is not None and self.end is not None
        ok, start = self.chosen(self.start)
        if not ok:
            return
        ok, end = self.chosen(self.end)
        if not ok:
            return
        self.requested.emit(
            "finish",
            {
                "actions": self.actions.toPlainText().strip(),
                "files_touched": self.files.files(),
                "start": start,
                "at": end,
            },
        )


class NormalForm(StepForm):
    """Step 5: how the client was told its system works normally again."""

    def __init__(self, view: TelemaintenanceView) -> None:
        super().__init__(view)
        self.via = _combo("tmNormalVia", [(v.label, v.value) for v in NotifiedVia])
        self.when = self.add_when(self.tr("Date and time"), "tmNormalWhen")
        self.form.addRow(self.tr("Notified by"), self.via)
        self.submit = primary_button(self.tr("Record step 5"), "tmSubmitNormal")
        self.submit.clicked.connect(self._submit)
        self.finish_buttons(self.submit)

    def _submit(self) -> None:
        ok, at = self.chosen(self.when)
        if ok:
            self.requested.emit("notify", {"via": NotifiedVia(self.via.currentData()), "at": at})


class ReportForm(StepForm):
    """Step 6: the written report sent to the client. By default the technician and the client sign it on
    screen and it is issued now (then previewed); a reference names a report already sent."""

    def __init__(self, view: TelemaintenanceView) -> None:
        super().__init__(view)
        self.document = QLineEdit()
        self.document.setObjectName("tmReportDocument")
        self.document.setPlaceholderText(self.tr("Leave empty to have the report signed and issue it now"))
        self.document.setClearButtonEnabled(True)
        self.when = self.add_when(self.tr("Date and time"), "tmReportWhen")
        label = self.tr("Reference of a report already sent (optional)")
        self.hint = self.add_optional_reference(label, "tmReportHint")
        self.submit = primary_button("", "tmSubmitReport")
        self.submit.clicked.connect(self._submit)
        self.finish_buttons(self.submit)
        self.document.textChanged.connect(self._update_action)
        self._update_action()

    def issues_report(self) -> bool:
        """No reference typed: the report is signed on screen and issued."""
        return not self.document.text().strip()

    def _update_action(self) -> None:
        if self.issues_report():
            self.submit.setText(self.tr("Have it signed and issue the report…"))
            self.hint.setText(
                self.tr(
                    "Without a reference, the technician and the client sign on screen, then the report is issued, "
                    "recorded as sent and opened in the preview."
                )
            )
        else:
            self.submit.setText(self.tr("Record step 6"))
            self.hint.setText(self.tr("Step 6 names this report; no report is issued."))

    def _submit(self) -> None:
        ok, at = self.chosen(self.when)
        if not ok:
            return
        if self.issues_report():
            self.requested.emit("sign_report", {"at": at})
        else:
            self.requested.emit("report", {"document": self.document.text().strip(), "at": at})


FORMS: dict[Step, type[StepForm]] = {
    Step.INFORMATION: InformForm,
    Step.CONSENT: ConsentForm,
    Step.PRECAUTIONS: PrecautionsForm,
    Step.INTERVENTION: InterventionForm,
    Step.RETURN_TO_NORMAL: NormalForm,
    Step.REPORT: ReportForm,
}
