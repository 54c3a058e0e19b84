"""Demo clients: public bodies with their sites, phones, contacts and RTC, trainings, contract, software.

Everything is drawn from one seeded random stream in a fixed order, and every date is placed relative
to the demo's end date, so the same seed gives the same rows whatever the day it runs.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from app.db import models
from app.domain.text import fold
from app.domain.vocabulary import ClientKind, ContractStatus, ServiceKind
from app.services import demo_data as data
from app.services import demo_places as places
from app.services.demo_people import (
    CONTACT_COUNTS,
    NOTICE_CHANNELS,
    NOTICE_WEIGHTS,
    ContactProfile,
    PeopleMaker,
    email_part,
)
from app.services.demo_rows import IdMaker, ProductRef, RowSink, StaffRef
from app.services.demo_software import InstallProfile, SoftwareSeeder
from app.services.demo_timeline import add_months, add_years, at_paris

KINDS = tuple(ClientKind)
BACKUP_QUOTA_BYTES = 2_000_000_000  # the base contract stores at most 2 GB
ACTIVITY: dict[ClientKind, float] = {  # how often a kind of body calls, relative to a commune
    ClientKind.COMMUNE: 1.0,
    ClientKind.CCAS: 0.4,
    ClientKind.SYNDICAT: 0.6,
    ClientKind.EPCI: 1.4,
    ClientKind.OTHER: 0.4,
}


@dataclass(slots=True)
class ClientProfile:
    """What the incident generator needs to know about a client, kept small for 100,000 clients."""

    id: uuid.UUID
    name: str
    weight: float
    first_day: date | None  # first day under contract; None while the contract is a draft
    last_day: date | None  # last day of a terminated contract
    suspended: bool
    sites: list[tuple[uuid.UUID, date, date | None]]
    contacts: list[ContactProfile]
    installs: list[InstallProfile]
    services: dict[ServiceKind, tuple[date, date | None]]

    def in_service(self, day: date) -> bool:
        if self.first_day is None or day < self.first_day:
            return False
        return self.last_day is None or day <= self.last_day

    def has_service(self, kind: ServiceKind, day: date) -> bool:
        span = self.services.get(kind)
        return span is not None and span[0] <= day and (span[1] is None or day < span[1])

    def site_on(self, day: date) -> uuid.UUID | None:
        for site_id, valid_from, valid_to in self.sites:
            if valid_from <= day and (valid_to is None or day < valid_to):
                return site_id
        return self.sites[0][0] if self.sites else None


@dataclass(slots=True)
class _Plan:
    index: int
    kind: ClientKind
    template: int
    commune: tuple[str, str, str]
    name: str
    since: date  # the client record exists from this day
    start: date
    status: ContractStatus
    end_date: date | None = None
    notice_on: date | None = None


def de_form(name: str) -> str:
    """« de Maxéville », « d'Épinal », « du Thillot », « de La Bresse »: French elision and contraction."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[0] in "AEIOUYÂÉÈÊÎÔŒ":
        return "d'" + name
    return "de " + name


