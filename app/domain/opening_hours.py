"""Value types of the hotline calendar (R-15, R-16) and the interval helpers it is built with.

The configuration (weekly opening hours with their validity date, exceptional closures) is made of plain
frozen values that the database stores and the Planning screen edits; the results (status, per-day rows,
closure listings) are frozen values too. The arithmetic lives in :mod:`app.domain.hotline_calendar`.

Times are wall-clock times in Europe/Paris and are kept to the whole minute: opening hours and closures
are set by people at minute precision, and whole minutes keep every per-day total an integer that a
database table can mirror exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

TimeRange = tuple[time, time]
"""One opening range of a day, ``[start, end)`` in local wall-clock time."""

DayHours = tuple[TimeRange, ...]
"""The opening ranges of one weekday, in order, not overlapping."""


def _check_minute(value: time | datetime, what: str) -> None:
    if value.second or value.microsecond:
        raise ValueError(f"{what} doit être à la minute près : {value.isoformat()}")


def _normalise_day(weekday: int, ranges: Iterable[Iterable[time]]) -> DayHours:
    name = WEEKDAY_NAMES[weekday]
    try:
        items = tuple(tuple(r) for r in ranges)
    except TypeError as exc:
        raise ValueError(f"Horaires du {name} : une suite de plages (début, fin) est attendue") from exc
    previous_end: time | None = None
    result: list[TimeRange] = []
    for item in items:
        if len(item) != 2 or not all(type(t) is time for t in item):
            raise ValueError(f"Horaires du {name} : chaque plage est un couple d'heures (début, fin)")
        start, end = item
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValueError(f"Horaires du {name} : heures locales (Europe/Paris) sans fuseau attendues")
        _check_minute(start, f"Horaire du {name}")
        _check_minute(end, f"Horaire du {name}")
        if start >= end:
            raise ValueError(f"Horaires du {name} : la plage {start:%H:%M}–{end:%H:%M} est vide ou inversée")
        if previous_end is not None and start < previous_end:
            raise ValueError(f"Horaires du {name} : plages dans le désordre ou qui se chevauchent")
        previous_end = end
        result.append((start, end))
    return tuple(result)


@dataclass(frozen=True)
class WeeklyHours:
    """Opening hours of a week, in force from ``valid_from`` (included) until the next schedule's date.

    ``days`` holds seven entries, Monday first; each is a tuple of ``(start, end)`` local times, the
    hotline being open on ``[start, end)``. A new contract version adds a schedule with a later
    ``valid_from`` instead of editing the old one, so that past durations never change.

    A range whose boundary falls in the hour that summer time skips or repeats is taken as continuous
    real time from the first occurrence of its start to the first occurrence of its end.
    """

    valid_from: date
    days: tuple[DayHours, DayHours, DayHours, DayHours, DayHours, DayHours, DayHours]

    def __post_init__(self) -> None:
        if type(self.valid_from) is not date:
            raise ValueError("La date de validité des horaires doit être une date (sans heure)")
        days = tuple(self.days)
        if len(days) != 7:
            raise ValueError("Les horaires hebdomadaires comptent exactement 7 jours, du lundi au dimanche")
        # Lists are accepted for convenience; tuples keep the value hashable and truly frozen.
        object.__setattr__(self, "days", tuple(_normalise_day(i, d) for i, d in enumerate(days)))

    def on_weekday(self, weekday: int) -> DayHours:
        """Opening ranges of a weekday (0 = Monday)."""
        return self.days[weekday]

    def day_text(self, weekday: int) -> str:
        """« 08:30–12:00, 13:30–17:00 », or « fermé »."""
        ranges = self.days[weekday]
        if not ranges:
            return "fermé"
        return ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in ranges)

    def weekly_minutes(self) -> int:
        """Opening minutes of an ordinary week (no holiday, no summer-time change)."""
        total = 0
        for ranges in self.days:
            for start, end in ranges:
                total += (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        return total


def _t(text: str) -> time:
    return time.fromisoformat(text)


_MORNING = (_t("08:30"), _t("12:00"))

CONTRACT_HOURS = WeeklyHours(
    # In force "since always": the contract hours apply to any day no later schedule covers.
    valid_from=date.min,
    days=(
        (_MORNING, (_t("13:30"), _t("17:00"))),
        (_MORNING, (_t("13:30"), _t("17:00"))),
        (_MORNING, (_t("13:30"), _t("17:00"))),
        (_MORNING, (_t("13:30"), _t("17:00"))),
        (_MORNING, (_t("13:30"), _t("16:00"))),
        (),
        (),
    ),
)
"""Art. 4.3 of the contract (R-15): Mon–Thu 08:30–12:00 and 13:30–17:00, Fri 08:30–12:00 and 13:30–16:00."""


def _as_paris(value: datetime) -> datetime:
    # Closures are entered as local wall-clock times; an aware value is simply moved to Paris.
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=PARIS)
    return value.astimezone(PARIS)


@dataclass(frozen=True)
class Closure:
    """An exceptional closure (R-16): either a whole local day (``day``) or a period ``[start, end)``.

    Build one with :meth:`on` or :meth:`between`. Naive ``start``/``end`` are read as Europe/Paris wall
    time; aware ones are converted to it. Both are kept to the whole minute.
    """

    reason: str
    day: date | None = None
    start: datetime | None = None
    end: datetime | None = None

    def __post_init__(self) -> None:
        reason = (self.reason or "").strip()
        if not reason:
            raise ValueError("Une fermeture exceptionnelle doit avoir un motif")
        object.__setattr__(self, "reason", reason)
        if self.day is not None:
            if self.start is not None or self.end is not None:
                raise ValueError(
                    "Une fermeture porte soit sur une journée, soit sur une période, pas les deux"
                )
            if type(self.day) is not date:
                raise ValueError("Le jour d'une fermeture doit être une date (sans heure)")
            return
        if self.start is None or self.end is None:
            raise ValueError("Une fermeture sur une période doit avoir un début et une fin")
        start, end = _as_paris(self.start), _as_paris(self.end)
        _check_minute(start, "Le début d'une fermeture")
        _check_minute(end, "La fin d'une fermeture")
        if start >= end:
            raise ValueError(
                f"Fermeture « {reason} » : la fin ({end:%d/%m/%Y %H:%M}) doit suivre le début "
                f"({start:%d/%m/%Y %H:%M})"
            )
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    @classmethod
    def on(cls, day: date, reason: str) -> Closure:
        """The hotline is closed the whole local day ``day``."""
        return cls(reason=reason, day=day)

    @classmethod
    def between(cls, start: datetime, end: datetime, reason: str) -> Closure:
        """The hotline is closed from ``start`` (included) to ``end`` (excluded)."""
        return cls(reason=reason, start=start, end=end)

    @property
    def whole_day(self) -> bool:
        """True for a closure of a whole day."""
        return self.day is not None

    def bounds(self) -> tuple[datetime, datetime]:
        """The closed period as Europe/Paris aware datetimes; a whole day runs midnight to midnight."""
        if self.day is not None:
            start = datetime.combine(self.day, time(), PARIS)
            return start, datetime.combine(self.day + timedelta(days=1), time(), PARIS)
        assert self.start is not None and self.end is not None
        return self.start, self.end

    def describe(self) -> str:
        """« le 14/08/2026 » or « du 24/12/2026 12:00 au 26/12/2026 08:00 », for messages."""
        if self.day is not None:
            return f"le {self.day:%d/%m/%Y}"
        start, end = self.bounds()
        return f"du {start:%d/%m/%Y %H:%M} au {end:%d/%m/%Y %H:%M}"


# -- results of the calendar ----------------------------------------------------------------------

TRAINING_REASON = "Formation interne"
WEEKEND_REASON = "Week-end"
OUTSIDE_HOURS_REASON = "Hors horaires d'ouverture"
LUNCH_BREAK_REASON = "Pause méridienne"
HOLIDAY_PREFIX = "Jour férié : "
CLOSURE_PREFIX = "Fermeture exceptionnelle : "


@dataclass(frozen=True)
class HotlineStatus:
    """Whether the hotline is open at ``at``, for the status bar and ``hotline schedule status``.

    ``closes_at`` is the end of the current open range (None when closed); ``next_opening`` is
    :meth:`HotlineCalendar.next_opening` of ``at`` (``at`` itself when open; None when no opening is
    left before the end of the covered years). Both are in the zone of ``at``.
    """

    at: datetime
    open: bool
    reason: str | None
    closes_at: datetime | None
    next_opening: datetime | None

    def text(self) -> str:
        """« Hotline ouverte — ferme à 17:00 » or « Hotline fermée (Ascension) — réouvre lundi 08:30 »."""
        if self.open:
            assert self.closes_at is not None
            return f"Hotline ouverte — ferme {_relative_when(self.at, self.closes_at)}"
        reason = self.reason or OUTSIDE_HOURS_REASON
        # The holiday's name alone reads better in a status bar than the full reason.
        reason = reason.removeprefix(HOLIDAY_PREFIX)
        if self.next_opening is None:
            return f"Hotline fermée ({reason})"
        return f"Hotline fermée ({reason}) — réouvre {_relative_when(self.at, self.next_opening)}"


def _relative_when(now: datetime, when: datetime) -> str:
    today = now.astimezone(PARIS).date()
    local = when.astimezone(PARIS)
    days = (local.date() - today).days
    clock = f"{local:%H:%M}"
    if days == 0:
        return f"à {clock}"
    if days == 1:
        return f"demain {clock}"
    if 1 < days < 7:
        return f"{WEEKDAY_NAMES[local.weekday()]} {clock}"
    return f"{WEEKDAY_NAMES[local.weekday()]} {local:%d/%m} {clock}"


@dataclass(frozen=True)
class CalendarDay:
    """One local day of the covered years, for the SQL mirror of the calendar.

    ``open_intervals`` are the day's open ranges as UTC aware datetimes; the hotline minutes before an
    instant x of that day are ``cumulative_minutes_before`` plus the open minutes of those ranges
    before x.
    """

    day: date
    open_minutes: int
    cumulative_minutes_before: int
    open_intervals: tuple[tuple[datetime, datetime], ...]


@dataclass(frozen=True)
class ClosurePeriod:
    """A closed day or period of a year, for listings (month view, ICS export).

    ``kind`` is ``"holiday"``, ``"training"`` or ``"closure"``; ``start``/``end`` are Europe/Paris
    aware, a whole day running from midnight to the next midnight.
    """

    kind: str
    reason: str
    start: datetime
    end: datetime
    whole_day: bool


# -- interval helpers ------------------------------------------------------------------------------

Interval = tuple[int, int]
"""``[start, end)`` in UTC epoch seconds."""


def local_seconds(day: date, clock: time) -> int:
    """UTC epoch seconds of a Europe/Paris wall-clock time (the first occurrence when repeated)."""
    return int(datetime.combine(day, clock, PARIS).timestamp())


def merge_intervals(intervals: list[Interval]) -> list[Interval]:
    """Sorted intervals with overlapping or touching ones joined (so closes_at is the real close)."""
    merged: list[Interval] = []
    for s, e in intervals:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def subtract_intervals(intervals: list[Interval], holes: list[Interval]) -> list[Interval]:
    """Sorted disjoint intervals minus sorted disjoint holes."""
    result: list[Interval] = []
    first_hole = 0
    for s, e in intervals:
        # Holes ending before this interval end before every later one too.
        while first_hole < len(holes) and holes[first_hole][1] <= s:
            first_hole += 1
        cursor = s
        h = first_hole
        while h < len(holes) and holes[h][0] < e and cursor < e:
            hole_start, hole_end = holes[h]
            if hole_start > cursor:
                result.append((cursor, hole_start))
            cursor = max(cursor, hole_end)
            h += 1
        if cursor < e:
            result.append((cursor, e))
    return result
