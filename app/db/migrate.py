"""Schema migrations through Alembic, the only way the schema changes (DESIGN.md)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

import migrations
from app.db.models import Base
from app.db.search_tables import include_object

MIGRATIONS_DIR = Path(migrations.__file__).resolve().parent


class SchemaBehindError(RuntimeError):
    """The database is older than this version of the app."""


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads; merge them")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


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
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    shutil.copy2(source, target)
    return target


def upgrade(engine: Engine, revision: str = "head") -> Path | None:
    """Bring the database to ``revision``. Returns the path of the backup taken first, if any."""
    current = current_revision(engine)
    backup = None
    if current is not None and current != head_revision():
        backup = _backup_sqlite(engine, current)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    return backup


def drift(engine: Engine) -> list[object]:
    """What differs between the models and the database as the migrations left it (empty: no drift)."""
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
