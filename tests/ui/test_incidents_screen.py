"""The Incidents screen: a lazy list (one window at a time), filters, and lifecycle buttons that follow
R-14 (issue 4)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from app.config import Paths
from app.context import AppContext
from app.db import migrate
from app.db.engine import make_engine, session_factory
from app.domain.vocabulary import IncidentStatus, Origin
from app.services.incident_queries import incident_detail
from app.services.incidents import create_incident, diagnose, ensure_technician, resolve
from tests.integration.incident_fixtures import OPEN_HOUR, build_world
from tests.ui.conftest import drain_background, make_context
from ui.incidents import IncidentsScreen
from ui.incidents.dialogs import DiagnoseDialog
from ui.models.incident_table import WINDOW

WAIT_MS = 15_000
MANY = WINDOW + 60


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Maxéville and Laxou with MANY incidents, one of them about a printer: built once per module
    (creating hundreds of incidents takes seconds), copied for each test."""
    path = tmp_path_factory.mktemp("incidents") / "template.sqlite3"
    engine = make_engine(f"sqlite+pysqlite:///{path}")
    migrate.upgrade(engine)
    with session_factory(engine).begin() as session:
        build_world(session)
        actor = ensure_technician(session, "cdubois", "Claire Dubois", "NCY")
        made = {}
        for n in range(MANY):
            created = create_incident(
                session,
                actor,
                client_code="C54001" if n % 2 else "C54002",
                caller_name="Marc Petit" if n % 2 else "Sophie Lambert",
                product_code="FIN",
                title="Imprimante bloquee au mandat" if n == 7 else f"Question courante {n}",
                opened_at=OPEN_HOUR,
            )
            made[n] = created.number
    engine.dispose()
    return path, {"printer": made[7], "first": made[0]}


@pytest.fixture
def sqlite_url(tmp_path: Path, template: tuple[Path, dict[str, str]]) -> str:
    """This module's tests start from a copy of the template database."""
    copy = tmp_path / "test.sqlite3"
    shutil.copyfile(template[0], copy)
    return f"sqlite+pysqlite:///{copy}"


@pytest.fixture
def numbers(template: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return template[1]


@pytest.fixture
def ctx(sqlite_url: str, hotline_home: Paths, numbers: dict[str, str]) -> Iterator[AppContext]:
    context = make_context(hotline_home, sqlite_url)
    yield context
    drain_background()
    context.engine.dispose()


def open_screen(qtbot: QtBot, ctx: AppContext) -> IncidentsScreen:
    screen = IncidentsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 800)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.rowCount() > 0, timeout=WAIT_MS)
    return screen


def test_the_list_loads_one_window_not_every_incident(qtbot: QtBot, ctx: AppContext) -> None:
    screen = open_screen(qtbot, ctx)
    assert screen.model.total == MANY
    assert screen.model.rows_fetched == WINDOW
    assert screen.model.windows_fetched == 1
    assert screen.count_label.text() == f"{MANY} incidents"
    # Scrolling to the end asks for the next window, and only that one.
    screen.table.scrollToBottom()
    qtbot.waitUntil(lambda: screen.model.rowCount() == MANY, timeout=WAIT_MS)
    assert screen.model.windows_fetched == 2
    assert screen.model.rows_fetched == MANY


def test_filtering_by_status_and_search(qtbot: QtBot, ctx: AppContext, numbers: dict[str, str]) -> None:
    screen = open_screen(qtbot, ctx)
    screen.status_combo.setCurrentIndex(screen.status_combo.findData(IncidentStatus.RESOLVED.value))
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.total == 0, timeout=WAIT_MS)
    assert screen.model.rowCount() == 0
    screen.status_combo.setCurrentIndex(screen.status_combo.findData("open"))
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.total == MANY, timeout=WAIT_MS)

    qtbot.keyClicks(screen.search_field, "imprimante")
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.total == 1, timeout=WAIT_MS)
    assert screen.model.row_at(0).number == numbers["printer"]
    qtbot.waitUntil(lambda: screen.detail_panel.detail is not None, timeout=WAIT_MS)
    assert "Imprimante bloquee au mandat" in screen.detail_panel.texts()


def test_client_filter_and_sort_by_header(qtbot: QtBot, ctx: AppContext) -> None:
    screen = open_screen(qtbot, ctx)
    qtbot.keyClicks(screen.client_field, "C54002")
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.total == MANY // 2, timeout=WAIT_MS)
    screen.table.horizontalHeader().setSortIndicator(0, screen.table.horizontalHeader().sortIndicatorOrder())
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.sort_key == "number", timeout=WAIT_MS)
    shown = [screen.model.row_at(i).number for i in range(5)]
    assert shown == sorted(shown)


def button(screen: IncidentsScreen, name: str) -> QPushButton:
    found = screen.detail_panel.findChild(QPushButton, name)
    assert found is not None, name
    return found


