"""The hotline rota as stored: reading it for a period, and its audited edits (R-15, R-16).

Every write checks the rules of :mod:`app.domain.rota` against what is stored (and the hotline calendar)
before anything is written, then appends an audit entry in the same transaction: a refusal leaves
nothing behind. Technicians are named by login.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.db.models import AppSetting, OnSiteJob, Technician, TelemaintenanceJob
from app.db.models.rota import RotaPattern, RotaPatternException, RotaShift, StaffLeave
from app.domain.hotline_calendar import PARIS, HotlineCalendar
from app.domain.opening_hours import WEEKDAY_NAMES
from app.domain.rota import (
    DEFAULT_MINIMUM,
    Block,
    Gap,
    Leave,
    LeaveKind,
    LineRole,
    Rota,
    RotaError,
    Shift,
    WeeklyPattern,
    check_minimum,
)
from app.domain.vocabulary import Role
from app.services import audit
from app.services.calendar_config import current_calendar

if TYPE_CHECKING:
    from app.reports.rota import RotaMonthData

MINIMUM_KEY = "rota.minimum_on_line"
# A planned visit without its duration yet (known from the report) keeps its technician half a day.
DEFAULT_VISIT_MINUTES = 240
# A télémaintenance whose announced delay is shorter still keeps its technician this long.
MIN_TELEMAINTENANCE_MINUTES = 30
# How far back a job may start and still block part of the period (a long visit started the day before).
_LOOKBACK = timedelta(days=2)


@dataclass(frozen=True)
class Editor:
    """Who edits the rota, for the audit entry."""

    name: str
    station: str


# --- reading ----------------------------------------------------------------------------------------


def minimum_on_line(session: Session) -> int:
    """The minimum number of technicians on the line during opening hours (a setting, default 2)."""
    row = session.get(AppSetting, MINIMUM_KEY)
    try:
        return check_minimum(int(row.value)) if row else DEFAULT_MINIMUM
    except (ValueError, RotaError):
        return DEFAULT_MINIMUM


def set_minimum_on_line(session: Session, value: int, editor: Editor) -> None:
    """Change the minimum on the line (audited)."""
    check_minimum(value)
    row = session.get(AppSetting, MINIMUM_KEY)
    old = row.value if row else str(DEFAULT_MINIMUM)
    if row is None:
        session.add(AppSetting(key=MINIMUM_KEY, value=str(value)))
    else:
        row.value = str(value)
    session.flush()
    _audit(session, editor, "rota_minimum", "minimum", {"from": old, "to": value})


def _technicians(session: Session) -> tuple[dict[str, str], dict[str, uuid.UUID], dict[uuid.UUID, str]]:
    """Active staff who take calls (technicians and supervisors), plus anyone who has rota rows."""
    planned = select(RotaShift.technician_id).union(select(RotaPattern.technician_id), select(StaffLeave.technician_id))
    rows = session.execute(
        select(Technician)
        .where(
            or_(
                (Technician.active.is_(True)) & Technician.role.in_([Role.TECHNICIAN, Role.SUPERVISOR]),
                Technician.id.in_(planned),
            )
        )
        .order_by(Technician.full_name, Technician.login)
    ).scalars()
    names: dict[str, str] = {}
    ids: dict[str, uuid.UUID] = {}
    logins: dict[uuid.UUID, str] = {}
    for row in rows:
        names[row.login] = row.full_name
        ids[row.login] = row.id
        logins[row.id] = row.login
    return names, ids, logins


def _blocks(
    session: Session, names: dict[str, str], logins: dict[uuid.UUID, str], lo: datetime, hi: datetime
) -> list[Block]:
    # A visit is planned with the technician's name (R-19's schedule step); the id is set when known.
    by_name = {name.casefold(): login for login, name in names.items()} | {login.casefold(): login for login in names}
    blocks: list[Block] = []
    visits = session.execute(
        select(OnSiteJob).where(
            OnSiteJob.visit_at.is_not(None), OnSiteJob.visit_at >= lo - _LOOKBACK, OnSiteJob.visit_at < hi
        )
    ).scalars()
    for job in visits:
        login = logins.get(job.technician_id) if job.technician_id else None
        login = login or by_name.get((job.technician_name or "").strip().casefold())
        if login is None or job.visit_at is None:
            continue
        end = job.visit_at + timedelta(minutes=job.duration_minutes or DEFAULT_VISIT_MINUTES)
        if end > lo:
            blocks.append(
                Block(login, job.visit_at.astimezone(PARIS), end.astimezone(PARIS), f"Sur site {job.reference}")
            )
    remote = session.execute(
        select(TelemaintenanceJob).where(
            TelemaintenanceJob.begun_at.is_not(None),
            TelemaintenanceJob.created_by_id.is_not(None),
            TelemaintenanceJob.begun_at >= lo - _LOOKBACK,
            TelemaintenanceJob.begun_at < hi,
        )
    ).scalars()
    for job in remote:
        login = logins.get(job.created_by_id)  # type: ignore[arg-type]
        if login is None or job.begun_at is None:
            continue
        end = job.begun_at + timedelta(minutes=max(job.delay_minutes, MIN_TELEMAINTENANCE_MINUTES))
        if end > lo:
            blocks.append(
                Block(login, job.begun_at.astimezone(PARIS), end.astimezone(PARIS), f"Télémaintenance {job.reference}")
            )
    return blocks


def load_rota(session: Session, first_day: date, last_day: date) -> Rota:
    """The rota of the days ``first_day`` … ``last_day`` (included): shifts, patterns in force, leave
    touching the period, jobs that keep technicians off the line, and the minimum on the line."""
    names, _ids, logins = _technicians(session)
    shifts = tuple(
        Shift(logins[r.technician_id], r.day, r.starts, r.ends, r.role, r.exceptional, str(r.id))
        for r in session.execute(
            select(RotaShift).where(RotaShift.day >= first_day, RotaShift.day <= last_day).order_by(RotaShift.day)
        ).scalars()
        if r.technician_id in logins
    )
    patterns = tuple(
        WeeklyPattern(
            logins[r.technician_id],
            r.weekday,
            r.starts,
            r.ends,
            r.valid_from,
            r.valid_to,
            r.role,
            frozenset(e.day for e in r.exceptions),
            str(r.id),
        )
        for r in session.execute(
            select(RotaPattern)
            .options(selectinload(RotaPattern.exceptions))
            .where(RotaPattern.valid_from <= last_day)
            .where(or_(RotaPattern.valid_to.is_(None), RotaPattern.valid_to >= first_day))
        ).scalars()
        if r.technician_id in logins
    )
    leaves = tuple(
        Leave(
            logins[r.technician_id],
            r.kind,
            r.first_day,
            r.last_day,
            r.starts_afternoon,
            r.ends_at_noon,
            r.note,
            str(r.id),
        )
        for r in session.execute(
            select(StaffLeave).where(StaffLeave.first_day <= last_day, StaffLeave.last_day >= first_day)
        ).scalars()
        if r.technician_id in logins
    )
    lo = datetime.combine(first_day, time(), PARIS)
    hi = datetime.combine(last_day + timedelta(days=1), time(), PARIS)
    return Rota(
        names, shifts, patterns, leaves, tuple(_blocks(session, names, logins, lo, hi)), minimum_on_line(session)
    )


def coverage_gaps(session: Session, first_day: date, last_day: date) -> list[Gap]:
    """Opening-hour intervals of the period with fewer technicians on the line than the minimum."""
    calendar = current_calendar(session)
    return load_rota(session, first_day, last_day).gaps(calendar, first_day, last_day)


@dataclass(frozen=True)
class DutyNow:
    """Who is on the line at an instant, and the next gap from then (within two weeks)."""

    at: datetime
    on_line: tuple[tuple[str, str, LineRole], ...]  # (login, full name, role)
    next_gap: Gap | None


def duty_now(session: Session, at: datetime, calendar: HotlineCalendar | None = None) -> DutyNow:
    """The technicians on the line at ``at`` and the next coverage gap still to come (or under way)."""
    calendar = calendar or current_calendar(session)
    day = at.astimezone(PARIS).date()
    last = day + timedelta(days=14)
    rota = load_rota(session, day, last)
    on_line = tuple((login, rota.name(login), role) for login, role in rota.on_duty_at(at))
    upcoming = next((g for g in rota.gaps(calendar, day, last) if g.end > at), None)
    return DutyNow(at, on_line, upcoming)


def proposed_owner(session: Session, login: str, at: datetime) -> str | None:
    """Who should own an incident taken at ``at`` by ``login``: that technician when they are on the line
    (they take the call), otherwise the first primary on duty; None when nobody is on duty."""
    day = at.astimezone(PARIS).date()
    on_line = load_rota(session, day, day).on_duty_at(at)
    logins = [who for who, _role in on_line]
    if login in logins:
        return login
    return logins[0] if logins else None


# --- writing ----------------------------------------------------------------------------------------


def _technician_id(session: Session, login: str) -> uuid.UUID:
    found = session.execute(select(Technician.id).where(Technician.login == login.strip())).scalar_one_or_none()
    if found is None:
        raise RotaError(f"Technicien inconnu : « {login} ».")
    return found


def _audit(session: Session, editor: Editor, kind: str, subject: str, payload: dict[str, object]) -> None:
    audit.append(session, kind=kind, subject=subject, payload=payload, actor=editor.name, station=editor.station)


def _shift_payload(shift: Shift) -> dict[str, object]:
    return {
        "technician": shift.technician,
        "day": shift.day.isoformat(),
        "start": f"{shift.start:%H:%M}",
        "end": f"{shift.end:%H:%M}",
        "role": shift.role.value,
        "exceptional": shift.exceptional,
    }


def add_shift(session: Session, shift: Shift, editor: Editor, calendar: HotlineCalendar | None = None) -> uuid.UUID:
    """Record a shift after checking it (RotaError: unknown technician, outside opening hours without the
    exceptional mark, during leave, overlapping another shift of the same technician)."""
    technician_id = _technician_id(session, shift.technician)
    calendar = calendar or current_calendar(session)
    load_rota(session, shift.day, shift.day).check_shift(shift, calendar)
    row = RotaShift(
        technician_id=technician_id,
        day=shift.day,
        starts=shift.start,
        ends=shift.end,
        role=shift.role,
        exceptional=shift.exceptional,
    )
    session.add(row)
    session.flush()
    _audit(session, editor, "rota_shift_added", shift.technician, {"shift": str(row.id), **_shift_payload(shift)})
    return row.id


def move_shift(
    session: Session,
    shift_id: uuid.UUID,
    *,
    technician: str | None,
    day: date,
    start: time,
    end: time,
    editor: Editor,
    calendar: HotlineCalendar | None = None,
) -> None:
    """Move a stored shift to another date, time or technician, with the same checks as a new one."""
    row = session.get(RotaShift, shift_id)
    if row is None:
        raise RotaError("Cette permanence n'existe plus (supprimée depuis un autre poste ?).")
    login = technician or session.get(Technician, row.technician_id).login  # type: ignore[union-attr]
    moved = Shift(login, day, start, end, row.role, row.exceptional, str(row.id))
    calendar = calendar or current_calendar(session)
    load_rota(session, day, day).check_shift(moved, calendar, ignore_key=str(row.id))
    before = {"day": row.day.isoformat(), "start": f"{row.starts:%H:%M}", "end": f"{row.ends:%H:%M}"}
    row.technician_id = _technician_id(session, login)
    row.day, row.starts, row.ends = day, start, end
    session.flush()
    _audit(
        session, editor, "rota_shift_moved", login, {"shift": str(row.id), "before": before, **_shift_payload(moved)}
    )


def delete_shift(session: Session, shift_id: uuid.UUID, editor: Editor) -> None:
    """Remove a stored shift."""
    row = session.get(RotaShift, shift_id)
    if row is None:
        raise RotaError("Cette permanence n'existe plus (supprimée depuis un autre poste ?).")
    login = session.get(Technician, row.technician_id).login  # type: ignore[union-attr]
    session.delete(row)
    session.flush()
    _audit(session, editor, "rota_shift_deleted", login, {"shift": str(shift_id), "day": row.day.isoformat()})


def add_leave(session: Session, leave: Leave, editor: Editor) -> uuid.UUID:
    """Record an absence (refused over an explicit shift of the same technician: move it first)."""
    technician_id = _technician_id(session, leave.technician)
    load_rota(session, leave.first_day, leave.last_day).check_leave(leave)
    row = StaffLeave(
        technician_id=technician_id,
        kind=leave.kind,
        first_day=leave.first_day,
        last_day=leave.last_day,
        starts_afternoon=leave.starts_afternoon,
        ends_at_noon=leave.ends_at_noon,
        note=leave.note.strip()[:200],
    )
    session.add(row)
    session.flush()
    _audit(
        session,
        editor,
        "rota_leave_added",
        leave.technician,
        {
            "leave": str(row.id),
            "kind": leave.kind.value,
            "first_day": leave.first_day.isoformat(),
            "last_day": leave.last_day.isoformat(),
            "starts_afternoon": leave.starts_afternoon,
            "ends_at_noon": leave.ends_at_noon,
        },
    )
    return row.id


def add_pattern(
    session: Session, pattern: WeeklyPattern, editor: Editor, calendar: HotlineCalendar | None = None
) -> uuid.UUID:
    """Record a weekly pattern; its hours must lie within the weekday's opening hours on its first week."""
    technician_id = _technician_id(session, pattern.technician)
    calendar = calendar or current_calendar(session)
    first = pattern.valid_from + timedelta(days=(pattern.weekday - pattern.valid_from.weekday()) % 7)
    # Checked as a shift on its first occurrence that is an ordinary open day (holidays have no hours).
    probe = first
    for _ in range(8):
        if calendar.opening_ranges(probe):
            break
        probe += timedelta(days=7)
    # Leave does not stop a routine (its occurrences during leave simply do not apply).
    rota = replace(load_rota(session, probe, probe), leaves=())
    rota.check_shift(Shift(pattern.technician, probe, pattern.start, pattern.end, pattern.role), calendar)
    row = RotaPattern(
        technician_id=technician_id,
        weekday=pattern.weekday,
        starts=pattern.start,
        ends=pattern.end,
        role=pattern.role,
        valid_from=pattern.valid_from,
        valid_to=pattern.valid_to,
    )
    row.exceptions = [RotaPatternException(day=d) for d in sorted(pattern.exceptions)]
    session.add(row)
    session.flush()
    _audit(
        session,
        editor,
        "rota_pattern_added",
        pattern.technician,
        {
            "pattern": str(row.id),
            "weekday": pattern.weekday,
            "start": f"{pattern.start:%H:%M}",
            "end": f"{pattern.end:%H:%M}",
            "role": pattern.role.value,
            "valid_from": pattern.valid_from.isoformat(),
            "valid_to": pattern.valid_to.isoformat() if pattern.valid_to else None,
        },
    )
    return row.id


