"""Incidents from the first ring to closure (R-09 … R-14): creation with a number at once, the guarded
lifecycle, notes, out-of-contract marking, waits on the client, and the append-only history.

Every function takes a Session and an :class:`Actor`, changes nothing when it refuses, and writes one
history line per change. The caller commits (one use case = one transaction).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Row, bindparam, func, insert, or_, select
from sqlalchemy.orm import Session

from app.db.models import Client, Contact, Incident, IncidentEvent, Technician
from app.domain.coverage import Coverage
from app.domain.incident_lifecycle import Action, TransitionError, next_status
from app.domain.numbering import ALPHABET, NumberError, normalize_station, parse_number
from app.domain.text import fold
from app.domain.vocabulary import Channel, EventKind, Exclusion, IncidentStatus, Origin, Role
from app.services import audit, outbox
from app.services import coverage as coverage_service
from app.services.incident_search import index_incidents, index_new_incident
from app.services.numbering import allocate_number
from app.services.products import ProductError, product_by_code

MAX_TITLE = 200
# Fields the portal shows besides the status (a change to one of them is pushed).
PORTAL_FIELDS = frozenset({"title", "description", "origin", "priority", "out_of_contract", "exclusion", "workaround"})
WAIT_REASONS = {
    "information": "Attente d'informations du client",
    "consent": "Attente de l'accord écrit du client",
    "backup": "Attente de la sauvegarde du client",
}


class IncidentError(ValueError):
    """A refused incident operation; the message is for the user (French) and says what to do."""


@dataclass(frozen=True)
class Actor:
    """Who does it and from which workstation (history lines and numbers need both)."""

    technician_id: uuid.UUID | None
    name: str
    station: str


@dataclass(frozen=True)
class CreatedIncident:
    id: uuid.UUID
    number: str
    coverage: Coverage
    contact_created: bool


def ensure_technician(session: Session, login: str, full_name: str, station: str) -> Actor:
    """The actor for this workstation's technician, creating the staff row on first use."""
    technician = session.execute(select(Technician).where(Technician.login == login)).scalar_one_or_none()
    if technician is None:
        technician = Technician(login=login, full_name=full_name or login, role=Role.TECHNICIAN)
        session.add(technician)
        session.flush()
    return Actor(technician.id, technician.full_name, normalize_station(station))


# --- finding ----------------------------------------------------------------------------------------


