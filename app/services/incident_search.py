"""Full-text search over incidents: number, title, description, notes, workaround, resolution, client.

Text is folded (no accents, lower case) before it is indexed and before it is searched, and a query is
reduced to alphanumeric tokens, each matched as a prefix: quotes, ``*``, ``NEAR``, ``-`` or parentheses
typed by a user are plain text, never search syntax.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import ColumnElement, bindparam, false, literal_column, select, text
from sqlalchemy.orm import Session

from app.db.models import Client, Incident, IncidentEvent
from app.domain.text import fold
from app.domain.vocabulary import EventKind

MAX_TOKENS = 8
BATCH = 2000


def query_tokens(text_: str) -> list[str]:
    """The words of a query, folded; at most eight (a longer query is no more precise)."""
    return fold(text_).split()[:MAX_TOKENS]


def _document(number: str, parts: Iterable[str | None]) -> str:
    compact = number.replace("-", "")
    return fold(" ".join([number, compact, *(p for p in parts if p)]))


def _documents(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = session.execute(
        select(
            Incident.id,
            Incident.number,
            Incident.title,
            Incident.description,
            Incident.workaround,
            Incident.resolution,
            Incident.caller_name,
            Client.name,
            Client.code,
        )
        .join(Client, Client.id == Incident.client_id)
        .where(Incident.id.in_(ids))
    ).all()
    notes: dict[uuid.UUID, list[str]] = {}
    for incident_id, note in session.execute(
        select(IncidentEvent.incident_id, IncidentEvent.text).where(
            IncidentEvent.incident_id.in_(ids), IncidentEvent.kind == EventKind.NOTE
        )
    ):
        notes.setdefault(incident_id, []).append(note)
    return {row[0]: _document(row[1], [*row[2:], *notes.get(row[0], [])]) for row in rows}


def index_incidents(session: Session, ids: Iterable[uuid.UUID]) -> None:
    """(Re)index these incidents, in the caller's transaction."""
    wanted = list(ids)
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        documents = _documents(session, chunk)
        if session.get_bind().dialect.name == "sqlite":
            rowids = dict(
                session.execute(
                    select(Incident.id, literal_column("incidents.rowid")).where(Incident.id.in_(chunk))
                ).all()
            )
            session.execute(
                text("DELETE FROM incident_fts WHERE rowid IN :rowids").bindparams(bindparam("rowids", expanding=True)),
                {"rowids": list(rowids.values())},
            )
            session.execute(
                text("INSERT INTO incident_fts(rowid, body) VALUES (:rowid, :body)"),
                [{"rowid": rowids[i], "body": body} for i, body in documents.items()],
            )
        else:
            session.execute(
                text(
                    "INSERT INTO incident_search (incident_id, document) VALUES (:id, to_tsvector('simple', :body)) "
                    "ON CONFLICT (incident_id) DO UPDATE SET document = EXCLUDED.document"
                ),
                [{"id": i, "body": body} for i, body in documents.items()],
            )


_INSERT_SQLITE = text("INSERT INTO incident_fts(rowid, body) VALUES (:rowid, :body)")
_INSERT_POSTGRESQL = text(
    "INSERT INTO incident_search (incident_id, document) VALUES (:id, to_tsvector('simple', :body))"
)


def index_new_incident(
    session: Session, incident_id: uuid.UUID, rowid: int | None, number: str, parts: Iterable[str | None]
) -> None:
    """Index an incident just inserted in the caller's transaction, from the values at hand.

    ``parts`` are those of :func:`_documents`, in its order (title, description, workaround, resolution,
    caller, client name, client code); a new incident has no notes yet. ``rowid`` is the incident's
    SQLite rowid (ignored elsewhere). There is no previous entry to replace.
    """
    body = _document(number, parts)
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.execute(_INSERT_SQLITE, {"rowid": rowid, "body": body})
    else:
        connection.execute(_INSERT_POSTGRESQL, {"id": incident_id, "body": body})


def rebuild_search_index(session: Session) -> int:
    """Index every incident (after a bulk load); returns how many."""
    if session.get_bind().dialect.name == "sqlite":
        return _rebuild_sqlite(session)
    session.execute(text("DELETE FROM incident_search"))
    ids = list(session.execute(select(Incident.id)).scalars())
    index_incidents(session, ids)
    return len(ids)


