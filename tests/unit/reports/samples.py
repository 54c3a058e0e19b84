"""Sample document data: a commune, an incident and a complete télémaintenance, with fixed dates."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from app.domain.onsite_intervention import OnSiteIntervention, Quote, SpecificOrder, Visit, VisitReport
from app.domain.telemaintenance import (
    ConfirmedPrecaution,
    Consent,
    ConsentVia,
    Information,
    Intervention,
    NotifiedVia,
    Precaution,
    PrecautionKind,
    Precautions,
    Report,
    ReturnToNormal,
    SentVia,
    Telemaintenance,
)
from app.reports.data import ClientInfo, IncidentInfo, Signature, SiteInfo, Vendor

HOSTILE = (
    'Facture <b>gras</b> </para> <img src="http://example.invalid/x.png"/> & Cie '
    "« déjà vu » — 😀 ∑ 東京 <font color=red>rouge</font> &amp; <link href='http://x'>lien</link>"
)

T0 = datetime(2026, 11, 26, 8, 40, tzinfo=UTC)  # Thursday 26 November 2026, 09:40 in Paris

VENDOR = Vendor()
CLIENT = ClientInfo(
    code="C54001",
    name="Mairie de Maxéville",
    address=("14 rue du 15 Septembre 1944", "54320 MAXÉVILLE"),
    hotline_id="HL540001",
)
SITE = SiteInfo("Hôtel de ville", ("14 rue du 15 Septembre 1944", "54320 MAXÉVILLE"))


def incident(**changes: object) -> IncidentInfo:
    values: dict[str, object] = {
        "number": "NCY-2600042-D",
        "title": "Écart de TVA sur les mandats de décembre",
        "description": "Le grand livre présente un écart de 12,30 € entre la balance et les mandats émis.",
        "status": "Diagnostiqué",
        "opened_at": T0,
        "channel": "téléphone",
        "origin": "SGBD",
        "product": "Finances",
        "peripheral": "",
        "caller": "Élodie Durand",
        "technician": "Julien Marchal",
        "priority": "2 — majeur",
    }
    values.update(changes)
    return IncidentInfo(**values)  # type: ignore[arg-type]


def telemaintenance(
    actions: str = "Reconstruction de l'index des mandats ; contrôle de la balance.",
) -> Telemaintenance:
    tm = Telemaintenance()
    tm = tm.record(
        Information(
            nature="Réindexation de la table des mandats",
            files=("MANDATS.DAT", "MANDATS.IDX"),
            risks="Indisponibilité du module Finances pendant l'opération.",
            delay_minutes=45,
            sent_via=SentVia.EMAIL,
            document_reference="INF-2026-0042",
        ),
        T0 + timedelta(minutes=10),
        "Julien Marchal",
    )
    tm = tm.record(
        Consent("Élodie Durand", True, ConsentVia.SIGNED_FORM, "ACP-2026-0042"),
        T0 + timedelta(minutes=40),
        "Julien Marchal",
    )
    tm = tm.record(
        Precautions(
            (
                ConfirmedPrecaution(Precaution(PrecautionKind.FULL_BACKUP), "Élodie Durand"),
                ConfirmedPrecaution(Precaution(PrecautionKind.STOP_OF_USE), "Élodie Durand"),
            )
        ),
        T0 + timedelta(minutes=55),
        "Julien Marchal",
    )
    start = T0 + timedelta(hours=1)
    tm = tm.record(
        Intervention(start, start + timedelta(minutes=50), actions, ("MANDATS.DAT", "MANDATS.IDX")),
        start + timedelta(minutes=55),
        "Julien Marchal",
    )
    tm = tm.record(
        ReturnToNormal(start + timedelta(minutes=58), NotifiedVia.PHONE), start + timedelta(hours=1), "Julien Marchal"
    )
    return tm


def with_report(tm: Telemaintenance) -> Telemaintenance:
    last = tm.steps[-1].at
    return tm.record(
        Report("CRI-2026-0042", last + timedelta(minutes=5)), last + timedelta(minutes=5), "Julien Marchal"
    )


def onsite() -> OnSiteIntervention:
    visit = OnSiteIntervention().with_quote(Quote("DEV-2026-118", Decimal("1234.50"), date(2026, 11, 2)))
    visit = visit.with_order(SpecificOrder("BC 2026/0457", date(2026, 11, 9)))
    visit = visit.schedule(Visit(datetime(2026, 11, 26, 13, 0, tzinfo=UTC), "Julien Marchal"))
    return visit.record_report(VisitReport(150, "CRI-2026-0043"))


def signature_png(width: int = 600, height: int = 200) -> bytes:
    """A small valid PNG: a dark diagonal stroke on white, made without any imaging library."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            on_stroke = abs(y - (x * height) // width) < 4 or abs(y - height // 2 - ((x % 80) - 40) // 3) < 3
            row += b"\x20\x30\x60" if on_stroke else b"\xff\xff\xff"
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(tag: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + tag + payload + struct.pack(">I", zlib.crc32(tag + payload))

    out = io.BytesIO()
    out.write(b"\x89PNG\r\n\x1a\n")
    out.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
    out.write(chunk(b"IDAT", raw))
    out.write(chunk(b"IEND", b""))
    return out.getvalue()


def signed(role: str, name: str, capacity: str = "", width: int = 600) -> Signature:
    return Signature(role, name, T0 + timedelta(hours=2, minutes=10), signature_png(width), capacity)
