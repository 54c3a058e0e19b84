"""Read-only text pieces shared by every file-like panel (client file, client card, incident detail)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ui.style import set_role


def read_only_label(text: str, role: str | None = None, name: str | None = None) -> QLabel:
    """A wrapped, selectable plain-text label (user data is never interpreted as rich text)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        set_role(label, role)
    if name:
        label.setObjectName(name)
    return label


def phone_text(number: str) -> str:
    """Non-breaking spaces keep a number on one line, so it can be read out pair by pair."""
    return number.replace(" ", "\u00a0")
