"""Deterministic demo data: a realistic French hotline database from a seed.

``seed_demo`` fills an empty, migrated database with the vendor's staff and catalogue, public bodies
(communes, CCAS, syndicats, EPCI) with their sites, contacts, RTC, trainings, contracts and software, and
two years (or ``years``) of incidents with their histories and phone calls.

Same seed and arguments, same rows, byte for byte: every random choice comes from streams seeded from
the seed (``random.Random`` seeded with a string hashes it with SHA-512, not with ``hash()``), every
UUID is drawn from such a stream, and every date is placed relative to ``end`` rather than to today.
Rows are inserted with executemany in batches, in one transaction: a failure leaves the base empty. The
full-text index of incidents is rebuilt in that transaction too. On SQLite the load is tuned for size
(a million incidents in minutes): rows go straight to the driver, plain indexes are built after the
rows, the page cache is enlarged and the write-ahead log is left for the load (see the helpers below).
"""

from __future__ import annotations

import calendar
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session

from app.db import models
from app.domain.numbering import ALPHABET, normalize_station
from app.domain.opening_hours import PARIS
from app.services import demo_data as data
from app.services.demo_catalogue import PRODUCTS, ProductSpec, ReleaseSpec
from app.services.demo_clients import ClientSeeder
from app.services.demo_incidents import IncidentSeeder
from app.services.demo_rota import seed_rota
from app.services.demo_rows import TABLE_ORDER, IdMaker, ProductRef, RowSink, StaffRef
from app.services.demo_timeline import add_months, at_paris
from app.services.incident_search import rebuild_search_index

log = logging.getLogger(__name__)

DEFAULT_END = date(2026, 11, 27)


def recent_end() -> date:
    """Yesterday in Paris: what the demo a person opens ends on, so that nothing is dated in the future
    (tests and benchmarks keep the fixed ``DEFAULT_END`` so their data never changes)."""
    return datetime.now(PARIS).date() - timedelta(days=1)
MAX_CLIENTS = 100_000
MAX_INCIDENTS = 2_000_000
DEFAULT_YEARS = 2
MAX_YEARS = 10
MAX_CONTACTS_PER_CLIENT = 20
# A station numbers at most 99,999 incidents a year: big demos give technicians more stations.
INCIDENTS_PER_EXTRA_STATION = 200_000


class SeedError(ValueError):
    """The demo data cannot be loaded here or with these arguments; the message says why, in French."""


@dataclass(frozen=True)
class SeedSummary:
    """How many rows of each kind the seeder wrote."""

    clients: int
    sites: int
    contacts: int
    phone_numbers: int
    trainings: int
    products: int
    releases: int
    installations: int
    contracts: int
    contract_services: int
    technicians: int
    incidents: int
    events: int
    calls: int
    number_sequences: int


def _check_arguments(
    seed: int, clients: int, incidents: int, end: date, years: int = DEFAULT_YEARS, contacts: int | None = None
) -> None:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise SeedError(f"La graine doit être un nombre entier (reçu : {seed!r}).")
    if isinstance(clients, bool) or not isinstance(clients, int) or not 1 <= clients <= MAX_CLIENTS:
        raise SeedError(f"Le nombre de clients doit être compris entre 1 et 100 000 (reçu : {clients!r}).")
    if isinstance(incidents, bool) or not isinstance(incidents, int) or not 0 <= incidents <= MAX_INCIDENTS:
        raise SeedError(f"Le nombre d'incidents doit être compris entre 0 et 2 000 000 (reçu : {incidents!r}).")
    # A datetime is a date too, but it would bring a time of day in: refuse it rather than guess.
    if isinstance(end, datetime) or not isinstance(end, date) or not 2000 <= end.year <= 2090:
        raise SeedError(f"La date de fin doit être une date entre 2000 et 2090, sans heure (reçu : {end!r}).")
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        raise SeedError(f"Le nombre d'années doit être compris entre 1 et {MAX_YEARS} (reçu : {years!r}).")
    if contacts is not None and (
        isinstance(contacts, bool)
        or not isinstance(contacts, int)
        or not clients <= contacts <= MAX_CONTACTS_PER_CLIENT * clients
    ):
        raise SeedError(
            "Le nombre de contacts doit être compris entre le nombre de clients et "
            f"{MAX_CONTACTS_PER_CLIENT} fois celui-ci (reçu : {contacts!r})."
        )


