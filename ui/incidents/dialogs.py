"""Small dialogs of the lifecycle actions: diagnosis (origin + estimate, R-08/R-11) and a text (workaround,
resolution, reopening reason, note). They collect values only; the services decide."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.vocabulary import Origin


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
