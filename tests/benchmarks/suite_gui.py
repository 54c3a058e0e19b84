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
    """The children's environment. Python writes their compiled modules to a folder of the run (an
    installed app has them, compiled at install; a machine that forbids writing them,
    ``PYTHONDONTWRITEBYTECODE``, would otherwise have every start compile the app's sources again)."""
    env = dict(os.environ)
    env.update(
        {"QT_QPA_PLATFORM": "offscreen", "HOTLINE_HOME": str(home), "PYTHONPYCACHEPREFIX": str(home / "pycache")}
    )
    env.pop("HOTLINE_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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
        bare_start = [*probe, "bare", "-", str(home / "bare.json")]
        stack_start = [*probe, "stack", "-", str(home / "stack.json")]
        app_start = [sys.executable, "-m", "app", "--db", str(db), "gui", "--screenshot", str(home / "app.png")]
        for command in (bare_start, stack_start, app_start):  # untimed: compiles the modules, as an install does
            _wall(command, env)
        bare, stack, app = [], [], []
        for _ in range(runs):  # interleaved, so that drift affects all alike
            bare.append(_wall(bare_start, env))
            stack.append(_wall(stack_start, env))
            app.append(_wall(app_start, env))
        start, floor, stack_floor = figure(app), figure(bare), figure(stack)
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
        ),
        Result(
            "cold start to main window shown and idle",
            "s",
            start,
            stack_floor,
            "— (reference)",
            None,
            "beside the fixed stack alone: PySide6, SQLAlchemy and its ORM, the mapped models, a bare window",
        ),
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
