"""The coverage check reads its facts with one prepared statement; it must decide exactly as a plain
reading of the same rules does, object by object (the reference below), for every client of a demo
database, every caller, every software, both services and several instants (R-03 … R-07, R-20, R-22)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from app.db import migrate
from app.db.engine import session_factory
from app.db.models import (
    CallLog,
    Client,
    Contact,
    Contract,
    ContractService,
    Installation,
    Product,
    Release,
    Training,
)
from app.domain.coverage import Coverage, CoverageFacts, decide, version_apply_deadline
from app.domain.vocabulary import ContractStatus, ServiceKind
from app.services import calendar_config
from app.services import coverage as fast
from app.services.demo_seed import DEFAULT_END, seed_demo

PARIS = ZoneInfo("Europe/Paris")
INSTANTS = (
    datetime(2026, 11, 24, 9, 30, tzinfo=UTC),  # a Tuesday morning, open, near the end of the demo data
    datetime(2026, 11, 27, 18, 45, tzinfo=UTC),  # a Friday evening, closed
    datetime(2025, 12, 1, 8, 15, tzinfo=UTC),  # a year earlier: other contracts, releases and trainings
    datetime(2025, 4, 1, 10, 0, tzinfo=UTC),  # an anniversary date: contract years turn
)
SERVICES = (ServiceKind.ASSISTANCE, ServiceKind.BACKUP)


# --- the reference: the same facts read one ORM query at a time ----------------------------------------


def ref_trained_rtc_count(session: Session, client_id: uuid.UUID, on: date) -> int:
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


def ref_active_contract(session: Session, client_id: uuid.UUID, on: date) -> Contract | None:
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


def ref_subscribed(session: Session, contract: Contract, service: ServiceKind, on: date) -> bool:
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


def ref_backup_minutes_used(session: Session, client_id: uuid.UUID, at: datetime) -> float:
    on = at.astimezone(PARIS).date()
    contract = ref_active_contract(session, client_id, on)
    since = fast.contract_year_start(contract.start_date, on) if contract else date(on.year, 1, 1)
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


def ref_version_overdue(session: Session, installation: Installation, on: date) -> bool:
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


def ref_check_coverage(
    session: Session,
    client_id: uuid.UUID,
    *,
    contact_id: uuid.UUID | None,
    product_id: uuid.UUID | None,
    at: datetime,
    service: ServiceKind = ServiceKind.ASSISTANCE,
) -> Coverage:
    on = at.astimezone(PARIS).date()
    contract = ref_active_contract(session, client_id, on)
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
        trained_rtc_count=ref_trained_rtc_count(session, client_id, on),
        product_installed=product_id is None or installation is not None,
        licence_paid=installation is None or installation.licence_paid,
        system_validated=installation is None or installation.environment_validated,
        contract_active=contract is not None,
        service_subscribed=contract is not None and ref_subscribed(session, contract, service, on),
        version_overdue=installation is not None and ref_version_overdue(session, installation, on),
        backup_minutes_used=ref_backup_minutes_used(session, client_id, at) if service is ServiceKind.BACKUP else None,
        hotline_open=hotline_open,
    )
    return decide(facts)


# --- the comparison ------------------------------------------------------------------------------------


def _compare_every_case(engine: Engine, every: int = 1) -> Counter[str]:
    """Both checks over every client (or one in ``every``) × (unknown caller, each contact, a contact of
    another client) × (no software, each installed one, one not installed) × service × instant; returns
    how often each code came."""
    seen: Counter[str] = Counter()
    sessions = session_factory(engine)
    with sessions() as session:
        clients = session.execute(select(Client.id).order_by(Client.code)).scalars().all()
        catalogue = session.execute(select(Product.id).order_by(Product.code)).scalars().all()
        installed: dict[uuid.UUID, set[uuid.UUID]] = {}
        for client_id, product_id in session.execute(select(Installation.client_id, Installation.product_id)):
            installed.setdefault(client_id, set()).add(product_id)
        contacts: dict[uuid.UUID, list[uuid.UUID]] = {}
        for client_id, contact_id in session.execute(select(Contact.client_id, Contact.id).order_by(Contact.id)):
            contacts.setdefault(client_id, []).append(contact_id)
        stranger = next(iter(contacts.values()))[0]
        for index, client_id in enumerate(clients):
            if index % every:
                continue
            callers = [None, *contacts.get(client_id, [])]
            if index % 7 == 0:
                callers.append(stranger)
            mine = installed.get(client_id, set())
            others = [p for p in catalogue if p not in mine]
            products = [None, *(p for p in catalogue if p in mine), *others[index % len(others) :][:1]]
            for at in INSTANTS:
                on = at.astimezone(PARIS).date()
                assert fast.trained_rtc_count(session, client_id, on) == ref_trained_rtc_count(session, client_id, on)
                assert fast.backup_minutes_used(session, client_id, at) == ref_backup_minutes_used(
                    session, client_id, at
                )
                for contact_id in callers:
                    for product_id in products:
                        for service in SERVICES:
                            args = {"contact_id": contact_id, "product_id": product_id, "at": at, "service": service}
                            got = fast.check_coverage(session, client_id, **args)
                            want = ref_check_coverage(session, client_id, **args)
                            assert got == want, (client_id, args)
                            assert [(w.code, w.message) for w in got.warnings] == [
                                (w.code, w.message) for w in want.warnings
                            ]
                            seen.update(got.codes)
        # A client id the database does not know: nothing covers it, the caller's trainings still count.
        nobody = uuid.uuid4()
        for product_id in (None, catalogue[0]):
            for service in SERVICES:
                args = {"contact_id": stranger, "product_id": product_id, "at": INSTANTS[0], "service": service}
                assert fast.check_coverage(session, nobody, **args) == ref_check_coverage(session, nobody, **args)
    return seen


def _seed(engine: Engine) -> None:
    """A demo database, plus enough backup-service calls at a few clients to spend their allowance."""
    migrate.upgrade(engine)
    seed_demo(engine, seed=7, clients=40, incidents=1000, end=DEFAULT_END)
    with session_factory(engine).begin() as session:
        clients = session.execute(select(Client.id).order_by(Client.code)).scalars().all()
        for client_id in clients[::4]:
            for at in INSTANTS:
                for minutes in (50, 45):
                    start = at - timedelta(days=minutes)
                    session.add(
                        CallLog(
                            client_id=client_id,
                            service=ServiceKind.BACKUP,
                            station="NCY",
                            started_at=start,
                            ended_at=start + timedelta(minutes=minutes),
                        )
                    )


CODES_OF_THE_DEMO = (
    "caller_unknown",
    "caller_not_trained",
    "few_rtc",
    "service_not_subscribed",
    "product_not_installed",
    "hotline_closed",
    "contract_inactive",
    "licence_unpaid",
    "system_not_validated",
    "version_overdue",
    "backup_quota_exceeded",
)


@pytest.mark.parametrize("every", [3, pytest.param(1, marks=pytest.mark.slow)])
def test_the_fast_check_decides_as_the_reference_for_the_clients_of_a_demo_database(engine: Engine, every: int) -> None:
    """One client in three in the default run (every rule still decides somewhere), every client in the
    long run."""
    _seed(engine)
    seen = _compare_every_case(engine, every)
    # The data exercises the rules, not only the green path.
    for code in CODES_OF_THE_DEMO:
        assert seen[code] > 0, (code, seen)


def test_pending_changes_of_the_session_are_seen_as_an_object_query_sees_them(engine: Engine) -> None:
    """The check runs on the session's connection: what the session holds unwritten is written first."""
    _seed(engine)
    sessions = session_factory(engine)
    at = INSTANTS[0]
    with sessions() as session:
        client_id = session.execute(select(Contract.client_id).where(Contract.status == ContractStatus.ACTIVE)).scalar()
        for contract in session.execute(select(Contract).where(Contract.client_id == client_id)).scalars():
            contract.status = ContractStatus.TERMINATED
        coverage = fast.check_coverage(session, client_id, contact_id=None, product_id=None, at=at)
        assert coverage.codes[0] == "contract_inactive"
        assert coverage == ref_check_coverage(session, client_id, contact_id=None, product_id=None, at=at)
        session.rollback()


