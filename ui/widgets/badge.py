"""A small coloured label (« RTC formé », « Licence payée ») whose colour says good, warning or bad."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui.style import TONES, small_font


def make_badge(text: str, tone: str, object_name: str, parent: QWidget | None = None) -> QLabel:
    """A badge in one of the tones of ``ui.style.TONES``; ``object_name`` lets tests find it."""
    if tone not in TONES:
        raise ValueError(f"unknown badge tone: {tone}")
    badge = QLabel(text, parent)
    badge.setObjectName(object_name)
    badge.setProperty("tone", tone)
    badge.setTextFormat(Qt.TextFormat.PlainText)
    badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    small_font(badge)
    return badge
