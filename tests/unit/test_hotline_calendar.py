"""The hotline calendar: opening hours (R-15), holidays, training days and closures (R-16), durations in
hotline hours (R-17).

The property tests compare the fast calendar with a minute-by-minute oracle written here from the rules
alone: a minute is open when its Europe/Paris wall-clock time falls in the day's opening ranges, on a
day that is neither a public holiday nor a training day nor closed, and outside every closure period.
All opening boundaries are whole local minutes and Paris offsets are whole hours, so the open state is
constant within each UTC minute and the oracle is exact to the second.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cache
from itertools import pairwise

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.hotline_calendar import (
    CONTRACT_HOURS,
    PARIS,
    CalendarRangeError,
    Closure,
    HotlineCalendar,
    WeeklyHours,
)

FIRST_YEAR, LAST_YEAR = 2024, 2030


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def t(text: str) -> time:
    return time.fromisoformat(text)


def last_sunday(year: int, month: int) -> date:
    end = date(year, month, 31)
    return end - timedelta(days=(end.weekday() + 1) % 7)


DST_DAYS = [last_sunday(y, m) for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in (3, 10)]


# -- configurations under test ----------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    schedules: tuple[WeeklyHours, ...]
    training_days: frozenset[date]
    closures: tuple[Closure, ...]
    alsace_moselle: bool


CONTRACT_CONFIG = Config(
    schedules=(CONTRACT_HOURS,),
    training_days=frozenset({date(2025, 3, 13), date(2025, 10, 9), date(2026, 3, 12), date(2026, 10, 8)}),
    closures=(
        Closure.on(date(2026, 8, 14), "Pont de l'Assomption"),
        Closure.between(datetime(2026, 12, 24, 12, 0), datetime(2026, 12, 24, 17, 0), "Réveillon"),
        Closure.between(datetime(2027, 7, 30, 14, 0), datetime(2027, 8, 2, 10, 0), "Déménagement"),
        # Across the spring summer-time change of 2025 (30 March).
        Closure.between(datetime(2025, 3, 28, 10, 0), datetime(2025, 3, 31, 11, 0), "Panne téléphonique"),
    ),
    alsace_moselle=False,
)

WIDE_WEEKDAY = ((t("07:00"), t("12:00")), (t("12:30"), t("19:30")))
# Sunday 01:00–05:00 contains the hour that summer time skips (March) or repeats (October).
WIDE_HOURS = WeeklyHours(
    valid_from=date(2025, 6, 2),
    days=(*[WIDE_WEEKDAY] * 5, ((t("09:00"), t("12:00")),), ((t("01:00"), t("05:00")),)),
)

WIDE_CONFIG = Config(
    schedules=(CONTRACT_HOURS, WIDE_HOURS),
    training_days=frozenset({date(2026, 1, 15), date(2026, 6, 18)}),
    closures=(
        Closure.between(datetime(2026, 10, 25, 1, 30), datetime(2026, 10, 25, 2, 30), "Maintenance"),
        Closure.on(date(2028, 3, 26), "Inventaire"),
    ),
    alsace_moselle=True,
)

CONFIGS = {"contract": CONTRACT_CONFIG, "wide": WIDE_CONFIG}


@cache
def calendar_for(name: str) -> HotlineCalendar:
    config = CONFIGS[name]
    return HotlineCalendar(
        schedules=config.schedules,
        training_days=config.training_days,
        closures=config.closures,
        alsace_moselle=config.alsace_moselle,
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
    )


class MinuteOracle:
    """Open or closed, one UTC minute at a time, straight from the rules."""

    def __init__(self, config: Config) -> None:
        self.config = config
        subdiv = "57" if config.alsace_moselle else None
        self.holidays = holidays.France(years=range(FIRST_YEAR, LAST_YEAR + 2), subdiv=subdiv)
        self.closed_days = {c.day for c in config.closures if c.day is not None}
        self.periods = [
            (c.bounds()[0].timestamp(), c.bounds()[1].timestamp()) for c in config.closures if c.day is None
        ]

    def open_minute(self, minute: int) -> bool:
        local = datetime.fromtimestamp(minute, tz=PARIS)
        day = local.date()
        if day in self.holidays or day in self.config.training_days or day in self.closed_days:
            return False
        in_force = [s for s in self.config.schedules if s.valid_from <= day]
        if not in_force:
            return False
        schedule = max(in_force, key=lambda s: s.valid_from)
        clock = local.time()
        if not any(start <= clock < end for start, end in schedule.days[day.weekday()]):
            return False
        return not any(start <= minute < end for start, end in self.periods)

    def open_seconds(self, a: int, b: int) -> int:
        """Open seconds of [a, b), a ≤ b."""
        total = 0
        minute = a - a % 60
        while minute < b:
            if self.open_minute(minute):
                total += min(b, minute + 60) - max(a, minute)
            minute += 60
        return total

    def add(self, start: int, seconds: int) -> int:
        """Earliest instant by which `seconds` open seconds have elapsed since `start`."""
        if seconds == 0:
            return start
        minute = start - start % 60
        while True:
            if self.open_minute(minute):
                segment_start = max(start, minute)
                available = minute + 60 - segment_start
                if seconds <= available:
                    return segment_start + seconds
                seconds -= available
            minute += 60


@cache
def oracle_for(name: str) -> MinuteOracle:
    return MinuteOracle(CONFIGS[name])


@pytest.fixture(scope="module")
def calendar() -> HotlineCalendar:
    return calendar_for("contract")


# -- strategies ------------------------------------------------------------------------------------

LO = int(paris(FIRST_YEAR, 1, 1).timestamp())
HI = int(paris(LAST_YEAR, 12, 1).timestamp())
SPECIAL_DAYS = [
    *DST_DAYS,
    *sorted(holidays.France(years=range(FIRST_YEAR, LAST_YEAR + 1), subdiv="57")),
    *sorted(CONTRACT_CONFIG.training_days | WIDE_CONFIG.training_days),
    date(2026, 8, 14),
    date(2026, 12, 24),
    date(2027, 7, 30),
    date(2025, 3, 28),
    date(2025, 6, 2),
]
ZONES = [PARIS, UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))]

near_special_day = st.sampled_from(SPECIAL_DAYS).flatmap(
    lambda day: st.integers(-3 * 86_400, 3 * 86_400).map(
        lambda offset: min(HI, max(LO, int(datetime.combine(day, time(), PARIS).timestamp()) + offset))
    )
)
instants = st.one_of(st.integers(LO, HI), near_special_day)
lengths = st.one_of(st.integers(0, 8 * 3600), st.integers(0, 10 * 86_400))
zones = st.sampled_from(ZONES)
config_names = st.sampled_from(sorted(CONFIGS))


def at(seconds: float, zone: timezone | object) -> datetime:
    return datetime.fromtimestamp(seconds, tz=zone)  # type: ignore[arg-type]


# -- property tests against the oracle -------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(name=config_names, a=instants, length=lengths, zone=zones, reverse=st.booleans())
def test_business_minutes_counts_exactly_the_open_time_between_two_instants(
    name: str, a: int, length: int, zone: timezone, reverse: bool
) -> None:
    """R-17: a duration in hotline hours is the open time of [a, b), to the second, DST included."""
    b = a + length
    expected = oracle_for(name).open_seconds(a, b) / 60
    calendar = calendar_for(name)
    if reverse:
        assert calendar.business_minutes(at(b, zone), at(a, zone)) == -expected
    else:
        assert calendar.business_minutes(at(a, zone), at(b, zone)) == expected


@settings(max_examples=300, deadline=None)
@given(
    name=config_names,
    start=instants,
    seconds=st.one_of(st.integers(0, 120), st.integers(0, 4 * 7 * 3600 + 1800)),
    zone=zones,
)
def test_add_business_minutes_lands_where_that_many_open_minutes_have_elapsed(
    name: str, start: int, seconds: int, zone: timezone
) -> None:
    """R-17: adding n hotline minutes gives the earliest instant at which n open minutes have passed."""
    calendar = calendar_for(name)
    origin = at(start, zone)
    result = calendar.add_business_minutes(origin, seconds / 60)
    # Timestamps, not ==: Python never finds a time of the repeated October hour equal to one in
    # another zone, and compares wall clocks (ignoring fold) within one zone.
    assert result.timestamp() == oracle_for(name).add(start, seconds)
    assert result.tzinfo is zone
    assert calendar.business_minutes(origin, result) == seconds / 60


@settings(max_examples=400, deadline=None)
@given(name=config_names, instant=instants, zone=zones)
def test_open_state_reason_next_opening_and_closing_time_agree_with_the_oracle(
    name: str, instant: int, zone: timezone
) -> None:
    """R-15/R-16: open exactly when the rules say so; a closed instant always has a reason."""
    calendar, oracle = calendar_for(name), oracle_for(name)
    moment = at(instant, zone)
    is_open = oracle.open_minute(instant - instant % 60)
    assert calendar.is_open(moment) is is_open
    assert (calendar.reason_closed(moment) is None) is is_open
    following = calendar.next_opening(moment)
    closes = calendar.closes_at(moment)
    if is_open:
        assert following is moment
        assert closes is not None and closes.tzinfo is zone
        assert closes.timestamp() > instant
        assert calendar.business_minutes(moment, closes) == (closes.timestamp() - instant) / 60
        assert not calendar.is_open(closes)
    else:
        assert closes is None and following.tzinfo is zone
        assert following.timestamp() > instant and calendar.is_open(following)
        assert calendar.business_minutes(moment, following) == 0
        assert not oracle.open_minute(int(following.timestamp()) - 60)


# -- opening hours (R-15) ---------------------------------------------------------------------------


def test_friday_1630_is_closed_and_thursday_1630_is_open(calendar: HotlineCalendar) -> None:
    """R-15: Friday afternoon ends at 16:00, Monday–Thursday at 17:00."""
    assert calendar.is_open(paris(2026, 5, 21, 16, 30))  # Thursday
    assert not calendar.is_open(paris(2026, 5, 22, 16, 30))  # Friday
    assert calendar.is_open(paris(2026, 5, 22, 15, 59))


def test_lunch_break_1215_is_closed(calendar: HotlineCalendar) -> None:
    """R-15: closed between 12:00 and 13:30."""
    assert not calendar.is_open(paris(2026, 5, 19, 12, 15))
    assert calendar.reason_closed(paris(2026, 5, 19, 12, 15)) == "Pause méridienne"
    assert not calendar.is_open(paris(2026, 5, 19, 12, 0))
    assert calendar.is_open(paris(2026, 5, 19, 13, 30))


def test_opens_at_0830_not_0829_and_closes_at_1700(calendar: HotlineCalendar) -> None:
    """R-15: opening ranges include their start and exclude their end."""
    assert not calendar.is_open(paris(2026, 5, 19, 8, 29))
    assert not calendar.is_open(paris(2026, 5, 19, 8, 29, 59))
    assert calendar.is_open(paris(2026, 5, 19, 8, 30))
    assert calendar.is_open(paris(2026, 5, 19, 16, 59, 59))
    assert not calendar.is_open(paris(2026, 5, 19, 17, 0))


def test_contract_hours_are_those_of_article_4_3() -> None:
    """R-15: 7 h a day Monday–Thursday, 6 h on Friday, nothing at the weekend."""
    assert CONTRACT_HOURS.day_text(0) == "08:30–12:00, 13:30–17:00"
    assert CONTRACT_HOURS.day_text(4) == "08:30–12:00, 13:30–16:00"
    assert CONTRACT_HOURS.day_text(5) == CONTRACT_HOURS.day_text(6) == "fermé"
    assert CONTRACT_HOURS.weekly_minutes() == 4 * 420 + 360


# -- closures (R-16) --------------------------------------------------------------------------------

EASTER_ASCENSION_WHIT = {
    2026: (date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)),
    2027: (date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)),
    2028: (date(2028, 4, 17), date(2028, 5, 25), date(2028, 6, 5)),
}


@pytest.mark.parametrize("year", sorted(EASTER_ASCENSION_WHIT))
def test_easter_monday_ascension_and_whit_monday_are_closed(calendar: HotlineCalendar, year: int) -> None:
    """R-16: closed on the movable public holidays, on their actual dates."""
    easter_monday, ascension, whit_monday = EASTER_ASCENSION_WHIT[year]
    names = ("Lundi de Pâques", "Ascension", "Lundi de Pentecôte")
    for day, name in zip((easter_monday, ascension, whit_monday), names, strict=True):
        noon_ish = datetime.combine(day, t("10:00"), PARIS)
        assert not calendar.is_open(noon_ish)
        assert calendar.reason_closed(noon_ish) == f"Jour férié : {name}"
        # The day before or after is an ordinary working day.
        neighbour = day + timedelta(days=1 if day.weekday() == 0 else -1)
        assert calendar.is_open(datetime.combine(neighbour, t("10:00"), PARIS))


def test_training_day_is_closed_for_internal_training(calendar: HotlineCalendar) -> None:
    """R-16: closed on the internal training days set by the vendor."""
    moment = paris(2026, 3, 12, 10, 0)
    assert not calendar.is_open(moment)
    assert calendar.reason_closed(moment) == "Formation interne"
    assert calendar.next_opening(moment) == paris(2026, 3, 13, 8, 30)


@pytest.mark.parametrize(
    ("moment", "reason"),
    [
        (paris(2026, 5, 19, 10, 0), None),
        (paris(2026, 5, 16, 10, 0), "Week-end"),
        (paris(2026, 5, 14, 10, 0), "Jour férié : Ascension"),
        (paris(2026, 7, 14, 10, 0), "Jour férié : Fête nationale"),
        (paris(2026, 10, 8, 10, 0), "Formation interne"),
        (paris(2026, 8, 14, 10, 0), "Fermeture exceptionnelle : Pont de l'Assomption"),
        (paris(2026, 12, 24, 14, 0), "Fermeture exceptionnelle : Réveillon"),
        (paris(2027, 7, 31, 10, 0), "Fermeture exceptionnelle : Déménagement"),
        (paris(2026, 5, 19, 7, 0), "Hors horaires d'ouverture"),
        (paris(2026, 5, 19, 18, 0), "Hors horaires d'ouverture"),
        (paris(2026, 5, 22, 16, 30), "Hors horaires d'ouverture"),
        (paris(2026, 5, 19, 12, 15), "Pause méridienne"),
    ],
)
def test_reason_closed_texts(calendar: HotlineCalendar, moment: datetime, reason: str | None) -> None:
    """R-15/R-16: the reason shown to technicians, in French; None when open."""
    assert calendar.reason_closed(moment) == reason


def test_partial_closure_keeps_the_rest_of_the_day_open(calendar: HotlineCalendar) -> None:
    """R-16: a closure period only closes its own hours; the range then closes when the closure starts."""
    assert calendar.is_open(paris(2026, 12, 24, 11, 0))
    assert calendar.closes_at(paris(2026, 12, 24, 11, 0)) == paris(2026, 12, 24, 12, 0)
    assert calendar.business_minutes(paris(2026, 12, 24, 0, 0), paris(2026, 12, 25, 0, 0)) == 210


def test_next_opening_over_the_whit_monday_long_weekend(calendar: HotlineCalendar) -> None:
    """R-16: from Friday evening before Whit Monday, the hotline reopens on Tuesday morning."""
    assert calendar.next_opening(paris(2026, 5, 22, 16, 0)) == paris(2026, 5, 26, 8, 30)
    assert calendar.next_opening(paris(2026, 5, 25, 23, 59)) == paris(2026, 5, 26, 8, 30)
    open_moment = paris(2026, 5, 26, 9, 0)
    assert calendar.next_opening(open_moment) is open_moment


def test_status_reads_well_in_the_status_bar(calendar: HotlineCalendar) -> None:
    """R-15/R-16: « Hotline ouverte — ferme à 17:00 », « Hotline fermée (Ascension) — réouvre … »."""
    open_status = calendar.status(paris(2026, 5, 19, 15, 0))
    assert open_status.open and open_status.reason is None
    assert open_status.closes_at == paris(2026, 5, 19, 17, 0)
    assert open_status.text() == "Hotline ouverte — ferme à 17:00"
    ascension = calendar.status(paris(2026, 5, 14, 10, 0))
    assert not ascension.open and ascension.closes_at is None
    assert ascension.reason == "Jour férié : Ascension"
    assert ascension.text() == "Hotline fermée (Ascension) — réouvre demain 08:30"
    whit = calendar.status(paris(2026, 5, 22, 16, 0))
    assert whit.text() == "Hotline fermée (Hors horaires d'ouverture) — réouvre mardi 08:30"
    lunch = calendar.status(paris(2026, 5, 19, 12, 10))
    assert lunch.text() == "Hotline fermée (Pause méridienne) — réouvre à 13:30"
    summer = calendar.status(paris(2026, 8, 13, 17, 30))
    assert summer.next_opening == paris(2026, 8, 17, 8, 30)
    assert summer.text() == "Hotline fermée (Hors horaires d'ouverture) — réouvre lundi 08:30"


def test_alsace_moselle_good_friday_and_st_stephen_only_when_set() -> None:
    """R-16: the Alsace-Moselle extra holidays apply only where configured."""
    common = {"first_year": FIRST_YEAR, "last_year": LAST_YEAR}
    interior, alsace = HotlineCalendar(**common), HotlineCalendar(alsace_moselle=True, **common)
    good_friday, st_stephen = paris(2026, 4, 3, 10, 0), paris(2025, 12, 26, 10, 0)
    assert interior.is_open(good_friday) and interior.is_open(st_stephen)
    assert not alsace.is_open(good_friday) and not alsace.is_open(st_stephen)
    assert alsace.reason_closed(good_friday) == "Jour férié : Vendredi saint"
    assert alsace.reason_closed(st_stephen) == "Jour férié : Saint-Étienne"
    # Thursday before Good Friday, then Easter Monday: next opening is Tuesday.
    assert alsace.next_opening(paris(2026, 4, 2, 17, 0)) == paris(2026, 4, 7, 8, 30)


# -- durations in hotline hours (R-17) --------------------------------------------------------------


def test_thursday_1600_to_friday_0900_counts_90_minutes(calendar: HotlineCalendar) -> None:
    """R-17: 60 minutes on Thursday until 17:00, 30 on Friday from 08:30."""
    assert calendar.business_minutes(paris(2026, 5, 21, 16, 0), paris(2026, 5, 22, 9, 0)) == 90


def test_friday_1500_to_monday_0900_counts_90_minutes(calendar: HotlineCalendar) -> None:
    """R-17: 60 minutes on Friday until 16:00, nothing at the weekend, 30 on Monday."""
    assert calendar.business_minutes(paris(2026, 5, 29, 15, 0), paris(2026, 6, 1, 9, 0)) == 90


def test_business_minutes_is_negative_when_reversed(calendar: HotlineCalendar) -> None:
    """R-17: b before a gives the opposite duration."""
    assert calendar.business_minutes(paris(2026, 6, 1, 9, 0), paris(2026, 5, 29, 15, 0)) == -90


def test_business_minutes_counts_seconds_as_fractions_of_a_minute(calendar: HotlineCalendar) -> None:
    """R-17: 30 s before Thursday's close plus 45 s after Friday's opening is 1.25 minutes."""
    assert calendar.business_minutes(paris(2026, 5, 21, 16, 59, 30), paris(2026, 5, 22, 8, 30, 45)) == 1.25
    # Microseconds count too: a quarter of a second before the close.
    quarter = paris(2026, 5, 21, 16, 59, 59, 750_000)
    assert calendar.business_minutes(quarter, paris(2026, 5, 21, 18, 0)) == pytest.approx(0.25 / 60)
    assert calendar.add_business_minutes(quarter, 1 / 60) == paris(2026, 5, 22, 8, 30, 0, 750_000)


def test_add_business_minutes_crosses_the_weekend(calendar: HotlineCalendar) -> None:
    """R-17: 90 hotline minutes from Friday 15:00 is Monday 09:00."""
    assert calendar.add_business_minutes(paris(2026, 5, 29, 15, 0), 90) == paris(2026, 6, 1, 9, 0)


def test_add_business_minutes_ending_at_closing_time_gives_the_closing_time(
    calendar: HotlineCalendar,
) -> None:
    """R-17: the earliest instant the count is reached is the close itself, not the next opening."""
    assert calendar.add_business_minutes(paris(2026, 5, 29, 15, 0), 60) == paris(2026, 5, 29, 16, 0)


def test_add_zero_minutes_returns_the_instant_unchanged_even_when_closed(calendar: HotlineCalendar) -> None:
    """R-17: zero hotline minutes have elapsed at once, whatever the hour."""
    saturday = paris(2026, 5, 30, 11, 0)
    assert calendar.add_business_minutes(saturday, 0) is saturday
    assert calendar.add_business_minutes(saturday, 0.5) == paris(2026, 6, 1, 8, 30, 30)


def test_add_business_minutes_refuses_a_negative_count(calendar: HotlineCalendar) -> None:
    """R-17: only forward counts make sense for deadlines."""
    with pytest.raises(ValueError, match="positif ou nul"):
        calendar.add_business_minutes(paris(2026, 5, 29, 15, 0), -1)


def test_results_come_back_in_the_zone_of_the_argument(calendar: HotlineCalendar) -> None:
    """Public instants may be in any zone; results keep the caller's zone."""
    friday_utc = paris(2026, 5, 29, 15, 0).astimezone(UTC)
    result = calendar.add_business_minutes(friday_utc, 90)
    assert result.tzinfo is UTC and result == paris(2026, 6, 1, 9, 0)
    assert calendar.next_opening(paris(2026, 5, 30, 11, 0).astimezone(UTC)).tzinfo is UTC


