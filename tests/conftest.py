"""Test setup shared by every suite: offscreen Qt, a private HOTLINE_HOME, an in-memory keyring,
and migrated databases (SQLite always; PostgreSQL when HOTLINE_TEST_PG_URL is set)."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from sqlalchemy import Engine, make_url, text
from sqlalchemy.dialects.postgresql.base import PGDialect
from sqlalchemy.orm import Session, sessionmaker

from app import secrets
from app.config import Paths, user_paths
from app.db import migrate
from app.db.base import Base
from app.db.engine import make_engine, session_factory
from tests.memory_keyring import MemoryKeyring

PG_URL = os.environ.get("HOTLINE_TEST_PG_URL")


@pytest.fixture(autouse=True)
def hotline_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """Every test gets its own data, config and log folders, and no database from the environment."""
    monkeypatch.setenv("HOTLINE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HOTLINE_DB", raising=False)
    paths = user_paths()
    paths.ensure()
    return paths


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
    secrets.forget_session_secrets()


def release_disposed_engines() -> None:
    """Each ORM mapper keeps its compiled INSERT/UPDATE statements in a cache keyed by the dialect of the
    engine that ran them (so does a cache of SQLAlchemy's PostgreSQL dialect), and a dialect keeps every
    column type it has seen. A test's engine, once disposed, stays reachable from there with the tables
    of its migrations: over the suite, millions of objects that every full collection walks."""
    for mapper in Base.registry.mappers:
        mapper._compiled_cache.clear()
    PGDialect._has_multi_table_query.cache_clear()


@pytest.fixture(autouse=True)
def forget_compiled_writes() -> Iterator[None]:
    yield
    release_disposed_engines()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+pysqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file brought to head by the migrations, once per run; each test gets a copy of it
    (a copy takes milliseconds, running the migrations about 0.2 s, and hundreds of tests start so)."""
    path = tmp_path_factory.mktemp("template") / "head.sqlite3"
    eng = make_engine(f"sqlite+pysqlite:///{path}")
    migrate.upgrade(eng)
    with eng.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    eng.dispose()
    return path


@pytest.fixture
def engine(sqlite_url: str, migrated_sqlite_file: Path) -> Iterator[Engine]:
    """A fresh SQLite file at head: a copy of the file the migrations built at the start of the run. A
    module whose ``sqlite_url`` already holds a database (its own data set) gets that one, migrated."""
    path = Path(make_url(sqlite_url).database or "")
    fresh = not path.exists()
    if fresh:
        shutil.copyfile(migrated_sqlite_file, path)
    eng = make_engine(sqlite_url)
    if not fresh:
        migrate.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


def _reset_pg(eng: Engine) -> None:
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    """An empty PostgreSQL database (schema dropped and recreated), or a skip when none is configured."""
    if not PG_URL:
        pytest.skip("HOTLINE_TEST_PG_URL is not set: no PostgreSQL to test team mode against")
    eng = make_engine(PG_URL)
    _reset_pg(eng)
    yield eng
    eng.dispose()
