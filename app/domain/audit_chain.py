"""The hash chain of the audit log (R-18, R-30): canonical serialisation, hashing and verification.

Pure: no database, no clock. Each row holds the SHA-256 of the previous row (``prev_hash``) and the
SHA-256 of that value followed by its own fields (``row_hash``). Changing a row's content breaks its own
hash; removing or inserting a row breaks the link of the next one, or leaves a gap in the sequence.

What the chain cannot prove on its own: someone who rewrites every row after the one they touched and
recomputes all hashes (there is no secret key). The service compares the last row with a separately kept
head to catch removals and additions at the end; publishing the head hash elsewhere would close the rest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    """One row of the audit log as the chain sees it (the database model maps onto it field by field)."""

    seq: int
    at: datetime
    actor: str
    station: str
    kind: str
    subject: str
    payload: str
    prev_hash: str
    row_hash: str


@dataclass(frozen=True)
class ChainBreak:
    """The first row where the chain does not hold, and why (French, for the user)."""

    seq: int
    reason: str


def canonical_payload(data: Mapping[str, Any]) -> str:
    """JSON with sorted keys, no spaces and real accents: the same data always gives the same text."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _instant(at: datetime) -> str:
    # A fixed form (UTC, microseconds) so that SQLite's naive UTC and PostgreSQL's timestamptz hash alike.
    if at.tzinfo is None:
        raise ValueError("naive datetime in the audit log; attach a time zone first")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_row(seq: int, at: datetime, actor: str, station: str, kind: str, subject: str, payload: str) -> str:
    """The row's own fields, in a fixed order, as one JSON array (unambiguous whatever the text holds)."""
    return json.dumps(
        [seq, _instant(at), actor, station, kind, subject, payload], ensure_ascii=False, separators=(",", ":")
    )


def compute_hash(
    prev_hash: str, seq: int, at: datetime, actor: str, station: str, kind: str, subject: str, payload: str
) -> str:
    """SHA-256 (hex) over the previous row's hash and this row's canonical fields."""
    text = prev_hash + "\n" + canonical_row(seq, at, actor, station, kind, subject, payload)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_hash(record: AuditRecord) -> str:
    """The hash a record should carry, recomputed from its stored fields."""
    return compute_hash(
        record.prev_hash,
        record.seq,
        record.at,
        record.actor,
        record.station,
        record.kind,
        record.subject,
        record.payload,
    )


class ChainVerifier:
    """Checks rows one at a time, in seq order, so that a million rows never sit in memory at once."""

    def __init__(self) -> None:
        self.checked = 0
        self.last_seq = 0
        self.last_hash = GENESIS_HASH
        self.broken: ChainBreak | None = None

    def feed(self, record: AuditRecord) -> ChainBreak | None:
        """Check the next row; returns the break it reveals (and remembers the first one)."""
        if self.broken is not None:
            return self.broken
        self.checked += 1
        expected = self.last_seq + 1
        if record.seq > expected:
            missing = f"n° {expected}" if record.seq == expected + 1 else f"n° {expected} à {record.seq - 1}"
            self.broken = ChainBreak(expected, f"entrée(s) {missing} absente(s) : supprimée(s) du journal")
        elif record.seq < expected:
            self.broken = ChainBreak(record.seq, f"entrée n° {record.seq} en double : une entrée a été insérée")
        elif record_hash(record) != record.row_hash:
            self.broken = ChainBreak(record.seq, f"contenu de l'entrée n° {record.seq} modifié (empreinte fausse)")
        elif record.prev_hash != self.last_hash:
            where = f"l'entrée n° {self.last_seq}" if self.last_seq else "le début du journal"
            self.broken = ChainBreak(
                record.seq,
                f"l'entrée n° {record.seq} ne suit pas {where} : une entrée a été insérée, supprimée ou réécrite",
            )
        else:
            self.last_seq = record.seq
            self.last_hash = record.row_hash
        return self.broken


def verify(rows: Iterable[AuditRecord]) -> ChainBreak | None:
    """The first broken row of a chain given in seq order (None: the chain holds)."""
    verifier = ChainVerifier()
    for row in rows:
        if verifier.feed(row) is not None:
            break
    return verifier.broken


def chain(
    entries: Iterable[tuple[datetime, str, str, str, str, str]], start: tuple[int, str] = (0, GENESIS_HASH)
) -> Iterator[AuditRecord]:
    """Build records for ``(at, actor, station, kind, subject, payload)`` tuples following ``start``
    (last seq, last hash); used to write several rows at once and by the tests."""
    seq, prev = start
    for at, actor, station, kind, subject, payload in entries:
        seq += 1
        digest = compute_hash(prev, seq, at, actor, station, kind, subject, payload)
        yield AuditRecord(seq, at, actor, station, kind, subject, payload, prev, digest)
        prev = digest
