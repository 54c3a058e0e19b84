"""Plumbing of the demo seeder: reproducible identifiers and batched inserts in foreign-key order."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum as PyEnum
from functools import partial
from itertools import repeat
from operator import attrgetter, is_, itemgetter, methodcaller
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Enum, Integer, String, Table, Uuid
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from app.db import models
from app.domain.vocabulary import Role

Row = dict[str, Any]
# Turns one column's values (a batch) into the driver's parameters for that column.
Converter = Callable[[Sequence[Any]], Iterable[Any]]

# Whether SQLite batches go straight to the driver (see ``RowSink``); tests turn it off to compare.
FAST_SQLITE_INSERTS = True

# Parents before children, so that a flush of every buffer in this order never breaks a foreign key.
TABLE_ORDER: tuple[Table, ...] = tuple(
    model.__table__  # type: ignore[attr-defined]
    for model in (
        models.Technician,
        models.Product,
        models.Release,
        models.Client,
        models.Site,
        models.Contact,
        models.PhoneNumber,
        models.Training,
        models.Contract,
        models.ContractService,
        models.Installation,
        models.Incident,
        models.IncidentEvent,
        models.CallLog,
        models.NumberSequence,
    )
)


class IdMaker:
    """UUIDs drawn from their own seeded stream: the same seed gives the same keys, and drawing them
    does not shift the other random choices."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def __call__(self) -> uuid.UUID:
        # What ``uuid.UUID(int=..., version=4)`` does, without its argument checks: a seeded load makes
        # millions of keys. Variant bits 10, version nibble 4.
        value = (self._rng.getrandbits(128) & _CLEAR_VERSION) | _SET_VERSION
        made = object.__new__(uuid.UUID)
        object.__setattr__(made, "int", value)
        object.__setattr__(made, "is_safe", _UNKNOWN_SAFETY)
        return made


_UNKNOWN_SAFETY = uuid.SafeUUID.unknown  # looked up once: an enum member access is a descriptor call
_CLEAR_VERSION = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_SET_VERSION = (0x8000 << 48) | (4 << 76)


class RowSink:
    """Collects plain rows per table and inserts them with executemany, in batches.

    Rows of one table must all carry the same keys (executemany takes its columns from the first
    row). A flush writes every buffer in ``TABLE_ORDER``, so a child row added after its parent always
    reaches the database after it, even across batches.

    On SQLite (unless ``fast`` is False) the rows skip SQLAlchemy's per-row parameter processing, which
    costs as much as SQLite's own work at this volume: each column's values are converted once, column
    by column, into exactly what SQLAlchemy would bind (see ``_sqlite_converter``), and the driver's
    ``executemany`` runs a prepared INSERT. PostgreSQL keeps SQLAlchemy's path.
    """

    def __init__(self, connection: Connection, batch_size: int = 10_000, *, fast: bool | None = None) -> None:
        self._connection = connection
        self._batch_size = batch_size
        self._buffers: dict[Table, list[Row]] = {table: [] for table in TABLE_ORDER}
        self._pending = 0
        self._written: dict[str, int] = {table.name: 0 for table in TABLE_ORDER}
        if fast is None:
            fast = FAST_SQLITE_INSERTS
        self._fast = fast and connection.dialect.name == "sqlite"
        self._quote = connection.dialect.identifier_preparer.quote
        self._plans: dict[str, _InsertPlan | None] = {}

    @property
    def counts(self) -> dict[str, int]:
        """Rows added so far, per table name (written or waiting in a buffer)."""
        return {table.name: self._written[table.name] + len(self._buffers[table]) for table in TABLE_ORDER}

    def add(self, table: Table, row: Row) -> None:
        # Called for every row of a load (millions): as little work as possible.
        self._buffers[table].append(row)
        self._pending += 1
        if self._pending >= self._batch_size:
            self.flush()

    def flush(self) -> None:
        for table in TABLE_ORDER:
            rows = self._buffers[table]
            if rows:
                self._written[table.name] += len(rows)
                plan = self._plan(table, rows[0]) if self._fast else None
                if plan is None:
                    self._connection.execute(table.insert(), rows)
                else:
                    plan.write(self._connection, rows)
                rows.clear()
        self._pending = 0

    def _plan(self, table: Table, first: Row) -> _InsertPlan | None:
        if table.name not in self._plans:
            self._plans[table.name] = _InsertPlan.make(self._quote, table, list(first))
        return self._plans[table.name]


class _InsertPlan:
    """One table's prepared INSERT on SQLite and how to turn its rows into driver parameters."""

    def __init__(self, sql: str, keys: list[str], converters: list[Converter | None], constants: tuple[Any, ...]):
        self.sql = sql
        self.getters = [itemgetter(key) for key in keys]
        self.converters = converters
        self.constants = constants

    @classmethod
    def make(cls, quote: Callable[[str], str], table: Table, keys: list[str]) -> _InsertPlan | None:
        """The plan, or None when a column needs something only SQLAlchemy knows how to do (a type or
        a default not handled here): that table then takes the ordinary path."""
        converters: list[Converter | None] = []
        for key in keys:
            converter = _sqlite_converter(table.columns[key].type)
            if converter is False:
                return None
            converters.append(converter or None)
        # Columns left out of the rows get their default, as SQLAlchemy's insert() would give them.
        missing, constants = [], []
        for column in table.columns:
            if column.key in keys:
                continue
            default = column.default
            if default is None:
                continue  # NULL, or the column's server default: the same as SQLAlchemy leaving it out
            if not isinstance(default, ScalarElementColumnDefault):
                return None
            converter = _sqlite_converter(column.type)
            if converter is False:
                return None
            missing.append(column.key)
            constants.append(next(iter(converter((default.arg,)))) if converter else default.arg)
        names = [table.columns[key].name for key in keys] + [table.columns[key].name for key in missing]
        sql = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        return cls(sql, keys, converters, tuple(constants))

    def parameters(self, rows: list[Row]) -> Iterable[tuple[Any, ...]]:
        """The driver's parameters of ``rows``, one tuple a row, made as they are read."""
        # Column by column, so that reading and converting are ``map`` runs in C rather than Python loops
        # per cell; columns that need no conversion are read lazily, as the driver walks the rows.
        columns: list[Iterable[Any]] = []
        for getter, converter in zip(self.getters, self.converters, strict=True):
            if converter is None:
                columns.append(map(getter, rows))
            else:
                columns.append(converter(list(map(getter, rows))))
        columns.extend(repeat(constant, len(rows)) for constant in self.constants)
        return zip(*columns, strict=True)

    def write(self, connection: Connection, rows: list[Row]) -> None:
        execute_many(connection, self.sql, self.parameters(rows))


