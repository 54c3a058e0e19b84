"""Gathering the facts of a call for the coverage decision (R-03, R-05, R-06, R-07, R-20, R-22).

Every intake banner and every saved incident (a portal page brings hundreds) asks this, so the facts are
read by one prepared Core statement built once below: the client row, left-joined to its active
contract and, when the software is known, to its installation and installed release, with the caller's
training, the trained RTC count, the subscribed service and the next release as subqueries. A
backup-service call adds one statement for the minutes used. The decision itself is
:func:`app.domain.coverage.decide`, unchanged.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    CalendarRange,
    CallLog,
    Client,
    Contact,
    Contract,
    ContractService,
    Installation,
    Release,
    Training,
)
from app.domain.coverage import Coverage, CoverageFacts, add_months, decide, version_apply_deadline
from app.domain.vocabulary import ContractStatus, ServiceKind
from app.services import calendar_config

PARIS = ZoneInfo("Europe/Paris")

_CLIENTS = Client.__table__
_CONTACTS = Contact.__table__
_TRAININGS = Training.__table__
_CONTRACTS = Contract.__table__
_SERVICES = ContractService.__table__
_INSTALLATIONS = Installation.__table__
_RELEASES = Release.__table__
_NEWER = _RELEASES.alias("newer")
_CALLS = CallLog.__table__
_RANGES = CalendarRange.__table__
# The open range of the calendar mirror that starts last at or before an instant: the hotline is open when
# the instant is before its end (the mirror holds exactly the calendar's open ranges).
_RANGE_AT = select(_RANGES.c.ends).where(_RANGES.c.starts <= bindparam("s")).order_by(_RANGES.c.starts.desc()).limit(1)

# Built once: every check then finds its statements in SQLAlchemy's compiled cache.
# Parameters: client, on (the call's date in Paris), contact (None for an unknown caller), service, product.


def _active_contract(contracts):  # type: ignore[no-untyped-def]
    """The client's active contract on that day, the latest started (R-05)."""
    return (
        select(contracts.c.id, contracts.c.start_date)
        .where(
            contracts.c.client_id == bindparam("client"),
            contracts.c.status == ContractStatus.ACTIVE,
            contracts.c.start_date <= bindparam("on"),
            or_(contracts.c.end_date.is_(None), contracts.c.end_date >= bindparam("on")),
        )
        .order_by(contracts.c.start_date.desc())
        .limit(1)
    )


_ACTIVE_CONTRACT = _active_contract(_CONTRACTS)
_ACTIVE = _CONTRACTS.alias("active")
_ACTIVE_CONTRACT_ID = _active_contract(_ACTIVE).with_only_columns(_ACTIVE.c.id).scalar_subquery()
# Active RTC of the client with at least one vendor training on or before that day.
_TRAINED_RTC = (
    select(func.count(func.distinct(_CONTACTS.c.id)))
    .join(_TRAININGS, _TRAININGS.c.contact_id == _CONTACTS.c.id)
    .where(
        _CONTACTS.c.client_id == bindparam("client"),
        _CONTACTS.c.is_rtc.is_(True),
        _CONTACTS.c.active.is_(True),
        or_(_CONTACTS.c.rtc_until.is_(None), _CONTACTS.c.rtc_until >= bindparam("on")),
        _TRAININGS.c.trained_on <= bindparam("on"),
    )
)
# The caller trained by the vendor on or before that day (on this software when it is known, R-03).
# An unknown caller binds contact = NULL, which matches no row.
_CALLER_TRAINED_ANY = exists().where(
    _TRAININGS.c.contact_id == bindparam("contact"), _TRAININGS.c.trained_on <= bindparam("on")
)
_CALLER_TRAINED_PRODUCT = _CALLER_TRAINED_ANY.where(_TRAININGS.c.product_id == bindparam("product"))
# The contract's service in force that day.
_SUBSCRIBED = exists().where(
    _SERVICES.c.contract_id == _CONTRACTS.c.id,
    _SERVICES.c.service == bindparam("service"),
    _SERVICES.c.start_date <= bindparam("on"),
    or_(_SERVICES.c.end_date.is_(None), _SERVICES.c.end_date >= bindparam("on")),
)
# The first release of the installed software after the installed one.
_NEXT_RELEASE = (
    select(func.min(_NEWER.c.released_on))
    .where(_NEWER.c.product_id == _INSTALLATIONS.c.product_id, _NEWER.c.released_on > _RELEASES.c.released_on)
    .scalar_subquery()
)


def _facts_statement(with_product: bool):  # type: ignore[no-untyped-def]
    source = _CLIENTS.outerjoin(_CONTRACTS, _CONTRACTS.c.id == _ACTIVE_CONTRACT_ID)
    columns = [
        _CONTRACTS.c.id.label("contract_id"),
        _CONTRACTS.c.start_date.label("contract_start"),
        and_(_CONTRACTS.c.id.is_not(None), _SUBSCRIBED).label("subscribed"),
        _TRAINED_RTC.scalar_subquery().label("trained_rtc"),
        (_CALLER_TRAINED_PRODUCT if with_product else _CALLER_TRAINED_ANY).label("caller_trained"),
    ]
    if with_product:
        source = source.outerjoin(
            _INSTALLATIONS,
            and_(_INSTALLATIONS.c.client_id == _CLIENTS.c.id, _INSTALLATIONS.c.product_id == bindparam("product")),
        ).outerjoin(_RELEASES, _RELEASES.c.id == _INSTALLATIONS.c.release_id)
        columns += [
            _INSTALLATIONS.c.id.label("installation_id"),
            _INSTALLATIONS.c.licence_paid,
            _INSTALLATIONS.c.environment_validated,
            _NEXT_RELEASE.label("next_release_on"),
        ]
    return select(*columns).select_from(source).where(_CLIENTS.c.id == bindparam("client"))


