"""The coverage check at intake: every warning of R-03, R-05, R-06, R-07/R-20, R-22 and R-15."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.db.models import CallLog, Contract
from app.domain.coverage import Level, add_months, version_apply_deadline
from app.domain.vocabulary import ContractStatus, ServiceKind
from app.services.coverage import check_coverage, contract_year_start
from tests.integration.incident_fixtures import OPEN_HOUR, build_world


@pytest.fixture
def world(sessions):
    with sessions.begin() as session:
        return build_world(session)


def check(sessions, client, contact, product, at=OPEN_HOUR, service=ServiceKind.ASSISTANCE):
    with sessions() as session:
        return check_coverage(
            session,
            client.id,
            contact_id=contact.id if contact else None,
            product_id=product.id if product else None,
            at=at,
            service=service,
        )


def test_trained_rtc_of_a_paid_validated_client_is_covered_green(sessions, world) -> None:
    """R-05: all conditions met."""
    result = check(sessions, world["maxeville"], world["durand"], world["fin"])
    assert result.covered and result.level is Level.GREEN and result.codes == []


def test_unknown_caller_is_orange_at_the_technicians_choice(sessions, world) -> None:
    """R-03: unknown caller → warning; the call may proceed."""
    result = check(sessions, world["maxeville"], None, world["fin"])
    assert result.codes == ["caller_unknown"] and not result.covered and result.level is Level.ORANGE


def test_untrained_caller_is_not_covered_usage(sessions, world) -> None:
    """R-03: known but untrained → non-covered usage, at the technician's choice."""
    result = check(sessions, world["maxeville"], world["novice"], world["fin"])
    assert result.codes == ["caller_not_trained"] and result.level is Level.ORANGE


def test_trained_on_another_product_is_not_trained_for_this_one(sessions, world) -> None:
    result = check(sessions, world["maxeville"], world["durand"], world["paie"])
    assert "caller_not_trained" in result.codes


def test_unpaid_licence_unvalidated_system_and_few_rtc(sessions, world) -> None:
    """R-05 and R-02 on Laxou, whose version 7.1 is also overdue (7.2 out on 1 June 2025, R-20)."""
    result = check(sessions, world["laxou"], world["laxou_rtc"], world["fin"])
    assert result.codes == ["licence_unpaid", "system_not_validated", "version_overdue", "few_rtc"]
    assert not result.covered and result.level is Level.RED


def test_version_overdue_only_after_six_months(sessions, world) -> None:
    """R-20: 6 months at most to apply a new version."""
    before = datetime(2025, 11, 30, 9, 0, tzinfo=UTC)  # Monday 1 Dec 2025 is the deadline
    assert "version_overdue" not in check(sessions, world["laxou"], world["laxou_rtc"], world["fin"], at=before).codes
    assert version_apply_deadline(date(2025, 6, 1)) == date(2025, 12, 1)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)


def test_service_not_subscribed_for_backup(sessions, world) -> None:
    """R-06: coverage is per service; Laxou has no backup service."""
    result = check(sessions, world["laxou"], world["laxou_rtc"], None, service=ServiceKind.BACKUP)
    assert "service_not_subscribed" in result.codes


def test_contract_inactive(sessions, world) -> None:
    with sessions.begin() as session:
        for contract in session.query(Contract).all():
            contract.status = ContractStatus.TERMINATED
    result = check(sessions, world["maxeville"], world["durand"], world["fin"])
    assert result.codes[0] == "contract_inactive" and result.level is Level.RED


def test_backup_quota_exceeded_after_90_minutes_in_the_contract_year(sessions, world) -> None:
    """R-22: 1 h 30 of backup assistance per contract year (contract year starts 1 April)."""
    maxeville = world["maxeville"]
    with sessions.begin() as session:
        start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        for day in range(3):
            begin = start + timedelta(days=day)
            session.add(
                CallLog(
                    client_id=maxeville.id,
                    service=ServiceKind.BACKUP,
                    station="NCY",
                    started_at=begin,
                    ended_at=begin + timedelta(minutes=30),
                )
            )
    result = check(sessions, maxeville, world["durand"], None, service=ServiceKind.BACKUP)
    assert result.codes == ["backup_quota_exceeded"] and result.covered and result.level is Level.ORANGE
    # From 1 April 2026 a new contract year starts with a fresh allowance.
    april = datetime(2026, 4, 2, 8, 0, tzinfo=UTC)
    assert (
        "backup_quota_exceeded"
        not in check(sessions, maxeville, world["durand"], None, april, ServiceKind.BACKUP).codes
    )
    assert contract_year_start(date(2024, 4, 1), date(2026, 3, 31)) == date(2025, 4, 1)


def test_call_outside_hours_is_flagged(sessions, world) -> None:
    """R-15: Friday 16:30 the hotline is closed."""
    friday = datetime(2026, 3, 13, 15, 30, tzinfo=UTC)
    result = check(sessions, world["maxeville"], world["durand"], world["fin"], at=friday)
    assert result.codes == ["hotline_closed"] and result.covered


def test_software_not_installed_at_the_client(sessions, world) -> None:
    result = check(sessions, world["laxou"], world["laxou_rtc"], world["paie"])
    assert "product_not_installed" in result.codes and not result.covered