def test_spring_and_autumn_clock_changes_count_real_minutes() -> None:
    """R-15/R-17: Europe/Paris with summer time; Sunday 01:00–05:00 lasts 3 h in March and 5 h in October."""
    sundays = WeeklyHours(
        valid_from=date(2026, 1, 1), days=((), (), (), (), (), (), ((t("01:00"), t("05:00")),))
    )
    calendar = HotlineCalendar(schedules=(sundays,), first_year=2026, last_year=2026)
    spring, autumn = last_sunday(2026, 3), last_sunday(2026, 10)
    assert (spring, autumn) == (date(2026, 3, 29), date(2026, 10, 25))
    whole_day = timedelta(days=1)
    for day, minutes in ((spring, 180), (autumn, 300), (date(2026, 4, 12), 240)):
        midnight = datetime.combine(day, time(), PARIS)
        assert calendar.business_minutes(midnight, midnight.astimezone(UTC) + whole_day) == minutes
    # 02:30 does not exist on the spring Sunday: 01:59 CET is followed by 03:00 CEST.
    assert calendar.business_minutes(paris(2026, 3, 29, 1, 59), paris(2026, 3, 29, 3, 1)) == 2
    assert calendar.add_business_minutes(paris(2026, 3, 29, 1, 30), 60) == paris(2026, 3, 29, 3, 30)
    # 02:30 happens twice in October; both are open.
    first = paris(2026, 10, 25, 2, 30)
    second = first.replace(fold=1)
    assert calendar.business_minutes(first, second) == 60
    assert calendar.closes_at(first.replace(fold=1)) == paris(2026, 10, 25, 5, 0)


