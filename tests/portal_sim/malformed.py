"""Records the hotline cannot apply, appended to a feed on demand or by fault injection. They carry ids of
their own, so they never hide or change a real record: a hotline that quarantines them ends with exactly
the data it would have had without them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.portal_sim.store import PortalStore

MALFORMED_KINDS = ("missing_field", "unknown_client", "bad_date")
UNKNOWN_CLIENT = "X99999"
_OPENED = "2026-01-05T08:30:00+00:00"


def malformed_record(kind: str, feed: str, record_id: str, store: PortalStore) -> tuple[str, dict[str, Any]]:
    """(type, data) of a malformed record of ``kind`` for ``feed``:

    - incident feed: ``missing_field`` an incident without its title; ``unknown_client`` an incident of a
      client code no directory has; ``bad_date`` a client comment dated ``31/02/2026 25:61`` on a real
      incident (or an unknown one when the portal has none);
    - directory feed: ``missing_field`` a client without its name; ``unknown_client`` a contact of a
      client code no directory has; ``bad_date`` an RTC notice received on ``2026-02-30``.
    """
    if kind not in MALFORMED_KINDS:
        raise ValueError(f"unknown malformed record kind {kind!r} (choose from {', '.join(MALFORMED_KINDS)})")
    if feed == "changes":
        return _incident_feed(kind, record_id, store)
    if feed == "directory":
        return _directory_feed(kind, record_id, store)
    raise ValueError(f"unknown feed {feed!r}")


def _incident(record_id: str, client_code: str) -> dict[str, Any]:
    return {
        "id": record_id,
        "number": None,
        "client_code": client_code,
        "contact_id": None,
        "caller_name": "Accueil mairie",
        "title": "Impossible d'éditer les bulletins",
        "description": "Message d'erreur à l'impression des bulletins du mois.",
        "channel": "portal",
        "status": "new",
        "origin": None,
        "priority": 3,
        "opened_at": _OPENED,
        "resolved_at": None,
        "closed_at": None,
        "workaround": None,
        "resolution": None,
        "out_of_contract": False,
        "version": 1,
        "updated_by": "portal",
    }


def _a_client_code(store: PortalStore) -> str:
    return min(store.clients) if store.clients else "C00101"


def _incident_feed(kind: str, record_id: str, store: PortalStore) -> tuple[str, dict[str, Any]]:
    if kind == "missing_field":
        data = _incident(record_id, _a_client_code(store))
        del data["title"]
        return "incident", data
    if kind == "unknown_client":
        return "incident", _incident(record_id, UNKNOWN_CLIENT)
    incident_id = min(store.incidents) if store.incidents else "00000000-0000-4000-8000-000000000000"
    return "event", {
        "id": record_id,
        "incident_id": incident_id,
        "kind": "comment",
        "author": "Secrétariat de mairie",
        "at": "31/02/2026 25:61",
        "text": "Le problème est revenu ce matin.",
    }


def _directory_feed(kind: str, record_id: str, store: PortalStore) -> tuple[str, dict[str, Any]]:
    if kind == "missing_field":
        return "client", {
            "code": "C99" + record_id[:3].upper(),
            "hotline_id": "HL" + record_id[:6],
            "kind": "commune",
            "city": "Nancy",
        }
    if kind == "unknown_client":
        return "contact", {
            "id": record_id,
            "client_code": UNKNOWN_CLIENT,
            "first_name": "Inès",
            "last_name": "Marchal",
            "email": None,
            "is_rtc": True,
            "trainings": [],
        }
    contact_id = min(store.contacts) if store.contacts else record_id
    return "rtc_notice", {
        "id": record_id,
        "client_code": _a_client_code(store),
        "contact_id": contact_id,
        "received_on": "2026-02-30",
        "channel": "letter",
        "text": "Changement de responsable technique.",
    }
