"""Saving new incidents on a copy of a data set, beside the same rows written by SQLite alone.

    python -m tests.benchmarks.bench_save [--size full] [--count 120] [--pause S] [--profile]
                                          [--db FILE [--in-place]]

Each save is the benchmark's: a known caller of a random client, its own transaction. The baseline is the
runner's (``suite_core``): the rows a save writes, written by the raw driver with the app's pragmas.
``--profile`` needs ``pip install pyinstrument`` and prints where the time goes (the timings are then
slower). ``--pause`` waits that many seconds before each save, as calls come in at a desk, instead of
saving back to back as the runner does (the baseline's rows are still written back to back). ``--db``
takes another SQLite file than the cached data set; ``--in-place`` writes into it instead of a copy (a
few hundred incidents more each run, for interleaved runs on one file).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from app.db.engine import checkpointer, make_engine, session_factory
from app.db.models import Client, Contact
from app.services import incidents as svc
from tests.benchmarks.dataset import SIZES, dataset
from tests.benchmarks.harness import figure
from tests.benchmarks.suite_core import raw_same_rows, settle_on_disk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--pause", type=float, default=0.0)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--in-place", action="store_true")
    args = parser.parse_args()
    source = args.db or dataset(SIZES[args.size])
    with tempfile.TemporaryDirectory(prefix="hotline-save-") as folder:
        if args.in_place:
            work = source
        else:
            work = Path(folder) / "work.sqlite3"
            shutil.copyfile(source, work)
        settle_on_disk(work)
        engine = make_engine(f"sqlite+pysqlite:///{work}")
        sessions = session_factory(engine)
        with sessions.begin() as session:
            actor = svc.ensure_technician(session, "banc", "Banc d'essai", "BNC")
            callers = session.execute(
                select(Client.code, Contact.first_name, Contact.last_name, Client.id, Client.name, Contact.id).join(
                    Contact, Contact.client_id == Client.id
                )
            ).all()
        rng = random.Random(2026)
        picks = [rng.choice(callers) for _ in range(args.count)]

        def save(code: str, first: str, last: str) -> None:
            with sessions.begin() as s:
                svc.create_incident(
                    s, actor, client_code=code, caller_name=f"{first} {last}", title="Imprimante bloquée"
                )

        save(*picks[0][:3])  # the first save of a process builds the calendar
        log = checkpointer(engine)
        if log is not None:
            log.flush()  # the saves and the baseline start from the same copied log
        profiler = None
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
            profiler.start()
        timings = []
        for pick in picks:
            if args.pause:
                time.sleep(args.pause)
            started = time.perf_counter()
            save(*pick[:3])
            timings.append((time.perf_counter() - started) * 1000)
        if profiler is not None:
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False))
        if log is not None:
            log.flush()
        engine.dispose()
        baseline = raw_same_rows(work, picks, actor.technician_id)
    result = figure(timings)
    slowest = sorted(timings)[-3:]
    print(
        f"save a new incident: median {result.median:.2f} ms, p95 {result.p95:.2f} ms over {result.count}"
        f" (slowest {', '.join(f'{t:.1f}' for t in slowest)} ms)"
    )
    print(
        f"the same rows by raw sqlite3: median {baseline.median:.2f} ms, p95 {baseline.p95:.2f} ms; "
        f"p95 ratio {result.p95 / baseline.p95:.2f} × (target ≤ 3 ×, and save p95 ≤ 20 ms)"
    )


if __name__ == "__main__":
    main()
