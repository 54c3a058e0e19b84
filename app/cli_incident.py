"""``hotline incident …`` and ``hotline call …``: the intake and the lifecycle from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.cli_support import EXIT_OK, PARIS, CliError, Parser, bounded_int, emit, json_flag
from app.context import AppContext
from app.db.engine import begin_writing
from app.domain.incident_lifecycle import PRIORITY_LABELS, TransitionError
from app.domain.vocabulary import Channel, Exclusion, IncidentStatus, Origin, ServiceKind
from app.services import calls as call_service
from app.services import incidents as svc
from app.services import service_levels
from app.services.incident_queries import IncidentFilter, count_incidents, incident_detail, list_incidents


def _actor(session: Session, context: AppContext) -> svc.Actor:
    if not context.station:
        raise CliError("Aucun code poste n'est défini : « hotline station set CODE » d'abord.")
    return svc.ensure_technician(session, context.technician_login, context.technician_name, context.station)


def _run(context: AppContext, operation: Callable[[Session, svc.Actor], Any]) -> Any:
    """One use case, one transaction: a refusal writes nothing."""
    try:
        with context.sessions.begin() as session:
            begin_writing(session)
            return operation(session, _actor(session, context))
    except (svc.IncidentError, TransitionError) as exc:
        raise CliError(f"hotline: {exc}") from exc


def _choice(enum_cls: type) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            return enum_cls.parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from exc

    return parse


def cmd_new(args: argparse.Namespace, context: AppContext) -> int:
    created = _run(
        context,
        lambda session, actor: svc.create_incident(
            session,
            actor,
            client_code=args.client,
            caller_name=args.caller,
            product_code=args.product,
            peripheral=args.peripheral or "",
            title=args.title,
            description=args.description or "",
            channel=args.channel,
            priority=args.priority,
        ),
    )
    lines = [f"Incident n° {created.number}", f"Couverture : {created.coverage.headline()}"]
    lines += [f"  ⚠ {w.message}" for w in created.coverage.warnings]
    emit(
        args,
        {
            "number": created.number,
            "id": str(created.id),
            "covered": created.coverage.covered,
            "level": created.coverage.level.value,
            "warnings": [{"code": w.code, "message": w.message} for w in created.coverage.warnings],
            "contact_created": created.contact_created,
        },
        "\n".join(lines),
    )
    return EXIT_OK


def _detail_data(detail: Any) -> dict[str, Any]:
    level = detail.service_level
    return {
        "number": detail.number,
        "title": detail.title,
        "status": detail.status.value,
        "status_label": detail.status.label,
        "client": {"code": detail.client_code, "name": detail.client_name},
        "caller": detail.caller_name,
        "product": detail.product,
        "origin": detail.origin.value if detail.origin else None,
        "channel": detail.channel.value,
        "priority": detail.priority,
        "estimate_minutes": detail.estimate_minutes,
        "covered": detail.covered,
        "out_of_contract": detail.out_of_contract,
        "exclusion": detail.exclusion_label,
        "waiting": detail.waiting,
        "opened_at": detail.opened_at.astimezone(PARIS).isoformat(timespec="minutes"),
        "service_level": {
            "first_response_minutes": level.first_response_minutes,
            "resolution_minutes": round(level.resolution_minutes, 1),
            "paused_minutes": round(level.paused_minutes, 1),
            "running": level.running,
            "target_first_response_minutes": detail.targets.first_response_minutes,
            "target_resolution_minutes": detail.targets.resolution_minutes,
            "response_late": detail.response_late,
            "resolution_late": detail.resolution_late,
        },
        "allowed_actions": [a.value for a in detail.allowed],
        "history": [
            {"seq": h.seq, "at": h.at.isoformat(), "author": h.author, "kind": h.kind.value, "summary": h.summary}
            for h in detail.history
        ],
    }


def cmd_show(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions() as session:
        try:
            detail = incident_detail(session, args.number)
        except svc.IncidentError as exc:
            raise CliError(f"hotline: {exc}") from exc
    lines = [
        f"{detail.number} — {detail.title}",
        f"Statut : {detail.status.label}   Priorité : {detail.priority_label}   Canal : {detail.channel.label}",
        f"Client : {detail.client_code} {detail.client_name}   Appelant : {detail.caller_name}",
        f"Logiciel : {detail.product or '—'}   Origine : {detail.origin.label if detail.origin else '—'}",
        f"Délai (heures hotline) : {detail.service_level.resolution_minutes:.0f} min"
        + (f", en pause {detail.service_level.paused_minutes:.0f} min" if detail.service_level.paused_minutes else "")
        + f" ; objectif {detail.targets.resolution_minutes} min"
        + (" — DÉPASSÉ" if detail.resolution_late else ""),
        "Historique :",
    ]
    lines += [f"  {h.at.astimezone(PARIS):%d/%m/%Y %H:%M}  {h.author:<20} {h.summary}" for h in detail.history]
    emit(args, _detail_data(detail), "\n".join(lines))
    return EXIT_OK


def cmd_list(args: argparse.Namespace, context: AppContext) -> int:
    flt = IncidentFilter(
        statuses=(args.status,) if args.status else (),
        client_code=args.client,
        search=args.search or "",
    )
    with context.sessions() as session:
        total = count_incidents(session, flt)
        rows = list_incidents(session, flt, limit=args.limit)
    data = {
        "total": total,
        "incidents": [
            {
                "number": r.number,
                "opened_at": r.opened_at.astimezone(PARIS).isoformat(timespec="minutes"),
                "client": r.client_code,
                "title": r.title,
                "status": r.status.value,
            }
            for r in rows
        ],
    }
    lines = [
        f"{r.number:<15} {r.opened_at.astimezone(PARIS):%d/%m/%Y}  {r.status.label:<22} "
        f"{r.client_name[:28]:<28} {r.title}"
        for r in rows
    ]
    lines.append(f"{len(rows)} incident(s) affiché(s) sur {total}.")
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def _simple(operation: Callable[[argparse.Namespace], Callable[[Session, svc.Actor], Any]]) -> Callable[..., int]:
    def handler(args: argparse.Namespace, context: AppContext) -> int:
        incident = _run(context, operation(args))
        emit(
            args,
            {"number": incident.number, "status": incident.status.value},
            f"{incident.number} : {incident.status.label}",
        )
        return EXIT_OK

    return handler


def cmd_call_start(args: argparse.Namespace, context: AppContext) -> int:
    call = _run(
        context,
        lambda session, actor: call_service.start_call(session, actor, args.client, args.service, args.incident),
    )
    emit(
        args,
        {"id": str(call.id), "client": call.client_code, "service": call.service.value},
        f"Appel démarré avec {call.client_name} ({call.service.label}) à {call.started_at.astimezone(PARIS):%H:%M}.",
    )
    return EXIT_OK


def cmd_call_stop(args: argparse.Namespace, context: AppContext) -> int:
    call = _run(context, lambda session, actor: call_service.stop_call(session, actor))
    emit(
        args,
        {"id": str(call.id), "client": call.client_code, "minutes": round(call.minutes or 0, 1)},
        f"Appel avec {call.client_name} terminé : {call.minutes or 0:.0f} min.",
    )
    return EXIT_OK


def cmd_sla_show(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions() as session:
        current = service_levels.targets(session)
    lines = ["Objectifs de service (minutes de hotline) :"]
    lines += [
        f"  {p} {PRIORITY_LABELS[p]:<9} première réponse {t.first_response_minutes:>5}   "
        f"résolution {t.resolution_minutes:>6}"
        for p, t in sorted(current.items())
    ]
    data = {
        str(p): {"first_response_minutes": t.first_response_minutes, "resolution_minutes": t.resolution_minutes}
        for p, t in sorted(current.items())
    }
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_sla_set(args: argparse.Namespace, context: AppContext) -> int:
    try:
        with context.sessions.begin() as session:
            target = service_levels.set_target(session, args.priority, args.first_response, args.resolution)
    except service_levels.TargetError as exc:
        raise CliError(f"hotline sla set: {exc}") from exc
    emit(
        args,
        {
            "priority": args.priority,
            "first_response_minutes": target.first_response_minutes,
            "resolution_minutes": target.resolution_minutes,
        },
        f"Priorité {args.priority} ({PRIORITY_LABELS[args.priority]}) : première réponse "
        f"{target.first_response_minutes} min, résolution {target.resolution_minutes} min de hotline.",
    )
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    incident = commands.add_parser("incident", help="incidents : saisie, suivi, cycle de vie")
    actions = incident.add_subparsers(dest="incident_command", metavar="ACTION", required=True, parser_class=Parser)

    new = actions.add_parser("new", help="enregistrer un incident et obtenir son numéro")
    new.add_argument("--client", required=True, help="code client ou n° d'identification hotline")
    new.add_argument("--caller", required=True, help="nom de l'appelant")
    new.add_argument("--product", help="code du logiciel concerné")
    new.add_argument("--peripheral", help="périphérique concerné")
    new.add_argument("--title", required=True)
    new.add_argument("--description")
    new.add_argument(
        "--channel", type=_choice(Channel), default=Channel.PHONE, help="portal, phone, mail, email, other"
    )
    new.add_argument("--priority", type=bounded_int(1, 4), default=3, help="1 bloquant … 4 mineur")
    new.set_defaults(handler=cmd_new)

    show = actions.add_parser("show", help="afficher un incident et son historique")
    show.add_argument("number")
    show.set_defaults(handler=cmd_show, reads_only=True)

    listing = actions.add_parser("list", help="lister les incidents")
    listing.add_argument("--client")
    listing.add_argument("--status", type=_choice(IncidentStatus))
    listing.add_argument("--search", help="recherche plein texte")
    listing.add_argument("--limit", type=bounded_int(1, 10_000), default=50)
    listing.set_defaults(handler=cmd_list, reads_only=True)

    def action(name: str, help_text: str, operation: Callable, *arguments: tuple[tuple, dict]) -> None:
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("number")
        for positional, options in arguments:
            sub.add_argument(*positional, **options)
        sub.set_defaults(handler=_simple(operation))
        json_flag(sub)

    action(
        "diagnose",
        "origine et estimation (R-08, R-11)",
        lambda a: lambda s, actor: svc.diagnose(s, actor, a.number, a.origin, a.estimate),
        (("--origin",), {"type": _choice(Origin), "required": True, "help": "peripheral, dbms, feature, usage"}),
        (("--estimate",), {"type": bounded_int(1, 100_000), "required": True, "help": "minutes"}),
    )
    action(
        "workaround",
        "proposer un contournement (R-12)",
        lambda a: lambda s, actor: svc.propose_workaround(s, actor, a.number, a.text),
        (("--text",), {"required": True}),
    )
    action(
        "accept-workaround",
        "le client accepte le contournement",
        lambda a: lambda s, actor: svc.accept_workaround(s, actor, a.number, a.by or ""),
        (("--by",), {"help": "qui a accepté"}),
    )
    action(
        "resolve",
        "résoudre",
        lambda a: lambda s, actor: svc.resolve(s, actor, a.number, a.text),
        (("--text",), {"required": True}),
    )
    action("close", "clore", lambda a: lambda s, actor: svc.close(s, actor, a.number))
    action(
        "reopen",
        "rouvrir",
        lambda a: lambda s, actor: svc.reopen(s, actor, a.number, a.reason),
        (("--reason",), {"required": True}),
    )
    action(
        "note",
        "ajouter une note",
        lambda a: lambda s, actor: svc.add_note(s, actor, a.number, a.text),
        (("--text",), {"required": True}),
    )
    action(
        "wait",
        "attente du client (information, consent, backup) ou none",
        lambda a: lambda s, actor: svc.set_waiting(s, actor, a.number, None if a.reason == "none" else a.reason),
        (("reason",), {"choices": [*svc.WAIT_REASONS, "none"]}),
    )
    action(
        "exclude",
        "hors contrat : exclusion de l'art. 9 (R-07), ou none",
        lambda a: (
            lambda s, actor: svc.mark_out_of_contract(
                s, actor, a.number, None if a.exclusion == "none" else Exclusion.parse(a.exclusion)
            )
        ),
        (("exclusion",), {"choices": [*(e.value for e in Exclusion), "none"]}),
    )
    for sub in (new, show, listing):
        json_flag(sub)

    sla = commands.add_parser("sla", help="objectifs de service par priorité (minutes de hotline)")
    sla_actions = sla.add_subparsers(dest="sla_command", metavar="ACTION", required=True, parser_class=Parser)
    sla_show = sla_actions.add_parser("show", help="afficher les objectifs")
    json_flag(sla_show)
    sla_show.set_defaults(handler=cmd_sla_show, reads_only=True, needs_schema=True)
    sla_set = sla_actions.add_parser("set", help="fixer les objectifs d'une priorité")
    sla_set.add_argument("priority", type=bounded_int(1, 4))
    sla_set.add_argument("--first-response", type=bounded_int(1, 525_600), required=True, help="minutes")
    sla_set.add_argument("--resolution", type=bounded_int(1, 525_600), required=True, help="minutes")
    json_flag(sla_set)
    sla_set.set_defaults(handler=cmd_sla_set, needs_schema=True)

    call = commands.add_parser("call", help="chronométrer un appel")
    call_actions = call.add_subparsers(dest="call_command", metavar="ACTION", required=True, parser_class=Parser)
    start = call_actions.add_parser("start", help="début d'appel")
    start.add_argument("--client", required=True)
    start.add_argument("--service", type=_choice(ServiceKind), default=ServiceKind.ASSISTANCE)
    start.add_argument("--incident")
    json_flag(start)
    start.set_defaults(handler=cmd_call_start)
    stop = call_actions.add_parser("stop", help="fin de l'appel en cours sur ce poste")
    json_flag(stop)
    stop.set_defaults(handler=cmd_call_stop)
    for parser in (new, show, listing, start, stop):
        parser.set_defaults(needs_schema=True)
    for name in (
        "diagnose",
        "workaround",
        "accept-workaround",
        "resolve",
        "close",
        "reopen",
        "note",
        "wait",
        "exclude",
    ):
        actions.choices[name].set_defaults(needs_schema=True)
