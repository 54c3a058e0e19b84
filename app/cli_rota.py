"""``hotline rota …``: who is on the phones, staff leave and the opening hours left unstaffed (R-15, R-16)."""

from __future__ import annotations

import argparse
import re
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app.cli_support import EXIT_OK, PARIS, CliError, Parser, bounded_int, emit, iso_date, json_flag
from app.context import AppContext
from app.domain.hotline_calendar import CalendarRangeError
from app.domain.opening_hours import WEEKDAY_NAMES
from app.domain.rota import (
    Duty,
    Gap,
    Leave,
    LeaveKind,
    LineRole,
    RotaError,
    Shift,
    WeeklyPattern,
    rota_to_ics,
    week_days,
)
from app.files import write_atomically
from app.services import rota as svc

# An export without --from/--to covers this many weeks from the current week's Monday.
ICS_WEEKS = 13


def _week(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", text.strip(), re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"semaine invalide « {text} » (format AAAA-Wnn, par exemple 2027-W10)")
    year, week = int(match[1]), int(match[2])
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"la semaine {week} n'existe pas en {year}") from exc
    return year, week


def _month(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise argparse.ArgumentTypeError(f"mois invalide « {text} » (format AAAA-MM, par exemple 2027-03)")
    return int(match[1]), int(match[2])


def _clock(text: str) -> time:
    match = re.fullmatch(r"(\d{1,2})[:hH](\d{2})", text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise argparse.ArgumentTypeError(f"heure invalide « {text} » (format HH:MM, par exemple 08:30)")
    return time(int(match[1]), int(match[2]))


def _identifier(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"identifiant invalide « {text} »") from exc


_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("mon", "monday", "lun", "lundi"),
            ("tue", "tuesday", "mar", "mardi"),
            ("wed", "wednesday", "mer", "mercredi"),
            ("thu", "thursday", "jeu", "jeudi"),
            ("fri", "friday", "ven", "vendredi"),
            ("sat", "saturday", "sam", "samedi"),
            ("sun", "sunday", "dim", "dimanche"),
        )
    )
    for name in names
}


def _weekday(text: str) -> int:
    found = _WEEKDAYS.get(text.strip().casefold().rstrip("."))
    if found is None:
        raise argparse.ArgumentTypeError(f"jour invalide « {text} » (mon, tue, wed, thu, fri, sat, sun ou lun … dim)")
    return found


def _editor(context: AppContext) -> svc.Editor:
    return svc.Editor(context.technician_name, context.station or "")


def _gap_data(gap: Gap) -> dict[str, Any]:
    return {
        "start": gap.start.isoformat(timespec="minutes"),
        "end": gap.end.isoformat(timespec="minutes"),
        "hotline_minutes": int(gap.hotline_minutes),
        "on_line": list(gap.on_line),
        "minimum": gap.minimum,
    }


def _gap_line(gap: Gap, names: dict[str, str]) -> str:
    who = ", ".join(names.get(login, login) for login in gap.on_line) or "personne"
    day = f"{WEEKDAY_NAMES[gap.start.weekday()]} {gap.start:%d/%m/%Y}"
    return f"  {day:<20} {gap.start:%H:%M}–{gap.end:%H:%M}  {int(gap.hotline_minutes):>4} min  en ligne : {who}"


def _duty_data(duty: Duty) -> dict[str, Any]:
    """A duty of ``rota show --json``: a shift's id (for ``shift remove``) or its weekly pattern's."""
    return {
        "id": None if duty.from_pattern else duty.key,
        "pattern": duty.key if duty.from_pattern else None,
        "day": duty.start.date().isoformat(),
        "start": f"{duty.start:%H:%M}",
        "end": f"{duty.end:%H:%M}",
        "role": duty.role.value,
        "exceptional": duty.exceptional,
    }


def _leave_data(leave: Leave) -> dict[str, Any]:
    return {
        "id": leave.key,
        "technician": leave.technician,
        "kind": leave.kind.value,
        "first_day": leave.first_day.isoformat(),
        "last_day": leave.last_day.isoformat(),
        "starts_afternoon": leave.starts_afternoon,
        "ends_at_noon": leave.ends_at_noon,
        "note": leave.note,
        "text": leave.describe(),
    }


