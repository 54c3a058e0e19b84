"""The supervisor's CSV export: one row per incident opened in a period, with every duration in hotline
minutes (R-17), streamed in order of opening."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session, aliased

from app.db.models import Client, Incident, Product, Technician
from app.domain.reporting import Period
from app.domain.vocabulary import Channel, Exclusion, IncidentStatus, Origin
from app.services.report_clock import OPEN, clock_cte
from app.services.reporting import ReportFilter, hotline_seconds_of, opened_conditions, resolve_filter


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class IncidentDurations:
    number: str
    opened_at: datetime
    client_code: str
    client_name: str
    product: str
    channel: Channel
    origin: Origin | None
    priority: int
    status: IncidentStatus
    technician: str
    out_of_contract: bool
    exclusion: Exclusion | None
    workaround: bool
    first_response_minutes: float | None
    resolution_minutes: float | None  # hotline minutes counted by the clock (so far when open)
    paused_minutes: float
    age_minutes: float | None  # open incidents: hotline minutes since opening
    resolved_at: datetime | None
    closed_at: datetime | None


def incident_durations(
    session: Session, period: Period, flt: ReportFilter | None = None, now: datetime | None = None
) -> Iterator[IncidentDurations]:
    """Every incident opened in the period with each duration in hotline minutes, streamed in order."""
    flt = flt or ReportFilter()
    sl = resolve_filter(session, flt)
    as_of = now or datetime.now(UTC)
    clock = clock_cte(opened_conditions(sl, period), as_of, "clk")
    assignee = aliased(Technician)
    first = (hotline_seconds_of(Incident.first_response_at) - hotline_seconds_of(Incident.opened_at)) / 60.0
    age = (hotline_seconds_of(as_of) - hotline_seconds_of(Incident.opened_at)) / 60.0
    query = (
        select(
            Incident.number,
            Incident.opened_at,
            Client.code,
            Client.name,
            Product.code,
            Incident.channel,
            Incident.origin,
            Incident.priority,
            Incident.status,
            assignee.login,
            Incident.out_of_contract,
            Incident.exclusion,
            Incident.workaround.is_not(None),
            case((Incident.first_response_at.is_not(None), first)),
            clock.c.counted / 60.0,
            clock.c.paused / 60.0,
            case((Incident.status.in_(OPEN), age)),
            Incident.resolved_at,
            Incident.closed_at,
        )
        .select_from(clock)
        .join(Incident, Incident.id == clock.c.id)
        .join(Client, Client.id == Incident.client_id)
        .outerjoin(Product, Product.id == Incident.product_id)
        .outerjoin(assignee, assignee.id == Incident.assignee_id)
        .order_by(Incident.opened_at, Incident.number)
    )
    for row in session.execute(query).yield_per(2000):
        yield IncidentDurations(
            number=row[0],
            opened_at=row[1],
            client_code=row[2],
            client_name=row[3],
            product=row[4] or "",
            channel=row[5],
            origin=row[6],
            priority=row[7],
            status=row[8],
            technician=row[9] or "",
            out_of_contract=bool(row[10]),
            exclusion=row[11],
            workaround=bool(row[12]),
            first_response_minutes=_num(row[13]),
            resolution_minutes=_num(row[14]),
            paused_minutes=float(row[15] or 0),
            age_minutes=_num(row[16]),
            resolved_at=row[17],
            closed_at=row[18],
        )


__all__ = ["IncidentDurations", "incident_durations"]
