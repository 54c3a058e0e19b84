"""Calls per second of the hotline calendar arithmetic (R-17), over random instants 2020–2040.

Run with ``python -m tests.benchmarks.bench_calendar [calls]``. The issue asks for at least 100,000
``business_minutes`` calls a second; the figure printed here is the one to report.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime

from app.domain.hotline_calendar import PARIS, Closure, HotlineCalendar

TARGET_PER_SECOND = 100_000


def _calendar() -> HotlineCalendar:
    # A realistic configuration: two training days and a few closures a year, so the interval list has
    # its real shape.
    years = range(2020, 2041)
    training = [date(year, 3, 12) for year in years] + [date(year, 10, 8) for year in years]
    closures = [Closure.on(date(year, 12, 24), "Réveillon") for year in years]
    closures += [
        Closure.between(datetime(year, 7, 3, 14, 0), datetime(year, 7, 3, 17, 0), "Déménagement") for year in years
    ]
    return HotlineCalendar(training_days=training, closures=closures, first_year=2020, last_year=2040)


def _random_instants(count: int, seed: int) -> list[tuple[datetime, datetime]]:
    rng = random.Random(seed)
    lo = datetime(2020, 1, 1, tzinfo=PARIS).timestamp()
    hi = datetime(2040, 12, 1, tzinfo=PARIS).timestamp()
    pairs = []
    for _ in range(count):
        a = lo + rng.random() * (hi - lo)
        # Incident durations: from minutes to a few weeks, the usual shape of service-level questions.
        b = a + rng.expovariate(1 / (3 * 86_400))
        zone = PARIS if rng.random() < 0.5 else UTC
        pairs.append((datetime.fromtimestamp(a, tz=zone), datetime.fromtimestamp(b, tz=zone)))
    return pairs


def _rate(label: str, calls: int, run: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    rate = calls / best
    per_call = best * 1e6 / calls
    print(f"{label:<24} {rate:>12,.0f} calls/s  ({per_call:.2f} µs per call, best of 3 × {calls:,})")
    return rate


def main(argv: list[str]) -> int:
    """Print calls per second; exit code 1 when business_minutes is under the target."""
    calls = int(argv[0]) if argv else 200_000
    started = time.perf_counter()
    calendar = _calendar()
    print(f"calendar build (2020–2040)  {time.perf_counter() - started:.3f} s")
    pairs = _random_instants(calls, seed=20260514)
    business_minutes = calendar.business_minutes
    add_business_minutes = calendar.add_business_minutes
    minutes = [random.Random(7).uniform(0, 5_000) for _ in range(calls)]
    starts = [a for a, _ in pairs]

    def run_business() -> None:
        for a, b in pairs:
            business_minutes(a, b)

    def run_add() -> None:
        for a, n in zip(starts, minutes, strict=True):
            add_business_minutes(a, n)

    rate = _rate("business_minutes", calls, run_business)
    _rate("add_business_minutes", calls, run_add)
    is_open = calendar.is_open

    def run_is_open() -> None:
        for a in starts:
            is_open(a)

    _rate("is_open", calls, run_is_open)
    verdict = "OK" if rate >= TARGET_PER_SECOND else "UNDER TARGET"
    print(f"business_minutes target {TARGET_PER_SECOND:,} calls/s: {verdict}")
    return 0 if rate >= TARGET_PER_SECOND else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
