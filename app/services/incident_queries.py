"""Reading incidents: filtered, sorted windows for lists of any size, and one incident in detail."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from sqlalchemy import (
    ColumnElement,
    Select,
    column,
    func,
    literal,
    literal_column,
    null,
    select,
    table,
    text,
    tuple_,
)
from sqlalchemy.orm import Session, aliased

from app.db.models import CallLog, Client, Document, Incident, IncidentEvent, Product, Technician
from app.domain.incident_lifecycle import PRIORITY_LABELS, Action, SlaTargets, allowed_actions
from app.domain.service_level import ServiceLevel, Step, service_level
from app.domain.vocabulary import Channel, EventKind, Exclusion, IncidentStatus, Origin
from app.services import calendar_mirror, service_levels
from app.services.incident_search import matches, query_tokens, sqlite_matching_rowids
from app.services.incidents import WAIT_REASONS, find_incident


@dataclass(frozen=True)
class IncidentFilter:
    statuses: tuple[IncidentStatus, ...] = ()
    client_code: str | None = None
    origin: Origin | None = None
    channel: Channel | None = None
    technician_login: str | None = None
    opened_from: datetime | None = None
    opened_to: datetime | None = None
    out_of_contract: bool | None = None
    search: str = ""


SORTS = {
    "opened_desc": (Incident.opened_at.desc(), Incident.number.desc()),
    "opened_asc": (Incident.opened_at.asc(), Incident.number.asc()),
    "number": (Incident.number.asc(),),
    "priority": (Incident.priority.asc(), Incident.opened_at.desc()),
    "status": (Incident.status.asc(), Incident.opened_at.desc()),
    "client": (Client.name.asc(), Incident.opened_at.desc()),
}


@dataclass(frozen=True)
class IncidentRow:
    id: uuid.UUID
    number: str
    opened_at: datetime
    client_code: str
    client_name: str
    title: str
    status: IncidentStatus
    origin: Origin | None
    channel: Channel
    priority: int
    assignee: str | None
    out_of_contract: bool
    covered: bool | None
    #: Where the row stands in the list's order (the SQLite rowid): the next window starts after it.
    position: int | None = None


def _conditions(
    session: Session, flt: IncidentFilter, few_matches: list[int] | None = None, walk_dates: bool = False
) -> list[ColumnElement[bool]]:
    """The filter as conditions on ``incidents`` alone (subqueries, no joins), so that counting a
    million rows needs no join."""
    conditions: list[ColumnElement[bool]] = []
    if flt.statuses:
        conditions.append(Incident.status.in_(flt.statuses))
    if flt.client_code:
        code = flt.client_code.strip().upper()
        conditions.append(
            Incident.client_id.in_(select(Client.id).where((Client.code == code) | (Client.hotline_id == code)))
        )
    if flt.origin:
        conditions.append(Incident.origin == flt.origin)
    if flt.channel:
        conditions.append(Incident.channel == flt.channel)
    if flt.technician_login:
        conditions.append(
            Incident.assignee_id.in_(select(Technician.id).where(Technician.login == flt.technician_login))
        )
    if flt.opened_from:
        conditions.append(Incident.opened_at >= flt.opened_from)
    if flt.opened_to:
        conditions.append(Incident.opened_at < flt.opened_to)
    if flt.out_of_contract is not None:
        conditions.append(Incident.out_of_contract.is_(flt.out_of_contract))
    if few_matches is not None:
        conditions.append(literal_column("incidents.rowid").in_(few_matches))
    elif flt.search.strip():
        conditions.append(matches(session, flt.search, walk_dates=walk_dates))
    return conditions


def count_incidents(session: Session, flt: IncidentFilter) -> int:
    """How many incidents match (for the list's header; the rows themselves come by windows)."""
    return session.execute(select(func.count()).select_from(Incident).where(*_conditions(session, flt))).scalar_one()


def list_incidents(
    session: Session,
    flt: IncidentFilter,
    *,
    offset: int = 0,
    limit: int = 100,
    sort: str = "opened_desc",
    after: IncidentRow | None = None,
) -> list[IncidentRow]:
    """One window of the filtered, sorted list (never the whole table).

    ``after``: the last row of the previous window (``offset`` rows in). Sorted by opening date on SQLite,
    the window then starts right after that row in the date index instead of counting ``offset`` rows
    from the top again, so the ten-thousandth row comes as fast as the first.
    """
    assignee = aliased(Technician)
    sqlite = session.get_bind().dialect.name == "sqlite"
    rowid = literal_column("incidents.rowid")
    query = (
        select(
            Incident.id,
            Incident.number,
            Incident.opened_at,
            Client.code,
            Client.name,
            Incident.title,
            Incident.status,
            Incident.origin,
            Incident.channel,
            Incident.priority,
            assignee.full_name,
            Incident.out_of_contract,
            Incident.covered,
            rowid if sqlite else null(),
        )
        .select_from(Incident)
        .join(Client, Client.id == Incident.client_id)
        .outerjoin(assignee, assignee.id == Incident.assignee_id)
    )
    few_matches = None
    walk_dates = False
    if flt.search.strip() and sqlite:
        page = _search_page_in_entry_order(session, query, flt, sort, offset, limit)
        if page is not None:
            return page
        # SQLite's planner sorts every match; for a common word, walking the date index is far faster.
        few_matches = sqlite_matching_rowids(session, flt.search)
        walk_dates = few_matches is None and sort in ("opened_desc", "opened_asc")
    order = SORTS[sort]
    if sqlite and sort in ("opened_desc", "opened_asc"):
        # The date index holds (opened_at, rowid): ordering by both lets SQLite read rows in index order.
        order = (Incident.opened_at.desc(), rowid.desc()) if sort == "opened_desc" else (Incident.opened_at, rowid)
        if after is not None and after.position is not None:
            mark = tuple_(literal(after.opened_at, Incident.opened_at.type), literal(after.position))
            query = query.where(
                tuple_(Incident.opened_at, rowid) < mark
                if sort == "opened_desc"
                else tuple_(Incident.opened_at, rowid) > mark
            )
            offset = 0
    query = query.where(*_conditions(session, flt, few_matches, walk_dates)).order_by(*order)
    return [IncidentRow(*r) for r in session.execute(query.offset(offset).limit(limit))]


# Matches read ahead of the page asked for when searching in entry order (see below).
ENTRY_ORDER_MARGIN = 20
# Incidents entered out of order around a page that are looked at one by one; beyond, every match is read.
STRAY_LIMIT = 2000
# Deeper than this in the results, each window would read all the entries above it again: the list's
# windows then gather every match and start after the last row loaded.
ENTRY_ORDER_DEPTH = 1000


def _search_page_in_entry_order(
    session: Session, query: Select, flt: IncidentFilter, sort: str, offset: int, limit: int
) -> list[IncidentRow] | None:
    """One page of a search sorted by opening date (SQLite), read from the full-text index in entry
    order, or None when that order cannot be trusted for this page.

    Incidents are entered when they are opened, so entry order (the rowid, the order of the full-text
    index) nearly follows the opening date, and the index hands its newest entries first without
    gathering every match. The page is taken from the ``offset + limit + margin`` newest matching entries
    (``query``'s columns, the rowid last). Only an incident entered before the oldest of them and opened
    after the last one of the page could be missing (incidents pulled from the portal in a batch after a
    day offline, imported, or backdated): the date index lists those, and the ones among them that match
    join the page. When they are more than ``STRAY_LIMIT``, the caller gathers every match instead.
    """
    if sort not in ("opened_desc", "opened_asc") or offset > ENTRY_ORDER_DEPTH:
        return None
    tokens = query_tokens(flt.search)
    if not tokens:
        return []
    newest = sort == "opened_desc"
    rowid = literal_column("incidents.rowid")
    fts = table("incident_fts", column("rowid"))
    match = text("incident_fts MATCH :fts_query").bindparams(fts_query=" ".join(f'"{t}"*' for t in tokens))
    conditions = _conditions(session, replace(flt, search=""))
    entry_order = rowid.desc() if newest else rowid.asc()
    ahead = offset + limit + ENTRY_ORDER_MARGIN
    candidates = session.execute(
        query.join(fts, fts.c.rowid == rowid)
        .where(match, *conditions)
        .order_by(fts.c.rowid.desc() if newest else fts.c.rowid.asc())
        .limit(ahead)
    ).all()
    # The list's order: opening date, then entry order (rows are read in entry order; the sort is stable).
    candidates.sort(key=lambda row: row[2], reverse=newest)
    page = candidates[offset : offset + limit]
    if len(candidates) == ahead and page:
        last_opened = page[-1][2]
        edge = min(r[-1] for r in candidates) if newest else max(r[-1] for r in candidates)
        # Entered beyond the rows read, yet sorting before the page's last row: read from the date index
        # (``+rowid`` keeps SQLite from walking the table in rowid order instead).
        entered = literal_column("+incidents.rowid")
        strays = (
            session.execute(
                select(rowid)
                .where(
                    (Incident.opened_at > last_opened) & (entered < edge)
                    if newest
                    else (Incident.opened_at < last_opened) & (entered > edge)
                )
                .limit(STRAY_LIMIT + 1)
            )
            .scalars()
            .all()
        )
        if len(strays) > STRAY_LIMIT:
            return None
        if strays:
            matching = select(fts.c.rowid).where(match, fts.c.rowid.between(min(strays), max(strays)))
            extra = session.execute(
                query.where(rowid.in_(strays), rowid.in_(matching), *conditions).order_by(entry_order)
            ).all()
            if extra:
                candidates += extra
                candidates.sort(key=lambda row: row[2], reverse=newest)
                page = candidates[offset : offset + limit]
    return [IncidentRow(*r) for r in page]


@dataclass(frozen=True)
class HistoryLine:
    seq: int
    at: datetime
    author: str
    kind: EventKind
    summary: str


@dataclass(frozen=True)
class CallLine:
    started_at: datetime
    ended_at: datetime | None
    service: str


@dataclass(frozen=True)
class IncidentDetail:
    id: uuid.UUID
    number: str
    title: str
    description: str
    status: IncidentStatus
    origin: Origin | None
    channel: Channel
    priority: int
    priority_label: str
    client_code: str
    client_name: str
    caller_name: str
    product: str | None
    peripheral: str
    estimate_minutes: int | None
    covered: bool | None
    out_of_contract: bool
    exclusion: Exclusion | None
    exclusion_label: str | None
    workaround: str | None
    resolution: str | None
    opened_at: datetime
    waiting: str | None
    service_level: ServiceLevel
    targets: SlaTargets
    allowed: tuple[Action, ...]
    history: tuple[HistoryLine, ...] = field(default_factory=tuple)
    calls: tuple[CallLine, ...] = field(default_factory=tuple)
    documents: tuple[str, ...] = field(default_factory=tuple)

    @property
    def response_late(self) -> bool:
        """First response later than the priority's target (R-17), or still awaited past it."""
        level = self.service_level
        return level.response_late(self.targets, elapsed_if_waiting=level.resolution_minutes)

    @property
    def resolution_late(self) -> bool:
        return self.service_level.resolution_late(self.targets)


_FIELD_LABELS = {
    "origin": "Origine",
    "estimate_minutes": "Estimation (min)",
    "exclusion": "Exclusion",
    "priority": "Priorité",
    "waiting": "Attente client",
}


def _summary(event: IncidentEvent) -> str:
    if event.kind is EventKind.CREATED:
        return f"Incident créé ({event.text})" if event.text else "Incident créé"
    if event.kind is EventKind.STATUS_CHANGED:
        before = event.from_status.label if event.from_status else "?"
        head = f"{before} → {event.to_status.label if event.to_status else '?'}"
        return f"{head} : {event.text}" if event.text else head
    if event.kind is EventKind.FIELD_CHANGED:
        label = _FIELD_LABELS.get(event.field or "", event.field or "")
        new = event.new_value
        if event.field == "waiting":
            new = WAIT_REASONS.get(new or "", "fin de l'attente")
        elif event.field == "origin" and new:
            new = Origin(new).label
        return f"{label} : {event.old_value or '—'} → {new or '—'}"
    return event.text


def clock_steps(events: list[IncidentEvent], opened_at: datetime) -> list[Step]:
    """The history as seen by the service-level clock: status and wait state after each change."""
    status, waiting = IncidentStatus.NEW, False
    steps = [Step(opened_at, status, waiting)]
    for event in events:
        if event.kind is EventKind.CREATED and event.to_status is not None:
            status = event.to_status
            steps[0] = Step(opened_at, status, waiting)
            continue
        if event.kind is EventKind.STATUS_CHANGED and event.to_status is not None:
            status = event.to_status
        elif event.kind is EventKind.FIELD_CHANGED and event.field == "waiting":
            waiting = bool(event.new_value)
        else:
            continue
        steps.append(Step(event.at, status, waiting))
    return steps


def incident_detail(session: Session, number: str, now: datetime | None = None) -> IncidentDetail:
    """Everything the detail view and ``hotline incident show`` display about one incident."""
    incident = find_incident(session, number)
    client = session.get(Client, incident.client_id)
    product = session.get(Product, incident.product_id) if incident.product_id else None
    events = list(
        session.execute(
            select(IncidentEvent).where(IncidentEvent.incident_id == incident.id).order_by(IncidentEvent.seq)
        ).scalars()
    )
    waiting = None
    for event in events:
        if event.field == "waiting":
            waiting = event.new_value or None
    at = now or datetime.now(UTC)
    # Read from the calendar's mirror for the incident's span: opening a file never builds the whole
    # calendar (nor imports the public holidays) in the middle of someone's work.
    clock = calendar_mirror.hotline_clock(session, min(incident.opened_at, at), at)
    level = service_level(clock_steps(events, incident.opened_at), clock, at)  # type: ignore[arg-type]
    calls = session.execute(
        select(CallLog.started_at, CallLog.ended_at, CallLog.service)
        .where(CallLog.incident_id == incident.id)
        .order_by(CallLog.started_at)
    ).all()
    documents = session.execute(
        select(Document.title).where(Document.incident_id == incident.id).order_by(Document.created_at)
    ).scalars()
    assert client is not None
    return IncidentDetail(
        id=incident.id,
        number=incident.number,
        title=incident.title,
        description=incident.description,
        status=incident.status,
        origin=incident.origin,
        channel=incident.channel,
        priority=incident.priority,
        priority_label=PRIORITY_LABELS.get(incident.priority, str(incident.priority)),
        client_code=client.code,
        client_name=client.name,
        caller_name=incident.caller_name,
        product=product.name if product else None,
        peripheral=incident.peripheral,
        estimate_minutes=incident.estimate_minutes,
        covered=incident.covered,
        out_of_contract=incident.out_of_contract,
        exclusion=incident.exclusion,
        exclusion_label=incident.exclusion.label if incident.exclusion else None,
        workaround=incident.workaround,
        resolution=incident.resolution,
        opened_at=incident.opened_at,
        waiting=waiting,
        service_level=level,
        targets=service_levels.targets(session)[incident.priority],
        allowed=tuple(allowed_actions(incident.status)),
        history=tuple(HistoryLine(e.seq, e.at, e.author_name, e.kind, _summary(e)) for e in events),
        calls=tuple(CallLine(c[0], c[1], c[2].label) for c in calls),
        documents=tuple(documents),
    )
