"""The incident form of the intake screen, in the order of R-04: client, hotline id, software,
peripheral, then caller, title, description, channel, origin, priority.

Layout and reading/writing of values only; the screen decides what happens with them.
"""

from __future__ import annotations

import itertools
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.domain.incident_lifecycle import PRIORITY_LABELS
from app.domain.text import fold
from app.domain.vocabulary import Channel, Origin
from app.services.clients import ClientDetail
from app.services.drafts import IntakeDraft
from app.services.incidents import MAX_TITLE
from ui.style import set_role

_DEFAULT_PRIORITY = 3


class IntakeForm(QFrame):
    """The fields of an incident; ``changed`` fires on any edit (autosave, coverage)."""

    #: Anything the technician typed or chose changed.
    changed = Signal()
    #: The software or the caller changed: coverage must be decided again.
    coverage_inputs_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeForm")
        self._contacts: dict[str, uuid.UUID] = {}
        self._detail: ClientDetail | None = None

        self.client_label = QLabel("—")
        self.client_label.setObjectName("formClientLabel")
        set_role(self.client_label, "strong")
        self.hotline_label = QLabel("—")
        self.hotline_label.setObjectName("formHotlineLabel")

        self.product_combo = QComboBox()
        self.product_combo.setObjectName("productCombo")
        self.product_combo.setPlaceholderText(self.tr("Choose the software"))
        self.product_combo.setAccessibleName(self.tr("Software"))

        self.peripheral_field = QLineEdit()
        self.peripheral_field.setObjectName("peripheralField")
        self.peripheral_field.setPlaceholderText(self.tr("Terminal, printer, badge reader… (optional)"))

        self.caller_combo = QComboBox()
        self.caller_combo.setObjectName("callerCombo")
        self.caller_combo.setEditable(True)
        self.caller_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.caller_combo.lineEdit().setPlaceholderText(self.tr("Name of the person calling"))
        self.caller_combo.setAccessibleName(self.tr("Caller"))
        self.caller_hint = QLabel()
        self.caller_hint.setObjectName("callerHint")
        set_role(self.caller_hint, "muted")

        self.title_field = QLineEdit()
        self.title_field.setObjectName("titleField")
        self.title_field.setMaxLength(MAX_TITLE)
        self.title_field.setPlaceholderText(self.tr("What does not work, in a few words"))

        self.description_field = QPlainTextEdit()
        self.description_field.setObjectName("descriptionField")
        self.description_field.setTabChangesFocus(True)
        self.description_field.setPlaceholderText(self.tr("What the caller says, error messages, what was tried"))
        self.description_field.setFixedHeight(96)

        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("channelCombo")
        for channel in Channel:
            self.channel_combo.addItem(channel.label, channel.value)
        self.origin_combo = QComboBox()
        self.origin_combo.setObjectName("originCombo")
        self.origin_combo.addItem(self.tr("Not determined yet"), "")
        for origin in Origin:
            self.origin_combo.addItem(origin.label, origin.value)
        self.priority_combo = QComboBox()
        self.priority_combo.setObjectName("priorityCombo")
        for level, label in PRIORITY_LABELS.items():
            self.priority_combo.addItem(f"{level} — {label}", level)

        form = QFormLayout(self)
        form.setContentsMargins(18, 14, 18, 14)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Client"), self.client_label)
        form.addRow(self.tr("Hotline ID"), self.hotline_label)
        form.addRow(self.tr("&Software"), self.product_combo)
        form.addRow(self.tr("&Peripheral"), self.peripheral_field)
        form.addRow(self.tr("C&aller"), self.caller_combo)
        form.addRow("", self.caller_hint)
        form.addRow(self.tr("&Title"), self.title_field)
        form.addRow(self.tr("&Description"), self.description_field)
        form.addRow(self.tr("C&hannel"), self.channel_combo)
        form.addRow(self.tr("&Origin"), self.origin_combo)
        form.addRow(self.tr("P&riority"), self.priority_combo)

        # The tab order follows the call: software, peripheral, then who calls and why.
        chain = [
            self.product_combo,
            self.peripheral_field,
            self.caller_combo,
            self.title_field,
            self.description_field,
            self.channel_combo,
            self.origin_combo,
            self.priority_combo,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        for combo in (self.channel_combo, self.origin_combo, self.priority_combo):
            combo.currentIndexChanged.connect(self.changed)
        for field in (self.peripheral_field, self.title_field):
            field.textChanged.connect(self.changed)
        self.description_field.textChanged.connect(self.changed)
        self.product_combo.currentIndexChanged.connect(self._coverage_input_changed)
        self.caller_combo.currentTextChanged.connect(self._caller_changed)
        self.reset()

    # --- values ---------------------------------------------------------------------------------

    def first_field(self) -> QWidget:
        """Where the cursor goes once the client is picked."""
        return self.product_combo

    def product_code(self) -> str | None:
        """The chosen software's code, None when not chosen."""
        value = self.product_combo.currentData()
        return str(value) if value else None

    def caller_text(self) -> str:
        """The caller as typed or picked."""
        return self.caller_combo.currentText().strip()

    def contact_id(self) -> uuid.UUID | None:
        """The known contact the caller is, None for a new name (R-03: the contact is then created)."""
        return self._contacts.get(fold(self.caller_text()))

    def channel(self) -> Channel:
        return Channel(self.channel_combo.currentData())

    def origin(self) -> Origin | None:
        value = self.origin_combo.currentData()
        return Origin(value) if value else None

    def priority(self) -> int:
        return int(self.priority_combo.currentData())

    def has_content(self) -> bool:
        """Something typed that a cancel would throw away."""
        typed = (
            self.peripheral_field.text(),
            self.caller_text(),
            self.title_field.text(),
            self.description_field.toPlainText(),
        )
        return any(value.strip() for value in typed)

    # --- filling --------------------------------------------------------------------------------

    def reset(self) -> None:
        """An empty form for a new call."""
        blockers = [w.blockSignals(True) for w in self._inputs()]
        self.client_label.setText("—")
        self.hotline_label.setText("—")
        self.product_combo.clear()
        self.caller_combo.clear()
        self._contacts = {}
        self._detail = None
        self.caller_combo.setEditText("")
        self.peripheral_field.clear()
        self.title_field.clear()
        self.description_field.clear()
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(Channel.PHONE.value))
        self.origin_combo.setCurrentIndex(0)
        self.priority_combo.setCurrentIndex(self.priority_combo.findData(_DEFAULT_PRIORITY))
        self.caller_hint.clear()
        for widget, blocked in zip(self._inputs(), blockers, strict=True):
            widget.blockSignals(blocked)

    def set_client(self, name: str, code: str, hotline_id: str) -> None:
        """The picked client, before its file has loaded."""
        self.client_label.setText(f"{name} ({code})" if code else name)
        self.hotline_label.setText(hotline_id or "—")

    def load_client(self, detail: ClientDetail) -> None:
        """Offer the client's installed software and its contacts (RTC first)."""
        self.set_client(detail.name, detail.code, detail.hotline_id)
        caller = self.caller_combo.currentText()
        self.product_combo.blockSignals(True)
        self.caller_combo.blockSignals(True)
        self.product_combo.clear()
        for inst in detail.installations:
            text = f"{inst.product_name} {inst.version}" if inst.version else inst.product_name
            if self.product_combo.findData(inst.product_code) < 0:
                self.product_combo.addItem(text, inst.product_code)
        # One product: nothing to ask.
        self.product_combo.setCurrentIndex(0 if self.product_combo.count() == 1 else -1)
        self.caller_combo.clear()
        self._contacts = {}
        for contact in detail.contacts:
            if not contact.active:
                continue
            self.caller_combo.addItem(contact.name, str(contact.id))
            self._contacts[fold(contact.name)] = contact.id
        self.caller_combo.setCurrentIndex(-1)
        self.caller_combo.setEditText(caller)
        self.product_combo.blockSignals(False)
        self.caller_combo.blockSignals(False)
        self._describe_caller(detail)
        self._detail = detail

    def to_draft(self, client_id: str, client_code: str, client_name: str, search_text: str) -> IntakeDraft:
        """The form as a draft to autosave."""
        contact = self.contact_id()
        return IntakeDraft(
            client_id=client_id,
            client_code=client_code,
            client_name=client_name,
            product_code=self.product_code() or "",
            peripheral=self.peripheral_field.text(),
            caller=self.caller_text(),
            contact_id=str(contact) if contact else "",
            title=self.title_field.text(),
            description=self.description_field.toPlainText(),
            channel=self.channel().value,
            origin=self.origin().value if self.origin() else "",
            priority=self.priority(),
            search_text=search_text,
        )

    def apply_draft(self, draft: IntakeDraft) -> None:
        """Put a restored draft's values back (the client's file is already loaded)."""
        if draft.product_code:
            self.product_combo.setCurrentIndex(self.product_combo.findData(draft.product_code))
        self.caller_combo.setEditText(draft.caller)
        self.peripheral_field.setText(draft.peripheral)
        self.title_field.setText(draft.title)
        self.description_field.setPlainText(draft.description)
        for combo, value in (
            (self.channel_combo, draft.channel),
            (self.origin_combo, draft.origin),
            (self.priority_combo, draft.priority),
        ):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)

    # --- internals ------------------------------------------------------------------------------

    def _inputs(self) -> list[QWidget]:
        return [
            self.product_combo,
            self.caller_combo,
            self.peripheral_field,
            self.title_field,
            self.description_field,
            self.channel_combo,
            self.origin_combo,
            self.priority_combo,
        ]

    def _coverage_input_changed(self) -> None:
        self.changed.emit()
        self.coverage_inputs_changed.emit()

    def _caller_changed(self, _text: str) -> None:
        if self._detail is not None:
            self._describe_caller(self._detail)
        self._coverage_input_changed()

    def _describe_caller(self, detail: ClientDetail) -> None:
        """Say under the field who this caller is for the contract (R-03), as soon as it is typed."""
        name = self.caller_text()
        if not name:
            self.caller_hint.setText(self.tr("Pick a contact or type a new name."))
            return
        contact_id = self._contacts.get(fold(name))
        contact = next((c for c in detail.contacts if c.id == contact_id), None)
        if contact is None:
            self.caller_hint.setText(self.tr("New caller: the contact will be created with the incident."))
        elif contact.trainings:
            products = ", ".join(t.product_name for t in contact.trainings)
            role = self.tr("Trained RTC") if contact.is_rtc else self.tr("Trained user")
            self.caller_hint.setText(f"{role} · {products}")
        else:
            self.caller_hint.setText(
                self.tr("RTC not trained by the vendor") if contact.is_rtc else self.tr("Not trained by the vendor")
            )
