"""The month grid of the Planning screen: seven columns, Monday first, one painted cell per day.

Painted rather than built from a QCalendarWidget: a cell must hold the opening ranges and several notes
(holiday name, closure reason, interruptions), which a calendar widget's one-number cells cannot show.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ui.planning.month_days import DayCell, DayKind
from ui.style import ACCENT, BORDER, DAY_COLOURS, INK, MUTED, SURFACE

_HEADER_PX = 28
_PAD = 6
_WARNING_MARK = "⚠"


class MonthGrid(QWidget):
    """Paints a month of :class:`DayCell` values; a click on a day emits :attr:`day_clicked`."""

    #: The user clicked a day (a ``datetime.date``).
    day_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planningMonthGrid")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.weeks: list[list[DayCell]] = []
        self.today: date | None = None
        self.selected: date | None = None

    # --- content --------------------------------------------------------------------------------

    def set_month(self, weeks: list[list[DayCell]], today: date | None) -> None:
        """Show ``weeks`` (from :func:`ui.planning.month_days.build_month`), ``today`` outlined."""
        self.weeks = weeks
        self.today = today
        self.update()

    def cell(self, day: date) -> DayCell | None:
        """The cell shown for ``day``, or None when that day is not on the grid."""
        for week in self.weeks:
            for cell in week:
                if cell.day == day:
                    return cell
        return None

    def cell_lines(self, day: date) -> list[str]:
        """The lines painted in the cell of ``day`` (what a user reads there)."""
        cell = self.cell(day)
        if cell is None:
            return []
        lines = [str(day.day)]
        if cell.ranges:
            lines.append(cell.hours_text())
        lines.extend((_WARNING_MARK + " " if note.warning else "") + note.text for note in cell.notes)
        return lines

    # --- geometry -------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(7 * 130, _HEADER_PX + 6 * 96)

    def minimumSizeHint(self) -> QSize:
        return QSize(7 * 92, _HEADER_PX + 5 * 72)

    def _cell_rect(self, row: int, column: int) -> QRectF:
        rows = max(len(self.weeks), 1)
        width = (self.width() - 1) / 7
        height = (self.height() - _HEADER_PX - 1) / rows
        return QRectF(column * width, _HEADER_PX + row * height, width, height)

    def _cell_at(self, x: float, y: float) -> DayCell | None:
        for row, week in enumerate(self.weeks):
            for column, cell in enumerate(week):
                if self._cell_rect(row, column).contains(x, y):
                    return cell
        return None

    # --- events ---------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self._cell_at(event.position().x(), event.position().y())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.selected = cell.day
            self.update()
            self.day_clicked.emit(cell.day)
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        # The cell may be too small for a long closure reason: the tooltip always has all of it.
        if event.type() == QEvent.Type.ToolTip:
            help_event = QHelpEvent(event)  # type: ignore[call-overload]
            cell = self._cell_at(help_event.pos().x(), help_event.pos().y())
            if cell is None:
                QToolTip.hideText()
            else:
                day = cell.day
                title = QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
                QToolTip.showText(help_event.globalPos(), "\n".join([title, *self.cell_lines(cell.day)[1:]]), self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), QColor(SURFACE))
        self._paint_header(painter)
        for row, week in enumerate(self.weeks):
            for column, cell in enumerate(week):
                self._paint_cell(painter, self._cell_rect(row, column), cell)
        painter.setPen(QPen(QColor(BORDER)))
        painter.drawRect(QRectF(0, 0, self.width() - 1, self.height() - 1))
        painter.end()

    def _paint_header(self, painter: QPainter) -> None:
        locale = QLocale()
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.fillRect(QRectF(0, 0, self.width(), _HEADER_PX), QColor("#eef1f5"))
        width = (self.width() - 1) / 7
        for column in range(7):
            rect = QRectF(column * width, 0, width, _HEADER_PX)
            painter.setPen(QColor(MUTED))
            name = locale.standaloneDayName(column + 1, QLocale.FormatType.LongFormat)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name[:1].upper() + name[1:])
        painter.setPen(QPen(QColor(BORDER)))
        painter.drawLine(0, _HEADER_PX, self.width(), _HEADER_PX)

    def _paint_cell(self, painter: QPainter, rect: QRectF, cell: DayCell) -> None:
        background, ink = DAY_COLOURS[cell.kind.value]
        painter.fillRect(rect, QColor(background))
        painter.setPen(QPen(QColor(BORDER)))
        painter.drawRect(rect)
        faded = not cell.in_month
        inner = rect.adjusted(_PAD, _PAD - 2, -_PAD, -_PAD).toRect()

        number_font = QFont(self.font())
        number_font.setBold(True)
        number_font.setPointSizeF(number_font.pointSizeF() * 1.1)
        painter.setFont(number_font)
        number_rect = QRect(inner.left(), inner.top(), inner.width(), QFontMetrics(number_font).height())
        is_today = cell.day == self.today
        if is_today:
            # A filled disc behind the number, as calendars usually mark today.
            side = number_rect.height() + 2
            disc = QRectF(number_rect.left() - 3, number_rect.top() - 1, side + 6, side)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setBrush(QColor(ACCENT))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(disc, side / 2, side / 2)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, str(cell.day.day))
        else:
            painter.setPen(QColor(MUTED if faded else (ink if cell.kind is not DayKind.OPEN else INK)))
            painter.drawText(number_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(cell.day.day))
        if cell.has_warning:
            painter.setPen(QColor(DAY_COLOURS["warning"][1]))
            painter.drawText(number_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _WARNING_MARK)

        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.88))
        metrics = QFontMetrics(small)
        painter.setFont(small)
        y = number_rect.bottom() + 4
        line_height = metrics.height()
        lines: list[tuple[str, str, bool]] = []
        if cell.ranges:
            hours = cell.hours_text(" · ")
            if metrics.horizontalAdvance(hours) <= inner.width():
                lines.append((hours, INK, False))
            else:  # a narrow window: one range a line rather than an elided one
                lines.extend((text, INK, False) for text in cell.hours_text("\n").split("\n"))
        for note in cell.notes:
            colour = DAY_COLOURS.get(note.kind, DAY_COLOURS["closure"])[1]
            if note.kind == "partial_closure":
                colour = DAY_COLOURS["closure"][1]
            if note.warning:
                colour = DAY_COLOURS["warning"][1]
            lines.append(((_WARNING_MARK + " " if note.warning else "") + note.text, colour, note.kind == "holiday"))
        wrap = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        for text, colour, bold in lines:
            if y + line_height > inner.bottom() + 2:
                break
            font = QFont(small)
            font.setBold(bold)
            painter.setFont(font)
            color = QColor(colour)
            if faded:
                color.setAlpha(120)
            painter.setPen(color)
            # Holiday names and reasons wrap rather than being cut; only the last line that fits is elided.
            needed = QFontMetrics(font).boundingRect(QRect(inner.left(), y, inner.width(), 10_000), wrap, text)
            if y + needed.height() <= inner.bottom() + 2:
                painter.drawText(QRect(inner.left(), y, inner.width(), needed.height()), wrap, text)
                y += needed.height() + 1
            else:
                elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
                painter.drawText(QRect(inner.left(), y, inner.width(), line_height), Qt.AlignmentFlag.AlignLeft, elided)
                y += line_height + 1
        if self.selected == cell.day:
            painter.setPen(QPen(QColor(ACCENT), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
