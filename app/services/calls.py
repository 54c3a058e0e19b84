"""Phone calls: start and stop, per service, so that backup assistance counts against R-22's 90 minutes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import CallLog, Client, Incident
from app.domain.vocabulary import ServiceKind
from app.services.incidents import Actor, IncidentError, find_incident

MAX_CALL_HOURS = 8


@dataclass(frozen=True)
class CallView:
    id: uuid.UUID
    client_code: str
    client_name: str
    service: ServiceKind
    started_at: datetime
    ended_at: datetime | None
    incident_number: str | None

    @property
    def minutes(self) -> float | None:
        return None if self.ended_at is None else (self.ended_at - self.started_at).total_seconds() / 60


def _view(session: Session, call: CallLog) -> CallView:
    client = session.get(Client, call.client_id)
    incident = session.get(Incident, call.incident_id) if call.incident_id else None
    assert client is not None
    return CallView(
        call.id,
        client.code,
        client.name,
        call.service,
        call.started_at,
        call.ended_at,
        incident.number if incident else None,
    )


def start_call(
    session: Session,
    actor: Actor,
    client_code: str,
    service: ServiceKind = ServiceKind.ASSISTANCE,
    incident_number: str | None = None,
    at: datetime | None = None,
) -> CallView:
    """Start timing a call with a client (one open call per station at a time)."""
    wanted = client_code.strip().upper()
    client = session.execute(
        select(Client).where((Client.code == wanted) | (Client.hotline_id == wanted))
    ).scalar_one_or_none()
    if client is None:
        raise IncidentError(f"Aucun client avec le code ou le n° hotline « {client_code} ».")
    incident = find_incident(session, incident_number) if incident_number else None
    if incident is not None and incident.client_id != client.id:
        raise IncidentError(f"L'incident {incident.number} n'est pas un incident de {client.name}.")
    if open_call(session, actor) is not None:
        raise IncidentError("Un appel est déjà en cours sur ce poste : terminez-le d'abord (« hotline call stop »).")
    call = CallLog(
        client_id=client.id,
        incident_id=incident.id if incident else None,
        contact_id=incident.contact_id if incident else None,
        technician_id=actor.technician_id,
        service=service,
        station=actor.station,
        started_at=at or datetime.now(UTC),
    )
    session.add(call)
    session.flush()
    return _view(session, call)


def open_call(session: Session, actor: Actor) -> CallLog | None:
    return session.execute(
        select(CallLog)
        .where(CallLog.station == actor.station, CallLog.ended_at.is_(None))
        .order_by(CallLog.started_at.desc())
        .limit(1)
    ).scalar_one_or_none()


def stop_call(
    session: Session, actor: Actor, at: datetime | None = None, incident_id: uuid.UUID | None = None
) -> CallView:
    """Stop the call in progress on this station (and attach it to an incident made meanwhile)."""
    call = open_call(session, actor)
    if call is None:
        raise IncidentError("Aucun appel en cours sur ce poste.")
    end = at or datetime.now(UTC)
    if end < call.started_at:
        raise IncidentError("La fin de l'appel précède son début.")
    if (end - call.started_at).total_seconds() > MAX_CALL_HOURS * 3600:
        raise IncidentError(f"Appel de plus de {MAX_CALL_HOURS} h : vérifiez l'heure de fin.")
    call.ended_at = end
    if incident_id is not None and call.incident_id is None:
        call.incident_id = incident_id
    session.flush()
    return _view(session, call)
