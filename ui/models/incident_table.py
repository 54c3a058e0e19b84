"""The incident list as a lazy Qt table model: a count, then windows of rows fetched in the background
as the view scrolls (``canFetchMore``/``fetchMore``), never the whole table (issue 4: a million
incidents must open instantly).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from enum import IntEnum
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from sqlalchemy.orm import Session, sessionmaker

from app.domain.incident_lifecycle import PRIORITY_LABELS
from app.domain.vocabulary import IncidentStatus
from app.services.incident_queries import IncidentFilter, IncidentRow, count_incidents, list_incidents
from ui.background import run_in_background
from ui.formatting import EMPTY

_Index = QModelIndex | QPersistentModelIndex
PARIS = ZoneInfo("Europe/Paris")

#: Rows fetched per query: a few screens' worth, small enough to come back in a few milliseconds.
WINDOW = 200
_OUT_OF_CONTRACT = QColor("#a3261d")
_CLOSED = QColor("#8a94a3")


class Column(IntEnum):
    """The list's columns, in display order."""

    NUMBER = 0
    OPENED = 1
    CLIENT = 2
    TITLE = 3
    STATUS = 4
    ORIGIN = 5
    CHANNEL = 6
    PRIORITY = 7
    TECHNICIAN = 8


_COLUMNS = tuple(Column)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, int(Qt.ItemDataRole.ForegroundRole)})


# Header → the service's sort (``incident_queries.SORTS``); columns absent here are not sortable.
SORT_KEYS: dict[Column, tuple[str, str]] = {
    # (ascending, descending)
    Column.NUMBER: ("number", "number"),
    Column.OPENED: ("opened_asc", "opened_desc"),
    Column.CLIENT: ("client", "client"),
    Column.STATUS: ("status", "status"),
    Column.PRIORITY: ("priority", "priority"),
}


def local_time(value: datetime | None) -> str:
    """A stored UTC instant as read in Paris (« 12/03/2026 10:00 »)."""
    if value is None:
        return EMPTY
    return value.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def list_time(value: datetime, now: datetime | None = None) -> str:
    """The list's short form, as a mail client does: « 24/11 14:18 » this year, « 24/11/2024 » before.

    The list has five columns to show beside the incident's file; the full instant is in the tooltip
    and in the file.
    """
    local = value.astimezone(PARIS)
    current_year = (now or datetime.now(UTC)).astimezone(PARIS).year
    return local.strftime("%d/%m %H:%M") if local.year == current_year else local.strftime("%d/%m/%Y")


