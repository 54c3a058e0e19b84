"""The « Appel » screen driven like a technician with a headset on: keyboard only, from the search to
the number (issue 4, R-03 … R-10)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Paths
from app.context import AppContext
from app.db.models import CallLog, Contact, Incident
from app.domain.numbering import parse_number
from app.services.drafts import draft_path
from app.services.incident_queries import incident_detail
from tests.integration.incident_fixtures import build_world
from tests.ui.conftest import drain_background, make_context
from ui import intake
from ui.intake import IntakeScreen
from ui.intake.banners import dictation_form

WAIT_MS = 10_000


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> dict[str, object]:
    with sessions.begin() as session:
        built = build_world(session)
        return {key: value.id for key, value in built.items()}  # type: ignore[attr-defined]


@pytest.fixture
def ctx(sqlite_url: str, hotline_home: Paths, world: dict[str, uuid.UUID]) -> Iterator[AppContext]:
    context = make_context(hotline_home, sqlite_url)
    yield context
    drain_background()
    context.engine.dispose()


def open_screen(qtbot: QtBot, ctx: AppContext, *, owned_by_test: bool = False) -> IntakeScreen:
    screen = IntakeScreen(ctx)
    if not owned_by_test:
        qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    return screen


def pick(qtbot: QtBot, screen: IntakeScreen, typed: str) -> None:
    """Type what the caller says, Enter, and wait for the client's card."""
    screen.search_field.setFocus()
    qtbot.keyClicks(screen.search_field, typed)
    qtbot.keyClick(screen.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.form.product_combo.count() > 0, timeout=WAIT_MS)


def test_a_whole_call_by_keyboard_gives_a_number_that_exists(
    qtbot: QtBot, ctx: AppContext, sessions: sessionmaker[Session]
) -> None:
    """R-04 order, R-10 number at once, the call log ends with the save."""
    screen = open_screen(qtbot, ctx)
    pick(qtbot, screen, "C54001")
    assert screen.client is not None and screen.client.code == "C54001"
    assert screen.form.hotline_label.text() == "HL540001"
    assert screen.call_running()
    assert any("Maxéville" in text for text in screen.card.texts())
    assert screen.focusWidget() is screen.form.product_combo

    qtbot.keyClick(screen.form.product_combo, Qt.Key.Key_Down)
    assert screen.form.product_code() in ("FIN", "PAIE")
    qtbot.keyClick(screen.form.product_combo, Qt.Key.Key_Tab)
    qtbot.keyClicks(screen.form.peripheral_field, "Imprimante")
    qtbot.keyClick(screen.form.peripheral_field, Qt.Key.Key_Tab)
    qtbot.keyClicks(screen.form.caller_combo.lineEdit(), "Marc Petit")
    qtbot.keyClick(screen.form.caller_combo, Qt.Key.Key_Tab)
    assert screen.focusWidget() is screen.form.title_field
    qtbot.keyClicks(screen.form.title_field, "Edition du mandat impossible")
    qtbot.waitUntil(lambda: screen.banner.level in ("green", "orange"), timeout=WAIT_MS)

    qtbot.keyClick(screen.form.title_field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(screen.number_panel.number), timeout=WAIT_MS)

    number = screen.number_panel.number
    parsed = parse_number(number)
    assert screen.number_panel.number_label.text() == dictation_form(number)
    assert " · " in screen.number_panel.number_label.text() and parsed.station == "NCY"
    assert not screen.call_running()
    with sessions() as session:
        detail = incident_detail(session, number)
        assert detail.title == "Edition du mandat impossible"
        assert detail.caller_name == "Marc Petit" and detail.peripheral == "Imprimante"
        call = session.execute(select(CallLog).where(CallLog.incident_id == detail.id)).scalar_one()
        assert call.ended_at is not None

    screen.number_panel.copy_button.click()
    assert QApplication.clipboard().text() == number


def test_a_name_without_accents_finds_the_client(qtbot: QtBot, ctx: AppContext) -> None:
    screen = open_screen(qtbot, ctx)
    pick(qtbot, screen, "maxev")
    assert screen.client is not None and screen.client.name == "Maxéville"


