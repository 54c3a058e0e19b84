"""Small inputs of the télémaintenance forms: the person who consents (a contact of the client, RTC first,
or someone else by name) and the list of files touched, whose lines not announced to the client turn
orange as they are typed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from app.domain.telemaintenance import FilesDifference, files_difference
from app.services.telemaintenance import ContactChoice
from ui.telemaintenance.evidence import split_files
from ui.telemaintenance.style import WARN_BG

_OTHER = "__other__"
# The contact's plain name, beside the text shown (which marks an RTC).
_NAME_ROLE = Qt.ItemDataRole.UserRole + 2


class PersonPicker(QWidget):
    """A combo of the client's contacts (RTC first, marked) and « another person », with a name field."""

    changed = Signal()

    def __init__(self, contacts: Sequence[ContactChoice], name: str, preferred: str = "") -> None:
        super().__init__()
        self.combo = QComboBox()
        self.combo.setObjectName(f"{name}Combo")
        for contact in contacts:
            text = self.tr("{name} — RTC").format(name=contact.name) if contact.is_rtc else contact.name
            self.combo.addItem(text, str(contact.id))
            self.combo.setItemData(self.combo.count() - 1, contact.name, _NAME_ROLE)
        self.combo.addItem(self.tr("Another person…"), _OTHER)
        self.free_name = QLineEdit()
        self.free_name.setObjectName(f"{name}FreeName")
        self.free_name.setPlaceholderText(self.tr("First and last name of the person"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.combo)
        layout.addWidget(self.free_name)
        if preferred:
            index = next((i for i in range(self.combo.count()) if self.combo.itemData(i, _NAME_ROLE) == preferred), -1)
            if index >= 0:
                self.combo.setCurrentIndex(index)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.free_name.textChanged.connect(self.changed)
        self._chosen()

    def _chosen(self) -> None:
        self.free_name.setVisible(self.combo.currentData() == _OTHER)
        self.changed.emit()

    def choose_other(self, name: str) -> None:
        """Pick « another person » and type ``name`` (accented text included)."""
        self.combo.setCurrentIndex(self.combo.findData(_OTHER))
        self.free_name.setText(name)

    def choose(self, name: str) -> None:
        """Pick the contact called ``name`` in the list."""
        for i in range(self.combo.count()):
            if self.combo.itemData(i, _NAME_ROLE) == name:
                self.combo.setCurrentIndex(i)
                return
        raise ValueError(name)

    def value(self) -> str:
        """What the service identifies the person by: a contact's id, or the name typed."""
        data = self.combo.currentData()
        return self.free_name.text().strip() if data == _OTHER else str(data)

    def display_name(self) -> str:
        data = self.combo.currentData()
        if data == _OTHER:
            return self.free_name.text().strip()
        return str(self.combo.currentData(_NAME_ROLE) or "")


class FilesEdit(QPlainTextEdit):
    """File names one per line (commas also split); lines naming a file the client was not told about
    are shaded orange at once, and ``difference_changed`` carries the whole comparison."""

    difference_changed = Signal(object)

    def __init__(self, announced: Sequence[str], name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.announced = tuple(announced)
        self.setTabChangesFocus(True)
        self.setFixedHeight(84)
        self.textChanged.connect(self._compare)

    def files(self) -> list[str]:
        return split_files(self.toPlainText())

    def difference(self) -> FilesDifference:
        return files_difference(self.announced, tuple(self.files()))

    def _compare(self) -> None:
        difference = self.difference()
        added = {f.casefold() for f in difference.added}
        shade = QColor(WARN_BG)
        selections = []
        block = self.document().firstBlock()
        while block.isValid():
            names = {n.strip().casefold() for n in block.text().split(",") if n.strip()}
            if names & added:
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(shade)
                selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                cursor = QTextCursor(block)
                selection.cursor = cursor
                selections.append(selection)
            block = block.next()
        self.setExtraSelections(selections)
        self.difference_changed.emit(difference)
