"""`hotline demo seed --years N --contacts N`: the options reach the seeder; bad values are one line, exit 2."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.services.demo_seed import recent_end


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, fragment: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert fragment in lines[0]


def test_years_and_contacts_reach_the_seeder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "long.sqlite3"
    code, out, err = run(
        capsys,
        *("--db", str(db), "demo", "seed", "--clients", "40", "--contacts", "200"),
        *("--incidents", "800", "--years", "5", "--json"),
    )
    assert code == 0, err
    summary = json.loads(out)
    assert summary["clients"] == 40 and summary["incidents"] == 800
    assert 180 <= summary["contacts"] <= 220
    with closing(sqlite3.connect(db)) as conn:
        first_opened = conn.execute("SELECT min(opened_at) FROM incidents").fetchone()[0]
    # Five years back, well beyond the default two (the first incidents wait for the first contracts).
    assert date.fromisoformat(first_opened[:10]) < recent_end() - timedelta(days=3 * 365)


def test_defaults_are_unchanged(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "default.sqlite3"
    code, out, err = run(capsys, "--db", str(db), "demo", "seed", "--clients", "30", "--incidents", "300", "--json")
    assert code == 0, err
    with closing(sqlite3.connect(db)) as conn:
        first_opened = conn.execute("SELECT min(opened_at) FROM incidents").fetchone()[0]
    assert date.fromisoformat(first_opened[:10]) >= recent_end() - timedelta(days=2 * 365)
    assert 2 * 30 <= json.loads(out)["contacts"] <= 6 * 30


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["--years", "0"], "--years"),
        (["--years", "11"], "--years"),
        (["--years", "deux"], "--years"),
        (["--contacts", "0"], "--contacts"),
        (["--contacts", "beaucoup"], "--contacts"),
        # Within argparse's bounds but not for these clients: the seeder refuses it in French.
        (["--clients", "10", "--contacts", "5"], "nombre de contacts"),
        (["--clients", "10", "--contacts", "201"], "nombre de contacts"),
    ],
)
def test_bad_values_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, options: list[str], fragment: str
) -> None:
    db = tmp_path / "refused.sqlite3"
    code, out, err = run(capsys, "--db", str(db), "demo", "seed", "--incidents", "0", *options)
    assert_one_line_error(code, err, fragment)
    assert out == ""
    if db.exists():
        with closing(sqlite3.connect(db)) as conn:
            assert conn.execute("SELECT count(*) FROM clients").fetchone()[0] == 0
