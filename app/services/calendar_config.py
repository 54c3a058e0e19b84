"""The hotline calendar as the team configures it (R-15, R-16), and its SQL mirror (R-17).

Every edit goes through here, is validated by the domain objects, and rebuilds the mirror tables in the
same transaction, so the calendar the app computes with and the one SQL reports use never disagree.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.db.models import AppSetting, CalendarClosure, CalendarDayRow, CalendarRange, OpeningRange
from app.domain.hotline_calendar import CONTRACT_HOURS, Closure, HotlineCalendar, WeeklyHours
from app.domain.vocabulary import ClosureKind

FIRST_YEAR, LAST_YEAR = 2020, 2040
ALSACE_MOSELLE_KEY = "calendar.alsace_moselle"
MIRROR_FINGERPRINT_KEY = "calendar.mirror_fingerprint"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class CalendarConfigError(ValueError):
    """A calendar edit that cannot be saved; the message says why, in French."""


@dataclass(frozen=True)
class ClosureEntry:
    """A stored closure, for listings and edits."""

    id: uuid.UUID
    kind: ClosureKind
    closure: Closure


# --- reading --------------------------------------------------------------------------------------


def _setting(session: Session, key: str) -> str | None:
    row = session.get(AppSetting, key)
    return row.value if row else None


def _put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value


def alsace_moselle(session: Session) -> bool:
    return _setting(session, ALSACE_MOSELLE_KEY) == "1"


def weekly_schedules(session: Session) -> list[WeeklyHours]:
    """Stored weekly hours by date of effect; the contract's hours when none were ever stored."""
    rows = session.execute(
        select(OpeningRange).order_by(OpeningRange.valid_from, OpeningRange.weekday, OpeningRange.starts)
    ).scalars()
    by_date: dict[date, list[list[tuple]]] = defaultdict(lambda: [[] for _ in range(7)])
    for row in rows:
        by_date[row.valid_from][row.weekday].append((row.starts, row.ends))
    if not by_date:
        return [CONTRACT_HOURS]
    return [WeeklyHours(valid_from=d, days=tuple(tuple(r) for r in days)) for d, days in by_date.items()]


def closure_entries(session: Session) -> list[ClosureEntry]:
    rows = session.execute(select(CalendarClosure)).scalars()
    entries = [ClosureEntry(row.id, row.kind, _as_closure(row)) for row in rows]
    return sorted(entries, key=lambda e: e.closure.bounds())


def _as_closure(row: CalendarClosure) -> Closure:
    if row.day is not None:
        return Closure.on(row.day, row.reason)
    assert row.starts_at is not None and row.ends_at is not None
    return Closure.between(row.starts_at, row.ends_at, row.reason)


def load_calendar(session: Session) -> HotlineCalendar:
    """The one calendar of this database, built from its stored configuration."""
    training: list[date] = []
    closures: list[Closure] = []
    for entry in closure_entries(session):
        if entry.kind is ClosureKind.TRAINING and entry.closure.day is not None:
            training.append(entry.closure.day)
        else:
            closures.append(entry.closure)
    return HotlineCalendar(
        schedules=weekly_schedules(session),
        training_days=training,
        closures=closures,
        alsace_moselle=alsace_moselle(session),
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
    )


_cache: dict[str, HotlineCalendar] = {}
_SESSION_KEY = "hotline.calendar"


def current_calendar(session: Session) -> HotlineCalendar:
    """The calendar, rebuilt only when the stored configuration changed (building one takes ~0.1 s).

    Keyed by the fingerprint written with the mirror, which every edit updates in its transaction.
    """
    # One use case (one session) sees one calendar: a portal page creating hundreds of incidents reads the
    # configuration once. An edit in the session forgets it (see ``_after_edit``).
    known = session.info.get(_SESSION_KEY)
    if known is not None:
        return known
    # A database whose calendar was never edited has no stored fingerprint yet: compute it from the
    # configuration rows (a few small reads), so it is not rebuilt at every call either.
    key = _setting(session, MIRROR_FINGERPRINT_KEY) or _fingerprint(session)
    calendar = _cache.get(key)
    if calendar is None:
        calendar = load_calendar(session)
        _cache.clear()
        _cache[key] = calendar
    session.info[_SESSION_KEY] = calendar
    return calendar


# --- editing --------------------------------------------------------------------------------------


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarConfigError(f"Année {year} hors de la période gérée ({FIRST_YEAR}–{LAST_YEAR}).")


def set_training_days(session: Session, year: int, days: list[date], author_id: uuid.UUID | None = None) -> list[str]:
    """Replace the internal training days of ``year`` (R-16: two a year). Returns the configuration
    warnings of that year (e.g. a training day on a holiday), which do not prevent saving."""
    _check_year(year)
    if len(set(days)) != len(days):
        raise CalendarConfigError("La même journée de formation est donnée deux fois.")
    for day in days:
        if day.year != year:
            raise CalendarConfigError(f"La journée de formation du {day:%d/%m/%Y} n'est pas en {year}.")
    session.execute(
        delete(CalendarClosure).where(
            CalendarClosure.kind == ClosureKind.TRAINING,
            CalendarClosure.day >= date(year, 1, 1),
            CalendarClosure.day <= date(year, 12, 31),
        )
    )
    for day in sorted(days):
        session.add(
            CalendarClosure(kind=ClosureKind.TRAINING, day=day, reason="Formation interne", created_by_id=author_id)
        )
    return _after_edit(session, year)


