"""The rota's right-click deletions and the « Semaine type » dialog of the Planning screen."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.context import AppContext
from app.db.models import AuditEntry, Technician
from app.db.models.rota import RotaPattern, RotaShift, StaffLeave
from app.domain.hotline_calendar import PARIS
from app.domain.rota import Leave, LeaveKind, LineRole, Shift, WeeklyPattern
from app.domain.vocabulary import Role
from app.services import rota as rota_service
from tests.ui.conftest import drain_background
from ui.planning import PlanningScreen
from ui.planning.rota_panel import RotaPanel
from ui.planning.rota_patterns import RotaPatternDialog

# Week 19 of 2027: Monday 10 May to Friday 14 May.
NOW = datetime(2027, 5, 10, 10, 0, tzinfo=PARIS)
MONDAY = date(2027, 5, 10)
EDITOR = rota_service.Editor("Céline Mangin", "SPV")


@pytest.fixture
def team(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    """Alice and Bruno every morning; Bruno away on Tuesday; Alice on the line on Monday afternoon."""
    with sessions.begin() as session:
        for login, name in (("alice", "Alice Martin"), ("bruno", "Bruno Petit")):
            session.add(Technician(login=login, full_name=name, role=Role.TECHNICIAN, active=True))
        session.flush()
        for login in ("alice", "bruno"):
            for weekday in range(5):
                pattern = WeeklyPattern(login, weekday, time(8, 30), time(12), date(2027, 1, 4))
                rota_service.add_pattern(session, pattern, EDITOR)
        rota_service.add_leave(session, Leave("bruno", LeaveKind.CONGES, date(2027, 5, 11), date(2027, 5, 11)), EDITOR)
        rota_service.add_shift(session, Shift("alice", MONDAY, time(13, 30), time(17), LineRole.BACKUP), EDITOR)
    return sessions


@pytest.fixture
def panel(qtbot: QtBot, context: AppContext, team: sessionmaker[Session]) -> Iterator[RotaPanel]:
    screen = PlanningScreen(context, now=lambda: NOW)
    qtbot.addWidget(screen)
    screen.resize(1360, 800)
    screen.show()
    screen.tabs.setCurrentWidget(screen.rota_panel)
    qtbot.waitUntil(screen.rota_panel.is_idle, timeout=10_000)
    yield screen.rota_panel
    drain_background()


def _count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _menu_texts(menu: QMenu | None) -> list[str]:
    assert menu is not None
    return [action.text() for action in menu.actions()]


def _trigger(menu: QMenu | None, text: str) -> None:
    assert menu is not None
    next(action for action in menu.actions() if action.text() == text).trigger()


def test_right_click_on_a_shift_deletes_it_once_confirmed(qtbot: QtBot, panel: RotaPanel, team) -> None:
    view = panel.view
    point = view.point_for("alice", MONDAY, time(15))
    asked: list[str] = []
    panel.confirm = lambda title, question: asked.append(question) is not None  # refuses
    _trigger(view.context_menu_at(point), "Supprimer la permanence")
    assert asked == ["Supprimer la permanence de Alice Martin le 10/05/2027, 13:30–17:00 ?"]
    assert _count(team, RotaShift) == 1  # not confirmed: kept

    panel.confirm = lambda title, question: True
    _trigger(view.context_menu_at(point), "Supprimer la permanence")
    qtbot.waitUntil(lambda: panel.message.text() == "Permanence supprimée.", timeout=10_000)
    qtbot.waitUntil(panel.is_idle, timeout=10_000)
    assert _count(team, RotaShift) == 0
    assert panel.week is not None and not any(not d.from_pattern for d in panel.week.duties)

    # A routine's occurrence is not deleted: it is skipped for the day, or its routine is opened.
    texts = _menu_texts(view.context_menu_at(view.point_for("alice", MONDAY, time(10))))
    assert texts == ["Ne pas appliquer la semaine type ce jour-là", "Semaine type…"]
    assert view.context_menu_at(view.point_for("alice", date(2027, 5, 12), time(15))) is None  # empty


def test_right_click_on_a_leave_deletes_it_and_the_routine_comes_back(qtbot: QtBot, panel: RotaPanel, team) -> None:
    view = panel.view
    point = view.point_for("bruno", date(2027, 5, 11), time(15))
    panel.confirm = lambda title, question: "Congés le 11/05/2027" in question and title == "Supprimer l'absence"
    menu = view.context_menu_at(point)
    assert _menu_texts(menu) == ["Supprimer l'absence"]
    _trigger(menu, "Supprimer l'absence")
    qtbot.waitUntil(lambda: panel.message.text() == "Absence supprimée.", timeout=10_000)
    qtbot.waitUntil(panel.is_idle, timeout=10_000)
    assert _count(team, StaffLeave) == 0
    assert panel.week is not None
    assert not any(g.start.date() == date(2027, 5, 11) and g.start.time() == time(8, 30) for g in panel.week.gaps)


def test_skipping_a_routine_day_from_the_week_view(qtbot: QtBot, panel: RotaPanel, team) -> None:
    view = panel.view
    menu = view.context_menu_at(view.point_for("alice", date(2027, 5, 12), time(10)))
    _trigger(menu, "Ne pas appliquer la semaine type ce jour-là")
    qtbot.waitUntil(lambda: panel.message.text().startswith("Semaine type de Alice Martin"), timeout=10_000)
    qtbot.waitUntil(panel.is_idle, timeout=10_000)
    assert panel.week is not None
    wednesday = [g for g in panel.week.gaps if g.start.date() == date(2027, 5, 12)]
    assert (wednesday[0].start.time(), wednesday[0].on_line) == (time(8, 30), ("bruno",))


def _open_dialog(qtbot: QtBot, panel: RotaPanel, login: str) -> RotaPatternDialog:
    view = panel.view
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=view.name_point(login).toPoint())
    dialog = panel.pattern_dialog
    assert dialog is not None and dialog.login == login
    qtbot.waitUntil(lambda: dialog.is_idle() and len(dialog.patterns) > 0, timeout=10_000)
    return dialog


def test_the_weekly_routine_dialog_lists_adds_ends_and_skips(qtbot: QtBot, panel: RotaPanel, team) -> None:
    dialog = _open_dialog(qtbot, panel, "bruno")
    assert dialog.windowTitle() == "Semaine type — Bruno Petit"
    assert dialog.table.rowCount() == 5
    assert [dialog.table.item(r, 0).text() for r in range(5)] == ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi"]
    assert dialog.table.item(0, 3).text() == "depuis le 04/01/2027, sans fin"
    assert not dialog.end_button.isEnabled()  # nothing selected yet

    # Add: Bruno every Monday afternoon from this week.
    dialog.weekday_box.setCurrentIndex(0)
    dialog.start_edit.setTime(QTime(13, 30))
    dialog.end_edit.setTime(QTime(17, 0))
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(LineRole.BACKUP))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "Semaine type ajoutée.", timeout=10_000)
    qtbot.waitUntil(lambda: dialog.is_idle() and len(dialog.patterns) == 6, timeout=10_000)
    qtbot.waitUntil(panel.is_idle, timeout=10_000)
    assert panel.week is not None and not any(g.start.date() == MONDAY for g in panel.week.gaps)  # 2 on the line

    # End the Friday routine on Friday 14 May (its last day).
    friday = next(p for p in dialog.patterns if p.weekday == 4)
    dialog.select(friday.key)
    assert dialog.day_edit.date() == QDate(2027, 5, 14)  # its next day from the week on screen
    qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Semaine type terminée"), timeout=10_000)
    qtbot.waitUntil(dialog.is_idle, timeout=10_000)
    with team() as session:
        assert session.get(RotaPattern, uuid.UUID(friday.key)).valid_to == date(2027, 5, 14)

    # Skip the Wednesday routine on 12 May, then a refusal (not a Wednesday) says why and saves nothing.
    wednesday = next(p for p in dialog.patterns if p.weekday == 2)
    dialog.select(wednesday.key)
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "Semaine type suspendue le 12/05/2027.", timeout=10_000)
    qtbot.waitUntil(dialog.is_idle, timeout=10_000)
    row = [p.key for p in dialog.patterns].index(wednesday.key)
    assert dialog.table.item(row, 4).text() == "12/05"
    with team() as session:
        audited = session.scalar(select(func.count()).select_from(AuditEntry))
    dialog.select(wednesday.key)
    dialog.day_edit.setDate(QDate(2027, 5, 13))
    with qtbot.waitSignal(dialog.edit_refused, timeout=10_000) as refused:
        qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert refused.args[0].startswith("Non enregistré") and "n'est pas un mercredi" in refused.args[0]
    with team() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == audited


def test_a_refused_routine_says_why_and_saves_nothing(qtbot: QtBot, panel: RotaPanel, team) -> None:
    dialog = _open_dialog(qtbot, panel, "alice")
    dialog.weekday_box.setCurrentIndex(0)
    dialog.start_edit.setTime(QTime(7, 0))
    dialog.end_edit.setTime(QTime(9, 0))
    with qtbot.waitSignal(dialog.edit_refused, timeout=10_000) as refused:
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert "hors des heures d'ouverture" in refused.args[0]
    assert _count(team, RotaPattern) == 10


def test_the_name_column_context_menu_opens_the_routine(qtbot: QtBot, panel: RotaPanel) -> None:
    view = panel.view
    menu = view.context_menu_at(view.name_point("alice"))
    assert _menu_texts(menu) == ["Semaine type…"]
    _trigger(menu, "Semaine type…")
    assert panel.pattern_dialog is not None and panel.pattern_dialog.login == "alice"
    qtbot.waitUntil(panel.pattern_dialog.is_idle, timeout=10_000)
    panel.pattern_dialog.close()
