"""Two-way sync with the client portal, against the reference portal on loopback (a real HTTP server).

R-09 (portal channel), R-10 (numbers given by the hotline and pushed back), docs/sync.md (ownership,
exactly once, quarantine, conflicts).
"""

from __future__ import annotations

import random
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.models import Incident, QuarantinedRecord, SyncConflict
from app.domain.vocabulary import Channel, DocumentKind, EventKind, Origin
from app.services import incidents as svc
from app.sync.engine import sync_status
from tests.integration.sync_workload import (
    EPOCH,
    count_notes,
    local_phase_one,
    local_phase_two,
    local_view,
    new_hotline,
    portal_phase,
    portal_view,
    sync_until_quiet,
)
from tests.portal_sim import start_portal


def _portal(hotline_db: Path, **faults):
    return start_portal(seed=11, seed_incidents=100, hotline_db=str(hotline_db), epoch=EPOCH, **faults)


def run_workload(tmp: Path, local_incidents: int, fault_seed: int = 0, **faults) -> tuple[dict, dict, dict]:
    tmp.mkdir(parents=True, exist_ok=True)
    hotline = new_hotline(tmp / "hotline.sqlite3")
    try:
        with _portal(tmp / "hotline.sqlite3", **faults) as portal:
            portal.set_faults(seed=fault_seed)
            sync = hotline.sync_engine(portal.url, portal.token)
            local_phase_one(hotline, local_incidents)
            sync_until_quiet(hotline, sync)
            local_phase_two(hotline)
            portal_phase(portal, random.Random(5))
            sync_until_quiet(hotline, sync)
            portal.clear_faults()
            sync_until_quiet(hotline, sync)  # a last clean cycle: nothing may be left to do
            stats = portal.stats()
            return portal_view(portal.state()), local_view(hotline), stats
    finally:
        hotline.dispose()


def test_fault_free_sync_brings_portal_incidents_in_with_numbers_and_pushes_ours(tmp_path: Path) -> None:
    hotline = new_hotline(tmp_path / "hotline.sqlite3")
    with _portal(tmp_path / "hotline.sqlite3") as portal:
        sync = hotline.sync_engine(portal.url, portal.token)
        local_phase_one(hotline, 10)
        reports = sync_until_quiet(hotline, sync)
        state = portal.state()
        portal_incidents = [i for i in state["incidents"] if i["channel"] == "portal"]
        # 100 declared on the portal, 1 written restoration request recorded as an incident here.
        assert len(portal_incidents) == 101
        assert all(i["number"] and i["number"].startswith("NCY-") for i in state["incidents"])  # R-10, pushed back
        assert len(state["incidents"]) == 111
        with hotline.sessions() as session:
            local = session.execute(select(Incident).where(Incident.channel == Channel.PORTAL)).scalars().all()
            assert len(local) == 101 and {str(i.id) for i in local} == {i["id"] for i in portal_incidents}
            assert sync_status(session).pending == 0
        assert reports[0].pushed >= 10 and reports[0].error is None

        # Offline: a status change made while the portal is down reaches it when it is back.
        portal.set_faults(offline=True)
        with hotline.sessions.begin() as session:
            number = local[0].number
            svc.diagnose(session, hotline.actor, number, Origin.DBMS, 15)
        report = sync.run_once()
        assert not report.online and report.pending >= 1
        portal.set_faults(offline=False)
        sync_until_quiet(hotline, sync)
        moved = next(i for i in portal.state()["incidents"] if i["number"] == number)
        assert moved["status"] == "diagnosed" and moved["origin"] == "dbms"
    hotline.dispose()


def test_a_malformed_record_is_quarantined_while_the_rest_syncs(tmp_path: Path) -> None:
    hotline = new_hotline(tmp_path / "hotline.sqlite3")
    with _portal(tmp_path / "hotline.sqlite3") as portal:
        portal.set_faults(script=[{"fault": "malformed", "method": "GET", "path": "/changes"}])
        sync = hotline.sync_engine(portal.url, portal.token)
        sync_until_quiet(hotline, sync)
        with hotline.sessions() as session:
            held = session.execute(select(QuarantinedRecord)).scalars().all()
            assert [h.resolved_at for h in held if h.feed == "incidents"]
            assert all(h.reason for h in held)
            # Besides the seeded consent for an intervention that does not exist, the injected record.
            injected = [h for h in held if h.feed == "incidents" and not h.record_key.startswith("consent:")]
            assert len(injected) == 1 and injected[0].resolved_at is None
            assert session.execute(select(Incident).where(Incident.channel == Channel.PORTAL)).scalars().all()
            # The rest synced: every portal declaration is here with a number.
            assert len(session.execute(select(Incident).where(Incident.channel == Channel.PORTAL)).all()) == 101
            assert sync_status(session).quarantined >= 2
    hotline.dispose()


