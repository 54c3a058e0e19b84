"""The incident file's controls beyond the lifecycle: out-of-contract exclusion (R-07), wait on the client
(R-17), priority, and the list's technician filter (issue 4)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from app.config import Paths
from app.context import AppContext
from app.db import migrate
from app.db.engine import make_engine, session_factory
from app.domain.vocabulary import Exclusion, IncidentStatus, Origin
from app.services.incident_queries import incident_detail
from app.services.incidents import close, create_incident, diagnose, ensure_technician, resolve
from tests.integration.incident_fixtures import OPEN_HOUR, build_world
from tests.ui.conftest import drain_background, make_context
from ui.incidents import IncidentsScreen
from ui.incidents.dialogs import UNDER_CONTRACT, ExclusionDialog

WAIT_MS = 15_000
# Who opened what: create_incident assigns the incident to the technician who takes the call.
BY_CLAIRE = 3
BY_MARC = 2


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Maxéville's and Laxou's incidents, some taken by Claire Dubois and some by Marc Roux."""
    path = tmp_path_factory.mktemp("controls") / "template.sqlite3"
    engine = make_engine(f"sqlite+pysqlite:///{path}")
    migrate.upgrade(engine)
    numbers: dict[str, str] = {}
    with session_factory(engine).begin() as session:
        build_world(session)
        claire = ensure_technician(session, "cdubois", "Claire Dubois", "NCY")
        marc = ensure_technician(session, "mroux", "Marc Roux", "NCY")
        titles = ["Imprimante bloquee", "Mandat rejete", "Export PES vide", "Balance fausse", "Paie en double"]
        for n, title in enumerate(titles):
            created = create_incident(
                session,
                claire if n < BY_CLAIRE else marc,
                client_code="C54001",
                caller_name="Marc Petit",
                product_code="FIN",
                title=title,
                opened_at=OPEN_HOUR,
            )
            numbers[title.split()[0].lower()] = created.number
    engine.dispose()
    return path, numbers


@pytest.fixture
def sqlite_url(tmp_path: Path, template: tuple[Path, dict[str, str]]) -> str:
    copy = tmp_path / "test.sqlite3"
    shutil.copyfile(template[0], copy)
    return f"sqlite+pysqlite:///{copy}"


@pytest.fixture
def numbers(template: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return template[1]


@pytest.fixture
def ctx(sqlite_url: str, hotline_home: Paths) -> Iterator[AppContext]:
    context = make_context(hotline_home, sqlite_url)
    yield context
    drain_background()
    context.engine.dispose()


def open_incident(qtbot: QtBot, ctx: AppContext, words: str) -> IncidentsScreen:
    """The screen with the one incident whose title has ``words`` (ASCII) selected and its file shown."""
    screen = IncidentsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 800)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.rowCount() > 0, timeout=WAIT_MS)
    qtbot.keyClicks(screen.search_field, words)
    qtbot.waitUntil(
        lambda: (
            screen.is_idle()
            and screen.model.total == 1
            and screen.detail_panel.detail is not None
            and words.split()[0].lower() in screen.detail_panel.detail.title.lower()
        ),
        timeout=WAIT_MS,
    )
    return screen


def file_text(screen: IncidentsScreen) -> str:
    return "\n".join(screen.detail_panel.texts())


def choose_exclusion(qtbot: QtBot, screen: IncidentsScreen, key: str) -> ExclusionDialog:
    screen.detail_panel.findChild(QPushButton, "actionOutOfContract").click()
    dialog = screen.dialog
    assert isinstance(dialog, ExclusionDialog)
    dialog.findChild(QRadioButton, f"exclusionChoice_{key}").click()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(screen.is_idle, timeout=WAIT_MS)
    return dialog


