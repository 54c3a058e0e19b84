"""Checks and normal forms for the values the portal API carries (what the OpenAPI file says of them)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from app.domain.vocabulary import Channel, DocumentKind, IncidentStatus, Origin
from tests.portal_sim.problems import invalid

CHANNELS = frozenset(m.value for m in Channel)
STATUSES = frozenset(m.value for m in IncidentStatus)
ORIGINS = frozenset(m.value for m in Origin)
DOCUMENT_KINDS = frozenset(m.value for m in DocumentKind)
EVENT_KINDS = frozenset({"status_changed", "answer", "comment"})

NUMBER_MAX = 14

# Every field of an incident but the two the portal sets, with the default a create gives it.
INCIDENT_DEFAULTS: dict[str, Any] = {
    "number": None,
    "contact_id": None,
    "caller_name": "",
    "description": "",
    "origin": None,
    "priority": 3,
    "resolved_at": None,
    "closed_at": None,
    "workaround": None,
    "resolution": None,
    "out_of_contract": False,
}
INCIDENT_REQUIRED = ("client_code", "title", "channel", "status", "opened_at")
INCIDENT_FIELDS = ("id", *INCIDENT_REQUIRED, *INCIDENT_DEFAULTS)
INCIDENT_ORDER = (
    "id",
    "number",
    "client_code",
    "contact_id",
    "caller_name",
    "title",
    "description",
    "channel",
    "status",
    "origin",
    "priority",
    "opened_at",
    "resolved_at",
    "closed_at",
    "workaround",
    "resolution",
    "out_of_contract",
    "version",
    "updated_by",
)
EVENT_FIELDS = ("id", "kind", "at", "author", "text", "status")


def ordered_incident(incident: dict[str, Any]) -> dict[str, Any]:
    """The incident's members in the order of the OpenAPI schema (easier to read in a feed)."""
    return {name: incident[name] for name in INCIDENT_ORDER if name in incident}


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def as_uuid(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise invalid(f"{what} must be a UUID string.")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise invalid(f"{what} is not a UUID: {value!r}.") from None


def as_datetime(value: Any, what: str) -> str:
    """An ISO 8601 date-time with an offset, answered in UTC."""
    if not isinstance(value, str):
        raise invalid(f"{what} must be an ISO 8601 date-time string.")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise invalid(f"{what} is not an ISO 8601 date-time: {value!r}.") from None
    if parsed.tzinfo is None:
        raise invalid(f"{what} needs an offset: {value!r}.")
    return parsed.astimezone(UTC).isoformat()


def as_date(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise invalid(f"{what} must be an ISO 8601 date string.")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise invalid(f"{what} is not an ISO 8601 date: {value!r}.") from None


def as_text(value: Any, what: str, *, required: bool = False, nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise invalid(f"{what} must be a string.")
    if required and not value.strip():
        raise invalid(f"{what} must not be empty.")
    return value


def as_choice(value: Any, choices: frozenset[str], what: str, *, nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or value not in choices:
        raise invalid(f"{what} must be one of {', '.join(sorted(choices))}: {value!r}.")
    return value


def incident_fields(body: Any, path_id: str) -> dict[str, Any]:
    """The fields an IncidentInput body sets, checked and in normal form (unknown members refused)."""
    if not isinstance(body, dict):
        raise invalid("The body must be a JSON object.")
    unknown = sorted(set(body) - set(INCIDENT_FIELDS))
    if unknown:
        raise invalid(f"Unknown incident fields: {', '.join(unknown)}.")
    missing = [name for name in INCIDENT_REQUIRED if name not in body]
    if missing:
        raise invalid(f"Missing incident fields: {', '.join(missing)}.")
    if "id" in body and as_uuid(body["id"], "id") != path_id:
        raise invalid("The body's id is not the one in the path.")
    out: dict[str, Any] = {}
    for name, value in body.items():
        if name == "id":
            continue
        out[name] = _incident_field(name, value)
    return out


def _incident_field(name: str, value: Any) -> Any:
    match name:
        case "number":
            text = as_text(value, name, nullable=True)
            if text is not None and not 1 <= len(text) <= NUMBER_MAX:
                raise invalid(f"number must have 1 to {NUMBER_MAX} characters.")
            return text
        case "client_code" | "title":
            return as_text(value, name, required=True)
        case "caller_name" | "description":
            return as_text(value, name)
        case "workaround" | "resolution":
            return as_text(value, name, nullable=True)
        case "contact_id":
            return None if value is None else as_uuid(value, name)
        case "channel":
            return as_choice(value, CHANNELS, name)
        case "status":
            return as_choice(value, STATUSES, name)
        case "origin":
            return as_choice(value, ORIGINS, name, nullable=True)
        case "priority":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                raise invalid("priority must be an integer from 1 to 5.")
            return value
        case "opened_at":
            return as_datetime(value, name)
        case "resolved_at" | "closed_at":
            return None if value is None else as_datetime(value, name)
        case "out_of_contract":
            if not isinstance(value, bool):
                raise invalid("out_of_contract must be a boolean.")
            return value
    raise AssertionError(name)


def event_fields(body: Any) -> dict[str, Any]:
    """An EventInput body, checked and in normal form."""
    if not isinstance(body, dict):
        raise invalid("The body must be a JSON object.")
    unknown = sorted(set(body) - set(EVENT_FIELDS))
    if unknown:
        raise invalid(f"Unknown event fields: {', '.join(unknown)}.")
    missing = [name for name in ("kind", "at", "author", "text") if name not in body]
    if missing:
        raise invalid(f"Missing event fields: {', '.join(missing)}.")
    out: dict[str, Any] = {
        "kind": as_choice(body["kind"], EVENT_KINDS, "kind"),
        "at": as_datetime(body["at"], "at"),
        "author": as_text(body["author"], "author", required=True),
        "text": as_text(body["text"], "text"),
        "status": as_choice(body["status"], STATUSES, "status") if "status" in body else None,
    }
    if out["kind"] == "status_changed" and out["status"] is None:
        raise invalid("A status_changed event needs its status.")
    if "id" in body:
        out["id"] = as_uuid(body["id"], "id")
    return out


def parse_etag(value: str) -> int:
    """``"7"`` (or ``W/"7"``, or a bare 7) → 7."""
    text = value.strip()
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip('"')
    if not text.isdigit():
        raise invalid(f'If-Match must be a version entity tag such as "7": {value!r}.')
    return int(text)
