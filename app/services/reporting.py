"""Supervisor reporting: the hotline's figures for a period and a slice, computed in the database.

Every figure is an SQL aggregate; durations are hotline time (R-17) taken from the calendar mirror
(``app.db.calendar_sql``), so a year of a million-incident database is summarised without loading
incidents into Python. Percentiles are by nearest rank (``ROW_NUMBER`` over the sorted durations).

The service-level clock and the durations kept per incident are in ``app.services.report_clock``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    func,
    literal,
    select,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.db.calendar_sql import epoch_seconds, hotline_seconds_at
from app.db.models import (
    CalendarRange,
    CallLog,
    Client,
    Incident,
    Product,
    Technician,
)
from app.domain.incident_lifecycle import SlaTargets
from app.domain.reporting import (
    DURATION_BUCKETS,
    Period,
    change,
    paris_offsets,
)
from app.domain.vocabulary import Channel, Exclusion, Origin
from app.services import report_facts, service_levels
from app.services.report_clock import calendar_key
from app.services.report_lists import BackupRow, OverdueRow, RtcRow, backup_use, overdue_versions, rtc_short

TOP = 10
log = logging.getLogger("hotline.reporting")


class ReportError(ValueError):
    """A report that cannot be made; the message says why and what to do, in French."""


@dataclass(frozen=True)
class ReportFilter:
    """The slice a report covers; empty fields mean everything."""

    clients: tuple[str, ...] = ()
    technician: str | None = None
    product: str | None = None
    channel: Channel | None = None
    origin: Origin | None = None

    def describe(self) -> str:
        parts = []
        if self.clients:
            parts.append("clients " + ", ".join(self.clients))
        if self.technician:
            parts.append(f"technicien {self.technician}")
        if self.product:
            parts.append(f"progiciel {self.product}")
        if self.channel:
            parts.append(f"canal {self.channel.label}")
        if self.origin:
            parts.append(f"origine {self.origin.label}")
        return " ; ".join(parts) or "toute l'activité"


@dataclass(frozen=True)
class _Slice:
    client_ids: tuple[uuid.UUID, ...] = ()
    technician_id: uuid.UUID | None = None
    product_id: uuid.UUID | None = None
    channel: Channel | None = None
    origin: Origin | None = None

    @property
    def on_incident_only(self) -> bool:
        return self.product_id is not None or self.channel is not None or self.origin is not None


def resolve_filter(session: Session, flt: ReportFilter) -> _Slice:
    """The filter's codes as ids; an unknown client, technician or product is refused."""
    ids = []
    for code in flt.clients:
        wanted = code.strip().upper()
        found = session.execute(
            select(Client.id).where((Client.code == wanted) | (Client.hotline_id == wanted))
        ).scalar_one_or_none()
        if found is None:
            raise ReportError(f"Client inconnu : « {code} » (donnez un code client ou un identifiant hotline).")
        ids.append(found)
    technician_id = None
    if flt.technician:
        technician_id = session.execute(
            select(Technician.id).where(Technician.login == flt.technician.strip())
        ).scalar_one_or_none()
        if technician_id is None:
            raise ReportError(f"Technicien inconnu : « {flt.technician} » (donnez son identifiant de connexion).")
    product_id = None
    if flt.product:
        product_id = session.execute(
            select(Product.id).where(Product.code == flt.product.strip().upper())
        ).scalar_one_or_none()
        if product_id is None:
            raise ReportError(f"Progiciel inconnu : « {flt.product} » (donnez son code, par exemple FIN).")
    return _Slice(tuple(ids), technician_id, product_id, flt.channel, flt.origin)


# ---------------------------------------------------------------- values handed to the CLI and the GUI


@dataclass(frozen=True)
class DurationStats:
    """A distribution of durations in hotline minutes."""

    count: int = 0
    median: float | None = None
    p90: float | None = None
    within_target: int = 0
    by_priority: tuple[tuple[int, int, int, int], ...] = ()  # priority, count, within target, target
    histogram: tuple[int, ...] = (0,) * len(DURATION_BUCKETS)

    @property
    def share_within(self) -> float | None:
        return self.within_target / self.count if self.count else None


