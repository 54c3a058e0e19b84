"""On-site interventions (R-19): quote, then specific order, then the visit; refused out of order; audited."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main
from app.db.engine import make_engine, session_factory
from app.domain.telemaintenance import TelemaintenanceError
from app.services import audit, onsite
from app.services import incidents as incident_service
from tests.integration.incident_fixtures import OPEN_HOUR, build_world


@pytest.fixture
def world(sessions):
    with sessions.begin() as session:
        build_world(session)
        actor = incident_service.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
        number = incident_service.create_incident(
            session, actor, client_code="C54001", caller_name="Élodie Durand", title="Serveur", opened_at=OPEN_HOUR
        ).number
    return actor, number


def test_quote_order_visit_report_in_that_order(sessions, world) -> None:
    actor, number = world
    with sessions.begin() as session:
        view = onsite.quote(
            session, actor, number, number="DV-2026-118", amount=Decimal("1234.50"), on=date(2026, 3, 12)
        )
        ref = view.reference
        with pytest.raises(TelemaintenanceError, match="Commande spécifique manquante"):
            onsite.schedule(session, actor, ref, at=datetime(2026, 3, 20, 8, tzinfo=UTC), technician="Paul Girard")
    with sessions.begin() as session, pytest.raises(TelemaintenanceError, match="antérieure au devis"):
        onsite.order(session, actor, ref, order_reference="BC-77", on=date(2026, 3, 1))
    with sessions.begin() as session:
        onsite.order(session, actor, ref, order_reference="BC-77", on=date(2026, 3, 13))
        onsite.schedule(session, actor, ref, at=datetime(2026, 3, 20, 8, tzinfo=UTC), technician="Paul Girard")
        done = onsite.report(session, actor, ref, duration_minutes=180, report_reference="CR-2026-031")
    assert ref == f"{number}/S1" and done.intervention.is_finished and done.intervention.billable
    assert done.stage == "compte rendu enregistré"
    with sessions() as session:
        assert audit.verify_chain(session).ok
        assert onsite.view(session, number).intervention.quote.amount == Decimal("1234.50")


@pytest.mark.parametrize("text", ["12,345", "-3", "abc", "1e3x"])
def test_amounts_are_euros_and_cents(text) -> None:
    with pytest.raises(TelemaintenanceError, match="Montant invalide"):
        onsite.parse_amount(text)
    assert onsite.parse_amount("1 234,50 €") == Decimal("1234.50")


def test_onsite_from_the_command_line(tmp_path: Path, capsys) -> None:
    path = str(tmp_path / "hl.sqlite3")
    assert main(["--db", path, "db", "upgrade"]) == 0
    engine = make_engine(f"sqlite:///{path}")
    with session_factory(engine).begin() as session:
        build_world(session)
    engine.dispose()
    assert main(["station", "set", "NCY"]) == 0
    assert main(["--db", path, "incident", "new", "--client", "C54001", "--caller", "Élodie Durand",
                 "--title", "Serveur HS", "--json"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    number = json.loads(out[out.index("{") :])["number"]
    assert main(["--db", path, "onsite", "schedule", number, "--at", "2026-12-01T09:00", "--technician", "P"]) == 2
    assert "Aucune intervention sur site" in capsys.readouterr().err
    assert main(["--db", path, "onsite", "quote", number, "--quote", "DV-1", "--amount", "450", "--date",
                 "2026-11-20"]) == 0  # fmt: skip
    assert main(["--db", path, "onsite", "schedule", number, "--at", "2026-12-01T09:00", "--technician", "P"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Commande spécifique manquante" in err
    assert main(["--db", path, "onsite", "order", number, "--reference", "BC-9", "--date", "2026-11-21"]) == 0
    assert main(["--db", path, "onsite", "schedule", number, "--at", "2026-12-01T09:00", "--technician", "P"]) == 0
    assert main(["--db", path, "onsite", "report", number, "--duration", "90", "--report", "CR-1", "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out[out.rindex('{\n  "billable"') :])
    assert data["billable"] and data["report"] == {"duration_minutes": 90, "reference": "CR-1"}
    assert (
        main(["--db", path, "onsite", "quote", number, "--quote", "X", "--amount", "1,234", "--date", "2026-11-20"])
        == 2
    )
