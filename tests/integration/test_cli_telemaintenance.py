"""`hotline telemaintenance …`: a whole remote intervention from the command line (R-18), and its refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli import main
from app.db.engine import make_engine, session_factory
from tests.integration.incident_fixtures import build_world


@pytest.fixture
def db(tmp_path: Path, capsys) -> tuple[str, str]:
    path = str(tmp_path / "hl.sqlite3")
    assert main(["--db", path, "db", "upgrade"]) == 0
    engine = make_engine(f"sqlite:///{path}")
    with session_factory(engine).begin() as session:
        build_world(session)
    engine.dispose()
    assert main(["station", "set", "NCY"]) == 0
    assert main(["--db", path, "incident", "new", "--client", "C54001", "--caller", "Élodie Durand",
                 "--title", "Mandats en double", "--json"]) == 0  # fmt: skip
    number = json.loads(_last_json(capsys))["number"]
    return path, number


def _last_json(capsys) -> str:
    out = capsys.readouterr().out
    return out[out.index("{") :]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_whole_telemaintenance_from_the_command_line(capsys, db, tmp_path: Path) -> None:
    path, number = db
    scan = tmp_path / "accord.pdf"
    scan.write_bytes(b"%PDF-1.4 accord signe")
    code, out, err = run(
        capsys, "--db", path, "telemaintenance", "start", number, "--nature", "Suppression des doublons",
        "--files", "MANDATS.DBF, TITRES.DBF", "--risks", "Perte des saisies du jour", "--delay", "30", "--json",
    )  # fmt: skip
    assert code == 0, err
    ref = json.loads(out)["reference"]
    assert ref == f"{number}/T1"
    steps = [
        ["inform", ref, "--via", "email"],
        ["consent", ref, "--by", "Élodie Durand", "--via", "signed-form", "--evidence", str(scan)],
        ["precautions", ref, "--backup", "full", "--stopped", "yes"],
        ["begin", ref],
        ["end", ref, "--actions", "Doublons supprimés", "--files", "MANDATS.DBF,INDEX.NTX"],
        ["normal", ref, "--via", "phone"],
        ["report", ref],
    ]
    for step in steps:
        code, out, err = run(capsys, "--db", path, "telemaintenance", *step)
        assert code == 0, (step, err)
    assert "ÉCART avec l'information" in run(capsys, "--db", path, "telemaintenance", "show", number)[1]
    code, out, _ = run(capsys, "--db", path, "telemaintenance", "show", ref, "--json")
    data = json.loads(out)
    assert data["state"] == "done" and len(data["history"]) == 7
    assert data["files_difference"] == {"added": ["INDEX.NTX"], "not_touched": ["TITRES.DBF"]}
    assert "Élodie Durand (RTC) par formulaire signé, pièce accord.pdf (SHA-256" in data["history"][2]
    assert "Information et accord préalable" in data["history"][1] and "(SHA-256" in data["history"][1]
    assert "Compte rendu d'intervention" in data["history"][6]
    code, out, _ = run(capsys, "--db", path, "audit", "verify")
    assert code == 0 and out.startswith("Journal d'audit intègre")
    # The form and the report were issued into the registry: printing them again gives the same document.
    form = tmp_path / "accord.pdf"
    assert run(capsys, "--db", path, "report", "consent", ref, "-o", str(form))[0] == 0
    code, out, _ = run(capsys, "--db", path, "report", "verify", str(form))
    assert code == 0, out
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        kinds = sorted(conn.execute(text("SELECT kind FROM documents")).scalars())
    engine.dispose()
    assert kinds == ["consent_form", "intervention_report", "other"]


def test_refusals_are_one_line_exit_2_and_write_nothing(capsys, db) -> None:
    path, number = db
    assert run(capsys, "--db", path, "telemaintenance", "start", number, "--nature", "N", "--files", "A.DBF",
               "--risks", "R", "--delay", "10")[0] == 0  # fmt: skip
    cases = [
        (["consent", number, "--by", "Élodie Durand", "--via", "email", "--evidence-ref", "m"], "Étape 1 (information"),
        (["begin", number], "Étape 1 (information"),
        (["inform", number, "--via", "pigeon"], "--via"),
        (["consent", number, "--by", "X", "--via", "email"], "pièce justificative"),
        (["show", "NCY-2600099-X/T1"], "Aucune télémaintenance"),
        (["start", number, "--nature", "N", "--files", " , ", "--risks", "R", "--delay", "1"], "fichiers vide"),
    ]
    for argv, expected in cases:
        code, out, err = run(capsys, "--db", path, "telemaintenance", *argv)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and expected in err, (argv, err)
    assert run(capsys, "--db", path, "telemaintenance", "inform", number, "--via", "letter")[0] == 0
    code, _, err = run(capsys, "--db", path, "telemaintenance", "consent", number, "--by", "Jean Nouveau",
                       "--via", "email", "--evidence-ref", "m")  # fmt: skip
    assert code == 2 and "n'est pas responsable technique" in err and "--confirm-non-rtc" in err
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM telemaintenance_steps")).scalar() == 1
    engine.dispose()
    code, _, err = run(capsys, "--db", path, "telemaintenance", "consent", number, "--by", "Jean Nouveau",
                       "--via", "email", "--evidence-ref", "m", "--confirm-non-rtc")  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "--db", path, "telemaintenance", "list", "--waiting", "--json")
    [row] = json.loads(out)["telemaintenances"]
    assert row["state"] == "waiting_precautions"


def test_refuse_ends_it(capsys, db) -> None:
    path, number = db
    run(capsys, "--db", path, "telemaintenance", "start", number, "--nature", "N", "--files", "A.DBF", "--risks", "R",
        "--delay", "10")  # fmt: skip
    run(capsys, "--db", path, "telemaintenance", "inform", number, "--via", "portal")
    code, out, err = run(capsys, "--db", path, "telemaintenance", "refuse", number, "--by", "Marc Petit",
                         "--reason", "Clôture des comptes")  # fmt: skip
    assert code == 0, err and "terminée" in out
    code, _, err = run(capsys, "--db", path, "telemaintenance", "precautions", number, "--backup", "full")
    assert code == 2 and "terminée par le refus" in err