@dataclass(frozen=True)
class PeriodFigures:
    """The headline figures of one period (the tiles, and the comparison with the previous period)."""

    period: Period
    opened: int = 0
    resolved: int = 0
    closed: int = 0
    backlog: int = 0
    backlog_age: DurationStats = DurationStats()
    first_response: DurationStats = DurationStats()
    resolution: DurationStats = DurationStats()
    workarounds: int = 0
    out_of_contract: int = 0
    calls: int = 0
    call_minutes: float = 0.0
    calls_closed: int = 0
    unanswered: int = 0  # opened in the period, no first response yet

    @property
    def workaround_rate(self) -> float | None:
        return self.workarounds / self.resolved if self.resolved else None


@dataclass(frozen=True)
class Ranked:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class ExclusionRow:
    exclusion: Exclusion | None
    count: int
    call_minutes: float


@dataclass(frozen=True)
class TechnicianRow:
    login: str
    name: str
    opened: int
    resolved: int
    backlog: int
    call_minutes: float
    median_resolution: float | None = None


@dataclass(frozen=True)
class SupervisorReport:
    filter: ReportFilter
    as_of: datetime
    current: PeriodFigures
    previous: PeriodFigures
    weekly: tuple[tuple[date, Channel, int], ...]
    origins: tuple[tuple[Origin | None, int], ...]
    heatmap: tuple[tuple[int, ...], ...]  # 7 weekdays × 24 hours: calls
    heatmap_closed: tuple[tuple[int, ...], ...]  # the same, calls while the hotline was closed
    exclusions: tuple[ExclusionRow, ...]
    backup: tuple[BackupRow, ...]
    rtc_short: tuple[RtcRow, ...]
    overdue: tuple[OverdueRow, ...]
    top_clients: tuple[Ranked, ...]
    top_products: tuple[Ranked, ...]
    technicians: tuple[TechnicianRow, ...]
    targets: dict[int, SlaTargets] = field(default_factory=dict)

    @property
    def period(self) -> Period:
        return self.current.period

    def delta(self, name: str) -> float | None:
        return change(_figure(self.current, name), _figure(self.previous, name))


def _figure(figures: PeriodFigures, name: str) -> float | None:
    if name == "first_response_median":
        return figures.first_response.median
    if name == "resolution_median":
        return figures.resolution.median
    if name == "resolution_within":
        return figures.resolution.share_within
    if name == "first_response_within":
        return figures.first_response.share_within
    if name == "backlog_age_median":
        return figures.backlog_age.median
    if name == "workaround_rate":
        return figures.workaround_rate
    return float(getattr(figures, name))


# ---------------------------------------------------------------- SQL building blocks


def hotline_seconds_of(moment: Any) -> ColumnElement[int]:
    """Open seconds of the hotline up to an instant (column or Python datetime)."""
    if isinstance(moment, datetime):
        return hotline_seconds_at(literal(int(moment.timestamp())))
    return hotline_seconds_at(epoch_seconds(moment))


def _incident_conditions(sl: _Slice) -> list[ColumnElement[bool]]:
    """The slice as conditions on ``incidents`` (the same as on the report rows)."""
    return list(_selection(sl).on_incidents)


def _selection(sl: _Slice) -> report_facts.Selection:
    return report_facts.sliced(sl.client_ids, sl.technician_id, sl.product_id, sl.channel, sl.origin)


