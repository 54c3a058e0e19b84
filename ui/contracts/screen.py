"""The « Contrats » screen: contracts and their detail, product releases and late installations, coming
deadlines, and the index values and legal interest rates the money rules read (R-20, R-26 to R-29).

Every read and edit runs in the background (``ui.background``); the services decide and audit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.services import contracts, releases
from app.services.contracts import ContractSummary
from ui.background import run_in_background
from ui.contracts import operations as ops
from ui.contracts.detail import ContractDetailPanel, _date_edit, _pydate
from ui.contracts.widgets import STYLE, day, fill, message_label, money, number, panel, show_message, table
from ui.style import set_role


class ContractsScreen(QWidget):
    """Four tabs: contracts, releases, deadlines, indexes and rates. ``today`` is injectable for tests."""

    #: The contract list was (re)loaded: how many rows.
    contracts_loaded = Signal(int)
    #: The releases tab was (re)loaded.
    releases_loaded = Signal()
    #: The deadlines tab was (re)loaded.
    deadlines_loaded = Signal()
    #: The indexes and rates tab was (re)loaded.
    money_loaded = Signal()

    def __init__(
        self, context: AppContext, today: Callable[[], date] = date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contractsScreen")
        self.setStyleSheet(STYLE)
        self._context = context
        self.today = today
        self._started = False
        self.rows: list[ContractSummary] = []

        title = set_role(QLabel(self.tr("Contracts")), "title")
        subtitle = set_role(
            QLabel(self.tr("Contract life, financial table, price revisions, versions and deadlines")), "subtitle"
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("contractsTabs")
        self.tabs.addTab(self._contracts_tab(), self.tr("Contracts"))
        self.tabs.addTab(self._releases_tab(), self.tr("Releases"))
        self.tabs.addTab(self._deadlines_tab(), self.tr("Deadlines"))
        self.tabs.addTab(self._money_tab(), self.tr("Indexes and rates"))
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.tabs, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.reload_contracts)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload_contracts()

    # --- contracts tab ---------------------------------------------------------------------------

    def _contracts_tab(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setObjectName("contractSearch")
        self.search.setPlaceholderText(self.tr("Reference, client code or name"))
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.count_label = set_role(QLabel(), "count")
        self.contract_table = table(
            "contractTable",
            [self.tr("Reference"), self.tr("Client"), self.tr("Phase"), self.tr("Deadline")],
            stretch=1,
        )
        self.contract_table.itemSelectionChanged.connect(self._contract_selected)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        left_layout.addLayout(top)
        left_layout.addWidget(self.contract_table, 1)
        self.detail = ContractDetailPanel(self._context, self.today)
        self.detail.contract_changed.connect(lambda _ref: self.reload_contracts(keep_selection=True))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("contractsSplitter")
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([600, 700])
        return splitter

    def reload_contracts(self, keep_selection: bool = False) -> None:
        search, on = self.search.text(), self.today()
        selected = self.detail.reference if keep_selection else None
        run_in_background(
            self,
            ops.read(self._context, lambda s: ops.load_contracts(s, on, search)),
            lambda rows: self._show_contracts(rows, selected),
            key="contracts",
        )

    def _show_contracts(self, rows: list[ContractSummary], selected: str | None) -> None:
        self.rows = rows
        self.contract_table.blockSignals(True)
        fill(
            self.contract_table,
            [
                [
                    r.reference,
                    f"{r.client_code} · {r.client_name}",
                    r.phase.label,
                    day(r.next_deadline.on) if r.next_deadline else "",
                ]
                for r in rows
            ],
            [r.reference for r in rows],
        )
        for row, r in enumerate(rows):
            item = self.contract_table.item(row, 3)
            if item is not None and r.next_deadline is not None:
                item.setToolTip(r.next_deadline.kind.label)
        self.contract_table.blockSignals(False)
        self.count_label.setText(self.tr("%n contract(s)", "", len(rows)))
        if selected:
            self.select_contract(selected)
        self.contracts_loaded.emit(len(rows))

    def select_contract(self, reference: str) -> None:
        for row in range(self.contract_table.rowCount()):
            item = self.contract_table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == reference:
                self.contract_table.selectRow(row)
                return

    def _contract_selected(self) -> None:
        items = self.contract_table.selectedItems()
        if items:
            reference = self.contract_table.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole)
            if reference != self.detail.reference or self.detail.detail is None:
                self.detail.load(reference)

    def _tab_changed(self, index: int) -> None:
        loaders = {1: self.reload_releases, 2: self.reload_deadlines, 3: self.reload_money}
        if index in loaders:
            loaders[index]()

    # --- releases tab ----------------------------------------------------------------------------

    def _releases_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(12)
        left = QVBoxLayout()
        left.addWidget(set_role(QLabel(self.tr("PUBLISHED RELEASES")), "section"))
        self.release_table = table(
            "releaseTable",
            [
                self.tr("Software"),
                self.tr("Version"),
                self.tr("Released"),
                self.tr("Substantial"),
                self.tr("Installations"),
                self.tr("Descriptive sheet"),
            ],
            stretch=5,
            right=(4,),
        )
        left.addWidget(self.release_table, 3)
        left.addWidget(set_role(QLabel(self.tr("CLIENTS PAST THE DEADLINE (EXCLUSION R-07)")), "section"))
        self.overdue_table = table(
            "overdueTable",
            [self.tr("Client"), self.tr("Software"), self.tr("Installed"), self.tr("To apply"), self.tr("Deadline")],
            stretch=0,
        )
        left.addWidget(self.overdue_table, 2)
        layout.addLayout(left, 3)

        frame, form_layout = panel("releaseForm")
        form_layout.addWidget(set_role(QLabel(self.tr("NEW RELEASE")), "section"))
        form = QFormLayout()
        self.release_product = QComboBox()
        self.release_product.setObjectName("releaseProduct")
        self.release_version = QLineEdit()
        self.release_version.setObjectName("releaseVersion")
        self.release_date = _date_edit("releaseDate", self.today())
        self.release_substantial = QCheckBox(self.tr("Substantial change (hardware, system)"))
        self.release_substantial.setObjectName("releaseSubstantial")
        self.release_sheet = QPlainTextEdit()
        self.release_sheet.setObjectName("releaseSheet")
        self.release_sheet.setPlaceholderText(self.tr("Improvements and changes brought by the version"))
        form.addRow(self.tr("Software"), self.release_product)
        form.addRow(self.tr("Version"), self.release_version)
        form.addRow(self.tr("Released on"), self.release_date)
        form.addRow("", self.release_substantial)
        form.addRow(self.tr("Descriptive sheet"), self.release_sheet)
        form_layout.addLayout(form)
        hint = set_role(
            QLabel(
                self.tr(
                    "Clients have six months to apply a new version. A substantial one also gives them three "
                    "months before installing it, during which the old version stays maintained."
                )
            ),
            "muted",
        )
        hint.setWordWrap(True)
        form_layout.addWidget(hint)
        self.release_button = QPushButton(self.tr("Record the release"))
        self.release_button.setObjectName("addReleaseButton")
        self.release_button.setProperty("primary", True)
        self.release_button.clicked.connect(self.add_release)
        form_layout.addWidget(self.release_button)
        self.release_message = message_label("releaseMessage")
        form_layout.addWidget(self.release_message)
        form_layout.addStretch(1)
        frame.setMaximumWidth(380)
        layout.addWidget(frame, 1)
        return tab

    def reload_releases(self) -> None:
        on = self.today()
        run_in_background(
            self, ops.read(self._context, lambda s: ops.load_releases(s, on)), self._show_releases, key="releases"
        )

    def _show_releases(self, data: ops.ReleasesData) -> None:
        fill(
            self.release_table,
            [
                [
                    r.product_code,
                    r.version,
                    day(r.released_on),
                    self.tr("yes") if r.substantial else "",
                    str(r.installed_at),
                    r.sheet.splitlines()[0] if r.sheet else "",
                ]
                for r in data.releases
            ],
            [r.id for r in data.releases],
        )
        fill(
            self.overdue_table,
            [
                [
                    f"{r.client_code} · {r.client_name}",
                    r.product_code,
                    r.status.installed.version if r.status.installed else "—",
                    r.status.pending.version if r.status.pending else "—",
                    day(r.status.deadline),
                ]
                for r in data.overdue
            ],
        )
        current = self.release_product.currentData()
        self.release_product.clear()
        for code, name in data.products:
            self.release_product.addItem(f"{code} — {name}", code)
        if current:
            self.release_product.setCurrentIndex(max(0, self.release_product.findData(current)))
        self.releases_loaded.emit()

    def add_release(self) -> None:
        product, version = self.release_product.currentData() or "", self.release_version.text()
        released, substantial = _pydate(self.release_date.date()), self.release_substantial.isChecked()
        sheet = self.release_sheet.toPlainText()

        def done(_result: object) -> None:
            show_message(self.release_message, self.tr("Release recorded."), "ok")
            self.release_version.clear()
            self.release_sheet.clear()
            self.release_substantial.setChecked(False)
            self.reload_releases()

        run_in_background(
            self,
            ops.write(
                self._context,
                lambda s, a: releases.add_release(
                    s, a, product, version, released, substantial=substantial, sheet=sheet
                ),
            ),
            done,
            lambda error: self._refused(self.release_message, error),
        )

    # --- deadlines tab ---------------------------------------------------------------------------

    def _deadlines_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(
            set_role(QLabel(self.tr("NOTICE DATES, ANNIVERSARIES AND ENDS IN THE NEXT 90 DAYS")), "section")
        )
        self.deadline_table = table(
            "deadlineTable",
            [self.tr("Date"), self.tr("Contract"), self.tr("Client"), self.tr("Deadline")],
            stretch=3,
        )
        layout.addWidget(self.deadline_table, 3)
        layout.addWidget(set_role(QLabel(self.tr("BACKUP DATA TO DESTROY (ONE MONTH AFTER EXPIRY)")), "section"))
        self.destruction_table = table(
            "destructionTable",
            [self.tr("Destruction"), self.tr("Client"), self.tr("Contract"), self.tr("Last covered day")],
            stretch=1,
        )
        layout.addWidget(self.destruction_table, 1)
        return tab

    def reload_deadlines(self) -> None:
        on = self.today()
        run_in_background(
            self,
            ops.read(self._context, lambda s: ops.load_deadlines(s, on, 90)),
            self._show_deadlines,
            key="deadlines",
        )

    def _show_deadlines(self, data: ops.DeadlinesData) -> None:
        fill(
            self.deadline_table,
            [
                [
                    day(r.deadline.on),
                    r.reference,
                    f"{r.client_code} · {r.client_name}",
                    f"{r.deadline.kind.label} {r.deadline.detail}".rstrip(),
                ]
                for r in data.deadlines
            ],
            [r.reference for r in data.deadlines],
        )
        fill(
            self.destruction_table,
            [
                [day(r.destruction_on), f"{r.client_code} · {r.client_name}", r.contract_reference, day(r.end_date)]
                for r in data.destructions
            ],
        )
        self.deadlines_loaded.emit()

    # --- indexes and rates tab -------------------------------------------------------------------

    def _money_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(12)

        frame, col = panel("indexPanel")
        col.addWidget(set_role(QLabel(self.tr("PRICE INDEX VALUES (ART. 17)")), "section"))
        self.index_table = table("indexTable", [self.tr("Index"), self.tr("Period"), self.tr("Value")], right=(2,))
        col.addWidget(self.index_table, 1)
        row = QHBoxLayout()
        self.index_series = QLineEdit()
        self.index_series.setObjectName("indexSeries")
        self.index_series.setPlaceholderText("SYNTEC")
        self.index_period = QLineEdit()
        self.index_period.setObjectName("indexPeriod")
        self.index_period.setPlaceholderText(self.tr("YYYY-MM or YYYY-T1"))
        self.index_value = QLineEdit()
        self.index_value.setObjectName("indexValue")
        self.index_value.setPlaceholderText(self.tr("Value"))
        add_index = QPushButton(self.tr("Save"))
        add_index.setObjectName("saveIndexButton")
        add_index.clicked.connect(self.save_index)
        for widget in (self.index_series, self.index_period, self.index_value, add_index):
            row.addWidget(widget)
        col.addLayout(row)
        layout.addWidget(frame, 1)

        frame, col = panel("ratePanel")
        col.addWidget(set_role(QLabel(self.tr("LEGAL INTEREST RATE (ART. 15)")), "section"))
        self.rate_table = table("rateTable", [self.tr("From"), self.tr("To"), self.tr("Rate")], right=(2,))
        col.addWidget(self.rate_table, 1)
        row = QHBoxLayout()
        today = self.today()
        self.rate_start = _date_edit("rateStart", date(today.year, 1 if today.month <= 6 else 7, 1))
        self.rate_end = _date_edit("rateEnd", date(today.year, 6, 30) if today.month <= 6 else date(today.year, 12, 31))
        self.rate_value = QLineEdit()
        self.rate_value.setObjectName("rateValue")
        self.rate_value.setPlaceholderText(self.tr("Rate in %"))
        add_rate = QPushButton(self.tr("Save"))
        add_rate.setObjectName("saveRateButton")
        add_rate.clicked.connect(self.save_rate)
        for widget in (self.rate_start, self.rate_end, self.rate_value, add_rate):
            row.addWidget(widget)
        col.addLayout(row)

        col.addWidget(set_role(QLabel(self.tr("LATE PAYMENT (3 × LEGAL RATE + €40)")), "section"))
        late = QHBoxLayout()
        self.late_amount = QLineEdit()
        self.late_amount.setObjectName("lateAmount")
        self.late_amount.setPlaceholderText(self.tr("Amount due"))
        self.late_due = _date_edit("lateDue", today)
        self.late_paid = _date_edit("latePaid", today)
        compute = QPushButton(self.tr("Compute"))
        compute.setObjectName("lateFeeButton")
        compute.clicked.connect(self.compute_late_fee)
        late.addWidget(self.late_amount)
        late.addWidget(QLabel(self.tr("due")))
        late.addWidget(self.late_due)
        late.addWidget(QLabel(self.tr("paid")))
        late.addWidget(self.late_paid)
        late.addWidget(compute)
        col.addLayout(late)
        self.late_result = QLabel()
        self.late_result.setObjectName("lateFeeResult")
        self.late_result.setWordWrap(True)
        col.addWidget(self.late_result)
        layout.addWidget(frame, 1)

        self.money_message = message_label("moneyMessage")
        outer = QWidget()
        outer_layout = QVBoxLayout(outer)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        outer_layout.addWidget(tab, 1)
        outer_layout.addWidget(self.money_message)
        return outer

    def reload_money(self) -> None:
        run_in_background(self, ops.read(self._context, ops.load_money), self._show_money, key="money")

    def _show_money(self, data: ops.MoneyData) -> None:
        fill(self.index_table, [[series, period, number(value)] for series, period, value in data.indexes])
        fill(self.rate_table, [[day(r.start), day(r.end), f"{number(r.rate_percent)} %"] for r in data.rates])
        self.money_loaded.emit()

    def save_index(self) -> None:
        series, period, value = self.index_series.text(), self.index_period.text(), self.index_value.text()
        self._money_edit(
            lambda s, a: contracts.set_index_value(s, a, series, period, value), self.tr("Index value saved.")
        )

    def save_rate(self) -> None:
        start, end = _pydate(self.rate_start.date()), _pydate(self.rate_end.date())
        value = self.rate_value.text()
        self._money_edit(lambda s, a: contracts.set_legal_rate(s, a, start, end, value), self.tr("Rate saved."))

    def _money_edit(self, operation: Callable[[Any, Any], Any], done: str) -> None:
        def saved(_result: object) -> None:
            show_message(self.money_message, done, "ok")
            self.reload_money()

        run_in_background(
            self, ops.write(self._context, operation), saved, lambda e: self._refused(self.money_message, e)
        )

    def compute_late_fee(self) -> None:
        amount_text = self.late_amount.text()
        due, paid = _pydate(self.late_due.date()), _pydate(self.late_paid.date())

        def shown(fee: Any) -> None:
            if not fee.applies:
                text = self.tr("%1 day(s) late: no penalty before more than 30 days.").replace("%1", str(fee.days_late))
            else:
                text = (
                    self.tr("%1 days late: penalties %2 + recovery fee %3 = %4")
                    .replace("%1", str(fee.days_late))
                    .replace("%2", money(fee.penalties))
                    .replace("%3", money(fee.recovery_fee))
                    .replace("%4", money(fee.total))
                )
            self.late_result.setText(text)
            self.money_message.hide()

        run_in_background(
            self,
            ops.read(self._context, lambda s: ops.compute_late_fee(s, amount_text, due, paid)),
            shown,
            lambda e: self._refused(self.money_message, e),
        )

    def _refused(self, label: QLabel, error: BaseException) -> None:
        if isinstance(error, ops.REFUSALS):
            show_message(label, str(error), "danger")
        else:
            show_message(label, self.tr("The operation failed; details are in the log."), "danger")
