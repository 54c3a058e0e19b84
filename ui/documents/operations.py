"""The documents' background operations: build an incident's PDF through ``app.reports``, record it in
the registry of issued documents (``app.services.documents``) and commit, on a worker thread in its own
Session (``ui.background.in_session``). No SQL here: only services and report loaders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.domain.telemaintenance import Intervention, Step, Telemaintenance, TelemaintenanceError
from app.domain.vocabulary import DocumentKind
from app.reports import loaders
from app.reports.data import Signature
from app.reports.intervention import build_intervention_report
from app.reports.onsite_order import build_onsite_order
from app.reports.progress import build_progress_report
from app.reports.register import build_incident_register, period_label
from app.services import documents, intervention_documents
from app.services import onsite as onsite_service
from app.services import telemaintenance as telemaintenance_service
from app.services.clients import client_detail
from app.services.incidents import find_incident
from ui.documents.sign_dialog import Signer
from ui.intake.operations import Technician


@dataclass(frozen=True)
class IssuedPdf:
    """A document built and recorded in the registry: what the preview shows, prints and saves."""

    kind: DocumentKind
    title: str
    filename: str
    pdf: bytes
    incident_number: str | None = None


@dataclass(frozen=True)
class SigningContext:
    """What the « Faire signer » dialog needs before the intervention report is built: which intervention
    it reports (a télémaintenance or an on-site one) and who may sign for the client."""

    incident_number: str
    reference: str
    remote: bool
    client_signers: tuple[Signer, ...]
    caller: str


def _issue(
    session: Session,
    technician: Technician,
    kind: DocumentKind,
    pdf: bytes,
    number: str,
    subject: str,
    title: str | None = None,
) -> IssuedPdf:
    """Record ``pdf`` as issued for incident ``number`` (R-13: the registry keeps it with its SHA-256)."""
    incident = find_incident(session, number)
    document_id = documents.claimed_document_id(pdf)
    filename = f"{document_id or f'{kind.value}-{incident.number}'}.pdf"
    title = title or f"{kind.label} — {subject}"
    documents.issue_document(
        session, kind, pdf, incident.id, incident.client_id, technician.actor(session), title, filename
    )
    session.commit()
    return IssuedPdf(kind, title, filename, pdf, incident.number)


def issue_progress_report(session: Session, technician: Technician, number: str) -> IssuedPdf:
    """The incident's progress report, built and recorded."""
    data = loaders.progress_report_data(session, number)
    pdf = build_progress_report(data)
    return _issue(session, technician, DocumentKind.PROGRESS_REPORT, pdf, data.incident.number, data.incident.number)


def _reported_telemaintenance(session: Session, number: str) -> tuple[str, Telemaintenance] | None:
    """The incident's latest télémaintenance whose intervention (step 4) is recorded, if any."""
    jobs = telemaintenance_service.list_jobs(session, include_finished=True, incident_number=number)
    for job in sorted(jobs, key=lambda j: j.state_since, reverse=True):
        view = telemaintenance_service.view(session, job.reference)
        if isinstance(view.workflow.evidence(Step.INTERVENTION), Intervention):
            return view.reference, view.workflow
    return None


def signing_context(session: Session, number: str) -> SigningContext:
    """Which intervention the report describes, checked to be reportable before anyone signs, and the
    client's contacts who may sign (RTCs first). Raises the loaders' French errors when there is none."""
    incident = find_incident(session, number)
    remote = _reported_telemaintenance(session, incident.number)
    if remote is not None:
        reference = remote[0]
        loaders.intervention_report_data(session, incident.number, telemaintenance=remote[1])
    else:
        try:
            onsite = onsite_service.view(session, incident.number)
        except TelemaintenanceError as error:
            raise loaders.ReportDataError(
                f"Incident n° {incident.number} : aucune intervention terminée à décrire (ni télémaintenance "
                "avec son intervention enregistrée, ni intervention sur site)."
            ) from error
        reference = onsite.reference
        loaders.intervention_report_data(session, incident.number, onsite=onsite.intervention)
    client = client_detail(session, incident.client_id)
    contacts = sorted(
        (c for c in (client.contacts if client else ()) if c.active), key=lambda c: (not c.is_rtc, c.name)
    )
    return SigningContext(
        incident.number,
        reference,
        remote is not None,
        tuple(Signer(c.name, c.job_title) for c in contacts),
        incident.caller_name or "",
    )


