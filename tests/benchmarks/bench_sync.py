"""Portal sync on loopback against the reference portal: pull 10,000 portal incidents, push 1,000 changes.

Run with ``python -m tests.benchmarks.bench_sync [pull] [push] [--profile]``. Printed, not judged by a
test; the targets (issue 5's list) are a pull of 10,000 in at most 60 s and a push of 1,000 in at most
30 s. Three phases are timed on a fresh SQLite database:

- **pull**: both feeds read and applied (10,000 portal declarations, their comments, the directory);
- **numbers back**: the upserts giving those incidents their hotline number (R-10), pushed;
- **push**: 1,000 status changes made at the hotline (each an upsert and a public event), pushed.
"""

from __future__ import annotations

import cProfile
import logging
import pstats
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.db.models import Incident, OutboxOperation
from app.domain.vocabulary import Channel, IncidentStatus, Origin
from app.services import incidents as svc
from app.services import outbox
from app.sync.client import PortalClient
from app.sync.engine import SyncEngine, SyncReport
from tests.integration.sync_workload import EPOCH, new_hotline
from tests.portal_sim import start_portal

PULL_TARGET_S = 60.0
PUSH_TARGET_S = 30.0


@dataclass(frozen=True)
class SyncFigures:
    pulled_incidents: int
    pull_records: int
    pull_s: float
    numbers_pushed: int
    numbers_s: float
    changes: int
    push_operations: int
    push_s: float
    pull_cpu_s: float = 0.0  # this process's CPU time (the portal runs in it too): the figure without contention
    push_cpu_s: float = 0.0


def _pending(sessions) -> int:  # type: ignore[no-untyped-def]
    with sessions() as session:
        return session.execute(
            select(func.count()).select_from(OutboxOperation).where(OutboxOperation.state == outbox.PENDING)
        ).scalar_one()


def measure(pull: int = 10_000, push: int = 1_000, profile: cProfile.Profile | None = None) -> SyncFigures:
    """Time the three phases on a fresh database in a temporary folder."""
    quiet = logging.getLogger("app.sync.engine")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # the seeded consent is quarantined on purpose: no warning in the table
    try:
        return _measure(pull, push, profile)
    finally:
        quiet.setLevel(level)


def _measure(pull: int, push: int, profile: cProfile.Profile | None) -> SyncFigures:
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        db = Path(tmp) / "hotline.sqlite3"
        hotline = new_hotline(db)
        try:
            with start_portal(seed=5, seed_incidents=pull, hotline_db=str(db), epoch=EPOCH) as portal:
                client = PortalClient(portal.url, portal.token)
                engine = SyncEngine(hotline.sessions, client, "NCY", rng=random.Random(1))
                report = SyncReport()
                if profile:
                    profile.enable()
                started, cpu = time.perf_counter(), time.process_time()
                for feed in ("directory", "incidents"):
                    engine._pull(feed, report)
                pull_s, pull_cpu = time.perf_counter() - started, time.process_time() - cpu
                numbers = _pending(hotline.sessions)
                started = time.perf_counter()
                engine._push(report)
                numbers_s = time.perf_counter() - started
                if profile:
                    profile.disable()
                with hotline.sessions() as session:
                    pulled = session.execute(
                        select(func.count()).select_from(Incident).where(Incident.channel == Channel.PORTAL)
                    ).scalar_one()
                pull_records = report.pulled

                with hotline.sessions.begin() as session:
                    rows = session.execute(
                        select(Incident.number)
                        .where(Incident.status == IncidentStatus.NEW)
                        .order_by(Incident.number)
                        .limit(push)
                    ).scalars()
                    for number in rows:
                        svc.diagnose(session, hotline.actor, number, Origin.USAGE, 20)
                operations = _pending(hotline.sessions)
                if profile:
                    profile.enable()
                started, cpu = time.perf_counter(), time.process_time()
                report = engine.run_once()
                push_s, push_cpu = time.perf_counter() - started, time.process_time() - cpu
                if profile:
                    profile.disable()
                assert report.error is None and report.pending == 0, report.as_dict()
                client.close()
        finally:
            hotline.dispose()
    return SyncFigures(pulled, pull_records, pull_s, numbers, numbers_s, push, operations, push_s, pull_cpu, push_cpu)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    pull = int(args[0]) if args else 10_000
    push = int(args[1]) if len(args) > 1 else 1_000
    profile = cProfile.Profile() if "--profile" in argv else None
    f = measure(pull, push, profile)
    print(f"Portal sync on loopback (reference portal), {pull:,} portal incidents, {push:,} changes")
    print(
        f"pull:          {f.pulled_incidents:,} incidents ({f.pull_records:,} records) in {f.pull_s:.1f} s "
        f"(CPU {f.pull_cpu_s:.1f} s) = {f.pull_records / f.pull_s:,.0f} records/s   "
        f"target ≤ {PULL_TARGET_S:.0f} s for 10,000"
    )
    print(
        f"numbers back:  {f.numbers_pushed:,} upserts in {f.numbers_s:.1f} s = {f.numbers_pushed / f.numbers_s:,.0f}/s"
    )
    print(
        f"push:          {f.changes:,} status changes ({f.push_operations:,} operations) in {f.push_s:.1f} s "
        f"(CPU {f.push_cpu_s:.1f} s) = {f.push_operations / f.push_s:,.0f} operations/s   "
        f"target ≤ {PUSH_TARGET_S:.0f} s for 1,000"
    )
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
