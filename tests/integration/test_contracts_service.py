"""Contracts kept by the vendor's staff: notice (R-26), financial lines and revision (R-27, R-28), late
fees (R-29), versions and their deadlines (R-20), each change audited."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry, Installation, Release
from app.domain.contract_life import DeadlineKind, Phase
from app.domain.coverage import Level
from app.domain.versions import VersionState
from app.services import contracts, releases
from app.services.coverage import check_coverage
from app.services.incidents import Actor
from tests.integration.incident_fixtures import build_world

ACTOR = Actor(None, "Claire Admin", "NCY")
REF = "CT-C54001"  # started 01/04/2024, commitment to 01/04/2026


@pytest.fixture
def world(sessions):
    with sessions.begin() as session:
        return build_world(session)


def kinds(session) -> list[str]:
    return list(session.execute(select(AuditEntry.kind).order_by(AuditEntry.seq)).scalars())


def test_notice_after_the_commitment_ends_the_contract_at_the_next_due_date_and_is_audited(sessions, world) -> None:
    """R-26: received 31/12/2026, three months before 01/04/2027 at the latest: last covered day 31/03/2027."""
    with sessions.begin() as session:
        end = contracts.record_notice(session, ACTOR, REF, date(2026, 12, 31), "1A 234 567 8901 2")
    assert end == date(2027, 3, 31)
    with sessions() as session:
        detail = contracts.contract_detail(session, REF, date(2027, 1, 5))
        assert detail.summary.phase is Phase.NOTICE_GIVEN
        assert detail.destruction_on == date(2027, 5, 1)
        assert kinds(session) == ["contract_notice"]


def test_a_second_notice_is_refused(sessions, world) -> None:
    with sessions.begin() as session:
        contracts.record_notice(session, ACTOR, REF, date(2026, 12, 31), "LR1")
    with sessions.begin() as session, pytest.raises(contracts.ContractError, match="déjà enregistré"):
        contracts.record_notice(session, ACTOR, REF, date(2027, 1, 2), "LR2")


def test_financial_table_of_a_contract_to_the_cent(sessions, world) -> None:
    """R-28: 1 × 1 450,00 + 2 × 180,25 = 1 810,50 HT; TVA 362,10; TTC 2 172,60."""
    with sessions.begin() as session:
        contracts.add_line(
            session, ACTOR, REF, designation="Assistance FIN", unit_price="1450,00", index_series="syntec"
        )
        contracts.add_line(session, ACTOR, REF, designation="Sauvegarde 2 postes", unit_price="180.25", quantity="2")
    with sessions() as session:
        table = contracts.contract_detail(session, REF, date(2026, 1, 5)).table
        assert (table.total_excl_vat, table.vat, table.total_incl_vat) == (D("1810.50"), D("362.10"), D("2172.60"))
        assert kinds(session) == ["contract_line_added", "contract_line_added"]


def test_revision_at_the_anniversary_uses_s_and_the_index_a_year_before_and_keeps_the_history(sessions, world) -> None:
    """R-27: S = SYNTEC 2026-02 = 330,5; S0 = 2025-02 = 321,2; 1 450,00 × 330,5 / 321,2 = 1 491,98 (1491,9831…)."""
    with sessions.begin() as session:
        contracts.add_line(session, ACTOR, REF, designation="Assistance FIN", unit_price="1450", index_series="SYNTEC")
        contracts.set_index_value(session, ACTOR, "Syntec", "2025-02", "321,2")
        contracts.set_index_value(session, ACTOR, "Syntec", "2026-02", "330,5")
        contracts.set_index_value(session, ACTOR, "Syntec", "2026-05", "331,0")  # published after the revision date
    with sessions.begin() as session:
        done = contracts.revise_contract(session, ACTOR, REF, date(2026, 4, 1), today=date(2026, 4, 2))
    assert [(r.old_price, r.new_price, r.index_period, r.base_period) for r in done] == [
        (D("1450.00"), D("1491.98"), "2026-02", "2025-02")
    ]
    with sessions() as session:
        line = contracts.contract_detail(session, REF, date(2026, 4, 2)).lines[0]
        assert line.unit_price == D("1491.98")
        assert [(p.effective_on, p.unit_price) for p in line.prices] == [
            (date(2024, 4, 1), D("1450.00")),
            (date(2026, 4, 1), D("1491.98")),
        ]
        assert kinds(session)[-1] == "contract_revised"
    with sessions.begin() as session, pytest.raises(contracts.ContractError, match="déjà été révisée"):
        contracts.revise_contract(session, ACTOR, REF, date(2026, 4, 1), today=date(2026, 4, 2))


def test_revision_needs_the_index_of_the_year_before(sessions, world) -> None:
    with sessions.begin() as session:
        contracts.add_line(session, ACTOR, REF, designation="Assistance", unit_price="100", index_series="SYNTEC")
        contracts.set_index_value(session, ACTOR, "SYNTEC", "2026-T1", "330,5")
    with sessions.begin() as session, pytest.raises(contracts.ContractError, match="2025-01 manquant"):
        contracts.revise_contract(session, ACTOR, REF, date(2026, 4, 1), today=date(2026, 4, 2))


def test_revision_only_on_an_anniversary(sessions, world) -> None:
    with sessions.begin() as session, pytest.raises(contracts.ContractError, match="pas une date anniversaire"):
        contracts.revise_contract(session, ACTOR, REF, date(2026, 4, 2), today=date(2026, 4, 2))


def test_late_fee_from_the_rate_table(sessions, world) -> None:
    """R-29: 1 000 € due 31/01/2026, paid 03/03/2026 (31 days) at 6 %: 15,29 € + 40 € = 55,29 €."""
    with sessions.begin() as session:
        contracts.set_legal_rate(session, ACTOR, date(2026, 1, 1), date(2026, 6, 30), "6,00")
    with sessions() as session:
        fee = contracts.late_fee_for(session, "1000", date(2026, 1, 31), date(2026, 3, 3))
        assert fee.total == D("55.29")
        with pytest.raises(contracts.ContractError, match="manquant"):
            contracts.late_fee_for(session, "1000", date(2026, 6, 1), date(2026, 8, 3))


def test_overlapping_rate_periods_are_refused(sessions, world) -> None:
    with sessions.begin() as session:
        contracts.set_legal_rate(session, ACTOR, date(2026, 1, 1), date(2026, 6, 30), "6")
    with sessions.begin() as session, pytest.raises(contracts.ContractError, match="chevauche"):
        contracts.set_legal_rate(session, ACTOR, date(2026, 6, 1), date(2026, 12, 31), "4")


def test_coming_deadlines_list_the_notice_date_of_every_contract(sessions, world) -> None:
    """Both contracts started 01/04/2024: notice by 01/01/2027 for an end on 01/04/2027."""
    with sessions() as session:
        rows = contracts.coming_deadlines(session, date(2026, 12, 1))
    assert [(r.reference, r.deadline.on, r.deadline.kind) for r in rows] == [
        ("CT-C54001", date(2027, 1, 1), DeadlineKind.NOTICE),
        ("CT-C54002", date(2027, 1, 1), DeadlineKind.NOTICE),
    ]


# --- R-20 ---------------------------------------------------------------------------------------------------


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def test_ordinary_release_must_be_applied_within_six_months_then_intake_warns(sessions, world) -> None:
    """R-20: FIN 7.3 released 10/01/2026, Maxéville still on 7.2: due 10/07/2026, overdue on the 13th."""
    with sessions.begin() as session:
        releases.add_release(session, ACTOR, "FIN", "7.3", date(2026, 1, 10), sheet="Nouvel état des dépenses.")
    with sessions() as session:
        status = releases.client_versions(session, "C54001", date(2026, 7, 10))[0].status
        assert (status.state, status.deadline) == (VersionState.TO_APPLY, date(2026, 7, 10))
        assert releases.client_versions(session, "C54001", date(2026, 7, 13))[0].status.overdue
        coverage = check_coverage(
            session,
            world["maxeville"].id,
            contact_id=world["durand"].id,
            product_id=world["fin"].id,
            at=_at(date(2026, 7, 13)),
        )
        assert "version_overdue" in coverage.codes and coverage.level is Level.RED
        assert coverage.proposed_exclusion == "version_not_applied"
        late = releases.overdue_installations(session, date(2026, 7, 13))
        assert ("C54001", "FIN") in [(r.client_code, r.product_code) for r in late]


def test_substantial_release_gives_three_months_before_installing_and_the_old_version_stays_covered(
    sessions, world
) -> None:
    """R-20: a substantial release of 10/01/2026: window to 10/04/2026, still to apply until 10/07/2026."""
    with sessions.begin() as session:
        releases.add_release(
            session, ACTOR, "FIN", "8.0", date(2026, 1, 10), substantial=True, sheet="PostgreSQL 16 requis."
        )
    with sessions() as session:
        in_window = releases.client_versions(session, "C54001", date(2026, 4, 10))[0].status
        assert (in_window.state, in_window.window_end) == (VersionState.WINDOW, date(2026, 4, 10))
        coverage = check_coverage(
            session,
            world["maxeville"].id,
            contact_id=world["durand"].id,
            product_id=world["fin"].id,
            at=_at(date(2026, 4, 10)),
        )
        assert "version_overdue" not in coverage.codes
        assert releases.client_versions(session, "C54001", date(2026, 4, 11))[0].status.state is VersionState.TO_APPLY


def test_installing_the_new_version_clears_the_delay_and_is_audited(sessions, world) -> None:
    with sessions.begin() as session:
        releases.add_release(session, ACTOR, "FIN", "7.3", date(2026, 1, 10), sheet="Correctifs.")
        releases.set_installed_version(session, ACTOR, "C54001", "FIN", "7.3", date(2026, 2, 1))
    with sessions() as session:
        assert releases.client_versions(session, "C54001", date(2026, 9, 1))[0].status.state is VersionState.UP_TO_DATE
        installation = session.execute(
            select(Installation).where(
                Installation.client_id == world["maxeville"].id, Installation.product_id == world["fin"].id
            )
        ).scalar_one()
        assert session.get(Release, installation.release_id).version == "7.3"
        assert kinds(session) == ["release_added", "installed_version"]


def test_a_release_without_its_descriptive_sheet_is_refused(sessions, world) -> None:
    with sessions.begin() as session, pytest.raises(releases.ReleaseError, match="fiche descriptive"):
        releases.add_release(session, ACTOR, "FIN", "7.4", date(2026, 1, 10), sheet=" ")