# The document of ``_document`` in SQL: the same parts in the same order, the notes in the order of the
# history. SQLite calls a Python function for the folding, so the text is exactly what
# ``index_incidents`` writes, without moving a million rows through Python objects.
_SQLITE_REBUILD_TEMPLATE = f"""
INSERT INTO incident_fts (rowid, body)
SELECT i.rowid, hotline_document(
    i.number, i.title, i.description, i.workaround, i.resolution, i.caller_name, c.name, c.code,
    (
        SELECT group_concat(n.text, ' ') FROM (
            SELECT e.text FROM incident_events AS e
            WHERE e.incident_id = i.id AND e.kind = '{EventKind.NOTE.value}'
            ORDER BY e.seq
        ) AS n
    ))
FROM incidents AS i JOIN clients AS c ON c.id = i.client_id
{{where}}ORDER BY i.rowid
"""
_SQLITE_REBUILD = _SQLITE_REBUILD_TEMPLATE.format(where="")


def sqlite_index_statement(rowid_range: bool = False) -> str:
    """The SQL that writes the search entries of every incident, or (``rowid_range``) of the incidents
    whose rowid is in ``(?, ?]``: a bulk load indexes batch by batch with it. Needs
    ``register_document_function`` on the connection first."""
    return _SQLITE_REBUILD_TEMPLATE.format(where="WHERE i.rowid > ? AND i.rowid <= ?\n" if rowid_range else "")


def register_document_function(driver: Any) -> None:
    """Give a raw SQLite connection the ``hotline_document`` function the index statements call."""
    driver.create_function("hotline_document", 9, _document_function(), deterministic=True)


def _document_function() -> Callable[..., str]:
    """``_document`` for the bulk rebuild, folding each part once however many incidents share it.

    Folding works word by word (each character is decomposed, stripped and lowered on its own, and
    anything but a letter or digit separates words), so folding parts joined by spaces is joining
    their folded forms; titles, descriptions, names and notes repeat across incidents, and this cache
    (local to one rebuild) spares most of the work.
    """
    cache: dict[str, str] = {}

    def folded(part: str) -> str:
        value = cache.get(part)
        if value is None:
            value = cache[part] = fold(part)
        return value

    def document(number: str, *parts: str | None) -> str:
        words = [fold(f"{number} {number.replace('-', '')}"), *(folded(p) for p in parts if p)]
        return " ".join(w for w in words if w)

    return document


def _rebuild_sqlite(session: Session) -> int:
    register_document_function(session.connection().connection.driver_connection)
    session.execute(text("DELETE FROM incident_fts"))
    session.execute(text(_SQLITE_REBUILD))
    return session.execute(text("SELECT count(*) FROM incident_fts")).scalar_one()


def matches(session: Session, text_: str, *, walk_dates: bool = False) -> ColumnElement[bool]:
    """A WHERE clause keeping the incidents that match every word of ``text_`` (as prefixes).

    ``walk_dates`` (SQLite): the matches are many, so the rows should be read in date-index order and
    tested for membership; ``+rowid`` keeps SQLite from starting at the match list and sorting it all.
    """
    tokens = query_tokens(text_)
    if not tokens:
        return false()
    if session.get_bind().dialect.name == "sqlite":
        # Tokens are [a-z0-9]+ only, so quoting them makes any user text a literal.
        expression = " ".join(f'"{t}"*' for t in tokens)
        condition = text("incident_fts MATCH :fts_query").bindparams(fts_query=expression)
        column = literal_column("+incidents.rowid" if walk_dates else "incidents.rowid")
        return column.in_(select(literal_column("rowid")).select_from(text("incident_fts")).where(condition))
    expression = " & ".join(f"{t}:*" for t in tokens)
    condition = text("document @@ to_tsquery('simple', :ts_query)").bindparams(ts_query=expression)
    return Incident.id.in_(select(literal_column("incident_id")).select_from(text("incident_search")).where(condition))


# Above this many matches a word is common: newest-first listing walks the date index and keeps the
# matches (they come quickly); below it, the few matches are fetched and sorted (faster than walking).
COMMON_MATCHES = 5000


def sqlite_matching_rowids(session: Session, text_: str) -> list[int] | None:
    """On SQLite, the incidents' rowids matching ``text_`` when they are few, None when they are many."""
    tokens = query_tokens(text_)
    if not tokens:
        return []
    expression = " ".join(f'"{t}"*' for t in tokens)
    rowids = (
        session.execute(
            text("SELECT rowid FROM incident_fts WHERE incident_fts MATCH :q LIMIT :cap"),
            {"q": expression, "cap": COMMON_MATCHES + 1},
        )
        .scalars()
        .all()
    )
    return None if len(rowids) > COMMON_MATCHES else list(rowids)
