"""Small dialogs of the incident actions: diagnosis (origin + estimate, R-08/R-11), a text (workaround,
resolution, reopening reason, note) and the out-of-contract exclusion (R-07). They collect values only;
the services decide."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.vocabulary import Exclusion, Origin
from ui.style import set_role


class DiagnoseDialog(QDialog):
    """Origin among the four of R-11 and an estimate in minutes (owed even when not covered, R-08)."""

    def __init__(self, number: str, origin: Origin | None, estimate: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagnoseDialog")
        self.setWindowTitle(self.tr("Diagnose {number}").format(number=number))
        self.origin_combo = QComboBox()
        self.origin_combo.setObjectName("diagnoseOrigin")
        for item in Origin:
            self.origin_combo.addItem(item.label, item.value)
        if origin is not None:
            self.origin_combo.setCurrentIndex(self.origin_combo.findData(origin.value))
        self.estimate_field = QSpinBox()
        self.estimate_field.setObjectName("diagnoseEstimate")
        self.estimate_field.setRange(1, 100_000)
        self.estimate_field.setSingleStep(15)
        self.estimate_field.setSuffix(self.tr(" min"))
        self.estimate_field.setValue(estimate or 30)
        form = QFormLayout()
        form.addRow(self.tr("&Origin"), self.origin_combo)
        form.addRow(self.tr("&Estimate"), self.estimate_field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("diagnoseButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def origin(self) -> Origin:
        return Origin(self.origin_combo.currentData())

    def estimate(self) -> int:
        return self.estimate_field.value()


class TextDialog(QDialog):
    """One text for an action (workaround, resolution, reopening reason, note)."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionTextDialog")
        self.setWindowTitle(title)
        self.text_field = QPlainTextEdit()
        self.text_field.setObjectName("actionText")
        self.text_field.setTabChangesFocus(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("actionTextButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.text_field)
        layout.addWidget(buttons)
        self.resize(460, 240)

    def text(self) -> str:
        return self.text_field.toPlainText()


# The radio button that keeps (or puts back) the request under the contract.
UNDER_CONTRACT = "none"


class ExclusionDialog(QDialog):
    """R-07: which exclusion of the contract makes this request billable, or « under contract ».

    One radio button per exclusion rather than a combo: the labels are long sentences of the contract
    and the technician must be able to read them all at a glance.
    """

    def __init__(self, number: str, current: Exclusion | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exclusionDialog")
        self.setWindowTitle(self.tr("Out of contract — {number}").format(number=number))
        question = set_role(QLabel(self.tr("Is this request covered by the maintenance contract?")), "strong")
        question.setObjectName("exclusionQuestion")
        intro = set_role(
            QLabel(
                self.tr(
                    "Under one of the contract's exclusions (R-07) it is billable, on quotation; the "
                    "diagnosis and the estimate are still owed (R-08)."
                )
            ),
            "muted",
        )
        intro.setObjectName("exclusionIntro")
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        choices = QVBoxLayout()
        choices.setSpacing(8)
        under = QRadioButton(self.tr("Under contract (no exclusion applies)"))
        self._add_choice(UNDER_CONTRACT, under, choices)
        for exclusion in Exclusion:
            self._add_choice(exclusion.value, QRadioButton(exclusion.label), choices)
        self.choices[current.value if current else UNDER_CONTRACT].setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("exclusionButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(6)
        layout.addWidget(question)
        layout.addWidget(intro)
        layout.addSpacing(10)
        layout.addLayout(choices)
        layout.addSpacing(12)
        layout.addWidget(buttons)
        self.setMinimumWidth(540)

    def _add_choice(self, key: str, button: QRadioButton, layout: QVBoxLayout) -> None:
        button.setObjectName(f"exclusionChoice_{key}")
        self.group.addButton(button)
        self.choices[key] = button
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)

    def choose(self, exclusion: Exclusion | None) -> None:
        """Check the choice for ``exclusion`` (None: under contract)."""
        self.choices[exclusion.value if exclusion else UNDER_CONTRACT].setChecked(True)

    def exclusion(self) -> Exclusion | None:
        """The chosen exclusion, or None when the request stays under contract."""
        for key, button in self.choices.items():
            if button.isChecked():
                return None if key == UNDER_CONTRACT else Exclusion(key)
        return None
