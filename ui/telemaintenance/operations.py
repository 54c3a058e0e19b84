"""The Télémaintenance screen's background operations: each a use case of ``app.services.telemaintenance``
run in its own Session and transaction on a worker thread (a refused step writes nothing), returning the
intervention's fresh view for the stepper (``shown`` adds which steps sent a registered document).

Steps 1 and 6 may issue their document as they are recorded (``app.services.intervention_documents``):
the form or the report is built, recorded in the registry and named by the step in the same transaction,
and its bytes come back for the preview."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.domain.telemaintenance import (
    ConfirmedPrecaution,
    ConsentVia,
    NotifiedVia,
    Precaution,
    SentVia,
    Step,
)
from app.reports.data import Signature
from app.services import intervention_documents
from app.services import telemaintenance as svc
from app.services.telemaintenance import TelemaintenanceSummary, TelemaintenanceView
from ui.intake.operations import Technician

# The steps that send a document to the client (R-18: the written information and the written report).
DOCUMENT_STEPS = (Step.INFORMATION, Step.REPORT)

# The list's three filters.
IN_PROGRESS = "in_progress"
WAITING = "waiting"
ALL = "all"


@dataclass(frozen=True)
class SentPdf:
    """The document a step sent, as registered: what the preview shows, prints and saves."""

    step: Step
    title: str
    filename: str
    pdf: bytes


@dataclass(frozen=True)
class Shown:
    """An intervention for the stepper: its view, the steps whose sent document is in the registry (their
    « Voir le document »), and the document just issued, if the operation issued one."""

    view: TelemaintenanceView
    documented: frozenset[Step] = frozenset()
    issued: SentPdf | None = None


def _documented(session: Session, view: TelemaintenanceView) -> frozenset[Step]:
    recorded = {s.step for s in view.workflow.steps}
    return frozenset(
        step
        for step in DOCUMENT_STEPS
        if step in recorded and intervention_documents.sent_document(session, view.reference, step) is not None
    )


def describe(session: Session, view: TelemaintenanceView, issued: Step | None = None) -> Shown:
    """The view with its documented steps, and the document of step ``issued`` for the preview."""
    return Shown(view, _documented(session, view), sent_pdf(session, view.reference, issued) if issued else None)


def shown(operation: Callable[..., TelemaintenanceView | Shown]) -> Callable[..., Shown]:
    """``operation`` (which returns a view) returning a ``Shown`` instead, in the same Session."""

    def run(session: Session, *args: Any, **kwargs: Any) -> Shown:
        result = operation(session, *args, **kwargs)
        return result if isinstance(result, Shown) else describe(session, result)

    return run


def sent_pdf(session: Session, reference: str, step: Step) -> SentPdf | None:
    """The registered document step ``step`` sent (None when the step named a document from elsewhere)."""
    document = intervention_documents.sent_document(session, reference, step)
    if document is None or document.content is None:
        return None
    return SentPdf(step, document.title, document.filename, document.content)


def load_list(session: Session, which: str) -> list[TelemaintenanceSummary]:
    """Interventions for the filter ``which``, the longest waiting first and finished ones last."""
    rows = svc.list_jobs(session, waiting_only=which == WAITING, include_finished=which == ALL)
    active = sorted((r for r in rows if not r.state.finished), key=lambda r: -r.minutes_in_state)
    finished = sorted((r for r in rows if r.state.finished), key=lambda r: r.state_since, reverse=True)
    return active + finished


def load_view(session: Session, reference: str) -> TelemaintenanceView:
    """One intervention with its steps, contacts and wait (read only)."""
    return svc.view(session, reference)


def start(
    session: Session,
    technician: Technician,
    incident_number: str,
    *,
    nature: str,
    files: Sequence[str],
    risks: str,
    delay_minutes: int,
    precautions: Sequence[Precaution],
) -> TelemaintenanceView:
    """Prepare a télémaintenance of an open incident and commit."""
    view = svc.start(
        session,
        technician.actor(session),
        incident_number,
        nature=nature,
        files=files,
        risks=risks,
        delay_minutes=delay_minutes,
        precautions=precautions,
    )
    session.commit()
    return view


def inform(
    session: Session,
    technician: Technician,
    reference: str,
    via: SentVia,
    document: str,
    at: datetime | None = None,
) -> TelemaintenanceView:
    """Step 1: the written information was sent (at ``at``, None: now)."""
    view = svc.inform(
        session, technician.actor(session), reference, via=via, document_reference=document or None, at=at
    )
    session.commit()
    return view


def inform_with_form(
    session: Session, technician: Technician, reference: str, via: SentVia, at: datetime | None = None
) -> Shown:
    """Step 1 with the information and consent form issued now and named as the document sent."""
    view = intervention_documents.inform_with_form(session, technician.actor(session), reference, via=via, at=at)
    session.commit()
    return describe(session, view, Step.INFORMATION)


def consent(
    session: Session,
    technician: Technician,
    reference: str,
    by: str,
    via: ConsentVia,
    evidence_reference: str,
    evidence_file: Path | None,
    confirmed_non_rtc: bool,
    at: datetime | None = None,
) -> TelemaintenanceView:
    """Step 2: the prior written consent (ConsentWarning when the person is not an RTC, unless confirmed)."""
    view = svc.consent(
        session,
        technician.actor(session),
        reference,
        by=by,
        via=via,
        evidence_reference=evidence_reference or None,
        evidence_file=evidence_file,
        confirmed_non_rtc=confirmed_non_rtc,
        at=at,
    )
    session.commit()
    return view


def refuse(session: Session, technician: Technician, reference: str, by: str, reason: str) -> TelemaintenanceView:
    """The client refused its consent: the télémaintenance ends."""
    view = svc.refuse(session, technician.actor(session), reference, by=by, reason=reason)
    session.commit()
    return view


def withdraw(session: Session, technician: Technician, reference: str, by: str, reason: str) -> TelemaintenanceView:
    """The client withdrew its consent before the intervention: the télémaintenance ends."""
    view = svc.withdraw(session, technician.actor(session), reference, by=by, reason=reason)
    session.commit()
    return view


def confirm_precautions(
    session: Session,
    technician: Technician,
    reference: str,
    items: Sequence[ConfirmedPrecaution],
    at: datetime | None = None,
) -> TelemaintenanceView:
    """Step 3: the protective operations the client confirmed."""
    view = svc.confirm_precautions(session, technician.actor(session), reference, items, at=at)
    session.commit()
    return view


def begin(session: Session, technician: Technician, reference: str, at: datetime | None = None) -> TelemaintenanceView:
    """The technician connects to the client's system: the start of step 4."""
    view = svc.begin(session, technician.actor(session), reference, at=at)
    session.commit()
    return view