def seed_demo(
    engine: Engine,
    *,
    seed: int = 7,
    clients: int = 300,
    incidents: int = 5000,
    end: date = DEFAULT_END,
    years: int = DEFAULT_YEARS,
    contacts: int | None = None,
) -> SeedSummary:
    """Fill an empty, migrated database with reproducible demo data ending on ``end``.

    Incidents open over the ``years`` years before ``end``. ``contacts`` asks for about that many
    contacts in all (each client's usual two to six are scaled); by default each client has its usual
    number. Raises SeedError when an argument is out of range or when the database already holds clients
    (the demo never mixes with real data); nothing is written then, nor after any other failure.
    """
    _check_arguments(seed, clients, incidents, end, years, contacts)

    def stream(name: str) -> random.Random:
        return random.Random(f"hotline-demo:{seed}:{name}")

    started = time.perf_counter()
    with engine.connect() as connection:
        journal = _RollbackJournal(connection) if connection.dialect.name == "sqlite" else None
        if journal:
            journal.enter()
        try:
            with connection.begin():
                sink = _load(connection, stream, clients, incidents, end, years, contacts, started)
        finally:
            if journal:
                journal.leave()
    log.info("demo seed: committed at %.1f s", time.perf_counter() - started)
    counts = sink.counts
    return SeedSummary(
        clients=counts["clients"],
        sites=counts["sites"],
        contacts=counts["contacts"],
        phone_numbers=counts["phone_numbers"],
        trainings=counts["trainings"],
        products=counts["products"],
        releases=counts["releases"],
        installations=counts["installations"],
        contracts=counts["contracts"],
        contract_services=counts["contract_services"],
        technicians=counts["technicians"],
        incidents=counts["incidents"],
        events=counts["incident_events"],
        calls=counts["call_logs"],
        number_sequences=counts["number_sequences"],
    )


def _load(
    connection: Connection,
    stream: Callable[[str], random.Random],
    clients: int,
    incidents: int,
    end: date,
    years: int,
    contacts: int | None,
    started: float,
) -> RowSink:
    """Everything ``seed_demo`` writes, in the caller's transaction; returns the sink and its counts."""
    existing = connection.execute(select(func.count()).select_from(models.Client.__table__)).scalar_one()
    if existing:
        raise SeedError(
            f"La base contient déjà {existing} client(s) : les données de démonstration ne se chargent "
            "que dans une base vide. Choisissez une autre base (« hotline --db FICHIER demo seed »)."
        )
    bulk = _SqliteBulkLoad(connection) if connection.dialect.name == "sqlite" else None
    try:
        if bulk:
            bulk.start()
        sink = RowSink(connection)
        ids = IdMaker(stream("ids"))
        staff = _seed_staff(sink, ids, stream("staff"), end, incidents)
        products = _seed_catalogue(sink, ids, end)
        profiles = ClientSeeder(sink, ids, stream("clients"), end, products, staff).seed(clients, contacts, years)
        IncidentSeeder(sink, ids, stream("incidents"), end, profiles, staff, products, years).seed(incidents)
        sink.flush()
        seed_rota(connection, staff, {t[0]: t[1] for t in data.TECHNICIANS}, end, stream("rota"))
        log.info("demo seed: rows generated and inserted in %.1f s", time.perf_counter() - started)
        if bulk:
            bulk.build_indexes()
            log.info("demo seed: indexes built at %.1f s", time.perf_counter() - started)
        # Bulk inserts bypass the incident service that keeps the full-text index up to date: index
        # everything now, in the same transaction, so the demo is searchable from the first start.
        with Session(bind=connection) as session:
            rebuild_search_index(session)
        log.info("demo seed: full-text index built at %.1f s", time.perf_counter() - started)
    finally:
        if bulk:
            bulk.restore()
    return sink


# Page cache for the load, in KiB (SQLite's negative form): random UUID keys touch index pages all over
# the file, and with the default 2 MB cache most inserts read and spill pages. Restored afterwards.
BULK_CACHE_KIB = 3_000_000


class _RollbackJournal:
    """A new SQLite database loaded in one transaction does not need the write-ahead log: in WAL mode
    every page is written twice (to the log, then copied into the file at the checkpoint). The load
    runs with a rollback journal instead, which for an empty base holds next to nothing, and WAL is
    set back afterwards. The mode can only change outside a transaction and when no other connection
    uses the log; when SQLite refuses, the load simply runs in WAL."""

    def __init__(self, connection: Connection) -> None:
        self._driver = connection.connection.driver_connection
        self._previous: str | None = None

    def enter(self) -> None:
        mode = self._driver.execute("PRAGMA journal_mode").fetchone()[0]  # type: ignore[union-attr]
        if mode == "wal":
            changed = self._driver.execute("PRAGMA journal_mode=DELETE").fetchone()[0]  # type: ignore[union-attr]
            if changed != "wal":
                self._previous = mode

    def leave(self) -> None:
        if self._previous is not None:
            self._driver.execute(f"PRAGMA journal_mode={self._previous}")  # type: ignore[union-attr]


