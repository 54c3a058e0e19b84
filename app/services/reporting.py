"""Supervisor reporting: the hotline's figures for a period and a slice, computed in the database.

Every figure is an SQL aggregate; durations are hotline time (R-17) taken from the calendar mirror
(``app.db.calendar_sql``), so a year of a million-incident database is summarised without loading
incidents into Python. Percentiles are by nearest rank (``ROW_NUMBER`` over the sorted durations).

The service-level clock and the durations kept per incident are in ``app.services.report_clock``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased, sessionmaker

from app.db.calendar_sql import epoch_seconds, hotline_seconds_at
from app.db.models import (
    CalendarRange,
    CallLog,
    Client,
    Contact,
    Contract,
    Incident,
    Installation,
    Product,
    Release,
    Technician,
    Training,
)
from app.domain.incident_lifecycle import SlaTargets
from app.domain.reporting import (
    BACKUP_CAP_MINUTES,
    BACKUP_NEAR_SHARE,
    DURATION_BUCKETS,
    Period,
    change,
    paris_offsets,
    version_deadline,
)
from app.domain.vocabulary import Channel, ContractStatus, Exclusion, IncidentStatus, Origin, ServiceKind
from app.services import service_levels
from app.services.report_clock import (
    DONE,
    OPEN,
    calendar_key,
    clock_cte,
    first_response_minutes,
    refresh_clocks,
    resolution_minutes,
)

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
class BackupRow:
    client_code: str
    client_name: str
    year_start: date
    minutes: float

    @property
    def over(self) -> bool:
        return self.minutes > BACKUP_CAP_MINUTES

    @property
    def near(self) -> bool:
        return not self.over and self.minutes >= BACKUP_CAP_MINUTES * BACKUP_NEAR_SHARE


@dataclass(frozen=True)
class RtcRow:
    client_code: str
    client_name: str
    trained_rtc: int


@dataclass(frozen=True)
class OverdueRow:
    client_code: str
    client_name: str
    product: str
    installed: str
    required: str
    deadline: date


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


def _h(moment: Any) -> ColumnElement[int]:
    """Open seconds of the hotline up to an instant (column or Python datetime)."""
    if isinstance(moment, datetime):
        return hotline_seconds_at(literal(int(moment.timestamp())))
    return hotline_seconds_at(epoch_seconds(moment))


def _incident_conditions(sl: _Slice) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if sl.client_ids:
        conditions.append(Incident.client_id.in_(sl.client_ids))
    if sl.technician_id:
        conditions.append(Incident.assignee_id == sl.technician_id)
    if sl.product_id:
        conditions.append(Incident.product_id == sl.product_id)
    if sl.channel:
        conditions.append(Incident.channel == sl.channel)
    if sl.origin:
        conditions.append(Incident.origin == sl.origin)
    return conditions


def _stats(session: Session, rows: Any, targets: dict[int, SlaTargets] | None, which: str) -> DurationStats:
    """Count, nearest-rank median and 90th percentile, share within target per priority and the
    histogram of a (priority, m) selection, in one statement. Each duration is computed once (a
    materialised CTE), then ranked."""
    durations = (
        select(rows.c.priority.label("priority"), rows.c.m.label("m")).cte("durations").prefix_with("MATERIALIZED")
    )
    # The count as a subquery on the materialised rows rather than a second window (one pass fewer).
    counted = (
        select(func.count()).select_from(durations).where(durations.c.m.is_not(None)).correlate(None).scalar_subquery()
    )
    ranked = (
        select(
            durations.c.priority,
            durations.c.m,
            func.row_number().over(order_by=durations.c.m).label("rn"),
            counted.label("n"),
        )
        .where(durations.c.m.is_not(None))
        .subquery()
    )
    m, n = ranked.c.m, ranked.c.n
    columns: list[Any] = [
        func.count(),
        func.max(case((ranked.c.rn == _rank_sql(n, 0.5), m))),
        func.max(case((ranked.c.rn == _rank_sql(n, 0.9), m))),
    ]
    priorities = sorted(targets) if targets else []
    for priority in priorities:
        limit = getattr(targets[priority], which)  # type: ignore[index]
        columns.append(func.sum(case((ranked.c.priority == priority, 1), else_=0)))
        columns.append(func.sum(case((and_(ranked.c.priority == priority, m <= limit), 1), else_=0)))
    lower = None
    for _, bound in DURATION_BUCKETS:
        conditions = []
        if lower is not None:
            conditions.append(m >= lower)
        if bound is not None:
            conditions.append(m < bound)
        columns.append(func.sum(case((and_(*conditions), 1), else_=0)))
        lower = bound
    row = session.execute(select(*columns).select_from(ranked)).one()
    count = int(row[0] or 0)
    by_priority = []
    within = 0
    for index, priority in enumerate(priorities):
        got, ok = int(row[3 + 2 * index] or 0), int(row[4 + 2 * index] or 0)
        within += ok
        by_priority.append((priority, got, ok, getattr(targets[priority], which)))  # type: ignore[index]
    histogram = tuple(int(v or 0) for v in row[3 + 2 * len(priorities) :])
    return DurationStats(
        count=count,
        median=_num(row[1]),
        p90=_num(row[2]),
        within_target=within,
        by_priority=tuple(by_priority),
        histogram=histogram,
    )


def _rank_sql(n: Any, share: float) -> ColumnElement[int]:
    hundredths = round(share * 100)
    return (n * hundredths + 99) // 100


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _local_parts(epoch: ColumnElement[int], start: datetime, end: datetime) -> tuple[Any, Any, Any]:
    """(days since 1970-01-01 local, weekday 0 = Monday, hour) of a UTC epoch in Europe/Paris."""
    segments = paris_offsets(start, end)
    offset = case(*[(and_(epoch >= lo, epoch < hi), off) for lo, hi, off in segments], else_=3600)
    local = epoch + offset
    days = local // 86400
    return days, (days + 3) % 7, (local % 86400) // 3600


# ---------------------------------------------------------------- the figures


def _by_resolution(session: Session | None, conditions: Sequence[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    """Conditions on the resolution date, read from its index. On SQLite the rows are then fetched in
    table order (their rowids, sorted), not in resolution order: incidents are stored in the order they
    were opened, so a year's resolutions read in date order jump all over the table. Without a session
    (the clock's selection, whose joins the planner orders well only on the plain conditions), the plain
    conditions."""
    if session is None or session.get_bind().dialect.name != "sqlite":
        return list(conditions)
    rowids = select(literal_column("rowid")).select_from(Incident.__table__).where(*conditions).correlate(None)
    return [literal_column("incidents.rowid").in_(rowids)]


def _resolved_selection(session: Session | None, sl: _Slice, period: Period) -> list[ColumnElement[bool]]:
    return [
        *_by_resolution(session, [Incident.resolved_at >= period.starts, Incident.resolved_at < period.ends]),
        Incident.status.in_(DONE),
        *_incident_conditions(sl),
    ]


def _backlog_selection(session: Session, sl: _Slice, at: datetime) -> list[ColumnElement[bool]]:
    # Open at ``at``: opened before and not resolved by then. An incident resolved before ``at`` and
    # reopened after it counts as open (the history is not read for this count).
    return [
        *_by_resolution(session, [or_(Incident.resolved_at.is_(None), Incident.resolved_at >= at)]),
        Incident.opened_at < at,
        *_incident_conditions(sl),
    ]


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


def period_figures(
    session: Session, sl: _Slice, period: Period, as_of: datetime, targets: dict[int, SlaTargets]
) -> PeriodFigures:
    """The headline figures of one period."""
    conditions = _incident_conditions(sl)
    opened_row = session.execute(
        select(
            func.count(),
            func.sum(case((Incident.out_of_contract.is_(True), 1), else_=0)),
            func.sum(case((Incident.first_response_at.is_(None), 1), else_=0)),
        ).where(Incident.opened_at >= period.starts, Incident.opened_at < period.ends, *conditions)
    ).one()
    resolved_row = session.execute(
        select(func.count(), func.sum(case((Incident.workaround.is_not(None), 1), else_=0))).where(
            *_resolved_selection(session, sl, period)
        )
    ).one()
    closed = session.execute(
        select(func.count()).where(Incident.closed_at >= period.starts, Incident.closed_at < period.ends, *conditions)
    ).scalar_one()
    end = min(period.ends, as_of)
    backlog_stamps = (
        select(Incident.priority.label("priority"), epoch_seconds(Incident.opened_at).label("xo"))
        .where(*_backlog_selection(session, sl, end))
        .cte("backlog_stamps")
        .prefix_with("MATERIALIZED")
    )
    backlog_rows = select(
        backlog_stamps.c.priority.label("priority"),
        ((_h(end) - hotline_seconds_at(backlog_stamps.c.xo)) / 60.0).label("m"),
    ).subquery()
    backlog_age = _stats(session, backlog_rows, None, "resolution_minutes")
    key = calendar_key(session)
    first_response = _stats(
        session, first_response_minutes(_opened(sl, period), key), targets, "first_response_minutes"
    )
    resolution_rows = resolution_minutes(_resolved_selection(session, sl, period), as_of, key)
    resolution = _stats(session, resolution_rows, targets, "resolution_minutes")
    calls = _call_stamps(sl, period)
    calls_row = session.execute(
        select(
            func.count(),
            func.sum(case((calls.c.stop.is_not(None), calls.c.stop - calls.c.start), else_=0)),
            func.sum(case((_open_at(calls.c.start), 0), else_=1)),
        )
    ).one()
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
        calls=int(calls_row[0] or 0),
        call_minutes=float(calls_row[1] or 0) / 60.0,
        calls_closed=int(calls_row[2] or 0),
        unanswered=int(opened_row[2] or 0),
    )


def _opened(sl: _Slice, period: Period) -> list[ColumnElement[bool]]:
    return [Incident.opened_at >= period.starts, Incident.opened_at < period.ends, *_incident_conditions(sl)]


def _weekly(session: Session, sl: _Slice, period: Period) -> tuple[tuple[date, Channel, int], ...]:
    stamps = (
        select(Incident.channel.label("channel"), epoch_seconds(Incident.opened_at).label("xo"))
        .where(*_opened(sl, period))
        .cte("weekly_stamps")
        .prefix_with("MATERIALIZED")
    )
    days, _, _ = _local_parts(stamps.c.xo, period.starts, period.ends)
    week = (days + 3) // 7
    rows = session.execute(select(week, stamps.c.channel, func.count()).group_by(week, stamps.c.channel)).all()
    epoch = date(1970, 1, 1)
    return tuple(sorted((epoch + timedelta(days=int(w) * 7 - 3), channel, int(n)) for w, channel, n in rows))


def _heatmap(session: Session, sl: _Slice, period: Period) -> tuple[tuple[tuple[int, ...], ...], ...]:
    calls = _call_stamps(sl, period)
    _, weekday, hour = _local_parts(calls.c.start, period.starts, period.ends)
    rows = session.execute(
        select(weekday, hour, func.count(), func.sum(case((_open_at(calls.c.start), 0), else_=1))).group_by(
            weekday, hour
        )
    ).all()
    calls = [[0] * 24 for _ in range(7)]
    closed = [[0] * 24 for _ in range(7)]
    for d, h, n, c in rows:
        calls[int(d)][int(h)] = int(n)
        closed[int(d)][int(h)] = int(c or 0)
    return tuple(tuple(r) for r in calls), tuple(tuple(r) for r in closed)


def _ranked(session: Session, sl: _Slice, period: Period, column: Any, label_of: Any) -> list[tuple[Any, int]]:
    rows = session.execute(
        select(column, func.count().label("n"))
        .where(*_opened(sl, period))
        .group_by(column)
        .order_by(func.count().desc(), column)
        .limit(TOP)
    ).all()
    return [(key, int(n)) for key, n in rows]


def _top_clients(session: Session, sl: _Slice, period: Period) -> tuple[Ranked, ...]:
    rows = _ranked(session, sl, period, Incident.client_id, None)
    names = dict(
        (r.id, (r.code, r.name))
        for r in session.execute(select(Client.id, Client.code, Client.name).where(Client.id.in_([k for k, _ in rows])))
    )
    return tuple(Ranked(names[k][0], names[k][1], n) for k, n in rows if k in names)


def _top_products(session: Session, sl: _Slice, period: Period) -> tuple[Ranked, ...]:
    rows = _ranked(session, sl, period, Incident.product_id, None)
    names = dict(
        (r.id, (r.code, r.name))
        for r in session.execute(
            select(Product.id, Product.code, Product.name).where(Product.id.in_([k for k, _ in rows if k]))
        )
    )
    return tuple(
        Ranked(names[k][0], names[k][1], n) if k in names else Ranked("—", "Sans progiciel", n) for k, n in rows
    )


def _origins(session: Session, sl: _Slice, period: Period) -> tuple[tuple[Origin | None, int], ...]:
    rows = session.execute(
        select(Incident.origin, func.count()).where(*_opened(sl, period)).group_by(Incident.origin)
    ).all()
    order = {o: i for i, o in enumerate(Origin)}
    return tuple(sorted(((o, int(n)) for o, n in rows), key=lambda r: order.get(r[0], 99)))


def _exclusions(session: Session, sl: _Slice, period: Period) -> tuple[ExclusionRow, ...]:
    selection = [*_opened(sl, period), Incident.out_of_contract.is_(True)]
    counts = session.execute(
        select(Incident.exclusion, func.count()).where(*selection).group_by(Incident.exclusion)
    ).all()
    seconds = epoch_seconds(CallLog.ended_at) - epoch_seconds(CallLog.started_at)
    minutes = dict(
        session.execute(
            select(Incident.exclusion, func.sum(seconds))
            .select_from(CallLog)
            .join(Incident, Incident.id == CallLog.incident_id)
            .where(*selection, CallLog.ended_at.is_not(None))
            .group_by(Incident.exclusion)
        ).all()
    )
    order = {x: i for i, x in enumerate(Exclusion)}
    rows = [ExclusionRow(x, int(n), float(minutes.get(x) or 0) / 60.0) for x, n in counts]
    return tuple(sorted(rows, key=lambda r: order.get(r.exclusion, 99)))


def _technicians(
    session: Session, sl: _Slice, period: Period, as_of: datetime, targets: dict[int, SlaTargets]
) -> tuple[TechnicianRow, ...]:
    opened = dict(
        session.execute(
            select(Incident.assignee_id, func.count()).where(*_opened(sl, period)).group_by(Incident.assignee_id)
        ).all()
    )
    resolved = dict(
        session.execute(
            select(Incident.assignee_id, func.count())
            .where(*_resolved_selection(session, sl, period))
            .group_by(Incident.assignee_id)
        ).all()
    )
    end = min(period.ends, as_of)
    backlog = dict(
        session.execute(
            select(Incident.assignee_id, func.count())
            .where(*_backlog_selection(session, sl, end))
            .group_by(Incident.assignee_id)
        ).all()
    )
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


def _backup(session: Session, sl: _Slice, at: datetime) -> tuple[BackupRow, ...]:
    """R-22: backup-assistance call minutes of each client with the backup service, in the contract
    year (from the service's anniversary) that contains ``at``."""
    day = at.astimezone(UTC).date()
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        years = (
            "(CAST(strftime('%Y', :day) AS INTEGER) - CAST(strftime('%Y', cs.start_date) AS INTEGER)"
            " - (strftime('%m-%d', :day) < strftime('%m-%d', cs.start_date)))"
        )
        year_start = f"date(cs.start_date, '+' || {years} || ' years')"
        started = "c.started_at >= ys.year_start"
        seconds = "CAST(strftime('%s', c.ended_at) AS INTEGER) - CAST(strftime('%s', c.started_at) AS INTEGER)"
    else:
        years = "CAST(EXTRACT(YEAR FROM age(CAST(:day AS date), cs.start_date)) AS INTEGER)"
        year_start = f"CAST(cs.start_date + make_interval(years => {years}) AS date)"
        started = "c.started_at >= CAST(ys.year_start AS timestamp)"
        seconds = "EXTRACT(EPOCH FROM (c.ended_at - c.started_at))"
    client_filter = ""
    params: dict[str, Any] = {"day": day, "service": ServiceKind.BACKUP.value, "active": ContractStatus.ACTIVE.value}
    if sl.client_ids:
        names = []
        for index, cid in enumerate(sl.client_ids):
            params[f"c{index}"] = cid.hex if dialect == "sqlite" else cid
            names.append(f":c{index}")
        client_filter = f" AND k.client_id IN ({', '.join(names)})"
    technician_filter = ""
    if sl.technician_id:
        params["tech"] = sl.technician_id.hex if dialect == "sqlite" else sl.technician_id
        technician_filter = " AND c.technician_id = :tech"
    sql = f"""
        WITH ys AS (
            SELECT k.client_id AS client_id, MAX({year_start}) AS year_start
            FROM contract_services cs JOIN contracts k ON k.id = cs.contract_id
            WHERE cs.service = :service AND k.status = :active AND cs.start_date <= :day
              AND (cs.end_date IS NULL OR cs.end_date >= :day){client_filter}
            GROUP BY k.client_id
        )
        SELECT cl.code, cl.name, ys.year_start,
               COALESCE(SUM(CASE WHEN c.ended_at IS NOT NULL THEN {seconds} END), 0) AS seconds
        FROM ys JOIN clients cl ON cl.id = ys.client_id
        JOIN call_logs c ON c.client_id = ys.client_id AND c.service = :service AND {started}
             AND c.started_at < :until{technician_filter}
        GROUP BY cl.code, cl.name, ys.year_start
        ORDER BY seconds DESC, cl.code
    """
    params["until"] = at.astimezone(UTC).replace(tzinfo=None) if dialect == "sqlite" else at
    if dialect == "sqlite":
        params["until"] = params["until"].strftime("%Y-%m-%d %H:%M:%S.%f")
        params["day"] = day.isoformat()
    rows = session.execute(text(sql), params).all()
    result = []
    for code, name, year_start, secs in rows:
        start = date.fromisoformat(year_start) if isinstance(year_start, str) else year_start
        result.append(BackupRow(code, name, start, float(secs or 0) / 60.0))
    return tuple(result)


def _active_clients(at: date) -> Any:
    return select(Contract.client_id).where(
        Contract.status == ContractStatus.ACTIVE,
        Contract.start_date <= at,
        or_(Contract.end_date.is_(None), Contract.end_date >= at),
    )


def _rtc_short(session: Session, sl: _Slice, at: datetime) -> tuple[RtcRow, ...]:
    """R-02: clients under contract with fewer than two active RTC trained by the vendor."""
    day = at.astimezone(UTC).date()
    trained = select(Training.contact_id)
    if sl.product_id:
        trained = trained.where(Training.product_id == sl.product_id)
    rtc = (
        select(Contact.client_id, func.count().label("n"))
        .where(
            Contact.is_rtc.is_(True),
            Contact.active.is_(True),
            or_(Contact.rtc_until.is_(None), Contact.rtc_until >= day),
            Contact.id.in_(trained),
        )
        .group_by(Contact.client_id)
        .subquery()
    )
    query = (
        select(Client.code, Client.name, func.coalesce(rtc.c.n, 0))
        .outerjoin(rtc, rtc.c.client_id == Client.id)
        .where(Client.id.in_(_active_clients(day)), func.coalesce(rtc.c.n, 0) < 2)
        .order_by(func.coalesce(rtc.c.n, 0), Client.code)
    )
    if sl.client_ids:
        query = query.where(Client.id.in_(sl.client_ids))
    return tuple(RtcRow(code, name, int(n)) for code, name, n in session.execute(query))


def _overdue(session: Session, sl: _Slice, at: datetime) -> tuple[OverdueRow, ...]:
    """R-20: installations still on a version older than one whose delay has run out.

    The delay runs from the release date (the database does not record when each client received the
    descriptive sheet), on the installations as they are now (their past versions are not kept)."""
    day = at.astimezone(UTC).date()
    # Releases are few: which one each product requires today is decided here, the matching in SQL.
    required: dict[uuid.UUID, tuple[date, str, date]] = {}
    for product_id, version, released_on, substantial in session.execute(
        select(Release.product_id, Release.version, Release.released_on, Release.substantial_change)
    ):
        deadline = version_deadline(released_on, bool(substantial))
        if deadline < day and (product_id not in required or required[product_id][0] < released_on):
            required[product_id] = (released_on, version, deadline)
    if not required:
        return ()
    installed = aliased(Release)
    bound = case(*[(Installation.product_id == pid, literal(rel)) for pid, (rel, _, _) in required.items()], else_=None)
    query = (
        select(Client.code, Client.name, Product.id, Product.code, installed.version)
        .select_from(Installation)
        .join(Client, Client.id == Installation.client_id)
        .join(Product, Product.id == Installation.product_id)
        .join(installed, installed.id == Installation.release_id)
        .where(Installation.product_id.in_(list(required)), installed.released_on < bound)
        .where(Client.id.in_(_active_clients(day)))
        .order_by(Client.code, Product.code)
    )
    if sl.client_ids:
        query = query.where(Installation.client_id.in_(sl.client_ids))
    if sl.product_id:
        query = query.where(Installation.product_id == sl.product_id)
    return tuple(
        OverdueRow(code, name, product_code, version, required[pid][1], required[pid][2])
        for code, name, pid, product_code, version in session.execute(query)
    )


def refresh_durations(session: Session, period: Period, now: datetime | None = None) -> int:
    """Keep the durations a report of ``period`` reads (its incidents and those of the period before,
    whatever the slice) where they are missing or outdated; returns how many were computed. The caller
    commits. A report is right without it, only slower: the dashboard runs it once its figures are shown
    (once per period), the CLI before its report, so that a year is computed once, not at every refresh."""
    as_of = now or datetime.now(UTC)
    starts, ends = period.previous().starts, period.ends
    written = refresh_clocks(session, [Incident.opened_at >= starts, Incident.opened_at < ends], as_of)
    resolved = _by_resolution(session, [Incident.resolved_at >= starts, Incident.resolved_at < ends])
    return written + refresh_clocks(session, resolved, as_of)


def keep_durations(sessions: sessionmaker[Session], period: Period, now: datetime | None = None) -> int:
    """``refresh_durations`` in a transaction of its own, for the dashboard and the CLI.
    Keeping durations is an optimisation: a database that cannot be written to now (locked, read-only)
    still gets its report, computed live."""
    try:
        with sessions.begin() as session:
            return refresh_durations(session, period, now)
    except OperationalError as exc:
        log.warning("durations not kept before the report (%s): they are computed live", exc.orig or exc)
        return 0


def supervisor_report(
    session: Session, period: Period, flt: ReportFilter = ReportFilter(), now: datetime | None = None
) -> SupervisorReport:
    """The whole KPI set of a period and a slice, with the previous period for comparison."""
    sl = resolve_filter(session, flt)
    as_of = now or datetime.now(UTC)
    targets = service_levels.targets(session)
    current = period_figures(session, sl, period, as_of, targets)
    previous = period_figures(session, sl, period.previous(), as_of, targets)
    heatmap, heatmap_closed = _heatmap(session, sl, period)
    end = min(period.ends, as_of)
    return SupervisorReport(
        filter=flt,
        as_of=as_of,
        current=current,
        previous=previous,
        weekly=_weekly(session, sl, period),
        origins=_origins(session, sl, period),
        heatmap=heatmap,
        heatmap_closed=heatmap_closed,
        exclusions=_exclusions(session, sl, period),
        backup=_backup(session, sl, end),
        rtc_short=_rtc_short(session, sl, end),
        overdue=_overdue(session, sl, end),
        top_clients=_top_clients(session, sl, period),
        top_products=_top_products(session, sl, period),
        technicians=_technicians(session, sl, period, as_of, targets),
        targets=targets,
    )


# ---------------------------------------------------------------- one row per incident (CSV export)


@dataclass(frozen=True)
class IncidentDurations:
    number: str
    opened_at: datetime
    client_code: str
    client_name: str
    product: str
    channel: Channel
    origin: Origin | None
    priority: int
    status: IncidentStatus
    technician: str
    out_of_contract: bool
    exclusion: Exclusion | None
    workaround: bool
    first_response_minutes: float | None
    resolution_minutes: float | None  # hotline minutes counted by the clock (so far when open)
    paused_minutes: float
    age_minutes: float | None  # open incidents: hotline minutes since opening
    resolved_at: datetime | None
    closed_at: datetime | None


def incident_durations(
    session: Session, period: Period, flt: ReportFilter = ReportFilter(), now: datetime | None = None
) -> Iterator[IncidentDurations]:
    """Every incident opened in the period with each duration in hotline minutes, streamed in order."""
    sl = resolve_filter(session, flt)
    as_of = now or datetime.now(UTC)
    clock = clock_cte(_opened(sl, period), as_of, "clk")
    assignee = aliased(Technician)
    first = (_h(Incident.first_response_at) - _h(Incident.opened_at)) / 60.0
    age = (_h(as_of) - _h(Incident.opened_at)) / 60.0
    query = (
        select(
            Incident.number,
            Incident.opened_at,
            Client.code,
            Client.name,
            Product.code,
            Incident.channel,
            Incident.origin,
            Incident.priority,
            Incident.status,
            assignee.login,
            Incident.out_of_contract,
            Incident.exclusion,
            Incident.workaround.is_not(None),
            case((Incident.first_response_at.is_not(None), first)),
            clock.c.counted / 60.0,
            clock.c.paused / 60.0,
            case((Incident.status.in_(OPEN), age)),
            Incident.resolved_at,
            Incident.closed_at,
        )
        .select_from(clock)
        .join(Incident, Incident.id == clock.c.id)
        .join(Client, Client.id == Incident.client_id)
        .outerjoin(Product, Product.id == Incident.product_id)
        .outerjoin(assignee, assignee.id == Incident.assignee_id)
        .order_by(Incident.opened_at, Incident.number)
    )
    for row in session.execute(query).yield_per(2000):
        yield IncidentDurations(
            number=row[0],
            opened_at=row[1],
            client_code=row[2],
            client_name=row[3],
            product=row[4] or "",
            channel=row[5],
            origin=row[6],
            priority=row[7],
            status=row[8],
            technician=row[9] or "",
            out_of_contract=bool(row[10]),
            exclusion=row[11],
            workaround=bool(row[12]),
            first_response_minutes=_num(row[13]),
            resolution_minutes=_num(row[14]),
            paused_minutes=float(row[15] or 0),
            age_minutes=_num(row[16]),
            resolved_at=row[17],
            closed_at=row[18],
        )


__all__ = [
    "BackupRow",
    "DurationStats",
    "ExclusionRow",
    "IncidentDurations",
    "OverdueRow",
    "PeriodFigures",
    "Ranked",
    "ReportError",
    "ReportFilter",
    "RtcRow",
    "SupervisorReport",
    "TechnicianRow",
    "incident_durations",
    "keep_durations",
    "period_figures",
    "refresh_durations",
    "resolve_filter",
    "supervisor_report",
]
