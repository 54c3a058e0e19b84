"""The demo seeder: same seed, same rows; rows that tell a coherent story; nothing written on refusal."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, literal_column, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import migrate
from app.db.engine import make_engine
from app.db.models import (
    Base,
    CallLog,
    Client,
    Contact,
    Contract,
    ContractService,
    Incident,
    IncidentEvent,
    NumberSequence,
    PhoneNumber,
    Site,
    Training,
)
from app.domain.numbering import parse_number
from app.domain.phones import to_e164
from app.domain.text import fold
from app.domain.vocabulary import Channel, EventKind, IncidentStatus, Origin, ServiceKind
from app.services import demo_rows, demo_seed
from app.services.demo_seed import DEFAULT_END, SeedError, seed_demo
from app.services.incident_search import _document, matches

PARIS = ZoneInfo("Europe/Paris")
SMALL = {"clients": 40, "incidents": 600}
CUTOFF = datetime.combine(DEFAULT_END, time(18, 0), tzinfo=PARIS)
Rows = dict[str, list[tuple[Any, ...]]]


def _fresh_engine(path: Path) -> Engine:
    engine = make_engine(f"sqlite+pysqlite:///{path}")
    migrate.upgrade(engine)
    return engine


def _all_rows(engine: Engine) -> Rows:
    """Every table's rows, ordered by primary key (then sorted, so backends' collations do not matter)."""
    rows: Rows = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            result = conn.execute(select(table).order_by(*table.primary_key.columns))
            rows[table.name] = sorted((tuple(r) for r in result), key=repr)
    return rows


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One small demo database shared by the read-only checks of this module."""
    engine = _fresh_engine(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    seed_demo(engine, seed=7, **SMALL)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def seeded_rows(seeded: Engine) -> Rows:
    return _all_rows(seeded)


def _scalars(engine: Engine, statement: Any) -> list[Any]:
    with Session(engine) as session:
        return list(session.scalars(statement))


def _paris(moment: datetime) -> datetime:
    return moment.astimezone(PARIS)


# --- determinism ----------------------------------------------------------------------------------


def test_same_seed_gives_identical_rows_in_every_table(tmp_path: Path, seeded_rows: Rows) -> None:
    other = _fresh_engine(tmp_path / "again.sqlite3")
    summary = seed_demo(other, seed=7, **SMALL)
    assert _all_rows(other) == seeded_rows
    assert summary.clients == 40 and summary.incidents == 600
    assert summary.events == len(seeded_rows["incident_events"])
    assert summary.calls == len(seeded_rows["call_logs"])
    other.dispose()


def rows_digest(rows: Rows) -> str:
    """A fingerprint of every row, to compare databases seeded in different processes."""
    return hashlib.sha256(repr(sorted(rows.items())).encode()).hexdigest()


def test_rows_do_not_depend_on_the_process_hash_seed(tmp_path: Path, seeded_rows: Rows) -> None:
    """Set iteration and ``hash()`` of strings change between processes; the demo must not."""
    script = (
        "import sys; from pathlib import Path\n"
        "from tests.integration.test_demo_seed import SMALL, _all_rows, _fresh_engine, rows_digest\n"
        "from app.services.demo_seed import seed_demo\n"
        "engine = _fresh_engine(Path(sys.argv[1]))\n"
        "seed_demo(engine, seed=7, **SMALL)\n"
        "print(rows_digest(_all_rows(engine)))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "other-process.sqlite3")],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.stdout.strip() == rows_digest(seeded_rows)


def test_another_seed_gives_other_rows(tmp_path: Path, seeded_rows: Rows) -> None:
    other = _fresh_engine(tmp_path / "other.sqlite3")
    seed_demo(other, seed=8, **SMALL)
    rows = _all_rows(other)
    for table in ("clients", "contacts", "incidents", "incident_events"):
        assert rows[table] != seeded_rows[table], table
    other.dispose()


def _stored(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored value of every table as SQLite holds it (its SQL literal and its storage class), by
    rowid (by primary key in a table without one): what the database file says, below any type
    conversion of SQLAlchemy's."""
    stored = {}
    with closing(sqlite3.connect(path)) as raw:
        tables = [t for t in Base.metadata.sorted_tables] + ["incident_fts"]
        for table in tables:
            name = getattr(table, "name", table)
            info = raw.execute(f'PRAGMA table_info("{name}")').fetchall()
            columns = [row[1] for row in info]
            cells = ", ".join(f'quote("{c}"), typeof("{c}")' for c in columns)
            (sql,) = raw.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            if "WITHOUT ROWID" in sql.upper():
                key = ", ".join(f'"{row[1]}"' for row in sorted(info, key=lambda r: r[5]) if row[5])
                query = f'SELECT {cells} FROM "{name}" ORDER BY {key}'
            else:
                query = f'SELECT _rowid_, {cells} FROM "{name}" ORDER BY _rowid_'
            stored[name] = raw.execute(query).fetchall()
    return stored


def test_direct_sqlite_inserts_store_exactly_what_sqlalchemy_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SQLite fast path converts values itself: the file must not differ by a byte from the one
    written through SQLAlchemy's own parameter processing."""
    stored = {}
    for fast in (False, True):
        monkeypatch.setattr(demo_rows, "FAST_SQLITE_INSERTS", fast)
        path = tmp_path / f"fast-{fast}.sqlite3"
        engine = _fresh_engine(path)
        seed_demo(engine, seed=11, clients=25, incidents=400, years=3, contacts=90)
        engine.dispose()
        stored[fast] = _stored(path)
    assert stored[True]["incidents"], "nothing seeded"
    for table, rows in stored[False].items():
        assert stored[True][table] == rows, table


def test_rows_generated_by_a_second_process_are_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big load is generated by a second process while this one inserts: the file must not differ
    by a byte from the one generated here."""
    stored = {}
    for threshold in (10**9, 0):
        monkeypatch.setattr(demo_seed, "WORKER_FROM_INCIDENTS", threshold)
        path = tmp_path / f"worker-{threshold}.sqlite3"
        engine = _fresh_engine(path)
        summary = seed_demo(engine, seed=11, clients=25, incidents=400, years=3, contacts=90)
        engine.dispose()
        stored[threshold] = (_stored(path), summary)
    assert stored[0][0]["incidents"], "nothing seeded"
    assert stored[0][1] == stored[10**9][1]
    for table, rows in stored[10**9][0].items():
        assert stored[0][0][table] == rows, table


def test_a_failing_generator_process_leaves_the_database_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A generator that stops before sending everything is an error, and nothing of the load is kept."""
    monkeypatch.setattr(demo_seed, "WORKER_FROM_INCIDENTS", 0)
    monkeypatch.setattr(sys, "executable", "/bin/false")
    engine = _fresh_engine(tmp_path / "failing.sqlite3")
    with pytest.raises(RuntimeError, match="générateur"):
        seed_demo(engine, seed=3, clients=4, incidents=30)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Client)).scalar_one() == 0
    engine.dispose()


def test_without_an_interpreter_to_start_the_rows_are_generated_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_seed, "WORKER_FROM_INCIDENTS", 0)
    monkeypatch.setattr(sys, "executable", "")
    engine = _fresh_engine(tmp_path / "here.sqlite3")
    summary = seed_demo(engine, seed=3, clients=4, incidents=30)
    assert summary.incidents == 30
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM incident_fts")).scalar_one() == 30
    engine.dispose()


