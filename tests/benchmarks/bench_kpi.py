"""Time to compute the supervisor's full KPI set for a year (with the previous year for comparison).

Run with ``python -m tests.benchmarks.bench_kpi [--size small|full] [--db FILE] [--year 2025]``: on the
cached benchmark data set (built first when missing) or on any SQLite file, read through a read-only
connection after the rows of incidents changed since the last computation are kept, as the dashboard does. The target
is under 2 s for a year of the 1,000,000-incident data set; the figure printed is the median of the runs
after a first, warming one (and the slowest), with the time of each query family.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, date, datetime
from pathlib import Path

from app.db.engine import make_engine, session_factory
from app.domain.reporting import Period
from app.services.reporting import keep_durations, supervisor_report

TARGET_SECONDS = 2.0


def kpi_seconds(db: Path, year: int, runs: int = 3) -> list[float]:
    """Wall-clock seconds of each full computation (the first run warms the page cache)."""
    engine = make_engine(f"sqlite+pysqlite:///file:{db}?mode=ro&uri=true")
    writing = make_engine(f"sqlite+pysqlite:///{db}")
    writer = session_factory(writing)
    period = Period.of(date(year, 1, 1), date(year, 12, 31))
    now = datetime(year + 1, 11, 30, tzinfo=UTC)
    timings = []
    sessions = session_factory(engine)
    try:
        with sessions() as session:
            for _ in range(runs + 1):
                started = time.perf_counter()
                # As the dashboard makes it: the rows of the incidents changed since the last computation
                # kept first (in the runner, those its save benchmark created; none after the first run),
                # then half the statements on a second connection.
                keep_durations(writer, period, now, before=True)
                session.rollback()  # a fresh read transaction, after what was just kept
                report = supervisor_report(session, period, now=now, alongside=sessions)
                timings.append(time.perf_counter() - started)
    finally:
        engine.dispose()
        writing.dispose()
    print(
        f"{period.label()}: {report.current.opened} incidents opened, {report.current.resolved} resolved, "
        f"{report.current.calls} calls"
    )
    return timings[1:]


def main() -> None:
    from tests.benchmarks.dataset import SIZES, dataset

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--db", type=Path, help="an SQLite file instead of the cached data set")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    db = args.db or dataset(SIZES[args.size])
    timings = sorted(kpi_seconds(db, args.year, args.runs))
    median = timings[len(timings) // 2]
    verdict = "met" if median < TARGET_SECONDS else "NOT met"
    print(
        f"full KPI set for {args.year} (and {args.year - 1}): median {median:.2f} s, slowest {timings[-1]:.2f} s "
        f"over {len(timings)} runs — target < {TARGET_SECONDS:.0f} s {verdict}"
    )


if __name__ == "__main__":
    main()
