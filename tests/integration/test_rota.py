"""The stored rota: audited edits, refusals that leave nothing behind, ``hotline rota …`` (R-15, R-16)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.cli import main
from app.db.models import AuditEntry, Technician
from app.db.models.rota import RotaPattern, RotaPatternException, RotaShift, StaffLeave
from app.domain.hotline_calendar import PARIS
from app.domain.rota import Leave, LeaveKind, LineRole, RotaError, Shift, WeeklyPattern
from app.domain.vocabulary import Role
from app.services import incidents as incident_service
from app.services import onsite
from app.services import rota as svc
from tests.integration.incident_fixtures import OPEN_HOUR, build_world

EDITOR = svc.Editor("Céline Mangin", "SPV")
MONDAY = date(2027, 3, 8)  # week 2027-W10


def _team(session: Session) -> None:
    for login, name, role in (
        ("alice", "Alice Martin", Role.TECHNICIAN),
        ("bruno", "Bruno Petit", Role.TECHNICIAN),
        ("chef", "Céline Mangin", Role.SUPERVISOR),
    ):
        session.add(Technician(login=login, full_name=name, role=role, active=True))
    session.flush()


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def team(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    with sessions.begin() as session:
        _team(session)
        for login in ("alice", "bruno"):
            for weekday in range(5):
                svc.add_pattern(session, WeeklyPattern(login, weekday, time(8, 30), time(12), date(2027, 1, 4)), EDITOR)
    return sessions


def test_edits_are_audited_and_gaps_follow_them(team: sessionmaker[Session]) -> None:
    with team.begin() as session:
        audited = _count(session, AuditEntry)
        svc.add_leave(session, Leave("bruno", LeaveKind.CONGES, MONDAY, MONDAY), EDITOR)
        assert _count(session, AuditEntry) == audited + 1
    with team() as session:
        gaps = svc.coverage_gaps(session, MONDAY, MONDAY)
    # Monday: Bruno away in the morning; nobody planned in the afternoon.
    assert [(g.start.time(), g.end.time(), g.on_line) for g in gaps] == [
        (time(8, 30), time(12), ("alice",)),
        (time(13, 30), time(17), ()),
    ]
    with team.begin() as session:
        shift_id = svc.add_shift(session, Shift("chef", MONDAY, time(8, 30), time(12), LineRole.BACKUP), EDITOR)
        svc.move_shift(session, shift_id, technician=None, day=MONDAY, start=time(9), end=time(12), editor=EDITOR)
        last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
        assert last is not None and last.kind == "rota_shift_moved" and last.actor == "Céline Mangin"
    with team() as session:
        gaps = svc.coverage_gaps(session, MONDAY, MONDAY)
    assert [(g.start.time(), g.end.time()) for g in gaps][:1] == [(time(8, 30), time(9))]


@pytest.mark.parametrize(
    ("shift", "message"),
    [
        (Shift("alice", MONDAY, time(11), time(12)), "chevaucher"),
        (Shift("bruno", MONDAY, time(14), time(15)), "absent"),
        (Shift("nobody", MONDAY, time(14), time(15)), "Technicien inconnu"),
        (Shift("chef", MONDAY, time(17), time(18)), "hors des heures"),
    ],
)
def test_refused_shifts_save_nothing(team: sessionmaker[Session], shift: Shift, message: str) -> None:
    with team.begin() as session:
        svc.add_leave(session, Leave("bruno", LeaveKind.MALADIE, MONDAY, MONDAY, starts_afternoon=True), EDITOR)
        audited = _count(session, AuditEntry)
    with pytest.raises(RotaError, match=message), team.begin() as session:
        svc.add_shift(session, shift, EDITOR)
    with team() as session:
        assert _count(session, RotaShift) == 0 and _count(session, AuditEntry) == audited


def test_an_onsite_visit_takes_its_technician_off_the_line(team: sessionmaker[Session]) -> None:
    """R-19: the technician planned for a visit is not on the phones during it (half a day until reported)."""
    visit = datetime.combine(MONDAY, time(9), PARIS)
    with team.begin() as session:
        build_world(session)
        actor = incident_service.ensure_technician(session, "chef", "Céline Mangin", "SPV")
        number = incident_service.create_incident(
            session, actor, client_code="C54001", caller_name="Élodie Durand", title="Serveur", opened_at=OPEN_HOUR
        ).number
        ref = onsite.quote(session, actor, number, number="DV-1", amount=Decimal("800"), on=date(2027, 3, 1)).reference
        onsite.order(session, actor, ref, order_reference="BC-1", on=date(2027, 3, 2))
        onsite.schedule(session, actor, ref, at=visit, technician="Alice Martin")
    with team() as session:
        rota = svc.load_rota(session, MONDAY, MONDAY)
        assert [w for w, _ in rota.on_duty_at(visit)] == ["bruno"]
        gaps = svc.coverage_gaps(session, MONDAY, MONDAY)
    assert (gaps[0].start.time(), gaps[0].end.time(), gaps[0].on_line) == (time(9), time(12), ("bruno",))


def test_duty_now_and_the_proposed_owner(team: sessionmaker[Session]) -> None:
    at = datetime.combine(MONDAY, time(10), PARIS)
    with team() as session:
        now = svc.duty_now(session, at)
        assert [login for login, _name, _role in now.on_line] == ["alice", "bruno"]
        assert now.next_gap is not None and now.next_gap.start == datetime.combine(MONDAY, time(13, 30), PARIS)
        assert svc.proposed_owner(session, "bruno", at) == "bruno"  # on duty: takes the call, owns it
        assert svc.proposed_owner(session, "chef", at) == "alice"  # not on duty: the first primary
        assert svc.proposed_owner(session, "chef", at.replace(hour=15)) is None


# --- the command line ----------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "rota.sqlite3")
    assert main(["--db", path, "db", "upgrade"]) == 0
    from app.db.engine import make_engine, session_factory

    engine = make_engine(f"sqlite:///{path}")
    with session_factory(engine).begin() as session:
        _team(session)
    engine.dispose()
    capsys.readouterr()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_shift_leave_show_and_gaps(capsys: pytest.CaptureFixture[str], db: str) -> None:
    assert run(capsys, "--db", db, "rota", "shift", "add", "alice", "2027-03-08", "08:30", "12:00")[0] == 0
    assert (
        run(capsys, "--db", db, "rota", "shift", "add", "bruno", "2027-03-08", "08:30", "12:00", "--role", "backup")[0]
        == 0
    )
    code, _, _ = run(
        capsys, "--db", db, "rota", "leave", "add", "alice", "2027-03-09", "2027-03-12", "--kind", "conges"
    )
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "rota", "show", "--week", "2027-W10", "--json")
    data = json.loads(out)
    assert code == 0 and data["week"] == "2027-W10" and data["minimum"] == 2
    alice = next(t for t in data["technicians"] if t["login"] == "alice")
    assert alice["days"]["2027-03-08"] == ["08:30–12:00"] and alice["days"]["2027-03-10"] == ["Congés"]
    code, out, _ = run(capsys, "--db", db, "rota", "gaps", "--from", "2027-03-08", "--to", "2027-03-08", "--json")
    gaps = json.loads(out)["gaps"]
    assert [(g["start"], g["end"], g["hotline_minutes"]) for g in gaps] == [
        ("2027-03-08T13:30+01:00", "2027-03-08T17:00+01:00", 210)
    ]
    code, out, _ = run(capsys, "--db", db, "rota", "gaps", "--from", "2027-03-08", "--to", "2027-03-12")
    assert code == 0 and "Manques du 08/03/2027 au 12/03/2027" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("shift", "add", "alice", "2027-03-08", "11:00", "13:00"), "hors des heures"),
        (("shift", "add", "alice", "2027-03-08", "10:00", "09:00"), "doit être après le début"),
        (("shift", "add", "zoe", "2027-03-08", "09:00", "10:00"), "Technicien inconnu"),
        (("shift", "add", "alice", "2027-03-08", "09:00", "10:00"), "chevaucher"),
        (("shift", "add", "bruno", "2027-03-09", "09:00", "10:00"), "absent"),
        (("leave", "add", "zoe", "2027-03-09", "2027-03-09"), "Technicien inconnu"),
        (("leave", "add", "alice", "2027-03-09", "2027-03-08"), "avant son début"),
        (("leave", "add", "alice", "2027-03-08", "2027-03-08", "--kind", "vacances"), "Type d'absence inconnu"),
        (("show", "--week", "2027-W60"), "n'existe pas"),
    ],
)
def test_cli_refusals_are_one_line_exit_2_and_save_nothing(
    capsys: pytest.CaptureFixture[str], db: str, argv: tuple[str, ...], message: str
) -> None:
    run(capsys, "--db", db, "rota", "shift", "add", "alice", "2027-03-08", "08:30", "12:00")
    run(capsys, "--db", db, "rota", "leave", "add", "bruno", "2027-03-09", "2027-03-09")
    code, out, err = run(capsys, "--db", db, "rota", *argv)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1
    from app.db.engine import make_engine, session_factory

    engine = make_engine(f"sqlite:///{db}")
    with session_factory(engine)() as session:
        assert _count(session, RotaShift) == 1 and _count(session, StaffLeave) == 1
    engine.dispose()


def test_cli_ics_and_pdf(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    run(capsys, "--db", db, "rota", "shift", "add", "alice", "2027-03-26", "13:30", "16:00")
    run(capsys, "--db", db, "rota", "shift", "add", "alice", "2027-03-29", "08:30", "12:00", "--exceptional")
    target = tmp_path / "alice.ics"
    code, out, _ = run(
        capsys, "--db", db, "rota", "ics", "alice", "-o", str(target), "--from", "2027-03-22", "--to", "2027-04-04"
    )
    assert code == 0 and "2 événement(s)" in out
    events = sorted(
        e.decoded("dtstart").astimezone(UTC) for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    )
    assert events == [datetime(2027, 3, 26, 12, 30, tzinfo=UTC), datetime(2027, 3, 29, 6, 30, tzinfo=UTC)]
    code, _, err = run(capsys, "--db", db, "rota", "ics", "zoe", "-o", str(tmp_path / "z.ics"))
    assert code == 2 and "inconnu" in err and not (tmp_path / "z.ics").exists()

    pdf = tmp_path / "rota.pdf"
    code, out, _ = run(capsys, "--db", db, "rota", "pdf", "--month", "2027-03", "-o", str(pdf))
    assert code == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Mars 2027" in text and "Alice Martin" in text and "Manques du mois" in text
    again = tmp_path / "again.pdf"
    run(capsys, "--db", db, "rota", "pdf", "--month", "2027-03", "-o", str(again))
    assert again.read_bytes() == pdf.read_bytes()  # deterministic


def test_a_new_incident_goes_to_the_technician_on_duty(team: sessionmaker[Session]) -> None:
    """The supervisor picks up a call while Alice and Bruno are on duty: Alice (first primary) owns it."""
    from app.db.models import Incident

    at = datetime.combine(MONDAY, time(10), PARIS)
    with team.begin() as session:
        build_world(session)
        chef = incident_service.ensure_technician(session, "chef", "Céline Mangin", "SPV")
        created = incident_service.create_incident(
            session, chef, client_code="C54001", caller_name="Élodie Durand", title="Paie bloquée", opened_at=at
        )
        assert svc.give_to_on_duty_owner(session, created.id, "chef", at) == "alice"
        bruno = incident_service.ensure_technician(session, "bruno", "Bruno Petit", "NCY")
        other = incident_service.create_incident(
            session, bruno, client_code="C54001", caller_name="Élodie Durand", title="Export", opened_at=at
        )
        assert svc.give_to_on_duty_owner(session, other.id, "bruno", at) == "bruno"
    with team() as session:
        owners = {
            i.title: session.get(Technician, i.assignee_id).login  # type: ignore[union-attr]
            for i in session.execute(select(Incident)).scalars()
        }
    assert owners == {"Paie bloquée": "alice", "Export": "bruno"}


# --- removing leave, ending and suspending weekly patterns ----------------------------------------------


def _audited(session: Session) -> int:
    return _count(session, AuditEntry)


def test_a_leave_is_removed_audited_and_the_routine_applies_again(team: sessionmaker[Session]) -> None:
    with team.begin() as session:
        leave_id = svc.add_leave(session, Leave("bruno", LeaveKind.CONGES, MONDAY, MONDAY), EDITOR)
    with team() as session:
        listed = svc.list_leaves(session, "bruno", MONDAY, MONDAY)
        assert [(v.key, v.first_day) for v in listed] == [(str(leave_id), MONDAY)]
        assert svc.list_leaves(session, "alice") == [] and svc.list_leaves(session, first_day=date(2027, 3, 9)) == []
    with team.begin() as session:
        svc.delete_leave(session, leave_id, EDITOR)
        last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
        assert last is not None and last.kind == "rota_leave_deleted" and last.subject == "bruno"
    with team() as session:
        assert _count(session, StaffLeave) == 0
        gaps = svc.coverage_gaps(session, MONDAY, MONDAY)
    assert [(g.start.time(), g.on_line) for g in gaps] == [(time(13, 30), ())]  # Bruno is back in the morning
    with pytest.raises(RotaError, match="n'existe plus"), team.begin() as session:
        svc.delete_leave(session, leave_id, EDITOR)
    with pytest.raises(RotaError, match="Technicien inconnu"), team() as session:
        svc.list_leaves(session, "zoe")


def _pattern(session: Session, login: str, weekday: int = 0) -> str:
    return next(p.key for p in svc.list_patterns(session, login) if p.weekday == weekday)


def test_patterns_are_listed_ended_suspended_and_restored(team: sessionmaker[Session]) -> None:
    with team() as session:
        patterns = svc.list_patterns(session, "alice")
        assert [(p.weekday, p.start, p.valid_to) for p in patterns] == [(d, time(8, 30), None) for d in range(5)]
        assert len(svc.list_patterns(session)) == 10
        key = uuid.UUID(_pattern(session, "alice"))
    with team.begin() as session:
        svc.skip_pattern_on(session, key, MONDAY, EDITOR)
    with team() as session:
        assert next(g.on_line for g in svc.coverage_gaps(session, MONDAY, MONDAY)) == ("bruno",)
    with team.begin() as session:
        svc.restore_pattern_on(session, key, MONDAY, EDITOR)
        svc.end_pattern(session, key, date(2027, 3, 15), EDITOR)
        kinds = [e.kind for e in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()][-3:]
        assert kinds == ["rota_pattern_skipped", "rota_pattern_restored", "rota_pattern_ended"]
    with team() as session:
        ended = next(p for p in svc.list_patterns(session, "alice") if p.key == str(key))
        assert ended.valid_to == date(2027, 3, 15) and ended.exceptions == frozenset()
        later = date(2027, 3, 22)
        assert next(g.on_line for g in svc.coverage_gaps(session, later, later)) == ("bruno",)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda s, k: svc.end_pattern(s, k, date(2026, 12, 31), EDITOR), "ne peut pas finir avant"),
        (lambda s, k: svc.end_pattern(s, k, date(2027, 5, 3), EDITOR), "finit déjà le 30/04/2027"),
        (lambda s, k: svc.skip_pattern_on(s, k, date(2027, 3, 9), EDITOR), "n'est pas un lundi"),
        (lambda s, k: svc.skip_pattern_on(s, k, date(2027, 5, 3), EDITOR), "ne s'applique pas le 03/05/2027"),
        (lambda s, k: svc.restore_pattern_on(s, k, date(2027, 3, 22), EDITOR), "n'est pas suspendue"),
        (lambda s, k: svc.restore_pattern_on(s, k, MONDAY, EDITOR), "chevaucher"),
        (lambda s, k: svc.end_pattern(s, uuid.uuid4(), MONDAY, EDITOR), "n'existe plus"),
    ],
)
def test_pattern_refusals_save_nothing(team: sessionmaker[Session], edit, message: str) -> None:  # type: ignore[no-untyped-def]
    """Alice's Monday routine ends on 30/04; it is suspended on 08/03 and a shift replaces it that morning."""
    with team.begin() as session:
        key = uuid.UUID(_pattern(session, "alice"))
        svc.end_pattern(session, key, date(2027, 4, 30), EDITOR)
        svc.skip_pattern_on(session, key, MONDAY, EDITOR)
        svc.add_shift(session, Shift("alice", MONDAY, time(9), time(11)), EDITOR)
        before = (_audited(session), svc.list_patterns(session, "alice"))
    with pytest.raises(RotaError, match=message), team.begin() as session:
        edit(session, key)
    with team() as session:
        assert (_audited(session), svc.list_patterns(session, "alice")) == before


