"""The portal in the status bar: what it says, « Synchroniser » bringing portal incidents in, the details
dialog settling a conflict, and cycles that never overlap (docs/sync.md, « Sync in the app »)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.context import AppContext
from app.db.models import Incident, SyncConflict
from app.domain.vocabulary import Channel
from app.services import incidents as svc
from tests.portal_sim import start_portal
from tests.ui.conftest import make_context
from ui.main_window import MainWindow
from ui.sync import SyncController, SyncStatusIndicator, SyncView
from ui.sync.details import SyncDetailsDialog

NOW = datetime.now(UTC)


@pytest.fixture
def controller(qtbot: QtBot, context: AppContext) -> SyncController:
    return SyncController(context)


@pytest.fixture
def indicator(qtbot: QtBot, controller: SyncController) -> SyncStatusIndicator:
    widget = SyncStatusIndicator(controller)
    qtbot.addWidget(widget)
    return widget


def paris_hhmm(value: datetime) -> str:
    from app.domain.hotline_calendar import PARIS

    return value.astimezone(PARIS).strftime("%H:%M")


# --- what the indicator says ----------------------------------------------------------------------------


def test_without_a_portal_it_says_not_configured(indicator: SyncStatusIndicator) -> None:
    indicator.show_view(SyncView(configured=False, checked=True))
    assert indicator.label.text() == "Portail non configuré"
    assert indicator.state() == "off"
    assert "hotline portal login" in indicator.label.toolTip()


def test_online_with_pending_changes_and_the_last_sync_time(indicator: SyncStatusIndicator) -> None:
    indicator.show_view(SyncView(configured=True, checked=True, online=True, pending=3, last_success=NOW))
    assert indicator.label.text() == f"Portail : en ligne · 3 en attente · synchronisé à {paris_hhmm(NOW)}"
    assert indicator.state() == "ok"


def test_offline_since_the_first_failed_cycle(indicator: SyncStatusIndicator) -> None:
    since = NOW - timedelta(minutes=2)
    indicator.show_view(
        SyncView(configured=True, checked=True, online=False, pending=1, offline_since=since, last_success=since)
    )
    assert indicator.label.text() == f"Portail : hors ligne depuis {paris_hhmm(since)} · 1 en attente"
    assert indicator.state() == "offline"


def test_conflicts_quarantine_and_dead_letters_count_as_errors(indicator: SyncStatusIndicator) -> None:
    indicator.show_view(SyncView(configured=True, checked=True, online=True, conflicts=1, dead=1, last_success=NOW))
    assert indicator.label.text().endswith(" · 2 erreurs")
    assert indicator.state() == "attention"
    indicator.show_view(SyncView(configured=True, checked=True, online=True, quarantined=1))
    assert indicator.label.text() == "Portail : en ligne · 1 erreur"
    assert "Enregistrements en quarantaine : 1" in indicator.label.toolTip()


def test_a_running_cycle_says_so_and_disables_the_action(indicator: SyncStatusIndicator) -> None:
    indicator.show_view(SyncView(configured=True, checked=True, running=True, pending=2))
    assert indicator.label.text() == "Portail : synchronisation… · 2 en attente"
    assert not indicator.sync_action.isEnabled()


def test_synchroniser_without_a_portal_explains_how_to_configure_one(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.sync.view.checked, timeout=5_000)
    assert window.sync_status.label.text() == "Portail non configuré"
    assert window.sync_status.sync_button.text() == "Synchroniser"
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    message = window.sync_status.message
    assert isinstance(message, QMessageBox) and message.isVisible()
    assert "hotline portal login" in message.text()
    message.close()
    assert window.sync.cycles == 0


# --- against the reference portal -----------------------------------------------------------------------


@pytest.fixture
def portal(sqlite_url: str, client_ids) -> Iterator[object]:
    path = sqlite_url.split("///", 1)[1]
    with start_portal(seed=3, seed_incidents=6, hotline_db=path) as handle:
        yield handle


@pytest.fixture
def portal_context(hotline_home, sqlite_url: str, portal, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    from tests.ui.conftest import drain_background

    monkeypatch.setenv("HOTLINE_PORTAL_TOKEN", portal.token)
    ctx = make_context(hotline_home, sqlite_url)
    ctx.settings.portal_url = portal.url
    yield ctx
    drain_background()
    ctx.engine.dispose()


def test_synchroniser_brings_portal_incidents_into_the_list_with_numbers(
    qtbot: QtBot, portal_context: AppContext, portal
) -> None:
    win = MainWindow(portal_context)
    qtbot.addWidget(win)
    win.show()
    win.show_screen("incidents")
    qtbot.waitUntil(lambda: win.sync.view.checked, timeout=5_000)
    win.sync.timer.stop()  # only the click below syncs
    qtbot.mouseClick(win.sync_status.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.sync.cycles >= 1 and not win.sync.is_running(), timeout=20_000)
    with portal_context.sessions() as session:
        numbers = session.execute(select(Incident.number).where(Incident.channel == Channel.PORTAL)).scalars().all()
    assert len(numbers) >= 6 and all(numbers)  # the declarations, and a restoration request
    assert win.sync.view.online is True and win.sync.view.pending == 0
    assert win.sync_status.label.text().startswith("Portail : en ligne · synchronisé à ")
    on_portal = {i["number"] for i in portal.state()["incidents"]}
    assert set(numbers) <= on_portal  # the numbers went back to the portal
    screen = win.incidents_screen
    qtbot.waitUntil(lambda: screen.model.rowCount() >= 6, timeout=10_000)
    shown = {screen.model.row_at(r).number for r in range(screen.model.rowCount())}
    assert set(numbers) <= shown
    win.close()


def test_cycles_never_overlap_and_a_request_during_one_is_served_after(
    qtbot: QtBot, portal_context: AppContext, portal
) -> None:
    controller = SyncController(portal_context)
    portal.set_faults(latency_ms=150)
    assert controller.sync_now() and controller.is_running()
    controller.sync_now()
    controller.sync_now()
    qtbot.waitUntil(lambda: controller.cycles == 2 and not controller.is_running(), timeout=20_000)
    qtbot.wait(300)
    assert controller.cycles == 2


def test_a_local_change_syncs_shortly_after_once_for_a_burst(qtbot: QtBot, portal_context: AppContext, portal) -> None:
    controller = SyncController(portal_context)
    controller.debounce.setInterval(100)
    controller.start(first_sync_ms=-1)
    qtbot.waitUntil(lambda: controller.view.checked, timeout=5_000)
    for _ in range(5):
        controller.local_change("NCY-0001")
    assert controller.debounce.isActive() and controller.cycles == 0
    qtbot.waitUntil(lambda: controller.cycles == 1 and not controller.is_running(), timeout=20_000)
    qtbot.wait(300)
    assert controller.cycles == 1
    controller.shutdown()


def test_offline_then_back_online(qtbot: QtBot, portal_context: AppContext, portal) -> None:
    controller = SyncController(portal_context)
    indicator = SyncStatusIndicator(controller)
    qtbot.addWidget(indicator)
    portal.stop()
    controller.sync_now()
    qtbot.waitUntil(lambda: controller.cycles == 1 and not controller.is_running(), timeout=30_000)
    assert controller.view.online is False
    assert indicator.label.text().startswith("Portail : hors ligne depuis ")
    portal.restart()
    controller.sync_now()
    qtbot.waitUntil(lambda: controller.cycles == 2 and not controller.is_running(), timeout=30_000)
    assert controller.view.online is True and controller.view.offline_since is None
    assert indicator.label.text().startswith("Portail : en ligne · synchronisé à ")


def test_closing_stops_a_running_cycle_within_two_seconds(qtbot: QtBot, portal_context: AppContext, portal) -> None:
    controller = SyncController(portal_context)
    portal.set_faults(latency_ms=300)
    controller.sync_now()
    started = datetime.now(UTC)
    assert controller.shutdown() is True
    assert (datetime.now(UTC) - started).total_seconds() < 2.5
    assert controller.sync_now() is False  # closed: nothing more starts


# --- the details dialog -------------------------------------------------------------------------------


def make_conflict(context: AppContext) -> tuple[str, uuid.UUID]:
    with context.sessions.begin() as session:
        actor = svc.ensure_technician(session, "cdubois", "Claire Dubois", "NCY")
        created = svc.create_incident(
            session, actor, client_code="C05412", caller_name="Élodie Durand", title="Titre de la hotline"
        )
        conflict = SyncConflict(
            incident_id=created.id,
            field="title",
            hotline_value="Titre de la hotline",
            portal_value="Titre du client",
            portal_version=2,
            detected_at=datetime.now(UTC),
        )
        session.add(conflict)
        session.flush()
        return created.number, conflict.id


def test_the_details_dialog_takes_the_clients_value(qtbot: QtBot, context: AppContext) -> None:
    number, conflict_id = make_conflict(context)
    controller = SyncController(context)
    dialog = SyncDetailsDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.details is not None, timeout=5_000)
    assert dialog.conflicts_title.text() == "Conflits à trancher (1)"
    assert not dialog.retry_button.isEnabled()  # no failed send
    card = dialog.findChild(object, f"syncConflict-{conflict_id}")
    assert card is not None
    take = card.findChild(QPushButton, "keepPortalButton")
    assert take.text() == "Prendre celle du client"
    assert card.findChild(QPushButton, "keepHotlineButton").text() == "Garder la valeur de la hotline"
    qtbot.mouseClick(take, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.is_idle() and not dialog.details.conflicts, timeout=5_000)
    with context.sessions() as session:
        assert svc.find_incident(session, number).title == "Titre du client"
        resolved = session.get(SyncConflict, conflict_id)
        assert resolved.resolved_at is not None and resolved.resolved_by == "Claire Dubois"
    assert dialog.findChild(object, "syncNoConflict") is not None


def test_the_details_dialog_lists_failed_sends_and_retries_them(qtbot: QtBot, context: AppContext) -> None:
    from app.db.models import OutboxOperation
    from app.services import outbox

    number, _ = make_conflict(context)
    with context.sessions.begin() as session:
        incident = svc.find_incident(session, number)
        session.add(
            OutboxOperation(
                incident_id=incident.id,
                kind=outbox.EVENT,
                payload="{}",
                state=outbox.DEAD,
                attempts=8,
                last_error="HTTP 422 : corps refusé",
            )
        )
    controller = SyncController(context)
    dialog = SyncDetailsDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.details is not None, timeout=5_000)
    assert dialog.dead_table.rowCount() == 1 and dialog.dead_table.item(0, 1).text() == number
    assert dialog.retry_button.text() == "Réessayer" and dialog.retry_button.isEnabled()
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.is_idle() and dialog.dead_table.rowCount() == 0, timeout=5_000)
    with context.sessions() as session:
        assert session.execute(select(OutboxOperation).where(OutboxOperation.state == outbox.DEAD)).first() is None
