"""The client list screen: search as you type (R-04), the client's file beside it (R-01, R-02)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from app.services import clients as client_service
from ui.clients import ClientListScreen
from ui.clients import list_screen as list_screen_module
from ui.main_window import MainWindow

NBSP = "\u00a0"


def shown_codes(screen: ClientListScreen) -> list[str]:
    rows = (screen.model.row_at(r) for r in range(screen.model.rowCount()))
    return [row.code for row in rows if row is not None]


def wait_for_codes(qtbot: QtBot, screen: ClientListScreen, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: screen.is_idle() and shown_codes(screen) == expected, timeout=5000)


def panel_text(screen: ClientListScreen) -> str:
    return "\n".join(screen.detail_panel.texts()).replace(NBSP, " ")


def test_the_list_opens_with_every_client_by_name_and_french_headers(window: MainWindow) -> None:
    screen = window.clients_screen
    headers = [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(screen.model.columnCount())]
    assert headers == ["Code", "N° hotline", "Nom", "Type", "Commune", "Téléphone"]
    assert screen.model.rowCount() == 9
    assert screen.count_label.text() == "9 clients"
    assert screen.search_field.placeholderText() == "Code client, n° hotline, téléphone ou nom…"
    assert "Aucun client sélectionné" in panel_text(screen)


def test_typing_part_of_a_name_filters_the_table(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.clients_screen
    qtbot.keyClicks(screen.search_field, "maxev")
    wait_for_codes(qtbot, screen, ["C05412"])
    assert screen.count_label.text() == "1 client"
    row = screen.model.row_at(0)
    assert row is not None
    assert (row.name, row.kind_label, row.city, row.phone) == (
        "Commune de Maxéville",
        "Commune",
        "Maxéville",
        "03 83 90 10 00",
    )


def test_accented_text_finds_the_same_clients(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.clients_screen
    # keyClicks with non-ASCII text crashes the offscreen platform: insert it instead.
    screen.search_field.insert("Épinal")
    wait_for_codes(qtbot, screen, ["C05413", "C00210"])


@pytest.mark.parametrize("typed", ["C05412", "05412", "HL123456", "123456", "03 83 90 10 00", "+33383901000"])
def test_a_code_hotline_id_or_phone_finds_the_client_first(qtbot: QtBot, window: MainWindow, typed: str) -> None:
    screen = window.clients_screen
    qtbot.keyClicks(screen.search_field, typed)
    qtbot.waitUntil(lambda: screen.is_idle() and shown_codes(screen)[:1] == ["C05412"], timeout=5000)


def test_the_best_match_file_is_shown_at_once(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.clients_screen
    qtbot.keyClicks(screen.search_field, "05413")
    qtbot.waitUntil(lambda: screen.is_idle() and "CCAS d'Épinal" in panel_text(screen), timeout=5000)
    name = screen.detail_panel.findChild(QLabel, "detailClientName")
    assert name is not None and name.text() == "CCAS d'Épinal"
    # one untrained RTC only.
    assert "Moins de deux responsables techniques (RTC) formés" in panel_text(screen)
    assert screen.detail_panel.findChild(QLabel, "rtcUntrainedBadge").text() == "RTC non formé"


def test_nothing_found_says_so(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.clients_screen
    qtbot.keyClicks(screen.search_field, "zzzz")
    wait_for_codes(qtbot, screen, [])
    assert screen.count_label.text() == "Aucun client"
    assert "Aucun client ne correspond à « zzzz »." in panel_text(screen)


def test_selecting_a_row_fills_the_detail_panel(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.clients_screen
    row = shown_codes(screen).index("C05412")
    with qtbot.waitSignal(screen.detail_shown, timeout=5000):
        screen.table.selectRow(row)
    text = panel_text(screen)
    assert screen.detail_panel.findChild(QLabel, "detailClientName").text() == "Commune de Maxéville"
    assert "C05412 · HL123456 · Commune" in text
    # the current site and the former one, with the move notice.
    assert "SITES D'INSTALLATION" in text
    assert "Mairie" in text and "Ancienne mairie" in text
    assert "Déménagement signalé le 02/05/2022 (Courrier)" in text
    # two trained RTC, each with their training.
    badges = [b.text() for b in screen.detail_panel.findChildren(QLabel, "rtcTrainedBadge")]
    assert badges == ["RTC formé", "RTC formé"]
    assert "Formations : Jet Finances (12/03/2021)" in text
    assert "Moins de deux responsables techniques" not in text
    # the installation's environment and licence; the contract and its services.
    assert "Jet Finances 5.2" in text
    assert "Environnement validé" in text and "Licence payée" in text
    assert "CT-2023-0001" in text and "En vigueur" in text
    assert "• Sauvegarde externalisée, depuis le 01/01/2023" in text


def test_searches_run_off_the_gui_thread_and_typing_is_debounced(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, bool]] = []
    real: Callable[..., list[client_service.ClientSummary]] = client_service.search_clients

    def spy(session: Session, text: str, limit: int = 50) -> list[client_service.ClientSummary]:
        calls.append((text, threading.current_thread() is threading.main_thread()))
        return real(session, text, limit)

    monkeypatch.setattr(list_screen_module, "search_clients", spy)
    screen = window.clients_screen
    qtbot.keyClicks(screen.search_field, "nancy")
    wait_for_codes(qtbot, screen, ["C00300", "C00101", "C00100", "C00102"])
    # One search for the whole word typed in a burst, run on a worker thread.
    assert calls == [("nancy", False)]


def test_down_arrow_moves_from_the_search_to_the_results(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.clients_screen
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    screen.focus_search()
    qtbot.keyClicks(screen.search_field, "nancy")
    wait_for_codes(qtbot, screen, ["C00300", "C00101", "C00100", "C00102"])
    qtbot.keyClick(screen.search_field, Qt.Key.Key_Down)
    qtbot.waitUntil(screen.table.hasFocus)
    assert screen.table.currentIndex().row() == 0
