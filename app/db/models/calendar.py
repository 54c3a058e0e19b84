"""The hotline calendar's configuration (R-15, R-16) and its SQL mirror (R-17).

The configuration is what people edit: weekly hours with the date they apply from, training days and
exceptional closures. The mirror (``calendar_ranges``, ``calendar_days``) is rebuilt by the app from the
configuration, so that SQL can compute hotline durations without loading rows into Python.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, SmallInteger, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UTCDateTime, UuidPk, enum_column, utcnow
from app.domain.vocabulary import ClosureKind


class OpeningRange(UuidPk, Base):
    """One opening range of one weekday in the weekly hours in force from ``valid_from``.

    A weekly schedule is all the rows sharing a ``valid_from``; a weekday with no row is closed.
    """

    __tablename__ = "opening_ranges"
    __table_args__ = (UniqueConstraint("valid_from", "weekday", "starts"),)

    valid_from: Mapped[date] = mapped_column(Date, index=True)
    weekday: Mapped[int] = mapped_column(SmallInteger)  # 0 = Monday
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)


class CalendarClosure(UuidPk, Base):
    """A training day (whole day) or an exceptional closure (a whole day or a period)."""

    __tablename__ = "calendar_closures"

    kind: Mapped[ClosureKind] = mapped_column(enum_column(ClosureKind, "closure_kind"))
    day: Mapped[date | None] = mapped_column(Date, index=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("technicians.id"))


class CalendarRange(Base):
    """An open range of the hotline in UTC epoch seconds, with the open seconds before it.

    Hotline seconds up to an instant x (epoch seconds) = for the last range with ``starts <= x``:
    ``seconds_before + min(x - starts, ends - starts)``; a duration is the difference of two of those.
    Plain integer arithmetic, so the same SQL runs on SQLite and PostgreSQL.
    """

    __tablename__ = "calendar_ranges"

    starts: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    ends: Mapped[int] = mapped_column(BigInteger)
    seconds_before: Mapped[int] = mapped_column(BigInteger)


class CalendarDayRow(Base):
    """A local day of the covered years with its open minutes and the open minutes before it."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    open_minutes: Mapped[int] = mapped_column(Integer)
    minutes_before: Mapped[int] = mapped_column(BigInteger)


class AppSetting(Base):
    """A setting shared by every workstation of the database (e.g. the Alsace-Moselle holidays)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))
