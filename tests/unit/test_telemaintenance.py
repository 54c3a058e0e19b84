"""Remote maintenance (R-18) and on-site interventions (R-19): the pure workflow rules."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.onsite_intervention import OnSiteIntervention, Quote, SpecificOrder, Visit, VisitReport
from app.domain.telemaintenance import (
    ConfirmedPrecaution,
    Consent,
    ConsentVia,
    ConsentWarning,
    Information,
    Intervention,
    NotifiedVia,
    Precaution,
    PrecautionKind,
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

PARIS = ZoneInfo("Europe/Paris")
TECH = "Camille Martin"


def at(hour: int, minute: int = 0, day: int = 12) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=PARIS)


INFO = Information(
    nature="Correction des soldes de congés",
    files=("CONGES.DAT", "AGENTS.DAT"),
    risks="Perte des soldes si la sauvegarde est absente",
    delay_minutes=30,
    sent_via=SentVia.EMAIL,
    document_reference="INF-2026-012",
)
CONSENT = Consent("Élodie Durand", True, ConsentVia.SIGNED_FORM, "FORM-2026-041")
PRECAUTIONS = Precautions(
    (
        ConfirmedPrecaution(Precaution(PrecautionKind.FULL_BACKUP), "Élodie Durand"),
        ConfirmedPrecaution(Precaution(PrecautionKind.STOP_OF_USE), "Jean Roux"),
    )
)
INTERVENTION = Intervention(at(14), at(14, 40), "Recalcul des soldes", ("CONGES.DAT", "PLANNING.DAT"))
BACK = ReturnToNormal(at(15), NotifiedVia.PHONE)
REPORT = Report("CR-2026-007", at(16))

EVIDENCE = {
    Step.INFORMATION: (INFO, at(10, 5)),
    Step.CONSENT: (CONSENT, at(11)),
    Step.PRECAUTIONS: (PRECAUTIONS, at(13, 30)),
    Step.INTERVENTION: (INTERVENTION, at(14, 45)),
    Step.RETURN_TO_NORMAL: (BACK, at(15, 5)),
    Step.REPORT: (REPORT, at(16, 10)),
}
ORDER = list(Step)


def up_to(count: int) -> Telemaintenance:
    """A workflow with the first ``count`` steps recorded, in order."""
    tm = Telemaintenance()
    for step in ORDER[:count]:
        evidence, when = EVIDENCE[step]
        tm = tm.record(evidence, when, TECH)
    return tm


def test_the_six_steps_recorded_in_order_finish_the_workflow() -> None:
    """R-18: information, consent, precautions, intervention, return to normal, report."""
    tm = Telemaintenance()
    assert tm.next_step is Step.INFORMATION and tm.current_step is None
    for count, step in enumerate(ORDER, start=1):
        assert not tm.is_finished
        tm = up_to(count)
        assert tm.current_step is step
    assert tm.is_finished and tm.next_step is None and not tm.ended_by_refusal
    assert [s.step for s in tm.steps] == ORDER


@pytest.mark.parametrize(
    ("done", "attempted"),
    [(done, attempted) for done in range(6) for attempted in range(done + 1, 6)],
)
def test_a_step_recorded_before_the_previous_one_is_refused_naming_the_missing_step(done: int, attempted: int) -> None:
    """R-18: no step may be recorded before the previous one; the message names the first missing step."""
    tm = up_to(done)
    missing, step = ORDER[done], ORDER[attempted]
    evidence, _when = EVIDENCE[step]
    with pytest.raises(TelemaintenanceError) as refused:
        tm.record(evidence, at(17), TECH)
    message = str(refused.value)
    assert message.startswith(f"Étape {missing.number} ({missing.label}) manquante : elle doit précéder ")
    assert message.endswith(f"{step.as_object}.")
    assert refused.value.missing is missing


def test_the_missing_precautions_message_reads_as_the_contract() -> None:
    """R-18 step 3 must precede the intervention."""
    with pytest.raises(TelemaintenanceError, match=r"^Étape 3 \(opérations de protection confirmées par le client\) "):
        up_to(2).record(INTERVENTION, at(15), TECH)
    with pytest.raises(TelemaintenanceError) as refused:
        up_to(2).record(INTERVENTION, at(15), TECH)
    assert str(refused.value) == (
        "Étape 3 (opérations de protection confirmées par le client) manquante : elle doit précéder l'intervention."
    )


@pytest.mark.parametrize("count", range(1, 6))
def test_a_step_recorded_twice_is_refused_naming_the_expected_step(count: int) -> None:
    """R-18: each step is recorded once; the message says which step is expected instead."""
    tm = up_to(count)
    step = ORDER[count - 1]
    evidence, _when = EVIDENCE[step]
    with pytest.raises(TelemaintenanceError, match=f"Étape {step.number} .* déjà enregistrée") as refused:
        tm.record(evidence, at(17), TECH)
    assert f"l'étape attendue est l'étape {count + 1}" in str(refused.value)


@pytest.mark.parametrize("step", ORDER)
def test_nothing_can_be_recorded_once_the_report_is_sent(step: Step) -> None:
    """R-18: step 6 ends the intervention."""
    with pytest.raises(TelemaintenanceError, match="Télémaintenance terminée"):
        up_to(6).record(EVIDENCE[step][0], at(18), TECH)


def test_a_refusal_of_consent_ends_the_intervention() -> None:
    """R-18: a refusal of consent ends it; nothing, not even a consent, may follow."""
    tm = up_to(1).record(Refusal("Élodie Durand", "Période de paie en cours"), at(11), TECH)
    assert tm.is_finished and tm.ended_by_refusal and not tm.waiting_on_client and tm.next_step is None
    for evidence in (CONSENT, PRECAUTIONS, Refusal("X", "Y"), Withdrawal("X", "Y")):
        with pytest.raises(TelemaintenanceError, match="terminée par le refus"):
            tm.record(evidence, at(12), TECH)


@pytest.mark.parametrize("count", [2, 3])
def test_a_withdrawal_of_consent_ends_the_intervention(count: int) -> None:
    """R-18: consent may be withdrawn before the intervention; it then ends."""
    tm = up_to(count).record(Withdrawal("Élodie Durand", "Clôture comptable avancée"), at(13, 45), TECH)
    assert tm.is_finished and tm.ended_by_refusal
    with pytest.raises(TelemaintenanceError, match="terminée par le retrait"):
        tm.record(EVIDENCE[ORDER[count]][0], at(17), TECH)


def test_refusal_and_withdrawal_are_only_possible_at_their_moment() -> None:
    """R-18: refusal instead of consent (after information); withdrawal after consent, before the intervention."""
    with pytest.raises(TelemaintenanceError, match=r"^Étape 1 .* manquante : elle doit précéder le refus"):
        Telemaintenance().record(Refusal("A", "B"), at(9), TECH)
    with pytest.raises(TelemaintenanceError, match="retrait de l'accord plutôt"):
        up_to(2).record(Refusal("A", "B"), at(12), TECH)
    with pytest.raises(TelemaintenanceError, match=r"^Étape 2 .* manquante : elle doit précéder le retrait"):
        up_to(1).record(Withdrawal("A", "B"), at(12), TECH)
    with pytest.raises(TelemaintenanceError, match="ne peut plus être retiré"):
        up_to(4).record(Withdrawal("A", "B"), at(17), TECH)


def test_a_consent_by_someone_not_rtc_warns_until_the_technician_confirms() -> None:
    """R-02/R-03, R-18 step 2: consent must come from an RTC, else the technician confirms a warning."""
    stranger = Consent("Paul Petit", False, ConsentVia.EMAIL, "MAIL-88")
    with pytest.raises(ConsentWarning, match="Paul Petit n'est pas responsable technique"):
        up_to(1).record(stranger, at(11), TECH)
    confirmed = Consent("Paul Petit", False, ConsentVia.EMAIL, "MAIL-88", confirmed_non_rtc=True)
    tm = up_to(1).record(confirmed, at(11), TECH)
    assert tm.current_step is Step.CONSENT
    assert "Paul Petit (non RTC, accord confirmé par le technicien)" in tm.history()[-1]


def test_every_requested_precaution_must_be_confirmed() -> None:
    """R-18 step 3: the client confirms each protective operation asked in step 1."""
    only_backup = Precautions((ConfirmedPrecaution(Precaution(PrecautionKind.FULL_BACKUP), "Élodie Durand"),))
    with pytest.raises(TelemaintenanceError, match="non confirmées par le client : arrêt de l'utilisation") as refused:
        up_to(2).record(only_backup, at(13), TECH)
    assert refused.value.missing is Step.PRECAUTIONS


def test_other_precautions_asked_in_step_one_must_be_confirmed_too() -> None:
    """R-18 step 3: « others asked in step 1 »; a full backup covers a requested partial one."""
    export = Precaution(PrecautionKind.OTHER, "Export des bulletins")
    info = Information(
        "Nature", ("PAIE.DAT",), "Risques", 20, SentVia.PORTAL, "INF-1",
        precautions_requested=(Precaution(PrecautionKind.PARTIAL_BACKUP), export),
    )  # fmt: skip
    tm = Telemaintenance().record(info, at(9), TECH).record(CONSENT, at(10), TECH)
    backup = ConfirmedPrecaution(Precaution(PrecautionKind.FULL_BACKUP), "Élodie Durand")
    with pytest.raises(TelemaintenanceError, match="Export des bulletins"):
        tm.record(Precautions((backup,)), at(11), TECH)
    done = tm.record(Precautions((backup, ConfirmedPrecaution(export, "Jean Roux"))), at(11), TECH)
    assert done.current_step is Step.PRECAUTIONS
    with pytest.raises(TelemaintenanceError, match="préciser laquelle"):
        Precaution(PrecautionKind.OTHER)


def test_the_files_actually_touched_are_compared_with_those_announced() -> None:
    """R-18 step 4: a difference from the files of step 1 is highlighted."""
    tm = up_to(4)
    difference = tm.files_difference()
    assert difference is not None and difference.any
    assert difference.added == ("PLANNING.DAT",)
    assert difference.not_touched == ("AGENTS.DAT",)
    assert (
        "ÉCART avec l'information — non annoncés : PLANNING.DAT ; annoncés mais non touchés : AGENTS.DAT"
        in (tm.history()[3])
    )
    assert up_to(3).files_difference() is None


def test_file_names_are_compared_case_insensitively() -> None:
    """R-18 step 4: the clients' servers do not distinguish case in file names."""
    from app.domain.telemaintenance import files_difference

    assert not files_difference(("Conges.dat",), ("CONGES.DAT",)).any