def _near_numbers(text: str) -> list[str]:
    """Valid numbers one substitution or one adjacent swap away from what was typed."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum()).translate(str.maketrans("OIL", "011"))
    variants: set[str] = set()
    for i in range(len(compact)):
        for symbol in ALPHABET:
            variants.add(compact[:i] + symbol + compact[i + 1 :])
        if i + 1 < len(compact):
            variants.add(compact[:i] + compact[i + 1] + compact[i] + compact[i + 2 :])
    found = set()
    for variant in variants:
        try:
            found.add(str(parse_number(variant)))
        except NumberError:
            continue
    return sorted(found)


def find_incident(session: Session, text: str) -> Incident:
    """The incident with this number, typed in any reasonable way; a mistyped number says which check
    failed and suggests the nearest existing number."""
    try:
        number = str(parse_number(text))
    except NumberError as exc:
        candidates = _near_numbers(text)
        existing = session.execute(select(Incident.number).where(Incident.number.in_(candidates))).scalars().all()
        hint = f" Vouliez-vous dire {' ou '.join(sorted(existing)[:3])} ?" if existing else ""
        raise IncidentError(f"{exc}{hint}") from exc
    incident = session.execute(select(Incident).where(Incident.number == number)).scalar_one_or_none()
    if incident is None:
        raise IncidentError(f"Aucun incident n° {number}.")
    return incident


# --- history ----------------------------------------------------------------------------------------


def _event_payload(actor: Actor, seq: int, at: datetime, kind: EventKind, values: dict[str, object]) -> dict:
    """What the audit log keeps of a history line (the same keys for every line)."""
    return {
        "seq": seq,
        "at": at.isoformat(),
        "kind": kind.value,
        "from_status": values.get("from_status"),
        "to_status": values.get("to_status"),
        "field": values.get("field"),
        "old_value": values.get("old_value"),
        "new_value": values.get("new_value"),
        "text": values.get("text") or "",
        "author": actor.name,
    }


def _append(session: Session, incident: Incident, actor: Actor, kind: EventKind, **values: object) -> IncidentEvent:
    last = session.execute(select(func.max(IncidentEvent.seq)).where(IncidentEvent.incident_id == incident.id)).scalar()
    event = IncidentEvent(
        incident_id=incident.id,
        seq=(last or 0) + 1,
        at=values.pop("at", None) or datetime.now(UTC),
        author_id=actor.technician_id,
        author_name=actor.name,
        kind=kind,
        **values,
    )
    session.add(event)
    audit.append(
        session,
        kind="incident_event",
        subject=incident.number,
        payload=_event_payload(actor, event.seq, event.at, kind, values),
        actor=actor.name,
        station=actor.station,
    )
    _tell_portal(session, incident, actor, event, kind)
    return event


def _tell_portal(session: Session, incident: Incident, actor: Actor, event: IncidentEvent, kind: EventKind) -> None:
    """Write what the client portal must see into the outbox, in this same transaction (docs/sync.md)."""
    if kind is EventKind.STATUS_CHANGED and event.to_status is not None:
        outbox.public_event(
            session,
            incident.id,
            kind="status_changed",
            at=event.at,
            author=actor.name,
            text=event.text or "",
            status=IncidentStatus(event.to_status).value,
        )
    elif kind is EventKind.FIELD_CHANGED and event.field in PORTAL_FIELDS:
        outbox.incident_changed(session, incident.id)


def append_history(
    session: Session, incident: Incident, actor: Actor, kind: EventKind, **values: object
) -> IncidentEvent:
    """One line in the incident's history (with its audit entry and what the portal must see), for the
    services that tell an incident's story besides its lifecycle: télémaintenance and on-site steps,
    portal comments and edits, settled sync conflicts. The caller commits."""
    return _append(session, incident, actor, kind, **values)


def _field(session: Session, incident: Incident, actor: Actor, field: str, old: object, new: object) -> None:
    _append(
        session,
        incident,
        actor,
        EventKind.FIELD_CHANGED,
        field=field,
        old_value=None if old is None else str(old),
        new_value=None if new is None else str(new),
    )


def _transition(
    session: Session, incident: Incident, actor: Actor, action: Action, text: str = "", at: datetime | None = None
) -> datetime:
    target = next_status(incident.status, action)
    when = at or datetime.now(UTC)
    _append(
        session,
        incident,
        actor,
        EventKind.STATUS_CHANGED,
        at=when,
        from_status=incident.status,
        to_status=target,
        field="action",
        new_value=action.value,
        text=text,
    )
    incident.status = target
    if incident.first_response_at is None and target is not IncidentStatus.NEW:
        incident.first_response_at = when
    return when


# --- creation ---------------------------------------------------------------------------------------


_INCIDENTS = Incident.__table__
_EVENTS = IncidentEvent.__table__
_CLIENTS = Client.__table__
_CONTACTS = Contact.__table__
# Built once: a save then finds each statement in SQLAlchemy's compiled cache.
_CLIENT_BY_CODE = select(_CLIENTS.c.id, _CLIENTS.c.code, _CLIENTS.c.name).where(
    or_(_CLIENTS.c.code == bindparam("wanted"), _CLIENTS.c.hotline_id == bindparam("wanted"))
)
_CONTACTS_OF_CLIENT = select(
    _CONTACTS.c.id, _CONTACTS.c.first_name, _CONTACTS.c.last_name, _CONTACTS.c.search_name
).where(_CONTACTS.c.client_id == bindparam("client"))
_CONTACT_BY_ID = select(_CONTACTS.c.id, _CONTACTS.c.client_id, _CONTACTS.c.first_name, _CONTACTS.c.last_name).where(
    _CONTACTS.c.id == bindparam("contact")
)
_INSERT_INCIDENT = insert(_INCIDENTS)
_INSERT_EVENT = insert(_EVENTS)


def _client_by_code(session: Session, code: str) -> Row:
    """The client's id, code and name (a save needs no more of it)."""
    wanted = code.strip().upper()
    client = session.connection().execute(_CLIENT_BY_CODE, {"wanted": wanted}).one_or_none()
    if client is None:
        raise IncidentError(f"Aucun client avec le code ou le n° hotline « {code} ».")
    return client


