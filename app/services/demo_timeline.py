"""Hotline opening time for the demo data: where incidents may open and how long things take.

The seeder places every technician action inside the contract's hours (R-15), closed on French public
holidays (R-16), and measures delays in open minutes (R-17), so that the demo's statistics in hotline
hours look like a real hotline's. This is a small, self-contained copy of those hours on purpose: the
demo must stay the same, byte for byte, even when the configurable calendar of the app changes.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

PARIS = ZoneInfo("Europe/Paris")

MORNING_OPEN = 8 * 60 + 30  # 08:30, minutes after midnight
MORNING_CLOSE = 12 * 60
AFTERNOON_OPEN = 13 * 60 + 30
MORNING_LENGTH = MORNING_CLOSE - MORNING_OPEN  # 210
# Monday to Thursday close at 17:00, Friday at 16:00.
AFTERNOON_CLOSE = (17 * 60, 17 * 60, 17 * 60, 17 * 60, 16 * 60, 0, 0)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """The anniversary ``years`` later; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


# Per day (ordinal): (local midnight, UTC instant of local midnight at that day's daytime offset).
_DAY_BASES: dict[int, tuple[datetime, datetime]] = {}
# France changes its clocks at 02:00 or 03:00 local time: from 04:00 on, a day has a single offset.
_SINGLE_OFFSET_FROM_HOUR = 4


def paris_to_utc(local: datetime) -> datetime:
    """A Paris wall-clock time (naive) as an aware UTC instant."""
    if local.hour < _SINGLE_OFFSET_FROM_HOUR:
        return local.replace(tzinfo=PARIS).astimezone(UTC)
    # The seeder converts millions of times of day: time-zone rules once per day, then arithmetic,
    # which gives the same instant (same tzinfo, fold 0) as the conversion above.
    ordinal = local.toordinal()
    bases = _DAY_BASES.get(ordinal)
    if bases is None:
        day = date.fromordinal(ordinal)
        midnight = datetime.combine(day, time())
        offset = datetime.combine(day, time(12), tzinfo=PARIS).utcoffset()
        assert offset is not None
        bases = (midnight, datetime.combine(day, time(), tzinfo=UTC) - offset)
        _DAY_BASES[ordinal] = bases
    return bases[1] + (local - bases[0])


def at_paris(day: date, hour: int, minute: int = 0) -> datetime:
    """A date at a Paris wall-clock time, as an aware UTC instant (for rows stamped on a given day)."""
    return paris_to_utc(datetime.combine(day, time(hour, minute)))


class Timeline:
    """The hotline's open minutes from ``first`` to ``last`` (inclusive), as a cumulative count.

    A *position* is the number of open minutes since ``first`` 08:30: adding N to a position is
    "N minutes of hotline time later", which jumps lunch breaks, evenings, week-ends and holidays.
    """

    def __init__(self, first: date, last: date) -> None:
        french_holidays = holidays.France(years=range(first.year, last.year + 1))
        self.first = first
        self.days = (last - first).days + 1
        self.lengths: list[int] = []
        self.cumulative: list[int] = [0]
        # Dates and midnights by index, made once: the seeder asks for them millions of times.
        self.dates: list[date] = [first + timedelta(days=index) for index in range(self.days)]
        self.midnights: list[datetime] = [datetime.combine(day, time()) for day in self.dates]
        for day in self.dates:
            weekday = day.weekday()
            closed = weekday >= 5 or day in french_holidays
            length = 0 if closed else MORNING_LENGTH + AFTERNOON_CLOSE[weekday] - AFTERNOON_OPEN
            self.lengths.append(length)
            self.cumulative.append(self.cumulative[-1] + length)

    def day(self, index: int) -> date:
        return self.dates[index]

    def index(self, day: date) -> int:
        return (day - self.first).days

    def is_open_day(self, index: int) -> bool:
        return self.lengths[index] > 0

    def local_at_offset(self, index: int, offset: float) -> datetime:
        """Wall-clock time of the ``offset``-th open minute of day ``index`` (morning first)."""
        minutes = MORNING_OPEN + offset if offset < MORNING_LENGTH else AFTERNOON_OPEN + offset - MORNING_LENGTH
        return self.midnights[index] + timedelta(seconds=round(minutes * 60))

    def position(self, local: datetime) -> float:
        """Open minutes before ``local`` (a Paris wall-clock time inside the timeline)."""
        index = (local.date() - self.first).days
        base = self.cumulative[index]
        length = self.lengths[index]
        if length == 0:
            return base
        minute = local.hour * 60 + local.minute + local.second / 60
        if minute <= MORNING_OPEN:
            return base
        if minute < MORNING_CLOSE:
            return base + minute - MORNING_OPEN
        if minute < AFTERNOON_OPEN:
            return base + MORNING_LENGTH
        return base + min(length, MORNING_LENGTH + minute - AFTERNOON_OPEN)

    def end_position(self) -> int:
        return self.cumulative[-1]

    def local_at(self, position: float) -> datetime:
        """The wall-clock time at an open-minute position strictly inside the timeline."""
        # bisect_right skips closed days, whose cumulative count equals the next open day's.
        index = bisect_right(self.cumulative, position) - 1
        return self.local_at_offset(index, position - self.cumulative[index])