def _pattern_data(pattern: WeeklyPattern) -> dict[str, Any]:
    return {
        "id": pattern.key,
        "technician": pattern.technician,
        "weekday": WEEKDAY_NAMES[pattern.weekday],
        "start": f"{pattern.start:%H:%M}",
        "end": f"{pattern.end:%H:%M}",
        "role": pattern.role.value,
        "valid_from": pattern.valid_from.isoformat(),
        "valid_to": pattern.valid_to.isoformat() if pattern.valid_to else None,
        "skipped": sorted(d.isoformat() for d in pattern.exceptions),
    }


def _pattern_text(pattern: WeeklyPattern) -> str:
    role = " renfort" if pattern.role is LineRole.BACKUP else ""
    until = f" au {pattern.valid_to:%d/%m/%Y}" if pattern.valid_to else ""
    text = (
        f"{WEEKDAY_NAMES[pattern.weekday]} {pattern.start:%H:%M}–{pattern.end:%H:%M}{role}, "
        f"du {pattern.valid_from:%d/%m/%Y}{until}"
    )
    if pattern.exceptions:
        text += " (sauf le " + ", ".join(f"{d:%d/%m/%Y}" for d in sorted(pattern.exceptions)) + ")"
    return text


def cmd_show(args: argparse.Namespace, context: AppContext) -> int:
    year, week = args.week
    days = week_days(year, week)
    with context.sessions() as session:
        rota = svc.load_rota(session, days[0], days[-1])
        calendar = svc.current_calendar(session)
        gaps = rota.gaps(calendar, days[0], days[-1])
    duties = rota.duties(days[0], days[-1])
    technicians = []
    lines = [f"Permanences de la semaine {year}-W{week:02d} (du {days[0]:%d/%m} au {days[-1]:%d/%m/%Y}) :"]
    for login, name in rota.technicians.items():
        per_day: dict[str, list[str]] = {}
        text_days: list[str] = []
        for day in days:
            items = [
                f"{d.start:%H:%M}–{d.end:%H:%M}" + (" renfort" if d.role is LineRole.BACKUP else "")
                for d in duties
                if d.technician == login and d.start.date() == day
            ]
            leave = rota.leave_at(
                login, datetime.combine(day, time(), PARIS), datetime.combine(day, time(23, 59), PARIS)
            )
            if leave is not None:
                items.append(leave.kind.label)
            per_day[day.isoformat()] = items
            if items:
                text_days.append(f"{WEEKDAY_NAMES[day.weekday()][:3]}. {' + '.join(items)}")
        technicians.append(
            {
                "login": login,
                "name": name,
                "days": per_day,
                "shifts": [_duty_data(d) for d in duties if d.technician == login],
                "leaves": [_leave_data(v) for v in rota.leaves if v.technician == login],
            }
        )
        if text_days:
            lines.append(f"  {name:<22} " + " · ".join(text_days))
    total = sum(int(g.hotline_minutes) for g in gaps)
    lines.append(
        f"Manques (moins de {rota.minimum} en ligne) : {len(gaps)}, {total} min de hotline"
        if gaps
        else f"Aucun manque : au moins {rota.minimum} technicien(s) en ligne à chaque heure d'ouverture."
    )
    lines += [_gap_line(g, rota.technicians) for g in gaps]
    data = {
        "week": f"{year}-W{week:02d}",
        "minimum": rota.minimum,
        "technicians": technicians,
        "gaps": [_gap_data(g) for g in gaps],
    }
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_gaps(args: argparse.Namespace, context: AppContext) -> int:
    if args.end < args.start:
        raise CliError("hotline rota gaps: --to précède --from")
    if (args.end - args.start).days > 366:
        raise CliError("hotline rota gaps: période d'un an au plus")
    with context.sessions() as session:
        rota = svc.load_rota(session, args.start, args.end)
        try:
            gaps = rota.gaps(svc.current_calendar(session), args.start, args.end)
        except CalendarRangeError as exc:
            raise CliError(f"hotline rota gaps: {exc}") from exc
    total = sum(int(g.hotline_minutes) for g in gaps)
    head = f"Manques du {args.start:%d/%m/%Y} au {args.end:%d/%m/%Y} (moins de {rota.minimum} en ligne)"
    text = f"{head} : {len(gaps)}, {total} min de hotline" if gaps else f"{head} : aucun."
    text += "".join("\n" + _gap_line(g, rota.technicians) for g in gaps)
    data = {
        "from": args.start.isoformat(),
        "to": args.end.isoformat(),
        "minimum": rota.minimum,
        "total_minutes": total,
        "gaps": [_gap_data(g) for g in gaps],
    }
    emit(args, data, text)
    return EXIT_OK


