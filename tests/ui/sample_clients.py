"""A small, hand-made client base for the client search and client screen tests.

Accented names (« Maxéville », « Épinal ») check accent-less search; phone numbers sit on sites, on
contacts and on a client itself; one client moved (R-01); RTC with and without training (R-02).
The service tests in ``tests/integration`` import it too, so both read the same facts.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from app.db.models import (
    Client,
    Contact,
    Contract,
    ContractService,
    Installation,
    PhoneNumber,
    Product,
    Release,
    Site,
    Training,
)
from app.domain.vocabulary import ClientKind, ContractStatus, NoticeChannel, ServiceKind

MAXEVILLE_PHONE = "+33383901000"
EPINAL_PHONE = "+33329681234"
VEZOUZE_MOBILE = "+33612345678"


def _client(
    session: Session, code: str, hotline_id: str, name: str, kind: ClientKind, postal: str, city: str
) -> Client:
    client = Client(
        code=code,
        hotline_id=hotline_id,
        name=name,
        kind=kind,
        address="1 place de la Mairie",
        postal_code=postal,
        city=city,
    )
    session.add(client)
    session.flush()
    return client


def _site(session: Session, client: Client, label: str, city: str, postal: str, **dates: date | None) -> Site:
    site = Site(
        client=client,
        label=label,
        address="1 place de la Mairie",
        postal_code=postal,
        city=city,
        valid_from=dates.get("valid_from") or date(2015, 1, 1),
        valid_to=dates.get("valid_to"),
        move_notified_on=dates.get("move_notified_on"),
        move_notice_channel=NoticeChannel.LETTER if dates.get("move_notified_on") else None,
    )
    session.add(site)
    session.flush()
    return site


def _phone(
    session: Session, client: Client, e164: str, *, site: Site | None = None, contact: Contact | None = None
) -> None:
    session.add(
        PhoneNumber(
            client_id=client.id,
            site_id=site.id if site else None,
            contact_id=contact.id if contact else None,
            e164=e164,
            label="Standard" if site else "Portable",
        )
    )


def _contact(session: Session, client: Client, first: str, last: str, *, rtc: bool, job: str = "") -> Contact:
    contact = Contact(
        client=client,
        first_name=first,
        last_name=last,
        job_title=job,
        is_rtc=rtc,
        rtc_since=date(2020, 1, 6) if rtc else None,
        email=f"{first.lower()}.{last.lower()}@example.fr",
    )
    session.add(contact)
    session.flush()
    return contact


def add_sample_clients(session: Session) -> dict[str, uuid.UUID]:
    """Insert the sample base and return the clients' ids by code."""
    finances = Product(code="JET-FIN", name="Jet Finances")
    payroll = Product(code="JET-RH", name="Jet Paie et RH")
    session.add_all([finances, payroll])
    session.flush()
    release = Release(product_id=finances.id, version="5.2", released_on=date(2024, 3, 1))
    session.add(release)
    session.flush()

    maxeville = _client(session, "C05412", "HL123456", "Commune de Maxéville", ClientKind.COMMUNE, "54320", "Maxéville")
    old_site = _site(
        session,
        maxeville,
        "Ancienne mairie",
        "Maxéville",
        "54320",
        valid_from=date(2010, 1, 1),
        valid_to=date(2022, 6, 30),
        move_notified_on=date(2022, 5, 2),
    )
    town_hall = _site(session, maxeville, "Mairie", "Maxéville", "54320", valid_from=date(2022, 7, 1))
    old_site.replaced_by_id = town_hall.id
    _phone(session, maxeville, MAXEVILLE_PHONE, site=town_hall)
    durand = _contact(session, maxeville, "Anne", "Durand", rtc=True, job="Secrétaire de mairie")
    martin = _contact(session, maxeville, "Paul", "Martin", rtc=True, job="Responsable informatique")
    _contact(session, maxeville, "Léa", "Petit", rtc=False, job="Agent comptable")
    session.add_all(
        [
            Training(contact_id=durand.id, product_id=finances.id, trained_on=date(2021, 3, 12)),
            Training(contact_id=martin.id, product_id=payroll.id, trained_on=date(2022, 9, 20)),
        ]
    )
    session.add(
        Installation(
            client_id=maxeville.id,
            site_id=town_hall.id,
            product_id=finances.id,
            release_id=release.id,
            installed_on=date(2024, 4, 2),
            licence_paid=True,
            os_name="Windows Server 2019",
            dbms_name="PostgreSQL 15",
            environment_validated=True,
        )
    )
    contract = Contract(
        client_id=maxeville.id,
        reference="CT-2023-0001",
        start_date=date(2023, 1, 1),
        status=ContractStatus.ACTIVE,
    )
    contract.services = [
        ContractService(service=ServiceKind.ASSISTANCE, start_date=date(2023, 1, 1)),
        ContractService(service=ServiceKind.BACKUP, start_date=date(2023, 1, 1)),
    ]
    session.add(contract)

    # Its hotline id starts with Maxéville's code digits: an exact code must still come first.
    lookalike = _client(session, "C00054", "HL054120", "SIVU du Grand Couronné", ClientKind.SYNDICAT, "54210", "Tonnoy")
    _site(session, lookalike, "Siège", "Tonnoy", "54210")

    epinal = _client(session, "C05413", "HL123457", "CCAS d'Épinal", ClientKind.CCAS, "88000", "Épinal")
    epinal_site = _site(session, epinal, "Hôtel de ville", "Épinal", "88000")
    _phone(session, epinal, EPINAL_PHONE, site=epinal_site)
    _contact(session, epinal, "Marc", "Leroy", rtc=True)

    schools = _client(session, "C00210", "HL200210", "SIVOS du Val d'Avière", ClientKind.SYNDICAT, "88000", "Épinal")
    _site(session, schools, "École", "Épinal", "88000")

    vezouze = _client(
        session,
        "C00077",
        "HL200077",
        "Syndicat des eaux de la Vezouze",
        ClientKind.SYNDICAT,
        "54450",
        "Blâmont",
    )
    agent = _contact(session, vezouze, "Hélène", "Muller", rtc=True)
    session.flush()
    _phone(session, vezouze, VEZOUZE_MOBILE, contact=agent)

    metropole = _client(session, "C00300", "HL200300", "Nancy Métropole", ClientKind.EPCI, "54000", "Nancy")
    commune = _client(session, "C00100", "HL200100", "Commune de Nancy", ClientKind.COMMUNE, "54000", "Nancy")
    ccas = _client(session, "C00101", "HL200101", "CCAS de Nancy", ClientKind.CCAS, "54000", "Nancy")
    # Named after neither town nor commune: found by its town only.
    water = _client(
        session,
        "C00102",
        "HL200102",
        "Syndicat mixte des eaux du Plateau",
        ClientKind.SYNDICAT,
        "54000",
        "Nancy",
    )
    session.flush()
    return {c.code: c.id for c in (maxeville, lookalike, epinal, schools, vezouze, metropole, commune, ccas, water)}