def skip_pattern_on(session: Session, pattern_id: uuid.UUID, day: date, editor: Editor) -> None:
    """An exception: the weekly pattern does not apply on ``day``."""
    row = _pattern_row(session, pattern_id)
    if day.weekday() != row.weekday:
        raise RotaError(
            f"Le {day:%d/%m/%Y} n'est pas un {WEEKDAY_NAMES[row.weekday]} : cette semaine type ne tombe pas ce jour-là."
        )
    if day < row.valid_from or (row.valid_to is not None and day > row.valid_to):
        until = f" au {row.valid_to:%d/%m/%Y}" if row.valid_to else ""
        raise RotaError(
            f"Cette semaine type ne s'applique pas le {day:%d/%m/%Y} (valable du {row.valid_from:%d/%m/%Y}{until})."
        )
    if any(e.day == day for e in row.exceptions):
        return
    row.exceptions.append(RotaPatternException(day=day))
    session.flush()
    login = session.get(Technician, row.technician_id).login  # type: ignore[union-attr]
    _audit(session, editor, "rota_pattern_skipped", login, {"pattern": str(pattern_id), "day": day.isoformat()})


def _pattern_row(session: Session, pattern_id: uuid.UUID) -> RotaPattern:
    row = session.get(RotaPattern, pattern_id)
    if row is None:
        raise RotaError("Cette semaine type n'existe plus (supprimée depuis un autre poste ?).")
    return row


