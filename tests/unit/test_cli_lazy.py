"""Starting the GUI imports no sub-command module (PDF fonts, every model): they cost half a second."""

from __future__ import annotations

import subprocess
import sys

from app.cli import _modules_for

PROBE = (
    "import sys; from app.cli import build_parser; build_parser({argv!r}); "
    "print(sorted(m for m in sys.modules if m.startswith(('app.cli_', 'app.reports')) and m != 'app.cli_support'))"
)


def _loaded(argv: list[str]) -> str:
    result = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_the_gui_needs_no_sub_command_module() -> None:
    assert _loaded([]) == "[]"
    assert _loaded(["--db", "x.sqlite3", "gui", "--screenshot", "a.png"]) == "[]"


def test_a_command_imports_only_its_own_module() -> None:
    assert _loaded(["--demo", "incident", "list"]) == "['app.cli_incident']"


def test_help_and_unknown_words_register_every_command() -> None:
    every = _modules_for(["--help"])
    assert "cli_report" in every and "cli_rota" in every
    assert _modules_for(["nope"]) == every
    assert _modules_for(["--db=x", "db", "upgrade"]) == []
