"""``hotline backup …``: reception reports (R-24), quota (R-22, R-23), restoration requests and data
destruction (R-25), and the vendor's key of the reception reports."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app import files
from app.cli_contracts import check_folder
from app.cli_support import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
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
from app.domain.backup import size_label
from app.domain.backup_receipt import ReceiptError
from app.domain.vocabulary import Channel
from app.reports.formats import duration
from app.services import backup as svc
from app.services import backup_receipt as receipts
from app.services import incidents as incident_service
from app.services.documents import DocumentRegistryError


def _actor_session(context: AppContext) -> Any:
    if not context.station:
        raise CliError("Aucun code poste n'est défini : « hotline station set CODE » d'abord.")
    return context.sessions.begin()


def _ask_secret_if_possible(args: argparse.Namespace) -> None:
    """The vendor's key for this run only: from stdin with --key-stdin, or, without a keyring, asked on a
    terminal (DESIGN: secrets). Nothing is written."""
    from app import secrets

    if getattr(args, "key_stdin", False):
        try:
            receipts.set_vendor_secret(sys.stdin.readline(), session_only=True)
        except ReceiptError as exc:
            raise CliError(f"hotline: {exc}") from exc
        return
    if secrets.keyring_available() or secrets.get_secret(receipts.SECRET_NAME):
        return
    if sys.stdin.isatty():
        value = getpass.getpass("Clé des rapports de réception (gardée pour cette session seulement) : ")
        try:
            receipts.set_vendor_secret(value, session_only=True)
        except ReceiptError as exc:
            raise CliError(f"hotline: {exc}") from exc


def cmd_receipt(args: argparse.Namespace, context: AppContext) -> int:
    target = Path(args.output).expanduser()
    root = Path(args.directory).expanduser()
    _ask_secret_if_possible(args)
    check_folder(target)
    try:
        with files.replacing(target) as write, _actor_session(context) as session:
            actor = incident_service.ensure_technician(
                session, context.technician_login, context.technician_name, context.station
            )
            issued = receipts.issue_receipt(session, actor, args.client, root, args.received_at)
            write(issued.pdf)
    except receipts.ReceiptSecretMissing as exc:
        raise CliError(f"hotline: {exc}", EXIT_FAILED) from exc
    except (ReceiptError, svc.BackupError, DocumentRegistryError) as exc:
        raise CliError(f"hotline: {exc}") from exc
    receipt = issued.receipt
    text = (
        f"Rapport de réception enregistré : {target}\n"
        f"  {len(receipt.files)} fichier(s), {receipt.total_bytes} octets ({size_label(receipt.total_bytes)})\n"
        f"  Clé d'authentification : {issued.key}"
    )
    data = {"file": str(target), "files": len(receipt.files), "bytes": receipt.total_bytes, "key": issued.key}
    emit(args, data, text)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, context: AppContext) -> int:
    report = Path(args.report).expanduser()
    if not report.is_file():
        raise CliError(f"hotline: rapport introuvable : {report}")
    _ask_secret_if_possible(args)
    try:
        result = receipts.verify_receipt(report.read_bytes(), Path(args.directory).expanduser())
    except receipts.ReceiptSecretMissing as exc:
        raise CliError(f"hotline: {exc}", EXIT_FAILED) from exc
    except ReceiptError as exc:
        raise CliError(f"hotline: {exc}") from exc
    receipt = result.receipt
    lines = [
        f"Rapport du {receipt.received_at.astimezone(PARIS):%d/%m/%Y %H:%M} pour {receipt.client_code} : "
        f"{len(receipt.files)} fichier(s)."
    ]
    lines.append(
        "Clé d'authentification valide : le rapport est bien celui émis par DEFI INFORMATIQUE."
        if result.authentic
        else "Clé d'authentification INVALIDE : ce rapport a été modifié ou n'a pas été émis avec la clé de ce poste."
    )
    if result.differences:
        lines.append("Différences avec le dossier :")
        lines += [f"  {d.describe()}" for d in result.differences]
    elif result.authentic:
        lines.append("Le dossier contient exactement les fichiers décrits, inchangés.")
    data = {
        "authentic": result.authentic,
        "ok": result.ok,
        "differences": [{"kind": d.kind, "path": d.path, "detail": d.detail} for d in result.differences],
    }
    emit(args, data, "\n".join(lines))
    return EXIT_OK if result.ok else EXIT_BAD_INPUT


def cmd_quota(args: argparse.Namespace, context: AppContext) -> int:
    on = args.on or date.today()
    try:
        with context.sessions() as session:
            state = svc.backup_state(session, args.client, on)
    except svc.BackupError as exc:
        raise CliError(f"hotline: {exc}") from exc
    a, s = state.assistance, state.storage
    lines = [
        f"{state.client_name} ({state.client_code}) — contrat {state.contract_reference or 'sans sauvegarde'}",
        f"  Année de contrat du {state.year_start:%d/%m/%Y} au {state.year_end:%d/%m/%Y}",
        f"  Assistance téléphonique : {duration(a.used_minutes)} sur {duration(a.included_minutes)}"
        + (f" — {duration(a.billable_minutes)} facturable(s)" if a.billable_minutes else "")
        + (" (forfait épuisé)" if a.exhausted else f", reste {duration(a.remaining_minutes)}"),
        f"  Volume stocké : {size_label(s.stored_bytes)} sur {size_label(s.quota_bytes)} ({s.percent:.0f} %)"
        + (f" — dépassement de {size_label(s.excess_bytes)} facturé" if s.over_quota else ""),
        f"  Versions conservées : {len(state.kept)} sur 5",
    ]
    lines += [
        f"    {r.received_at.astimezone(PARIS):%d/%m/%Y %H:%M}  {r.file_count} fichier(s)  {size_label(r.total_bytes)}"
        for r in state.kept
    ]
    if state.destruction_on:
        lines.append(f"  Destruction des données prévue le {state.destruction_on:%d/%m/%Y} (R-25)")
    data = {
        "client": state.client_code,
        "contract": state.contract_reference,
        "year_start": state.year_start,
        "used_minutes": round(a.used_minutes, 2),
        "included_minutes": a.included_minutes,
        "billable_minutes": round(a.billable_minutes, 2),
        "exhausted": a.exhausted,
        "stored_bytes": s.stored_bytes,
        "quota_bytes": s.quota_bytes,
        "over_quota": s.over_quota,
        "kept_versions": len(state.kept),
        "destruction_on": state.destruction_on,
    }
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, context: AppContext) -> int:
    from sqlalchemy import select

    from app.db.models import Client, Contact
    from app.domain.text import fold

    try:
        with _actor_session(context) as session:
            actor = incident_service.ensure_technician(
                session, context.technician_login, context.technician_name, context.station
            )
            client = svc.client_by_code(session, args.client)
            wanted = fold(args.requested_by)
            contact = next(
                (
                    c
                    for c in session.execute(select(Contact).where(Contact.client_id == client.id)).scalars()
                    if c.search_name == wanted or fold(f"{c.last_name} {c.first_name}") == wanted
                ),
                None,
            )
            assert isinstance(client, Client)
            created = svc.request_restoration(
                session,
                actor,
                client_code=client.code,
                contact_id=contact.id if contact else None,
                channel=args.channel,
                received_at=args.at or datetime.now(PARIS),
                text=args.text or "",
            )
    except svc.BackupError as exc:
        raise CliError(f"hotline: {exc}") from exc
    emit(args, {"number": created.number}, f"Demande de restauration enregistrée : incident n° {created.number}")
    return EXIT_OK


def cmd_destructions(args: argparse.Namespace, context: AppContext) -> int:
    on = args.on or date.today()
    with context.sessions() as session:
        rows = svc.destructions_ahead(session, on, args.days)
    emit(
        args,
        {
            "destructions": [
                {"client": r.client_code, "contract": r.contract_reference, "on": r.destruction_on} for r in rows
            ]
        },
        "\n".join(
            f"{r.destruction_on:%d/%m/%Y}  {r.client_code:<8} {r.client_name[:30]:<30} contrat {r.contract_reference} "
            f"terminé le {r.end_date:%d/%m/%Y}"
            for r in rows
        )
        or f"Aucune destruction de données prévue dans les {args.days} prochains jours.",
    )
    return EXIT_OK


def cmd_key_set(args: argparse.Namespace, context: AppContext) -> int:
    value = sys.stdin.readline().strip() if args.stdin else getpass.getpass("Clé des rapports de réception : ")
    try:
        stored = receipts.set_vendor_secret(value)
    except ReceiptError as exc:
        raise CliError(f"hotline: {exc}") from exc
    text = (
        "Clé enregistrée dans le trousseau du système."
        if stored
        else "Aucun trousseau système sur ce poste : la clé n'a pas été enregistrée (donnez-la à chaque commande "
        "avec --key-stdin)."
    )
    emit(args, {"stored": stored}, text)
    return EXIT_OK


def _channel(text: str) -> Channel:
    try:
        return Channel.parse(text)  # type: ignore[return-value]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = commands.add_parser("backup", help="sauvegarde externalisée : rapports de réception, quotas")
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True, parser_class=Parser)

    receipt = actions.add_parser("receipt", help="rapport de réception d'un dossier reçu (PDF)")
    receipt.add_argument("directory")
    receipt.add_argument("--client", required=True)
    receipt.add_argument("-o", "--output", required=True)
    receipt.add_argument("--received-at", type=iso_instant, help="instant de réception (défaut : maintenant)")
    receipt.set_defaults(handler=cmd_receipt, needs_schema=True)

    verify = actions.add_parser("verify", help="vérifier un rapport de réception contre un dossier")
    verify.add_argument("report")
    verify.add_argument("directory")
    verify.set_defaults(handler=cmd_verify)

    quota = actions.add_parser("quota", help="minutes d'assistance, volume stocké et versions d'un client")
    quota.add_argument("client")
    quota.add_argument("--on", type=iso_date)
    quota.set_defaults(handler=cmd_quota, reads_only=True, needs_schema=True)

    restore = actions.add_parser("restore", help="enregistrer une demande écrite de restauration (RTC)")
    restore.add_argument("--client", required=True)
    restore.add_argument("--requested-by", required=True, help="nom du responsable technique demandeur")
    restore.add_argument("--channel", type=_channel, required=True, help="portal ou email")
    restore.add_argument("--at", type=iso_instant, help="réception de la demande (défaut : maintenant)")
    restore.add_argument("--text")
    restore.set_defaults(handler=cmd_restore, needs_schema=True)

    destructions = actions.add_parser("destructions", help="destructions de données à venir (R-25)")
    destructions.add_argument("--on", type=iso_date)
    destructions.add_argument("--days", type=bounded_int(1, 3660), default=90)
    destructions.set_defaults(handler=cmd_destructions, reads_only=True, needs_schema=True)

    key = actions.add_parser("key", help="clé des rapports de réception (trousseau)")
    key_actions = key.add_subparsers(dest="key_command", metavar="ACTION", required=True, parser_class=Parser)
    key_set = key_actions.add_parser("set", help="enregistrer la clé (la même sur chaque poste)")
    key_set.add_argument("--stdin", action="store_true", help="lire la clé sur l'entrée standard")
    key_set.set_defaults(handler=cmd_key_set)

    for sub in (receipt, verify):
        sub.add_argument("--key-stdin", action="store_true", help="lire la clé sur l'entrée standard (sans trousseau)")
    for sub in (receipt, verify, quota, restore, destructions, key_set):
        json_flag(sub)