def _pattern_value(row: RotaPattern, login: str) -> WeeklyPattern:
    return WeeklyPattern(
        login,
        row.weekday,
        row.starts,
        row.ends,
        row.valid_from,
        row.valid_to,
        row.role,
        frozenset(e.day for e in row.exceptions),
        str(row.id),
    )


def list_patterns(session: Session, technician: str | None = None) -> list[WeeklyPattern]:
    """The weekly patterns (ended ones included), by technician, weekday and start; ``technician`` is a
    login (RotaError when unknown)."""
    query = select(RotaPattern, Technician.login).join(Technician, Technician.id == RotaPattern.technician_id)
    if technician is not None:
        query = query.where(RotaPattern.technician_id == _technician_id(session, technician))
    rows = session.execute(
        query.options(selectinload(RotaPattern.exceptions)).order_by(
            Technician.login, RotaPattern.weekday, RotaPattern.starts, RotaPattern.valid_from
        )
    ).all()
    return [_pattern_value(row, login) for row, login in rows]


def end_pattern(session: Session, pattern_id: uuid.UUID, last_day: date, editor: Editor) -> None:
    """End a weekly pattern: ``last_day`` is the last day it applies (a routine is only shortened, never
    stretched: a longer one is a new pattern, checked as such)."""
    row = _pattern_row(session, pattern_id)
    if last_day < row.valid_from:
        raise RotaError(
            f"Cette semaine type commence le {row.valid_from:%d/%m/%Y} : "
            f"elle ne peut pas finir avant (reçu : {last_day:%d/%m/%Y})."
        )
    if row.valid_to is not None and last_day >= row.valid_to:
        if last_day == row.valid_to:
            return
        raise RotaError(
            f"Cette semaine type finit déjà le {row.valid_to:%d/%m/%Y} : "
            "pour la prolonger, ajoutez-en une nouvelle à partir du lendemain."
        )
    before = row.valid_to.isoformat() if row.valid_to else None
    row.valid_to = last_day
    session.flush()
    login = session.get(Technician, row.technician_id).login  # type: ignore[union-attr]
    _audit(
        session,
        editor,
        "rota_pattern_ended",
        login,
        {"pattern": str(pattern_id), "valid_to": last_day.isoformat(), "before": before},
    )