def test_cli_patterns_leave_list_and_removals(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = run(
        capsys, "--db", db, "rota", "pattern", "add", "alice", "--weekday", "mon",
        "--start", "08:30", "--end", "12:00", "--from", "2027-03-01", "--json",
    )  # fmt: skip
    assert code == 0
    added = json.loads(out)
    assert (added["weekday"], added["start"], added["role"], added["valid_to"]) == ("lundi", "08:30", "primary", None)
    run(capsys, "--db", db, "rota", "pattern", "add", "bruno", "--weekday", "lun", "--start", "13:30", "--end",
        "17:00", "--role", "backup", "--from", "2027-03-01", "--to", "2027-06-30")  # fmt: skip
    code, out, _ = run(capsys, "--db", db, "rota", "pattern", "list", "--tech", "alice", "--json")
    assert code == 0 and [p["id"] for p in json.loads(out)["patterns"]] == [added["id"]]
    code, out, _ = run(capsys, "--db", db, "rota", "pattern", "list")
    assert code == 0 and added["id"] in out and "lundi 13:30–17:00 renfort, du 01/03/2027 au 30/06/2027" in out

    code, out, _ = run(capsys, "--db", db, "rota", "pattern", "skip", added["id"], "--on", "2027-03-08")
    assert code == 0 and "suspendue le 08/03/2027" in out
    code, out, _ = run(capsys, "--db", db, "rota", "show", "--week", "2027-W10", "--json")
    alice = next(t for t in json.loads(out)["technicians"] if t["login"] == "alice")
    assert alice["shifts"] == []
    code, out, _ = run(capsys, "--db", db, "rota", "pattern", "end", added["id"], "--on", "2027-03-31")
    assert code == 0 and "dernière fois le 31/03/2027" in out

    run(capsys, "--db", db, "rota", "shift", "add", "alice", "2027-03-08", "09:00", "11:00")
    run(capsys, "--db", db, "rota", "leave", "add", "alice", "2027-03-10", "2027-03-10", "--kind", "rtt")
    code, out, _ = run(capsys, "--db", db, "rota", "show", "--week", "2027-W10", "--json")
    alice = next(t for t in json.loads(out)["technicians"] if t["login"] == "alice")
    shift_id, leave_id = alice["shifts"][0]["id"], alice["leaves"][0]["id"]
    bruno = next(t for t in json.loads(out)["technicians"] if t["login"] == "bruno")
    assert bruno["shifts"][0]["id"] is None and bruno["shifts"][0]["pattern"]
    code, out, _ = run(capsys, "--db", db, "rota", "leave", "list", "--from", "2027-03-01", "--to", "2027-03-31")
    assert code == 0 and leave_id in out and "RTT le 10/03/2027" in out
    code, out, _ = run(capsys, "--db", db, "rota", "leave", "list", "--tech", "bruno", "--json")
    assert json.loads(out) == {"leaves": []}

    assert run(capsys, "--db", db, "rota", "shift", "remove", shift_id)[:2] == (0, "Permanence supprimée.\n")
    assert run(capsys, "--db", db, "rota", "leave", "remove", leave_id)[:2] == (0, "Absence supprimée.\n")
    from app.db.engine import make_engine, session_factory

    engine = make_engine(f"sqlite:///{db}")
    with session_factory(engine)() as session:
        assert _count(session, RotaShift) == 0 and _count(session, StaffLeave) == 0
        kinds = [e.kind for e in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()][-2:]
    engine.dispose()
    assert kinds == ["rota_shift_deleted", "rota_leave_deleted"]


def _pattern_add(login: str, weekday: str, start: str, end: str) -> tuple[str, ...]:
    return ("pattern", "add", login, "--weekday", weekday, "--start", start, "--end", end, "--from", "2027-03-01")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("shift", "remove", "pas-un-id"), "identifiant invalide"),
        (("shift", "remove", "00000000-0000-0000-0000-000000000001"), "n'existe plus"),
        (("leave", "remove", "00000000-0000-0000-0000-000000000001"), "n'existe plus"),
        (("leave", "list", "--tech", "zoe"), "Technicien inconnu"),
        (("leave", "list", "--from", "2027-03-10", "--to", "2027-03-01"), "--to précède --from"),
        (("pattern", "list", "--tech", "zoe"), "Technicien inconnu"),
        (_pattern_add("alice", "lundy", "08:30", "12:00"), "jour invalide"),
        (_pattern_add("alice", "tue", "12:00", "08:30"), "doit être après le début"),
        (_pattern_add("alice", "tue", "07:00", "09:00"), "hors des heures"),
        (_pattern_add("zoe", "tue", "08:30", "12:00"), "Technicien inconnu"),
        (_pattern_add("alice", "mon", "09:00", "10:00"), "chevaucher"),
        (("pattern", "end", "00000000-0000-0000-0000-000000000001", "--on", "2027-03-01"), "n'existe plus"),
        (("pattern", "skip", "00000000-0000-0000-0000-000000000001", "--on", "2027-03-01"), "n'existe plus"),
        (("pattern", "skip", "00000000-0000-0000-0000-000000000001"), "--on"),
    ],
)
def test_cli_removal_and_pattern_refusals_are_one_line_exit_2_and_save_nothing(
    capsys: pytest.CaptureFixture[str], db: str, argv: tuple[str, ...], message: str
) -> None:
    run(capsys, "--db", db, "rota", *_pattern_add("alice", "mon", "08:30", "12:00"))
    run(capsys, "--db", db, "rota", "leave", "add", "bruno", "2027-03-09", "2027-03-09")
    run(capsys, "--db", db, "rota", "shift", "add", "bruno", "2027-03-08", "08:30", "12:00")
    from app.db.engine import make_engine, session_factory

    engine = make_engine(f"sqlite:///{db}")
    factory = session_factory(engine)

    def state() -> tuple[int, ...]:
        with factory() as session:
            models = (RotaShift, StaffLeave, RotaPattern, RotaPatternException, AuditEntry)
            return tuple(_count(session, m) for m in models)

    before = state()
    code, out, err = run(capsys, "--db", db, "rota", *argv)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1
    assert state() == before
    engine.dispose()
