"""The incidents as the supervisor reports read them: one small row per incident (``incident_facts``).

A fact row holds an incident's dates as epoch seconds, the columns a report slices by and its
service-level durations in hotline seconds (``app.services.report_clock``). Reports read a period's rows
through ``facts``: the kept row of every incident that is still valid, and for the others — incidents
on the ``report_pending`` list (triggers put every inserted or changed incident there) and rows computed
with another calendar — the same columns computed live from the incident, in the same statement. So a
missing or outdated row makes a report slower, never wrong.

``refresh`` writes the rows of the pending incidents (and of the period's rows computed with another
calendar) and takes them off the list; the dashboard and the CLI run it around their reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    text,
    union,
    union_all,
)
from sqlalchemy.orm import Session

from app.db.calendar_sql import epoch_seconds, hotline_seconds_at
from app.db.models import Incident, IncidentFact, ReportPending
from app.services.report_clock import DONE, calendar_key, clock_cte

F = IncidentFact.__table__
PENDING = ReportPending.__table__
COLUMNS = (
    "incident_id",
    "version",
    "calendar",
    "opened_x",
    "resolved_x",
    "closed_x",
    "status",
    "priority",
    "client_id",
    "product_id",
    "assignee_id",
    "channel",
    "origin",
    "exclusion",
    "out_of_contract",
    "workaround",
    "opened_h",
    "answered",
    "first_response_s",
    "resolution_s",
    "paused_s",
)
# Incidents computed and written per statement: short writes, a bounded IN list.
CHUNK = 5000
# Beyond this many pending incidents (a bulk load, a database just migrated), rows are computed by
# months of openings rather than by lists of ids.
BULK = 50_000
BULK_CACHE_KIB = -262_144  # SQLite's cache_size in KiB when negative: 256 MiB


def calendar_number(key: str | None) -> int | None:
    """The calendar a row was computed with, as stored: the first 60 bits of the mirror's fingerprint
    (a SHA-256 in hexadecimal), small enough for the indexes reports read."""
    return None if key is None else int(key[:15], 16)


def _x(moment: datetime) -> int:
    """Epoch seconds of an instant; reports cut their periods on whole seconds."""
    return int(moment.astimezone(UTC).timestamp())


@dataclass(frozen=True)
class Selection:
    """Which incidents a report reads, said twice: on the fact rows and on the incidents themselves."""

    on_facts: tuple[ColumnElement[bool], ...]
    on_incidents: tuple[ColumnElement[bool], ...]

    def __and__(self, other: Selection) -> Selection:
        return Selection(self.on_facts + other.on_facts, self.on_incidents + other.on_incidents)


def opened_between(starts: datetime, ends: datetime) -> Selection:
    return Selection(
        (F.c.opened_x >= _x(starts), F.c.opened_x < _x(ends)),
        (Incident.opened_at >= starts, Incident.opened_at < ends),
    )


def resolved_between(starts: datetime, ends: datetime) -> Selection:
    """Resolved (or closed) with a resolution date in the period."""
    return Selection(
        (F.c.resolved_x >= _x(starts), F.c.resolved_x < _x(ends), F.c.status.in_(DONE)),
        (Incident.resolved_at >= starts, Incident.resolved_at < ends, Incident.status.in_(DONE)),
    )


def closed_between(starts: datetime, ends: datetime) -> Selection:
    return Selection(
        (F.c.closed_x >= _x(starts), F.c.closed_x < _x(ends)),
        (Incident.closed_at >= starts, Incident.closed_at < ends),
    )


def open_at(at: datetime) -> tuple[Selection, Selection]:
    """Open at ``at``: opened before and not resolved by then, as two selections (never resolved;
    resolved at or after ``at``), each read from one index range. An incident resolved before ``at`` and
    reopened after it counts as open (the history is not read for this count)."""
    x = _x(at)
    return (
        Selection(
            (F.c.resolved_x.is_(None), F.c.opened_x < x),
            (Incident.resolved_at.is_(None), Incident.opened_at < at),
        ),
        Selection(
            (F.c.resolved_x >= x, F.c.opened_x < x),
            (Incident.resolved_at >= at, Incident.opened_at < at),
        ),
    )


def sliced(
    clients: Sequence[Any] = (),
    technician: Any = None,
    product: Any = None,
    channel: Any = None,
    origin: Any = None,
) -> Selection:
    """A report's slice, on both sides."""
    on_facts: list[ColumnElement[bool]] = []
    on_incidents: list[ColumnElement[bool]] = []
    if clients:
        on_facts.append(F.c.client_id.in_(clients))
        on_incidents.append(Incident.client_id.in_(clients))
    for value, fact_column, incident_column in (
        (technician, F.c.assignee_id, Incident.assignee_id),
        (product, F.c.product_id, Incident.product_id),
        (channel, F.c.channel, Incident.channel),
        (origin, F.c.origin, Incident.origin),
    ):
        if value is not None:
            on_facts.append(fact_column == value)
            on_incidents.append(incident_column == value)
    return Selection(tuple(on_facts), tuple(on_incidents))


