"""One demo incident's life (R-14), played on the hotline clock until the demo's end.

The life is planned to its end (created → diagnosed → [workaround proposed → accepted] → resolved →
closed, sometimes reopened) and cut where the demo's "now" falls: what is still open at the end date is
whatever had not happened yet. Technicians act inside hotline hours; what happens during a phone call
runs on the wall clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.domain.vocabulary import Channel, EventKind, Exclusion, IncidentStatus, Origin
from app.services import demo_problems as words
from app.services.demo_catalogue import ProblemSpec
from app.services.demo_rows import StaffRef
from app.services.demo_timeline import Timeline

S = IncidentStatus
ESTIMATES: dict[Origin, tuple[int, ...]] = {
    Origin.USAGE: (15, 20, 30),
    Origin.PERIPHERAL: (30, 45, 60, 90, 120),
    Origin.DBMS: (60, 90, 120, 240),
    Origin.FEATURE: (60, 120, 240, 480),
}
# Open minutes before the first look at a written request, by channel.
FIRST_LOOK: dict[Channel, tuple[float, float]] = {
    Channel.PORTAL: (20, 900),
    Channel.EMAIL: (20, 900),
    Channel.MAIL: (240, 1800),
    Channel.OTHER: (60, 1200),
}


# Status changes name the action that made them, as the incident service records them.
ACTIONS: dict[IncidentStatus, str] = {
    S.DIAGNOSED: "diagnose",
    S.WORKAROUND_PROPOSED: "workaround",
    S.WORKAROUND_ACCEPTED: "accept-workaround",
    S.RESOLVED: "resolve",
    S.CLOSED: "close",
}
# Blocking incidents are looked at and fixed sooner, minor ones later.
URGENCY: dict[int, float] = {1: 0.2, 2: 0.5, 3: 1.0, 4: 1.4}


class _End(Exception):
    """The demo's end came before the next step, or the step asked for was reached."""


@dataclass(slots=True)
class Event:
    at: datetime  # Paris wall clock
    kind: EventKind
    author: StaffRef | None
    author_name: str
    text: str
    from_status: IncidentStatus | None = None
    to_status: IncidentStatus | None = None
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None


@dataclass(slots=True)
class Plan:
    """What is decided about an incident before its life is played."""

    opened: datetime
    channel: Channel
    product: str
    caller: str
    creator: StaffRef | None
    assignee: StaffRef | None
    problem: ProblemSpec
    origin: Origin
    priority: int
    exclusion: Exclusion | None
    workaround: bool
    stop_at: IncidentStatus | None = None  # forced incidents stop at this status


@dataclass(slots=True)
class Outcome:
    events: list[Event] = field(default_factory=list)
    status: IncidentStatus = S.NEW
    origin: Origin | None = None
    estimate: int | None = None
    exclusion: Exclusion | None = None
    workaround: str | None = None
    resolution: str | None = None
    first_response: datetime | None = None  # the first change of status, as service levels count it
    resolved: datetime | None = None
    closed: datetime | None = None
    assignee: StaffRef | None = None
    priority: int = 3
    call_end: datetime | None = None  # end of the call that opened a phone incident
    calls: list[tuple[datetime, datetime, StaffRef | None]] = field(default_factory=list)


