"""The list of interventions as a Qt table model over ``TelemaintenanceSummary`` rows."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from app.domain.telemaintenance_codec import TelemaintenanceState
from app.services.telemaintenance import TelemaintenanceSummary
from ui.models.incident_table import local_time
from ui.style import MUTED, TONES
from ui.telemaintenance.evidence import hotline_duration

_Index = QModelIndex | QPersistentModelIndex

REFERENCE_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    REFERENCE = 0
    CLIENT = 1
    TITLE = 2
    STATE = 3
    SINCE = 4


class TelemaintenanceTableModel(QAbstractTableModel):
    """Read-only rows, replaced all at once when the list is loaded again."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TelemaintenanceSummary] = []
        self._headers = {
            Column.REFERENCE: self.tr("Reference"),
            Column.CLIENT: self.tr("Client"),
            Column.TITLE: self.tr("Incident"),
            Column.STATE: self.tr("State"),
            Column.SINCE: self.tr("Since"),
        }
        # The list's narrow column says the state in a few words; the full label is in the tooltip.
        self._short_states = {
            TelemaintenanceState.TO_INFORM: self.tr("Information to send"),
            TelemaintenanceState.WAITING_CONSENT: self.tr("Awaiting consent"),
            TelemaintenanceState.WAITING_PRECAUTIONS: self.tr("Awaiting protection"),
            TelemaintenanceState.READY: self.tr("Ready"),
            TelemaintenanceState.IN_PROGRESS: self.tr("In progress"),
            TelemaintenanceState.TO_NOTIFY: self.tr("Return to notify"),
            TelemaintenanceState.TO_REPORT: self.tr("Report to send"),
            TelemaintenanceState.DONE: self.tr("Completed"),
            TelemaintenanceState.REFUSED: self.tr("Consent refused"),
            TelemaintenanceState.WITHDRAWN: self.tr("Consent withdrawn"),
        }

    def set_rows(self, rows: list[TelemaintenanceSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> TelemaintenanceSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, reference: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.reference == reference), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(Column(section)) if 0 <= section < len(Column) else None
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == Column.SINCE:
            return self.tr("Time in the current state, in hotline opening hours (its date once finished)")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == REFERENCE_ROLE:
            return row.reference
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.CLIENT:
                return f"{row.client_name} ({row.client_code})"
            if column == Column.REFERENCE:
                return row.nature
            if column == Column.TITLE:
                text = self.tr("Incident {number} — {title}")
                return text.format(number=row.incident_number, title=row.incident_title)
            if column == Column.STATE:
                return row.state.label[:1].upper() + row.state.label[1:]
            if column == Column.SINCE:
                since = self.tr("In this state since {when}").format(when=local_time(row.state_since))
                if row.state.finished:
                    return since
                opening = self.tr("{duration} of opening").format(duration=hotline_duration(row.minutes_in_state))
                return f"{opening}\n{since}"

            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.state.finished:
                return QColor(MUTED)
            if row.state.waiting_on_client and column in (Column.STATE, Column.SINCE):
                return QColor(TONES["warn"][1])
        return None

    def _display(self, row: TelemaintenanceSummary, column: Column) -> str:
        match column:
            case Column.REFERENCE:
                return row.reference
            case Column.CLIENT:
                return row.client_name
            case Column.TITLE:
                return row.incident_title
            case Column.STATE:
                return self._short_states.get(row.state, row.state.label)
            case Column.SINCE:
                if row.state.finished:
                    return local_time(row.state_since)
                # Hotline opening time: the column's tooltip says so, the cell keeps the list narrow.
                return hotline_duration(row.minutes_in_state)


class MiddleElideDelegate(QStyledItemDelegate):
    """A column whose long texts are elided in the middle (« Communauté de com…du Sud Toulois »): the
    start and the end of a public body's name are the parts that tell two apart."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle
