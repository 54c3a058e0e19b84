"""The dashboard's lists: top clients and products, technicians' load, backup cap, RTC and overdue
versions. A double-click asks for the incidents behind a row (the screen decides where they open)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.services.reporting import SupervisorReport
from ui.dashboard.formats import hours, hours_minutes, number

_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_HEIGHT = 26


class DashboardTable(QTableWidget):
    """A read-only table; each row carries a key (a client code, a login…) handed out on double-click."""

    #: A row was double-clicked: its key.
    row_activated = Signal(str)

    def __init__(
        self, name: str, headers: Sequence[str], numeric: Sequence[int] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(0, len(headers), parent)
        self.setObjectName(name)
        self.numeric = tuple(numeric)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        head = self.horizontalHeader()
        head.setHighlightSections(False)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in self.numeric:
            item = self.horizontalHeaderItem(column)
            if item is not None:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Ten rows without scrolling (the top lists hold ten); longer lists scroll.
        self.setFixedHeight(ROW_HEIGHT * 10 + 34)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.doubleClicked.connect(self._activated)

    def fill(self, rows: Sequence[tuple[str, Sequence[Any]]], tooltip: str = "") -> None:
        """``rows``: (key, cells); an empty key makes a row that opens nothing."""
        self.setRowCount(len(rows))
        for r, (key, cells) in enumerate(rows):
            for c, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                if c in self.numeric:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(_KEY_ROLE, key)
                item.setToolTip(str(value) if not tooltip else f"{value}\n{tooltip}")
                self.setItem(r, c, item)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column but the first as narrow as its header and values allow; the first (a name)
        takes the rest. Qt's own fit keeps room for a sort arrow these tables never show."""
        head = self.horizontalHeader()
        bold = head.font()
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        metrics = self.fontMetrics()
        for column in range(1, self.columnCount()):
            header = self.horizontalHeaderItem(column)
            width = header_metrics.horizontalAdvance(header.text() if header else "")
            for row in range(self.rowCount()):
                item = self.item(row, column)
                if item is not None:
                    width = max(width, metrics.horizontalAdvance(item.text()))
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            head.resizeSection(column, width + 22)

    def key(self, row: int) -> str:
        item = self.item(row, 0)
        return str(item.data(_KEY_ROLE) or "") if item else ""

    def texts(self, row: int) -> list[str]:
        return [self.item(row, c).text() for c in range(self.columnCount())]

    def _activated(self, index: Any) -> None:
        key = self.key(index.row())
        if key:
            self.row_activated.emit(key)


def client_cell(code: str, name: str) -> str:
    return f"{code} · {name}"


def top_clients_rows(report: SupervisorReport) -> list[tuple[str, list[str]]]:
    return [(r.key, [client_cell(r.key, r.label), number(r.count)]) for r in report.top_clients]


def top_products_rows(report: SupervisorReport) -> list[tuple[str, list[str]]]:
    return [
        (r.key if r.key != "—" else "", [f"{r.key} · {r.label}" if r.key != "—" else r.label, number(r.count)])
        for r in report.top_products
    ]


def technician_rows(report: SupervisorReport) -> list[tuple[str, list[str]]]:
    return [
        (
            t.login if t.login != "—" else "",
            [t.name, number(t.opened), number(t.resolved), number(t.backlog), hours(t.call_minutes)],
        )
        for t in report.technicians
    ]


def backup_rows(report: SupervisorReport, over: str, near: str) -> list[tuple[str, list[str]]]:
    return [
        (
            b.client_code,
            [client_cell(b.client_code, b.client_name), hours_minutes(b.minutes), over if b.over else near],
        )
        for b in report.backup
        if b.over or b.near
    ]


def rtc_rows(report: SupervisorReport) -> list[tuple[str, list[str]]]:
    return [
        (r.client_code, [client_cell(r.client_code, r.client_name), number(r.trained_rtc)]) for r in report.rtc_short
    ]


def overdue_rows(report: SupervisorReport) -> list[tuple[str, list[str]]]:
    return [
        (
            o.client_code,
            [
                client_cell(o.client_code, o.client_name),
                o.product,
                f"{o.installed} → {o.required}",
                f"{o.deadline:%d/%m/%Y}",
            ],
        )
        for o in report.overdue
    ]
