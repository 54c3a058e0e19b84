"""Engines and sessions. One engine per database URL; one Session per operation and per thread."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 5000
# Every connection of the app to its SQLite file, in this order. ``wal_autocheckpoint=0``: the write-ahead
# log is copied back into the file by the engine's checkpointer (below), in a thread of its own, instead
# of by whichever commit happens to cross the log's size limit — that commit used to wait 5 to 40 ms.
SQLITE_PRAGMAS = (
    "foreign_keys=ON",
    f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
    "journal_mode=WAL",
    "synchronous=FULL",
    "wal_autocheckpoint=0",
)
# The checkpointer copies the log once writing pauses for this long...
CHECKPOINT_IDLE_S = 0.25
# ...and at the latest this long after the first commit it has not copied yet, so a long burst of writes
# (a portal pull, an import) does not grow the log without bound.
CHECKPOINT_MAX_DELAY_S = 2.0


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # The driver's own transaction handling leaves DDL outside transactions; SQLAlchemy emits BEGIN
    # itself instead (see ``_sqlite_begin``), so a failed migration rolls back whole.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()


# Execution option of a connection whose transaction will write (see ``begin_writing``).
WRITER_OPTION = "hotline_writer"


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITER_OPTION) else "BEGIN")


def begin_writing(session: Session) -> Connection:
    """Begin ``session``'s transaction as one that will write; call it before the session's first statement.

    SQLite: a plain BEGIN reads from a snapshot and asks for the write lock at the first write. If another
    connection committed in between (the portal sync's thread, a ``hotline`` command, another workstation
    on a shared file), SQLite refuses that write at once (SQLITE_BUSY_SNAPSHOT, « database is locked »)
    without waiting, since what was read is out of date. ``BEGIN IMMEDIATE`` takes the write lock first,
    waiting for another writer up to the busy timeout, so what the use case reads is still current when it
    writes. Readers are not held up (WAL). PostgreSQL: nothing changes.
    """
    return session.connection(execution_options={WRITER_OPTION: True})


class WalCheckpointer:
    """Copies a SQLite file's write-ahead log back into the file, off the writers' path.

    With automatic checkpoints, the commit that takes the log past 1,000 pages also copies them into the
    database file and syncs it: on a million incidents, one save in twenty to thirty waited 5 to 40 ms
    more (up to a second while the disk was busy). Here a thread of its own does it once writing pauses
    (``CHECKPOINT_IDLE_S`` after the last commit), or at the latest ``CHECKPOINT_MAX_DELAY_S`` after the
    first commit not yet copied.

    The checkpoint is PASSIVE: it copies what no reader still needs and never waits for, nor blocks,
    readers or writers, so it is safe beside the other connections of this process and of other processes
    on the same file (SQLite lets one checkpoint run at a time, whoever starts it). A commit is durable
    once in the log (``synchronous=FULL``); the checkpoint only bounds the log's size. Should this process
    stop before a checkpoint, the log stays whole and the next connection to the file carries on with it;
    SQLite also checkpoints when the last connection to a file closes.

    The price: SQLite starts the log over from its beginning only when a transaction begins after
    everything has been copied, which a pause allows and back-to-back commits do not. While commits follow
    each other without a pause the log file grows instead of reusing its space, and a commit that grows
    the file costs its sync more (about 0.3 ms on a quiet disk, a few ms on a busy one); saves made at a
    desk, with pauses between them, reuse the log's space.
    """

    def __init__(self, path: str) -> None:
        self._uri = f"file:{quote(path)}?mode=rw"
        self._log_file = f"{path}-wal"
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._first_pending: float | None = None
        self._last_commit = 0.0
        # Each thread runs while the generation it was started for is current; stopping moves it on.
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._copied_log: tuple[int, int] | None = None
        # One checkpoint at a time from this process (the thread's or :meth:`flush`).
        self._checkpointing = threading.Lock()
        self.checkpoints = 0

    def committed(self) -> None:
        """A transaction was committed on the file: copy the log at the next pause."""
        now = time.monotonic()
        with self._lock:
            self._last_commit = now
            if self._first_pending is not None:
                return
            self._first_pending = now
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, args=(self._generation,), name="sqlite-checkpoint", daemon=True
                )
                self._thread.start()
            else:
                self._wake.notify()

    def stop(self) -> None:
        """End the thread (the engine is disposed, or the process ends); a later commit starts another.

        What this process wrote and has not copied yet is copied now: SQLite does it anyway when the last
        connection to the file closes, but when another process keeps the file open (the GUI beside a
        ``hotline`` command), nobody else would until that process writes."""
        with self._lock:
            self._generation += 1
            pending = self._first_pending is not None
            self._first_pending = None
            self._wake.notify_all()
            thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)
        if pending:
            self.checkpoint()

    def flush(self) -> tuple[int, int, int] | None:
        """Copy the log into the file now, in the caller's thread, instead of at the next pause (before a
        measurement, or when the caller knows writing is over)."""
        with self._lock:
            self._first_pending = None
        return self.checkpoint()

    def checkpoint(self) -> tuple[int, int, int] | None:
        """Copy the log into the file now (PASSIVE); SQLite's (busy, log pages, pages copied), or None
        when the file cannot be opened or the log has not changed since the last copy."""
        with self._checkpointing:
            return self._checkpoint()

    def _checkpoint(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self._log_file)
        except OSError:
            return None  # no log: nothing to copy (or the file is gone)
        seen = (stat.st_size, stat.st_mtime_ns)
        if seen == self._copied_log:
            return None
        try:
            conn = sqlite3.connect(self._uri, uri=True, timeout=0, isolation_level=None)
        except sqlite3.Error:
            return None
        try:
            conn.execute("PRAGMA synchronous=FULL")
            busy, pages, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error as exc:
            # Busy or locked: another connection holds the file exclusively for a moment (a migration, a
            # backup); the next pause, or the end of the process, copies the log instead.
            level = logging.DEBUG if getattr(exc, "sqlite_errorname", "") in _BUSY else logging.WARNING
            log.log(level, "checkpoint of the SQLite log failed: %s", exc)
            return None
        finally:
            conn.close()
        self.checkpoints += 1
        if not busy and pages == copied:
            self._copied_log = seen
        return busy, pages, copied

    def _run(self, generation: int) -> None:
        while True:
            with self._lock:
                while True:
                    if self._generation != generation:
                        return
                    if self._first_pending is None:
                        self._wake.wait()
                        continue
                    due = min(self._last_commit + CHECKPOINT_IDLE_S, self._first_pending + CHECKPOINT_MAX_DELAY_S)
                    left = due - time.monotonic()
                    if left <= 0:
                        break
                    self._wake.wait(left)
                self._first_pending = None
            try:
                self.checkpoint()
            except Exception:  # the thread must outlive any surprise, or the log would grow unchecked
                log.exception("checkpoint of the SQLite log failed")


_BUSY = frozenset({"SQLITE_BUSY", "SQLITE_LOCKED"})
_CHECKPOINTERS: weakref.WeakKeyDictionary[Engine, WalCheckpointer] = weakref.WeakKeyDictionary()


def checkpointer(engine: Engine) -> WalCheckpointer | None:
    """The engine's log checkpointer (None unless it is a SQLite file)."""
    return _CHECKPOINTERS.get(engine)


