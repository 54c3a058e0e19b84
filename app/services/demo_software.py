"""Demo software at the clients: which products, which release on which system, who is trained.

R-05 needs a paid licence and a validated system, R-20 a release applied in time, R-02/R-03 trained
users: the demo has mostly covered installations and trained RTC, and enough exceptions to show the
warnings.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from app.db import models
from app.domain.vocabulary import ClientKind, ServiceKind
from app.services import demo_data as data
from app.services.demo_people import ContactProfile
from app.services.demo_rows import IdMaker, ProductRef, RowSink
from app.services.demo_timeline import add_months, at_paris

WATER_BODIES = ("sie", "sia", "regie.eaux")  # e-mail local parts of the bodies that bill water
# Optional products per kind of body, with the share of clients that have them.
OPTIONAL_PRODUCTS: dict[ClientKind, tuple[tuple[str, float], ...]] = {
    ClientKind.COMMUNE: (("PAIE", 0.7), ("CIVIL", 0.6), ("ELEC", 0.45), ("CIME", 0.25), ("TEMPS", 0.12)),
    ClientKind.CCAS: (("PAIE", 0.5),),
    ClientKind.SYNDICAT: (("PAIE", 0.4),),
    ClientKind.EPCI: (("PAIE", 0.8), ("TEMPS", 0.3), ("EAU", 0.25)),
    ClientKind.OTHER: (("PAIE", 0.5), ("TEMPS", 0.15)),
}


@dataclass(slots=True)
class InstallProfile:
    product: str
    environment_ok: bool  # licence paid and system validated
    peripherals: str
    overdue_from: date | None  # six months after the first newer release, if one came out


class SoftwareSeeder:
    """Writes installations and trainings for one client at a time."""

    def __init__(
        self,
        sink: RowSink,
        ids: IdMaker,
        rng: random.Random,
        end: date,
        products: dict[str, ProductRef],
        trainers: list[str],
    ) -> None:
        self.sink, self.ids, self.rng, self.end = sink, ids, rng, end
        self.products = products
        self.trainers = trainers

    def choose(
        self, kind: ClientKind, local_part: str, services: dict[ServiceKind, tuple[date, date | None]]
    ) -> list[str]:
        """1 to 4 products: finances always, Outback with the backup service, the portal when hosted."""
        wanted = ["FIN"]
        if ServiceKind.BACKUP in services:
            wanted.append("OUTBACK")
        if ServiceKind.PORTAL_HOSTING in services:
            wanted.append("PORTAIL")
        options = list(OPTIONAL_PRODUCTS[kind])
        if local_part in WATER_BODIES:
            options.insert(0, ("EAU", 0.95))
        for code, share in options:
            if self.rng.random() < share and code not in wanted:
                wanted.append(code)
        return wanted[:4]

    def install(
        self,
        *,
        client_id: uuid.UUID,
        site_id: object,
        start: date,
        since: date,
        draft: bool,
        codes: list[str],
        services: dict[ServiceKind, tuple[date, date | None]],
    ) -> list[InstallProfile]:
        """R-05/R-20: which release runs where, on what system, paid and validated or not."""
        rng, end = self.rng, self.end
        os_name, os_weight, os_usual = zip(*data.OPERATING_SYSTEMS, strict=True)
        server = rng.choices(range(len(os_name)), weights=os_weight)[0]
        profiles = []
        for code in codes:
            product = self.products[code]
            releases = product.releases
            at_start = max([i for i, r in enumerate(releases) if r[1] <= start], default=0)
            latest = max(i for i, r in enumerate(releases) if r[1] + timedelta(days=5) <= end)
            behind = rng.choices((0, 1, 2), weights=(80, 14, 6))[0]
            chosen = max(latest - behind, min(at_start, latest))
            release_id, released_on = releases[chosen]
            installed_on: date | None = min(max(released_on + timedelta(days=rng.randint(5, 75)), start), end)
            os_label, validated = os_name[server], os_usual[server] and rng.random() < 0.98
            if code == "PORTAIL" and ServiceKind.PORTAL_HOSTING in services:
                os_label, validated = data.HOSTED_OS, True
            elif ServiceKind.JET_CLOUDING in services and code != "OUTBACK":
                os_label, validated = data.JET_CLOUDING_OS, True
            if os_label == "Windows 10 Professionnel":
                validated = rng.random() < 0.25
            paid = rng.random() < 0.98
            peripherals = rng.choice(data.PERIPHERAL_SETS) if code == "TEMPS" else ""
            stamp = at_paris(installed_on or since, 14, rng.randint(0, 59))
            if draft:
                # Planned, not yet installed: no release, nothing paid or validated yet.
                release_id, installed_on, paid, validated = None, None, False, False
            validated_on = None
            if validated and installed_on:
                validated_on = min(installed_on + timedelta(days=rng.randint(0, 10)), end)
            self.sink.add(
                models.Installation.__table__,
                {
                    "id": self.ids(),
                    "client_id": client_id,
                    "site_id": site_id,
                    "product_id": product.id,
                    "release_id": release_id,
                    "installed_on": installed_on,
                    "licence_paid": paid,
                    "os_name": os_label,
                    "dbms_name": rng.choice(product.dbms),
                    "environment_validated": validated,
                    "validated_on": validated_on,
                    "peripherals": peripherals,
                    "created_at": stamp,
                    "updated_at": stamp,
                },
            )
            overdue_from = add_months(releases[chosen + 1][1], 6) if chosen + 1 < len(releases) else None
            profiles.append(InstallProfile(code, paid and validated, peripherals, overdue_from))
        return profiles

    def train(self, start: date, contacts: list[ContactProfile], installs: list[InstallProfile]) -> None:
        """R-02/R-03: most RTC are trained on most products, some on none; a few other users too."""
        rng, end = self.rng, self.end
        codes = [i.product for i in installs]
        if not codes:
            return
        for contact in contacts:
            if contact.is_rtc or contact.known_until is not None:
                chosen = [c for c in codes if rng.random() < 0.85] or codes[:1]
                if rng.random() < 0.1:
                    chosen = []
            else:
                chosen = [rng.choice(codes)] if rng.random() < 0.4 else []
            for code in chosen:
                trained_on = max(contact.known_from, start) + timedelta(days=rng.randint(0, 150))
                if contact.known_until and trained_on >= contact.known_until:
                    trained_on = contact.known_from
                if trained_on > end:
                    continue
                contact.trained[code] = trained_on
                dates = [trained_on]
                refresher = trained_on + timedelta(days=rng.randint(365, 800))
                if rng.random() < 0.08 and refresher <= end:
                    dates.append(refresher)
                for day in dates:
                    self.sink.add(
                        models.Training.__table__,
                        {
                            "id": self.ids(),
                            "contact_id": contact.id,
                            "product_id": self.products[code].id,
                            "trained_on": day,
                            "trainer": rng.choice(self.trainers),
                        },
                    )
