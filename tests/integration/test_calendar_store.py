"""The hotline calendar as stored in the database, and its SQL mirror (R-15, R-16, R-17)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, Table, insert, select

from app.db import migrate
from app.db.base import UTCDateTime
from app.db.calendar_sql import hotline_seconds_between
from app.db.engine import session_factory
from app.db.models import CalendarRange
from app.domain.hotline_calendar import Closure
from app.services import calendar_config as cc


def _paris(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime(y, mo, d, h, mi, tzinfo=ZoneInfo("Europe/Paris"))


def test_an_empty_database_uses_the_contract_hours(sessions) -> None:
    """R-15: without any configuration the contract's hours apply."""
    with sessions.begin() as session:
        assert cc.refresh_mirror_if_stale(session) is True
        calendar = cc.load_calendar(session)
        assert calendar.is_open(_paris(2026, 3, 12, 16, 30))
        assert not calendar.is_open(_paris(2026, 3, 13, 16, 30))
        assert cc.refresh_mirror_if_stale(session) is False


def test_training_days_close_the_hotline_and_warn_when_misplaced(sessions) -> None:
    """R-16: two internal training days a year, on days the hotline would be open."""
    with sessions.begin() as session:
        warnings = cc.set_training_days(session, 2026, [date(2026, 6, 4), date(2026, 5, 14)])
        assert any("férié" in w for w in warnings)  # 14 May 2026 is Ascension
        calendar = cc.load_calendar(session)
        assert calendar.reason_closed(_paris(2026, 6, 4, 10)) == "Formation interne"
    with sessions.begin() as session:
        assert cc.set_training_days(session, 2026, [date(2026, 6, 4), date(2026, 9, 17)]) == []
        assert sorted(cc.load_calendar(session).training_days) == [date(2026, 6, 4), date(2026, 9, 17)]


def test_a_training_day_of_another_year_is_refused_and_nothing_saved(sessions) -> None:
    with sessions.begin() as session:
        cc.set_training_days(session, 2026, [date(2026, 6, 4), date(2026, 9, 17)])
    with pytest.raises(cc.CalendarConfigError, match="n'est pas en 2026"), sessions.begin() as session:
        cc.set_training_days(session, 2026, [date(2027, 1, 5)])
    with sessions() as session:
        assert sorted(cc.load_calendar(session).training_days) == [date(2026, 6, 4), date(2026, 9, 17)]


def test_overlapping_closures_are_reported(sessions) -> None:
    with sessions.begin() as session:
        cc.add_closure(session, Closure.on(date(2026, 8, 14), "Pont de l'Assomption"))
        _, warnings = cc.add_closure(
            session, Closure.between(datetime(2026, 8, 14, 8), datetime(2026, 8, 14, 12), "Déménagement")
        )
        assert any("chevauchent" in w for w in warnings)
        entries = cc.closure_entries(session)
        assert len(entries) == 2
        cc.remove_closure(session, entries[0].id)
        assert len(cc.closure_entries(session)) == 1


def test_alsace_moselle_adds_good_friday(sessions) -> None:
    with sessions.begin() as session:
        assert cc.load_calendar(session).is_open(_paris(2026, 4, 3, 10))
        cc.set_alsace_moselle(session, True)
        assert not cc.load_calendar(session).is_open(_paris(2026, 4, 3, 10))


def _sql_agrees_with_python(engine: Engine, count: int) -> None:
    sessions = session_factory(engine)
    with sessions.begin() as session:
        cc.set_training_days(session, 2027, [date(2027, 3, 4), date(2027, 10, 7)])
        cc.add_closure(
            session, Closure.between(datetime(2026, 12, 24, 12), datetime(2026, 12, 28, 10), "Fêtes")
        )
        calendar = cc.load_calendar(session)
    intervals = Table(
        "tmp_intervals",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("a", UTCDateTime),
        Column("b", UTCDateTime),
    )
    intervals.create(engine)
    rng = random.Random(20261126)
    low = datetime(2024, 1, 1, tzinfo=UTC).timestamp()
    high = datetime(2035, 12, 31, tzinfo=UTC).timestamp()
    rows = []
    for i in range(count):
        a = int(rng.uniform(low, high))
        # Mostly short spans (hours to weeks), some across years, some reversed.
        b = a + int(
            rng.choice(
                [
                    rng.uniform(0, 86_400 * 3),
                    rng.uniform(0, 86_400 * 60),
                    rng.uniform(-86_400 * 400, 86_400 * 400),
                ]
            )
        )
        b = min(max(b, int(low)), int(high))
        rows.append({"id": i, "a": datetime.fromtimestamp(a, UTC), "b": datetime.fromtimestamp(b, UTC)})
    with engine.begin() as conn:
        conn.execute(insert(intervals), rows)
        result = dict(
            conn.execute(select(intervals.c.id, hotline_seconds_between(intervals.c.a, intervals.c.b))).all()
        )
    mismatches = [
        (r["a"], r["b"], result[r["id"]], calendar.business_minutes(r["a"], r["b"]) * 60)
        for r in rows
        if result[r["id"]] != round(calendar.business_minutes(r["a"], r["b"]) * 60)
    ]
    assert mismatches == []
    intervals.drop(engine)


def test_sql_durations_agree_with_the_calendar_on_10000_intervals(engine: Engine) -> None:
    """R-17: the database computes the same hotline durations as the calendar object."""
    _sql_agrees_with_python(engine, 10_000)


@pytest.mark.pg
def test_sql_durations_agree_on_postgresql(pg_engine: Engine) -> None:
    migrate.upgrade(pg_engine)
    _sql_agrees_with_python(pg_engine, 10_000)


def test_mirror_has_one_row_per_day_of_the_covered_years(sessions) -> None:
    with sessions.begin() as session:
        cc.refresh_mirror_if_stale(session)
        days = (date(cc.LAST_YEAR + 1, 1, 1) - date(cc.FIRST_YEAR, 1, 1)).days
        from app.db.models import CalendarDayRow

        assert session.query(CalendarDayRow).count() == days
        assert session.query(CalendarRange).count() > days  # two ranges a working day, plus the sentinel