def _stats(session: Session, rows: Any, targets: dict[int, SlaTargets] | None, which: str) -> DurationStats:
    """Count, nearest-rank median and 90th percentile, share within target per priority and the
    histogram of a (priority, s) selection of durations in hotline seconds: the counts in one pass,
    then the two ranks read from one sort of the durations."""
    s = rows.c.s  # compared with bounds in seconds: the same tests as in minutes, without a division
    columns: list[Any] = [func.count(s)]
    priorities = sorted(targets) if targets else []
    for priority in priorities:
        limit = getattr(targets[priority], which)  # type: ignore[index]
        columns.append(func.sum(case((and_(s.is_not(None), rows.c.priority == priority), 1), else_=0)))
        columns.append(func.sum(case((and_(rows.c.priority == priority, s <= limit * 60), 1), else_=0)))
    lower = None
    for _, bound in DURATION_BUCKETS:
        conditions = [s.is_not(None)]
        if lower is not None:
            conditions.append(s >= lower * 60)
        if bound is not None:
            conditions.append(s < bound * 60)
        columns.append(func.sum(case((and_(*conditions), 1), else_=0)))
        lower = bound
    row = session.execute(select(*columns).select_from(rows)).one()
    count = int(row[0] or 0)
    by_priority = []
    within = 0
    for index, priority in enumerate(priorities):
        got, ok = int(row[1 + 2 * index] or 0), int(row[2 + 2 * index] or 0)
        within += ok
        by_priority.append((priority, got, ok, getattr(targets[priority], which)))  # type: ignore[index]
    histogram = tuple(int(v or 0) for v in row[1 + 2 * len(priorities) :])
    median = p90 = None
    if count:
        half, ninety = _rank(count, 0.5), _rank(count, 0.9)
        ranked = select(s.label("s"), func.row_number().over(order_by=s).label("rn")).where(s.is_not(None)).subquery()
        found = dict(session.execute(select(ranked.c.rn, ranked.c.s).where(ranked.c.rn.in_({half, ninety}))).all())
        median, p90 = _minutes(found.get(half)), _minutes(found.get(ninety))
    return DurationStats(
        count=count,
        median=median,
        p90=p90,
        within_target=within,
        by_priority=tuple(by_priority),
        histogram=histogram,
    )


def _rank(count: int, share: float) -> int:
    """The nearest rank of a share of ``count`` sorted values (1-based)."""
    return (count * round(share * 100) + 99) // 100


def _minutes(seconds: Any) -> float | None:
    return None if seconds is None else float(seconds) / 60.0


def _local_parts(epoch: ColumnElement[int], start: datetime, end: datetime) -> tuple[Any, Any, Any]:
    """(days since 1970-01-01 local, weekday 0 = Monday, hour) of a UTC epoch in Europe/Paris."""
    segments = paris_offsets(start, end)
    offset = case(*[(and_(epoch >= lo, epoch < hi), off) for lo, hi, off in segments], else_=3600)
    local = epoch + offset
    days = local // 86400
    return days, (days + 3) % 7, (local % 86400) // 3600


# ---------------------------------------------------------------- the figures


class _Reader:
    """Reads the fact rows (``app.services.report_facts``) of one report: its slice, the calendar and
    the instant it is made at, fixed once. Each read names the columns it needs, so that a period's
    resolutions are read from their index alone."""

    def __init__(self, session: Session, sl: _Slice, as_of: datetime) -> None:
        self.session = session
        self.sl = sl
        self.as_of = as_of
        self.calendar = report_facts.calendar_number(calendar_key(session))
        # Read once: every statement of the report then computes live only what may need it.
        self.valid = report_facts.validity(session, self.calendar)
        self._calls: dict[Period, _Calls] = {}
        self.slice = _selection(sl)

    def rows(
        self, selection: report_facts.Selection | Sequence[report_facts.Selection], name: str, columns: Sequence[str]
    ) -> Any:
        selections = [selection] if isinstance(selection, report_facts.Selection) else selection
        return report_facts.facts(
            self.calendar, [s & self.slice for s in selections], self.as_of, name, columns, self.valid
        )

    def calls(self, period: Period) -> _Calls:
        """The period's calls, read once per report (the figures and the heat map share them)."""
        if period not in self._calls:
            self._calls[period] = _calls(self.session, self.sl, period)
        return self._calls[period]

    def opened(self, period: Period, *columns: str) -> Any:
        return self.rows(report_facts.opened_between(period.starts, period.ends), "opened", columns)

    def resolved(self, period: Period, *columns: str) -> Any:
        return self.rows(report_facts.resolved_between(period.starts, period.ends), "resolved", columns)

    def backlog(self, at: datetime, *columns: str) -> Any:
        return self.rows(report_facts.open_at(at), "backlog", columns)


