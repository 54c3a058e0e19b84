"""Portal sync bookkeeping: the outbox, feed cursors, per-incident sync state, quarantine, conflicts.

The outbox row is written in the same transaction as the change it reports, so a change the portal must
see can never be committed without it; the cursor of a feed is saved in the transaction that applied the
page, so a page is either applied and acknowledged, or neither.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UTCDateTime, UuidPk, utcnow


class OutboxOperation(Base):
    """One change to push. ``id`` orders them; ``op_id`` is the idempotency key sent to the portal."""

    __tablename__ = "sync_outbox"
    __table_args__ = (Index("ix_sync_outbox_state_incident", "state", "incident_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, default=uuid.uuid4)
    incident_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(24))  # incident_upsert, event, document
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON
    state: Mapped[str] = mapped_column(String(12), default="pending")  # pending, done, dead
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SyncState(Base):
    """Small named values: each feed's cursor, the last successful sync, the last error."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class IncidentSyncLink(Base):
    """What the portal and the hotline last agreed on for one incident: its portal version and the
    values of the fields both may edit (the base a conflict is judged against)."""

    __tablename__ = "sync_incident_links"

    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    portal_version: Mapped[int | None] = mapped_column(Integer)
    base_title: Mapped[str | None] = mapped_column(Text)
    base_description: Mapped[str | None] = mapped_column(Text)
    # Digest of the fields last pushed, so an unchanged incident is not pushed again.
    pushed_digest: Mapped[str | None] = mapped_column(String(64))
    synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AppliedPortalRecord(Base):
    """A portal record (comment, consent, restoration request) already applied: a duplicate delivery
    of it is skipped."""

    __tablename__ = "sync_applied_records"

    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    record_type: Mapped[str] = mapped_column(String(24))
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuarantinedRecord(UuidPk, Base):
    """A pulled record that could not be applied, with the reason; retried after each sync."""

    __tablename__ = "sync_quarantine"
    __table_args__ = (UniqueConstraint("feed", "record_key"),)

    feed: Mapped[str] = mapped_column(String(16))
    record_key: Mapped[str] = mapped_column(String(80))  # type:id
    record: Mapped[str] = mapped_column(Text)  # the record as received
    reason: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_tried: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SyncConflict(UuidPk, Base):
    """A field both sides changed since they last agreed: the hotline's value was kept, the portal's is
    here (and in the incident's history) until a technician chooses."""

    __tablename__ = "sync_conflicts"

    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incidents.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    hotline_value: Mapped[str] = mapped_column(Text)
    portal_value: Mapped[str] = mapped_column(Text)
    portal_version: Mapped[int] = mapped_column(Integer)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(120))
