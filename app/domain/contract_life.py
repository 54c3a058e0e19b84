"""The life of a contract (R-26, art. 14): start, commitment, tacit renewal, notice and end.

A contract takes effect on its start date for one year; the commitment is 24 months; it is then renewed
tacitly on each anniversary. After the commitment either party may end it at an anniversary (the *échéance
annuelle*) with a registered letter received at least three months before that anniversary.

Dates only (no time of day): a contract *expires on* an anniversary, so its last covered day is the day
before. Anniversaries are counted from the start date each time (never from the previous anniversary), so a
contract that started on 29 February has its anniversary on 28 February in ordinary years and on
29 February again in leap years; one that started on 31 August gets 30 November, not 1 December.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

COMMITMENT_MONTHS = 24
NOTICE_MONTHS = 3
DESTRUCTION_MONTHS = 1  # backup data destroyed one full month after expiry
DEADLINE_HORIZON_DAYS = 90


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later (or earlier), clamped to the month's last day (31 Aug + 6 months = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Phase(StrEnum):
    """Where a contract stands on a given day, with the French label the screens show."""

    NOT_STARTED = "not_started"
    COMMITMENT = "commitment"
    RENEWED = "renewed"
    NOTICE_GIVEN = "notice_given"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]


PHASE_LABELS = {
    Phase.NOT_STARTED: "Pas encore en vigueur",
    Phase.COMMITMENT: "Période d'engagement",
    Phase.RENEWED: "Reconduit tacitement",
    Phase.NOTICE_GIVEN: "Résiliation notifiée",
    Phase.ENDED: "Terminé",
}


class NoticeError(ValueError):
    """A notice that cannot end the contract as asked; the message says why, in French."""


@dataclass(frozen=True)
class ContractTerms:
    """What the life of a contract depends on. ``notice_received_on`` is the day the registered letter
    arrived; ``end_date`` the last covered day when already settled (a notice, or an end by the vendor)."""

    start: date
    commitment_months: int = COMMITMENT_MONTHS
    notice_received_on: date | None = None
    end_date: date | None = None


def anniversary(start: date, years: int) -> date:
    """The ``years``-th anniversary of ``start`` (0 is the start itself)."""
    return add_months(start, 12 * years)


def commitment_end(terms: ContractTerms) -> date:
    """The day the commitment is over: the first date on which the contract may expire."""
    return add_months(terms.start, terms.commitment_months)


def notice_deadline(due: date) -> date:
    """The last day a registered letter may arrive to end the contract on the anniversary ``due``."""
    return add_months(due, -NOTICE_MONTHS)


def anniversaries(start: date, since: date, until: date) -> list[date]:
    """Anniversaries (first year onwards) falling in ``[since, until]``."""
    out: list[date] = []
    years = max(1, since.year - start.year - 1)
    while (day := anniversary(start, years)) <= until:
        if day >= since:
            out.append(day)
        years += 1
    return out


def next_anniversary(start: date, on: date) -> date:
    """The first anniversary strictly after ``on`` (the next *échéance annuelle*)."""
    years = max(1, on.year - start.year)
    while (day := anniversary(start, years)) <= on:
        years += 1
    return day


def contract_year_start(start: date, on: date) -> date:
    """The last anniversary on or before ``on`` (the start in the first year): R-22 counts per contract year."""
    years = max(0, on.year - start.year)
    while years > 0 and anniversary(start, years) > on:
        years -= 1
    return anniversary(start, years)


def first_possible_expiry(terms: ContractTerms, notice_on: date) -> date:
    """The first anniversary, not before the end of the commitment, that a notice received on ``notice_on``
    can end the contract on (it must arrive at least three months before)."""
    committed = commitment_end(terms)
    # Anniversaries of earlier years are before the notice, hence too late for it: start at its year.
    years = max(-(-terms.commitment_months // 12), notice_on.year - terms.start.year)
    due = anniversary(terms.start, years)
    while due < committed or notice_on > notice_deadline(due):
        years += 1
        due = anniversary(terms.start, years)
    return due


def end_after_notice(terms: ContractTerms, notice_on: date) -> date:
    """The last covered day once a notice is received on ``notice_on`` (the day before the expiry)."""
    if notice_on < terms.start:
        raise NoticeError(f"Préavis du {notice_on:%d/%m/%Y} antérieur au début du contrat ({terms.start:%d/%m/%Y}).")
    return first_possible_expiry(terms, notice_on) - timedelta(days=1)


def expiry(terms: ContractTerms) -> date | None:
    """The day the contract stops (the day after its last covered day), when it is settled."""
    return terms.end_date + timedelta(days=1) if terms.end_date else None


def destruction_date(terms: ContractTerms) -> date | None:
    """R-25: backup data is destroyed one full month after the contract expired."""
    stop = expiry(terms)
    return add_months(stop, DESTRUCTION_MONTHS) if stop else None


def phase_on(terms: ContractTerms, on: date) -> Phase:
    """Where the contract stands on ``on``."""
    if on < terms.start:
        return Phase.NOT_STARTED
    if terms.end_date is not None and on > terms.end_date:
        return Phase.ENDED
    if terms.notice_received_on is not None and on >= terms.notice_received_on:
        return Phase.NOTICE_GIVEN
    if on < commitment_end(terms):
        return Phase.COMMITMENT
    return Phase.RENEWED


def next_notice_deadline(terms: ContractTerms, on: date) -> tuple[date, date] | None:
    """(last day for the notice, the anniversary it would end the contract on), from ``on``; None once
    the end is settled."""
    if terms.end_date is not None:
        return None
    due = first_possible_expiry(terms, on)
    return notice_deadline(due), due


class DeadlineKind(StrEnum):
    ANNIVERSARY = "anniversary"
    NOTICE = "notice"
    COMMITMENT_END = "commitment_end"
    EXPIRY = "expiry"
    DESTRUCTION = "destruction"

    @property
    def label(self) -> str:
        return DEADLINE_LABELS[self]


DEADLINE_LABELS = {
    DeadlineKind.ANNIVERSARY: "Date anniversaire (reconduction tacite, révision des prix)",
    DeadlineKind.NOTICE: "Dernier jour pour un préavis de résiliation (lettre recommandée)",
    DeadlineKind.COMMITMENT_END: "Fin de la période d'engagement",
    DeadlineKind.EXPIRY: "Expiration du contrat",
    DeadlineKind.DESTRUCTION: "Destruction des données sauvegardées (R-25)",
}


@dataclass(frozen=True, order=True)
class Deadline:
    on: date
    kind: DeadlineKind
    detail: str = ""


def coming_deadlines(
    terms: ContractTerms, on: date, horizon_days: int = DEADLINE_HORIZON_DAYS, *, backup: bool = False
) -> list[Deadline]:
    """Notice dates, anniversaries, commitment end, expiry (and data destruction for the backup service)
    falling in ``[on, on + horizon_days]``, in date order."""
    until = on + timedelta(days=horizon_days)
    found: list[Deadline] = []
    stop = expiry(terms)
    committed = commitment_end(terms)
    if on <= committed <= until and (stop is None or committed <= stop):
        found.append(Deadline(committed, DeadlineKind.COMMITMENT_END))
    # Notice deadlines for anniversaries up to three months past the horizon can fall inside it.
    for day in anniversaries(terms.start, on, add_months(until, NOTICE_MONTHS)):
        if stop is not None and day > stop:
            break
        if day <= until and day != stop:
            found.append(Deadline(day, DeadlineKind.ANNIVERSARY))
        last = notice_deadline(day)
        if stop is None and day >= committed and on <= last <= until:
            found.append(Deadline(last, DeadlineKind.NOTICE, f"pour une fin au {day:%d/%m/%Y}"))
    if stop is not None and on <= stop <= until:
        found.append(Deadline(stop, DeadlineKind.EXPIRY))
    gone = destruction_date(terms)
    if backup and gone is not None and on <= gone <= until:
        found.append(Deadline(gone, DeadlineKind.DESTRUCTION))
    return sorted(found)
