"""`hotline report supervisor`: the monthly PDF (text read back with pypdf), the CSV French Excel opens
right (BOM, « ; », decimal commas, accents), --json, and bad input refused with one line and no file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.cli_supervisor import CSV_HEADER
from app.db.engine import make_engine, session_factory
from app.domain.vocabulary import Origin
from app.services import calendar_config
from app.services import incidents as svc
from tests.integration.incident_fixtures import OPEN_HOUR, build_world


@pytest.fixture
def db(tmp_path: Path, capsys) -> str:
    path = str(tmp_path / "hl.sqlite3")
    assert main(["--db", path, "db", "upgrade"]) == 0
    engine = make_engine(f"sqlite:///{path}")
    sessions = session_factory(engine)
    with sessions.begin() as session:
        build_world(session)
        calendar_config.refresh_mirror_if_stale(session)
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
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_monthly_pdf_reads_back(capsys, db: str, tmp_path: Path) -> None:
    target = tmp_path / "mars.pdf"
    code, out, _ = run(
        capsys, "--db", db, "report", "supervisor", "--from", "2026-03-01", "--to", "2026-03-31", "-o", str(target)
    )
    assert code == 0 and "écrit" in out
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Mars 2026" in text
    assert "Incidents ouverts" in text and "Délais" in text and "Clients à risque" in text


def test_csv_opens_in_french_excel(capsys, db: str, tmp_path: Path) -> None:
    target = tmp_path / "mars.csv"
    code, _, _ = run(
        capsys, "--db", db, "report", "supervisor", "--from", "2026-03-01", "--to", "2026-03-31", "-o", str(target)
    )
    assert code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Client"] == "Maxéville" and row["Origine"] == "SGBD"
    assert "," in row["1re réponse (min de hotline)"] or row["1re réponse (min de hotline)"] == "0,0"


def test_json_prints_the_kpi_set(capsys, db: str) -> None:
    code, out, _ = run(
        capsys, "--db", db, "report", "supervisor", "--from", "2026-03-01", "--to", "2026-03-31", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["current"]["opened"] == 1 and data["previous"]["from"] == "2026-02-01"
    assert data["clients_without_two_trained_rtc"] == [{"client": "C54002", "trained_rtc": 1}]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2026-03-31", "--to", "2026-03-01"], "inversez"),
        (["--from", "2026-03-01", "--to", "2026-03-31", "--client", "C99999"], "Client inconnu"),
        (["--from", "2026-03-01", "--to", "2026-03-31", "--technician", "personne"], "Technicien inconnu"),
    ],
)
def test_bad_input_is_one_line_and_no_file(capsys, db: str, tmp_path: Path, extra: list[str], message: str) -> None:
    target = tmp_path / "r.pdf"
    code, _, err = run(capsys, "--db", db, "report", "supervisor", *extra, "-o", str(target))
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not target.exists() and list(tmp_path.glob(".hotline-*")) == []


def test_unwritable_output_is_refused(capsys, db: str, tmp_path: Path) -> None:
    code, _, err = run(
        capsys,
        "--db",
        db,
        "report",
        "supervisor",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "-o",
        str(tmp_path / "absent" / "r.csv"),
    )
    assert code == 2 and "dossier introuvable" in err


def test_a_technician_is_refused_the_supervisor_report(capsys, db: str, tmp_path: Path) -> None:
    """Issue 9: the supervisor's figures are refused to a known technician, in the CLI as on screen."""
    from app.config import Settings, user_paths

    settings = Settings.load()
    settings.technician_login = "cmartin"  # recorded as a technician when the fixture's incident was taken
    settings.save(user_paths())
    target = tmp_path / "mars.pdf"
    code, out, err = run(
        capsys, "--db", db, "report", "supervisor", "--from", "2026-03-01", "--to", "2026-03-31", "-o", str(target)
    )
    assert code == 2 and out == ""
    assert "réservé aux superviseurs" in err and len(err.strip().splitlines()) == 1
    assert not target.exists() and list(tmp_path.glob(".hotline-*")) == []
