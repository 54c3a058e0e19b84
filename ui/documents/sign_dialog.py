"""« Faire signer »: the technician and the client sign the intervention report on screen.

Each side has the signer's name, their capacity (« Responsable technique ») and a signature pad; the time
is taken when the signer lifts the pen. The client may instead sign the printed copy by hand (« Signer plus
tard »): their box then prints empty, with the lines for a wet signature.

The result is one ``app.reports.data.Signature`` per side, what the intervention report prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.reports.data import Signature
from ui.documents.signature_pad import SignaturePad
from ui.style import set_role

# The headings of the two boxes on the printed report (the document's own French words).
TECHNICIAN_ROLE = "Le technicien"
CLIENT_ROLE = "Pour le client"


@dataclass(frozen=True)
class Signer:
    """Someone who may sign for the client: a contact of theirs, with the job title they sign as."""

    name: str
    capacity: str = ""


class SignerPanel(QFrame):
    """One side of the dialog: heading, name, capacity, pad and when it was signed."""

    def __init__(self, heading: str, prefix: str, editable_names: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}SignerPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = set_role(QLabel(heading), "section")
        self.name_combo = QComboBox()
        self.name_combo.setObjectName(f"{prefix}SignerName")
        self.name_combo.setEditable(editable_names)
        self.name_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.capacity_field = QLineEdit()
        self.capacity_field.setObjectName(f"{prefix}SignerCapacity")
        self.pad = SignaturePad()
        self.pad.setObjectName(f"{prefix}SignaturePad")
        self.when_label = set_role(QLabel(), "muted")
        self.when_label.setObjectName(f"{prefix}SignedAt")
        self.pad.signature_changed.connect(self._show_time)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Name"), self.name_combo)
        form.addRow(self.tr("&Capacity"), self.capacity_field)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 10, 12, 10)
        self.layout_.setSpacing(8)
        self.layout_.addWidget(self.heading)
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.pad)
        # Under the pad: when it was signed, and on the client's side the choice to sign by hand later.
        self.footer = QHBoxLayout()
        self.footer.setSpacing(12)
        self.footer.addWidget(self.when_label)
        self.footer.addStretch(1)
        self.layout_.addLayout(self.footer)
        self.layout_.addStretch(1)
        self._show_time()

    def name(self) -> str:
        return " ".join(self.name_combo.currentText().split())

    def capacity(self) -> str:
        return " ".join(self.capacity_field.text().split())

    def _show_time(self) -> None:
        when = self.pad.signed_at
        if when is None or self.pad.is_empty():
            self.when_label.setText(self.tr("Not signed yet"))
        else:
            self.when_label.setText(
                self.tr("Signed on {day} at {time}").format(day=f"{when:%d/%m/%Y}", time=f"{when:%H:%M}")
            )

    def signature(self, role: str, on_screen: bool = True) -> Signature:
        """What the report prints for this side: the captured ink, or an empty box for a wet signature."""
        if not on_screen or self.pad.is_empty():
            return Signature(role, self.name(), None, None, self.capacity())
        return Signature(role, self.name(), self.pad.signed_at, self.pad.to_png(), self.capacity())


class SignDialog(QDialog):
    """The technician (name from the workstation's settings) and the client sign, side by side as on the
    printed report. Accepting needs the technician's signature, and the client's or « Sign later »."""

    def __init__(
        self,
        subject: str,
        technician_name: str,
        client_signers: Sequence[Signer] = (),
        *,
        technician_capacity: str | None = None,
        client_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signDialog")
        self.setWindowTitle(self.tr("Have it signed — {subject}").format(subject=subject))
        self._signers = {signer.name: signer for signer in client_signers}

        intro = QLabel(
            self.tr(
                "The technician and the client sign the intervention report below, with the mouse, a pen or a "
                "finger. The client may also sign the printed copy by hand."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("signIntro")

        self.technician = SignerPanel(self.tr("THE TECHNICIAN"), "technician", editable_names=True)
        self.technician.name_combo.addItem(technician_name)
        self.technician.capacity_field.setText(
            technician_capacity if technician_capacity is not None else self.tr("Hotline technician")
        )

        self.client = SignerPanel(self.tr("FOR THE CLIENT"), "client", editable_names=True)
        self.client.name_combo.lineEdit().setPlaceholderText(self.tr("Name of the person signing"))
        for signer in client_signers:
            self.client.name_combo.addItem(signer.name)
            if signer.capacity:
                self.client.name_combo.setItemData(
                    self.client.name_combo.count() - 1, signer.capacity, Qt.ItemDataRole.ToolTipRole
                )
        self.client.name_combo.setCurrentText(client_name)
        self._last_capacity = ""
        self._fill_capacity(client_name)
        self.client.name_combo.currentTextChanged.connect(self._fill_capacity)
        self.later_box = QCheckBox(self.tr("Sign later (handwritten signature)"))
        self.later_box.setObjectName("signLater")
        self.later_box.setToolTip(
            self.tr("The client's box prints empty, with « Lu et approuvé », their name and the date to fill in.")
        )
        self.later_box.toggled.connect(self._later_toggled)
        self.client.footer.addWidget(self.later_box)

        sides = QHBoxLayout()
        sides.setSpacing(12)
        sides.addWidget(self.technician, 1)
        sides.addWidget(self.client, 1)

        self.problem = QLabel()
        self.problem.setObjectName("signProblem")
        self.problem.setWordWrap(True)
        set_role(self.problem, "muted")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("signButtons")
        self.accept_button = QPushButton(self.tr("Sign and prepare the report"))
        self.accept_button.setObjectName("signAccept")
        self.accept_button.setDefault(True)
        self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.problem, 1)
        footer.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(sides, 1)
        layout.addLayout(footer)

        for panel in (self.technician, self.client):
            panel.pad.signature_changed.connect(self._check)
            panel.name_combo.currentTextChanged.connect(self._check)
        self._check()
        self.resize(1040, self.sizeHint().height())

    # --- state ----------------------------------------------------------------------------------

    def sign_later(self) -> bool:
        """The client signs the printed copy by hand: their box stays empty."""
        return self.later_box.isChecked()

    def missing(self) -> str:
        """What still stops the report from being prepared (empty when nothing does)."""
        if self.technician.pad.is_empty():
            return self.tr("The technician has not signed yet.")
        if not self.technician.name():
            return self.tr("The technician's name is missing.")
        if self.sign_later():
            return ""
        if not self.client.name():
            return self.tr("Enter the name of the person signing for the client.")
        if self.client.pad.is_empty():
            return self.tr("The client has not signed yet, or signs later by hand.")
        return ""

    def _check(self) -> None:
        problem = self.missing()
        self.problem.setText(problem)
        self.accept_button.setEnabled(not problem)

    def accept(self) -> None:
        if self.missing():
            self._check()
            return
        super().accept()

    def _later_toggled(self, later: bool) -> None:
        pad = self.client.pad
        if later:
            pad.clear()
            pad.set_placeholder(self.tr("The client will sign the printed copy by hand."))
        else:
            pad.set_placeholder(self.tr("Sign here"))
        pad.set_ink_enabled(not later)
        self._check()

    def _fill_capacity(self, name: str) -> None:
        # A contact picked from the list brings their job title, unless the technician typed another one.
        signer = self._signers.get(name.strip())
        current = self.client.capacity()
        if current and current != self._last_capacity:
            return
        capacity = signer.capacity if signer else ""
        self.client.capacity_field.setText(capacity)
        self._last_capacity = capacity

    # --- result ---------------------------------------------------------------------------------

    def technician_signature(self) -> Signature:
        return self.technician.signature(TECHNICIAN_ROLE)

    def client_signature(self) -> Signature:
        return self.client.signature(CLIENT_ROLE, on_screen=not self.sign_later())

    def signatures(self) -> tuple[Signature, Signature]:
        """(technician, client), as the intervention report takes them."""
        return self.technician_signature(), self.client_signature()
