"""``hotline schedule …``: the hotline calendar from the command line (R-15, R-16, R-17, R-21)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from app.cli_support import (
    EXIT_OK,
    PARIS,
    CliError,
    Parser,
    bounded_int,
    emit,
    iso_date,
    iso_instant,
    json_flag,
)
from app.context import AppContext
from app.domain.hotline_calendar import CalendarRangeError
from app.domain.ics import closures_to_ics
from app.domain.opening_hours import WEEKDAY_NAMES
from app.services import calendar_config


def _paris(value: datetime | None) -> str | None:
    return value.astimezone(PARIS).isoformat(timespec="minutes") if value else None


def cmd_status(args: argparse.Namespace, context: AppContext) -> int:
    at = args.at or datetime.now(UTC)
    with context.sessions() as session:
        calendar = calendar_config.load_calendar(session)
    try:
        status = calendar.status(at)
    except CalendarRangeError as exc:
        raise CliError(f"hotline schedule status: {exc}") from exc
    data = {
        "at": _paris(at),
        "open": status.open,
        "reason": status.reason,
        "closes_at": _paris(status.closes_at),
        "next_opening": _paris(status.next_opening),
    }
    emit(args, data, status.text())
    return EXIT_OK


def cmd_closures(args: argparse.Namespace, context: AppContext) -> int:
    if args.json and args.ics:
        raise CliError("hotline schedule closures: choisissez --json ou --ics, pas les deux")
    with context.sessions() as session:
        calendar = calendar_config.load_calendar(session)
    periods = calendar.closures_in_year(args.year)
    if args.ics:
        print(closures_to_ics(periods, stamp=datetime.now(UTC).replace(microsecond=0)), end="")
        return EXIT_OK
    rows = [
        {
            "kind": p.kind,
            "reason": p.reason,
            "start": _paris(p.start),
            "end": _paris(p.end),
            "whole_day": p.whole_day,
        }
        for p in periods
    ]
    lines = [f"Fermetures de la hotline en {args.year} :"]
    for p in periods:
        if p.whole_day:
            when = f"{WEEKDAY_NAMES[p.start.weekday()]} {p.start:%d/%m/%Y}"
        else:
            when = f"{p.start:%d/%m/%Y %H:%M} → {p.end:%d/%m/%Y %H:%M}"
        lines.append(f"  {when:<32} {p.reason}")
    warnings = calendar.configuration_warnings(args.year)
    lines += [f"  ⚠ {w}" for w in warnings]
    emit(args, {"year": args.year, "closures": rows, "warnings": warnings}, "\n".join(lines))
    return EXIT_OK


def cmd_minutes(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions() as session:
        calendar = calendar_config.load_calendar(session)
    try:
        minutes = calendar.business_minutes(args.start, args.end)
    except CalendarRangeError as exc:
        raise CliError(f"hotline schedule minutes: {exc}") from exc
    shown = int(minutes) if minutes == int(minutes) else round(minutes, 2)
    hours, rest = divmod(abs(int(minutes)), 60)
    sign = "-" if minutes < 0 else ""
    emit(
        args,
        {"from": args.start.isoformat(), "to": args.end.isoformat(), "minutes": shown},
        f"{shown} minutes de hotline ({sign}{hours} h {rest:02d})",
    )
    return EXIT_OK


def cmd_training_days_set(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions.begin() as session:
        try:
            warnings = calendar_config.set_training_days(session, args.year, list(args.days))
        except calendar_config.CalendarConfigError as exc:
            raise CliError(f"hotline schedule training-days set: {exc}") from exc
    days = ", ".join(f"{d:%d/%m/%Y}" for d in sorted(args.days))
    text = f"Journées de formation interne {args.year} : {days}."
    text += "".join(f"\n⚠ {w}" for w in warnings)
    emit(args, {"year": args.year, "days": sorted(args.days), "warnings": warnings}, text)
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``schedule`` and its actions to the ``hotline`` parser."""
    schedule = commands.add_parser("schedule", help="horaires et fermetures de la hotline")
    actions = schedule.add_subparsers(
        dest="schedule_command", metavar="ACTION", required=True, parser_class=Parser
    )

    status = actions.add_parser("status", help="la hotline est-elle ouverte ?")
    status.add_argument("--at", type=iso_instant, help="instant ISO 8601 (maintenant par défaut)")
    json_flag(status)
    status.set_defaults(handler=cmd_status, reads_only=True, needs_schema=True)

    closures = actions.add_parser("closures", help="jours fériés, formations et fermetures d'une année")
    closures.add_argument(
        "--year", type=bounded_int(calendar_config.FIRST_YEAR, calendar_config.LAST_YEAR), required=True
    )
    json_flag(closures)
    closures.add_argument("--ics", action="store_true", help="export iCalendar (RFC 5545)")
    closures.set_defaults(handler=cmd_closures, reads_only=True, needs_schema=True)

    minutes = actions.add_parser("minutes", help="minutes d'ouverture de la hotline entre deux instants")
    minutes.add_argument("start", metavar="FROM", type=iso_instant)
    minutes.add_argument("end", metavar="TO", type=iso_instant)
    json_flag(minutes)
    minutes.set_defaults(handler=cmd_minutes, reads_only=True, needs_schema=True)

    training = actions.add_parser("training-days", help="journées de formation interne (2 par an)")
    training_actions = training.add_subparsers(
        dest="training_command", metavar="ACTION", required=True, parser_class=Parser
    )
    training_set = training_actions.add_parser("set", help="définir les journées de formation d'une année")
    training_set.add_argument("year", type=bounded_int(calendar_config.FIRST_YEAR, calendar_config.LAST_YEAR))
    training_set.add_argument("days", metavar="DATE", type=iso_date, nargs=2)
    json_flag(training_set)
    training_set.set_defaults(handler=cmd_training_days_set, needs_schema=True)


__all__ = ["register"]