def restore_pattern_on(
    session: Session, pattern_id: uuid.UUID, day: date, editor: Editor, calendar: HotlineCalendar | None = None
) -> None:
    """Remove an exception: the weekly pattern applies on ``day`` again (refused when the technician has
    another shift at that time that day)."""
    row = _pattern_row(session, pattern_id)
    exception = next((e for e in row.exceptions if e.day == day), None)
    if exception is None:
        raise RotaError(f"Cette semaine type n'est pas suspendue le {day:%d/%m/%Y}.")
    login = session.get(Technician, row.technician_id).login  # type: ignore[union-attr]
    calendar = calendar or current_calendar(session)
    # Leave still wins over the routine, and a closed day needs nobody: only overlaps are refused.
    rota = replace(load_rota(session, day, day), leaves=())
    occurrence = Shift(login, day, row.starts, row.ends, row.role, True)
    rota.check_shift(occurrence, calendar, ignore_key=str(row.id))
    row.exceptions.remove(exception)
    session.flush()
    _audit(session, editor, "rota_pattern_restored", login, {"pattern": str(pattern_id), "day": day.isoformat()})


def list_leaves(
    session: Session, technician: str | None = None, first_day: date | None = None, last_day: date | None = None
) -> list[Leave]:
    """Recorded absences touching ``first_day`` … ``last_day`` (either bound open), by first day;
    ``technician`` is a login (RotaError when unknown)."""
    query = select(StaffLeave, Technician.login).join(Technician, Technician.id == StaffLeave.technician_id)
    if technician is not None:
        query = query.where(StaffLeave.technician_id == _technician_id(session, technician))
    if first_day is not None:
        query = query.where(StaffLeave.last_day >= first_day)
    if last_day is not None:
        query = query.where(StaffLeave.first_day <= last_day)
    rows = session.execute(query.order_by(StaffLeave.first_day, Technician.login)).all()
    return [
        Leave(login, r.kind, r.first_day, r.last_day, r.starts_afternoon, r.ends_at_noon, r.note, str(r.id))
        for r, login in rows
    ]


