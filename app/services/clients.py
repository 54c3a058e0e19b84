"""Finding a client and reading its file: the client list, the detail panel and intake share these (R-01
to R-04).

A caller gives a *code client*, a *N° identification hotline*, a phone number or a name (R-04); the
technician must see who it is in under a second, so every lookup is a bounded SQL query on indexed
columns and nothing here loads the whole client table into Python.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, ScalarSelect, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session, selectinload

from app.db.models import (
    Client,
    Contact,
    Contract,
    Installation,
    PhoneNumber,
    Product,
    Release,
    Site,
)
from app.domain.phones import display_french, to_e164
from app.domain.text import fold
from app.domain.vocabulary import ContractStatus

# fewer than this many active trained RTC is a warning on the client.
MIN_TRAINED_RTC = 2

# Ranks of a search hit, best first (see ``search_clients``).
RANK_EXACT, RANK_PREFIX, RANK_NAME, RANK_PLACE = 0, 1, 2, 3

_CODE_PREFIX = "C"
_HOTLINE_PREFIX = "HL"
_IDENTIFIER = re.compile(r"[A-Z]{0,2}\d+")
_PHONE_TYPING = re.compile(r"[\d\s.\-+()]+")

# Accented letters as PostgreSQL's translate() must fold them (both cases: lower() only folds accented
# capitals when the database's LC_CTYPE knows them).


@dataclass(frozen=True)
class ClientSummary:
    """One line of the client list."""

    id: uuid.UUID
    code: str
    hotline_id: str
    name: str
    kind_label: str
    city: str
    postal_code: str
    phone: str
    contact_count: int
    active: bool


@dataclass(frozen=True)
class PhoneLine:
    """A phone number in French display form, with its label (« Standard », « Portable »)."""

    number: str
    label: str


@dataclass(frozen=True)
class SiteInfo:
    """A *site d'installation*, current or left after a move (R-01 keeps the history)."""

    id: uuid.UUID
    label: str
    address: str
    postal_code: str
    city: str
    valid_from: date
    valid_to: date | None
    move_notified_on: date | None
    move_notice_label: str | None
    phones: tuple[PhoneLine, ...]

    @property
    def is_current(self) -> bool:
        """Still where the client is (not closed by a move)."""
        return self.valid_to is None


@dataclass(frozen=True)
class TrainingInfo:
    """One vendor training of a contact (R-03): on which product, when."""

    product_name: str
    trained_on: date


@dataclass(frozen=True)
class ContactInfo:
    """A contact and what R-02/R-03 need to know about them: RTC or not, trained on what."""

    id: uuid.UUID
    name: str
    job_title: str
    email: str | None
    phones: tuple[PhoneLine, ...]
    active: bool
    is_rtc: bool
    rtc_since: date | None
    rtc_until: date | None
    trainings: tuple[TrainingInfo, ...]

    @property
    def trained(self) -> bool:
        """Trained by the vendor on at least one product."""
        return bool(self.trainings)


@dataclass(frozen=True)
class InstallationInfo:
    """A product running at the client, with what R-05 checks: validated system, paid licence."""

    product_code: str
    product_name: str
    version: str | None
    installed_on: date | None
    os_name: str
    dbms_name: str
    environment_validated: bool
    licence_paid: bool
    site_label: str | None


@dataclass(frozen=True)
class ServiceInfo:
    """One service of a contract (R-06) with its own dates."""

    label: str
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class ContractInfo:
    """A maintenance contract, its status and the services it bundles."""

    reference: str
    status_label: str
    in_force: bool
    start_date: date
    end_date: date | None
    commitment_months: int
    services: tuple[ServiceInfo, ...]


@dataclass(frozen=True)
class ClientDetail:
    """Everything the detail panel shows about one client."""

    id: uuid.UUID
    code: str
    hotline_id: str
    name: str
    kind_label: str
    address: str
    postal_code: str
    city: str
    email: str | None
    notes: str
    active: bool
    phones: tuple[PhoneLine, ...]
    sites: tuple[SiteInfo, ...]
    contacts: tuple[ContactInfo, ...]
    installations: tuple[InstallationInfo, ...]
    contracts: tuple[ContractInfo, ...]
    trained_rtc_count: int

    @property
    def lacks_trained_rtc(self) -> bool:
        """R-02: the client should have at least two active RTC trained by the vendor."""
        return self.trained_rtc_count < MIN_TRAINED_RTC


