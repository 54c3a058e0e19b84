"""Small inputs of the télémaintenance forms: the person who consents (a contact of the client, RTC first,
or someone else by name), the list of files touched, whose lines not announced to the client turn
orange as they are typed, and the date and time a step took place (Paris wall time, now by default)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, QTimeZone, Signal
from PySide6.QtGui import QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.telemaintenance import FilesDifference, files_difference
from app.services.telemaintenance import ContactChoice
from ui.models.incident_table import PARIS
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


def _minute(value: datetime) -> datetime:
    """``value`` as read in Paris, to the minute (what the field shows)."""
    return value.astimezone(PARIS).replace(second=0, microsecond=0)


class WhenEdit(QWidget):
    """When something took place, as a Paris wall time to the minute, with a « now » button.

    By default it shows ``default`` (now when None, following the clock); ``value()`` is None as long as
    the technician has not changed it, so the service records the exact default instant (now, or the
    stored one) rather than its minute. The field does not refuse a date: the form and the service say
    in words why one cannot be recorded."""

    changed = Signal()

    def __init__(self, name: str, default: datetime | None = None) -> None:
        super().__init__()
        self.default = default
        self.edit = QDateTimeEdit()
        self.edit.setObjectName(name)
        # The fields hold the Paris wall time; a fixed zone keeps Qt from moving a time in a DST change.
        self.edit.setTimeZone(QTimeZone.utc())
        self.edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDateTime(QDateTime(QDate(2000, 1, 1), QTime(0, 0), QTimeZone.utc()))
        self.edit.setMinimumWidth(self.edit.sizeHint().width() + 8)
        self.now_button = QToolButton()
        self.now_button.setObjectName(f"{name}Now")
        self.now_button.setText(self.tr("now"))
        self.now_button.setToolTip(self.tr("Back to the current date and time"))
        self.now_button.setAutoRaise(False)
        self.now_button.clicked.connect(self.set_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.edit)
        layout.addWidget(self.now_button)
        layout.addStretch(1)
        self._showing = False
        self._untouched = True
        self._show(default or datetime.now(UTC))
        self.edit.dateTimeChanged.connect(self._edited)
        # Untouched and meaning « now », the field follows the clock while the form stays open.
        self._clock = QTimer(self)
        self._clock.setInterval(15_000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    def _show(self, value: datetime) -> None:
        local = _minute(value)
        self._showing = True
        try:
            self.edit.setDateTime(
                QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), QTimeZone.utc())
            )
        finally:
            self._showing = False

    def _edited(self) -> None:
        if not self._showing:
            self._untouched = False
            self.changed.emit()

    def _tick(self) -> None:
        if self._untouched and self.default is None:
            self._show(datetime.now(UTC))

    def set_now(self) -> None:
        """Back to the current date and time (the instant of recording, to the second)."""
        self.default = None
        self._untouched = True
        self._show(datetime.now(UTC))
        self.changed.emit()

    def set_value(self, value: datetime) -> None:
        """Show ``value`` as a date chosen by the technician."""
        self._show(value)
        self._untouched = False
        self.changed.emit()

    def wall_time(self) -> datetime:
        """The date and time shown, as a Paris instant."""
        shown = self.edit.dateTime()
        day, time = shown.date(), shown.time()
        return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=PARIS)

    def value(self) -> datetime | None:
        """The instant chosen, in UTC; None while the field shows its default (now, or the stored instant)."""
        if self._untouched:
            return None
        chosen = self.wall_time()
        if self.default is None and chosen == _minute(datetime.now(UTC)):
            return None  # the current minute: now, to the second
        if self.default is not None and chosen == _minute(self.default):
            return None
        return chosen.astimezone(UTC)

    def in_future(self, now: datetime | None = None) -> bool:
        """A minute after the current one (the field shows minutes: the current one is not the future)."""
        return self.wall_time() > _minute(now or datetime.now(UTC))


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
