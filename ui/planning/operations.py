"""The Planning screen's database work, as functions a background operation runs on a worker thread.

Each function opens its own Session from the factory it is given (sessions are not thread-safe) and
calls the calendar and interruption services: the rules and the French refusals live there.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.orm import Session, sessionmaker

from app.db.engine import writing
from app.domain.hotline_calendar import PARIS, Closure, HotlineCalendar
from app.services.calendar_config import (
    ClosureEntry,
    add_closure,
    closure_entries,
    current_calendar,
    remove_closure,
    set_training_days,
)
from app.services.interruptions import InterruptionView, list_interruptions


@dataclass(frozen=True)
class PlanningData:
    """Everything one month of the Planning screen shows."""

    calendar: HotlineCalendar
    entries: tuple[ClosureEntry, ...]
    interruptions: tuple[InterruptionView, ...]


def load_planning(sessions: sessionmaker[Session], year: int, month: int) -> Callable[[], PlanningData]:
    """An operation reading the calendar, the stored closures and the interruptions touching the month."""
    first = datetime.combine(date(year, month, 1), time(), PARIS)
    following = date(year + month // 12, month % 12 + 1, 1)
    end = datetime.combine(following, time(), PARIS)

    def op() -> PlanningData:
        with sessions() as session:
            calendar = current_calendar(session)
            entries = tuple(closure_entries(session))
            interruptions = tuple(i for i in list_interruptions(session, since=first) if i.starts_at < end)
        return PlanningData(calendar, entries, interruptions)

    return op


def save_training_days(sessions: sessionmaker[Session], year: int, days: list[date]) -> Callable[[], list[str]]:
    """An operation replacing the training days of ``year``; returns the year's warnings."""

    def op() -> list[str]:
        with writing(sessions) as session:
            return set_training_days(session, year, days)

    return op


def save_closure(
    sessions: sessionmaker[Session],
    reason: str,
    *,
    day: date | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> Callable[[], list[str]]:
    """An operation recording an exceptional closure of a whole ``day`` or from ``start`` to ``end``
    (naive = Paris wall time). The domain checks it inside the operation, so a refusal (an empty reason,
    an end before the start) comes back through the same error path as the service's own refusals."""

    def op() -> list[str]:
        closure = Closure.on(day, reason) if day is not None else Closure.between(start, end, reason)  # type: ignore[arg-type]
        with writing(sessions) as session:
            _id, warnings = add_closure(session, closure)
            return warnings

    return op


def delete_closure(sessions: sessionmaker[Session], closure_id: uuid.UUID) -> Callable[[], None]:
    """An operation removing a stored closure."""

    def op() -> None:
        with writing(sessions) as session:
            remove_closure(session, closure_id)

    return op
