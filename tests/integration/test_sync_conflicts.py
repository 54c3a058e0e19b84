"""Conflicts with the client portal, settled by a technician (docs/sync.md, « Both may edit »), and what
the sync leaves for a person to look at (quarantine, dead letters), from the service and the CLI."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.db.models import AuditEntry, Incident, IncidentEvent, OutboxOperation, SyncConflict
from app.domain.vocabulary import EventKind
from app.services import incidents as svc
from app.services import outbox
from app.sync import conflicts
from tests.integration.sync_workload import EPOCH, Hotline, new_hotline, sync_until_quiet
from tests.portal_sim import start_portal


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Hotline, object]]:
    hotline = new_hotline(tmp_path / "hotline.sqlite3")
    with start_portal(seed=11, seed_incidents=10, hotline_db=str(tmp_path / "hotline.sqlite3"), epoch=EPOCH) as portal:
        yield hotline, portal
    hotline.dispose()


def make_conflict(hotline: Hotline, portal, sync) -> tuple[str, str]:
    """The technician rewords a portal incident's title while the client corrects it on the portal."""
    sync_until_quiet(hotline, sync)
    target = next(i for i in portal.state()["incidents"] if i["channel"] == "portal")
    with hotline.sessions.begin() as session:
        incident = session.get(Incident, uuid.UUID(target["id"]))
        number = incident.number
        svc.append_history(
            session,
            incident,
            hotline.actor,
            EventKind.FIELD_CHANGED,
            field="title",
            old_value=incident.title,
            new_value="Titre reformulé par la hotline",
        )
        incident.title = "Titre reformulé par la hotline"
    portal.edit_incident(target["id"], title="Titre corrigé par le client")
    sync_until_quiet(hotline, sync)
    return number, target["id"]


def portal_title(portal, incident_id: str) -> str:
    return next(i for i in portal.state()["incidents"] if i["id"] == incident_id)["title"]


def test_open_conflicts_name_the_incident_and_both_values(world) -> None:
    hotline, portal = world
    sync = hotline.sync_engine(portal.url, portal.token)
    number, _ = make_conflict(hotline, portal, sync)
    with hotline.sessions() as session:
        [view] = conflicts.open_conflicts(session)
    assert view.number == number and view.incident_title == "Titre reformulé par la hotline"
    assert (view.field, view.field_label) == ("title", "titre")
    assert view.hotline_value == "Titre reformulé par la hotline"
    assert view.portal_value == "Titre corrigé par le client"


def test_keeping_the_portal_value_changes_the_incident_through_its_history_and_reaches_the_portal(world) -> None:
    hotline, portal = world
    sync = hotline.sync_engine(portal.url, portal.token)
    number, incident_id = make_conflict(hotline, portal, sync)
    with hotline.sessions.begin() as session:
        [view] = conflicts.open_conflicts(session)
        done = conflicts.resolve_conflict(session, hotline.actor, view.id, keep="portal")
    assert (done.number, done.kept, done.value) == (number, "portal", "Titre corrigé par le client")
    with hotline.sessions() as session:
        incident = svc.find_incident(session, number)
        assert incident.title == "Titre corrigé par le client"
        last = session.execute(
            select(IncidentEvent)
            .where(IncidentEvent.incident_id == incident.id)
            .order_by(IncidentEvent.seq.desc())
            .limit(1)
        ).scalar_one()
        assert last.kind is EventKind.FIELD_CHANGED and last.new_value == "Titre corrigé par le client"
        assert last.author_name == hotline.actor.name
        conflict = session.get(SyncConflict, view.id)
        assert conflict.resolved_at is not None and conflict.resolved_by == hotline.actor.name
        entry = session.execute(select(AuditEntry).where(AuditEntry.kind == "sync_conflict_resolved")).scalar_one()
        assert entry.subject == number and json.loads(entry.payload)["kept"] == "portal"
        assert conflicts.open_conflicts(session) == []
    sync_until_quiet(hotline, sync)
    assert portal_title(portal, incident_id) == "Titre corrigé par le client"
    with hotline.sessions() as session:
        assert session.execute(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))).first() is None


