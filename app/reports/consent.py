"""The information and consent form of a télémaintenance (R-18 steps 1 and 2), ready to sign.

It is the written information the contract requires (nature, files, risks, delay) and, below it, the
client's prior written consent with the protective operations to perform first. Built from the
domain ``Telemaintenance`` once step 1 is recorded; when the consent is already recorded it says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.domain.telemaintenance import DEFAULT_PRECAUTIONS, Consent, Information, Precaution, Step, Telemaintenance
from app.domain.vocabulary import DocumentKind
from app.reports import style
from app.reports.data import KIND_CODES, ClientInfo, Heading, IncidentInfo, Signature, SiteInfo, Vendor, document_id
from app.reports.formats import DASH, day_time, duration, safe
from app.reports.style import DocumentError, facts, para, section

TITLE = "Information préalable et accord écrit"
BOX = "\u2610"  # ☐, printed for the client to tick


@dataclass(frozen=True)
class PlannedInformation:
    """What step 1 will announce, for a form printed before the information is recorded as sent."""

    nature: str
    files: tuple[str, ...]
    risks: str
    delay_minutes: int
    precautions_requested: tuple[Precaution, ...] = DEFAULT_PRECAUTIONS
    reference: str = ""


@dataclass(frozen=True)
class ConsentFormData:
    vendor: Vendor
    client: ClientInfo
    incident: IncidentInfo
    technician: str
    issued_at: datetime
    telemaintenance: Telemaintenance
    planned: PlannedInformation | None = None
    site: SiteInfo | None = None
    client_signature: Signature | None = None
    technician_signature: Signature | None = None


def _lines(values: tuple[str, ...], mark: str = "–") -> Flowable:
    if not values:
        return para(DASH, "value")
    return para("<br/>".join(f"{mark}\u00a0{safe(v, newlines=False)}" for v in values), "value")


def build_consent_form(data: ConsentFormData) -> bytes:
    """The form to send with step 1 and to have signed for step 2, as PDF bytes (deterministic)."""
    tm = data.telemaintenance
    recorded = tm.evidence(Step.INFORMATION)
    if isinstance(recorded, Information):
        info = PlannedInformation(
            recorded.nature, recorded.files, recorded.risks, recorded.delay_minutes, recorded.precautions_requested
        )
        reference = (
            f"{recorded.document_reference}, envoyée par {recorded.sent_via.label} le {day_time(tm.steps[0].at)}"
        )
    elif data.planned is not None:
        info, reference = data.planned, data.planned.reference
    else:
        raise DocumentError("Formulaire d'accord : aucune information (étape 1) à soumettre au client.")
    incident = data.incident
    heading = Heading(
        DocumentKind.CONSENT_FORM,
        TITLE,
        document_id(KIND_CODES[DocumentKind.CONSENT_FORM], incident.number, data),
        data.issued_at,
        data.technician,
    )
    vendor = data.vendor.name
    story: list[Flowable] = [
        style.title_block(TITLE, incident.number, "Télémaintenance — article 4.5 du contrat", data.client, data.site),
        Spacer(0, 5 * mm),
        para(
            safe(
                f"Pour traiter l'incident n° {incident.number} (« {incident.title} »), {vendor} doit intervenir "
                "à distance sur vos données. Conformément à l'article 4.5 du contrat de maintenance, voici la "
                "nature de l'intervention, les fichiers concernés, les risques et le délai prévu ; aucune "
                "intervention n'aura lieu sans votre accord écrit préalable."
            )
        ),
        *section("1. Information du client"),
        facts(
            [
                ("Nature de l'intervention", info.nature),
                ("Fichiers concernés", _lines(info.files)),
                ("Risques possibles", info.risks),
                ("Délai prévu", para(duration(info.delay_minutes), "value")),
                ("Logiciel", incident.product or DASH),
                *([("Référence", reference)] if reference else []),
            ]
        ),
        *section("2. Opérations de protection à réaliser avant l'intervention"),
        para(safe("À effectuer par vos soins, puis à nous confirmer, avant le début de l'intervention :"), "body"),
        _lines(tuple(p.label for p in info.precautions_requested), mark=BOX),
    ]
    consent = tm.evidence(Step.CONSENT)
    if isinstance(consent, Consent):
        at = next(s.at for s in tm.steps if s.step is Step.CONSENT)
        story += [
            Spacer(0, 3 * mm),
            para(
                safe(
                    f"Accord enregistré le {day_time(at)} : donné par {consent.who} ({consent.via.label}, "
                    f"pièce {consent.evidence_reference})."
                ),
                "warning",
            ),
        ]
    client = data.client_signature or Signature("Pour le client")
    technician = data.technician_signature or Signature(f"Pour {vendor}", data.technician)
    story.append(
        KeepTogether(
            [
                *section("3. Accord écrit préalable du client")[1:],
                para(
                    safe(
                        f"Je soussigné(e), agissant pour le compte de {data.client.name}, déclare avoir pris "
                        "connaissance des informations ci-dessus et :"
                    )
                ),
                Spacer(0, 1.5 * mm),
                para(
                    safe(
                        f"{BOX} autorise {vendor} à réaliser l'intervention décrite, après avoir effectué les "
                        "opérations de protection demandées ;"
                    ),
                    "body",
                ),
                para(safe(f"{BOX} refuse cette intervention."), "body"),
                para(
                    safe(
                        "Cet accord peut être retiré à tout moment avant le début de l'intervention, par écrit "
                        "(espace client, e-mail ou courrier)."
                    ),
                    "small",
                ),
                Spacer(0, 2 * mm),
                style.signatures(client, technician, style.page_width()),
            ]
        )
    )
    return style.render(heading, data.vendor, story, running=f"{TITLE} · incident n° {incident.number}")
