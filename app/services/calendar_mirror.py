"""The hotline calendar read from its SQL mirror (``calendar_ranges``), without building the full calendar.

Building the full calendar (:class:`HotlineCalendar`) imports the ``holidays`` package and computes every
public holiday of the covered years: a tenth of a second or more, paid by whoever asks first. The mirror,
rebuilt by every calendar edit and checked at every start, already holds the open ranges with the open
seconds before each, so hotline minutes between two instants and « open now » are a bisection in rows
read for the span that matters: the status bar reads two months around now, an incident's file the span
from its opening to now.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import CalendarRange
from app.domain.hotline_calendar import PARIS, CalendarRangeError, HotlineCalendar
from app.domain.opening_hours import (
    CLOSURE_PREFIX,
    LUNCH_BREAK_REASON,
    OUTSIDE_HOURS_REASON,
    WEEKEND_REASON,
    Closure,
    HotlineStatus,
    WeeklyHours,
    local_seconds,
)
from app.services.calendar_config import FIRST_YEAR, LAST_YEAR, closure_entries, current_calendar, weekly_schedules

_ONE_DAY = timedelta(days=1)
# The part of the mirror read for the status bar: from two days back to two months ahead. After that (an
# app left open for weeks), the full calendar is read, once.
_WINDOW_BEFORE_S = 2 * 86_400
_WINDOW_AFTER_S = 62 * 86_400


class MirrorCalendar:
    """The hotline's open ranges as the calendar mirror holds them, with the weekly hours and closures.

    Answers what the status bar and the rota outlook ask (``status``, ``is_open``, ``opening_ranges``,
    ``business_minutes``) exactly as :class:`HotlineCalendar` would, within ``window`` (UTC epoch seconds,
    end excluded), except the reason of a closed day without any opening time: ``status`` is then None
    (as it is outside the window) and the full calendar must be asked.
    """

    def __init__(
        self,
        ranges: Iterable[tuple[int, int, int]],
        schedules: Sequence[WeeklyHours],
        closures: Iterable[Closure],
        window: tuple[int, int] | None = None,
    ) -> None:
        """``ranges``: ``(starts, ends, seconds_before)`` rows of ``calendar_ranges``: every range that
        starts in the window, and the last one starting at or before its beginning (by default the whole
        mirror, its sentinel included)."""
        rows = sorted(ranges)
        self._starts = [r[0] for r in rows]
        self._ends = [r[1] for r in rows]
        self._cum = [r[2] for r in rows]
        self._cum_end = [r[2] + r[1] - r[0] for r in rows]
        self.schedules = tuple(sorted(schedules, key=lambda s: s.valid_from))
        self._valid_froms = [s.valid_from for s in self.schedules]
        self._closure_periods = [
            (int(c.start.timestamp()), int(c.end.timestamp()), c.reason)
            for c in closures
            if c.start is not None and c.end is not None
        ]
        lo = local_seconds(date(FIRST_YEAR, 1, 1), time())
        hi = local_seconds(date(LAST_YEAR + 1, 1, 1), time())
        if window is not None:
            lo, hi = max(lo, window[0]), min(hi, window[1])
        # Nothing is known before the first range read.
        self._lo, self._hi = max(lo, self._starts[0]) if self._starts else hi, hi

    def _known(self, s: float) -> bool:
        return self._lo <= s < self._hi

    def _seconds(self, t: datetime) -> float:
        s = t.timestamp()
        if not self._known(s):
            raise CalendarRangeError(f"{t.isoformat()} est hors de la période lue du calendrier de la hotline")
        return s

    def is_open(self, t: datetime) -> bool:
        s = self._seconds(t)
        return s < self._ends[bisect_right(self._starts, s) - 1]

    def status(self, t: datetime) -> HotlineStatus | None:
        """What the status bar shows at ``t``; None when only the full calendar can say it."""
        s = t.timestamp()
        if not self._known(s):
            return None  # the full calendar knows (or says « outside the calendar »)
        i = bisect_right(self._starts, s) - 1
        if s < self._ends[i]:
            closes_at = datetime.fromtimestamp(self._ends[i], tz=t.tzinfo)
            return HotlineStatus(at=t, open=True, reason=None, closes_at=closes_at, next_opening=t)
        reason = self._reason_closed(t, s)
        if reason is None:
            return None
        if i + 1 >= len(self._starts):
            return None  # the next opening, if any, is after the window
        next_opening = datetime.fromtimestamp(self._starts[i + 1], tz=t.tzinfo)
        return HotlineStatus(at=t, open=False, reason=reason, closes_at=None, next_opening=next_opening)

    def _reason_closed(self, t: datetime, s: float) -> str | None:
        # The same order as HotlineCalendar.reason_closed. A day with some opening time is no public
        # holiday, training day or whole-day closure (those remove the whole day), so what is left is a
        # closure period, the lunch break or outside hours.
        local = t.astimezone(PARIS)
        day = local.date()
        lo, hi = local_seconds(day, time()), local_seconds(day + _ONE_DAY, time())
        if not (self._known(lo) and self._known(hi - 1)) or not self._has_open_time(lo, hi):
            return None
        for start, end, reason in self._closure_periods:
            if start <= s < end:
                return CLOSURE_PREFIX + reason
        index = bisect_right(self._valid_froms, day) - 1
        ranges = self.schedules[index].days[day.weekday()] if index >= 0 else ()
        if not ranges:
            return WEEKEND_REASON if day.weekday() >= 5 else OUTSIDE_HOURS_REASON
        if ranges[0][0] <= local.time() < ranges[-1][1]:
            return LUNCH_BREAK_REASON
        return OUTSIDE_HOURS_REASON

    def _has_open_time(self, lo: int, hi: int) -> bool:
        i = bisect_right(self._starts, lo) - 1
        if i >= 0 and self._ends[i] > lo:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < hi

    def opening_ranges(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """Open ranges of a local day, as Europe/Paris datetimes."""
        lo, hi = local_seconds(day, time()), local_seconds(day + _ONE_DAY, time())
        if not (self._known(lo) and self._known(hi - 1)):
            raise CalendarRangeError(f"Le {day:%d/%m/%Y} est hors de la période lue du calendrier de la hotline")
        i = bisect_left(self._starts, lo)
        ranges = []
        while i < len(self._starts) and self._starts[i] < hi:
            if self._ends[i] > self._starts[i]:
                ranges.append(
                    (datetime.fromtimestamp(self._starts[i], tz=PARIS), datetime.fromtimestamp(self._ends[i], tz=PARIS))
                )
            i += 1
        return tuple(ranges)

    def business_minutes(self, a: datetime, b: datetime) -> float:
        """Hotline minutes between ``a`` and ``b``."""
        return (self._open_seconds_before(self._seconds(b)) - self._open_seconds_before(self._seconds(a))) / 60

    def _open_seconds_before(self, s: float) -> float:
        i = bisect_right(self._starts, s) - 1
        return self._cum[i] + s - self._starts[i] if s < self._ends[i] else self._cum_end[i]


StatusCalendar = HotlineCalendar | MirrorCalendar


def read_mirror(session: Session, now: datetime, since: datetime | None = None) -> MirrorCalendar | None:
    """The calendar mirror around ``now`` (two days back, or from ``since``, to two months ahead); None
    when the mirror has nothing that early."""
    lo = int((since or now).timestamp()) - _WINDOW_BEFORE_S
    hi = int(now.timestamp()) + _WINDOW_AFTER_S
    first = session.scalar(select(func.max(CalendarRange.starts)).where(CalendarRange.starts <= lo))
    if first is None:
        return None
    rows = session.execute(
        select(CalendarRange.starts, CalendarRange.ends, CalendarRange.seconds_before).where(
            CalendarRange.starts >= first, CalendarRange.starts < hi
        )
    )
    ranges = [(r.starts, r.ends, r.seconds_before) for r in rows]
    closures = (e.closure for e in closure_entries(session))
    return MirrorCalendar(ranges, weekly_schedules(session), closures, window=(lo, hi))


def read_status_calendar(session: Session, now: datetime) -> StatusCalendar:
    """The calendar mirror when it can tell the status at ``now``, else the full calendar."""
    mirror = read_mirror(session, now)
    if mirror is not None and mirror.status(now) is not None:
        return mirror
    return current_calendar(session)


def hotline_clock(session: Session, since: datetime, now: datetime) -> MirrorCalendar | HotlineCalendar:
    """What counts hotline minutes from ``since`` to ``now`` (an incident's service-level clock): the mirror
    when it covers the span, the full calendar otherwise."""
    mirror = read_mirror(session, now, since)
    return mirror if mirror is not None else current_calendar(session)
