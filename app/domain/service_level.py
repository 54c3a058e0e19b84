"""The service-level clock of an incident, in hotline hours (R-17), computed from its history.

The clock runs while the incident is open and the hotline is open; it is paused while the incident
waits on the client (a workaround proposed and not yet accepted, or an explicit wait for information,
a consent or the client's backup). Everything is recomputed from the append-only history, so a reopen,
a change of priority or a weekend can never corrupt it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.domain.hotline_calendar import HotlineCalendar
from app.domain.incident_lifecycle import OPEN_STATUSES, SlaTargets
from app.domain.vocabulary import IncidentStatus


@dataclass(frozen=True)
class Step:
    """One point of the history that matters to the clock: the status and wait state after it."""

    at: datetime
    status: IncidentStatus
    waiting: bool


@dataclass(frozen=True)
class ServiceLevel:
    first_response_minutes: float | None  # None: no response yet
    resolution_minutes: float  # counted so far (the clock stops at resolution)
    paused_minutes: float
    running: bool  # the clock is counting now (open, not waiting on the client)
    resolved: bool

    def response_late(self, targets: SlaTargets, elapsed_if_waiting: float | None = None) -> bool:
        value = self.first_response_minutes if self.first_response_minutes is not None else elapsed_if_waiting
        return value is not None and value > targets.first_response_minutes

    def resolution_late(self, targets: SlaTargets) -> bool:
        return self.resolution_minutes > targets.resolution_minutes


def _paused(step: Step) -> bool:
    return step.waiting or step.status is IncidentStatus.WORKAROUND_PROPOSED


def service_level(steps: Iterable[Step], calendar: HotlineCalendar, now: datetime) -> ServiceLevel:
    """The clock of one incident from its ordered steps (the first one is its creation)."""
    ordered = sorted(steps, key=lambda s: s.at)
    if not ordered:
        raise ValueError("an incident history starts with its creation")
    opened = ordered[0].at
    # An incident recorded already diagnosed (e.g. solved during the call) was answered at once.
    first_response: float | None = None if ordered[0].status is IncidentStatus.NEW else 0.0
    counted = paused = 0.0
    for current, following in zip(ordered, [*ordered[1:], None], strict=True):
        end = following.at if following is not None else now
        if end <= current.at:
            continue
        answered = following is not None and following.status is not IncidentStatus.NEW
        if first_response is None and current.status is IncidentStatus.NEW and answered:
            first_response = calendar.business_minutes(opened, end)
        if current.status not in OPEN_STATUSES:
            continue
        span = calendar.business_minutes(current.at, end)
        if _paused(current):
            paused += span
        else:
            counted += span
    last = ordered[-1]
    is_open = last.status in OPEN_STATUSES
    return ServiceLevel(
        first_response_minutes=first_response,
        resolution_minutes=counted,
        paused_minutes=paused,
        running=is_open and not _paused(last),
        resolved=not is_open,
    )
