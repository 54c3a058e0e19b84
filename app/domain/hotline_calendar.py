"""The hotline calendar: when the hotline is open (R-15, R-16) and durations in hotline hours (R-17).

One :class:`HotlineCalendar` answers every question about opening time in the app. At construction it
turns the configuration (weekly hours with their validity dates, French public holidays, internal
training days, exceptional closures) into a sorted list of open intervals in UTC seconds over the
covered years, with the cumulative open time before each interval. Then:

- the open time before an instant is one bisect and some arithmetic, so :meth:`business_minutes` is
  two bisects (≥ 100,000 calls a second);
- an interval across a summer-time change counts the real elapsed time, since everything is in UTC;
- :meth:`daily_cumulative_minutes` gives the same totals per local day, for a database table that lets
  SQL compute hotline durations.

Public instants are timezone-aware datetimes in any zone (a naive one is refused); results come back in
the zone of the argument.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

from app.domain.opening_hours import (
    CLOSURE_PREFIX,
    CONTRACT_HOURS,
    HOLIDAY_PREFIX,
    LUNCH_BREAK_REASON,
    OUTSIDE_HOURS_REASON,
    PARIS,
    TRAINING_REASON,
    WEEKDAY_NAMES,
    WEEKEND_REASON,
    CalendarDay,
    Closure,
    ClosurePeriod,
    DayHours,
    HotlineStatus,
    TimeRange,
    WeeklyHours,
    local_seconds,
    merge_intervals,
    subtract_intervals,
)

__all__ = [
    "CONTRACT_HOURS",
    "PARIS",
    "CalendarDay",
    "CalendarRangeError",
    "Closure",
    "ClosurePeriod",
    "DayHours",
    "HotlineCalendar",
    "HotlineStatus",
    "TimeRange",
    "WeeklyHours",
]

# Moselle (57) has the same two extra days as Bas-Rhin and Haut-Rhin, and its code is known to every
# version of the package we accept (Alsace moved from "67"/"68" to "6AE" along the way).
_ALSACE_MOSELLE_SUBDIV = "57"

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = 1_000_000
_ONE_US = timedelta(microseconds=1)
_ONE_DAY = timedelta(days=1)
_MIN_YEAR, _MAX_YEAR = 1900, 2200


class CalendarRangeError(ValueError):
    """An instant or a year outside the years the calendar was built for."""


class HotlineCalendar:
    """Opening time of the hotline over the years ``first_year`` to ``last_year`` included.

    Instants outside ``[1 January first_year, 1 January last_year + 1]`` (Europe/Paris) raise
    :class:`CalendarRangeError`. The calendar is immutable: to change the configuration, build a new one
    (about 0.1 s for 21 years).
    """

    def __init__(
        self,
        *,
        schedules: Iterable[WeeklyHours] = (CONTRACT_HOURS,),
        training_days: Iterable[date] = (),
        closures: Iterable[Closure] = (),
        alsace_moselle: bool = False,
        first_year: int = 2020,
        last_year: int = 2040,
    ) -> None:
        if not (_MIN_YEAR <= first_year <= last_year <= _MAX_YEAR):
            raise ValueError(
                f"Période du calendrier invalide : {first_year}–{last_year} "
                f"(années entre {_MIN_YEAR} et {_MAX_YEAR}, la première avant la dernière)"
            )
        self.first_year = first_year
        self.last_year = last_year
        self.alsace_moselle = alsace_moselle
        self.schedules: tuple[WeeklyHours, ...] = tuple(sorted(schedules, key=lambda s: s.valid_from))
        for earlier, later in pairwise(self.schedules):
            if earlier.valid_from == later.valid_from:
                raise ValueError(f"Deux horaires commencent le même jour : {later.valid_from:%d/%m/%Y}")
        self._valid_froms = [s.valid_from for s in self.schedules]
        training = set()
        for day in training_days:
            if type(day) is not date:
                raise ValueError(f"Une journée de formation doit être une date (sans heure) : {day!r}")
            training.add(day)
        self.training_days: frozenset[date] = frozenset(training)
        self.closures: tuple[Closure, ...] = tuple(closures)
        for closure in self.closures:
            if not isinstance(closure, Closure):
                raise ValueError(f"Une fermeture exceptionnelle (Closure) est attendue : {closure!r}")

        self._first_day = date(first_year, 1, 1)
        self._end_day = date(last_year + 1, 1, 1)
        self._lo = local_seconds(self._first_day, time())
        self._hi = local_seconds(self._end_day, time())
        # Imported here: the package loads every country it knows (a tenth of a second), and importing
        # this module (the models do) must not cost that.
        import holidays

        self._holidays: dict[date, str] = dict(
            holidays.France(
                # One more year so that the very end of the range (1 January) still gets its name.
                years=range(first_year, last_year + 2),
                subdiv=_ALSACE_MOSELLE_SUBDIV if alsace_moselle else None,
                language="fr",
            ).items()
        )
        self._closure_periods: list[tuple[int, int, str]] = []
        self._closed_days: dict[date, str] = {}
        for closure in self.closures:
            if closure.day is not None:
                self._closed_days.setdefault(closure.day, closure.reason)
        self._build()

    # -- construction ---------------------------------------------------------------------------

    def _schedule_for(self, day: date) -> WeeklyHours | None:
        index = bisect_right(self._valid_froms, day) - 1
        return self.schedules[index] if index >= 0 else None

    def _build(self) -> None:
        raw: list[tuple[int, int]] = []
        day = self._first_day
        while day < self._end_day:
            if day not in self._holidays and day not in self.training_days and day not in self._closed_days:
                schedule = self._schedule_for(day)
                if schedule is not None:
                    for start, end in schedule.days[day.weekday()]:
                        s, e = local_seconds(day, start), local_seconds(day, end)
                        if s < e:
                            raw.append((s, e))
            day += _ONE_DAY

        self._closure_periods = [
            (int(c.start.timestamp()), int(c.end.timestamp()), c.reason)
            for c in self.closures
            if c.start is not None and c.end is not None
        ]
        holes = merge_intervals(sorted((s, e) for s, e, _ in self._closure_periods))
        intervals = merge_intervals(subtract_intervals(raw, holes))

        # A zero-length sentinel at the lower bound makes "last interval starting at or before x" exist
        # for every covered x, which keeps the hot path free of a branch.
        starts, ends, cum, cum_end = [self._lo], [self._lo], [0], [0]
        total = 0
        for s, e in intervals:
            starts.append(s)
            ends.append(e)
            cum.append(total)
            total += e - s
            cum_end.append(total)
        self._starts, self._ends, self._cum, self._cum_end = starts, ends, cum, cum_end

    # -- checks -----------------------------------------------------------------------------------

    def _seconds(self, t: datetime) -> float:
        if not isinstance(t, datetime):
            raise TypeError(f"Un instant (datetime) est attendu, pas {type(t).__name__}")
        if t.tzinfo is None or t.utcoffset() is None:
            raise ValueError(f"Instant sans fuseau horaire refusé : {t.isoformat()}")
        s = t.timestamp()
        if not self._lo <= s <= self._hi:
            raise CalendarRangeError(
                f"{t.isoformat()} est hors de la période couverte par le calendrier de la hotline "
                f"({self.first_year}–{self.last_year})"
            )
        return s

    def _check_year(self, year: int) -> None:
        if not self.first_year <= year <= self.last_year:
            raise CalendarRangeError(
                f"Année {year} hors de la période couverte par le calendrier de la hotline "
                f"({self.first_year}–{self.last_year})"
            )

    def _check_day(self, day: date) -> None:
        if type(day) is not date:
            raise ValueError(f"Une date (sans heure) est attendue : {day!r}")
        self._check_year(day.year)

    # -- questions about an instant ----------------------------------------------------------------

    def is_open(self, t: datetime) -> bool:
        """True when the hotline is open at ``t`` (opening ranges are ``[start, end)``)."""
        s = self._seconds(t)
        return s < self._ends[bisect_right(self._starts, s) - 1]

    def closes_at(self, t: datetime) -> datetime | None:
        """End of the open range containing ``t``, in the zone of ``t``; None when closed."""
        s = self._seconds(t)
        i = bisect_right(self._starts, s) - 1
        if s < self._ends[i]:
            return datetime.fromtimestamp(self._ends[i], tz=t.tzinfo)
        return None

    def next_opening(self, t: datetime) -> datetime:
        """``t`` itself when open, else the start of the next open range (in the zone of ``t``).

        Raises :class:`CalendarRangeError` when the hotline does not open again before the end of the
        covered years.
        """
        s = self._seconds(t)
        i = bisect_right(self._starts, s) - 1
        if s < self._ends[i]:
            return t
        if i + 1 >= len(self._starts):
            raise CalendarRangeError(
                f"Aucune ouverture de la hotline après {t.isoformat()} d'ici la fin de {self.last_year}"
            )
        return datetime.fromtimestamp(self._starts[i + 1], tz=t.tzinfo)

    def reason_closed(self, t: datetime) -> str | None:
        """Why the hotline is closed at ``t`` (French, for display), or None when it is open.

        The first that applies: « Jour férié : <nom> », « Formation interne »,
        « Fermeture exceptionnelle : <motif> », « Week-end » (a Saturday or Sunday without opening
        hours), « Pause méridienne » (between two ranges of the day), « Hors horaires d'ouverture ».
        """
        if self.is_open(t):
            return None
        s = t.timestamp()
        local = t.astimezone(PARIS)
        day = local.date()
        if day in self._holidays:
            return HOLIDAY_PREFIX + self._holidays[day]
        if day in self.training_days:
            return TRAINING_REASON
        if day in self._closed_days:
            return CLOSURE_PREFIX + self._closed_days[day]
        for start, end, reason in self._closure_periods:
            if start <= s < end:
                return CLOSURE_PREFIX + reason
        schedule = self._schedule_for(day)
        ranges = schedule.days[day.weekday()] if schedule is not None else ()
        if not ranges:
            return WEEKEND_REASON if day.weekday() >= 5 else OUTSIDE_HOURS_REASON
        clock = local.time()
        if ranges[0][0] <= clock < ranges[-1][1]:
            return LUNCH_BREAK_REASON
        return OUTSIDE_HOURS_REASON

    def status(self, t: datetime) -> HotlineStatus:
        """Everything the status bar shows at ``t``: open, why not, when it closes or reopens."""
        is_open = self.is_open(t)
        try:
            next_opening: datetime | None = self.next_opening(t)
        except CalendarRangeError:
            next_opening = None
        return HotlineStatus(
            at=t,
            open=is_open,
            reason=None if is_open else self.reason_closed(t),
            closes_at=self.closes_at(t),
            next_opening=next_opening,
        )

    # -- hotline-hours arithmetic (R-17) ------------------------------------------------------------

    def business_minutes(self, a: datetime, b: datetime) -> float:
        """Hotline minutes between ``a`` and ``b``: the open time of ``[a, b)``, negative when b < a.

        Returned as a float of minutes (90.5 = 90 min 30 s), exact for whole-second arguments and within
        float rounding (well under a microsecond) otherwise; real elapsed time, so a summer-time change
        never adds or loses an hour.
        """
        sa = self._seconds(a)
        sb = self._seconds(b)
        starts, ends, cum, cum_end = self._starts, self._ends, self._cum, self._cum_end
        i = bisect_right(starts, sa) - 1
        fa = cum[i] + sa - starts[i] if sa < ends[i] else cum_end[i]
        j = bisect_right(starts, sb) - 1
        fb = cum[j] + sb - starts[j] if sb < ends[j] else cum_end[j]
        return (fb - fa) / 60

    def add_business_minutes(self, t: datetime, n: float) -> datetime:
        """The earliest instant at which ``n`` hotline minutes (n ≥ 0) have elapsed since ``t``.

        The result is in the zone of ``t``. When the count runs out exactly at a closing time, the result
        is that closing time, not the next opening. ``n = 0`` returns ``t`` unchanged, even when the
        hotline is closed at ``t``. Fractions of a minute are honoured to the microsecond.
        Raises :class:`CalendarRangeError` when the result would fall after the covered years.
        """
        self._seconds(t)
        if not isinstance(n, int | float) or isinstance(n, bool) or not math.isfinite(n) or n < 0:
            raise ValueError(f"Le nombre de minutes à ajouter doit être un nombre positif ou nul : {n!r}")
        delta = round(n * 60 * _US)
        if delta == 0:
            return t
        # Integer microseconds: float seconds would drift by a microsecond on some results.
        t_us = (t - _EPOCH) // _ONE_US
        starts, ends, cum, cum_end = self._starts, self._ends, self._cum, self._cum_end
        i = bisect_right(starts, t_us // _US) - 1
        k = i + 1
        if t_us < ends[i] * _US:
            left_in_range = ends[i] * _US - t_us
            if delta <= left_in_range:
                return self._from_us(t_us + delta, t)
            delta -= left_in_range
        if k < len(starts):
            target = cum[k] * _US + delta
            m = bisect_left(cum_end, -(-target // _US), lo=k)
            if m < len(starts):
                return self._from_us(starts[m] * _US + target - cum[m] * _US, t)
        raise CalendarRangeError(
            f"{n} minutes de hotline après {t.isoformat()} dépassent la fin de la période couverte "
            f"({self.last_year})"
        )

    @staticmethod
    def _from_us(us: int, like: datetime) -> datetime:
        return (_EPOCH + timedelta(microseconds=us)).astimezone(like.tzinfo)

    # -- per day and per year ----------------------------------------------------------------------

    def _open_seconds_before(self, s: int) -> int:
        i = bisect_right(self._starts, s) - 1
        return self._cum[i] + s - self._starts[i] if s < self._ends[i] else self._cum_end[i]

    def _intervals_between(self, lo: int, hi: int) -> Iterator[tuple[int, int]]:
        i = bisect_left(self._starts, lo)
        while i < len(self._starts) and self._starts[i] < hi:
            if self._ends[i] > self._starts[i]:
                yield self._starts[i], self._ends[i]
            i += 1

    def daily_cumulative_minutes(self) -> Iterator[CalendarDay]:
        """Every local day of the covered years with its open minutes and the open minutes before it.

        The values are whole minutes (all boundaries are whole local minutes, and Paris offsets are
        whole hours), counted from 1 January of ``first_year``.
        """
        day = self._first_day
        lo = self._lo
        before = 0
        while day < self._end_day:
            hi = local_seconds(day + _ONE_DAY, time())
            after = self._open_seconds_before(hi)
            intervals = tuple(
                (_EPOCH + timedelta(seconds=s), _EPOCH + timedelta(seconds=e))
                for s, e in self._intervals_between(lo, hi)
            )
            yield CalendarDay(day, (after - before) // 60, before // 60, intervals)
            day, lo, before = day + _ONE_DAY, hi, after

    def opening_ranges(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """Open ranges of a local day after holidays and closures, as Europe/Paris datetimes."""
        self._check_day(day)
        lo, hi = local_seconds(day, time()), local_seconds(day + _ONE_DAY, time())
        return tuple(
            (datetime.fromtimestamp(s, tz=PARIS), datetime.fromtimestamp(e, tz=PARIS))
            for s, e in self._intervals_between(lo, hi)
        )

    def holiday_name(self, day: date) -> str | None:
        """French name of the public holiday on ``day`` (« Ascension »), or None."""
        self._check_day(day)
        return self._holidays.get(day)

    def closures_in_year(self, year: int) -> tuple[ClosurePeriod, ...]:
        """Holidays, training days and exceptional closures touching ``year``, in date order."""
        self._check_year(year)
        first, end = date(year, 1, 1), date(year + 1, 1, 1)
        periods: list[ClosurePeriod] = []

        def whole(kind: str, reason: str, day: date) -> ClosurePeriod:
            start = datetime.combine(day, time(), PARIS)
            return ClosurePeriod(kind, reason, start, datetime.combine(day + _ONE_DAY, time(), PARIS), True)

        for day, name in self._holidays.items():
            if day.year == year:
                periods.append(whole("holiday", HOLIDAY_PREFIX + name, day))
        for day in self.training_days:
            if day.year == year:
                periods.append(whole("training", TRAINING_REASON, day))
        year_start = datetime.combine(first, time(), PARIS)
        year_end = datetime.combine(end, time(), PARIS)
        for closure in self.closures:
            start, stop = closure.bounds()
            if start < year_end and stop > year_start:
                periods.append(
                    ClosurePeriod("closure", CLOSURE_PREFIX + closure.reason, start, stop, closure.whole_day)
                )
        return tuple(sorted(periods, key=lambda p: (p.start, p.end, p.kind)))

    def configuration_warnings(self, year: int) -> list[str]:
        """French warnings on the configuration of ``year`` (empty when all is well).

        R-16 asks for exactly 2 internal training days a year, on days the hotline would otherwise be
        open; exceptional closures should not overlap (one of them is probably a mistake).
        """
        self._check_year(year)
        warnings: list[str] = []
        days = sorted(d for d in self.training_days if d.year == year)
        if not days:
            warnings.append(f"Aucune journée de formation interne définie pour {year} (2 attendues).")
        elif len(days) == 1:
            warnings.append(f"Une seule journée de formation interne définie pour {year} (2 attendues).")
        elif len(days) > 2:
            warnings.append(f"{len(days)} journées de formation interne définies pour {year} (2 attendues).")
        for day in days:
            if day in self._holidays:
                warnings.append(
                    f"La journée de formation du {day:%d/%m/%Y} tombe un jour férié ({self._holidays[day]})."
                )
            elif day.weekday() >= 5:
                warnings.append(
                    f"La journée de formation du {day:%d/%m/%Y} tombe un week-end "
                    f"({WEEKDAY_NAMES[day.weekday()]})."
                )
        year_start = datetime.combine(date(year, 1, 1), time(), PARIS)
        year_end = datetime.combine(date(year + 1, 1, 1), time(), PARIS)
        in_year = [
            (c, *c.bounds()) for c in self.closures if c.bounds()[0] < year_end and c.bounds()[1] > year_start
        ]
        in_year.sort(key=lambda item: (item[1], item[2]))
        for index, (first, start, stop) in enumerate(in_year):
            for second, other_start, other_stop in in_year[index + 1 :]:
                if other_start >= stop:
                    break
                if start < other_stop:
                    warnings.append(
                        f"Les fermetures exceptionnelles « {first.reason} » ({first.describe()}) et "
                        f"« {second.reason} » ({second.describe()}) se chevauchent."
                    )
        if not self.schedules or self.schedules[0].valid_from > date(year, 1, 1):
            since = f" avant le {self.schedules[0].valid_from:%d/%m/%Y}" if self.schedules else ""
            warnings.append(f"Aucun horaire d'ouverture défini{since} : la hotline est considérée fermée.")
        return warnings