def test_a_real_conflict_is_kept_and_shown_not_overwritten(tmp_path: Path) -> None:
    hotline = new_hotline(tmp_path / "hotline.sqlite3")
    with _portal(tmp_path / "hotline.sqlite3") as portal:
        sync = hotline.sync_engine(portal.url, portal.token)
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
        with hotline.sessions() as session:
            incident = svc.find_incident(session, number)
            assert incident.title == "Titre reformulé par la hotline"
            [conflict] = session.execute(select(SyncConflict)).scalars().all()
            assert conflict.portal_value == "Titre corrigé par le client" and conflict.resolved_at is None
            assert sync_status(session).conflicts == 1
        view = local_view(hotline)
        assert any("Titre corrigé par le client" in line[3] for line in view["history"][number])
    hotline.dispose()


def test_the_token_is_nowhere_but_in_memory_after_a_sync(tmp_path: Path) -> None:
    hotline = new_hotline(tmp_path / "hotline.sqlite3")
    with _portal(tmp_path / "hotline.sqlite3", token="jeton-secret-0123456789") as portal:
        sync = hotline.sync_engine(portal.url, portal.token)
        local_phase_one(hotline, 3)
        sync_until_quiet(hotline, sync)
    hotline.dispose()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"jeton-secret-0123456789" not in path.read_bytes(), path


@pytest.mark.parametrize("seed", [7, *[pytest.param(s, marks=pytest.mark.slow) for s in (1, 2, 3, 4, 5)]])
def test_thirty_percent_faults_converge_to_exactly_the_fault_free_state(tmp_path: Path, seed: int) -> None:
    """At least 1,000 mixed operations; 30 % of requests fail (500, 429 with Retry-After, dropped after the
    write was applied) and feed pages carry duplicates and malformed records: same final state, no
    duplicate, no loss."""
    clean_portal, clean_local, _ = run_workload(tmp_path / "clean", 300)
    faulty_portal, faulty_local, stats = run_workload(tmp_path / "faulty", 300, fault_seed=seed, fault_rate=0.3)
    assert stats["faults"]["drop"] > 0 and stats["faults"]["500"] > 0 and stats["faults"]["429"] > 0
    assert faulty_portal == clean_portal
    assert faulty_local == clean_local
    assert len(clean_portal["incidents"]) == 401  # 300 + 100 portal declarations + 1 restoration request
    assert count_notes(clean_local, "Commentaire de") >= 40
    operations = sum(len(e) for e in clean_portal["events"].values()) + len(clean_portal["incidents"]) + 70
    assert operations >= 1000


def test_an_issued_report_reaches_the_portal_by_its_digest(tmp_path: Path) -> None:
    from app.reports import loaders
    from app.reports.progress import build_progress_report
    from app.services import documents

    hotline = new_hotline(tmp_path / "hotline.sqlite3")
    with start_portal(seed=2, seed_incidents=0, hotline_db=str(tmp_path / "hotline.sqlite3"), epoch=EPOCH) as portal:
        sync = hotline.sync_engine(portal.url, portal.token)
        local_phase_one(hotline, 1)
        with hotline.sessions.begin() as session:
            incident = session.execute(select(Incident)).scalars().one()
            pdf = build_progress_report(loaders.progress_report_data(session, incident.number))
            document = documents.issue_document(
                session, DocumentKind.PROGRESS_REPORT, pdf, incident.id, None, hotline.actor, "Avancement", "a.pdf"
            )
            digest = document.sha256
        sync_until_quiet(hotline, sync)
        [stored] = portal.state()["documents"]
        assert digest in str(stored)
    hotline.dispose()
