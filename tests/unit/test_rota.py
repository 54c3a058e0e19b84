"""The rota's rules and coverage gaps, on hand-built weeks (R-15, R-16)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from app.domain.hotline_calendar import PARIS, HotlineCalendar
from app.domain.rota import (
    Block,
    Leave,
    LeaveKind,
    LineRole,
    Rota,
    RotaError,
    Shift,
    WeeklyPattern,
    rota_to_ics,
    week_days,
)

# Week 18 of 2027: Monday 3 May … Friday 7 May; Thursday 6 May is Ascension.
MONDAY = date(2027, 5, 3)
TRAINING_DAY = date(2027, 5, 4)  # Tuesday
ASCENSION = date(2027, 5, 6)
TEAM = {"alice": "Alice Martin", "bruno": "Bruno Petit", "chloe": "Chloé Weber"}
CALENDAR = HotlineCalendar(training_days=[TRAINING_DAY, date(2027, 10, 7)], first_year=2026, last_year=2028)


def _full_week(login: str, since: date = date(2027, 1, 4)) -> tuple[WeeklyPattern, ...]:
    patterns = []
    for weekday in range(5):
        patterns.append(WeeklyPattern(login, weekday, time(8, 30), time(12), since, key=f"{login}-{weekday}-am"))
        end = time(16) if weekday == 4 else time(17)
        patterns.append(WeeklyPattern(login, weekday, time(13, 30), end, since, key=f"{login}-{weekday}-pm"))
    return tuple(patterns)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), PARIS)


def hand_built_week() -> Rota:
    """Alice and Bruno full time; Bruno away Wednesday afternoon; Alice on a site visit Monday 9–10."""
    return Rota(
        TEAM,
        patterns=_full_week("alice") + _full_week("bruno"),
        leaves=(Leave("bruno", LeaveKind.CONGES, date(2027, 5, 5), date(2027, 5, 5), starts_afternoon=True),),
        blocks=(Block("alice", _at(MONDAY, 9), _at(MONDAY, 10), "Sur site"),),
    )


def test_gaps_of_a_week_with_a_holiday_a_training_day_and_a_leave() -> None:
    """R-16: the holiday and the training day need nobody; the leave and the site visit leave one person."""
    gaps = hand_built_week().gaps(CALENDAR, MONDAY, MONDAY + timedelta(days=6))
    assert [(g.start, g.end, g.on_line, g.hotline_minutes) for g in gaps] == [
        (_at(MONDAY, 9), _at(MONDAY, 10), ("bruno",), 60),
        (_at(date(2027, 5, 5), 13, 30), _at(date(2027, 5, 5), 17), ("alice",), 210),
    ]
    assert all(g.missing == 1 for g in gaps)


def test_nobody_planned_means_every_opening_hour_is_a_gap() -> None:
    gaps = Rota(TEAM).gaps(CALENDAR, MONDAY, MONDAY + timedelta(days=6))
    # Monday, Wednesday (7 h each) and Friday (6 h); Tuesday (training) and Thursday (Ascension) closed.
    assert sum(g.hotline_minutes for g in gaps) == 7 * 60 * 2 + 6 * 60
    assert {g.start.date() for g in gaps} == {MONDAY, date(2027, 5, 5), date(2027, 5, 7)}


def test_the_minimum_is_a_setting() -> None:
    rota = Rota(TEAM, patterns=_full_week("alice"), minimum=1)
    assert rota.gaps(CALENDAR, MONDAY, MONDAY + timedelta(days=6)) == []


def test_a_backup_counts_on_the_line_and_an_exceptional_duty_outside_hours_does_not_fill_a_gap() -> None:
    rota = Rota(
        TEAM,
        patterns=_full_week("alice"),
        shifts=(
            Shift("chloe", MONDAY, time(8, 30), time(12), LineRole.BACKUP),
            Shift("bruno", MONDAY, time(17), time(19), exceptional=True),
        ),
    )
    gaps = rota.gaps(CALENDAR, MONDAY, MONDAY)
    assert [(g.start, g.end) for g in gaps] == [(_at(MONDAY, 13, 30), _at(MONDAY, 17))]
    assert [who for who, _ in rota.on_duty_at(_at(MONDAY, 10))] == ["alice", "chloe"]
    assert rota.on_duty_at(_at(MONDAY, 10))[1][1] is LineRole.BACKUP


def test_who_is_on_duty_leaves_out_leave_and_jobs() -> None:
    rota = hand_built_week()
    assert [w for w, _ in rota.on_duty_at(_at(MONDAY, 9, 30))] == ["bruno"]
    assert [w for w, _ in rota.on_duty_at(_at(date(2027, 5, 5), 14))] == ["alice"]
    assert rota.on_duty_at(_at(MONDAY, 12, 30)) == []


# --- repeating patterns, exceptions, summer time ----------------------------------------------------


def test_a_weekly_pattern_keeps_its_wall_clock_hours_across_the_summer_time_change() -> None:
    """Summer time starts on Sunday 28 March 2027: 08:30 in Paris is 07:30 UTC before, 06:30 after."""
    pattern = WeeklyPattern(
        "alice", 0, time(8, 30), time(12), date(2027, 3, 1), exceptions=frozenset({date(2027, 3, 22)}), key="p"
    )
    rota = Rota(TEAM, patterns=(pattern,))
    duties = rota.duties(date(2027, 3, 15), date(2027, 4, 5))
    assert [d.start.date() for d in duties] == [date(2027, 3, 15), date(2027, 3, 29), date(2027, 4, 5)]
    assert [d.start.astimezone(UTC).time() for d in duties] == [time(7, 30), time(6, 30), time(6, 30)]
    assert all((d.end - d.start) == timedelta(hours=3, minutes=30) for d in duties)
    assert all(d.from_pattern for d in duties)


def test_gaps_across_the_summer_time_change_count_real_hotline_minutes() -> None:
    rota = Rota(TEAM, patterns=_full_week("alice", date(2027, 3, 1)) + _full_week("bruno", date(2027, 3, 1)))
    skip = WeeklyPattern("bruno", 0, time(8, 30), time(12), date(2027, 3, 1), exceptions=frozenset({date(2027, 3, 29)}))
    rota = Rota(TEAM, patterns=(*[p for p in rota.patterns if p.key != "bruno-0-am"], skip))
    gaps = rota.gaps(CALENDAR, date(2027, 3, 22), date(2027, 4, 2))
    # Easter Monday 2027 is 29 March: closed, so Bruno's exception that day changes nothing.
    assert gaps == []
    rota = Rota(
        TEAM, patterns=rota.patterns, leaves=(Leave("alice", LeaveKind.MALADIE, date(2027, 3, 30), date(2027, 3, 30)),)
    )
    gaps = rota.gaps(CALENDAR, date(2027, 3, 22), date(2027, 4, 2))
    assert [(g.start.astimezone(UTC).time(), g.hotline_minutes) for g in gaps] == [
        (time(6, 30), 210),
        (time(11, 30), 210),
    ]


def test_pattern_occurrences_during_leave_do_not_apply() -> None:
    rota = Rota(
        TEAM,
        patterns=_full_week("alice"),
        leaves=(Leave("alice", LeaveKind.FORMATION, MONDAY, MONDAY, ends_at_noon=True),),
    )
    duties = rota.duties(MONDAY, MONDAY)
    assert [(d.start.time(), d.end.time()) for d in duties] == [(time(13, 30), time(17))]


# --- refusals ---------------------------------------------------------------------------------------


def test_a_shift_must_end_after_it_starts() -> None:
    with pytest.raises(RotaError, match="doit être après le début"):
        Shift("alice", MONDAY, time(12), time(8, 30))


def test_overlapping_shifts_of_one_technician_are_refused() -> None:
    rota = hand_built_week()
    with pytest.raises(RotaError, match="déjà de permanence de 08:30 à 12:00"):
        rota.check_shift(Shift("alice", MONDAY, time(11), time(12)), CALENDAR)
    # Another technician at the same time is fine.
    rota.check_shift(Shift("chloe", MONDAY, time(11), time(12)), CALENDAR)


def test_a_shift_during_leave_is_refused() -> None:
    with pytest.raises(RotaError, match="absent"):
        hand_built_week().check_shift(Shift("bruno", date(2027, 5, 5), time(14), time(15)), CALENDAR)


def test_a_shift_of_an_unknown_technician_is_refused() -> None:
    with pytest.raises(RotaError, match="Technicien inconnu"):
        hand_built_week().check_shift(Shift("zoe", MONDAY, time(9), time(10)), CALENDAR)


def test_a_shift_outside_opening_hours_needs_the_exceptional_mark() -> None:
    """R-15: the hotline closes at 17:00; R-16: nobody needs to be on the phones on Ascension."""
    rota = Rota(TEAM)
    with pytest.raises(RotaError, match="hors des heures d'ouverture"):
        rota.check_shift(Shift("chloe", MONDAY, time(17), time(18)), CALENDAR)
    with pytest.raises(RotaError, match="hotline fermée"):
        rota.check_shift(Shift("chloe", ASCENSION, time(9), time(10)), CALENDAR)
    rota.check_shift(Shift("chloe", ASCENSION, time(9), time(10), exceptional=True), CALENDAR)


def test_leave_over_an_explicit_shift_is_refused() -> None:
    rota = Rota(TEAM, shifts=(Shift("chloe", MONDAY, time(9), time(10)),))
    with pytest.raises(RotaError, match="déplacez ou supprimez"):
        rota.check_leave(Leave("chloe", LeaveKind.MALADIE, MONDAY, MONDAY))
    rota.check_leave(Leave("chloe", LeaveKind.MALADIE, MONDAY, MONDAY, starts_afternoon=True))


def test_half_days_split_at_noon() -> None:
    leave = Leave(
        "alice", LeaveKind.CONGES, MONDAY, MONDAY + timedelta(days=2), starts_afternoon=True, ends_at_noon=True
    )
    assert leave.bounds() == (_at(MONDAY, 12), _at(MONDAY + timedelta(days=2), 12))
    assert leave.describe() == "Congés du 03/05/2027 après-midi au 05/05/2027 matin"
    with pytest.raises(RotaError):
        Leave("alice", LeaveKind.CONGES, MONDAY, MONDAY - timedelta(days=1))
    assert LeaveKind.parse("congés") is LeaveKind.CONGES and LeaveKind.parse("temps-partiel") is LeaveKind.TEMPS_PARTIEL


def test_iso_weeks() -> None:
    assert week_days(2027, 10)[0] == date(2027, 3, 8)
    with pytest.raises(RotaError):
        week_days(2026, 54)


# --- ICS ----------------------------------------------------------------------------------------------


def test_ics_parses_back_with_the_right_instants_in_paris() -> None:
    icalendar = pytest.importorskip("icalendar")
    pattern = WeeklyPattern("alice", 4, time(13, 30), time(16), date(2027, 3, 1), key="fri")
    leave = Leave("alice", LeaveKind.CONGES, date(2027, 3, 31), date(2027, 4, 1), ends_at_noon=True)
    rota = Rota(TEAM, patterns=(pattern,), leaves=(leave,))
    text = rota_to_ics(rota, "alice", date(2027, 3, 22), date(2027, 4, 4), stamp=datetime(2027, 3, 1, tzinfo=UTC))
    parsed = icalendar.Calendar.from_ical(text)
    events = sorted(
        (
            (e.decoded("dtstart").astimezone(PARIS), e.decoded("dtend").astimezone(PARIS), str(e["summary"]))
            for e in parsed.walk("VEVENT")
        ),
    )
    assert events == [
        (_at(date(2027, 3, 26), 13, 30), _at(date(2027, 3, 26), 16), "Permanence hotline"),
        (_at(date(2027, 3, 31), 0), _at(date(2027, 4, 1), 12), "Congés du 31/03/2027 au 01/04/2027 matin"),
        (_at(date(2027, 4, 2), 13, 30), _at(date(2027, 4, 2), 16), "Permanence hotline"),
    ]
    assert events[0][0].utcoffset() == timedelta(hours=1) and events[2][0].utcoffset() == timedelta(hours=2)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert str(parsed["X-WR-CALNAME"]) == "Permanences hotline — Alice Martin"
