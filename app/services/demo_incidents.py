"""Demo incidents: years of hotline activity (two by default) before the end date, with their numbers, histories
and phone calls.

Incidents are drawn day by day in date order, so that each station's sequence (R-10) grows with time
and memory stays flat however many incidents are asked for.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import TypeVar

from app.db import models
from app.domain.numbering import IncidentNumber, normalize_station
from app.domain.vocabulary import Channel, Exclusion, IncidentStatus, Origin, Role, ServiceKind
from app.services.demo_catalogue import ProblemSpec
from app.services.demo_clients import ClientProfile
from app.services.demo_history import History, Outcome, Plan
from app.services.demo_people import ContactProfile
from app.services.demo_problems import PROBLEMS
from app.services.demo_rows import IdMaker, ProductRef, RowSink, StaffRef
from app.services.demo_software import InstallProfile
from app.services.demo_timeline import AFTERNOON_CLOSE, MORNING_LENGTH, Timeline, paris_to_utc

DAYS_PER_YEAR = 365  # incidents open over ``years`` × 365 days before the end date (730 by default)
CUTOFF = time(18, 0)  # the demo's "now": the end date at 18:00, Paris time
CHANNELS = (Channel.PHONE, Channel.PORTAL, Channel.EMAIL, Channel.MAIL, Channel.OTHER)
CHANNEL_WEIGHTS = (62, 20, 12, 3, 3)
PRIORITY_WEIGHTS = (6, 22, 57, 15)  # priorities 1 (blocking) to 4 (question)
EXCLUSIONS = tuple(Exclusion)
EXCLUSION_WEIGHTS = (10, 30, 30, 15, 15)
# January closes the accounts and pays the first salaries of the year; August is quiet.
MONTH_FACTOR = (1.4, 1.1, 1.1, 1.0, 0.95, 0.95, 0.8, 0.5, 1.05, 1.0, 1.0, 1.2)
WEEKDAY_FACTOR = (1.25, 1.05, 1.0, 1.0, 0.8, 0.0, 0.0)
CLOSED_DAY_FACTOR = 0.06  # only the portal and e-mail receive anything then
PRODUCT_WEIGHT = {"FIN": 1.6, "PAIE": 1.4, "TEMPS": 1.2, "OUTBACK": 0.6}
S = IncidentStatus
T = TypeVar("T")
EVENTS = models.IncidentEvent.__table__
# Incidents made first so that every status, origin, channel and priority is shown, whatever the seed.
FORCED: tuple[tuple[IncidentStatus, Origin | None, Channel, int], ...] = (
    (S.NEW, None, Channel.PORTAL, 3),
    (S.DIAGNOSED, Origin.PERIPHERAL, Channel.PHONE, 1),
    (S.WORKAROUND_PROPOSED, Origin.DBMS, Channel.EMAIL, 2),
    (S.WORKAROUND_ACCEPTED, Origin.FEATURE, Channel.MAIL, 4),
    (S.RESOLVED, Origin.USAGE, Channel.OTHER, 3),
    (S.CLOSED, None, Channel.PHONE, 2),
)
FORCED_SPEEDS = (1.0, 0.2, 0.04, 0.01)
# Cumulative weights computed once (``random.choices`` recomputes them at every draw).
CHANNEL_CUMULATIVE = list(accumulate(CHANNEL_WEIGHTS))
WRITTEN_CHANNELS = (Channel.PORTAL, Channel.EMAIL)  # what arrives on a closed day
WRITTEN_CUMULATIVE = list(accumulate((70, 30)))
PRIORITIES = (1, 2, 3, 4)
PRIORITY_CUMULATIVE = list(accumulate(PRIORITY_WEIGHTS))
EXCLUSION_CUMULATIVE = list(accumulate(EXCLUSION_WEIGHTS))


@dataclass(slots=True)
class _Draft:
    order: int
    client: ClientProfile
    channel: Channel
    opened: datetime  # Paris wall clock
    call_start: datetime | None
    forced: tuple[IncidentStatus, Origin | None, Channel, int] | None


class IncidentSeeder:
    """Writes incidents, their events, calls and the stations' number sequences."""

    def __init__(
        self,
        sink: RowSink,
        ids: IdMaker,
        rng: random.Random,
        end: date,
        clients: list[ClientProfile],
        staff: list[StaffRef],
        products: dict[str, ProductRef],
        years: int = 2,
    ) -> None:
        self.sink, self.ids, self.rng = sink, ids, rng
        self.first = end - timedelta(days=DAYS_PER_YEAR * years)
        self.timeline = Timeline(self.first, end)
        self.cutoff = datetime.combine(end, CUTOFF)
        self.clients = [c for c in clients if c.weight > 0]
        self.client_cumulative = _cumulative([c.weight for c in self.clients])
        self.products = products
        self.technicians = [s for s in staff if s.role is Role.TECHNICIAN]
        self.takers = staff
        taker_weights = [{Role.TECHNICIAN: 10, Role.SUPERVISOR: 3}.get(s.role, 0.5) for s in staff]
        self.taker_cumulative = list(accumulate(taker_weights))
        self.history = History(rng, self.timeline, self.cutoff, self._specialist)
        self.sequences: dict[tuple[str, int], int] = {}  # (station, year) -> last sequence used
        # Each station normalised once (what ``make_number`` does for every number).
        self.stations = {code: normalize_station(code) for member in staff for code in member.stations}
        # By id() of a client's list of installations, which the clients keep alive for the whole load.
        self.install_cumulative: dict[int, list[float]] = {}
        self._eligible_day: date | None = None
        self._eligible: tuple[list[ClientProfile], list[float]] = ([], [])

    # -- choosing --------------------------------------------------------------------------------

    def _specialist(self, product: str) -> StaffRef:
        experts = [s for s in self.technicians if product in s.products]
        if experts and self.rng.random() < 0.7:
            return self.rng.choice(experts)
        return self.rng.choice(self.technicians)

    def _taker(self) -> StaffRef:
        return _weighted(self.rng, self.takers, self.taker_cumulative)

    def _client_on(self, day: date) -> ClientProfile:
        """A client under contract that day, the busier ones more often."""
        total = self.client_cumulative[-1]
        for _ in range(20):
            pick = bisect_right(self.client_cumulative, self.rng.random() * total)
            client = self.clients[min(pick, len(self.clients) - 1)]
            if client.in_service(day):
                return client
        # Early in a long window few clients are under contract and the draws above often miss: the
        # eligible clients of the day are listed once (days come in order) rather than at each miss.
        if self._eligible_day != day:
            eligible = [c for c in self.clients if c.in_service(day)]
            self._eligible = (eligible, list(accumulate(c.weight for c in eligible)))
            self._eligible_day = day
        return _weighted(self.rng, *self._eligible)

    def _caller(self, client: ClientProfile, day: date, product: str) -> ContactProfile:
        """R-03: mostly trained users; sometimes a colleague who never was."""
        known = [
            c for c in client.contacts if c.known_from <= day and (c.known_until is None or day < c.known_until)
        ] or client.contacts
        trained = [c for c in known if product in c.trained and c.trained[product] <= day]
        pool = trained if trained and self.rng.random() < 0.93 else known
        return _weighted(self.rng, pool, list(accumulate(3 if c.is_rtc else 1 for c in pool)))

    def _in_hours(self, index: int) -> datetime:
        """A moment while the hotline is open on an open day; mornings are busier."""
        length = self.timeline.lengths[index]
        morning = self.rng.random() < 0.56
        offset = self.rng.uniform(0, MORNING_LENGTH) if morning else self.rng.uniform(MORNING_LENGTH, length)
        return self.timeline.local_at_offset(index, min(offset, length - 0.5))

    def _off_hours(self, index: int) -> datetime:
        """When clients write outside hotline hours: early morning, lunch, evening, week-ends.

        Never between midnight and 06:00, so no time falls in the hour skipped by summer time.
        """
        day = self.timeline.day(index)
        if self.timeline.is_open_day(index):
            windows = ((360, 510), (720, 810), (AFTERNOON_CLOSE[day.weekday()], 1410))
            low, high = self.rng.choice(windows)
        else:
            low, high = 420, 1380
        moment = datetime.combine(day, time()) + timedelta(seconds=round(self.rng.uniform(low, high) * 60))
        return min(moment, self.cutoff - timedelta(minutes=self.rng.randint(1, 90)))

    # -- drawing ---------------------------------------------------------------------------------

    def seed(self, count: int) -> None:
        """Write ``count`` incidents over the window before the end date, then the sequences."""
        timeline, rng = self.timeline, self.rng
        active = self._active_weight()
        weights = []
        for index in range(timeline.days):
            day = timeline.day(index)
            factor = WEEKDAY_FACTOR[day.weekday()] if timeline.is_open_day(index) else CLOSED_DAY_FACTOR
            weights.append(factor * MONTH_FACTOR[day.month - 1] * active[index])
        cumulative = _cumulative(weights)
        forced = FORCED[: min(count, len(FORCED))]
        counts = [0] * timeline.days
        for _ in range(count - len(forced)):
            pick = bisect_right(cumulative, rng.random() * cumulative[-1])
            counts[min(pick, len(counts) - 1)] += 1
        # Forced incidents open in the last ten open days, so their short lives fit before the end.
        recent = [i for i in range(timeline.days) if timeline.is_open_day(i)][-10:]
        planned: dict[int, list[tuple[IncidentStatus, Origin | None, Channel, int]]] = {}
        for spec in forced:
            index = recent[-1] if spec[0] is S.NEW else rng.choice(recent)
            planned.setdefault(index, []).append(spec)
        order = 0
        for index in range(timeline.days):
            specs = [None] * counts[index] + planned.get(index, [])
            drafts = []
            for spec in specs:
                drafts.append(self._draft(index, spec, order))
                order += 1
            drafts.sort(key=lambda d: (d.opened, d.order))
            for draft in drafts:
                self._incident(draft)
                if draft.channel is Channel.PHONE and rng.random() < 0.2:
                    self._loose_call(index)
        for (station, year), last in sorted(self.sequences.items()):
            self.sink.add(models.NumberSequence.__table__, {"station": station, "year": year, "last_value": last})

    def _active_weight(self) -> list[float]:
        """Per day, the summed weight of the clients under contract (the client base grows)."""
        days = self.timeline.days
        delta = [0.0] * (days + 1)
        for client in self.clients:
            if client.first_day is None:
                continue
            low = max((client.first_day - self.first).days, 0)
            high = days - 1 if client.last_day is None else min((client.last_day - self.first).days, days - 1)
            if low <= high:
                delta[low] += client.weight
                delta[high + 1] -= client.weight
        active, running = [], 0.0
        for index in range(days):
            running += delta[index]
            active.append(max(running, 0.0))
        return active

    def _draft(
        self, index: int, forced: tuple[IncidentStatus, Origin | None, Channel, int] | None, order: int
    ) -> _Draft:
        rng, open_day = self.rng, self.timeline.is_open_day(index)
        if forced:
            channel = forced[2]
        elif open_day:
            channel = _weighted(rng, CHANNELS, CHANNEL_CUMULATIVE)
        else:
            channel = _weighted(rng, WRITTEN_CHANNELS, WRITTEN_CUMULATIVE)
        client = self._client_on(self.timeline.day(index))
        call_start = None
        if channel is Channel.PHONE:
            call_start = self._in_hours(index)
            opened = call_start + timedelta(seconds=rng.randint(60, 240))
        elif channel in (Channel.PORTAL, Channel.EMAIL) and (not open_day or rng.random() < 0.25):
            opened = self._off_hours(index)
        else:
            opened = self._in_hours(index)
        return _Draft(order, client, channel, opened, call_start, forced)

    def _problem(self, client: ClientProfile, origin: Origin | None) -> tuple[InstallProfile, ProblemSpec]:
        rng, installs = self.rng, client.installs
        if origin is not None:
            matching = [(i, p) for i in installs for p in PROBLEMS[i.product] if p.origin is origin]
            if matching:
                return rng.choice(matching)
        # A client's installations do not change during the load: their weights are summed once.
        cumulative = self.install_cumulative.get(id(installs))
        if cumulative is None:
            cumulative = list(accumulate(PRODUCT_WEIGHT.get(i.product, 1.0) for i in installs))
            self.install_cumulative[id(installs)] = cumulative
        install = _weighted(rng, installs, cumulative)
        return install, rng.choice(PROBLEMS[install.product])

    # -- writing ---------------------------------------------------------------------------------

    def _incident(self, draft: _Draft) -> None:
        rng, client, day = self.rng, draft.client, draft.opened.date()
        forced = draft.forced
        install, problem = self._problem(client, forced[1] if forced else None)
        origin = forced[1] if forced and forced[1] else problem.origin
        contact = self._caller(client, day, install.product)
        if draft.channel is Channel.PORTAL:
            creator, station_owner = None, self._taker()  # numbered by the station that imported it
        else:
            creator = station_owner = self._taker()
        if draft.channel is Channel.PHONE and rng.random() < 0.7:
            assignee: StaffRef | None = creator
        elif draft.channel is Channel.PORTAL:
            assignee = None
        else:
            assignee = self._specialist(install.product)
        station = rng.choice(station_owner.stations)
        overdue = install.overdue_from is not None and day >= install.overdue_from
        exclusion = _weighted(rng, EXCLUSIONS, EXCLUSION_CUMULATIVE) if rng.random() < 0.06 else None
        if exclusion is None and overdue and rng.random() < 0.5:
            # the technician often notices the version was never applied.
            exclusion = Exclusion.VERSION_NOT_APPLIED
        workaround = problem.workaround is not None and rng.random() < 0.45
        plan = Plan(
            opened=draft.opened,
            channel=draft.channel,
            product=install.product,
            caller=contact.name,
            creator=creator,
            assignee=assignee,
            problem=problem,
            origin=origin,
            priority=forced[3] if forced else _weighted(rng, PRIORITIES, PRIORITY_CUMULATIVE),
            exclusion=exclusion,
            workaround=workaround,
        )
        if forced:
            plan.stop_at = forced[0]
            plan.workaround = forced[0] in (S.WORKAROUND_PROPOSED, S.WORKAROUND_ACCEPTED) or workaround
            for speed in FORCED_SPEEDS:
                outcome = self.history.play(plan, speed)
                if outcome.status is forced[0]:
                    break
        else:
            outcome = self.history.play(plan)
        service = ServiceKind.BACKUP if install.product == "OUTBACK" else ServiceKind.ASSISTANCE
        trained_on = contact.trained.get(install.product)
        covered = (
            install.environment_ok
            and not overdue
            and trained_on is not None
            and trained_on <= day
            and client.has_service(service, day)
            and not client.suspended
            and outcome.exclusion is None
        )
        year = draft.opened.year
        sequence = self.sequences.get((station, year), 0) + 1
        self.sequences[(station, year)] = sequence
        incident_id = self.ids()
        self._write_incident(incident_id, draft, plan, outcome, install, contact, station, sequence, covered)
        self._write_calls(incident_id, draft, outcome, contact, station, creator, service)

    def _write_incident(
        self,
        incident_id: object,
        draft: _Draft,
        plan: Plan,
        outcome: Outcome,
        install: InstallProfile,
        contact: ContactProfile,
        station: str,
        sequence: int,
        covered: bool,
    ) -> None:
        events = outcome.events
        opened_at = paris_to_utc(draft.opened)
        self.sink.add(
            models.Incident.__table__,
            {
                "id": incident_id,
                "number": str(IncidentNumber(self.stations[station], draft.opened.year % 100, sequence)),
                "station": station,
                "client_id": draft.client.id,
                "site_id": draft.client.site_on(draft.opened.date()),
                "contact_id": contact.id,
                "caller_name": contact.name,
                "product_id": self.products[install.product].id,
                "peripheral": plan.problem.peripheral,
                "title": plan.problem.title,
                "description": plan.problem.description,
                "channel": draft.channel,
                "origin": outcome.origin,
                "status": outcome.status,
                "priority": outcome.priority,
                "estimate_minutes": outcome.estimate,
                "covered": covered,
                "out_of_contract": outcome.exclusion is not None,
                "exclusion": outcome.exclusion,
                "workaround": outcome.workaround,
                "resolution": outcome.resolution,
                "opened_at": opened_at,
                "first_response_at": paris_to_utc(outcome.first_response) if outcome.first_response else None,
                "resolved_at": paris_to_utc(outcome.resolved) if outcome.resolved else None,
                "closed_at": paris_to_utc(outcome.closed) if outcome.closed else None,
                "assignee_id": outcome.assignee.id if outcome.assignee else None,
                "created_by_id": plan.creator.id if plan.creator else None,
                "version": 1,
                "created_at": opened_at,
                "updated_at": paris_to_utc(events[-1].at),
            },
        )
        add, ids, table = self.sink.add, self.ids, EVENTS  # seven events an incident on average: hoisted
        for seq, event in enumerate(events, start=1):
            add(
                table,
                {
                    "id": ids(),
                    "incident_id": incident_id,
                    "seq": seq,
                    "at": paris_to_utc(event.at),
                    "author_id": event.author.id if event.author else None,
                    "author_name": event.author_name,
                    "kind": event.kind,
                    "from_status": event.from_status,
                    "to_status": event.to_status,
                    "field": event.field,
                    "old_value": event.old_value,
                    "new_value": event.new_value,
                    "text": event.text,
                },
            )

    def _write_calls(
        self,
        incident_id: object,
        draft: _Draft,
        outcome: Outcome,
        contact: ContactProfile,
        station: str,
        creator: StaffRef | None,
        service: ServiceKind,
    ) -> None:
        calls: list[tuple[datetime, datetime, StaffRef | None, str]] = []
        if draft.call_start is not None:
            ended = (outcome.call_end or draft.opened) + timedelta(seconds=self.rng.randint(60, 240))
            calls.append((draft.call_start, min(ended, self.cutoff), creator, station))
        for start, end, who in outcome.calls:
            calls.append((start, end, who, who.stations[0] if who else station))
        for start, end, who, where in calls:
            self._call(draft.client, incident_id, contact.id, who, service, where, start, end)

    def _call(
        self,
        client: ClientProfile,
        incident_id: object,
        contact_id: object,
        technician: StaffRef | None,
        service: ServiceKind,
        station: str,
        start: datetime,
        end: datetime,
    ) -> None:
        self.sink.add(
            models.CallLog.__table__,
            {
                "id": self.ids(),
                "client_id": client.id,
                "incident_id": incident_id,
                "contact_id": contact_id,
                "technician_id": technician.id if technician else None,
                "service": service,
                "station": station,
                "started_at": paris_to_utc(start),
                "ended_at": paris_to_utc(end),
            },
        )

    def _loose_call(self, index: int) -> None:
        """A quick question answered on the phone without opening an incident (R-22 counts the
        backup ones against the yearly allowance)."""
        rng, day = self.rng, self.timeline.day(index)
        client = self._client_on(day)
        contact = self._caller(client, day, client.installs[0].product)
        technician = self._taker()
        service = ServiceKind.ASSISTANCE
        roll = rng.random()
        if roll < 0.3 and client.has_service(ServiceKind.BACKUP, day):
            service = ServiceKind.BACKUP
        elif roll < 0.4 and client.has_service(ServiceKind.JET_CLOUDING, day):
            service = ServiceKind.JET_CLOUDING
        elif roll < 0.45 and client.has_service(ServiceKind.PORTAL_HOSTING, day):
            service = ServiceKind.PORTAL_HOSTING
        start = self._in_hours(index)
        end = start + timedelta(seconds=rng.randint(120, 720))
        self._call(client, None, contact.id, technician, service, technician.stations[0], start, end)


def _weighted(rng: random.Random, population: Sequence[T], cumulative: list[float]) -> T:
    """``rng.choices(population, weights)[0]`` given the cumulative weights: the same draw, the same
    result (this is the body of ``random.choices``), without rebuilding the sums each time."""
    return population[bisect_right(cumulative, rng.random() * (cumulative[-1] + 0.0), 0, len(population) - 1)]


def _cumulative(weights: list[float]) -> list[float]:
    total, result = 0.0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result
