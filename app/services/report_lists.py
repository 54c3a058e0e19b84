"""The supervisor report's lists about clients rather than incidents: backup-assistance minutes against
the yearly cap (R-22), clients short of trained RTC (R-02), installations behind a release whose delay has
run out (R-20). Each is one SQL statement over the clients, contracts, contacts and installations as they
are at the report's end."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import case, func, literal, or_, select, text
from sqlalchemy.orm import Session, aliased

from app.db.models import Client, Contact, Contract, Installation, Product, Release, Training
from app.domain.reporting import BACKUP_CAP_MINUTES, BACKUP_NEAR_SHARE, version_deadline
from app.domain.vocabulary import ContractStatus, ServiceKind


class SliceIds(Protocol):
    """The part of a report's slice these lists follow."""

    client_ids: tuple[uuid.UUID, ...]
    technician_id: uuid.UUID | None
    product_id: uuid.UUID | None


@dataclass(frozen=True)
class BackupRow:
    client_code: str
    client_name: str
    year_start: date
    minutes: float

    @property
    def over(self) -> bool:
        return self.minutes > BACKUP_CAP_MINUTES

    @property
    def near(self) -> bool:
        return not self.over and self.minutes >= BACKUP_CAP_MINUTES * BACKUP_NEAR_SHARE


@dataclass(frozen=True)
class RtcRow:
    client_code: str
    client_name: str
    trained_rtc: int


@dataclass(frozen=True)
class OverdueRow:
    client_code: str
    client_name: str
    product: str
    installed: str
    required: str
    deadline: date


def backup_use(session: Session, sl: SliceIds, at: datetime) -> tuple[BackupRow, ...]:
    """R-22: backup-assistance call minutes of each client with the backup service, in the contract
    year (from the service's anniversary) that contains ``at``."""
    day = at.astimezone(UTC).date()
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        years = (
            "(CAST(strftime('%Y', :day) AS INTEGER) - CAST(strftime('%Y', cs.start_date) AS INTEGER)"
            " - (strftime('%m-%d', :day) < strftime('%m-%d', cs.start_date)))"
        )
        year_start = f"date(cs.start_date, '+' || {years} || ' years')"
        started = "c.started_at >= ys.year_start"
        seconds = "CAST(strftime('%s', c.ended_at) AS INTEGER) - CAST(strftime('%s', c.started_at) AS INTEGER)"
    else:
        years = "CAST(EXTRACT(YEAR FROM age(CAST(:day AS date), cs.start_date)) AS INTEGER)"
        year_start = f"CAST(cs.start_date + make_interval(years => {years}) AS date)"
        started = "c.started_at >= CAST(ys.year_start AS timestamp)"
        seconds = "EXTRACT(EPOCH FROM (c.ended_at - c.started_at))"
    client_filter = ""
    params: dict[str, Any] = {"day": day, "service": ServiceKind.BACKUP.value, "active": ContractStatus.ACTIVE.value}
    if sl.client_ids:
        names = []
        for index, cid in enumerate(sl.client_ids):
            params[f"c{index}"] = cid.hex if dialect == "sqlite" else cid
            names.append(f":c{index}")
        client_filter = f" AND k.client_id IN ({', '.join(names)})"
    technician_filter = ""
    if sl.technician_id:
        params["tech"] = sl.technician_id.hex if dialect == "sqlite" else sl.technician_id
        technician_filter = " AND c.technician_id = :tech"
    sql = f"""
        WITH ys AS (
            SELECT k.client_id AS client_id, MAX({year_start}) AS year_start
            FROM contract_services cs JOIN contracts k ON k.id = cs.contract_id
            WHERE cs.service = :service AND k.status = :active AND cs.start_date <= :day
              AND (cs.end_date IS NULL OR cs.end_date >= :day){client_filter}
            GROUP BY k.client_id
        )
        SELECT cl.code, cl.name, ys.year_start,
               COALESCE(SUM(CASE WHEN c.ended_at IS NOT NULL THEN {seconds} END), 0) AS seconds
        FROM ys JOIN clients cl ON cl.id = ys.client_id
        JOIN call_logs c ON c.client_id = ys.client_id AND c.service = :service AND {started}
             AND c.started_at < :until{technician_filter}
        GROUP BY cl.code, cl.name, ys.year_start
        ORDER BY seconds DESC, cl.code
    """
    params["until"] = at.astimezone(UTC).replace(tzinfo=None) if dialect == "sqlite" else at
    if dialect == "sqlite":
        params["until"] = params["until"].strftime("%Y-%m-%d %H:%M:%S.%f")
        params["day"] = day.isoformat()
    rows = session.execute(text(sql), params).all()
    result = []
    for code, name, year_start, secs in rows:
        start = date.fromisoformat(year_start) if isinstance(year_start, str) else year_start
        result.append(BackupRow(code, name, start, float(secs or 0) / 60.0))
    return tuple(result)


