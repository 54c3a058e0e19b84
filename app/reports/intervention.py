"""The *compte rendu d'intervention* (R-18 step 6, R-19): what was done, on which files, with what result,
signed by the technician and the client.

A remote intervention is described by the domain ``Telemaintenance`` (its six recorded steps are the
evidence); an on-site one by ``OnSiteIntervention`` plus what the visit did (``OnSiteWork``), since the
domain object records only quote, order, visit and duration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.domain.onsite_intervention import OnSiteIntervention
from app.domain.telemaintenance import (
    Consent,
    Information,
    Intervention,
    Precautions,
    ReturnToNormal,
    Step,
    Telemaintenance,
)
from app.domain.vocabulary import DocumentKind
from app.reports import style
from app.reports.data import KIND_CODES, ClientInfo, Heading, IncidentInfo, Signature, SiteInfo, Vendor, document_id
from app.reports.formats import DASH, amount, day, day_time, duration, paragraphs_of, safe
from app.reports.style import DocumentError, facts, para, section

TITLE = "Compte rendu d'intervention"


@dataclass(frozen=True)
class OnSiteWork:
    """What an on-site visit did: its span, nature, actions and the files it touched."""

    start: datetime
    end: datetime
    nature: str
    actions: str
    files_touched: tuple[str, ...] = ()


@dataclass(frozen=True)
class InterventionReportData:
    """Everything the report prints. Durations in hotline hours are computed by the loader (calendar)."""

    vendor: Vendor
    client: ClientInfo
    incident: IncidentInfo
    technician: str
    issued_at: datetime
    telemaintenance: Telemaintenance | None = None
    onsite: OnSiteIntervention | None = None
    onsite_work: OnSiteWork | None = None
    site: SiteInfo | None = None
    result: str = ""
    intervention_hotline_minutes: float | None = None
    incident_hotline_minutes: float | None = None
    incident_paused_minutes: float | None = None
    technician_signature: Signature | None = None
    client_signature: Signature | None = None


def _span(data: InterventionReportData) -> tuple[datetime, datetime] | None:
    if data.telemaintenance is not None:
        done = data.telemaintenance.evidence(Step.INTERVENTION)
        return (done.start, done.end) if isinstance(done, Intervention) else None
    if data.onsite_work is not None:
        return data.onsite_work.start, data.onsite_work.end
    return None


def _file_list(files: tuple[str, ...]) -> Flowable:
    """One line per file (or per item), each escaped, behind an en dash."""
    if not files:
        return para(DASH, "value")
    return para("<br/>".join(f"–\u00a0{safe(f, newlines=False)}" for f in files), "value")


def _remote_section(tm: Telemaintenance) -> list[Flowable]:
    info = tm.evidence(Step.INFORMATION)
    consent = tm.evidence(Step.CONSENT)
    precautions = tm.evidence(Step.PRECAUTIONS)
    done = tm.evidence(Step.INTERVENTION)
    rows: list[tuple[str, Flowable | str]] = [("Mode", "Télémaintenance (intervention à distance, art. 4.5)")]
    if isinstance(info, Information):
        rows += [
            ("Nature", info.nature),
            ("Fichiers annoncés", _file_list(info.files)),
            ("Risques annoncés", info.risks),
            ("Délai annoncé", para(duration(info.delay_minutes), "value")),
        ]
        recorded = tm.steps[0]
        rows.append(
            (
                "Information écrite",
                f"{info.document_reference}, envoyée par {info.sent_via.label} le {day_time(recorded.at)}",
            )
        )
    if isinstance(consent, Consent):
        when = next(s.at for s in tm.steps if s.step is Step.CONSENT)
        status = "RTC" if consent.is_rtc else "non RTC, accord confirmé par le technicien"
        rows.append(
            (
                "Accord écrit préalable",
                f"{consent.who} ({status}), {consent.via.label}, pièce {consent.evidence_reference}, "
                f"le {day_time(when)}",
            )
        )
    if isinstance(precautions, Precautions):
        done_list = tuple(f"{i.precaution.label} (confirmé par {i.confirmed_by})" for i in precautions.items)
        rows.append(("Opérations de protection", _file_list(done_list)))
    if isinstance(done, Intervention):
        rows.append(("Fichiers touchés", _file_list(done.files_touched)))
        difference = tm.files_difference()
        if difference is not None and difference.any:
            rows.append(("Écart", para(safe(difference.describe()), "warning")))
    return [facts(rows)]


def _onsite_section(data: InterventionReportData) -> list[Flowable]:
    rows: list[tuple[str, Flowable | str]] = [
        ("Mode", "Intervention sur site (art. 4.4, facturable au tarif en vigueur)")
    ]
    onsite, work = data.onsite, data.onsite_work
    if work is not None:
        rows.append(("Nature", work.nature))
    if onsite is not None:
        if onsite.quote is not None:
            rows.append(
                ("Devis", f"n° {onsite.quote.number} du {day(onsite.quote.on)}, {amount(onsite.quote.amount)} HT")
            )
        if onsite.order is not None:
            rows.append(("Commande spécifique", f"{onsite.order.reference} du {day(onsite.order.on)}"))
        if onsite.visit is not None:
            rows.append(("Visite prévue", f"{day_time(onsite.visit.at)}, {onsite.visit.technician}"))
        if onsite.report is not None:
            rows.append(("Durée facturée", para(duration(onsite.report.duration_minutes), "value")))
    if work is not None:
        rows.append(("Fichiers touchés", _file_list(work.files_touched)))
    return [facts(rows)]


def _actions(data: InterventionReportData) -> str:
    if data.telemaintenance is not None:
        done = data.telemaintenance.evidence(Step.INTERVENTION)
        return done.actions if isinstance(done, Intervention) else ""
    return data.onsite_work.actions if data.onsite_work is not None else ""


def _return_to_normal(data: InterventionReportData) -> str:
    if data.telemaintenance is not None:
        back = data.telemaintenance.evidence(Step.RETURN_TO_NORMAL)
        if isinstance(back, ReturnToNormal):
            return f"Retour à la normale notifié au client le {day_time(back.when)} par {back.via.label}."
        return "Retour à la normale non encore notifié."
    return ""


def _text_flow(value: str, empty: str) -> list[Flowable]:
    parts = paragraphs_of(value)
    return [para(p) for p in parts] if parts else [para(safe(empty), "small")]


def build_intervention_report(data: InterventionReportData) -> bytes:
    """The signed report of one intervention, remote or on site, as PDF bytes (deterministic)."""
    if data.telemaintenance is None and data.onsite is None and data.onsite_work is None:
        raise DocumentError("Compte rendu d'intervention : ni télémaintenance ni intervention sur site à décrire.")
    incident = data.incident
    remote = data.telemaintenance is not None
    heading = Heading(
        DocumentKind.INTERVENTION_REPORT,
        TITLE,
        document_id(KIND_CODES[DocumentKind.INTERVENTION_REPORT], incident.number, data),
        data.issued_at,
        data.technician,
    )
    span = _span(data)
    when = f" du {day(span[0])}" if span else ""
    subtitle = ("Télémaintenance" if remote else "Intervention sur site") + when
    width = style.page_width()
    story: list[Flowable] = [
        style.title_block(TITLE, incident.number, subtitle, data.client, data.site),
        Spacer(0, 4 * mm),
        *section("Incident"),
        facts(
            [
                ("Objet", incident.title),
                ("Logiciel", " · ".join(x for x in (incident.product or "", incident.peripheral) if x) or DASH),
                ("Appelant", incident.caller or DASH),
                ("Ouvert le", para(safe(f"{day_time(incident.opened_at)} ({incident.channel})"), "value")),
                ("Origine", incident.origin or "à déterminer"),
                ("Statut", incident.status),
                ("Technicien", data.technician),
            ]
        ),
        *section("Intervention"),
    ]
    story += _remote_section(data.telemaintenance) if data.telemaintenance is not None else _onsite_section(data)
    if span:
        elapsed = (span[1] - span[0]).total_seconds() / 60
        story += [
            Spacer(0, 1 * mm),
            facts(
                [
                    ("Début", para(safe(day_time(span[0])), "value")),
                    ("Fin", para(safe(day_time(span[1])), "value")),
                    (
                        "Durée",
                        para(
                            safe(
                                f"{duration(elapsed)} (dont {duration(data.intervention_hotline_minutes)} "
                                "pendant les heures d'ouverture de la hotline)"
                                if data.intervention_hotline_minutes is not None
                                else duration(elapsed)
                            ),
                            "value",
                        ),
                    ),
                ]
            ),
        ]
    story += [*section("Actions réalisées"), *_text_flow(_actions(data), "Aucune action décrite.")]
    result = data.result or incident.resolution or ""
    story += [*section("Résultat"), *_text_flow(result, "Résultat non renseigné.")]
    back = _return_to_normal(data)
    if back:
        story.append(para(safe(back), "body"))
    if data.incident_hotline_minutes is not None:
        story += [
            *section("Délais en heures d'ouverture de la hotline"),
            facts(
                [
                    ("Traitement de l'incident", para(duration(data.incident_hotline_minutes), "value")),
                    ("En attente du client", para(duration(data.incident_paused_minutes), "value")),
                ]
            ),
            para(
                safe(
                    "Durées comptées pendant les heures d'ouverture de la hotline (hors jours fériés, journées "
                    f"de formation et fermetures exceptionnelles), au {day_time(data.issued_at)}."
                ),
                "small",
            ),
        ]
    technician = data.technician_signature or Signature("Le technicien", data.technician)
    client = data.client_signature or Signature("Pour le client", capacity="")
    story.append(
        KeepTogether(
            [
                *section("Signatures")[1:],
                para(
                    safe(
                        "Le client reconnaît que l'intervention décrite ci-dessus a été réalisée et que son "
                        f"système fonctionne normalement. Incident n° {incident.number}."
                    ),
                    "small",
                ),
                Spacer(0, 4 * mm),
                style.signatures(technician, client, width),
            ]
        )
    )
    if data.telemaintenance is not None and data.telemaintenance.steps:
        history = [para(safe(line), "entry") for line in data.telemaintenance.history()]
        story += [*section("Annexe : déroulé de la télémaintenance (art. 4.5)"), *history]
    return style.render(heading, data.vendor, story, running=f"{TITLE} · incident n° {incident.number}")