def test_buttons_follow_the_lifecycle_and_diagnose_works_through_the_dialog(
    qtbot: QtBot, ctx: AppContext, sessions: sessionmaker[Session], numbers: dict[str, str]
) -> None:
    """R-14: a new incident can be diagnosed, not resolved or closed; R-08/R-11 through the dialog."""
    screen = open_screen(qtbot, ctx)
    qtbot.keyClicks(screen.search_field, "imprimante")
    qtbot.waitUntil(
        lambda: screen.is_idle() and screen.detail_panel.detail is not None and screen.model.total == 1,
        timeout=WAIT_MS,
    )
    assert button(screen, "actionDiagnose").isEnabled()
    assert not button(screen, "actionResolve").isEnabled()
    assert not button(screen, "actionClose").isEnabled()
    assert not button(screen, "actionReopen").isEnabled()
    assert button(screen, "actionNote").isEnabled()

    button(screen, "actionDiagnose").click()
    dialog = screen.dialog
    assert isinstance(dialog, DiagnoseDialog)
    dialog.origin_combo.setCurrentIndex(dialog.origin_combo.findData(Origin.PERIPHERAL.value))
    dialog.estimate_field.setValue(45)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(
        lambda: screen.is_idle() and screen.detail_panel.detail.status is IncidentStatus.DIAGNOSED, timeout=WAIT_MS
    )
    assert button(screen, "actionResolve").isEnabled()
    assert button(screen, "actionDiagnose").isEnabled()  # diagnosing again stays allowed
    assert screen.model.row_at(0).status is IncidentStatus.DIAGNOSED
    with sessions() as session:
        detail = incident_detail(session, numbers["printer"])
        assert (detail.origin, detail.estimate_minutes) == (Origin.PERIPHERAL, 45)
        assert any("Diagnostiqué" in line.summary for line in detail.history)


def test_a_refused_transition_is_shown_in_french(
    qtbot: QtBot, ctx: AppContext, sessions: sessionmaker[Session], numbers: dict[str, str]
) -> None:
    screen = open_screen(qtbot, ctx)
    qtbot.keyClicks(screen.search_field, "imprimante")
    qtbot.waitUntil(lambda: screen.is_idle() and screen.detail_panel.detail is not None, timeout=WAIT_MS)
    # The button is disabled; a stale screen (another technician acted meanwhile) still gets the rule's answer.
    screen.run_action(numbers["printer"], "close")
    qtbot.waitUntil(lambda: screen.detail_panel.message.isVisible(), timeout=WAIT_MS)
    assert "impossible depuis le statut « Nouveau »" in screen.detail_panel.message.text()


def test_resolved_incident_can_be_closed_not_resolved_again(
    qtbot: QtBot, ctx: AppContext, sessions: sessionmaker[Session], numbers: dict[str, str]
) -> None:
    with sessions.begin() as session:
        actor = ensure_technician(session, "cdubois", "Claire Dubois", "NCY")
        diagnose(session, actor, numbers["printer"], Origin.USAGE, 10)
        resolve(session, actor, numbers["printer"], "Pilote réinstallé")
    screen = open_screen(qtbot, ctx)
    qtbot.keyClicks(screen.search_field, "imprimante")
    qtbot.waitUntil(
        lambda: (
            screen.is_idle()
            and screen.detail_panel.detail is not None
            and screen.detail_panel.detail.status is IncidentStatus.RESOLVED
        ),
        timeout=WAIT_MS,
    )
    assert button(screen, "actionClose").isEnabled()
    assert button(screen, "actionReopen").isEnabled()
    assert not button(screen, "actionResolve").isEnabled()
    button(screen, "actionClose").click()
    qtbot.waitUntil(
        lambda: screen.is_idle() and screen.detail_panel.detail.status is IncidentStatus.CLOSED, timeout=WAIT_MS
    )
    assert not button(screen, "actionClose").isEnabled()


def test_each_cell_answers_its_text_colour_and_tooltip_and_nothing_else(
    qtbot: QtBot, ctx: AppContext, sessions: sessionmaker[Session], numbers: dict[str, str]
) -> None:
    """R-07 in the list: an out-of-contract number is red and says why in its tooltip; a closed incident is
    grey; the roles the list does not use are left to the view."""
    from PySide6.QtCore import Qt

    from app.domain.vocabulary import Exclusion
    from app.services.incidents import close, mark_out_of_contract
    from ui.models.incident_table import Column

    with sessions.begin() as session:
        actor = ensure_technician(session, "cdubois", "Claire Dubois", "NCY")
        mark_out_of_contract(session, actor, numbers["printer"], Exclusion.NON_CONFORMING_USE)
        diagnose(session, actor, numbers["first"], Origin.USAGE, 10)
        resolve(session, actor, numbers["first"], "Paramétrage corrigé")
        close(session, actor, numbers["first"])
    screen = open_screen(qtbot, ctx)
    model = screen.model
    screen.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == MANY, timeout=WAIT_MS)
    printer, first = model.row_of(numbers["printer"]), model.row_of(numbers["first"])
    assert printer is not None and first is not None

    def cell(row: int, column: Column, role: Qt.ItemDataRole) -> object:
        return model.index(row, column).data(role)

    assert cell(printer, Column.NUMBER, Qt.ItemDataRole.DisplayRole) == numbers["printer"]
    assert cell(printer, Column.NUMBER, Qt.ItemDataRole.ForegroundRole).name() == "#a3261d"
    assert cell(printer, Column.NUMBER, Qt.ItemDataRole.ToolTipRole) == "Hors contrat"
    assert cell(printer, Column.TITLE, Qt.ItemDataRole.ToolTipRole) == "Imprimante bloquee au mandat"
    assert cell(printer, Column.TITLE, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(first, Column.STATUS, Qt.ItemDataRole.DisplayRole) == IncidentStatus.CLOSED.label
    assert cell(first, Column.TITLE, Qt.ItemDataRole.ForegroundRole).name() == "#8a94a3"
    assert cell(first, Column.CLIENT, Qt.ItemDataRole.ToolTipRole).endswith("(C54002)")
    for role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.EditRole):
        assert cell(printer, Column.NUMBER, role) is None
