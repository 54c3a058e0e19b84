"""Supervisor figures computed in the database: each KPI on a small hand-computed world (hotline hours,
pauses and a reopening included), the SQL equal to a slow Python reference over 5,000 generated
incidents, and the refusals (R-02, R-07, R-15 to R-17, R-20, R-22)."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.db.engine import make_engine, session_factory
from app.db.models import CallLog, Client, Incident, IncidentEvent
from app.domain.reporting import Period, PeriodError, bucket_index, nearest_rank
from app.domain.service_level import service_level
from app.domain.vocabulary import Channel, EventKind, Exclusion, IncidentStatus, Origin, ServiceKind
from app.services import calendar_config, report_export, reporting, service_levels
from app.services import incidents as svc
from app.services.incident_queries import clock_steps
from app.services.reporting import ReportError, ReportFilter
from tests.integration.incident_fixtures import build_world

PARIS_OFFSET = timedelta(hours=1)  # March 2026, before summer time
WEEK = Period.of(date(2026, 3, 9), date(2026, 3, 15))
NOW = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC) - PARIS_OFFSET


@pytest.fixture(params=["sqlite", "postgresql"])
def sessions(request):
    """The hand-computed world on SQLite and, when one is configured, on PostgreSQL."""
    from app.db import migrate

    engine = request.getfixturevalue("engine" if request.param == "sqlite" else "pg_engine")
    if request.param == "postgresql":
        migrate.upgrade(engine)
    return session_factory(engine)


class _Clock:
    """Stands for ``datetime`` in the incident service, so each step happens at a chosen instant."""

    at = paris(9, 9)

    @classmethod
    def now(cls, tz=None):
        return cls.at


@pytest.fixture
def world(sessions, monkeypatch):
    import app.services.incidents as module

    class FakeDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            return _Clock.at

    monkeypatch.setattr(module, "datetime", FakeDatetime)

    def step(when: datetime, action, *args) -> None:
        _Clock.at = when
        with sessions.begin() as session:
            action(session, actor, *args)

    with sessions.begin() as session:
        found = build_world(session)
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
        calendar_config.refresh_mirror_if_stale(session)

    def new(when: datetime, title: str, client: str = "C54001") -> str:
        _Clock.at = when
        with sessions.begin() as session:
            return svc.create_incident(
                session,
                actor,
                client_code=client,
                caller_name="Élodie Durand" if client == "C54001" else "Sophie Lambert",
                product_code="FIN",
                title=title,
                opened_at=when,
            ).number

    # A: answered in 30 min; workaround proposed 11:00, accepted 14:00 (90 min paused); resolved 15:00.
    a = new(paris(12, 10), "A")
    step(paris(12, 10, 30), svc.diagnose, a, Origin.FEATURE, 60)
    step(paris(12, 11), svc.propose_workaround, a, "Saisir à la main")
    step(paris(12, 14), svc.accept_workaround, a)
    step(paris(12, 15), svc.resolve, a, "Corrigé")
    # B: answered in 10 min; waits on the client from 11:30 to Friday 09:00 (270 min); resolved Fri 10:00.
    b = new(paris(12, 11), "B", "C54002")
    step(paris(12, 11, 10), svc.diagnose, b, Origin.DBMS, 30)
    step(paris(12, 11, 30), svc.set_waiting, b, "information")
    step(paris(13, 9), svc.set_waiting, b, None)
    step(paris(13, 9, 30), svc.mark_out_of_contract, b, Exclusion.VERSION_NOT_APPLIED)
    step(paris(13, 10), svc.resolve, b, "Réglé")
    # C: opened Friday 09:00, never answered: in the backlog at the end of the week.
    c = new(paris(13, 9), "C")
    # D: answered in 30 min, resolved Monday 10:00, reopened Tuesday 09:00, resolved again 10:00.
    d = new(paris(9, 9), "D")
    step(paris(9, 9, 30), svc.diagnose, d, Origin.USAGE, 30)
    step(paris(9, 10), svc.resolve, d, "Premier essai")
    step(paris(10, 9), svc.reopen, d, "Revient")
    step(paris(10, 10), svc.resolve, d, "Corrigé")

    with sessions.begin() as session:
        ids = dict(session.execute(select(Incident.number, Incident.id)).all())
        tech = actor.technician_id
        session.add_all(
            [
                # Thursday 10:00, 20 minutes, about B (out of contract).
                CallLog(
                    client_id=found["laxou"].id,
                    incident_id=ids[b],
                    technician_id=tech,
                    service=ServiceKind.ASSISTANCE,
                    station="NCY",
                    started_at=paris(12, 10),
                    ended_at=paris(12, 10, 20),
                ),
                # Saturday 10:00 (closed), 100 minutes of backup assistance: over the 90-minute cap.
                CallLog(
                    client_id=found["maxeville"].id,
                    technician_id=tech,
                    service=ServiceKind.BACKUP,
                    station="NCY",
                    started_at=paris(14, 10),
                    ended_at=paris(14, 11, 40),
                ),
            ]
        )
    return {"a": a, "b": b, "c": c, "d": d}


def report(sessions, flt: ReportFilter | None = None):
    with sessions() as session:
        return reporting.supervisor_report(session, WEEK, flt or ReportFilter(), NOW)


def test_counts_and_backlog_of_the_week(sessions, world) -> None:
    cur = report(sessions, ReportFilter()).current
    assert (cur.opened, cur.resolved, cur.backlog, cur.unanswered) == (4, 3, 1, 1)
    # C: Friday 09:00 → 16:00 (Friday closes at 16:00, R-15): 180 + 150 minutes.
    assert cur.backlog_age.median == pytest.approx(330)


def test_first_response_in_hotline_minutes(sessions, world) -> None:
    """R-17: A 30 min, B 10 min, D 30 min; nearest-rank median 30, 90th percentile 30."""
    fr = report(sessions).current.first_response
    assert fr.count == 3
    assert (fr.median, fr.p90) == (pytest.approx(30), pytest.approx(30))
    assert fr.within_target == 3  # priority 3: 2 h


def test_resolution_excludes_pauses_and_the_reopening_gap(sessions, world) -> None:
    """A: 210 − 90 (workaround) = 120; B: 360 − 270 (wait) = 90; D: 480 − 360 (resolved → reopened) = 120."""
    with sessions() as session:
        rows = {r.number: r for r in report_export.incident_durations(session, WEEK, ReportFilter(), NOW)}
    assert rows[world["a"]].resolution_minutes == pytest.approx(120)
    assert rows[world["a"]].paused_minutes == pytest.approx(90)
    assert rows[world["b"]].resolution_minutes == pytest.approx(90)
    assert rows[world["b"]].paused_minutes == pytest.approx(270)
    assert rows[world["d"]].resolution_minutes == pytest.approx(120)
    assert rows[world["c"]].age_minutes == pytest.approx(330 + 30)  # now: Monday 09:00, open since 08:30
    res = report(sessions).current.resolution
    assert (res.count, res.median, res.p90) == (3, pytest.approx(120), pytest.approx(120))
    assert res.histogram[1] == 3  # all three between 1 h and 4 h


def test_workaround_rate_out_of_contract_and_calls(sessions, world) -> None:
    r = report(sessions)
    assert r.current.workaround_rate == pytest.approx(1 / 3)
    assert r.current.out_of_contract == 1
    assert [(x.exclusion, x.count, round(x.call_minutes)) for x in r.exclusions] == [
        (Exclusion.VERSION_NOT_APPLIED, 1, 20)
    ]
    assert (r.current.calls, r.current.calls_closed, round(r.current.call_minutes)) == (2, 1, 120)
    assert r.heatmap[3][10] == 1 and r.heatmap_closed[3][10] == 0  # Thursday 10 h, open
    assert r.heatmap[5][10] == 1 and r.heatmap_closed[5][10] == 1  # Saturday 10 h, closed


def test_backup_cap_rtc_and_overdue_versions(sessions, world) -> None:
    """R-22 over the cap; R-02 Laxou has one trained RTC; R-20 Laxou still on FIN 7.1 after 7.2's delay."""
    r = report(sessions)
    assert [(b.client_code, b.year_start, round(b.minutes), b.over) for b in r.backup] == [
        ("C54001", date(2025, 4, 1), 100, True)
    ]
    assert [(x.client_code, x.trained_rtc) for x in r.rtc_short] == [("C54002", 1)]
    assert [(o.client_code, o.product, o.installed, o.required) for o in r.overdue] == [("C54002", "FIN", "7.1", "7.2")]


