"""Benchmarks of the services on a data set: lookup, save, full-text search, hotline minutes."""

from __future__ import annotations

import os
import random
import sqlite3
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from app.db.engine import SQLITE_PRAGMAS, checkpointer, make_engine, session_factory
from app.db.models import Client, Contact, PhoneNumber
from app.domain.audit_chain import compute_hash
from app.domain.hotline_calendar import HotlineCalendar
from app.domain.numbering import make_number
from app.domain.text import fold
from app.services import incidents as svc
from app.services.clients import search_clients
from app.services.incident_queries import IncidentFilter, list_incidents
from app.services.incident_search import query_tokens
from tests.benchmarks.harness import Figure, Result, figure, frozen_setup, timed_ms

WORDS = ["mandat", "paie", "badgeuse", "edition", "sauvegarde", "elections", "cimetiere", "bloque", "facture"]
HOSTILE = ['"', "NEAR(", "*", "-", "() OR", "'; DROP"]


def run(db: Path, judge: bool, rounds: int) -> list[Result]:
    engine = make_engine(f"sqlite+pysqlite:///{db}")
    sessions = session_factory(engine)
    rng = random.Random(2026)
    try:
        return [
            _lookup(sessions, rng, judge, rounds),
            *_save(engine, sessions, db, rng, judge, rounds),
            _search(sessions, db, rng, judge, rounds),
            _hotline_minutes(judge),
            _register_pdf(judge),
            _kpi(db, judge),
            *_portal_sync(judge),
        ]
    finally:
        engine.dispose()


def _lookup(sessions, rng: random.Random, judge: bool, rounds: int) -> Result:
    with sessions() as session:
        clients = session.execute(select(Client.code, Client.hotline_id, Client.name)).all()
        phones = session.execute(select(PhoneNumber.e164)).scalars().all()
        queries: list[str] = []
        for _ in range(rounds):
            code, hotline_id, name = rng.choice(clients)
            national = "0" + rng.choice(phones)[3:]
            queries += [code, hotline_id, " ".join(national[i : i + 2] for i in range(0, 10, 2)), name.split()[-1][:5]]
        with frozen_setup():
            value = timed_ms(lambda q=q: search_clients(session, q, limit=20) for q in queries)
    met = value.p95 <= 30 if judge else None
    return Result("client lookup (code, hotline id, phone, name)", "ms", value, None, "p95 ≤ 30 ms", met)


SAVE_NAME = "save a new incident (number, history, outbox, index, audit)"


def _save(engine, sessions, db: Path, rng: random.Random, judge: bool, rounds: int) -> list[Result]:
    """The save against the physical floor of the same work: SQLite alone, through the raw driver, writing
    the rows a save writes (number, incident, history line, outbox, search entry, audit entry and head) in
    one transaction with the app's pragmas. A one-row INSERT + COMMIT is printed beside it for reference:
    it is the cost of one durable commit, not of saving an incident (see docs/performance.md).

    Neither side copies the write-ahead log back into the file inside its commits (the app's checkpointer
    does it at the next pause, the baseline has the app's ``wal_autocheckpoint=0``); the copy of the data
    set is synced first, and the log is copied before each side starts, so that neither waits for the
    copy's write-back or runs beside the other's checkpoint."""
    with sessions.begin() as session:
        actor = svc.ensure_technician(session, "banc", "Banc d'essai", "BNC")
        callers = session.execute(
            select(Client.code, Contact.first_name, Contact.last_name, Client.id, Client.name, Contact.id).join(
                Contact, Contact.client_id == Client.id
            )
        ).all()
    picks = [rng.choice(callers) for _ in range(rounds * 2)]

    def save(code: str, first: str, last: str) -> None:
        with sessions.begin() as s:
            svc.create_incident(s, actor, client_code=code, caller_name=f"{first} {last}", title="Imprimante bloquée")

    save(*picks[0][:3])  # warm-up: the first save of a process builds the calendar it checks hours against
    settle_on_disk(db)
    log = checkpointer(engine)
    if log is not None:
        log.flush()
    with frozen_setup():
        value = timed_ms(lambda p=p: save(*p[:3]) for p in picks)
    if log is not None:
        log.flush()
    # The last connection to close removes the log file: the baseline starts from an empty log, as the
    # saves did (a log that must grow makes each commit about 0.3 ms dearer than one reusing its space).
    engine.dispose()
    same_rows = raw_same_rows(db, picks, actor.technician_id)
    one_row = _raw_insert_commit(db, len(picks))
    met = (value.p95 <= 20 and value.p95 <= 3 * same_rows.p95) if judge else None
    return [
        Result(
            SAVE_NAME,
            "ms",
            value,
            same_rows,
            "p95 ≤ 20 ms and ≤ 3 × baseline",
            met,
            "baseline: the same rows written by raw sqlite3, INSERT + COMMIT",
        ),
        Result(
            SAVE_NAME,
            "ms",
            value,
            one_row,
            "— (reference)",
            None,
            "beside a one-row INSERT + COMMIT: one durable commit",
        ),
    ]


