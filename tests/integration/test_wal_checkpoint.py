"""The SQLite write-ahead log is copied back into the database file off the writers' path: no commit of
the app pays a checkpoint, the log is still copied once writing pauses, and nothing is lost or blocked
when other connections (of this process or another) use the file meanwhile."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from app.db import engine as engine_module
from app.db.engine import checkpointer, make_engine


def _wait_for(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "log.sqlite3"


@pytest.fixture
def table_engine(db: Path) -> Engine:
    eng = make_engine(f"sqlite+pysqlite:///{db}")
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    yield eng
    eng.dispose()


def _write(eng: Engine, count: int, size: int = 3000) -> None:
    for i in range(count):
        with eng.begin() as conn:
            conn.execute(text("INSERT INTO notes (body) VALUES (:b)"), {"b": f"{i}-" + "x" * size})


def test_app_connections_leave_checkpoints_to_the_checkpointer(table_engine: Engine) -> None:
    with table_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one() == 0
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # FULL
    assert checkpointer(table_engine) is not None


def test_no_commit_copies_the_log_into_the_file(
    table_engine: Engine, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past SQLite's 1,000-page threshold, a commit would have checkpointed; now the file is untouched
    while writing goes on (the checkpointer waits for a pause)."""
    monkeypatch.setattr(engine_module, "CHECKPOINT_IDLE_S", 60.0)
    monkeypatch.setattr(engine_module, "CHECKPOINT_MAX_DELAY_S", 60.0)
    checkpointer(table_engine).flush()
    before = db.stat().st_mtime_ns, db.stat().st_size
    _write(table_engine, 800)  # some 2,000 pages, twice the threshold of automatic checkpoints
    assert (db.stat().st_mtime_ns, db.stat().st_size) == before
    assert checkpointer(table_engine).checkpoints == 1  # the flush


def test_the_log_is_copied_once_writing_pauses(table_engine: Engine, db: Path) -> None:
    worker = checkpointer(table_engine)
    worker.flush()
    done = worker.checkpoints
    size = db.stat().st_size
    _write(table_engine, 50)
    assert _wait_for(lambda: worker.checkpoints > done)
    assert db.stat().st_size > size  # the new pages reached the file itself
    with table_engine.connect() as conn:
        busy, pages, copied = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
    assert busy == 0 and pages == copied


def test_a_long_burst_is_copied_without_waiting_for_its_end(
    table_engine: Engine, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "CHECKPOINT_MAX_DELAY_S", 0.2)
    worker = checkpointer(table_engine)
    worker.flush()
    done = worker.checkpoints
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:  # commits closer together than the idle delay
        _write(table_engine, 1, size=100)
    assert worker.checkpoints > done


def test_checkpoints_beside_another_writer_lose_nothing(table_engine: Engine, db: Path) -> None:
    """Another connection (as another process would) keeps writing while the log is copied again and
    again: no commit waits for a checkpoint, every row is there afterwards and the file is sound."""
    _write(table_engine, 20, size=500)
    rows = 300

    def other_writer() -> None:
        conn = sqlite3.connect(db, timeout=5, isolation_level=None)
        try:
            for i in range(rows):
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO notes (body) VALUES (?)", (f"other {i} " + "y" * 500,))
                conn.execute("COMMIT")
        finally:
            conn.close()

    thread = threading.Thread(target=other_writer)
    thread.start()
    worker = checkpointer(table_engine)
    copies = []
    while thread.is_alive():
        copies.append(worker.flush())
    thread.join()
    assert any(copy is not None for copy in copies)
    with table_engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM notes").scalar_one() == 20 + rows
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"


def test_disposing_the_engine_ends_the_thread(db: Path) -> None:
    eng = make_engine(f"sqlite+pysqlite:///{db}")
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    worker = checkpointer(eng)
    assert worker._thread is not None and worker._thread.is_alive()
    thread = worker._thread
    eng.dispose()
    assert not thread.is_alive()
    _write(eng, 1)  # a disposed engine can still be used: a new thread takes over
    assert worker._thread is not None and worker._thread.is_alive()
    eng.dispose()


def test_a_process_that_stops_copies_what_it_wrote(
    table_engine: Engine, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process keeps the file open (the GUI beside a ``hotline`` command): the command's last
    connection closing is not the file's last, so the command copies its log itself as it stops."""
    monkeypatch.setattr(engine_module, "CHECKPOINT_IDLE_S", 60.0)
    monkeypatch.setattr(engine_module, "CHECKPOINT_MAX_DELAY_S", 60.0)
    checkpointer(table_engine).flush()
    other = sqlite3.connect(db)
    try:
        other.execute("SELECT count(*) FROM notes").fetchall()
        size = db.stat().st_size
        _write(table_engine, 30)
        assert db.stat().st_size == size
        table_engine.dispose()
        assert db.stat().st_size > size
        busy, pages, copied = other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert busy == 0 and pages == copied
    finally:
        other.close()


def test_a_vanished_file_is_not_recreated(db: Path) -> None:
    eng = make_engine(f"sqlite+pysqlite:///{db}")
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY)"))
    worker = checkpointer(eng)
    eng.dispose()
    for leftover in db.parent.glob(db.name + "*"):
        leftover.unlink()
    assert worker.flush() is None
    assert not db.exists()


def test_memory_databases_have_no_checkpointer() -> None:
    eng = make_engine("sqlite+pysqlite:///:memory:")
    try:
        assert checkpointer(eng) is None
    finally:
        eng.dispose()