def test_contract_hours_across_the_clock_change_weekend(calendar: HotlineCalendar) -> None:
    """R-17: Friday 15:00 (CET) to Monday 09:00 (CEST) over the spring change is still 60 + 30."""
    assert calendar.business_minutes(paris(2026, 3, 27, 15, 0), paris(2026, 3, 30, 9, 0)) == 90
    assert calendar.add_business_minutes(paris(2026, 3, 27, 15, 30), 60) == paris(2026, 3, 30, 9, 0)
    assert calendar.business_minutes(paris(2026, 10, 23, 15, 0), paris(2026, 10, 26, 9, 0)) == 90


# -- configuration ---------------------------------------------------------------------------------


def test_new_hours_apply_from_their_valid_from_date_without_rewriting_history() -> None:
    """R-15: a later contract version changes the hours from a date on; earlier durations stay the same."""
    long_friday = WeeklyHours(
        valid_from=date(2027, 1, 1),
        days=(*CONTRACT_HOURS.days[:4], CONTRACT_HOURS.days[0], (), ()),
    )
    before = HotlineCalendar(first_year=FIRST_YEAR, last_year=LAST_YEAR)
    after = HotlineCalendar(
        schedules=(CONTRACT_HOURS, long_friday), first_year=FIRST_YEAR, last_year=LAST_YEAR
    )
    assert not after.is_open(paris(2026, 12, 18, 16, 30))
    assert after.is_open(paris(2027, 1, 8, 16, 30))
    assert not before.is_open(paris(2027, 1, 8, 16, 30))
    week_2026 = (paris(2026, 12, 14, 0, 0), paris(2026, 12, 21, 0, 0))
    assert after.business_minutes(*week_2026) == before.business_minutes(*week_2026) == 4 * 420 + 360
    week_2027 = (paris(2027, 1, 11, 0, 0), paris(2027, 1, 18, 0, 0))
    assert after.business_minutes(*week_2027) == 5 * 420


