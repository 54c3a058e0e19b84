"""Phone calls: when they started and ended and which service they were for (R-22 counts backup minutes)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, UTCDateTime, UuidPk, enum_column
from app.db.models.clients import Client
from app.db.models.incidents import Incident
from app.domain.vocabulary import ServiceKind


class CallLog(UuidPk, Base):
    __tablename__ = "call_logs"
    __table_args__ = (
        Index("ix_call_logs_client_started", "client_id", "started_at"),
        Index("ix_call_logs_started_at", "started_at"),  # supervisor reports: calls of a period
    )

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"))
    incident_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contacts.id"))
    technician_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("technicians.id"))
    service: Mapped[ServiceKind] = mapped_column(enum_column(ServiceKind, "call_service"))
    station: Mapped[str] = mapped_column(String(4))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    client: Mapped[Client] = relationship()
    incident: Mapped[Incident | None] = relationship()

    @property
    def duration_seconds(self) -> int | None:
        if self.ended_at is None:
            return None
        return int((self.ended_at - self.started_at).total_seconds())
