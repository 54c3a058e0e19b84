"""R-27 to R-29 to the cent: the financial table, the price revision and late-payment penalties.

Every expected figure is worked out by hand in the test's docstring.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from app.domain.money import FinancialTable, Line, MoneyError, RatePeriod, late_fee, parse_amount, revise

RATES_2026 = (
    RatePeriod(date(2026, 1, 1), date(2026, 6, 30), D("6.00")),
    RatePeriod(date(2026, 7, 1), date(2026, 12, 31), D("4.00")),
)


def test_financial_table_totals_and_vat_at_20_percent() -> None:
    """1 × 1 234,56 + 3 × 33,33 = 1 334,55 HT; TVA 266,91 (266,910); TTC 1 601,46 (R-28)."""
    assistance = Line("Assistance", "Assistance et maintenance FIN", D("1234.56"))
    table = FinancialTable((assistance, Line("Sauvegarde", "Poste", D("33.33"), D(3))))
    assert [line.excl_vat for line in table.lines] == [D("1234.56"), D("99.99")]
    assert (table.total_excl_vat, table.vat, table.total_incl_vat) == (D("1334.55"), D("266.91"), D("1601.46"))


def test_vat_is_rounded_half_up_once_on_the_total() -> None:
    """10,03 HT × 20 % = 2,006 → 2,01; TTC 12,04."""
    table = FinancialTable((Line("C", "Forfait", D("10.03")),))
    assert (table.vat, table.total_incl_vat) == (D("2.01"), D("12.04"))


def test_line_with_a_fractional_quantity_is_rounded_half_up() -> None:
    """1,5 × 10,01 = 15,015 → 15,02."""
    assert Line("C", "Heures", D("10.01"), D("1.5")).excl_vat == D("15.02")


def test_revision_p_equals_p0_times_s_over_s0_to_the_cent() -> None:
    """R-27: 1 200,00 × 132,4 / 128,7 = 1 234,4988… → 1 234,50."""
    assert revise(D("1200.00"), D("132.4"), D("128.7")).new_price == D("1234.50")


def test_revision_rounds_half_up() -> None:
    """100,00 × 100,005 / 100 = 100,005 → 100,01."""
    assert revise(D("100.00"), D("100.005"), D("100")).new_price == D("100.01")


def test_revision_refuses_a_zero_index() -> None:
    with pytest.raises(MoneyError, match="strictement positif"):
        revise(D("100"), D("110"), D("0"))


def test_late_payment_of_30_days_owes_nothing() -> None:
    """Due 31/01/2026, paid 02/03/2026: 30 days late, not « plus de 30 jours » (R-29)."""
    fee = late_fee(D("1000.00"), date(2026, 1, 31), date(2026, 3, 2), RATES_2026)
    assert (fee.days_late, fee.applies, fee.total) == (30, False, D("0.00"))


def test_late_payment_of_31_days_owes_three_times_the_legal_rate_plus_40_euros() -> None:
    """1 000 × 3 × 6 % × 31 / 365 = 5 580 / 365 = 15,2876… → 15,29; + 40 € = 55,29 €."""
    fee = late_fee(D("1000.00"), date(2026, 1, 31), date(2026, 3, 3), RATES_2026)
    assert (fee.days_late, fee.penalties, fee.recovery_fee, fee.total) == (31, D("15.29"), D("40.00"), D("55.29"))


def test_late_payment_over_two_semesters_uses_each_semesters_rate() -> None:
    """Due 15/06/2026, paid 31/07/2026: 15 days at 3 × 6 % and 31 days at 3 × 4 %.
    2 000 × 0,18 × 15/365 + 2 000 × 0,12 × 31/365 = (5 400 + 7 440) / 365 = 35,178… → 35,18; + 40 = 75,18."""
    fee = late_fee(D("2000.00"), date(2026, 6, 15), date(2026, 7, 31), RATES_2026)
    assert [(s.days, s.rate_percent) for s in fee.slices] == [(15, D("6.00")), (31, D("4.00"))]
    assert (fee.penalties, fee.total) == (D("35.18"), D("75.18"))


def test_late_payment_without_the_rate_of_a_period_is_refused() -> None:
    with pytest.raises(MoneyError, match="Taux de l'intérêt légal manquant"):
        late_fee(D("100"), date(2026, 12, 1), date(2027, 2, 1), RATES_2026)


def test_amounts_are_read_the_french_way() -> None:
    assert parse_amount("1 234,50 €") == D("1234.50")
    with pytest.raises(MoneyError, match="invalide"):
        parse_amount("douze")