def test_the_exclusion_dialog_offers_under_contract_and_every_exclusion_in_french(
    qtbot: QtBot, ctx: AppContext
) -> None:
    dialog = ExclusionDialog("NCY-2600001-A", Exclusion.BASE_SYSTEM)
    qtbot.addWidget(dialog)
    texts = [button.text() for button in dialog.findChildren(QRadioButton)]
    assert texts == ["Sous contrat (aucune exclusion ne s'applique)", *(e.label for e in Exclusion)]
    assert dialog.windowTitle() == "Hors contrat — NCY-2600001-A"
    assert dialog.exclusion() is Exclusion.BASE_SYSTEM  # the current exclusion comes preselected
    dialog.choose(None)
    assert dialog.choices[UNDER_CONTRACT].isChecked()
    assert dialog.exclusion() is None


def test_marking_out_of_contract_shows_the_exclusion_and_can_be_undone(
    qtbot: QtBot, ctx: AppContext, sessions: sessionmaker[Session], numbers: dict[str, str]
) -> None:
    """R-07: the exclusion is recorded through the service, shown in the file and on the list row."""
    screen = open_incident(qtbot, ctx, "imprimante")
    assert screen.detail_panel.findChild(QPushButton, "actionOutOfContract").isEnabled()
    choose_exclusion(qtbot, screen, Exclusion.VERSION_NOT_APPLIED.value)

    detail = screen.detail_panel.detail
    assert detail.out_of_contract and detail.exclusion_label == Exclusion.VERSION_NOT_APPLIED.label
    exclusion_line = screen.detail_panel.scroll.widget().findChild(QLabel, "incidentExclusion")
    assert exclusion_line.text() == "Hors contrat (R-07) : Nouvelle version non appliquée dans le délai"
    assert screen.detail_panel.scroll.widget().findChild(QLabel, "outOfContractBadge").text() == "Hors contrat"
    assert screen.model.row_at(0).out_of_contract  # the row turns red without reloading the list
    with sessions() as session:
        stored = incident_detail(session, numbers["imprimante"])
        assert stored.exclusion_label == Exclusion.VERSION_NOT_APPLIED.label
        assert any(line.summary.startswith("Exclusion") for line in stored.history)

    # Opened again, the dialog shows the exclusion recorded; « Sous contrat » puts it back.
    dialog = choose_exclusion(qtbot, screen, UNDER_CONTRACT)
    assert dialog is not None
    assert not screen.detail_panel.detail.out_of_contract
    assert screen.detail_panel.scroll.widget().findChild(QLabel, "incidentExclusion") is None
    assert not screen.model.row_at(0).out_of_contract
    with sessions() as session:
        assert incident_detail(session, numbers["imprimante"]).exclusion_label is None


def test_waiting_on_the_client_pauses_the_clock_and_resumes(
    qtbot: QtBot, ctx: AppContext, sessions: sessionmaker[Session], numbers: dict[str, str]
) -> None:
    """R-17: the wait is recorded in the history; the file says the clock is paused."""
    screen = open_incident(qtbot, ctx, "mandat")
    combo = screen.detail_panel.wait_combo
    assert combo.isEnabled()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Pas d'attente",
        "Attente d'informations du client",
        "Attente de l'accord écrit du client",
        "Attente de la sauvegarde du client",
    ]
    combo.setCurrentIndex(combo.findData("information"))
    qtbot.waitUntil(lambda: screen.is_idle() and screen.detail_panel.detail.waiting == "information", timeout=WAIT_MS)
    assert "Attente d'informations du client — horloge de service en pause" in file_text(screen)
    assert screen.detail_panel.scroll.widget().findChild(QLabel, "waitingBadge") is not None
    with sessions() as session:
        assert incident_detail(session, numbers["mandat"]).waiting == "information"

    combo.setCurrentIndex(combo.findData(""))
    qtbot.waitUntil(lambda: screen.is_idle() and screen.detail_panel.detail.waiting is None, timeout=WAIT_MS)
    assert "horloge de service en pause" not in file_text(screen)
    with sessions() as session:
        assert incident_detail(session, numbers["mandat"]).waiting is None


