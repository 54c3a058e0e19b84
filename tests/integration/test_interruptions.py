"""Planned interruptions of hosted services (R-21): over an hour, every subscribed client is told first."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.db.models import Client, Contract, ContractService
from app.domain.vocabulary import ClientKind, ContractStatus, NoticeChannel, ServiceKind
from app.services import interruptions as it

START = datetime(2026, 12, 3, 19, 0, tzinfo=UTC)


def _client(session, code: str, services: list[ServiceKind], status=ContractStatus.ACTIVE) -> Client:
    client = Client(code=code, hotline_id="HL" + code, name=f"Commune {code}", kind=ClientKind.COMMUNE)
    contract = Contract(client=client, reference="CT-" + code, start_date=date(2024, 1, 1), status=status)
    for service in services:
        contract.services.append(ContractService(service=service, start_date=date(2024, 1, 1)))
    session.add_all([client, contract])
    session.flush()
    return client


@pytest.fixture
def clients(sessions):
    with sessions.begin() as session:
        a = _client(session, "C001", [ServiceKind.ASSISTANCE, ServiceKind.PORTAL_HOSTING])
        b = _client(session, "C002", [ServiceKind.PORTAL_HOSTING, ServiceKind.JET_CLOUDING])
        _client(session, "C003", [ServiceKind.ASSISTANCE])
        _client(session, "C004", [ServiceKind.PORTAL_HOSTING], status=ContractStatus.TERMINATED)
        return a.id, b.id


def test_a_long_interruption_lists_every_subscribed_client(sessions, clients) -> None:
    with sessions.begin() as session:
        iid = it.plan_interruption(session, ServiceKind.PORTAL_HOSTING, START, 90, "Mise à jour du serveur")
        names = [c.code for c in it.clients_to_tell(session, iid)]
    assert names == ["C001", "C002"]  # C003 has no portal, C004's contract has ended


def test_a_short_interruption_needs_no_announcement(sessions, clients) -> None:
    with sessions.begin() as session:
        it.plan_interruption(session, ServiceKind.JET_CLOUDING, START, 45, "Redémarrage")
        [view] = it.list_interruptions(session)
        assert not view.needs_announcement and view.fully_announced
        assert it.unannounced_long_interruptions(session, START + timedelta(hours=2)) == []


def test_an_unannounced_long_interruption_is_flagged(sessions, clients) -> None:
    a, b = clients
    with sessions.begin() as session:
        iid = it.plan_interruption(session, ServiceKind.PORTAL_HOSTING, START, 120, "Migration")
        it.record_notice(session, iid, a, START - timedelta(days=2), NoticeChannel.EMAIL)
        assert it.unannounced_long_interruptions(session, START - timedelta(hours=1)) == []  # not started
        [flagged] = it.unannounced_long_interruptions(session, START + timedelta(minutes=5))
        assert (flagged.clients_total, flagged.clients_told) == (2, 1)
        # Told after it started does not count as told beforehand.
        it.record_notice(session, iid, b, START + timedelta(minutes=1), NoticeChannel.PORTAL)
        assert len(it.unannounced_long_interruptions(session, START + timedelta(minutes=5))) == 1
        it.record_notice(session, iid, b, START - timedelta(hours=3), NoticeChannel.PORTAL)
        assert it.unannounced_long_interruptions(session, START + timedelta(minutes=5)) == []


@pytest.mark.parametrize(
    ("service", "minutes", "reason", "fragment"),
    [
        (ServiceKind.ASSISTANCE, 90, "x", "Seuls"),
        (ServiceKind.PORTAL_HOSTING, 0, "x", "durée"),
        (ServiceKind.PORTAL_HOSTING, 30, "  ", "motif"),
    ],
)
def test_bad_interruptions_are_refused(sessions, service, minutes, reason, fragment) -> None:
    with pytest.raises(it.InterruptionError, match=fragment), sessions.begin() as session:
        it.plan_interruption(session, service, START, minutes, reason)
    with sessions() as session:
        assert it.list_interruptions(session) == []
