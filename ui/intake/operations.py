"""The intake screen's background operations: each one a use case made of service calls, run in its own
Session on a worker thread (``ui.background.in_session``). No SQL here: only ``app.services``.
"""

from __future__ import annotations

import uuid
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from app.db.engine import begin_writing
from app.domain.coverage import BACKUP_ASSISTANCE_MINUTES_PER_YEAR, Coverage
from app.domain.incident_lifecycle import OPEN_STATUSES
from app.domain.vocabulary import Channel, Origin, ServiceKind
from app.services.calls import open_call, start_call, stop_call
from app.services.clients import ClientDetail, client_detail
from app.services.coverage import backup_minutes_used, check_coverage
from app.services.incident_queries import IncidentFilter, count_incidents
from app.services.incidents import Actor, CreatedIncident, IncidentError, create_incident, ensure_technician
from app.services.products import product_by_code
from app.services.rota import give_to_on_duty_owner


@dataclass(frozen=True)
class Technician:
    """Who takes the call, as the context knows them (login, name, station)."""

    login: str
    name: str
    station: str

    def actor(self, session: Session) -> Actor:
        """The history/numbering actor, creating the staff row on first use.

        Every use case that needs an actor writes; when this is the session's first statement, its
        transaction begins as a writer (``begin_writing``: what it reads stays current until it writes)."""
        if not session.in_transaction():
            begin_writing(session)
        return ensure_technician(session, self.login, self.name, self.station)


@dataclass(frozen=True)
class ClientCardData:
    """What the client card shows: the file, open incidents and the backup assistance left (R-22)."""

    detail: ClientDetail
    open_incidents: int
    backup_minutes_left: int


def load_client_card(session: Session, client_id: uuid.UUID) -> ClientCardData | None:
    """The client's file plus its open incidents and backup-assistance minutes left this contract year."""
    detail = client_detail(session, client_id)
    if detail is None:
        return None
    opened = count_incidents(session, IncidentFilter(statuses=tuple(OPEN_STATUSES), client_code=detail.code))
    used = backup_minutes_used(session, client_id, datetime.now(UTC))
    left = max(0, round(BACKUP_ASSISTANCE_MINUTES_PER_YEAR - used))
    return ClientCardData(detail, opened, left)


def begin_call(session: Session, technician: Technician, client_code: str) -> datetime:
    """Start the call log when a client is picked; a call this station left open (a crash, another
    client picked meanwhile) is ended first, since one station takes one call at a time."""
    actor = technician.actor(session)
    if open_call(session, actor) is not None:
        with suppress(IncidentError):
            stop_call(session, actor)
    view = start_call(session, actor, client_code, ServiceKind.ASSISTANCE)
    session.commit()
    return view.started_at


def end_call(session: Session, technician: Technician) -> bool:
    """End the call in progress without an incident (the call was cancelled); False if none was open."""
    actor = technician.actor(session)
    if open_call(session, actor) is None:
        return False
    stop_call(session, actor)
    session.commit()
    return True


def coverage_for(
    session: Session, client_id: uuid.UUID, contact_id: uuid.UUID | None, product_code: str | None
) -> Coverage:
    """The coverage banner's decision for the caller and software chosen so far."""
    product = product_by_code(session, product_code)
    return check_coverage(
        session,
        client_id,
        contact_id=contact_id,
        product_id=product.id if product else None,
        at=datetime.now(UTC),
    )


@dataclass(frozen=True)
class IncidentRequest:
    """The intake form, read from the widgets on the GUI thread and handed to the worker."""

    client_code: str
    title: str
    caller_name: str
    contact_id: uuid.UUID | None
    product_code: str | None
    peripheral: str
    description: str
    channel: Channel
    origin: Origin | None
    priority: int


def save_incident(session: Session, technician: Technician, request: IncidentRequest) -> CreatedIncident:
    """Create the incident (number at once, R-10) and end the call log attached to it, in one
    transaction: a refusal leaves nothing written."""
    actor = technician.actor(session)
    created = create_incident(
        session,
        actor,
        client_code=request.client_code,
        title=request.title,
        caller_name=request.caller_name,
        contact_id=request.contact_id,
        product_code=request.product_code,
        peripheral=request.peripheral,
        description=request.description,
        channel=request.channel,
        origin=request.origin,
        priority=request.priority,
    )
    # The technician on duty owns the incident: the one taking the call if on the line, else the
    # primary on duty (docs/decisions.md, rota).
    give_to_on_duty_owner(session, created.id, technician.login, datetime.now(UTC))
    if open_call(session, actor) is not None:
        # A call longer than the service accepts must not cost the technician the incident.
        with suppress(IncidentError):
            stop_call(session, actor, incident_id=created.id)
    session.commit()
    return created
