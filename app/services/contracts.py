"""Contracts as the vendor's staff keep them (R-26 to R-29): life, financial lines, revisions, late fees.

Every change is written with its audit entry in the same transaction; the caller commits.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.db.models import Client, Contract
from app.db.models.contracts import ContractLine, ContractPrice, LegalInterestRate, PriceIndexValue
from app.domain import contract_life as life
from app.domain.money import FinancialTable, LateFee, Line, MoneyError, RatePeriod, late_fee, parse_amount, revise
from app.domain.vocabulary import ContractStatus, DocumentKind, ServiceKind
from app.services import audit
from app.services.incidents import Actor


class ContractError(ValueError):
    """A contract change refused; the message says what is wrong and what to do, in French."""


# --- reading ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceRow:
    service: ServiceKind
    start: date
    end: date | None
    quota_bytes: int | None


@dataclass(frozen=True)
class PriceRow:
    effective_on: date
    unit_price: Decimal
    previous_price: Decimal | None
    index_series: str | None
    index_period: str | None
    index_value: Decimal | None
    base_period: str | None
    base_value: Decimal | None
    recorded_by: str


@dataclass(frozen=True)
class LineRow:
    id: uuid.UUID
    position: int
    service: ServiceKind | None
    designation: str
    quantity: Decimal
    unit_price: Decimal
    excl_vat: Decimal
    index_series: str | None
    prices: tuple[PriceRow, ...]


@dataclass(frozen=True)
class ContractSummary:
    id: uuid.UUID
    reference: str
    client_code: str
    client_name: str
    start: date
    status: ContractStatus
    phase: life.Phase
    end_date: date | None
    next_deadline: life.Deadline | None
    services: tuple[ServiceKind, ...]


@dataclass(frozen=True)
class ContractDetail:
    summary: ContractSummary
    signed_on: date | None
    commitment_end: date
    notice_received_on: date | None
    notice_reference: str | None
    next_notice: tuple[date, date] | None  # (last day for a notice, the expiry it would give)
    destruction_on: date | None
    services: tuple[ServiceRow, ...]
    lines: tuple[LineRow, ...]
    table: FinancialTable
    deadlines: tuple[life.Deadline, ...]


def terms_of(contract: Contract) -> life.ContractTerms:
    return life.ContractTerms(
        contract.start_date, contract.commitment_months, contract.notice_received_on, contract.end_date
    )


def _phase(contract: Contract, on: date) -> life.Phase:
    if contract.status is ContractStatus.DRAFT:
        return life.Phase.NOT_STARTED
    if contract.status is ContractStatus.TERMINATED and (contract.end_date is None or contract.end_date < on):
        return life.Phase.ENDED
    return life.phase_on(terms_of(contract), on)


def _has_backup(contract: Contract) -> bool:
    return any(s.service is ServiceKind.BACKUP for s in contract.services)


def _summary(contract: Contract, on: date) -> ContractSummary:
    deadlines = life.coming_deadlines(terms_of(contract), on, 366, backup=_has_backup(contract))
    return ContractSummary(
        contract.id,
        contract.reference,
        contract.client.code,
        contract.client.name,
        contract.start_date,
        contract.status,
        _phase(contract, on),
        contract.end_date,
        deadlines[0] if deadlines else None,
        tuple(dict.fromkeys(s.service for s in contract.services)),
    )


def contract_by_reference(session: Session, reference: str) -> Contract:
    contract = session.execute(
        select(Contract)
        .where(Contract.reference == reference.strip().upper())
        .options(selectinload(Contract.services), selectinload(Contract.client))
    ).scalar_one_or_none()
    if contract is None:
        raise ContractError(f"Contrat inconnu : « {reference} ». Vérifiez la référence (hotline contract list).")
    return contract


def list_contracts(
    session: Session, on: date, *, client_code: str | None = None, search: str = "", limit: int = 500
) -> list[ContractSummary]:
    """Contracts with their phase on ``on`` and their next deadline, newest start first."""
    query = (
        select(Contract)
        .join(Client, Client.id == Contract.client_id)
        .options(selectinload(Contract.services), selectinload(Contract.client))
        .order_by(Client.code, Contract.start_date.desc())
        .limit(limit)
    )
    if client_code:
        query = query.where(Client.code == client_code.strip().upper())
    if search.strip():
        pattern = f"%{search.strip()}%"
        query = query.where(Contract.reference.ilike(pattern) | Client.code.ilike(pattern) | Client.name.ilike(pattern))
    return [_summary(c, on) for c in session.execute(query).scalars()]


def _lines(session: Session, contract_id: uuid.UUID) -> list[ContractLine]:
    return list(
        session.execute(
            select(ContractLine)
            .where(ContractLine.contract_id == contract_id)
            .options(selectinload(ContractLine.prices))
            .order_by(ContractLine.position, ContractLine.designation)
        ).scalars()
    )


def _line_label(line: ContractLine, reference: str) -> str:
    return line.service.label if line.service else reference


def financial_table(session: Session, contract: Contract) -> FinancialTable:
    """R-28: the table of art. 18 with the prices in force."""
    return FinancialTable(
        tuple(
            Line(_line_label(line, contract.reference), line.designation, line.unit_price, line.quantity)
            for line in _lines(session, contract.id)
        )
    )


def contract_detail(session: Session, reference: str, on: date) -> ContractDetail:
    """Everything the contract screen and ``hotline contract show`` print."""
    contract = contract_by_reference(session, reference)
    terms = terms_of(contract)
    lines = _lines(session, contract.id)
    rows = tuple(
        LineRow(
            line.id,
            line.position,
            line.service,
            line.designation,
            line.quantity,
            line.unit_price,
            Line("", line.designation, line.unit_price, line.quantity).excl_vat,
            line.index_series,
            tuple(
                PriceRow(
                    p.effective_on,
                    p.unit_price,
                    p.previous_price,
                    p.index_series,
                    p.index_period,
                    p.index_value,
                    p.base_period,
                    p.base_value,
                    p.recorded_by,
                )
                for p in line.prices
            ),
        )
        for line in lines
    )
    return ContractDetail(
        summary=_summary(contract, on),
        signed_on=contract.signed_on,
        commitment_end=life.commitment_end(terms),
        notice_received_on=contract.notice_received_on,
        notice_reference=contract.notice_reference,
        next_notice=life.next_notice_deadline(terms, on),
        destruction_on=life.destruction_date(terms) if _has_backup(contract) else None,
        services=tuple(ServiceRow(s.service, s.start_date, s.end_date, s.quota_bytes) for s in contract.services),
        lines=rows,
        table=financial_table(session, contract),
        deadlines=tuple(life.coming_deadlines(terms, on, backup=_has_backup(contract))),
    )


@dataclass(frozen=True)
class DeadlineRow:
    reference: str
    client_code: str
    client_name: str
    deadline: life.Deadline


def coming_deadlines(session: Session, on: date, horizon_days: int = life.DEADLINE_HORIZON_DAYS) -> list[DeadlineRow]:
    """Notice dates, anniversaries, expiries and data destructions of every contract in the next days."""
    contracts = session.execute(
        select(Contract)
        .where(Contract.status != ContractStatus.DRAFT)
        .where((Contract.end_date.is_(None)) | (Contract.end_date >= on - timedelta(days=62)))
        .options(selectinload(Contract.services), selectinload(Contract.client))
    ).scalars()
    rows = [
        DeadlineRow(c.reference, c.client.code, c.client.name, d)
        for c in contracts
        for d in life.coming_deadlines(terms_of(c), on, horizon_days, backup=_has_backup(c))
    ]
    return sorted(rows, key=lambda r: (r.deadline.on, r.client_code, r.reference))


# --- writing -------------------------------------------------------------------------------------------


def _audit(session: Session, actor: Actor, kind: str, subject: str, payload: dict[str, object]) -> None:
    audit.append(session, kind=kind, subject=subject, payload=payload, actor=actor.name, station=actor.station)


def record_notice(session: Session, actor: Actor, reference: str, received_on: date, letter_reference: str) -> date:
    """R-26: a termination notice received by registered letter; returns the last covered day it gives."""
    contract = contract_by_reference(session, reference)
    if not letter_reference.strip():
        raise ContractError("Indiquez la référence de la lettre recommandée avec accusé de réception (R-26).")
    if contract.notice_received_on is not None:
        raise ContractError(
            f"Un préavis est déjà enregistré pour {contract.reference} (reçu le "
            f"{contract.notice_received_on:%d/%m/%Y})."
        )
    try:
        end = life.end_after_notice(terms_of(contract), received_on)
    except life.NoticeError as exc:
        raise ContractError(str(exc)) from exc
    contract.notice_received_on, contract.notice_reference, contract.end_date = (
        received_on,
        letter_reference.strip()[:64],
        end,
    )
    _audit(
        session,
        actor,
        "contract_notice",
        contract.reference,
        {"received_on": received_on.isoformat(), "letter": contract.notice_reference, "end_date": end.isoformat()},
    )
    session.flush()
    return end


def add_line(
    session: Session,
    actor: Actor,
    reference: str,
    *,
    designation: str,
    unit_price: Decimal | str,
    quantity: Decimal | str = Decimal(1),
    service: ServiceKind | None = None,
    index_series: str | None = None,
    effective_on: date | None = None,
) -> uuid.UUID:
    """A new line of the financial table, with its first price in the history (from the contract start)."""
    contract = contract_by_reference(session, reference)
    price = _price(unit_price, "prix unitaire")
    qty = _quantity(quantity)
    if not designation.strip():
        raise ContractError("La désignation de la ligne est obligatoire (R-28).")
    position = len(_lines(session, contract.id)) + 1
    line = ContractLine(
        contract_id=contract.id,
        position=position,
        service=service,
        designation=designation.strip()[:200],
        quantity=qty,
        unit_price=price,
        index_series=_series(index_series) if index_series else None,
    )
    session.add(line)
    session.flush()
    session.add(
        ContractPrice(
            line_id=line.id, effective_on=effective_on or contract.start_date, unit_price=price, recorded_by=actor.name
        )
    )
    _audit(
        session,
        actor,
        "contract_line_added",
        contract.reference,
        {
            "line": str(line.id),
            "designation": line.designation,
            "unit_price": str(price),
            "quantity": str(qty),
            "service": service.value if service else None,
            "index_series": line.index_series,
        },
    )
    session.flush()
    return line.id


def update_line(
    session: Session,
    actor: Actor,
    line_id: uuid.UUID,
    *,
    designation: str | None = None,
    quantity: Decimal | str | None = None,
    index_series: str | None = None,
) -> None:
    """Change a line's designation, quantity or index series (a price changes only by a revision)."""
    line = session.get(ContractLine, line_id)
    if line is None:
        raise ContractError("Ligne de contrat inconnue.")
    before = {"designation": line.designation, "quantity": str(line.quantity), "index_series": line.index_series}
    if designation is not None:
        if not designation.strip():
            raise ContractError("La désignation de la ligne est obligatoire (R-28).")
        line.designation = designation.strip()[:200]
    if quantity is not None:
        line.quantity = _quantity(quantity)
    if index_series is not None:
        line.index_series = _series(index_series) if index_series.strip() else None
    after = {"designation": line.designation, "quantity": str(line.quantity), "index_series": line.index_series}
    if after != before:
        contract = session.get(Contract, line.contract_id)
        assert contract is not None
        _audit(
            session,
            actor,
            "contract_line_changed",
            contract.reference,
            {"line": str(line.id), "before": before, "after": after},
        )
    session.flush()