def delete_leave(session: Session, leave_id: uuid.UUID, editor: Editor) -> None:
    """Remove a recorded absence (the technician's weekly patterns apply again over its days)."""
    row = session.get(StaffLeave, leave_id)
    if row is None:
        raise RotaError("Cette absence n'existe plus (supprimée depuis un autre poste ?).")
    login = session.get(Technician, row.technician_id).login  # type: ignore[union-attr]
    payload = {
        "leave": str(leave_id),
        "kind": row.kind.value,
        "first_day": row.first_day.isoformat(),
        "last_day": row.last_day.isoformat(),
    }
    session.delete(row)
    session.flush()
    _audit(session, editor, "rota_leave_deleted", login, payload)


def month_report_data(session: Session, year: int, month: int) -> RotaMonthData:
    """What the monthly rota PDF prints for ``month`` of ``year``."""
    from app.reports.loaders import load_vendor
    from app.reports.rota import DutyMark, RotaMonthData

    first = date(year, month, 1)
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    calendar = current_calendar(session)
    rota = load_rota(session, first, last)
    days = tuple(first + timedelta(days=i) for i in range((last - first).days + 1))
    working = tuple(d for d in days if d.weekday() < 5)
    closed = []
    for day in working:
        if not calendar.opening_ranges(day):
            midday = datetime.combine(day, time(10), PARIS)
            reason = calendar.reason_closed(midday) or "Fermé"
            closed.append((day, reason.replace("Jour férié : ", "Férié : ")))
    marks: dict[tuple[str, date], list[DutyMark]] = {}
    for duty in rota.duties(first, last):
        marks.setdefault((duty.technician, duty.start.date()), []).append(DutyMark(duty.start, duty.end, duty.role))
    leave_rows = []
    for leave in rota.leaves:
        day = max(leave.first_day, first)
        while day <= min(leave.last_day, last):
            half = ""
            if day == leave.first_day and leave.starts_afternoon:
                half = "pm"
            elif day == leave.last_day and leave.ends_at_noon:
                half = "am"
            leave_rows.append((leave.technician, day, leave.kind, half))
            day += timedelta(days=1)
    stamps = [
        session.execute(select(func.max(model.updated_at))).scalar() for model in (RotaShift, RotaPattern, StaffLeave)
    ]
    issued = max((s for s in stamps if s is not None), default=datetime.combine(first, time(), PARIS))
    return RotaMonthData(
        vendor=load_vendor(session),
        year=year,
        month=month,
        issued_at=issued,
        minimum=rota.minimum,
        technicians=tuple(rota.technicians.items()),
        days=working,
        closed=tuple(closed),
        duties=tuple((login, day, tuple(m)) for (login, day), m in sorted(marks.items())),
        leave=tuple(sorted(leave_rows)),
        gaps=tuple(rota.gaps(calendar, first, last)),
    )


