"""Calls by weekday × hour (Paris time) with the opening hours outlined over them (R-15): demand the
hotline meets, and demand that arrives while it is closed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ui.dashboard.formats import number
from ui.dashboard.operations import WeekHours
from ui.style import INK, MUTED

LOW = QColor("#EEF2F7")
HIGH = QColor("#1F3A5F")
OPEN_LINE = QColor("#D08C3A")
CLOSED_DOT = QColor("#B23B3B")
# Hours always shown; a call outside them widens the grid to include it.
FIRST_HOUR, LAST_HOUR = 7, 19
LEFT, TOP, BOTTOM, RIGHT = 40, 6, 40, 16


def _mix(share: float) -> QColor:
    return QColor(
        round(LOW.red() + (HIGH.red() - LOW.red()) * share),
        round(LOW.green() + (HIGH.green() - LOW.green()) * share),
        round(LOW.blue() + (HIGH.blue() - LOW.blue()) * share),
    )


class CallHeatMap(QWidget):
    """Seven rows (Monday first), one column per hour; the darker, the more calls; orange frames are
    the opening hours; a red corner marks an hour with calls taken while the hotline was closed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardHeatMap")
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(420, 250))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.calls: tuple[tuple[int, ...], ...] = tuple((0,) * 24 for _ in range(7))
        self.closed: tuple[tuple[int, ...], ...] = self.calls
        self.hours: WeekHours = tuple(() for _ in range(7))
        self.painted = 0

    def set_data(self, calls: Sequence[Sequence[int]], closed: Sequence[Sequence[int]], hours: WeekHours) -> None:
        self.calls = tuple(tuple(row) for row in calls)
        self.closed = tuple(tuple(row) for row in closed)
        self.hours = hours
        self.update()

    def weekdays(self) -> list[str]:
        return [
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        ]

    def hour_range(self) -> tuple[int, int]:
        """First and last+1 hour shown: 7 h–19 h, widened to every hour with a call."""
        used = [h for row in self.calls for h, n in enumerate(row) if n]
        return min([FIRST_HOUR, *used]), max([LAST_HOUR, *(h + 1 for h in used)])

    def _cell(self) -> tuple[float, float, int, int]:
        first, last = self.hour_range()
        width = (self.width() - LEFT - RIGHT) / (last - first)
        height = (self.height() - TOP - BOTTOM) / 7
        return width, height, first, last

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cell_w, cell_h, first, last = self._cell()
        peak = max((n for row in self.calls for n in row), default=0) or 1
        small = QFont(self.font())
        small.setPointSize(8)
        painter.setFont(small)
        metrics = painter.fontMetrics()
        show_counts = cell_w >= metrics.horizontalAdvance("888") + 4 and cell_h >= metrics.height()
        texts: list[tuple[QRectF, str, bool]] = []
        for day in range(7):
            y = TOP + day * cell_h
            painter.setPen(QColor(MUTED))
            painter.drawText(
                QRectF(0, y, LEFT - 6, cell_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.weekdays()[day],
            )
            for hour in range(first, last):
                value = self.calls[day][hour]
                share = value / peak
                rect = QRectF(LEFT + (hour - first) * cell_w, y, cell_w - 1.5, cell_h - 1.5)
                painter.fillRect(rect, _mix(share))
                if self.closed[day][hour]:
                    corner = min(cell_w, cell_h) / 3.5
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(CLOSED_DOT)
                    corner_at = rect.topRight()
                    painter.drawPolygon(
                        QPolygonF([corner_at, corner_at - QPointF(corner, 0), corner_at + QPointF(0, corner)])
                    )
                if value and show_counts:
                    texts.append((rect, number(value), share > 0.55))
            pen = QPen(OPEN_LINE, 2.2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for start, end in self.hours[day]:
                x0 = LEFT + (_hours(start) - first) * cell_w
                x1 = LEFT + (_hours(end) - first) * cell_w
                x0, x1 = max(x0, LEFT), min(x1, LEFT + (last - first) * cell_w)
                if x1 > x0:
                    painter.drawRoundedRect(QRectF(x0, y + 1, x1 - x0 - 1.5, cell_h - 3.5), 2, 2)
        # Counts last, over the frames, so a frame never hides one.
        for rect, text, dark in texts:
            painter.setPen(QColor("#FFFFFF") if dark else QColor(INK))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.setPen(QColor(MUTED))
        label_y = TOP + 7 * cell_h + 2
        for hour in range(first, last + 1):
            x = LEFT + (hour - first) * cell_w
            painter.drawText(QRectF(x - 20, label_y, 40, 14), Qt.AlignmentFlag.AlignCenter, f"{hour}h")
        self._legend(painter, label_y + 18)
        painter.end()
        self.painted += 1

    def _legend(self, painter: QPainter, y: float) -> None:
        metrics = painter.fontMetrics()
        x = float(LEFT)
        painter.setPen(QPen(OPEN_LINE, 2.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(x, y + 2, 18, 10), 2, 2)
        x += 24
        painter.setPen(QColor(MUTED))
        text = self.tr("opening hours")
        painter.drawText(QRectF(x, y, metrics.horizontalAdvance(text) + 4, 14), Qt.AlignmentFlag.AlignVCenter, text)
        x += metrics.horizontalAdvance(text) + 18
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(CLOSED_DOT)
        painter.drawPolygon(QPolygonF([QPointF(x, y + 2), QPointF(x + 10, y + 2), QPointF(x + 10, y + 12)]))
        x += 16
        painter.setPen(QColor(MUTED))
        text = self.tr("calls while the hotline was closed")
        painter.drawText(QRectF(x, y, metrics.horizontalAdvance(text) + 4, 14), Qt.AlignmentFlag.AlignVCenter, text)

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        cell_w, cell_h, first, last = self._cell()
        column = int((point.x() - LEFT) // cell_w)
        row = int((point.y() - TOP) // cell_h)
        if point.x() < LEFT or not (0 <= row < 7) or not (0 <= column < last - first):
            return None
        return row, first + column

    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        if isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
            else:
                day, hour = cell
                QToolTip.showText(
                    event.globalPos(),
                    self.tr("{day} {hour}h–{next}h: {calls} calls, {closed} while closed").format(
                        day=self.weekdays()[day],
                        hour=hour,
                        next=hour + 1,
                        calls=number(self.calls[day][hour]),
                        closed=number(self.closed[day][hour]),
                    ),
                    self,
                )
            return True
        return super().event(event)


def _hours(moment: time) -> float:
    return moment.hour + moment.minute / 60