def remove_line(session: Session, actor: Actor, line_id: uuid.UUID) -> None:
    line = session.get(ContractLine, line_id)
    if line is None:
        raise ContractError("Ligne de contrat inconnue.")
    contract = session.get(Contract, line.contract_id)
    assert contract is not None
    _audit(
        session,
        actor,
        "contract_line_removed",
        contract.reference,
        {"line": str(line.id), "designation": line.designation, "unit_price": str(line.unit_price)},
    )
    session.delete(line)
    session.flush()


def _price(value: Decimal | str, what: str) -> Decimal:
    try:
        price = parse_amount(value, what)
    except MoneyError as exc:
        raise ContractError(str(exc)) from exc
    if price < 0 or price != price.quantize(Decimal("0.01")):
        raise ContractError(f"{what.capitalize()} invalide : {value} (positif, au centime près).")
    return price.quantize(Decimal("0.01"))


def _quantity(value: Decimal | str) -> Decimal:
    try:
        qty = parse_amount(value, "quantité")
    except MoneyError as exc:
        raise ContractError(str(exc)) from exc
    if qty <= 0 or qty != qty.quantize(Decimal("0.01")):
        raise ContractError(f"Quantité invalide : {value} (positive, deux décimales au plus).")
    return qty.quantize(Decimal("0.01"))