# --- search -----------------------------------------------------------------------------------------


def _identifier_candidates(text: str) -> tuple[list[str], list[str]]:
    """Codes and hotline ids the text may stand for: « 05412 » is dictated without its « C », and
    « 123456 » without its « HL »."""
    compact = re.sub(r"[\s\-]", "", text).upper()
    if not _IDENTIFIER.fullmatch(compact):
        return [], []
    if compact.isdigit():
        return [compact, _CODE_PREFIX + compact], [compact, _HOTLINE_PREFIX + compact]
    return [compact], [compact]


def _phone_prefix(text: str) -> str | None:
    """While a number is being typed (« 03 83 9 »), the E.164 prefix it already determines."""
    if not _PHONE_TYPING.fullmatch(text):
        return None
    digits = re.sub(r"\D", "", text)
    if text.startswith("+") and digits.startswith("33") and len(digits) >= 5:
        return "+" + digits
    if digits.startswith("0") and not digits.startswith("00") and len(digits) >= 4:
        return "+33" + digits[1:]
    return None


def _phone_owner(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return Client.id.in_(select(PhoneNumber.client_id).where(condition))


def _main_phone() -> ScalarSelect[str]:
    """The number shown in the list: the client's own line first, then a current site's, then a
    contact's, then a former site's."""
    preference = case(
        (and_(PhoneNumber.site_id.is_(None), PhoneNumber.contact_id.is_(None)), 0),
        (and_(PhoneNumber.site_id.is_not(None), Site.valid_to.is_(None)), 1),
        (PhoneNumber.contact_id.is_(None), 3),
        else_=2,
    )
    return (
        select(PhoneNumber.e164)
        .outerjoin(Site, Site.id == PhoneNumber.site_id)
        .where(PhoneNumber.client_id == Client.id)
        .order_by(preference, PhoneNumber.e164)
        .limit(1)
        .correlate(Client)
        .scalar_subquery()
    )


def _contact_count() -> ScalarSelect[int]:
    return (
        select(func.count(Contact.id))
        .where(Contact.client_id == Client.id, Contact.active.is_(True))
        .correlate(Client)
        .scalar_subquery()
    )


def _ranked_conditions(session: Session, text: str) -> list[tuple[ColumnElement[bool], int]]:
    """What a typed text may match, each with its rank (lower is better)."""
    conditions: list[tuple[ColumnElement[bool], int]] = []

    codes, hotline_ids = _identifier_candidates(text)
    if codes:
        conditions.append((or_(Client.code.in_(codes), Client.hotline_id.in_(hotline_ids)), RANK_EXACT))
    e164 = to_e164(text)
    if e164 is not None:
        conditions.append((_phone_owner(PhoneNumber.e164 == e164), RANK_EXACT))
    if codes:
        # Half-typed identifiers (« C054 ») already narrow the list down.
        starts = [Client.code.startswith(c, autoescape=True) for c in codes]
        starts += [Client.hotline_id.startswith(h, autoescape=True) for h in hotline_ids]
        conditions.append((or_(*starts), RANK_PREFIX))
    prefix = _phone_prefix(text) if e164 is None else None
    if prefix is not None:
        conditions.append((_phone_owner(PhoneNumber.e164.startswith(prefix, autoescape=True)), RANK_PREFIX))

    folded = fold(text)
    words = folded.split()
    if words:
        conditions.append((Client.search_name.startswith(folded, autoescape=True), RANK_PREFIX))
        conditions.append((and_(*(Client.search_name.contains(w, autoescape=True) for w in words)), RANK_NAME))
        # A word may name the commune instead: « ccas nancy » finds the CCAS whose town is Nancy.
        city = Client.search_city
        in_name_or_city = (
            or_(Client.search_name.contains(w, autoescape=True), city.contains(w, autoescape=True)) for w in words
        )
        conditions.append((and_(*in_name_or_city), RANK_PLACE))
    compact_digits = re.sub(r"\s", "", text)
    if compact_digits.isdigit() and 2 <= len(compact_digits) <= 5:
        conditions.append((Client.postal_code.startswith(compact_digits), RANK_PLACE))
    return conditions


def search_clients(session: Session, text: str, limit: int = 50) -> list[ClientSummary]:
    """Find clients from whatever the caller dictated (R-04), best matches first.

    ``text`` may be a *code client* (« C05412 » or « 05412 »), a hotline id (« HL123456 » or « 123456 »),
    a phone number in any French format (matched against the numbers of the client, its sites and its
    contacts), name fragments typed without accents (every word must occur in the name), or a commune
    or postal code. Exact code, hotline id or phone come first, then codes and names that start with the
    text, then names that contain every word, then matches on the commune; ties are ordered by name.
    An empty text lists clients by name. At most ``limit`` rows are returned.
    """
    text = text.strip()
    query = select(
        Client.id,
        Client.code,
        Client.hotline_id,
        Client.name,
        Client.kind,
        Client.city,
        Client.postal_code,
        Client.active,
        _main_phone().label("phone"),
        _contact_count().label("contact_count"),
    )
    if text:
        conditions = _ranked_conditions(session, text)
        if not conditions:
            return []
        # CASE keeps the first true branch, so the branches go best rank first.
        ranked = sorted(conditions, key=lambda pair: pair[1])
        rank = case(*((cond, literal(r)) for cond, r in ranked), else_=literal(RANK_PLACE + 1))
        query = query.where(or_(*(cond for cond, _ in ranked))).order_by(rank)
    query = query.order_by(Client.search_name, Client.code).limit(limit)
    return [
        ClientSummary(
            id=row.id,
            code=row.code,
            hotline_id=row.hotline_id,
            name=row.name,
            kind_label=row.kind.label,
            city=row.city,
            postal_code=row.postal_code,
            phone=display_french(row.phone) if row.phone else "",
            contact_count=row.contact_count or 0,
            active=row.active,
        )
        for row in session.execute(query)
    ]


# --- detail -----------------------------------------------------------------------------------------


def _phone_lines(numbers: list[PhoneNumber]) -> tuple[PhoneLine, ...]:
    return tuple(PhoneLine(display_french(p.e164), p.label) for p in sorted(numbers, key=lambda p: p.e164))


def _is_active_rtc(contact: Contact, today: date) -> bool:
    if not (contact.active and contact.is_rtc):
        return False
    started = contact.rtc_since is None or contact.rtc_since <= today
    ended = contact.rtc_until is not None and contact.rtc_until < today
    return started and not ended


def _sites(session: Session, client_id: uuid.UUID) -> tuple[SiteInfo, ...]:
    sites = session.scalars(
        select(Site)
        .where(Site.client_id == client_id)
        .options(selectinload(Site.phones))
        # Current sites first, then the former ones from the most recent move back.
        .order_by(Site.valid_to.is_not(None), Site.valid_to.desc(), Site.valid_from.desc(), Site.label)
    ).all()
    return tuple(
        SiteInfo(
            id=s.id,
            label=s.label,
            address=s.address,
            postal_code=s.postal_code,
            city=s.city,
            valid_from=s.valid_from,
            valid_to=s.valid_to,
            move_notified_on=s.move_notified_on,
            move_notice_label=s.move_notice_channel.label if s.move_notice_channel else None,
            phones=_phone_lines([p for p in s.phones if p.contact_id is None]),
        )
        for s in sites
    )


def _contacts(session: Session, client_id: uuid.UUID, today: date) -> tuple[tuple[ContactInfo, ...], int]:
    contacts = session.scalars(
        select(Contact).where(Contact.client_id == client_id).options(selectinload(Contact.trainings))
    ).all()
    product_ids = {t.product_id for c in contacts for t in c.trainings}
    product_names: dict[uuid.UUID, str] = {}
    if product_ids:
        rows = session.execute(select(Product.id, Product.name).where(Product.id.in_(product_ids)))
        product_names = {product_id: name for product_id, name in rows}
    phones_by_contact: dict[uuid.UUID, list[PhoneNumber]] = {}
    if contacts:
        for phone in session.scalars(select(PhoneNumber).where(PhoneNumber.contact_id.in_([c.id for c in contacts]))):
            if phone.contact_id is not None:
                phones_by_contact.setdefault(phone.contact_id, []).append(phone)

    def order(c: Contact) -> tuple[bool, bool, str]:
        # Active RTC first: they are who the technician expects on the line.
        return (not c.active, not _is_active_rtc(c, today), c.search_name)

    infos = tuple(
        ContactInfo(
            id=c.id,
            name=c.full_name,
            job_title=c.job_title,
            email=c.email,
            phones=_phone_lines(phones_by_contact.get(c.id, [])),
            active=c.active,
            is_rtc=_is_active_rtc(c, today),
            rtc_since=c.rtc_since,
            rtc_until=c.rtc_until,
            trainings=tuple(TrainingInfo(product_names.get(t.product_id, ""), t.trained_on) for t in c.trainings),
        )
        for c in sorted(contacts, key=order)
    )
    trained_rtc = sum(1 for c in infos if c.is_rtc and c.trained)
    return infos, trained_rtc


def _installations(session: Session, client_id: uuid.UUID) -> tuple[InstallationInfo, ...]:
    rows = session.execute(
        select(Installation, Product.code, Product.name, Release.version, Site.label)
        .join(Product, Product.id == Installation.product_id)
        .outerjoin(Release, Release.id == Installation.release_id)
        .outerjoin(Site, Site.id == Installation.site_id)
        .where(Installation.client_id == client_id)
        .order_by(Product.name, Installation.installed_on)
    ).all()
    return tuple(
        InstallationInfo(
            product_code=code,
            product_name=name,
            version=version,
            installed_on=inst.installed_on,
            os_name=inst.os_name,
            dbms_name=inst.dbms_name,
            environment_validated=inst.environment_validated,
            licence_paid=inst.licence_paid,
            site_label=site_label,
        )
        for inst, code, name, version, site_label in rows
    )


def _contracts(session: Session, client_id: uuid.UUID) -> tuple[ContractInfo, ...]:
    contracts = session.scalars(
        select(Contract)
        .where(Contract.client_id == client_id)
        .options(selectinload(Contract.services))
        .order_by(Contract.start_date.desc(), Contract.reference)
    ).all()
    return tuple(
        ContractInfo(
            reference=c.reference,
            status_label=c.status.label,
            in_force=c.status is ContractStatus.ACTIVE,
            start_date=c.start_date,
            end_date=c.end_date,
            commitment_months=c.commitment_months,
            services=tuple(ServiceInfo(s.service.label, s.start_date, s.end_date) for s in c.services),
        )
        for c in contracts
    )


def client_detail(session: Session, client_id: uuid.UUID, today: date | None = None) -> ClientDetail | None:
    """The client's file for the detail panel: sites (current and former), contacts with their RTC
    status and trainings per product, installed products with their environment and licence, contracts
    and their services.

    ``today`` decides which RTC designations are current (default: the local date). Returns None when
    the client no longer exists (deleted since it was listed).
    """
    client = session.get(Client, client_id)
    if client is None:
        return None
    today = today or date.today()
    contacts, trained_rtc = _contacts(session, client_id, today)
    own_phones = session.scalars(
        select(PhoneNumber).where(
            PhoneNumber.client_id == client_id,
            PhoneNumber.site_id.is_(None),
            PhoneNumber.contact_id.is_(None),
        )
    ).all()
    return ClientDetail(
        id=client.id,
        code=client.code,
        hotline_id=client.hotline_id,
        name=client.name,
        kind_label=client.kind.label,
        address=client.address,
        postal_code=client.postal_code,
        city=client.city,
        email=client.email,
        notes=client.notes,
        active=client.active,
        phones=_phone_lines(list(own_phones)),
        sites=_sites(session, client_id),
        contacts=contacts,
        installations=_installations(session, client_id),
        contracts=_contracts(session, client_id),
        trained_rtc_count=trained_rtc,
    )
