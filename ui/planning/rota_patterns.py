"""« Semaine type »: one technician's weekly routines, with add, end and skip-one-day.

Opened from the technician's name in the rota's week view. Reads and edits run in the background; the
rota service checks every edit and a refusal is shown here in its French words, with nothing saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, time, timedelta

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.rota import LineRole, RotaError, WeeklyPattern
from app.services.rota import Editor
from ui.background import run_in_background
from ui.planning.rota_operations import end_pattern, load_patterns, restore_pattern, save_pattern, skip_pattern
from ui.style import set_role

log = logging.getLogger("hotline.ui.planning")

ENDED = Qt.GlobalColor.gray


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())


class RotaPatternDialog(QDialog):
    """A technician's weekly routines (ended ones greyed), a form to add one, and, for the selected
    routine, a day on which to end it or to skip it."""

    #: A routine was added, ended or suspended (the week view should be read again).
    changed = Signal()
    #: An edit was refused; the French message shown.
    edit_refused = Signal(str)

    def __init__(self, context: AppContext, login: str, name: str, around: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rotaPatternDialog")
        self.setWindowTitle(self.tr("Weekly routine — {name}").format(name=name))
        self._context = context
        self.login = login
        self.around = around  # the Monday of the week on screen: default dates start there
        self.patterns: list[WeeklyPattern] = []
        self._loading = False
        self._saving = False

        intro = set_role(
            QLabel(
                self.tr(
                    "Shifts repeated every week. Leave still wins over a routine; to change one, end it and add "
                    "the new one from the next day."
                )
            ),
            "muted",
        )
        intro.setWordWrap(True)

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("rotaPatternTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Day"), self.tr("Hours"), self.tr("Role"), self.tr("Valid"), self.tr("Skipped days")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        # The selected routine: end it, or skip one day of it.
        self.day_edit = QDateEdit()
        self.day_edit.setObjectName("rotaPatternDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDate(_qdate(around))
        self.end_button = QPushButton(self.tr("End after this day"))
        self.end_button.setObjectName("rotaPatternEnd")
        self.end_button.clicked.connect(self.end_selected)
        self.skip_button = QPushButton(self.tr("Skip this day"))
        self.skip_button.setObjectName("rotaPatternSkip")
        self.skip_button.clicked.connect(self.skip_selected)
        self.restore_button = QPushButton(self.tr("Apply again this day"))
        self.restore_button.setObjectName("rotaPatternRestore")
        self.restore_button.clicked.connect(self.restore_selected)
        selected = QGroupBox(self.tr("Selected routine"))
        selected_row = QHBoxLayout(selected)
        selected_row.addWidget(QLabel(self.tr("Day")))
        selected_row.addWidget(self.day_edit)
        selected_row.addWidget(self.end_button)
        selected_row.addWidget(self.skip_button)
        selected_row.addWidget(self.restore_button)
        selected_row.addStretch(1)

        self.add_box = self._add_form()

        self.message = QLabel()
        self.message.setObjectName("rotaPatternMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(selected)
        layout.addWidget(self.add_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(720, 560)
        # Enter in a field must not end or suspend a routine: no button is the default one.
        for button in (self.end_button, self.skip_button, self.restore_button, self.add_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self._selection_changed()
        self.reload()

    def _add_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Add a routine"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.weekday_box = QComboBox()
        self.weekday_box.setObjectName("rotaPatternWeekday")
        for weekday in range(6):
            self.weekday_box.addItem(self.locale().dayName(weekday + 1).capitalize(), weekday)
        self.start_edit = QTimeEdit(QTime(8, 30))
        self.start_edit.setObjectName("rotaPatternStart")
        self.end_edit = QTimeEdit(QTime(12, 0))
        self.end_edit.setObjectName("rotaPatternEndTime")
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
        hours = QHBoxLayout()
        hours.addWidget(self.start_edit)
        hours.addWidget(QLabel("–"))
        hours.addWidget(self.end_edit)
        hours.addStretch(1)
        self.role_box = QComboBox()
        self.role_box.setObjectName("rotaPatternRole")
        self.role_box.addItem(self.tr("Primary"), LineRole.PRIMARY)
        self.role_box.addItem(self.tr("Backup"), LineRole.BACKUP)
        self.from_edit = QDateEdit()
        self.from_edit.setObjectName("rotaPatternFrom")
        self.to_edit = QDateEdit()
        self.to_edit.setObjectName("rotaPatternTo")
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDate(_qdate(self.around))
        self.open_ended = QCheckBox(self.tr("No end"))
        self.open_ended.setObjectName("rotaPatternOpenEnded")
        self.open_ended.setChecked(True)
        self.to_edit.setEnabled(False)
        self.open_ended.toggled.connect(lambda checked: self.to_edit.setEnabled(not checked))
        until = QHBoxLayout()
        until.addWidget(self.to_edit)
        until.addWidget(self.open_ended)
        until.addStretch(1)
        self.add_button = QPushButton(self.tr("Add the routine"))
        self.add_button.setObjectName("rotaPatternAdd")
        self.add_button.clicked.connect(self.add_pattern)
        form.addRow(self.tr("Every"), self.weekday_box)
        form.addRow(self.tr("Hours"), hours)
        form.addRow(self.tr("Role"), self.role_box)
        form.addRow(self.tr("From"), self.from_edit)
        form.addRow(self.tr("To"), until)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        form.addRow(add_row)
        return box

    # --- state ----------------------------------------------------------------------------------

    def is_idle(self) -> bool:
        return not self._loading and not self._saving

    def reload(self) -> None:
        self._loading = True
        run_in_background(
            self,
            load_patterns(self._context.sessions, self.login),
            self._loaded,
            self._load_failed,
            key="rota-patterns",
        )

    def _loaded(self, patterns: list[WeeklyPattern]) -> None:
        self._loading = False
        selected = self.selected()
        self.patterns = patterns
        self.table.setRowCount(len(patterns))
        for row, pattern in enumerate(patterns):
            ended = pattern.valid_to is not None and pattern.valid_to < self.around
            valid = (
                self.tr("from {first} to {last}").format(
                    first=f"{pattern.valid_from:%d/%m/%Y}", last=f"{pattern.valid_to:%d/%m/%Y}"
                )
                if pattern.valid_to
                else self.tr("from {first}, no end").format(first=f"{pattern.valid_from:%d/%m/%Y}")
            )
            cells = (
                self.locale().dayName(pattern.weekday + 1).capitalize(),
                f"{pattern.start:%H:%M}–{pattern.end:%H:%M}",
                self.tr("Primary") if pattern.role is LineRole.PRIMARY else self.tr("Backup"),
                valid,
                ", ".join(f"{d:%d/%m}" for d in sorted(pattern.exceptions)) or "—",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if ended:
                    item.setForeground(ENDED)
                    item.setToolTip(self.tr("Ended"))
                self.table.setItem(row, column, item)
        if not patterns:
            self.table.setRowCount(1)
            empty = QTableWidgetItem(self.tr("No weekly routine yet."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.table.setItem(0, 0, empty)
            self.table.setSpan(0, 0, 1, 5)
        else:
            self.table.clearSpans()
        keys = [p.key for p in patterns]
        if selected is not None and selected.key in keys:
            self.table.selectRow(keys.index(selected.key))
        self._selection_changed()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        log.error("weekly routines not loaded", exc_info=error)
        self._show_message(self.tr("The weekly routines could not be read: the database did not answer."), "danger")

    def selected(self) -> WeeklyPattern | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or not self.patterns or rows[0].row() >= len(self.patterns):
            return None
        return self.patterns[rows[0].row()]

    def select(self, key: str) -> None:
        """Select the routine stored as ``key``."""
        keys = [p.key for p in self.patterns]
        self.table.selectRow(keys.index(key))

    def _selection_changed(self) -> None:
        pattern = self.selected()
        for button in (self.end_button, self.skip_button, self.restore_button):
            button.setEnabled(pattern is not None)
        if pattern is not None:
            # The routine's next day from the week on screen (within its validity when possible).
            first = max(self.around, pattern.valid_from)
            day = first + timedelta(days=(pattern.weekday - first.weekday()) % 7)
            self.day_edit.setDate(_qdate(day))

    # --- edits ----------------------------------------------------------------------------------

    def _editor(self) -> Editor:
        return Editor(self._context.technician_name, self._context.station or "")

    def add_pattern(self) -> None:
        """Record the routine described by the form."""
        try:
            pattern = WeeklyPattern(
                self.login,
                self.weekday_box.currentData(),
                _pytime(self.start_edit.time()),
                _pytime(self.end_edit.time()),
                _pydate(self.from_edit.date()),
                None if self.open_ended.isChecked() else _pydate(self.to_edit.date()),
                self.role_box.currentData(),
            )
        except RotaError as exc:
            self._refused(exc)
            return
        self._run(save_pattern(self._context.sessions, pattern, self._editor()), self.tr("Routine added."))

    def end_selected(self) -> None:
        pattern = self.selected()
        if pattern is not None:
            day = _pydate(self.day_edit.date())
            self._run(
                end_pattern(self._context.sessions, pattern.key, day, self._editor()),
                self.tr("Routine ended: its last day is {day}.").format(day=f"{day:%d/%m/%Y}"),
            )

    def skip_selected(self) -> None:
        pattern = self.selected()
        if pattern is not None:
            day = _pydate(self.day_edit.date())
            self._run(
                skip_pattern(self._context.sessions, pattern.key, day, self._editor()),
                self.tr("Routine skipped on {day}.").format(day=f"{day:%d/%m/%Y}"),
            )

    def restore_selected(self) -> None:
        pattern = self.selected()
        if pattern is not None:
            day = _pydate(self.day_edit.date())
            self._run(
                restore_pattern(self._context.sessions, pattern.key, day, self._editor()),
                self.tr("Routine applies again on {day}.").format(day=f"{day:%d/%m/%Y}"),
            )

    def _run(self, op: Callable[[], object], done: str) -> None:
        self._saving = True
        run_in_background(self, op, lambda _result: self._saved(done), self._failed)

    def _saved(self, done: str) -> None:
        self._saving = False
        self._show_message(done, "ok")
        self.changed.emit()
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        if isinstance(error, ValueError):
            self._refused(error)
        else:
            log.error("weekly routine edit failed", exc_info=error)
            self._refused(None)

    def _refused(self, error: BaseException | None) -> None:
        if error is None:
            text = self.tr("Not saved: the database did not answer. Try again in a moment.")
        else:
            text = self.tr("Not saved: {reason}").format(reason=str(error))
        self._show_message(text, "danger")
        self.edit_refused.emit(text)

    def _show_message(self, text: str, tone: str) -> None:
        self.message.setText(text)
        self.message.setProperty("tone", tone)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()
