"""Remote maintenance (*télémaintenance*, R-18) of an incident, persisted step by step.

Each use case loads the intervention's recorded steps, rebuilds the pure workflow
(:mod:`app.domain.telemaintenance`), lets it accept or refuse the new step, then writes in the caller's
transaction: one append-only step row with its evidence, one audit entry (``telemaintenance_step``), one
line in the incident's history, and the change of the incident's wait on the client, which pauses its
service-level clock (R-17) while consent and then the protective operations are awaited.

A refusal writes nothing. Two workstations recording the same step at once cannot both succeed: the
step's position is unique and the intervention row is versioned.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.db.models import Client, Contact, Document, Incident, TelemaintenanceJob, TelemaintenanceStepRow
from app.domain.audit_chain import canonical_payload
from app.domain.incident_lifecycle import OPEN_STATUSES
from app.domain.opening_hours import PARIS
from app.domain.telemaintenance import (
    DEFAULT_PRECAUTIONS,
    ConfirmedPrecaution,
    Consent,
    ConsentVia,
    FilesDifference,
    Information,
    Intervention,
    NotifiedVia,
    Precaution,
    Precautions,
    Refusal,
    Report,
    ReturnToNormal,
    SentVia,
    Step,
    Telemaintenance,
    TelemaintenanceError,
    Withdrawal,
)
from app.domain.telemaintenance_codec import (
    TelemaintenanceState,
    evidence_to_dict,
    precaution_from_dict,
    precaution_to_dict,
    rebuild,
    state_of,
)
from app.domain.text import fold
from app.domain.vocabulary import DocumentKind, EventKind
from app.services import audit
from app.services import incidents as incident_service
from app.services.calendar_config import current_calendar
from app.services.incident_search import index_incidents
from app.services.incidents import Actor

# Evidence files (a scanned signed form, a saved e-mail) are kept in the database with their digest.
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
_WAIT_OF_STATE = {
    TelemaintenanceState.WAITING_CONSENT: "consent",
    TelemaintenanceState.WAITING_PRECAUTIONS: "backup",
}


@dataclass(frozen=True)
class ContactChoice:
    """A contact of the client who may give or refuse the consent; only an RTC is expected to (R-02)."""

    id: uuid.UUID
    name: str
    is_rtc: bool
    # The contact's position (« Secrétaire de mairie »), proposed as the signer's capacity on the report.
    job_title: str = ""


@dataclass(frozen=True)
class TelemaintenanceView:
    """Everything the stepper, the CLI and the reports show of one intervention."""

    id: uuid.UUID
    reference: str
    incident_number: str
    incident_title: str
    client_code: str
    client_name: str
    state: TelemaintenanceState
    state_since: datetime
    created_at: datetime
    created_by: str
    begun_at: datetime | None
    nature: str
    files: tuple[str, ...]
    risks: str
    delay_minutes: int
    precautions_requested: tuple[Precaution, ...]
    workflow: Telemaintenance
    contacts: tuple[ContactChoice, ...]
    # Hotline minutes the client has kept the intervention waiting so far, open spans counted to now.
    waited_minutes: float

    @property
    def next_step(self) -> Step | None:
        return self.workflow.next_step

    @property
    def files_difference(self) -> FilesDifference | None:
        return self.workflow.files_difference()

    def history(self) -> list[str]:
        created = self.created_at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")
        prepared = (
            f"{created} — {self.created_by} — Télémaintenance {self.reference} préparée pour l'incident "
            f"{self.incident_number} : {self.nature}."
        )
        return [prepared, *self.workflow.history()]


@dataclass(frozen=True)
class TelemaintenanceSummary:
    """One line of the list of interventions."""

    id: uuid.UUID
    reference: str
    incident_number: str
    incident_title: str
    client_code: str
    client_name: str
    nature: str
    state: TelemaintenanceState
    state_since: datetime
    # Hotline minutes spent in the current state (the wait on the client, for those waiting).
    minutes_in_state: float


# --- finding ---------------------------------------------------------------------------------------------


def find_job(session: Session, text: str) -> TelemaintenanceJob:
    """An intervention by its reference (``NCY-2600042-D/T1``), or by its incident's number: the one in
    progress, else the latest."""
    key = (text or "").strip().upper()
    if not key:
        raise TelemaintenanceError("Référence de télémaintenance à renseigner (par exemple NCY-2600042-D/T1).")
    job = session.execute(select(TelemaintenanceJob).where(TelemaintenanceJob.reference == key)).scalar_one_or_none()
    if job is not None:
        return job
    if "/" not in key:
        try:
            incident = incident_service.find_incident(session, key)
        except incident_service.IncidentError:
            incident = None
        if incident is not None:
            jobs = list(
                session.execute(
                    select(TelemaintenanceJob)
                    .where(TelemaintenanceJob.incident_id == incident.id)
                    .order_by(TelemaintenanceJob.ordinal.desc())
                ).scalars()
            )
            active = [j for j in jobs if not j.state.finished]
            if active or jobs:
                return (active or jobs)[0]
            raise TelemaintenanceError(f"Aucune télémaintenance pour l'incident n° {incident.number}.")
    raise TelemaintenanceError(f"Aucune télémaintenance « {text.strip()} ».")


def _job_for_update(session: Session, text: str) -> TelemaintenanceJob:
    """The intervention a write use case changes, with the writers' lock taken before reading it."""
    audit.take_writers_lock(session)
    job = find_job(session, text)
    if session.get_bind().dialect.name != "sqlite":
        session.refresh(job, with_for_update=True)
    return job


