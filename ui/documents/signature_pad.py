"""The signature pad: a box the signer writes in with a mouse, a pen (pressure-sensitive) or a finger.

The box has the proportions of the printed one (8 cm × 3 cm), whatever the widget's size; strokes are
kept in millimetres of that box (``ui.documents.ink``) and exported as a PNG at print resolution, cropped
to the ink with a margin. A dot or a short scratch is not a signature: ``is_empty`` stays true until
enough ink has been laid down.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QEventPoint,
    QImage,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPointingDevice,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from ui.documents.ink import BOX_HEIGHT_MM, BOX_WIDTH_MM, Stroke, ink_bounds, ink_length, paint_strokes

PARIS = ZoneInfo("Europe/Paris")
# Less ink than this (a dot, a tick) does not count as a signature.
MIN_INK_MM = 6.0
EXPORT_DPI = 300
EXPORT_MARGIN_MM = 1.5
_MM_PER_INCH = 25.4
_PAPER = QColor("#ffffff")
_GUIDE = QColor("#b8c2cf")
_HINT = QColor("#8a95a3")
_FRAME = QColor("#c5ced9")


class SignaturePad(QWidget):
    """Captures a handwritten signature.

    ``signature_changed`` is emitted whenever ink is added or cleared; ``signed_at`` is the moment the
    last stroke ended (Europe/Paris), None while empty.
    """

    signature_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        size_policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        size_policy.setHeightForWidth(True)
        self.setSizePolicy(size_policy)
        self.setMinimumSize(320, 120)
        self.strokes: list[Stroke] = []
        self._current: Stroke | None = None
        # Which kind of device draws the current stroke: a mouse event Qt synthesises from a pen or a
        # finger must not start a second stroke beside it.
        self._source: QInputDevice.DeviceType | None = None
        self._touch_id: int | None = None
        self.signed_at: datetime | None = None
        self._enabled_ink = True

        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setObjectName("signatureClear")
        self.clear_button.setCursor(Qt.CursorShape.ArrowCursor)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.clear_button.setToolTip(self.tr("Erase the signature and start again"))
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setEnabled(False)
        self._placeholder = self.tr("Sign here")
        self.setAccessibleName(self.tr("Signature pad"))

    # --- size -----------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(480, 180)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * BOX_HEIGHT_MM / BOX_WIDTH_MM)

    def box_rect(self) -> QRectF:
        """The widget area that stands for the 8 × 3 cm box: the largest rectangle of those proportions,
        centred across and at the top (a layout may give the widget more height than it asks for)."""
        w, h = float(self.width()), float(self.height())
        scale = min(w / BOX_WIDTH_MM, h / BOX_HEIGHT_MM)
        bw, bh = BOX_WIDTH_MM * scale, BOX_HEIGHT_MM * scale
        return QRectF((w - bw) / 2, 0.0, bw, bh)

    def _scale(self) -> float:
        return self.box_rect().width() / BOX_WIDTH_MM

    def to_mm(self, position: QPointF) -> tuple[float, float]:
        """A widget position in millimetres of the box (clamped to the box)."""
        box = self.box_rect()
        scale = self._scale()
        x = (position.x() - box.left()) / scale
        y = (position.y() - box.top()) / scale
        return min(max(x, 0.0), BOX_WIDTH_MM), min(max(y, 0.0), BOX_HEIGHT_MM)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Layouts of dialogs honour height-for-width only loosely: ask for the height that lets the box
        # use the full width (it depends on the width alone, so this settles at once).
        wanted = max(120, self.heightForWidth(self.width()))
        if self.minimumHeight() != wanted:
            self.setMinimumHeight(wanted)
        hint = self.clear_button.sizeHint()
        box = self.box_rect()
        self.clear_button.setGeometry(
            round(box.right()) - hint.width() - 6, round(box.top()) + 6, hint.width(), hint.height()
        )

    # --- state ----------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        """True until the ink laid down amounts to a signature (a dot or a tick does not)."""
        return ink_length(self.strokes) < MIN_INK_MM

    def clear(self) -> None:
        """Erase everything; the pad is empty again."""
        self.strokes = []
        self._current = None
        self._source = None
        self._touch_id = None
        self.signed_at = None
        self.clear_button.setEnabled(False)
        self.update()
        self.signature_changed.emit()

    def set_placeholder(self, text: str) -> None:
        """The hint shown in the empty box (« Signez ici », or why it stays empty)."""
        self._placeholder = text
        self.update()

    def set_ink_enabled(self, enabled: bool) -> None:
        """Accept strokes or not (a signature left for later): a disabled pad shows its hint greyed."""
        self._enabled_ink = enabled
        self.setCursor(Qt.CursorShape.CrossCursor if enabled else Qt.CursorShape.ForbiddenCursor)
        self.clear_button.setVisible(enabled)
        self.update()

    # --- capture --------------------------------------------------------------------------------

    def _begin(self, position: QPointF, pressure: float | None, source: QInputDevice.DeviceType) -> None:
        if not self._enabled_ink:
            return
        self._current = Stroke()
        self._source = source
        self.strokes.append(self._current)
        self._current.add(*self.to_mm(position), pressure)
        self.update()

    def _extend(self, position: QPointF, pressure: float | None) -> None:
        if self._current is not None and self._current.add(*self.to_mm(position), pressure):
            self.update()

    def _end(self, position: QPointF | None = None, pressure: float | None = None) -> None:
        if self._current is None:
            return
        if position is not None:
            self._current.add(*self.to_mm(position), pressure)
        self._current = None
        self._source = None
        self._touch_id = None
        self.signed_at = datetime.now(PARIS).replace(microsecond=0)
        self.clear_button.setEnabled(True)
        self.update()
        self.signature_changed.emit()

    def _mouse_is_synthesised(self, event: QMouseEvent) -> bool:
        device = event.pointingDevice()
        kind = device.type() if device is not None else QInputDevice.DeviceType.Mouse
        return kind in (QInputDevice.DeviceType.TouchScreen, QInputDevice.DeviceType.Stylus) or (
            self._source is not None and self._source != QInputDevice.DeviceType.Mouse
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._mouse_is_synthesised(event):
            event.ignore()
            return
        self._begin(event.position(), None, QInputDevice.DeviceType.Mouse)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._source == QInputDevice.DeviceType.Mouse and event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position(), None)
            event.accept()
        else:
            event.ignore()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._source == QInputDevice.DeviceType.Mouse and event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position(), None)
            event.accept()
        else:
            event.ignore()

    def tabletEvent(self, event: QTabletEvent) -> None:
        device = event.pointingDevice()
        has_pressure = device is None or bool(device.capabilities() & QInputDevice.Capability.Pressure)
        pressure = event.pressure() if has_pressure else None
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            if device is not None and device.pointerType() == QPointingDevice.PointerType.Eraser:
                event.accept()  # the pen's eraser end: not ink
                return
            self._begin(event.position(), pressure, QInputDevice.DeviceType.Stylus)
        elif kind == QEvent.Type.TabletMove and self._source == QInputDevice.DeviceType.Stylus:
            self._extend(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease and self._source == QInputDevice.DeviceType.Stylus:
            self._end()
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            assert isinstance(event, QTouchEvent)
            self._touch(event)
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        device = event.pointingDevice()
        has_pressure = device is not None and bool(device.capabilities() & QInputDevice.Capability.Pressure)
        kind = event.type()
        if kind == QEvent.Type.TouchCancel:
            self._end()
            event.accept()
            return
        for point in event.points():
            pressure = point.pressure() if has_pressure else None
            if self._touch_id is None and kind == QEvent.Type.TouchBegin and self._source is None:
                # One finger writes; a second one (a palm, a thumb) is ignored.
                self._touch_id = point.id()
                self._begin(point.position(), pressure, QInputDevice.DeviceType.TouchScreen)
            elif point.id() == self._touch_id:
                if kind == QEvent.Type.TouchEnd or point.state() == QEventPoint.State.Released:
                    self._end(point.position(), pressure)
                else:
                    self._extend(point.position(), pressure)
        event.accept()

    # --- painting and export --------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), self.palette().window())
        box = self.box_rect()
        painter.fillRect(box, _PAPER if self._enabled_ink else QColor("#f4f6f9"))
        painter.setPen(QPen(_FRAME, 1))
        painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
        # A baseline to write on, with the cross of paper forms, and the hint while nothing is written.
        scale = self._scale()
        base_y = box.top() + box.height() * 0.74
        painter.setPen(QPen(_GUIDE, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(box.left() + 10 * scale, base_y), QPointF(box.right() - 6 * scale, base_y))
        painter.setPen(QPen(_GUIDE, 1.4))
        cross = 1.6 * scale
        cx, cy = box.left() + 6 * scale, base_y - cross - 2
        painter.drawLine(QPointF(cx - cross, cy - cross), QPointF(cx + cross, cy + cross))
        painter.drawLine(QPointF(cx - cross, cy + cross), QPointF(cx + cross, cy - cross))
        if not self.strokes:
            painter.setPen(_HINT)
            font = painter.font()
            font.setItalic(True)
            painter.setFont(font)
            text_box = QRectF(box.left(), box.top(), box.width(), base_y - box.top() - 6)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder)
        painter.translate(box.topLeft())
        painter.scale(scale, scale)
        paint_strokes(painter, self.strokes)
        painter.end()

    def to_image(self, dpi: int = EXPORT_DPI, *, transparent: bool = False) -> QImage | None:
        """The ink at ``dpi``, cropped to it with a small margin; None when the pad is empty."""
        if self.is_empty():
            return None
        bounds = ink_bounds(self.strokes)
        assert bounds is not None
        left, top, right, bottom = bounds
        left, top = left - EXPORT_MARGIN_MM, top - EXPORT_MARGIN_MM
        right, bottom = right + EXPORT_MARGIN_MM, bottom + EXPORT_MARGIN_MM
        px_per_mm = dpi / _MM_PER_INCH
        image = QImage(
            max(1, round((right - left) * px_per_mm)),
            max(1, round((bottom - top) * px_per_mm)),
            QImage.Format.Format_ARGB32_Premultiplied if transparent else QImage.Format.Format_RGB32,
        )
        dots_per_metre = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        image.fill(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.scale(px_per_mm, px_per_mm)
        painter.translate(-left, -top)
        paint_strokes(painter, self.strokes)
        painter.end()
        return image

    def to_png(self, dpi: int = EXPORT_DPI, *, transparent: bool = False) -> bytes | None:
        """The signature as PNG bytes at print resolution (300 dpi), or None when the pad is empty."""
        image = self.to_image(dpi, transparent=transparent)
        if image is None:
            return None
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise OSError("PNG encoding failed")
        buffer.close()
        return bytes(data.data())
