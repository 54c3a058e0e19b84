"""Full-text search tables, which differ per backend and so live outside the ORM models.

SQLite: an FTS5 table keyed by the incidents' rowid. PostgreSQL: a table of ``tsvector`` with a GIN
index. Both hold text folded by ``app.domain.text.fold`` (no accents, lower case), so the same query
tokens work on both, and Alembic's drift check is told to leave them alone.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

SEARCH_TABLE_PREFIXES = ("incident_fts", "incident_search")


def is_search_table(name: str | None) -> bool:
    return bool(name) and name.startswith(SEARCH_TABLE_PREFIXES)  # type: ignore[union-attr]


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic filter: the search tables are created by hand in the migrations, not from the models."""
    table = getattr(obj, "table", None)
    table_name = getattr(table, "name", None) if type_ in ("index", "column", "unique_constraint") else name
    return not (type_ == "table" and is_search_table(name)) and not is_search_table(table_name)


def create_search_tables(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE incident_fts USING fts5(body, tokenize = 'unicode61', detail = 'column')"
        )
    else:
        conn.exec_driver_sql(
            "CREATE TABLE incident_search ("
            " incident_id uuid PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,"
            " document tsvector NOT NULL)"
        )
        conn.exec_driver_sql("CREATE INDEX incident_search_document ON incident_search USING gin (document)")


def drop_search_tables(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TABLE IF EXISTS incident_fts")
    else:
        conn.exec_driver_sql("DROP TABLE IF EXISTS incident_search")
