"""The plain values every document is built from: who issues it, for whom, about which incident.

Builders take only these (and the pure domain objects of ``app.domain``), never a Session, so a document
is a function of its data: the same values give the same bytes, and any caller (CLI, GUI, the
télémaintenance service) can fill them from wherever it keeps its records.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from app.domain.vocabulary import DocumentKind

# Short codes printed in document ids: one per kind, stable (an id once printed must keep its meaning).
KIND_CODES = {
    DocumentKind.INTERVENTION_REPORT: "CRI",
    DocumentKind.CONSENT_FORM: "ACP",
    DocumentKind.PROGRESS_REPORT: "CRA",
    DocumentKind.INCIDENT_REGISTER: "REG",
}
ONSITE_ORDER_CODE = "DCS"  # devis et commande d'une intervention sur site

DEFAULT_VENDOR_NAME = "DEFI INFORMATIQUE"
DEFAULT_VENDOR_ADDRESS = "2 rue de l'Euron\n54320 MAXÉVILLE"
DEFAULT_VENDOR_PHONE = "03 83 90 10 00"


@dataclass(frozen=True)
class Vendor:
    """The letterhead: the vendor's name, postal address (one line each) and contact points."""

    name: str = DEFAULT_VENDOR_NAME
    address: tuple[str, ...] = tuple(DEFAULT_VENDOR_ADDRESS.splitlines())
    phone: str = DEFAULT_VENDOR_PHONE
    email: str = ""
    registration: str = ""  # SIRET or any legal mention printed under the address


@dataclass(frozen=True)
class ClientInfo:
    """The client block: the public body's name and postal address, and its codes."""

    code: str
    name: str
    address: tuple[str, ...] = ()
    hotline_id: str = ""


@dataclass(frozen=True)
class SiteInfo:
    """The *site d'installation* concerned (R-01)."""

    label: str
    address: tuple[str, ...] = ()


@dataclass(frozen=True)
class IncidentInfo:
    """One incident as documents show it (labels already in French)."""

    number: str
    title: str
    description: str
    status: str
    opened_at: datetime
    channel: str
    origin: str | None = None
    product: str | None = None
    peripheral: str = ""
    caller: str = ""
    technician: str = ""
    priority: str = ""
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    workaround: str | None = None
    resolution: str | None = None
    out_of_contract: bool = False
    exclusion: str | None = None


@dataclass(frozen=True)
class Signature:
    """One signatory. ``png`` is a captured signature (PNG bytes); None leaves a box for a wet signature."""

    role: str  # "Le technicien", "Pour le client"
    name: str = ""
    signed_at: datetime | None = None
    png: bytes | None = None
    capacity: str = ""  # the signer's job title, e.g. "Secrétaire de mairie"


@dataclass(frozen=True)
class Heading:
    """What every page of a document says about it: kind, title, id and issue date (from the data)."""

    kind: DocumentKind
    title: str
    document_id: str
    issued_at: datetime
    author: str = ""


def document_id(code: str, subject: str, *parts: object) -> str:
    """A stable, short id: the document's code, its subject (incident number or client code), a digest.

    The digest covers the values the document is made of, so the same data always gets the same id and
    two different documents about one incident get two ids.
    """
    digest = hashlib.sha256(repr((code, subject, *parts)).encode("utf-8")).hexdigest()[:8].upper()
    return f"{code}-{subject}-{digest}"
