"""Gathering the facts of a call for the coverage decision (R-03, R-05, R-06, R-07, R-20, R-22)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.models import CallLog, Contact, Contract, ContractService, Installation, Release, Training
from app.domain.coverage import Coverage, CoverageFacts, add_months, decide, version_apply_deadline
from app.domain.vocabulary import ContractStatus, ServiceKind
from app.services import calendar_config

PARIS = ZoneInfo("Europe/Paris")


def trained_rtc_count(session: Session, client_id: uuid.UUID, on: date) -> int:
    """Active RTC of the client with at least one vendor training (R-02)."""
    return session.execute(
        select(func.count(func.distinct(Contact.id)))
        .join(Training, Training.contact_id == Contact.id)
        .where(
            Contact.client_id == client_id,
            Contact.is_rtc.is_(True),
            Contact.active.is_(True),
            or_(Contact.rtc_until.is_(None), Contact.rtc_until >= on),
            Training.trained_on <= on,
        )
    ).scalar_one()


def _active_contract(session: Session, client_id: uuid.UUID, on: date) -> Contract | None:
    return session.execute(
        select(Contract)
        .where(
            Contract.client_id == client_id,
            Contract.status == ContractStatus.ACTIVE,
            Contract.start_date <= on,
            or_(Contract.end_date.is_(None), Contract.end_date >= on),
        )
        .order_by(Contract.start_date.desc())
        .limit(1)
    ).scalar_one_or_none()


def _subscribed(session: Session, contract: Contract, service: ServiceKind, on: date) -> bool:
    return (
        session.execute(
            select(ContractService.id).where(
                ContractService.contract_id == contract.id,
                ContractService.service == service,
                ContractService.start_date <= on,
                or_(ContractService.end_date.is_(None), ContractService.end_date >= on),
            )
        ).first()
        is not None
    )


def contract_year_start(contract_start: date, on: date) -> date:
    """The last anniversary of the contract on or before ``on`` (R-22 counts per contract year)."""
    years = on.year - contract_start.year
    start = add_months(contract_start, 12 * years)
    return start if start <= on else add_months(contract_start, 12 * (years - 1))


def backup_minutes_used(session: Session, client_id: uuid.UUID, at: datetime) -> float:
    """Minutes of backup-service phone assistance in the current contract year (R-22: 90 included)."""
    on = at.astimezone(PARIS).date()
    contract = _active_contract(session, client_id, on)
    since = contract_year_start(contract.start_date, on) if contract else date(on.year, 1, 1)
    since_at = datetime(since.year, since.month, since.day, tzinfo=PARIS)
    calls = session.execute(
        select(CallLog.started_at, CallLog.ended_at).where(
            CallLog.client_id == client_id,
            CallLog.service == ServiceKind.BACKUP,
            CallLog.started_at >= since_at,
            CallLog.ended_at.is_not(None),
        )
    ).all()
    return sum((end - start).total_seconds() for start, end in calls) / 60


def _version_overdue(session: Session, installation: Installation, on: date) -> bool:
    """R-20: a newer version of the product was released more than six months ago and is not installed."""
    if installation.release_id is None:
        return False
    current = session.get(Release, installation.release_id)
    if current is None:
        return False
    newer = session.execute(
        select(Release.released_on)
        .where(Release.product_id == installation.product_id, Release.released_on > current.released_on)
        .order_by(Release.released_on)
        .limit(1)
    ).scalar_one_or_none()
    return newer is not None and version_apply_deadline(newer) < on


def check_coverage(
    session: Session,
    client_id: uuid.UUID,
    *,
    contact_id: uuid.UUID | None,
    product_id: uuid.UUID | None,
    at: datetime,
    service: ServiceKind = ServiceKind.ASSISTANCE,
) -> Coverage:
    """Is this call covered? ``contact_id`` None means an unknown caller; ``product_id`` None means the
    software is not known yet (the product checks are then skipped, not failed)."""
    on = at.astimezone(PARIS).date()
    contract = _active_contract(session, client_id, on)
    installation = None
    if product_id is not None:
        installation = session.execute(
            select(Installation).where(Installation.client_id == client_id, Installation.product_id == product_id)
        ).scalar_one_or_none()
    caller_trained = False
    if contact_id is not None:
        training = select(Training.id).where(Training.contact_id == contact_id, Training.trained_on <= on)
        if product_id is not None:
            training = training.where(Training.product_id == product_id)
        caller_trained = session.execute(training.limit(1)).first() is not None
    calendar = calendar_config.current_calendar(session)
    try:
        hotline_open = calendar.is_open(at)
    except ValueError:
        hotline_open = True
    facts = CoverageFacts(
        caller_known=contact_id is not None,
        caller_trained=caller_trained,
        trained_rtc_count=trained_rtc_count(session, client_id, on),
        product_installed=product_id is None or installation is not None,
        licence_paid=installation is None or installation.licence_paid,
        system_validated=installation is None or installation.environment_validated,
        contract_active=contract is not None,
        service_subscribed=contract is not None and _subscribed(session, contract, service, on),
        version_overdue=installation is not None and _version_overdue(session, installation, on),
        backup_minutes_used=backup_minutes_used(session, client_id, at) if service is ServiceKind.BACKUP else None,
        hotline_open=hotline_open,
    )
    return decide(facts)