def _rows(session: Session, job: TelemaintenanceJob) -> list[TelemaintenanceStepRow]:
    return list(
        session.execute(
            select(TelemaintenanceStepRow)
            .where(TelemaintenanceStepRow.telemaintenance_id == job.id)
            .order_by(TelemaintenanceStepRow.position)
        ).scalars()
    )


def _workflow(rows: Sequence[TelemaintenanceStepRow]) -> Telemaintenance:
    return rebuild([(r.step, json.loads(r.evidence), r.at, r.author_name) for r in rows])


def _contacts(session: Session, client_id: uuid.UUID, today: date) -> tuple[ContactChoice, ...]:
    contacts = session.execute(
        select(Contact).where(Contact.client_id == client_id, Contact.active.is_(True)).order_by(Contact.last_name)
    ).scalars()
    choices = [ContactChoice(c.id, c.full_name, _is_rtc(c, today), c.job_title or "") for c in contacts]
    # RTC first: they are the ones expected to consent.
    return tuple(sorted(choices, key=lambda c: (not c.is_rtc, fold(c.name))))


def _is_rtc(contact: Contact, today: date) -> bool:
    if not contact.is_rtc:
        return False
    if contact.rtc_since is not None and contact.rtc_since > today:
        return False
    return contact.rtc_until is None or contact.rtc_until >= today


def _waited(workflow: Telemaintenance, session: Session, now: datetime) -> float:
    calendar = current_calendar(session)
    return sum(calendar.business_minutes(start, end or now) for start, end in workflow.pause_intervals())


def view(session: Session, text: str, now: datetime | None = None) -> TelemaintenanceView:
    job = find_job(session, text)
    return _view(session, job, now or datetime.now(UTC))


def _view(session: Session, job: TelemaintenanceJob, now: datetime) -> TelemaintenanceView:
    workflow = _workflow(_rows(session, job))
    incident = session.get(Incident, job.incident_id)
    assert incident is not None
    client = session.get(Client, incident.client_id)
    assert client is not None
    return TelemaintenanceView(
        id=job.id,
        reference=job.reference,
        incident_number=incident.number,
        incident_title=incident.title,
        client_code=client.code,
        client_name=client.name,
        state=job.state,
        state_since=job.state_since,
        created_at=job.created_at,
        created_by=job.created_by_name,
        begun_at=job.begun_at,
        nature=job.nature,
        files=tuple(json.loads(job.files)),
        risks=job.risks,
        delay_minutes=job.delay_minutes,
        precautions_requested=tuple(precaution_from_dict(p) for p in json.loads(job.precautions_requested)),
        workflow=workflow,
        contacts=_contacts(session, client.id, now.astimezone(PARIS).date()),
        waited_minutes=_waited(workflow, session, now),
    )