def _full_name(first: str | None, last: str) -> str:
    return f"{first} {last}".strip()


def _caller(
    session: Session, client_id: uuid.UUID, caller_name: str, contact_id: uuid.UUID | None
) -> tuple[uuid.UUID, str, bool]:
    """The caller as a contact of the client (id, full name, whether it was just created); an unknown name
    becomes a new contact (R-03)."""
    connection = session.connection()
    if contact_id is not None:
        row = connection.execute(_CONTACT_BY_ID, {"contact": contact_id}).one_or_none()
        if row is None or row.client_id != client_id:
            raise IncidentError("Cet appelant n'est pas un contact de ce client : choisissez un contact du client.")
        return row.id, _full_name(row.first_name, row.last_name), False
    name = caller_name.strip()
    if not name:
        raise IncidentError("Indiquez le nom de l'appelant.")
    wanted = fold(name)
    for row in connection.execute(_CONTACTS_OF_CLIENT, {"client": client_id}):
        if wanted in (row.search_name, fold(f"{row.last_name} {row.first_name}"), fold(row.last_name)):
            return row.id, _full_name(row.first_name, row.last_name), False
    first, _, last = name.rpartition(" ")
    contact = Contact(client_id=client_id, first_name=first, last_name=last or name, job_title="")
    session.add(contact)
    session.flush()
    return contact.id, contact.full_name, True