def _series(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 60:
        raise ContractError("Nom d'indice invalide (1 à 60 caractères), par exemple « SYNTEC ».")
    return cleaned.upper()


# --- index values and revision --------------------------------------------------------------------

_PERIOD = re.compile(r"^\s*(\d{4})\s*-\s*(?:(\d{1,2})|[TQ]([1-4]))\s*$", re.IGNORECASE)


def parse_period(text: str) -> str:
    """« 2026-08 » (a month) or « 2026-T2 » / « 2026-Q2 » (a quarter, kept as its first month) → YYYY-MM."""
    match = _PERIOD.match(text)
    if not match:
        raise ContractError(f"Période invalide « {text} » : AAAA-MM (mois) ou AAAA-T1…T4 (trimestre).")
    year, month, quarter = int(match[1]), match[2], match[3]
    number = int(month) if month else 3 * int(quarter) - 2
    if not 1 <= number <= 12:
        raise ContractError(f"Période invalide « {text} » : mois de 01 à 12.")
    return f"{year:04d}-{number:02d}"


def _year_before(period: str) -> str:
    return f"{int(period[:4]) - 1:04d}{period[4:]}"


def set_index_value(session: Session, actor: Actor, series: str, period: str, value: Decimal | str) -> None:
    """Enter (or correct) a published value of a price index (art. 17)."""
    name, when = _series(series), parse_period(period)
    try:
        number = parse_amount(value, "valeur d'indice")
    except MoneyError as exc:
        raise ContractError(str(exc)) from exc
    if number <= 0:
        raise ContractError("Une valeur d'indice est strictement positive.")
    row = session.execute(
        select(PriceIndexValue).where(PriceIndexValue.series == name, PriceIndexValue.period == when)
    ).scalar_one_or_none()
    before = str(row.value) if row else None
    if row is None:
        session.add(PriceIndexValue(series=name, period=when, value=number))
    else:
        row.value = number
    _audit(session, actor, "price_index", name, {"period": when, "value": str(number), "before": before})
    session.flush()


def index_values(session: Session, series: str | None = None) -> list[PriceIndexValue]:
    query = select(PriceIndexValue).order_by(PriceIndexValue.series, PriceIndexValue.period)
    if series:
        query = query.where(PriceIndexValue.series == _series(series))
    return list(session.execute(query).scalars())


def _index_pair(session: Session, series: str, on: date) -> tuple[PriceIndexValue, PriceIndexValue]:
    """S: the latest value of the series for a period up to the revision date; S0: the year before it."""
    latest = session.execute(
        select(PriceIndexValue)
        .where(PriceIndexValue.series == series, PriceIndexValue.period <= f"{on:%Y-%m}")
        .order_by(PriceIndexValue.period.desc())
        .limit(1)
    ).scalar_one_or_none()
    if latest is None:
        raise ContractError(f"Aucune valeur de l'indice {series} publiée au {on:%d/%m/%Y} : saisissez-la d'abord.")
    base_period = _year_before(latest.period)
    base = session.execute(
        select(PriceIndexValue).where(PriceIndexValue.series == series, PriceIndexValue.period == base_period)
    ).scalar_one_or_none()
    if base is None:
        raise ContractError(
            f"Indice {series} de {base_period} manquant (S0, un an avant {latest.period}) : saisissez-le d'abord."
        )
    return latest, base


@dataclass(frozen=True)
class RevisedLine:
    designation: str
    old_price: Decimal
    new_price: Decimal
    series: str
    index_period: str
    index_value: Decimal
    base_period: str
    base_value: Decimal


def revise_contract(
    session: Session, actor: Actor, reference: str, on: date | None = None, *, today: date, dry_run: bool = False
) -> list[RevisedLine]:
    """R-27: revise every indexed line at the anniversary ``on`` (the last one by default): P = P0 × S / S0.

    The new price is added to each line's history; a line already revised at that anniversary is refused.
    """
    contract = contract_by_reference(session, reference)
    start = contract.start_date
    when = on or life.contract_year_start(start, today)
    if when == start or life.contract_year_start(start, when) != when:
        raise ContractError(
            f"Le {when:%d/%m/%Y} n'est pas une date anniversaire du contrat {contract.reference} "
            f"(début le {start:%d/%m/%Y}) : la révision a lieu chaque année à cette date (art. 17)."
        )
    indexed = [line for line in _lines(session, contract.id) if line.index_series]
    if not indexed:
        raise ContractError(f"Aucune ligne du contrat {contract.reference} n'a d'indice de révision.")
    done: list[RevisedLine] = []
    for line in indexed:
        if any(p.effective_on == when for p in line.prices):
            raise ContractError(f"« {line.designation} » a déjà été révisée au {when:%d/%m/%Y}.")
        assert line.index_series is not None
        latest, base = _index_pair(session, line.index_series, when)
        revision = revise(line.unit_price, latest.value, base.value)
        done.append(
            RevisedLine(
                line.designation,
                line.unit_price,
                revision.new_price,
                line.index_series,
                latest.period,
                latest.value,
                base.period,
                base.value,
            )
        )
        if dry_run:
            continue
        session.add(
            ContractPrice(
                line_id=line.id,
                effective_on=when,
                unit_price=revision.new_price,
                previous_price=line.unit_price,
                index_series=line.index_series,
                index_period=latest.period,
                index_value=latest.value,
                base_period=base.period,
                base_value=base.value,
                recorded_by=actor.name,
            )
        )
        line.unit_price = revision.new_price
    if not dry_run:
        _audit(
            session,
            actor,
            "contract_revised",
            contract.reference,
            {
                "on": when.isoformat(),
                "lines": [
                    {
                        "designation": r.designation,
                        "old": str(r.old_price),
                        "new": str(r.new_price),
                        "series": r.series,
                        "S": f"{r.index_period}={r.index_value}",
                        "S0": f"{r.base_period}={r.base_value}",
                    }
                    for r in done
                ],
            },
        )
        session.flush()
    return done


# --- legal interest rates and late fees ------------------------------------------------------------


def set_legal_rate(session: Session, actor: Actor, start: date, end: date, rate_percent: Decimal | str) -> None:
    """Enter the legal interest rate of a period (usually a half-year), in percent a year."""
    if end < start:
        raise ContractError("La fin de la période précède son début.")
    try:
        rate = parse_amount(rate_percent, "taux")
    except MoneyError as exc:
        raise ContractError(str(exc)) from exc
    if not Decimal(0) <= rate < Decimal(100):
        raise ContractError("Un taux d'intérêt légal est compris entre 0 et 100 %.")
    overlapping = (
        session.execute(
            select(LegalInterestRate).where(
                LegalInterestRate.start_on <= end,
                LegalInterestRate.end_on >= start,
                LegalInterestRate.start_on != start,
            )
        )
        .scalars()
        .first()
    )
    if overlapping is not None:
        raise ContractError(
            f"Cette période chevauche celle du {overlapping.start_on:%d/%m/%Y} au {overlapping.end_on:%d/%m/%Y}."
        )
    row = session.execute(select(LegalInterestRate).where(LegalInterestRate.start_on == start)).scalar_one_or_none()
    if row is None:
        session.add(LegalInterestRate(start_on=start, end_on=end, rate_percent=rate))
    else:
        row.end_on, row.rate_percent = end, rate
    _audit(
        session, actor, "legal_interest_rate", f"{start:%Y-%m-%d}", {"end": end.isoformat(), "rate_percent": str(rate)}
    )
    session.flush()


def legal_rates(session: Session) -> list[RatePeriod]:
    return [
        RatePeriod(r.start_on, r.end_on, r.rate_percent)
        for r in session.execute(select(LegalInterestRate).order_by(LegalInterestRate.start_on)).scalars()
    ]


def late_fee_for(session: Session, principal: Decimal | str, due_on: date, paid_on: date) -> LateFee:
    """R-29: penalties and the €40 fee for a payment due on ``due_on`` and paid (or still unpaid) on ``paid_on``."""
    try:
        return late_fee(parse_amount(principal), due_on, paid_on, legal_rates(session))
    except MoneyError as exc:
        raise ContractError(str(exc)) from exc


# --- the financial table as a document ------------------------------------------------------------


def index_text(value: Decimal | None) -> str:
    """An index value the French way, without trailing zeros: 330,5."""
    return "—" if value is None else f"{value.normalize():f}".replace(".", ",")


def financial_table_pdf(session: Session, reference: str, on: date) -> bytes:
    """The financial table of art. 18 with the prices in force on ``on`` and the revisions made so far."""
    from app.reports.financial import FinancialData, RevisionNote, build_financial_table
    from app.reports.loaders import client_info, load_vendor

    detail = contract_detail(session, reference, on)
    contract = contract_by_reference(session, reference)
    notes = tuple(
        RevisionNote(
            line.designation,
            price.effective_on,
            price.previous_price,
            price.unit_price,
            f"{price.index_series} {price.index_period} : {index_text(price.index_value)} / "
            f"{price.base_period} : {index_text(price.base_value)}",
        )
        for line in detail.lines
        for price in line.prices
        if price.previous_price is not None
    )
    data = FinancialData(
        load_vendor(session),
        client_info(contract.client),
        contract.reference,
        contract.start_date,
        detail.commitment_end,
        None if contract.end_date else life.next_anniversary(contract.start_date, on),
        detail.table,
        on,
        notes,
    )
    return build_financial_table(data)


def issue_financial_table(session: Session, actor: Actor, reference: str, on: date, filename: str) -> bytes:
    """Build the financial table and keep it in the documents registry (audited there)."""
    from app.services.documents import issue_document

    pdf = financial_table_pdf(session, reference, on)
    contract = contract_by_reference(session, reference)
    issue_document(
        session,
        DocumentKind.FINANCIAL_TABLE,
        pdf,
        None,
        contract.client_id,
        actor,
        f"Tableau financier du contrat {contract.reference} au {on:%d/%m/%Y}",
        filename,
    )
    return pdf