def _write(context: AppContext, operation: Any) -> Any:
    try:
        with context.sessions.begin() as session:
            return operation(session)
    except (RotaError, CalendarRangeError) as exc:
        raise CliError(f"hotline rota: {exc}") from exc


def cmd_leave_add(args: argparse.Namespace, context: AppContext) -> int:
    try:
        leave = Leave(args.technician, LeaveKind.parse(args.kind), args.first, args.last, args.afternoon, args.morning)
    except RotaError as exc:
        raise CliError(f"hotline rota leave add: {exc}") from exc
    leave_id = _write(context, lambda session: svc.add_leave(session, leave, _editor(context)))
    emit(
        args,
        {
            "id": str(leave_id),
            "technician": leave.technician,
            "kind": leave.kind.value,
            "first_day": leave.first_day.isoformat(),
            "last_day": leave.last_day.isoformat(),
        },
        f"Absence enregistrée pour {leave.technician} : {leave.describe()}.",
    )
    return EXIT_OK


def cmd_shift_add(args: argparse.Namespace, context: AppContext) -> int:
    try:
        shift = Shift(args.technician, args.day, args.start, args.end, LineRole(args.role), args.exceptional)
    except RotaError as exc:
        raise CliError(f"hotline rota shift add: {exc}") from exc
    shift_id = _write(context, lambda session: svc.add_shift(session, shift, _editor(context)))
    role = " (renfort)" if shift.role is LineRole.BACKUP else ""
    emit(
        args,
        {
            "id": str(shift_id),
            "technician": shift.technician,
            "day": shift.day.isoformat(),
            "start": f"{shift.start:%H:%M}",
            "end": f"{shift.end:%H:%M}",
            "role": shift.role.value,
            "exceptional": shift.exceptional,
        },
        f"Permanence enregistrée pour {shift.technician} : {shift.describe()}{role}.",
    )
    return EXIT_OK


def cmd_shift_remove(args: argparse.Namespace, context: AppContext) -> int:
    _write(context, lambda session: svc.delete_shift(session, args.id, _editor(context)))
    emit(args, {"id": str(args.id), "removed": True}, "Permanence supprimée.")
    return EXIT_OK


def _read(context: AppContext, operation: Any) -> Any:
    try:
        with context.sessions() as session:
            return operation(session)
    except RotaError as exc:
        raise CliError(f"hotline rota: {exc}") from exc


def cmd_leave_list(args: argparse.Namespace, context: AppContext) -> int:
    if args.start and args.end and args.end < args.start:
        raise CliError("hotline rota leave list: --to précède --from")
    leaves = _read(context, lambda session: svc.list_leaves(session, args.technician, args.start, args.end))
    lines = [f"{v.key}  {v.technician:<12} {v.describe()}" for v in leaves] or ["Aucune absence."]
    emit(args, {"leaves": [_leave_data(v) for v in leaves]}, "\n".join(lines))
    return EXIT_OK


def cmd_leave_remove(args: argparse.Namespace, context: AppContext) -> int:
    _write(context, lambda session: svc.delete_leave(session, args.id, _editor(context)))
    emit(args, {"id": str(args.id), "removed": True}, "Absence supprimée.")
    return EXIT_OK