def list_jobs(
    session: Session,
    *,
    waiting_only: bool = False,
    include_finished: bool = False,
    incident_number: str | None = None,
    now: datetime | None = None,
    limit: int = 500,
) -> list[TelemaintenanceSummary]:
    """Interventions, longest-waiting first; ``waiting_only`` keeps those waiting on the client."""
    now = now or datetime.now(UTC)
    query = (
        select(TelemaintenanceJob, Incident.number, Incident.title, Client.code, Client.name)
        .join(Incident, Incident.id == TelemaintenanceJob.incident_id)
        .join(Client, Client.id == Incident.client_id)
        .order_by(TelemaintenanceJob.state_since, TelemaintenanceJob.reference)
        .limit(limit)
    )
    if waiting_only:
        query = query.where(TelemaintenanceJob.state.in_(list(_WAIT_OF_STATE)))
    elif not include_finished:
        query = query.where(TelemaintenanceJob.state.not_in([s for s in TelemaintenanceState if s.finished]))
    if incident_number:
        query = query.where(Incident.id == incident_service.find_incident(session, incident_number).id)
    calendar = current_calendar(session)
    return [
        TelemaintenanceSummary(
            id=job.id,
            reference=job.reference,
            incident_number=number,
            incident_title=title,
            client_code=code,
            client_name=name,
            nature=job.nature,
            state=job.state,
            state_since=job.state_since,
            minutes_in_state=0.0 if job.state.finished else calendar.business_minutes(job.state_since, now),
        )
        for job, number, title, code, name in session.execute(query)
    ]


# --- writing ---------------------------------------------------------------------------------------------


def _note(session: Session, incident: Incident, actor: Actor, text: str, at: datetime) -> None:
    # The incident's own history tells the story too: its progress report reads like the record.
    incident_service.append_history(session, incident, actor, EventKind.NOTE, at=at, text=text)
    incident.updated_at = datetime.now(UTC)


def _set_wait(
    session: Session,
    actor: Actor,
    incident: Incident,
    before: TelemaintenanceState,
    after: TelemaintenanceState,
    at: datetime,
) -> None:
    wait_before, wait_after = _WAIT_OF_STATE.get(before), _WAIT_OF_STATE.get(after)
    if wait_before == wait_after or incident.status not in OPEN_STATUSES:
        return
    incident_service.set_waiting(session, actor, incident.number, wait_after, at=at)


def _flush(session: Session, reference: str) -> None:
    try:
        session.flush()
    except (IntegrityError, StaleDataError) as exc:
        raise TelemaintenanceError(
            f"La télémaintenance {reference} vient d'être modifiée depuis un autre poste : "
            "rouvrir la fiche pour voir l'étape enregistrée."
        ) from exc


def _record(
    session: Session,
    actor: Actor,
    job: TelemaintenanceJob,
    evidence: Any,
    at: datetime | None,
    document_id: uuid.UUID | None = None,
) -> TelemaintenanceView:
    when = (at or datetime.now(UTC)).astimezone(UTC)
    _not_in_future(when)
    rows = _rows(session, job)
    before = _workflow(rows)
    after = before.record(evidence, when, actor.name)
    code, data = evidence_to_dict(evidence)
    text = canonical_payload(data)
    position = len(rows) + 1
    session.add(
        TelemaintenanceStepRow(
            telemaintenance_id=job.id,
            position=position,
            step=code,
            at=when,
            author_id=actor.technician_id,
            author_name=actor.name,
            evidence=text,
            document_id=document_id,
        )
    )
    previous_state = job.state
    job.state = state_of(after, begun=job.begun_at is not None)
    if job.state is not previous_state:
        job.state_since = when
    audit.append(
        session,
        kind="telemaintenance_step",
        subject=job.reference,
        payload={"position": position, "step": code, "at": when.isoformat(), "author": actor.name, "evidence": data},
        actor=actor.name,
        station=actor.station,
        at=when,
    )
    incident = session.get(Incident, job.incident_id)
    assert incident is not None
    line = after.history()[-1].split(" — ", 2)[-1]
    _note(session, incident, actor, f"Télémaintenance {job.reference} — {line}", when)
    _set_wait(session, actor, incident, previous_state, job.state, when)
    _flush(session, job.reference)
    index_incidents(session, [incident.id])
    return _view(session, job, datetime.now(UTC))


# Clocks of two workstations may differ a little; beyond that, a future date is a typing mistake.
CLOCK_TOLERANCE = timedelta(minutes=2)


def _not_in_future(when: datetime) -> None:
    """A step is recorded once it happened: a date in the future is refused (the record is a legal one)."""
    if when > datetime.now(UTC) + CLOCK_TOLERANCE:
        local = when.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")
        raise TelemaintenanceError(f"Le {local} est dans le futur : une étape s'enregistre une fois qu'elle a eu lieu.")