class History:
    """Plays incident lives on one timeline; ``pick_specialist`` chooses who takes over a file about
    a product."""

    def __init__(
        self,
        rng: random.Random,
        timeline: Timeline,
        cutoff: datetime,
        pick_specialist: Callable[[str], StaffRef],
    ) -> None:
        self.rng = rng
        self.timeline = timeline
        self.cutoff = cutoff
        self.cutoff_position = timeline.end_position()
        self.pick_specialist = pick_specialist

    # -- clock -----------------------------------------------------------------------------------

    def _hotline(self, minutes: float) -> None:
        # At least a minute, so that every step moves the clock and the history stays strictly ordered.
        position = self._position + max(1.0, minutes * self._speed)
        if position >= self.cutoff_position:
            raise _End
        self._position = position
        self._now = self.timeline.local_at(position)
        self._in_call = False

    def _wall(self, minutes: float) -> None:
        moment = self._now + timedelta(seconds=max(1, round(minutes * 60)))
        if moment > self.cutoff:
            raise _End
        self._now = moment
        self._position = self.timeline.position(moment)
        if self._in_call:
            self._out.call_end = moment

    def _emit(
        self,
        kind: EventKind,
        author: StaffRef | None,
        text: str,
        *,
        from_status: IncidentStatus | None = None,
        to_status: IncidentStatus | None = None,
        field: str | None = None,
        old_value: str | None = None,
        new_value: str | None = None,
    ) -> None:
        name = author.name if author else ""
        self._out.events.append(
            Event(self._now, kind, author, name, text, from_status, to_status, field, old_value, new_value)
        )

    def _status(self, to: IncidentStatus, text: str) -> None:
        source = self._out.status
        reopening = to is S.DIAGNOSED and source in (S.RESOLVED, S.CLOSED)
        self._emit(
            EventKind.STATUS_CHANGED,
            self._out.assignee,
            text,
            from_status=source,
            to_status=to,
            field="action",
            new_value="reopen" if reopening else ACTIONS[to],
        )
        if self._out.first_response is None:
            self._out.first_response = self._now
        self._out.status = to

    def _check_stop(self) -> None:
        if self._plan.stop_at is self._out.status:
            raise _End

    # -- life ------------------------------------------------------------------------------------

    def play(self, plan: Plan, speed: float = 1.0) -> Outcome:
        """The events of one incident up to the demo's end (or ``plan.stop_at``); ``speed`` below 1
        shortens the waits, so that a forced recent incident reaches its status in time."""
        self._plan, self._speed = plan, speed
        self._now, self._position = plan.opened, self.timeline.position(plan.opened)
        self._in_call = plan.channel is Channel.PHONE
        self._out = Outcome(assignee=plan.assignee, priority=plan.priority)
        if self._in_call:
            self._out.call_end = plan.opened
        created_text = words.CREATED_TEXT[plan.channel.value].format(caller=plan.caller)
        self._emit(EventKind.CREATED, plan.creator, created_text, to_status=S.NEW)
        if plan.creator is None:
            self._out.events[-1].author_name = f"{plan.caller} (espace client)"
        try:
            self._check_stop()
            self._first_response()
            self._check_stop()
            self._fix()
        except _End:
            pass
        return self._out

    def _first_response(self) -> None:
        rng, plan = self.rng, self._plan
        if plan.channel is Channel.PHONE:
            if rng.random() < 0.65:
                self._wall(rng.uniform(2, 10))
            else:
                self._wall(rng.uniform(2, 6))
                self._emit(EventKind.NOTE, self._out.assignee, words.FIRST_CALL_NOTE)
                self._hotline(rng.uniform(30, 900))
        else:
            self._hotline(rng.uniform(*FIRST_LOOK[plan.channel]) * URGENCY[plan.priority])
            if self._out.assignee is None:
                self._out.assignee = self.pick_specialist(self._plan.product)
                self._emit(
                    EventKind.FIELD_CHANGED,
                    self._out.assignee,
                    "Prise en charge.",
                    field="assignee",
                    new_value=self._out.assignee.name,
                )
                self._wall(rng.uniform(1, 5))
        self._diagnose()

    def _diagnose(self) -> None:
        rng, plan, out = self.rng, self._plan, self._out
        estimate = rng.choice(ESTIMATES[plan.origin])
        text = words.DIAGNOSIS_TEXT.format(origin=plan.origin.label, estimate=estimate)
        if plan.exclusion is not None:
            text += words.OUT_OF_CONTRACT_TEXT.format(exclusion=plan.exclusion.label)
        self._status(S.DIAGNOSED, text)
        out.origin, out.estimate, out.exclusion = plan.origin, estimate, plan.exclusion
        self._wall(rng.uniform(0.1, 0.5))
        self._emit(EventKind.FIELD_CHANGED, out.assignee, "", field="origin", new_value=plan.origin.value)
        self._wall(rng.uniform(0.1, 0.5))
        self._emit(EventKind.FIELD_CHANGED, out.assignee, "", field="estimate_minutes", new_value=str(estimate))

    def _fix(self) -> None:
        rng, plan, out = self.rng, self._plan, self._out
        quick_in_call = self._in_call and (plan.origin is Origin.USAGE or rng.random() < 0.3)
        if not quick_in_call:
            self._side_events()
        if plan.workaround:
            self._hotline(rng.uniform(30, 800))
            out.workaround = plan.problem.workaround or words.GENERIC_WORKAROUND
            self._status(S.WORKAROUND_PROPOSED, out.workaround)
            self._check_stop()
            self._hotline(rng.uniform(20, 1300))
            self._status(S.WORKAROUND_ACCEPTED, words.ACCEPTED_TEXT.format(caller=plan.caller))
            self._check_stop()
            # A lasting fix waits for a correction; a few wait for a release long after.
            self._hotline(rng.uniform(40_000, 150_000) if rng.random() < 0.05 else rng.uniform(2000, 25_000))
        elif quick_in_call:
            self._wall(rng.uniform(2, 12))
        else:
            delay = (out.estimate or 60) * rng.uniform(1, 6) + rng.uniform(60, 3000)
            self._hotline(delay * URGENCY[out.priority])
        self._resolve(plan.problem.resolution)
        reopen = plan.stop_at is None and rng.random() < 0.05
        if reopen:
            self._hotline(rng.uniform(300, 3000))
            self._reopen()
        self._hotline(rng.uniform(420, 4200))
        self._status(S.CLOSED, rng.choice(words.CLOSE_TEXTS))
        out.closed = self._now
        self._check_stop()
        if plan.stop_at is None and rng.random() < 0.01:
            self._hotline(rng.uniform(1000, 6000))
            out.closed = None
            self._reopen()
            self._hotline(rng.uniform(420, 4200))
            self._status(S.CLOSED, rng.choice(words.CLOSE_TEXTS))
            out.closed = self._now

    def _resolve(self, resolution: str) -> None:
        self._status(S.RESOLVED, resolution)
        self._out.resolution, self._out.resolved = resolution, self._now
        self._check_stop()

    def _reopen(self) -> None:
        out = self._out
        out.resolution = out.resolved = None
        self._status(S.DIAGNOSED, words.REOPEN_TEXT.format(caller=self._plan.caller))
        self._hotline(self.rng.uniform(120, 3000))
        self._resolve(words.SECOND_FIX_TEXT.format(resolution=self._plan.problem.resolution))

    def _side_events(self) -> None:
        """Notes, a change of priority or of technician, a follow-up call: what fills a real file."""
        rng, out = self.rng, self._out
        if rng.random() < 0.05:
            self._hotline(rng.uniform(10, 300))
            new = max(1, out.priority - 1)
            if new != out.priority:
                self._emit(
                    EventKind.FIELD_CHANGED,
                    out.assignee,
                    "Blocage confirmé par le client.",
                    field="priority",
                    old_value=str(out.priority),
                    new_value=str(new),
                )
                out.priority = new
        if rng.random() < 0.06:
            self._hotline(rng.uniform(30, 900))
            previous = out.assignee
            out.assignee = self.pick_specialist(self._plan.product)
            self._emit(
                EventKind.FIELD_CHANGED,
                out.assignee,
                "Dossier réattribué.",
                field="assignee",
                old_value=previous.name if previous else None,
                new_value=out.assignee.name if out.assignee else None,
            )
        if rng.random() < 0.35:
            self._hotline(rng.uniform(30, 1500))
            self._emit(EventKind.NOTE, out.assignee, rng.choice(words.NOTES))
        if self._plan.channel is Channel.PHONE and rng.random() < 0.25:
            self._hotline(rng.uniform(60, 2000))
            text = rng.choice(words.FOLLOW_UP_CALLS).format(caller=self._plan.caller)
            self._emit(EventKind.CALL, out.assignee, text)
            start = self._now
            self._wall(rng.uniform(3, 15))
            out.calls.append((start, self._now, out.assignee))