def test_a_wait_on_an_incident_closed_meanwhile_is_refused_in_french(
    qtbot: QtBot, ctx: AppContext, sessions: sessionmaker[Session], numbers: dict[str, str]
) -> None:
    """Another technician closed the incident after this screen showed it: the service refuses, the
    refusal is shown in French, nothing is written, and the file is read again."""
    screen = open_incident(qtbot, ctx, "export")
    with sessions.begin() as session:
        actor = ensure_technician(session, "mroux", "Marc Roux", "NCY")
        diagnose(session, actor, numbers["export"], Origin.USAGE, 10)
        resolve(session, actor, numbers["export"], "Export relance")
        close(session, actor, numbers["export"])
    combo = screen.detail_panel.wait_combo
    combo.setCurrentIndex(combo.findData("consent"))
    qtbot.waitUntil(
        lambda: screen.is_idle() and screen.detail_panel.detail.status is IncidentStatus.CLOSED, timeout=WAIT_MS
    )
    message = screen.detail_panel.message
    assert message.isVisible()
    assert message.text() == "Un incident résolu ou clos n'attend plus rien du client."
    assert combo.currentData() == ""  # back to what the incident holds
    assert not combo.isEnabled()  # a closed incident cannot wait any more: the control says it first
    assert combo.toolTip() == "Un incident résolu ou clos n'attend plus rien du client."
    with sessions() as session:
        stored = incident_detail(session, numbers["export"])
        assert stored.waiting is None
        assert not any(line.summary.startswith("Attente client") for line in stored.history)


def test_changing_the_priority_updates_the_file_the_row_and_the_history(
    qtbot: QtBot, ctx: AppContext, sessions: sessionmaker[Session], numbers: dict[str, str]
) -> None:
    screen = open_incident(qtbot, ctx, "balance")
    combo = screen.detail_panel.priority_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "1 — Bloquant",
        "2 — Majeur",
        "3 — Normal",
        "4 — Mineur",
    ]
    assert combo.currentData() == screen.detail_panel.detail.priority
    combo.setCurrentIndex(combo.findData(1))
    qtbot.waitUntil(lambda: screen.is_idle() and screen.detail_panel.detail.priority == 1, timeout=WAIT_MS)
    assert "priorité Bloquant" in file_text(screen)
    assert screen.model.row_at(0).priority == 1
    with sessions() as session:
        stored = incident_detail(session, numbers["balance"])
        assert stored.priority == 1
        assert any(line.summary.startswith("Priorité") for line in stored.history)


def test_the_technician_filter_lists_staff_by_name_and_filters_the_list(qtbot: QtBot, ctx: AppContext) -> None:
    screen = IncidentsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 800)
    screen.show()
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.total == BY_CLAIRE + BY_MARC, timeout=WAIT_MS)
    combo = screen.technician_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Tous les techniciens", "Claire Dubois", "Marc Roux"]

    combo.setCurrentIndex(combo.findData("mroux"))
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.total == BY_MARC, timeout=WAIT_MS)
    assert screen.current_filter().technician_login == "mroux"
    assert {screen.model.row_at(i).assignee for i in range(screen.model.rowCount())} == {"Marc Roux"}
    assert screen.count_label.text() == f"{BY_MARC} incidents"

    combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.total == BY_CLAIRE + BY_MARC, timeout=WAIT_MS)
    assert screen.current_filter().technician_login is None


def test_the_list_shows_its_five_main_columns_without_scrolling_at_the_window_size(
    qtbot: QtBot, ctx: AppContext
) -> None:
    """At 1360×820 (the window's size, 1100 px left for the screen), number, date, client, title and
    status fit in the list, and the file beside it keeps about 40 %."""
    screen = IncidentsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1360 - 212, 820 - 30)
    screen.show()
    qtbot.waitUntil(lambda: screen.is_idle() and screen.model.rowCount() > 0, timeout=WAIT_MS)
    table, head = screen.table, screen.table.horizontalHeader()
    shown = [c for c in range(screen.model.columnCount()) if not table.isColumnHidden(c)]
    assert [screen.model.headerData(c, head.orientation()) for c in shown] == [
        "N°",
        "Ouvert le",
        "Client",
        "Titre",
        "Statut",
    ]
    assert head.length() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    assert head.sectionSize(shown[3]) >= 120  # the title is readable, not a sliver
    list_width, file_width = screen.splitter.sizes()
    assert 0.55 <= list_width / (list_width + file_width) <= 0.65
