"""The service-level clock in hotline hours (R-17), paused while waiting on the client."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.hotline_calendar import HotlineCalendar
from app.domain.service_level import Step, service_level
from app.domain.vocabulary import IncidentStatus as S

PARIS = ZoneInfo("Europe/Paris")
CAL = HotlineCalendar(first_year=2025, last_year=2027)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=PARIS)  # March 2026: 9 = Monday


def test_first_response_and_resolution_count_hotline_minutes_only() -> None:
    """Opened Thursday 16:00, diagnosed Friday 09:00 (90 hotline minutes), resolved Monday 09:00."""
    steps = [Step(at(12, 16), S.NEW, False), Step(at(13, 9), S.DIAGNOSED, False), Step(at(16, 9), S.RESOLVED, False)]
    level = service_level(steps, CAL, now=at(20, 12))
    assert level.first_response_minutes == 90
    # Thursday 60 + Friday 360 + Monday 30.
    assert level.resolution_minutes == 60 + 360 + 30
    assert level.resolved and not level.running and level.paused_minutes == 0


def test_a_proposed_workaround_pauses_the_clock_until_accepted() -> None:
    """R-12, R-17: waiting for the client's acceptance does not count."""
    steps = [
        Step(at(9, 9), S.NEW, False),
        Step(at(9, 10), S.DIAGNOSED, False),
        Step(at(9, 11), S.WORKAROUND_PROPOSED, False),
        Step(at(10, 11), S.WORKAROUND_ACCEPTED, False),
        Step(at(10, 15), S.RESOLVED, False),
    ]
    level = service_level(steps, CAL, now=at(12, 9))
    assert level.paused_minutes == CAL.business_minutes(at(9, 11), at(10, 11))
    assert level.resolution_minutes == CAL.business_minutes(at(9, 9), at(9, 11)) + CAL.business_minutes(
        at(10, 11), at(10, 15)
    )


def test_an_explicit_wait_pauses_and_a_reopen_resumes() -> None:
    steps = [
        Step(at(9, 9), S.NEW, False),
        Step(at(9, 10), S.DIAGNOSED, True),  # waiting for the client's backup
        Step(at(10, 9), S.DIAGNOSED, False),
        Step(at(10, 10), S.RESOLVED, False),
        Step(at(11, 9), S.DIAGNOSED, False),  # reopened
    ]
    now = at(11, 10)
    level = service_level(steps, CAL, now=now)
    expected = sum(
        CAL.business_minutes(a, b) for a, b in [(at(9, 9), at(9, 10)), (at(10, 9), at(10, 10)), (at(11, 9), now)]
    )
    assert level.resolution_minutes == expected and level.running and not level.resolved
    # The time between resolution and reopening never counts.
    assert level.paused_minutes == CAL.business_minutes(at(9, 10), at(10, 9))


def test_a_weekend_never_counts() -> None:
    steps = [Step(at(13, 15, 30), S.NEW, False)]  # Friday 15:30, still open at Monday 08:45
    level = service_level(steps, CAL, now=at(16, 8, 45))
    assert level.resolution_minutes == 30 + 15 and level.first_response_minutes is None


def test_an_empty_history_is_refused() -> None:
    with pytest.raises(ValueError):
        service_level([], CAL, now=at(9, 9))