def test_filters_and_the_previous_period(sessions, world) -> None:
    only_laxou = report(sessions, ReportFilter(clients=("C54002",)))
    assert (only_laxou.current.opened, only_laxou.current.resolved) == (1, 1)
    assert only_laxou.backup == ()
    by_origin = report(sessions, ReportFilter(origin=Origin.USAGE))
    assert by_origin.current.opened == 1
    r = report(sessions)
    assert r.previous.period == Period(date(2026, 3, 2), date(2026, 3, 8))
    assert r.previous.opened == 0 and r.delta("opened") is None
    assert r.top_clients[0].key == "C54001" and r.top_clients[0].count == 3
    assert [(t.login, t.opened, t.resolved, t.backlog) for t in r.technicians] == [("cmartin", 4, 3, 1)]
    assert report(sessions, ReportFilter(technician="cmartin")).current.opened == 4


def test_sql_equals_the_python_clock_on_the_hand_world(sessions, world) -> None:
    _compare_with_reference(sessions, WEEK, NOW)


def test_refusals(sessions, world) -> None:
    with pytest.raises(PeriodError, match="inversez"):
        Period.of(date(2026, 3, 15), date(2026, 3, 9))
    with sessions() as session:
        with pytest.raises(ReportError, match="Technicien inconnu"):
            reporting.supervisor_report(session, WEEK, ReportFilter(technician="personne"), NOW)
        with pytest.raises(ReportError, match="Client inconnu"):
            reporting.supervisor_report(session, WEEK, ReportFilter(clients=("C99999",)), NOW)
        with pytest.raises(ReportError, match="Progiciel inconnu"):
            reporting.supervisor_report(session, WEEK, ReportFilter(product="XYZ"), NOW)


