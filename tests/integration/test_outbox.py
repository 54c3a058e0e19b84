"""The outbox is written in the same transaction as the change the portal must see (docs/sync.md)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.db.models import OutboxOperation
from app.domain.incident_lifecycle import TransitionError
from app.domain.vocabulary import Origin
from app.services import incidents as svc
from tests.integration.incident_fixtures import OPEN_HOUR, build_world


@pytest.fixture
def world(sessions):
    with sessions.begin() as session:
        build_world(session)
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
    return actor


def ops(sessions) -> list[tuple[str, dict]]:
    with sessions() as session:
        rows = session.execute(select(OutboxOperation).order_by(OutboxOperation.id)).scalars()
        return [(r.kind, json.loads(r.payload)) for r in rows]


def test_creation_and_public_changes_write_outbox_rows(sessions, world) -> None:
    with sessions.begin() as session:
        number = svc.create_incident(
            session, world, client_code="C54001", caller_name="Élodie Durand", title="Mandats", opened_at=OPEN_HOUR
        ).number
    assert [kind for kind, _ in ops(sessions)] == ["incident_upsert"]
    with sessions.begin() as session:
        svc.diagnose(session, world, number, Origin.FEATURE, 30)
        svc.add_note(session, world, number, "Note interne : jamais publiée")
    kinds = [kind for kind, _ in ops(sessions)]
    # The pending upsert absorbs the later changes; the status change is a public event of its own.
    assert kinds == ["incident_upsert", "event"]
    event = ops(sessions)[1][1]
    assert event["kind"] == "status_changed" and event["status"] == "diagnosed" and event["author"] == "Camille Martin"


def test_a_refused_change_leaves_no_outbox_row(sessions, world) -> None:
    with sessions.begin() as session:
        number = svc.create_incident(
            session, world, client_code="C54001", caller_name="Marc Petit", title="Mandats", opened_at=OPEN_HOUR
        ).number
    before = ops(sessions)
    with pytest.raises(TransitionError), sessions.begin() as session:
        svc.close(session, world, number)
    assert ops(sessions) == before