def _first_response_seconds() -> ColumnElement[int]:
    return hotline_seconds_at(epoch_seconds(Incident.first_response_at)) - hotline_seconds_at(
        epoch_seconds(Incident.opened_at)
    )


def computed(
    conditions: Sequence[ColumnElement[bool]], calendar: int | None, as_of: datetime, name: str = "fact"
) -> Any:
    """The fact rows of the incidents selected by ``conditions``, computed from the incidents, their
    pauses and the calendar mirror (columns in ``COLUMNS`` order)."""
    clock = clock_cte([*conditions, Incident.status.in_(DONE)], as_of, f"{name}_clock")
    opened = epoch_seconds(Incident.opened_at)
    return (
        select(
            Incident.id.label("incident_id"),
            Incident.version.label("version"),
            literal(calendar or 0, BigInteger).label("calendar"),
            opened.label("opened_x"),
            epoch_seconds(Incident.resolved_at).label("resolved_x"),
            epoch_seconds(Incident.closed_at).label("closed_x"),
            Incident.status.label("status"),
            Incident.priority.label("priority"),
            Incident.client_id.label("client_id"),
            Incident.product_id.label("product_id"),
            Incident.assignee_id.label("assignee_id"),
            Incident.channel.label("channel"),
            Incident.origin.label("origin"),
            Incident.exclusion.label("exclusion"),
            Incident.out_of_contract.label("out_of_contract"),
            Incident.workaround.is_not(None).label("workaround"),
            hotline_seconds_at(opened).label("opened_h"),
            Incident.first_response_at.is_not(None).label("answered"),
            case((Incident.first_response_at.is_not(None), _first_response_seconds())).label("first_response_s"),
            clock.c.counted.label("resolution_s"),
            clock.c.paused.label("paused_s"),
        )
        .select_from(Incident)
        .outerjoin(clock, clock.c.id == Incident.id)
        .where(*conditions)
    )


@dataclass(frozen=True)
class Validity:
    """What a report found about the kept rows before reading them (``validity``): whether incidents are
    pending, whether rows were computed with another calendar. The default assumes both."""

    pending: bool = True
    other_calendars: bool = True


def validity(session: Session, calendar: int | None) -> Validity:
    """Whether incidents are pending and whether rows of another calendar than ``calendar`` exist (the
    two ends of an index)."""
    pending = session.scalar(select(PENDING.c.incident_id).limit(1)) is not None
    # Two statements: SQLite reads a lone MIN or MAX from the end of the index, not both at once.
    low = session.scalar(select(func.min(F.c.calendar)))
    one_calendar = low is None or (low == calendar and session.scalar(select(func.max(F.c.calendar))) == calendar)
    return Validity(pending=pending, other_calendars=not one_calendar)


def facts(
    calendar: int | None,
    selections: Sequence[Selection],
    as_of: datetime,
    name: str = "facts",
    columns: Sequence[str] = COLUMNS,
    valid: Validity = Validity(),
) -> Any:
    """The fact rows (only ``columns``) of the incidents in any of ``selections``, which must not
    overlap: kept rows where valid, computed live for the others.

    Kept rows are read by their dates' indexes alone (the columns a report needs of a period's
    resolutions are in the index); the incidents are read only for those on the pending list or whose
    row was computed with another calendar, as far as ``valid`` (read in the same transaction) says
    there are any: once a refresh has run, the kept rows alone."""
    parts: list[Any] = []
    for index, selection in enumerate(selections):
        live_name = f"{name}_live{index}"
        if calendar is None:
            rows = computed(selection.on_incidents, calendar, as_of, live_name).subquery(live_name)
            parts.append(select(*[rows.c[c] for c in columns]))
            continue
        kept = select(*[F.c[c] for c in columns]).where(*selection.on_facts)
        stale: list[Any] = []
        if valid.pending:
            pending = select(PENDING.c.incident_id)
            kept = kept.where(F.c.incident_id.not_in(pending))
            stale.append(pending)
        if valid.other_calendars:
            kept = kept.where(F.c.calendar == calendar)
            stale.append(select(F.c.incident_id).where(*selection.on_facts, F.c.calendar != calendar))
        parts.append(kept)
        if stale:
            chosen = Incident.id.in_(union_all(*stale) if len(stale) > 1 else stale[0])
            rows = computed([chosen, *selection.on_incidents], calendar, as_of, live_name).subquery(live_name)
            parts.append(select(*[rows.c[c] for c in columns]))
    return union_all(*parts).subquery(name) if len(parts) > 1 else parts[0].subquery(name)


# ---------------------------------------------------------------- keeping the rows


