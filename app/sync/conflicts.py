"""What the sync left for a person to look at, and the technician's choice on a conflict (docs/sync.md).

Open conflicts (a shared field both sides changed), quarantined portal records and dead-letter pushes
are read as frozen values for the status bar's « Détails » and the CLI. ``resolve_conflict`` settles a
conflict: keeping the portal's value changes the incident through its history (which queues the push),
keeping the hotline's changes nothing but queues a push so the portal gets the hotline's value back.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Incident, IncidentSyncLink, OutboxOperation, QuarantinedRecord, SyncConflict
from app.domain.vocabulary import EventKind
from app.services import audit, outbox
from app.services import incidents as incident_service
from app.services.incident_search import index_incidents
from app.services.incidents import Actor

Keep = Literal["hotline", "portal"]
KEEP_CHOICES: tuple[Keep, ...] = ("hotline", "portal")
FIELD_LABELS = {"title": "titre", "description": "description"}
RECORD_LABELS = {
    "incident": "incident",
    "event": "commentaire",
    "consent": "accord",
    "restoration_request": "demande de restauration",
    "client": "client",
    "contact": "contact",
    "rtc_notice": "avis de changement de RTC",
}


class ConflictError(ValueError):
    """A conflict that cannot be resolved as asked; the message says why, in French."""


@dataclass(frozen=True)
class ConflictView:
    """One open conflict: which incident, which field, both values."""

    id: uuid.UUID
    incident_id: uuid.UUID
    number: str
    incident_title: str
    field: str
    field_label: str
    hotline_value: str
    portal_value: str
    detected_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "incident": self.number,
            "incident_title": self.incident_title,
            "field": self.field,
            "hotline_value": self.hotline_value,
            "portal_value": self.portal_value,
            "detected_at": self.detected_at.isoformat(),
        }


@dataclass(frozen=True)
class QuarantineView:
    """A portal record that could not be applied, and why (retried after every sync)."""

    id: uuid.UUID
    feed: str
    record_key: str
    summary: str
    reason: str
    attempts: int
    first_seen: datetime
    last_tried: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "feed": self.feed,
            "record": self.record_key,
            "summary": self.summary,
            "reason": self.reason,
            "attempts": self.attempts,
            "first_seen": self.first_seen.isoformat(),
            "last_tried": self.last_tried.isoformat(),
        }


@dataclass(frozen=True)
class DeadLetterView:
    """A push that kept failing: moved aside with the portal's last answer, retried on demand."""

    id: int
    kind: str
    number: str | None
    attempts: int
    last_error: str
    created_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "incident": self.number,
            "attempts": self.attempts,
            "last_error": self.last_error,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class Resolution:
    """What ``resolve_conflict`` did."""

    conflict_id: uuid.UUID
    number: str
    field: str
    kept: Keep
    value: str


# --- reading --------------------------------------------------------------------------------------------


def open_conflicts(session: Session) -> list[ConflictView]:
    """Conflicts not resolved yet, oldest first, with the incident's number and title."""
    rows = session.execute(
        select(SyncConflict, Incident.number, Incident.title)
        .join(Incident, Incident.id == SyncConflict.incident_id)
        .where(SyncConflict.resolved_at.is_(None))
        .order_by(SyncConflict.detected_at, SyncConflict.id)
    ).all()
    return [
        ConflictView(
            id=conflict.id,
            incident_id=conflict.incident_id,
            number=number,
            incident_title=title,
            field=conflict.field,
            field_label=FIELD_LABELS.get(conflict.field, conflict.field),
            hotline_value=conflict.hotline_value,
            portal_value=conflict.portal_value,
            detected_at=conflict.detected_at,
        )
        for conflict, number, title in rows
    ]


def _summary(record_text: str) -> str:
    """A short human description of a quarantined record: its type and what identifies it."""
    try:
        record = json.loads(record_text)
    except ValueError:
        return record_text[:120]
    if not isinstance(record, dict):
        return str(record)[:120]
    data = record.get("data") if isinstance(record.get("data"), dict) else {}
    kind = RECORD_LABELS.get(str(record.get("type")), str(record.get("type", "?")))
    for key in ("title", "client_code", "text", "name", "last_name"):
        value = data.get(key)
        if isinstance(value, str) and value:
            return f"{kind} : {value[:100]}"
    return kind


