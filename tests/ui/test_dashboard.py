"""The « Tableau de bord » screen (issue 9): the tiles show the supervisor report's figures for the same
filters, a new period is computed in the background (one computation at a time), a top client opens
its incidents in the Incidents screen, the heat map paints, and a technician is told it is reserved."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from app.config import Paths, Settings
from app.context import AppContext
from app.db.models import CallLog, Technician
from app.domain.reporting import Period
from app.domain.vocabulary import Channel, Origin, Role, ServiceKind
from app.services import calendar_config, reporting
from app.services import incidents as svc
from app.services.reporting import ReportFilter
from tests.integration.incident_fixtures import build_world
from tests.ui.conftest import drain_background, make_context
from ui.dashboard import DashboardScreen
from ui.main_window import MainWindow

PARIS_OFFSET = timedelta(hours=1)  # March 2026, before summer time
TODAY = date(2026, 4, 8)
NOW = datetime(2026, 4, 8, 8, 0, tzinfo=UTC)
MARCH = Period.of(date(2026, 3, 1), date(2026, 3, 31))


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC) - PARIS_OFFSET


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> dict[str, object]:
    """Maxéville (three incidents in March, one by e-mail) and Laxou (one), a few calls, one while closed."""
    with sessions.begin() as session:
        found = build_world(session)
        actor = svc.ensure_technician(session, "cmangin", "Céline Mangin", "SPV")
        session.get(Technician, actor.technician_id).role = Role.SUPERVISOR
        calendar_config.refresh_mirror_if_stale(session)
        for day, client, channel in (
            (10, "C54001", Channel.PHONE),
            (12, "C54001", Channel.EMAIL),
            (19, "C54002", Channel.PHONE),
            (24, "C54001", Channel.PORTAL),
        ):
            svc.create_incident(
                session,
                actor,
                client_code=client,
                caller_name="Élodie Durand",
                product_code="FIN",
                title=f"Incident du {day}",
                channel=channel,
                origin=Origin.FEATURE,
                opened_at=paris(day, 10),
            )
        for day, hour in ((10, 10), (12, 15), (14, 11)):  # the 14th is a Saturday: the hotline is closed
            session.add(
                CallLog(
                    client_id=found["maxeville"].id,
                    technician_id=actor.technician_id,
                    service=ServiceKind.ASSISTANCE,
                    station="SPV",
                    started_at=paris(day, hour),
                    ended_at=paris(day, hour, 12),
                )
            )
    return found


def _context(paths: Paths, url: str, login: str = "cmangin") -> AppContext:
    return make_context(paths, url, Settings(station_code="SPV", technician_login=login, technician_name="Céline"))


@pytest.fixture
def dashboard(qtbot: QtBot, sqlite_url: str, hotline_home: Paths, world: dict[str, object]) -> DashboardScreen:
    context = _context(hotline_home, sqlite_url)
    screen = DashboardScreen(context, today=lambda: TODAY, now=lambda: NOW)
    qtbot.addWidget(screen)
    screen.resize(1300, 900)
    screen.show()
    qtbot.waitUntil(lambda: screen.report is not None and not screen.is_busy(), timeout=20_000)
    yield screen
    drain_background()
    context.engine.dispose()


def expected(sessions: sessionmaker[Session], period: Period, flt: ReportFilter | None = None):
    with sessions() as session:
        return reporting.supervisor_report(session, period, flt or ReportFilter(), NOW)


def test_it_opens_on_last_month_with_the_report_figures(dashboard: DashboardScreen, sessions) -> None:
    report = expected(sessions, MARCH)
    assert dashboard.report is not None and dashboard.report.period == MARCH
    assert dashboard.period_label.text() == "Mars 2026"
    tiles = dashboard.tiles.tiles
    assert tiles["opened"].value_label.text() == str(report.current.opened) == "4"
    assert tiles["backlog"].value_label.text() == str(report.current.backlog)
    assert tiles["calls"].value_label.text() == str(report.current.calls) == "3"
    assert "1 hotline fermée" in tiles["calls"].detail_label.text()
    assert tiles["resolved"].value_label.text() == str(report.current.resolved)
    assert "vs période préc." in tiles["opened"].delta_label.text()
    assert dashboard.clients_table.texts(0) == ["C54001 · Maxéville", "3"]


def test_the_shown_period_s_durations_are_kept_afterwards(qtbot: QtBot, dashboard: DashboardScreen, sessions) -> None:
    """After the figures are shown, the report rows of the incidents changed since are kept (issue 9),
    so the next computation reads them; the figures themselves do not change."""
    from sqlalchemy import func, select

    from app.db.models import IncidentFact, ReportPending

    def kept() -> tuple[int, int]:
        with sessions() as session:
            return (
                session.scalar(select(func.count()).select_from(IncidentFact)),
                session.scalar(select(func.count()).select_from(ReportPending)),
            )

    qtbot.waitUntil(lambda: kept()[0] > 0 and kept()[1] == 0, timeout=20_000)
    shown = dashboard.report
    dashboard.refresh()
    qtbot.waitUntil(lambda: dashboard.computations == 2 and not dashboard.is_busy(), timeout=20_000)
    assert dashboard.report is not None and shown is not None
    assert dashboard.report.current.resolution == shown.current.resolution


def test_rows_of_an_edited_calendar_are_rewritten_after_the_figures(
    qtbot: QtBot, dashboard: DashboardScreen, sessions
) -> None:
    """R-17: after a calendar edit every kept row is outdated; the figures shown are computed live (the
    same as a report made then), and the refresh that follows them rewrites the period's rows with the
    new calendar — not the one before the figures, which only writes changed incidents."""
    from sqlalchemy import func, select

    from app.db.models import IncidentFact
    from app.domain.opening_hours import Closure
    from app.services import report_facts
    from app.services.report_clock import calendar_key

    with sessions.begin() as session:
        calendar_config.add_closure(session, Closure.on(date(2026, 3, 20), "Pont"))
        current = report_facts.calendar_number(calendar_key(session))

    def outdated() -> int:
        with sessions() as session:
            stale = select(func.count()).select_from(IncidentFact).where(IncidentFact.calendar != current)
            return session.scalar(stale)

    assert outdated() > 0
    dashboard.refresh()
    qtbot.waitUntil(lambda: dashboard.computations == 2 and not dashboard.is_busy(), timeout=20_000)
    assert dashboard.report is not None
    assert dashboard.report.current == expected(sessions, MARCH).current
    qtbot.waitUntil(lambda: outdated() == 0, timeout=20_000)


def test_filters_give_the_figures_of_the_same_filtered_report(
    qtbot: QtBot, dashboard: DashboardScreen, sessions
) -> None:
    bar = dashboard.filter_bar
    bar.client_combo.setEditText("C54001")
    bar.client_combo.lineEdit().editingFinished.emit()
    qtbot.waitUntil(lambda: not dashboard.is_busy() and dashboard.report.filter.clients == ("C54001",), timeout=20_000)
    bar.channel_combo.setCurrentIndex(bar.channel_combo.findData(Channel.EMAIL.value))
    flt = ReportFilter(clients=("C54001",), channel=Channel.EMAIL)
    qtbot.waitUntil(lambda: not dashboard.is_busy() and dashboard.report.filter == flt, timeout=20_000)
    report = expected(sessions, MARCH, flt)
    assert dashboard.tiles.tiles["opened"].value_label.text() == str(report.current.opened) == "1"
    assert dashboard.scope_label.text().startswith("Clients C54001 ; canal E-mail")


def test_a_new_period_is_computed_in_the_background_the_old_figures_staying(
    qtbot: QtBot, dashboard: DashboardScreen
) -> None:
    before = dashboard.computations
    dashboard.filter_bar.set_preset("this_month")  # 1–8 April: nothing yet
    # The request left at once: the old figures are still there, under « Calcul en cours… ».
    assert dashboard.busy_label.isVisibleTo(dashboard) and dashboard.busy_label.text() == "Calcul en cours…"
    assert dashboard.tiles.tiles["opened"].value_label.text() == "4"
    qtbot.waitUntil(lambda: not dashboard.is_busy(), timeout=20_000)
    assert dashboard.computations == before + 1
    assert dashboard.report.period == Period(date(2026, 4, 1), TODAY)
    assert dashboard.tiles.tiles["opened"].value_label.text() == "0"
    assert not dashboard.busy_label.isVisibleTo(dashboard)


def test_requests_made_during_a_computation_wait_and_only_the_newest_runs(
    qtbot: QtBot, dashboard: DashboardScreen
) -> None:
    before = dashboard.computations
    with qtbot.waitSignal(dashboard.figures_shown, timeout=20_000) as shown:
        dashboard.filter_bar.set_preset("this_year")
        dashboard.filter_bar.set_preset("this_quarter")
        dashboard.filter_bar.set_preset("last_month")
    qtbot.waitUntil(lambda: not dashboard.is_busy(), timeout=20_000)
    # The first ran; of the two asked for meanwhile, only the newest did; only its figures were shown.
    assert dashboard.computations == before + 2
    assert shown.args[0].period == MARCH
    assert dashboard.report.period == MARCH


def test_a_period_the_wrong_way_round_is_refused_in_french(qtbot: QtBot, dashboard: DashboardScreen) -> None:
    dashboard.filter_bar.set_period(date(2026, 3, 31), date(2026, 3, 1))
    assert "inversez les dates" in dashboard.message_label.text()
    assert dashboard.report.period == MARCH


def test_the_heat_map_paints_calls_and_opening_hours(qtbot: QtBot, dashboard: DashboardScreen) -> None:
    heat = dashboard.heat_map
    assert heat.calls[1][10] == 1  # Tuesday 10 March, 10:00 Paris
    assert heat.closed[5][11] == 1  # Saturday, closed
    assert heat.hours[0]  # Monday has opening ranges; Sunday none
    assert not heat.hours[6]
    before = heat.painted
    image = heat.grab().toImage()
    assert heat.painted > before
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert "#d08c3a" in colours or len(colours) > 5  # the opening-hours frames and shaded cells


def test_double_click_on_a_top_client_opens_its_incidents_filtered(
    qtbot: QtBot, sqlite_url: str, hotline_home: Paths, world: dict[str, object]
) -> None:
    context = _context(hotline_home, sqlite_url)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_idle, timeout=10_000)
    window.show_screen("dashboard")
    screen = window._build_screen("dashboard")
    assert isinstance(screen, DashboardScreen)
    screen._today = lambda: TODAY  # the demo data's month, not the clock's
    screen._now = lambda: NOW
    screen.filter_bar._today = lambda: TODAY
    screen.filter_bar.set_preset("this_month")
    screen.filter_bar.set_preset("last_month")
    qtbot.waitUntil(
        lambda: screen.report is not None and not screen.is_busy() and screen.report.period == MARCH, timeout=20_000
    )
    table = screen.clients_table
    assert table.key(0) == "C54001"
    rect = table.visualRect(table.model().index(0, 0))
    # A real double-click: press, release, then the double-click event on the same row.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_screen() == "incidents"
    incidents = window.incidents_screen
    assert incidents.client_field.text() == "C54001"
    assert incidents.period_combo.currentText() == "Du 01/03/2026 au 31/03/2026"
    flt = incidents.current_filter()
    assert flt.client_code == "C54001" and flt.opened_from == MARCH.starts and flt.opened_to == MARCH.ends
    qtbot.waitUntil(lambda: incidents.count_label.text() == "3 incidents", timeout=10_000)
    drain_background()
    context.engine.dispose()


def test_a_technician_is_told_the_dashboard_is_for_supervisors(
    qtbot: QtBot, sqlite_url: str, hotline_home: Paths, world: dict[str, object], sessions
) -> None:
    with sessions.begin() as session:
        svc.ensure_technician(session, "jdupont", "Jean Dupont", "NCY")
    context = _context(hotline_home, sqlite_url, login="jdupont")
    screen = DashboardScreen(context, today=lambda: TODAY, now=lambda: NOW)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(screen.is_reserved, timeout=10_000)
    assert screen.body.currentWidget() is screen.reserved_label
    assert "réservé aux superviseurs" in screen.reserved_label.text()
    assert screen.report is None and screen.computations == 0
    drain_background()
    context.engine.dispose()
