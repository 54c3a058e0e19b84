"""The client aggregate: a public body, its installation sites (with move history), phone numbers (R-01)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.db.base import Base, Timestamps, UuidPk, enum_column
from app.domain.text import fold
from app.domain.vocabulary import ClientKind, NoticeChannel


class Client(UuidPk, Timestamps, Base):
    __tablename__ = "clients"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    hotline_id: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Folded copy of the name (no accents, lower case) for searching; kept in step by a validator.
    search_name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[ClientKind] = mapped_column(enum_column(ClientKind, "client_kind"))
    address: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    # Folded commune, so « ccas nancy » or « epinal » finds a client by its town through an index.
    search_city: Mapped[str] = mapped_column(String(100), default="", index=True)
    email: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    sites: Mapped[list[Site]] = relationship(back_populates="client", order_by="Site.valid_from")
    phones: Mapped[list[PhoneNumber]] = relationship(back_populates="client")

    @validates("name")
    def _keep_search_name(self, _key: str, value: str) -> str:
        self.search_name = fold(value)
        return value

    @validates("city")
    def _keep_search_city(self, _key: str, value: str) -> str:
        self.search_city = fold(value or "")
        return value

    def __repr__(self) -> str:
        return f"<Client {self.code} {self.name!r}>"


class Site(UuidPk, Timestamps, Base):
    """A *site d'installation*. A move closes the old site (``valid_to``) and opens a new one, so the
    history of where the software ran, and when the client told us (``move_notified_on``), is kept."""

    __tablename__ = "sites"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(200))
    postal_code: Mapped[str] = mapped_column(String(10))
    city: Mapped[str] = mapped_column(String(100))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    move_notified_on: Mapped[date | None] = mapped_column(Date)
    move_notice_channel: Mapped[NoticeChannel | None] = mapped_column(enum_column(NoticeChannel, "site_notice_channel"))
    replaced_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("sites.id"))

    client: Mapped[Client] = relationship(back_populates="sites")
    phones: Mapped[list[PhoneNumber]] = relationship(back_populates="site")

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class PhoneNumber(UuidPk, Base):
    """A phone number of a client, on a site or of a contact, stored in E.164 so any typed form finds it."""

    __tablename__ = "phone_numbers"
    __table_args__ = (Index("ix_phone_numbers_e164", "e164"),)

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    e164: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(60), default="")

    client: Mapped[Client] = relationship(back_populates="phones")
    site: Mapped[Site | None] = relationship(back_populates="phones")
