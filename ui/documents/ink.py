"""Signature ink: strokes as points in millimetres of the signature box, smoothed and painted with a width
that follows the pen's pressure (or, for a mouse, its speed).

Points are kept in millimetres rather than widget pixels so that one signature paints the same on a pad of
any size and exports at print resolution without resampling: the painter's transform does the scaling.
Smoothing is a quadratic Bézier curve through the midpoints of successive samples (each sample is a control
point), painted piece by piece so that the width can change along the stroke; round caps hide the joins.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

# The box a signature is captured in and printed into (8 cm × 3 cm).
BOX_WIDTH_MM = 80.0
BOX_HEIGHT_MM = 30.0
# A fine felt pen: about 0.5 mm at normal pressure, from 0.3 to 0.8 mm.
NOMINAL_WIDTH_MM = 0.5
MIN_WIDTH_FACTOR = 0.55
MAX_WIDTH_FACTOR = 1.6
# Samples closer than this add nothing but noise (mice report every pixel).
MIN_STEP_MM = 0.25
# Blue-black ink: reads as an original on a printed page.
INK = QColor("#14246b")


@dataclass(frozen=True)
class InkPoint:
    """One sample: where (mm in the box) and how hard (0–1; 0.5 when the device cannot tell)."""

    x: float
    y: float
    pressure: float = 0.5


@dataclass
class Stroke:
    """The samples between pen down and pen up."""

    points: list[InkPoint] = field(default_factory=list)
    # Speed-derived pressure for devices without a pressure sensor, smoothed over a few samples.
    _speed_pressure: float = 0.5

    def add(self, x: float, y: float, pressure: float | None) -> bool:
        """Add a sample; False when it is too close to the last one to matter. ``pressure`` None: the
        device has no sensor, so the width follows the speed instead (slow is wider, like real ink)."""
        if self.points:
            last = self.points[-1]
            step = math.hypot(x - last.x, y - last.y)
            if step < MIN_STEP_MM:
                return False
            if pressure is None:
                target = max(0.2, min(0.8, 0.8 - step * 0.12))
                self._speed_pressure += (target - self._speed_pressure) * 0.35
                pressure = self._speed_pressure
        elif pressure is None:
            pressure = self._speed_pressure
        self.points.append(InkPoint(x, y, max(0.0, min(1.0, pressure))))
        return True

    def length(self) -> float:
        """Length in millimetres of the polyline through the samples."""
        return sum(math.hypot(b.x - a.x, b.y - a.y) for a, b in zip(self.points, self.points[1:], strict=False))


def width_mm(pressure: float) -> float:
    """Pen width for a pressure: thin when light, thicker when pressed."""
    factor = MIN_WIDTH_FACTOR + (MAX_WIDTH_FACTOR - MIN_WIDTH_FACTOR) * pressure
    return NOMINAL_WIDTH_MM * factor


def ink_length(strokes: list[Stroke]) -> float:
    """Total length of ink laid down, in millimetres."""
    return sum(stroke.length() for stroke in strokes)


def ink_bounds(strokes: list[Stroke]) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) of every sample in millimetres, widened by the widest pen; None if no ink."""
    points = [p for stroke in strokes for p in stroke.points]
    if not points:
        return None
    pad = width_mm(1.0) / 2
    return (
        min(p.x for p in points) - pad,
        min(p.y for p in points) - pad,
        max(p.x for p in points) + pad,
        max(p.y for p in points) + pad,
    )


def _mid(a: InkPoint, b: InkPoint) -> QPointF:
    return QPointF((a.x + b.x) / 2, (a.y + b.y) / 2)


def paint_strokes(painter: QPainter, strokes: list[Stroke], colour: QColor = INK) -> None:
    """Paint ``strokes`` (coordinates in mm: the caller's transform maps them to the device), anti-aliased."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stroke in strokes:
        points = stroke.points
        if not points:
            continue
        if len(points) == 1:
            # A tap leaves a round mark the size of the pen.
            radius = width_mm(points[0].pressure) / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(colour))
            painter.drawEllipse(QPointF(points[0].x, points[0].y), radius, radius)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            continue
        # Piece i runs from the midpoint before sample i to the midpoint after it, sample i as control
        # point: the pieces meet with a common tangent, so the curve is smooth through every join.
        start = QPointF(points[0].x, points[0].y)
        for i in range(1, len(points)):
            prev, here = points[i - 1], points[i]
            end = _mid(here, points[i + 1]) if i + 1 < len(points) else QPointF(here.x, here.y)
            path = QPainterPath(start)
            if i + 1 < len(points):
                path.quadTo(QPointF(here.x, here.y), end)
            else:
                path.lineTo(end)
            pen = QPen(colour, width_mm((prev.pressure + here.pressure) / 2))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPath(path)
            start = end
    painter.restore()
