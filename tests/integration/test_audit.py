"""The audit trail (R-18, R-30): incident changes chained, tampering found by seq, no fork under
concurrent writers (two processes, SQLite and PostgreSQL), and ``hotline audit verify``."""

from __future__ import annotations

import json
import multiprocessing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError

from app.cli import main
from app.db import migrate
from app.db.engine import make_engine, session_factory
from app.db.models import AuditEntry, IncidentEvent
from app.domain.audit_chain import GENESIS_HASH, compute_hash
from app.domain.vocabulary import Origin
from app.services import audit
from app.services import incidents as svc
from tests.integration.incident_fixtures import OPEN_HOUR, build_world

WRITES_PER_PROCESS = 200


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_engine(request: pytest.FixtureRequest) -> Engine:
    """A migrated database of each backend (PostgreSQL skips without HOTLINE_TEST_PG_URL)."""
    if request.param == "sqlite":
        return request.getfixturevalue("engine")
    eng = request.getfixturevalue("pg_engine")
    migrate.upgrade(eng)
    return eng


def _with_history(eng: Engine) -> str:
    """One incident created, diagnosed and annotated: at least four audited history lines."""
    sessions = session_factory(eng)
    with sessions.begin() as session:
        build_world(session)
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
    with sessions.begin() as session:
        number = svc.create_incident(
            session, actor, client_code="C54001", caller_name="Élodie Durand", title="Mandats", opened_at=OPEN_HOUR
        ).number
    with sessions.begin() as session:
        svc.diagnose(session, actor, number, Origin.FEATURE, 45)
    with sessions.begin() as session:
        svc.add_note(session, actor, number, "Rappel prévu")
    return number


def _unguard(eng: Engine) -> None:
    """What an attacker with access to the database file or server does first: switch the triggers off."""
    with eng.begin() as conn:
        if eng.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_entries_no_update"))
            conn.execute(text("DROP TRIGGER audit_entries_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER USER"))


def _report(eng: Engine) -> audit.AuditReport:
    with session_factory(eng)() as session:
        return audit.verify_chain(session)


def test_incident_changes_are_chained_one_entry_per_history_line(db_engine: Engine) -> None:
    number = _with_history(db_engine)
    with session_factory(db_engine)() as session:
        events = session.execute(select(func.count()).select_from(IncidentEvent)).scalar_one()
        rows = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars().all()
    assert len(rows) == events >= 4
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0].prev_hash == GENESIS_HASH
    assert all(rows[i].prev_hash == rows[i - 1].row_hash for i in range(1, len(rows)))
    assert {r.kind for r in rows} == {"incident_event"} and {r.subject for r in rows} == {number}
    assert {r.actor for r in rows} == {"Camille Martin"} and {r.station for r in rows} == {"NCY"}
    payloads = [json.loads(r.payload) for r in rows]
    assert payloads[0]["kind"] == "created" and payloads[0]["to_status"] == "new"
    assert payloads[1]["from_status"] == "new" and payloads[1]["to_status"] == "diagnosed"
    assert payloads[-1]["kind"] == "note" and payloads[-1]["text"] == "Rappel prévu"
    assert all(p["author"] == "Camille Martin" for p in payloads)
    assert _report(db_engine) == audit.AuditReport(len(rows), True)


def test_a_refused_change_leaves_no_audit_entry(db_engine: Engine) -> None:
    number = _with_history(db_engine)
    before = _report(db_engine).checked
    with pytest.raises(svc.IncidentError), session_factory(db_engine).begin() as session:
        svc.diagnose(session, svc.Actor(None, "X", "NCY"), number, Origin.FEATURE, 0)
    assert _report(db_engine) == audit.AuditReport(before, True)


def test_the_database_refuses_to_change_or_remove_an_audited_row(db_engine: Engine) -> None:
    _with_history(db_engine)
    for statement in ("UPDATE audit_entries SET actor = 'X' WHERE seq = 1", "DELETE FROM audit_entries WHERE seq = 1"):
        with pytest.raises(DBAPIError, match="append-only"), db_engine.begin() as conn:
            conn.execute(text(statement))


def test_a_direct_sql_edit_is_detected_at_its_seq(db_engine: Engine) -> None:
    _with_history(db_engine)
    _unguard(db_engine)
    with db_engine.begin() as conn:
        conn.execute(text('UPDATE audit_entries SET payload = \'{"text":"rien"}\' WHERE seq = 2'))
    report = _report(db_engine)
    assert not report.ok and report.first_broken_seq == 2 and "modifié" in (report.reason or "")


