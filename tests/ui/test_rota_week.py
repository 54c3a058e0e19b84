"""The rota tab of the Planning screen: the week view, its gaps, a shift drawn with the mouse, leave."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.context import AppContext
from app.db.models import Technician
from app.db.models.rota import RotaShift, StaffLeave
from app.domain.hotline_calendar import PARIS
from app.domain.rota import Leave, LeaveKind, WeeklyPattern
from app.domain.vocabulary import Role
from app.services import rota as rota_service
from tests.ui.conftest import drain_background
from ui.planning import HotlineStatusIndicator, PlanningScreen

# Week 19 of 2027: Monday 10 May to Friday 14 May.
NOW = datetime(2027, 5, 10, 10, 0, tzinfo=PARIS)
MONDAY = date(2027, 5, 10)
EDITOR = rota_service.Editor("Céline Mangin", "SPV")


@pytest.fixture
def team(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    """Alice and Bruno on the line every morning; Bruno away on Tuesday; nobody in the afternoons."""
    with sessions.begin() as session:
        for login, name in (("alice", "Alice Martin"), ("bruno", "Bruno Petit")):
            session.add(Technician(login=login, full_name=name, role=Role.TECHNICIAN, active=True))
        session.flush()
        for login in ("alice", "bruno"):
            for weekday in range(5):
                pattern = WeeklyPattern(login, weekday, time(8, 30), time(12), date(2027, 1, 4))
                rota_service.add_pattern(session, pattern, EDITOR)
        rota_service.add_leave(session, Leave("bruno", LeaveKind.CONGES, date(2027, 5, 11), date(2027, 5, 11)), EDITOR)
    return sessions


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext, team: sessionmaker[Session]) -> Iterator[PlanningScreen]:
    widget = PlanningScreen(context, now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1360, 800)
    widget.show()
    widget.tabs.setCurrentWidget(widget.rota_panel)
    qtbot.waitUntil(widget.rota_panel.is_idle, timeout=10_000)
    yield widget
    drain_background()


def test_the_week_view_shows_technicians_and_highlights_gaps(screen: PlanningScreen) -> None:
    """R-15: every afternoon is a gap, and Tuesday morning too (Bruno away, Alice alone)."""
    panel = screen.rota_panel
    assert screen.tabs.tabText(1) == "Permanences"
    assert panel.week_title.text() == "Semaine 19 — du 10/05 au 14/05/2027"
    assert panel.view.logins[:2] == ["alice", "bruno"]
    gaps = panel.week.gaps if panel.week else ()
    assert [(g.start.date(), g.start.time(), len(g.on_line)) for g in gaps] == [
        (date(2027, 5, 10), time(13, 30), 0),
        (date(2027, 5, 11), time(8, 30), 1),
        (date(2027, 5, 11), time(13, 30), 0),
        (date(2027, 5, 12), time(13, 30), 0),
        (date(2027, 5, 13), time(13, 30), 0),
        (date(2027, 5, 14), time(13, 30), 0),
    ]
    assert panel.gap_list.count() == 6
    assert panel.gap_list.item(1).text().startswith("Mardi 11/05 08:30–12:00 (210 min) : 1 sur 2 en ligne")
    assert "6 manque(s)" in panel.summary.text()
    image = panel.view.grab().toImage()
    # A gap is drawn in red in the « Manques » line, under Monday afternoon.
    point = panel.view.point_for("alice", MONDAY, time(15))
    mark = image.pixelColor(int(point.x()), panel.view.height() - 14)
    assert mark.red() > 180 and mark.green() < 90


def test_dragging_across_a_row_creates_a_shift(qtbot: QtBot, screen: PlanningScreen, team) -> None:
    panel = screen.rota_panel
    view = panel.view
    start = view.point_for("bruno", MONDAY, time(13, 30)).toPoint()
    end = view.point_for("bruno", MONDAY, time(17)).toPoint()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, pos=QPoint((start.x() + end.x()) // 2, start.y()))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: panel.message.text() == "Permanence ajoutée.", timeout=10_000)
    qtbot.waitUntil(panel.is_idle, timeout=10_000)
    with team() as session:
        shifts = session.execute(select(RotaShift)).scalars().all()
    assert [(s.day, s.starts, s.ends) for s in shifts] == [(MONDAY, time(13, 30), time(17))]
    assert panel.week is not None and panel.week.gaps[0].on_line == ("bruno",)  # Monday afternoon: 1 of 2

    # Dragging that shift to Wednesday moves it.
    moved_from = view.point_for("bruno", MONDAY, time(15)).toPoint()
    moved_to = view.point_for("bruno", date(2027, 5, 12), time(15)).toPoint()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=moved_from)
    qtbot.mouseMove(view, pos=moved_to)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=moved_to)
    qtbot.waitUntil(lambda: panel.message.text() == "Permanence déplacée.", timeout=10_000)
    with team() as session:
        shifts = session.execute(select(RotaShift)).scalars().all()
    assert [(s.day, s.starts, s.ends) for s in shifts] == [(date(2027, 5, 12), time(13, 30), time(17))]


def test_a_refused_shift_says_why_and_saves_nothing(qtbot: QtBot, screen: PlanningScreen, team) -> None:
    panel = screen.rota_panel
    with qtbot.waitSignal(panel.edit_refused, timeout=10_000) as refused:
        panel.add_shift("bruno", date(2027, 5, 11), time(9), time(11))
    assert "absent" in refused.args[0] and refused.args[0].startswith("Non enregistré")
    with team() as session:
        assert session.execute(select(RotaShift)).first() is None


def test_the_leave_form_records_leave(qtbot: QtBot, screen: PlanningScreen, team) -> None:
    panel = screen.rota_panel
    panel.leave_technician.setCurrentIndex(panel.leave_technician.findData("alice"))
    panel.leave_kind.setCurrentIndex(panel.leave_kind.findData(LeaveKind.MALADIE))
    panel.leave_from.setDate(QDate(2027, 5, 14))
    panel.leave_to.setDate(QDate(2027, 5, 14))
    panel.leave_afternoon.setChecked(True)
    qtbot.mouseClick(panel.leave_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.message.text() == "Absence enregistrée.", timeout=10_000)
    with team() as session:
        leaves = session.execute(select(StaffLeave).where(StaffLeave.kind == LeaveKind.MALADIE)).scalars().all()
    assert [(l.first_day, l.starts_afternoon) for l in leaves] == [(date(2027, 5, 14), True)]  # noqa: E741


def test_the_status_bar_shows_who_is_on_the_line_and_the_next_gap(qtbot: QtBot, context: AppContext, team) -> None:
    indicator = HotlineStatusIndicator(context.sessions, now=lambda: NOW)
    qtbot.addWidget(indicator)
    indicator.login = "chef"
    with team.begin() as session:
        session.add(Technician(login="chef", full_name="Céline Mangin", role=Role.SUPERVISOR, active=True))
    indicator.reload()
    qtbot.waitUntil(lambda: indicator.outlook is not None and indicator.calendar is not None, timeout=10_000)
    indicator.refresh()
    indicator.show()
    indicator.resize(indicator.sizeHint())
    assert indicator.text().endswith(" · ☎ Alice, Bruno · ⚠ lun. 13:30")
    indicator.resize(indicator.minimumSizeHint())  # a narrow status bar keeps the hotline status whole
    assert indicator.text() == "Hotline ouverte — ferme à 12:00"
    tip = indicator.toolTip()
    assert "☎ Alice Martin (principal), Bruno Petit (principal)" in tip
    assert "Prochain manque : lun. 10/05 13:30–17:00 (0/2)" in tip
    drain_background()
