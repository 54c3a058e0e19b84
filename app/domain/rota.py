"""The hotline rota: who is on the phones, staff leave, and the opening hours left unstaffed (R-15, R-16).

Pure values and rules, no I/O. A technician is on the line during a *duty*: an explicit shift on a date,
or the occurrence of a weekly pattern on that date (unless the pattern has an exception that day, or the
technician is on leave then). Leave (congés, maladie, formation, temps partiel…) covers whole days or
half days. An on-site intervention or a télémaintenance in progress takes its technician off the line
for its duration.

A *coverage gap* is a stretch of opening time (from the :class:`HotlineCalendar`: public holidays,
training days and closures need nobody) during which fewer than the minimum number of technicians are
on the line. Times are Europe/Paris wall-clock times on a date; instants handed out are aware datetimes
in Europe/Paris, so a summer-time change never moves a shift on the wall clock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise

from app.domain.hotline_calendar import PARIS, HotlineCalendar
from app.domain.ics import PRODID, _escape, _fold, _utc

DEFAULT_MINIMUM = 2
NOON = time(12, 0)
_DAY = timedelta(days=1)


class RotaError(ValueError):
    """A rota edit that breaks a rule; the message says why, in French."""


class LineRole(StrEnum):
    """Role on the line during a shift."""

    PRIMARY = "primary"
    BACKUP = "backup"

    @property
    def label(self) -> str:
        return "principal" if self is LineRole.PRIMARY else "renfort"


class LeaveKind(StrEnum):
    """Why a technician is away."""

    CONGES = "conges"
    MALADIE = "maladie"
    FORMATION = "formation"
    TEMPS_PARTIEL = "temps_partiel"
    RTT = "rtt"
    AUTRE = "autre"

    @property
    def label(self) -> str:
        return _LEAVE_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> LeaveKind:
        wanted = text.strip().casefold().replace("-", "_").replace(" ", "_").replace("é", "e")
        for member in cls:
            if wanted in (member.value, member.label.casefold().replace(" ", "_").replace("é", "e")):
                return member
        raise RotaError(f"Type d'absence inconnu « {text} » (choix : {', '.join(m.value for m in cls)}).")


_LEAVE_LABELS = {
    LeaveKind.CONGES: "Congés",
    LeaveKind.MALADIE: "Maladie",
    LeaveKind.FORMATION: "Formation",
    LeaveKind.TEMPS_PARTIEL: "Temps partiel",
    LeaveKind.RTT: "RTT",
    LeaveKind.AUTRE: "Absence",
}


def at_paris(day: date, clock: time) -> datetime:
    """The Paris instant of a wall-clock time on a date (the first one when the hour repeats)."""
    return datetime.combine(day, clock, PARIS)


def _check_clock(value: time, what: str) -> None:
    if type(value) is not time or value.tzinfo is not None or value.second or value.microsecond:
        raise RotaError(f"{what} : une heure locale à la minute près est attendue ({value!r}).")


def _role(value: object) -> LineRole:
    try:
        return LineRole(value)
    except ValueError as exc:
        raise RotaError(f"Rôle inconnu « {value} » (choix : principal « primary », renfort « backup »).") from exc


def _check_span(start: time, end: time) -> None:
    _check_clock(start, "Début")
    _check_clock(end, "Fin")
    if end <= start:
        raise RotaError(f"La fin ({end:%H:%M}) doit être après le début ({start:%H:%M}).")


@dataclass(frozen=True)
class Shift:
    """One shift of a technician on a date, ``[start, end)`` in Paris wall-clock time."""

    technician: str  # login
    day: date
    start: time
    end: time
    role: LineRole = LineRole.PRIMARY
    exceptional: bool = False  # exceptional duty: allowed outside opening hours
    key: str = ""  # storage id, when stored

    def __post_init__(self) -> None:
        _check_span(self.start, self.end)
        object.__setattr__(self, "role", _role(self.role))

    def bounds(self) -> tuple[datetime, datetime]:
        return at_paris(self.day, self.start), at_paris(self.day, self.end)

    def describe(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class WeeklyPattern:
    """A shift repeated every week on ``weekday`` from ``valid_from`` (included) to ``valid_to``
    (included, None = open-ended), except on the dates of ``exceptions``."""

    technician: str
    weekday: int  # 0 = Monday
    start: time
    end: time
    valid_from: date
    valid_to: date | None = None
    role: LineRole = LineRole.PRIMARY
    exceptions: frozenset[date] = frozenset()
    key: str = ""

    def __post_init__(self) -> None:
        _check_span(self.start, self.end)
        object.__setattr__(self, "role", _role(self.role))
        if not 0 <= self.weekday <= 6:
            raise RotaError(f"Jour de la semaine invalide : {self.weekday} (0 = lundi … 6 = dimanche).")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise RotaError("La fin de validité du roulement précède son début.")

    def occurs_on(self, day: date) -> bool:
        return (
            day.weekday() == self.weekday
            and self.valid_from <= day
            and (self.valid_to is None or day <= self.valid_to)
            and day not in self.exceptions
        )

    def shift_on(self, day: date) -> Shift:
        return Shift(self.technician, day, self.start, self.end, self.role, False, f"pattern:{self.key}")


@dataclass(frozen=True)
class Leave:
    """An absence from ``first_day`` to ``last_day`` included. ``starts_afternoon``: the first day is only
    an afternoon off; ``ends_at_noon``: the last day is only a morning off (half days, split at noon)."""

    technician: str
    kind: LeaveKind
    first_day: date
    last_day: date
    starts_afternoon: bool = False
    ends_at_noon: bool = False
    note: str = ""
    key: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.kind, LeaveKind):
            object.__setattr__(self, "kind", LeaveKind.parse(str(self.kind)))
        if self.last_day < self.first_day:
            raise RotaError(
                f"L'absence finit le {self.last_day:%d/%m/%Y}, avant son début le {self.first_day:%d/%m/%Y}."
            )
        if self.first_day == self.last_day and self.starts_afternoon and self.ends_at_noon:
            raise RotaError("Une demi-journée est soit le matin, soit l'après-midi, pas les deux.")

    def bounds(self) -> tuple[datetime, datetime]:
        start = at_paris(self.first_day, NOON if self.starts_afternoon else time())
        end = at_paris(self.last_day, NOON) if self.ends_at_noon else at_paris(self.last_day + _DAY, time())
        return start, end

    def describe(self) -> str:
        """« Congés du 02/03/2027 au 06/03/2027 matin », « Maladie le 04/03/2027 après-midi »."""
        if self.first_day == self.last_day:
            part = " matin" if self.ends_at_noon else " après-midi" if self.starts_afternoon else ""
            return f"{self.kind.label} le {self.first_day:%d/%m/%Y}{part}"
        first = f"{self.first_day:%d/%m/%Y}" + (" après-midi" if self.starts_afternoon else "")
        last = f"{self.last_day:%d/%m/%Y}" + (" matin" if self.ends_at_noon else "")
        return f"{self.kind.label} du {first} au {last}"


@dataclass(frozen=True)
class Block:
    """Time a technician spends away from the phones on a job (on-site visit, télémaintenance)."""

    technician: str
    start: datetime
    end: datetime
    label: str


@dataclass(frozen=True)
class Duty:
    """An occurrence of a shift on the line, as the week view and the exports show it."""

    technician: str
    start: datetime
    end: datetime
    role: LineRole
    exceptional: bool
    key: str
    from_pattern: bool


@dataclass(frozen=True)
class Gap:
    """Opening time with fewer than ``minimum`` technicians on the line."""

    start: datetime
    end: datetime
    on_line: tuple[str, ...]
    minimum: int
    hotline_minutes: float

    @property
    def missing(self) -> int:
        return self.minimum - len(self.on_line)

    def describe(self) -> str:
        count = len(self.on_line)
        who = "personne" if not count else f"{count} sur {self.minimum}"
        return f"{self.start:%d/%m/%Y %H:%M}–{self.end:%H:%M} ({int(self.hotline_minutes)} min) : {who}"


@dataclass(frozen=True)
class Rota:
    """Everything planned for a set of technicians (login → full name)."""

    technicians: dict[str, str]
    shifts: tuple[Shift, ...] = ()
    patterns: tuple[WeeklyPattern, ...] = ()
    leaves: tuple[Leave, ...] = ()
    blocks: tuple[Block, ...] = ()
    minimum: int = DEFAULT_MINIMUM

    def name(self, login: str) -> str:
        return self.technicians.get(login, login)

    # --- what is planned ------------------------------------------------------------------------

    def leave_at(self, technician: str, start: datetime, end: datetime) -> Leave | None:
        """The leave of ``technician`` overlapping ``[start, end)``, if any."""
        for leave in self.leaves:
            if leave.technician == technician:
                lo, hi = leave.bounds()
                if lo < end and start < hi:
                    return leave
        return None

    def duties(self, first_day: date, last_day: date) -> list[Duty]:
        """Shifts of the days ``first_day`` … ``last_day`` (included), explicit and from patterns.

        A pattern occurrence is dropped when the technician is on leave at that time (leave wins over a
        routine); an explicit shift is never on leave (the rules refuse it).
        """
        result: list[Duty] = []
        for shift in self.shifts:
            if first_day <= shift.day <= last_day:
                start, end = shift.bounds()
                result.append(Duty(shift.technician, start, end, shift.role, shift.exceptional, shift.key, False))
        day = first_day
        while day <= last_day:
            for pattern in self.patterns:
                if pattern.occurs_on(day):
                    start, end = at_paris(day, pattern.start), at_paris(day, pattern.end)
                    if self.leave_at(pattern.technician, start, end) is None:
                        result.append(Duty(pattern.technician, start, end, pattern.role, False, pattern.key, True))
            day += _DAY
        result.sort(key=lambda d: (d.start, d.technician))
        return result

    def blocks_between(self, start: datetime, end: datetime) -> list[Block]:
        return [b for b in self.blocks if b.start < end and start < b.end]

    def on_line_intervals(self, first_day: date, last_day: date) -> dict[str, list[tuple[datetime, datetime]]]:
        """Per technician, when they are actually on the line: duties minus leave and blocks."""
        lo = at_paris(first_day, time())
        hi = at_paris(last_day + _DAY, time())
        busy: dict[str, list[tuple[datetime, datetime]]] = {}
        for block in self.blocks_between(lo, hi):
            busy.setdefault(block.technician, []).append((block.start, block.end))
        for leave in self.leaves:
            busy.setdefault(leave.technician, []).append(leave.bounds())
        result: dict[str, list[tuple[datetime, datetime]]] = {}
        for duty in self.duties(first_day, last_day):
            pieces = [(duty.start, duty.end)]
            for b_start, b_end in busy.get(duty.technician, ()):
                pieces = _subtract(pieces, b_start, b_end)
            result.setdefault(duty.technician, []).extend(pieces)
        return result

    def on_duty_at(self, t: datetime) -> list[tuple[str, LineRole]]:
        """Technicians on the line at ``t`` with their role, primary first."""
        day = t.astimezone(PARIS).date()
        roles = {(d.technician, d.start, d.end): d.role for d in self.duties(day, day)}
        result: list[tuple[str, LineRole]] = []
        for technician, pieces in self.on_line_intervals(day, day).items():
            for start, end in pieces:
                if start <= t < end:
                    role = next(
                        (r for (who, s, e), r in roles.items() if who == technician and s <= t < e),
                        LineRole.PRIMARY,
                    )
                    result.append((technician, role))
                    break
        result.sort(key=lambda item: (item[1] is not LineRole.PRIMARY, self.name(item[0])))
        return result

    # --- coverage -------------------------------------------------------------------------------

    def gaps(self, calendar: HotlineCalendar, first_day: date, last_day: date) -> list[Gap]:
        """Opening-time intervals of the days ``first_day`` … ``last_day`` with fewer than ``minimum``
        technicians on the line, in order; consecutive stretches with the same people are one gap."""
        on_line = self.on_line_intervals(first_day, last_day)
        gaps: list[Gap] = []
        day = first_day
        while day <= last_day:
            for open_start, open_end in calendar.opening_ranges(day):
                cuts = {open_start, open_end}
                for pieces in on_line.values():
                    for start, end in pieces:
                        for t in (start, end):
                            if open_start < t < open_end:
                                cuts.add(t)
                edges = sorted(cuts)
                for a, b in pairwise(edges):
                    present = tuple(
                        sorted(
                            (who for who, pieces in on_line.items() if any(s <= a and b <= e for s, e in pieces)),
                            key=self.name,
                        )
                    )
                    if len(present) >= self.minimum:
                        continue
                    if gaps and gaps[-1].end == a and gaps[-1].on_line == present:
                        last = gaps.pop()
                        a = last.start
                    gaps.append(Gap(a, b, present, self.minimum, calendar.business_minutes(a, b)))
            day += _DAY
        return gaps

    # --- rules ----------------------------------------------------------------------------------

    def check_shift(self, shift: Shift, calendar: HotlineCalendar, *, ignore_key: str = "") -> None:
        """Refuse a shift that breaks a rule (RotaError, in French): unknown technician, outside opening
        hours without the exceptional-duty mark, during the technician's leave, overlapping another of
        their shifts. ``ignore_key`` is the shift being moved (it does not overlap itself)."""
        if shift.technician not in self.technicians:
            raise RotaError(f"Technicien inconnu : « {shift.technician} ».")
        start, end = shift.bounds()
        if not shift.exceptional:
            open_ranges = calendar.opening_ranges(shift.day)
            if not any(lo <= start and end <= hi for lo, hi in open_ranges):
                hours = ", ".join(f"{lo:%H:%M}–{hi:%H:%M}" for lo, hi in open_ranges) or "hotline fermée"
                raise RotaError(
                    f"Permanence {shift.describe()} hors des heures d'ouverture ({hours}) : "
                    "marquez-la comme astreinte exceptionnelle si elle est voulue."
                )
        leave = self.leave_at(shift.technician, start, end)
        if leave is not None:
            raise RotaError(
                f"{self.name(shift.technician)} est absent(e) ({leave.describe()}) : "
                f"pas de permanence le {shift.describe()}."
            )
        for duty in self.duties(shift.day, shift.day):
            if duty.technician != shift.technician or (ignore_key and duty.key == ignore_key):
                continue
            if duty.start < end and start < duty.end:
                raise RotaError(
                    f"{self.name(shift.technician)} est déjà de permanence de {duty.start:%H:%M} à "
                    f"{duty.end:%H:%M} le {shift.day:%d/%m/%Y} : les permanences ne peuvent pas se chevaucher."
                )

    def check_leave(self, leave: Leave) -> None:
        """Refuse leave for an unknown technician, or during one of their explicit shifts (move or delete
        the shift first); pattern shifts simply do not apply during leave."""
        if leave.technician not in self.technicians:
            raise RotaError(f"Technicien inconnu : « {leave.technician} ».")
        lo, hi = leave.bounds()
        for shift in self.shifts:
            if shift.technician != leave.technician:
                continue
            start, end = shift.bounds()
            if start < hi and lo < end:
                raise RotaError(
                    f"{self.name(leave.technician)} a une permanence le {shift.describe()} pendant cette "
                    "absence : déplacez ou supprimez-la d'abord."
                )


def check_minimum(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 20:
        raise RotaError(f"Le minimum de techniciens en ligne va de 1 à 20 (reçu : {value!r}).")
    return value


def week_days(year: int, week: int) -> list[date]:
    """The seven days of ISO week ``week`` of ``year``, Monday first."""
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise RotaError(f"Semaine {year}-W{week:02d} invalide.") from exc
    return [monday + timedelta(days=i) for i in range(7)]


def _subtract(
    pieces: Sequence[tuple[datetime, datetime]], lo: datetime, hi: datetime
) -> list[tuple[datetime, datetime]]:
    result: list[tuple[datetime, datetime]] = []
    for start, end in pieces:
        if hi <= start or end <= lo:
            result.append((start, end))
            continue
        if start < lo:
            result.append((start, lo))
        if hi < end:
            result.append((hi, end))
    return result


def total_minutes(gaps: Iterable[Gap]) -> float:
    return sum(g.hotline_minutes for g in gaps)


def rota_to_ics(rota: Rota, technician: str, first_day: date, last_day: date, *, stamp: datetime) -> str:
    """One technician's shifts and leave of the period as iCalendar (RFC 5545), instants in UTC.

    UIDs derive from the technician and the event's period, so importing an updated export again replaces
    the events instead of duplicating them.
    """
    name = rota.name(technician)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape('Permanences hotline — ' + name)}",
        "X-WR-TIMEZONE:Europe/Paris",
    ]

    def event(kind: str, start: datetime, end: datetime, summary: str, busy: bool) -> None:
        key = f"{technician}|{kind}|{start.isoformat()}|{end.isoformat()}"
        uid = hashlib.sha256(key.encode()).hexdigest()[:32] + "@hotline.defi-informatique"
        lines.extend(
            [
                "BEGIN:VEVENT",
                f"UID:{uid}",
                f"DTSTAMP:{_utc(stamp)}",
                f"DTSTART:{_utc(start)}",
                f"DTEND:{_utc(end)}",
                f"SUMMARY:{_escape(summary)}",
                f"CATEGORIES:{_escape('Permanence' if kind == 'duty' else 'Absence')}",
                f"TRANSP:{'OPAQUE' if busy else 'TRANSPARENT'}",
                "END:VEVENT",
            ]
        )

    for duty in rota.duties(first_day, last_day):
        if duty.technician == technician:
            what = "Permanence hotline" + (" (renfort)" if duty.role is LineRole.BACKUP else "")
            if duty.exceptional:
                what += " — astreinte exceptionnelle"
            event("duty", duty.start, duty.end, what, True)
    for leave in rota.leaves:
        if leave.technician == technician and leave.first_day <= last_day and first_day <= leave.last_day:
            start, end = leave.bounds()
            event("leave", start, end, leave.describe(), False)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
