"""Issued documents (R-13, R-30): the registry with each PDF's SHA-256, and checking a file against it.

Issuing stores the exact bytes handed to the client together with their digest, and appends a
``document_issued`` entry to the hash-chained audit log, in the caller's transaction. Verifying reads a
file, hashes it and looks the digest up: one changed byte gives another digest, so an altered copy is
reported as unknown.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Client, Document, Incident, Technician
from app.domain.vocabulary import DocumentKind
from app.services import audit, outbox
from app.services.incidents import Actor

AUDIT_KIND = "document_issued"
PORTAL_KINDS = frozenset({DocumentKind.INTERVENTION_REPORT, DocumentKind.CONSENT_FORM, DocumentKind.PROGRESS_REPORT})
# reportlab writes the document id (ASCII) as the PDF's /Subject; enough to name what a file claims to be.
_SUBJECT = re.compile(rb"/Subject \(([A-Z0-9-]{6,60})\)")


class DocumentRegistryError(ValueError):
    """A document that cannot be issued or checked; the message is French."""


@dataclass(frozen=True)
class IssuedDocument:
    """A registry entry as ``report verify`` shows it."""

    id: uuid.UUID
    kind: DocumentKind
    title: str
    document_id: str | None
    incident_number: str | None
    client_code: str | None
    issued_at: datetime
    author: str | None
    sha256: str
    size_bytes: int


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def claimed_document_id(content: bytes) -> str | None:
    """The document id a PDF of ours carries in its metadata (None for any other file)."""
    found = _SUBJECT.search(content)
    return found.group(1).decode("ascii") if found else None


def issue_document(
    session: Session,
    kind: DocumentKind,
    pdf_bytes: bytes,
    incident_id: uuid.UUID | None,
    client_id: uuid.UUID | None,
    author: Actor,
    title: str,
    filename: str,
) -> Document:
    """Record an issued PDF (bytes and SHA-256) and audit it; the caller commits.

    The same bytes issued twice are one document: the existing entry is returned and nothing is added,
    so printing a report again does not fill the registry with copies.
    """
    if not pdf_bytes.startswith(b"%PDF-"):
        raise DocumentRegistryError("Seul un document PDF peut être enregistré comme document émis.")
    digest = sha256_of(pdf_bytes)
    existing = session.execute(select(Document).where(Document.sha256 == digest)).scalars().first()
    if existing is not None:
        return existing
    incident = session.get(Incident, incident_id) if incident_id else None
    if incident_id and incident is None:
        raise DocumentRegistryError("Incident inconnu : le document ne peut pas lui être rattaché.")
    if client_id is None and incident is not None:
        client_id = incident.client_id
    client = session.get(Client, client_id) if client_id else None
    if client_id and client is None:
        raise DocumentRegistryError("Client inconnu : le document ne peut pas lui être rattaché.")
    document = Document(
        kind=kind,
        title=title.strip()[:200] or kind.label,
        incident_id=incident_id,
        client_id=client_id,
        filename=filename.strip()[:200] or "document.pdf",
        media_type="application/pdf",
        content=pdf_bytes,
        sha256=digest,
        size_bytes=len(pdf_bytes),
        created_by_id=author.technician_id,
    )
    session.add(document)
    session.flush()
    subject = incident.number if incident is not None else (client.code if client is not None else digest[:12])
    audit.append(
        session,
        kind=AUDIT_KIND,
        subject=subject,
        payload={
            "document": str(document.id),
            "document_id": claimed_document_id(pdf_bytes),
            "kind": kind.value,
            "title": document.title,
            "filename": document.filename,
            "sha256": digest,
            "size_bytes": len(pdf_bytes),
            "incident": incident.number if incident is not None else None,
            "client": client.code if client is not None else None,
        },
        actor=author.name,
        station=author.station,
        at=document.created_at,
    )
    if kind in PORTAL_KINDS and incident is not None:
        # The client sees its reports on the portal (docs/sync.md): uploaded by digest.
        outbox.document_issued(session, document.id, incident.id)
    return document


def find_issued(session: Session, content: bytes) -> IssuedDocument | None:
    """The registry entry whose digest is this content's, or None (unknown or altered)."""
    digest = sha256_of(content)
    row = session.execute(
        select(Document, Incident.number, Client.code, Technician.full_name)
        .outerjoin(Incident, Incident.id == Document.incident_id)
        .outerjoin(Client, Client.id == Document.client_id)
        .outerjoin(Technician, Technician.id == Document.created_by_id)
        .where(Document.sha256 == digest)
        .order_by(Document.created_at)
    ).first()
    if row is None:
        return None
    document, number, code, author = row
    return IssuedDocument(
        id=document.id,
        kind=document.kind,
        title=document.title,
        document_id=claimed_document_id(content),
        incident_number=number,
        client_code=code,
        issued_at=document.created_at,
        author=author,
        sha256=digest,
        size_bytes=document.size_bytes,
    )
