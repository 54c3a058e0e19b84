"""Maintenance contracts and the services they bundle (R-05, R-06, R-26)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Timestamps, UuidPk, enum_column
from app.db.models.clients import Client
from app.domain.vocabulary import ContractStatus, ServiceKind


class Contract(UuidPk, Timestamps, Base):
    __tablename__ = "contracts"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    signed_on: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date] = mapped_column(Date)
    commitment_months: Mapped[int] = mapped_column(Integer, default=24)
    status: Mapped[ContractStatus] = mapped_column(enum_column(ContractStatus, "contract_status"))
    notice_received_on: Mapped[date | None] = mapped_column(Date)
    notice_reference: Mapped[str | None] = mapped_column(String(64))
    end_date: Mapped[date | None] = mapped_column(Date)

    client: Mapped[Client] = relationship()
    services: Mapped[list[ContractService]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractService.start_date"
    )


class ContractService(UuidPk, Base):
    """One service of R-06 inside a contract, with its own dates (coverage is checked per service)."""

    __tablename__ = "contract_services"
    __table_args__ = (UniqueConstraint("contract_id", "service", "start_date"),)

    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    service: Mapped[ServiceKind] = mapped_column(enum_column(ServiceKind, "service_kind"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    quota_bytes: Mapped[int | None] = mapped_column(BigInteger)

    contract: Mapped[Contract] = relationship(back_populates="services")
