"""The audit log (R-18, R-30): appending hash-chained rows and checking the whole chain.

Every lifecycle change of an incident is appended by ``app.services.incidents`` (one entry per history
line); télémaintenance steps and issued documents use the same :func:`append`.

Demo data: ``hotline demo seed`` writes its history in bulk, outside the services, and is not put in the
chain (building it for a million incidents would slow the seed down noticeably). The chain of a demo
database therefore starts with the first change made in the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, true, update
from sqlalchemy.orm import Session

from app.db.models import AuditEntry, AuditHead
from app.domain.audit_chain import AuditRecord, ChainVerifier, canonical_payload, compute_hash

HEAD_ID = 1
VERIFY_BATCH = 2000


@dataclass(frozen=True)
class AuditReport:
    """The outcome of a full check: how many rows were read and the first one that does not hold."""

    checked: int
    ok: bool
    first_broken_seq: int | None = None
    reason: str | None = None


_HEAD = AuditHead.__table__
_ENTRIES = AuditEntry.__table__
# Built once: every append then finds its statements in SQLAlchemy's compiled cache.
# SQLite: a write to the head row that reads it back in the same statement (RETURNING, SQLite 3.35+).
_TOUCH_HEAD = (
    update(_HEAD)
    .where(_HEAD.c.id == HEAD_ID)
    .values(last_seq=_HEAD.c.last_seq)
    .returning(_HEAD.c.last_seq, _HEAD.c.last_hash)
)
_READ_HEAD_LOCKED = select(_HEAD.c.last_seq, _HEAD.c.last_hash).where(_HEAD.c.id == HEAD_ID).with_for_update()
_MOVE_HEAD = (
    update(_HEAD).where(_HEAD.c.id == HEAD_ID).values(last_seq=bindparam("new_seq"), last_hash=bindparam("new_hash"))
)
_INSERT_ENTRY = insert(_ENTRIES)


def _lock_head(connection: Connection) -> tuple[int, str]:
    """Take the writers' lock and read the chain's end under it.

    Reading the last row first and locking afterwards would let two writers extend the same row (a fork).
    SQLite has one writer at a time but only takes the write lock at the first write of a transaction, so
    the first thing done is a write to the head row, which returns the head as it is under that lock;
    after it, nobody else can append until we commit. PostgreSQL locks the head row itself
    (``FOR UPDATE``); a second writer waits, then reads the new head.
    """
    query = _TOUCH_HEAD if connection.dialect.name == "sqlite" else _READ_HEAD_LOCKED
    row = connection.execute(query).one()
    return row.last_seq, row.last_hash


def take_writers_lock(session: Session) -> None:
    """Take the writers' lock now, before a use case reads what it will change and append.

    On SQLite the transaction then holds the write lock before its first read, so no other writer can
    commit in between and what it reads is the latest; on PostgreSQL the head row stays locked until
    commit. Two workstations recording the same télémaintenance step thus run one after the other.
    """
    _lock_head(session.connection())


def append(
    session: Session,
    *,
    kind: str,
    subject: str,
    payload: Mapping[str, Any],
    actor: str,
    station: str,
    at: datetime | None = None,
) -> AuditRecord:
    """Append one entry after the current end of the chain; the caller commits (the lock lasts until then).

    The row is written at once with Core statements (no unit of work): it depends on nothing pending in
    the session, and the head must move in the same breath anyway.
    """
    when = (at or datetime.now(UTC)).astimezone(UTC)
    text = canonical_payload(payload)
    connection = session.connection()
    last_seq, last_hash = _lock_head(connection)
    seq = last_seq + 1
    digest = compute_hash(last_hash, seq, when, actor, station, kind, subject, text)
    record = AuditRecord(seq, when, actor, station, kind, subject, text, last_hash, digest)
    connection.execute(
        _INSERT_ENTRY,
        {
            "seq": seq,
            "at": when,
            "actor": actor,
            "station": station,
            "kind": kind,
            "subject": subject,
            "payload": text,
            "prev_hash": last_hash,
            "row_hash": digest,
        },
    )
    connection.execute(_MOVE_HEAD, {"new_seq": seq, "new_hash": digest})
    return record


def verify_chain(session: Session) -> AuditReport:
    """Check every row in seq order, streaming them, and that the chain ends where the head says.

    The rows and the head are read by one statement (the head joined to every row), so both come from the
    same snapshot even while others keep appending.
    """
    columns = (
        AuditEntry.seq,
        AuditEntry.at,
        AuditEntry.actor,
        AuditEntry.station,
        AuditEntry.kind,
        AuditEntry.subject,
        AuditEntry.payload,
        AuditEntry.prev_hash,
        AuditEntry.row_hash,
    )
    query = (
        select(AuditHead.last_seq, AuditHead.last_hash, *columns)
        .select_from(AuditHead)
        .outerjoin(AuditEntry, true())
        .where(AuditHead.id == HEAD_ID)
        .order_by(AuditEntry.seq)
        .execution_options(yield_per=VERIFY_BATCH)
    )
    verifier = ChainVerifier()
    head: tuple[int, str] | None = None
    for row in session.execute(query):
        head = (row.last_seq, row.last_hash)
        if row.seq is None:  # an empty log: the outer join gives the head alone
            break
        record = AuditRecord(
            row.seq, row.at, row.actor, row.station, row.kind, row.subject, row.payload, row.prev_hash, row.row_hash
        )
        if verifier.feed(record) is not None:
            break
    if verifier.broken is not None:
        return AuditReport(verifier.checked, False, verifier.broken.seq, verifier.broken.reason)
    if head is None:
        return AuditReport(0, False, 1, "tête du journal absente : la table audit_head a été vidée")
    head_seq, head_hash = head
    if head_seq > verifier.last_seq:
        return AuditReport(
            verifier.checked,
            False,
            verifier.last_seq + 1,
            f"le journal s'arrête à l'entrée n° {verifier.last_seq} alors que la dernière écrite est la n° "
            f"{head_seq} : entrée(s) supprimée(s) en fin de journal",
        )
    if head_seq < verifier.last_seq:
        return AuditReport(
            verifier.checked,
            False,
            head_seq + 1,
            f"entrée(s) n° {head_seq + 1} et suivantes ajoutées hors de l'application "
            f"(la dernière écrite par l'application est la n° {head_seq})",
        )
    if head_hash != verifier.last_hash:
        return AuditReport(
            verifier.checked,
            False,
            head_seq,
            f"l'entrée n° {head_seq} ne correspond pas à la dernière empreinte enregistrée : réécrite",
        )
    return AuditReport(verifier.checked, True)