def execute_many(connection: Connection, sql: str, parameters: Iterable[tuple[Any, ...]]) -> None:
    """One prepared statement for every parameter tuple, straight through the SQLite driver."""
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, parameters)
    finally:
        cursor.close()


_is_none = partial(is_, None)
_uuid_int = attrgetter("int")
_tzinfo = attrgetter("tzinfo")
_iso_microseconds = methodcaller("isoformat", " ", "microseconds")
_naive_part = itemgetter(slice(None, 26))
_iso = methodcaller("isoformat")


def _uuid_column(values: Sequence[Any]) -> Iterable[Any]:
    # SQLAlchemy's Uuid on a backend without a native type binds ``value.hex``.
    if any(map(_is_none, values)):
        return [None if value is None else format(value.int, "032x") for value in values]
    return map(format, map(_uuid_int, values), repeat("032x"))


def _datetime_text(value: datetime | None) -> str | None:
    # UTCDateTime binds naive UTC on SQLite, which SQLite's DATETIME writes as
    # "YYYY-MM-DD HH:MM:SS.ffffff"; the ISO form of the UTC instant starts with exactly those characters.
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column; attach a time zone first")
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return _naive_part(_iso_microseconds(value))


# The same text as ``_naive_part(_iso_microseconds(value))`` for a UTC instant, from its fields: about
# half the time of ``isoformat`` (millions of timestamps in a big load).
_UTC_TEXT = "%04d-%02d-%02d %02d:%02d:%02d.%06d".__mod__
_utc_fields = attrgetter("year", "month", "day", "hour", "minute", "second", "microsecond")


def _datetime_column(values: Sequence[Any]) -> Iterable[Any]:
    present = list(filter(None, values))  # a datetime is always true
    if set(map(_tzinfo, present)) != {UTC}:
        return map(_datetime_text, values)
    if len(present) == len(values):
        return map(_UTC_TEXT, map(_utc_fields, values))
    return [None if value is None else _UTC_TEXT(_utc_fields(value)) for value in values]


def _date_text(value: date | None) -> str | None:
    # SQLite's DATE binds "%04d-%02d-%02d" of the date part, which is the ISO form of a date.
    return None if value is None else f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _date_column(values: Sequence[Any]) -> Iterable[Any]:
    # Only plain dates take the C path: a datetime's ISO form would carry its time.
    return map(_iso, values) if set(map(type, values)) == {date} else map(_date_text, values)


def _lookup_column(table: dict[Any, Any]) -> Converter:
    """Values taken from a table of every accepted value; anything else is refused, as SQLAlchemy would."""
    lookup = table.__getitem__

    def convert(values: Sequence[Any]) -> Iterable[Any]:
        try:
            return list(map(lookup, values))
        except KeyError as exc:
            raise ValueError(f"value {exc.args[0]!r} not accepted by its column") from None

    return convert


def _enum_column(type_: Enum) -> Converter:
    # Stored by value (``values_callable``). A StrEnum member equals its value, so the same table
    # takes both the members and the plain strings.
    enum_class = type_.enum_class
    if enum_class is None or not issubclass(enum_class, str):
        return _enum_fallback
    return _lookup_column({None: None, **{member: member.value for member in enum_class}})


def _enum_fallback(values: Sequence[Any]) -> Iterable[Any]:
    return [value.value if isinstance(value, PyEnum) else value for value in values]


def _sqlite_converter(type_: Any) -> Converter | bool | None:
    """What turns a Python value into the parameter SQLAlchemy would bind for this column type on
    SQLite: a function, None when the value passes as is, or False for a type not handled here."""
    impl = getattr(type_, "impl", None)
    if isinstance(type_, Uuid):
        return _uuid_column
    if isinstance(impl, DateTime) and type(type_).__name__ == "UTCDateTime":
        return _datetime_column
    if isinstance(type_, DateTime):
        return False  # a plain DateTime (naive) is not used by the demo tables
    if isinstance(type_, Date):
        return _date_column
    if isinstance(type_, Enum):
        return _enum_column(type_)
    if isinstance(type_, Boolean):
        return _lookup_column({None: None, True: 1, False: 0})
    if isinstance(type_, Integer | String) and impl is None:
        return None
    return False


@dataclass(frozen=True)
class StaffRef:
    """A technician as the generators need them: who, which stations, which products they know."""

    id: uuid.UUID
    name: str
    role: Role
    stations: tuple[str, ...]
    products: tuple[str, ...]


@dataclass(frozen=True)
class ProductRef:
    code: str
    id: uuid.UUID
    dbms: tuple[str, ...]
    releases: tuple[tuple[uuid.UUID, date], ...]  # (release id, released on), oldest first
