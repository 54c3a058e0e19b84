"""``python -m tests.benchmarks [--size small|full] [--json]``: the benchmark table.

``small`` is the smoke run CI makes (it must run and print the table; targets are not judged);
``full`` is the million-incident run whose figures go to ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.benchmarks import suite_core
from tests.benchmarks.dataset import SIZES, dataset
from tests.benchmarks.harness import Result, as_json, render


def _machine() -> str:
    cpus = os.cpu_count()
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        memory = 0.0
    return (
        f"{platform.system()} {platform.machine()}, {cpus} cores, {memory:.0f} GiB, Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--rounds", type=int, default=None, help="repetitions per benchmark")
    args = parser.parse_args(argv)
    size = SIZES[args.size]
    judge = args.size == "full"
    rounds = args.rounds or (60 if judge else 10)
    started = time.perf_counter()
    cached = dataset(size, log=not args.json)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="hotline-bench-") as folder:
        # The cached data set stays pristine: benchmarks that write (saves) work on a copy.
        work = Path(folder) / "work.sqlite3"
        shutil.copyfile(cached, work)
        results += suite_core.run(work, judge, rounds)
        gui = _gui_results(work, size.name, judge, rounds)
        results += gui
    elapsed = time.perf_counter() - started
    meta = {
        "size": size.name,
        "clients": size.clients,
        "incidents": size.incidents,
        "machine": _machine(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": round(elapsed),
    }
    if args.json:
        print(as_json(results, meta))
    else:
        header = (
            f"Benchmarks, size {size.name} ({size.clients} clients, {size.incidents} incidents), "
            f"{meta['date']}, {meta['machine']}, {elapsed:.0f} s"
        )
        print(render(results, header))
    if judge and any(r.met is False for r in results):
        return 1
    return 0


def _gui_results(db: Path, size: str, judge: bool, rounds: int) -> list[Result]:
    try:
        from tests.benchmarks import suite_gui
    except ImportError:  # the GUI suite is optional until it exists
        return []
    return suite_gui.run(db, size, judge, rounds)


if __name__ == "__main__":
    sys.exit(main())
