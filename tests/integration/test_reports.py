"""Documents from the database: loaders read incidents and history, the registry keeps each issued PDF
with its SHA-256 and an audit entry, and a copy with one changed byte is not recognised (R-13, R-30)."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.db import migrate
from app.db.engine import session_factory
from app.db.models import AppSetting, AuditEntry, Document
from app.domain.vocabulary import DocumentKind, Origin
from app.reports import loaders
from app.reports.progress import build_progress_report
from app.reports.register import build_incident_register
from app.services import audit, documents
from app.services import incidents as svc
from tests.integration.incident_fixtures import OPEN_HOUR, build_world


def text_of(pdf: bytes) -> str:
    raw = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", raw.replace("\u00a0", " "))


def _populate(sessions) -> tuple[svc.Actor, list[str]]:
    with sessions.begin() as session:
        build_world(session)
        actor = svc.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
    numbers = []
    for offset, title in enumerate(["Édition des mandats bloquée", "Écart de TVA <b>décembre</b> & co"]):
        with sessions.begin() as session:
            created = svc.create_incident(
                session,
                actor,
                client_code="C54001",
                caller_name="Élodie Durand",
                product_code="FIN",
                title=title,
                opened_at=OPEN_HOUR + timedelta(days=offset),
            )
            numbers.append(created.number)
    with sessions.begin() as session:
        svc.diagnose(session, actor, numbers[0], Origin.DBMS, 45)
        svc.resolve(session, actor, numbers[0], "Index reconstruit, mandats réédités.")
    return actor, numbers


@pytest.fixture
def populated(sessions):
    return _populate(sessions)


def test_progress_report_from_the_database_reads_the_history_in_french(sessions, populated) -> None:
    _, numbers = populated
    with sessions() as session:
        data = loaders.progress_report_data(session, numbers[0].lower())
    pdf = build_progress_report(data)
    text = text_of(pdf)
    assert data.issued_at == data.history[-1].at  # the state described is the last history line
    for expected in (
        numbers[0],
        "Maxéville",
        "Élodie Durand",
        "Finances",
        "Index reconstruit, mandats réédités.",
        "SGBD",
    ):
        assert expected in text, expected
    assert "Camille Martin" in text
    with sessions() as session:
        assert build_progress_report(loaders.progress_report_data(session, numbers[0])) == pdf


def test_register_covers_the_period_in_paris_days(sessions, populated) -> None:
    _, numbers = populated
    with sessions() as session:
        everything = loaders.register_data(session, "c54001")
        first_day = loaders.register_data(session, "C54001", date(2026, 3, 12), date(2026, 3, 12))
        none = loaders.register_data(session, "C54001", date(2025, 1, 1), date(2025, 12, 31))
    assert [r.number for r in everything.rows] == numbers
    assert [r.number for r in first_day.rows] == numbers[:1]
    assert none.rows == ()
    text = text_of(build_incident_register(everything))
    assert "<b>décembre</b> & co" in text and "Résolu" in text
    with sessions() as session, pytest.raises(loaders.ReportDataError, match="Aucun client"):
        loaders.register_data(session, "C99999")


def test_letterhead_comes_from_the_shared_settings(sessions) -> None:
    with sessions.begin() as session:
        assert loaders.load_vendor(session).name == "DEFI INFORMATIQUE"
        session.add(AppSetting(key="vendor.name", value="DEFI INFORMATIQUE — Agence Est"))
        session.add(AppSetting(key="vendor.address", value="1 rue A\n57000 METZ"))
    with sessions() as session:
        vendor = loaders.load_vendor(session)
    assert vendor.name == "DEFI INFORMATIQUE — Agence Est" and vendor.address == ("1 rue A", "57000 METZ")


def test_issuing_records_digest_and_audit_and_verify_refuses_a_changed_byte(sessions, populated) -> None:
    """R-13/R-30: the registry knows the exact bytes; one byte changed and the copy is unknown."""
    actor, numbers = populated
    with sessions.begin() as session:
        data = loaders.progress_report_data(session, numbers[0])
        pdf = build_progress_report(data)
        incident = svc.find_incident(session, numbers[0])
        document = documents.issue_document(
            session, DocumentKind.PROGRESS_REPORT, pdf, incident.id, None, actor, "Compte rendu", "cr.pdf"
        )
        again = documents.issue_document(
            session, DocumentKind.PROGRESS_REPORT, pdf, incident.id, None, actor, "Compte rendu", "cr.pdf"
        )
        assert again.id == document.id
    with sessions() as session:
        stored = session.execute(select(Document)).scalars().all()
        assert len(stored) == 1 and stored[0].sha256 == documents.sha256_of(pdf) and stored[0].content == pdf
        assert stored[0].client_id == incident.client_id
        entry = session.execute(select(AuditEntry).where(AuditEntry.kind == "document_issued")).scalar_one()
        assert entry.subject == numbers[0] and documents.sha256_of(pdf) in entry.payload
        assert audit.verify_chain(session).ok
        found = documents.find_issued(session, pdf)
        assert found is not None and found.incident_number == numbers[0] and found.author == "Camille Martin"
        assert found.document_id is not None and found.document_id.startswith(f"CRA-{numbers[0]}-")
        altered = bytearray(pdf)
        altered[len(altered) // 2] ^= 0x01
        assert documents.find_issued(session, bytes(altered)) is None


def test_only_a_pdf_can_be_issued(sessions, populated) -> None:
    actor, _ = populated
    with sessions.begin() as session, pytest.raises(documents.DocumentRegistryError):
        documents.issue_document(session, DocumentKind.OTHER, b"hello", None, None, actor, "x", "x.txt")


@pytest.mark.pg
def test_loaders_and_registry_on_postgresql(pg_engine) -> None:
    migrate.upgrade(pg_engine)
    sessions = session_factory(pg_engine)
    actor, numbers = _populate(sessions)
    with sessions.begin() as session:
        pdf = build_incident_register(loaders.register_data(session, "C54001"))
        client = loaders.find_client(session, "C54001")
        documents.issue_document(
            session, DocumentKind.INCIDENT_REGISTER, pdf, None, client.id, actor, "Registre", "r.pdf"
        )
    with sessions() as session:
        found = documents.find_issued(session, pdf)
        assert found is not None and found.client_code == "C54001"
        assert numbers[1] in text_of(pdf)
        assert audit.verify_chain(session).ok
