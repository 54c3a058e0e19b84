"""Télémaintenance persisted step by step (R-18): order, consent by an RTC, refusal, the paused clock, the
append-only steps and their audit entries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.db.models import AuditEntry, Document, IncidentEvent, TelemaintenanceStepRow
from app.domain.telemaintenance import (
    ConfirmedPrecaution,
    ConsentVia,
    ConsentWarning,
    NotifiedVia,
    Precaution,
    PrecautionKind,
    SentVia,
    Step,
    TelemaintenanceError,
)
from app.domain.telemaintenance_codec import TelemaintenanceState
from app.services import audit
from app.services import incidents as incident_service
from app.services import telemaintenance as tm
from app.services.calendar_config import current_calendar
from app.services.incident_queries import incident_detail
from tests.integration.incident_fixtures import OPEN_HOUR, build_world

T0 = OPEN_HOUR  # Thursday 12 March 2026, 10:00 in Paris


@pytest.fixture
def world(sessions):
    with sessions.begin() as session:
        data = build_world(session)
        data["actor"] = incident_service.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
        data["number"] = incident_service.create_incident(
            session,
            data["actor"],
            client_code="C54001",
            caller_name="Élodie Durand",
            product_code="FIN",
            title="Mandats en double",
            opened_at=T0,
        ).number
    return data


def run(sessions, operation):
    with sessions.begin() as session:
        return operation(session)


def started(sessions, world, at=T0 + timedelta(minutes=5)) -> str:
    view = run(
        sessions,
        lambda s: tm.start(
            s,
            world["actor"],
            world["number"],
            nature="Suppression des mandats en double de l'exercice 2026",
            files=["MANDATS.DBF", "BORDEREAUX.DBF"],
            risks="Perte des mandats saisis depuis la dernière sauvegarde",
            delay_minutes=45,
            at=at,
        ),
    )
    return view.reference


def walk_to_precautions(sessions, world, ref: str) -> None:
    actor = world["actor"]
    run(sessions, lambda s: tm.inform(s, actor, ref, via=SentVia.EMAIL, at=T0 + timedelta(minutes=10)))
    run(
        sessions,
        lambda s: tm.consent(
            s,
            actor,
            ref,
            by="Élodie Durand",
            via=ConsentVia.EMAIL,
            evidence_reference="courriel du 12/03/2026 11:40",
            at=T0 + timedelta(hours=2),
        ),
    )
    run(
        sessions,
        lambda s: tm.confirm_precautions(
            s,
            actor,
            ref,
            [
                ConfirmedPrecaution(Precaution(PrecautionKind.FULL_BACKUP), "Élodie Durand"),
                ConfirmedPrecaution(Precaution(PrecautionKind.STOP_OF_USE), "Marc Petit"),
            ],
            at=T0 + timedelta(hours=3),
        ),
    )


def test_a_whole_telemaintenance_reads_like_a_legal_record(sessions, world) -> None:
    """R-18: the six steps in order, each with date, author and evidence; files that differ are flagged."""
    ref = started(sessions, world)
    assert ref == f"{world['number']}/T1"
    walk_to_precautions(sessions, world, ref)
    actor = world["actor"]
    view = run(sessions, lambda s: tm.begin(s, actor, ref, at=T0 + timedelta(hours=3, minutes=5)))
    assert view.state is TelemaintenanceState.IN_PROGRESS
    run(
        sessions,
        lambda s: tm.finish_intervention(
            s,
            actor,
            ref,
            actions="Doublons supprimés, index reconstruits",
            files_touched=["mandats.dbf", "INDEX.NTX"],
            at=T0 + timedelta(hours=3, minutes=50),
        ),
    )
    run(
        sessions,
        lambda s: tm.notify_return_to_normal(s, actor, ref, via=NotifiedVia.PHONE, at=T0 + timedelta(hours=4)),
    )
    view = run(sessions, lambda s: tm.send_report(s, actor, ref, at=T0 + timedelta(hours=5)))

    assert view.state is TelemaintenanceState.DONE and view.next_step is None
    history = view.history()
    assert len(history) == 7
    assert "Télémaintenance" in history[0] and "préparée" in history[0]
    assert "Étape 1 : information écrite du client envoyée par e-mail" in history[1]
    assert "Élodie Durand (RTC)" in history[2]
    assert "sauvegarde complète (par Élodie Durand)" in history[3]
    assert "non annoncés : INDEX.NTX" in history[4] and "annoncés mais non touchés : BORDEREAUX.DBF" in history[4]
    assert all(" — Camille Martin — " in line for line in history)
    difference = view.files_difference
    assert difference is not None and difference.added == ("INDEX.NTX",)
    with sessions() as session:
        assert audit.verify_chain(session).ok
        kinds = [e.kind for e in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()]
        assert kinds.count("telemaintenance_step") == 6
        assert "telemaintenance_start" in kinds and "telemaintenance_begin" in kinds
        notes = session.execute(
            select(IncidentEvent.text).where(IncidentEvent.text.like(f"Télémaintenance {ref}%"))
        ).scalars()
        assert len(list(notes)) == 8  # prepared, six steps, begin


@pytest.mark.parametrize(
    ("operation", "missing"),
    [
        (lambda s, a, r: tm.consent(s, a, r, by="Élodie Durand", via=ConsentVia.EMAIL, evidence_reference="x"), 1),
        (lambda s, a, r: tm.begin(s, a, r), 1),
        (lambda s, a, r: tm.notify_return_to_normal(s, a, r, via=NotifiedVia.PHONE), 1),
        (lambda s, a, r: tm.send_report(s, a, r), 1),
    ],
)
def test_a_step_out_of_order_names_the_missing_step_and_writes_nothing(sessions, world, operation, missing) -> None:
    ref = started(sessions, world)
    with sessions() as session:
        before = session.execute(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())).scalars().first()
    with pytest.raises(TelemaintenanceError) as refused, sessions.begin() as session:
        operation(session, world["actor"], ref)
    assert f"Étape {missing} (" in str(refused.value) and "manquante" in str(refused.value)
    assert refused.value.missing is Step(list(Step)[missing - 1])
    with sessions() as session:
        assert session.execute(select(TelemaintenanceStepRow)).first() is None
        assert session.execute(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())).scalars().first() == before


def test_begin_before_the_precautions_names_step_3(sessions, world) -> None:
    ref = started(sessions, world)
    actor = world["actor"]
    run(sessions, lambda s: tm.inform(s, actor, ref, via=SentVia.PORTAL))
    run(sessions, lambda s: tm.consent(s, actor, ref, by="Marc Petit", via=ConsentVia.PORTAL, evidence_reference="P"))
    with pytest.raises(TelemaintenanceError, match=r"Étape 3 \(opérations de protection") as refused:
        run(sessions, lambda s: tm.begin(s, actor, ref))
    assert refused.value.missing is Step.PRECAUTIONS


def test_a_step_recorded_twice_is_refused(sessions, world) -> None:
    ref = started(sessions, world)
    actor = world["actor"]
    run(sessions, lambda s: tm.inform(s, actor, ref, via=SentVia.EMAIL))
    with pytest.raises(TelemaintenanceError, match="déjà enregistrée"):
        run(sessions, lambda s: tm.inform(s, actor, ref, via=SentVia.LETTER))


def test_consent_by_a_non_rtc_warns_and_needs_confirmation(sessions, world) -> None:
    """R-02/R-03: only an RTC is expected to consent; anyone else is a warning the technician confirms."""
    ref = started(sessions, world)
    actor = world["actor"]
    run(sessions, lambda s: tm.inform(s, actor, ref, via=SentVia.EMAIL))
    with pytest.raises(ConsentWarning, match="Jean Nouveau n'est pas responsable technique"):
        run(
            sessions,
            lambda s: tm.consent(s, actor, ref, by="jean nouveau", via=ConsentVia.EMAIL, evidence_reference="m"),
        )
    view = run(
        sessions,
        lambda s: tm.consent(
            s, actor, ref, by="jean nouveau", via=ConsentVia.EMAIL, evidence_reference="m", confirmed_non_rtc=True
        ),
    )
    assert view.state is TelemaintenanceState.WAITING_PRECAUTIONS
    assert "Jean Nouveau (non RTC, accord confirmé par le technicien)" in view.history()[-1]


def test_a_refusal_ends_the_telemaintenance_and_the_wait(sessions, world) -> None:
    ref = started(sessions, world)
    actor = world["actor"]
    run(sessions, lambda s: tm.inform(s, actor, ref, via=SentVia.EMAIL, at=T0 + timedelta(minutes=10)))
    view = run(
        sessions,
        lambda s: tm.refuse(
            s, actor, ref, by="Marc Petit", reason="Clôture budgétaire en cours", at=T0 + timedelta(hours=1)
        ),
    )
    assert view.state is TelemaintenanceState.REFUSED
    assert "Refus de l'accord par Marc Petit" in view.history()[-1]
    with pytest.raises(TelemaintenanceError, match="terminée par le refus"):
        run(
            sessions, lambda s: tm.consent(s, actor, ref, by="Marc Petit", via=ConsentVia.EMAIL, evidence_reference="x")
        )
    with sessions() as session:
        incident = incident_service.find_incident(session, world["number"])
        assert incident_service.current_wait(session, incident) is None
    # A new one may now be prepared for the same incident.
    assert started(sessions, world, at=T0 + timedelta(hours=2)).endswith("/T2")


def test_only_one_unfinished_telemaintenance_per_incident(sessions, world) -> None:
    ref = started(sessions, world)
    with pytest.raises(TelemaintenanceError, match=f"{ref}.*n'est pas terminée"):
        started(sessions, world)


def test_the_service_level_clock_is_paused_exactly_while_waiting_on_the_client(sessions, world) -> None:
    """R-17/R-18: paused from the information (waiting for consent) to the confirmed precautions."""
    ref = started(sessions, world)
    walk_to_precautions(sessions, world, ref)
    now = T0 + timedelta(days=1)
    with sessions() as session:
        detail = incident_detail(session, world["number"], now=now)
        calendar = current_calendar(session)
        expected = calendar.business_minutes(T0 + timedelta(minutes=10), T0 + timedelta(hours=3))
        view = tm.view(session, ref, now=now)
        waits = list(
            session.execute(
                select(IncidentEvent.new_value).where(IncidentEvent.field == "waiting").order_by(IncidentEvent.seq)
            ).scalars()
        )
    assert waits == ["consent", "backup", None]
    assert expected == 110  # 10:10–12:00 in Paris; the hotline is closed for lunch until 13:30
    assert detail.service_level.paused_minutes == pytest.approx(expected)
    assert view.waited_minutes == pytest.approx(expected)


def test_waiting_list_shows_hotline_minutes_waited(sessions, world) -> None:
    ref = started(sessions, world)
    actor = world["actor"]
    run(sessions, lambda s: tm.inform(s, actor, ref, via=SentVia.EMAIL, at=T0 + timedelta(minutes=10)))
    with sessions() as session:
        [row] = tm.list_jobs(session, waiting_only=True, now=T0 + timedelta(hours=1, minutes=10))
    assert row.reference == ref and row.state is TelemaintenanceState.WAITING_CONSENT
    assert row.minutes_in_state == pytest.approx(60)
    assert row.client_name == "Maxéville"


def test_the_evidence_file_is_kept_with_its_digest(sessions, world, tmp_path) -> None:
    ref = started(sessions, world)
    actor = world["actor"]
    run(sessions, lambda s: tm.inform(s, actor, ref, via=SentVia.LETTER))
    scan = tmp_path / "accord-signé.pdf"
    scan.write_bytes(b"%PDF-1.4 signed consent")
    view = run(
        sessions,
        lambda s: tm.consent(s, actor, ref, by="Élodie Durand", via=ConsentVia.SIGNED_FORM, evidence_file=scan),
    )
    assert "accord-signé.pdf (SHA-256" in view.history()[-1]
    with sessions() as session:
        document = session.execute(select(Document)).scalar_one()
        step = session.execute(select(TelemaintenanceStepRow).where(TelemaintenanceStepRow.position == 2)).scalar_one()
    assert step.document_id == document.id and document.size_bytes == scan.stat().st_size


def test_a_missing_evidence_file_is_refused_before_anything_is_written(sessions, world, tmp_path) -> None:
    ref = started(sessions, world)
    actor = world["actor"]
    run(sessions, lambda s: tm.inform(s, actor, ref, via=SentVia.LETTER))
    with pytest.raises(TelemaintenanceError, match="illisible"):
        run(
            sessions,
            lambda s: tm.consent(
                s, actor, ref, by="Élodie Durand", via=ConsentVia.SIGNED_FORM, evidence_file=tmp_path / "absent.pdf"
            ),
        )
    with sessions() as session:
        assert session.execute(select(Document)).first() is None


def test_recorded_steps_cannot_be_edited_in_sql(sessions, world) -> None:
    ref = started(sessions, world)
    run(sessions, lambda s: tm.inform(s, world["actor"], ref, via=SentVia.EMAIL))
    for statement in (
        "UPDATE telemaintenance_steps SET author_name = 'X'",
        "DELETE FROM telemaintenance_steps",
    ):
        with pytest.raises(DBAPIError, match="append-only"), sessions.begin() as session:
            session.execute(text(statement))


def test_finding_by_incident_number(sessions, world) -> None:
    ref = started(sessions, world)
    with sessions() as session:
        assert tm.view(session, world["number"]).reference == ref
        assert tm.view(session, ref.lower()).reference == ref
        with pytest.raises(TelemaintenanceError, match="Aucune télémaintenance"):
            tm.view(session, "NCY-2600042-D/T9")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def any_sessions(request):
    """Sessions on SQLite, then on PostgreSQL when one is configured (team mode)."""
    from app.db import migrate
    from app.db.engine import session_factory

    if request.param == "sqlite":
        return request.getfixturevalue("sessions")
    eng = request.getfixturevalue("pg_engine")
    migrate.upgrade(eng)
    return session_factory(eng)


def test_two_workstations_recording_the_same_step_at_once_record_it_once(any_sessions) -> None:
    """The writers' lock makes the second one see the first's step: it is refused, not duplicated."""
    import threading

    with any_sessions.begin() as session:
        world = build_world(session)
        actor = incident_service.ensure_technician(session, "cmartin", "Camille Martin", "NCY")
        number = incident_service.create_incident(
            session, actor, client_code="C54001", caller_name="Élodie Durand", title="Mandats", opened_at=T0
        ).number
        ref = tm.start(
            session, actor, number, nature="Réindexation", files=["A.DBF"], risks="Aucun", delay_minutes=5
        ).reference
    assert world
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def record(via: SentVia) -> None:
        barrier.wait(10)
        try:
            with any_sessions.begin() as session:
                tm.inform(session, actor, ref, via=via)
            outcomes.append("ok")
        except TelemaintenanceError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=record, args=(via,)) for via in (SentVia.EMAIL, SentVia.LETTER)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes, key=len)[0] == "ok" and "déjà enregistrée" in sorted(outcomes, key=len)[1]
    with any_sessions() as session:
        assert len(tm.view(session, ref).workflow.steps) == 1
        assert audit.verify_chain(session).ok


def test_a_step_dated_in_the_future_is_refused(sessions, world) -> None:
    """A legal record: a step is recorded once it happened (a little clock drift between desks is allowed)."""
    from datetime import UTC, datetime

    ref = started(sessions, world)
    with pytest.raises(TelemaintenanceError, match="est dans le futur"):
        run(
            sessions,
            lambda s: tm.inform(s, world["actor"], ref, via=SentVia.EMAIL, at=datetime.now(UTC) + timedelta(hours=2)),
        )
    with sessions() as session:
        assert session.execute(select(TelemaintenanceStepRow)).first() is None