class IncidentTableModel(QAbstractTableModel):
    """Rows of ``IncidentRow``; ``set_filter`` starts over, the view pulls further windows on demand."""

    #: The number of incidents matching the filter is known (it may be far more than the rows loaded).
    total_changed = Signal(int)
    #: A window arrived (the number of rows now loaded).
    window_loaded = Signal(int)
    #: A query failed (the exception).
    failed = Signal(object)

    def __init__(self, sessions: sessionmaker[Session], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._rows: list[IncidentRow] = []
        self._total = 0
        self._filter = IncidentFilter()
        self._sort = "opened_desc"
        self._generation = 0
        self._fetching = False
        self._loaded_once = False
        #: How many rows the queries returned since the last filter: tests check the list stays lazy.
        self.rows_fetched = 0
        #: How many window queries ran since the last filter.
        self.windows_fetched = 0
        self._headers = {
            Column.NUMBER: self.tr("No."),
            Column.OPENED: self.tr("Opened"),
            Column.CLIENT: self.tr("Client"),
            Column.TITLE: self.tr("Title"),
            Column.STATUS: self.tr("Status"),
            Column.ORIGIN: self.tr("Origin"),
            Column.CHANNEL: self.tr("Channel"),
            Column.PRIORITY: self.tr("Priority"),
            Column.TECHNICIAN: self.tr("Technician"),
        }

    # --- state ----------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """Incidents matching the filter (loaded or not)."""
        return self._total

    @property
    def current_filter(self) -> IncidentFilter:
        return self._filter

    @property
    def sort_key(self) -> str:
        return self._sort

    def is_busy(self) -> bool:
        """A count or a window is on its way."""
        return self._fetching or not self._loaded_once

    def row_at(self, row: int) -> IncidentRow | None:
        """The incident on ``row``, if loaded."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, number: str) -> int | None:
        """The loaded row showing incident ``number``."""
        return next((i for i, r in enumerate(self._rows) if r.number == number), None)

    # --- loading --------------------------------------------------------------------------------

    def set_filter(self, flt: IncidentFilter, sort: str | None = None) -> None:
        """Start over with a new filter (and sort): count, then the first window."""
        self._filter = flt
        if sort is not None:
            self._sort = sort
        self.reload()

    def reload(self) -> None:
        """Throw the loaded rows away and fetch the first window again (after a change elsewhere)."""
        self._generation += 1
        generation = self._generation
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self.endResetModel()
        self.rows_fetched = 0
        self.windows_fetched = 0
        self._fetching = True
        flt, sort, sessions = self._filter, self._sort, self._sessions

        def first_window() -> tuple[int, list[IncidentRow]]:
            with sessions() as session:
                return count_incidents(session, flt), list_incidents(session, flt, offset=0, limit=WINDOW, sort=sort)

        run_in_background(
            self,
            first_window,
            lambda result: self._first_window(generation, *result),
            lambda error: self._failed(generation, error),
            key="first-window",
        )

    def _first_window(self, generation: int, total: int, rows: list[IncidentRow]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._loaded_once = True
        self._total = total
        self.total_changed.emit(total)
        self._append(rows)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        """More rows match than are loaded, and no window is already on its way."""
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        """Fetch the next window in the background; the rows appear when it arrives."""
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        flt, sort, offset, sessions = self._filter, self._sort, len(self._rows), self._sessions
        # The next window starts after the last row loaded (not ``offset`` rows down from the top again).
        after = self._rows[-1] if self._rows else None

        def window() -> list[IncidentRow]:
            with sessions() as session:
                return list_incidents(session, flt, offset=offset, limit=WINDOW, sort=sort, after=after)

        run_in_background(
            self,
            window,
            lambda rows: self._next_window(generation, rows),
            lambda error: self._failed(generation, error),
        )

    def _next_window(self, generation: int, rows: list[IncidentRow]) -> None:
        if generation != self._generation:
            return  # the filter changed while this window was on its way
        self._fetching = False
        self._append(rows)

    def _append(self, rows: list[IncidentRow]) -> None:
        self.rows_fetched += len(rows)
        self.windows_fetched += 1
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        else:
            # Fewer rows than counted (deleted meanwhile): stop asking for more.
            self._total = len(self._rows)
        self.window_loaded.emit(len(self._rows))

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._loaded_once = True
        self.failed.emit(error)

    def update_row(self, number: str, **changes: object) -> None:
        """Show a change made from the detail panel without reloading the list."""
        row = self.row_of(number)
        if row is None:
            return
        self._rows[row] = dataclasses.replace(self._rows[row], **changes)  # type: ignore[arg-type]
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    # --- Qt model -------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(Column(section)) if 0 <= section < len(Column) else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: the service sorts (never Python), so the lazy windows stay consistent."""
        keys = SORT_KEYS.get(Column(column)) if 0 <= column < len(Column) else None
        if keys is None:
            return
        wanted = keys[1] if order == Qt.SortOrder.DescendingOrder else keys[0]
        if wanted != self._sort or not self._loaded_once:
            self._sort = wanted
            self.reload()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # Called for every role of every painted cell (ten or so per cell, a few thousand per window
        # scrolled): the roles this model does not answer leave before any other work.
        if role not in _ROLES:
            return None
        incident = self.row_at(index.row()) if index.isValid() else None
        if incident is None:
            return None
        column = _COLUMNS[index.column()]
        if role == _DISPLAY:
            return self._display(incident, column)
        if role == _TOOLTIP:
            if column is Column.TITLE:
                return incident.title
            if column is Column.OPENED:
                return local_time(incident.opened_at)
            if column is Column.CLIENT:
                return f"{incident.client_name} ({incident.client_code})"
            if incident.out_of_contract:
                return self.tr("Out of contract")
            return None
        # The foreground colour.
        if column is Column.NUMBER and incident.out_of_contract:
            return _OUT_OF_CONTRACT
        if incident.status is IncidentStatus.CLOSED:
            return _CLOSED
        return None

    @staticmethod
    def _display(incident: IncidentRow, column: Column) -> str:
        match column:
            case Column.NUMBER:
                return incident.number
            case Column.OPENED:
                return list_time(incident.opened_at)
            case Column.CLIENT:
                return incident.client_name
            case Column.TITLE:
                return incident.title
            case Column.STATUS:
                return incident.status.label
            case Column.ORIGIN:
                return incident.origin.label if incident.origin else EMPTY
            case Column.CHANNEL:
                return incident.channel.label
            case Column.PRIORITY:
                return PRIORITY_LABELS.get(incident.priority, str(incident.priority))
            case Column.TECHNICIAN:
                return incident.assignee or EMPTY
