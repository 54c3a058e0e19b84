"""Money of the contract (R-27 to R-29, art. 15, 17, 18), in ``Decimal`` and euro cents.

Rounding (written in docs/decisions.md): half up to the cent (0.005 → 0.01), at the points where an
amount is printed or billed and nowhere else:
- a line's price excl. VAT = unit price × quantity, rounded;
- VAT = 20 % of the **total** excl. VAT, rounded once (not line by line); total incl. VAT = the sum;
- a revised price P = P0 × S / S0 is rounded: it is the new unit price billed, and next year's P0;
- late-payment penalties are summed exactly over the rate periods, then rounded once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
VAT_RATE = Decimal("0.20")
LATE_PAYMENT_GRACE_DAYS = 30  # art. 15: « retard de paiement de plus de 30 jours »
LATE_PAYMENT_MULTIPLIER = 3
RECOVERY_FEE = Decimal("40.00")
DAYS_IN_YEAR = Decimal(365)


class MoneyError(ValueError):
    """An amount or a rate that cannot be used; the message is French."""


def cents(value: Decimal) -> Decimal:
    """Rounded half up to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(text: str | Decimal | int, what: str = "montant") -> Decimal:
    """« 1 234,50 », « 1234.5 » or a Decimal → Decimal; refuses anything else with a French message."""
    if isinstance(text, Decimal | int):
        value = Decimal(text)
    else:
        cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("€", "").replace(",", ".")
        try:
            value = Decimal(cleaned)
        except InvalidOperation as exc:
            raise MoneyError(f"{what} invalide : « {text} » (par exemple 1234,50)") from exc
    if not value.is_finite():
        raise MoneyError(f"{what} invalide : « {text} »")
    return value


# --- the financial table ---------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of the table of art. 18: contract, designation, unit price, quantity."""

    contract: str
    designation: str
    unit_price: Decimal
    quantity: Decimal = Decimal(1)

    @property
    def excl_vat(self) -> Decimal:
        return cents(self.unit_price * self.quantity)


@dataclass(frozen=True)
class FinancialTable:
    lines: tuple[Line, ...]
    vat_rate: Decimal = VAT_RATE

    @property
    def total_excl_vat(self) -> Decimal:
        return sum((line.excl_vat for line in self.lines), Decimal("0.00"))

    @property
    def vat(self) -> Decimal:
        return cents(self.total_excl_vat * self.vat_rate)

    @property
    def total_incl_vat(self) -> Decimal:
        return self.total_excl_vat + self.vat


# --- yearly price revision ---------------------------------------------------------------------


@dataclass(frozen=True)
class Revision:
    old_price: Decimal
    new_price: Decimal
    index_value: Decimal  # S
    base_value: Decimal  # S0

    @property
    def ratio(self) -> Decimal:
        return self.index_value / self.base_value


def revise(p0: Decimal, s: Decimal, s0: Decimal) -> Revision:
    """P = P0 × S / S0, rounded to the cent (art. 17)."""
    if s0 <= 0 or s <= 0:
        raise MoneyError("Un indice de révision doit être strictement positif.")
    if p0 < 0:
        raise MoneyError("Un prix ne peut pas être négatif.")
    return Revision(p0, cents(p0 * s / s0), s, s0)


# --- late payment ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatePeriod:
    """The legal interest rate (in percent a year) in force from ``start`` to ``end`` inclusive."""

    start: date
    end: date
    rate_percent: Decimal


@dataclass(frozen=True)
class PenaltySlice:
    start: date
    end: date
    days: int
    rate_percent: Decimal  # legal rate; the penalty rate is three times it
    amount: Decimal  # exact, not rounded


@dataclass(frozen=True)
class LateFee:
    principal: Decimal
    due_on: date
    paid_on: date
    days_late: int
    applies: bool
    slices: tuple[PenaltySlice, ...]
    penalties: Decimal
    recovery_fee: Decimal

    @property
    def total(self) -> Decimal:
        return self.penalties + self.recovery_fee


def late_fee(principal: Decimal, due_on: date, paid_on: date, rates: Sequence[RatePeriod]) -> LateFee:
    """Penalties at 3 × the legal interest rate plus €40, once a payment is more than 30 days late (art. 15).

    Penalties run from the day after the due date to the payment date included, simple interest on a
    365-day year, each day at the legal rate of the period it falls in.
    """
    if principal <= 0:
        raise MoneyError("Le montant impayé doit être positif.")
    days_late = (paid_on - due_on).days
    if days_late <= LATE_PAYMENT_GRACE_DAYS:
        return LateFee(principal, due_on, paid_on, max(days_late, 0), False, (), Decimal("0.00"), Decimal("0.00"))
    first, last = due_on + timedelta(days=1), paid_on
    slices: list[PenaltySlice] = []
    covered = 0
    for period in sorted(rates, key=lambda p: p.start):
        start, end = max(first, period.start), min(last, period.end)
        if start > end:
            continue
        days = (end - start).days + 1
        covered += days
        amount = principal * LATE_PAYMENT_MULTIPLIER * period.rate_percent / 100 * days / DAYS_IN_YEAR
        slices.append(PenaltySlice(start, end, days, period.rate_percent, amount))
    if covered != days_late:
        raise MoneyError(
            f"Taux de l'intérêt légal manquant pour une partie de la période du {first:%d/%m/%Y} au "
            f"{last:%d/%m/%Y} : saisissez les taux de chaque semestre."
        )
    penalties = cents(sum((s.amount for s in slices), Decimal(0)))
    return LateFee(principal, due_on, paid_on, days_late, True, tuple(slices), penalties, RECOVERY_FEE)