def test_a_client_not_covered_shows_a_red_banner_with_the_reasons(qtbot: QtBot, ctx: AppContext) -> None:
    """R-05: unpaid licence and unvalidated system make Laxou's call not covered."""
    screen = open_screen(qtbot, ctx)
    pick(qtbot, screen, "C54002")
    qtbot.waitUntil(lambda: screen.banner.level == "red", timeout=WAIT_MS)
    assert screen.banner.headline.text() == "Non couvert par le contrat"
    reasons = screen.banner.reasons.text()
    assert "Licence non réglée" in reasons
    assert "Environnement non validé" in reasons


def test_the_banner_follows_the_caller(qtbot: QtBot, ctx: AppContext) -> None:
    """R-03: an untrained caller turns the banner orange, at the technician's choice."""
    screen = open_screen(qtbot, ctx)
    pick(qtbot, screen, "C54001")
    screen.form.product_combo.setCurrentIndex(screen.form.product_combo.findData("FIN"))
    screen.form.caller_combo.setEditText("Jean Nouveau")
    qtbot.waitUntil(lambda: "non formé" in screen.banner.reasons.text(), timeout=WAIT_MS)
    assert screen.banner.level == "orange"
    assert "non formé" in screen.form.caller_hint.text().lower()


def test_an_empty_title_is_refused_in_french_and_nothing_is_saved(
    qtbot: QtBot, ctx: AppContext, sessions: sessionmaker[Session]
) -> None:
    screen = open_screen(qtbot, ctx)
    pick(qtbot, screen, "C54001")
    qtbot.keyClicks(screen.form.caller_combo.lineEdit(), "Quelqu un de nouveau")
    with sessions() as session:
        contacts_before = session.scalar(select(func.count(Contact.id)))
    qtbot.keyClick(screen.form.title_field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.error_label.isVisible(), timeout=WAIT_MS)
    assert screen.error_label.text() == "Le titre de l'incident est obligatoire."
    assert screen.number_panel.number == ""
    with sessions() as session:
        assert session.scalar(select(func.count(Incident.id))) == 0
        assert session.scalar(select(func.count(Contact.id))) == contacts_before
    assert screen.call_running(), "a refusal must not end the call"


def test_saving_before_picking_a_client_says_what_to_do(qtbot: QtBot, ctx: AppContext) -> None:
    screen = open_screen(qtbot, ctx)
    screen.save_incident()
    assert screen.error_label.text() == "Choisissez d'abord le client de l'appelant (Ctrl+F)."


def test_the_draft_is_offered_back_after_the_screen_is_destroyed(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake.screen, "AUTOSAVE_MS", 200)
    # This test destroys the screen itself, as a crash would: pytest-qt must not close it again.
    screen = open_screen(qtbot, ctx, owned_by_test=True)
    pick(qtbot, screen, "maxev")
    screen.form.product_combo.setCurrentIndex(screen.form.product_combo.findData("PAIE"))
    # Accented text goes in with insert(): keyClicks aborts on non-ASCII characters.
    screen.form.title_field.insert("Écran figé à l'édition")
    path = draft_path(ctx.paths, ctx.station)
    qtbot.waitUntil(lambda: path.exists() and "figé" in path.read_text(encoding="utf-8"), timeout=WAIT_MS)
    qtbot.keyClicks(screen.form.description_field, "en cours de frappe")
    screen.close()
    screen.deleteLater()
    drain_background()

    again = open_screen(qtbot, ctx)
    assert again.draft_bar.isVisibleTo(again)
    assert "Reprendre la saisie interrompue" in again.draft_label.text()
    again.resume_button.click()
    qtbot.waitUntil(lambda: again.form.title_field.text() == "Écran figé à l'édition", timeout=WAIT_MS)
    assert again.client is not None and again.client.code == "C54001"
    assert again.form.product_code() == "PAIE"
    assert again.form.hotline_label.text() == "HL540001"
    assert again.call_running()


def test_escape_cancels_the_call_and_ends_its_log(
    qtbot: QtBot, ctx: AppContext, sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = open_screen(qtbot, ctx)
    pick(qtbot, screen, "C54002")
    qtbot.keyClicks(screen.form.title_field, "Question")
    asked: list[bool] = []
    monkeypatch.setattr(screen, "confirm_discard", lambda: asked.append(True) or True)
    qtbot.keyClick(screen.form.title_field, Qt.Key.Key_Escape)
    assert asked == [True]
    assert screen.client is None and not screen.call_running()
    drain_background()
    with sessions() as session:
        call = session.execute(select(CallLog)).scalar_one()
        assert call.ended_at is not None and call.incident_id is None
