"""What every benchmark of the runner returns, and the table it prints.

Each figure is compared with a baseline measured in the same run wherever one makes sense (the best the
machine can do for the same work), because absolute times drift on shared machines.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Figure:
    median: float
    p95: float
    count: int


def figure(samples: Iterable[float]) -> Figure:
    """Median and 95th percentile (nearest rank) of some timings."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("no samples")
    rank = max(1, round(0.95 * len(ordered)))
    return Figure(statistics.median(ordered), ordered[rank - 1], len(ordered))


@contextmanager
def frozen_setup() -> Iterator[None]:
    """Time as the running app would: it freezes what its start built out of the collector's reach
    (``ui.app.freeze_startup_objects``), so the benchmark's own set-up (tens of thousands of rows read
    to choose from) is frozen too, rather than traversed by the collections of the timed calls."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def timed_ms(calls: Iterable[Callable[[], object]]) -> Figure:
    """Run each call once and time it, in milliseconds."""
    timings = []
    for call in calls:
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return figure(timings)


@dataclass(frozen=True)
class Result:
    name: str
    unit: str
    value: Figure
    baseline: Figure | None
    target: str
    met: bool | None  # None: no target can be judged (e.g. a smoke run)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline.p95 == 0:
            return None
        return self.value.p95 / self.baseline.p95


def render(results: list[Result], header: str) -> str:
    """The table the runner prints (and `docs/performance.md` keeps)."""
    lines = [
        header,
        "",
        "| benchmark | median | p95 | baseline p95 | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        baseline = f"{r.baseline.p95:.2f} {r.unit}" if r.baseline else "—"
        ratio = f"{r.ratio:.2f} ×" if r.ratio is not None else "—"
        met = {True: "yes", False: "**NO**", None: "—"}[r.met]
        note = f" ({r.note})" if r.note else ""
        lines.append(
            f"| {r.name}{note} | {r.value.median:.2f} {r.unit} | {r.value.p95:.2f} {r.unit} | {baseline} | "
            f"{ratio} | {r.target} | {met} |"
        )
    return "\n".join(lines)


def as_json(results: list[Result], meta: dict[str, object]) -> str:
    rows = []
    for r in results:
        row = asdict(r)
        row["ratio"] = r.ratio
        rows.append(row)
    return json.dumps({"meta": meta, "results": rows}, ensure_ascii=False, indent=2)
