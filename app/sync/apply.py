"""Applying what the portal sends, idempotently, under the ownership rules of ``docs/sync.md``.

Each function takes one change record, checks it, and changes the database in the caller's transaction,
or raises :class:`ApplyError` with a French reason (the engine then quarantines the record). Applying
the same record twice changes nothing the second time: incidents by version, everything else by the
record's UUID.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import (
    AppliedPortalRecord,
    Client,
    Contact,
    Incident,
    IncidentSyncLink,
    Product,
    SyncConflict,
    Training,
)
from app.domain.telemaintenance import ConsentVia, ConsentWarning, TelemaintenanceError
from app.domain.vocabulary import Channel, ClientKind, EventKind, NoticeChannel
from app.services import incidents as incident_service
from app.services.incident_search import index_incidents
from app.services.incidents import Actor

PORTAL_AUTHOR = "Espace client"
SHARED_FIELDS = ("title", "description")  # both sides may edit them (docs/sync.md)


class ApplyError(ValueError):
    """A record that cannot be applied now; the message says why, for the quarantine list."""


@dataclass(frozen=True)
class Applied:
    """What applying one record did: ``created`` a local row, ``changed`` one, found a ``conflict``."""

    created: bool = False
    changed: bool = False
    conflict: bool = False
    skipped: bool = False


SKIPPED = Applied(skipped=True)


def portal_actor(station: str) -> Actor:
    return Actor(technician_id=None, name=PORTAL_AUTHOR, station=station)


# --- reading fields -------------------------------------------------------------------------------------


def _field(data: dict[str, Any], name: str) -> Any:
    if name not in data:
        raise ApplyError(f"champ « {name} » absent")
    return data[name]


def _text(data: dict[str, Any], name: str, *, required: bool = True, limit: int | None = None) -> str:
    value = data.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ApplyError(f"champ « {name} » absent ou vide")
    if limit is not None and len(value) > limit:
        raise ApplyError(f"champ « {name} » trop long ({len(value)} caractères, {limit} au plus)")
    return value


def _uuid(data: dict[str, Any], name: str, *, required: bool = True) -> uuid.UUID | None:
    value = data.get(name)
    if value is None and not required:
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise ApplyError(f"champ « {name} » : identifiant invalide « {value} »") from exc


def _instant(data: dict[str, Any], name: str, *, required: bool = True) -> datetime | None:
    value = data.get(name)
    if value is None and not required:
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise ApplyError(f"champ « {name} » : date invalide « {value} »") from exc
    if parsed.tzinfo is None:
        raise ApplyError(f"champ « {name} » : date sans fuseau horaire « {value} »")
    return parsed.astimezone(UTC)


def _day(data: dict[str, Any], name: str) -> date:
    value = data.get(name)
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ApplyError(f"champ « {name} » : date invalide « {value} »") from exc


def _int(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApplyError(f"champ « {name} » : nombre entier attendu")
    return value


def _client(session: Session, code: str) -> Client:
    client = session.execute(select(Client).where(Client.code == code.strip().upper())).scalar_one_or_none()
    if client is None:
        raise ApplyError(f"client inconnu « {code} » (il arrivera avec l'annuaire du portail)")
    return client


def _already(session: Session, record_id: uuid.UUID) -> bool:
    return session.get(AppliedPortalRecord, record_id) is not None


def _remember(session: Session, record_id: uuid.UUID, record_type: str) -> None:
    session.add(AppliedPortalRecord(record_id=record_id, record_type=record_type, applied_at=datetime.now(UTC)))


def _note(session: Session, incident: Incident, actor: Actor, text: str, at: datetime | None = None) -> None:
    incident_service.append_history(session, incident, actor, EventKind.NOTE, at=at or datetime.now(UTC), text=text)
    incident.updated_at = datetime.now(UTC)


# --- incidents ------------------------------------------------------------------------------------------


def content_digest(fields: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _link(session: Session, incident_id: uuid.UUID) -> IncidentSyncLink:
    link = session.get(IncidentSyncLink, incident_id)
    if link is None:
        link = IncidentSyncLink(incident_id=incident_id)
        session.add(link)
    return link


def apply_incident(session: Session, data: dict[str, Any], station: str) -> Applied:
    """An incident as the portal has it: a new portal declaration, a client's edit, or our own echo."""
    incident_id = _uuid(data, "id")
    assert incident_id is not None
    version = _int(data, "version")
    title = _text(data, "title", limit=incident_service.MAX_TITLE)
    description = _text(data, "description", required=False)
    updated_by = data.get("updated_by")
    incident = session.get(Incident, incident_id)
    link = session.get(IncidentSyncLink, incident_id)
    if incident is not None and link is not None and link.portal_version is not None and version <= link.portal_version:
        return SKIPPED  # a duplicate or an older delivery
    if incident is None:
        if updated_by == "hotline":
            raise ApplyError("incident poussé par la hotline mais absent de cette base")
        return _create_from_portal(session, data, incident_id, version, title, description, station)
    link = _link(session, incident_id)
    if updated_by == "hotline":
        # Our own push coming back: the portal now holds what we sent at this version.
        link.portal_version = version
        link.base_title, link.base_description = title, description
        return SKIPPED
    return _merge(session, incident, link, version, {"title": title, "description": description}, station)