def test_a_step_dated_before_the_previous_one_is_refused() -> None:
    """R-18: each step recorded with its date; the record cannot go back in time."""
    with pytest.raises(TelemaintenanceError, match="ne peut pas remonter le temps"):
        up_to(1).record(CONSENT, at(10), TECH)
    with pytest.raises(TelemaintenanceError, match="fuseau horaire"):
        up_to(1).record(CONSENT, datetime(2026, 3, 12, 11), TECH)  # naive on purpose


def test_the_intervention_cannot_start_before_the_precautions_are_confirmed() -> None:
    """R-18 steps 3 and 4: the client's backup comes first."""
    early = Intervention(at(13), at(14), "Recalcul", ("CONGES.DAT",))
    with pytest.raises(TelemaintenanceError, match="avant la confirmation des opérations"):
        up_to(3).record(early, at(15), TECH)
    with pytest.raises(TelemaintenanceError, match="La fin de l'intervention précède son début"):
        Intervention(at(15), at(14), "Recalcul", ("CONGES.DAT",))


def test_evidence_must_be_complete() -> None:
    """R-18 step 1: nature, files, risks and delay are all owed to the client."""
    with pytest.raises(TelemaintenanceError, match="au moins un fichier"):
        Information("Nature", (), "Risques", 30, SentVia.EMAIL, "INF-1")
    with pytest.raises(TelemaintenanceError, match="supérieur à zéro"):
        Information("Nature", ("A",), "Risques", 0, SentVia.EMAIL, "INF-1")
    with pytest.raises(TelemaintenanceError, match="Risques possibles : à renseigner"):
        Information("Nature", ("A",), "  ", 30, SentVia.EMAIL, "INF-1")