_FACTS = _facts_statement(with_product=False)
_FACTS_WITH_PRODUCT = _facts_statement(with_product=True)
# For a client id that is not in the database (no contract, contact or installation can refer to it).
_CALLER_TRAINED_ONLY_ANY = select(_CALLER_TRAINED_ANY.label("caller_trained"))
_CALLER_TRAINED_ONLY_PRODUCT = select(_CALLER_TRAINED_PRODUCT.label("caller_trained"))
_BACKUP_CALLS = select(_CALLS.c.started_at, _CALLS.c.ended_at).where(
    _CALLS.c.client_id == bindparam("client"),
    _CALLS.c.service == ServiceKind.BACKUP,
    _CALLS.c.started_at >= bindparam("since"),
    _CALLS.c.ended_at.is_not(None),
)


def _connection(session: Session) -> Connection:
    """The session's connection, after writing what the session holds (as an ORM query would)."""
    if session.autoflush:
        session.flush()
    return session.connection()


def trained_rtc_count(session: Session, client_id: uuid.UUID, on: date) -> int:
    """Active RTC of the client with at least one vendor training (R-02)."""
    return _connection(session).execute(_TRAINED_RTC, {"client": client_id, "on": on}).scalar_one()


def contract_year_start(contract_start: date, on: date) -> date:
    """The last anniversary of the contract on or before ``on`` (R-22 counts per contract year)."""
    years = on.year - contract_start.year
    start = add_months(contract_start, 12 * years)
    return start if start <= on else add_months(contract_start, 12 * (years - 1))


def _backup_minutes(connection: Connection, client_id: uuid.UUID, on: date, contract_start: date | None) -> float:
    since = contract_year_start(contract_start, on) if contract_start else date(on.year, 1, 1)
    since_at = datetime(since.year, since.month, since.day, tzinfo=PARIS)
    calls = connection.execute(_BACKUP_CALLS, {"client": client_id, "since": since_at}).all()
    return sum((end - start).total_seconds() for start, end in calls) / 60


def backup_minutes_used(session: Session, client_id: uuid.UUID, at: datetime) -> float:
    """Minutes of backup-service phone assistance in the current contract year (R-22: 90 included)."""
    on = at.astimezone(PARIS).date()
    connection = _connection(session)
    contract = connection.execute(_ACTIVE_CONTRACT, {"client": client_id, "on": on}).first()
    return _backup_minutes(connection, client_id, on, contract.start_date if contract else None)


def _hotline_open(session: Session, connection: Connection, at: datetime) -> bool:
    """Whether the hotline is open at ``at``: one read of the calendar mirror, so the first call of the day
    does not build the whole calendar (and import the public holidays) while the caller waits. The whole
    calendar answers when the mirror is empty or the instant outside the years it covers."""
    if calendar_config.FIRST_YEAR <= at.astimezone(PARIS).year <= calendar_config.LAST_YEAR:
        ends = connection.execute(_RANGE_AT, {"s": int(at.timestamp())}).scalar_one_or_none()
        if ends is not None:
            return at.timestamp() < ends
    try:
        return calendar_config.current_calendar(session).is_open(at)
    except ValueError:
        return True


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
    connection = _connection(session)
    params = {"client": client_id, "on": on, "contact": contact_id, "service": service, "product": product_id}
    with_product = product_id is not None
    # Several installations of one software at a client are refused, as a lookup of "the" installation is.
    row = connection.execute(_FACTS_WITH_PRODUCT if with_product else _FACTS, params).one_or_none()
    if row is None:  # no such client: nothing refers to it but, perhaps, the caller's trainings
        only = _CALLER_TRAINED_ONLY_PRODUCT if with_product else _CALLER_TRAINED_ONLY_ANY
        caller_trained = connection.execute(only, params).scalar_one()
        contract_start, contract_active, subscribed, trained_rtc = None, False, False, 0
        installed, licence_paid, validated, next_release_on = False, True, True, None
    else:
        caller_trained = row.caller_trained
        contract_active = row.contract_id is not None
        contract_start, subscribed, trained_rtc = row.contract_start, row.subscribed, row.trained_rtc
        installed = with_product and row.installation_id is not None
        licence_paid = not installed or row.licence_paid
        validated = not installed or row.environment_validated
        next_release_on = row.next_release_on if installed else None
    hotline_open = _hotline_open(session, connection, at)
    facts = CoverageFacts(
        caller_known=contact_id is not None,
        caller_trained=contact_id is not None and bool(caller_trained),
        trained_rtc_count=trained_rtc,
        product_installed=not with_product or installed,
        licence_paid=bool(licence_paid),
        system_validated=bool(validated),
        contract_active=contract_active,
        service_subscribed=contract_active and bool(subscribed),
        version_overdue=next_release_on is not None and version_apply_deadline(next_release_on) < on,
        backup_minutes_used=(
            _backup_minutes(connection, client_id, on, contract_start) if service is ServiceKind.BACKUP else None
        ),
        hotline_open=hotline_open,
    )
    return decide(facts)
