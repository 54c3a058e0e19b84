"""Documents issued from the screens (issues 6 and 7): step 1 of a télémaintenance issues the information
and consent form, step 6 the report signed on screen, each recorded in the registry, named by the step
and opened in the print preview; the incident's « Documents… » menu reprints the form sent or issues it,
and summarises the on-site quote and order; the client's file prints its incident register."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker, undefer

from app.config import Paths
from app.context import AppContext
from app.db.models import Document
from app.domain.telemaintenance import ConsentVia, Information, NotifiedVia, Report, SentVia, Step
from app.domain.telemaintenance_codec import TelemaintenanceState
from app.domain.vocabulary import DocumentKind
from app.services import incidents as incident_service
from app.services import intervention_documents, onsite
from app.services import telemaintenance as tm
from app.services.incidents import Actor
from tests.integration.incident_fixtures import OPEN_HOUR, build_world
from tests.ui.conftest import TECHNICIAN, drain_background, make_context
from ui.background import pending_operations
from ui.clients import ClientListScreen
from ui.documents.signature_pad import SignaturePad
from ui.incidents import IncidentsScreen
from ui.intake.operations import Technician
from ui.telemaintenance import TelemaintenanceScreen
from ui.telemaintenance.forms import InformForm, ReportForm

WAIT_MS = 15_000


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pdf_images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def documents_of(sessions: sessionmaker[Session], kind: DocumentKind) -> list[Document]:
    with sessions() as session:
        query = select(Document).where(Document.kind == kind).options(undefer(Document.content))
        rows = list(session.execute(query).scalars())
        session.expunge_all()
        return rows


def sign(qtbot: QtBot, pad: SignaturePad, wave: int) -> None:
    """A stroke across the pad (two different waves: reportlab stores identical images once)."""
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(60, 90))
    for step in range(1, 50):
        qtbot.mouseMove(pad, QPoint(60 + step * 5, 90 + (step % wave) * 3))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(305, 90))


def close_dialogs(*dialogs: QDialog | None) -> None:
    for dialog in dialogs:
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.close()


@pytest.fixture
def incidents(sessions: sessionmaker[Session]) -> list[str]:
    """Maxéville (two RTC) with two open incidents."""
    with sessions.begin() as session:
        build_world(session)
        actor = incident_service.ensure_technician(session, "cdubois", TECHNICIAN, "NCY")
        return [
            incident_service.create_incident(
                session,
                actor,
                client_code="C54001",
                caller_name="Élodie Durand",
                product_code="FIN",
                title=title,
                opened_at=OPEN_HOUR,
            ).number
            for title in ("Mandats en double", "Index de la paie corrompu")
        ]


@pytest.fixture
def ctx(sqlite_url: str, engine: Engine, hotline_home: Paths, incidents: list[str]) -> Iterator[AppContext]:
    context = make_context(hotline_home, sqlite_url)
    yield context
    drain_background()
    context.engine.dispose()


def _actor(session: Session) -> Actor:
    return incident_service.ensure_technician(session, "mleroy", "Marc Leroy", "NCY")


def prepare(ctx: AppContext, number: str) -> str:
    """A télémaintenance prepared by another desk; its reference."""
    with ctx.sessions.begin() as session:
        return tm.start(
            session,
            _actor(session),
            number,
            nature="Suppression des mandats en double",
            files=["MANDATS.DBF"],
            risks="Perte des mandats saisis depuis la dernière sauvegarde",
            delay_minutes=45,
            precautions=[],
            at=OPEN_HOUR + timedelta(minutes=5),
        ).reference


def walk_to_report(ctx: AppContext, reference: str) -> None:
    """Steps 1 to 5 recorded through the services (step 1 with its form issued)."""
    with ctx.sessions.begin() as session:
        actor = _actor(session)
        intervention_documents.inform_with_form(
            session, actor, reference, via=SentVia.EMAIL, at=OPEN_HOUR + timedelta(minutes=10)
        )
        tm.consent(
            session,
            actor,
            reference,
            by="Élodie Durand",
            via=ConsentVia.EMAIL,
            evidence_reference="courriel du 12/03",
            at=OPEN_HOUR + timedelta(minutes=30),
        )
        tm.confirm_precautions(session, actor, reference, [], at=OPEN_HOUR + timedelta(minutes=40))
        tm.begin(session, actor, reference, at=OPEN_HOUR + timedelta(minutes=50))
        tm.finish_intervention(
            session,
            actor,
            reference,
            actions="Doublons supprimés",
            files_touched=["MANDATS.DBF"],
            at=OPEN_HOUR + timedelta(minutes=80),
        )
        tm.notify_return_to_normal(
            session, actor, reference, via=NotifiedVia.PHONE, at=OPEN_HOUR + timedelta(minutes=85)
        )


def settle(qtbot: QtBot, screen: TelemaintenanceScreen) -> None:
    qtbot.waitUntil(lambda: screen.is_idle() and pending_operations() == 0, timeout=WAIT_MS)


@pytest.fixture
def stepper_screen(qtbot: QtBot, ctx: AppContext) -> Iterator[TelemaintenanceScreen]:
    screen = TelemaintenanceScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1148, 900)
    screen.show()
    qtbot.waitExposed(screen)
    settle(qtbot, screen)
    yield screen
    close_dialogs(screen.preview, screen.sign_dialog, screen.dialog)
    drain_background()


def open_reference(qtbot: QtBot, screen: TelemaintenanceScreen, reference: str) -> None:
    screen.show_reference(reference)
    settle(qtbot, screen)
    assert screen.view is not None and screen.view.reference == reference


# --- the stepper ----------------------------------------------------------------------------------------


def test_step_1_without_a_reference_issues_the_consent_form_and_previews_it(
    qtbot: QtBot, ctx: AppContext, incidents: list[str], stepper_screen: TelemaintenanceScreen
) -> None:
    """R-18 step 1: the written information is the form issued now; the step names it; the technician
    sees it in the preview to print, save or send it."""
    screen = stepper_screen
    reference = prepare(ctx, incidents[0])
    open_reference(qtbot, screen, reference)
    form = screen.stepper.form
    assert isinstance(form, InformForm) and form.document.text() == ""
    assert form.submit.text() == "Émettre le formulaire d'information et d'accord"
    assert form.submit.isDefault()
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)

    issued = documents_of(ctx.sessions, DocumentKind.CONSENT_FORM)
    assert len(issued) == 1
    document = issued[0]
    evidence = screen.view.workflow.evidence(Step.INFORMATION)
    assert isinstance(evidence, Information)
    assert document.title in evidence.document_reference and document.sha256[:16] in evidence.document_reference
    assert screen.view.state is TelemaintenanceState.WAITING_CONSENT
    assert screen.preview is not None and screen.preview.isVisible()
    assert screen.preview.pdf == document.content, "the preview shows the bytes the registry keeps"
    assert "Information" in pdf_text(screen.preview.pdf) and reference in pdf_text(screen.preview.pdf)

    # The done step offers the document again: the very same bytes.
    first = screen.preview
    first.close()
    link = screen.stepper.rows[Step.INFORMATION].findChild(QPushButton, "tmViewDocument1")
    assert link is not None and link.text() == "Voir le document"
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.preview is not first and screen.preview is not None, timeout=WAIT_MS)
    assert screen.preview.pdf == document.content
    assert len(documents_of(ctx.sessions, DocumentKind.CONSENT_FORM)) == 1


def test_step_1_with_a_reference_issues_nothing(
    qtbot: QtBot, ctx: AppContext, incidents: list[str], stepper_screen: TelemaintenanceScreen
) -> None:
    screen = stepper_screen
    reference = prepare(ctx, incidents[0])
    open_reference(qtbot, screen, reference)
    form = screen.stepper.form
    assert isinstance(form, InformForm)
    form.document.setText("Courrier n° 2026-031")
    assert form.submit.text() == "Enregistrer l'étape 1"
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    settle(qtbot, screen)
    assert screen.view.state is TelemaintenanceState.WAITING_CONSENT
    assert screen.view.workflow.evidence(Step.INFORMATION).document_reference == "Courrier n° 2026-031"
    assert documents_of(ctx.sessions, DocumentKind.CONSENT_FORM) == []
    assert screen.preview is None
    assert screen.stepper.rows[Step.INFORMATION].findChild(QPushButton, "tmViewDocument1") is None


def test_step_6_is_signed_on_screen_and_the_report_prints_both_signatures(
    qtbot: QtBot, ctx: AppContext, incidents: list[str], stepper_screen: TelemaintenanceScreen
) -> None:
    """R-18 step 6: « Faire signer », then the report is issued with both signatures, named by the step
    and previewed; the télémaintenance is complete."""
    screen = stepper_screen
    reference = prepare(ctx, incidents[0])
    walk_to_report(ctx, reference)
    open_reference(qtbot, screen, reference)
    form = screen.stepper.form
    assert isinstance(form, ReportForm)
    assert form.submit.text() == "Faire signer et émettre le compte rendu…"
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)
    dialog = screen.sign_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.technician.name() == TECHNICIAN
    assert dialog.client.name() == "Élodie Durand", "the person who consented is proposed"
    assert dialog.client.name_combo.findText("Marc Petit") >= 0, "the client's contacts are offered"
    assert documents_of(ctx.sessions, DocumentKind.INTERVENTION_REPORT) == [], "nothing issued before signing"
    sign(qtbot, dialog.technician.pad, 10)
    sign(qtbot, dialog.client.pad, 7)
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.preview is not None, timeout=WAIT_MS)
    settle(qtbot, screen)

    reports = documents_of(ctx.sessions, DocumentKind.INTERVENTION_REPORT)
    assert len(reports) == 1
    pdf = screen.preview.pdf
    assert pdf == reports[0].content
    assert pdf_images(pdf) == 2, "both captured signatures are printed"
    text = pdf_text(pdf)
    assert "Compte rendu d'intervention" in text and text.count("Signé le") == 2
    assert "Élodie Durand" in text and TECHNICIAN in text
    evidence = screen.view.workflow.evidence(Step.REPORT)
    assert isinstance(evidence, Report) and reports[0].sha256[:16] in evidence.document_reference
    assert screen.view.state is TelemaintenanceState.DONE
    for number in (1, 6):
        assert screen.stepper.findChild(QPushButton, f"tmViewDocument{number}") is not None


def test_cancelling_the_signatures_records_nothing(
    qtbot: QtBot, ctx: AppContext, incidents: list[str], stepper_screen: TelemaintenanceScreen
) -> None:
    screen = stepper_screen
    reference = prepare(ctx, incidents[0])
    walk_to_report(ctx, reference)
    open_reference(qtbot, screen, reference)
    qtbot.mouseClick(screen.stepper.form.submit, Qt.MouseButton.LeftButton)
    screen.sign_dialog.reject()
    settle(qtbot, screen)
    assert screen.view.state is TelemaintenanceState.TO_REPORT
    assert documents_of(ctx.sessions, DocumentKind.INTERVENTION_REPORT) == []
    assert isinstance(screen.stepper.form, ReportForm)


# --- the incident's « Documents… » menu ----------------------------------------------------------------


@pytest.fixture
def incidents_screen(qtbot: QtBot, ctx: AppContext, incidents: list[str]) -> Iterator[IncidentsScreen]:
    widget = IncidentsScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.is_idle() and widget.detail_panel.detail is not None, timeout=WAIT_MS)
    yield widget
    close_dialogs(widget.documents.preview, widget.documents.sign_dialog)
    drain_background()


def show(qtbot: QtBot, screen: IncidentsScreen, number: str) -> None:
    screen.show_incident(number)
    qtbot.waitUntil(lambda: screen.is_idle() and screen.detail_panel.detail.number == number, timeout=WAIT_MS)


def ask(qtbot: QtBot, screen: IncidentsScreen, key: str) -> bytes:
    """Trigger menu entry ``key`` and wait for its preview; the PDF shown."""
    before = screen.documents.preview
    action = screen.detail_panel.documents_button.actions_[key]
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: screen.documents.preview not in (None, before), timeout=WAIT_MS)
    qtbot.waitUntil(screen.is_idle, timeout=WAIT_MS)
    preview = screen.documents.preview
    assert preview is not None and preview.isVisible()
    pdf = preview.pdf
    preview.close()
    return pdf


def test_the_consent_form_is_the_one_sent_or_issued_now(
    qtbot: QtBot, ctx: AppContext, incidents: list[str], incidents_screen: IncidentsScreen
) -> None:
    """R-18: reprinting gives the form sent at step 1 byte for byte; before step 1 it is issued."""
    sent_reference = prepare(ctx, incidents[0])
    with ctx.sessions.begin() as session:
        intervention_documents.inform_with_form(session, _actor(session), sent_reference, via=SentVia.LETTER)
    prepare(ctx, incidents[1])
    menu = [a.text() for a in incidents_screen.detail_panel.documents_button.menu_.actions()]
    assert "Formulaire d'information et d'accord" in menu
    assert "Récapitulatif devis / commande (sur site)" in menu

    show(qtbot, incidents_screen, incidents[0])
    [sent] = documents_of(ctx.sessions, DocumentKind.CONSENT_FORM)
    assert ask(qtbot, incidents_screen, "consent_form") == sent.content
    assert len(documents_of(ctx.sessions, DocumentKind.CONSENT_FORM)) == 1, "a reprint adds nothing"

    show(qtbot, incidents_screen, incidents[1])
    pdf = ask(qtbot, incidents_screen, "consent_form")
    assert "Information" in pdf_text(pdf) and incidents[1] in pdf_text(pdf)
    forms = documents_of(ctx.sessions, DocumentKind.CONSENT_FORM)
    assert len(forms) == 2 and pdf in {f.content for f in forms}


def test_the_onsite_quote_and_order_summary_is_issued(
    qtbot: QtBot, ctx: AppContext, incidents: list[str], incidents_screen: IncidentsScreen
) -> None:
    """R-19: the quote and the order of an on-site intervention, summarised and recorded."""
    with ctx.sessions.begin() as session:
        actor = _actor(session)
        reference = onsite.quote(
            session, actor, incidents[1], number="DV-2026-0042", amount=Decimal("450.00"), on=date(2026, 3, 12)
        ).reference
        onsite.order(session, actor, reference, order_reference="BC-118", on=date(2026, 3, 13))
    show(qtbot, incidents_screen, incidents[1])
    pdf = ask(qtbot, incidents_screen, "onsite_order")
    text = pdf_text(pdf)
    assert "DV-2026-0042" in text and "BC-118" in text
    [document] = documents_of(ctx.sessions, DocumentKind.OTHER)
    assert document.content == pdf and reference in document.title


def test_an_incident_without_onsite_intervention_is_told_why(
    qtbot: QtBot, incidents: list[str], incidents_screen: IncidentsScreen
) -> None:
    show(qtbot, incidents_screen, incidents[0])
    incidents_screen.detail_panel.documents_button.actions_["onsite_order"].trigger()
    panel = incidents_screen.detail_panel
    qtbot.waitUntil(lambda: panel.message.isVisibleTo(panel), timeout=WAIT_MS)
    assert "aucune intervention sur site" in panel.message.text()
    assert incidents_screen.documents.preview is None


# --- the client's register -----------------------------------------------------------------------------


def test_the_clients_register_is_built_for_a_period_and_previewed(
    qtbot: QtBot, ctx: AppContext, incidents: list[str]
) -> None:
    """R-13: the register of the client's incidents opened in the period, recorded for the client."""
    screen = ClientListScreen(ctx.sessions, technician=Technician("cdubois", TECHNICIAN, "NCY"))
    qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()
    qtbot.waitExposed(screen)
    screen.search_field.setText("C54001")
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.rowCount() == 1, timeout=WAIT_MS)
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    qtbot.waitUntil(
        lambda: screen.detail_panel.findChild(QPushButton, "clientRegisterButton") is not None, timeout=WAIT_MS
    )
    button = screen.detail_panel.findChild(QPushButton, "clientRegisterButton")
    assert button.text() == "Registre des incidents…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = screen.register_dialog
    assert dialog is not None and dialog.isVisible()
    opened = OPEN_HOUR.date()
    dialog.set_period(opened - timedelta(days=30), opened + timedelta(days=1))
    qtbot.mouseClick(dialog.prepare_button, Qt.MouseButton.LeftButton)
    assert not dialog.prepare_button.isEnabled() and dialog.prepare_button.text() == "Préparation…"
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT_MS)
    preview = dialog.preview
    try:
        text = pdf_text(preview.pdf)
        assert "Registre des incidents" in text
        assert all(number in text for number in incidents)
        [document] = documents_of(ctx.sessions, DocumentKind.INCIDENT_REGISTER)
        assert document.content == preview.pdf and document.incident_id is None and document.client_id is not None
    finally:
        close_dialogs(preview)
        drain_background()


def test_a_period_ending_before_it_starts_is_refused_in_the_dialog(
    qtbot: QtBot, ctx: AppContext, incidents: list[str]
) -> None:
    from ui.documents.register_dialog import RegisterDialog

    dialog = RegisterDialog(ctx.sessions, Technician("cdubois", TECHNICIAN, "NCY"), "C54001", "Maxéville")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_period(date(2026, 5, 1), date(2026, 4, 1))
    qtbot.mouseClick(dialog.prepare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=WAIT_MS)
    assert "Période invalide" in dialog.error.text()
    assert dialog.isVisible() and dialog.prepare_button.isEnabled() and dialog.preview is None
    assert documents_of(ctx.sessions, DocumentKind.INCIDENT_REGISTER) == []
    drain_background()
