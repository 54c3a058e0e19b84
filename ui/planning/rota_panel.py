"""The « Permanences » tab of the Planning screen: the week view, its gaps, and the leave form.

Reads and edits run in the background; the rota service checks every edit and a refusal is shown here
in its French words, with nothing saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.hotline_calendar import PARIS
from app.domain.rota import Gap, Leave, LeaveKind, LineRole, RotaError, Shift
from app.services.rota import Editor
from ui.background import run_in_background
from ui.planning.rota_operations import (
    RotaWeek,
    delete_leave,
    delete_shift,
    load_week,
    move_shift,
    save_leave,
    save_shift,
    skip_pattern,
)
from ui.planning.rota_patterns import RotaPatternDialog
from ui.planning.rota_week import RotaWeekView
from ui.planning.status_indicator import paris_now
from ui.style import set_role

log = logging.getLogger("hotline.ui.planning")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class RotaPanel(QWidget):
    """Week navigation, the week view, the gaps of the week and the forms."""

    #: A shift or a leave was saved (the status bar's duty line should be read again).
    rota_changed = Signal()
    #: A week is on screen (its Monday).
    week_shown = Signal(object)
    #: An edit was refused; the French message shown.
    edit_refused = Signal(str)

    def __init__(
        self, context: AppContext, now: Callable[[], datetime] = paris_now, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rotaPanel")
        self._context = context
        self.now = now
        today = now().date()
        # From Friday evening on, the week that matters is the next one.
        self.monday = today - timedelta(days=today.weekday())
        self.week: RotaWeek | None = None
        self._loading = False
        self._saving = False
        self._started = False

        self.previous_button = QPushButton("‹")
        self.previous_button.setObjectName("rotaPreviousWeek")
        self.previous_button.setToolTip(self.tr("Previous week"))
        self.next_button = QPushButton("›")
        self.next_button.setObjectName("rotaNextWeek")
        self.next_button.setToolTip(self.tr("Next week"))
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(36)
        self.this_week_button = QPushButton(self.tr("This week"))
        self.this_week_button.setObjectName("rotaThisWeek")
        self.week_title = set_role(QLabel(), "section")
        self.week_title.setObjectName("rotaWeekTitle")
        self.summary = QLabel()
        self.summary.setObjectName("rotaSummary")
        self.previous_button.clicked.connect(lambda: self.show_week(self.monday - timedelta(days=7)))
        self.next_button.clicked.connect(lambda: self.show_week(self.monday + timedelta(days=7)))
        self.this_week_button.clicked.connect(lambda: self.show_week(self._this_monday()))

        navigation = QHBoxLayout()
        navigation.setSpacing(6)
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.next_button)
        navigation.addWidget(self.week_title)
        navigation.addSpacing(12)
        navigation.addWidget(self.summary)
        navigation.addStretch(1)
        navigation.addWidget(self.this_week_button)

        self.view = RotaWeekView()
        self.view.gap_label = self.tr("Gaps (min. {minimum})")
        self.view.shift_drawn.connect(self.add_shift)
        self.view.shift_dragged.connect(self.move_shift)
        self.view.shift_delete_requested.connect(self.delete_shift)
        self.view.leave_delete_requested.connect(self.delete_leave)
        self.view.pattern_skip_requested.connect(self.skip_pattern)
        self.view.patterns_requested.connect(self.open_patterns)
        #: Asks the user to confirm a deletion: (title, question) → yes; tests replace it.
        self.confirm: Callable[[str, str], bool] = self._ask
        self.pattern_dialog: RotaPatternDialog | None = None

        self.role_box = QComboBox()
        self.role_box.setObjectName("rotaNewShiftRole")
        self.role_box.addItem(self.tr("Primary"), LineRole.PRIMARY)
        self.role_box.addItem(self.tr("Backup"), LineRole.BACKUP)
        self.exceptional_box = QCheckBox(self.tr("Exceptional duty (outside opening hours)"))
        self.exceptional_box.setObjectName("rotaExceptional")
        drawing = QHBoxLayout()
        self.hint = set_role(
            QLabel(
                self.tr(
                    "Drag across a row to add a shift, drag a shift to move it, right-click a shift or a leave to "
                    "delete it; double-click a name for the weekly routine."
                )
            ),
            "muted",
        )
        self.hint.setWordWrap(True)
        drawing.addWidget(QLabel(self.tr("New shifts:")))
        drawing.addWidget(self.role_box)
        drawing.addWidget(self.exceptional_box)
        drawing.addStretch(1)

        self.message = QLabel()
        self.message.setObjectName("rotaMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.gap_list = QListWidget()
        self.gap_list.setObjectName("rotaGapList")
        gaps_title = set_role(QLabel(self.tr("Gaps of the week")), "section")

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(navigation)
        left.addWidget(self.view)
        left.addWidget(self._legend())
        left.addWidget(self.hint)
        left.addLayout(drawing)
        left.addWidget(self.message)
        left.addSpacing(6)
        left.addWidget(gaps_title)
        left.addWidget(self.gap_list)
        left.addStretch(1)

        body = QHBoxLayout(self)
        body.setContentsMargins(0, 8, 0, 0)
        body.setSpacing(16)
        body.addLayout(left, 1)
        body.addWidget(self._leave_form())
        self._show_title()

    # --- building -------------------------------------------------------------------------------

    def _legend(self) -> QWidget:
        legend = QWidget()
        row = QHBoxLayout(legend)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        for colour, text, border in (
            ("#1f6fb2", self.tr("Primary"), "#1f6fb2"),
            ("#cfe1f3", self.tr("Backup"), "#1f6fb2"),
            ("#fdf0d9", self.tr("Leave"), "#8a5200"),
            ("#7b5cc4", self.tr("On site / remote maintenance"), "#7b5cc4"),
            ("#f4c9c6", self.tr("Gap: fewer on the line than the minimum"), "#d63027"),
            ("#e9ecf1", self.tr("Hotline closed"), "#d9dfe7"),
        ):
            item = QHBoxLayout()
            item.setSpacing(5)
            box = QFrame()
            box.setFixedSize(14, 14)
            box.setStyleSheet(f"background: {colour}; border: 1px solid {border}; border-radius: 3px;")
            item.addWidget(box)
            item.addWidget(QLabel(text))
            row.addLayout(item)
        row.addStretch(1)
        return legend

    def _leave_form(self) -> QWidget:
        box = QGroupBox(self.tr("Record leave"))
        box.setObjectName("rotaLeaveForm")
        form = QFormLayout(box)
        self.leave_technician = QComboBox()
        self.leave_technician.setObjectName("rotaLeaveTechnician")
        self.leave_kind = QComboBox()
        self.leave_kind.setObjectName("rotaLeaveKind")
        for kind, text in (
            (LeaveKind.CONGES, self.tr("Paid leave")),
            (LeaveKind.MALADIE, self.tr("Sick leave")),
            (LeaveKind.FORMATION, self.tr("Training")),
            (LeaveKind.TEMPS_PARTIEL, self.tr("Part-time day")),
            (LeaveKind.RTT, self.tr("RTT")),
            (LeaveKind.AUTRE, self.tr("Other absence")),
        ):
            self.leave_kind.addItem(text, kind)
        self.leave_from = QDateEdit()
        self.leave_from.setObjectName("rotaLeaveFrom")
        self.leave_to = QDateEdit()
        self.leave_to.setObjectName("rotaLeaveTo")
        for edit in (self.leave_from, self.leave_to):
            edit.setCalendarPopup(True)
            edit.setDate(_qdate(self.now().date()))
        self.leave_from.dateChanged.connect(
            lambda value: self.leave_to.setDate(value) if self.leave_to.date() < value else None
        )
        self.leave_afternoon = QCheckBox(self.tr("Afternoon only on the first day"))
        self.leave_afternoon.setObjectName("rotaLeaveAfternoon")
        self.leave_morning = QCheckBox(self.tr("Morning only on the last day"))
        self.leave_morning.setObjectName("rotaLeaveMorning")
        self.leave_button = QPushButton(self.tr("Record leave"))
        self.leave_button.setObjectName("rotaLeaveSave")
        self.leave_button.clicked.connect(self.add_leave)
        form.addRow(self.tr("Technician"), self.leave_technician)
        form.addRow(self.tr("Kind"), self.leave_kind)
        form.addRow(self.tr("From"), self.leave_from)
        form.addRow(self.tr("To"), self.leave_to)
        form.addRow(self.leave_afternoon)
        form.addRow(self.leave_morning)
        form.addRow(self.leave_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(box)
        scroll.setFixedWidth(300)
        return scroll

    def _this_monday(self) -> date:
        today = self.now().date()
        return today - timedelta(days=today.weekday())

    def _show_title(self) -> None:
        iso = self.monday.isocalendar()
        friday = self.monday + timedelta(days=4)
        self.week_title.setText(
            self.tr("Week {week} — {first} to {last}").format(
                week=iso.week, first=f"{self.monday:%d/%m}", last=f"{friday:%d/%m/%Y}"
            )
        )

    # --- state ----------------------------------------------------------------------------------

    def is_idle(self) -> bool:
        """True once a week is on screen and nothing is being read or saved."""
        return self.week is not None and not self._loading and not self._saving

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    def show_week(self, monday: date) -> None:
        """Show the week starting ``monday`` (read in the background)."""
        self.monday = monday
        self._show_title()
        self.reload()

    def reload(self) -> None:
        """Read the shown week again."""
        self._started = True
        self._loading = True
        run_in_background(
            self, load_week(self._context.sessions, self.monday), self._loaded, self._load_failed, key="rota-week"
        )

    def _loaded(self, week: RotaWeek) -> None:
        self._loading = False
        self.week = week
        self.view.set_week(week)
        current = self.leave_technician.currentData()
        self.leave_technician.clear()
        for login, name in week.rota.technicians.items():
            self.leave_technician.addItem(name, login)
        if current is not None and (index := self.leave_technician.findData(current)) >= 0:
            self.leave_technician.setCurrentIndex(index)
        self._show_gaps(week.gaps, week.rota.technicians)
        self.week_shown.emit(week.monday)

    def _show_gaps(self, gaps: tuple[Gap, ...], names: dict[str, str]) -> None:
        self.gap_list.clear()
        total = int(sum(g.hotline_minutes for g in gaps))
        if gaps:
            self.summary.setText(
                self.tr("{count} gap(s), {hours} h {minutes:02d} of opening time under the minimum").format(
                    count=len(gaps), hours=total // 60, minutes=total % 60
                )
            )
            self.summary.setProperty("tone", "danger")
        else:
            self.summary.setText(self.tr("No gap: the minimum is on the line at every opening hour"))
            self.summary.setProperty("tone", "ok")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        if not gaps:
            self.gap_list.addItem(self.tr("No gap this week."))
        for gap in gaps:
            local = gap.start.astimezone(PARIS)
            who = ", ".join(names.get(login, login) for login in gap.on_line) or self.tr("nobody")
            day = self.locale().dayName(local.isoweekday()).capitalize()
            self.gap_list.addItem(
                self.tr("{day} {date} {start}–{end} ({minutes} min): {count} of {minimum} on the line — {who}").format(
                    day=day,
                    date=f"{local:%d/%m}",
                    start=f"{local:%H:%M}",
                    end=f"{gap.end.astimezone(PARIS):%H:%M}",
                    minutes=int(gap.hotline_minutes),
                    count=len(gap.on_line),
                    minimum=gap.minimum,
                    who=who,
                )
            )
        rows = min(self.gap_list.count(), 6)
        self.gap_list.setFixedHeight(
            rows * max(self.gap_list.sizeHintForRow(0), 18) + 2 * self.gap_list.frameWidth() + 6
        )

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        log.error("rota not loaded", exc_info=error)
        self._show_message(self.tr("The rota could not be read: the database did not answer."), "danger")

    # --- edits ----------------------------------------------------------------------------------

    def _editor(self) -> Editor:
        return Editor(self._context.technician_name, self._context.station or "")

    def add_shift(self, login: str, day: date, start: time, end: time) -> None:
        """Record a shift for ``login`` (role and exceptional mark from the controls under the view)."""
        try:
            shift = Shift(login, day, start, end, self.role_box.currentData(), self.exceptional_box.isChecked())
        except RotaError as exc:
            self._refused(exc)
            return
        self._run_edit(save_shift(self._context.sessions, shift, self._editor()), self.tr("Shift added."))

    def move_shift(self, key: str, login: str, day: date, start: time, end: time) -> None:
        """Move a stored shift."""
        self._run_edit(
            move_shift(self._context.sessions, key, login, day, start, end, self._editor()), self.tr("Shift moved.")
        )

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _name(self, login: str) -> str:
        return self.week.rota.name(login) if self.week is not None else login

    def delete_shift(self, key: str, login: str, day: date, start: time, end: time) -> None:
        """Remove a stored shift, once confirmed."""
        question = self.tr("Delete the shift of {name} on {day}, {start}–{end}?").format(
            name=self._name(login), day=f"{day:%d/%m/%Y}", start=f"{start:%H:%M}", end=f"{end:%H:%M}"
        )
        if self.confirm(self.tr("Delete the shift"), question):
            self._run_edit(delete_shift(self._context.sessions, key, self._editor()), self.tr("Shift deleted."))

    def delete_leave(self, leave: Leave) -> None:
        """Remove a recorded absence, once confirmed."""
        question = self.tr("Delete this absence of {name} ({what})?").format(
            name=self._name(leave.technician), what=leave.describe()
        )
        if self.confirm(self.tr("Delete the leave"), question):
            self._run_edit(delete_leave(self._context.sessions, leave.key, self._editor()), self.tr("Leave deleted."))

    def skip_pattern(self, key: str, login: str, day: date) -> None:
        """Suspend a weekly routine on one day (an exception)."""
        self._run_edit(
            skip_pattern(self._context.sessions, key, day, self._editor()),
            self.tr("Weekly routine of {name} skipped on {day}.").format(name=self._name(login), day=f"{day:%d/%m/%Y}"),
        )

    def open_patterns(self, login: str) -> RotaPatternDialog:
        """Open the « Semaine type » of ``login`` (one at a time)."""
        if self.pattern_dialog is not None:
            self.pattern_dialog.close()
            self.pattern_dialog.deleteLater()
        dialog = RotaPatternDialog(self._context, login, self._name(login), self.monday, self)
        dialog.changed.connect(self._routine_changed)
        self.pattern_dialog = dialog
        dialog.open()
        return dialog

    def _routine_changed(self) -> None:
        self.rota_changed.emit()
        self.reload()

    def add_leave(self) -> None:
        """Record the leave described by the form."""
        login = self.leave_technician.currentData()
        try:
            leave = Leave(
                login or "",
                self.leave_kind.currentData(),
                _pydate(self.leave_from.date()),
                _pydate(self.leave_to.date()),
                self.leave_afternoon.isChecked(),
                self.leave_morning.isChecked(),
            )
        except RotaError as exc:
            self._refused(exc)
            return
        self._run_edit(save_leave(self._context.sessions, leave, self._editor()), self.tr("Leave recorded."))

    def _run_edit(self, op: Callable[[], object], done: str) -> None:
        self._saving = True
        run_in_background(self, op, lambda _result: self._saved(done), self._failed)

    def _saved(self, done: str) -> None:
        self._saving = False
        self._show_message(done, "ok")
        self.rota_changed.emit()
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        if isinstance(error, ValueError):
            self._refused(error)
        else:
            log.error("rota edit failed", exc_info=error)
            self._refused(None)

    def _refused(self, error: BaseException | None) -> None:
        if error is None:
            text = self.tr("Not saved: the database did not answer. Try again in a moment.")
        else:
            text = self.tr("Not saved: {reason}").format(reason=str(error))
        self._show_message(text, "danger")
        self.edit_refused.emit(text)
        self.view.update()

    def _show_message(self, text: str, tone: str) -> None:
        self.message.setText(text)
        self.message.setProperty("tone", tone)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()
