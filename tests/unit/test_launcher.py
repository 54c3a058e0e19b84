"""The ``hotline`` command holds the start's garbage collections and always gives them back."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from app.launcher import hold_collections, resume_collections
from ui.app import freeze_startup_objects

# Runs the command in a child process, then says whether collections are on and how many objects the
# start froze out of the collector's reach.
PROBE = (
    "import gc, sys; from app import launcher; sys.argv = ['hotline', *{argv!r}]; "
    "code = launcher.main(); print(); print(code, gc.isenabled(), gc.get_freeze_count() > 10_000)"
)


def _run(argv: list[str], tmp_path: Path) -> str:
    env = {"HOTLINE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, env=env, timeout=120
    )
    return result.stdout.strip().splitlines()[-1]


def test_a_command_runs_with_collections_back_on(tmp_path: Path) -> None:
    database = tmp_path / "h.sqlite3"
    assert _run(["--db", str(database), "db", "upgrade"], tmp_path) == "0 True True"


def test_bad_input_gives_them_back_too(tmp_path: Path) -> None:
    assert _run(["--db", str(tmp_path / "none" / "h.sqlite3"), "db", "current"], tmp_path) == "2 True True"


def test_the_window_resumes_them_once_built() -> None:
    try:
        hold_collections()
        freeze_startup_objects()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        resume_collections()
        gc.enable()
        gc.unfreeze()


def test_the_window_starts_with_them_held(tmp_path: Path) -> None:
    database, shot = tmp_path / "h.sqlite3", tmp_path / "shot.png"
    assert _run(["--db", str(database), "gui", "--screenshot", str(shot)], tmp_path) == "0 True True"
    assert shot.stat().st_size > 10_000


def test_python_dash_m_app_is_the_command() -> None:
    result = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip()
