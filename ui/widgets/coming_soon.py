"""The page shown for a screen that this version does not have yet: what it will do, said plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.style import set_role


class ComingSoonPage(QWidget):
    """A calm, centred card: the screen's name, that it is not available yet, and its purpose."""

    def __init__(self, key: str, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comingSoonPage")
        self.setProperty("screen", key)

        card = QFrame(self)
        card.setObjectName("comingSoonCard")
        card.setFixedWidth(600)

        heading = set_role(QLabel(title, card), "title")
        heading.setObjectName("comingSoonTitle")
        not_yet = self.tr("This screen is not available yet in this version.")
        status = set_role(QLabel(not_yet, card), "strong")
        status.setObjectName("comingSoonStatus")
        description = set_role(QLabel(purpose, card), "muted")
        description.setObjectName("comingSoonPurpose")
        for label in (heading, status, description):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)

        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 30)
        inner.setSpacing(10)
        inner.addWidget(heading)
        inner.addWidget(status)
        inner.addWidget(description)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addStretch(1)
        # Centred by stretches rather than an alignment flag: Qt ignores the wrapped labels'
        # height-for-width inside an aligned item, and would clip them.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def text(self) -> str:
        """Everything the page says, for tests and accessibility tools."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))
