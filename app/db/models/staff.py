"""The vendor's staff who use the app, and their roles (R-30: access only with a role)."""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Timestamps, UuidPk, enum_column
from app.domain.vocabulary import Role


class Technician(UuidPk, Timestamps, Base):
    __tablename__ = "technicians"

    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role, "staff_role"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
