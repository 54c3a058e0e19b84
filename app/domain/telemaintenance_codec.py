"""Télémaintenance evidence to and from plain JSON values, and the state a workflow is in.

The service stores each step's evidence as canonical JSON (one append-only row per step) and rebuilds the
pure :class:`~app.domain.telemaintenance.Telemaintenance` from those rows, so every rule keeps being
checked by the domain, never by SQL. Pure: no database, no clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.domain.telemaintenance import (
    ConfirmedPrecaution,
    Consent,
    ConsentVia,
    Ending,
    Evidence,
    Information,
    Intervention,
    NotifiedVia,
    Precaution,
    PrecautionKind,
    Precautions,
    RecordedEnding,
    RecordedStep,
    Refusal,
    Report,
    ReturnToNormal,
    SentVia,
    Step,
    Telemaintenance,
    TelemaintenanceError,
    Withdrawal,
)
from app.domain.vocabulary import LabelledEnum

REFUSAL, WITHDRAWAL = "refusal", "withdrawal"


class TelemaintenanceState(LabelledEnum):
    """Where a remote intervention stands, as the list of interventions shows it."""

    TO_INFORM = "to_inform", "information du client à envoyer"
    WAITING_CONSENT = "waiting_consent", "en attente de l'accord écrit du client"
    WAITING_PRECAUTIONS = "waiting_precautions", "en attente des opérations de protection du client"
    READY = "ready", "prête : intervention à commencer"
    IN_PROGRESS = "in_progress", "intervention en cours"
    TO_NOTIFY = "to_notify", "retour à la normale à notifier"
    TO_REPORT = "to_report", "compte rendu écrit à envoyer"
    DONE = "done", "terminée"
    REFUSED = "refused", "accord refusé"
    WITHDRAWN = "withdrawn", "accord retiré"

    @property
    def waiting_on_client(self) -> bool:
        return self in (TelemaintenanceState.WAITING_CONSENT, TelemaintenanceState.WAITING_PRECAUTIONS)

    @property
    def finished(self) -> bool:
        return self in (TelemaintenanceState.DONE, TelemaintenanceState.REFUSED, TelemaintenanceState.WITHDRAWN)


def state_of(workflow: Telemaintenance, begun: bool) -> TelemaintenanceState:
    """The state of ``workflow``; ``begun`` says whether the intervention was started (step 4 not yet)."""
    if workflow.ending is not None:
        refused = isinstance(workflow.ending.evidence, Refusal)
        return TelemaintenanceState.REFUSED if refused else TelemaintenanceState.WITHDRAWN
    nxt = workflow.next_step
    if nxt is None:
        return TelemaintenanceState.DONE
    if nxt is Step.INTERVENTION:
        return TelemaintenanceState.IN_PROGRESS if begun else TelemaintenanceState.READY
    return {
        Step.INFORMATION: TelemaintenanceState.TO_INFORM,
        Step.CONSENT: TelemaintenanceState.WAITING_CONSENT,
        Step.PRECAUTIONS: TelemaintenanceState.WAITING_PRECAUTIONS,
        Step.RETURN_TO_NORMAL: TelemaintenanceState.TO_NOTIFY,
        Step.REPORT: TelemaintenanceState.TO_REPORT,
    }[nxt]


def precaution_to_dict(precaution: Precaution) -> dict[str, str]:
    return {"kind": precaution.kind.value, "detail": precaution.detail}


def precaution_from_dict(data: dict[str, Any]) -> Precaution:
    return Precaution(PrecautionKind(data["kind"]), data.get("detail", ""))


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def evidence_to_dict(evidence: Evidence | Ending) -> tuple[str, dict[str, Any]]:
    """The step code (a :class:`Step` value, or refusal/withdrawal) and the evidence as JSON values."""
    if isinstance(evidence, Information):
        return Step.INFORMATION.value, {
            "nature": evidence.nature,
            "files": list(evidence.files),
            "risks": evidence.risks,
            "delay_minutes": evidence.delay_minutes,
            "sent_via": evidence.sent_via.value,
            "document_reference": evidence.document_reference,
            "precautions_requested": [precaution_to_dict(p) for p in evidence.precautions_requested],
        }
    if isinstance(evidence, Consent):
        return Step.CONSENT.value, {
            "who": evidence.who,
            "is_rtc": evidence.is_rtc,
            "via": evidence.via.value,
            "evidence_reference": evidence.evidence_reference,
            "confirmed_non_rtc": evidence.confirmed_non_rtc,
        }
    if isinstance(evidence, Precautions):
        return Step.PRECAUTIONS.value, {
            "items": [{**precaution_to_dict(i.precaution), "confirmed_by": i.confirmed_by} for i in evidence.items]
        }
    if isinstance(evidence, Intervention):
        return Step.INTERVENTION.value, {
            "start": evidence.start.isoformat(),
            "end": evidence.end.isoformat(),
            "actions": evidence.actions,
            "files_touched": list(evidence.files_touched),
        }
    if isinstance(evidence, ReturnToNormal):
        return Step.RETURN_TO_NORMAL.value, {"when": evidence.when.isoformat(), "via": evidence.via.value}
    if isinstance(evidence, Report):
        return Step.REPORT.value, {
            "document_reference": evidence.document_reference,
            "sent_at": evidence.sent_at.isoformat(),
        }
    if isinstance(evidence, Refusal):
        return REFUSAL, {"who": evidence.who, "reason": evidence.reason}
    if isinstance(evidence, Withdrawal):
        return WITHDRAWAL, {"who": evidence.who, "reason": evidence.reason}
    raise TelemaintenanceError(f"Pièce inconnue pour une télémaintenance : {type(evidence).__name__}.")


def evidence_from_dict(code: str, data: dict[str, Any]) -> Evidence | Ending:
    """The inverse of :func:`evidence_to_dict` (the domain validates the values again)."""
    if code == Step.INFORMATION.value:
        return Information(
            nature=data["nature"],
            files=tuple(data["files"]),
            risks=data["risks"],
            delay_minutes=int(data["delay_minutes"]),
            sent_via=SentVia(data["sent_via"]),
            document_reference=data["document_reference"],
            precautions_requested=tuple(precaution_from_dict(p) for p in data["precautions_requested"]),
        )
    if code == Step.CONSENT.value:
        return Consent(
            who=data["who"],
            is_rtc=bool(data["is_rtc"]),
            via=ConsentVia(data["via"]),
            evidence_reference=data["evidence_reference"],
            confirmed_non_rtc=bool(data.get("confirmed_non_rtc", False)),
        )
    if code == Step.PRECAUTIONS.value:
        return Precautions(
            tuple(ConfirmedPrecaution(precaution_from_dict(i), i["confirmed_by"]) for i in data["items"])
        )
    if code == Step.INTERVENTION.value:
        return Intervention(
            start=_instant(data["start"]),
            end=_instant(data["end"]),
            actions=data["actions"],
            files_touched=tuple(data["files_touched"]),
        )
    if code == Step.RETURN_TO_NORMAL.value:
        return ReturnToNormal(when=_instant(data["when"]), via=NotifiedVia(data["via"]))
    if code == Step.REPORT.value:
        return Report(document_reference=data["document_reference"], sent_at=_instant(data["sent_at"]))
    if code == REFUSAL:
        return Refusal(who=data["who"], reason=data["reason"])
    if code == WITHDRAWAL:
        return Withdrawal(who=data["who"], reason=data["reason"])
    raise TelemaintenanceError(f"Étape inconnue enregistrée : « {code} ».")


def rebuild(rows: list[tuple[str, dict[str, Any], datetime, str]]) -> Telemaintenance:
    """The workflow from stored rows (code, evidence, at, author) in their recorded order.

    Rows are rebuilt as they were, without replaying ``record``'s checks: those were made when each row
    was written, and a later change of a rule must not make an old, lawful record unreadable.
    """
    steps: list[RecordedStep] = []
    ending: RecordedEnding | None = None
    for code, data, at, author in rows:
        evidence = evidence_from_dict(code, data)
        if isinstance(evidence, Refusal | Withdrawal):
            ending = RecordedEnding(evidence, at, author)
        else:
            steps.append(RecordedStep(Step(code), evidence, at, author))
    return Telemaintenance(tuple(steps), ending)
