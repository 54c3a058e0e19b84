"""The service-level clock of incidents in SQL (R-17), and the durations kept per incident.

The resolution clock follows ``app.domain.service_level``: hotline time from opening to resolution,
minus the spans where the incident waited on the client (a workaround proposed and not yet accepted,
an explicit wait) and the spans between a resolution and a reopening. Those spans come from the few
history lines that start or end them (an index holds only those), never from the whole history.

Computing a year of clocks takes seconds at a million incidents, so reports read each incident's
durations from its kept row (``app.services.report_facts``) and use this clock for the incidents changed
since.
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
    func,
    inspect,
    literal,
    null,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from app.db.calendar_sql import epoch_seconds, hotline_seconds_at
from app.db.models import AppSetting, Incident, IncidentEvent
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