def create_incident(
    session: Session,
    actor: Actor,
    *,
    client_code: str,
    title: str,
    caller_name: str = "",
    contact_id: uuid.UUID | None = None,
    product_code: str | None = None,
    peripheral: str = "",
    description: str = "",
    channel: Channel = Channel.PHONE,
    origin: Origin | None = None,
    priority: int = 3,
    opened_at: datetime | None = None,
    incident_id: uuid.UUID | None = None,
) -> CreatedIncident:
    """Record an incident and give its number at once (R-10), with the coverage check of the call.

    One transaction writes the number, the incident, its first history line, its audit entry and its
    search entry. The rows are written with prepared Core statements rather than through the unit of
    work: a brand-new incident has nothing to reconcile, its first history line is line 1, and its search
    document is made from the values at hand.
    """
    title = title.strip()
    if not title:
        raise IncidentError("Le titre de l'incident est obligatoire.")
    if len(title) > MAX_TITLE:
        raise IncidentError(f"Titre trop long ({len(title)} caractères, {MAX_TITLE} au plus).")
    if priority not in (1, 2, 3, 4):
        raise IncidentError("La priorité va de 1 (bloquant) à 4 (mineur).")
    client = _client_by_code(session, client_code)
    try:
        product = product_by_code(session, product_code)
    except ProductError as exc:
        raise IncidentError(str(exc)) from exc
    product_id = product.id if product else None
    caller_id, caller, created = _caller(session, client.id, caller_name, contact_id)
    when = opened_at or datetime.now(UTC)
    coverage = coverage_service.check_coverage(
        session,
        client.id,
        contact_id=None if created else caller_id,
        product_id=product_id,
        at=when,
    )
    number = str(allocate_number(session, actor.station, when))
    # An incident declared on the portal keeps the portal's UUID (docs/sync.md).
    incident_id = incident_id or uuid.uuid4()
    peripheral = peripheral.strip()
    description = description.strip()
    connection = session.connection()
    inserted = connection.execute(
        _INSERT_INCIDENT,
        {
            "id": incident_id,
            "number": number,
            "station": actor.station,
            "client_id": client.id,
            "site_id": None,
            "contact_id": caller_id,
            "caller_name": caller,
            "product_id": product_id,
            "peripheral": peripheral,
            "title": title,
            "description": description,
            "channel": channel,
            "origin": origin,
            "status": IncidentStatus.NEW,
            "priority": priority,
            "covered": coverage.covered,
            "opened_at": when,
            "created_by_id": actor.technician_id,
            "assignee_id": actor.technician_id,
        },
    )
    summary = "; ".join(coverage.codes) if coverage.codes else "couvert"
    created_values: dict[str, object] = {"to_status": IncidentStatus.NEW, "text": summary}
    connection.execute(
        _INSERT_EVENT,
        {
            "id": uuid.uuid4(),
            "incident_id": incident_id,
            "seq": 1,
            "at": when,
            "author_id": actor.technician_id,
            "author_name": actor.name,
            "kind": EventKind.CREATED,
            "from_status": None,
            "to_status": IncidentStatus.NEW,
            "field": None,
            "old_value": None,
            "new_value": None,
            "text": summary,
        },
    )
    audit.append(
        session,
        kind="incident_event",
        subject=number,
        payload=_event_payload(actor, 1, when, EventKind.CREATED, created_values),
        actor=actor.name,
        station=actor.station,
    )
    index_new_incident(
        session,
        incident_id,
        inserted.lastrowid if connection.dialect.name == "sqlite" else None,
        number,
        [title, description, None, None, caller, client.name, client.code],
    )
    outbox.incident_created(session, incident_id)
    return CreatedIncident(incident_id, number, coverage, created)


# --- lifecycle --------------------------------------------------------------------------------------


def diagnose(session: Session, actor: Actor, number: str, origin: Origin, estimate_minutes: int) -> Incident:
    """R-08/R-11: an origin among the four and an estimate, owed even when the need is not covered."""
    if not 1 <= estimate_minutes <= 100_000:
        raise IncidentError("L'estimation est un nombre de minutes entre 1 et 100 000.")
    incident = find_incident(session, number)
    _transition(session, incident, actor, Action.DIAGNOSE, f"{origin.label} — estimation {estimate_minutes} min")
    if incident.origin != origin:
        _field(session, incident, actor, "origin", incident.origin, origin)
        incident.origin = origin
    if incident.estimate_minutes != estimate_minutes:
        _field(session, incident, actor, "estimate_minutes", incident.estimate_minutes, estimate_minutes)
        incident.estimate_minutes = estimate_minutes
    return incident


def propose_workaround(session: Session, actor: Actor, number: str, text: str) -> Incident:
    """R-12: a workaround the client must accept; the duty to solve the problem itself remains."""
    if not text.strip():
        raise IncidentError("Décrivez la solution de contournement proposée.")
    incident = find_incident(session, number)
    _transition(session, incident, actor, Action.PROPOSE_WORKAROUND, text.strip())
    incident.workaround = text.strip()
    session.flush()
    index_incidents(session, [incident.id])
    return incident


def accept_workaround(session: Session, actor: Actor, number: str, accepted_by: str = "") -> Incident:
    incident = find_incident(session, number)
    who = accepted_by.strip() or incident.caller_name or "le client"
    _transition(session, incident, actor, Action.ACCEPT_WORKAROUND, f"Accepté par {who}")
    return incident


def resolve(session: Session, actor: Actor, number: str, text: str) -> Incident:
    if not text.strip():
        raise IncidentError("Décrivez la résolution.")
    incident = find_incident(session, number)
    incident.resolved_at = _transition(session, incident, actor, Action.RESOLVE, text.strip())
    incident.resolution = text.strip()
    _stop_waiting(session, incident, actor)
    session.flush()
    index_incidents(session, [incident.id])
    return incident