def _calls_conditions(sl: _Slice, period: Period) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [CallLog.started_at >= period.starts, CallLog.started_at < period.ends]
    if sl.client_ids:
        conditions.append(CallLog.client_id.in_(sl.client_ids))
    if sl.technician_id:
        conditions.append(CallLog.technician_id == sl.technician_id)
    if sl.on_incident_only:
        conditions.append(
            CallLog.incident_id.in_(
                select(Incident.id).where(
                    *_incident_conditions(_Slice(product_id=sl.product_id, channel=sl.channel, origin=sl.origin))
                )
            )
        )
    return conditions


def _call_stamps(sl: _Slice, period: Period) -> Any:
    """The period's calls as epoch seconds (start, end or NULL), parsed once per call."""
    return (
        select(
            epoch_seconds(CallLog.started_at).label("start"),
            epoch_seconds(CallLog.ended_at).label("stop"),
        )
        .where(*_calls_conditions(sl, period))
        .cte("call_stamps")
        .prefix_with("MATERIALIZED")
    )


def _open_at(epoch: ColumnElement[int]) -> ColumnElement[bool]:
    r = CalendarRange.__table__.alias("open_r")
    last_end = select(r.c.ends).where(r.c.starts <= epoch).order_by(r.c.starts.desc()).limit(1).scalar_subquery()
    return func.coalesce(last_end, 0) > epoch


def _whole(as_of: datetime) -> datetime:
    # Fact rows hold whole epoch seconds: a report is made at a whole second.
    return as_of.replace(microsecond=0)


def _period_figures(reader: _Reader, period: Period, targets: dict[int, SlaTargets]) -> PeriodFigures:
    session = reader.session
    opened = reader.opened(period, "out_of_contract", "answered")
    opened_row = session.execute(
        select(
            func.count(),
            func.sum(case((opened.c.out_of_contract.is_(True), 1), else_=0)),
            func.sum(case((opened.c.answered.is_(False), 1), else_=0)),
        )
    ).one()
    resolved = reader.resolved(period, "workaround", "priority", "resolution_s")
    resolved_row = session.execute(
        select(func.count(), func.sum(case((resolved.c.workaround.is_(True), 1), else_=0)))
    ).one()
    closed = session.execute(
        select(func.count()).select_from(
            reader.rows(report_facts.closed_between(period.starts, period.ends), "closed", ["closed_x"])
        )
    ).scalar_one()
    end = min(period.ends, reader.as_of)
    backlog = reader.backlog(end, "priority", "opened_h")
    backlog_rows = select(
        backlog.c.priority.label("priority"), (hotline_seconds_of(end) - backlog.c.opened_h).label("s")
    ).subquery()
    backlog_age = _stats(session, backlog_rows, None, "resolution_minutes")
    opened = reader.opened(period, "priority", "answered", "first_response_s")
    first_rows = (
        select(opened.c.priority.label("priority"), opened.c.first_response_s.label("s"))
        .where(opened.c.answered.is_(True))
        .subquery()
    )
    first_response = _stats(session, first_rows, targets, "first_response_minutes")
    resolution_rows = select(resolved.c.priority.label("priority"), resolved.c.resolution_s.label("s")).subquery()
    resolution = _stats(session, resolution_rows, targets, "resolution_minutes")
    calls = reader.calls(period)
    return PeriodFigures(
        period=period,
        opened=int(opened_row[0] or 0),
        resolved=int(resolved_row[0] or 0),
        closed=int(closed or 0),
        backlog=backlog_age.count,
        backlog_age=backlog_age,
        first_response=first_response,
        resolution=resolution,
        workarounds=int(resolved_row[1] or 0),
        out_of_contract=int(opened_row[1] or 0),
        calls=calls.count,
        call_minutes=calls.seconds / 60.0,
        calls_closed=calls.closed,
        unanswered=int(opened_row[2] or 0),
    )