def _create_from_portal(
    session: Session,
    data: dict[str, Any],
    incident_id: uuid.UUID,
    version: int,
    title: str,
    description: str,
    station: str,
) -> Applied:
    client = _client(session, _text(data, "client_code"))
    contact_id = _uuid(data, "contact_id", required=False)
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.client_id != client.id:
            contact_id = None  # the caller's name is kept; the directory will bring the contact
    opened_at = _instant(data, "opened_at")
    channel = data.get("channel", Channel.PORTAL.value)
    try:
        channel_value = Channel(channel)
    except ValueError as exc:
        raise ApplyError(f"canal inconnu « {channel} »") from exc
    priority = data.get("priority", 3)
    if priority not in (1, 2, 3, 4):
        priority = 3
    created = incident_service.create_incident(
        session,
        portal_actor(station),
        client_code=client.code,
        title=title,
        caller_name=_text(data, "caller_name", required=False),
        contact_id=contact_id,
        description=description,
        channel=channel_value,
        priority=priority,
        opened_at=opened_at,
        incident_id=incident_id,
    )
    link = _link(session, created.id)
    link.portal_version = version
    link.base_title, link.base_description = title, description
    return Applied(created=True, changed=True)


def _merge(
    session: Session, incident: Incident, link: IncidentSyncLink, version: int, remote: dict[str, str], station: str
) -> Applied:
    """The client's edit of the shared fields: taken when only the portal changed, a conflict when both did."""
    actor = portal_actor(station)
    changed = conflict = False
    base = {"title": link.base_title, "description": link.base_description}
    for field in SHARED_FIELDS:
        local, theirs, agreed = getattr(incident, field) or "", remote[field], base[field]
        if theirs == local:
            continue
        portal_changed = agreed is None or theirs != agreed
        hotline_changed = agreed is not None and local != agreed
        if not portal_changed:
            continue  # the portal still has the old value; our pending push will bring it ours
        if hotline_changed:
            conflict = True
            session.add(
                SyncConflict(
                    incident_id=incident.id,
                    field=field,
                    hotline_value=local,
                    portal_value=theirs,
                    portal_version=version,
                    detected_at=datetime.now(UTC),
                )
            )
            label = "titre" if field == "title" else "description"
            _note(
                session,
                incident,
                actor,
                f"Conflit avec l'espace client sur le {label} : la valeur de la hotline est conservée ; "
                f"valeur saisie par le client : « {theirs} ».",
            )
            continue
        incident_service.append_history(
            session, incident, actor, EventKind.FIELD_CHANGED, field=field, old_value=local, new_value=theirs
        )
        setattr(incident, field, theirs)
        changed = True
    link.portal_version = version
    if not conflict:
        link.base_title, link.base_description = incident.title, incident.description
    if changed:
        incident.updated_at = datetime.now(UTC)
        session.flush()
        index_incidents(session, [incident.id])
    return Applied(changed=changed, conflict=conflict)


# --- other incident-feed records ------------------------------------------------------------------------


