"""`hotline report …`: documents written and registered from the command line, `report verify` telling an
issued PDF from an altered one, and bad input refused with one French line and no file (R-13, R-18)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.db.engine import make_engine, session_factory
from app.domain.telemaintenance import SentVia
from app.domain.vocabulary import Origin
from app.services import incidents as svc
from app.services import telemaintenance as tm_service
from tests.integration.incident_fixtures import OPEN_HOUR, build_world


@pytest.fixture
def db(tmp_path: Path, capsys) -> tuple[str, str]:
    path = str(tmp_path / "hl.sqlite3")
    assert main(["--db", path, "db", "upgrade"]) == 0
    engine = make_engine(f"sqlite:///{path}")
    sessions = session_factory(engine)
    with sessions.begin() as session:
        build_world(session)
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
        number = svc.create_incident(
            session,
            actor,
            client_code="C54001",
            caller_name="Élodie Durand",
            product_code="FIN",
            title="Écart de TVA sur les mandats",
            opened_at=OPEN_HOUR,
        ).number
    with sessions.begin() as session:
        svc.diagnose(session, actor, number, Origin.DBMS, 60)
    engine.dispose()
    assert main(["station", "set", "NCY"]) == 0
    capsys.readouterr()
    return path, number


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_progress_report_is_written_registered_and_verified(capsys, db, tmp_path: Path) -> None:
    path, number = db
    target = tmp_path / "avancement.pdf"
    code, out, err = run(capsys, "--db", path, "report", "progress", number, "-o", str(target), "--json")
    assert code == 0, err
    issued = json.loads(out)
    assert target.read_bytes().startswith(b"%PDF-") and issued["document_id"].startswith(f"CRA-{number}-")
    code, out, err = run(capsys, "--db", path, "report", "verify", str(target))
    assert code == 0, err
    assert out.startswith("Document authentique : Compte rendu d'avancement") and number in out

    altered = tmp_path / "altéré.pdf"
    content = bytearray(target.read_bytes())
    content[len(content) // 3] ^= 0x20
    altered.write_bytes(bytes(content))
    code, out, err = run(capsys, "--db", path, "report", "verify", str(altered))
    assert code == 2 and out == ""
    assert err.startswith("Document inconnu ou modifié") and err.count("\n") == 1

    # Same data, same bytes: printing it again gives the identical file and no second registry entry.
    again = tmp_path / "encore.pdf"
    assert run(capsys, "--db", path, "report", "progress", number, "-o", str(again))[0] == 0
    assert again.read_bytes() == target.read_bytes()


def test_register_with_a_period(capsys, db, tmp_path: Path) -> None:
    path, _number = db
    target = tmp_path / "registre.pdf"
    argv = ["--db", path, "report", "register", "C54001", "--from", "2026-03-01", "--to", "2026-03-31"]
    code, out, err = run(capsys, *argv, "-o", str(target))
    assert code == 0, err
    assert "REG-C54001-" in out
    assert run(capsys, "--db", path, "report", "verify", str(target))[0] == 0


def test_consent_form_and_intervention_report_of_a_telemaintenance(capsys, db, tmp_path: Path) -> None:
    path, number = db
    engine = make_engine(f"sqlite:///{path}")
    sessions = session_factory(engine)
    with sessions.begin() as session:
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
        view = tm_service.start(
            session, actor, number, nature="Réindexation des mandats", files=["MANDATS.DAT"],
            risks="Module Finances indisponible", delay_minutes=30, at=OPEN_HOUR + timedelta(minutes=5),
        )  # fmt: skip
    reference = view.reference
    consent = tmp_path / "accord.pdf"
    code, _out, err = run(capsys, "--db", path, "report", "consent", reference, "-o", str(consent))
    assert code == 0, err
    text = " ".join(page.extract_text() for page in PdfReader(consent).pages)
    assert "Réindexation des mandats" in text and "MANDATS.DAT" in text and "Lu et approuvé" in text
    with sessions.begin() as session:
        tm_service.inform(session, actor, reference, via=SentVia.EMAIL, at=OPEN_HOUR + timedelta(minutes=10))
    engine.dispose()
    code, _, err = run(capsys, "--db", path, "report", "intervention", number, "-o", str(tmp_path / "cri.pdf"))
    assert code == 2 and "étape 4" in err and not (tmp_path / "cri.pdf").exists()


def test_bad_input_is_one_french_line_and_leaves_no_file(capsys, db, tmp_path: Path) -> None:
    path, number = db
    target = tmp_path / "x.pdf"
    for argv in (
        ["report", "progress", number[:-1] + ("A" if number[-1] != "A" else "B"), "-o", str(target)],
        ["report", "register", "C99999", "-o", str(target)],
        ["report", "register", "C54001", "--from", "2026-05-01", "--to", "2026-01-01", "-o", str(target)],
        ["report", "progress", number, "-o", str(tmp_path / "absent" / "x.pdf")],
        ["report", "consent", "NCY-2600001-X/T9", "-o", str(target)],
    ):
        code, _out, err = run(capsys, "--db", path, *argv)
        assert code == 2, argv
        assert err.count("\n") == 1 and "Traceback" not in err, err
    code, _, err = run(capsys, "--db", path, "report", "verify", str(tmp_path / "absent.pdf"))
    assert code == 2 and "introuvable" in err
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".hotline-")]