def test_daily_cumulative_minutes_mirror_business_minutes(calendar: HotlineCalendar) -> None:
    """R-17: the per-day rows (for the SQL calendar table) agree with the Python calculation."""
    rows = list(calendar.daily_cumulative_minutes())
    assert rows[0].day == date(FIRST_YEAR, 1, 1) and rows[-1].day == date(LAST_YEAR, 12, 31)
    assert len(rows) == (date(LAST_YEAR + 1, 1, 1) - date(FIRST_YEAR, 1, 1)).days
    origin = paris(FIRST_YEAR, 1, 1)
    for previous, row in pairwise(rows):
        assert row.cumulative_minutes_before == previous.cumulative_minutes_before + previous.open_minutes
        assert row.open_minutes == sum((e - s).total_seconds() for s, e in row.open_intervals) / 60
    for row in rows[::37]:
        midnight = datetime.combine(row.day, time(), PARIS)
        assert calendar.business_minutes(origin, midnight) == row.cumulative_minutes_before
    by_day = {row.day: row for row in rows}
    assert by_day[date(2026, 5, 19)].open_minutes == 420  # Tuesday
    assert by_day[date(2026, 5, 22)].open_minutes == 360  # Friday
    assert by_day[date(2026, 5, 14)].open_minutes == 0  # Ascension
    assert by_day[date(2026, 12, 24)].open_minutes == 210  # closed from 12:00