def give_to_on_duty_owner(session: Session, incident_id: uuid.UUID, login: str, at: datetime) -> str | None:
    """After an incident taken at ``at`` by ``login`` is created: make the technician proposed by
    :func:`proposed_owner` its owner (assignee) when it is someone else, with an audit entry.

    Returns the owner's login (None when nobody is on duty: the incident keeps its creator as owner).
    """
    from app.db.models import Incident

    owner = proposed_owner(session, login, at)
    if owner is None or owner == login:
        return owner
    incident = session.get(Incident, incident_id)
    if incident is None:
        return None
    incident.assignee_id = _technician_id(session, owner)
    session.flush()
    audit.append(
        session,
        kind="incident_owner_on_duty",
        subject=incident.number,
        payload={"owner": owner, "taken_by": login},
        actor=login,
        station=incident.station,
    )
    return owner


__all__ = [
    "DutyNow",
    "Editor",
    "LeaveKind",
    "LineRole",
    "RotaError",
    "add_leave",
    "add_pattern",
    "add_shift",
    "coverage_gaps",
    "delete_leave",
    "delete_shift",
    "duty_now",
    "end_pattern",
    "give_to_on_duty_owner",
    "list_leaves",
    "list_patterns",
    "load_rota",
    "minimum_on_line",
    "month_report_data",
    "move_shift",
    "proposed_owner",
    "restore_pattern_on",
    "set_minimum_on_line",
    "skip_pattern_on",
]
