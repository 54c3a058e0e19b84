"""The coverage banner (green/orange/red with the reasons in plain French) and the incident number panel
(large, grouped for dictation, with a copy button) of the intake screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.coverage import Coverage
from app.domain.numbering import parse_number


def _plain(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def dictation_form(number: str) -> str:
    """« NCY-2600042-D » → « NCY · 26 · 00 042 · D »: the groups a technician reads out on the phone."""
    station, year, high, low, check = parse_number(number).spoken_groups()
    return f"{station} · {year} · {high} {low} · {check}"


class CoverageBanner(QFrame):
    """The coverage decision for the call so far; its ``level`` property (green, orange, red, none)
    picks the colours in the style sheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageBanner")
        self.headline = _plain(name="coverageHeadline")
        self.reasons = _plain(name="coverageReasons")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addWidget(self.headline)
        layout.addWidget(self.reasons)
        self.clear()

    @property
    def level(self) -> str:
        """green, orange, red, or none while nothing is known."""
        return str(self.property("level"))

    def clear(self) -> None:
        """No client picked yet."""
        self._set_level("none")
        self.headline.setText(self.tr("Coverage appears once the client is picked."))
        self.reasons.hide()

    def show_checking(self) -> None:
        """A new decision is on its way; the previous one stays readable but dimmed."""
        self.headline.setText(self.headline.text())
        self.setProperty("checking", True)
        self._repolish()

    def show_coverage(self, coverage: Coverage) -> None:
        """Show the headline and every warning, one per line."""
        self.setProperty("checking", False)
        self._set_level(coverage.level.value)
        self.headline.setText(coverage.headline())
        messages = [f"• {w.message}" for w in coverage.warnings]
        self.reasons.setText("\n".join(messages))
        self.reasons.setVisible(bool(messages))

    def show_error(self, text: str) -> None:
        """The check failed (database unreachable): say so rather than show a stale colour."""
        self.setProperty("checking", False)
        self._set_level("none")
        self.headline.setText(text)
        self.reasons.hide()

    def _set_level(self, level: str) -> None:
        self.setProperty("level", level)
        self._repolish()

    def _repolish(self) -> None:
        for widget in (self, self.headline, self.reasons):
            widget.style().unpolish(widget)
            widget.style().polish(widget)


class NumberPanel(QFrame):
    """The incident number, in large type grouped for dictation, with a copy button (R-10)."""

    #: The number was copied to the clipboard.
    number_copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("numberPanel")
        self._number = ""
        self.caption = _plain(name="numberCaption")
        self.number_label = QLabel()
        self.number_label.setObjectName("incidentNumberLabel")
        self.number_label.setTextFormat(Qt.TextFormat.PlainText)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("copyNumberButton")
        self.copy_button.setToolTip(self.tr("Copy the number to the clipboard"))
        self.copy_button.clicked.connect(self.copy_number)
        self.detail = _plain(name="numberDetail")

        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.number_label, 0)
        row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 14)
        layout.setSpacing(4)
        layout.addWidget(self.caption)
        layout.addLayout(row)
        layout.addWidget(self.detail)
        self.hide()

    @property
    def number(self) -> str:
        """The canonical number shown (« NCY-2600042-D »), empty when none."""
        return self._number

    def show_number(self, number: str, detail: str) -> None:
        """Show a freshly given number and a line about the call."""
        self._number = number
        self.caption.setText(self.tr("Incident number to give the caller"))
        self.number_label.setText(dictation_form(number))
        self.number_label.setAccessibleName(number)
        self.detail.setText(detail)
        self.copy_button.setText(self.tr("Copy"))
        self.show()

    def clear(self) -> None:
        """A new call: no number yet."""
        self._number = ""
        self.number_label.clear()
        self.hide()

    def copy_number(self) -> None:
        """Put the canonical number (no spaces, as the client will type it) on the clipboard."""
        if not self._number:
            return
        QGuiApplication.clipboard().setText(self._number)
        self.copy_button.setText(self.tr("Copied"))
        self.number_copied.emit(self._number)
