"""The schema comes only from the migrations, on SQLite and PostgreSQL alike, and matches the models."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.db import migrate
from app.db.engine import make_engine, session_factory
from app.db.models import (
    CallLog,
    Client,
    Contact,
    Contract,
    ContractService,
    Document,
    Incident,
    IncidentEvent,
    Installation,
    PhoneNumber,
    Product,
    Release,
    Site,
    Technician,
    Training,
)
from app.domain.numbering import parse_number
from app.domain.vocabulary import (
    Channel,
    ClientKind,
    ContractStatus,
    DocumentKind,
    EventKind,
    IncidentStatus,
    Origin,
    Role,
    ServiceKind,
)
from app.services.numbering import allocate_number

OPENED = datetime(2026, 3, 12, 9, 15, tzinfo=UTC)


def _build_client_graph(session) -> Incident:
    client = Client(code="C54001", hotline_id="HL540001", name="Maxéville", kind=ClientKind.COMMUNE)
    site = Site(
        client=client,
        label="Mairie",
        address="12 rue du Général Leclerc",
        postal_code="54320",
        city="Maxéville",
        valid_from=date(2015, 1, 1),
    )
    session.add_all([client, site])
    session.flush()
    session.add(PhoneNumber(client_id=client.id, site_id=site.id, e164="+33383321010", label="Standard"))
    product = Product(code="FIN", name="Finances")
    release = Release(product=product, version="7.2", released_on=date(2025, 9, 1))
    tech = Technician(login="cmartin", full_name="Camille Martin", role=Role.TECHNICIAN)
    contact = Contact(client=client, last_name="Durand", first_name="Élodie", is_rtc=True)
    session.add_all([product, release, tech, contact])
    session.flush()
    session.add(Training(contact_id=contact.id, product_id=product.id, trained_on=date(2024, 5, 2)))
    session.add(
        Installation(
            client=client,
            product=product,
            release=release,
            licence_paid=True,
            os_name="Windows Server 2022",
            dbms_name="PostgreSQL 15",
            environment_validated=True,
        )
    )
    contract = Contract(
        client=client, reference="CT-2024-00001", start_date=date(2024, 1, 1), status=ContractStatus.ACTIVE
    )
    contract.services.append(ContractService(service=ServiceKind.ASSISTANCE, start_date=date(2024, 1, 1)))
    contract.services.append(
        ContractService(service=ServiceKind.BACKUP, start_date=date(2024, 1, 1), quota_bytes=2 * 1024**3)
    )
    session.add(contract)
    number = allocate_number(session, "NCY", OPENED)
    incident = Incident(
        number=str(number),
        station="NCY",
        client=client,
        contact=contact,
        caller_name=contact.full_name,
        product=product,
        title="Édition des mandats bloquée",
        channel=Channel.PHONE,
        origin=Origin.FEATURE,
        status=IncidentStatus.NEW,
        opened_at=OPENED.astimezone(timezone(timedelta(hours=1))),
        created_by=tech,
    )
    session.add(incident)
    session.flush()
    session.add(IncidentEvent(incident_id=incident.id, seq=1, kind=EventKind.CREATED, author_id=tech.id))
    session.add(
        CallLog(
            client_id=client.id,
            incident_id=incident.id,
            service=ServiceKind.ASSISTANCE,
            station="NCY",
            started_at=OPENED,
            ended_at=OPENED + timedelta(minutes=7),
        )
    )
    session.add(
        Document(
            kind=DocumentKind.PROGRESS_REPORT,
            title="Compte rendu",
            incident_id=incident.id,
            filename="cr.pdf",
            content=b"%PDF-1.4",
            sha256="0" * 64,
            size_bytes=8,
        )
    )
    return incident


def _round_trip(engine: Engine) -> None:
    sessions = session_factory(engine)
    with sessions.begin() as session:
        _build_client_graph(session)
    with sessions() as session:
        incident = session.execute(select(Incident)).scalar_one()
        assert incident.number == str(parse_number(incident.number)) and incident.number.startswith("NCY-26")
        assert incident.opened_at == OPENED and incident.opened_at.tzinfo is not None
        assert incident.client.name == "Maxéville" and incident.client.search_name == "maxeville"
        assert incident.contact.search_name == "elodie durand"
        assert incident.status is IncidentStatus.NEW and incident.origin is Origin.FEATURE
        assert [e.kind for e in incident.events] == [EventKind.CREATED]
        contract = session.execute(select(Contract)).scalar_one()
        assert {s.service for s in contract.services} == {ServiceKind.ASSISTANCE, ServiceKind.BACKUP}
        assert max(s.quota_bytes or 0 for s in contract.services) == 2 * 1024**3
        call = session.execute(select(CallLog)).scalar_one()
        assert call.duration_seconds == 7 * 60


def _history_is_append_only(engine: Engine) -> None:
    """R-14: the database itself refuses to rewrite or remove history."""
    with engine.connect() as conn:
        for statement in ("UPDATE incident_events SET text = 'changed'", "DELETE FROM incident_events"):
            with pytest.raises(DBAPIError, match="append-only"):
                conn.execute(text(statement))
            conn.rollback()


def test_fresh_sqlite_migrates_to_head_without_drift(engine: Engine) -> None:
    assert migrate.schema_state(engine).at_head
    assert migrate.drift(engine) == []


def test_sqlite_connections_use_wal_full_sync_and_foreign_keys(engine: Engine) -> None:
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_models_round_trip_on_sqlite(engine: Engine) -> None:
    _round_trip(engine)


def test_history_is_append_only_on_sqlite(engine: Engine) -> None:
    _round_trip(engine)
    _history_is_append_only(engine)


def test_incident_numbers_are_unique_by_constraint(engine: Engine) -> None:
    """R-10: even a bug that reuses a number cannot store it twice."""
    sessions = session_factory(engine)
    with sessions.begin() as session:
        incident = _build_client_graph(session)
        number, client_id = incident.number, incident.client_id
    with pytest.raises(IntegrityError), sessions.begin() as session:
        session.add(
            Incident(
                number=number,
                station="NCY",
                client_id=client_id,
                title="Doublon",
                channel=Channel.PHONE,
                status=IncidentStatus.NEW,
                opened_at=OPENED,
            )
        )


def test_numbers_follow_each_other_and_restart_each_year(engine: Engine) -> None:
    sessions = session_factory(engine)
    with sessions.begin() as session:
        first = allocate_number(session, "ncy", OPENED)
        second = allocate_number(session, "NCY", OPENED)
        other_station = allocate_number(session, "MXV", OPENED)
        # 31 December 23:30 UTC is already 1 January in Paris.
        next_year = allocate_number(session, "NCY", datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    assert (first.sequence, second.sequence, other_station.sequence) == (1, 2, 1)
    assert (next_year.year, next_year.sequence) == (27, 1)


def test_naive_datetimes_are_refused(engine: Engine) -> None:
    sessions = session_factory(engine)
    with pytest.raises(Exception, match="naive"), sessions.begin() as session:
        client = Client(code="C1", hotline_id="H1", name="X", kind=ClientKind.CCAS)
        session.add(client)
        session.flush()
        session.add(
            Incident(
                number="X",
                station="NCY",
                client_id=client.id,
                title="t",
                channel=Channel.PHONE,
                status=IncidentStatus.NEW,
                opened_at=datetime(2026, 1, 1, 9, 0),
            )
        )


def test_drift_is_reported(engine: Engine) -> None:
    """`hotline db check` must catch a schema that no longer matches the models."""
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_clients_search_name")
        conn.exec_driver_sql("CREATE TABLE stray (id INTEGER PRIMARY KEY)")
    differences = [d[0] for d in migrate.drift(engine)]
    assert "add_index" in differences and "remove_table" in differences


def test_upgrade_of_an_old_sqlite_file_keeps_a_backup(sqlite_url: str, tmp_path) -> None:
    from app.db.engine import make_engine

    engine = make_engine(sqlite_url)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:  # pretend the file was written by an older version
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0000'")
    assert migrate._backup_sqlite(engine, "0000") is not None
    assert list(tmp_path.glob("test.sqlite3.0000.*.bak"))
    engine.dispose()


def test_app_refuses_a_database_that_is_behind(sqlite_url: str) -> None:
    from app.db.engine import make_engine

    engine = make_engine(sqlite_url)
    with pytest.raises(migrate.SchemaBehindError, match="hotline db upgrade"):
        migrate.require_head(engine)
    engine.dispose()


@pytest.mark.pg
def test_postgresql_migrates_without_drift_and_round_trips(pg_engine: Engine) -> None:
    migrate.upgrade(pg_engine)
    assert migrate.schema_state(pg_engine).at_head
    assert migrate.drift(pg_engine) == []
    _round_trip(pg_engine)
    _history_is_append_only(pg_engine)


CLIENT_HEX = "a" * 32


def test_a_populated_database_upgrades_without_losing_rows(sqlite_url: str) -> None:
    """Batch migrations rebuild SQLite tables: children must survive (no cascade on the copy)."""
    from app.db.engine import make_engine

    engine = make_engine(sqlite_url)
    migrate.upgrade(engine, "0003")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO clients (id, code, hotline_id, name, search_name, kind, address, postal_code, city, "
            "notes, active, created_at, updated_at) VALUES (:client, 'C1', 'HL1', 'Épinal', 'epinal', 'commune', "
            "'', '88000', 'Épinal', '', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            {"client": CLIENT_HEX},
        )
        conn.exec_driver_sql(
            "INSERT INTO sites (id, client_id, label, address, postal_code, city, valid_from, created_at, "
            "updated_at) VALUES (:site, :client, 'Mairie', '', '88000', 'Épinal', '2020-01-01', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            {"site": "b" * 32, "client": CLIENT_HEX},
        )
    backup = migrate.upgrade(engine)
    assert backup is not None and backup.exists()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT search_city FROM clients").scalar() == "epinal"
        assert conn.exec_driver_sql("SELECT count(*) FROM sites").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert migrate.drift(engine) == []
    engine.dispose()


def test_sqlite_ddl_is_transactional(engine: Engine) -> None:
    """A failed migration step leaves nothing behind (the driver would otherwise commit DDL at once)."""
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("step failed")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").scalar() == 0


def test_the_recorded_head_is_the_newest_migration() -> None:
    """Starting the app compares with SCHEMA_HEAD instead of loading Alembic: keep them equal."""
    assert migrate.scripts_head() == migrate.SCHEMA_HEAD


def test_a_disposed_engine_is_freed_once_the_statement_caches_are_emptied(tmp_path: Path) -> None:
    """What the suite relies on to stay small (tests/conftest.py): after ORM writes, disposing the engine
    and emptying the caches leaves nothing holding its dialect."""
    import gc
    import weakref

    from tests.conftest import release_disposed_engines

    eng = make_engine(f"sqlite+pysqlite:///{tmp_path / 'freed.sqlite3'}")
    migrate.upgrade(eng)
    with session_factory(eng).begin() as session:
        session.add(Client(code="C00001", hotline_id="HL000001", name="Commune de Test", kind=ClientKind.COMMUNE))
    dialect = weakref.ref(eng.dialect)
    eng.dispose()
    del eng, session
    release_disposed_engines()
    gc.collect()
    assert dialect() is None
