"""Test setup shared by every suite: offscreen Qt, a private HOTLINE_HOME, an in-memory keyring,
and migrated databases (SQLite always; PostgreSQL when HOTLINE_TEST_PG_URL is set)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from app import secrets
from app.config import Paths, user_paths
from app.db import migrate
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


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+pysqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def engine(sqlite_url: str) -> Iterator[Engine]:
    """A fresh SQLite file brought to head by the migrations."""
    eng = make_engine(sqlite_url)
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
