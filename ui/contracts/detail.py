"""One contract on screen (R-26 to R-29): dates and phase, services, the financial table with its lines,
the price revisions and the coming deadlines, and the edits (line, revision, notice, printed table).

Edits go through ``app.services.contracts`` in the background; each is audited there, and a refusal shows
the service's French reason with nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.contract_life import Phase, contract_year_start
from app.domain.vocabulary import ServiceKind
from app.services import contracts
from app.services.contracts import ContractDetail
from ui.background import run_in_background
from ui.contracts import operations as ops
from ui.contracts.widgets import day, fill, message_label, money, number, panel, show_message, table
from ui.style import set_role
from ui.widgets.badge import make_badge

PHASE_TONES = {
    Phase.NOT_STARTED: "muted",
    Phase.COMMITMENT: "info",
    Phase.RENEWED: "ok",
    Phase.NOTICE_GIVEN: "warn",
    Phase.ENDED: "danger",
}


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(name: str, value: date) -> QDateEdit:
    edit = QDateEdit(_qdate(value))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


class ContractDetailPanel(QScrollArea):
    """The selected contract. ``today`` is the day the phase and deadlines are computed for."""

    #: Something of the contract changed (a line, a revision, a notice): lists should reload.
    contract_changed = Signal(str)
    #: A detail was loaded and shown (its reference).
    detail_shown = Signal(str)

    def __init__(self, context: AppContext, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractDetailPanel")
        self.setWidgetResizable(True)
        self._context = context
        self._today = today
        self.detail: ContractDetail | None = None
        self.reference: str | None = None

        content = QWidget()
        content.setObjectName("contractDetailContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(10)

        self.empty = set_role(QLabel(self.tr("Select a contract in the list.")), "empty")
        self.empty.setObjectName("contractDetailEmpty")
        layout.addWidget(self.empty)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        body.addWidget(self._header())
        body.addWidget(self._table_panel())
        body.addWidget(self._revision_panel())
        body.addWidget(self._life_panel())
        body.addStretch(1)
        layout.addWidget(self.body)
        self.body.hide()
        self.setWidget(content)

    # --- building ------------------------------------------------------------------------------

    def _header(self) -> QWidget:
        frame, layout = panel("contractHeader")
        top = QHBoxLayout()
        self.reference_label = QLabel()
        self.reference_label.setObjectName("contractReference")
        self.phase_badge = make_badge("", "muted", "contractPhase")
        top.addWidget(self.reference_label)
        top.addSpacing(8)
        top.addWidget(self.phase_badge)
        top.addStretch(1)
        self.print_button = QPushButton(self.tr("Financial table (PDF)…"))
        self.print_button.setObjectName("contractPrintTable")
        self.print_button.clicked.connect(self._ask_pdf_path)
        top.addWidget(self.print_button)
        layout.addLayout(top)
        self.client_label = QLabel()
        self.client_label.setObjectName("contractClient")
        layout.addWidget(self.client_label)

        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        self.facts: dict[str, QLabel] = {}
        names = [
            ("start", self.tr("Start date")),
            ("commitment", self.tr("End of the 24-month commitment")),
            ("notice", self.tr("Termination notice")),
            ("end", self.tr("Last covered day")),
            ("destruction", self.tr("Backup data destroyed on")),
            ("services", self.tr("Services")),
        ]
        for row, (key, label) in enumerate(names):
            caption = set_role(QLabel(label), "fieldLabel")
            value = QLabel()
            value.setObjectName(f"contractFact_{key}")
            value.setWordWrap(True)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.facts[key] = value
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.message = message_label("contractMessage")
        layout.addWidget(self.message)
        return frame

    def _table_panel(self) -> QWidget:
        frame, layout = panel("contractFinancialPanel")
        layout.addWidget(set_role(QLabel(self.tr("FINANCIAL TABLE (ART. 18)")), "section"))
        self.lines_table = table(
            "contractLinesTable",
            [
                self.tr("Contract"),
                self.tr("Designation"),
                self.tr("Unit price"),
                self.tr("Qty"),
                self.tr("Excl. VAT"),
                self.tr("Index"),
            ],
            stretch=1,
            right=(2, 3, 4),
        )
        self.lines_table.setMinimumHeight(110)
        self.lines_table.setMaximumHeight(190)
        layout.addWidget(self.lines_table)
        totals = QGridLayout()
        totals.setColumnStretch(0, 1)
        self.total_labels: dict[str, QLabel] = {}
        for row, (key, caption) in enumerate(
            (("excl", self.tr("Total excl. VAT")), ("vat", self.tr("VAT 20 %")), ("incl", self.tr("Total incl. VAT")))
        ):
            label = set_role(QLabel(caption), "fieldLabel")
            value = QLabel()
            value.setObjectName("contractTotal" if key == "incl" else f"contractTotal_{key}")
            value.setProperty("role", "money")
            totals.addWidget(label, row, 1)
            totals.addWidget(value, row, 2)
            self.total_labels[key] = value
        layout.addLayout(totals)

        form = QHBoxLayout()
        self.line_designation = QLineEdit()
        self.line_designation.setObjectName("lineDesignation")
        self.line_designation.setPlaceholderText(self.tr("Designation"))
        self.line_price = QLineEdit()
        self.line_price.setObjectName("linePrice")
        self.line_price.setPlaceholderText(self.tr("Unit price excl. VAT"))
        self.line_price.setMaximumWidth(150)
        self.line_quantity = QLineEdit("1")
        self.line_quantity.setObjectName("lineQuantity")
        self.line_quantity.setMaximumWidth(60)
        self.line_service = QComboBox()
        self.line_service.setObjectName("lineService")
        self.line_service.addItem(self.tr("(no service)"), None)
        for kind in ServiceKind:
            self.line_service.addItem(kind.label, kind)
        self.line_index = QLineEdit()
        self.line_index.setObjectName("lineIndex")
        self.line_index.setPlaceholderText(self.tr("Index (e.g. SYNTEC)"))
        self.line_index.setMaximumWidth(150)
        self.add_line_button = QPushButton(self.tr("Add the line"))
        self.add_line_button.setObjectName("addLineButton")
        self.add_line_button.setProperty("primary", True)
        self.add_line_button.clicked.connect(self.add_line)
        for widget in (self.line_designation, self.line_price, self.line_quantity):
            form.addWidget(widget)
        form.setStretch(0, 1)
        second = QHBoxLayout()
        second.addWidget(self.line_service, 1)
        second.addWidget(self.line_index)
        second.addWidget(self.add_line_button)
        layout.addWidget(set_role(QLabel(self.tr("New line")), "fieldLabel"))
        layout.addLayout(form)
        layout.addLayout(second)
        return frame

    def _revision_panel(self) -> QWidget:
        frame, layout = panel("contractRevisionPanel")
        layout.addWidget(set_role(QLabel(self.tr("PRICE REVISIONS (P = P0 × S / S0)")), "section"))
        self.revisions_table = table(
            "contractRevisionsTable",
            [self.tr("Line"), self.tr("From"), self.tr("Old price"), self.tr("New price"), self.tr("Indexes S / S0")],
            stretch=0,
            right=(2, 3),
        )
        self.revisions_table.setMinimumHeight(90)
        self.revisions_table.setMaximumHeight(160)
        layout.addWidget(self.revisions_table)
        form = QHBoxLayout()
        form.addWidget(set_role(QLabel(self.tr("Anniversary")), "fieldLabel"))
        self.revision_date = _date_edit("revisionDate", self._today())
        form.addWidget(self.revision_date)
        self.revise_button = QPushButton(self.tr("Revise the prices"))
        self.revise_button.setObjectName("reviseButton")
        self.revise_button.clicked.connect(self.revise)
        form.addWidget(self.revise_button)
        form.addStretch(1)
        layout.addLayout(form)
        return frame

    def _life_panel(self) -> QWidget:
        frame, layout = panel("contractLifePanel")
        layout.addWidget(set_role(QLabel(self.tr("DEADLINES IN THE NEXT 90 DAYS")), "section"))
        self.deadlines_label = QLabel()
        self.deadlines_label.setObjectName("contractDeadlines")
        self.deadlines_label.setWordWrap(True)
        layout.addWidget(self.deadlines_label)
        layout.addWidget(set_role(QLabel(self.tr("TERMINATION NOTICE (REGISTERED LETTER)")), "section"))
        form = QFormLayout()
        self.notice_date = _date_edit("noticeDate", self._today())
        self.notice_letter = QLineEdit()
        self.notice_letter.setObjectName("noticeLetter")
        self.notice_letter.setPlaceholderText(self.tr("Registered letter number"))
        self.notice_button = QPushButton(self.tr("Record the notice"))
        self.notice_button.setObjectName("noticeButton")
        self.notice_button.clicked.connect(self.record_notice)
        form.addRow(self.tr("Received on"), self.notice_date)
        form.addRow(self.tr("Letter"), self.notice_letter)
        form.addRow("", self.notice_button)
        layout.addLayout(form)
        return frame

    # --- showing -------------------------------------------------------------------------------

    def load(self, reference: str) -> None:
        """Load ``reference`` in the background and show it."""
        self.reference = reference
        on = self._today()
        run_in_background(
            self,
            ops.read(self._context, lambda s: ops.load_detail(s, reference, on)),
            self.show_detail,
            self._failed,
            key="detail",
        )

    def show_detail(self, detail: ContractDetail) -> None:
        self.detail = detail
        s = detail.summary
        self.reference = s.reference
        self.empty.hide()
        self.body.show()
        self.reference_label.setText(s.reference)
        self.client_label.setText(f"{s.client_name} · {s.client_code}")
        self.phase_badge.setText(s.phase.label)
        self.phase_badge.setProperty("tone", PHASE_TONES[s.phase])
        self.phase_badge.style().unpolish(self.phase_badge)
        self.phase_badge.style().polish(self.phase_badge)
        self.phase_badge.adjustSize()
        self.facts["start"].setText(day(s.start))
        self.revision_date.setDate(_qdate(contract_year_start(s.start, self._today())))
        self.facts["commitment"].setText(day(detail.commitment_end))
        if detail.notice_received_on:
            notice = self.tr("received on %1 (letter %2)").replace("%1", day(detail.notice_received_on))
            notice = notice.replace("%2", detail.notice_reference or "—")
        elif detail.next_notice:
            notice = self.tr("possible until %1 for an end on %2").replace("%1", day(detail.next_notice[0]))
            notice = notice.replace("%2", day(detail.next_notice[1]))
        else:
            notice = "—"
        self.facts["notice"].setText(notice)
        self.facts["end"].setText(day(s.end_date) if s.end_date else self.tr("tacit renewal each year"))
        self.facts["destruction"].setText(day(detail.destruction_on))
        self.facts["services"].setText(
            " · ".join(
                self.tr("%1 (since %2)").replace("%1", x.service.label).replace("%2", day(x.start))
                for x in detail.services
            )
            or "—"
        )
        fill(
            self.lines_table,
            [
                [
                    x.service.label if x.service else s.reference,
                    x.designation,
                    money(x.unit_price),
                    number(x.quantity),
                    money(x.excl_vat),
                    x.index_series or "",
                ]
                for x in detail.lines
            ],
            [x.id for x in detail.lines],
        )
        self.total_labels["excl"].setText(money(detail.table.total_excl_vat))
        self.total_labels["vat"].setText(money(detail.table.vat))
        self.total_labels["incl"].setText(money(detail.table.total_incl_vat))
        revisions = [
            (line.designation, price)
            for line in detail.lines
            for price in line.prices
            if price.previous_price is not None
        ]
        fill(
            self.revisions_table,
            [
                [
                    designation,
                    day(p.effective_on),
                    money(p.previous_price),
                    money(p.unit_price),
                    f"{p.index_series} {p.index_period} : {number(p.index_value)} / {p.base_period} : "
                    f"{number(p.base_value)}",
                ]
                for designation, p in revisions
            ],
        )
        self.deadlines_label.setText(
            "\n".join(f"{day(d.on)} — {d.kind.label} {d.detail}".rstrip() for d in detail.deadlines)
            or self.tr("No deadline in the next 90 days.")
        )
        has_notice = detail.notice_received_on is not None
        self.notice_button.setEnabled(not has_notice)
        self.notice_letter.setEnabled(not has_notice)
        self.detail_shown.emit(s.reference)

    # --- edits ---------------------------------------------------------------------------------

    def _run_edit(self, operation: Callable[[Any, Any], Any], done: str) -> None:
        reference = self.reference
        if reference is None:
            return

        def succeeded(_result: object) -> None:
            show_message(self.message, done, "ok")
            self.contract_changed.emit(reference)
            self.load(reference)

        run_in_background(self, ops.write(self._context, operation), succeeded, self._failed)

    def add_line(self) -> None:
        reference = self.reference or ""
        designation, price = self.line_designation.text(), self.line_price.text()
        quantity, index = self.line_quantity.text() or "1", self.line_index.text().strip() or None
        service = self.line_service.currentData()
        self._run_edit(
            lambda s, a: contracts.add_line(
                s,
                a,
                reference,
                designation=designation,
                unit_price=price,
                quantity=quantity,
                service=service,
                index_series=index,
            ),
            self.tr("Line added to the financial table."),
        )
        self.line_designation.clear()
        self.line_price.clear()

    def revise(self) -> None:
        reference, on, today = self.reference or "", _pydate(self.revision_date.date()), self._today()
        self._run_edit(
            lambda s, a: contracts.revise_contract(s, a, reference, on, today=today),
            self.tr("Prices revised; the previous ones stay in the history."),
        )

    def record_notice(self) -> None:
        reference, received, letter = self.reference or "", _pydate(self.notice_date.date()), self.notice_letter.text()
        self._run_edit(
            lambda s, a: contracts.record_notice(s, a, reference, received, letter),
            self.tr("Notice recorded."),
        )

    def _ask_pdf_path(self) -> None:
        if self.reference is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the financial table"), f"tableau-financier-{self.reference}.pdf", "PDF (*.pdf)"
        )
        if name:
            self.save_financial_table(Path(name))

    def save_financial_table(self, target: Path) -> None:
        """Build the table, keep it in the documents registry and write it to ``target``."""
        reference, on = self.reference or "", self._today()

        def operation(session: Any, actor: Any) -> bytes:
            return contracts.issue_financial_table(session, actor, reference, on, target.name)

        def written(pdf: bytes) -> None:
            target.write_bytes(pdf)
            show_message(self.message, self.tr("Financial table saved: %1").replace("%1", str(target)), "ok")

        run_in_background(self, ops.write(self._context, operation), written, self._failed)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ops.REFUSALS):
            show_message(self.message, str(error), "danger")
        else:
            show_message(self.message, self.tr("The operation failed; details are in the log."), "danger")
