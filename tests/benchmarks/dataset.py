"""The benchmark data sets: seeded once, cached on disk, reused while the code that makes them is unchanged."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.db import migrate
from app.db.engine import make_engine, session_factory
from app.services import report_facts
from app.services.calendar_config import refresh_mirror_if_stale
from app.services.demo_seed import seed_demo

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Size:
    name: str
    clients: int
    incidents: int
    contacts: int | None = None
    years: int = 2
    seed: int = 7


SIZES = {
    "small": Size("small", clients=500, incidents=20_000),
    # Issue 5: a million incidents over ten years, 10,000 clients, 50,000 contacts.
    "full": Size("full", clients=10_000, incidents=1_000_000, contacts=50_000, years=10),
}


def cache_dir() -> Path:
    folder = Path(os.environ.get("HOTLINE_BENCH_CACHE", Path.home() / ".cache" / "hotline-bench"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _code_key(size: Size) -> str:
    """Changes whenever the seeder, the models or the migrations change: the cache is then rebuilt."""
    digest = hashlib.sha256(f"{size}|{migrate.head_revision()}".encode())
    sources = sorted(
        [
            *ROOT.glob("app/services/demo_*.py"),
            *ROOT.glob("app/db/models/*.py"),
            *ROOT.glob("migrations/versions/*.py"),
        ]
    )
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def dataset(size: Size, log: bool = True) -> Path:
    """The path of a ready data set of that size, building it first when the cache has none."""
    target = cache_dir() / f"hotline-{size.name}-{_code_key(size)}.sqlite3"
    if target.exists():
        return target
    # Data sets of other versions of the code, and what an interrupted build left.
    for stale in [
        *cache_dir().glob(f"hotline-{size.name}-*.sqlite3*"),
        *cache_dir().glob(f"hotline-{size.name}-*.building*"),
    ]:
        stale.unlink()
    building = target.with_suffix(".building")
    started = time.perf_counter()
    engine = make_engine(f"sqlite+pysqlite:///{building}")
    migrate.upgrade(engine)
    summary = seed_demo(
        engine,
        seed=size.seed,
        clients=size.clients,
        incidents=size.incidents,
        contacts=size.contacts,
        years=size.years,
    )
    with session_factory(engine).begin() as session:
        refresh_mirror_if_stale(session)
    # Every incident's report row kept, as the reports keep them once computed (the supervisor benchmark
    # reads a year of them).
    with session_factory(engine).begin() as session:
        report_facts.refresh(session, now=datetime.now(UTC))
    engine.dispose()
    # Closed before the rename: the last connection to close removes the log and its index.
    with closing(sqlite3.connect(building)) as conn:
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    building.rename(target)
    if log:
        print(
            f"data set {size.name}: {summary.clients} clients, {summary.contacts} contacts, "
            f"{summary.incidents} incidents, {summary.events} history lines, {summary.calls} calls, "
            f"built in {time.perf_counter() - started:.0f} s"
        )
    return target
