"""Remote maintenance (*télémaintenance*, R-18): the six steps in their strict order, as pure values.

Acting on a public body's data is only lawful after the client was informed in writing and consented
in writing beforehand, so the workflow refuses any step recorded before the previous one, twice, or after
the end (report sent, consent refused or withdrawn). Every refusal names the step that is missing, in
French, because the technician reads it during the call.

Pure: no database, no clock, no Qt. A ``Telemaintenance`` is immutable; ``record`` returns a new one, so
the service can persist the new step and the audit row before anything is considered done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.opening_hours import PARIS
from app.domain.vocabulary import LabelledEnum


class TelemaintenanceError(ValueError):
    """A step that cannot be recorded now, or evidence that is incomplete; the French message says why."""

    def __init__(self, message: str, missing: Step | None = None) -> None:
        super().__init__(message)
        # The GUI stepper highlights this step; None when nothing is missing (e.g. bad evidence).
        self.missing = missing


class ConsentWarning(TelemaintenanceError):
    """R-02/R-03: the consent comes from someone who is not an RTC of the client.

    A separate type so that the GUI and CLI can ask the technician to confirm and retry with
    ``confirmed_non_rtc=True``, instead of showing a plain refusal.
    """


class Step(LabelledEnum):
    """R-18's six steps, in their contractual order (the declaration order is the order)."""

    INFORMATION = "information", "information écrite du client"
    CONSENT = "consent", "accord écrit préalable du client"
    PRECAUTIONS = "precautions", "opérations de protection confirmées par le client"
    INTERVENTION = "intervention", "intervention"
    RETURN_TO_NORMAL = "return_to_normal", "notification du retour à la normale"
    REPORT = "report", "envoi du compte rendu écrit"

    @property
    def number(self) -> int:
        """1 to 6, as the contract and the stepper number them."""
        return _ORDER.index(self) + 1

    @property
    def as_object(self) -> str:
        """The step as the object of « doit précéder … », for order messages."""
        return _AS_OBJECT[self]


_ORDER: tuple[Step, ...] = tuple(Step)
_AS_OBJECT = {
    Step.INFORMATION: "l'information écrite du client",
    Step.CONSENT: "l'accord écrit préalable",
    Step.PRECAUTIONS: "la confirmation des opérations de protection",
    Step.INTERVENTION: "l'intervention",
    Step.RETURN_TO_NORMAL: "la notification du retour à la normale",
    Step.REPORT: "l'envoi du compte rendu écrit",
}


class SentVia(LabelledEnum):
    """How a written document (information, report) reached the client: all three leave a trace."""

    PORTAL = "portal", "espace client"
    EMAIL = "email", "e-mail"
    LETTER = "letter", "courrier"


class ConsentVia(LabelledEnum):
    """How the written consent was given (R-18 step 2): each is a written, keepable proof."""

    SIGNED_FORM = "signed_form", "formulaire signé"
    EMAIL = "email", "e-mail"
    PORTAL = "portal", "acceptation sur l'espace client"


class NotifiedVia(LabelledEnum):
    """How the client was told its system is back to normal (step 5 need not be written)."""

    PHONE = "phone", "téléphone"
    EMAIL = "email", "e-mail"
    PORTAL = "portal", "espace client"
    LETTER = "letter", "courrier"


class PrecautionKind(LabelledEnum):
    """R-18 step 3: the protective operations the client may be asked to perform."""

    FULL_BACKUP = "full_backup", "sauvegarde complète"
    PARTIAL_BACKUP = "partial_backup", "sauvegarde partielle"
    STOP_OF_USE = "stop_of_use", "arrêt de l'utilisation"
    OTHER = "other", "autre opération"


