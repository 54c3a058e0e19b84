"""Incidents: a number at once (R-10), the guarded lifecycle (R-14) and a complete history."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import Contact, Incident, IncidentEvent
from app.domain.incident_lifecycle import Action, TransitionError, allowed_actions
from app.domain.numbering import parse_number
from app.domain.vocabulary import Channel, EventKind, Exclusion, IncidentStatus, Origin
from app.services import incidents as svc
from tests.integration.incident_fixtures import OPEN_HOUR, build_world


@pytest.fixture
def world(sessions):
    with sessions.begin() as session:
        data = build_world(session)
        data["actor"] = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
        return data


def new_incident(sessions, world, **overrides) -> str:
    values = {
        "client_code": "C54001",
        "caller_name": "Élodie Durand",
        "product_code": "FIN",
        "title": "Édition des mandats bloquée",
        "opened_at": OPEN_HOUR,
    }
    values.update(overrides)
    with sessions.begin() as session:
        return svc.create_incident(session, world["actor"], **values).number


def history(sessions, number: str) -> list[IncidentEvent]:
    with sessions() as session:
        incident = svc.find_incident(session, number)
        return list(
            session.execute(
                select(IncidentEvent).where(IncidentEvent.incident_id == incident.id).order_by(IncidentEvent.seq)
            ).scalars()
        )


def test_creation_gives_a_valid_number_at_once_and_records_coverage(sessions, world) -> None:
    with sessions.begin() as session:
        created = svc.create_incident(
            session,
            world["actor"],
            client_code="hl540001",
            caller_name="elodie durand",
            product_code="fin",
            title="Mandats",
            opened_at=OPEN_HOUR,
        )
    assert str(parse_number(created.number)) == created.number and created.number.startswith("NCY-26")
    assert created.coverage.covered and not created.contact_created
    [event] = history(sessions, created.number)
    assert (
        event.kind is EventKind.CREATED
        and event.to_status is IncidentStatus.NEW
        and event.author_name == "Camille Martin"
    )


def test_numbers_are_consecutive_on_one_station(sessions, world) -> None:
    first, second = new_incident(sessions, world), new_incident(sessions, world)
    assert parse_number(second).sequence == parse_number(first).sequence + 1


def test_an_unknown_caller_becomes_a_contact_with_a_warning(sessions, world) -> None:
    """R-03: unknown → create the contact, warning."""
    with sessions.begin() as session:
        created = svc.create_incident(
            session,
            world["actor"],
            client_code="C54001",
            caller_name="Paul Inconnu",
            title="Question",
            opened_at=OPEN_HOUR,
        )
        assert created.contact_created and "caller_unknown" in created.coverage.codes
        assert session.execute(select(Contact).where(Contact.last_name == "Inconnu")).scalar_one().first_name == "Paul"


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"client_code": "C99999"}, "Aucun client"),
        ({"title": "   "}, "titre"),
        ({"product_code": "XYZ"}, "inconnu"),
        ({"caller_name": ""}, "appelant"),
        ({"priority": 7}, "priorité"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(sessions, world, overrides, fragment) -> None:
    with pytest.raises(svc.IncidentError, match=fragment):
        new_incident(sessions, world, **overrides)
    with sessions() as session:
        assert session.query(Incident).count() == 0


def test_a_caller_of_another_client_is_refused(sessions, world) -> None:
    with pytest.raises(svc.IncidentError, match="pas un contact de ce client"), sessions.begin() as session:
        svc.create_incident(
            session,
            world["actor"],
            client_code="C54001",
            contact_id=world["laxou_rtc"].id,
            title="x",
            opened_at=OPEN_HOUR,
        )


def test_the_whole_lifecycle_with_a_workaround(sessions, world) -> None:
    """R-14: new → diagnosed → workaround proposed → accepted → resolved → closed → reopened."""
    number = new_incident(sessions, world)
    actor = world["actor"]
    steps = [
        lambda s: svc.diagnose(s, actor, number, Origin.FEATURE, 45),
        lambda s: svc.propose_workaround(s, actor, number, "Éditer les mandats un par un"),
        lambda s: svc.accept_workaround(s, actor, number, "Élodie Durand"),
        lambda s: svc.resolve(s, actor, number, "Correctif 7.2.1 installé"),
        lambda s: svc.close(s, actor, number),
        lambda s: svc.reopen(s, actor, number, "Le blocage est revenu"),
    ]
    expected = [
        IncidentStatus.DIAGNOSED,
        IncidentStatus.WORKAROUND_PROPOSED,
        IncidentStatus.WORKAROUND_ACCEPTED,
        IncidentStatus.RESOLVED,
        IncidentStatus.CLOSED,
        IncidentStatus.DIAGNOSED,
    ]
    for step, status in zip(steps, expected, strict=True):
        with sessions.begin() as session:
            assert step(session).status is status
    with sessions() as session:
        incident = svc.find_incident(session, number)
        assert incident.origin is Origin.FEATURE and incident.estimate_minutes == 45
        assert incident.workaround == "Éditer les mandats un par un"
        assert incident.first_response_at is not None and incident.resolved_at is None and incident.closed_at is None
    events = history(sessions, number)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    changes = [(e.from_status, e.to_status) for e in events if e.kind is EventKind.STATUS_CHANGED]
    assert changes == list(zip([IncidentStatus.NEW, *expected[:-1]], expected, strict=True))
    assert {e.field for e in events if e.kind is EventKind.FIELD_CHANGED} == {"origin", "estimate_minutes"}
    assert all(e.author_name == "Camille Martin" and e.at is not None for e in events)


@pytest.mark.parametrize(
    ("action", "fragment"),
    [
        (lambda s, a, n: svc.resolve(s, a, n, "fait"), "diagnostic"),
        (lambda s, a, n: svc.propose_workaround(s, a, n, "x"), "diagnostic"),
        (lambda s, a, n: svc.accept_workaround(s, a, n), "aucun contournement"),
        (lambda s, a, n: svc.close(s, a, n), "résolu"),
        (lambda s, a, n: svc.reopen(s, a, n, "x"), "rouvert"),
    ],
)
def test_transitions_refused_from_new_change_nothing(sessions, world, action, fragment) -> None:
    number = new_incident(sessions, world)
    with pytest.raises(TransitionError, match=fragment), sessions.begin() as session:
        action(session, world["actor"], number)
    assert len(history(sessions, number)) == 1


def test_allowed_actions_follow_the_status() -> None:
    assert allowed_actions(IncidentStatus.NEW) == [Action.DIAGNOSE]
    assert Action.CLOSE in allowed_actions(IncidentStatus.RESOLVED)
    assert allowed_actions(IncidentStatus.CLOSED) == [Action.REOPEN]


def test_diagnosis_needs_a_sensible_estimate(sessions, world) -> None:
    """R-08: diagnosis and a time estimate are owed."""
    number = new_incident(sessions, world)
    with pytest.raises(svc.IncidentError, match="estimation"), sessions.begin() as session:
        svc.diagnose(session, world["actor"], number, Origin.DBMS, 0)


def test_out_of_contract_records_the_exclusion_and_stays_traceable(sessions, world) -> None:
    """R-07."""
    number = new_incident(sessions, world)
    with sessions.begin() as session:
        svc.mark_out_of_contract(session, world["actor"], number, Exclusion.NON_CONFORMING_USE)
    with sessions() as session:
        incident = svc.find_incident(session, number)
        assert incident.out_of_contract and incident.exclusion is Exclusion.NON_CONFORMING_USE
    [event] = [e for e in history(sessions, number) if e.field == "exclusion"]
    assert event.new_value == "non_conforming_use"


def test_waiting_on_the_client_is_recorded_and_cleared_at_resolution(sessions, world) -> None:
    number = new_incident(sessions, world)
    actor = world["actor"]
    with sessions.begin() as session:
        svc.diagnose(session, actor, number, Origin.DBMS, 30)
        svc.set_waiting(session, actor, number, "backup")
        assert svc.current_wait(session, svc.find_incident(session, number)) == "backup"
        svc.resolve(session, actor, number, "Base restaurée")
        assert svc.current_wait(session, svc.find_incident(session, number)) is None
    with pytest.raises(svc.IncidentError, match="Attente inconnue"), sessions.begin() as session:
        svc.set_waiting(session, actor, number, "coffee")


def test_a_mistyped_number_says_which_check_failed_and_suggests_the_nearest(sessions, world) -> None:
    number = new_incident(sessions, world)
    wrong = number[:-1] + ("A" if number[-1] != "A" else "B")
    with sessions() as session, pytest.raises(svc.IncidentError, match="clé de contrôle") as info:
        svc.find_incident(session, wrong)
    assert number in str(info.value)
    with sessions() as session:
        assert svc.find_incident(session, number.lower().replace("-", " ")).number == number


def test_notes_go_to_the_history(sessions, world) -> None:
    number = new_incident(sessions, world, channel=Channel.EMAIL)
    with sessions.begin() as session:
        svc.add_note(session, world["actor"], number, "Rappeler après 14 h")
    assert history(sessions, number)[-1].text == "Rappeler après 14 h"
