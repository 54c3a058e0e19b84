"""Full-text search over incidents, safe with any string a user may type (R-13 register lookups)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from app.db import migrate
from app.db.engine import session_factory
from app.services import incidents as svc
from app.services.incident_queries import IncidentFilter, count_incidents, list_incidents
from app.services.incident_search import rebuild_search_index
from tests.integration.incident_fixtures import OPEN_HOUR, build_world

HOSTILE = [
    '"',
    "'",
    "*",
    "NEAR",
    "NEAR(",
    "-",
    "()",
    ")(",
    "AND OR NOT",
    "title:x",
    "^",
    "{}",
    "\\",
    "%",
    "_",
    "’",
    "😀",
]


def _populate(sessions) -> dict[str, str]:
    with sessions.begin() as session:
        build_world(session)
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
        numbers = {}
        for key, title, description in [
            ("mandats", "Édition des mandats bloquée", "Erreur « SQL-42 » à la validation"),
            ("badge", "Badgeuse du hall muette", "Plus aucun pointage remonté depuis lundi"),
            ("paie", "Bulletins de paie : cotisation erronée", "Taux URSSAF à vérifier"),
        ]:
            created = svc.create_incident(
                session,
                actor,
                client_code="C54001",
                caller_name="Élodie Durand",
                title=title,
                description=description,
                opened_at=OPEN_HOUR,
            )
            numbers[key] = created.number
        svc.add_note(session, actor, numbers["badge"], "Le technicien réseau passe jeudi")
    return numbers


def _search(sessions, text: str) -> list[str]:
    with sessions() as session:
        return [r.number for r in list_incidents(session, IncidentFilter(search=text))]


def _behaves(sessions) -> None:
    numbers = _populate(sessions)
    assert _search(sessions, "edition") == [numbers["mandats"]]  # accents do not matter
    assert _search(sessions, "MANDAT") == [numbers["mandats"]]  # prefixes match, case does not
    assert _search(sessions, "sql-42") == [numbers["mandats"]]
    assert _search(sessions, "technicien jeudi") == [numbers["badge"]]  # notes are searched
    assert _search(sessions, "maxeville paie") == [numbers["paie"]]  # client name too
    assert _search(sessions, numbers["paie"].replace("-", "")) == [numbers["paie"]]
    assert _search(sessions, numbers["paie"].lower()) == [numbers["paie"]]
    for hostile in HOSTILE:
        assert isinstance(_search(sessions, hostile), list)
        assert isinstance(_search(sessions, f"mandats {hostile}"), list)
    assert _search(sessions, 'mandats "NEAR(') == []
    with sessions.begin() as session:
        assert rebuild_search_index(session) == 3
    assert _search(sessions, "badgeuse") == [numbers["badge"]]
    with sessions() as session:
        assert count_incidents(session, IncidentFilter(search="bloquee")) == 1


def test_search_on_sqlite(sessions) -> None:
    _behaves(sessions)


@pytest.mark.pg
def test_search_on_postgresql(pg_engine: Engine) -> None:
    migrate.upgrade(pg_engine)
    _behaves(session_factory(pg_engine))