def _fmt(at: datetime) -> str:
    """Dates as the hotline reads them: Paris time, day first."""
    return at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def _require_text(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TelemaintenanceError(f"{what} : à renseigner.")
    return value.strip()


def _require_aware(at: datetime, what: str) -> None:
    # A naive datetime is ambiguous once stored and compared across workstations: refuse it early.
    if not isinstance(at, datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise TelemaintenanceError(f"{what} : date et heure avec fuseau horaire attendues.")


def _files(files: tuple[str, ...] | list[str], what: str) -> tuple[str, ...]:
    cleaned = tuple(_require_text(f, what) for f in files)
    return cleaned


def _file_key(name: str) -> str:
    # File names on the clients' Windows servers are case-insensitive.
    return name.strip().casefold()


@dataclass(frozen=True)
class Precaution:
    """One protective operation; ``detail`` names an « other » one (and may refine a backup's scope)."""

    kind: PrecautionKind
    detail: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "detail", self.detail.strip())
        if self.kind is PrecautionKind.OTHER and not self.detail:
            raise TelemaintenanceError("Autre opération de protection : préciser laquelle.")

    @property
    def label(self) -> str:
        if self.kind is PrecautionKind.OTHER:
            return self.detail
        return f"{self.kind.label} ({self.detail})" if self.detail else self.kind.label

    def satisfied_by(self, done: Precaution) -> bool:
        """Whether ``done`` fulfils this request; a full backup covers a requested partial one."""
        if self.kind is PrecautionKind.OTHER:
            return done.kind is PrecautionKind.OTHER and _file_key(done.detail) == _file_key(self.detail)
        if self.kind is PrecautionKind.PARTIAL_BACKUP and done.kind is PrecautionKind.FULL_BACKUP:
            return True
        return done.kind is self.kind


DEFAULT_PRECAUTIONS = (Precaution(PrecautionKind.FULL_BACKUP), Precaution(PrecautionKind.STOP_OF_USE))


@dataclass(frozen=True)
class Information:
    """Step 1: the written information sent to the client before anything else."""

    nature: str
    files: tuple[str, ...]
    risks: str
    delay_minutes: int
    sent_via: SentVia
    document_reference: str
    precautions_requested: tuple[Precaution, ...] = DEFAULT_PRECAUTIONS

    def __post_init__(self) -> None:
        object.__setattr__(self, "nature", _require_text(self.nature, "Nature de l'intervention"))
        object.__setattr__(self, "risks", _require_text(self.risks, "Risques possibles"))
        object.__setattr__(self, "document_reference", _require_text(self.document_reference, "Document émis"))
        object.__setattr__(self, "files", _files(self.files, "Fichier concerné"))
        object.__setattr__(self, "precautions_requested", tuple(self.precautions_requested))
        if not self.files:
            raise TelemaintenanceError("Fichiers concernés : au moins un fichier doit être annoncé au client.")
        if isinstance(self.delay_minutes, bool) or not isinstance(self.delay_minutes, int) or self.delay_minutes <= 0:
            raise TelemaintenanceError("Délai prévu : un nombre de minutes supérieur à zéro est attendu.")

    def describe(self) -> str:
        requested = ", ".join(p.label for p in self.precautions_requested) or "aucune"
        return (
            f"{Step.INFORMATION.label} envoyée par {self.sent_via.label}, document {self.document_reference} — "
            f"nature : {self.nature} ; fichiers concernés : {', '.join(self.files)} ; risques : {self.risks} ; "
            f"délai prévu : {self.delay_minutes} min ; opérations de protection demandées : {requested}."
        )


@dataclass(frozen=True)
class Consent:
    """Step 2: the prior written consent. ``is_rtc`` comes from the caller, who knows the client's RTC."""

    who: str
    is_rtc: bool
    via: ConsentVia
    evidence_reference: str
    confirmed_non_rtc: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "who", _require_text(self.who, "Personne ayant donné l'accord"))
        object.__setattr__(self, "evidence_reference", _require_text(self.evidence_reference, "Pièce justificative"))

    def describe(self) -> str:
        status = "RTC" if self.is_rtc else "non RTC, accord confirmé par le technicien"
        return (
            f"accord écrit préalable donné par {self.who} ({status}) par {self.via.label}, "
            f"pièce {self.evidence_reference}."
        )


@dataclass(frozen=True)
class Refusal:
    """The client refuses consent (instead of step 2): the intervention ends there."""

    who: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "who", _require_text(self.who, "Personne ayant refusé"))
        object.__setattr__(self, "reason", _require_text(self.reason, "Motif du refus"))

    def describe(self) -> str:
        return f"refus de l'accord par {self.who} : {self.reason}. Fin de la télémaintenance."


@dataclass(frozen=True)
class Withdrawal:
    """The client withdraws a consent already given, before the intervention: it ends there."""

    who: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "who", _require_text(self.who, "Personne ayant retiré l'accord"))
        object.__setattr__(self, "reason", _require_text(self.reason, "Motif du retrait"))

    def describe(self) -> str:
        return f"retrait de l'accord par {self.who} : {self.reason}. Fin de la télémaintenance."


@dataclass(frozen=True)
class ConfirmedPrecaution:
    """One protective operation ticked, with who at the client confirmed it was done."""

    precaution: Precaution
    confirmed_by: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "confirmed_by", _require_text(self.confirmed_by, "Confirmé par"))


