"""UI test setup: the French interface on pytest-qt's application, and a main window on sample data."""

from __future__ import annotations

import gc
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from app.config import Paths, Settings
from app.context import AppContext
from tests.ui.sample_clients import add_sample_clients
from ui.background import pending_operations
from ui.i18n import install_translators
from ui.main_window import MainWindow

TECHNICIAN = "Claire Dubois"


@pytest.fixture(scope="session", autouse=True)
def french_ui(qapp: QApplication) -> None:
    """The UI runs in French, as it does for users; a missing catalogue fails every UI test."""
    qapp.setStyle("Fusion")
    assert install_translators(qapp), "resources/i18n/hotline_fr.qm is missing: run resources/i18n/update.py"


@pytest.fixture(autouse=True)
def collect_between_tests(qapp: QApplication) -> Iterator[None]:
    """After each UI test (and pytest-qt closing its widgets): background work delivered, deferred deletions
    run, then a full collection. A test's Qt wrappers caught in reference cycles are thus freed here, with no
    event being dispatched, rather than by a collection that happens to start inside the next test's event
    loop (the suite once crashed so, in a collection run from ``qtbot.waitUntil``)."""
    yield
    drain_background()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def drain_background(timeout_s: float = 10.0) -> None:
    """Let background operations finish and deliver, so no worker touches a database being removed."""
    deadline = time.monotonic() + timeout_s
    while pending_operations() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


def make_context(paths: Paths, url: str, settings: Settings | None = None) -> AppContext:
    return AppContext(
        paths=paths,
        settings=settings or Settings(station_code="NCY", technician_name=TECHNICIAN),
        database_url=url,
    )


@pytest.fixture
def client_ids(sessions: sessionmaker[Session]) -> dict[str, uuid.UUID]:
    with sessions.begin() as session:
        return add_sample_clients(session)


@pytest.fixture
def context(sqlite_url: str, hotline_home: Paths, client_ids: dict[str, uuid.UUID]) -> Iterator[AppContext]:
    """An AppContext on the migrated test database holding the sample clients, station NCY."""
    ctx = make_context(hotline_home, sqlite_url)
    yield ctx
    drain_background()
    if "engine" in vars(ctx):
        ctx.engine.dispose()


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> MainWindow:
    """The main window, shown, with its first client list on screen."""
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(win.is_idle, timeout=10_000)
    return win


@pytest.fixture
def screenshot_path(tmp_path: Path) -> Path:
    return tmp_path / "window.png"