def _watch_log(engine: Engine, path: str) -> None:
    worker = WalCheckpointer(path)
    _CHECKPOINTERS[engine] = worker
    # The listeners hold the worker, not the engine: the thread ends when the engine is disposed or
    # collected.
    event.listen(engine, "commit", lambda _conn: worker.committed())
    event.listen(engine, "engine_disposed", lambda _engine: worker.stop())
    weakref.finalize(engine, worker.stop)


def make_engine(url: str, *, password: str | None = None, echo: bool = False) -> Engine:
    """Create an engine with the settings DESIGN.md fixes for each backend.

    SQLite: WAL, ``synchronous=FULL``, foreign keys on, busy timeout, the log copied back into the file
    by a checkpointer thread (:class:`WalCheckpointer`); the folder is created if needed.
    PostgreSQL: a password, when given, is injected here so it never has to sit in a URL on disk.
    """
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        database = sa_url.database
        on_disk = bool(database) and database != ":memory:" and not database.startswith("file:")
        if on_disk:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(sa_url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        if on_disk:
            _watch_log(engine, str(Path(database).resolve()))
        return engine
    if password is not None and sa_url.password is None:
        sa_url = sa_url.set(password=password)
    return create_engine(
        sa_url,
        echo=echo,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 5} if sa_url.get_backend_name() == "postgresql" else {},
    )


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back whole on any error."""
    with factory() as session, session.begin():
        yield session


@contextmanager
def writing(factory: sessionmaker[Session]) -> Iterator[Session]:
    """``transaction`` for a use case that writes: begun as a writer (:func:`begin_writing`)."""
    with factory() as session, session.begin():
        begin_writing(session)
        yield session


def describe_location(url: str) -> str:
    """Where the data is, for the status bar: a file path or ``host:port/db`` (never a password)."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        return sa_url.database or ":memory:"
    port = f":{sa_url.port}" if sa_url.port else ""
    return f"{sa_url.host or 'localhost'}{port}/{sa_url.database or ''}"