def _check_files(files: Iterable[str]) -> tuple[str, ...]:
    return tuple(f.strip() for f in files if f and f.strip())


def start(
    session: Session,
    actor: Actor,
    incident_number: str,
    *,
    nature: str,
    files: Sequence[str],
    risks: str,
    delay_minutes: int,
    precautions: Sequence[Precaution] = DEFAULT_PRECAUTIONS,
    at: datetime | None = None,
) -> TelemaintenanceView:
    """Prepare a télémaintenance of an open incident: what step 1 will tell the client."""
    audit.take_writers_lock(session)
    incident = incident_service.find_incident(session, incident_number)
    if incident.status not in OPEN_STATUSES:
        raise TelemaintenanceError(
            f"L'incident n° {incident.number} est {incident.status.label.lower()} : "
            "une télémaintenance ne se prépare que sur un incident ouvert."
        )
    # The written information's own checks, before anything is saved (the sending is recorded later).
    draft = Information(
        nature=nature,
        files=_check_files(files),
        risks=risks,
        delay_minutes=delay_minutes,
        sent_via=SentVia.EMAIL,
        document_reference="-",
        precautions_requested=tuple(precautions),
    )
    jobs = list(
        session.execute(select(TelemaintenanceJob).where(TelemaintenanceJob.incident_id == incident.id)).scalars()
    )
    active = [j for j in jobs if not j.state.finished]
    if active:
        raise TelemaintenanceError(
            f"La télémaintenance {active[0].reference} de cet incident n'est pas terminée "
            f"({active[0].state.label}) : la mener à son terme avant d'en préparer une autre."
        )
    ordinal = max((j.ordinal for j in jobs), default=0) + 1
    when = (at or datetime.now(UTC)).astimezone(UTC)
    job = TelemaintenanceJob(
        reference=f"{incident.number}/T{ordinal}",
        incident_id=incident.id,
        ordinal=ordinal,
        nature=draft.nature,
        files=json.dumps(list(draft.files), ensure_ascii=False),
        risks=draft.risks,
        delay_minutes=draft.delay_minutes,
        precautions_requested=json.dumps([precaution_to_dict(p) for p in draft.precautions_requested]),
        state=TelemaintenanceState.TO_INFORM,
        state_since=when,
        created_at=when,
        created_by_id=actor.technician_id,
        created_by_name=actor.name,
    )
    session.add(job)
    audit.append(
        session,
        kind="telemaintenance_start",
        subject=job.reference,
        payload={
            "incident": incident.number,
            "nature": draft.nature,
            "files": list(draft.files),
            "risks": draft.risks,
            "delay_minutes": draft.delay_minutes,
            "precautions_requested": [precaution_to_dict(p) for p in draft.precautions_requested],
        },
        actor=actor.name,
        station=actor.station,
        at=when,
    )
    _note(
        session,
        incident,
        actor,
        f"Télémaintenance {job.reference} préparée : {draft.nature} (fichiers : {', '.join(draft.files)}).",
        when,
    )
    _flush(session, job.reference)
    index_incidents(session, [incident.id])
    return _view(session, job, datetime.now(UTC))


def inform(
    session: Session,
    actor: Actor,
    reference: str,
    *,
    via: SentVia,
    document_reference: str | None = None,
    document_id: uuid.UUID | None = None,
    at: datetime | None = None,
) -> TelemaintenanceView:
    """Step 1: the written information was sent to the client (how, and which document)."""
    job = _job_for_update(session, reference)
    evidence = Information(
        nature=job.nature,
        files=tuple(json.loads(job.files)),
        risks=job.risks,
        delay_minutes=job.delay_minutes,
        sent_via=via,
        document_reference=document_reference or f"Information écrite {job.reference}",
        precautions_requested=tuple(precaution_from_dict(p) for p in json.loads(job.precautions_requested)),
    )
    return _record(session, actor, job, evidence, at, document_id)


def _person(session: Session, job: TelemaintenanceJob, who: str) -> tuple[str, bool]:
    """The consenting person's name as recorded, and whether they are an RTC of the client today."""
    text = (who or "").strip()
    if not text:
        raise TelemaintenanceError("Personne ayant donné ou refusé l'accord : à renseigner.")
    incident = session.get(Incident, job.incident_id)
    assert incident is not None
    today = datetime.now(UTC).astimezone(PARIS).date()
    contacts = list(
        session.execute(
            select(Contact).where(Contact.client_id == incident.client_id, Contact.active.is_(True))
        ).scalars()
    )
    try:
        wanted_id: uuid.UUID | None = uuid.UUID(text)
    except ValueError:
        wanted_id = None
    key = fold(text)
    for contact in contacts:
        names = {fold(contact.full_name), fold(f"{contact.last_name} {contact.first_name}")}
        if contact.id == wanted_id or key in names:
            return contact.full_name, _is_rtc(contact, today)
    return text, False


