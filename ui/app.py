"""The desktop application: QApplication, French translations, the main window, Qt's event loop.

``run_gui`` is what the ``hotline`` command calls once it has checked the database schema. The window
runs on Qt's own event loop: background work goes through ``ui.background`` (worker threads whose results
come back as Qt events), so no asyncio loop is needed, and the start does not pay for one.
"""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from ui.i18n import install_translators
from ui.main_window import MainWindow

log = logging.getLogger("hotline.ui")

APP_NAME = "Hotline"
# Long enough for a slow team database; a screenshot is for docs and checks, never worth hanging for.
SCREENSHOT_TIMEOUT_S = 30.0
SCREENSHOT_SIZE = (1360, 820)


def create_application() -> QApplication:
    """The process's QApplication (reused when one exists, as under pytest-qt), Fusion style."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("DEFI INFORMATIQUE")
    # Fusion looks the same on every desktop, which keeps screenshots and the user guide true.
    app.setStyle("Fusion")
    return app


class _Capture:
    """Screenshot mode: once the window is idle (or after the time-out), save it as a PNG and end the loop
    with the exit code."""

    POLL_MS = 5

    def __init__(self, app: QApplication, window: MainWindow, path: Path) -> None:
        self.app, self.window, self.path = app, window, path
        self.elapsed = QElapsedTimer()
        self.elapsed.start()
        self.timer = QTimer()
        self.timer.setInterval(self.POLL_MS)
        self.timer.timeout.connect(self._poll)

    def start(self) -> None:
        self.timer.start()

    def _poll(self) -> None:
        idle = self.window.is_idle()
        if not idle and self.elapsed.elapsed() < SCREENSHOT_TIMEOUT_S * 1000:
            return
        self.timer.stop()
        # A few more turns so that the last result is laid out and painted before the grab.
        for _ in range(3):
            QApplication.processEvents()
        self.app.exit(self._save(idle))

    def _save(self, idle: bool) -> int:
        if not self.window.grab().save(str(self.path), "PNG"):
            message = QCoreApplication.translate("Application", "Could not write the screenshot to {path}.")
            print(message.format(path=self.path), file=sys.stderr)
            return 1
        if not idle:
            message = QCoreApplication.translate(
                "Application", "The window was still loading after {seconds} s; the screenshot may be incomplete."
            )
            print(message.format(seconds=int(SCREENSHOT_TIMEOUT_S)), file=sys.stderr)
            return 1
        return 0


def freeze_startup_objects() -> None:
    """Everything built at start (modules, widgets, the calendar) lives as long as the app: moving it out
    of the collector's reach keeps full collections short, so typing never stalls on one.

    Only the young generations are collected first: the automatic collections that ran while the modules
    were imported leave nothing for a full one to free (it found no garbage among ~117,000 objects) and it
    took 50 ms of the start."""
    gc.collect(1)
    gc.freeze()


def ask_station(context: AppContext) -> bool:
    """First start of a workstation: its station code is asked before anything else (R-10).

    Returns False when the user cancels; the app then quits without writing anything.
    """
    from ui.first_run.station_dialog import StationDialog  # first start of a workstation only

    dialog = StationDialog(context.settings, context.paths)
    return dialog.exec() == StationDialog.DialogCode.Accepted


def run_gui(context: AppContext, screenshot: Path | None = None) -> int:
    """Open the main window on ``context``'s database and run until it is closed; returns an exit code.

    With ``screenshot``, the window is shown, left to load its data, saved as a PNG at that path, and
    closed: no user interaction, exit code 0 on success. The caller has already checked the schema.
    """
    app = create_application()
    install_translators(app)
    # The loop ends when the window is closed (or the capture is saved), not when Qt decides the last
    # window is gone.
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    if screenshot is None and not context.station and not ask_station(context):
        app.setQuitOnLastWindowClosed(quit_on_close)
        return 0
    window = MainWindow(context)
    freeze_startup_objects()
    try:
        if screenshot is not None:
            capture = _Capture(app, window, screenshot)
            window.resize(*SCREENSHOT_SIZE)
            window.show()
            capture.start()
            return app.exec()
        window.closed.connect(app.quit)
        window.show()
        app.exec()
        if window.isVisible():
            # Qt quit on its own (session logout): not an error for the user.
            log.info("event loop stopped before the window was closed")
        return 0
    finally:
        window.close()
        window.deleteLater()
        app.setQuitOnLastWindowClosed(quit_on_close)