def refresh(
    session: Session,
    spans: Sequence[tuple[datetime, datetime]] = (),
    now: datetime | None = None,
    at_most: int | None = None,
) -> int:
    """Write the fact rows of every pending incident, and of the incidents opened or resolved in
    ``spans`` whose row was computed with another calendar; returns how many rows were written. The
    caller commits.

    What needs it is read first, so that nothing is written — and on SQLite no write lock is taken —
    when every row is valid. A pending incident is taken off the list only for the version its row was
    computed from: one changed again meanwhile stays pending. With ``at_most``, nothing is done when more
    incidents than that are pending (a refresh made while someone waits)."""
    calendar = calendar_number(calendar_key(session))
    if calendar is None:
        return 0
    as_of = now or datetime.now(UTC)
    waiting = pending_count(session)
    if at_most is not None and waiting > at_most:
        return 0
    written = _write_everything_pending(session, calendar, as_of) if waiting > BULK else 0
    needed: list[Any] = [select(PENDING.c.incident_id)]
    for starts, ends in spans:
        for date_column in (F.c.opened_x, F.c.resolved_x):
            needed.append(
                select(F.c.incident_id).where(
                    date_column >= _x(starts), date_column < _x(ends), F.c.calendar != calendar
                )
            )
    # In order of opening: each statement computes incidents whose history lies close together, and the
    # rows are added to the table in its own order.
    ordered = session.scalars(
        select(Incident.id)
        .where(Incident.id.in_(union(*needed) if len(needed) > 1 else needed[0]))
        .order_by(Incident.opened_at)
    ).all()
    for start in range(0, len(ordered), CHUNK):
        written += _write(session, ordered[start : start + CHUNK], calendar, as_of)
    return written


def _write_everything_pending(session: Session, calendar: int, as_of: datetime) -> int:
    """A bulk load or a new database (every incident pending): the rows are computed a month of
    openings at a time, in one statement each, instead of by lists of ids; the pending list is then
    emptied of what was computed, version by version as in ``_write``."""
    first, last = session.execute(select(func.min(Incident.opened_at), func.max(Incident.opened_at))).one()
    if first is None:
        return 0
    if session.get_bind().dialect.name != "sqlite":
        return _write_months(session, calendar, as_of, first, last)
    # A million rows go into indexes keyed by UUID, in random order: with SQLite's default page cache
    # (2 MB) most inserts would evict a page another one needs next. A larger cache for this statement
    # run only.
    previous = session.execute(text("PRAGMA cache_size")).scalar_one()
    session.execute(text(f"PRAGMA cache_size = {BULK_CACHE_KIB}"))
    try:
        return _write_months(session, calendar, as_of, first, last)
    finally:
        session.execute(text(f"PRAGMA cache_size = {int(previous)}"))


def _write_months(session: Session, calendar: int, as_of: datetime, first: datetime, last: datetime) -> int:
    # A correlated test, so that each month's incidents are found by their opening date and then looked up
    # on the list (an IN over the list would read the whole list for every month).
    is_pending = exists().where(PENDING.c.incident_id == Incident.id)
    session.execute(delete(F).where(F.c.incident_id.in_(select(PENDING.c.incident_id))))
    written = 0
    starts = datetime(first.year, first.month, 1, tzinfo=UTC)
    while starts <= last:
        ends = datetime(starts.year + starts.month // 12, starts.month % 12 + 1, 1, tzinfo=UTC)
        window = [Incident.opened_at >= starts, Incident.opened_at < ends, is_pending]
        written += _insert(session, computed(window, calendar, as_of, "bulk"))
        starts = ends
    _take_off_pending(session)
    return written


def _write(session: Session, ids: Sequence[Any], calendar: int, as_of: datetime) -> int:
    session.execute(delete(F).where(F.c.incident_id.in_(ids)))
    written = _insert(session, computed([Incident.id.in_(ids)], calendar, as_of))
    _take_off_pending(session, ids)
    return written


def _take_off_pending(session: Session, ids: Sequence[Any] | None = None) -> None:
    """Remove from the pending list (only ``ids`` when given) the incidents whose row is now written for
    their latest version; one changed again since its row was computed stays."""
    written_for = select(F.c.version).where(F.c.incident_id == PENDING.c.incident_id).scalar_subquery()
    chosen = [PENDING.c.incident_id.in_(ids)] if ids is not None else []
    session.execute(delete(PENDING).where(*chosen, PENDING.c.version <= written_for))


def _insert(session: Session, rows: Any) -> int:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement = pg_insert(F).from_select(COLUMNS, rows).on_conflict_do_nothing()
        # The driver gives no row count for INSERT … SELECT here: the inserted keys are counted.
        written = sum(1 for _ in session.execute(statement.returning(F.c.incident_id)))
    else:
        session.execute(insert(F).prefix_with("OR REPLACE").from_select(COLUMNS, rows))
        # The driver reports no row count for INSERT … SELECT; SQLite's own counter does.
        written = int(session.execute(text("SELECT changes()")).scalar_one())
    return written


def pending_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(PENDING)) or 0)


__all__ = [
    "COLUMNS",
    "Selection",
    "Validity",
    "calendar_number",
    "closed_between",
    "computed",
    "facts",
    "open_at",
    "opened_between",
    "pending_count",
    "refresh",
    "resolved_between",
    "sliced",
    "validity",
]