def quarantined_records(session: Session) -> list[QuarantineView]:
    """Quarantined records still waiting, oldest first."""
    rows = session.execute(
        select(QuarantinedRecord)
        .where(QuarantinedRecord.resolved_at.is_(None))
        .order_by(QuarantinedRecord.first_seen, QuarantinedRecord.record_key)
    ).scalars()
    return [
        QuarantineView(
            id=row.id,
            feed=row.feed,
            record_key=row.record_key,
            summary=_summary(row.record),
            reason=row.reason,
            attempts=row.attempts,
            first_seen=row.first_seen,
            last_tried=row.last_tried,
        )
        for row in rows
    ]


def dead_letters(session: Session) -> list[DeadLetterView]:
    """Operations moved to the dead-letter list, oldest first, with their incident's number."""
    rows = session.execute(
        select(OutboxOperation, Incident.number)
        .outerjoin(Incident, Incident.id == OutboxOperation.incident_id)
        .where(OutboxOperation.state == outbox.DEAD)
        .order_by(OutboxOperation.id)
    ).all()
    return [
        DeadLetterView(
            id=op.id,
            kind=op.kind,
            number=number,
            attempts=op.attempts,
            last_error=op.last_error or "",
            created_at=op.created_at,
        )
        for op, number in rows
    ]


# --- resolving ------------------------------------------------------------------------------------------


def resolve_conflict(session: Session, actor: Actor, conflict_id: uuid.UUID, keep: str) -> Resolution:
    """Settle a conflict with the technician's choice, in the caller's transaction.

    ``keep="portal"`` writes the client's value into the incident through a history line (and so into
    the outbox); ``keep="hotline"`` keeps the incident as it is and queues a push so that the portal
    shows the hotline's value. Either way the conflict is marked resolved, by whom and when, and an
    audit entry records the choice.
    """
    if keep not in KEEP_CHOICES:
        raise ConflictError(f"choix inconnu « {keep} » : « hotline » ou « portal ».")
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None:
        raise ConflictError("Ce conflit n'existe pas.")
    if conflict.resolved_at is not None:
        raise ConflictError("Ce conflit a déjà été tranché.")
    incident = session.get(Incident, conflict.incident_id)
    assert incident is not None  # a foreign key
    now = datetime.now(UTC)
    current = getattr(incident, conflict.field) or ""
    if keep == "portal":
        value = conflict.portal_value
        if value != current:
            incident_service.append_history(
                session,
                incident,
                actor,
                EventKind.FIELD_CHANGED,
                field=conflict.field,
                old_value=current,
                new_value=value,
            )
            setattr(incident, conflict.field, value)
            incident.updated_at = now
            session.flush()
            index_incidents(session, [incident.id])
    else:
        value = current
    # Both sides now agree on the chosen value once it is pushed: it becomes the base later edits are
    # judged against, so the portal's older value no longer reads as a fresh client edit.
    link = session.get(IncidentSyncLink, incident.id)
    if link is not None:
        setattr(link, f"base_{conflict.field}", value)
        link.pushed_digest = None  # push even if the body looks like the last one sent
    outbox.incident_changed(session, incident.id)
    conflict.resolved_at, conflict.resolved_by = now, actor.name
    audit.append(
        session,
        kind="sync_conflict_resolved",
        subject=incident.number,
        payload={"conflict": str(conflict.id), "field": conflict.field, "kept": keep, "value": value},
        actor=actor.name,
        station=actor.station,
        at=now,
    )
    return Resolution(conflict.id, incident.number, conflict.field, keep, value)  # type: ignore[arg-type]


def find_conflict(session: Session, prefix: str) -> uuid.UUID:
    """The open conflict whose id is ``prefix`` or starts with it (the CLI shows short ids)."""
    text = prefix.strip().lower()
    if len(text) < 4:
        raise ConflictError("Identifiant de conflit trop court (au moins 4 caractères).")
    matches = [c.id for c in open_conflicts(session) if str(c.id).startswith(text)]
    if not matches:
        try:
            exact = uuid.UUID(text)
        except ValueError:
            raise ConflictError(f"Aucun conflit ouvert « {prefix} » (« hotline sync conflicts »).") from None
        if session.get(SyncConflict, exact) is not None:
            return exact
        raise ConflictError(f"Aucun conflit ouvert « {prefix} » (« hotline sync conflicts »).")
    if len(matches) > 1:
        raise ConflictError(f"« {prefix} » désigne plusieurs conflits : donner plus de caractères.")
    return matches[0]


__all__ = [
    "KEEP_CHOICES",
    "ConflictError",
    "ConflictView",
    "DeadLetterView",
    "QuarantineView",
    "Resolution",
    "dead_letters",
    "find_conflict",
    "open_conflicts",
    "quarantined_records",
    "resolve_conflict",
]
