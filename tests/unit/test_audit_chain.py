"""The audit hash chain (pure): canonical hashing, and an edited, deleted or inserted row found by seq."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

from app.domain.audit_chain import (
    GENESIS_HASH,
    AuditRecord,
    canonical_payload,
    chain,
    compute_hash,
    record_hash,
    verify,
)

T0 = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def build(n: int) -> list[AuditRecord]:
    entries = [
        (T0 + timedelta(minutes=i), "Camille Martin", "NCY", "incident_event", f"NCY-26-{i:05d}", f'{{"i":{i}}}')
        for i in range(n)
    ]
    return list(chain(entries))


def test_payload_is_canonical_whatever_the_key_order() -> None:
    assert canonical_payload({"b": 1, "a": "é"}) == canonical_payload({"a": "é", "b": 1}) == '{"a":"é","b":1}'


def test_hash_is_sha256_hex_and_depends_on_every_field_and_the_previous_hash() -> None:
    base = compute_hash(GENESIS_HASH, 1, T0, "A", "NCY", "k", "s", "{}")
    assert len(base) == 64 and int(base, 16) >= 0
    assert compute_hash("1" * 64, 1, T0, "A", "NCY", "k", "s", "{}") != base
    assert compute_hash(GENESIS_HASH, 2, T0, "A", "NCY", "k", "s", "{}") != base
    assert compute_hash(GENESIS_HASH, 1, T0, "B", "NCY", "k", "s", "{}") != base
    assert compute_hash(GENESIS_HASH, 1, T0, "A", "NCY", "k", "s", '{"x":1}') != base
    # The same instant in another zone is the same fact.
    paris = T0.astimezone(timezone(timedelta(hours=1)))
    assert compute_hash(GENESIS_HASH, 1, paris, "A", "NCY", "k", "s", "{}") == base


def test_a_built_chain_holds_and_starts_from_zeros() -> None:
    rows = build(5)
    assert rows[0].prev_hash == GENESIS_HASH and [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert all(rows[i].prev_hash == rows[i - 1].row_hash for i in range(1, 5))
    assert all(record_hash(r) == r.row_hash for r in rows)
    assert verify(rows) is None
    assert verify([]) is None


def test_an_edited_row_is_named() -> None:
    rows = build(5)
    rows[2] = dataclasses.replace(rows[2], payload='{"i":999}')
    broken = verify(rows)
    assert broken is not None and broken.seq == 3 and "modifié" in broken.reason


def test_an_edited_row_whose_hash_was_recomputed_breaks_the_next_link() -> None:
    rows = build(5)
    forged = dataclasses.replace(rows[2], actor="Quelqu'un")
    rows[2] = dataclasses.replace(forged, row_hash=record_hash(forged))
    broken = verify(rows)
    assert broken is not None and broken.seq == 4 and "ne suit pas l'entrée n° 3" in broken.reason


def test_a_deleted_row_is_named_by_its_missing_seq() -> None:
    rows = build(5)
    del rows[1]
    broken = verify(rows)
    assert broken is not None and broken.seq == 2 and "supprimée" in broken.reason


def test_an_inserted_row_is_found() -> None:
    rows = build(5)
    # A row forged after n° 2 with a correct hash of its own: n° 3 no longer follows what precedes it.
    intruder = next(chain([(T0, "X", "NCY", "incident_event", "NCY-26-99999", "{}")], start=(2, rows[1].row_hash)))
    broken = verify([*rows[:2], intruder, *rows[2:]])
    assert broken is not None and broken.seq == 3 and "insérée" in broken.reason
    # A row slipped in with a made-up seq and hash.
    odd = dataclasses.replace(rows[4], seq=6, prev_hash=rows[4].row_hash, row_hash="f" * 64)
    broken = verify([*rows, odd])
    assert broken is not None and broken.seq == 6 and "modifié" in broken.reason
