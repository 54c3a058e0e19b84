"""The status bar's hotline indicator read from the calendar mirror: the same answers as the full calendar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.context import AppContext
from app.db.models import CalendarRange
from app.domain.hotline_calendar import PARIS, CalendarRangeError, Closure, HotlineCalendar, WeeklyHours
from app.services.calendar_config import (
    add_closure,
    load_calendar,
    refresh_mirror_if_stale,
    save_weekly_hours,
    set_training_days,
)
from app.services.calendar_mirror import MirrorCalendar, read_mirror, read_status_calendar
from tests.ui.conftest import drain_background
from ui.planning.status_indicator import HotlineStatusIndicator


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=PARIS)  # type: ignore[misc]


@pytest.fixture
def configured(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    """A calendar with a change of hours, a training day, a closed day and a closure period, mirrored."""
    with sessions.begin() as session:
        refresh_mirror_if_stale(session)
        save_weekly_hours(
            session,
            WeeklyHours(
                valid_from=date(2026, 6, 1),
                days=(
                    ((time(9), time(12)), (time(14), time(18))),
                    ((time(9), time(12)), (time(14), time(18))),
                    ((time(9), time(12)),),
                    ((time(9), time(12)), (time(14), time(18))),
                    ((time(9), time(17)),),
                    ((time(10), time(12)),),
                    (),
                ),
            ),
        )
        set_training_days(session, 2026, [date(2026, 6, 9), date(2026, 10, 6)])
        add_closure(session, Closure.on(date(2026, 6, 19), "Inventaire"))
        add_closure(session, Closure.between(at(2026, 6, 24, 15, 0), at(2026, 6, 25, 10, 30), "Déménagement"))
    return sessions


def read_both(sessions: sessionmaker[Session], now: datetime) -> tuple[MirrorCalendar, HotlineCalendar]:
    with sessions() as session:
        mirror = read_mirror(session, now)
        assert mirror is not None
        return mirror, load_calendar(session)


def test_the_mirror_tells_the_same_status_as_the_full_calendar(configured: sessionmaker[Session]) -> None:
    mirror, full = read_both(configured, at(2026, 5, 25, 0, 7))
    t = at(2026, 5, 25, 0, 7)
    answered = unanswered = 0
    while t < at(2026, 7, 6):
        status = mirror.status(t)
        expected = full.status(t)
        if status is None:
            # Only a closed day without any opening time is left to the full calendar.
            assert not expected.open
            assert full.opening_ranges(t.date()) == ()
            unanswered += 1
        else:
            assert status == expected, t
            assert status.text() == expected.text()
            assert mirror.is_open(t) == full.is_open(t)
            answered += 1
        t += timedelta(minutes=15)
    assert answered > unanswered > 0


def test_the_mirror_gives_the_same_opening_ranges_and_hotline_minutes(configured: sessionmaker[Session]) -> None:
    mirror, full = read_both(configured, at(2026, 5, 22))
    day = date(2026, 5, 20)
    while day < date(2026, 7, 10):
        assert mirror.opening_ranges(day) == full.opening_ranges(day), day
        day += timedelta(days=1)
    for a, b in [
        (at(2026, 6, 5, 11, 0), at(2026, 6, 8, 10, 30)),
        (at(2026, 6, 24, 14, 0), at(2026, 6, 26, 9, 0)),
        (at(2026, 3, 27, 17, 0), at(2026, 3, 30, 9, 45)),  # across the change to summer time
    ]:
        mirror, full = read_both(configured, a)
        assert mirror.business_minutes(a, b) == full.business_minutes(a, b)


def test_only_the_months_around_now_are_read(configured: sessionmaker[Session]) -> None:
    """Two days back, two months ahead: beyond, the mirror says nothing and the full calendar is asked."""
    mirror, full = read_both(configured, at(2026, 6, 24, 10, 0))
    assert mirror.status(at(2026, 6, 21, 10, 0)) is None
    assert mirror.status(at(2026, 8, 26, 10, 0)) is None
    assert mirror.status(at(2026, 8, 24, 10, 0)) == full.status(at(2026, 8, 24, 10, 0))
    with pytest.raises(CalendarRangeError):
        mirror.opening_ranges(date(2026, 9, 1))
    with configured() as session:
        assert read_mirror(session, at(2019, 6, 1, 10, 0)) is None


@pytest.fixture
def clock() -> dict[str, datetime]:
    return {"now": at(2026, 6, 24, 10, 0)}


@pytest.fixture
def indicator(
    qtbot: QtBot, context: AppContext, configured: sessionmaker[Session], clock: dict[str, datetime]
) -> Iterator[HotlineStatusIndicator]:
    label = HotlineStatusIndicator(context.sessions, now=lambda: clock["now"])
    qtbot.addWidget(label)
    yield label
    drain_background()


def test_on_a_working_day_the_indicator_reads_only_the_mirror(
    qtbot: QtBot, indicator: HotlineStatusIndicator, clock: dict[str, datetime]
) -> None:
    indicator.reload()
    qtbot.waitUntil(lambda: indicator.calendar is not None, timeout=10_000)
    assert isinstance(indicator.calendar, MirrorCalendar)
    assert indicator.text() == "Hotline ouverte — ferme à 12:00"
    clock["now"] = at(2026, 6, 24, 16, 0)
    indicator._tick()
    assert indicator.text() == "Hotline fermée (Fermeture exceptionnelle : Déménagement) — réouvre demain 10:30"
    assert isinstance(indicator.calendar, MirrorCalendar)


def test_a_day_without_opening_time_is_told_by_the_full_calendar(
    qtbot: QtBot, indicator: HotlineStatusIndicator, clock: dict[str, datetime]
) -> None:
    indicator.reload()
    qtbot.waitUntil(lambda: indicator.calendar is not None, timeout=10_000)
    clock["now"] = at(2026, 6, 19, 10, 0)  # the whole-day closure
    indicator._tick()
    qtbot.waitUntil(lambda: isinstance(indicator.calendar, HotlineCalendar), timeout=10_000)
    assert indicator.text() == "Hotline fermée (Fermeture exceptionnelle : Inventaire) — réouvre demain 10:00"
    assert not indicator.is_loading()


def test_starting_on_a_public_holiday_reads_the_full_calendar(
    qtbot: QtBot, indicator: HotlineStatusIndicator, clock: dict[str, datetime]
) -> None:
    clock["now"] = at(2026, 7, 14, 10, 0)
    indicator.reload()
    qtbot.waitUntil(lambda: indicator.calendar is not None, timeout=10_000)
    assert isinstance(indicator.calendar, HotlineCalendar)
    assert indicator.text() == "Hotline fermée (Fête nationale) — réouvre demain 09:00"


def test_without_a_mirror_the_full_calendar_is_read(
    qtbot: QtBot, indicator: HotlineStatusIndicator, configured: sessionmaker[Session]
) -> None:
    with configured.begin() as session:
        session.execute(delete(CalendarRange))
        assert session.scalar(select(func.count()).select_from(CalendarRange)) == 0
    with configured() as session:
        assert isinstance(read_status_calendar(session, at(2026, 6, 24, 10, 0)), HotlineCalendar)
    indicator.reload()
    qtbot.waitUntil(lambda: indicator.calendar is not None, timeout=10_000)
    assert indicator.text() == "Hotline ouverte — ferme à 12:00"


def test_an_app_left_open_for_months_reads_the_full_calendar_once(
    qtbot: QtBot, indicator: HotlineStatusIndicator, clock: dict[str, datetime]
) -> None:
    indicator.reload()
    qtbot.waitUntil(lambda: indicator.calendar is not None, timeout=10_000)
    assert isinstance(indicator.calendar, MirrorCalendar)
    clock["now"] = at(2026, 10, 1, 10, 0)
    indicator._tick()
    qtbot.waitUntil(lambda: isinstance(indicator.calendar, HotlineCalendar), timeout=10_000)
    assert indicator.text() == "Hotline ouverte — ferme à 12:00"
