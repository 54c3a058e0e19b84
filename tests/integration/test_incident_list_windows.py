"""The incident list read window after window from the last row loaded gives the list read at once
(issue 4: a million incidents scroll without counting rows from the top again)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.vocabulary import Channel
from app.services import incident_queries
from app.services import incidents as svc
from app.services.incident_queries import IncidentFilter, list_incidents
from tests.integration.incident_fixtures import OPEN_HOUR, build_world


@pytest.fixture
def listed(sessions):
    with sessions.begin() as session:
        build_world(session)
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
        for i in range(230):
            svc.create_incident(
                session,
                actor,
                client_code="C54001" if i % 3 else "C54002",
                caller_name="Élodie Durand",
                title="Facture bloquée" if i % 2 else "Mandat rejeté",
                channel=Channel.PORTAL if i % 5 == 0 else Channel.PHONE,
                # Several incidents share each minute, and a few were entered after later ones.
                opened_at=OPEN_HOUR + timedelta(minutes=(i // 4) if i % 17 else 3),
            )
    return sessions


@pytest.mark.parametrize("sort", ["opened_desc", "opened_asc", "priority", "client"])
@pytest.mark.parametrize(
    "flt", [IncidentFilter(), IncidentFilter(client_code="C54001"), IncidentFilter(search="facture")]
)
def test_windows_after_the_last_row_equal_one_read(listed, sort: str, flt: IncidentFilter) -> None:
    with listed() as session:
        whole = [r.number for r in list_incidents(session, flt, limit=1000, sort=sort)]
        rows = list_incidents(session, flt, limit=25, sort=sort)
        while len(rows) < len(whole):
            window = list_incidents(session, flt, offset=len(rows), limit=25, sort=sort, after=rows[-1])
            assert window, "a window came back empty before the end of the list"
            rows += window
    assert [r.number for r in rows] == whole


def test_deep_search_windows_equal_one_read(listed, monkeypatch) -> None:
    # Past a depth, a search's windows gather every match and start after the last row loaded.
    monkeypatch.setattr(incident_queries, "ENTRY_ORDER_DEPTH", 40)
    flt = IncidentFilter(search="facture")
    with listed() as session:
        whole = [r.number for r in list_incidents(session, flt, limit=1000)]
        rows = list_incidents(session, flt, limit=25)
        while len(rows) < len(whole):
            rows += list_incidents(session, flt, offset=len(rows), limit=25, after=rows[-1])
    assert [r.number for r in rows] == whole


def test_the_window_starts_after_the_row_even_when_rows_were_added_above(listed) -> None:
    with listed() as session:
        first = list_incidents(session, IncidentFilter(), limit=25)
    with listed.begin() as session:
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
        svc.create_incident(
            session,
            actor,
            client_code="C54001",
            caller_name="Élodie Durand",
            title="Nouveau",
            opened_at=OPEN_HOUR + timedelta(hours=9),
        )
    with listed() as session:
        following = list_incidents(session, IncidentFilter(), offset=25, limit=25, after=first[-1])
        whole = [r.number for r in list_incidents(session, IncidentFilter(), limit=1000)]
    # Counting from the top would repeat the 25th row; starting after it does not.
    assert [r.number for r in following] == whole[26:51]
