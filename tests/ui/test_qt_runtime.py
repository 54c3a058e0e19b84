"""The Qt binding itself must not corrupt the interpreter: the app emits signals all day long."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    carrying = Signal(object)


def test_signal_emission_keeps_reference_counts_intact(qapp) -> None:
    """PySide6 6.12.0 returned an unowned True from emit(): each emit dropped a reference to True, and
    after a few thousand background operations the interpreter aborted. pyproject excludes it; this
    test refuses any binding with the same fault."""
    emitter = _Emitter()
    emitter.plain.connect(lambda: None)
    emitter.carrying.connect(lambda _value: None)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        emitter.plain.emit()
        emitter.carrying.emit(None)
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert after[0] - before[0] > -20, "Signal.emit() loses references to True"
    assert after[1] - before[1] > -20, "Signal.emit() loses references to None"
