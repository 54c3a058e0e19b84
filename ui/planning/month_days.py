"""What each day of a month shows in the Planning screen, composed from the calendar and the interruptions.

No rule is decided here: opening ranges, holidays, training days and closures come from
:class:`~app.domain.hotline_calendar.HotlineCalendar`, and whether an interruption still needs announcing
comes from :class:`~app.services.interruptions.InterruptionView`. This module only sorts those facts into
one frozen value per grid cell, so the grid paints and the tests read the same thing.
"""

from __future__ import annotations

import calendar as _weeks
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

from app.domain.hotline_calendar import PARIS, HotlineCalendar
from app.domain.opening_hours import TRAINING_REASON
from app.services.interruptions import InterruptionView


class DayKind(Enum):
    """The main state of a day, which gives its cell its colour (first that applies, in this order)."""

    HOLIDAY = "holiday"
    TRAINING = "training"
    CLOSURE = "closure"
    WEEKEND = "weekend"
    CLOSED = "closed"  # a weekday without any opening range (hours changed, or outside covered years)
    OPEN = "open"


@dataclass(frozen=True)
class DayNote:
    """One line under the opening hours: a closure reason or a planned interruption."""

    kind: str  # "holiday", "training", "closure", "partial_closure" or "interruption"
    text: str
    warning: bool = False


@dataclass(frozen=True)
class DayCell:
    """One day of the month grid."""

    day: date
    in_month: bool
    kind: DayKind
    ranges: tuple[tuple[time, time], ...]
    notes: tuple[DayNote, ...]

    def hours_text(self, separator: str = " · ") -> str:
        """« 08:30–12:00 · 13:30–17:00 », or an empty string when the hotline does not open."""
        return separator.join(f"{start:%H:%M}–{end:%H:%M}" for start, end in self.ranges)

    @property
    def has_warning(self) -> bool:
        """True when an interruption of this day is long and not announced to every client (R-21)."""
        return any(note.warning for note in self.notes)


def month_weeks(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday first) that show ``month``: 4 to 6 rows of 7 days, overflowing into its neighbours."""
    return [list(week) for week in _weeks.Calendar(firstweekday=0).monthdatescalendar(year, month)]


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    return datetime.combine(day, time(), PARIS), datetime.combine(day + timedelta(days=1), time(), PARIS)


def interruptions_on(day: date, interruptions: Iterable[InterruptionView]) -> list[InterruptionView]:
    """The interruptions that run during the local day ``day`` (one spanning midnight shows on both days)."""
    start, end = _day_bounds(day)
    return [i for i in interruptions if i.starts_at < end and i.ends_at > start]


def build_day(
    calendar: HotlineCalendar,
    day: date,
    *,
    in_month: bool,
    interruptions: Sequence[InterruptionView],
    service_names: dict[str, str],
    closed_from: str,
) -> DayCell:
    """Compose the cell of ``day``.

    ``service_names`` maps a service value to its short name on screen and ``closed_from`` is the
    « Closed {start}–{end} » template for a closure of part of a day: both are the screen's translated
    strings, since this module has no ``tr``.
    """
    if not calendar.first_year <= day.year <= calendar.last_year:
        return DayCell(day, in_month, DayKind.CLOSED, (), ())
    notes: list[DayNote] = []
    kind: DayKind | None = None
    holiday = calendar.holiday_name(day)
    if holiday:
        kind = DayKind.HOLIDAY
        notes.append(DayNote("holiday", holiday))
    if day in calendar.training_days:
        kind = kind or DayKind.TRAINING
        notes.append(DayNote("training", TRAINING_REASON))
    day_start, day_end = _day_bounds(day)
    for closure in calendar.closures:
        start, end = closure.bounds()
        if start >= day_end or end <= day_start:
            continue
        if start <= day_start and end >= day_end:
            kind = kind or DayKind.CLOSURE
            notes.append(DayNote("closure", closure.reason))
        else:
            shown_start = max(start, day_start).astimezone(PARIS)
            # A closure running past midnight is shown up to the end of this day, not to « 00:00 ».
            shown_end = "24:00" if end >= day_end else f"{end.astimezone(PARIS):%H:%M}"
            span = closed_from.format(start=f"{shown_start:%H:%M}", end=shown_end)
            notes.append(DayNote("partial_closure", f"{span} : {closure.reason}"))
    for interruption in interruptions_on(day, interruptions):
        local = interruption.starts_at.astimezone(PARIS)
        name = service_names.get(interruption.service.value, interruption.service.label)
        notes.append(
            DayNote(
                "interruption",
                f"{name} {local:%H:%M} ({interruption.planned_minutes} min)",
                warning=not interruption.fully_announced,
            )
        )
    ranges = tuple((start.time(), end.time()) for start, end in calendar.opening_ranges(day))
    if kind is None:
        if ranges:
            kind = DayKind.OPEN
        elif day.weekday() >= 5:
            kind = DayKind.WEEKEND
        else:
            kind = DayKind.CLOSED
    return DayCell(day, in_month, kind, ranges, tuple(notes))


def build_month(
    calendar: HotlineCalendar,
    year: int,
    month: int,
    interruptions: Sequence[InterruptionView],
    service_names: dict[str, str],
    closed_from: str,
) -> list[list[DayCell]]:
    """Every cell of the month grid of ``year``-``month``, week by week."""
    return [
        [
            build_day(
                calendar,
                day,
                in_month=day.month == month,
                interruptions=interruptions,
                service_names=service_names,
                closed_from=closed_from,
            )
            for day in week
        ]
        for week in month_weeks(year, month)
    ]
