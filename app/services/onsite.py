"""On-site interventions (R-19, art. 4.4), persisted: quote → specific order → visit scheduled → visit report.

The pure rules are in :mod:`app.domain.onsite_intervention`; each use case rebuilds the intervention from
its row, lets the domain accept or refuse the step, then writes the row, an audit entry (``onsite_step``)
and a line in the incident's history, in the caller's transaction. A refusal writes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Client, Incident, OnSiteJob
from app.domain.onsite_intervention import OnSiteIntervention, Quote, SpecificOrder, Visit, VisitReport
from app.domain.opening_hours import PARIS
from app.domain.telemaintenance import TelemaintenanceError
from app.domain.vocabulary import EventKind
from app.services import audit
from app.services import incidents as incident_service
from app.services.incidents import Actor

CENT = Decimal("0.01")


@dataclass(frozen=True)
class OnSiteView:
    id: uuid.UUID
    reference: str
    incident_number: str
    client_code: str
    client_name: str
    intervention: OnSiteIntervention

    @property
    def stage(self) -> str:
        """Where it stands, in French, for lists and the CLI."""
        done = self.intervention
        if done.report is not None:
            return "compte rendu enregistré"
        if done.visit is not None:
            return f"planifiée le {done.visit.at.astimezone(PARIS):%d/%m/%Y à %H:%M} ({done.visit.technician})"
        if done.order is not None:
            return "commandée : intervention à planifier"
        return "devis envoyé : commande spécifique attendue"


def parse_amount(text: str) -> Decimal:
    """« 1 234,50 », « 1234.5 » or « 450 € » as euros and cents; refuses anything else."""
    cleaned = text.replace("€", "").replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise TelemaintenanceError(f"Montant invalide « {text} » (par exemple 1 234,50).") from exc
    if not value.is_finite() or value < 0 or value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise TelemaintenanceError(f"Montant invalide « {text} » : euros et centimes, positif ou nul.")
    return value.quantize(CENT)


def find_job(session: Session, text: str) -> OnSiteJob:
    """By reference (``NCY-2600042-D/S1``) or by incident number (its latest on-site intervention)."""
    key = (text or "").strip().upper()
    job = session.execute(select(OnSiteJob).where(OnSiteJob.reference == key)).scalar_one_or_none()
    if job is None and key and "/" not in key:
        incident = incident_service.find_incident(session, key)
        job = session.execute(
            select(OnSiteJob).where(OnSiteJob.incident_id == incident.id).order_by(OnSiteJob.ordinal.desc()).limit(1)
        ).scalar_one_or_none()
    if job is None:
        raise TelemaintenanceError(f"Aucune intervention sur site « {text.strip()} ».")
    return job


def _domain(job: OnSiteJob) -> OnSiteIntervention:
    return OnSiteIntervention(
        quote=Quote(job.quote_number, Decimal(job.quote_amount), job.quote_date),
        order=SpecificOrder(job.order_reference, job.order_date) if job.order_reference and job.order_date else None,
        visit=Visit(job.visit_at, job.technician_name) if job.visit_at and job.technician_name else None,
        report=(
            VisitReport(job.duration_minutes, job.report_reference)
            if job.duration_minutes and job.report_reference
            else None
        ),
    )


def _view(session: Session, job: OnSiteJob) -> OnSiteView:
    incident = session.get(Incident, job.incident_id)
    assert incident is not None
    client = session.get(Client, incident.client_id)
    assert client is not None
    return OnSiteView(job.id, job.reference, incident.number, client.code, client.name, _domain(job))


def view(session: Session, text: str) -> OnSiteView:
    return _view(session, find_job(session, text))


def _log(session: Session, actor: Actor, job: OnSiteJob, step: str, payload: dict[str, object], line: str) -> None:
    now = datetime.now(UTC)
    audit.append(
        session,
        kind="onsite_step",
        subject=job.reference,
        payload={"step": step, **payload},
        actor=actor.name,
        station=actor.station,
        at=now,
    )
    incident = session.get(Incident, job.incident_id)
    assert incident is not None
    incident_service.append_history(
        session, incident, actor, EventKind.NOTE, at=now, text=f"Intervention sur site {job.reference} — {line}"
    )
    incident.updated_at = now
    session.flush()


def quote(
    session: Session, actor: Actor, incident_number: str, *, number: str, amount: Decimal, on: date
) -> OnSiteView:
    """Open an on-site intervention with the quote sent to the client."""
    incident = incident_service.find_incident(session, incident_number)
    priced = OnSiteIntervention().with_quote(Quote(number, amount, on))
    assert priced.quote is not None
    last = (
        session.execute(
            select(OnSiteJob.ordinal).where(OnSiteJob.incident_id == incident.id).order_by(OnSiteJob.ordinal.desc())
        )
        .scalars()
        .first()
    )
    ordinal = (last or 0) + 1
    job = OnSiteJob(
        reference=f"{incident.number}/S{ordinal}",
        incident_id=incident.id,
        ordinal=ordinal,
        quote_number=priced.quote.number,
        quote_amount=priced.quote.amount,
        quote_date=priced.quote.on,
        created_by_name=actor.name,
    )
    session.add(job)
    session.flush()
    amount_text = f"{priced.quote.amount:,.2f}".replace(",", "\u202f").replace(".", ",")
    _log(
        session,
        actor,
        job,
        "quote",
        {"number": priced.quote.number, "amount": str(priced.quote.amount), "on": priced.quote.on.isoformat()},
        f"devis {priced.quote.number} du {priced.quote.on:%d/%m/%Y}, {amount_text} € HT (facturable, art. 4.4).",
    )
    return _view(session, job)


def order(session: Session, actor: Actor, reference: str, *, order_reference: str, on: date) -> OnSiteView:
    """The client's specific order, which must follow the quote (R-19)."""
    job = find_job(session, reference)
    ordered = _domain(job).with_order(SpecificOrder(order_reference, on))
    assert ordered.order is not None
    job.order_reference, job.order_date = ordered.order.reference, ordered.order.on
    _log(
        session,
        actor,
        job,
        "order",
        {"reference": ordered.order.reference, "on": ordered.order.on.isoformat()},
        f"commande spécifique {ordered.order.reference} du {ordered.order.on:%d/%m/%Y}.",
    )
    return _view(session, job)


