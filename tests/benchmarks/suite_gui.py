"""GUI benchmarks, each in fresh processes: cold start against a bare PySide6 window, opening the
incident list (first rows painted, peak memory) and scrolling 10,000 rows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.harness import Figure, Result, figure

RUNS = {"small": 3, "full": 5}


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "HOTLINE_HOME": str(home)})
    env.pop("HOTLINE_DB", None)
    return env


def _wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


def run(db: Path, size: str, judge: bool, _rounds: int) -> list[Result]:
    runs = RUNS.get(size, 3)
    with tempfile.TemporaryDirectory(prefix="hotline-gui-bench-") as folder:
        home = Path(folder)
        env = _env(home)
        probe = [sys.executable, "-m", "tests.benchmarks.gui_probe"]
        bare, app = [], []
        for i in range(runs):  # interleaved, so that drift affects both alike
            bare.append(_wall([*probe, "bare", "-", str(home / f"bare{i}.json")], env))
            app.append(
                _wall(
                    [sys.executable, "-m", "app.cli", "--db", str(db), "gui", "--screenshot", str(home / f"a{i}.png")],
                    env,
                )
            )
        start, floor = figure(app), figure(bare)
        lists = []
        for i in range(runs):
            out = home / f"list{i}.json"
            subprocess.run([*probe, "list", str(db), str(out)], env=env, check=True, capture_output=True, timeout=600)
            lists.append(json.loads(out.read_text()))
    results = [
        Result(
            "cold start to main window shown and idle",
            "s",
            start,
            floor,
            "≤ 2.5 × baseline",
            (start.p95 <= 2.5 * floor.p95) if judge else None,
            "baseline: bare PySide6 window",
        )
    ]
    opened = figure(r["open_ms"] for r in lists)
    rss = figure(r["rss_mb"] for r in lists)
    results.append(
        Result(
            "open the incident list, first rows painted",
            "ms",
            opened,
            None,
            "≤ 300 ms",
            (opened.p95 <= 300) if judge else None,
            f"{lists[0]['total']} incidents",
        )
    )
    results.append(
        Result("peak memory with the list open", "MB", rss, None, "≤ 400 MB", (rss.p95 <= 400) if judge else None)
    )
    scroll = figure(r["scroll_ms"] for r in lists)
    gap = figure(r["max_gap_ms"] for r in lists)
    results.append(
        Result(
            "scroll 10,000 rows of the list",
            "ms",
            scroll,
            None,
            "≤ 1 s",
            (scroll.p95 <= 1000) if judge else None,
            f"{min(r['rows'] for r in lists)} rows reached",
        )
    )
    results.append(
        Result(
            "longest frame while scrolling",
            "ms",
            gap,
            None,
            "no frame over 50 ms",
            (gap.p95 <= 50) if judge else None,
        )
    )
    return results


__all__ = ["Figure", "run"]