def test_a_deleted_row_is_detected_in_the_middle_and_at_the_end(db_engine: Engine) -> None:
    _with_history(db_engine)
    _unguard(db_engine)
    last = _report(db_engine).checked
    with db_engine.begin() as conn:
        conn.execute(text(f"DELETE FROM audit_entries WHERE seq = {last}"))
    report = _report(db_engine)
    assert not report.ok and report.first_broken_seq == last and "supprimée" in (report.reason or "")
    with db_engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq = 2"))
    report = _report(db_engine)
    assert not report.ok and report.first_broken_seq == 2 and "supprimée" in (report.reason or "")


def test_an_inserted_row_is_detected_even_with_correct_hashes(db_engine: Engine) -> None:
    _with_history(db_engine)
    _unguard(db_engine)
    with session_factory(db_engine)() as session:
        last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
    seq, at = last.seq + 1, datetime(2026, 3, 13, 9, 0, tzinfo=UTC)
    digest = compute_hash(last.row_hash, seq, at, "Intrus", "NCY", "incident_event", "NCY-26-00001", "{}")
    with session_factory(db_engine).begin() as session:
        session.add(
            AuditEntry(
                seq=seq,
                at=at,
                actor="Intrus",
                station="NCY",
                kind="incident_event",
                subject="NCY-26-00001",
                payload="{}",
                prev_hash=last.row_hash,
                row_hash=digest,
            )
        )
    report = _report(db_engine)
    assert not report.ok and report.first_broken_seq == seq and "ajoutée" in (report.reason or "")


def _writer(url: str, worker: int, start: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    """One process, its own engine: appends entries one transaction at a time as fast as it can."""
    eng = make_engine(url)
    sessions = session_factory(eng)
    start.wait(30)
    for i in range(WRITES_PER_PROCESS):
        with sessions.begin() as session:
            audit.append(
                session,
                kind="test",
                subject=f"W{worker}",
                payload={"i": i},
                actor=f"Processus {worker}",
                station="NCY",
            )
    eng.dispose()


def _two_processes_append(url: str) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [context.Process(target=_writer, args=(url, n, start)) for n in (1, 2)]
    for process in workers:
        process.start()
    start.set()
    for process in workers:
        process.join(120)
    assert [p.exitcode for p in workers] == [0, 0]


def _assert_one_chain_of_400(eng: Engine) -> None:
    with session_factory(eng)() as session:
        seqs = session.execute(select(AuditEntry.seq).order_by(AuditEntry.seq)).scalars().all()
        subjects = session.execute(select(AuditEntry.subject, func.count()).group_by(AuditEntry.subject)).all()
    assert seqs == list(range(1, 2 * WRITES_PER_PROCESS + 1))
    assert dict(subjects) == {"W1": WRITES_PER_PROCESS, "W2": WRITES_PER_PROCESS}
    assert _report(eng) == audit.AuditReport(2 * WRITES_PER_PROCESS, True)


def test_two_processes_writing_at_once_keep_one_chain_on_sqlite(engine: Engine) -> None:
    _two_processes_append(str(engine.url))
    _assert_one_chain_of_400(engine)


@pytest.mark.pg
def test_two_processes_writing_at_once_keep_one_chain_on_postgresql(pg_engine: Engine) -> None:
    migrate.upgrade(pg_engine)
    _two_processes_append(pg_engine.url.render_as_string(hide_password=False))
    _assert_one_chain_of_400(pg_engine)


def test_cli_audit_verify_exit_codes_and_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hl.sqlite3"
    assert main(["--db", str(path), "db", "upgrade"]) == 0
    eng = make_engine(f"sqlite:///{path}")
    _with_history(eng)
    capsys.readouterr()

    assert main(["--db", str(path), "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["Journal d'audit intègre : 5 entrées vérifiées."]
    assert main(["--db", str(path), "audit", "verify", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"ok": True, "checked": 5, "first_broken_seq": None, "reason": None}

    _unguard(eng)
    with eng.begin() as conn:
        conn.execute(text("UPDATE audit_entries SET actor = 'Quelqu''un' WHERE seq = 3"))
    eng.dispose()
    assert main(["--db", str(path), "audit", "verify"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Journal d'audit altéré à l'entrée n° 3 : contenu")
    assert main(["--db", str(path), "audit", "verify", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["first_broken_seq"] == 3
