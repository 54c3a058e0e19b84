"""The Contracts screen's background operations: each one a use case of ``app.services.contracts``,
``releases`` or ``backup`` run in its own Session on a worker thread. Writes are one transaction with
their audit entry; a refusal raises the service's French error and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import AppContext
from app.db.engine import writing
from app.db.models import Product
from app.domain.money import LateFee, RatePeriod
from app.services import backup, contracts, releases
from app.services.contracts import ContractDetail, ContractSummary, DeadlineRow
from app.services.incidents import Actor, ensure_technician
from app.services.releases import InstallationVersion, ReleaseRow

T = TypeVar("T")

#: What a refused edit raises: the message is shown as is.
REFUSALS: tuple[type[Exception], ...] = (
    contracts.ContractError,
    releases.ReleaseError,
    backup.BackupError,
    ValueError,
)


def read(context: AppContext, operation: Callable[[Session], T]) -> Callable[[], T]:
    def run() -> T:
        with context.sessions() as session:
            return operation(session)

    return run


def write(context: AppContext, operation: Callable[[Session, Actor], T]) -> Callable[[], T]:
    """One transaction: the technician of this workstation is the actor of the audit entry."""

    def run() -> T:
        with writing(context.sessions) as session:
            actor = ensure_technician(
                session, context.technician_login, context.technician_name, context.station or "POSTE"
            )
            return operation(session, actor)

    return run


def load_contracts(session: Session, on: date, search: str) -> list[ContractSummary]:
    return contracts.list_contracts(session, on, search=search)


def load_detail(session: Session, reference: str, on: date) -> ContractDetail:
    return contracts.contract_detail(session, reference, on)


@dataclass(frozen=True)
class ReleasesData:
    releases: list[ReleaseRow]
    overdue: list[InstallationVersion]
    products: list[tuple[str, str]]


def load_releases(session: Session, on: date) -> ReleasesData:
    products = [(p.code, p.name) for p in session.execute(select(Product).order_by(Product.code)).scalars()]
    return ReleasesData(releases.list_releases(session), releases.overdue_installations(session, on), products)


@dataclass(frozen=True)
class DeadlinesData:
    deadlines: list[DeadlineRow]
    destructions: list[backup.DestructionRow]


def load_deadlines(session: Session, on: date, days: int) -> DeadlinesData:
    return DeadlinesData(contracts.coming_deadlines(session, on, days), backup.destructions_ahead(session, on, days))


@dataclass(frozen=True)
class MoneyData:
    indexes: list[tuple[str, str, Any]]
    rates: list[RatePeriod]


def load_money(session: Session) -> MoneyData:
    values = [(v.series, v.period, v.value) for v in contracts.index_values(session)]
    return MoneyData(values, contracts.legal_rates(session))


def compute_late_fee(session: Session, amount: str, due: date, paid: date) -> LateFee:
    return contracts.late_fee_for(session, amount, due, paid)
