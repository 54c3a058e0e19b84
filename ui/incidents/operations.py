"""The incidents screen's background operations: one use case each (a lifecycle action, the exclusion, the
wait on the client, the priority), in its own Session and transaction (a refusal writes nothing),
returning the incident's fresh detail."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.incident_lifecycle import Action
from app.domain.vocabulary import Exclusion, Origin
from app.services import incidents as service
from app.services.incident_queries import IncidentDetail, incident_detail
from ui.intake.operations import Technician

NOTE = "note"


def apply_action(
    session: Session,
    technician: Technician,
    number: str,
    action: str,
    text: str = "",
    origin: Origin | None = None,
    estimate: int | None = None,
) -> IncidentDetail:
    """Run one lifecycle action (or add a note) on incident ``number`` and commit."""
    actor = technician.actor(session)
    if action == NOTE:
        service.add_note(session, actor, number, text)
    else:
        match Action(action):
            case Action.DIAGNOSE:
                if origin is None or estimate is None:
                    raise service.IncidentError("Le diagnostic demande une origine et une estimation.")
                service.diagnose(session, actor, number, origin, estimate)
            case Action.PROPOSE_WORKAROUND:
                service.propose_workaround(session, actor, number, text)
            case Action.ACCEPT_WORKAROUND:
                service.accept_workaround(session, actor, number)
            case Action.RESOLVE:
                service.resolve(session, actor, number, text)
            case Action.CLOSE:
                service.close(session, actor, number)
            case Action.REOPEN:
                service.reopen(session, actor, number, text)
    session.commit()
    return incident_detail(session, number)


def change_exclusion(
    session: Session, technician: Technician, number: str, exclusion: Exclusion | None
) -> IncidentDetail:
    """R-07: mark the incident out of contract with ``exclusion`` (None: back under contract) and commit."""
    service.mark_out_of_contract(session, technician.actor(session), number, exclusion)
    session.commit()
    return incident_detail(session, number)


def change_waiting(session: Session, technician: Technician, number: str, reason: str | None) -> IncidentDetail:
    """R-17: the incident waits on the client for ``reason`` (a key of ``WAIT_REASONS``; None: it no longer
    waits) and commit. Refused on a resolved or closed incident."""
    service.set_waiting(session, technician.actor(session), number, reason)
    session.commit()
    return incident_detail(session, number)


def change_priority(session: Session, technician: Technician, number: str, priority: int) -> IncidentDetail:
    """Give the incident ``priority`` (1 blocking … 4 minor) and commit."""
    service.set_priority(session, technician.actor(session), number, priority)
    session.commit()
    return incident_detail(session, number)
