"""The quote and order summary of an on-site intervention (R-19, art. 4.4): billable, quoted, ordered.

Amounts excluding tax come from the quote; VAT and the total including tax follow R-28 (20 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.domain.onsite_intervention import OnSiteIntervention
from app.domain.vocabulary import DocumentKind
from app.reports import style
from app.reports.data import (
    ONSITE_ORDER_CODE,
    ClientInfo,
    Heading,
    IncidentInfo,
    Signature,
    SiteInfo,
    Vendor,
    document_id,
)
from app.reports.formats import DASH, amount, day, day_time, duration, safe
from app.reports.style import DocumentError, facts, para, section

TITLE = "Intervention sur site : devis et commande"
VAT_RATE = Decimal("0.20")


@dataclass(frozen=True)
class OnSiteOrderData:
    vendor: Vendor
    client: ClientInfo
    incident: IncidentInfo
    issued_at: datetime
    onsite: OnSiteIntervention
    designation: str = "Intervention sur site d'un technicien"
    site: SiteInfo | None = None
    client_signature: Signature | None = None
    vat_rate: Decimal = VAT_RATE


def _money_table(designation: str, excl: Decimal, rate: Decimal, width: float) -> Table:
    vat = (excl * rate).quantize(Decimal("0.01"))
    percent = f"{(rate * 100).normalize():f}".replace(".", ",")
    rows = [
        [para("Désignation", "head"), para("Montant", "head")],
        [para(safe(designation), "value"), amount(excl)],
        [para("Total HT", "label"), amount(excl)],
        [para(safe(f"TVA {percent}\u00a0%"), "label"), amount(vat)],
        [para("<b>Total TTC</b>", "value"), amount(excl + vat)],
    ]
    table = Table(rows, colWidths=[width - 40 * mm, 40 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (1, 1), (1, -1), style.FONT, 9.5, 13),
                ("FONT", (1, -1), (1, -1), style.FONT_BOLD, 9.5, 13),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), style.HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, style.ACCENT),
                ("LINEBELOW", (0, 1), (-1, 1), 0.25, style.RULE),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, style.ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def build_onsite_order(data: OnSiteOrderData) -> bytes:
    """The summary to send with the quote or to file with the order, as PDF bytes (deterministic)."""
    onsite, incident = data.onsite, data.incident
    if onsite.quote is None:
        raise DocumentError("Intervention sur site : aucun devis enregistré, rien à récapituler (R-19).")
    heading = Heading(DocumentKind.OTHER, TITLE, document_id(ONSITE_ORDER_CODE, incident.number, data), data.issued_at)
    width = style.page_width()
    if onsite.order is None:
        state = "En attente de la commande spécifique du client : l'intervention ne peut pas être planifiée avant."
    elif onsite.visit is None:
        state = "Commande reçue : l'intervention peut être planifiée."
    elif onsite.report is None:
        state = f"Intervention planifiée le {day_time(onsite.visit.at)}."
    else:
        done = onsite.report
        state = f"Intervention réalisée ({duration(done.duration_minutes)}), compte rendu {done.report_reference}."
    story: list[Flowable] = [
        style.title_block(
            "Intervention sur site", incident.number, "Devis et commande spécifique", data.client, data.site
        ),
        Spacer(0, 4 * mm),
        para(
            safe(
                "Conformément à l'article 4.4 du contrat, une intervention sur site est facturée au tarif en vigueur "
                "et n'a lieu qu'après l'acceptation d'un devis et la réception d'une commande spécifique."
            )
        ),
        *section("Objet"),
        facts(
            [
                ("Incident", f"n° {incident.number} — {incident.title}"),
                ("Logiciel", incident.product or DASH),
                ("Site", " – ".join((data.site.label, *data.site.address)) if data.site else DASH),
            ]
        ),
        *section("Devis"),
        facts([("Numéro", onsite.quote.number), ("Date", para(day(onsite.quote.on), "value"))]),
        Spacer(0, 2 * mm),
        _money_table(data.designation, onsite.quote.amount, data.vat_rate, width),
        *section("Commande spécifique et planification"),
        facts(
            [
                ("Commande", f"{onsite.order.reference} du {day(onsite.order.on)}" if onsite.order else "non reçue"),
                (
                    "Intervention prévue",
                    f"{day_time(onsite.visit.at)}, {onsite.visit.technician}" if onsite.visit else "à planifier",
                ),
                ("État", state),
            ]
        ),
    ]
    if onsite.order is None:
        client = data.client_signature or Signature("Bon pour commande")
        story.append(
            KeepTogether(
                [
                    *section("Acceptation du devis")[1:],
                    para(
                        safe(
                            f"Le client accepte le devis n° {onsite.quote.number} et commande l'intervention décrite. "
                            "Joindre le bon de commande de la collectivité."
                        ),
                        "small",
                    ),
                    Spacer(0, 2 * mm),
                    style.signatures(client, Signature(f"Pour {data.vendor.name}"), width),
                ]
            )
        )
    return style.render(heading, data.vendor, story, running=f"Intervention sur site · incident n° {incident.number}")
