"""What runs at a client: product, version, licence and environment (R-05, R-20)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Timestamps, UuidPk
from app.db.models.clients import Client, Site
from app.db.models.products import Product, Release


class Installation(UuidPk, Timestamps, Base):
    __tablename__ = "installations"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    site_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("sites.id", ondelete="SET NULL"))
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id"), index=True)
    release_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("releases.id"))
    installed_on: Mapped[date | None] = mapped_column(Date)
    # covered only when the licence price is paid and the system is one the vendor validated.
    licence_paid: Mapped[bool] = mapped_column(Boolean, default=False)
    os_name: Mapped[str] = mapped_column(String(80), default="")
    dbms_name: Mapped[str] = mapped_column(String(80), default="")
    environment_validated: Mapped[bool] = mapped_column(Boolean, default=False)
    validated_on: Mapped[date | None] = mapped_column(Date)
    peripherals: Mapped[str] = mapped_column(String(200), default="")

    client: Mapped[Client] = relationship()
    site: Mapped[Site | None] = relationship()
    product: Mapped[Product] = relationship()
    release: Mapped[Release | None] = relationship()