def opened_conditions(sl: _Slice, period: Period) -> list[ColumnElement[bool]]:
    """The incidents opened in the period, in the slice (conditions on ``incidents``)."""
    return [Incident.opened_at >= period.starts, Incident.opened_at < period.ends, *_incident_conditions(sl)]


def _weekly(reader: _Reader, period: Period) -> tuple[tuple[date, Channel, int], ...]:
    opened = reader.opened(period, "opened_x", "channel")
    days, _, _ = _local_parts(opened.c.opened_x, period.starts, period.ends)
    week = (days + 3) // 7
    rows = reader.session.execute(select(week, opened.c.channel, func.count()).group_by(week, opened.c.channel)).all()
    epoch = date(1970, 1, 1)
    return tuple(sorted((epoch + timedelta(days=int(w) * 7 - 3), Channel(c), int(n)) for w, c, n in rows))


@dataclass(frozen=True)
class _Calls:
    """A period's calls: how many, their seconds, how many came while the hotline was closed, and the
    same counts per weekday × hour (Paris time)."""

    count: int
    seconds: int
    closed: int
    grid: tuple[tuple[int, ...], ...]
    grid_closed: tuple[tuple[int, ...], ...]


def _calls(session: Session, sl: _Slice, period: Period) -> _Calls:
    """The period's calls in one statement, grouped by weekday and hour (the totals are their sums)."""
    calls = _call_stamps(sl, period)
    _, weekday, hour = _local_parts(calls.c.start, period.starts, period.ends)
    rows = session.execute(
        select(
            weekday,
            hour,
            func.count(),
            func.sum(case((calls.c.stop.is_not(None), calls.c.stop - calls.c.start), else_=0)),
            func.sum(case((_open_at(calls.c.start), 0), else_=1)),
        ).group_by(weekday, hour)
    ).all()
    grid = [[0] * 24 for _ in range(7)]
    grid_closed = [[0] * 24 for _ in range(7)]
    seconds = 0
    for d, h, n, secs, closed in rows:
        grid[int(d)][int(h)] = int(n)
        grid_closed[int(d)][int(h)] = int(closed or 0)
        seconds += int(secs or 0)
    return _Calls(
        count=sum(map(sum, grid)),
        seconds=seconds,
        closed=sum(map(sum, grid_closed)),
        grid=tuple(tuple(r) for r in grid),
        grid_closed=tuple(tuple(r) for r in grid_closed),
    )


def _ranked(reader: _Reader, period: Period, name: str) -> list[tuple[Any, int]]:
    opened = reader.opened(period, name)
    column = opened.c[name]
    rows = reader.session.execute(
        select(column, func.count().label("n")).group_by(column).order_by(func.count().desc(), column).limit(TOP)
    ).all()
    return [(key, int(n)) for key, n in rows]


def _top_clients(reader: _Reader, period: Period) -> tuple[Ranked, ...]:
    rows = _ranked(reader, period, "client_id")
    names = dict(
        (r.id, (r.code, r.name))
        for r in reader.session.execute(
            select(Client.id, Client.code, Client.name).where(Client.id.in_([k for k, _ in rows]))
        )
    )
    return tuple(Ranked(names[k][0], names[k][1], n) for k, n in rows if k in names)


def _top_products(reader: _Reader, period: Period) -> tuple[Ranked, ...]:
    rows = _ranked(reader, period, "product_id")
    names = dict(
        (r.id, (r.code, r.name))
        for r in reader.session.execute(
            select(Product.id, Product.code, Product.name).where(Product.id.in_([k for k, _ in rows if k]))
        )
    )
    return tuple(
        Ranked(names[k][0], names[k][1], n) if k in names else Ranked("—", "Sans progiciel", n) for k, n in rows
    )