def test_closures_in_year_lists_holidays_training_days_and_closures(calendar: HotlineCalendar) -> None:
    """R-16: everything that closes the hotline in a year, in date order."""
    periods = calendar.closures_in_year(2026)
    assert [p.start for p in periods] == sorted(p.start for p in periods)
    kinds = {p.kind for p in periods}
    assert kinds == {"holiday", "training", "closure"}
    assert sum(p.kind == "holiday" for p in periods) == 11
    assert sum(p.kind == "training" for p in periods) == 2
    reveillon = next(p for p in periods if p.reason.endswith("Réveillon"))
    assert not reveillon.whole_day and reveillon.start == paris(2026, 12, 24, 12, 0)
    assert calendar.holiday_name(date(2026, 5, 14)) == "Ascension"
    assert calendar.holiday_name(date(2026, 5, 15)) is None
    assert calendar.opening_ranges(date(2026, 12, 24)) == (
        (paris(2026, 12, 24, 8, 30), paris(2026, 12, 24, 12, 0)),
    )
    assert calendar.opening_ranges(date(2026, 12, 25)) == ()


def test_configuration_warnings_follow_the_two_training_days_rule() -> None:
    """R-16: exactly 2 training days a year, on working days; closures should not overlap."""
    clean = HotlineCalendar(training_days=[date(2026, 3, 12), date(2026, 10, 8)])
    assert clean.configuration_warnings(2026) == []
    assert clean.configuration_warnings(2027) == [
        "Aucune journée de formation interne définie pour 2027 (2 attendues)."
    ]
    one = HotlineCalendar(training_days=[date(2026, 3, 12)])
    assert one.configuration_warnings(2026) == [
        "Une seule journée de formation interne définie pour 2026 (2 attendues)."
    ]
    badly_placed = HotlineCalendar(training_days=[date(2026, 5, 14), date(2026, 5, 16), date(2026, 6, 2)])
    assert badly_placed.configuration_warnings(2026) == [
        "3 journées de formation interne définies pour 2026 (2 attendues).",
        "La journée de formation du 14/05/2026 tombe un jour férié (Ascension).",
        "La journée de formation du 16/05/2026 tombe un week-end (samedi).",
    ]
    overlapping = HotlineCalendar(
        training_days=[date(2026, 3, 12), date(2026, 10, 8)],
        closures=[
            Closure.on(date(2026, 8, 14), "Pont"),
            Closure.between(datetime(2026, 8, 14, 15, 0), datetime(2026, 8, 17, 10, 0), "Travaux"),
            Closure.between(datetime(2026, 9, 1, 8, 0), datetime(2026, 9, 1, 10, 0), "Réseau"),
            Closure.between(datetime(2026, 9, 1, 10, 0), datetime(2026, 9, 1, 11, 0), "Réseau, suite"),
        ],
    )
    assert overlapping.configuration_warnings(2026) == [
        "Les fermetures exceptionnelles « Pont » (le 14/08/2026) et « Travaux » "
        "(du 14/08/2026 15:00 au 17/08/2026 10:00) se chevauchent."
    ]


