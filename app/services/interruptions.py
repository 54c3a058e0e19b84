"""Planned interruptions of the hosted services (R-21, art. 8 of the contract).

An interruption should last at most an hour; a longer one must be announced beforehand to every client
subscribed to the interrupted service. This module plans them, lists who must be told, records each
announcement, and flags any long interruption that started with a client left untold.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.db.models import Client, Contract, ContractService, InterruptionNotice, ServiceInterruption
from app.domain.vocabulary import ContractStatus, NoticeChannel, ServiceKind

ANNOUNCEMENT_THRESHOLD_MINUTES = 60
HOSTED_SERVICES = (ServiceKind.PORTAL_HOSTING, ServiceKind.JET_CLOUDING)


class InterruptionError(ValueError):
    """A planned interruption that cannot be recorded as given; the message says why."""


@dataclass(frozen=True)
class ClientToTell:
    client_id: uuid.UUID
    code: str
    name: str
    told_at: datetime | None
    channel: NoticeChannel | None

    @property
    def told(self) -> bool:
        return self.told_at is not None


@dataclass(frozen=True)
class InterruptionView:
    id: uuid.UUID
    service: ServiceKind
    starts_at: datetime
    planned_minutes: int
    reason: str
    needs_announcement: bool
    clients_total: int
    clients_told: int

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.planned_minutes)

    @property
    def fully_announced(self) -> bool:
        return not self.needs_announcement or self.clients_told == self.clients_total


def plan_interruption(
    session: Session,
    service: ServiceKind,
    starts_at: datetime,
    planned_minutes: int,
    reason: str,
    author_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Record a planned interruption of a hosted service."""
    if service not in HOSTED_SERVICES:
        raise InterruptionError(
            f"Seuls l'hébergement du portail et Jet Clouding s'interrompent pour maintenance, pas « {service.label} »."
        )
    if starts_at.tzinfo is None:
        raise InterruptionError("L'heure de début doit préciser son fuseau horaire.")
    if not 1 <= planned_minutes <= 7 * 24 * 60:
        raise InterruptionError("La durée prévue va d'une minute à une semaine.")
    if not reason.strip():
        raise InterruptionError("Donnez le motif de l'interruption.")
    row = ServiceInterruption(
        service=service,
        starts_at=starts_at,
        planned_minutes=planned_minutes,
        reason=reason.strip(),
        created_by_id=author_id,
    )
    session.add(row)
    session.flush()
    return row.id


def _subscribed_clients(session: Session, service: ServiceKind, when: datetime) -> list[Client]:
    """Clients whose contract includes ``service`` on the day of ``when``."""
    day = when.date()
    query = (
        select(Client)
        .join(Contract, Contract.client_id == Client.id)
        .join(ContractService, ContractService.contract_id == Contract.id)
        .where(
            ContractService.service == service,
            ContractService.start_date <= day,
            or_(ContractService.end_date.is_(None), ContractService.end_date >= day),
            Contract.status == ContractStatus.ACTIVE,
            or_(Contract.end_date.is_(None), Contract.end_date >= day),
        )
        .distinct()
        .order_by(Client.name)
    )
    return list(session.execute(query).scalars())


def clients_to_tell(session: Session, interruption_id: uuid.UUID) -> list[ClientToTell]:
    """Every client subscribed to the interrupted service, with when and how each was told."""
    interruption = _get(session, interruption_id)
    notices = {n.client_id: n for n in interruption.notices}
    result = []
    for client in _subscribed_clients(session, interruption.service, interruption.starts_at):
        notice = notices.get(client.id)
        result.append(
            ClientToTell(
                client.id,
                client.code,
                client.name,
                notice.told_at if notice else None,
                notice.channel if notice else None,
            )
        )
    return result


def record_notice(
    session: Session,
    interruption_id: uuid.UUID,
    client_id: uuid.UUID,
    told_at: datetime,
    channel: NoticeChannel,
) -> None:
    """Record that a client was told of the interruption (once per client; a new call updates it)."""
    interruption = _get(session, interruption_id)
    if told_at.tzinfo is None:
        raise InterruptionError("L'heure de l'annonce doit préciser son fuseau horaire.")
    existing = session.execute(
        select(InterruptionNotice).where(
            and_(
                InterruptionNotice.interruption_id == interruption.id,
                InterruptionNotice.client_id == client_id,
            )
        )
    ).scalar_one_or_none()
    if existing is None:
        session.add(
            InterruptionNotice(interruption_id=interruption.id, client_id=client_id, told_at=told_at, channel=channel)
        )
    else:
        existing.told_at, existing.channel = told_at, channel
    session.flush()


def list_interruptions(session: Session, since: datetime | None = None) -> list[InterruptionView]:
    query = select(ServiceInterruption).order_by(ServiceInterruption.starts_at)
    if since is not None:
        query = query.where(ServiceInterruption.starts_at >= since - timedelta(days=7))
    views = []
    for row in session.execute(query).scalars():
        if since is not None and row.starts_at + timedelta(minutes=row.planned_minutes) < since:
            continue
        needs = row.planned_minutes > ANNOUNCEMENT_THRESHOLD_MINUTES
        clients = clients_to_tell(session, row.id) if needs else []
        told_before = sum(1 for c in clients if c.told_at is not None and c.told_at <= row.starts_at)
        views.append(
            InterruptionView(
                row.id,
                row.service,
                row.starts_at,
                row.planned_minutes,
                row.reason,
                needs,
                len(clients),
                told_before,
            )
        )
    return views


def unannounced_long_interruptions(session: Session, now: datetime) -> list[InterruptionView]:
    """Long interruptions already started while some subscribed client had not been told beforehand."""
    return [v for v in list_interruptions(session) if v.starts_at <= now and not v.fully_announced]


def _get(session: Session, interruption_id: uuid.UUID) -> ServiceInterruption:
    row = session.get(ServiceInterruption, interruption_id)
    if row is None:
        raise InterruptionError("Interruption introuvable.")
    return row