def apply_comment(session: Session, data: dict[str, Any], station: str) -> Applied:
    """A client's comment on the portal: a line in the incident's history."""
    record_id = _uuid(data, "id")
    assert record_id is not None
    if _already(session, record_id):
        return SKIPPED
    incident_id = _uuid(data, "incident_id")
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise ApplyError(f"incident inconnu {incident_id} (il arrivera avec une prochaine page)")
    author = _text(data, "author", required=False) or "le client"
    text = _text(data, "text")
    _note(
        session,
        incident,
        portal_actor(station),
        f"Commentaire de {author} sur l'espace client : {text}",
        _instant(data, "at"),
    )
    _remember(session, record_id, "event")
    session.flush()
    index_incidents(session, [incident.id])
    return Applied(changed=True)


def apply_consent(session: Session, data: dict[str, Any], station: str) -> Applied:
    """R-18 step 2 given (or refused) on the portal, for the télémaintenance it names."""
    from app.services import telemaintenance

    record_id = _uuid(data, "id")
    assert record_id is not None
    if _already(session, record_id):
        return SKIPPED
    reference = _text(data, "telemaintenance_reference")
    decision = _text(data, "decision")
    who = _text(data, "given_by", required=False) or str(_uuid(data, "contact_id"))
    at = _instant(data, "at")
    actor = portal_actor(station)
    try:
        if decision == "accepted":
            telemaintenance.consent(
                session,
                actor,
                reference,
                by=who,
                via=ConsentVia.PORTAL,
                evidence_reference=f"acceptation sur l'espace client (enregistrement {record_id})",
                at=at,
            )
        elif decision == "refused":
            reason = _text(data, "text", required=False) or "refus exprimé sur l'espace client"
            telemaintenance.refuse(session, actor, reference, by=who, reason=reason, at=at)
        else:
            raise ApplyError(f"décision inconnue « {decision} »")
    except ConsentWarning as exc:
        raise ApplyError(f"accord reçu de l'espace client à confirmer par un technicien : {exc}") from exc
    except TelemaintenanceError as exc:
        raise ApplyError(f"accord reçu de l'espace client pour {reference} : {exc}") from exc
    _remember(session, record_id, "consent")
    return Applied(changed=True)


def apply_restoration_request(session: Session, data: dict[str, Any], station: str) -> Applied:
    """R-25: a written restoration request, recorded as an incident of the client (channel: portal)."""
    record_id = _uuid(data, "id")
    assert record_id is not None
    if _already(session, record_id):
        return SKIPPED
    client = _client(session, _text(data, "client_code"))
    contact_id = _uuid(data, "contact_id", required=False)
    contact = session.get(Contact, contact_id) if contact_id else None
    if contact is not None and contact.client_id != client.id:
        contact = None
    requested_by = _text(data, "requested_by", required=False) or (contact.full_name if contact else "")
    backup_day = _day(data, "backup_date")
    created = incident_service.create_incident(
        session,
        portal_actor(station),
        client_code=client.code,
        title=f"Demande écrite de restauration de la sauvegarde du {backup_day:%d/%m/%Y}",
        caller_name=requested_by,
        contact_id=contact.id if contact else None,
        description=_text(data, "text", required=False),
        channel=Channel.PORTAL,
        opened_at=_instant(data, "at"),
    )
    incident = session.get(Incident, created.id)
    assert incident is not None
    if contact is None or not contact.is_rtc:
        _note(
            session,
            incident,
            portal_actor(station),
            f"Demande faite par {requested_by or 'une personne inconnue'}, qui n'est pas responsable technique "
            "(RTC) du client : une restauration ne peut être demandée que par un RTC (R-25).",
        )
    _remember(session, record_id, "restoration_request")
    return Applied(created=True, changed=True)


# --- directory ------------------------------------------------------------------------------------------


def apply_client(session: Session, data: dict[str, Any]) -> Applied:
    code = _text(data, "code", limit=16).strip().upper()
    name = _text(data, "name", limit=200)
    kind_value = data.get("kind", ClientKind.OTHER.value)
    try:
        kind = ClientKind(kind_value)
    except ValueError as exc:
        raise ApplyError(f"type de client inconnu « {kind_value} »") from exc
    client = session.execute(select(Client).where(Client.code == code)).scalar_one_or_none()
    city = _text(data, "city", required=False)
    if client is None:
        hotline_id = _text(data, "hotline_id", limit=16).strip().upper()
        session.add(Client(code=code, hotline_id=hotline_id, name=name, kind=kind, city=city))
        session.flush()
        return Applied(created=True, changed=True)
    if (client.name, client.kind, client.city) == (name, kind, city or client.city):
        return SKIPPED
    client.name, client.kind = name, kind
    if city:
        client.city = city
    return Applied(changed=True)


