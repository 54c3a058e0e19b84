"""The service-level clock of incidents in SQL (R-17), and the durations kept per incident.

The resolution clock follows ``app.domain.service_level``: hotline time from opening to resolution,
minus the spans where the incident waited on the client (a workaround proposed and not yet accepted,
an explicit wait) and the spans between a resolution and a reopening. Those spans come from the few
history lines that start or end them (an index holds only those), never from the whole history.

Computing a year of clocks takes seconds at a million incidents, so each incident's durations are kept
in ``incident_clocks`` once computed (``refresh_clocks``). A kept row counts only while it matches the
incident's version (every change of an incident bumps it; a resolved incident's clock can change only
through a change of the incident, since waits are refused once it is resolved) and the fingerprint of
the calendar it was computed with. Reports read the kept durations and compute the others live, so a
missing or outdated row makes a report slower, never wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    cast,
    delete,
    false,
    func,
    insert,
    inspect,
    literal,
    null,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from app.db.calendar_sql import epoch_seconds, hotline_seconds_at
from app.db.models import AppSetting, Incident, IncidentClock, IncidentEvent
from app.db.models.incidents import CLOCK_EVENTS_SQL
from app.domain.incident_lifecycle import OPEN_STATUSES
from app.domain.vocabulary import IncidentStatus

S = IncidentStatus
DONE = (S.RESOLVED, S.CLOSED)
OPEN = tuple(sorted(OPEN_STATUSES))
# The calendar mirror's fingerprint, written with the mirror by every calendar edit
# (``app.services.calendar_config``).
MIRROR_FINGERPRINT_KEY = "calendar.mirror_fingerprint"


def _least(a: Any, b: Any) -> ColumnElement[Any]:
    return case((a < b, a), else_=b)


def _greatest(a: Any, b: Any) -> ColumnElement[Any]:
    return case((a > b, a), else_=b)


def clock_event_condition(event: Any) -> ColumnElement[bool]:
    """The history lines that start or end a pause of the clock: waits, workarounds proposed (and what
    follows them), reopenings. Literal values, written exactly as the partial index
    ``ix_incident_events_clock`` (SQLite uses a partial index only for the same terms, never for bound
    parameters)."""
    name = inspect(event).name
    qualified = CLOCK_EVENTS_SQL
    for column in ("field", "to_status", "from_status"):
        qualified = qualified.replace(f"{column} ", f"{name}.{column} ")
    return text(f"({qualified})")


def clock_cte(selection: Sequence[ColumnElement[bool]], as_of: datetime, name: str) -> Any:
    """Per incident of the selection: ``id``, ``priority``, ``gross`` (hotline seconds from opening to
    the clock's end), ``paused`` (waiting on the client) and ``gaps`` (resolved then reopened), in
    hotline seconds; the clock ends at the resolution, or at ``as_of`` for an open incident."""
    end = case((Incident.status.in_(DONE), func.coalesce(Incident.resolved_at, Incident.closed_at)), else_=as_of)
    # Epoch seconds and the hotline seconds at opening and at the clock's end are computed once per row
    # (a materialised CTE): parsing a timestamp costs more than the calendar lookup itself.
    stamps = (
        select(
            Incident.id.label("id"),
            Incident.priority.label("priority"),
            end.label("r"),
            epoch_seconds(Incident.opened_at).label("xo"),
            epoch_seconds(end).label("xr"),
        )
        .where(*selection)
        .cte(f"{name}_stamps")
        .prefix_with("MATERIALIZED")
    )
    epochs = (
        select(
            stamps.c.id,
            stamps.c.priority,
            stamps.c.r,
            stamps.c.xr,
            (hotline_seconds_at(stamps.c.xr) - hotline_seconds_at(stamps.c.xo)).label("gross"),
        )
        .cte(f"{name}_epochs")
        .prefix_with("MATERIALIZED")
    )
    base = epochs
    e = aliased(IncidentEvent, name=f"{name}_e")
    x = epoch_seconds(e.at)
    window = {"partition_by": e.incident_id, "order_by": (e.at, e.seq), "rows": (1, None)}
    sparse = (
        select(
            e.incident_id.label("iid"),
            e.seq.label("seq"),
            x.label("x"),
            e.field.label("field"),
            e.new_value.label("new_value"),
            e.from_status.label("from_status"),
            e.to_status.label("to_status"),
            epochs.c.xr,
            func.min(case((e.from_status == S.WORKAROUND_PROPOSED, x))).over(**window).label("wp_end"),
            func.min(case((e.field == "waiting", x))).over(**window).label("wait_end"),
        )
        .select_from(epochs.join(e, e.incident_id == epochs.c.id))
        .where(clock_event_condition(e), e.at <= epochs.c.r)
        .cte(f"{name}_sparse")
        .prefix_with("MATERIALIZED")
    )
    e2 = aliased(IncidentEvent, name=f"{name}_e2")
    gap_start = (
        select(epoch_seconds(func.max(e2.at)))
        .where(
            e2.incident_id == sparse.c.iid,
            e2.seq < sparse.c.seq,
            e2.to_status.in_(DONE),
            e2.from_status.in_(OPEN),
        )
        .scalar_subquery()
    )
    spans = (
        union_all(
            select(
                sparse.c.iid,
                literal("p").label("kind"),
                sparse.c.x.label("s"),
                _least(func.coalesce(sparse.c.wp_end, sparse.c.xr), sparse.c.xr).label("e"),
            ).where(sparse.c.to_status == S.WORKAROUND_PROPOSED),
            select(
                sparse.c.iid,
                literal("w").label("kind"),
                sparse.c.x.label("s"),
                _least(func.coalesce(sparse.c.wait_end, sparse.c.xr), sparse.c.xr).label("e"),
            ).where(sparse.c.field == "waiting", func.coalesce(sparse.c.new_value, "") != ""),
            select(sparse.c.iid, literal("g").label("kind"), gap_start.label("s"), sparse.c.x.label("e")).where(
                sparse.c.from_status.in_(DONE), sparse.c.to_status.in_(OPEN)
            ),
        )
        .cte(f"{name}_spans")
        .prefix_with("MATERIALIZED")
    )
    # Each span's length in hotline seconds is computed once (two calendar lookups per span).
    lengths = (
        select(
            spans.c.iid,
            spans.c.kind,
            (hotline_seconds_at(spans.c.e) - hotline_seconds_at(spans.c.s)).label("length"),
        )
        .where(spans.c.e > spans.c.s)
        .cte(f"{name}_lengths")
        .prefix_with("MATERIALIZED")
    )
    # A wait while a workaround is proposed is one pause, not two.
    w, p = spans.alias(f"{name}_w"), spans.alias(f"{name}_p")
    lo, hi = _greatest(w.c.s, p.c.s), _least(w.c.e, p.c.e)
    none = cast(null(), Integer)
    # One row per incident and one per span or overlap, summed per incident: no join whose plan depends
    # on how many incidents the planner expects.
    parts = union_all(
        select(
            base.c.id.label("iid"),
            base.c.priority.label("priority"),
            base.c.gross.label("gross"),
            literal(0).label("paused"),
            literal(0).label("gaps"),
        ),
        select(
            lengths.c.iid,
            none,
            literal(0),
            case((lengths.c.kind != "g", lengths.c.length), else_=0),
            case((lengths.c.kind == "g", lengths.c.length), else_=0),
        ),
        select(w.c.iid, none, literal(0), hotline_seconds_at(lo) - hotline_seconds_at(hi), literal(0))
        .select_from(w.join(p, and_(w.c.iid == p.c.iid, p.c.kind == "p")))
        .where(w.c.kind == "w", hi > lo),
    ).subquery(f"{name}_parts")
    gross, paused, gaps = func.sum(parts.c.gross), func.sum(parts.c.paused), func.sum(parts.c.gaps)
    return (
        select(
            parts.c.iid.label("id"),
            func.max(parts.c.priority).label("priority"),
            gross.label("gross"),
            paused.label("paused"),
            gaps.label("gaps"),
            (gross - paused - gaps).label("counted"),
        )
        .group_by(parts.c.iid)
        .cte(name)
    )


# ---------------------------------------------------------------- kept durations


def calendar_key(session: Session) -> str | None:
    """The fingerprint of the calendar the mirror holds now (None before the mirror was first built)."""
    return session.execute(
        select(AppSetting.value).where(AppSetting.key == MIRROR_FINGERPRINT_KEY)
    ).scalar_one_or_none()


def _kept(key: str | None, name: str) -> Any:
    """The incident's kept durations, joinable on ``incident_id``, when they are still valid."""
    clock = aliased(IncidentClock, name=name)
    valid = (
        and_(clock.incident_id == Incident.id, clock.version == Incident.version, clock.calendar == key)
        if key is not None
        else false()
    )
    return clock, valid


def _first_response_seconds() -> ColumnElement[int]:
    """Hotline seconds from an incident's opening to its first response, computed from the mirror."""
    return hotline_seconds_at(epoch_seconds(Incident.first_response_at)) - hotline_seconds_at(
        epoch_seconds(Incident.opened_at)
    )


def first_response_minutes(conditions: Sequence[ColumnElement[bool]], key: str | None) -> Any:
    """(priority, m): hotline minutes from opening to first response of the incidents selected by
    ``conditions`` that were answered; the kept figure when valid, computed otherwise."""
    clock, valid = _kept(key, "fr_kept")
    # COALESCE evaluates the live branch (two timestamp parses, two calendar lookups) only when needed.
    minutes = func.coalesce(clock.first_response_s, _first_response_seconds()) / 60.0
    return (
        select(Incident.priority.label("priority"), minutes.label("m"))
        .select_from(Incident)
        .outerjoin(clock, valid)
        .where(Incident.first_response_at.is_not(None), *conditions)
        .subquery()
    )


def resolution_minutes(selection: Sequence[ColumnElement[bool]], as_of: datetime, key: str | None) -> Any:
    """(priority, m): hotline minutes counted by the clock of the resolved incidents of ``selection``;
    kept figures where valid, the clock computed in SQL for the others."""
    clock, valid = _kept(key, "res_kept")
    # One pass over the selection: each incident with its kept figure, or NULL where it must be computed.
    chosen = (
        select(Incident.id.label("id"), Incident.priority.label("priority"), clock.resolution_s.label("kept"))
        .select_from(Incident)
        .outerjoin(clock, valid)
        .where(*selection)
        .cte("res_chosen")
        .prefix_with("MATERIALIZED")
    )
    kept = select(chosen.c.priority, (chosen.c.kept / 60.0).label("m")).where(chosen.c.kept.is_not(None))
    live = clock_cte([Incident.id.in_(select(chosen.c.id).where(chosen.c.kept.is_(None)))], as_of, "res")
    computed = select(live.c.priority, (live.c.counted / 60.0).label("m"))
    return union_all(kept, computed).subquery()


# Incidents whose durations are computed and written per statement: short writes, a bounded IN list.
REFRESH_CHUNK = 5000


def refresh_clocks(session: Session, conditions: Sequence[ColumnElement[bool]], as_of: datetime) -> int:
    """Compute and keep the durations of the incidents selected by ``conditions`` whose kept row is
    missing or outdated; returns how many rows were written. The caller commits.

    Which incidents need it is read first, so that nothing is written — and on SQLite no write lock is
    taken — when every kept row is still valid, the usual case. Two workstations refreshing the same
    incidents at once may both compute a row: the second insert is then skipped, both rows being the
    same figures."""
    key = calendar_key(session)
    if key is None:
        return 0
    clock, valid = _kept(key, "kept_now")
    stale = select(Incident.id).select_from(Incident).outerjoin(clock, valid)
    needed = session.scalars(stale.where(*conditions, clock.incident_id.is_(None))).all()
    written = 0
    for start in range(0, len(needed), REFRESH_CHUNK):
        written += _compute_and_keep(session, needed[start : start + REFRESH_CHUNK], as_of, key)
    return written


def _compute_and_keep(session: Session, ids: Sequence[Any], as_of: datetime, key: str) -> int:
    table = IncidentClock.__table__
    session.execute(delete(table).where(table.c.incident_id.in_(ids)))
    chosen = Incident.id.in_(ids)
    live = clock_cte([chosen, Incident.status.in_(DONE)], as_of, "fill")
    rows = (
        select(
            Incident.id,
            Incident.version,
            literal(key),
            case((Incident.first_response_at.is_not(None), _first_response_seconds())),
            live.c.counted,
            live.c.paused,
        )
        .select_from(Incident)
        .outerjoin(live, live.c.id == Incident.id)
        .where(chosen)
    )
    columns = ["incident_id", "version", "calendar", "first_response_s", "resolution_s", "paused_s"]
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement = pg_insert(table).from_select(columns, rows).on_conflict_do_nothing()
        # The driver gives no row count for INSERT … SELECT here: the inserted keys are counted.
        return sum(1 for _ in session.execute(statement.returning(table.c.incident_id)))
    session.execute(insert(table).prefix_with("OR IGNORE").from_select(columns, rows))
    # The driver reports no row count for INSERT … SELECT; SQLite's own counter of the last statement does.
    return int(session.execute(text("SELECT changes()")).scalar_one())
