"""A small, fully controlled client base for incident and coverage tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.db.models import Client, Contact, Contract, ContractService, Installation, Product, Release, Training
from app.domain.vocabulary import ClientKind, ContractStatus, ServiceKind

# Thursday 12 March 2026, 10:00 in Paris: the hotline is open.
OPEN_HOUR = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def build_world(session) -> dict[str, object]:
    """Maxéville: covered, two trained RTC. Laxou: unpaid licence, unvalidated system, one RTC, no backup."""
    fin = Product(code="FIN", name="Finances")
    paie = Product(code="PAIE", name="Paie")
    fin_old = Release(product=fin, version="7.1", released_on=date(2024, 1, 10))
    fin_new = Release(product=fin, version="7.2", released_on=date(2025, 6, 1))
    paie_rel = Release(product=paie, version="3.0", released_on=date(2025, 1, 1))
    maxeville = Client(code="C54001", hotline_id="HL540001", name="Maxéville", kind=ClientKind.COMMUNE)
    laxou = Client(code="C54002", hotline_id="HL540002", name="Laxou", kind=ClientKind.COMMUNE)
    session.add_all([fin, paie, fin_old, fin_new, paie_rel, maxeville, laxou])
    session.flush()

    def contact(client, first, last, rtc, trained_on=None, product=fin):
        person = Contact(client_id=client.id, first_name=first, last_name=last, is_rtc=rtc)
        session.add(person)
        session.flush()
        if trained_on:
            session.add(Training(contact_id=person.id, product_id=product.id, trained_on=trained_on))
        return person

    durand = contact(maxeville, "Élodie", "Durand", True, date(2023, 5, 2))
    contact(maxeville, "Marc", "Petit", True, date(2022, 9, 15))
    novice = contact(maxeville, "Jean", "Nouveau", False)
    laxou_rtc = contact(laxou, "Sophie", "Lambert", True, date(2021, 3, 3))

    session.add_all(
        [
            Installation(
                client_id=maxeville.id,
                product_id=fin.id,
                release_id=fin_new.id,
                licence_paid=True,
                environment_validated=True,
            ),
            Installation(
                client_id=maxeville.id,
                product_id=paie.id,
                release_id=paie_rel.id,
                licence_paid=True,
                environment_validated=True,
            ),
            Installation(
                client_id=laxou.id,
                product_id=fin.id,
                release_id=fin_old.id,
                licence_paid=False,
                environment_validated=False,
            ),
        ]
    )
    for client, services in (
        (maxeville, [ServiceKind.ASSISTANCE, ServiceKind.BACKUP]),
        (laxou, [ServiceKind.ASSISTANCE]),
    ):
        contract = Contract(
            client_id=client.id,
            reference=f"CT-{client.code}",
            start_date=date(2024, 4, 1),
            status=ContractStatus.ACTIVE,
        )
        for service in services:
            contract.services.append(ContractService(service=service, start_date=date(2024, 4, 1)))
        session.add(contract)
    session.flush()
    return {
        "maxeville": maxeville,
        "laxou": laxou,
        "durand": durand,
        "novice": novice,
        "laxou_rtc": laxou_rtc,
        "fin": fin,
        "paie": paie,
    }