def apply_contact(session: Session, data: dict[str, Any]) -> Applied:
    contact_id = _uuid(data, "id")
    client = _client(session, _text(data, "client_code"))
    last_name = _text(data, "last_name", limit=100)
    first_name = _text(data, "first_name", required=False, limit=100)
    is_rtc = data.get("is_rtc")
    if not isinstance(is_rtc, bool):
        raise ApplyError("champ « is_rtc » : vrai ou faux attendu")
    trainings = data.get("trainings") or []
    if not isinstance(trainings, list):
        raise ApplyError("champ « trainings » : liste attendue")
    contact = session.get(Contact, contact_id)
    created = contact is None
    if contact is None:
        contact = Contact(id=contact_id, client_id=client.id, last_name=last_name, first_name=first_name)
        session.add(contact)
    elif contact.client_id != client.id:
        raise ApplyError(f"contact {contact_id} rattaché à un autre client")
    contact.last_name, contact.first_name = last_name, first_name
    contact.email = data.get("email") or contact.email
    contact.is_rtc = is_rtc
    session.flush()
    for item in trainings:
        if not isinstance(item, dict):
            raise ApplyError("formation illisible")
        product = session.execute(
            select(Product).where(Product.code == str(item.get("product_code", "")).upper())
        ).scalar_one_or_none()
        if product is None:
            raise ApplyError(f"logiciel inconnu « {item.get('product_code')} » dans une formation")
        trained_on = _day(item, "trained_on")
        exists = session.execute(
            select(Training.id).where(
                Training.contact_id == contact.id, Training.product_id == product.id, Training.trained_on == trained_on
            )
        ).first()
        if exists is None:
            session.add(Training(contact_id=contact.id, product_id=product.id, trained_on=trained_on))
    return Applied(created=created, changed=True)


def apply_rtc_notice(session: Session, data: dict[str, Any]) -> Applied:
    """R-02: the written notice of an RTC change, dated, on the contact it names."""
    record_id = _uuid(data, "id")
    assert record_id is not None
    if _already(session, record_id):
        return SKIPPED
    contact = session.get(Contact, _uuid(data, "contact_id"))
    if contact is None:
        raise ApplyError("contact inconnu pour un avis de changement de RTC")
    channel_value = data.get("channel", NoticeChannel.PORTAL.value)
    try:
        channel = NoticeChannel(channel_value)
    except ValueError as exc:
        raise ApplyError(f"canal d'avis inconnu « {channel_value} »") from exc
    contact.rtc_notice_received_on = _day(data, "received_on")
    contact.rtc_notice_channel = channel
    _remember(session, record_id, "rtc_notice")
    return Applied(changed=True)


INCIDENT_FEED = {
    "incident": apply_incident,
    "event": apply_comment,
    "consent": apply_consent,
    "restoration_request": apply_restoration_request,
}
DIRECTORY_FEED = {"client": apply_client, "contact": apply_contact, "rtc_notice": apply_rtc_notice}


def apply_record(session: Session, feed: str, record: Any, station: str) -> Applied:
    """Dispatch one change record of ``feed`` ("incidents" or "directory")."""
    if not isinstance(record, dict):
        raise ApplyError("enregistrement illisible")
    kind = record.get("type")
    data = record.get("data")
    if not isinstance(data, dict):
        raise ApplyError(f"enregistrement « {kind} » sans données")
    if feed == "incidents":
        handler = INCIDENT_FEED.get(str(kind))
        if handler is None:
            raise ApplyError(f"type d'enregistrement inconnu « {kind} »")
        return handler(session, data, station)
    directory = DIRECTORY_FEED.get(str(kind))
    if directory is None:
        raise ApplyError(f"type d'enregistrement inconnu « {kind} »")
    return directory(session, data)


def record_key(record: Any) -> str:
    """``type:id`` of a record, for the quarantine; something stable even for a malformed one."""
    if isinstance(record, dict):
        data = record.get("data") if isinstance(record.get("data"), dict) else {}
        ident = record.get("id") or data.get("id") or data.get("code") or record.get("seq")
        return f"{record.get('type')}:{ident}"[:80]
    return f"illisible:{content_digest({'r': repr(record)})[:16]}"
