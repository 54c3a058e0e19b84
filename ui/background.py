"""Blocking work off the GUI thread, its result back on the GUI thread: the one helper every screen uses.

DESIGN.md: the UI thread never blocks for more than 50 ms, and each thread has its own SQLAlchemy
Session. A screen hands ``run_in_background`` a function (usually ``in_session(...)`` around a service
call); it runs on a small worker pool, and ``on_success`` or ``on_error`` is then called on the GUI
thread through a queued Qt signal.

Why a plain ``ThreadPoolExecutor`` plus a signal rather than ``loop.run_in_executor``: delivery then
depends only on Qt's event loop, which runs both under qasync (the application) and under pytest-qt
(the tests), and the returned ``concurrent.futures.Future`` can still be awaited from a coroutine with
``asyncio.wrap_future``.

Screens that fire the same query repeatedly (search as you type) pass a ``key``: only the latest call
with that key for that parent delivers; older ones are cancelled if not started yet, and their results
dropped if they finish late.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger("hotline.ui.background")

T = TypeVar("T")

# SQLite readers do not block each other under WAL, and PostgreSQL has a pool: a few workers keep a
# slow query from holding up the next search without flooding the database.
_WORKERS = 3

_executor: ThreadPoolExecutor | None = None
_relay: _Relay | None = None
_generations = itertools.count(1)
_latest: dict[tuple[int, str], tuple[int, Future[Any]]] = {}
_pending: set[Future[Any]] = set()


class _Relay(QObject):
    """Lives on the GUI thread; a worker emits ``deliver`` and the slot runs there, queued."""

    deliver = Signal(object)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, callback: Callable[[], None]) -> None:
        callback()


def _get_executor() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="hotline-worker")
    return _executor


def _get_relay() -> _Relay:
    global _relay
    if _relay is None or not shiboken6.isValid(_relay):
        # Parented to the application so it goes away with it, and created here, on the GUI thread.
        _relay = _Relay(QCoreApplication.instance())
    return _relay


def _report_error(parent: QObject, error: BaseException) -> None:
    """Default error handling: log it, and tell the user in plain words when there is a window."""
    log.error("background operation failed", exc_info=error)
    if isinstance(parent, QWidget):
        QMessageBox.warning(
            parent.window(),
            QCoreApplication.translate("Background", "Operation failed"),
            QCoreApplication.translate(
                "Background", "The operation could not be completed. Details are in the log file."
            ),
        )


def run_in_background(
    parent: QObject,
    op: Callable[[], T],
    on_success: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    key: str | None = None,
) -> Future[T]:
    """Run ``op`` on a worker thread; call ``on_success(result)`` or ``on_error(exception)`` on the GUI
    thread when it is done.

    Nothing is delivered once ``parent`` has been destroyed. With a ``key``, only the most recent call
    for the same parent and key delivers: a stale search finishing after a newer one is dropped. Must be
    called from the GUI thread.
    """
    relay = _get_relay()
    slot = (id(parent), key) if key is not None else None
    generation = next(_generations)
    if slot is not None:
        previous = _latest.get(slot)
        if previous is not None:
            previous[1].cancel()  # not started yet: no need to run it at all

    future = _get_executor().submit(op)
    _pending.add(future)
    if slot is not None:
        _latest[slot] = (generation, future)

    def deliver() -> None:
        _pending.discard(future)
        if slot is not None:
            current = _latest.get(slot)
            if current is None or current[0] != generation:
                return  # a newer call with the same key superseded this one
            del _latest[slot]
        if future.cancelled() or not shiboken6.isValid(parent):
            return
        error = future.exception()
        if error is None:
            on_success(future.result())
        elif on_error is not None:
            on_error(error)
        else:
            _report_error(parent, error)

    # The done-callback runs on the worker thread (or here, if cancelled); the signal hops to the GUI.
    future.add_done_callback(lambda _f: relay.deliver.emit(deliver))
    return future


def in_session(sessions: sessionmaker[Session], fn: Callable[..., T], *args: Any, **kwargs: Any) -> Callable[[], T]:
    """Wrap a service call so that it runs in its own Session, opened and closed on the worker thread.

    Sessions are not thread-safe: each operation gets a fresh one, never shared with the GUI thread.
    """

    def op() -> T:
        with sessions() as session:
            return fn(session, *args, **kwargs)

    return op


def pending_operations() -> int:
    """How many background operations have not been delivered yet (0 when the UI is idle)."""
    return len(_pending)
