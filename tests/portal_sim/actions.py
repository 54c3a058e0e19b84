"""What clients do on the portal, with sensible defaults for whatever the caller leaves out. Shared by the
in-process handle and the admin endpoints."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from tests.portal_sim.store import PortalStore
from tests.portal_sim.values import as_date, as_datetime, as_uuid, now_utc


def _id(fields: dict[str, Any]) -> str:
    return as_uuid(fields["id"], "id") if fields.get("id") else str(uuid.uuid4())


def _at(fields: dict[str, Any], name: str = "at") -> str:
    return as_datetime(fields[name], name) if fields.get(name) else now_utc()


def _contact_of(store: PortalStore, client_code: str | None, contact_id: str | None) -> dict[str, Any] | None:
    with store.lock:
        if contact_id is not None:
            return store.contacts.get(contact_id)
        people = sorted(
            (c for c in store.contacts.values() if client_code is None or c["client_code"] == client_code),
            key=lambda c: (not c["is_rtc"], c["client_code"], c["last_name"], c["id"]),
        )
        return people[0] if people else None


def _name(contact: dict[str, Any] | None, fallback: str) -> str:
    return f"{contact['first_name']} {contact['last_name']}".strip() if contact else fallback


def add_portal_incident(store: PortalStore, **fields: Any) -> dict[str, Any]:
    """A client declares an incident: ``client_code`` defaults to that of the first contact of the
    directory (RTC first), the contact to that client's first, the rest to plain values."""
    contact = _contact_of(store, fields.get("client_code"), fields.get("contact_id"))
    client_code = fields.get("client_code") or (contact["client_code"] if contact else None)
    if client_code is None:
        with store.lock:
            client_code = min(store.clients) if store.clients else "C00101"
    record = {
        "id": _id(fields),
        "client_code": client_code,
        "contact_id": fields.get("contact_id", contact["id"] if contact else None),
        "caller_name": fields.get("caller_name", _name(contact, "")),
        "title": fields.get("title") or "Incident déclaré sur l'espace client",
        "description": fields.get("description", ""),
        "opened_at": _at(fields, "opened_at"),
        "priority": fields.get("priority", 3),
    }
    return store.add_portal_incident(record)


def add_comment(
    store: PortalStore, incident_id: str, text: str = "Nous avons toujours le problème.", **fields: Any
) -> dict[str, Any]:
    incident = store.incident(as_uuid(incident_id, "incident_id"))
    if incident is None:
        raise KeyError(incident_id)
    author = fields.get("author") or incident["caller_name"] or "Mairie"
    return store.add_comment(
        {"id": _id(fields), "incident_id": incident["id"], "author": author, "at": _at(fields), "text": text}
    )


def add_consent(
    store: PortalStore, incident_id: str, telemaintenance_reference: str, decision: str = "accepted", **fields: Any
) -> dict[str, Any]:
    """R-18 step 2 given (or refused) on the portal, by default by the incident's contact or the client's RTC."""
    incident = store.incident(as_uuid(incident_id, "incident_id"))
    if incident is None:
        raise KeyError(incident_id)
    contact = _contact_of(store, incident["client_code"], fields.get("contact_id") or incident["contact_id"])
    contact_id = fields.get("contact_id") or (contact["id"] if contact else str(uuid.uuid4()))
    text = fields.get("text") or (
        "J'autorise l'intervention." if decision == "accepted" else "Je refuse l'intervention sur nos données."
    )
    return store.add_consent(
        {
            "id": _id(fields),
            "incident_id": incident["id"],
            "telemaintenance_reference": telemaintenance_reference,
            "contact_id": as_uuid(contact_id, "contact_id"),
            "given_by": fields.get("given_by") or _name(contact, "RTC"),
            "at": _at(fields),
            "decision": decision,
            "text": text,
        }
    )


def add_restoration_request(store: PortalStore, client_code: str | None = None, **fields: Any) -> dict[str, Any]:
    """R-25: a written restoration request, by default from the client's first RTC."""
    contact = _contact_of(store, client_code, fields.get("contact_id"))
    code = client_code or (contact["client_code"] if contact else "C00101")
    contact_id = fields.get("contact_id") or (contact["id"] if contact else str(uuid.uuid4()))
    backup = fields.get("backup_date") or (date.today() - timedelta(days=1)).isoformat()
    return store.add_restoration_request(
        {
            "id": _id(fields),
            "client_code": code,
            "contact_id": as_uuid(contact_id, "contact_id"),
            "requested_by": fields.get("requested_by") or _name(contact, "RTC"),
            "at": _at(fields),
            "backup_date": as_date(backup, "backup_date"),
            "text": fields.get("text") or "Merci de restaurer la dernière sauvegarde reçue.",
        }
    )


def edit_incident(store: PortalStore, incident_id: str, **changes: Any) -> dict[str, Any]:
    """A client edits an incident on the portal (usually its title or description)."""
    return store.edit_incident(as_uuid(incident_id, "incident_id"), changes)


def add_client(
    store: PortalStore,
    code: str,
    name: str,
    *,
    kind: str = "commune",
    city: str = "",
    hotline_id: str | None = None,
    **fields: Any,
) -> dict[str, Any]:
    return store.add_client(
        {
            "id": _id(fields),
            "code": code,
            "hotline_id": hotline_id or f"HL{code}",
            "name": name,
            "kind": kind,
            "city": city,
        }
    )


def add_contact(
    store: PortalStore,
    client_code: str,
    last_name: str,
    *,
    first_name: str = "",
    email: str | None = None,
    is_rtc: bool = False,
    trainings: list[dict[str, str]] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """A contact made or changed (same ``id``) on the portal's directory."""
    return store.add_contact(
        {
            "id": _id(fields),
            "client_code": client_code,
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "is_rtc": is_rtc,
            "trainings": list(trainings or []),
        }
    )


def add_rtc_notice(
    store: PortalStore,
    client_code: str,
    contact_id: str,
    *,
    channel: str = "letter",
    text: str = "Changement de responsable technique.",
    **fields: Any,
) -> dict[str, Any]:
    received = fields.get("received_on") or date.today().isoformat()
    return store.add_rtc_notice(
        {
            "id": _id(fields),
            "client_code": client_code,
            "contact_id": as_uuid(contact_id, "contact_id"),
            "received_on": as_date(received, "received_on"),
            "channel": channel,
            "text": text,
        }
    )


def add_malformed(
    store: PortalStore, kind: str = "missing_field", feed: str = "changes", **fields: Any
) -> dict[str, Any]:
    return store.add_malformed(kind, feed=feed, record_id=_id(fields))


ACTIONS = {
    "incidents": add_portal_incident,
    "comments": add_comment,
    "consents": add_consent,
    "restoration_requests": add_restoration_request,
    "clients": add_client,
    "contacts": add_contact,
    "rtc_notices": add_rtc_notice,
    "malformed": add_malformed,
}
