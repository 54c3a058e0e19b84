"""`hotline contract …`, `hotline release …` and `hotline backup …` from the command line: figures to the
cent, reports written and checked, bad input refused with one French line (exit 2) and nothing written."""

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


def run(capsys, db: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", db, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_lines_revision_and_table_from_the_command_line(capsys, db, tmp_path) -> None:
    """R-27/R-28: 1 450,00 revised with 330,5 / 321,2 = 1 491,98; with 2 × 180,25: TTC 2 222,98."""
    assert (
        run(
            capsys,
            db,
            "contract",
            "line",
            "add",
            "CT-C54001",
            "--designation",
            "Assistance FIN",
            "--price",
            "1450,00",
            "--index",
            "SYNTEC",
        )[0]
        == 0
    )
    assert (
        run(
            capsys,
            db,
            "contract",
            "line",
            "add",
            "CT-C54001",
            "--designation",
            "Sauvegarde",
            "--price",
            "180.25",
            "--quantity",
            "2",
        )[0]
        == 0
    )
    assert run(capsys, db, "contract", "index", "set", "SYNTEC", "2025-02", "321,2")[0] == 0
    assert run(capsys, db, "contract", "index", "set", "SYNTEC", "2026-02", "330,5")[0] == 0
    code, out, _ = run(capsys, db, "contract", "revise", "CT-C54001", "--at", "2026-04-01")
    assert code == 0 and "1 491,98 €" in out
    code, out, _ = run(capsys, db, "contract", "show", "CT-C54001", "--on", "2026-05-01", "--json")
    data = json.loads(out)
    assert (data["total_excl_vat"], data["vat"], data["total_incl_vat"]) == ("1852.48", "370.50", "2222.98")
    target = tmp_path / "tableau.pdf"
    code, out, _ = run(capsys, db, "contract", "table", "CT-C54001", "-o", str(target))
    assert code == 0 and target.read_bytes().startswith(b"%PDF-")


def test_late_fee_from_the_command_line(capsys, db) -> None:
    assert run(capsys, db, "contract", "rate", "set", "2026-01-01", "2026-06-30", "6")[0] == 0
    code, out, _ = run(
        capsys, db, "contract", "late-fee", "1000", "--due", "2026-01-31", "--paid", "2026-03-03", "--json"
    )
    assert code == 0 and json.loads(out)["total"] == "55.29"


def test_bad_input_is_one_french_line_and_exit_2(capsys, db) -> None:
    code, _, err = run(capsys, db, "contract", "revise", "CT-C54001", "--at", "2026-04-02")
    assert code == 2 and err.count("\n") == 1 and "pas une date anniversaire" in err
    code, _, err = run(capsys, db, "contract", "show", "CT-NOPE")
    assert code == 2 and "Contrat inconnu" in err
    code, _, err = run(capsys, db, "release", "add", "FIN", "7.4", "--date", "2026-01-10")
    assert code == 2 and "fiche descriptive" in err


def test_release_and_overdue_list(capsys, db) -> None:
    assert run(capsys, db, "release", "add", "FIN", "7.3", "--date", "2026-01-10", "--sheet", "Correctifs")[0] == 0
    code, out, _ = run(capsys, db, "release", "overdue", "--on", "2026-07-13", "--json")
    assert code == 0
    assert {(r["client"], r["product"]) for r in json.loads(out)["overdue"]} >= {("C54001", "FIN")}


def test_receipt_then_verify_names_the_changed_file(capsys, db, tmp_path) -> None:
    root = tmp_path / "recu"
    root.mkdir()
    (root / "a.db").write_bytes(b"a" * 10_000)
    (root / "b.db").write_bytes(b"b" * 10)
    report = tmp_path / "rapport.pdf"
    code, out, err = run(capsys, db, "backup", "receipt", str(root), "--client", "C54001", "-o", str(report))
    assert code == 0, err
    assert run(capsys, db, "backup", "verify", str(report), str(root))[0] == 0
    (root / "b.db").write_bytes(b"c" * 10)
    code, out, _ = run(capsys, db, "backup", "verify", str(report), str(root))
    assert code == 2 and "modifié : b.db" in out
    code, out, _ = run(capsys, db, "backup", "quota", "C54001", "--json")
    assert json.loads(out)["stored_bytes"] == 10_010


def test_restoration_request_from_a_non_rtc_is_refused(capsys, db) -> None:
    code, _, err = run(
        capsys, db, "backup", "restore", "--client", "C54001", "--requested-by", "Jean Nouveau", "--channel", "email"
    )
    assert code == 2 and "n'est pas responsable technique (RTC)" in err
    code, out, _ = run(
        capsys, db, "backup", "restore", "--client", "C54001", "--requested-by", "Élodie Durand", "--channel", "email"
    )
    assert code == 0 and "incident n°" in out
