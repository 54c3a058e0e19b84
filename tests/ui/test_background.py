"""The background helper: work off the GUI thread, results on it, stale results dropped."""

from __future__ import annotations

import threading
import time

import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from tests.ui.conftest import drain_background
from ui.background import pending_operations, run_in_background


def test_work_runs_on_a_worker_and_the_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    parent = QObject()
    delivered: list[tuple[int, int]] = []

    def receive(worker: int) -> None:
        delivered.append((worker, threading.get_ident()))

    run_in_background(parent, threading.get_ident, receive)
    qtbot.waitUntil(lambda: bool(delivered))
    worker, receiver = delivered[0]
    assert worker != threading.main_thread().ident
    assert receiver == threading.main_thread().ident


def test_an_older_result_finishing_after_a_newer_one_is_dropped(qtbot: QtBot) -> None:
    parent = QObject()
    results: list[str] = []
    started = threading.Event()

    def slow() -> str:
        started.set()
        time.sleep(0.3)
        return "old"

    run_in_background(parent, slow, results.append, key="search")
    assert started.wait(2)
    run_in_background(parent, lambda: "new", results.append, key="search")
    qtbot.waitUntil(lambda: pending_operations() == 0, timeout=5000)
    assert results == ["new"]


def test_keys_are_independent_per_parent(qtbot: QtBot) -> None:
    first, second = QObject(), QObject()
    results: list[str] = []
    run_in_background(first, lambda: "first", results.append, key="search")
    run_in_background(second, lambda: "second", results.append, key="search")
    qtbot.waitUntil(lambda: len(results) == 2)
    assert sorted(results) == ["first", "second"]


def test_an_error_goes_to_on_error_on_the_gui_thread(qtbot: QtBot) -> None:
    errors: list[tuple[BaseException, int]] = []

    def fail() -> None:
        raise LookupError("nothing there")

    run_in_background(QObject(), fail, lambda _r: None, lambda e: errors.append((e, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(errors))
    error, thread = errors[0]
    assert isinstance(error, LookupError)
    assert thread == threading.main_thread().ident


def test_nothing_is_delivered_to_a_destroyed_parent(qtbot: QtBot) -> None:
    parent = QObject()
    results: list[str] = []
    release = threading.Event()

    def wait_then_answer() -> str:
        release.wait(2)
        return "late"

    run_in_background(parent, wait_then_answer, results.append)
    shiboken6.delete(parent)
    release.set()
    drain_background()
    assert results == []
