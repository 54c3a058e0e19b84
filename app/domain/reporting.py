"""Pure helpers of the supervisor reports: periods, percentiles, local time in SQL, version deadlines.

The figures themselves are computed in the database (``app.services.reporting``); what lives here is
the arithmetic both the SQL and its Python reference share, so that they agree by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from app.domain.opening_hours import PARIS

HOTLINE_DAY_MINUTES = 7 * 60  # a full hotline day (08:30–12:00, 13:30–17:00)
BACKUP_CAP_MINUTES = 90  # 1 h 30 of backup assistance per contract year
BACKUP_NEAR_SHARE = 0.8  # "near the cap" from 80 % of it
VERSION_DELAY_MONTHS = 6
SUBSTANTIAL_NOTICE_MONTHS = 3  # three months before installing a substantial change

# Resolution and backlog-age histograms, upper bounds in hotline minutes (None: no bound).
DURATION_BUCKETS: tuple[tuple[str, int | None], ...] = (
    ("< 1 h", 60),
    ("1–4 h", 4 * 60),
    ("4 h–1 j", HOTLINE_DAY_MINUTES),
    ("1–2 j", 2 * HOTLINE_DAY_MINUTES),
    ("2–5 j", 5 * HOTLINE_DAY_MINUTES),
    ("5–10 j", 10 * HOTLINE_DAY_MINUTES),
    ("> 10 j", None),
)


MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


class PeriodError(ValueError):
    """A period that cannot be reported on; the message says why, in French."""


@dataclass(frozen=True)
class Period:
    """Local days ``first``…``last`` (Europe/Paris), both included."""

    first: date
    last: date

    @classmethod
    def of(cls, first: date, last: date) -> Period:
        if first > last:
            raise PeriodError(
                f"La période commence le {first:%d/%m/%Y}, après sa fin le {last:%d/%m/%Y} : inversez les dates."
            )
        return cls(first, last)

    @property
    def starts(self) -> datetime:
        """The first instant, in UTC."""
        return datetime.combine(self.first, time(), PARIS).astimezone(UTC)

    @property
    def ends(self) -> datetime:
        """The instant after the last day (excluded), in UTC."""
        return datetime.combine(self.last + timedelta(days=1), time(), PARIS).astimezone(UTC)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period just before: the previous calendar month(s) for whole months, else as many days."""
        if self.first.day == 1 and (self.last + timedelta(days=1)).day == 1:
            months = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
            last = self.first - timedelta(days=1)
            year, month = self.first.year, self.first.month - months
            while month < 1:
                month += 12
                year -= 1
            return Period(date(year, month, 1), last)
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def label(self) -> str:
        return f"du {self.first:%d/%m/%Y} au {self.last:%d/%m/%Y}"

    def title(self) -> str:
        """« Octobre 2026 » for a calendar month, else « Du 01/10/2026 au 15/10/2026 »."""
        if self.first.day == 1 and (self.last + timedelta(days=1)).day == 1 and self.first.month == self.last.month:
            return f"{MONTHS[self.first.month - 1].capitalize()} {self.first.year}"
        if self.first == date(self.first.year, 1, 1) and self.last == date(self.first.year, 12, 31):
            return f"Année {self.first.year}"
        text = self.label()
        return text[0].upper() + text[1:]


def nearest_rank(values: Sequence[float], share: float) -> float | None:
    """The percentile by nearest rank (the value at rank ⌈share × n⌉ of the sorted values), as in the SQL."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[rank(len(ordered), share) - 1]


def rank(n: int, share: float) -> int:
    """⌈share × n⌉ with share given in hundredths, in integers, so SQL and Python agree exactly."""
    hundredths = round(share * 100)
    return max(1, (hundredths * n + 99) // 100)


def bucket_index(minutes: float) -> int:
    for index, (_, bound) in enumerate(DURATION_BUCKETS):
        if bound is None or minutes < bound:
            return index
    return len(DURATION_BUCKETS) - 1


def paris_offsets(start: datetime, end: datetime) -> list[tuple[int, int, int]]:
    """(from epoch, to epoch, UTC offset in seconds) of Europe/Paris covering [start, end], so that SQL
    can turn a UTC epoch into local time with integer arithmetic on both SQLite and PostgreSQL."""
    lo = int(start.timestamp()) - 86400
    hi = int(end.timestamp()) + 86400
    segments: list[tuple[int, int, int]] = []
    cursor = lo
    offset = _offset(cursor)
    step = 3600
    t = cursor
    while t < hi:
        t += step
        now = _offset(t)
        if now != offset:
            # find the exact change within the last hour (changes fall on the hour in UTC)
            segments.append((cursor, t, offset))
            cursor, offset = t, now
    segments.append((cursor, hi + 1, offset))
    return segments


def _offset(epoch: int) -> int:
    delta = datetime.fromtimestamp(epoch, tz=PARIS).utcoffset()
    return int(delta.total_seconds()) if delta else 0


def local_weekday_hour(moment: datetime) -> tuple[int, int]:
    local = moment.astimezone(PARIS)
    return local.weekday(), local.hour


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def version_deadline(released_on: date, substantial_change: bool) -> date:
    """R-20: the day after which a client still on an older version falls under exclusion R-07.

    The six months run from the release; a substantial change first gives three months' notice
    before installing, so its six months start three months later.
    """
    start = add_months(released_on, SUBSTANTIAL_NOTICE_MONTHS) if substantial_change else released_on
    return add_months(start, VERSION_DELAY_MONTHS)


def contract_year_start(service_start: date, on: date) -> date:
    """The start of the contract year (anniversary of the service's start) that contains ``on``."""
    years = on.year - service_start.year - ((on.month, on.day) < (service_start.month, service_start.day))
    return add_months(service_start, 12 * max(years, 0))


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change (0.25 = +25 %), None when it means nothing (no previous value or zero)."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / previous


__all__ = [
    "BACKUP_CAP_MINUTES",
    "BACKUP_NEAR_SHARE",
    "DURATION_BUCKETS",
    "HOTLINE_DAY_MINUTES",
    "Period",
    "PeriodError",
    "add_months",
    "bucket_index",
    "change",
    "contract_year_start",
    "local_weekday_hour",
    "nearest_rank",
    "paris_offsets",
    "rank",
    "version_deadline",
    "week_start",
]
