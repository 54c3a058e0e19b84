"""A search listed newest (or oldest) first is read from the full-text index in entry order when that
order gives the same page, and gathers every match otherwise (R-13: the register's lookups)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from app.domain.vocabulary import Channel, IncidentStatus, Origin
from app.services import incident_queries
from app.services import incidents as svc
from app.services.incident_queries import IncidentFilter, list_incidents
from tests.integration.incident_fixtures import OPEN_HOUR, build_world

TITLES = ["Facture bloquée", "Facturation des loyers", "Mandat rejeté", "Facture et mandat", "Paie du mois"]


def _enter(sessions, minutes: list[int]) -> None:
    """Incidents entered in this order, each opened that many minutes after OPEN_HOUR."""
    rng = random.Random(7)
    with sessions.begin() as session:
        build_world(session)
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
        for i, minute in enumerate(minutes):
            created = svc.create_incident(
                session,
                actor,
                client_code="C54001" if i % 3 else "C54002",
                caller_name="Élodie Durand",
                title=TITLES[i % len(TITLES)],
                channel=Channel.PORTAL if i % 4 == 0 else Channel.PHONE,
                opened_at=OPEN_HOUR + timedelta(minutes=minute),
            )
            if rng.random() < 0.3:
                svc.diagnose(session, actor, created.number, Origin.FEATURE, 30)


def _gathering_every_match(monkeypatch, sessions, flt: IncidentFilter, **kw) -> list[str]:
    with monkeypatch.context() as patch:
        patch.setattr(incident_queries, "_search_page_in_entry_order", lambda *a: None)
        with sessions() as session:
            return [r.number for r in list_incidents(session, flt, **kw)]


def _listed(sessions, flt: IncidentFilter, **kw) -> list[str]:
    with sessions() as session:
        return [r.number for r in list_incidents(session, flt, **kw)]


def _entry_order_taken(sessions, monkeypatch, flt: IncidentFilter, sort: str) -> bool:
    """Whether listing the first page read it from the index in entry order."""
    taken = []
    read_in_entry_order = incident_queries._search_page_in_entry_order

    def spy(*args):
        page = read_in_entry_order(*args)
        taken.append(page is not None)
        return page

    with monkeypatch.context() as patch:
        patch.setattr(incident_queries, "_search_page_in_entry_order", spy)
        _listed(sessions, flt, limit=20, sort=sort)
    return taken == [True]


FILTERS = [
    IncidentFilter(search="factur"),
    IncidentFilter(search="facture mandat"),
    IncidentFilter(search="factur", client_code="C54001"),
    IncidentFilter(search="factur", channel=Channel.PORTAL),
    IncidentFilter(search="mandat", statuses=(IncidentStatus.NEW,)),
    IncidentFilter(search="paie", opened_from=OPEN_HOUR + timedelta(minutes=100)),
    IncidentFilter(search="introuvable"),
]


def test_pages_in_entry_order_equal_the_pages_of_every_match(sessions, monkeypatch) -> None:
    # Entered in the order they were opened, several at the same minute (ties are broken by entry order).
    _enter(sessions, [i // 3 for i in range(420)])
    for flt in FILTERS:
        for sort in ("opened_desc", "opened_asc"):
            for offset in (0, 20, 100, 380):
                expected = _gathering_every_match(monkeypatch, sessions, flt, offset=offset, limit=20, sort=sort)
                assert _listed(sessions, flt, offset=offset, limit=20, sort=sort) == expected, (flt, sort, offset)
    # In entry order the index is trusted: no gathering of every match for a common word.
    assert _entry_order_taken(sessions, monkeypatch, IncidentFilter(search="factur"), "opened_desc")
    assert _entry_order_taken(sessions, monkeypatch, IncidentFilter(search="factur"), "opened_asc")
    # Other sorts gather every match.
    assert not _entry_order_taken(sessions, monkeypatch, IncidentFilter(search="factur"), "priority")


def test_an_incident_entered_out_of_order_is_never_missed(sessions, monkeypatch) -> None:
    # The first incidents entered were opened last (entered early, opened late: an import, a backdating
    # the other way round); the pages must still hold them first when newest first.
    minutes = [1000 + i for i in range(5)] + [i for i in range(400)]
    _enter(sessions, minutes)
    flt = IncidentFilter(search="factur")
    newest = _listed(sessions, flt, limit=20, sort="opened_desc")
    assert newest == _gathering_every_match(monkeypatch, sessions, flt, limit=20, sort="opened_desc")
    with sessions() as session:
        first_entered = {r.number for r in list_incidents(session, IncidentFilter(), limit=5, sort="opened_desc")}
    assert first_entered & set(newest), "the late-opened incidents lead the newest-first page"
    # They are found by the date index and join the page read in entry order...
    assert _entry_order_taken(sessions, monkeypatch, flt, "opened_desc")
    # ...unless they are too many to look at one by one: then every match is gathered, with the same page.
    monkeypatch.setattr(incident_queries, "STRAY_LIMIT", 3)
    assert not _entry_order_taken(sessions, monkeypatch, flt, "opened_desc")
    assert _listed(sessions, flt, limit=20, sort="opened_desc") == newest
    monkeypatch.undo()
    # Oldest first, the entry order holds for the first pages: the index is used and agrees.
    for offset in (0, 100):
        assert _listed(sessions, flt, offset=offset, limit=20, sort="opened_asc") == _gathering_every_match(
            monkeypatch, sessions, flt, offset=offset, limit=20, sort="opened_asc"
        )
    assert _entry_order_taken(sessions, monkeypatch, flt, "opened_asc")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_entries_give_the_same_pages(sessions, monkeypatch, seed: int) -> None:
    # Mostly in order, with some incidents entered hours late (declared on the portal, pulled later).
    rng = random.Random(seed)
    minutes = sorted(rng.randrange(0, 600) for _ in range(300))
    for _ in range(15):
        i = rng.randrange(len(minutes))
        minutes[i] = max(0, minutes[i] - rng.randrange(30, 400))
    for _ in range(5):  # and a few opened in the first hour, entered among the last
        minutes[rng.randrange(250, 300)] = rng.randrange(0, 60)
    _enter(sessions, minutes)
    for flt in FILTERS[:4]:
        for sort in ("opened_desc", "opened_asc"):
            for offset in (0, 40, 150):
                expected = _gathering_every_match(monkeypatch, sessions, flt, offset=offset, limit=40, sort=sort)
                assert _listed(sessions, flt, offset=offset, limit=40, sort=sort) == expected, (flt, sort, offset)
