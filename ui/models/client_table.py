"""The client list as a Qt table model over ``ClientSummary`` rows (R-04)."""

from __future__ import annotations

import uuid
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.services.clients import ClientSummary

_Index = QModelIndex | QPersistentModelIndex

CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_INACTIVE_COLOUR = QColor("#8a94a3")


class Column(IntEnum):
    """The table's columns, in display order."""

    CODE = 0
    HOTLINE_ID = 1
    NAME = 2
    KIND = 3
    CITY = 4
    PHONE = 5


class ClientTableModel(QAbstractTableModel):
    """Read-only rows; the screen replaces them all at once when a search returns."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ClientSummary] = []
        self._headers = {
            Column.CODE: self.tr("Code"),
            Column.HOTLINE_ID: self.tr("Hotline ID"),
            Column.NAME: self.tr("Name"),
            Column.KIND: self.tr("Type"),
            Column.CITY: self.tr("Town"),
            Column.PHONE: self.tr("Phone"),
        }
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, rows: list[ClientSummary]) -> None:
        """Replace every row (a new search result)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ClientSummary | None:
        """The client shown on ``row``, if any."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, client_id: uuid.UUID) -> int | None:
        """The row showing ``client_id``, if it is in the current result."""
        return next((i for i, r in enumerate(self._rows) if r.id == client_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(Column(section)) if 0 <= section < len(Column) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        client = self.row_at(index.row()) if index.isValid() else None
        if client is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(client, column)
        if role == CLIENT_ID_ROLE:
            return client.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if not client.active:
                return self.tr("Inactive client")
            if column == Column.CITY and client.postal_code:
                return f"{client.postal_code} {client.city}"
            if column in (Column.NAME, Column.KIND):
                return self._display(client, column)  # the cell may be elided
            return None
        if role == Qt.ItemDataRole.ForegroundRole and not client.active:
            return _INACTIVE_COLOUR
        if role == Qt.ItemDataRole.FontRole and not client.active:
            return self._italic
        return None

    @staticmethod
    def _display(client: ClientSummary, column: Column) -> str:
        match column:
            case Column.CODE:
                return client.code
            case Column.HOTLINE_ID:
                return client.hotline_id
            case Column.NAME:
                return client.name
            case Column.KIND:
                return client.kind_label
            case Column.CITY:
                return client.city
            case Column.PHONE:
                return client.phone
