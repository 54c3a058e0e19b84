"""Time the demo seeder on 20,000 incidents in a temporary SQLite file (target: under 30 s).

Run with ``python -m tests.benchmarks.bench_demo_seed [incidents] [clients] [years]``; not a pytest test.
The full data set of the benchmarks (1,000,000 incidents over 10 years, 10,000 clients, 50,000 contacts)
is built by ``hotline demo seed`` with ``--years 10 --contacts 50000`` (target: under 300 s).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from app.db import migrate
from app.db.engine import make_engine
from app.services.demo_seed import seed_demo

TARGET_SECONDS = 30.0


def main(argv: list[str]) -> int:
    """Seed a fresh file, print the row counts and the elapsed seconds; exit 1 over the target."""
    incidents = int(argv[0]) if argv else 20_000
    clients = int(argv[1]) if len(argv) > 1 else 300
    years = int(argv[2]) if len(argv) > 2 else 2
    with tempfile.TemporaryDirectory(prefix="hotline-bench-") as folder:
        engine = make_engine(f"sqlite+pysqlite:///{Path(folder) / 'bench.sqlite3'}")
        migrate.upgrade(engine)
        started = time.perf_counter()
        summary = seed_demo(engine, seed=7, clients=clients, incidents=incidents, years=years)
        elapsed = time.perf_counter() - started
        engine.dispose()
    print(
        f"{summary.clients} clients, {summary.contacts} contacts, {summary.incidents} incidents, "
        f"{summary.events} events, {summary.calls} calls"
    )
    print(f"seed_demo: {elapsed:.2f} s (target < {TARGET_SECONDS:.0f} s)")
    return 0 if elapsed < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
