"""Saving new incidents on a copy of a data set, optionally under pyinstrument.

    python -m tests.benchmarks.bench_save [--size full] [--count 120] [--profile]

Each save is the benchmark's: a known caller of a random client, its own transaction. ``--profile`` needs
``pip install pyinstrument`` and prints where the time goes (the timings are then slower).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from app.db.engine import make_engine, session_factory
from app.db.models import Client, Contact
from app.services import incidents as svc
from tests.benchmarks.dataset import SIZES, dataset
from tests.benchmarks.harness import figure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hotline-save-") as folder:
        work = Path(folder) / "work.sqlite3"
        shutil.copyfile(dataset(SIZES[args.size]), work)
        engine = make_engine(f"sqlite+pysqlite:///{work}")
        sessions = session_factory(engine)
        with sessions.begin() as session:
            actor = svc.ensure_technician(session, "banc", "Banc d'essai", "BNC")
            callers = session.execute(
                select(Client.code, Contact.first_name, Contact.last_name).join(Contact, Contact.client_id == Client.id)
            ).all()
        rng = random.Random(2026)
        picks = [rng.choice(callers) for _ in range(args.count)]

        def save(code: str, first: str, last: str) -> None:
            with sessions.begin() as s:
                svc.create_incident(
                    s, actor, client_code=code, caller_name=f"{first} {last}", title="Imprimante bloquée"
                )

        save(*picks[0])  # the first save of a process builds the calendar
        profiler = None
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
            profiler.start()
        timings = []
        for pick in picks:
            started = time.perf_counter()
            save(*pick)
            timings.append((time.perf_counter() - started) * 1000)
        if profiler is not None:
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False))
        engine.dispose()
    result = figure(timings)
    print(f"save a new incident: median {result.median:.2f} ms, p95 {result.p95:.2f} ms over {result.count}")


if __name__ == "__main__":
    main()
