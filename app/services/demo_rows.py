"""Plumbing of the demo seeder: reproducible identifiers and batched inserts in foreign-key order."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table

from app.db import models
from app.domain.vocabulary import Role

Row = dict[str, Any]

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
        return uuid.UUID(int=self._rng.getrandbits(128), version=4)


class RowSink:
    """Collects plain rows per table and inserts them with executemany, in batches.

    Rows of one table must all carry the same keys (executemany takes its columns from the first
    row). A flush writes every buffer in ``TABLE_ORDER``, so a child row added after its parent always
    reaches the database after it, even across batches.
    """

    def __init__(self, connection: Connection, batch_size: int = 10_000) -> None:
        self._connection = connection
        self._batch_size = batch_size
        self._buffers: dict[str, list[Row]] = {table.name: [] for table in TABLE_ORDER}
        self._pending = 0
        self.counts: dict[str, int] = {table.name: 0 for table in TABLE_ORDER}

    def add(self, table: Table, row: Row) -> None:
        self._buffers[table.name].append(row)
        self.counts[table.name] += 1
        self._pending += 1
        if self._pending >= self._batch_size:
            self.flush()

    def flush(self) -> None:
        for table in TABLE_ORDER:
            rows = self._buffers[table.name]
            if rows:
                self._connection.execute(table.insert(), rows)
                rows.clear()
        self._pending = 0


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
