"""Schema migrations through Alembic, the only way the schema changes (DESIGN.md)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect

import migrations
from app.db.models import Base
from app.db.search_tables import include_object

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(migrations.__file__).resolve().parent


class SchemaBehindError(RuntimeError):
    """The database is older than this version of the app."""


# The newest migration. Kept here so that starting the app needs no Alembic import (a test checks it
# against the migration scripts: a new migration must update it).
SCHEMA_HEAD = "0012"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    return SCHEMA_HEAD


def scripts_head() -> str:
    """The head according to the migration scripts themselves (slow: loads every script)."""
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads; merge them")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in the database (None for a database never migrated)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str

    @property
    def at_head(self) -> bool:
        return self.current == self.head


def schema_state(engine: Engine) -> SchemaState:
    return SchemaState(current=current_revision(engine), head=head_revision())


def _backup_sqlite(engine: Engine, current: str) -> Path | None:
    """Copy an SQLite file before migrating it, so a failed upgrade can be undone by hand."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    source = Path(database)
    if not source.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = source.with_name(f"{source.name}.{current}.{stamp}.bak")
    # SQLite's online backup copies a consistent image, WAL content included.
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


def upgrade(engine: Engine, revision: str = "head") -> Path | None:
    """Bring the database to ``revision``. Returns the path of the backup taken first, if any."""
    current = current_revision(engine)
    backup = None
    if current is not None and current != head_revision():
        backup = _backup_sqlite(engine, current)
    from alembic import command

    config = alembic_config()
    sqlite = engine.url.get_backend_name() == "sqlite"
    with engine.connect() as conn:
        driver = conn.connection.driver_connection if sqlite else None
        if driver is not None:
            # Batch migrations rebuild SQLite tables (copy, drop, rename). With foreign keys on, dropping
            # the old table would cascade deletes into its children, so they are off while migrating
            # (a PRAGMA that only works outside a transaction) and checked before they come back.
            driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left {len(broken)} broken references; nothing committed")
        finally:
            if driver is not None:
                driver.execute("PRAGMA foreign_keys=ON")
    return backup


def drift(engine: Engine) -> list[object]:
    """What differs between the models and the database as the migrations left it (empty: no drift)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
        return list(compare_metadata(context, Base.metadata))


def require_head(engine: Engine) -> None:
    """Refuse to run the app on a database that is behind the code."""
    state = schema_state(engine)
    if not state.at_head:
        where = state.current or "vide"
        raise SchemaBehindError(
            f"La base de données n'est pas à jour (version {where}, attendue {state.head}) : "
            "lancez « hotline db upgrade »."
        )