def close(session: Session, actor: Actor, number: str) -> Incident:
    incident = find_incident(session, number)
    incident.closed_at = _transition(session, incident, actor, Action.CLOSE)
    return incident


def reopen(session: Session, actor: Actor, number: str, reason: str) -> Incident:
    if not reason.strip():
        raise IncidentError("Indiquez pourquoi l'incident est rouvert.")
    incident = find_incident(session, number)
    _transition(session, incident, actor, Action.REOPEN, reason.strip())
    incident.resolved_at = None
    incident.closed_at = None
    return incident


def add_note(session: Session, actor: Actor, number: str, text: str) -> Incident:
    if not text.strip():
        raise IncidentError("La note est vide.")
    incident = find_incident(session, number)
    _append(session, incident, actor, EventKind.NOTE, text=text.strip())
    incident.updated_at = datetime.now(UTC)
    session.flush()
    index_incidents(session, [incident.id])
    return incident


def mark_out_of_contract(session: Session, actor: Actor, number: str, exclusion: Exclusion | None) -> Incident:
    """R-07: record which exclusion makes the request billable (None puts it back in the contract)."""
    incident = find_incident(session, number)
    if incident.exclusion == exclusion:
        return incident
    _field(session, incident, actor, "exclusion", incident.exclusion, exclusion)
    incident.exclusion = exclusion
    incident.out_of_contract = exclusion is not None
    return incident


def set_priority(session: Session, actor: Actor, number: str, priority: int) -> Incident:
    if priority not in (1, 2, 3, 4):
        raise IncidentError("La priorité va de 1 (bloquant) à 4 (mineur).")
    incident = find_incident(session, number)
    if incident.priority != priority:
        _field(session, incident, actor, "priority", incident.priority, priority)
        incident.priority = priority
    return incident


def current_wait(session: Session, incident: Incident) -> str | None:
    """The reason the incident waits on the client now (None when it does not)."""
    last = session.execute(
        select(IncidentEvent.new_value)
        .where(IncidentEvent.incident_id == incident.id, IncidentEvent.field == "waiting")
        .order_by(IncidentEvent.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    return last or None


def set_waiting(
    session: Session, actor: Actor, number: str, reason: str | None, at: datetime | None = None
) -> Incident:
    """Pause the service-level clock while the incident waits on the client (R-17), or resume it.

    ``at`` dates the change (now by default): a télémaintenance step starts or ends a wait at its own time.
    """
    if reason is not None and reason not in WAIT_REASONS:
        raise IncidentError(f"Attente inconnue « {reason} » (choix : {', '.join(WAIT_REASONS)}).")
    incident = find_incident(session, number)
    if incident.status not in (
        IncidentStatus.NEW,
        IncidentStatus.DIAGNOSED,
        IncidentStatus.WORKAROUND_PROPOSED,
        IncidentStatus.WORKAROUND_ACCEPTED,
    ):
        raise IncidentError("Un incident résolu ou clos n'attend plus rien du client.")
    previous = current_wait(session, incident)
    if previous != reason:
        _append(
            session,
            incident,
            actor,
            EventKind.FIELD_CHANGED,
            at=at,
            field="waiting",
            old_value=previous,
            new_value=reason,
        )
    return incident


def _stop_waiting(session: Session, incident: Incident, actor: Actor) -> None:
    previous = current_wait(session, incident)
    if previous:
        _field(session, incident, actor, "waiting", previous, None)


__all__ = [
    "Actor",
    "CreatedIncident",
    "IncidentError",
    "TransitionError",
    "accept_workaround",
    "add_note",
    "append_history",
    "close",
    "create_incident",
    "diagnose",
    "ensure_technician",
    "find_incident",
    "mark_out_of_contract",
    "propose_workaround",
    "reopen",
    "resolve",
    "set_priority",
    "set_waiting",
]
