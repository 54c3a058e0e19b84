"""``hotline staff``: roles are given by an administrator (R-30), the first one on a database without any
sets the team up, each change is audited, and a supervisor then gets the supervisor's report."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.config import Settings, user_paths


@pytest.fixture
def db(tmp_path: Path, capsys) -> str:
    path = str(tmp_path / "hl.sqlite3")
    assert main(["--db", path, "db", "upgrade"]) == 0
    assert main(["station", "set", "NCY"]) == 0
    capsys.readouterr()
    return path


def login_as(login: str) -> None:
    settings = Settings.load()
    settings.technician_login = login
    settings.save(user_paths())


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_first_administrator_then_only_administrators_give_roles(capsys, db: str) -> None:
    login_as("lcollignon")
    code, out, _ = run(capsys, "--db", db, "staff", "role", "lcollignon", "admin", "--name", "Laurent Collignon")
    assert code == 0 and "administrateur" in out
    code, out, _ = run(capsys, "--db", db, "staff", "role", "cmangin", "superviseur", "--name", "Céline Mangin")
    assert code == 0 and "Céline Mangin (cmangin) : superviseur." in out
    login_as("cmangin")  # a supervisor is not an administrator
    code, out, err = run(capsys, "--db", db, "staff", "role", "cmangin", "admin")
    assert code == 2 and out == "" and "Seul un administrateur" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "--db", db, "staff", "list")
    assert code == 0 and "cmangin" in out and "Superviseur" in out and "Administrateur" in out
    code, out, _ = run(capsys, "--db", db, "audit", "verify")
    assert code == 0 and "2 entrées" in out


def test_bad_input_is_one_line(capsys, db: str) -> None:
    code, _, err = run(capsys, "--db", db, "staff", "role", "personne", "chef")
    assert code == 2 and "rôle inconnu" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "--db", db, "staff", "role", "personne", "superviseur")
    assert code == 2 and "donnez son nom complet" in err
    code, out, _ = run(capsys, "--db", db, "staff", "list")
    assert code == 0 and "Aucun membre" in out


def test_a_technician_made_supervisor_gets_the_supervisor_report(capsys, db: str, tmp_path: Path) -> None:
    login_as("jdupont")
    code, _, _ = run(capsys, "--db", db, "staff", "role", "jdupont", "technicien", "--name", "Jean Dupont")
    assert code == 0
    target = tmp_path / "mars.csv"
    argv = ["--db", db, "report", "supervisor", "--from", "2026-03-01", "--to", "2026-03-31", "-o", str(target)]
    code, _, err = run(capsys, *argv)
    assert code == 2 and "réservé aux superviseurs" in err and not target.exists()
    code, _, _ = run(capsys, "--db", db, "staff", "role", "jdupont", "superviseur")
    assert code == 0  # no administrator yet: the team is still being set up
    code, _, _ = run(capsys, *argv)
    assert code == 0 and target.exists()
