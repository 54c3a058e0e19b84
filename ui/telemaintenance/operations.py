"""The Télémaintenance screen's background operations: each a use case of ``app.services.telemaintenance``
run in its own Session and transaction on a worker thread (a refused step writes nothing), returning the
intervention's fresh view for the stepper."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain.telemaintenance import (
    ConfirmedPrecaution,
    ConsentVia,
    NotifiedVia,
    Precaution,
    SentVia,
)
from app.services import telemaintenance as svc
from app.services.telemaintenance import TelemaintenanceSummary, TelemaintenanceView
from ui.intake.operations import Technician

# The list's three filters.
IN_PROGRESS = "in_progress"
WAITING = "waiting"
ALL = "all"


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
    session: Session, technician: Technician, reference: str, via: SentVia, document: str
) -> TelemaintenanceView:
    """Step 1: the written information was sent."""
    view = svc.inform(session, technician.actor(session), reference, via=via, document_reference=document or None)
    session.commit()
    return view


def consent(
    session: Session,
    technician: Technician,
    reference: str,
    by: str,
    via: ConsentVia,
    evidence_reference: str,
    evidence_file: Path | None,
    confirmed_non_rtc: bool,
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
    session: Session, technician: Technician, reference: str, items: Sequence[ConfirmedPrecaution]
) -> TelemaintenanceView:
    """Step 3: the protective operations the client confirmed."""
    view = svc.confirm_precautions(session, technician.actor(session), reference, items)
    session.commit()
    return view


def begin(session: Session, technician: Technician, reference: str) -> TelemaintenanceView:
    """The technician connects to the client's system: the start of step 4."""
    view = svc.begin(session, technician.actor(session), reference)
    session.commit()
    return view


def finish(
    session: Session, technician: Technician, reference: str, actions: str, files_touched: Sequence[str]
) -> TelemaintenanceView:
    """Step 4: the intervention is over, with what was done and the files actually touched."""
    view = svc.finish_intervention(
        session, technician.actor(session), reference, actions=actions, files_touched=files_touched
    )
    session.commit()
    return view


def notify(session: Session, technician: Technician, reference: str, via: NotifiedVia) -> TelemaintenanceView:
    """Step 5: the client was told its system is back to normal."""
    view = svc.notify_return_to_normal(session, technician.actor(session), reference, via=via)
    session.commit()
    return view


def report(session: Session, technician: Technician, reference: str, document: str) -> TelemaintenanceView:
    """Step 6: the written report was sent; the télémaintenance is complete."""
    view = svc.send_report(session, technician.actor(session), reference, document_reference=document or None)
    session.commit()
    return view