# ---------------------------------------------------------------- the slow Python reference


def _compare_with_reference(sessions, period: Period, now: datetime) -> None:
    """Every incident's clock recomputed in Python from its history, then the same aggregates."""
    with sessions() as session:
        calendar = calendar_config.current_calendar(session)
        targets = service_levels.targets(session)
        incidents = session.execute(select(Incident)).scalars().all()
        events = defaultdict(list)
        for event in session.execute(
            select(IncidentEvent).order_by(IncidentEvent.incident_id, IncidentEvent.seq)
        ).scalars():
            events[event.incident_id].append(event)
        first, resolution = [], []
        for incident in incidents:
            if period.starts <= incident.opened_at < period.ends and incident.first_response_at is not None:
                first.append(
                    (incident.priority, calendar.business_minutes(incident.opened_at, incident.first_response_at))
                )
            done = incident.status in (IncidentStatus.RESOLVED, IncidentStatus.CLOSED)
            if done and incident.resolved_at and period.starts <= incident.resolved_at < period.ends:
                steps = [
                    s for s in clock_steps(events[incident.id], incident.opened_at) if s.at <= incident.resolved_at
                ]
                level = service_level(steps, calendar, incident.resolved_at)
                resolution.append((incident.priority, level.resolution_minutes))
        sql = reporting.supervisor_report(session, period, ReportFilter(), now).current
    for stats, values, which in (
        (sql.first_response, first, "first_response_minutes"),
        (sql.resolution, resolution, "resolution_minutes"),
    ):
        minutes = [m for _, m in values]
        assert stats.count == len(values)
        # SQL works in whole seconds: allow a second's difference.
        assert stats.median == pytest.approx(nearest_rank(minutes, 0.5), abs=0.05)
        assert stats.p90 == pytest.approx(nearest_rank(minutes, 0.9), abs=0.05)
        within = sum(1 for p, m in values if m <= getattr(targets[p], which) + 0.02)
        assert abs(stats.within_target - within) <= max(1, len(values) // 1000)
        histogram = [0] * len(stats.histogram)
        for m in minutes:
            histogram[bucket_index(m)] += 1
        assert sum(abs(a - b) for a, b in zip(stats.histogram, histogram, strict=True)) <= max(2, len(values) // 500)


def _generate(session, rng: random.Random, count: int, first: datetime, days: int) -> int:
    """Incidents with every shape the clock knows, their history written in time order as the service
    writes it: answered or not, workarounds proposed (accepted or not), waits on the client (ended by
    the technician or by the resolution), resolutions, closures and reopenings."""
    clients = session.execute(select(Client.id)).scalars().all()
    waits = 0
    for index in range(count):
        opened = first + timedelta(seconds=rng.randrange(days * 86400))
        incident = Incident(
            id=uuid.uuid4(),
            number=f"GEN-{index:07d}",
            station="GEN",
            client_id=rng.choice(clients),
            title="Incident généré",
            channel=rng.choice(list(Channel)),
            status=IncidentStatus.NEW,
            priority=rng.randint(1, 4),
            opened_at=opened,
        )
        events: list[tuple[datetime, dict]] = [(opened, {"kind": EventKind.CREATED, "to_status": IncidentStatus.NEW})]
        at, status, waiting = opened, IncidentStatus.NEW, False

        def later(at: datetime) -> datetime:
            return at + timedelta(seconds=rng.choice([rng.randrange(3600), rng.randrange(3 * 86400)]))

        def move(at: datetime, to: IncidentStatus) -> IncidentStatus:
            change = {"kind": EventKind.STATUS_CHANGED, "from_status": status, "to_status": to, "field": "action"}  # noqa: B023
            events.append((at, change))  # noqa: B023
            return to

        def wait(at: datetime, value: str | None) -> None:
            events.append((at, {"kind": EventKind.FIELD_CHANGED, "field": "waiting", "new_value": value}))  # noqa: B023

        if rng.random() < 0.92:
            at = later(at)
            status = move(at, IncidentStatus.DIAGNOSED)
            incident.first_response_at = at
            for _round in range(2 if rng.random() < 0.12 else 1):
                if status in (IncidentStatus.RESOLVED, IncidentStatus.CLOSED):
                    break
                if rng.random() < 0.3:
                    at = later(at)
                    wait(at, "information")
                    waiting, waits = True, waits + 1
                    if rng.random() < 0.7:
                        at = later(at)
                        wait(at, None)
                        waiting = False
                if rng.random() < 0.3:
                    at = later(at)
                    status = move(at, IncidentStatus.WORKAROUND_PROPOSED)
                    incident.workaround = "Contournement"
                    if rng.random() < 0.8:
                        at = later(at)
                        status = move(at, IncidentStatus.WORKAROUND_ACCEPTED)
                if rng.random() < 0.85:
                    at = later(at)
                    status = move(at, IncidentStatus.RESOLVED)
                    incident.resolved_at = at
                    if waiting:
                        wait(at, None)
                        waiting = False
                    if rng.random() < 0.7:
                        at = later(at)
                        status = move(at, IncidentStatus.CLOSED)
                        incident.closed_at = at
                    if _round == 0 and rng.random() < 0.12:
                        at = later(at)
                        status = move(at, IncidentStatus.DIAGNOSED)
                        incident.resolved_at = incident.closed_at = None
                        if rng.random() < 0.85:
                            at = later(at)
                            status = move(at, IncidentStatus.RESOLVED)
                            incident.resolved_at = at
                        break
        incident.status = status
        session.add(incident)
        session.flush()
        for seq, (at, values) in enumerate(events, start=1):
            session.add(IncidentEvent(id=uuid.uuid4(), incident_id=incident.id, seq=seq, at=at, **values))
    session.flush()
    return waits


@pytest.mark.parametrize("count", [1500, pytest.param(5000, marks=pytest.mark.slow)])
def test_sql_equals_the_python_reference_over_generated_incidents(tmp_path, count: int) -> None:
    """1,500 generated incidents in the default run, 5,000 in the long run."""
    from app.db import migrate
    from app.services.demo_seed import seed_demo

    engine = make_engine(f"sqlite+pysqlite:///{tmp_path / 'ref.sqlite3'}")
    migrate.upgrade(engine)
    seed_demo(engine, seed=11, clients=120, incidents=300, end=date(2026, 6, 30), years=1)
    sessions = session_factory(engine)
    with sessions.begin() as session:
        calendar_config.refresh_mirror_if_stale(session)
        assert _generate(session, random.Random(5), count, datetime(2025, 7, 1, tzinfo=UTC), 360) > count // 5
    now = datetime(2026, 7, 1, tzinfo=UTC)
    _compare_with_reference(sessions, Period.of(date(2025, 7, 1), date(2026, 6, 30)), now)
    _compare_with_reference(sessions, Period.of(date(2026, 1, 1), date(2026, 1, 31)), now)
    # The same figures read from the durations kept per incident.
    with sessions.begin() as session:
        kept = reporting.refresh_durations(session, Period.of(date(2025, 7, 1), date(2026, 6, 30)), now)
        assert kept > count * 4 // 5
    _compare_with_reference(sessions, Period.of(date(2025, 7, 1), date(2026, 6, 30)), now)
    _compare_with_reference(sessions, Period.of(date(2026, 1, 1), date(2026, 1, 31)), now)
    engine.dispose()


def test_kept_rows_are_read_and_dropped_with_the_incident_or_the_calendar(sessions, world) -> None:
    """R-17: the rows kept per incident give the same figures as the live clock; a kept row is used only
    while its incident is unchanged (whatever changed it) and the calendar too, and a refresh replaces
    an outdated one."""
    from sqlalchemy import func, text, update

    from app.db.models import IncidentFact, ReportPending
    from app.domain.opening_hours import Closure

    def figures():
        cur = report(sessions).current
        return (cur.first_response.median, cur.first_response.p90, cur.resolution.median, cur.resolution.p90)

    def pending(session) -> int:
        return session.scalar(select(func.count()).select_from(ReportPending))

    live = figures()
    with sessions.begin() as session:
        assert pending(session) == session.scalar(select(func.count()).select_from(Incident)) > 0  # all new
        written = reporting.refresh_durations(session, WEEK, NOW)
        assert written == session.scalar(select(func.count()).select_from(IncidentFact)) > 0
        assert pending(session) == 0
    assert figures() == live
    with sessions.begin() as session:  # nothing outdated: a second refresh writes nothing
        assert reporting.refresh_durations(session, WEEK, NOW) == 0
        a = session.scalar(select(Incident.id).where(Incident.number == world["a"]))

    def tamper() -> None:
        with sessions.begin() as session:
            session.execute(update(IncidentFact).where(IncidentFact.incident_id == a).values(resolution_s=100 * 3600))

    tamper()
    assert figures() != live  # the kept figure is what the report read
    with sessions.begin() as session:  # any change of the incident puts it back on the pending list
        session.get(Incident, a).description = "Précisions du client"
    assert figures() == live
    with sessions.begin() as session:
        assert pending(session) == 1
        assert reporting.refresh_durations(session, WEEK, NOW) == 1
    tamper()
    with sessions.begin() as session:  # SQL written by hand is caught too (a trigger, not the app)
        session.execute(text("UPDATE incidents SET title = title || '.' WHERE number = :n"), {"n": world["a"]})
    assert figures() == live
    with sessions.begin() as session:
        assert reporting.refresh_durations(session, WEEK, NOW) == 1
    tamper()
    with sessions.begin() as session:  # a calendar edit: every kept row is outdated
        calendar_config.add_closure(session, Closure.on(date(2027, 5, 14), "Pont"))
    assert figures() == live
    with sessions.begin() as session:
        assert reporting.refresh_durations(session, WEEK, NOW) > 0
        assert reporting.refresh_durations(session, WEEK, NOW) == 0
        kept = session.scalar(select(IncidentFact.resolution_s).where(IncidentFact.incident_id == a))
    assert kept == 120 * 60  # A: 210 − 90 (workaround) hotline minutes, recomputed
    assert figures() == live


def test_an_incident_changed_while_its_row_is_computed_stays_pending(sessions, world) -> None:
    """A refresh takes an incident off the pending list only for the version its row was computed from:
    a change written meanwhile (here: a pending version ahead of the row's) keeps it pending, and the
    report keeps computing it live."""
    from sqlalchemy import func, update

    from app.db.models import IncidentFact, ReportPending

    with sessions.begin() as session:
        reporting.refresh_durations(session, WEEK, NOW)
    live = report(sessions).current.resolution
    with sessions.begin() as session:
        a = session.scalar(select(Incident.id).where(Incident.number == world["a"]))
        version = session.scalar(select(Incident.version).where(Incident.id == a))
        session.add(ReportPending(incident_id=a, version=version + 1))
    with sessions.begin() as session:
        assert reporting.refresh_durations(session, WEEK, NOW) == 1
        assert session.scalar(select(ReportPending.version).where(ReportPending.incident_id == a)) == version + 1
        assert session.scalar(select(IncidentFact.version).where(IncidentFact.incident_id == a)) == version
        session.execute(update(IncidentFact).where(IncidentFact.incident_id == a).values(resolution_s=1))
        assert session.scalar(select(func.count()).select_from(ReportPending)) == 1
    assert report(sessions).current.resolution.median != 1 / 60
    assert report(sessions).current.resolution == live  # A computed live, its tampered row not read


def test_an_incident_file_counts_hotline_time_from_the_mirror(sessions, world) -> None:
    """R-17: the clock of an incident's file, read from the calendar mirror for the incident's span, gives
    the hand-computed minutes (A: 120 counted, 90 paused; B: 90 and 270) and matches the full calendar."""
    from app.domain.hotline_calendar import HotlineCalendar
    from app.services import calendar_mirror
    from app.services.incident_queries import clock_steps, incident_detail

    with sessions() as session:
        for key, counted in (("a", 120), ("b", 90), ("d", 120)):
            detail = incident_detail(session, world[key], now=NOW)
            assert detail.service_level.resolution_minutes == pytest.approx(counted)
            incident = session.scalar(select(Incident).where(Incident.number == world[key]))
            clock = calendar_mirror.hotline_clock(session, incident.opened_at, NOW)
            assert not isinstance(clock, HotlineCalendar)  # the mirror covers the week
            events = session.scalars(
                select(IncidentEvent).where(IncidentEvent.incident_id == incident.id).order_by(IncidentEvent.seq)
            ).all()
            full = service_level(
                clock_steps(events, incident.opened_at), calendar_config.current_calendar(session), NOW
            )
            assert detail.service_level == full


def test_a_bulk_refresh_writes_the_same_rows_as_the_refresh_by_ids(sessions, world, monkeypatch) -> None:
    """Every incident pending (a bulk load, a migrated database): the rows computed a month of openings at
    a time are those computed by lists of ids, and the pending list is emptied."""
    from sqlalchemy import func

    from app.db.models import IncidentFact, ReportPending
    from app.services import report_facts

    def kept() -> list[tuple]:
        with sessions() as session:
            columns = IncidentFact.__table__.c
            return [tuple(row) for row in session.execute(select(*columns).order_by(columns.incident_id))]

    with sessions.begin() as session:
        by_ids = reporting.refresh_durations(session, WEEK, NOW)
    rows_by_ids = kept()
    with sessions.begin() as session:
        session.execute(IncidentFact.__table__.delete())
        pending = ReportPending.__table__.insert()
        session.execute(pending.from_select(["incident_id", "version"], select(Incident.id, Incident.version)))
    monkeypatch.setattr(report_facts, "BULK", 0)
    with sessions.begin() as session:
        assert reporting.refresh_durations(session, WEEK, NOW) == by_ids > 0
        assert session.scalar(select(func.count()).select_from(ReportPending)) == 0
    assert kept() == rows_by_ids


def test_the_refresh_before_a_report_writes_only_a_few_changed_incidents(sessions, world) -> None:
    """Before a report someone waits for, the changed incidents are written only when they are few: more
    are left to the refresh made after the figures are shown (the report computes them live meanwhile)."""
    from sqlalchemy import func

    from app.db.models import ReportPending
    from app.services import report_facts

    with sessions.begin() as session:
        waiting = session.scalar(select(func.count()).select_from(ReportPending))
        assert report_facts.refresh(session, (), NOW, at_most=waiting - 1) == 0
        assert session.scalar(select(func.count()).select_from(ReportPending)) == waiting
        assert report_facts.refresh(session, (), NOW, at_most=waiting) == waiting
        assert session.scalar(select(func.count()).select_from(ReportPending)) == 0
