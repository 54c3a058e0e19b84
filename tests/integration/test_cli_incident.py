"""`hotline incident …` and `hotline call …`: a whole call from the command line (R-04, R-10, R-14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.db.engine import make_engine, session_factory
from tests.integration.incident_fixtures import build_world


@pytest.fixture
def db(tmp_path: Path, capsys) -> str:
    path = str(tmp_path / "hl.sqlite3")
    assert main(["--db", path, "db", "upgrade"]) == 0
    engine = make_engine(f"sqlite:///{path}")
    with session_factory(engine).begin() as session:
        build_world(session)
    engine.dispose()
    assert main(["station", "set", "NCY"]) == 0
    capsys.readouterr()
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_whole_incident_from_the_command_line(capsys, db: str) -> None:
    code, out, _ = run(
        capsys, "--db", db, "incident", "new", "--client", "C54001", "--caller", "Élodie Durand",
        "--product", "FIN", "--title", "Mandats bloqués", "--json",
    )  # fmt: skip
    assert code == 0
    number = json.loads(out)["number"]
    steps = [
        ["diagnose", number, "--origin", "feature", "--estimate", "45"],
        ["workaround", number, "--text", "Éditer un par un"],
        ["accept-workaround", number, "--by", "Élodie Durand"],
        ["resolve", number, "--text", "Correctif installé"],
        ["close", number],
        ["reopen", number, "--reason", "Revenu"],
        ["note", number, "--text", "Rappel prévu"],
        ["wait", number, "information"],
        ["exclude", number, "non_conforming_use"],
    ]
    for step in steps:
        code, out, err = run(capsys, "--db", db, "incident", *step, "--json")
        assert code == 0, err
    code, out, _ = run(capsys, "--db", db, "incident", "show", number.lower(), "--json")
    data = json.loads(out)
    assert data["status"] == "diagnosed" and data["waiting"] == "information" and data["out_of_contract"]
    assert len(data["history"]) >= 10
    code, out, _ = run(capsys, "--db", db, "incident", "list", "--client", "C54001", "--search", "mandats", "--json")
    assert json.loads(out)["total"] == 1


def test_calls_are_timed_per_station(capsys, db: str) -> None:
    assert run(capsys, "--db", db, "call", "start", "--client", "HL540001", "--service", "backup")[0] == 0
    code, _, err = run(capsys, "--db", db, "call", "start", "--client", "C54001")
    assert code == 2 and "déjà en cours" in err
    code, out, _ = run(capsys, "--db", db, "call", "stop", "--json")
    assert code == 0 and json.loads(out)["client"] == "C54001"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["incident", "new", "--client", "C99999", "--caller", "X", "--title", "t"], "Aucun client"),
        (["incident", "new", "--client", "C54001", "--caller", "X", "--title", "  "], "titre"),
        (["incident", "new", "--client", "C54001", "--caller", "X", "--title", "t", "--channel", "fax"], "fax"),
        (["incident", "diagnose", "NCY-2600001-X", "--origin", "weather", "--estimate", "5"], "weather"),
        (["incident", "list", "--status", "lost"], "lost"),
        (["incident", "show", "NCY-26"], "longueur"),
        (["call", "stop"], "Aucun appel"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(capsys, db: str, argv, fragment) -> None:
    code, out, err = run(capsys, "--db", db, *argv)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and fragment in err
    code, out, _ = run(capsys, "--db", db, "incident", "list", "--json")
    assert json.loads(out)["total"] == 0


def test_a_refused_transition_is_one_line(capsys, db: str) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "incident",
        "new",
        "--client",
        "C54001",
        "--caller",
        "Élodie Durand",
        "--title",
        "t",
        "--json",
    )
    number = json.loads(out)["number"]
    code, _, err = run(capsys, "--db", db, "incident", "close", number)
    assert code == 2 and "Clore" in err and len(err.strip().splitlines()) == 1
