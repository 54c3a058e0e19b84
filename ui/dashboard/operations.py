"""What the dashboard reads, as operations for ``ui.background``: the filter choices and the viewer's
role (once), and the supervisor's KPI set with the opening hours to draw on the heat map (each refresh).

The figures come from ``app.services.reporting``; nothing here computes one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import Client, Product
from app.domain.reporting import Period
from app.domain.vocabulary import Role
from app.services.calendar_config import weekly_schedules
from app.services.reporting import ReportFilter, SupervisorReport, keep_durations, supervisor_report
from app.services.staff import list_technicians, may_see_supervisor_figures, role_of

#: Opening ranges of each weekday (Monday first), as local times.
WeekHours = tuple[tuple[tuple[time, time], ...], ...]


@dataclass(frozen=True)
class Choices:
    """What the filter bar offers, and whether the person at the desk may see the figures."""

    clients: tuple[tuple[str, str], ...]  # code, name
    technicians: tuple[tuple[str, str], ...]  # login, full name
    products: tuple[tuple[str, str], ...]  # code, name
    role: Role | None  # None: this login has no staff record yet, so no role is known

    @property
    def reserved(self) -> bool:
        """A known technician: the dashboard is the supervisors' (issue 9)."""
        return not may_see_supervisor_figures(self.role)


@dataclass(frozen=True)
class DashboardData:
    """One computation: the report and the opening hours in force at the period's end."""

    report: SupervisorReport
    hours: WeekHours


def load_choices(sessions: sessionmaker[Session], login: str | None) -> Callable[[], Choices]:
    def op() -> Choices:
        with sessions() as session:
            clients = tuple((c, n) for c, n in session.execute(select(Client.code, Client.name).order_by(Client.code)))
            products = tuple(
                (c, n) for c, n in session.execute(select(Product.code, Product.name).order_by(Product.code))
            )
            technicians = tuple((t.login, t.full_name) for t in list_technicians(session))
            role = role_of(session, login)
        return Choices(clients, technicians, products, role)

    return op


def opening_hours_on(session: Session, day: date) -> WeekHours:
    """The weekly opening hours in force on ``day`` (the contract's when none were stored)."""
    schedules = sorted(weekly_schedules(session), key=lambda s: s.valid_from)
    chosen = schedules[0]
    for schedule in schedules:
        if schedule.valid_from <= day:
            chosen = schedule
    return tuple(tuple(chosen.on_weekday(weekday)) for weekday in range(7))


def load_dashboard(
    sessions: sessionmaker[Session], period: Period, flt: ReportFilter, now: datetime | None
) -> Callable[[], DashboardData]:
    def op() -> DashboardData:
        # The rows of the incidents changed since the last computation are kept first (milliseconds for
        # a day's changes), so the figures read kept rows only.
        keep_durations(sessions, period, now, before=True)
        with sessions() as session:
            report = supervisor_report(session, period, flt, now, alongside=sessions)
            return DashboardData(report, opening_hours_on(session, period.last))

    return op


def keep_period_durations(sessions: sessionmaker[Session], period: Period, now: datetime | None) -> Callable[[], int]:
    """Keep the report rows the figures read, after they are shown (see ``keep_durations``)."""
    return lambda: keep_durations(sessions, period, now)
