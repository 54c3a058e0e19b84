"""Remote maintenance (R-18) and on-site interventions (R-19) of an incident.

A télémaintenance keeps what the technician prepares for the written information (nature, files, risks,
delay, protective operations to ask for) and one append-only row per recorded step with its evidence as
canonical JSON; the pure workflow is rebuilt from those rows. ``state`` is derived from them and kept on
the intervention only so that lists (e.g. those waiting on the client) need no replay.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Timestamps, UTCDateTime, UuidPk, enum_column, utcnow
from app.db.models.incidents import Incident
from app.domain.telemaintenance_codec import TelemaintenanceState


class TelemaintenanceJob(UuidPk, Timestamps, Base):
    __tablename__ = "telemaintenances"
    __table_args__ = (UniqueConstraint("incident_id", "ordinal"),)

    # The incident number and a rank, e.g. NCY-2600042-D/T1: what the technician reads and types.
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incidents.id"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    nature: Mapped[str] = mapped_column(Text)
    files: Mapped[str] = mapped_column(Text)  # JSON list of file names, as announced
    risks: Mapped[str] = mapped_column(Text)
    delay_minutes: Mapped[int] = mapped_column(Integer)
    precautions_requested: Mapped[str] = mapped_column(Text)  # JSON list of {kind, detail}
    state: Mapped[TelemaintenanceState] = mapped_column(
        enum_column(TelemaintenanceState, "telemaintenance_state"), index=True
    )
    # When the state last changed: the start of a wait on the client, for the waiting list.
    state_since: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Step 4 is recorded once finished; its start is noted when the technician connects.
    begun_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("technicians.id"))
    created_by_name: Mapped[str] = mapped_column(String(120), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    incident: Mapped[Incident] = relationship()
    steps: Mapped[list[TelemaintenanceStepRow]] = relationship(
        order_by="TelemaintenanceStepRow.position", passive_deletes="all", back_populates="job"
    )


class TelemaintenanceStepRow(UuidPk, Base):
    """One recorded step (or the refusal/withdrawal that ended it). Append-only, like the incident history:
    the database refuses UPDATE and DELETE (triggers made by the migration)."""

    __tablename__ = "telemaintenance_steps"
    __table_args__ = (UniqueConstraint("telemaintenance_id", "position"),)

    telemaintenance_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("telemaintenances.id"))
    position: Mapped[int] = mapped_column(Integer)
    step: Mapped[str] = mapped_column(String(24))  # a Step value, "refusal" or "withdrawal"
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("technicians.id"))
    author_name: Mapped[str] = mapped_column(String(120))
    evidence: Mapped[str] = mapped_column(Text)  # canonical JSON
    document_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documents.id"))

    job: Mapped[TelemaintenanceJob] = relationship(back_populates="steps")


class OnSiteJob(UuidPk, Timestamps, Base):
    """An on-site intervention (R-19): quote, specific order, then the visit and its report; billable."""

    __tablename__ = "onsite_interventions"
    __table_args__ = (UniqueConstraint("incident_id", "ordinal"),)

    reference: Mapped[str] = mapped_column(String(24), unique=True)  # e.g. NCY-2600042-D/S1
    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incidents.id"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    quote_number: Mapped[str] = mapped_column(String(60))
    quote_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    quote_date: Mapped[date] = mapped_column(Date)
    order_reference: Mapped[str | None] = mapped_column(String(60))
    order_date: Mapped[date | None] = mapped_column(Date)
    visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    technician_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("technicians.id"))
    technician_name: Mapped[str | None] = mapped_column(String(120))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    report_reference: Mapped[str | None] = mapped_column(String(60))
    created_by_name: Mapped[str] = mapped_column(String(120), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    incident: Mapped[Incident] = relationship()