def _origins(reader: _Reader, period: Period) -> tuple[tuple[Origin | None, int], ...]:
    opened = reader.opened(period, "origin")
    rows = reader.session.execute(select(opened.c.origin, func.count()).group_by(opened.c.origin)).all()
    order = {o: i for i, o in enumerate(Origin)}
    found = ((Origin(o) if o is not None else None, int(n)) for o, n in rows)
    return tuple(sorted(found, key=lambda r: order.get(r[0], 99)))  # type: ignore[arg-type]


def _exclusions(reader: _Reader, period: Period) -> tuple[ExclusionRow, ...]:
    opened = reader.opened(period, "incident_id", "exclusion", "out_of_contract")
    out = select(opened.c.incident_id, opened.c.exclusion).where(opened.c.out_of_contract.is_(True)).cte("out")
    counts = reader.session.execute(select(out.c.exclusion, func.count()).group_by(out.c.exclusion)).all()
    seconds = epoch_seconds(CallLog.ended_at) - epoch_seconds(CallLog.started_at)
    minutes = dict(
        reader.session.execute(
            select(out.c.exclusion, func.sum(seconds))
            .select_from(out)
            .join(CallLog, CallLog.incident_id == out.c.incident_id)
            .where(CallLog.ended_at.is_not(None))
            .group_by(out.c.exclusion)
        ).all()
    )
    order = {x: i for i, x in enumerate(Exclusion)}
    rows = [
        ExclusionRow(Exclusion(x) if x is not None else None, int(n), float(minutes.get(x) or 0) / 60.0)
        for x, n in counts
    ]
    return tuple(sorted(rows, key=lambda r: order.get(r.exclusion, 99)))  # type: ignore[arg-type]


def _technicians(reader: _Reader, period: Period) -> tuple[TechnicianRow, ...]:
    session, sl = reader.session, reader.sl

    def per_technician(rows: Any) -> dict[Any, int]:
        return dict(session.execute(select(rows.c.assignee_id, func.count()).group_by(rows.c.assignee_id)).all())

    opened = per_technician(reader.opened(period, "assignee_id"))
    resolved = per_technician(reader.resolved(period, "assignee_id"))
    backlog = per_technician(reader.backlog(min(period.ends, reader.as_of), "assignee_id"))
    seconds = epoch_seconds(CallLog.ended_at) - epoch_seconds(CallLog.started_at)
    calls = dict(
        session.execute(
            select(CallLog.technician_id, func.sum(seconds))
            .where(*_calls_conditions(sl, period), CallLog.ended_at.is_not(None))
            .group_by(CallLog.technician_id)
        ).all()
    )
    ids = {k for k in (*opened, *resolved, *backlog, *calls) if k is not None}
    people = {
        r.id: (r.login, r.full_name)
        for r in session.execute(
            select(Technician.id, Technician.login, Technician.full_name).where(Technician.id.in_(ids))
        )
    }
    rows = [
        TechnicianRow(
            login=people[t][0],
            name=people[t][1],
            opened=int(opened.get(t, 0)),
            resolved=int(resolved.get(t, 0)),
            backlog=int(backlog.get(t, 0)),
            call_minutes=float(calls.get(t) or 0) / 60.0,
        )
        for t in ids
        if t in people
    ]
    unassigned = int(opened.get(None, 0)), int(resolved.get(None, 0)), int(backlog.get(None, 0))
    if any(unassigned) and sl.technician_id is None:
        rows.append(TechnicianRow("—", "Non attribué", *unassigned, call_minutes=float(calls.get(None) or 0) / 60.0))
    return tuple(sorted(rows, key=lambda r: (-r.opened, r.login)))


