"""``hotline sync`` (with ``status``, ``retry``, ``conflicts``, ``resolve``, ``quarantine``) and ``hotline
portal login``: the client portal from the shell.

The portal's address comes from ``--portal`` or the settings (``portal_url``, saved by ``portal login``);
its token from ``HOTLINE_PORTAL_TOKEN`` or the OS keyring, never from the settings or the database.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from typing import Any

from app import secrets
from app.cli_support import EXIT_FAILED, EXIT_OK, PARIS, CliError, Parser, emit, json_flag
from app.context import AppContext
from app.services import incidents as incident_service
from app.sync import conflicts
from app.sync.client import TOKEN_SECRET, PortalClient, portal_token
from app.sync.engine import SyncEngine, retry_dead, sync_status


def _portal_url(args: argparse.Namespace, context: AppContext) -> str:
    url = getattr(args, "portal", None) or context.settings.portal_url
    if not url:
        raise CliError("Aucun portail configuré : « hotline portal login --portal URL » ou « --portal URL ».")
    return url


def _client(args: argparse.Namespace, context: AppContext) -> PortalClient:
    token = portal_token()
    if not token:
        raise CliError("Aucun jeton d'accès au portail : « hotline portal login » (ou HOTLINE_PORTAL_TOKEN).")
    try:
        return PortalClient(_portal_url(args, context), token)
    except ValueError as exc:
        raise CliError(f"hotline: {exc}") from exc


def _report_text(data: dict[str, Any]) -> str:
    head = "Synchronisation terminée" if data["error"] is None else f"Synchronisation interrompue : {data['error']}"
    return (
        f"{head}.\n"
        f"Envoyés : {data['pushed']} — reçus : {data['pulled']} (appliqués {data['applied']}, déjà connus "
        f"{data['skipped']}) — en quarantaine : {data['quarantined']} — conflits : {data['conflicts']} — "
        f"en attente d'envoi : {data['pending']} — en échec définitif : {data['dead']}"
    )


def cmd_sync(args: argparse.Namespace, context: AppContext) -> int:
    if not context.station:
        raise CliError("Aucun code poste n'est défini : « hotline station set CODE » d'abord.")
    with _client(args, context) as client:
        engine = SyncEngine(context.sessions, client, context.station)
        while True:
            report = engine.run_once()
            data = report.as_dict()
            emit(args, data, _report_text(data))
            if args.once:
                break
            sys.stdout.flush()
            time.sleep(max(5, context.settings.sync_interval_seconds))
    return EXIT_OK if report.error is None else EXIT_FAILED


def cmd_status(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions() as session:
        status = sync_status(session)
    last = status.last_success.astimezone(PARIS).strftime("%d/%m/%Y %H:%M") if status.last_success else "jamais"
    data = {
        "portal": context.settings.portal_url,
        "pending": status.pending,
        "dead": status.dead,
        "quarantined": status.quarantined,
        "conflicts": status.conflicts,
        "last_success": status.last_success.isoformat() if status.last_success else None,
        "last_error": status.last_error,
        "token": "présent" if portal_token() else "absent",
    }
    lines = [
        f"Portail : {context.settings.portal_url or 'non configuré'} (jeton {data['token']})",
        f"Dernière synchronisation réussie : {last}",
        f"En attente d'envoi : {status.pending} — en échec définitif : {status.dead} — "
        f"en quarantaine : {status.quarantined} — conflits à trancher : {status.conflicts}",
    ]
    if status.last_error:
        lines.append(f"Dernière erreur : {status.last_error}")
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_retry(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions.begin() as session:
        count = retry_dead(session)
    emit(args, {"requeued": count}, f"{count} opération(s) remise(s) en file d'envoi.")
    return EXIT_OK


def _when(value: Any) -> str:
    return value.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def cmd_conflicts(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions() as session:
        found = conflicts.open_conflicts(session)
    if not found:
        text = "Aucun conflit à trancher."
    else:
        lines = []
        for c in found:
            lines += [
                f"{str(c.id)[:8]}  {c.number} — {c.field_label} (détecté le {_when(c.detected_at)})",
                f"    hotline : {c.hotline_value}",
                f"    client  : {c.portal_value}",
            ]
        lines.append("Trancher : « hotline sync resolve ID --keep hotline|portal ».")
        text = "\n".join(lines)
    emit(args, {"conflicts": [c.as_dict() for c in found]}, text)
    return EXIT_OK


def cmd_resolve(args: argparse.Namespace, context: AppContext) -> int:
    if not context.station:
        raise CliError("Aucun code poste n'est défini : « hotline station set CODE » d'abord.")
    try:
        with context.sessions.begin() as session:
            conflict_id = conflicts.find_conflict(session, args.id)
            actor = incident_service.ensure_technician(
                session, context.technician_login, context.technician_name, context.station
            )
            done = conflicts.resolve_conflict(session, actor, conflict_id, args.keep)
    except conflicts.ConflictError as exc:
        raise CliError(f"hotline: {exc}") from exc
    side = "de la hotline" if done.kept == "hotline" else "du client"
    emit(
        args,
        {"id": str(done.conflict_id), "incident": done.number, "field": done.field, "kept": done.kept},
        f"{done.number} : valeur {side} retenue pour le champ « {conflicts.FIELD_LABELS.get(done.field, done.field)} »"
        " ; elle sera envoyée au portail à la prochaine synchronisation.",
    )
    return EXIT_OK


def cmd_quarantine(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions() as session:
        held = conflicts.quarantined_records(session)
        dead = conflicts.dead_letters(session)
    lines = [f"En quarantaine : {len(held)}"]
    for q in held:
        lines.append(f"  {q.record_key} ({q.feed}, {q.attempts} essai(s)) — {q.summary}")
        lines.append(f"      motif : {q.reason}")
    lines.append(f"En échec définitif : {len(dead)}")
    for d in dead:
        lines.append(f"  n° {d.id} {d.kind} {d.number or ''} ({d.attempts} essais) — {d.last_error}")
    if dead:
        lines.append("Remettre en file : « hotline sync retry ».")
    emit(args, {"quarantined": [q.as_dict() for q in held], "dead": [d.as_dict() for d in dead]}, "\n".join(lines))
    return EXIT_OK


def cmd_login(args: argparse.Namespace, context: AppContext) -> int:
    url = _portal_url(args, context)
    try:
        PortalClient(url, "-")  # checks the address's form only
    except ValueError as exc:
        raise CliError(f"hotline: {exc}") from exc
    token = sys.stdin.readline().strip() if args.stdin else getpass.getpass("Jeton d'accès au portail : ").strip()
    if not token:
        raise CliError("Jeton vide : rien n'a été enregistré.")
    context.settings.portal_url = url
    context.settings.save(context.paths)
    if not secrets.set_secret(TOKEN_SECRET, token):
        secrets.remember_for_session(TOKEN_SECRET, token)
        raise CliError(
            "Aucun trousseau système n'est disponible sur ce poste : le jeton n'a pas été enregistré "
            "(utiliser HOTLINE_PORTAL_TOKEN pour un usage sans surveillance).",
            EXIT_FAILED,
        )
    emit(
        args,
        {"portal": url, "stored": True, "where": secrets.backend_name()},
        f"Portail {url} : jeton enregistré dans le trousseau.",
    )
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``sync`` and ``portal`` to the ``hotline`` parser."""
    sync = commands.add_parser("sync", help="synchroniser avec l'espace client (portail)")
    sync.add_argument("--portal", help="adresse de l'API du portail (défaut : réglages)")
    sync.add_argument("--once", action="store_true", help="un seul cycle (sinon : en continu)")
    json_flag(sync)
    sync.set_defaults(handler=cmd_sync, needs_schema=True)
    actions = sync.add_subparsers(dest="sync_command", metavar="ACTION", parser_class=Parser)
    status = actions.add_parser("status", help="état de la synchronisation")
    json_flag(status)
    status.set_defaults(handler=cmd_status, reads_only=True, needs_schema=True)
    retry = actions.add_parser("retry", help="remettre en file les opérations en échec définitif")
    json_flag(retry)
    retry.set_defaults(handler=cmd_retry, needs_schema=True)
    listing = actions.add_parser("conflicts", help="conflits avec l'espace client à trancher")
    json_flag(listing)
    listing.set_defaults(handler=cmd_conflicts, reads_only=True, needs_schema=True)
    resolve = actions.add_parser("resolve", help="trancher un conflit")
    resolve.add_argument("id", metavar="ID", help="identifiant du conflit (ses premiers caractères suffisent)")
    resolve.add_argument("--keep", required=True, choices=conflicts.KEEP_CHOICES, help="valeur à garder")
    json_flag(resolve)
    resolve.set_defaults(handler=cmd_resolve, needs_schema=True)
    quarantine = actions.add_parser("quarantine", help="enregistrements en quarantaine et envois en échec")
    json_flag(quarantine)
    quarantine.set_defaults(handler=cmd_quarantine, reads_only=True, needs_schema=True)

    portal = commands.add_parser("portal", help="accès au portail")
    portal_actions = portal.add_subparsers(dest="portal_command", metavar="ACTION", required=True, parser_class=Parser)
    login = portal_actions.add_parser("login", help="enregistrer l'adresse du portail et son jeton (trousseau)")
    login.add_argument("--portal", help="adresse de l'API du portail")
    login.add_argument("--stdin", action="store_true", help="lire le jeton sur l'entrée standard")
    json_flag(login)
    login.set_defaults(handler=cmd_login)


__all__ = ["register"]