@dataclass(frozen=True)
class Precautions:
    """Step 3: the protective operations the client confirmed."""

    items: tuple[ConfirmedPrecaution, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))

    def missing(self, requested: tuple[Precaution, ...]) -> tuple[Precaution, ...]:
        """The requested operations no confirmed item fulfils."""
        return tuple(r for r in requested if not any(r.satisfied_by(i.precaution) for i in self.items))

    def describe(self) -> str:
        done = ", ".join(f"{i.precaution.label} (par {i.confirmed_by})" for i in self.items) or "aucune demandée"
        return f"{Step.PRECAUTIONS.label} : {done}."


@dataclass(frozen=True)
class FilesDifference:
    """Step 4 against step 1: files touched but not announced, and announced files left alone."""

    added: tuple[str, ...]
    not_touched: tuple[str, ...]

    @property
    def any(self) -> bool:
        return bool(self.added or self.not_touched)

    def describe(self) -> str:
        if not self.any:
            return "conformes à l'information"
        parts = []
        if self.added:
            parts.append(f"non annoncés : {', '.join(self.added)}")
        if self.not_touched:
            parts.append(f"annoncés mais non touchés : {', '.join(self.not_touched)}")
        return "ÉCART avec l'information — " + " ; ".join(parts)


def files_difference(planned: tuple[str, ...], touched: tuple[str, ...]) -> FilesDifference:
    """Compare file lists case-insensitively, keeping each list's own spelling and order."""
    planned_keys = {_file_key(f) for f in planned}
    touched_keys = {_file_key(f) for f in touched}
    return FilesDifference(
        added=tuple(f for f in touched if _file_key(f) not in planned_keys),
        not_touched=tuple(f for f in planned if _file_key(f) not in touched_keys),
    )


@dataclass(frozen=True)
class Intervention:
    """Step 4: what was actually done, and on which files."""

    start: datetime
    end: datetime
    actions: str
    files_touched: tuple[str, ...]

    def __post_init__(self) -> None:
        _require_aware(self.start, "Début de l'intervention")
        _require_aware(self.end, "Fin de l'intervention")
        if self.end < self.start:
            raise TelemaintenanceError("La fin de l'intervention précède son début.")
        object.__setattr__(self, "actions", _require_text(self.actions, "Actions réalisées"))
        object.__setattr__(self, "files_touched", _files(self.files_touched, "Fichier touché"))

    def describe(self, planned: tuple[str, ...] | None = None) -> str:
        text = (
            f"intervention du {_fmt(self.start)} au {_fmt(self.end)} — actions : {self.actions} ; "
            f"fichiers touchés : {', '.join(self.files_touched) or 'aucun'}"
        )
        if planned is not None:
            text += f" ; fichiers {files_difference(planned, self.files_touched).describe()}"
        return text + "."


@dataclass(frozen=True)
class ReturnToNormal:
    """Step 5: the client was told its system works normally again."""

    when: datetime
    via: NotifiedVia

    def __post_init__(self) -> None:
        _require_aware(self.when, "Date du retour à la normale")

    def describe(self) -> str:
        return f"retour à la normale notifié le {_fmt(self.when)} par {self.via.label}."


@dataclass(frozen=True)
class Report:
    """Step 6: the written report of the intervention (the document issued)."""

    document_reference: str
    sent_at: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "document_reference", _require_text(self.document_reference, "Compte rendu"))
        _require_aware(self.sent_at, "Date d'envoi du compte rendu")

    def describe(self) -> str:
        return f"compte rendu écrit envoyé le {_fmt(self.sent_at)} : {self.document_reference}."


Evidence = Information | Consent | Precautions | Intervention | ReturnToNormal | Report
Ending = Refusal | Withdrawal

_STEP_OF: dict[type, Step] = {
    Information: Step.INFORMATION,
    Consent: Step.CONSENT,
    Precautions: Step.PRECAUTIONS,
    Intervention: Step.INTERVENTION,
    ReturnToNormal: Step.RETURN_TO_NORMAL,
    Report: Step.REPORT,
}


@dataclass(frozen=True)
class RecordedStep:
    """One step as recorded: the evidence, when it was recorded and by whom."""

    step: Step
    evidence: Evidence
    at: datetime
    author: str


@dataclass(frozen=True)
class RecordedEnding:
    """A refusal or withdrawal of consent, as recorded."""

    evidence: Ending
    at: datetime
    author: str