def finish(
    session: Session,
    technician: Technician,
    reference: str,
    actions: str,
    files_touched: Sequence[str],
    start: datetime | None = None,
    at: datetime | None = None,
) -> TelemaintenanceView:
    """Step 4: the intervention is over, with what was done and the files actually touched; it ended at
    ``at`` (None: now), which is also when the step is recorded; ``start`` corrects the noted start."""
    view = svc.finish_intervention(
        session,
        technician.actor(session),
        reference,
        actions=actions,
        files_touched=files_touched,
        start=start,
        end=at,
        at=at,
    )
    session.commit()
    return view


def notify(
    session: Session, technician: Technician, reference: str, via: NotifiedVia, at: datetime | None = None
) -> TelemaintenanceView:
    """Step 5: the client was told its system is back to normal (at ``at``, None: now)."""
    view = svc.notify_return_to_normal(session, technician.actor(session), reference, via=via, when=at, at=at)
    session.commit()
    return view


def report(
    session: Session, technician: Technician, reference: str, document: str, at: datetime | None = None
) -> TelemaintenanceView:
    """Step 6: the written report was sent (at ``at``, None: now); the télémaintenance is complete."""
    view = svc.send_report(
        session, technician.actor(session), reference, document_reference=document or None, sent_at=at, at=at
    )
    session.commit()
    return view


def report_issued(
    session: Session,
    technician: Technician,
    reference: str,
    technician_signature: Signature,
    client_signature: Signature,
    at: datetime | None = None,
) -> Shown:
    """Step 6 with the intervention report, signed on screen, issued now and named as the report sent."""
    view = intervention_documents.send_report_issued(
        session,
        technician.actor(session),
        reference,
        technician_signature=technician_signature,
        client_signature=client_signature,
        at=at,
    )
    session.commit()
    return describe(session, view, Step.REPORT)