class NamePool:
    """Unique names per kind of body. Each kind draws communes in a shuffled order; when one kind has
    used them all, the others go on; only when every kind is used up do names get the department."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._round = 0
        self._fill()

    def _fill(self) -> None:
        self._queues: dict[ClientKind, list[tuple[int, tuple[str, str, str]]]] = {}
        self._next = dict.fromkeys(KINDS, 0)
        for kind in KINDS:
            items = [(t, c) for t in range(len(data.NAME_TEMPLATES[kind])) for c in places.COMMUNES]
            self._rng.shuffle(items)
            if kind is ClientKind.COMMUNE and self._round == 0:
                show = [it for name in places.SHOWCASE_COMMUNES for it in items if it[1][0] == name]
                items = show + [it for it in items if it[1][0] not in places.SHOWCASE_COMMUNES]
            self._queues[kind] = items

    def take(self, kind: ClientKind | None = None) -> tuple[ClientKind, int, tuple[str, str, str], str]:
        open_kinds = [k for k in KINDS if self._next[k] < len(self._queues[k])]
        if not open_kinds:
            self._round += 1
            self._fill()
            open_kinds = list(KINDS)
        if kind not in open_kinds:
            kind = self._rng.choices(open_kinds, weights=[data.KIND_WEIGHTS[k] for k in open_kinds])[0]
        template, commune = self._queues[kind][self._next[kind]]
        self._next[kind] += 1
        name = data.NAME_TEMPLATES[kind][template][0].format(de=de_form(commune[0]))
        if self._round:
            department = places.DEPARTMENTS[commune[2]][0]
            name += f" ({department})" if self._round == 1 else f" ({department}, {self._round})"
        return kind, template, commune, name


def _plan(pool: NamePool, rng: random.Random, index: int, end: date, years: int = 2) -> _Plan:
    """Name, start and fate of one client's contract (R-26: 24 months' commitment, then yearly).

    Contracts start up to nine years before the end; a longer incident window (``years``) pushes the
    oldest ones back so that the first years have clients too (two to eight years change nothing)."""
    kind, template, commune, name = pool.take(ClientKind.COMMUNE if index == 0 else None)
    older = max(0, 365 * years + 60 - 3300)
    if index == 0:  # the showcase client is under contract over the whole incident period
        start = end - timedelta(days=rng.randint(1100, 2900) + 365 * max(0, years - 2))
    else:
        start = end - timedelta(days=int(rng.triangular(40, 3300 + older, 2400 + older)))
    plan = _Plan(index, kind, template, commune, name, start, start, ContractStatus.ACTIVE)
    roll = 1.0 if index == 0 else rng.random()
    if roll < 0.05 and add_years(start, 2) <= end:
        years = [k for k in range(2, 12) if add_years(start, k) <= end]
        plan.end_date = add_years(start, rng.choice(years))
        plan.notice_on = add_months(plan.end_date, -3) - timedelta(days=rng.randint(5, 60))
        plan.status = ContractStatus.TERMINATED
    elif roll < 0.07:
        notice_on = end - timedelta(days=rng.randint(5, 80))
        if notice_on > start:
            plan.notice_on = notice_on
            years = 2
            while add_years(start, years) < add_months(notice_on, 3):
                years += 1
            plan.end_date = add_years(start, years)
            if plan.end_date <= end:
                plan.status = ContractStatus.TERMINATED
    elif roll < 0.09:
        plan.status = ContractStatus.SUSPENDED
    elif roll < 0.10:
        plan.status = ContractStatus.DRAFT
        plan.since = end - timedelta(days=rng.randint(10, 40))
        plan.start = end + timedelta(days=rng.randint(10, 75))
    return plan


def _client_codes(rng: random.Random, count: int) -> list[int]:
    """Client numbers grow with the date of the first contract, with the gaps real numbering has."""
    if count <= 24_000:
        codes, value = [], rng.randint(100, 900)
        for _ in range(count):
            codes.append(value)
            value += rng.randint(1, 4)
        return codes
    return sorted(rng.sample(range(100_000), count))


class ClientSeeder:
    """Writes the clients and everything that hangs off them; returns their profiles."""

    def __init__(
        self,
        sink: RowSink,
        ids: IdMaker,
        rng: random.Random,
        end: date,
        products: dict[str, ProductRef],
        staff: list[StaffRef],
    ) -> None:
        self.sink, self.ids, self.rng, self.end = sink, ids, rng, end
        trainers = [s.name for s in staff if s.products] + [data.TRAINING_CENTRE] * 4
        self.software = SoftwareSeeder(sink, ids, rng, end, products, trainers)
        self.people = PeopleMaker(rng)

    def seed(self, count: int, contacts: int | None = None, years: int = 2) -> list[ClientProfile]:
        """Write ``count`` clients, numbered in the order they signed, and return their profiles;
        ``contacts``, when given, is about how many contacts they have in all; ``years`` is the incident
        window, which the oldest contracts cover."""
        pool = NamePool(self.rng)
        plans = [_plan(pool, self.rng, index, self.end, years) for index in range(count)]
        if contacts is not None:
            # Scale every client's drawn count by the target over what the draws give on average.
            expected = sum(sum(CONTACT_COUNTS[plan.kind]) / 2 for plan in plans)
            self.people.scale = contacts / expected
        plans.sort(key=lambda p: (p.start, p.index))
        codes = _client_codes(self.rng, count)
        hotline_ids = self.rng.sample(range(100_000, 1_000_000), count)
        per_year: dict[int, int] = {}
        profiles = []
        for plan, code, hotline_id in zip(plans, codes, hotline_ids, strict=True):
            per_year[plan.start.year] = per_year.get(plan.start.year, 0) + self.rng.randint(1, 3)
            reference = f"CT-{plan.start.year}-{per_year[plan.start.year]:05d}"
            profiles.append(self._client(plan, f"C{code:05d}", f"HL{hotline_id:06d}", reference))
        return profiles

    def _client(self, plan: _Plan, code: str, hotline_id: str, reference: str) -> ClientProfile:
        rng, end = self.rng, self.end
        commune, postal_code, department = plan.commune
        local_part, domain_prefix = data.NAME_TEMPLATES[plan.kind][plan.template][1:]
        domain = f"{domain_prefix}{email_part(commune)}.fr"
        draft = plan.status is ContractStatus.DRAFT
        services = self._services(plan)
        installs_wanted = self.software.choose(plan.kind, local_part, services)
        client_id = self.ids()
        sites, address, moved_on = self._sites(plan, client_id, commune, postal_code, department)
        created = at_paris(plan.since, 9, rng.randint(0, 59))
        self.sink.add(
            models.Client.__table__,
            {
                "id": client_id,
                "code": code,
                "hotline_id": hotline_id,
                "name": plan.name,
                "search_name": fold(plan.name),
                "kind": plan.kind,
                "address": address,
                "postal_code": postal_code,
                "city": commune,
                "search_city": fold(commune),
                "email": f"{local_part}@{domain}",
                "notes": rng.choice(data.CLIENT_NOTES) if rng.random() < 0.2 else "",
                "active": plan.status is not ContractStatus.TERMINATED,
                "created_at": created,
                "updated_at": at_paris(moved_on, 10) if moved_on else created,
            },
        )
        for row in sites:
            self.sink.add(models.Site.__table__, row)
        self._site_phones(client_id, sites, department)
        installs = self.software.install(
            client_id=client_id,
            site_id=sites[0]["id"],
            start=plan.start,
            since=plan.since,
            draft=draft,
            codes=installs_wanted,
            services=services,
        )
        contacts = self.people.contacts(
            self.sink,
            self.ids,
            client_id=client_id,
            kind=plan.kind,
            since=plan.since,
            settled=not draft,
            site_id=sites[0]["id"],
            domain=domain,
            department=department,
            end=end,
        )
        self.software.train(plan.start, contacts, installs)
        self._contract(plan, client_id, reference, services)
        return ClientProfile(
            id=client_id,
            name=plan.name,
            weight=0.0 if draft else ACTIVITY[plan.kind] * rng.lognormvariate(0, 0.6),
            first_day=None if draft else plan.start,
            last_day=plan.end_date - timedelta(days=1) if plan.end_date and plan.end_date <= end else None,
            suspended=plan.status is ContractStatus.SUSPENDED,
            sites=[(row["id"], row["valid_from"], row["valid_to"]) for row in sites],
            contacts=contacts,
            installs=installs,
            services=services,
        )

    def _services(self, plan: _Plan) -> dict[ServiceKind, tuple[date, date | None]]:
        """R-06: which services the contract bundles; the first clients show every kind between them."""
        rng, start, stop = self.rng, plan.start, plan.end_date
        wanted = {ServiceKind.ASSISTANCE: plan.index == 0 or rng.random() < 0.98}
        wanted[ServiceKind.BACKUP] = rng.random() < 0.28
        portal_share = 0.22 if plan.kind in (ClientKind.COMMUNE, ClientKind.EPCI) else 0.05
        wanted[ServiceKind.PORTAL_HOSTING] = rng.random() < portal_share
        wanted[ServiceKind.JET_CLOUDING] = rng.random() < 0.12
        kinds = tuple(ServiceKind)
        if plan.index == 0:  # the showcase client has every service
            wanted = dict.fromkeys(kinds, True)
        elif plan.index < len(kinds):
            wanted[kinds[plan.index]] = True
        services: dict[ServiceKind, tuple[date, date | None]] = {}
        for kind in kinds:
            if not wanted.get(kind):
                continue
            begin = start
            if kind is not ServiceKind.ASSISTANCE and rng.random() < 0.4:
                later = add_years(start, rng.randint(1, 3))
                begin = later if later <= self.end else start
            finish = stop
            if kind is ServiceKind.BACKUP and rng.random() < 0.06 and add_years(begin, 1) < self.end:
                finish = min(add_years(begin, 1), stop) if stop else add_years(begin, 1)
            services[kind] = (begin, finish)
        return services

    def _sites(
        self, plan: _Plan, client_id: uuid.UUID, commune: str, postal_code: str, department: str
    ) -> tuple[list[dict[str, object]], str, date | None]:
        """R-01: the current site, sometimes a former one closed by a move, sometimes a second one."""
        rng, end = self.rng, self.end
        label = data.SITE_LABELS[plan.kind]

        def address() -> str:
            return f"{rng.randint(1, 42)} {rng.choice(places.STREETS)}"

        def site(valid_from: date, street: str, name: str = label) -> dict[str, object]:
            stamp = at_paris(min(valid_from, end), 9, 30)
            return {
                "id": self.ids(), "client_id": client_id, "label": name, "address": street,
                "postal_code": postal_code, "city": commune, "valid_from": valid_from, "valid_to": None,
                "move_notified_on": None, "move_notice_channel": None, "replaced_by_id": None,
                "created_at": stamp, "updated_at": stamp,
            }  # fmt: skip

        town_hall = plan.kind is ClientKind.COMMUNE and rng.random() < 0.4
        main_address = "1 place de la Mairie" if town_hall else address()
        span = (end - plan.since).days
        moved_on = None
        if plan.status is not ContractStatus.DRAFT and span > 400 and rng.random() < 0.06:
            moved_on = plan.since + timedelta(days=rng.randint(180, span - 30))
        current = site(moved_on or plan.since, main_address)
        rows = [current]
        if moved_on:
            # The new site is written first: the old one points to it (replaced_by_id).
            old = site(plan.since, address())
            told = moved_on - timedelta(days=rng.randint(15, 90))
            if rng.random() < 0.15:  # told late, after the move (art. 3 asks for before)
                told = min(moved_on + timedelta(days=rng.randint(3, 40)), end)
            old.update(
                valid_to=moved_on,
                move_notified_on=told,
                move_notice_channel=rng.choices(NOTICE_CHANNELS, NOTICE_WEIGHTS)[0],
                replaced_by_id=current["id"],
                updated_at=at_paris(told, 11),
            )
            rows.append(old)
        if plan.kind in (ClientKind.COMMUNE, ClientKind.EPCI) and rng.random() < 0.08:
            works = f"{rng.randint(1, 30)} {rng.choice(places.WORKS_STREETS)}"
            rows.append(site(plan.since, works, "Services techniques"))
        return rows, str(current["address"]), moved_on

    def _site_phones(self, client_id: uuid.UUID, sites: list[dict[str, object]], department: str) -> None:
        for row in sites:
            labels = ["Standard"] if row["label"] != "Services techniques" else ["Accueil"]
            if row["valid_to"] is None and labels == ["Standard"] and self.rng.random() < 0.35:
                labels.append("Secrétariat")
            for label in labels:
                self.sink.add(
                    models.PhoneNumber.__table__,
                    {
                        "id": self.ids(),
                        "client_id": client_id,
                        "site_id": row["id"],
                        "contact_id": None,
                        "e164": self.people.landline(department),
                        "label": label,
                    },
                )

    def _contract(
        self,
        plan: _Plan,
        client_id: uuid.UUID,
        reference: str,
        services: dict[ServiceKind, tuple[date, date | None]],
    ) -> None:
        rng = self.rng
        draft = plan.status is ContractStatus.DRAFT
        signed_on = None if draft else plan.start - timedelta(days=rng.randint(15, 60))
        created = at_paris(signed_on or plan.since, 10, rng.randint(0, 59))
        contract_id = self.ids()
        notice_reference = None
        if plan.notice_on:
            digits = f"{rng.randint(0, 10**11 - 1):011d}"
            notice_reference = f"LRAR 1A {digits[:3]} {digits[3:6]} {digits[6:10]} {digits[10]}"
        self.sink.add(
            models.Contract.__table__,
            {
                "id": contract_id,
                "client_id": client_id,
                "reference": reference,
                "signed_on": signed_on,
                "start_date": plan.start,
                "commitment_months": 24,
                "status": plan.status,
                "notice_received_on": plan.notice_on,
                "notice_reference": notice_reference,
                "end_date": plan.end_date,
                "created_at": created,
                "updated_at": at_paris(plan.notice_on, 15) if plan.notice_on else created,
            },
        )
        for kind, (begin, finish) in services.items():
            self.sink.add(
                models.ContractService.__table__,
                {
                    "id": self.ids(),
                    "contract_id": contract_id,
                    "service": kind,
                    "start_date": begin,
                    "end_date": finish,
                    "quota_bytes": BACKUP_QUOTA_BYTES if kind is ServiceKind.BACKUP else None,
                },
            )
