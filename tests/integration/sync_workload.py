"""A deterministic hotline-and-portal workload for the sync tests, and the state it converges to.

The same workload is run against a fault-free reference portal and against one injecting faults; both
runs must end in the same state, on the portal and in the hotline's database, compared by incident number
(local UUIDs differ from run to run, numbers do not).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.db import migrate
from app.db.engine import make_engine, session_factory
from app.db.models import Client, Incident, IncidentEvent
from app.domain.vocabulary import Channel, EventKind, IncidentStatus, Origin
from app.services import incidents as svc
from app.sync.client import PortalClient, RetryPolicy
from app.sync.engine import SyncEngine, SyncReport
from tests.integration.incident_fixtures import build_world

EPOCH = date(2026, 3, 2)
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@dataclass
class Hotline:
    """One workstation's database and its sync engine against one portal."""

    engine: Engine
    sessions: sessionmaker[Session]
    actor: svc.Actor
    clock: list[datetime] = field(default_factory=lambda: [START])

    def now(self) -> datetime:
        return self.clock[0]

    def sync_engine(self, portal_url: str, token: str) -> SyncEngine:
        client = PortalClient(
            portal_url, token, policy=RetryPolicy(attempts=3), sleep=lambda _s: None, rng=random.Random(1)
        )
        return SyncEngine(self.sessions, client, "NCY", now=self.now, rng=random.Random(2))

    def dispose(self) -> None:
        self.engine.dispose()


def new_hotline(path: Path) -> Hotline:
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    sessions = session_factory(engine)
    with sessions.begin() as session:
        build_world(session)
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
    return Hotline(engine, sessions, actor)


def sync_until_quiet(hotline: Hotline, sync: SyncEngine, max_cycles: int = 60) -> list[SyncReport]:
    """Cycles until nothing is left to push and a whole cycle ran without error or anything new."""
    reports = []
    for _ in range(max_cycles):
        report = sync.run_once()
        reports.append(report)
        hotline.clock[0] += timedelta(minutes=5)  # let backed-off operations become due again
        if report.error is None and report.pending == 0 and report.pushed == 0 and report.applied == 0:
            return reports
    raise AssertionError(f"no convergence after {max_cycles} cycles: {reports[-1].as_dict()}")


# --- the workload ---------------------------------------------------------------------------------------


def local_phase_one(hotline: Hotline, count: int) -> None:
    """Calls taken at the hotline: ``count`` incidents, every other one diagnosed."""
    with hotline.sessions.begin() as session:
        for i in range(count):
            client = "C54001" if i % 3 else "C54002"
            caller = "Élodie Durand" if client == "C54001" else "Sophie Lambert"
            number = svc.create_incident(
                session,
                hotline.actor,
                client_code=client,
                caller_name=caller,
                title=f"Incident téléphonique n° {i} : édition bloquée",
                description=f"Décrit au téléphone, cas {i}.",
                opened_at=START + timedelta(minutes=i),
            ).number
            if i % 2 == 0:
                svc.diagnose(session, hotline.actor, number, Origin.FEATURE, 30 + i % 60)


def local_phase_two(hotline: Hotline) -> None:
    """The day goes on: portal incidents diagnosed, workarounds, resolutions, closures."""
    with hotline.sessions.begin() as session:
        rows = session.execute(select(Incident.number, Incident.channel, Incident.status).order_by(Incident.number))
        for index, (number, channel, status) in enumerate(rows.all()):
            if channel is Channel.PORTAL and status is IncidentStatus.NEW:
                svc.diagnose(session, hotline.actor, number, Origin.USAGE, 20)
                if index % 2 == 0:
                    svc.propose_workaround(session, hotline.actor, number, f"Passer par le menu Outils ({index}).")
                continue
            if status is IncidentStatus.DIAGNOSED:
                svc.propose_workaround(session, hotline.actor, number, f"Contournement proposé ({index}).")
                if index % 3 == 0:
                    svc.resolve(session, hotline.actor, number, f"Correctif installé ({index}).")
                    if index % 2 == 0:
                        svc.close(session, hotline.actor, number)


def portal_phase(portal: Any, rng: random.Random) -> None:
    """Meanwhile, on the portal: clients edit some descriptions and comment on some incidents."""
    # By number: UUIDs made by the hotline differ from run to run, numbers do not.
    incidents = sorted(portal.state()["incidents"], key=lambda i: i["number"] or "")
    declared = [i for i in incidents if i["channel"] == "portal"]
    for incident in rng.sample(declared, min(30, len(declared))):
        portal.edit_incident(incident["id"], description=incident["description"] + " Précision du client.")
    for incident in rng.sample(incidents, min(40, len(incidents))):
        portal.add_comment(incident["id"], text=f"Commentaire client sur {incident['title'][:30]}")


# --- what must be equal ---------------------------------------------------------------------------------

# Identifiers, versions and the instants of the run (resolution and closure are stamped when they happen).
_VOLATILE = {
    "id",
    "version",
    "updated_at",
    "updated_by",
    "incident_id",
    "seq",
    "at",
    "received_at",
    "resolved_at",
    "contact_id",
    "closed_at",
}


def portal_view(state: dict[str, Any]) -> dict[str, Any]:
    """The portal's state by incident number, without what legitimately differs between runs."""
    numbers = {i["id"]: i["number"] for i in state["incidents"]}
    incidents = {i["number"]: {k: v for k, v in i.items() if k not in _VOLATILE} for i in state["incidents"]}
    events: dict[str, list[Any]] = {}
    raw_events = state.get("events", {})
    for incident_id, thread in raw_events.items() if isinstance(raw_events, dict) else []:
        events[numbers.get(incident_id, incident_id)] = [
            {k: v for k, v in e.items() if k not in _VOLATILE} for e in thread
        ]
    return {"incidents": incidents, "events": events, "documents": len(state.get("documents", []))}


def local_view(hotline: Hotline) -> dict[str, Any]:
    """The hotline's incidents and their history lines (without times), by number."""
    with hotline.sessions() as session:
        incidents = {}
        for incident, code in session.execute(
            select(Incident, Client.code).join(Client, Client.id == Incident.client_id).order_by(Incident.number)
        ):
            incidents[incident.number] = {
                "client": code,
                "title": incident.title,
                "description": incident.description,
                "status": incident.status.value,
                "origin": incident.origin.value if incident.origin else None,
                "channel": incident.channel.value,
            }
        history: dict[str, list[tuple[str, str | None, str | None, str]]] = {}
        for number, kind, field_name, new_value, text in session.execute(
            select(
                Incident.number, IncidentEvent.kind, IncidentEvent.field, IncidentEvent.new_value, IncidentEvent.text
            )
            .join(Incident, Incident.id == IncidentEvent.incident_id)
            .order_by(Incident.number, IncidentEvent.seq)
        ):
            history.setdefault(number, []).append((kind.value, field_name, new_value, text))
    # The order of lines written by a pull and by local work may interleave differently; their set may not.
    return {"incidents": incidents, "history": {n: sorted(h, key=repr) for n, h in history.items()}}


def count_notes(view: dict[str, Any], prefix: str) -> int:
    return sum(
        1
        for lines in view["history"].values()
        for kind, _f, _v, text in lines
        if kind == EventKind.NOTE.value and text.startswith(prefix)
    )
