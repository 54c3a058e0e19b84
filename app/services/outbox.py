"""The outbox: what the portal must see, written in the same transaction as the change that caused it.

Services call these functions inside their own transaction; the sync engine reads the rows later, in
order per incident. An incident upsert carries no snapshot: the engine sends the incident as it is when
pushed, so several changes in a row collapse into one push (a pending upsert not yet tried absorbs the
next ones). Public events (status changes with their answer) keep their own content and key.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.db.models import OutboxOperation
from app.domain.audit_chain import canonical_payload

UPSERT, EVENT, DOCUMENT = "incident_upsert", "event", "document"
PENDING, DONE, DEAD = "pending", "done", "dead"

_OUTBOX = OutboxOperation.__table__
_INSERT = insert(_OUTBOX)
# An upsert the engine has not claimed yet (claiming dates it, committed before the push reads the
# incident), so a change made while a push is under way gets an upsert of its own.
_PENDING_UPSERT = (
    select(_OUTBOX.c.id)
    .where(_OUTBOX.c.state == PENDING, _OUTBOX.c.kind == UPSERT, _OUTBOX.c.next_attempt_at.is_(None))
    .limit(1)
)


def _add(session: Session, kind: str, incident_id: uuid.UUID | None, payload: dict[str, Any]) -> None:
    session.connection().execute(
        _INSERT,
        {
            "op_id": uuid.uuid4(),
            "incident_id": incident_id,
            "kind": kind,
            "payload": canonical_payload(payload),
            "state": PENDING,
            "attempts": 0,
            "next_attempt_at": None,
            "last_error": None,
            "created_at": datetime.now(UTC),
            "done_at": None,
        },
    )


def incident_created(session: Session, incident_id: uuid.UUID) -> None:
    """A brand-new incident: nothing can be pending for it yet, so no lookup before the insert."""
    _add(session, UPSERT, incident_id, {"incident_id": str(incident_id)})


def incident_changed(session: Session, incident_id: uuid.UUID) -> None:
    """The incident's portal-visible fields changed: push it (once, however many changes pile up)."""
    pending = session.connection().execute(_PENDING_UPSERT.where(_OUTBOX.c.incident_id == incident_id)).first()
    if pending is None:
        _add(session, UPSERT, incident_id, {"incident_id": str(incident_id)})


def public_event(
    session: Session,
    incident_id: uuid.UUID,
    *,
    kind: str,
    at: datetime,
    author: str,
    text: str = "",
    status: str | None = None,
) -> None:
    """A public event the client sees on the portal: ``status_changed`` (with ``status``), ``answer``."""
    incident_changed(session, incident_id)
    body: dict[str, Any] = {"kind": kind, "at": at.astimezone(UTC).isoformat(), "author": author, "text": text}
    if status is not None:
        body["status"] = status
    _add(session, EVENT, incident_id, body)


def document_issued(session: Session, document_id: uuid.UUID, incident_id: uuid.UUID | None) -> None:
    """A document for the client (intervention or progress report): upload it, by digest."""
    if incident_id is not None:
        incident_changed(session, incident_id)
    _add(session, DOCUMENT, incident_id, {"document_id": str(document_id)})


__all__ = [
    "DEAD",
    "DOCUMENT",
    "DONE",
    "EVENT",
    "PENDING",
    "UPSERT",
    "document_issued",
    "incident_changed",
    "public_event",
]
