"""The progress report of one incident (R-13): where it stands, its delays, and its history in French."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.domain.vocabulary import DocumentKind
from app.reports import style
from app.reports.data import KIND_CODES, ClientInfo, Heading, IncidentInfo, SiteInfo, Vendor, document_id
from app.reports.formats import DASH, day_time, duration, paragraphs_of, safe, short_day_time
from app.reports.style import facts, grid, para, section

TITLE = "Compte rendu d'avancement"


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the incident's history, already in plain French."""

    at: datetime
    author: str
    text: str


@dataclass(frozen=True)
class ProgressReportData:
    vendor: Vendor
    client: ClientInfo
    incident: IncidentInfo
    issued_at: datetime  # the state the report describes (its last history line, for a stable document)
    history: tuple[HistoryEntry, ...]
    resolution_minutes: float
    paused_minutes: float
    first_response_minutes: float | None = None
    target_first_response_minutes: float | None = None
    target_resolution_minutes: float | None = None
    estimate_minutes: int | None = None
    waiting: str | None = None
    site: SiteInfo | None = None


def _against(value: float | None, target: float | None) -> str:
    if value is None:
        return "pas encore"
    text = duration(value)
    return f"{text} (objectif {duration(target)})" if target is not None else text


def build_progress_report(data: ProgressReportData) -> bytes:
    """The incident's state and history as PDF bytes (deterministic)."""
    incident = data.incident
    heading = Heading(
        DocumentKind.PROGRESS_REPORT,
        TITLE,
        document_id(KIND_CODES[DocumentKind.PROGRESS_REPORT], incident.number, data),
        data.issued_at,
    )
    width = style.page_width()
    state = incident.status + (f" — {data.waiting}" if data.waiting else "")
    story: list[Flowable] = [
        style.title_block(TITLE, incident.number, f"Situation au {day_time(data.issued_at)}", data.client, data.site),
        Spacer(0, 4 * mm),
        *section("Incident"),
        facts(
            [
                ("Objet", incident.title),
                ("Logiciel", " · ".join(x for x in (incident.product or "", incident.peripheral) if x) or DASH),
                ("Appelant", incident.caller or DASH),
                ("Ouvert le", para(safe(f"{day_time(incident.opened_at)} ({incident.channel})"), "value")),
                ("Priorité", incident.priority or DASH),
                ("Statut", state),
                ("Origine", incident.origin or "à déterminer"),
                ("Estimation", para(duration(data.estimate_minutes) if data.estimate_minutes else DASH, "value")),
                (
                    "Hors contrat",
                    f"oui — {incident.exclusion}"
                    if incident.out_of_contract and incident.exclusion
                    else ("oui" if incident.out_of_contract else "non"),
                ),
            ]
        ),
    ]
    if incident.description.strip():
        story += [*section("Description"), *[para(p) for p in paragraphs_of(incident.description)]]
    if incident.workaround:
        story += [
            *section("Solution de contournement proposée"),
            *[para(p) for p in paragraphs_of(incident.workaround)],
        ]
    if incident.resolution:
        story += [*section("Résolution"), *[para(p) for p in paragraphs_of(incident.resolution)]]
    story += [
        *section("Délais en heures d'ouverture de la hotline"),
        facts(
            [
                (
                    "Première réponse",
                    para(safe(_against(data.first_response_minutes, data.target_first_response_minutes)), "value"),
                ),
                (
                    "Temps de traitement",
                    para(safe(_against(data.resolution_minutes, data.target_resolution_minutes)), "value"),
                ),
                ("En attente du client", para(duration(data.paused_minutes), "value")),
            ]
        ),
        para(
            safe(
                "Les délais ne courent que pendant les heures d'ouverture de la hotline ; le temps passé à attendre "
                "une réponse, un accord ou une sauvegarde du client n'est pas compté."
            ),
            "small",
        ),
        *section("Historique"),
    ]
    rows = [
        [para(safe(short_day_time(h.at)), "cell"), para(safe(h.author or DASH), "cell"), para(safe(h.text), "cell")]
        for h in data.history
    ]
    if rows:
        story.append(grid(["Date", "Par", "Événement"], rows, [30 * mm, 38 * mm, width - 68 * mm]))
    else:
        story.append(para(safe("Aucun événement enregistré."), "small"))
    return style.render(heading, data.vendor, story, running=f"{TITLE} · incident n° {incident.number}")