def test_keeping_the_hotline_value_pushes_it_to_the_portal(world) -> None:
    hotline, portal = world
    sync = hotline.sync_engine(portal.url, portal.token)
    number, incident_id = make_conflict(hotline, portal, sync)
    portal.edit_incident(incident_id, description="Précision du client")  # the portal moves on meanwhile
    with hotline.sessions.begin() as session:
        [view] = conflicts.open_conflicts(session)
        conflicts.resolve_conflict(session, hotline.actor, view.id, keep="hotline")
        assert session.execute(
            select(OutboxOperation).where(
                OutboxOperation.state == outbox.PENDING, OutboxOperation.incident_id == uuid.UUID(incident_id)
            )
        ).first()
    sync_until_quiet(hotline, sync)
    assert portal_title(portal, incident_id) == "Titre reformulé par la hotline"
    with hotline.sessions() as session:
        assert svc.find_incident(session, number).title == "Titre reformulé par la hotline"
        assert conflicts.open_conflicts(session) == []


def test_a_conflict_is_resolved_once(world) -> None:
    hotline, portal = world
    sync = hotline.sync_engine(portal.url, portal.token)
    make_conflict(hotline, portal, sync)
    with hotline.sessions.begin() as session:
        [view] = conflicts.open_conflicts(session)
        conflicts.resolve_conflict(session, hotline.actor, view.id, keep="hotline")
    with hotline.sessions.begin() as session, pytest.raises(conflicts.ConflictError, match="déjà"):
        conflicts.resolve_conflict(session, hotline.actor, view.id, keep="portal")
    with hotline.sessions.begin() as session, pytest.raises(conflicts.ConflictError, match="choix"):
        conflicts.resolve_conflict(session, hotline.actor, view.id, keep="both")


def test_quarantined_records_and_dead_letters_are_listed_with_their_reasons(world) -> None:
    hotline, portal = world
    sync = hotline.sync_engine(portal.url, portal.token)
    portal.set_faults(script=[{"fault": "malformed", "path": "/changes"}])
    sync.run_once()
    with hotline.sessions.begin() as session:
        incident = session.execute(select(Incident).limit(1)).scalar_one()
        session.add(
            OutboxOperation(
                incident_id=incident.id,
                kind=outbox.EVENT,
                payload="{}",
                state=outbox.DEAD,
                attempts=8,
                last_error="422 corps refusé",
            )
        )
    with hotline.sessions() as session:
        held = conflicts.quarantined_records(session)
        dead = conflicts.dead_letters(session)
    assert held and all(q.reason for q in held)
    assert [(d.number, d.last_error) for d in dead] == [(incident.number, "422 corps refusé")]


# --- CLI ------------------------------------------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_lists_and_resolves_a_conflict(world, tmp_path: Path, capsys) -> None:
    hotline, portal = world
    sync = hotline.sync_engine(portal.url, portal.token)
    number, incident_id = make_conflict(hotline, portal, sync)
    db = tmp_path / "hotline.sqlite3"
    assert main(["station", "set", "NCY"]) == 0
    capsys.readouterr()
    code, out, _ = cli(capsys, db, "sync", "conflicts")
    assert code == 0 and number in out and "Titre corrigé par le client" in out
    code, out, _ = cli(capsys, db, "sync", "conflicts", "--json")
    [item] = json.loads(out)["conflicts"]
    assert item["incident"] == number and item["portal_value"] == "Titre corrigé par le client"
    code, _, err = cli(capsys, db, "sync", "resolve", "zz", "--keep", "portal")
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, out, _ = cli(capsys, db, "sync", "resolve", item["id"][:8], "--keep", "portal", "--json")
    assert code == 0 and json.loads(out) == {"id": item["id"], "incident": number, "field": "title", "kept": "portal"}
    code, out, _ = cli(capsys, db, "sync", "conflicts")
    assert code == 0 and "Aucun conflit" in out
    code, out, _ = cli(capsys, db, "sync", "quarantine", "--json")
    assert code == 0 and set(json.loads(out)) == {"quarantined", "dead"}
    sync_until_quiet(hotline, sync)
    assert portal_title(portal, incident_id) == "Titre corrigé par le client"