def test_the_rebuilt_index_holds_what_indexing_one_incident_writes(seeded: Engine) -> None:
    """The bulk rebuild folds in SQL; each body must be the document ``index_incidents`` would write."""
    with Session(seeded) as session:
        rows = session.execute(
            select(
                literal_column("incidents.rowid"),
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
            .order_by(Incident.number)
        ).all()
        bodies = dict(session.execute(text("SELECT rowid, body FROM incident_fts")).all())
        notes = defaultdict(list)
        for incident_id, note in session.execute(
            select(IncidentEvent.incident_id, IncidentEvent.text)
            .where(IncidentEvent.kind == EventKind.NOTE)
            .order_by(IncidentEvent.incident_id, IncidentEvent.seq)
        ):
            notes[incident_id].append(note)
    assert len(bodies) == len(rows)
    with_notes = [row for row in rows if len(notes[row[1]]) > 1]
    assert with_notes, "no incident with several notes to check their order"
    for rowid, incident_id, number, *parts in rows:
        assert bodies[rowid] == _document(number, [*parts, *notes[incident_id]]), number


# --- refusals -------------------------------------------------------------------------------------


def test_a_database_with_clients_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    engine = _fresh_engine(tmp_path / "full.sqlite3")
    seed_demo(engine, seed=1, clients=3, incidents=20)
    before = _all_rows(engine)
    with pytest.raises(SeedError, match="déjà 3 client"):
        seed_demo(engine, seed=2, clients=3, incidents=20)
    assert _all_rows(engine) == before
    engine.dispose()


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        ({"clients": 0}, "nombre de clients"),
        ({"clients": 100_001}, "nombre de clients"),
        ({"incidents": -1}, "nombre d'incidents"),
        ({"incidents": 2_000_001}, "nombre d'incidents"),
        ({"end": datetime(2026, 1, 1, tzinfo=UTC)}, "sans heure"),
        ({"seed": "7"}, "graine"),
        ({"years": 0}, "nombre d'années"),
        ({"years": 11}, "nombre d'années"),
        ({"clients": 10, "contacts": 9}, "nombre de contacts"),
        ({"clients": 10, "contacts": 201}, "nombre de contacts"),
    ],
)
def test_out_of_range_arguments_are_refused_before_anything_is_written(
    engine: Engine, arguments: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(SeedError, match=fragment):
        seed_demo(engine, **arguments)
    assert _scalars(engine, select(func.count()).select_from(Client)) == [0]


def test_no_incidents_and_another_end_date_are_fine(engine: Engine) -> None:
    summary = seed_demo(engine, seed=3, clients=5, incidents=0, end=date(2024, 2, 29))
    assert summary.incidents == summary.events == summary.number_sequences == 0
    cutoff = datetime(2024, 2, 29, 18, tzinfo=PARIS)
    assert max(_scalars(engine, select(Contract.created_at))) <= cutoff


def test_a_reader_of_the_log_does_not_stop_the_seed(engine: Engine) -> None:
    """The load switches the file out of WAL when it can; while another connection reads the log (the
    checkpoint after the migrations' commit, another process) SQLite refuses at once: the load then runs
    in WAL instead of failing, and the file stays in WAL."""
    path = engine.url.database
    with closing(sqlite3.connect(path, isolation_level=None, timeout=0)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM clients").fetchone()
        summary = seed_demo(engine, seed=3, clients=5, incidents=20)
        reader.execute("COMMIT")
    assert summary.clients == 5 and summary.incidents == 20
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# --- realism and consistency ----------------------------------------------------------------------


def test_every_status_origin_channel_priority_and_service_appears(seeded: Engine) -> None:
    incidents = _scalars(seeded, select(Incident))
    assert {i.status for i in incidents} == set(IncidentStatus)
    assert {i.origin for i in incidents} == {*Origin, None}
    assert {i.channel for i in incidents} == set(Channel)
    assert {i.priority for i in incidents} == {1, 2, 3, 4}
    assert {i.covered for i in incidents} == {True, False}
    assert set(_scalars(seeded, select(ContractService.service))) == set(ServiceKind)


def test_origin_is_set_exactly_once_diagnosed(seeded: Engine) -> None:
    """R-11/R-14: a new incident has no origin nor estimate yet; every other one has both."""
    for incident in _scalars(seeded, select(Incident)):
        diagnosed = incident.status is not IncidentStatus.NEW
        assert (incident.origin is not None) == diagnosed
        assert (incident.estimate_minutes is not None) == diagnosed
        assert (incident.exclusion is not None) == incident.out_of_contract
        if incident.out_of_contract:
            assert incident.covered is False


def test_history_follows_the_lifecycle_and_matches_the_incident(seeded: Engine) -> None:
    """R-14: an append-only history, created first, every transition from the previous status."""
    incidents = {i.id: i for i in _scalars(seeded, select(Incident))}
    events: dict[Any, list[IncidentEvent]] = defaultdict(list)
    for event in _scalars(seeded, select(IncidentEvent).order_by(IncidentEvent.incident_id, IncidentEvent.seq)):
        events[event.incident_id].append(event)
    assert set(events) == set(incidents)
    for incident_id, history in events.items():
        incident = incidents[incident_id]
        assert [e.seq for e in history] == list(range(1, len(history) + 1))
        assert history[0].kind is EventKind.CREATED and history[0].to_status is IncidentStatus.NEW
        assert history[0].at == incident.opened_at
        assert all(a.at < b.at for a, b in pairwise(history))
        status = IncidentStatus.NEW
        for event in history[1:]:
            if event.kind is EventKind.STATUS_CHANGED:
                assert event.from_status is status and event.field == "action"
                status = event.to_status
            assert event.author_id is not None
        assert status is incident.status
        assert incident.updated_at == history[-1].at
        changes = [e for e in history if e.kind is EventKind.STATUS_CHANGED]
        assert incident.first_response_at == (changes[0].at if changes else None)
        went_through_workaround = any(e.to_status is IncidentStatus.WORKAROUND_PROPOSED for e in history)
        assert (incident.workaround is not None) == went_through_workaround


def test_timestamps_agree_with_the_status(seeded: Engine) -> None:
    finished = {IncidentStatus.RESOLVED, IncidentStatus.CLOSED}
    reopened = 0
    for incident in _scalars(seeded, select(Incident)):
        assert incident.opened_at <= CUTOFF and incident.updated_at <= CUTOFF
        assert incident.created_at == incident.opened_at and incident.version == 1
        if incident.first_response_at is not None:
            assert incident.first_response_at > incident.opened_at
        assert (incident.resolved_at is not None) == (incident.status in finished)
        assert (incident.resolution is not None) == (incident.status in finished)
        assert (incident.closed_at is not None) == (incident.status is IncidentStatus.CLOSED)
        if incident.closed_at is not None:
            assert incident.opened_at < incident.resolved_at < incident.closed_at
        if incident.status is IncidentStatus.NEW and incident.channel is Channel.PORTAL:
            assert incident.assignee_id is None and incident.created_by_id is None
        elif incident.status is not IncidentStatus.NEW:
            assert incident.assignee_id is not None
        reopened += incident.resolution is not None and incident.resolution.startswith("Nouvelle")
    assert reopened > 0


def test_incidents_open_within_the_two_years_and_phone_ones_in_hotline_hours(seeded: Engine) -> None:
    """R-15: Mon–Thu 08:30–12:00 and 13:30–17:00, Friday until 16:00; only portal and e-mail outside."""
    for incident in _scalars(seeded, select(Incident)):
        local = _paris(incident.opened_at)
        assert DEFAULT_END - timedelta(days=730) <= local.date() <= DEFAULT_END
        if incident.channel in (Channel.PORTAL, Channel.EMAIL):
            continue
        assert local.weekday() < 5
        close = time(16, 4) if local.weekday() == 4 else time(17, 4)
        assert time(8, 30) <= local.time() <= time(12, 4) or time(13, 30) <= local.time() <= close
    for call in _scalars(seeded, select(CallLog)):
        local = _paris(call.started_at)
        assert local.weekday() < 5 and time(8, 30) <= local.time() < time(17, 0)
        assert call.started_at < call.ended_at <= CUTOFF


def test_numbers_parse_and_sequences_match_the_highest_number(seeded: Engine) -> None:
    """R-10: numbers are valid, unique, made by the incident's station in its Paris year."""
    highest: Counter[tuple[str, int]] = Counter()
    for incident in _scalars(seeded, select(Incident)):
        number = parse_number(incident.number)
        assert str(number) == incident.number and number.station == incident.station
        year = _paris(incident.opened_at).year
        assert number.year == year % 100
        highest[(incident.station, year)] = max(highest[(incident.station, year)], number.sequence)
    sequences = {(s.station, s.year): s.last_value for s in _scalars(seeded, select(NumberSequence))}
    assert sequences == dict(highest)
    count = len(_scalars(seeded, select(Incident.id)))
    assert sum(sequences.values()) == count  # no gaps: every number of the sequence was used


def test_every_client_has_contacts_a_current_site_and_a_contract(seeded: Engine) -> None:
    """R-01: clients, their sites with history, and one contract each."""
    clients = _scalars(seeded, select(Client))
    contacts = Counter(_scalars(seeded, select(Contact.client_id)))
    contracts = Counter(_scalars(seeded, select(Contract.client_id)))
    sites = _scalars(seeded, select(Site))
    current = Counter(s.client_id for s in sites if s.valid_to is None)
    for client in clients:
        assert 2 <= contacts[client.id] <= 6
        assert current[client.id] >= 1
        assert contracts[client.id] == 1
        assert client.search_name == fold(client.name)
        assert client.code[0] == "C" and len(client.code) == 6 and client.hotline_id.startswith("HL")
    by_id = {s.id: s for s in sites}
    moved = [s for s in sites if s.replaced_by_id is not None]
    assert moved, "this seed shows at least one move"
    for old in moved:
        new = by_id[old.replaced_by_id]
        assert old.valid_to == new.valid_from and new.valid_to is None and old.client_id == new.client_id
        assert old.move_notified_on is not None and old.move_notice_channel is not None


def test_names_carry_accents_and_search_names_are_folded(seeded: Engine) -> None:
    names = _scalars(seeded, select(Client.name))
    assert "Commune de Maxéville" in names
    assert any("é" in n or "É" in n for n in names)
    assert len(names) == len(set(names))
    for contact in _scalars(seeded, select(Contact)):
        assert contact.search_name == fold(f"{contact.first_name} {contact.last_name}")


def test_incidents_are_found_by_full_text_search(seeded: Engine) -> None:
    """The bulk load bypasses the incident service, so the seeder indexes the incidents itself."""
    with Session(seeded) as session:
        number, title = session.execute(select(Incident.number, Incident.title).limit(1)).one()
        word = max(fold(title).split(), key=len)
        found = session.scalars(select(Incident.number).where(matches(session, word))).all()
        assert number in found
        assert session.scalars(select(Incident.number).where(matches(session, number))).all() == [number]


def test_phone_numbers_are_e164_with_the_area_of_the_department(seeded: Engine) -> None:
    clients = {c.id: c for c in _scalars(seeded, select(Client))}
    for phone in _scalars(seeded, select(PhoneNumber)):
        assert to_e164(phone.e164) == phone.e164
        if phone.label == "Portable":
            assert phone.e164[:4] in ("+336", "+337")
        elif clients[phone.client_id].postal_code[:2] in ("54", "55", "57", "88", "67", "68", "51"):
            assert phone.e164.startswith("+333")


def test_some_clients_lack_two_trained_rtc(seeded: Engine) -> None:
    """R-02: the warning case (fewer than two active trained RTC) exists, and so does the normal one."""
    trained = set(_scalars(seeded, select(Training.contact_id)))
    rtc = [c for c in _scalars(seeded, select(Contact)) if c.is_rtc and c.active]
    per_client = Counter(c.client_id for c in rtc if c.id in trained)
    clients = _scalars(seeded, select(Client.id))
    assert any(per_client[c] < 2 for c in clients)
    assert any(per_client[c] >= 2 for c in clients)
    assert any(c.id not in trained for c in rtc), "an RTC without any training"
    assert all(c.rtc_since is not None for c in rtc)


def test_backup_service_has_the_two_gigabyte_quota(seeded: Engine) -> None:
    """R-23, R-22: backup quota; some calls are counted against the backup service."""
    services = _scalars(seeded, select(ContractService))
    assert {s.quota_bytes for s in services if s.service is ServiceKind.BACKUP} == {2_000_000_000}
    assert {s.quota_bytes for s in services if s.service is not ServiceKind.BACKUP} == {None}
    call_services = Counter(_scalars(seeded, select(CallLog.service)))
    assert call_services.most_common(1)[0][0] is ServiceKind.ASSISTANCE
    assert call_services[ServiceKind.BACKUP] > 0


# --- PostgreSQL -----------------------------------------------------------------------------------


@pytest.mark.pg
def test_postgresql_gets_the_same_rows_as_sqlite(pg_engine: Engine, seeded_rows: Rows) -> None:
    migrate.upgrade(pg_engine)
    summary = seed_demo(pg_engine, seed=7, **SMALL)
    assert summary.incidents == 600
    assert _all_rows(pg_engine) == seeded_rows
    with pytest.raises(SeedError):
        seed_demo(pg_engine, seed=7, **SMALL)


# --- plumbing -------------------------------------------------------------------------------------


def test_paris_to_utc_agrees_with_the_time_zone_rules_around_clock_changes() -> None:
    """The seeder's per-day shortcut gives the same instant as zoneinfo, on and around change days."""
    from app.services.demo_timeline import paris_to_utc

    for day in (date(2025, 3, 29), date(2025, 3, 30), date(2025, 10, 26), date(2026, 7, 14), date(2024, 2, 29)):
        for minutes in range(0, 24 * 60, 13):
            local = datetime.combine(day, time()) + timedelta(minutes=minutes, microseconds=minutes * 7)
            expected = local.replace(tzinfo=PARIS).astimezone(UTC)
            converted = paris_to_utc(local)
            assert converted == expected and converted.tzinfo is expected.tzinfo, local
            assert converted.replace(tzinfo=None) == expected.replace(tzinfo=None)


def test_the_load_settings_are_restored_afterwards(engine: Engine) -> None:
    """The bulk load enlarges the page cache, skips CHECK constraints and leaves the write-ahead log on
    its own connection only while it runs: the pooled connection comes back with the usual settings,
    and the checks hold."""
    seed_demo(engine, seed=5, clients=4, incidents=30)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA ignore_check_constraints").scalar_one() == 0
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar_one() == -2000
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        with pytest.raises(IntegrityError):
            conn.exec_driver_sql("UPDATE incidents SET status = 'bogus'")
    assert migrate.drift(engine) == []
