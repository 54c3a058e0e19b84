"""The desktop application: QApplication, French translations, the qasync loop, the main window.

``run_gui`` is what the ``hotline`` command calls once it has checked the database schema.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
from pathlib import Path

import qasync
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.launcher import resume_collections
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


async def _capture_when_idle(window: MainWindow, path: Path) -> int:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SCREENSHOT_TIMEOUT_S
    idle = False
    while loop.time() < deadline:
        if window.is_idle():
            idle = True
            break
        await asyncio.sleep(0.005)
    # A few more turns so that the last result is laid out and painted before the grab.
    for _ in range(3):
        await asyncio.sleep(0)
        QApplication.processEvents()
    if not window.grab().save(str(path), "PNG"):
        message = QCoreApplication.translate("Application", "Could not write the screenshot to {path}.")
        print(message.format(path=path), file=sys.stderr)
        return 1
    if not idle:
        message = QCoreApplication.translate(
            "Application", "The window was still loading after {seconds} s; the screenshot may be incomplete."
        )
        print(message.format(seconds=int(SCREENSHOT_TIMEOUT_S)), file=sys.stderr)
        return 1
    return 0


async def _until_closed(window: MainWindow) -> int:
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    await closed.wait()
    return 0


def freeze_startup_objects() -> None:
    """Everything built at start (modules, widgets, the calendar) lives as long as the app: moving it out
    of the collector's reach keeps full collections short, so typing never stalls on one.

    Started by the ``hotline`` command, collections were held during the start (``app.launcher``): what
    was built is frozen as it is and collections resume. Otherwise only the young generations are
    collected first: the automatic collections that ran while the modules were imported leave nothing for
    a full one to free (it found no garbage among ~117,000 objects) and it took 50 ms of the start."""
    if resume_collections():
        return
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
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    # The loop ends when our coroutine does, not when Qt decides the last window is gone.
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    if screenshot is None and not context.station and not ask_station(context):
        loop.close()
        asyncio.set_event_loop(None)
        return 0
    window = MainWindow(context)
    freeze_startup_objects()
    try:
        if screenshot is not None:
            window.resize(*SCREENSHOT_SIZE)
            window.show()
            return loop.run_until_complete(_capture_when_idle(window, screenshot))
        window.show()
        try:
            return loop.run_until_complete(_until_closed(window))
        except RuntimeError:
            # Qt quit on its own (session logout): not an error for the user.
            log.info("event loop stopped before the window was closed")
            return 0
    finally:
        window.close()
        window.deleteLater()
        app.setQuitOnLastWindowClosed(quit_on_close)
        loop.close()
        asyncio.set_event_loop(None)
