"""The vendor's products (*progiciels*) and their releases with descriptive sheets (R-20)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Timestamps, UuidPk


class Product(UuidPk, Timestamps, Base):
    __tablename__ = "products"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    releases: Mapped[list[Release]] = relationship(back_populates="product", order_by="Release.released_on")


class Release(UuidPk, Base):
    """A version of a product. ``substantial_change`` (new hardware or OS needs) gives the client three
    months before installing it; otherwise it must be applied within six months (R-20)."""

    __tablename__ = "releases"
    __table_args__ = (UniqueConstraint("product_id", "version"),)

    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    version: Mapped[str] = mapped_column(String(32))
    released_on: Mapped[date] = mapped_column(Date)
    substantial_change: Mapped[bool] = mapped_column(Boolean, default=False)
    sheet: Mapped[str] = mapped_column(Text, default="")

    product: Mapped[Product] = relationship(back_populates="releases")
