"""The right-hand panel of the Planning screen: the year's closures and warnings, the month's
interruptions, and the two edit forms (training days, exceptional closure)."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.hotline_calendar import PARIS, ClosurePeriod
from app.domain.opening_hours import CLOSURE_PREFIX
from app.services.calendar_config import ClosureEntry
from app.services.interruptions import InterruptionView
from ui.formatting import format_date
from ui.style import set_role

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_WARNING_MARK = "⚠"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PlanningSidePanel(QScrollArea):
    """Lists and forms; it asks for edits through signals and never touches the database itself."""

    #: The user asks to store these training days for the year (year, list of dates).
    training_days_requested = Signal(int, list)
    #: The user asks to add a closure: (reason, day or None, start or None, end or None), naive Paris times.
    closure_requested = Signal(str, object, object, object)
    #: The user asks to remove the stored closure with this id.
    removal_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planningSidePanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(360)
        self.setMaximumWidth(420)
        self.year = date.today().year
        content = QWidget()
        content.setObjectName("planningSideContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 6, 16, 16)
        layout.setSpacing(6)

        self.message = QLabel()
        self.message.setObjectName("planningMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        layout.addWidget(self.message)

        self.closures_title = set_role(QLabel(), "section")
        self.closure_list = QListWidget()
        self.closure_list.setObjectName("planningClosureList")
        self.closure_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.closure_list.setWordWrap(True)
        self.closure_list.setMinimumHeight(150)
        self.closure_list.setSpacing(2)
        self.closure_list.currentItemChanged.connect(self._closure_selected)
        self.remove_button = QPushButton(self.tr("Remove the selected closure"))
        self.remove_button.setObjectName("planningRemoveClosureButton")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self._remove_clicked)
        layout.addWidget(self.closures_title)
        layout.addWidget(self.closure_list, 2)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)

        self.warnings_title = set_role(QLabel(), "section")
        self.warning_list = QListWidget()
        self.warning_list.setObjectName("planningWarningList")
        self.warning_list.setWordWrap(True)
        self.warning_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.warning_list.setMaximumHeight(96)
        layout.addWidget(self.warnings_title)
        layout.addWidget(self.warning_list)

        self.interruptions_title = set_role(QLabel(self.tr("SERVICE INTERRUPTIONS THIS MONTH")), "section")
        self.interruption_list = QListWidget()
        self.interruption_list.setObjectName("planningInterruptionList")
        self.interruption_list.setWordWrap(True)
        self.interruption_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.interruption_list.setMaximumHeight(120)
        layout.addWidget(self.interruptions_title)
        layout.addWidget(self.interruption_list)

        layout.addWidget(self._training_form())
        layout.addWidget(self._closure_form())
        layout.addStretch(1)
        self.setWidget(content)

    # --- forms ----------------------------------------------------------------------------------

    def _training_form(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.training_title = set_role(QLabel(), "section")
        layout.addWidget(self.training_title)
        self.training_edits: list[QDateEdit] = []
        row = QHBoxLayout()
        for index in (1, 2):
            edit = QDateEdit()
            edit.setObjectName(f"planningTrainingDay{index}")
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            # The lowest date means "no day chosen": a QDateEdit cannot be empty.
            edit.setSpecialValueText(self.tr("Not set"))
            edit.setAccessibleName(self.tr("Training day {number}").format(number=index))
            self.training_edits.append(edit)
            row.addWidget(edit, 1)
        self.save_training_button = QPushButton(self.tr("Save"))
        self.save_training_button.setObjectName("planningSaveTrainingButton")
        self.save_training_button.clicked.connect(self._save_training_clicked)
        row.addWidget(self.save_training_button)
        layout.addLayout(row)
        return box

    def _closure_form(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(set_role(QLabel(self.tr("ADD AN EXCEPTIONAL CLOSURE")), "section"))
        self.whole_day_radio = QRadioButton(self.tr("Whole day"))
        self.whole_day_radio.setObjectName("planningClosureWholeDay")
        self.period_radio = QRadioButton(self.tr("Period"))
        self.period_radio.setObjectName("planningClosurePeriod")
        group = QButtonGroup(box)
        group.addButton(self.whole_day_radio)
        group.addButton(self.period_radio)
        self.whole_day_radio.setChecked(True)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.whole_day_radio)
        kind_row.addWidget(self.period_radio)
        kind_row.addStretch(1)
        layout.addLayout(kind_row)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.closure_day = QDateEdit(QDate.currentDate())
        self.closure_day.setObjectName("planningClosureDay")
        self.closure_day.setCalendarPopup(True)
        self.closure_day.setDisplayFormat("dd/MM/yyyy")
        self.closure_start = QDateTimeEdit(QDateTime(QDate.currentDate(), QTime(12, 0)))
        self.closure_start.setObjectName("planningClosureStart")
        self.closure_end = QDateTimeEdit(QDateTime(QDate.currentDate(), QTime(17, 0)))
        self.closure_end.setObjectName("planningClosureEnd")
        for edit in (self.closure_start, self.closure_end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.closure_reason = QLineEdit()
        self.closure_reason.setObjectName("planningClosureReason")
        self.closure_reason.setPlaceholderText(self.tr("e.g. Move to new premises"))
        self.day_label = QLabel(self.tr("Day"))
        self.start_label = QLabel(self.tr("From"))
        self.end_label = QLabel(self.tr("To"))
        form.addRow(self.day_label, self.closure_day)
        form.addRow(self.start_label, self.closure_start)
        form.addRow(self.end_label, self.closure_end)
        form.addRow(QLabel(self.tr("Reason")), self.closure_reason)
        layout.addLayout(form)
        self.add_closure_button = QPushButton(self.tr("Add the closure"))
        self.add_closure_button.setObjectName("planningAddClosureButton")
        self.add_closure_button.clicked.connect(self._add_closure_clicked)
        layout.addWidget(self.add_closure_button, 0, Qt.AlignmentFlag.AlignRight)
        self.whole_day_radio.toggled.connect(self._closure_kind_changed)
        self._closure_kind_changed()
        return box

    def _closure_kind_changed(self) -> None:
        whole = self.whole_day_radio.isChecked()
        for widget in (self.day_label, self.closure_day):
            widget.setVisible(whole)
        for widget in (self.start_label, self.closure_start, self.end_label, self.closure_end):
            widget.setVisible(not whole)

    def set_form_day(self, day: date) -> None:
        """Prefill the closure form with ``day`` (the user clicked it in the grid)."""
        self.closure_day.setDate(_qdate(day))
        self.closure_start.setDateTime(QDateTime(_qdate(day), self.closure_start.time()))
        self.closure_end.setDateTime(QDateTime(_qdate(day), self.closure_end.time()))

    # --- requests -------------------------------------------------------------------------------

    def training_days(self) -> list[date]:
        """The days chosen in the two pickers (a picker left on « Non définie » gives none)."""
        return [_pydate(e.date()) for e in self.training_edits if e.date() != e.minimumDate()]

    def _save_training_clicked(self) -> None:
        self.training_days_requested.emit(self.year, self.training_days())

    def _add_closure_clicked(self) -> None:
        reason = self.closure_reason.text()
        if self.whole_day_radio.isChecked():
            self.closure_requested.emit(reason, _pydate(self.closure_day.date()), None, None)
        else:
            start = self.closure_start.dateTime().toPython()
            end = self.closure_end.dateTime().toPython()
            self.closure_requested.emit(reason, None, start, end)

    def _closure_selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.remove_button.setEnabled(current is not None and current.data(_ID_ROLE) is not None)

    def _remove_clicked(self) -> None:
        item = self.closure_list.currentItem()
        if item is not None and item.data(_ID_ROLE) is not None:
            self.removal_requested.emit(item.data(_ID_ROLE))

    def select_closure(self, closure_id: uuid.UUID) -> bool:
        """Select the listed closure with this id (True when it is listed)."""
        for row in range(self.closure_list.count()):
            if self.closure_list.item(row).data(_ID_ROLE) == closure_id:
                self.closure_list.setCurrentRow(row)
                return True
        return False

    # --- content --------------------------------------------------------------------------------

    def set_year(
        self,
        year: int,
        periods: tuple[ClosurePeriod, ...],
        entries: tuple[ClosureEntry, ...],
        warnings: list[str],
        training: list[date],
    ) -> None:
        """Show the closures and warnings of ``year`` and its training days in the pickers."""
        self.year = year
        self.closures_title.setText(self.tr("CLOSURES IN {year}").format(year=year))
        self.warnings_title.setText(self.tr("CONFIGURATION WARNINGS"))
        self.training_title.setText(self.tr("INTERNAL TRAINING DAYS {year}").format(year=year))
        # The calendar lists closures with a prefixed reason; match them back to their stored rows.
        ids = {(e.closure.bounds(), CLOSURE_PREFIX + e.closure.reason): e.id for e in entries}
        self.closure_list.clear()
        for period in periods:
            item = QListWidgetItem(f"{self._when(period)}\n{period.reason}")
            if period.kind == "closure":
                item.setData(_ID_ROLE, ids.get(((period.start, period.end), period.reason)))
            else:
                # Holidays come from the law and training days from the pickers: not removable here.
                item.setForeground(Qt.GlobalColor.darkGray)
            self.closure_list.addItem(item)
        self.remove_button.setEnabled(False)
        self.warning_list.clear()
        for text in warnings:
            self.warning_list.addItem(QListWidgetItem(f"{_WARNING_MARK} {text}"))
        if not warnings:
            self.warning_list.addItem(self.tr("No warning for {year}.").format(year=year))
        low = QDate(year - 1, 12, 31)
        for edit, day in zip(self.training_edits, [*sorted(training), None, None], strict=False):
            edit.setDateRange(low, QDate(year, 12, 31))
            edit.setDate(_qdate(day) if day is not None else low)

    def _when(self, period: ClosurePeriod) -> str:
        if period.whole_day:
            return format_date(period.start.date())
        start, end = period.start.astimezone(PARIS), period.end.astimezone(PARIS)
        if start.date() == end.date():
            return self.tr("{day}, {start} to {end}").format(
                day=format_date(start.date()), start=f"{start:%H:%M}", end=f"{end:%H:%M}"
            )
        return self.tr("{start} to {end}").format(
            start=f"{format_date(start.date())} {start:%H:%M}", end=f"{format_date(end.date())} {end:%H:%M}"
        )

    def set_interruptions(self, interruptions: tuple[InterruptionView, ...], service_names: dict[str, str]) -> None:
        """List the month's planned interruptions with where their announcement stands (R-21)."""
        self.interruption_list.clear()
        for view in interruptions:
            local = view.starts_at.astimezone(PARIS)
            name = service_names.get(view.service.value, view.service.label)
            when = f"{format_date(local.date())} {local:%H:%M}"
            head = f"{when} · {name} · {view.planned_minutes} min"
            if view.needs_announcement:
                told = self.tr("{told}/{total} clients told").format(told=view.clients_told, total=view.clients_total)
            else:
                told = self.tr("no announcement needed (1 hour or less)")
            mark = "" if view.fully_announced else _WARNING_MARK + " "
            item = QListWidgetItem(f"{mark}{head}\n{view.reason} — {told}")
            if not view.fully_announced:
                item.setForeground(Qt.GlobalColor.darkRed)
                item.setToolTip(self.tr("Over an hour and not announced to every subscribed client beforehand."))
            self.interruption_list.addItem(item)
        if not interruptions:
            self.interruption_list.addItem(self.tr("No interruption planned this month."))

    def show_message(self, text: str, tone: str) -> None:
        """Show the outcome of the last edit (tone: ok, warn or danger)."""
        self.message.setText(text)
        self.message.setProperty("tone", tone)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()
