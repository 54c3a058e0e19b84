"""How the incident list uses its width: the columns a technician reads first (number, date, client,
title, status) fit without scrolling beside the incident's file; the others are one right-click away."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from app.domain.vocabulary import IncidentStatus
from ui.models.incident_table import Column

#: Shown at first; the title stretches over what the others leave.
MAIN_COLUMNS = (Column.NUMBER, Column.OPENED, Column.CLIENT, Column.TITLE, Column.STATUS)
# Room for the cell padding of the style sheet (6 px each side) and the focus frame.
_PADDING = 16
# Client names are long (« Communauté de communes du … »): a fixed share, the full name in the tooltip.
_CLIENT_WIDTH = 130
_SORT_ARROW = 24
_TITLE_WIDTH = 260
_EXTRA_WIDTHS = {Column.ORIGIN: 150, Column.CHANNEL: 100, Column.PRIORITY: 90, Column.TECHNICIAN: 150}


def fit_columns(table: QTableView) -> None:
    """Size the columns from the font in use: numbers and dates are never cut, the client name keeps a
    fixed share, and the title takes the rest while only the main columns are shown."""
    head = table.horizontalHeader()
    metrics = table.fontMetrics()
    # Widest forms: any station code and check character, and both forms of ``list_time``; the header
    # of the date also carries the sort arrow.
    widths = {
        Column.NUMBER: metrics.horizontalAdvance("MMM-0000000-M") + _PADDING,
        Column.OPENED: max(
            metrics.horizontalAdvance("00/00 00:00"),
            metrics.horizontalAdvance("00/00/0000"),
            metrics.horizontalAdvance(str(table.model().headerData(Column.OPENED, Qt.Orientation.Horizontal)))
            + _SORT_ARROW,
        )
        + _PADDING,
        Column.CLIENT: _CLIENT_WIDTH,
        # Never cut: « Contournement proposé » and « … accepté » differ only at the end.
        Column.STATUS: max(metrics.horizontalAdvance(s.label) for s in IncidentStatus) + _PADDING + 8,
        **_EXTRA_WIDTHS,
    }
    head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in widths.items():
        head.resizeSection(column, width)
    extras_shown = any(not table.isColumnHidden(c) for c in Column if c not in MAIN_COLUMNS)
    if extras_shown:
        # With more columns than the width holds, the list scrolls sideways; the title keeps a readable size.
        head.resizeSection(Column.TITLE, _TITLE_WIDTH)
    else:
        head.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)


def show_main_columns(table: QTableView) -> None:
    """Only the main columns, as the screen opens."""
    for column in Column:
        table.setColumnHidden(column, column not in MAIN_COLUMNS)
    fit_columns(table)


def column_menu(table: QTableView, position: QPoint) -> QMenu:
    """The header's context menu: tick the columns to show (the number always stays)."""
    head = table.horizontalHeader()
    model = table.model()
    menu = QMenu(table)
    menu.setObjectName("incidentColumnMenu")
    for column in Column:
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        action = QAction(title, menu)
        action.setObjectName(f"showColumn_{column.name.lower()}")
        action.setCheckable(True)
        action.setChecked(not table.isColumnHidden(column))
        action.setEnabled(column is not Column.NUMBER)
        action.toggled.connect(lambda shown, c=column: _toggle(table, c, shown))
        menu.addAction(action)
    menu.popup(head.mapToGlobal(position))
    return menu


def _toggle(table: QTableView, column: Column, shown: bool) -> None:
    table.setColumnHidden(column, not shown)
    fit_columns(table)
