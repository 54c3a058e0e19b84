"""The incidents screen's background operations: one lifecycle use case each, in its own Session and
transaction (a refusal writes nothing), returning the incident's fresh detail."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.incident_lifecycle import Action
from app.domain.vocabulary import Origin
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
