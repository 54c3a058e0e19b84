"""Small pieces the Contracts screen is made of: read-only tables, French amounts and dates, panels,
and the screen's own style sheet (colours from ``ui.style``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.reports.formats import amount
from ui.style import ACCENT, BACKGROUND, BORDER, INK, MUTED, SURFACE, TONES

STYLE = f"""
QWidget#contractsScreen {{ background: {BACKGROUND}; }}
QFrame[panel="true"] {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QFrame[panel="true"] QLabel {{ background: transparent; }}
QTableWidget {{
    background: {SURFACE}; alternate-background-color: #f6f8fb; border: 1px solid {BORDER};
    border-radius: 6px; gridline-color: transparent;
    selection-background-color: #d4e5f7; selection-color: {INK};
}}
QTableWidget::item {{ padding: 0 6px; }}
QLabel#contractReference {{ font-size: 15pt; font-weight: 700; }}
QLabel#contractClient {{ font-size: 11pt; color: {MUTED}; }}
QLabel[role="money"] {{ font-weight: 600; }}
QLabel#contractTotal {{ font-size: 12pt; font-weight: 700; color: {ACCENT}; }}
QLabel[message="true"] {{ border-radius: 5px; padding: 6px 10px; font-weight: normal; }}
QLabel[message="true"][tone="danger"] {{ background: {TONES["danger"][0]}; color: {TONES["danger"][1]}; }}
QLabel[message="true"][tone="ok"] {{ background: {TONES["ok"][0]}; color: {TONES["ok"][1]}; }}
QPushButton[primary="true"] {{
    background: {ACCENT}; color: #ffffff; border: none; border-radius: 5px; padding: 6px 16px; font-weight: 600;
}}
QPushButton[primary="true"]:disabled {{ background: #9fbad3; }}
"""

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def money(value: Decimal | None) -> str:
    return "—" if value is None else amount(value)


def day(value: date | None) -> str:
    return "—" if value is None else f"{value:%d/%m/%Y}"


def number(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.normalize():f}".replace(".", ",")


def table(name: str, headers: Sequence[str], stretch: int = 0, right: Sequence[int] = ()) -> QTableWidget:
    """A read-only, whole-row-selecting table; column ``stretch`` takes the free width."""
    widget = QTableWidget(0, len(headers))
    widget.setObjectName(name)
    widget.setHorizontalHeaderLabels(list(headers))
    widget.setAlternatingRowColors(True)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setShowGrid(False)
    widget.setWordWrap(False)
    widget.verticalHeader().hide()
    widget.verticalHeader().setDefaultSectionSize(26)
    header = widget.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    widget.setProperty("rightColumns", list(right))
    for column in right:
        item = widget.horizontalHeaderItem(column)
        if item is not None:
            item.setTextAlignment(RIGHT)
    return widget


def fill(widget: QTableWidget, rows: Sequence[Sequence[str]], data: Sequence[object] | None = None) -> None:
    """Replace the rows; ``data`` (one value per row) is kept on the first cell (Qt.UserRole)."""
    right = set(widget.property("rightColumns") or [])
    widget.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(RIGHT)
            if c == 0 and data is not None:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            widget.setItem(r, c, item)


def panel(name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setProperty("panel", True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 12)
    layout.setSpacing(6)
    return frame, layout


def message_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setProperty("message", True)
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str, tone: str) -> None:
    label.setProperty("tone", tone)
    label.setText(text)
    label.style().unpolish(label)
    label.style().polish(label)
    label.show()
