"""Background sync with the client portal while the app runs (docs/sync.md, « Sync in the app »).

One ``SyncController`` per main window runs ``SyncEngine.run_once`` on a worker thread (through
``ui.background``), never two cycles at once: on a timer (``sync_interval_seconds``), on demand
(« Synchroniser », Ctrl+Shift+S), and a short while after a local change (debounced, so a burst of
edits makes one cycle). A request made while a cycle runs is remembered and served right after it.

Closing: ``shutdown`` stops the timers and asks the running cycle to stop at its next portal call; the
window waits for it at most ``CLOSE_WAIT_S``. A cycle still inside an HTTP call then is abandoned
safely: every step the engine committed stays, an unanswered push is sent again next time
(idempotent), an unacknowledged page is pulled again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session, sessionmaker

from app.context import AppContext
from app.sync.client import PortalClient, PortalUnreachable, portal_token
from app.sync.engine import SyncEngine, SyncReport, SyncStatus, sync_status
from ui.background import run_in_background

log = logging.getLogger("hotline.ui.sync")

DEBOUNCE_MS = 2_000  # after a local change
FIRST_SYNC_MS = 3_000  # after start: the window shows its data first
MIN_INTERVAL_S = 5
CLOSE_WAIT_S = 2.0
# A pulled page is applied in one write transaction: smaller pages than the CLI's keep a technician's save
# from waiting long behind a big first pull on SQLite.
PAGE_SIZE = 100


@dataclass(frozen=True)
class SyncView:
    """What the status bar shows about the portal."""

    configured: bool = False
    checked: bool = False  # the token was looked for (in the background) at least once
    running: bool = False
    online: bool | None = None  # None: no cycle yet
    pending: int = 0
    dead: int = 0
    quarantined: int = 0
    conflicts: int = 0
    last_success: datetime | None = None
    offline_since: datetime | None = None
    last_error: str | None = None

    @property
    def problems(self) -> int:
        """What a person must look at: conflicts, quarantined records, dead letters."""
        return self.conflicts + self.quarantined + self.dead


class _Stopped(PortalUnreachable):
    """The app is closing: the cycle stops before its next call."""


class StoppableClient(PortalClient):
    """A portal client that stops at its next call, or in a back-off wait, once ``stop`` is set."""

    def __init__(self, base_url: str, token: str, stop: threading.Event) -> None:
        super().__init__(base_url, token, sleep=self._wait)
        self._stop = stop

    def _wait(self, seconds: float) -> None:
        if self._stop.wait(seconds):
            raise _Stopped("synchronisation interrompue : fermeture de l'application")

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:  # type: ignore[override]
        if self._stop.is_set():
            raise _Stopped("synchronisation interrompue : fermeture de l'application")
        return super()._call(method, path, **kwargs)


@dataclass(frozen=True)
class CycleResult:
    configured: bool
    report: SyncReport | None
    status: SyncStatus


def read_status(sessions: sessionmaker[Session], portal_url: str | None) -> CycleResult:
    """Whether a portal is configured (address and token) and the counts, without calling the portal."""
    configured = bool(portal_url) and bool(portal_token())
    with sessions() as session:
        return CycleResult(configured, None, sync_status(session))


def run_cycle(
    sessions: sessionmaker[Session],
    portal_url: str | None,
    station: str,
    stop: threading.Event,
    client_factory: Callable[[str, str, threading.Event], PortalClient] = StoppableClient,
) -> CycleResult:
    """One sync cycle on the calling (worker) thread; the counts after it."""
    token = portal_token()
    if not portal_url or not token:
        return read_status(sessions, portal_url)
    with client_factory(portal_url, token, stop) as client:
        report = SyncEngine(sessions, client, station, page_size=PAGE_SIZE).run_once()
    with sessions() as session:
        return CycleResult(True, report, sync_status(session))


class SyncController(QObject):
    """Runs sync cycles in the background and keeps the status the status bar shows."""

    #: The status changed (a ``SyncView``).
    state_changed = Signal(object)
    #: A cycle ended (its ``SyncReport``).
    cycle_finished = Signal(object)

    def __init__(
        self,
        context: AppContext,
        parent: QObject | None = None,
        *,
        client_factory: Callable[[str, str, threading.Event], PortalClient] = StoppableClient,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncController")
        self._context = context
        self._client_factory = client_factory
        self._now = now
        self._stop = threading.Event()
        self._future: Future[CycleResult] | None = None
        self._again = False
        self._closed = False
        self.view = SyncView(configured=bool(context.settings.portal_url))
        self.cycles = 0

        self.timer = QTimer(self)
        self.timer.setObjectName("syncTimer")
        self.timer.timeout.connect(self.sync_now)
        self.debounce = QTimer(self)
        self.debounce.setObjectName("syncDebounce")
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.sync_now)

    @property
    def context(self) -> AppContext:
        return self._context

    # --- starting -------------------------------------------------------------------------------

    def start(self, first_sync_ms: int = FIRST_SYNC_MS) -> None:
        """Read the status, then sync on the timer (the first cycle ``first_sync_ms`` after start)."""
        self.refresh_status()
        interval = max(MIN_INTERVAL_S, int(self._context.settings.sync_interval_seconds or 60))
        self.timer.start(interval * 1000)
        if first_sync_ms >= 0:
            QTimer.singleShot(first_sync_ms, self, self._first_sync)

    def _first_sync(self) -> None:
        if not self._closed and self.view.configured:
            self.sync_now()

    def refresh_status(self) -> None:
        """Read the counts again (after a resolution or a retry from the details), without a cycle."""
        if self._closed:
            return
        sessions, url = self._context.sessions, self._context.settings.portal_url
        run_in_background(self, lambda: read_status(sessions, url), self._status_read, self._status_failed)

    def _status_read(self, result: CycleResult) -> None:
        self._set(self._merge(result, checked=True))

    def _status_failed(self, error: BaseException) -> None:
        log.warning("sync status not read: %s", error)

    # --- cycles ---------------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._future is not None

    def local_change(self, *_args: object) -> None:
        """A local change the portal must see was saved: sync shortly (once for a burst of changes)."""
        if not self._closed and self.view.configured:
            self.debounce.start()

    def sync_now(self) -> bool:
        """Start a cycle now; when one runs, one more follows it. False when no portal is configured."""
        if self._closed:
            return False
        self.debounce.stop()
        if self._future is not None:
            self._again = True
            return True
        context = self._context
        url, station = context.settings.portal_url, context.station or ""
        if not url:
            self._set(replace(self.view, configured=False, checked=True))
            return False
        sessions, stop, factory = context.sessions, self._stop, self._client_factory
        self._set(replace(self.view, running=True))
        self._future = run_in_background(
            self,
            lambda: run_cycle(sessions, url, station, stop, factory),
            self._cycle_done,
            self._cycle_failed,
        )
        return True

    def _cycle_done(self, result: CycleResult) -> None:
        self._future = None
        self.cycles += 1
        view = self._merge(result, checked=True)
        report = result.report
        if report is not None:
            now = self._now()
            if report.online:
                view = replace(view, online=True, offline_since=None)
            else:
                view = replace(view, online=False, offline_since=view.offline_since or now)
            view = replace(view, last_error=report.error)
        self._set(replace(view, running=False))
        if report is not None:
            self.cycle_finished.emit(report)
        self._follow_up()

    def _cycle_failed(self, error: BaseException) -> None:
        # Not the portal (the engine reports those): the database, most likely. Shown, tried again later.
        log.error("sync cycle failed", exc_info=error)
        self._future = None
        self._set(replace(self.view, running=False, last_error=str(error) or type(error).__name__))
        self._follow_up()

    def _follow_up(self) -> None:
        if self._again and not self._closed:
            self._again = False
            self.sync_now()

    def _merge(self, result: CycleResult, *, checked: bool) -> SyncView:
        status = result.status
        return replace(
            self.view,
            configured=result.configured,
            checked=checked,
            pending=status.pending,
            dead=status.dead,
            quarantined=status.quarantined,
            conflicts=status.conflicts,
            last_success=status.last_success,
            last_error=status.last_error if result.report is None else self.view.last_error,
        )

    def _set(self, view: SyncView) -> None:
        if view != self.view:
            self.view = view
            self.state_changed.emit(view)

    # --- closing --------------------------------------------------------------------------------

    def shutdown(self, wait_s: float = CLOSE_WAIT_S) -> bool:
        """Stop the timers, ask a running cycle to stop at its next step, and wait for it at most
        ``wait_s`` seconds. True when no cycle is left running (else it is abandoned, safely)."""
        self._closed = True
        self.timer.stop()
        self.debounce.stop()
        self._stop.set()
        future = self._future
        if future is None:
            return True
        try:
            future.result(timeout=wait_s)
        except FutureTimeout:
            log.info("closing during a sync cycle: abandoned, it resumes at the next start")
            return False
        except Exception:  # already logged, or delivered to the error handler
            pass
        return True


__all__ = ["CLOSE_WAIT_S", "DEBOUNCE_MS", "CycleResult", "StoppableClient", "SyncController", "SyncView", "run_cycle"]