def refresh_durations(session: Session, period: Period, now: datetime | None = None) -> int:
    """Keep the fact rows reports read (``app.services.report_facts``): every incident changed since its
    row was written, and the rows of ``period`` and the period before computed with another calendar;
    returns how many were written. The caller commits. A report is right without it, only slower: the
    dashboard runs it once its figures are shown, the CLI before its report."""
    return report_facts.refresh(session, [(period.previous().starts, period.ends)], now)


# Before a report someone waits for, the rows of at most this many changed incidents are written first
# (a day's changes take milliseconds); more (a bulk load, a migration) are left to the refresh made after.
REFRESH_BEFORE_AT_MOST = 5000


def keep_durations(
    sessions: sessionmaker[Session], period: Period, now: datetime | None = None, before: bool = False
) -> int:
    """``refresh_durations`` in a transaction of its own, for the dashboard and the CLI; ``before`` a
    report, only the changed incidents and only if they are few. Keeping the rows is an optimisation: a
    database that cannot be written to now (locked, read-only) still gets its report, computed live."""
    try:
        with sessions.begin() as session:
            if before:
                return report_facts.refresh(session, (), now, at_most=REFRESH_BEFORE_AT_MOST)
            return refresh_durations(session, period, now)
    except OperationalError as exc:
        log.warning("report rows not kept before the report (%s): they are computed live", exc.orig or exc)
        return 0


def supervisor_report(
    session: Session,
    period: Period,
    flt: ReportFilter = ReportFilter(),
    now: datetime | None = None,
    alongside: sessionmaker[Session] | None = None,
) -> SupervisorReport:
    """The whole KPI set of a period and a slice, with the previous period for comparison.

    With ``alongside`` (the sessions of the same database), half of the statements run at the same time
    on a second connection, in a thread: the database works on both processor cores. That half then
    reads the database as it is a moment later than ``session`` (its own transaction), which only a
    write landing in between can tell apart. The caller's session must not hold unwritten changes the
    report should see."""
    sl = resolve_filter(session, flt)
    as_of = _whole(now or datetime.now(UTC))
    targets = service_levels.targets(session)
    end = min(period.ends, as_of)
    url = session.get_bind().url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        alongside = None  # a second connection would open another, empty, database

    def second_half(reader: _Reader) -> dict[str, Any]:
        return {
            "previous": _period_figures(reader, period.previous(), targets),
            "technicians": _technicians(reader, period),
            "backup": backup_use(reader.session, sl, end),
            "rtc_short": rtc_short(reader.session, sl, end),
            "overdue": overdue_versions(reader.session, sl, end),
        }

    def on_its_own_session() -> dict[str, Any]:
        assert alongside is not None
        with alongside() as other:
            return second_half(_Reader(other, sl, as_of))

    reader = _Reader(session, sl, as_of)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="report") if alongside else nullcontext() as pool:
        later = pool.submit(on_its_own_session) if pool is not None else None
        current = _period_figures(reader, period, targets)
        calls = reader.calls(period)
        first_half = {
            "weekly": _weekly(reader, period),
            "origins": _origins(reader, period),
            "exclusions": _exclusions(reader, period),
            "top_clients": _top_clients(reader, period),
            "top_products": _top_products(reader, period),
        }
        rest = later.result() if later is not None else second_half(reader)
    return SupervisorReport(
        filter=flt,
        as_of=as_of,
        current=current,
        heatmap=calls.grid,
        heatmap_closed=calls.grid_closed,
        targets=targets,
        **first_half,
        **rest,
    )


__all__ = [
    "BackupRow",
    "DurationStats",
    "ExclusionRow",
    "OverdueRow",
    "PeriodFigures",
    "Ranked",
    "ReportError",
    "ReportFilter",
    "RtcRow",
    "SupervisorReport",
    "TechnicianRow",
    "hotline_seconds_of",
    "keep_durations",
    "opened_conditions",
    "refresh_durations",
    "resolve_filter",
    "supervisor_report",
]
