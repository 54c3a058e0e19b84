"""Incidents (R-09 to R-14), their append-only history, and the per-station number sequences (R-10)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Timestamps, UTCDateTime, UuidPk, enum_column, utcnow
from app.db.models.clients import Client, Site
from app.db.models.contacts import Contact
from app.db.models.products import Product
from app.db.models.staff import Technician
from app.domain.vocabulary import Channel, EventKind, Exclusion, IncidentStatus, Origin


class Incident(UuidPk, Timestamps, Base):
    __tablename__ = "incidents"
    __table_args__ = (
        Index("ix_incidents_client_opened", "client_id", "opened_at"),
        Index("ix_incidents_status_opened", "status", "opened_at"),
        Index("ix_incidents_opened_at", "opened_at"),
        # Supervisor reports select by resolution and closure dates.
        Index("ix_incidents_resolved_at", "resolved_at"),
        Index("ix_incidents_closed_at", "closed_at"),
    )

    # the human number, given at once, never changed, unique across every workstation.
    number: Mapped[str] = mapped_column(String(14), unique=True)
    station: Mapped[str] = mapped_column(String(4))
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"))
    site_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("sites.id"))
    contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    caller_name: Mapped[str] = mapped_column(String(200), default="")
    product_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("products.id"), index=True)
    peripheral: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "incident_channel"))
    origin: Mapped[Origin | None] = mapped_column(enum_column(Origin, "incident_origin"))
    status: Mapped[IncidentStatus] = mapped_column(enum_column(IncidentStatus, "incident_status"))
    priority: Mapped[int] = mapped_column(Integer, default=3)
    estimate_minutes: Mapped[int | None] = mapped_column(Integer)
    covered: Mapped[bool | None] = mapped_column(Boolean)
    out_of_contract: Mapped[bool] = mapped_column(Boolean, default=False)
    exclusion: Mapped[Exclusion | None] = mapped_column(enum_column(Exclusion, "incident_exclusion"))
    workaround: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("technicians.id"), index=True)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("technicians.id"))
    # Optimistic concurrency between workstations and with the portal.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    client: Mapped[Client] = relationship()
    site: Mapped[Site | None] = relationship()
    contact: Mapped[Contact | None] = relationship()
    product: Mapped[Product | None] = relationship()
    assignee: Mapped[Technician | None] = relationship(foreign_keys=[assignee_id])
    created_by: Mapped[Technician | None] = relationship(foreign_keys=[created_by_id])
    events: Mapped[list[IncidentEvent]] = relationship(
        back_populates="incident", order_by="IncidentEvent.seq", passive_deletes="all"
    )


# The history lines that start or end a pause of the service-level clock (waits, workarounds proposed,
# reopenings): a partial index holds only those, so reports find a year's pauses without reading every
# history line. Queries must repeat these terms literally for SQLite to use the index.
CLOCK_EVENTS_SQL = (
    "field = 'waiting' OR to_status = 'workaround_proposed' OR from_status = 'workaround_proposed'"
    " OR (from_status IN ('resolved', 'closed')"
    " AND to_status IN ('new', 'diagnosed', 'workaround_proposed', 'workaround_accepted'))"
)


class IncidentEvent(UuidPk, Base):
    """One line of an incident's history (R-14). Append-only: the database refuses UPDATE and DELETE
    on this table (triggers made by the migrations)."""

    __tablename__ = "incident_events"
    __table_args__ = (
        UniqueConstraint("incident_id", "seq"),
        Index(
            "ix_incident_events_clock",
            "incident_id",
            "at",
            "seq",
            # Partial on both backends (migration 0010 gives PostgreSQL the same condition); naming
            # ``postgresql_where`` here would load the PostgreSQL dialect at every start (30 ms).
            sqlite_where=text(CLOCK_EVENTS_SQL),
        ),
    )

    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incidents.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("technicians.id"))
    author_name: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind, "event_kind"))
    from_status: Mapped[IncidentStatus | None] = mapped_column(enum_column(IncidentStatus, "event_from_status"))
    to_status: Mapped[IncidentStatus | None] = mapped_column(enum_column(IncidentStatus, "event_to_status"))
    field: Mapped[str | None] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")

    incident: Mapped[Incident] = relationship(back_populates="events")


class NumberSequence(Base):
    """The last sequence value a station used in a year; numbers are never reused (R-10)."""

    __tablename__ = "number_sequences"

    station: Mapped[str] = mapped_column(String(4), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class IncidentFact(Base):
    """One incident as the supervisor reports read it (R-15 to R-17): its dates as epoch seconds, the
    columns reports slice by, and its service-level durations in hotline seconds, so that a year of
    figures reads one small row per incident instead of the incidents, their history and the calendar.

    Derived data. A row counts only while its incident is not in ``report_pending`` (a trigger puts
    every inserted or changed incident there, whatever wrote it) and its ``calendar`` is the fingerprint
    of the calendar mirror; otherwise reports compute the incident live, and a refresh
    (``app.services.report_facts``) rewrites the row and takes the incident off the pending list."""

    __tablename__ = "incident_facts"
    # Stored in order of opening (on SQLite, without a rowid): a period's rows are read in one pass, and
    # its resolutions, which follow their openings by days, from nearby pages.
    __table_args__ = (
        PrimaryKeyConstraint("opened_x", "incident_id"),
        Index("ix_incident_facts_incident", "incident_id", unique=True),
        # What reports read of a period's resolutions, and of a backlog (open at an instant), without
        # reading the rows themselves.
        Index(
            "ix_incident_facts_resolved",
            "resolved_x",
            "status",
            "calendar",
            "priority",
            "resolution_s",
            "workaround",
            "assignee_id",
            "opened_h",
        ),
        Index("ix_incident_facts_closed", "closed_x", "calendar"),
        # Whether every row was computed with the current calendar: the two ends of this index.
        Index("ix_incident_facts_calendar", "calendar"),
        {"sqlite_with_rowid": False},
    )

    incident_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    # The incident's version the row was computed from, and the calendar (the first 60 bits of the
    # mirror's fingerprint).
    version: Mapped[int] = mapped_column(Integer)
    calendar: Mapped[int] = mapped_column(BigInteger)
    opened_x: Mapped[int] = mapped_column(BigInteger)
    resolved_x: Mapped[int | None] = mapped_column(BigInteger)
    closed_x: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[IncidentStatus] = mapped_column(enum_column(IncidentStatus, "fact_status"))
    priority: Mapped[int] = mapped_column(Integer)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    product_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "fact_channel"))
    origin: Mapped[Origin | None] = mapped_column(enum_column(Origin, "fact_origin"))
    exclusion: Mapped[Exclusion | None] = mapped_column(enum_column(Exclusion, "fact_exclusion"))
    out_of_contract: Mapped[bool] = mapped_column(Boolean)
    workaround: Mapped[bool] = mapped_column(Boolean)
    # Hotline seconds from the start of the calendar mirror to the opening (a backlog's age is then one
    # subtraction).
    opened_h: Mapped[int | None] = mapped_column(BigInteger)
    # Whether someone answered, and the hotline seconds from opening to the first response (NULL when
    # nobody has, or outside the calendar mirror).
    answered: Mapped[bool] = mapped_column(Boolean)
    first_response_s: Mapped[int | None] = mapped_column(BigInteger)
    # Counted by the clock from opening to resolution (pauses and reopened gaps taken out), and the
    # pauses themselves; NULL while the incident is open (its clock is still running).
    resolution_s: Mapped[int | None] = mapped_column(BigInteger)
    paused_s: Mapped[int | None] = mapped_column(BigInteger)


class ReportPending(Base):
    """Incidents inserted or changed since their ``incident_facts`` row was written, with the version
    that changed last. Filled by triggers on ``incidents`` (migration 0012), emptied by the refresh."""

    __tablename__ = "report_pending"
    __table_args__ = {"sqlite_with_rowid": False}

    incident_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