def test_invalid_hours_and_closures_are_refused() -> None:
    """R-15/R-16: an impossible configuration is refused with the reason."""
    with pytest.raises(ValueError, match="se chevauchent"):
        replace(CONTRACT_HOURS, days=(((t("08:00"), t("12:00")), (t("11:00"), t("13:00"))), *[()] * 6))
    with pytest.raises(ValueError, match="vide ou inversée"):
        replace(CONTRACT_HOURS, days=(((t("12:00"), t("08:00")),), *[()] * 6))
    with pytest.raises(ValueError, match="7 jours"):
        replace(CONTRACT_HOURS, days=((),) * 6)
    with pytest.raises(ValueError, match="minute près"):
        replace(CONTRACT_HOURS, days=(((t("08:00:30"), t("12:00")),), *[()] * 6))
    with pytest.raises(ValueError, match="motif"):
        Closure.on(date(2026, 8, 14), "  ")
    with pytest.raises(ValueError, match="doit suivre"):
        Closure.between(datetime(2026, 8, 14, 15, 0), datetime(2026, 8, 14, 14, 0), "Travaux")
    with pytest.raises(ValueError, match="même jour"):
        HotlineCalendar(schedules=(CONTRACT_HOURS, CONTRACT_HOURS))
    with pytest.raises(ValueError, match="sans heure"):
        HotlineCalendar(training_days=[datetime(2026, 3, 12, 9, 0)])


