"""The main window: French title and navigation, status bar, screens not built yet, Ctrl+F."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from app.config import Paths, Settings
from app.db.models import Technician
from app.domain.vocabulary import Role
from tests.ui.conftest import drain_background, make_context
from ui.main_window import MainWindow

NBSP = "\u00a0"


def status_text(window: MainWindow, name: str) -> str:
    label = window.statusBar().findChild(QLabel, name)
    assert label is not None, name
    return label.text().replace(NBSP, " ")


def test_title_names_the_hotline_and_the_vendor(window: MainWindow) -> None:
    assert window.windowTitle() == "Hotline — DEFI INFORMATIQUE"


def test_navigation_lists_every_screen_in_french(window: MainWindow) -> None:
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == [
        "Appel",
        "Incidents",
        "Télémaintenance",
        "Planning",
        "Tableau de bord",
        "Contrats",
        "Clients",
    ]
    assert window.current_screen() == "clients"


def test_status_bar_shows_station_technician_mode_and_database(window: MainWindow, sqlite_url: str) -> None:
    assert status_text(window, "stationStatus") == "Poste NCY"
    assert status_text(window, "technicianStatus") == "Technicien : Claire Dubois"
    assert status_text(window, "modeStatus") == "Mode solo"
    location = status_text(window, "locationStatus")
    assert location.startswith("Base : ")
    assert window.statusBar().findChild(QLabel, "locationStatus").toolTip() == sqlite_url.split("///", 1)[1]


def test_status_bar_says_when_the_station_is_not_set(
    qtbot: QtBot, hotline_home: Paths, sqlite_url: str, client_ids: object
) -> None:
    context = make_context(hotline_home, sqlite_url, Settings(technician_name="Claire Dubois"))
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert status_text(window, "stationStatus") == "Poste non défini"
    drain_background()
    context.engine.dispose()


def test_team_database_shows_team_mode_and_a_search_failure_in_french(qtbot: QtBot, hotline_home: Paths) -> None:
    # Port 1 on the loopback refuses at once: the window must say so, not hang or crash.
    context = make_context(hotline_home, "postgresql+psycopg://hotline@127.0.0.1:1/hotline")
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert status_text(window, "modeStatus") == "Mode équipe"
    assert status_text(window, "locationStatus") == "Base : 127.0.0.1:1/hotline"
    count = window.clients_screen.count_label
    qtbot.waitUntil(lambda: count.text() == "Échec de la recherche", timeout=10_000)
    assert "La base de données ne répond pas" in " ".join(window.clients_screen.detail_panel.texts())
    drain_background()
    # The role could not be read: the name alone, no role guessed.
    assert status_text(window, "technicianStatus") == "Claire Dubois"
    assert window.statusBar().findChild(QLabel, "technicianStatus").toolTip().startswith("Identifiant")
    context.engine.dispose()


def test_dashboard_opens_the_dashboard_screen(qtbot: QtBot, window: MainWindow) -> None:
    from ui.dashboard import DashboardScreen

    row = [window.navigation.item(i).text() for i in range(window.navigation.count())].index("Tableau de bord")
    item_rect = window.navigation.visualItemRect(window.navigation.item(row))
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
    page = window.pages.currentWidget()
    assert isinstance(page, DashboardScreen)
    drain_background()


def test_contracts_opens_the_contracts_screen(qtbot: QtBot, window: MainWindow) -> None:
    from ui.contracts import ContractsScreen

    window.show_screen("contracts")
    assert isinstance(window.pages.currentWidget(), ContractsScreen)
    drain_background()


def test_ctrl_f_goes_to_the_client_search_from_any_screen(qtbot: QtBot, window: MainWindow) -> None:
    window.show_screen("incidents")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "clients"
    qtbot.waitUntil(window.clients_screen.search_field.hasFocus)


def test_every_screen_is_described_as_it_is(window: MainWindow) -> None:
    """The navigation's tooltips say what each screen does, not what it will do one day."""
    tips = [window.navigation.item(i).toolTip() for i in range(window.navigation.count())]
    assert len(tips) == 7
    assert all(tip and not tip.startswith("Il servira") and not tip.startswith("Il présentera") for tip in tips)
    assert tips[0].startswith("Prendre un appel")
    drain_background()


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.TECHNICIAN, "Technicien : Claire Dubois"),
        (Role.SUPERVISOR, "Superviseur : Claire Dubois"),
        (Role.ADMIN, "Administrateur : Claire Dubois"),
        (None, "Technicien : Claire Dubois"),
    ],
)
def test_status_bar_names_the_role_of_the_person_at_the_desk(
    qtbot: QtBot,
    hotline_home: Paths,
    sqlite_url: str,
    sessions: sessionmaker[Session],
    client_ids: object,
    role: Role | None,
    shown: str,
) -> None:
    """R-30: the staff record gives the role; a login without one yet is told so in the tooltip."""
    if role is not None:
        with sessions.begin() as session:
            session.add(Technician(login="cdubois", full_name="Claire Dubois", role=role, active=True))
    settings = Settings(station_code="NCY", technician_name="Claire Dubois", technician_login="cdubois")
    context = make_context(hotline_home, sqlite_url, settings)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_idle, timeout=10_000)
    assert status_text(window, "technicianStatus") == shown
    tooltip = window.statusBar().findChild(QLabel, "technicianStatus").toolTip()
    if role is None:
        assert "Aucune fiche" in tooltip and "cdubois" in tooltip
    else:
        assert tooltip.replace(NBSP, " ") == "Identifiant : cdubois"
    drain_background()
    context.engine.dispose()
