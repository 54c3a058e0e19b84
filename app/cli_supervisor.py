"""``hotline report supervisor``: the supervisor's figures for a period, as a PDF report, a CSV of the
incidents with their durations, or JSON.

The file is written to a temporary file in the target folder and renamed once complete (and, for the
PDF, once recorded in the registry of issued documents): a refusal or a failure leaves nothing behind.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.cli_support import EXIT_OK, PARIS, CliError, emit, iso_date, json_flag
from app.context import AppContext
from app.domain.reporting import DURATION_BUCKETS, Period, PeriodError
from app.domain.vocabulary import Channel, DocumentKind, Origin
from app.files import write_atomically
from app.reports import loaders
from app.reports.supervisor import TITLE, build_supervisor_report
from app.services import documents, reporting, staff
from app.services import incidents as incident_service
from app.services.report_export import IncidentDurations, incident_durations
from app.services.reporting import DurationStats, PeriodFigures, ReportFilter, SupervisorReport

CSV_HEADER = (
    "Numéro",
    "Ouvert le",
    "Code client",
    "Client",
    "Progiciel",
    "Canal",
    "Origine",
    "Priorité",
    "Statut",
    "Technicien",
    "Hors contrat",
    "Exclusion",
    "Contournement",
    "1re réponse (min de hotline)",
    "Traitement (min de hotline, hors attente)",
    "Attente client (min de hotline)",
    "Âge si en cours (min de hotline)",
    "Résolu le",
    "Clos le",
)


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def _local(value: datetime | None) -> str:
    if value is None:
        return ""
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return moment.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def csv_row(row: IncidentDurations) -> list[str]:
    return [
        row.number,
        _local(row.opened_at),
        row.client_code,
        row.client_name,
        row.product,
        row.channel.label,
        row.origin.label if row.origin else "",
        str(row.priority),
        row.status.label,
        row.technician,
        "oui" if row.out_of_contract else "non",
        row.exclusion.label if row.exclusion else "",
        "oui" if row.workaround else "non",
        _decimal(row.first_response_minutes),
        _decimal(row.resolution_minutes),
        _decimal(row.paused_minutes),
        _decimal(row.age_minutes),
        _local(row.resolved_at),
        _local(row.closed_at),
    ]


def write_csv(handle: Any, rows: Iterable[IncidentDurations]) -> int:
    """UTF-8 with a BOM, « ; » between fields and decimal commas, as French Excel expects."""
    handle.write("\ufeff")
    writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    count = 0
    for row in rows:
        writer.writerow(csv_row(row))
        count += 1
    return count


def _stats_json(stats: DurationStats) -> dict[str, Any]:
    return {
        "count": stats.count,
        "median_minutes": stats.median,
        "p90_minutes": stats.p90,
        "within_target": stats.within_target,
        "share_within_target": stats.share_within,
        "by_priority": [
            {"priority": p, "count": n, "within_target": w, "target_minutes": t} for p, n, w, t in stats.by_priority
        ],
        "histogram": {label: n for (label, _), n in zip(DURATION_BUCKETS, stats.histogram, strict=True)},
    }


def _figures_json(figures: PeriodFigures) -> dict[str, Any]:
    return {
        "from": figures.period.first.isoformat(),
        "to": figures.period.last.isoformat(),
        "opened": figures.opened,
        "resolved": figures.resolved,
        "closed": figures.closed,
        "backlog_at_end": figures.backlog,
        "backlog_age": _stats_json(figures.backlog_age),
        "first_response": _stats_json(figures.first_response),
        "resolution": _stats_json(figures.resolution),
        "unanswered": figures.unanswered,
        "workarounds": figures.workarounds,
        "workaround_rate": figures.workaround_rate,
        "out_of_contract": figures.out_of_contract,
        "calls": figures.calls,
        "call_minutes": round(figures.call_minutes, 2),
        "calls_while_closed": figures.calls_closed,
    }


def report_json(report: SupervisorReport) -> dict[str, Any]:
    """The whole KPI set as plain JSON values."""
    return {
        "filter": {
            "clients": list(report.filter.clients),
            "technician": report.filter.technician,
            "product": report.filter.product,
            "channel": report.filter.channel.value if report.filter.channel else None,
            "origin": report.filter.origin.value if report.filter.origin else None,
        },
        "as_of": report.as_of.isoformat(),
        "current": _figures_json(report.current),
        "previous": _figures_json(report.previous),
        "change": {
            name: report.delta(name)
            for name in (
                "opened",
                "resolved",
                "closed",
                "backlog",
                "first_response_median",
                "resolution_median",
                "resolution_within",
                "workaround_rate",
                "out_of_contract",
                "calls",
            )
        },
        "weekly_by_channel": [{"week": w.isoformat(), "channel": c.value, "count": n} for w, c, n in report.weekly],
        "origins": {(o.value if o else "undetermined"): n for o, n in report.origins},
        "calls_by_weekday_hour": [list(row) for row in report.heatmap],
        "calls_while_closed_by_weekday_hour": [list(row) for row in report.heatmap_closed],
        "out_of_contract_by_exclusion": [
            {
                "exclusion": x.exclusion.value if x.exclusion else None,
                "count": x.count,
                "call_minutes": round(x.call_minutes, 2),
            }
            for x in report.exclusions
        ],
        "backup_assistance": [
            {
                "client": b.client_code,
                "contract_year_start": b.year_start.isoformat(),
                "minutes": round(b.minutes, 2),
                "over_cap": b.over,
                "near_cap": b.near,
            }
            for b in report.backup
        ],
        "clients_without_two_trained_rtc": [
            {"client": r.client_code, "trained_rtc": r.trained_rtc} for r in report.rtc_short
        ],
        "overdue_versions": [
            {
                "client": o.client_code,
                "product": o.product,
                "installed": o.installed,
                "required": o.required,
                "deadline": o.deadline.isoformat(),
            }
            for o in report.overdue
        ],
        "top_clients": [{"client": r.key, "name": r.label, "count": r.count} for r in report.top_clients],
        "top_products": [{"product": r.key, "name": r.label, "count": r.count} for r in report.top_products],
        "technicians": [
            {
                "login": t.login,
                "opened": t.opened,
                "resolved": t.resolved,
                "backlog": t.backlog,
                "call_minutes": round(t.call_minutes, 2),
            }
            for t in report.technicians
        ],
    }


def _target(text: str) -> tuple[Path, str]:
    path = Path(text).expanduser()
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise CliError(f"hotline: « {text} » : le fichier doit finir par .pdf (rapport) ou .csv (incidents).")
    if path.is_dir():
        raise CliError(f"hotline: « {text} » est un dossier : indiquez le nom du fichier à écrire.")
    if not path.parent.resolve().is_dir():
        raise CliError(f"hotline: dossier introuvable pour « {text} ».")
    if not os.access(path.parent.resolve(), os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CliError(f"hotline: impossible d'écrire « {text} » (droits insuffisants).")
    return path, suffix


def _write_atomically(target: Path, content: bytes) -> None:
    try:
        write_atomically(target, content)
    except OSError as exc:
        raise CliError(f"hotline: impossible d'écrire « {target} » : {exc.strerror or exc}") from exc


def _parse_enum(kind: type, text: str | None) -> Any:
    if text is None:
        return None
    try:
        return kind.parse(text)
    except ValueError as exc:
        raise CliError(f"hotline: {exc}") from exc


def cmd_supervisor(args: argparse.Namespace, context: AppContext) -> int:
    try:
        period = Period.of(args.date_from, args.date_to)
    except PeriodError as exc:
        raise CliError(f"hotline: {exc}") from exc
    flt = ReportFilter(
        clients=tuple(args.client or ()),
        technician=args.technician,
        product=args.product,
        channel=_parse_enum(Channel, args.channel),
        origin=_parse_enum(Origin, args.origin),
    )
    if not args.output and not args.json:
        raise CliError("hotline: indiquez le fichier à écrire (-o rapport.pdf ou -o incidents.csv) ou --json.")
    target, suffix = _target(args.output) if args.output else (None, "")
    with context.sessions() as session:
        role = staff.role_of(session, context.technician_login)
    if not staff.may_see_supervisor_figures(role):
        raise CliError(
            f"hotline: le rapport superviseur est réservé aux superviseurs ({context.technician_login} est "
            "technicien) ; demandez-le à un superviseur."
        )
    now = datetime.now(UTC)
    reporting.keep_durations(context.sessions, period, now)
    written = 0
    try:
        if suffix == ".csv":
            with context.sessions() as session:
                report = reporting.supervisor_report(session, period, flt, now, context.sessions) if args.json else None
                buffer = io.StringIO()
                written = write_csv(buffer, incident_durations(session, period, flt, now))
            assert target is not None
            _write_atomically(target, buffer.getvalue().encode("utf-8"))
        elif suffix == ".pdf":
            assert target is not None
            with context.sessions.begin() as session:
                report = reporting.supervisor_report(session, period, flt, now, context.sessions)
                vendor = loaders.load_vendor(session)
                content = build_supervisor_report(report, vendor, now)
                if context.station:
                    actor = incident_service.ensure_technician(
                        session, context.technician_login, context.technician_name, context.station
                    )
                    documents.issue_document(
                        session,
                        DocumentKind.MONTHLY_REPORT,
                        content,
                        None,
                        None,
                        actor,
                        f"{TITLE} {period.label()}",
                        target.name,
                    )
                    session.flush()
                _write_atomically(target, content)
        else:
            with context.sessions() as session:
                report = reporting.supervisor_report(session, period, flt, now, context.sessions)
    except reporting.ReportError as exc:
        raise CliError(f"hotline: {exc}") from exc
    if args.json:
        assert report is not None
        data = report_json(report)
        if target is not None:
            data["file"] = str(target)
        emit(args, data, "")
        return EXIT_OK
    if suffix == ".csv":
        print(f"{written} incident(s) {period.label()} écrits dans {target} (CSV, séparateur « ; »).")
    else:
        print(f"{TITLE} {period.label()} écrit dans {target}.")
    return EXIT_OK


def register(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``supervisor`` to the ``report`` sub-commands."""
    sub = actions.add_parser("supervisor", help="indicateurs du superviseur : rapport PDF, incidents en CSV, JSON")
    sub.add_argument(
        "--from", dest="date_from", type=iso_date, required=True, metavar="AAAA-MM-JJ", help="premier jour"
    )
    sub.add_argument("--to", dest="date_to", type=iso_date, required=True, metavar="AAAA-MM-JJ", help="dernier jour")
    sub.add_argument("--client", action="append", metavar="CODE", help="code client ou n° hotline (répétable)")
    sub.add_argument("--technician", metavar="LOGIN", help="identifiant du technicien")
    sub.add_argument("--product", metavar="CODE", help="code du progiciel")
    sub.add_argument("--channel", metavar="CANAL", help="canal : portal, phone, mail, email, other")
    sub.add_argument("--origin", metavar="ORIGINE", help="origine : peripheral, dbms, feature, usage")
    sub.add_argument("-o", "--output", metavar="FICHIER", help="rapport .pdf ou incidents .csv")
    json_flag(sub)
    sub.set_defaults(handler=cmd_supervisor, needs_schema=True)


__all__ = ["CSV_HEADER", "cmd_supervisor", "register", "report_json", "write_csv"]
