"""The backup service of a client (R-22, R-23, R-25): assistance minutes, stored volume, kept versions,
written restoration requests and the destruction of data after the contract.

A restoration request is accepted only in writing (portal or e-mail) and from a current *responsable
technique client*; it is then recorded and tracked as an incident, like those the portal sync brings in.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from app.db.models import CallLog, Client, Contact, Contract, ContractService
from app.db.models.contracts import BackupReceipt
from app.domain import contract_life as life
from app.domain.backup import KEPT_VERSIONS, QUOTA_BYTES, AssistanceAllowance, StorageUse
from app.domain.opening_hours import PARIS
from app.domain.vocabulary import Channel, ContractStatus, ServiceKind
from app.services import audit
from app.services import incidents as incident_service
from app.services.incidents import Actor, CreatedIncident


class BackupError(ValueError):
    """A backup-service request refused; the message says why and what to do, in French."""


def client_by_code(session: Session, code: str) -> Client:
    client = session.execute(select(Client).where(Client.code == code.strip().upper())).scalar_one_or_none()
    if client is None:
        raise BackupError(f"Client inconnu : « {code} ».")
    return client


def _backup_contract(session: Session, client_id: uuid.UUID, on: date) -> tuple[Contract, ContractService] | None:
    row = session.execute(
        select(Contract, ContractService)
        .join(ContractService, ContractService.contract_id == Contract.id)
        .where(
            Contract.client_id == client_id,
            Contract.status != ContractStatus.DRAFT,
            ContractService.service == ServiceKind.BACKUP,
            ContractService.start_date <= on,
            or_(Contract.end_date.is_(None), Contract.end_date >= on),
        )
        .order_by(Contract.start_date.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


@dataclass(frozen=True)
class BackupState:
    client_code: str
    client_name: str
    contract_reference: str | None
    year_start: date
    year_end: date
    assistance: AssistanceAllowance
    storage: StorageUse
    kept: tuple[BackupReceipt, ...]
    destruction_on: date | None


def assistance_minutes(session: Session, client_id: uuid.UUID, since: date, until: date) -> float:
    """Minutes of finished backup-service calls started in ``[since, until)`` (Paris days)."""
    start = datetime(since.year, since.month, since.day, tzinfo=PARIS)
    stop = datetime(until.year, until.month, until.day, tzinfo=PARIS)
    calls = session.execute(
        select(CallLog.started_at, CallLog.ended_at).where(
            CallLog.client_id == client_id,
            CallLog.service == ServiceKind.BACKUP,
            CallLog.started_at >= start,
            CallLog.started_at < stop,
            CallLog.ended_at.is_not(None),
        )
    ).all()
    return sum((end - begin).total_seconds() for begin, end in calls) / 60


def backup_state(session: Session, client_code: str, on: date) -> BackupState:
    """R-22, R-23: the contract year's assistance minutes against 90, the stored volume against the quota,
    the versions kept, and the destruction date once the contract's end is settled."""
    client = client_by_code(session, client_code)
    found = _backup_contract(session, client.id, on)
    contract = found[0] if found else None
    quota = (found[1].quota_bytes if found else None) or QUOTA_BYTES
    start = contract.start_date if contract else date(on.year, 1, 1)
    year_start = life.contract_year_start(start, on) if contract else start
    year_end = life.next_anniversary(start, on) if contract else date(on.year + 1, 1, 1)
    kept = tuple(
        session.execute(
            select(BackupReceipt)
            .where(BackupReceipt.client_id == client.id)
            .order_by(BackupReceipt.received_at.desc())
            .limit(KEPT_VERSIONS)
        ).scalars()
    )
    stored = kept[0].total_bytes if kept else 0
    destruction = None
    if contract is not None:
        destruction = life.destruction_date(life.ContractTerms(contract.start_date, end_date=contract.end_date))
    return BackupState(
        client.code,
        client.name,
        contract.reference if contract else None,
        year_start,
        year_end - timedelta(days=1),
        AssistanceAllowance(assistance_minutes(session, client.id, year_start, year_end)),
        StorageUse(stored, quota),
        kept,
        destruction,
    )


@dataclass(frozen=True)
class DestructionRow:
    client_code: str
    client_name: str
    contract_reference: str
    end_date: date
    destruction_on: date


def destructions_ahead(session: Session, on: date, horizon_days: int = 90) -> list[DestructionRow]:
    """R-25: backup data to destroy in the coming days (one full month after each contract's expiry)."""
    rows = (
        session.execute(
            select(Contract)
            .join(ContractService, ContractService.contract_id == Contract.id)
            .where(ContractService.service == ServiceKind.BACKUP, Contract.end_date.is_not(None))
            .options(selectinload(Contract.client))
        )
        .scalars()
        .unique()
    )
    out = []
    for contract in rows:
        assert contract.end_date is not None
        gone = life.destruction_date(life.ContractTerms(contract.start_date, end_date=contract.end_date))
        if gone is not None and on <= gone <= on + timedelta(days=horizon_days):
            out.append(
                DestructionRow(contract.client.code, contract.client.name, contract.reference, contract.end_date, gone)
            )
    return sorted(out, key=lambda r: (r.destruction_on, r.client_code))


WRITTEN = (Channel.PORTAL, Channel.EMAIL)


def request_restoration(
    session: Session,
    actor: Actor,
    *,
    client_code: str,
    contact_id: uuid.UUID | None,
    channel: Channel,
    received_at: datetime,
    text: str = "",
) -> CreatedIncident:
    """R-25: a written restoration request from an RTC, recorded as an incident (the last backup received
    is restored). Refused, with the reason, when it is not written or not from a current RTC."""
    client = client_by_code(session, client_code)
    if channel not in WRITTEN:
        raise BackupError(
            "Une demande de restauration doit être faite par écrit, sur l'espace client ou par e-mail (R-25) : "
            "demandez au responsable technique de l'envoyer ainsi."
        )
    contact = session.get(Contact, contact_id) if contact_id else None
    if contact is None or contact.client_id != client.id:
        raise BackupError(
            f"Demandeur inconnu chez {client.code} : seule une demande écrite d'un responsable technique (RTC) "
            "du client peut être acceptée (R-25)."
        )
    on = received_at.astimezone(PARIS).date()
    is_rtc = contact.is_rtc and contact.active and (contact.rtc_until is None or contact.rtc_until >= on)
    if not is_rtc:
        raise BackupError(
            f"{contact.full_name} n'est pas responsable technique (RTC) de {client.code} : une restauration ne "
            "peut être demandée que par écrit par un RTC (R-25). Demandez à un RTC du client d'envoyer la demande."
        )
    latest = session.execute(
        select(BackupReceipt.received_at)
        .where(BackupReceipt.client_id == client.id, BackupReceipt.received_at <= received_at)
        .order_by(BackupReceipt.received_at.desc())
        .limit(1)
    ).scalar_one_or_none()
    which = f"du {latest.astimezone(PARIS):%d/%m/%Y}" if latest else "la plus récente reçue"
    created = incident_service.create_incident(
        session,
        actor,
        client_code=client.code,
        title=f"Demande écrite de restauration de la sauvegarde {which}",
        caller_name=contact.full_name,
        contact_id=contact.id,
        description=text,
        channel=channel,
        opened_at=received_at,
    )
    audit.append(
        session,
        kind="restoration_request",
        subject=created.number,
        payload={"client": client.code, "contact": str(contact.id), "channel": channel.value, "backup": which},
        actor=actor.name,
        station=actor.station,
    )
    return created
