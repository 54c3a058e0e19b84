"""Child process of the GUI benchmarks: ``python -m tests.benchmarks.gui_probe MODE DB OUT.json``.

- ``bare``: the physical floor of a start: a bare PySide6 window, shown, painted and grabbed.
- ``stack``: the same window after loading the fixed stack the app cannot start without (SQLAlchemy, its
  ORM and the mapped models): the floor of any start of this app.
- ``list``: the main window on DB; time from bringing the incident list to the front to its first rows
  painted, the peak resident memory, then scrolling 10,000 rows (total time, longest GUI-thread stall).
Each prints its figures as JSON to OUT.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCROLL_ROWS = 10_000
TIMEOUT_S = 60.0


def _peak_rss_mb() -> float:
    """This process's own peak memory. Linux keeps ``ru_maxrss`` across exec, so a child of a big parent
    would report the parent's size; ``VmHWM`` belongs to the process's own address space."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare(out: Path) -> None:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv)
    label = QLabel("Hotline")
    label.resize(1360, 820)
    label.show()
    app.processEvents()
    label.grab().save(str(out.with_suffix(".png")))
    out.write_text(json.dumps({"ok": True}))


def _stack(out: Path) -> None:
    """The bare window started with what this app's stack must load before it can show one row of the
    database: SQLAlchemy and its ORM, the mapped models (configured), as the app starts them (collections
    held, as ``app.launcher`` does)."""
    from app.launcher import hold_collections, resume_collections

    hold_collections()
    import sqlalchemy.orm

    import app.db.models  # noqa: F401

    sqlalchemy.orm.configure_mappers()
    resume_collections()
    _bare(out)


def _wait(app: object, done: object, limit: float = TIMEOUT_S) -> None:
    deadline = time.perf_counter() + limit
    while not done():  # type: ignore[operator]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.001)
        if time.perf_counter() > deadline:
            raise TimeoutError("the incident list did not load in time")


def _list(db: Path, out: Path) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from app.config import Settings, user_paths
    from app.context import AppContext
    from ui.app import freeze_startup_objects
    from ui.i18n import install_translators
    from ui.main_window import MainWindow

    app = QApplication(sys.argv)
    install_translators(app)
    context = AppContext(
        paths=user_paths(), settings=Settings(station_code="BNC"), database_url=f"sqlite+pysqlite:///{db}"
    )
    window = MainWindow(context)
    # As ``run_gui`` does: what the start built is moved out of the collector's reach, so the scroll is
    # measured with the collections the app itself would run.
    freeze_startup_objects()
    window.resize(1360, 820)
    window.show()
    _wait(app, window.is_idle)
    started = time.perf_counter()
    window.show_screen("incidents")
    screen = window.pages.currentWidget()
    model = screen.model
    _wait(app, lambda: model.rowCount() > 0)
    screen.table.viewport().repaint()
    open_ms = (time.perf_counter() - started) * 1000
    rss_mb = _peak_rss_mb()

    # Scrolling: a 5 ms timer notes every gap in the GUI thread while the view is pushed down.
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    started = time.perf_counter()
    deadline = started + TIMEOUT_S
    bar = screen.table.verticalScrollBar()
    while model.rowCount() < SCROLL_ROWS and time.perf_counter() < deadline:
        bar.setValue(bar.maximum())
        app.processEvents()
    while model.is_busy() and time.perf_counter() < deadline:
        app.processEvents()
    scroll_ms = (time.perf_counter() - started) * 1000
    timer.stop()
    out.write_text(
        json.dumps(
            {
                "open_ms": open_ms,
                "rss_mb": rss_mb,
                "total": model.total,
                "scroll_ms": scroll_ms,
                "rows": model.rowCount(),
                "max_gap_ms": max(gaps) if gaps else 0.0,
            }
        )
    )
    window.close()


if __name__ == "__main__":
    mode, db, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if mode == "bare":
        _bare(out)
    elif mode == "stack":
        _stack(out)
    else:
        _list(db, out)
