"""Ctrl+N from anywhere in the main window: the Appel screen in front, empty, the cursor in its search
(issue 4: keyboard first, a new call is one shortcut away)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow


def test_ctrl_n_brings_an_empty_call_screen_with_the_search_focused(qtbot: QtBot, window: MainWindow) -> None:
    # Something typed on the call screen earlier, then the technician went to the incident list.
    window.show_screen("call")
    window.call_screen.search_field.insert("Maxéville")
    window.show_screen("incidents")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.current_screen() == "incidents"

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    call = window.call_screen
    assert window.current_screen() == "call"
    assert window.pages.currentWidget() is call
    qtbot.waitUntil(call.search_field.hasFocus)
    assert call.search_field.text() == ""
    assert call.client is None
    assert not call.form.has_content()
    assert not call.call_running()
    assert call.elapsed_text() == "00:00"
    assert call.saved_number == ""


def test_ctrl_n_on_the_call_screen_starts_over_from_the_search(qtbot: QtBot, window: MainWindow) -> None:
    window.show_screen("call")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.call_screen.search_field.setFocus()
    qtbot.keyClicks(window.call_screen.search_field, "C54")
    qtbot.keyClick(window.call_screen.search_field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "call"
    assert window.call_screen.search_field.text() == ""
    assert window.call_screen.search_field.hasFocus()
