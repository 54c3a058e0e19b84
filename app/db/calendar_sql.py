"""Hotline durations computed inside the database (R-17), from the calendar mirror tables.

``hotline_seconds_between(a, b)`` is an SQL expression usable in any query (SQLite and PostgreSQL):
supervisor reports aggregate hotline-hours durations without loading incidents into Python.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ColumnElement, case, cast, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from app.db.models import CalendarRange


class epoch_seconds(FunctionElement[int]):
    """Whole UTC epoch seconds of a ``UTCDateTime`` column or expression."""

    type = BigInteger()
    inherit_cache = True


@compiles(epoch_seconds, "sqlite")
def _epoch_sqlite(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    # UTCDateTime stores naive UTC text on SQLite; strftime('%s') reads it as UTC.
    return f"CAST(strftime('%s', {compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(epoch_seconds, "postgresql")
def _epoch_postgresql(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)})) AS BIGINT)"


def hotline_seconds_at(epoch: ColumnElement[int]) -> ColumnElement[int]:
    """Open seconds of the hotline from the start of the mirror up to the instant ``epoch``."""
    r = CalendarRange.__table__.alias("r")
    value = case(
        (epoch >= r.c.ends, r.c.seconds_before + r.c.ends - r.c.starts),
        else_=r.c.seconds_before + epoch - r.c.starts,
    )
    return select(value).where(r.c.starts <= epoch).order_by(r.c.starts.desc()).limit(1).scalar_subquery()


def hotline_seconds_between(start: ColumnElement[Any], end: ColumnElement[Any]) -> ColumnElement[int]:
    """Hotline seconds between two ``UTCDateTime`` expressions (negative when ``end`` < ``start``)."""
    return hotline_seconds_at(epoch_seconds(end)) - hotline_seconds_at(epoch_seconds(start))


def hotline_minutes_between(start: ColumnElement[Any], end: ColumnElement[Any]) -> ColumnElement[Any]:
    return cast(hotline_seconds_between(start, end), BigInteger) / 60.0


__all__ = [
    "epoch_seconds",
    "hotline_minutes_between",
    "hotline_seconds_at",
    "hotline_seconds_between",
]