def test_naive_datetimes_are_refused(calendar: HotlineCalendar) -> None:
    """Instants must carry their zone: a naive datetime is ambiguous around clock changes."""
    naive = datetime(2026, 5, 19, 10, 0)
    aware = paris(2026, 5, 19, 10, 0)
    calls = [
        lambda: calendar.is_open(naive),
        lambda: calendar.reason_closed(naive),
        lambda: calendar.next_opening(naive),
        lambda: calendar.closes_at(naive),
        lambda: calendar.status(naive),
        lambda: calendar.business_minutes(naive, aware),
        lambda: calendar.business_minutes(aware, naive),
        lambda: calendar.add_business_minutes(naive, 10),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="sans fuseau horaire"):
            call()


def test_instants_and_years_outside_the_calendar_are_refused(calendar: HotlineCalendar) -> None:
    """The calendar covers first_year–last_year; beyond, a clear French error."""
    with pytest.raises(CalendarRangeError, match="hors de la période couverte"):
        calendar.is_open(paris(LAST_YEAR + 1, 3, 1, 10, 0))
    with pytest.raises(ValueError, match=r"\(2024–2030\)"):
        calendar.business_minutes(paris(2023, 12, 31, 10, 0), paris(2024, 1, 2, 10, 0))
    with pytest.raises(CalendarRangeError, match="Année 2031"):
        calendar.configuration_warnings(2031)
    with pytest.raises(CalendarRangeError, match="dépassent la fin"):
        calendar.add_business_minutes(paris(LAST_YEAR, 12, 30, 10, 0), 10_000)
    # The upper bound itself is covered, so a duration can run to the very end.
    end = paris(LAST_YEAR + 1, 1, 1)
    assert calendar.business_minutes(paris(LAST_YEAR, 12, 31, 0, 0), end) == 420
    assert calendar.reason_closed(end) == "Jour férié : Jour de l'an"