def _store_evidence(session: Session, actor: Actor, job: TelemaintenanceJob, path: Path) -> tuple[str, uuid.UUID]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TelemaintenanceError(f"Pièce justificative illisible : {path} ({exc.strerror or exc}).") from exc
    if not data:
        raise TelemaintenanceError(f"Pièce justificative vide : {path}.")
    if len(data) > MAX_EVIDENCE_BYTES:
        raise TelemaintenanceError(f"Pièce justificative trop volumineuse (plus de 20 Mo) : {path}.")
    digest = hashlib.sha256(data).hexdigest()
    incident = session.get(Incident, job.incident_id)
    assert incident is not None
    media = "application/pdf" if data.startswith(b"%PDF") else "application/octet-stream"
    document = Document(
        kind=DocumentKind.OTHER,
        title=f"Accord écrit — télémaintenance {job.reference}",
        incident_id=incident.id,
        client_id=incident.client_id,
        filename=path.name[:200],
        media_type=media,
        content=data,
        sha256=digest,
        size_bytes=len(data),
        created_by_id=actor.technician_id,
    )
    session.add(document)
    session.flush()
    audit.append(
        session,
        kind="document_received",
        subject=job.reference,
        payload={"document": str(document.id), "filename": document.filename, "sha256": digest, "size": len(data)},
        actor=actor.name,
        station=actor.station,
    )
    return f"{path.name} (SHA-256 {digest[:16]}…)", document.id


def consent(
    session: Session,
    actor: Actor,
    reference: str,
    *,
    by: str,
    via: ConsentVia,
    evidence_reference: str | None = None,
    evidence_file: Path | None = None,
    confirmed_non_rtc: bool = False,
    at: datetime | None = None,
) -> TelemaintenanceView:
    """Step 2: the client's prior written consent. A person who is not an RTC raises ConsentWarning
    unless ``confirmed_non_rtc``; the evidence is a reference, or a file kept with its SHA-256."""
    job = _job_for_update(session, reference)
    who, is_rtc = _person(session, job, by)
    if evidence_file is None and not (evidence_reference or "").strip():
        raise TelemaintenanceError(
            "Pièce justificative de l'accord : joindre le fichier (formulaire signé, e-mail) ou en donner la référence."
        )
    candidate = Consent(
        who=who,
        is_rtc=is_rtc,
        via=via,
        evidence_reference=evidence_reference or "-",
        confirmed_non_rtc=confirmed_non_rtc,
    )
    # Order and RTC checks before the evidence file is stored, so a refusal leaves nothing behind.
    _workflow(_rows(session, job)).record(candidate, (at or datetime.now(UTC)).astimezone(UTC), actor.name)
    document_id = None
    reference_text = (evidence_reference or "").strip()
    if evidence_file is not None:
        stored, document_id = _store_evidence(session, actor, job, evidence_file)
        reference_text = f"{reference_text} — {stored}" if reference_text else stored
    evidence = Consent(who, is_rtc, via, reference_text, confirmed_non_rtc)
    return _record(session, actor, job, evidence, at, document_id)


def refuse(
    session: Session, actor: Actor, reference: str, *, by: str, reason: str, at: datetime | None = None
) -> TelemaintenanceView:
    """The client refuses consent: the télémaintenance ends, nothing is touched."""
    job = _job_for_update(session, reference)
    who, _ = _person(session, job, by)
    return _record(session, actor, job, Refusal(who, reason), at)


def withdraw(
    session: Session, actor: Actor, reference: str, *, by: str, reason: str, at: datetime | None = None
) -> TelemaintenanceView:
    """The client withdraws its consent before the intervention: it ends there."""
    job = _job_for_update(session, reference)
    who, _ = _person(session, job, by)
    return _record(session, actor, job, Withdrawal(who, reason), at)