def test_the_workflow_waits_on_the_client_for_consent_then_for_the_precautions() -> None:
    """R-17, R-18: the service-level clock pauses while waiting for consent and for protective operations."""
    assert not Telemaintenance().waiting_on_client
    assert up_to(1).waiting_on_client and up_to(2).waiting_on_client
    assert not up_to(3).waiting_on_client and not up_to(6).waiting_on_client


def test_the_pause_intervals_are_exact() -> None:
    """R-17: from the information to the consent, then from the consent to the confirmed precautions."""
    assert Telemaintenance().pause_intervals() == ()
    assert up_to(1).pause_intervals() == ((at(10, 5), None),)
    assert up_to(2).pause_intervals() == ((at(10, 5), None),)
    assert up_to(3).pause_intervals() == ((at(10, 5), at(13, 30)),)
    assert up_to(6).pause_intervals() == ((at(10, 5), at(13, 30)),)
    refused = up_to(1).record(Refusal("Élodie Durand", "Non"), at(10, 50), TECH)
    assert refused.pause_intervals() == ((at(10, 5), at(10, 50)),)


def test_the_history_reads_like_a_legal_record() -> None:
    """R-18: each step with its date, its author and its evidence, in French."""
    lines = up_to(6).history()
    assert lines == [
        "12/03/2026 10:05 — Camille Martin — Étape 1 : information écrite du client envoyée par e-mail, document "
        "INF-2026-012 — nature : Correction des soldes de congés ; fichiers concernés : CONGES.DAT, AGENTS.DAT ; "
        "risques : Perte des soldes si la sauvegarde est absente ; délai prévu : 30 min ; opérations de protection "
        "demandées : sauvegarde complète, arrêt de l'utilisation.",
        "12/03/2026 11:00 — Camille Martin — Étape 2 : accord écrit préalable donné par Élodie Durand (RTC) par "
        "formulaire signé, pièce FORM-2026-041.",
        "12/03/2026 13:30 — Camille Martin — Étape 3 : opérations de protection confirmées par le client : "
        "sauvegarde complète (par Élodie Durand), arrêt de l'utilisation (par Jean Roux).",
        "12/03/2026 14:45 — Camille Martin — Étape 4 : intervention du 12/03/2026 14:00 au 12/03/2026 14:40 — "
        "actions : Recalcul des soldes ; fichiers touchés : CONGES.DAT, PLANNING.DAT ; fichiers ÉCART avec "
        "l'information — non annoncés : PLANNING.DAT ; annoncés mais non touchés : AGENTS.DAT.",
        "12/03/2026 15:05 — Camille Martin — Étape 5 : retour à la normale notifié le 12/03/2026 15:00 par téléphone.",
        "12/03/2026 16:10 — Camille Martin — Étape 6 : compte rendu écrit envoyé le 12/03/2026 16:00 : CR-2026-007.",
    ]
    refused = up_to(1).record(Refusal("Élodie Durand", "Période de paie"), at(10, 50), "Léa Moreau")
    assert refused.history()[-1] == (
        "12/03/2026 10:50 — Léa Moreau — Refus de l'accord par Élodie Durand : Période de paie. "
        "Fin de la télémaintenance."
    )


