"""Finding a client from what the caller dictates (R-04) and reading its file (R-01, R-02)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.db import migrate
from app.db.engine import session_factory
from app.services.clients import client_detail, search_clients
from tests.ui.sample_clients import add_sample_clients


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db(request: pytest.FixtureRequest) -> sessionmaker[Session]:
    """The same searches on the solo (SQLite) and team (PostgreSQL, when configured) databases."""
    if request.param == "sqlite":
        return request.getfixturevalue("sessions")
    engine: Engine = request.getfixturevalue("pg_engine")
    migrate.upgrade(engine)
    return session_factory(engine)


@pytest.fixture
def ids(db: sessionmaker[Session]) -> dict[str, uuid.UUID]:
    with db.begin() as session:
        return add_sample_clients(session)


@pytest.fixture
def session(db: sessionmaker[Session], ids: dict[str, uuid.UUID]) -> Iterator[Session]:
    with db() as s:
        yield s


def codes(session: Session, text: str, limit: int = 50) -> list[str]:
    return [c.code for c in search_clients(session, text, limit)]


@pytest.mark.parametrize("typed", ["C05412", "c05412", "05412", " C 05412 "])
def test_finds_a_client_by_its_code_with_or_without_the_letter(session: Session, typed: str) -> None:
    """R-04: the *N° client* as dictated."""
    assert codes(session, typed)[0] == "C05412"


@pytest.mark.parametrize("typed", ["HL123456", "hl123456", "123456"])
def test_finds_a_client_by_its_hotline_id_with_or_without_prefix(session: Session, typed: str) -> None:
    """R-04: the *N° identification hotline*."""
    assert codes(session, typed) == ["C05412"]


@pytest.mark.parametrize("typed", ["03 83 90 10 00", "+33383901000", "0383901000", "03.83.90.10.00"])
def test_finds_a_client_by_a_site_phone_in_any_french_format(session: Session, typed: str) -> None:
    """R-04: a phone number in any French format."""
    assert codes(session, typed) == ["C05412"]


def test_finds_a_client_by_the_phone_of_one_of_its_contacts(session: Session) -> None:
    assert codes(session, "06 12 34 56 78") == ["C00077"]


def test_a_half_typed_phone_number_already_narrows_the_list(session: Session) -> None:
    assert codes(session, "03 29 68") == ["C05413"]


@pytest.mark.parametrize("typed", ["maxeville", "MAXEVILLE", "Maxéville", "maxév"])
def test_finds_a_name_typed_without_accents(session: Session, typed: str) -> None:
    assert codes(session, typed) == ["C05412"]


def test_every_word_of_a_name_must_match(session: Session) -> None:
    assert codes(session, "eaux vezouze") == ["C00077"]
    assert codes(session, "eaux nowhere") == []


def test_finds_clients_by_their_commune_typed_without_accents(session: Session) -> None:
    """The name match (« CCAS d'Épinal ») comes before the client found by its town only."""
    assert codes(session, "epinal") == ["C05413", "C00210"]
    assert codes(session, "blamont") == ["C00077"]


def test_a_postal_code_finds_the_clients_of_that_commune(session: Session) -> None:
    assert set(codes(session, "88000")) == {"C05413", "C00210"}


def test_exact_code_ranks_before_an_identifier_that_merely_starts_alike(session: Session) -> None:
    # HL054120 starts with the digits of C05412.
    assert codes(session, "05412") == ["C05412", "C00054"]


def test_name_prefix_ranks_before_contains_then_commune(session: Session) -> None:
    assert codes(session, "nancy") == ["C00300", "C00101", "C00100", "C00102"]


def test_empty_text_lists_clients_by_name_up_to_the_limit(session: Session) -> None:
    names = [c.name for c in search_clients(session, "", limit=4)]
    assert names == ["CCAS d'Épinal", "CCAS de Nancy", "Commune de Maxéville", "Commune de Nancy"]


def test_nothing_found_is_an_empty_list(session: Session) -> None:
    assert search_clients(session, "zzz introuvable") == []
    assert search_clients(session, "%") == []


def test_summary_shows_the_main_phone_in_french_format_and_the_contacts(session: Session) -> None:
    (summary,) = search_clients(session, "C05412")
    assert summary.name == "Commune de Maxéville"
    assert summary.kind_label == "Commune"
    assert (summary.city, summary.postal_code) == ("Maxéville", "54320")
    assert summary.phone == "03 83 90 10 00"
    assert summary.contact_count == 3
    assert summary.active


def test_search_is_one_query_whatever_the_number_of_hits(session: Session) -> None:
    statements: list[str] = []
    engine = session.get_bind()

    def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement != "BEGIN":  # the transaction itself is not a query
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        search_clients(session, "")
        search_clients(session, "nancy")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 2


def test_detail_lists_current_and_former_sites(session: Session, ids: dict[str, uuid.UUID]) -> None:
    """R-01: a move keeps the former site, with when the client told us."""
    detail = client_detail(session, ids["C05412"])
    assert detail is not None
    assert [(s.label, s.is_current) for s in detail.sites] == [("Mairie", True), ("Ancienne mairie", False)]
    former = detail.sites[1]
    assert former.move_notified_on == date(2022, 5, 2)
    assert former.move_notice_label == "Courrier"
    assert [p.number for p in detail.sites[0].phones] == ["03 83 90 10 00"]


def test_detail_lists_rtc_first_with_their_trainings(session: Session, ids: dict[str, uuid.UUID]) -> None:
    """R-02: who is RTC, trained on which product."""
    detail = client_detail(session, ids["C05412"], today=date(2025, 1, 15))
    assert detail is not None
    assert [(c.name, c.is_rtc, c.trained) for c in detail.contacts] == [
        ("Anne Durand", True, True),
        ("Paul Martin", True, True),
        ("Léa Petit", False, False),
    ]
    assert [(t.product_name, t.trained_on) for t in detail.contacts[0].trainings] == [
        ("Jet Finances", date(2021, 3, 12))
    ]
    assert detail.trained_rtc_count == 2
    assert not detail.lacks_trained_rtc


def test_detail_warns_when_fewer_than_two_trained_rtc(session: Session, ids: dict[str, uuid.UUID]) -> None:
    """R-02: fewer than two active trained RTC is a warning on the client."""
    detail = client_detail(session, ids["C05413"])
    assert detail is not None
    assert detail.trained_rtc_count == 0
    assert detail.lacks_trained_rtc


def test_detail_shows_installations_and_contracts(session: Session, ids: dict[str, uuid.UUID]) -> None:
    detail = client_detail(session, ids["C05412"])
    assert detail is not None
    (inst,) = detail.installations
    assert (inst.product_name, inst.version, inst.os_name, inst.dbms_name) == (
        "Jet Finances",
        "5.2",
        "Windows Server 2019",
        "PostgreSQL 15",
    )
    assert inst.environment_validated and inst.licence_paid
    (contract,) = detail.contracts
    assert (contract.reference, contract.status_label, contract.in_force) == (
        "CT-2023-0001",
        "En vigueur",
        True,
    )
    assert [s.label for s in contract.services] == ["Assistance et maintenance", "Sauvegarde externalisée"]


def test_detail_of_a_deleted_client_is_none(session: Session) -> None:
    assert client_detail(session, uuid.uuid4()) is None
