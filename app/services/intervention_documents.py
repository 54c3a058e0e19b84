"""The documents of a télémaintenance (R-18): the information and consent form sent at step 1 and the
written report sent at step 6, built, issued into the registry (SHA-256, audit) and tied to the step.

Kept apart from :mod:`app.services.telemaintenance` so that recording a step never loads reportlab; the
GUI and the CLI call these when the technician asks for the document to be issued.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Document, TelemaintenanceStepRow
from app.domain.telemaintenance import SentVia, Step
from app.domain.vocabulary import DocumentKind
from app.reports import loaders
from app.reports.consent import PlannedInformation, build_consent_form
from app.reports.data import Signature
from app.reports.intervention import build_intervention_report
from app.services import documents
from app.services import incidents as incident_service
from app.services import telemaintenance as svc
from app.services.incidents import Actor


def _reference_of(document: Document) -> str:
    """How a step names the document it sent: title and the start of its digest."""
    return f"{document.title} (SHA-256 {document.sha256[:16]}…)"


def _filename(kind: str, reference: str) -> str:
    return f"{kind}-{reference.replace('/', '-')}.pdf"


def sent_document(session: Session, reference: str, step: Step) -> Document | None:
    """The registered document a recorded step sent (step 1: the form, step 6: the report), if any."""
    job = svc.find_job(session, reference)
    row = session.execute(
        select(TelemaintenanceStepRow.document_id).where(
            TelemaintenanceStepRow.telemaintenance_id == job.id,
            TelemaintenanceStepRow.step == step.value,
        )
    ).scalar_one_or_none()
    return session.get(Document, row) if row else None


def issue_consent_form(session: Session, actor: Actor, reference: str) -> Document:
    """The information and consent form of the télémaintenance, issued (the same bytes are one document)."""
    view = svc.view(session, reference)
    planned = PlannedInformation(
        view.nature, view.files, view.risks, view.delay_minutes, view.precautions_requested, view.reference
    )
    data = loaders.consent_form_data(
        session,
        view.incident_number,
        view.workflow,
        planned=planned,
        technician=view.created_by,
        prepared_at=view.created_at,
    )
    incident = incident_service.find_incident(session, view.incident_number)
    return documents.issue_document(
        session,
        DocumentKind.CONSENT_FORM,
        build_consent_form(data),
        incident.id,
        incident.client_id,
        actor,
        f"{DocumentKind.CONSENT_FORM.label} — {view.reference}",
        _filename("accord", view.reference),
    )


def issue_intervention_report(
    session: Session,
    actor: Actor,
    reference: str,
    *,
    technician_signature: Signature | None = None,
    client_signature: Signature | None = None,
    result: str = "",
) -> Document:
    """The written report of the intervention (needs step 4 recorded), issued."""
    view = svc.view(session, reference)
    data = loaders.intervention_report_data(
        session,
        view.incident_number,
        telemaintenance=view.workflow,
        result=result,
        technician_signature=technician_signature,
        client_signature=client_signature,
    )
    incident = incident_service.find_incident(session, view.incident_number)
    return documents.issue_document(
        session,
        DocumentKind.INTERVENTION_REPORT,
        build_intervention_report(data),
        incident.id,
        incident.client_id,
        actor,
        f"{DocumentKind.INTERVENTION_REPORT.label} — {view.reference}",
        _filename("compte-rendu", view.reference),
    )


def inform_with_form(
    session: Session, actor: Actor, reference: str, *, via: SentVia, at: datetime | None = None
) -> svc.TelemaintenanceView:
    """Step 1 with the consent form issued now and named as the document sent."""
    document = issue_consent_form(session, actor, reference)
    return svc.inform(
        session, actor, reference, via=via, document_reference=_reference_of(document), document_id=document.id, at=at
    )


def send_report_issued(
    session: Session,
    actor: Actor,
    reference: str,
    *,
    technician_signature: Signature | None = None,
    client_signature: Signature | None = None,
    at: datetime | None = None,
) -> svc.TelemaintenanceView:
    """Step 6 with the intervention report issued now and named as the document sent."""
    document = issue_intervention_report(
        session, actor, reference, technician_signature=technician_signature, client_signature=client_signature
    )
    return svc.send_report(
        session, actor, reference, document_reference=_reference_of(document), document_id=document.id, at=at
    )


__all__ = ["inform_with_form", "issue_consent_form", "issue_intervention_report", "send_report_issued", "sent_document"]