def test_history_dates_are_shown_in_paris_time() -> None:
    """R-15: the hotline works in Europe/Paris; an UTC instant is shown as Paris time."""
    utc = datetime(2026, 3, 12, 9, 5, tzinfo=ZoneInfo("UTC"))
    assert Telemaintenance().record(INFO, utc, TECH).history()[0].startswith("12/03/2026 10:05 — ")


# --- on-site interventions ---------------------------------------------------------------------------

QUOTE = Quote("DEV-2026-015", Decimal("480.00"), date(2026, 3, 2))
PURCHASE = SpecificOrder("BC-77", date(2026, 3, 5))
VISIT = Visit(at(9, day=16), "Camille Martin")


def test_an_on_site_intervention_needs_a_quote_then_an_order_before_being_scheduled() -> None:
    """R-19: quote → specific order → scheduling → report; always billable."""
    with pytest.raises(TelemaintenanceError, match=r"^Devis manquant : il doit précéder la commande"):
        OnSiteIntervention().with_order(PURCHASE)
    with pytest.raises(TelemaintenanceError, match=r"^Devis manquant"):
        OnSiteIntervention().schedule(VISIT)
    quoted = OnSiteIntervention().with_quote(QUOTE)
    assert not quoted.can_be_scheduled
    with pytest.raises(TelemaintenanceError, match=r"^Commande spécifique manquante : elle doit précéder la planif"):
        quoted.schedule(VISIT)
    with pytest.raises(TelemaintenanceError, match=r"^Planification manquante"):
        quoted.with_order(PURCHASE).record_report(VisitReport(90, "CR-2026-010"))
    ordered = quoted.with_order(PURCHASE)
    assert ordered.can_be_scheduled
    done = ordered.schedule(VISIT).record_report(VisitReport(90, "CR-2026-010"))
    assert done.is_finished and done.billable and OnSiteIntervention().billable


