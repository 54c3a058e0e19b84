"""``hotline onsite …``: an on-site intervention (R-19): quote, specific order, visit, report; billable."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.cli_support import EXIT_OK, PARIS, CliError, Parser, bounded_int, emit, iso_date, iso_instant, json_flag
from app.context import AppContext
from app.domain.telemaintenance import TelemaintenanceError
from app.services import incidents as incident_service
from app.services import onsite as svc


def _run(context: AppContext, operation: Callable[[Session, incident_service.Actor], svc.OnSiteView]) -> svc.OnSiteView:
    if not context.station:
        raise CliError("Aucun code poste n'est défini : « hotline station set CODE » d'abord.")
    try:
        with context.sessions.begin() as session:
            actor = incident_service.ensure_technician(
                session, context.technician_login, context.technician_name, context.station
            )
            return operation(session, actor)
    except (TelemaintenanceError, incident_service.IncidentError) as exc:
        raise CliError(f"hotline: {exc}") from exc


def _amount(text: str) -> Any:
    try:
        return svc.parse_amount(text)
    except TelemaintenanceError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _data(view: svc.OnSiteView) -> dict[str, Any]:
    done = view.intervention
    return {
        "reference": view.reference,
        "incident": view.incident_number,
        "client": {"code": view.client_code, "name": view.client_name},
        "stage": view.stage,
        "billable": done.billable,
        "quote": {"number": done.quote.number, "amount": str(done.quote.amount), "date": done.quote.on.isoformat()}
        if done.quote
        else None,
        "order": {"reference": done.order.reference, "date": done.order.on.isoformat()} if done.order else None,
        "visit": {
            "at": done.visit.at.astimezone(PARIS).isoformat(timespec="minutes"),
            "technician": done.visit.technician,
        }
        if done.visit
        else None,
        "report": {"duration_minutes": done.report.duration_minutes, "reference": done.report.report_reference}
        if done.report
        else None,
    }


def _show(args: argparse.Namespace, view: svc.OnSiteView, headline: str = "") -> int:
    done = view.intervention
    lines = [headline] if headline else []
    lines.append(f"Intervention sur site {view.reference} — {view.client_name} ({view.client_code}) — facturable")
    if done.quote:
        amount = f"{done.quote.amount:,.2f}".replace(",", "\u202f").replace(".", ",")
        lines.append(f"  Devis {done.quote.number} du {done.quote.on:%d/%m/%Y} : {amount} € HT")
    if done.order:
        lines.append(f"  Commande spécifique {done.order.reference} du {done.order.on:%d/%m/%Y}")
    lines.append(f"  État : {view.stage}")
    if done.report:
        lines.append(f"  Durée : {done.report.duration_minutes} min — compte rendu {done.report.report_reference}")
    emit(args, _data(view), "\n".join(lines))
    return EXIT_OK


def cmd_quote(args: argparse.Namespace, context: AppContext) -> int:
    view = _run(context, lambda s, a: svc.quote(s, a, args.number, number=args.quote, amount=args.amount, on=args.date))
    return _show(args, view, "Devis enregistré.")


def cmd_order(args: argparse.Namespace, context: AppContext) -> int:
    view = _run(context, lambda s, a: svc.order(s, a, args.id, order_reference=args.reference, on=args.date))
    return _show(args, view, "Commande spécifique enregistrée.")


def cmd_schedule(args: argparse.Namespace, context: AppContext) -> int:
    view = _run(context, lambda s, a: svc.schedule(s, a, args.id, at=args.at, technician=args.technician))
    return _show(args, view, "Intervention planifiée.")


def cmd_report(args: argparse.Namespace, context: AppContext) -> int:
    view = _run(
        context, lambda s, a: svc.report(s, a, args.id, duration_minutes=args.duration, report_reference=args.report)
    )
    return _show(args, view, "Compte rendu de visite enregistré.")


def cmd_show(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions() as session:
        try:
            view = svc.view(session, args.id)
        except (TelemaintenanceError, incident_service.IncidentError) as exc:
            raise CliError(f"hotline: {exc}") from exc
    return _show(args, view)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``onsite`` and its actions to the ``hotline`` parser."""
    parser = commands.add_parser("onsite", help="intervention sur site : devis, commande, visite (R-19)")
    actions = parser.add_subparsers(dest="onsite_command", metavar="ACTION", required=True, parser_class=Parser)

    def action(name: str, help_text: str, handler: Callable[..., int], target: str = "id") -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text)
        json_flag(sub)
        sub.set_defaults(handler=handler, reads_only=name == "show", needs_schema=True)
        sub.add_argument(target, help="numéro de l'incident" if target == "number" else "référence (…/S1) ou numéro")
        return sub

    quote = action("quote", "ouvrir une intervention sur site avec son devis", cmd_quote, target="number")
    quote.add_argument("--quote", required=True, help="numéro du devis")
    quote.add_argument("--amount", required=True, type=_amount, help="montant HT en euros (1 234,50)")
    quote.add_argument("--date", required=True, type=iso_date, help="date du devis (AAAA-MM-JJ)")
    order = action("order", "commande spécifique du client", cmd_order)
    order.add_argument("--reference", required=True, help="référence de la commande")
    order.add_argument("--date", required=True, type=iso_date, help="date de la commande")
    schedule = action("schedule", "planifier la visite", cmd_schedule)
    schedule.add_argument("--at", required=True, type=iso_instant, help="date et heure (2027-01-14T09:00)")
    schedule.add_argument("--technician", required=True, help="technicien")
    report = action("report", "visite effectuée : durée et compte rendu", cmd_report)
    report.add_argument("--duration", required=True, type=bounded_int(1, 100_000), help="durée en minutes")
    report.add_argument("--report", required=True, help="référence du compte rendu")
    action("show", "afficher une intervention sur site", cmd_show)


__all__ = ["register"]
