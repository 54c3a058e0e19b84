"""Contacts of a client, the *RESPONSABLES TECHNIQUES CLIENT* among them, and their trainings (R-02, R-03)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.db.base import Base, Timestamps, UuidPk, enum_column
from app.db.models.clients import Client
from app.domain.text import fold
from app.domain.vocabulary import NoticeChannel


class Contact(UuidPk, Timestamps, Base):
    __tablename__ = "contacts"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"))
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100), default="")
    search_name: Mapped[str] = mapped_column(String(200), index=True)
    job_title: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # RTC designation, and the written notice that made it (a change must be notified in writing).
    is_rtc: Mapped[bool] = mapped_column(Boolean, default=False)
    rtc_since: Mapped[date | None] = mapped_column(Date)
    rtc_until: Mapped[date | None] = mapped_column(Date)
    rtc_notice_received_on: Mapped[date | None] = mapped_column(Date)
    rtc_notice_channel: Mapped[NoticeChannel | None] = mapped_column(enum_column(NoticeChannel, "rtc_notice_channel"))

    client: Mapped[Client] = relationship()
    trainings: Mapped[list[Training]] = relationship(
        back_populates="contact", order_by="Training.trained_on", cascade="all, delete-orphan"
    )

    @validates("last_name", "first_name")
    def _keep_search_name(self, key: str, value: str) -> str:
        first = value if key == "first_name" else (self.first_name or "")
        last = value if key == "last_name" else (self.last_name or "")
        self.search_name = fold(f"{first} {last}")
        return value

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Training(UuidPk, Base):
    """A vendor training of one contact on one product (R-03: only trained users may use the service)."""

    __tablename__ = "trainings"
    __table_args__ = (UniqueConstraint("contact_id", "product_id", "trained_on"),)

    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id"), index=True)
    trained_on: Mapped[date] = mapped_column(Date)
    trainer: Mapped[str] = mapped_column(String(120), default="")

    contact: Mapped[Contact] = relationship(back_populates="trainings")