def confirm_precautions(
    session: Session,
    actor: Actor,
    reference: str,
    items: Sequence[ConfirmedPrecaution],
    at: datetime | None = None,
) -> TelemaintenanceView:
    """Step 3: the protective operations the client confirmed, each with who confirmed it."""
    job = _job_for_update(session, reference)
    return _record(session, actor, job, Precautions(tuple(items)), at)


def begin(session: Session, actor: Actor, reference: str, at: datetime | None = None) -> TelemaintenanceView:
    """The technician connects to the client's system: the start of step 4, recorded when it ends."""
    job = _job_for_update(session, reference)
    workflow = _workflow(_rows(session, job))
    when = (at or datetime.now(UTC)).astimezone(UTC)
    workflow.check_not_finished()
    expected = workflow.next_step
    if expected is not Step.INTERVENTION:
        assert expected is not None
        if expected.number > Step.INTERVENTION.number:
            raise TelemaintenanceError("L'intervention est déjà enregistrée (étape 4).", missing=expected)
        raise TelemaintenanceError(
            f"Étape {expected.number} ({expected.label}) manquante : elle doit précéder l'intervention.",
            missing=expected,
        )
    if job.begun_at is not None:
        began = job.begun_at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")
        raise TelemaintenanceError(f"Intervention déjà commencée le {began} : l'enregistrer une fois terminée.")
    last = workflow.steps[-1].at
    if when < last:
        raise TelemaintenanceError(
            "L'intervention ne peut commencer avant la confirmation des opérations de protection "
            f"({last.astimezone(PARIS):%d/%m/%Y %H:%M})."
        )
    _not_in_future(when)
    job.begun_at = when
    job.state = TelemaintenanceState.IN_PROGRESS
    job.state_since = when
    audit.append(
        session,
        kind="telemaintenance_begin",
        subject=job.reference,
        payload={"at": when.isoformat(), "author": actor.name},
        actor=actor.name,
        station=actor.station,
        at=when,
    )
    incident = session.get(Incident, job.incident_id)
    assert incident is not None
    _note(session, incident, actor, f"Télémaintenance {job.reference} — début de l'intervention.", when)
    _flush(session, job.reference)
    return _view(session, job, datetime.now(UTC))


def finish_intervention(
    session: Session,
    actor: Actor,
    reference: str,
    *,
    actions: str,
    files_touched: Sequence[str],
    start: datetime | None = None,
    end: datetime | None = None,
    at: datetime | None = None,
) -> TelemaintenanceView:
    """Step 4: the intervention is over; what was done and on which files (a difference is flagged)."""
    job = _job_for_update(session, reference)
    began = start or job.begun_at
    if began is None:
        raise TelemaintenanceError(
            "Début de l'intervention inconnu : le noter au moment de la connexion (« commencer ») ou le préciser.",
            missing=Step.INTERVENTION,
        )
    when = (at or datetime.now(UTC)).astimezone(UTC)
    evidence = Intervention(began, end or when, actions, _check_files(files_touched))
    return _record(session, actor, job, evidence, when)


def notify_return_to_normal(
    session: Session,
    actor: Actor,
    reference: str,
    *,
    via: NotifiedVia,
    when: datetime | None = None,
    at: datetime | None = None,
) -> TelemaintenanceView:
    """Step 5: the client was told its system is back to normal."""
    job = _job_for_update(session, reference)
    recorded = (at or datetime.now(UTC)).astimezone(UTC)
    return _record(session, actor, job, ReturnToNormal(when or recorded, via), recorded)


def send_report(
    session: Session,
    actor: Actor,
    reference: str,
    *,
    document_reference: str | None = None,
    document_id: uuid.UUID | None = None,
    sent_at: datetime | None = None,
    at: datetime | None = None,
) -> TelemaintenanceView:
    """Step 6: the written report was sent; the télémaintenance is complete."""
    job = _job_for_update(session, reference)
    recorded = (at or datetime.now(UTC)).astimezone(UTC)
    evidence = Report(document_reference or f"Compte rendu {job.reference}", sent_at or recorded)
    return _record(session, actor, job, evidence, recorded, document_id)


__all__ = [
    "ContactChoice",
    "TelemaintenanceError",
    "TelemaintenanceSummary",
    "TelemaintenanceView",
    "begin",
    "confirm_precautions",
    "consent",
    "find_job",
    "finish_intervention",
    "inform",
    "list_jobs",
    "notify_return_to_normal",
    "refuse",
    "send_report",
    "start",
    "view",
    "withdraw",
]