def schedule(session: Session, actor: Actor, reference: str, *, at: datetime, technician: str) -> OnSiteView:
    """Plan the visit; refused until both the quote and the specific order are recorded (R-19)."""
    job = find_job(session, reference)
    planned = _domain(job).schedule(Visit(at, technician))
    assert planned.visit is not None
    job.visit_at, job.technician_name = planned.visit.at, planned.visit.technician
    local = planned.visit.at.astimezone(PARIS)
    _log(
        session,
        actor,
        job,
        "schedule",
        {"at": planned.visit.at.isoformat(), "technician": planned.visit.technician},
        f"visite planifiée le {local:%d/%m/%Y à %H:%M} ({planned.visit.technician}).",
    )
    return _view(session, job)


def report(
    session: Session, actor: Actor, reference: str, *, duration_minutes: int, report_reference: str
) -> OnSiteView:
    """The visit took place: its duration (billed) and the report issued."""
    job = find_job(session, reference)
    done = _domain(job).record_report(VisitReport(duration_minutes, report_reference))
    assert done.report is not None
    job.duration_minutes, job.report_reference = done.report.duration_minutes, done.report.report_reference
    _log(
        session,
        actor,
        job,
        "report",
        {"duration_minutes": done.report.duration_minutes, "report": done.report.report_reference},
        f"visite effectuée, {done.report.duration_minutes} min facturables, "
        f"compte rendu {done.report.report_reference}.",
    )
    return _view(session, job)


__all__ = ["OnSiteView", "find_job", "order", "parse_amount", "quote", "report", "schedule", "view"]