def cmd_pattern_add(args: argparse.Namespace, context: AppContext) -> int:
    try:
        pattern = WeeklyPattern(
            args.technician, args.weekday, args.start, args.end, args.valid_from, args.valid_to, LineRole(args.role)
        )
    except RotaError as exc:
        raise CliError(f"hotline rota pattern add: {exc}") from exc
    pattern_id = _write(context, lambda session: svc.add_pattern(session, pattern, _editor(context)))
    pattern = WeeklyPattern(
        pattern.technician,
        pattern.weekday,
        pattern.start,
        pattern.end,
        pattern.valid_from,
        pattern.valid_to,
        pattern.role,
        key=str(pattern_id),
    )
    emit(
        args,
        _pattern_data(pattern),
        f"Semaine type enregistrée pour {pattern.technician} : {_pattern_text(pattern)} ({pattern_id}).",
    )
    return EXIT_OK


def cmd_pattern_list(args: argparse.Namespace, context: AppContext) -> int:
    patterns = _read(context, lambda session: svc.list_patterns(session, args.technician))
    lines = [f"{p.key}  {p.technician:<12} {_pattern_text(p)}" for p in patterns] or ["Aucune semaine type."]
    emit(args, {"patterns": [_pattern_data(p) for p in patterns]}, "\n".join(lines))
    return EXIT_OK


def cmd_pattern_end(args: argparse.Namespace, context: AppContext) -> int:
    _write(context, lambda session: svc.end_pattern(session, args.id, args.day, _editor(context)))
    emit(
        args,
        {"id": str(args.id), "valid_to": args.day.isoformat()},
        f"Semaine type terminée : elle s'applique pour la dernière fois le {args.day:%d/%m/%Y}.",
    )
    return EXIT_OK


def cmd_pattern_skip(args: argparse.Namespace, context: AppContext) -> int:
    _write(context, lambda session: svc.skip_pattern_on(session, args.id, args.day, _editor(context)))
    emit(
        args,
        {"id": str(args.id), "skipped": args.day.isoformat()},
        f"Semaine type suspendue le {args.day:%d/%m/%Y} (exception).",
    )
    return EXIT_OK


def cmd_pattern_restore(args: argparse.Namespace, context: AppContext) -> int:
    _write(context, lambda session: svc.restore_pattern_on(session, args.id, args.day, _editor(context)))
    emit(
        args,
        {"id": str(args.id), "restored": args.day.isoformat()},
        f"Semaine type rétablie le {args.day:%d/%m/%Y}.",
    )
    return EXIT_OK


def _atomic_write(target: Path, payload: bytes) -> None:
    if not target.parent.is_dir():
        raise CliError(f"hotline rota: dossier inexistant : {target.parent}")
    write_atomically(target, payload, prefix=".rota-")


def cmd_ics(args: argparse.Namespace, context: AppContext) -> int:
    today = datetime.now(PARIS).date()
    first = args.start or today - timedelta(days=today.weekday())
    last = args.end or first + timedelta(weeks=ICS_WEEKS) - timedelta(days=1)
    if last < first:
        raise CliError("hotline rota ics: --to précède --from")
    with context.sessions() as session:
        rota = svc.load_rota(session, first, last)
    if args.technician not in rota.technicians:
        raise CliError(f"hotline rota ics: technicien inconnu : « {args.technician} »")
    text = rota_to_ics(rota, args.technician, first, last, stamp=datetime.now(UTC).replace(microsecond=0))
    target = Path(args.output).expanduser()
    _atomic_write(target, text.encode("utf-8"))
    events = text.count("BEGIN:VEVENT")
    emit(
        args,
        {"file": str(target), "events": events, "from": first.isoformat(), "to": last.isoformat()},
        f"{events} événement(s) du {first:%d/%m/%Y} au {last:%d/%m/%Y} écrits dans {target}.",
    )
    return EXIT_OK


def cmd_pdf(args: argparse.Namespace, context: AppContext) -> int:
    from app.reports.rota import build_rota_month

    year, month = args.month
    with context.sessions() as session:
        data = svc.month_report_data(session, year, month)
    payload = build_rota_month(data)
    target = Path(args.output).expanduser()
    _atomic_write(target, payload)
    emit(
        args,
        {"file": str(target), "bytes": len(payload), "gaps": len(data.gaps)},
        f"Planning des permanences {month:02d}/{year} écrit dans {target} ({len(data.gaps)} manque(s)).",
    )
    return EXIT_OK