def add_closure(session: Session, closure: Closure, author_id: uuid.UUID | None = None) -> tuple[uuid.UUID, list[str]]:
    """Record an exceptional closure (a whole day or a period). Returns its id and the warnings of its
    year (overlaps with another closure are reported, not refused: both may be meant)."""
    start, _end = closure.bounds()
    _check_year(start.year)
    row = CalendarClosure(
        kind=ClosureKind.EXCEPTIONAL,
        day=closure.day,
        starts_at=None if closure.whole_day else closure.start,
        ends_at=None if closure.whole_day else closure.end,
        reason=closure.reason,
        created_by_id=author_id,
    )
    session.add(row)
    session.flush()
    return row.id, _after_edit(session, start.year)


def remove_closure(session: Session, closure_id: uuid.UUID) -> None:
    row = session.get(CalendarClosure, closure_id)
    if row is None:
        raise CalendarConfigError("Cette fermeture n'existe plus (supprimée depuis un autre poste ?).")
    session.delete(row)
    session.flush()
    rebuild_mirror(session, load_calendar(session))


def save_weekly_hours(session: Session, hours: WeeklyHours) -> None:
    """Store weekly hours in force from ``hours.valid_from`` (replacing any stored for that same date).

    Earlier schedules are kept, so durations measured in the past do not change.
    """
    session.execute(delete(OpeningRange).where(OpeningRange.valid_from == hours.valid_from))
    for weekday, ranges in enumerate(hours.days):
        for starts, ends in ranges:
            session.add(OpeningRange(valid_from=hours.valid_from, weekday=weekday, starts=starts, ends=ends))
    session.flush()
    rebuild_mirror(session, load_calendar(session))


def set_alsace_moselle(session: Session, enabled: bool) -> None:
    """Apply (or not) the two extra public holidays of Alsace-Moselle (R-16)."""
    _put_setting(session, ALSACE_MOSELLE_KEY, "1" if enabled else "0")
    session.flush()
    rebuild_mirror(session, load_calendar(session))


def _after_edit(session: Session, year: int) -> list[str]:
    session.info.pop(_SESSION_KEY, None)
    session.flush()
    try:
        calendar = load_calendar(session)
    except ValueError as exc:  # the domain refused the combination: report it, save nothing
        raise CalendarConfigError(str(exc)) from exc
    rebuild_mirror(session, calendar)
    return calendar.configuration_warnings(year)


# --- the SQL mirror -------------------------------------------------------------------------------


def _fingerprint(session: Session) -> str:
    """What the mirror was built from: configuration rows, holiday data version and covered years."""
    digest = hashlib.sha256()
    # The package's version read from its metadata: importing it (every country it knows) is not needed here.
    holidays_version = importlib.metadata.version("holidays")
    digest.update(f"{FIRST_YEAR}-{LAST_YEAR}|{holidays_version}|{alsace_moselle(session)}".encode())
    for schedule in weekly_schedules(session):
        digest.update(repr(schedule).encode())
    for entry in closure_entries(session):
        digest.update(f"{entry.kind}|{entry.closure.bounds()}|{entry.closure.reason}".encode())
    return digest.hexdigest()


def rebuild_mirror(session: Session, calendar: HotlineCalendar) -> int:
    """Rewrite ``calendar_ranges`` and ``calendar_days`` from ``calendar``; returns the number of ranges."""
    session.info.pop(_SESSION_KEY, None)  # every edit ends here: the session's calendar is stale
    session.execute(delete(CalendarRange))
    session.execute(delete(CalendarDayRow))
    ranges: list[dict[str, int]] = []
    days: list[dict[str, object]] = []
    for day in calendar.daily_cumulative_minutes():
        days.append(
            {
                "day": day.day,
                "open_minutes": day.open_minutes,
                "minutes_before": day.cumulative_minutes_before,
            }
        )
        before = day.cumulative_minutes_before * 60
        for start, end in day.open_intervals:
            s, e = int((start - _EPOCH).total_seconds()), int((end - _EPOCH).total_seconds())
            ranges.append({"starts": s, "ends": e, "seconds_before": before})
            before += e - s
    # A sentinel range before the first one makes "the last range starting at or before x" always exist.
    first = int((datetime(calendar.first_year, 1, 1, tzinfo=UTC) - _EPOCH).total_seconds()) - 86_400
    ranges.insert(0, {"starts": first, "ends": first, "seconds_before": 0})
    for chunk in range(0, len(ranges), 5000):
        session.execute(insert(CalendarRange), ranges[chunk : chunk + 5000])
    for chunk in range(0, len(days), 5000):
        session.execute(insert(CalendarDayRow), days[chunk : chunk + 5000])
    _put_setting(session, MIRROR_FINGERPRINT_KEY, _fingerprint(session))
    session.flush()
    return len(ranges) - 1


def refresh_mirror_if_stale(session: Session) -> bool:
    """Rebuild the mirror when the configuration (or the holiday data) changed since it was built."""
    if _setting(session, MIRROR_FINGERPRINT_KEY) == _fingerprint(session) and session.scalar(
        select(func.count()).select_from(CalendarRange)
    ):
        return False
    rebuild_mirror(session, load_calendar(session))
    return True