@dataclass(frozen=True)
class Telemaintenance:
    """One remote intervention's progress through R-18. Build it empty, then ``record`` each step."""

    steps: tuple[RecordedStep, ...] = ()
    ending: RecordedEnding | None = None
    # Not part of equality: a derived convenience would only make comparisons noisier.
    _by_step: dict[Step, RecordedStep] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_step.update({s.step: s for s in self.steps})

    # --- state -------------------------------------------------------------------------------------------

    @property
    def current_step(self) -> Step | None:
        """The last step recorded (None before step 1)."""
        return self.steps[-1].step if self.steps else None

    @property
    def next_step(self) -> Step | None:
        """The step expected now; None once finished."""
        if self.is_finished:
            return None
        return _ORDER[len(self.steps)]

    @property
    def is_finished(self) -> bool:
        return self.ending is not None or len(self.steps) == len(_ORDER)

    @property
    def ended_by_refusal(self) -> bool:
        """True when consent was refused or withdrawn (``ending`` says which)."""
        return self.ending is not None

    @property
    def waiting_on_client(self) -> bool:
        """Waiting for consent (after step 1) or for the protective operations (after step 2), R-17."""
        return self.ending is None and self.current_step in (Step.INFORMATION, Step.CONSENT)

    def evidence(self, step: Step) -> Evidence | None:
        recorded = self._by_step.get(step)
        return recorded.evidence if recorded else None

    def files_difference(self) -> FilesDifference | None:
        """The difference between announced and touched files, once step 4 is recorded."""
        info, done = self.evidence(Step.INFORMATION), self.evidence(Step.INTERVENTION)
        if not isinstance(info, Information) or not isinstance(done, Intervention):
            return None
        return files_difference(info.files, done.files_touched)

    def pause_intervals(self) -> tuple[tuple[datetime, datetime | None], ...]:
        """Spans when the workflow waited on the client; an end of None means it still waits.

        From step 1 to step 2 (or the refusal), then from step 2 to step 3 (or the withdrawal). Two
        adjacent spans are merged, since the client never stopped being the one to act.
        """
        waits: list[tuple[datetime, datetime | None]] = []
        for index, recorded in enumerate(self.steps):
            if recorded.step not in (Step.INFORMATION, Step.CONSENT):
                continue
            if index + 1 < len(self.steps):
                end: datetime | None = self.steps[index + 1].at
            else:
                end = self.ending.at if self.ending else None
            if waits and waits[-1][1] == recorded.at:
                waits[-1] = (waits[-1][0], end)
            else:
                waits.append((recorded.at, end))
        return tuple(waits)

    def history(self) -> list[str]:
        """The steps as French lines of a legal record: date — author — what, with the evidence."""
        lines = []
        info = self.evidence(Step.INFORMATION)
        for recorded in self.steps:
            evidence = recorded.evidence
            if isinstance(evidence, Intervention):
                what = evidence.describe(info.files if isinstance(info, Information) else None)
            else:
                what = evidence.describe()
            lines.append(f"{_fmt(recorded.at)} — {recorded.author} — Étape {recorded.step.number} : {what}")
        if self.ending is not None:
            what = self.ending.evidence.describe()
            lines.append(f"{_fmt(self.ending.at)} — {self.ending.author} — {what[0].upper()}{what[1:]}")
        return lines

    # --- recording ---------------------------------------------------------------------------------------

    def record(self, evidence: Evidence | Ending, at: datetime, author: str) -> Telemaintenance:
        """A new workflow with ``evidence`` recorded at ``at`` by ``author``, or TelemaintenanceError."""
        author = _require_text(author, "Auteur de l'étape")
        _require_aware(at, "Date de l'étape")
        self._refuse_if_finished()
        if isinstance(evidence, Refusal | Withdrawal):
            self._check_ending(evidence)
            self._check_time(at)
            return Telemaintenance(self.steps, RecordedEnding(evidence, at, author))
        step = _STEP_OF.get(type(evidence))
        if step is None:
            raise TelemaintenanceError(f"Pièce inconnue pour une télémaintenance : {type(evidence).__name__}.")
        self._check_order(step)
        self._check_time(at)
        self._check_evidence(evidence, at)
        return Telemaintenance((*self.steps, RecordedStep(step, evidence, at, author)), None)

    def check_not_finished(self) -> None:
        """Raise the French message saying why nothing more can be recorded, if the workflow has ended."""
        self._refuse_if_finished()

    def _refuse_if_finished(self) -> None:
        if self.ending is not None:
            kind = "refus" if isinstance(self.ending.evidence, Refusal) else "retrait"
            raise TelemaintenanceError(
                f"Télémaintenance terminée par le {kind} de l'accord ({self.ending.evidence.who}, "
                f"{_fmt(self.ending.at)}) : aucune étape ne peut plus être enregistrée."
            )
        if len(self.steps) == len(_ORDER):
            raise TelemaintenanceError(
                f"Télémaintenance terminée : le compte rendu écrit a été envoyé (étape 6, {_fmt(self.steps[-1].at)}) ;"
                " aucune étape ne peut plus être enregistrée."
            )

    def _check_order(self, step: Step) -> None:
        expected = _ORDER[len(self.steps)]
        if step.number < expected.number:
            done = self._by_step[step]
            raise TelemaintenanceError(
                f"Étape {step.number} ({step.label}) déjà enregistrée le {_fmt(done.at)} par {done.author} : "
                f"l'étape attendue est l'étape {expected.number} ({expected.label}).",
                missing=expected,
            )
        if step.number > expected.number:
            raise _missing(expected, step.as_object)

    def _check_ending(self, ending: Ending) -> None:
        current = self.current_step
        if isinstance(ending, Refusal):
            if current is None:
                raise _missing(Step.INFORMATION, "le refus de l'accord")
            if current is not Step.INFORMATION:
                raise TelemaintenanceError(
                    "L'accord a déjà été donné : enregistrer un retrait de l'accord plutôt qu'un refus."
                )
            return
        if current in (None, Step.INFORMATION):
            raise _missing(Step.CONSENT if current else Step.INFORMATION, "le retrait de l'accord")
        if current is not Step.CONSENT and current is not Step.PRECAUTIONS:
            # Once the data were touched, withdrawing the consent cannot undo it; the report must follow.
            raise TelemaintenanceError(
                "L'intervention a déjà eu lieu : l'accord ne peut plus être retiré ; "
                f"l'étape attendue est l'étape {_ORDER[len(self.steps)].number} ({_ORDER[len(self.steps)].label})."
            )

    def _check_time(self, at: datetime) -> None:
        if self.steps and at < self.steps[-1].at:
            last = self.steps[-1]
            raise TelemaintenanceError(
                f"Date {_fmt(at)} antérieure à l'étape {last.step.number} ({last.step.label}), enregistrée le "
                f"{_fmt(last.at)} : l'historique ne peut pas remonter le temps."
            )

    def _check_evidence(self, evidence: Evidence, at: datetime) -> None:
        if isinstance(evidence, Consent) and not evidence.is_rtc and not evidence.confirmed_non_rtc:
            raise ConsentWarning(
                f"{evidence.who} n'est pas responsable technique (RTC) de ce client (R-02, R-03) : "
                "l'accord d'une autre personne doit être confirmé par le technicien."
            )
        if isinstance(evidence, Precautions):
            info = self.evidence(Step.INFORMATION)
            missing = evidence.missing(info.precautions_requested) if isinstance(info, Information) else ()
            if missing:
                raise TelemaintenanceError(
                    "Opérations de protection non confirmées par le client : "
                    f"{', '.join(p.label for p in missing)}. L'intervention ne peut pas commencer sans elles.",
                    missing=Step.PRECAUTIONS,
                )
        if isinstance(evidence, Intervention):
            confirmed = self._by_step[Step.PRECAUTIONS].at
            if evidence.start < confirmed:
                raise TelemaintenanceError(
                    f"Intervention commencée le {_fmt(evidence.start)}, avant la confirmation des opérations "
                    f"de protection ({_fmt(confirmed)}) : impossible."
                )
            if evidence.end > at:
                raise TelemaintenanceError("L'intervention s'enregistre une fois terminée (fin après la saisie).")
        if isinstance(evidence, ReturnToNormal):
            done = self.evidence(Step.INTERVENTION)
            if isinstance(done, Intervention) and evidence.when < done.end:
                raise TelemaintenanceError("Le retour à la normale ne peut précéder la fin de l'intervention.")
            if evidence.when > at:
                raise TelemaintenanceError("Le retour à la normale s'enregistre une fois notifié (date future).")
        if isinstance(evidence, Report):
            back = self.evidence(Step.RETURN_TO_NORMAL)
            if isinstance(back, ReturnToNormal) and evidence.sent_at < back.when:
                raise TelemaintenanceError("Le compte rendu ne peut être envoyé avant le retour à la normale.")
            if evidence.sent_at > at:
                raise TelemaintenanceError("Le compte rendu s'enregistre une fois envoyé (date future).")


def _missing(step: Step, before: str) -> TelemaintenanceError:
    return TelemaintenanceError(f"Étape {step.number} ({step.label}) manquante : elle doit précéder {before}.", step)
