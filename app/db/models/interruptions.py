"""Planned interruptions of hosted services and the announcements made to clients (R-21)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, UTCDateTime, UuidPk, enum_column, utcnow
from app.db.models.clients import Client
from app.domain.vocabulary import NoticeChannel, ServiceKind


class ServiceInterruption(UuidPk, Base):
    """A planned maintenance interruption of the hosted portal or Jet Clouding.

    Over 60 minutes it must be announced beforehand to every client subscribed to that service (art. 8).
    """

    __tablename__ = "service_interruptions"

    service: Mapped[ServiceKind] = mapped_column(enum_column(ServiceKind, "interruption_service"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("technicians.id"))

    notices: Mapped[list[InterruptionNotice]] = relationship(
        back_populates="interruption", cascade="all, delete-orphan"
    )


class InterruptionNotice(UuidPk, Base):
    """When and how one client was told of a planned interruption."""

    __tablename__ = "interruption_notices"
    __table_args__ = (UniqueConstraint("interruption_id", "client_id"),)

    interruption_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("service_interruptions.id", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    told_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[NoticeChannel] = mapped_column(enum_column(NoticeChannel, "interruption_notice_channel"))

    interruption: Mapped[ServiceInterruption] = relationship(back_populates="notices")
    client: Mapped[Client] = relationship()
