"""The `hotline` command: right answers, and one clear line with exit code 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.config import Settings, user_paths
from app.db import migrate


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, fragment: str = "") -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert fragment in lines[0]


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("hotline ")


def test_db_upgrade_then_check_then_current(capsys, tmp_path: Path) -> None:
    db = str(tmp_path / "solo.sqlite3")
    code, out, _ = run(capsys, "--db", db, "db", "upgrade")
    assert code == 0 and migrate.head_revision() in out
    code, out, _ = run(capsys, "--db", db, "db", "check", "--json")
    assert code == 0 and json.loads(out)["ok"] is True
    code, out, _ = run(capsys, "--db", db, "db", "current", "--json")
    assert code == 0 and json.loads(out)["at_head"] is True


def test_db_check_fails_on_drift(capsys, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "solo.sqlite3"
    assert run(capsys, "--db", str(db), "db", "upgrade")[0] == 0
    with sqlite3.connect(db) as conn:
        conn.execute("DROP INDEX ix_contacts_search_name")
    code, out, _ = run(capsys, "--db", str(db), "db", "check")
    assert code == 1 and "ne concordent pas" in out and "ix_contacts_search_name" in out


def test_db_check_on_a_database_behind_says_to_upgrade(capsys, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "empty.sqlite3"
    sqlite3.connect(db).close()
    code, out, _ = run(capsys, "--db", str(db), "db", "check")
    assert code == 1 and "hotline db upgrade" in out


def test_read_only_command_on_a_missing_file_writes_nothing(capsys, tmp_path: Path) -> None:
    db = tmp_path / "absent.sqlite3"
    code, _, err = run(capsys, "--db", str(db), "db", "current")
    assert_one_line_error(code, err, "Aucune base")
    assert not db.exists()


def test_station_set_and_show(capsys) -> None:
    code, out, _ = run(capsys, "station", "set", " ncy ")
    assert code == 0 and "NCY" in out
    assert Settings.load(user_paths()).station_code == "NCY"
    code, out, _ = run(capsys, "station", "show", "--json")
    assert code == 0 and json.loads(out)["station"] == "NCY"


@pytest.mark.parametrize("code_text", ["A", "TOOLONG", "AB+", "ZZ"])
def test_station_set_refuses_a_bad_code_and_saves_nothing(capsys, code_text: str) -> None:
    code, _, err = run(capsys, "station", "set", code_text)
    assert_one_line_error(code, err, "code poste")
    assert not user_paths().settings_file.exists()


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["db", "bogus"], "invalid choice"),
        (["demo", "seed", "--seed", "x"], "--seed"),
        (["demo", "seed", "--clients", "0"], "--clients"),
        (["demo", "seed", "--end", "2026-13-01"], "date invalide"),
        (["--db", "foo://nowhere", "db", "upgrade"], "URL de base de données invalide"),
        (["nonsense"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, argv: list[str], fragment: str) -> None:
    code, out, err = run(capsys, *argv)
    assert_one_line_error(code, err, fragment)
    assert out == ""


def test_schema_behind_is_refused_with_the_command_to_run(capsys, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "other.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE something (id INTEGER)")
    code, _, err = run(capsys, "--db", str(db), "gui", "--screenshot", str(tmp_path / "x.png"))
    assert_one_line_error(code, err, "hotline db upgrade")
    assert not (tmp_path / "x.png").exists()


def test_unreachable_server_is_one_line_and_exit_1(capsys) -> None:
    code, _, err = run(capsys, "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "db", "current")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "injoignable" in err


def test_the_installed_command_never_prints_a_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "station", "set", "Z"],
        capture_output=True,
        text=True,
        env={"HOTLINE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_importing_app_never_imports_qt() -> None:
    """DESIGN: `app/` has no Qt; every module under it imports without PySide6."""
    script = (
        "import importlib, pkgutil, sys, app\n"
        "for m in pkgutil.walk_packages(app.__path__, 'app.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6', 'ui')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


PG_LIKE = "postgresql+psycopg://hotline@db.agence.local:5432/hotline"


def test_db_password_goes_to_the_keyring_only(capsys, monkeypatch, memory_keyring) -> None:
    """R-30: the team database password is kept in the OS keyring, nowhere on disk."""
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pw\n"))
    code, out, _ = run(capsys, "--db", PG_LIKE, "db", "password", "--stdin")
    assert code == 0 and "trousseau" in out
    assert memory_keyring.store == {("hotline", "db:hotline@db.agence.local/hotline"): "s3cret-pw"}
    home = user_paths()
    for path in (home.config, home.data, home.log):
        for file in path.rglob("*"):
            assert not file.is_file() or b"s3cret-pw" not in file.read_bytes()


def test_db_password_without_a_keyring_says_it_will_be_asked(capsys, monkeypatch) -> None:
    import io

    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    code, _, err = run(capsys, "--db", PG_LIKE, "db", "password", "--stdin")
    assert code == 1 and "demandera" in err and len(err.strip().splitlines()) == 1


def test_db_password_refuses_sqlite(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "db", "password", "--stdin")
    assert_one_line_error(code, err, "SQLite")


def test_gui_without_a_screen_says_so_in_one_line(capsys, monkeypatch, tmp_path: Path) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(capsys, "--db", str(tmp_path / "solo.sqlite3"), "gui")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "aucun écran" in err
    assert not (tmp_path / "solo.sqlite3").exists()


def test_missing_x11_libraries_are_named_instead_of_a_qt_abort(capsys, monkeypatch, tmp_path: Path) -> None:
    import ctypes.util

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None if name == "xcb-cursor" else f"lib{name}.so")
    code, _, err = run(capsys, "--db", str(tmp_path / "solo.sqlite3"), "gui")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "libxcb-cursor0" in err