def issue_intervention_report(
    session: Session,
    technician: Technician,
    context: SigningContext,
    technician_signature: Signature,
    client_signature: Signature,
) -> IssuedPdf:
    """The intervention report with the signatures captured on screen (or boxes left for a wet
    signature), built and recorded."""
    number = context.incident_number
    if context.remote:
        view = telemaintenance_service.view(session, context.reference)
        data = loaders.intervention_report_data(
            session,
            number,
            telemaintenance=view.workflow,
            technician=technician_signature.name or None,
            technician_signature=technician_signature,
            client_signature=client_signature,
        )
    else:
        onsite = onsite_service.view(session, context.reference)
        data = loaders.intervention_report_data(
            session,
            number,
            onsite=onsite.intervention,
            technician=technician_signature.name or None,
            technician_signature=technician_signature,
            client_signature=client_signature,
        )
    pdf = build_intervention_report(data)
    return _issue(session, technician, DocumentKind.INTERVENTION_REPORT, pdf, number, context.reference)


def _latest_telemaintenance(session: Session, number: str) -> str:
    """The reference of the incident's latest télémaintenance (ReportDataError when it has none)."""
    incident = find_incident(session, number)
    jobs = telemaintenance_service.list_jobs(session, include_finished=True, incident_number=incident.number)
    if not jobs:
        raise loaders.ReportDataError(f"Incident n° {incident.number} : aucune télémaintenance préparée.")
    views = [telemaintenance_service.view(session, job.reference) for job in jobs]
    return max(views, key=lambda v: v.created_at).reference


def issue_consent_form(session: Session, technician: Technician, number: str) -> IssuedPdf:
    """The information and consent form of the incident's latest télémaintenance: the very form sent at
    step 1 when there is one (a reprint, byte for byte), else issued now and recorded."""
    incident = find_incident(session, number)
    reference = _latest_telemaintenance(session, incident.number)
    sent = intervention_documents.sent_document(session, reference, Step.INFORMATION)
    if sent is None or sent.content is None:
        sent = intervention_documents.issue_consent_form(session, technician.actor(session), reference)
        session.commit()
    assert sent.content is not None
    return IssuedPdf(DocumentKind.CONSENT_FORM, sent.title, sent.filename, sent.content, incident.number)


def issue_onsite_order(session: Session, technician: Technician, number: str) -> IssuedPdf:
    """The quote and order summary of the incident's latest on-site intervention (R-19), built and recorded."""
    incident = find_incident(session, number)
    try:
        onsite = onsite_service.view(session, incident.number)
    except TelemaintenanceError as error:
        raise loaders.ReportDataError(
            f"Incident n° {incident.number} : aucune intervention sur site (devis et commande) à récapituler."
        ) from error
    data = loaders.onsite_order_data(session, onsite.incident_number, onsite.intervention)
    pdf = build_onsite_order(data)
    title = f"Intervention sur site : devis et commande — {onsite.reference}"
    return _issue(session, technician, DocumentKind.OTHER, pdf, incident.number, onsite.reference, title)


def issue_register(
    session: Session, technician: Technician, client_code: str, start: date | None, end: date | None
) -> IssuedPdf:
    """The client's incident register over the period (R-13), built and recorded."""
    data = loaders.register_data(session, client_code, start, end)
    pdf = build_incident_register(data)
    client = loaders.find_client(session, data.client.code)
    period = period_label(data.period_from, data.period_to)
    title = f"{DocumentKind.INCIDENT_REGISTER.label} {data.client.code} {period}"
    document_id = documents.claimed_document_id(pdf)
    filename = f"{document_id or f'registre-{data.client.code}'}.pdf"
    documents.issue_document(
        session, DocumentKind.INCIDENT_REGISTER, pdf, None, client.id, technician.actor(session), title, filename
    )
    session.commit()
    return IssuedPdf(DocumentKind.INCIDENT_REGISTER, title, filename, pdf)
