"""Engines and sessions. One engine per database URL; one Session per operation and per thread."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # The driver's own transaction handling leaves DDL outside transactions; SQLAlchemy emits BEGIN
    # itself instead (see ``_sqlite_begin``), so a failed migration rolls back whole.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str, *, password: str | None = None, echo: bool = False) -> Engine:
    """Create an engine with the settings DESIGN.md fixes for each backend.

    SQLite: WAL, ``synchronous=FULL``, foreign keys on, busy timeout; the folder is created if needed.
    PostgreSQL: a password, when given, is injected here so it never has to sit in a URL on disk.
    """
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        database = sa_url.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(sa_url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
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


def describe_location(url: str) -> str:
    """Where the data is, for the status bar: a file path or ``host:port/db`` (never a password)."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        return sa_url.database or ":memory:"
    port = f":{sa_url.port}" if sa_url.port else ""
    return f"{sa_url.host or 'localhost'}{port}/{sa_url.database or ''}"
