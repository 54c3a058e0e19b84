"""The rota view's database work, as operations a background worker runs (each in its own Session).

The rota service decides and refuses (in French); these functions only open the Session, call it and
hand plain values back to the GUI thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session, sessionmaker

from app.db.engine import writing
from app.domain.hotline_calendar import PARIS, HotlineCalendar
from app.domain.rota import Duty, Gap, Leave, LineRole, Rota, Shift, WeeklyPattern
from app.domain.vocabulary import Role
from app.services import rota as rota_service
from app.services.calendar_config import current_calendar
from app.services.staff import role_of


@dataclass(frozen=True)
class RotaWeek:
    """One week of the rota as the week view draws it (Monday to Friday)."""

    monday: date
    rota: Rota
    calendar: HotlineCalendar
    duties: tuple[Duty, ...]
    gaps: tuple[Gap, ...]

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.monday + timedelta(days=i) for i in range(5))


def load_week(sessions: sessionmaker[Session], monday: date) -> Callable[[], RotaWeek]:
    """An operation reading the rota, the calendar and the gaps of the week starting ``monday``."""

    def op() -> RotaWeek:
        last = monday + timedelta(days=6)
        with sessions() as session:
            calendar = current_calendar(session)
            rota = rota_service.load_rota(session, monday, last)
        return RotaWeek(
            monday, rota, calendar, tuple(rota.duties(monday, last)), tuple(rota.gaps(calendar, monday, last))
        )

    return op


def save_shift(sessions: sessionmaker[Session], shift: Shift, editor: rota_service.Editor) -> Callable[[], uuid.UUID]:
    """An operation recording a new shift (refused with a RotaError, nothing saved)."""

    def op() -> uuid.UUID:
        with writing(sessions) as session:
            return rota_service.add_shift(session, shift, editor)

    return op


def move_shift(
    sessions: sessionmaker[Session],
    key: str,
    technician: str,
    day: date,
    start: time,
    end: time,
    editor: rota_service.Editor,
) -> Callable[[], None]:
    """An operation moving a stored shift to another technician, day or time."""

    def op() -> None:
        with writing(sessions) as session:
            rota_service.move_shift(
                session, uuid.UUID(key), technician=technician, day=day, start=start, end=end, editor=editor
            )

    return op


def save_leave(sessions: sessionmaker[Session], leave: Leave, editor: rota_service.Editor) -> Callable[[], uuid.UUID]:
    """An operation recording an absence."""

    def op() -> uuid.UUID:
        with writing(sessions) as session:
            return rota_service.add_leave(session, leave, editor)

    return op


@dataclass(frozen=True)
class DutyOutlook:
    """What the status bar needs for the next two weeks, computed once and then read every minute."""

    loaded_on: date
    rota: Rota
    calendar: HotlineCalendar
    gaps: tuple[Gap, ...]
    supervisor: bool

    def on_line(self, at: datetime) -> list[tuple[str, LineRole]]:
        return self.rota.on_duty_at(at)

    def next_gap(self, at: datetime) -> Gap | None:
        return next((g for g in self.gaps if g.end > at), None)


def load_outlook(sessions: sessionmaker[Session], login: str | None, today: date) -> Callable[[], DutyOutlook]:
    """An operation reading the rota from ``today`` for two weeks, and whether ``login`` supervises."""

    def op() -> DutyOutlook:
        last = today + timedelta(days=14)
        with sessions() as session:
            calendar = current_calendar(session)
            rota = rota_service.load_rota(session, today, last)
            role = role_of(session, login)
        gaps = tuple(rota.gaps(calendar, today, last))
        return DutyOutlook(today, rota, calendar, gaps, role in (Role.SUPERVISOR, Role.ADMIN))

    return op


def paris(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, PARIS)


def delete_shift(sessions: sessionmaker[Session], key: str, editor: rota_service.Editor) -> Callable[[], None]:
    """An operation removing a stored shift."""

    def op() -> None:
        with writing(sessions) as session:
            rota_service.delete_shift(session, uuid.UUID(key), editor)

    return op


def delete_leave(sessions: sessionmaker[Session], key: str, editor: rota_service.Editor) -> Callable[[], None]:
    """An operation removing a recorded absence."""

    def op() -> None:
        with writing(sessions) as session:
            rota_service.delete_leave(session, uuid.UUID(key), editor)

    return op


def load_patterns(sessions: sessionmaker[Session], login: str) -> Callable[[], list[WeeklyPattern]]:
    """An operation reading a technician's weekly patterns (ended ones included)."""

    def op() -> list[WeeklyPattern]:
        with sessions() as session:
            return rota_service.list_patterns(session, login)

    return op


def save_pattern(
    sessions: sessionmaker[Session], pattern: WeeklyPattern, editor: rota_service.Editor
) -> Callable[[], uuid.UUID]:
    """An operation recording a weekly pattern."""

    def op() -> uuid.UUID:
        with writing(sessions) as session:
            return rota_service.add_pattern(session, pattern, editor)

    return op


def end_pattern(
    sessions: sessionmaker[Session], key: str, last_day: date, editor: rota_service.Editor
) -> Callable[[], None]:
    """An operation ending a weekly pattern on ``last_day`` (its last day)."""

    def op() -> None:
        with writing(sessions) as session:
            rota_service.end_pattern(session, uuid.UUID(key), last_day, editor)

    return op


def skip_pattern(
    sessions: sessionmaker[Session], key: str, day: date, editor: rota_service.Editor
) -> Callable[[], None]:
    """An operation suspending a weekly pattern on one day (an exception)."""

    def op() -> None:
        with writing(sessions) as session:
            rota_service.skip_pattern_on(session, uuid.UUID(key), day, editor)

    return op


def restore_pattern(
    sessions: sessionmaker[Session], key: str, day: date, editor: rota_service.Editor
) -> Callable[[], None]:
    """An operation applying a weekly pattern again on a suspended day."""

    def op() -> None:
        with writing(sessions) as session:
            rota_service.restore_pattern_on(session, uuid.UUID(key), day, editor)

    return op
