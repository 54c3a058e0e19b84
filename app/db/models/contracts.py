"""Maintenance contracts and the services they bundle (R-05, R-06, R-26)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Timestamps, UTCDateTime, UuidPk, enum_column, utcnow
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


class ContractLine(UuidPk, Base):
    """A line of the financial table of art. 18 (R-28). ``unit_price`` is the price in force; every price
    it ever had, with the index values that revised it (R-27), is in ``contract_prices``."""

    __tablename__ = "contract_lines"

    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    service: Mapped[ServiceKind | None] = mapped_column(enum_column(ServiceKind, "contract_line_service"))
    designation: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal(1))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    index_series: Mapped[str | None] = mapped_column(String(60))

    contract: Mapped[Contract] = relationship()
    prices: Mapped[list[ContractPrice]] = relationship(
        back_populates="line", cascade="all, delete-orphan", order_by="ContractPrice.effective_on"
    )


class ContractPrice(UuidPk, Base):
    """One price of a line from a date: the first one, then one per yearly revision (history kept)."""

    __tablename__ = "contract_prices"
    __table_args__ = (UniqueConstraint("line_id", "effective_on"),)

    line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contract_lines.id", ondelete="CASCADE"), index=True)
    effective_on: Mapped[date] = mapped_column(Date)
    unit_price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    previous_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    index_series: Mapped[str | None] = mapped_column(String(60))
    index_period: Mapped[str | None] = mapped_column(String(7))
    index_value: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    base_period: Mapped[str | None] = mapped_column(String(7))
    base_value: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    recorded_by: Mapped[str] = mapped_column(String(120), default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    line: Mapped[ContractLine] = relationship(back_populates="prices")


class PriceIndexValue(UuidPk, Base):
    """A published value of a price index (the INSEE index of art. 17), entered by an administrator."""

    __tablename__ = "price_index_values"
    __table_args__ = (UniqueConstraint("series", "period"),)

    series: Mapped[str] = mapped_column(String(60))
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    value: Mapped[Decimal] = mapped_column(Numeric(12, 4))


class LegalInterestRate(UuidPk, Base):
    """The legal interest rate (percent a year) of a period, entered by an administrator (R-29)."""

    __tablename__ = "legal_interest_rates"

    start_on: Mapped[date] = mapped_column(Date, unique=True)
    end_on: Mapped[date] = mapped_column(Date)
    rate_percent: Mapped[Decimal] = mapped_column(Numeric(6, 3))


class BackupReceipt(UuidPk, Base):
    """A backup received from a client and its reception report (R-23, R-24): the last five are the
    versions kept; the newest one's size is the stored volume measured against the quota."""

    __tablename__ = "backup_receipts"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    file_count: Mapped[int] = mapped_column(Integer)
    total_bytes: Mapped[int] = mapped_column(BigInteger)
    report_key: Mapped[str] = mapped_column(String(64))
    document_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documents.id"))
    recorded_by: Mapped[str] = mapped_column(String(120), default="")
