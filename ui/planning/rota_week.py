"""The rota's week view: one row per technician, Monday to Friday from 08:00 to 18:00.

Shifts are blue bars (solid: primary on the line, pale: backup), leave is shaded amber with its kind,
on-site visits and télémaintenance slots are violet, closed days are grey with their reason, and every
coverage gap is a red band across the rows with its count in the « Manques » line. Dragging on an empty
stretch of a row asks for a new shift; dragging a shift (not a weekly routine's) asks to move it. A right
click offers to delete a shift or a leave, or to skip one day of a weekly routine; the technician's name
(double click or right click) opens their « Semaine type ». The widget only draws and asks, through
signals; the Planning screen confirms, saves and reloads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QContextMenuEvent, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolTip, QWidget

from app.domain.hotline_calendar import PARIS
from app.domain.rota import Leave, LineRole
from ui.planning.rota_operations import RotaWeek

FIRST_HOUR, LAST_HOUR = 8, 18
SNAP_MINUTES = 15
NAME_WIDTH = 170
HEADER_HEIGHT = 44
ROW_HEIGHT = 40
GAP_ROW_HEIGHT = 28

INK = QColor("#1d2733")
MUTED = QColor("#5b6777")
GRID = QColor("#d9dfe7")
HOUR_LINE = QColor("#eef1f5")
CLOSED = QColor("#e9ecf1")
OUTSIDE_HOURS = QColor("#f6f7f9")
PRIMARY = QColor("#1f6fb2")
BACKUP = QColor("#cfe1f3")
LEAVE = QColor("#fdf0d9")
LEAVE_INK = QColor("#8a5200")
JOB = QColor("#7b5cc4")
GAP = QColor(214, 48, 39, 46)
GAP_SOLID = QColor("#d63027")
EXCEPTIONAL = QColor("#c26a00")


@dataclass(frozen=True)
class _Hit:
    key: str
    technician: str
    day: date
    start: time
    end: time
    rect: QRectF
    from_pattern: bool = False


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def _short(value: datetime) -> str:
    """« 8:30 », « 17 »: the compact wall-clock time a narrow bar has room for."""
    local = value.astimezone(PARIS)
    return f"{local.hour}:{local.minute:02d}" if local.minute else f"{local.hour}"


def _clock(minutes: int) -> time:
    minutes = max(FIRST_HOUR * 60, min(LAST_HOUR * 60, minutes))
    return time(minutes // 60, minutes % 60)


class RotaWeekView(QWidget):
    """Draws a :class:`RotaWeek`; asks for new and moved shifts through signals."""

    #: A new shift is asked for: (login, day, start, end).
    shift_drawn = Signal(str, object, object, object)
    #: A stored shift is dragged elsewhere: (shift key, login, day, start, end).
    shift_dragged = Signal(str, str, object, object, object)
    #: Deleting a stored shift is asked for: (shift key, login, day, start, end).
    shift_delete_requested = Signal(str, str, object, object, object)
    #: Deleting a leave is asked for: the :class:`Leave` (its key is the stored id).
    leave_delete_requested = Signal(object)
    #: Skipping a weekly routine on one day is asked for: (pattern key, login, day).
    pattern_skip_requested = Signal(str, str, object)
    #: A technician's weekly routines are asked for: (login).
    patterns_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rotaWeekView")
        self.setAccessibleName(self.tr("Rota of the week"))
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.week: RotaWeek | None = None
        self.logins: list[str] = []
        self._press: tuple[str, date, int] | None = None  # (login, day, minute) where a drag began
        self._moving: _Hit | None = None
        self._preview: tuple[str, date, int, int] | None = None
        self.gap_label = self.tr("Gaps")

    # --- data -------------------------------------------------------------------------------------

    def set_week(self, week: RotaWeek) -> None:
        """Show ``week`` (technicians in the order of the rota: by name)."""
        self.week = week
        self.logins = list(week.rota.technicians)
        self._preview = None
        self.setFixedHeight(HEADER_HEIGHT + ROW_HEIGHT * max(len(self.logins), 1) + GAP_ROW_HEIGHT + 1)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(NAME_WIDTH + 5 * 180, self.height() or 320)

    # --- geometry ---------------------------------------------------------------------------------

    def _day_width(self) -> float:
        return (self.width() - NAME_WIDTH - 1) / 5

    def _x(self, index: int, minutes: float) -> float:
        span = (LAST_HOUR - FIRST_HOUR) * 60
        return NAME_WIDTH + index * self._day_width() + (minutes - FIRST_HOUR * 60) / span * self._day_width()

    def _row_top(self, row: int) -> float:
        return HEADER_HEIGHT + row * ROW_HEIGHT

    def _gap_row_top(self) -> float:
        return HEADER_HEIGHT + ROW_HEIGHT * len(self.logins)

    def cell_at(self, point: QPointF) -> tuple[str, date, int] | None:
        """(login, day, minute snapped to 15) under ``point``, or None outside the technicians' rows."""
        if self.week is None or point.x() < NAME_WIDTH:
            return None
        row = int((point.y() - HEADER_HEIGHT) // ROW_HEIGHT)
        if point.y() < HEADER_HEIGHT or not 0 <= row < len(self.logins):
            return None
        index = int((point.x() - NAME_WIDTH) // self._day_width())
        if not 0 <= index < 5:
            return None
        offset = (point.x() - NAME_WIDTH - index * self._day_width()) / self._day_width()
        minute = FIRST_HOUR * 60 + offset * (LAST_HOUR - FIRST_HOUR) * 60
        snapped = int(round(minute / SNAP_MINUTES) * SNAP_MINUTES)
        return self.logins[row], self.week.days[index], snapped

    def point_for(self, login: str, day: date, clock: time) -> QPointF:
        """Where ``clock`` of ``day`` lies on ``login``'s row (tests drag between such points)."""
        assert self.week is not None
        index = self.week.days.index(day)
        row = self.logins.index(login)
        return QPointF(self._x(index, _minutes(clock)), self._row_top(row) + ROW_HEIGHT / 2)

    def _span(self, index: int, start: datetime, end: datetime, day: date) -> tuple[float, float] | None:
        lo = max(start.astimezone(PARIS), datetime.combine(day, time(FIRST_HOUR), PARIS))
        hi = min(end.astimezone(PARIS), datetime.combine(day, time(LAST_HOUR), PARIS))
        if hi <= lo:
            return None
        return self._x(index, _minutes(lo.time())), self._x(index, _minutes(hi.time()) or 24 * 60)

    # --- painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self.week is None:
            painter.end()
            return
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 1.5, 7))
        bold = QFont(base)
        bold.setBold(True)
        week = self.week
        width = self._day_width()
        bottom = self._gap_row_top() + GAP_ROW_HEIGHT

        for index, day in enumerate(week.days):
            x0 = NAME_WIDTH + index * width
            ranges = week.calendar.opening_ranges(day)
            if not ranges:
                painter.fillRect(QRectF(x0, HEADER_HEIGHT, width, bottom - HEADER_HEIGHT), CLOSED)
            else:
                painter.fillRect(QRectF(x0, HEADER_HEIGHT, width, bottom - HEADER_HEIGHT), OUTSIDE_HOURS)
                for start, end in ranges:
                    span = self._span(index, start, end, day)
                    if span:
                        painter.fillRect(
                            QRectF(span[0], HEADER_HEIGHT, span[1] - span[0], bottom - HEADER_HEIGHT), QColor("#ffffff")
                        )
            painter.setPen(QPen(HOUR_LINE, 1))
            for hour in range(FIRST_HOUR + 1, LAST_HOUR):
                x = self._x(index, hour * 60)
                painter.drawLine(QPointF(x, HEADER_HEIGHT), QPointF(x, bottom))
            # Header: day and date, and why the hotline is closed that day.
            painter.setPen(INK)
            painter.setFont(bold)
            name = self.locale().dayName(day.isoweekday()).capitalize()
            painter.drawText(QRectF(x0 + 6, 4, width - 12, 18), Qt.AlignmentFlag.AlignLeft, f"{name} {day:%d/%m}")
            painter.setFont(small)
            painter.setPen(MUTED)
            if not ranges:
                reason = week.calendar.reason_closed(datetime.combine(day, time(10), PARIS)) or ""
                painter.drawText(QRectF(x0 + 6, 22, width - 12, 18), Qt.AlignmentFlag.AlignLeft, reason)
            else:
                for hour in (9, 12, 14, 16):
                    x = self._x(index, hour * 60)
                    painter.drawText(QRectF(x - 20, 24, 40, 16), Qt.AlignmentFlag.AlignCenter, f"{hour}h")

        # Rows: names, leave, shifts, jobs.
        for row, login in enumerate(self.logins):
            top = self._row_top(row)
            painter.setPen(INK)
            painter.setFont(base)
            painter.drawText(
                QRectF(10, top, NAME_WIDTH - 14, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                week.rota.name(login),
            )
            for index, day in enumerate(week.days):
                for leave in week.rota.leaves:
                    if leave.technician != login:
                        continue
                    start, end = leave.bounds()
                    span = self._span(index, start, end, day)
                    if span:
                        rect = QRectF(span[0], top + 4, span[1] - span[0], ROW_HEIGHT - 8)
                        painter.fillRect(rect, LEAVE)
                        painter.setBrush(Qt.BrushStyle.NoBrush)
                        painter.setPen(QPen(LEAVE_INK, 1, Qt.PenStyle.DotLine))
                        painter.drawRect(rect)
                        painter.setPen(LEAVE_INK)
                        painter.setFont(small)
                        painter.drawText(rect.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignCenter, leave.kind.label)
            for duty in week.duties:
                if duty.technician != login:
                    continue
                day = duty.start.astimezone(PARIS).date()
                if day not in week.days:
                    continue
                index = week.days.index(day)
                span = self._span(index, duty.start, duty.end, day)
                if not span:
                    continue
                rect = QRectF(span[0] + 1, top + 7, span[1] - span[0] - 2, ROW_HEIGHT - 14)
                primary = duty.role is LineRole.PRIMARY
                painter.setBrush(QBrush(PRIMARY if primary else BACKUP))
                pen = QPen(EXCEPTIONAL if duty.exceptional else PRIMARY, 2 if duty.exceptional else 1)
                if duty.exceptional:
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawRoundedRect(rect, 4, 4)
                painter.setPen(QColor("#ffffff") if primary else PRIMARY)
                painter.setFont(small)
                label = f"{_short(duty.start)}–{_short(duty.end)}"
                if not primary:
                    label = self.tr("backup") + " " + label
                if painter.fontMetrics().horizontalAdvance(label) > rect.width() - 6:
                    label = self.tr("backup") if not primary else _short(duty.start)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            for block in week.rota.blocks:
                if block.technician != login:
                    continue
                for index, day in enumerate(week.days):
                    span = self._span(index, block.start, block.end, day)
                    if span:
                        rect = QRectF(span[0], top + 2, span[1] - span[0], 8)
                        painter.fillRect(rect, JOB)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(0, top + ROW_HEIGHT), QPointF(self.width(), top + ROW_HEIGHT))

        # Gaps: a red band across the rows and a solid mark with the count in the last line.
        gap_top = self._gap_row_top()
        painter.setPen(QColor("#a3261d"))
        painter.setFont(bold)
        painter.drawText(
            QRectF(10, gap_top, NAME_WIDTH - 14, GAP_ROW_HEIGHT),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            self.gap_label.format(minimum=week.rota.minimum),
        )
        for gap in week.gaps:
            day = gap.start.astimezone(PARIS).date()
            if day not in week.days:
                continue
            index = week.days.index(day)
            span = self._span(index, gap.start, gap.end, day)
            if not span:
                continue
            painter.fillRect(QRectF(span[0], HEADER_HEIGHT, span[1] - span[0], gap_top - HEADER_HEIGHT), GAP)
            mark = QRectF(span[0] + 1, gap_top + 4, span[1] - span[0] - 2, GAP_ROW_HEIGHT - 8)
            painter.setBrush(QBrush(GAP_SOLID))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(mark, 3, 3)
            painter.setPen(QColor("#ffffff"))
            painter.setFont(small)
            painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, f"{len(gap.on_line)}/{gap.minimum}")

        # Frame: the name column and the day separators.
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(QPointF(0, HEADER_HEIGHT), QPointF(self.width(), HEADER_HEIGHT))
        painter.drawLine(QPointF(0, gap_top), QPointF(self.width(), gap_top))
        for index in range(6):
            x = NAME_WIDTH + index * width
            painter.setPen(QPen(QColor("#b8c2cf") if index else GRID, 1))
            painter.drawLine(QPointF(x, 0), QPointF(x, bottom))
        painter.setPen(QPen(GRID, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0, 0, self.width() - 1, bottom))

        if self._preview is not None:
            login, day, lo, hi = self._preview
            if login in self.logins and day in week.days:
                index, row = week.days.index(day), self.logins.index(login)
                rect = QRectF(
                    self._x(index, lo), self._row_top(row) + 5, self._x(index, hi) - self._x(index, lo), ROW_HEIGHT - 10
                )
                painter.setPen(QPen(PRIMARY, 1.5, Qt.PenStyle.DashLine))
                painter.setBrush(QBrush(QColor(31, 111, 178, 40)))
                painter.drawRoundedRect(rect, 4, 4)
                painter.setPen(INK)
                painter.setFont(small)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{_clock(lo):%H:%M}–{_clock(hi):%H:%M}")
        painter.end()

    # --- dragging ---------------------------------------------------------------------------------

    def _hit_at(self, point: QPointF, *, routines: bool = False) -> _Hit | None:
        """The stored shift under ``point`` (with ``routines``, a weekly routine's occurrence too), from the
        current geometry."""
        week = self.week
        if week is None:
            return None
        for duty in week.duties:
            if (duty.from_pattern and not routines) or duty.technician not in self.logins:
                continue
            start, end = duty.start.astimezone(PARIS), duty.end.astimezone(PARIS)
            if start.date() not in week.days:
                continue
            index = week.days.index(start.date())
            span = self._span(index, start, end, start.date())
            if not span:
                continue
            top = self._row_top(self.logins.index(duty.technician))
            rect = QRectF(span[0] + 1, top + 7, span[1] - span[0] - 2, ROW_HEIGHT - 14)
            if rect.contains(point):
                return _Hit(duty.key, duty.technician, start.date(), start.time(), end.time(), rect, duty.from_pattern)
        return None

    def leave_at(self, point: QPointF) -> Leave | None:
        """The stored leave drawn under ``point``."""
        cell = self.cell_at(point)
        if cell is None or self.week is None:
            return None
        login, day, _minute = cell
        top = self._row_top(self.logins.index(login))
        if not top + 4 <= point.y() <= top + ROW_HEIGHT - 4:
            return None
        index = self.week.days.index(day)
        for leave in self.week.rota.leaves:
            if leave.technician == login and leave.key:
                span = self._span(index, *leave.bounds(), day)
                if span and span[0] <= point.x() <= span[1]:
                    return leave
        return None

    def login_at(self, point: QPointF) -> str | None:
        """The technician whose name is under ``point`` (the row header), if any."""
        row = int((point.y() - HEADER_HEIGHT) // ROW_HEIGHT)
        if self.week is None or point.x() >= NAME_WIDTH or point.y() < HEADER_HEIGHT or not 0 <= row < len(self.logins):
            return None
        return self.logins[row]

    def name_point(self, login: str) -> QPointF:
        """The middle of ``login``'s row header (tests click there)."""
        return QPointF(NAME_WIDTH / 2, self._row_top(self.logins.index(login)) + ROW_HEIGHT / 2)

    # --- context menu -----------------------------------------------------------------------------

    def context_menu_at(self, point: QPointF) -> QMenu | None:
        """The menu a right click at ``point`` opens (None where there is nothing to offer)."""
        menu = QMenu(self)
        menu.setObjectName("rotaContextMenu")
        login = self.login_at(point)
        hit = self._hit_at(point, routines=True) if login is None else None
        leave = self.leave_at(point) if login is None and hit is None else None
        if login is not None:
            action = menu.addAction(self.tr("Weekly routine…"))
            action.triggered.connect(lambda: self.patterns_requested.emit(login))
        elif hit is not None and not hit.from_pattern:
            action = menu.addAction(self.tr("Delete the shift"))
            action.triggered.connect(
                lambda: self.shift_delete_requested.emit(hit.key, hit.technician, hit.day, hit.start, hit.end)
            )
        elif hit is not None:
            action = menu.addAction(self.tr("Skip the weekly routine on this day"))
            action.triggered.connect(lambda: self.pattern_skip_requested.emit(hit.key, hit.technician, hit.day))
            routine = menu.addAction(self.tr("Weekly routine…"))
            routine.triggered.connect(lambda: self.patterns_requested.emit(hit.technician))
        elif leave is not None:
            action = menu.addAction(self.tr("Delete the leave"))
            action.triggered.connect(lambda: self.leave_delete_requested.emit(leave))
        else:
            menu.deleteLater()
            return None
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu_at(QPointF(event.pos()))
        if menu is None:
            return
        menu.exec(event.globalPos())
        menu.deleteLater()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        login = self.login_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and login is not None:
            self.patterns_requested.emit(login)
            return
        super().mouseDoubleClickEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        cell = self.cell_at(event.position())
        if cell is None:
            return None
        self._moving = self._hit_at(event.position())
        self._press = cell
        self._update_preview(cell)
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position())
        if self._press is None:
            hit = self._hit_at(event.position())
            self.setCursor(Qt.CursorShape.OpenHandCursor if hit else Qt.CursorShape.CrossCursor)
            return
        if cell is not None:
            self._update_preview(cell)

    def _update_preview(self, cell: tuple[str, date, int]) -> None:
        assert self._press is not None
        login, day, minute = cell
        if self._moving is not None:
            length = _minutes(self._moving.end) - _minutes(self._moving.start)
            start = _minutes(self._moving.start) + minute - self._press[2]
            start = max(FIRST_HOUR * 60, min(LAST_HOUR * 60 - length, start))
            self._preview = (login, day, start, start + length)
        else:
            first = self._press[2]
            self._preview = (self._press[0], self._press[1], min(first, minute), max(first, minute))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return super().mouseReleaseEvent(event)
        cell = self.cell_at(event.position())
        if cell is not None:
            self._update_preview(cell)
        preview, moving = self._preview, self._moving
        self._press, self._moving, self._preview = None, None, None
        self.update()
        if preview is None:
            return None
        login, day, lo, hi = preview
        if moving is not None:
            if (login, day, _clock(lo)) != (moving.technician, moving.day, moving.start):
                self.shift_dragged.emit(moving.key, login, day, _clock(lo), _clock(hi))
        elif hi - lo >= SNAP_MINUTES:
            self.shift_drawn.emit(login, day, _clock(lo), _clock(hi))
        return None

    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        if event.type() == event.Type.ToolTip and self.week is not None:
            self._tooltip(event)
            return True
        return super().event(event)

    def _tooltip(self, event) -> None:  # type: ignore[no-untyped-def]
        point = QPointF(event.pos())
        cell = self.cell_at(point)
        week = self.week
        if week is not None and self.login_at(point) is not None:
            QToolTip.showText(event.globalPos(), self.tr("Double-click: weekly routine"), self)
            return
        if cell is None or week is None:
            QToolTip.hideText()
            return
        login, day, minute = cell
        at = datetime.combine(day, _clock(minute), PARIS)
        lines = [f"{week.rota.name(login)} — {day:%d/%m} {_clock(minute):%H:%M}"]
        leave = week.rota.leave_at(login, at, at + timedelta(minutes=1))
        if leave is not None:
            lines.append(leave.describe())
        lines += [b.label for b in week.rota.blocks if b.technician == login and b.start <= at < b.end]
        lines += [
            (self.tr("Weekly routine") if d.from_pattern else self.tr("Shift"))
            + f" {d.start.astimezone(PARIS):%H:%M}–{d.end.astimezone(PARIS):%H:%M}"
            for d in week.duties
            if d.technician == login and d.start <= at < d.end
        ]
        QToolTip.showText(event.globalPos(), "\n".join(lines), self)