def _active_clients(at: date) -> Any:
    return select(Contract.client_id).where(
        Contract.status == ContractStatus.ACTIVE,
        Contract.start_date <= at,
        or_(Contract.end_date.is_(None), Contract.end_date >= at),
    )


def rtc_short(session: Session, sl: SliceIds, at: datetime) -> tuple[RtcRow, ...]:
    """R-02: clients under contract with fewer than two active RTC trained by the vendor."""
    day = at.astimezone(UTC).date()
    trained = select(Training.contact_id)
    if sl.product_id:
        trained = trained.where(Training.product_id == sl.product_id)
    rtc = (
        select(Contact.client_id, func.count().label("n"))
        .where(
            Contact.is_rtc.is_(True),
            Contact.active.is_(True),
            or_(Contact.rtc_until.is_(None), Contact.rtc_until >= day),
            Contact.id.in_(trained),
        )
        .group_by(Contact.client_id)
        .subquery()
    )
    query = (
        select(Client.code, Client.name, func.coalesce(rtc.c.n, 0))
        .outerjoin(rtc, rtc.c.client_id == Client.id)
        .where(Client.id.in_(_active_clients(day)), func.coalesce(rtc.c.n, 0) < 2)
        .order_by(func.coalesce(rtc.c.n, 0), Client.code)
    )
    if sl.client_ids:
        query = query.where(Client.id.in_(sl.client_ids))
    return tuple(RtcRow(code, name, int(n)) for code, name, n in session.execute(query))


def overdue_versions(session: Session, sl: SliceIds, at: datetime) -> tuple[OverdueRow, ...]:
    """R-20: installations still on a version older than one whose delay has run out.

    The delay runs from the release date (the database does not record when each client received the
    descriptive sheet), on the installations as they are now (their past versions are not kept)."""
    day = at.astimezone(UTC).date()
    # Releases are few: which one each product requires today is decided here, the matching in SQL.
    required: dict[uuid.UUID, tuple[date, str, date]] = {}
    for product_id, version, released_on, substantial in session.execute(
        select(Release.product_id, Release.version, Release.released_on, Release.substantial_change)
    ):
        deadline = version_deadline(released_on, bool(substantial))
        if deadline < day and (product_id not in required or required[product_id][0] < released_on):
            required[product_id] = (released_on, version, deadline)
    if not required:
        return ()
    installed = aliased(Release)
    bound = case(*[(Installation.product_id == pid, literal(rel)) for pid, (rel, _, _) in required.items()], else_=None)
    query = (
        select(Client.code, Client.name, Product.id, Product.code, installed.version)
        .select_from(Installation)
        .join(Client, Client.id == Installation.client_id)
        .join(Product, Product.id == Installation.product_id)
        .join(installed, installed.id == Installation.release_id)
        .where(Installation.product_id.in_(list(required)), installed.released_on < bound)
        .where(Client.id.in_(_active_clients(day)))
        .order_by(Client.code, Product.code)
    )
    if sl.client_ids:
        query = query.where(Installation.client_id.in_(sl.client_ids))
    if sl.product_id:
        query = query.where(Installation.product_id == sl.product_id)
    return tuple(
        OverdueRow(code, name, product_code, version, required[pid][1], required[pid][2])
        for code, name, pid, product_code, version in session.execute(query)
    )


__all__ = ["BackupRow", "OverdueRow", "RtcRow", "SliceIds", "backup_use", "overdue_versions", "rtc_short"]
