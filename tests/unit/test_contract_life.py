"""R-26: anniversaries, commitment end, notice deadlines and the status of a contract on a date."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.contract_life import (
    ContractTerms,
    DeadlineKind,
    NoticeError,
    Phase,
    anniversary,
    coming_deadlines,
    commitment_end,
    contract_year_start,
    destruction_date,
    end_after_notice,
    next_anniversary,
    next_notice_deadline,
    notice_deadline,
    phase_on,
)

START = date(2025, 3, 15)
TERMS = ContractTerms(START)


def test_commitment_is_24_months_from_the_start() -> None:
    assert commitment_end(TERMS) == date(2027, 3, 15)


def test_anniversary_of_29_february_is_28_february_in_ordinary_years_and_29_in_leap_years() -> None:
    start = date(2024, 2, 29)
    assert [anniversary(start, k) for k in range(1, 5)] == [
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


def test_anniversary_of_a_31st_is_clamped_each_year_from_the_start_not_drifting() -> None:
    start = date(2025, 8, 31)
    assert notice_deadline(anniversary(start, 2)) == date(2027, 5, 31)
    assert anniversary(start, 2) == date(2027, 8, 31)
    assert notice_deadline(date(2027, 5, 31)) == date(2027, 2, 28)


def test_contract_year_starts_on_the_last_anniversary_on_or_before_the_day() -> None:
    assert contract_year_start(START, date(2026, 3, 14)) == START
    assert contract_year_start(START, date(2026, 3, 15)) == date(2026, 3, 15)
    assert contract_year_start(date(2024, 2, 29), date(2025, 2, 27)) == date(2024, 2, 29)
    assert contract_year_start(date(2024, 2, 29), date(2025, 2, 28)) == date(2025, 2, 28)


def test_next_anniversary_is_strictly_after_the_day() -> None:
    assert next_anniversary(START, date(2026, 3, 14)) == date(2026, 3, 15)
    assert next_anniversary(START, date(2026, 3, 15)) == date(2027, 3, 15)


def test_phase_moves_from_commitment_to_tacit_renewal_on_the_commitment_end() -> None:
    assert phase_on(TERMS, date(2025, 3, 14)) is Phase.NOT_STARTED
    assert phase_on(TERMS, START) is Phase.COMMITMENT
    assert phase_on(TERMS, date(2027, 3, 14)) is Phase.COMMITMENT
    assert phase_on(TERMS, date(2027, 3, 15)) is Phase.RENEWED


def test_notice_during_the_commitment_ends_the_contract_at_the_commitment_end() -> None:
    """R-26: the client cannot leave during the commitment; a notice then takes effect at its end."""
    assert end_after_notice(TERMS, date(2025, 6, 1)) == date(2027, 3, 14)


def test_notice_received_on_the_last_day_is_in_time_and_one_day_late_is_next_year() -> None:
    """Three months before the anniversary of 15/03/2028 is 15/12/2027."""
    assert notice_deadline(date(2028, 3, 15)) == date(2027, 12, 15)
    assert end_after_notice(TERMS, date(2027, 12, 15)) == date(2028, 3, 14)
    assert end_after_notice(TERMS, date(2027, 12, 16)) == date(2029, 3, 14)


def test_notice_for_the_commitment_end_must_arrive_three_months_before_it() -> None:
    assert end_after_notice(TERMS, date(2026, 12, 15)) == date(2027, 3, 14)
    assert end_after_notice(TERMS, date(2026, 12, 16)) == date(2028, 3, 14)


def test_notice_before_the_start_is_refused() -> None:
    with pytest.raises(NoticeError, match="antérieur au début"):
        end_after_notice(TERMS, date(2025, 1, 1))


def test_notice_given_then_ended_the_day_after_the_last_covered_day() -> None:
    terms = ContractTerms(START, notice_received_on=date(2027, 10, 1), end_date=date(2028, 3, 14))
    assert phase_on(terms, date(2027, 9, 30)) is Phase.RENEWED
    assert phase_on(terms, date(2027, 10, 1)) is Phase.NOTICE_GIVEN
    assert phase_on(terms, date(2028, 3, 14)) is Phase.NOTICE_GIVEN
    assert phase_on(terms, date(2028, 3, 15)) is Phase.ENDED


def test_backup_data_is_destroyed_one_full_month_after_expiry() -> None:
    """R-25: last covered day 14/03/2028, expiry 15/03/2028, destruction 15/04/2028."""
    terms = ContractTerms(START, end_date=date(2028, 3, 14))
    assert destruction_date(terms) == date(2028, 4, 15)
    assert destruction_date(TERMS) is None


def test_next_notice_deadline_from_a_day_in_the_commitment() -> None:
    assert next_notice_deadline(TERMS, date(2025, 9, 1)) == (date(2026, 12, 15), date(2027, 3, 15))
    assert next_notice_deadline(TERMS, date(2026, 12, 16)) == (date(2027, 12, 15), date(2028, 3, 15))


def test_coming_deadlines_within_90_days_list_notice_dates_and_anniversaries() -> None:
    found = coming_deadlines(TERMS, date(2026, 11, 1))
    assert [(d.on, d.kind) for d in found] == [(date(2026, 12, 15), DeadlineKind.NOTICE)]
    found = coming_deadlines(TERMS, date(2027, 1, 1))
    assert [(d.on, d.kind) for d in found] == [
        (date(2027, 3, 15), DeadlineKind.ANNIVERSARY),
        (date(2027, 3, 15), DeadlineKind.COMMITMENT_END),
    ]


def test_no_notice_deadline_is_listed_for_an_anniversary_inside_the_commitment() -> None:
    found = coming_deadlines(TERMS, date(2026, 1, 1))
    assert [(d.on, d.kind) for d in found] == [(date(2026, 3, 15), DeadlineKind.ANNIVERSARY)]


def test_coming_deadlines_of_an_ending_backup_contract_include_expiry_and_destruction() -> None:
    terms = ContractTerms(START, notice_received_on=date(2027, 10, 1), end_date=date(2028, 3, 14))
    found = coming_deadlines(terms, date(2028, 2, 1), backup=True)
    assert [(d.on, d.kind) for d in found] == [
        (date(2028, 3, 15), DeadlineKind.EXPIRY),
        (date(2028, 4, 15), DeadlineKind.DESTRUCTION),
    ]