def cmd_minimum(args: argparse.Namespace, context: AppContext) -> int:
    if args.value is None:
        with context.sessions() as session:
            value = svc.minimum_on_line(session)
    else:
        value = args.value
        _write(context, lambda session: svc.set_minimum_on_line(session, value, _editor(context)))
    emit(args, {"minimum": value}, f"Minimum de techniciens en ligne pendant les heures d'ouverture : {value}.")
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``rota`` and its actions to the ``hotline`` parser."""
    rota = commands.add_parser("rota", help="permanences téléphoniques, absences et manques")
    actions = rota.add_subparsers(dest="rota_command", metavar="ACTION", required=True, parser_class=Parser)

    show = actions.add_parser("show", help="les permanences d'une semaine et ses manques")
    show.add_argument("--week", type=_week, required=True, help="semaine ISO, par exemple 2027-W10")
    json_flag(show)
    show.set_defaults(handler=cmd_show, reads_only=True, needs_schema=True)

    gaps = actions.add_parser("gaps", help="heures d'ouverture avec moins de techniciens en ligne que le minimum")
    gaps.add_argument("--from", dest="start", type=iso_date, required=True)
    gaps.add_argument("--to", dest="end", type=iso_date, required=True)
    json_flag(gaps)
    gaps.set_defaults(handler=cmd_gaps, reads_only=True, needs_schema=True)

    leave = actions.add_parser("leave", help="absences du personnel")
    leave_actions = leave.add_subparsers(dest="leave_command", metavar="ACTION", required=True, parser_class=Parser)
    leave_add = leave_actions.add_parser("add", help="enregistrer une absence (jours inclus)")
    leave_add.add_argument("technician", metavar="TECH", help="identifiant du technicien")
    leave_add.add_argument("first", metavar="FROM", type=iso_date)
    leave_add.add_argument("last", metavar="TO", type=iso_date)
    leave_add.add_argument("--kind", default="conges", help="conges, maladie, formation, temps_partiel, rtt, autre")
    leave_add.add_argument("--afternoon", action="store_true", help="le premier jour, l'après-midi seulement")
    leave_add.add_argument("--morning", action="store_true", help="le dernier jour, le matin seulement")
    json_flag(leave_add)
    leave_add.set_defaults(handler=cmd_leave_add, needs_schema=True)
    leave_list = leave_actions.add_parser("list", help="les absences enregistrées, avec leurs identifiants")
    leave_list.add_argument("--tech", dest="technician", metavar="TECH", help="identifiant du technicien")
    leave_list.add_argument("--from", dest="start", type=iso_date, help="absences finissant ce jour ou après")
    leave_list.add_argument("--to", dest="end", type=iso_date, help="absences commençant ce jour ou avant")
    json_flag(leave_list)
    leave_list.set_defaults(handler=cmd_leave_list, reads_only=True, needs_schema=True)
    leave_remove = leave_actions.add_parser("remove", help="supprimer une absence")
    leave_remove.add_argument("id", metavar="ID", type=_identifier, help="identifiant (rota leave list)")
    json_flag(leave_remove)
    leave_remove.set_defaults(handler=cmd_leave_remove, needs_schema=True)

    shift = actions.add_parser("shift", help="permanences")
    shift_actions = shift.add_subparsers(dest="shift_command", metavar="ACTION", required=True, parser_class=Parser)
    shift_add = shift_actions.add_parser("add", help="enregistrer une permanence")
    shift_add.add_argument("technician", metavar="TECH", help="identifiant du technicien")
    shift_add.add_argument("day", metavar="DATE", type=iso_date)
    shift_add.add_argument("start", metavar="START", type=_clock)
    shift_add.add_argument("end", metavar="END", type=_clock)
    shift_add.add_argument("--role", choices=[r.value for r in LineRole], default=LineRole.PRIMARY.value)
    shift_add.add_argument("--exceptional", action="store_true", help="astreinte exceptionnelle (hors horaires)")
    json_flag(shift_add)
    shift_add.set_defaults(handler=cmd_shift_add, needs_schema=True)
    shift_remove = shift_actions.add_parser("remove", help="supprimer une permanence")
    shift_remove.add_argument("id", metavar="ID", type=_identifier, help="identifiant (rota show --json)")
    json_flag(shift_remove)
    shift_remove.set_defaults(handler=cmd_shift_remove, needs_schema=True)

    pattern = actions.add_parser("pattern", help="semaines types : une permanence répétée chaque semaine")
    pattern_actions = pattern.add_subparsers(
        dest="pattern_command", metavar="ACTION", required=True, parser_class=Parser
    )
    pattern_add = pattern_actions.add_parser("add", help="ajouter une permanence répétée chaque semaine")
    pattern_add.add_argument("technician", metavar="TECH", help="identifiant du technicien")
    pattern_add.add_argument("--weekday", type=_weekday, required=True, help="mon … fri (ou lun … ven)")
    pattern_add.add_argument("--start", type=_clock, required=True, metavar="HH:MM")
    pattern_add.add_argument("--end", type=_clock, required=True, metavar="HH:MM")
    pattern_add.add_argument("--role", choices=[r.value for r in LineRole], default=LineRole.PRIMARY.value)
    pattern_add.add_argument("--from", dest="valid_from", type=iso_date, required=True, help="premier jour")
    pattern_add.add_argument("--to", dest="valid_to", type=iso_date, help="dernier jour (défaut : sans fin)")
    json_flag(pattern_add)
    pattern_add.set_defaults(handler=cmd_pattern_add, needs_schema=True)
    pattern_list = pattern_actions.add_parser("list", help="les semaines types, avec leurs identifiants")
    pattern_list.add_argument("--tech", dest="technician", metavar="TECH", help="identifiant du technicien")
    json_flag(pattern_list)
    pattern_list.set_defaults(handler=cmd_pattern_list, reads_only=True, needs_schema=True)
    for name, handler, text in (
        ("end", cmd_pattern_end, "terminer une semaine type (--on : dernier jour où elle s'applique)"),
        ("skip", cmd_pattern_skip, "ne pas appliquer une semaine type un jour donné (exception)"),
        ("restore", cmd_pattern_restore, "appliquer de nouveau une semaine type un jour suspendu"),
    ):
        action = pattern_actions.add_parser(name, help=text)
        action.add_argument("id", metavar="ID", type=_identifier, help="identifiant (rota pattern list)")
        action.add_argument("--on", dest="day", type=iso_date, required=True, metavar="DATE")
        json_flag(action)
        action.set_defaults(handler=handler, needs_schema=True)

    ics = actions.add_parser("ics", help="les permanences et absences d'un technicien en iCalendar")
    ics.add_argument("technician", metavar="TECH", help="identifiant du technicien")
    ics.add_argument("-o", "--output", required=True, metavar="FILE")
    ics.add_argument("--from", dest="start", type=iso_date, help="premier jour (défaut : lundi de cette semaine)")
    ics.add_argument("--to", dest="end", type=iso_date, help=f"dernier jour (défaut : {ICS_WEEKS} semaines)")
    json_flag(ics)
    ics.set_defaults(handler=cmd_ics, reads_only=True, needs_schema=True)

    pdf = actions.add_parser("pdf", help="planning mensuel des permanences à afficher (PDF)")
    pdf.add_argument("--month", type=_month, required=True, help="mois, par exemple 2027-03")
    pdf.add_argument("-o", "--output", required=True, metavar="FILE")
    json_flag(pdf)
    pdf.set_defaults(handler=cmd_pdf, reads_only=True, needs_schema=True)

    minimum = actions.add_parser("minimum", help="minimum de techniciens en ligne (afficher ou changer)")
    minimum.add_argument("value", nargs="?", type=bounded_int(1, 20), metavar="N")
    json_flag(minimum)
    minimum.set_defaults(handler=cmd_minimum, needs_schema=True)


__all__ = ["register"]
