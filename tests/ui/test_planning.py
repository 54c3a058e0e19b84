"""The Planning screen (R-15, R-16, R-21) and the live hotline indicator of the status bar."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from pytestqt.qtbot import QtBot
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from app.context import AppContext
from app.db.models import Client, Contract, ContractService
from app.domain.hotline_calendar import PARIS, Closure
from app.domain.vocabulary import ClientKind, ClosureKind, ContractStatus, ServiceKind
from app.services.calendar_config import add_closure, closure_entries
from app.services.interruptions import plan_interruption
from tests.ui.conftest import drain_background
from ui.main_window import MainWindow
from ui.planning import HotlineStatusIndicator, PlanningScreen
from ui.planning.month_days import DayKind

MAY_2026 = datetime(2026, 5, 4, 9, 0, tzinfo=PARIS)


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=PARIS)  # type: ignore[misc]


@pytest.fixture
def screen(qtbot: QtBot, context: AppContext) -> Iterator[PlanningScreen]:
    """The Planning screen, shown on May 2026, its month on screen."""
    widget = PlanningScreen(context, now=lambda: MAY_2026)
    qtbot.addWidget(widget)
    widget.resize(1300, 780)
    widget.show()
    qtbot.waitUntil(widget.is_idle, timeout=10_000)
    yield widget
    drain_background()


def wait_saved(qtbot: QtBot, widget: PlanningScreen) -> None:
    qtbot.waitUntil(widget.is_idle, timeout=10_000)


def stored(sessions: sessionmaker[Session]) -> list:
    with sessions() as session:
        return closure_entries(session)


def test_may_2026_shows_ascension_and_whit_monday_as_holidays(screen: PlanningScreen) -> None:
    """R-16: public holidays close the hotline, and the month says which one."""
    assert screen.month_title.text() == "Mai 2026"
    ascension = screen.grid.cell(date(2026, 5, 14))
    whit_monday = screen.grid.cell(date(2026, 5, 25))
    assert ascension is not None and ascension.kind is DayKind.HOLIDAY
    assert whit_monday is not None and whit_monday.kind is DayKind.HOLIDAY
    assert "Ascension" in screen.grid.cell_lines(date(2026, 5, 14))
    assert "Lundi de Pentecôte" in screen.grid.cell_lines(date(2026, 5, 25))
    assert screen.grid.cell(date(2026, 5, 16)).kind is DayKind.WEEKEND


def test_each_open_day_shows_its_opening_ranges(screen: PlanningScreen) -> None:
    """R-15: Monday to Thursday 08:30–12:00 and 13:30–17:00, Friday until 16:00."""
    assert "08:30–12:00 · 13:30–17:00" in screen.grid.cell_lines(date(2026, 5, 12))
    assert "08:30–12:00 · 13:30–16:00" in screen.grid.cell_lines(date(2026, 5, 15))
    closures = [screen.side_panel.closure_list.item(i).text() for i in range(screen.side_panel.closure_list.count())]
    assert any("Ascension" in text for text in closures)


def test_next_and_previous_month(qtbot: QtBot, screen: PlanningScreen) -> None:
    screen.next_button.click()
    qtbot.waitUntil(screen.is_idle, timeout=10_000)
    assert screen.month_title.text() == "Juin 2026"
    assert screen.grid.cell(date(2026, 6, 1)).in_month
    screen.today_button.click()
    qtbot.waitUntil(screen.is_idle, timeout=10_000)
    assert screen.month_title.text() == "Mai 2026"


def test_a_training_day_set_in_the_screen_is_stored_and_shown(
    qtbot: QtBot, screen: PlanningScreen, sessions: sessionmaker[Session]
) -> None:
    """R-16: two internal training days a year, set by the vendor."""
    panel = screen.side_panel
    panel.training_edits[0].setDate(QDate(2026, 5, 20))
    panel.training_edits[1].setDate(QDate(2026, 11, 19))
    with qtbot.waitSignal(screen.calendar_changed, timeout=10_000):
        panel.save_training_button.click()
    wait_saved(qtbot, screen)
    assert screen.grid.cell(date(2026, 5, 20)).kind is DayKind.TRAINING
    assert "Formation interne" in screen.grid.cell_lines(date(2026, 5, 20))
    days = sorted(e.closure.day for e in stored(sessions) if e.kind is ClosureKind.TRAINING)
    assert days == [date(2026, 5, 20), date(2026, 11, 19)]
    assert panel.message.text() == "Journées de formation enregistrées."
    assert [panel.warning_list.item(i).text() for i in range(panel.warning_list.count())] == [
        "Aucun avertissement pour 2026."
    ]


def test_a_single_training_day_is_saved_with_a_warning(
    qtbot: QtBot, screen: PlanningScreen, sessions: sessionmaker[Session]
) -> None:
    panel = screen.side_panel
    panel.training_edits[0].setDate(QDate(2026, 5, 20))
    with qtbot.waitSignal(screen.calendar_changed, timeout=10_000):
        panel.save_training_button.click()
    wait_saved(qtbot, screen)
    assert "Une seule journée de formation interne définie pour 2026 (2 attendues)." in panel.message.text()
    assert panel.message.property("tone") == "warn"


def test_a_closure_ending_before_it_starts_is_refused_in_french_and_nothing_is_stored(
    qtbot: QtBot, screen: PlanningScreen, sessions: sessionmaker[Session]
) -> None:
    """A bad edit is refused with the reason, nothing saved."""
    panel = screen.side_panel
    panel.period_radio.click()
    panel.closure_start.setDateTime(QDateTime(QDate(2026, 5, 19), QTime(14, 0)))
    panel.closure_end.setDateTime(QDateTime(QDate(2026, 5, 19), QTime(10, 0)))
    qtbot.keyClicks(panel.closure_reason, "Coupure electrique")
    with qtbot.waitSignal(screen.edit_refused, timeout=10_000):
        panel.add_closure_button.click()
    wait_saved(qtbot, screen)
    assert panel.message.isVisible()
    assert panel.message.text().startswith("Non enregistré : Fermeture « Coupure electrique » : la fin")
    assert "doit suivre le début" in panel.message.text()
    assert panel.message.property("tone") == "danger"
    assert stored(sessions) == []


def test_a_closure_without_reason_is_refused(
    qtbot: QtBot, screen: PlanningScreen, sessions: sessionmaker[Session]
) -> None:
    with qtbot.waitSignal(screen.edit_refused, timeout=10_000):
        screen.side_panel.add_closure_button.click()
    assert "motif" in screen.side_panel.message.text()
    assert stored(sessions) == []


def test_a_whole_day_closure_is_added_then_removed(
    qtbot: QtBot, screen: PlanningScreen, sessions: sessionmaker[Session]
) -> None:
    panel = screen.side_panel
    panel.closure_day.setDate(QDate(2026, 5, 22))
    panel.closure_reason.insert("Déménagement")
    with qtbot.waitSignal(screen.calendar_changed, timeout=10_000):
        panel.add_closure_button.click()
    wait_saved(qtbot, screen)
    assert screen.grid.cell(date(2026, 5, 22)).kind is DayKind.CLOSURE
    assert "Déménagement" in screen.grid.cell_lines(date(2026, 5, 22))
    [entry] = stored(sessions)

    assert panel.select_closure(entry.id)
    assert panel.remove_button.isEnabled()
    with qtbot.waitSignal(screen.calendar_changed, timeout=10_000):
        panel.remove_button.click()
    wait_saved(qtbot, screen)
    assert stored(sessions) == []
    assert screen.grid.cell(date(2026, 5, 22)).kind is DayKind.OPEN
    assert panel.message.text() == "Fermeture supprimée."
    assert not panel.select_closure(entry.id)


def test_a_closure_stored_elsewhere_can_be_removed(
    qtbot: QtBot, context: AppContext, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        closure_id, _ = add_closure(
            session, Closure.between(datetime(2026, 5, 19, 12), datetime(2026, 5, 19, 17), "Panne")
        )
    widget = PlanningScreen(context, now=lambda: MAY_2026)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.is_idle, timeout=10_000)
    assert "Fermé 12:00–17:00 : Panne" in widget.grid.cell_lines(date(2026, 5, 19))
    assert "08:30–12:00" in widget.grid.cell_lines(date(2026, 5, 19))
    assert widget.side_panel.select_closure(closure_id)
    with qtbot.waitSignal(widget.calendar_changed, timeout=10_000):
        widget.side_panel.remove_button.click()
    qtbot.waitUntil(widget.is_idle, timeout=10_000)
    assert stored(sessions) == []
    drain_background()


def _portal_client(session: Session) -> uuid.UUID:
    client = Client(code="C09001", hotline_id="HL090001", name="Commune de Test", kind=ClientKind.COMMUNE)
    contract = Contract(client=client, reference="CT-09001", start_date=date(2024, 1, 1), status=ContractStatus.ACTIVE)
    contract.services.append(ContractService(service=ServiceKind.PORTAL_HOSTING, start_date=date(2024, 1, 1)))
    session.add_all([client, contract])
    session.flush()
    return client.id


def test_a_long_interruption_not_announced_to_a_subscribed_client_is_flagged(
    qtbot: QtBot, context: AppContext, sessions: sessionmaker[Session]
) -> None:
    """R-21: over an hour, every subscribed client must be told beforehand."""
    with sessions.begin() as session:
        _portal_client(session)
        plan_interruption(session, ServiceKind.PORTAL_HOSTING, at(2026, 5, 21, 20, 0), 90, "Mise à jour du serveur")
        plan_interruption(session, ServiceKind.JET_CLOUDING, at(2026, 5, 27, 21, 0), 30, "Redémarrage")
    widget = PlanningScreen(context, now=lambda: MAY_2026)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.is_idle, timeout=10_000)
    long_one = widget.grid.cell(date(2026, 5, 21))
    short_one = widget.grid.cell(date(2026, 5, 27))
    assert long_one.has_warning and not short_one.has_warning
    assert "⚠ Portail 20:00 (90 min)" in widget.grid.cell_lines(date(2026, 5, 21))
    assert "Jet Clouding 21:00 (30 min)" in widget.grid.cell_lines(date(2026, 5, 27))
    items = [
        widget.side_panel.interruption_list.item(i).text() for i in range(widget.side_panel.interruption_list.count())
    ]
    assert items[0].startswith("⚠ 21/05/2026 20:00 · Portail · 90 min")
    assert "0/1 clients prévenus" in items[0]
    assert "pas d'annonce nécessaire" in items[1] and not items[1].startswith("⚠")
    drain_background()


# --- the status bar indicator -------------------------------------------------------------------


@pytest.fixture
def indicator(qtbot: QtBot, context: AppContext) -> Iterator[HotlineStatusIndicator]:
    clock = {"now": at(2026, 5, 14, 10, 0)}
    label = HotlineStatusIndicator(context.sessions, now=lambda: clock["now"])
    label.clock = clock  # type: ignore[attr-defined]
    qtbot.addWidget(label)
    label.reload()
    qtbot.waitUntil(lambda: label.calendar is not None, timeout=10_000)
    yield label
    drain_background()


def test_status_on_ascension_says_closed_and_reopens_tomorrow(indicator: HotlineStatusIndicator) -> None:
    """R-16: Thursday 14 May 2026 is Ascension; Friday opens at 08:30."""
    assert indicator.text() == "Hotline fermée (Ascension) — réouvre demain 08:30"
    assert indicator.property("state") == "closed"


def test_status_on_an_ordinary_thursday_morning_says_open_until_noon(indicator: HotlineStatusIndicator) -> None:
    """R-15: the morning range ends at 12:00."""
    indicator.clock["now"] = at(2026, 11, 26, 10, 0)  # type: ignore[attr-defined]
    indicator.refresh()
    assert indicator.text() == "Hotline ouverte — ferme à 12:00"
    assert indicator.property("state") == "open"


def test_the_minute_tick_uses_the_calendar_in_memory_and_never_the_database(
    indicator: HotlineStatusIndicator, context: AppContext
) -> None:
    queries: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        queries.append(statement)

    event.listen(context.engine, "before_cursor_execute", count)
    try:
        texts = []
        for minute in (0, 1, 59):
            indicator.clock["now"] = at(2026, 11, 26, 11, minute, 30)  # type: ignore[attr-defined]
            indicator._tick()
            texts.append(indicator.text())
        indicator.clock["now"] = at(2026, 11, 26, 12, 0, 0)  # type: ignore[attr-defined]
        indicator._tick()
        texts.append(indicator.text())
    finally:
        event.remove(context.engine, "before_cursor_execute", count)
    assert queries == []
    assert texts[0] == "Hotline ouverte — ferme à 12:00"
    assert texts[-1] == "Hotline fermée (Pause méridienne) — réouvre à 13:30"


def test_the_tick_is_aligned_on_the_next_minute(indicator: HotlineStatusIndicator) -> None:
    indicator.clock["now"] = at(2026, 11, 26, 10, 0, 45)  # type: ignore[attr-defined]
    indicator.refresh()
    assert 14_000 <= indicator.next_tick_ms() <= 15_100


def test_the_main_window_shows_the_indicator_and_refreshes_it_after_a_planning_edit(
    qtbot: QtBot, window: MainWindow, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    label = window.hotline_status
    qtbot.waitUntil(lambda: label.calendar is not None, timeout=10_000)
    label.now = lambda: at(2026, 11, 26, 10, 0)
    label.refresh()
    assert label.text() == "Hotline ouverte — ferme à 12:00"
    window.show_screen("planning")
    screen = window.planning_screen
    qtbot.waitUntil(screen.is_idle, timeout=10_000)
    screen.show_month(2026, 11)
    qtbot.waitUntil(screen.is_idle, timeout=10_000)
    screen.side_panel.closure_day.setDate(QDate(2026, 11, 26))
    screen.side_panel.closure_reason.insert("Inventaire")
    with qtbot.waitSignal(screen.calendar_changed, timeout=10_000):
        screen.side_panel.add_closure_button.click()
    qtbot.waitUntil(lambda: label.text().startswith("Hotline fermée (Fermeture exceptionnelle"), timeout=10_000)
    assert label.text() == "Hotline fermée (Fermeture exceptionnelle : Inventaire) — réouvre demain 08:30"
    drain_background()
