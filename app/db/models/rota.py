"""The hotline rota: shifts, weekly patterns with their exceptions, and staff leave (R-15, R-16).

Shifts and patterns keep Paris wall-clock times on a date (what a supervisor plans), not instants: a
pattern's 08:30 stays 08:30 across a summer-time change. The minimum number of technicians on the line
is the ``rota.minimum_on_line`` key of ``app_settings``.
"""

from __future__ import annotations

import uuid
from datetime import date, time

from sqlalchemy import Boolean, Date, ForeignKey, SmallInteger, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Timestamps, UuidPk, enum_column
from app.domain.rota import LeaveKind, LineRole


class RotaShift(UuidPk, Timestamps, Base):
    """One shift of a technician on a date."""

    __tablename__ = "rota_shifts"

    technician_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("technicians.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)
    role: Mapped[LineRole] = mapped_column(enum_column(LineRole, "rota_line_role"))
    exceptional: Mapped[bool] = mapped_column(Boolean, default=False)


class RotaPattern(UuidPk, Timestamps, Base):
    """A shift repeated every week on one weekday, over a validity period."""

    __tablename__ = "rota_patterns"

    technician_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("technicians.id"), index=True)
    weekday: Mapped[int] = mapped_column(SmallInteger)  # 0 = Monday
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)
    role: Mapped[LineRole] = mapped_column(enum_column(LineRole, "rota_line_role"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    exceptions: Mapped[list[RotaPatternException]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class RotaPatternException(UuidPk, Base):
    """A date on which a weekly pattern does not apply."""

    __tablename__ = "rota_pattern_exceptions"
    __table_args__ = (UniqueConstraint("pattern_id", "day"),)

    pattern_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rota_patterns.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)


class StaffLeave(UuidPk, Timestamps, Base):
    """An absence of a technician: whole days, or half days at either end (split at noon)."""

    __tablename__ = "staff_leaves"

    technician_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("technicians.id"), index=True)
    kind: Mapped[LeaveKind] = mapped_column(enum_column(LeaveKind, "staff_leave_kind"))
    first_day: Mapped[date] = mapped_column(Date, index=True)
    last_day: Mapped[date] = mapped_column(Date)
    starts_afternoon: Mapped[bool] = mapped_column(Boolean, default=False)
    ends_at_noon: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(200), default="")