def settle_on_disk(db: Path) -> None:
    """Wait until the data set's copy is on disk: the runner has just written gigabytes of it, and the
    first sync of the file (a checkpoint's) would otherwise wait for all of them, inside a timed save."""
    fd = os.open(db, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _connect_like_the_app(db: Path) -> sqlite3.Connection:
    """A raw driver connection with the pragmas of every connection of the app (``app.db.engine``)."""
    conn = sqlite3.connect(db, isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _raw_insert_commit(db: Path, count: int) -> Figure:
    """The physical floor of a durable save: one INSERT and COMMIT with the app's pragmas."""
    conn = _connect_like_the_app(db)
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, at TEXT, body TEXT)")
        timings = []
        for i in range(count):
            started = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute("INSERT INTO bench_floor (at, body) VALUES (?, ?)", (datetime.now(UTC).isoformat(), f"r{i}"))
            conn.execute("COMMIT")
            timings.append((time.perf_counter() - started) * 1000)
        conn.execute("DROP TABLE bench_floor")
        return figure(timings)
    finally:
        conn.close()


_RAW_INCIDENT = (
    "INSERT INTO incidents (id, number, station, client_id, contact_id, caller_name, peripheral, title, description,"
    " channel, status, priority, covered, out_of_contract, opened_at, assignee_id, created_by_id, version,"
    " created_at, updated_at) VALUES (?, ?, 'BNR', ?, ?, ?, '', ?, '', 'phone', 'new', 3, 1, 0, ?, ?, ?, 1, ?, ?)"
)
_RAW_EVENT = (
    "INSERT INTO incident_events (id, incident_id, seq, at, author_id, author_name, kind, to_status, text)"
    " VALUES (?, ?, 1, ?, ?, 'Banc d''essai', 'created', 'new', 'couvert')"
)


_RAW_OUTBOX = (
    "INSERT INTO sync_outbox (op_id, incident_id, kind, payload, state, attempts, created_at)"
    " VALUES (?, ?, 'incident_upsert', ?, 'pending', 0, ?)"
)


def raw_same_rows(db: Path, picks: list, technician: uuid.UUID | None) -> Figure:
    """A fairer floor for the save: what SQLite alone takes to write the rows a save writes, in one
    transaction with the app's pragmas — the station's counter, the incident, its first history line, its
    outbox row, its search entry, the audit entry (hash computed) and the audit head. No lookups, no
    coverage check. The counter and the audit head are bumped and read back in one statement each, as the
    app does. Rows the schema's own triggers add to a save (``report_pending``, from migration 0012, on
    every INSERT or UPDATE of ``incidents``) are written here too: triggers fire for the raw driver's
    INSERT as for the app's."""
    conn = _connect_like_the_app(db)
    author = technician.hex if technician else None
    year = datetime.now(UTC).year
    try:
        conn.execute("INSERT OR IGNORE INTO number_sequences (station, year, last_value) VALUES ('BNR', ?, 0)", (year,))
        timings = []
        for _code, first, last, client_id, client_name, contact_id in picks:
            started = time.perf_counter()
            when = datetime.now(UTC)
            stamp = when.replace(tzinfo=None).isoformat(sep=" ")
            caller = f"{first} {last}"
            conn.execute("BEGIN")
            (value,) = conn.execute(
                "UPDATE number_sequences SET last_value = last_value + 1 WHERE station = 'BNR' AND year = ?"
                " RETURNING last_value",
                (year,),
            ).fetchone()
            number = str(make_number("BNR", year, value))
            incident = uuid.uuid4().hex
            cursor = conn.execute(
                _RAW_INCIDENT,
                (
                    incident,
                    number,
                    client_id.hex,
                    contact_id.hex,
                    caller,
                    "Imprimante bloquée",
                    stamp,
                    author,
                    author,
                    stamp,
                    stamp,
                ),
            )
            rowid = cursor.lastrowid
            conn.execute(_RAW_EVENT, (uuid.uuid4().hex, incident, stamp, author))
            conn.execute(_RAW_OUTBOX, (uuid.uuid4().hex, incident, f'{{"incident_id":"{incident}"}}', stamp))
            conn.execute(
                "INSERT INTO incident_fts (rowid, body) VALUES (?, ?)",
                (rowid, fold(f"{number} {number.replace('-', '')} Imprimante bloquée {caller} {client_name}")),
            )
            seq, prev = conn.execute(
                "UPDATE audit_head SET last_seq = last_seq WHERE id = 1 RETURNING last_seq, last_hash"
            ).fetchone()
            payload = f'{{"author":"Banc d\'essai","at":"{when.isoformat()}","kind":"created","text":"couvert"}}'
            digest = compute_hash(prev, seq + 1, when, "Banc d'essai", "BNR", "incident_event", number, payload)
            conn.execute(
                "INSERT INTO audit_entries (seq, at, actor, station, kind, subject, payload, prev_hash, row_hash)"
                " VALUES (?, ?, 'Banc d''essai', 'BNR', 'incident_event', ?, ?, ?, ?)",
                (seq + 1, stamp, number, payload, prev, digest),
            )
            conn.execute("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1", (seq + 1, digest))
            conn.execute("COMMIT")
            timings.append((time.perf_counter() - started) * 1000)
        return figure(timings)
    finally:
        conn.close()


def _search(sessions, db: Path, rng: random.Random, judge: bool, rounds: int) -> Result:
    queries = [rng.choice(WORDS) for _ in range(rounds * 3)] + [f"{rng.choice(WORDS)} {h}" for h in HOSTILE] * 3
    with sessions() as session, frozen_setup():
        value = timed_ms(lambda q=q: list_incidents(session, IncidentFilter(search=q), limit=100) for q in queries)
    conn = sqlite3.connect(db)
    try:
        expressions = [" ".join(f'"{t}"*' for t in query_tokens(q)) for q in queries]
        # The same work done by SQLite alone: the 100 newest incidents matching every word, by whichever of
        # its plans is fastest for that query: sort the matches, walk the date index, or read the 100
        # newest entries of the full-text index (in entry order, joined to their incidents; not sorted by
        # date, so a lower bound of any way to list them).
        plans = [
            f"SELECT i.rowid, i.number, i.title FROM incidents i WHERE {col} IN "
            "(SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?) ORDER BY i.opened_at DESC LIMIT 100"
            for col in ("i.rowid", "+i.rowid")
        ] + [
            "SELECT i.rowid, i.number, i.title FROM incident_fts f JOIN incidents i ON i.rowid = f.rowid"
            " WHERE incident_fts MATCH ? ORDER BY f.rowid DESC LIMIT 100"
        ]

        def best_plan(expression: str) -> None:
            timings = []
            for sql in plans:
                started = time.perf_counter()
                conn.execute(sql, (expression,)).fetchall()
                timings.append(time.perf_counter() - started)
            floor_times.append(min(timings) * 1000)

        floor_times: list[float] = []
        for expression in expressions:
            best_plan(expression)
        baseline = figure(floor_times)
    finally:
        conn.close()
    met = (value.p95 <= 50 and value.p95 <= 3 * baseline.p95) if judge else None
    return Result(
        "full-text search (first 100, newest first)", "ms", value, baseline, "p95 ≤ 50 ms and ≤ 3 × baseline", met
    )


def _hotline_minutes(judge: bool) -> Result:
    calendar = HotlineCalendar(first_year=2020, last_year=2040)
    rng = random.Random(3)
    low = datetime(2021, 1, 1, tzinfo=UTC)
    pairs = []
    for _ in range(100_000):
        a = low + timedelta(seconds=rng.randrange(0, 18 * 365 * 86400))
        pairs.append((a, a + timedelta(seconds=rng.randrange(-30 * 86400, 90 * 86400))))
    rates = []
    for _ in range(3):
        started = time.perf_counter()
        for a, b in pairs:
            calendar.business_minutes(a, b)
        rates.append(len(pairs) / (time.perf_counter() - started))
    value = Figure(sorted(rates)[1], min(rates), len(rates))
    met = value.p95 >= 100_000 if judge else None
    return Result(
        "hotline minutes between two instants", "calls/s", value, None, "≥ 100,000 calls/s", met, "p95 = slowest run"
    )


def _register_pdf(judge: bool) -> Result:
    from app.reports.register import build_incident_register
    from tests.benchmarks.bench_register import TARGET_SECONDS, register

    data = register(5000)
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        build_incident_register(data)
        timings.append(time.perf_counter() - started)
    value = Figure(min(timings), max(timings), len(timings))
    met = value.p95 < TARGET_SECONDS if judge else None
    return Result("incident register of 5,000 lines as PDF", "s", value, None, "< 10 s", met, "p95 = slowest build")


def _kpi(db: Path, judge: bool) -> Result:
    from tests.benchmarks.bench_kpi import TARGET_SECONDS, kpi_seconds

    timings = kpi_seconds(db, 2025, runs=3)
    value = figure(timings)
    met = value.median < TARGET_SECONDS if judge else None
    return Result("supervisor KPI set for a year (and the year before)", "s", value, None, "< 2 s", met)


def _portal_sync(judge: bool) -> list[Result]:
    from tests.benchmarks.bench_sync import PULL_TARGET_S, PUSH_TARGET_S, measure

    pull, push = (10_000, 1_000) if judge else (500, 50)
    f = measure(pull, push)
    pulled, pushed = Figure(f.pull_s, f.pull_s, 1), Figure(f.push_s, f.push_s, 1)
    return [
        Result(
            f"portal pull of {pull:,} incidents (loopback)",
            "s",
            pulled,
            None,
            "pull 10,000 ≤ 60 s",
            pulled.p95 <= PULL_TARGET_S if judge else None,
            f"{f.pull_records:,} records, {f.pull_records / f.pull_s:,.0f}/s",
        ),
        Result(
            f"portal push of {push:,} status changes (loopback)",
            "s",
            pushed,
            None,
            "push 1,000 ≤ 30 s",
            pushed.p95 <= PUSH_TARGET_S if judge else None,
            f"{f.push_operations:,} operations, {f.push_operations / f.push_s:,.0f}/s",
        ),
    ]