class _SqliteBulkLoad:
    """SQLite settings and index work around a bulk load, inside the caller's transaction.

    The plain (non-unique) indexes of the tables the seeder fills are dropped before loading and
    created again from their own stored SQL after it: one sort per index instead of millions of
    random B-tree insertions. Unique indexes stay (they are constraints); DDL is transactional in
    SQLite, so a failure leaves every index in place.

    CHECK constraints are not evaluated during the load: every one on these tables is an enum's list
    of values, which SQLite rebuilds for each row of an executemany (more than half of the insert
    time), and the rows' enum values are already checked against those same lists when they are
    converted (``RowSink``; SQLAlchemy's Enum validates them on the other path).
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._indexes: list[tuple[str, str]] = []
        self._cache_size: int | None = None
        self._ignore_checks: int | None = None

    def start(self) -> None:
        conn = self._connection
        self._cache_size = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
        conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        self._ignore_checks = conn.exec_driver_sql("PRAGMA ignore_check_constraints").scalar_one()
        conn.exec_driver_sql("PRAGMA ignore_check_constraints=ON")
        tables = [table.name for table in TABLE_ORDER]
        placeholders = ", ".join("?" for _ in tables)
        self._indexes = [
            (name, sql)
            for name, sql in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({placeholders}) ORDER BY name",
                tuple(tables),
            )
        ]
        for name, _sql in self._indexes:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')

    def build_indexes(self) -> None:
        for _name, sql in self._indexes:
            self._connection.exec_driver_sql(sql)

    def restore(self) -> None:
        """Back to the connection's own cache size, whatever happened (through the driver, which works
        even while the failed transaction waits to be rolled back)."""
        driver = self._connection.connection.driver_connection
        if self._cache_size is not None:
            driver.execute(f"PRAGMA cache_size={int(self._cache_size)}")  # type: ignore[union-attr]
        if self._ignore_checks is not None:
            driver.execute(f"PRAGMA ignore_check_constraints={int(self._ignore_checks)}")  # type: ignore[union-attr]


def _seed_staff(sink: RowSink, ids: IdMaker, rng: random.Random, end: date, incidents: int) -> list[StaffRef]:
    extra = incidents // INCIDENTS_PER_EXTRA_STATION
    staff = []
    for full_name, login, role, station, products in data.TECHNICIANS:
        # Extra stations (NCY2, NCY3…) only for load tests beyond what one station can number.
        stations = (station, *(normalize_station(station + ALPHABET[2 + k]) for k in range(extra)))
        member = StaffRef(ids(), full_name, role, stations, products)
        hired = at_paris(end - timedelta(days=rng.randint(800, 4000)), 9, rng.randint(0, 59))
        sink.add(
            models.Technician.__table__,
            {
                "id": member.id,
                "login": login,
                "full_name": full_name,
                "email": f"{login}@{data.STAFF_EMAIL_DOMAIN}",
                "role": role,
                "active": True,
                "created_at": hired,
                "updated_at": hired,
            },
        )
        staff.append(member)
    return staff


def _release_date(end: date, spec: ReleaseSpec) -> date:
    month = add_months(end.replace(day=1), -spec.months_before_end)
    return month.replace(day=min(spec.day, calendar.monthrange(month.year, month.month)[1]))


def _sheet(product: ProductSpec, spec: ReleaseSpec, released_on: date) -> str:
    """The descriptive sheet that comes with a new version (R-20)."""
    lines = [
        f"{product.name} {spec.version} — fiche descriptive",
        f"Diffusée le {released_on:%d/%m/%Y}.",
        "",
        "Nouveautés :",
        *(f"- {note}" for note in spec.notes),
        "",
    ]
    if spec.substantial:
        lines.append(
            "Cette version modifie substantiellement les conditions d'exploitation (matériel ou système) : "
            "vous disposez de trois mois avant de l'installer ; la version précédente reste maintenue "
            "pendant ce délai."
        )
    else:
        lines.append("Cette version est à appliquer dans un délai de six mois à compter de sa diffusion.")
    return "\n".join(lines)


def _seed_catalogue(sink: RowSink, ids: IdMaker, end: date) -> dict[str, ProductRef]:
    products = {}
    for spec in PRODUCTS:
        product_id = ids()
        dated = [(release, _release_date(end, release)) for release in spec.releases]
        sink.add(
            models.Product.__table__,
            {
                "id": product_id,
                "code": spec.code,
                "name": spec.name,
                "description": spec.description,
                "active": True,
                "created_at": at_paris(dated[0][1], 9),
                "updated_at": at_paris(dated[-1][1], 9),
            },
        )
        releases = []
        for release, released_on in dated:
            release_id = ids()
            sink.add(
                models.Release.__table__,
                {
                    "id": release_id,
                    "product_id": product_id,
                    "version": release.version,
                    "released_on": released_on,
                    "substantial_change": release.substantial,
                    "sheet": _sheet(spec, release, released_on),
                },
            )
            releases.append((release_id, released_on))
        products[spec.code] = ProductRef(spec.code, product_id, spec.dbms, tuple(releases))
    return products