def test_on_site_steps_cannot_be_repeated_nor_go_back_in_time() -> None:
    """R-19: one quote, one order dated after the quote, a visit after the order."""
    quoted = OnSiteIntervention().with_quote(QUOTE)
    with pytest.raises(TelemaintenanceError, match="Devis déjà enregistré"):
        quoted.with_quote(QUOTE)
    with pytest.raises(TelemaintenanceError, match="antérieure au devis"):
        quoted.with_order(SpecificOrder("BC-1", date(2026, 3, 1)))
    with pytest.raises(TelemaintenanceError, match="avant la commande"):
        quoted.with_order(PURCHASE).schedule(Visit(at(9, day=4), "Camille Martin"))
    with pytest.raises(TelemaintenanceError, match="Decimal"):
        Quote("DEV-1", Decimal("-1"), date(2026, 3, 2))
    with pytest.raises(TelemaintenanceError, match="Decimal"):
        Quote("DEV-1", 12.5, date(2026, 3, 2))  # type: ignore[arg-type]


# --- property: whatever is attempted, the recorded steps are a prefix of 1..6 -------------------------------

ATTEMPTS = [
    *(EVIDENCE[step][0] for step in ORDER),
    Consent("Paul Petit", False, ConsentVia.EMAIL, "MAIL-88"),
    Precautions(()),
    Refusal("Élodie Durand", "Non"),
    Withdrawal("Élodie Durand", "Plus maintenant"),
]
# "next" draws the valid evidence of the expected step at its usual time, so that sequences reach step 6
# often enough to test the end, instead of stalling at step 1 as random picks among ten would.
NEXT = "next"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([NEXT, NEXT, *ATTEMPTS]), st.integers(min_value=-120, max_value=600)),
        max_size=25,
    )
)
def test_any_sequence_of_attempts_keeps_the_recorded_steps_a_prefix_of_the_six(
    attempts: list[tuple[object, int]],
) -> None:
    """R-18: no sequence of record attempts, valid or not, can skip, repeat or reorder a step."""
    tm = Telemaintenance()
    for choice, minutes in attempts:
        evidence, when = choice, at(8) + timedelta(minutes=minutes)
        if choice == NEXT:
            if tm.next_step is None:
                continue
            evidence, when = EVIDENCE[tm.next_step]
        with contextlib.suppress(TelemaintenanceError):
            tm = tm.record(evidence, when, TECH)  # type: ignore[arg-type]
        recorded = [s.step for s in tm.steps]
        assert recorded == ORDER[: len(recorded)]
        assert [s.at for s in tm.steps] == sorted(s.at for s in tm.steps)
        assert tm.is_finished == (tm.ending is not None or len(recorded) == 6)
        if tm.ending is not None:
            assert len(recorded) in (1, 2, 3)