@pytest.mark.parametrize("every", [5, pytest.param(1, marks=pytest.mark.slow)])
def test_the_fast_check_decides_as_the_reference_on_postgresql(pg_engine: Engine, every: int) -> None:
    _seed(pg_engine)
    _compare_every_case(pg_engine, every)


def test_hotline_open_read_from_the_mirror_matches_the_calendar(sessions) -> None:
    """R-15, R-16: the coverage check asks the calendar mirror whether the hotline is open; every quarter of
    an hour of two weeks (Easter Monday 2026, the lunch breaks, the nights, a week-end and a closure
    included) gets the same answer as the whole calendar, and no whole calendar is built for it."""
    from datetime import UTC, datetime, timedelta

    from app.domain.opening_hours import Closure
    from app.services import calendar_config, coverage

    with sessions.begin() as session:
        calendar_config.add_closure(
            session,
            Closure.between(datetime(2026, 4, 9, 14, 0), datetime(2026, 4, 9, 16, 30), "Déménagement"),
        )
    with sessions() as session:
        connection = session.connection()
        at = datetime(2026, 3, 30, 22, 0, tzinfo=UTC)
        answers = []
        while at < datetime(2026, 4, 13, 22, 0, tzinfo=UTC):
            answers.append((at, coverage._hotline_open(session, connection, at)))
            at += timedelta(minutes=15)
        assert calendar_config._SESSION_KEY not in session.info  # the mirror answered every time
        calendar = calendar_config.current_calendar(session)
    assert [open_ for _, open_ in answers] == [calendar.is_open(a) for a, _ in answers]
    assert any(open_ for _, open_ in answers) and not all(open_ for _, open_ in answers)
