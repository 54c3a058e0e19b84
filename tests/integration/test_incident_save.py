"""The save of a new incident writes its rows directly (no unit of work): they must be exactly those the
general paths would write — search document, first history line, audit entry, number counter."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, select, text

from app.db import migrate
from app.db.engine import session_factory
from app.db.models import AuditEntry, Incident, IncidentEvent, NumberSequence
from app.domain.numbering import SEQUENCE_MAX, NumberError, parse_number
from app.domain.vocabulary import EventKind, IncidentStatus
from app.services import audit
from app.services import incidents as svc
from app.services.incident_search import _documents, index_incidents
from tests.integration.incident_fixtures import OPEN_HOUR, build_world


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_engine(request: pytest.FixtureRequest) -> Engine:
    if request.param == "sqlite":
        return request.getfixturevalue("engine")
    eng = request.getfixturevalue("pg_engine")
    migrate.upgrade(eng)
    return eng


def _stored_document(session, incident: Incident) -> str:
    if session.get_bind().dialect.name == "sqlite":
        return session.execute(
            text("SELECT f.body FROM incident_fts f JOIN incidents i ON i.rowid = f.rowid WHERE i.id = :id"),
            {"id": incident.id.hex},
        ).scalar_one()
    return session.execute(
        text("SELECT document::text FROM incident_search WHERE incident_id = :id"), {"id": incident.id}
    ).scalar_one()


def test_a_new_incident_has_the_rows_the_general_paths_write(db_engine: Engine) -> None:
    sessions = session_factory(db_engine)
    with sessions.begin() as session:
        build_world(session)
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
    with sessions.begin() as session:
        created = svc.create_incident(
            session,
            actor,
            client_code="hl540001",
            caller_name="durand elodie",
            product_code="fin",
            title="  Édition des mandats bloquée ",
            description=" Erreur « SQL-42 » ",
            peripheral=" Imprimante du 2e ",
            opened_at=OPEN_HOUR,
        )
    with sessions() as session:
        incident = session.get(Incident, created.id)
        assert incident is not None and incident.number == created.number
        assert (incident.title, incident.description, incident.peripheral) == (
            "Édition des mandats bloquée",
            "Erreur « SQL-42 »",
            "Imprimante du 2e",
        )
        assert incident.caller_name == "Élodie Durand" and incident.status is IncidentStatus.NEW
        assert incident.version == 1 and incident.out_of_contract is False
        assert incident.covered is created.coverage.covered
        assert incident.created_at is not None and incident.updated_at is not None

        # The search entry is the document the general indexer makes for it.
        stored = _stored_document(session, incident)
        expected = _documents(session, [incident.id])[incident.id]
        if db_engine.dialect.name == "sqlite":
            assert stored == expected
        else:
            assert stored == session.execute(text("SELECT to_tsvector('simple', :b)::text"), {"b": expected}).scalar()

        event = session.execute(select(IncidentEvent).where(IncidentEvent.incident_id == incident.id)).scalar_one()
        assert (event.seq, event.kind, event.from_status, event.to_status) == (
            1,
            EventKind.CREATED,
            None,
            IncidentStatus.NEW,
        )
        assert event.at == OPEN_HOUR and event.author_name == "Camille Martin"

        entry = session.execute(select(AuditEntry)).scalar_one()
        assert entry.subject == created.number and entry.seq == 1
        assert json.loads(entry.payload) == {
            "seq": 1,
            "at": OPEN_HOUR.isoformat(),
            "kind": "created",
            "from_status": None,
            "to_status": "new",
            "field": None,
            "old_value": None,
            "new_value": None,
            "text": event.text,
            "author": "Camille Martin",
        }
        assert audit.verify_chain(session).ok

    # Reindexing through the general path changes nothing a search would see.
    with sessions.begin() as session:
        before = _stored_document(session, incident)
        index_incidents(session, [created.id])
        assert _stored_document(session, incident) == before


def test_numbers_follow_each_other_and_an_exhausted_counter_refuses(db_engine: Engine) -> None:
    sessions = session_factory(db_engine)
    with sessions.begin() as session:
        build_world(session)
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
    numbers = []
    for _ in range(3):
        with sessions.begin() as session:
            numbers.append(
                svc.create_incident(
                    session, actor, client_code="C54001", caller_name="Élodie Durand", title="x", opened_at=OPEN_HOUR
                ).number
            )
    assert [parse_number(n).sequence for n in numbers] == [1, 2, 3]
    with sessions.begin() as session:
        counter = session.execute(select(NumberSequence)).scalar_one()
        assert counter.last_value == 3
        counter.last_value = SEQUENCE_MAX
    with pytest.raises(NumberError), sessions.begin() as session:
        svc.create_incident(
            session, actor, client_code="C54001", caller_name="Élodie Durand", title="x", opened_at=OPEN_HOUR
        )
    with sessions() as session:
        assert session.execute(select(NumberSequence.last_value)).scalar_one() == SEQUENCE_MAX
        assert len(session.execute(select(Incident.id)).all()) == 3
