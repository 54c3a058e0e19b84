"""``hotline contract …`` and ``hotline release …``: contract life, money and versions from the command line.

Each change is one transaction with its audit entry; a refusal writes nothing and prints one line (exit 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app import files
from app.cli_support import EXIT_OK, CliError, Parser, bounded_int, emit, iso_date, json_flag
from app.context import AppContext
from app.domain.money import MoneyError
from app.domain.versions import VersionState
from app.domain.vocabulary import ServiceKind
from app.reports.formats import amount
from app.services import contracts as svc
from app.services import incidents as incident_service
from app.services import releases as release_service
from app.services.documents import DocumentRegistryError

Refusals = (svc.ContractError, release_service.ReleaseError, MoneyError, DocumentRegistryError)


def _today(args: argparse.Namespace) -> date:
    return getattr(args, "on", None) or date.today()


def _read(context: AppContext, operation: Callable[[Session], Any]) -> Any:
    try:
        with context.sessions() as session:
            return operation(session)
    except Refusals as exc:
        raise CliError(f"hotline: {exc}") from exc


def _write(context: AppContext, operation: Callable[[Session, incident_service.Actor], Any]) -> Any:
    """One use case, one transaction: a refusal writes nothing."""
    if not context.station:
        raise CliError("Aucun code poste n'est défini : « hotline station set CODE » d'abord.")
    try:
        with context.sessions.begin() as session:
            actor = incident_service.ensure_technician(
                session, context.technician_login, context.technician_name, context.station
            )
            return operation(session, actor)
    except Refusals as exc:
        raise CliError(f"hotline: {exc}") from exc


def _money(value: Any) -> str:
    return amount(value).replace("\u00a0", " ")


def _service(text: str) -> ServiceKind:
    try:
        return ServiceKind.parse(text)  # type: ignore[return-value]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


# --- contract -------------------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace, context: AppContext) -> int:
    on = _today(args)
    rows = _read(context, lambda s: svc.list_contracts(s, on, client_code=args.client, search=args.search or ""))
    lines = [
        f"{r.reference:<14} {r.client_code:<8} {r.client_name[:32]:<32} {r.phase.label:<24} "
        + (f"{r.next_deadline.on:%d/%m/%Y} {r.next_deadline.kind.label}" if r.next_deadline else "")
        for r in rows
    ]
    data = {
        "contracts": [
            {
                "reference": r.reference,
                "client": r.client_code,
                "phase": r.phase.value,
                "start": r.start,
                "end": r.end_date,
                "services": [s.value for s in r.services],
            }
            for r in rows
        ]
    }
    emit(args, data, "\n".join(lines) or "Aucun contrat.")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, context: AppContext) -> int:
    on = _today(args)
    d = _read(context, lambda s: svc.contract_detail(s, args.reference, on))
    s = d.summary
    lines = [
        f"Contrat {s.reference} — {s.client_name} ({s.client_code})",
        f"  État au {on:%d/%m/%Y} : {s.phase.label}",
        f"  Début : {s.start:%d/%m/%Y} ; fin de l'engagement : {d.commitment_end:%d/%m/%Y}",
    ]
    if d.notice_received_on:
        lines.append(f"  Préavis reçu le {d.notice_received_on:%d/%m/%Y} (LRAR {d.notice_reference})")
    if s.end_date:
        lines.append(f"  Dernier jour couvert : {s.end_date:%d/%m/%Y}")
    elif d.next_notice:
        lines.append(
            f"  Préavis possible jusqu'au {d.next_notice[0]:%d/%m/%Y} pour une fin au {d.next_notice[1]:%d/%m/%Y}"
        )
    if d.destruction_on:
        lines.append(f"  Destruction des données sauvegardées : {d.destruction_on:%d/%m/%Y}")
    lines.append("  Services : " + ", ".join(f"{x.service.label} (depuis le {x.start:%d/%m/%Y})" for x in d.services))
    lines.append("  Tableau financier :")
    for line in d.lines:
        lines.append(
            f"    {line.designation[:40]:<40} {_money(line.unit_price):>14} × {line.quantity.normalize():f} = "
            f"{_money(line.excl_vat):>14}" + (f"  [{line.index_series}]" if line.index_series else "")
        )
    lines += [
        f"    {'Total HT':<58} {_money(d.table.total_excl_vat):>14}",
        f"    {'TVA 20 %':<58} {_money(d.table.vat):>14}",
        f"    {'Total TTC':<58} {_money(d.table.total_incl_vat):>14}",
    ]
    if d.deadlines:
        lines.append("  Échéances des 90 prochains jours :")
        lines += [f"    {x.on:%d/%m/%Y} {x.kind.label} {x.detail}".rstrip() for x in d.deadlines]
    data = {
        "reference": s.reference,
        "client": s.client_code,
        "phase": s.phase.value,
        "start": s.start,
        "commitment_end": d.commitment_end,
        "notice_received_on": d.notice_received_on,
        "notice_reference": d.notice_reference,
        "end_date": s.end_date,
        "destruction_on": d.destruction_on,
        "services": [x.service.value for x in d.services],
        "lines": [
            {
                "designation": x.designation,
                "unit_price": str(x.unit_price),
                "quantity": str(x.quantity),
                "excl_vat": str(x.excl_vat),
                "index_series": x.index_series,
                "prices": [{"from": p.effective_on, "unit_price": str(p.unit_price)} for p in x.prices],
            }
            for x in d.lines
        ],
        "total_excl_vat": str(d.table.total_excl_vat),
        "vat": str(d.table.vat),
        "total_incl_vat": str(d.table.total_incl_vat),
        "deadlines": [{"on": x.on, "kind": x.kind.value, "detail": x.detail} for x in d.deadlines],
    }
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_deadlines(args: argparse.Namespace, context: AppContext) -> int:
    on = _today(args)
    rows = _read(context, lambda s: svc.coming_deadlines(s, on, args.days))
    lines = [
        f"{r.deadline.on:%d/%m/%Y}  {r.reference:<14} {r.client_code:<8} {r.client_name[:30]:<30} "
        f"{r.deadline.kind.label} {r.deadline.detail}".rstrip()
        for r in rows
    ]
    data = {
        "deadlines": [
            {"on": r.deadline.on, "kind": r.deadline.kind.value, "contract": r.reference, "client": r.client_code}
            for r in rows
        ]
    }
    emit(args, data, "\n".join(lines) or f"Aucune échéance dans les {args.days} prochains jours.")
    return EXIT_OK


def cmd_notice(args: argparse.Namespace, context: AppContext) -> int:
    end = _write(context, lambda s, a: svc.record_notice(s, a, args.reference, args.received, args.letter))
    emit(args, {"end_date": end}, f"Préavis enregistré : dernier jour couvert le {end:%d/%m/%Y}.")
    return EXIT_OK


def cmd_line_add(args: argparse.Namespace, context: AppContext) -> int:
    line_id = _write(
        context,
        lambda s, a: svc.add_line(
            s,
            a,
            args.reference,
            designation=args.designation,
            unit_price=args.price,
            quantity=args.quantity,
            service=args.service,
            index_series=args.index,
        ),
    )
    emit(args, {"line": str(line_id)}, "Ligne ajoutée au tableau financier.")
    return EXIT_OK


def cmd_revise(args: argparse.Namespace, context: AppContext) -> int:
    today = date.today()
    done = _write(
        context, lambda s, a: svc.revise_contract(s, a, args.reference, args.at, today=today, dry_run=args.dry_run)
    )
    lines = [
        f"{r.designation[:40]:<40} {_money(r.old_price):>14} → {_money(r.new_price):>14}  "
        f"({r.series} {r.index_period} : {svc.index_text(r.index_value)} / {r.base_period} : "
        f"{svc.index_text(r.base_value)})"
        for r in done
    ]
    lines.append("Simulation : rien n'a été enregistré." if args.dry_run else "Révision enregistrée.")
    data = {
        "dry_run": args.dry_run,
        "lines": [{"designation": r.designation, "old": str(r.old_price), "new": str(r.new_price)} for r in done],
    }
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def cmd_index_set(args: argparse.Namespace, context: AppContext) -> int:
    _write(context, lambda s, a: svc.set_index_value(s, a, args.series, args.period, args.value))
    emit(args, {"ok": True}, f"Indice {args.series.upper()} {svc.parse_period(args.period)} : {args.value}")
    return EXIT_OK


def cmd_index_list(args: argparse.Namespace, context: AppContext) -> int:
    rows = _read(context, lambda s: [(v.series, v.period, v.value) for v in svc.index_values(s, args.series)])
    emit(
        args,
        {"values": [{"series": a, "period": b, "value": str(c)} for a, b, c in rows]},
        "\n".join(f"{a:<20} {b}  {svc.index_text(c)}" for a, b, c in rows) or "Aucune valeur d'indice saisie.",
    )
    return EXIT_OK


def cmd_rate_set(args: argparse.Namespace, context: AppContext) -> int:
    _write(context, lambda s, a: svc.set_legal_rate(s, a, args.start, args.end, args.rate))
    emit(args, {"ok": True}, f"Taux de l'intérêt légal du {args.start:%d/%m/%Y} au {args.end:%d/%m/%Y} : {args.rate} %")
    return EXIT_OK


def cmd_rate_list(args: argparse.Namespace, context: AppContext) -> int:
    rows = _read(context, svc.legal_rates)
    emit(
        args,
        {"rates": [{"start": r.start, "end": r.end, "rate_percent": str(r.rate_percent)} for r in rows]},
        "\n".join(f"{r.start:%d/%m/%Y} – {r.end:%d/%m/%Y}  {svc.index_text(r.rate_percent)} %" for r in rows)
        or "Aucun taux saisi (hotline contract rate set DÉBUT FIN TAUX).",
    )
    return EXIT_OK


def cmd_late_fee(args: argparse.Namespace, context: AppContext) -> int:
    paid = args.paid or date.today()
    fee = _read(context, lambda s: svc.late_fee_for(s, args.amount, args.due, paid))
    if not fee.applies:
        text = f"{fee.days_late} jour(s) de retard : pas de pénalité avant plus de 30 jours (art. 15)."
    else:
        lines = [f"Retard : {fee.days_late} jours (du {args.due:%d/%m/%Y} au {paid:%d/%m/%Y})"]
        lines += [
            f"  {x.start:%d/%m/%Y} – {x.end:%d/%m/%Y} : {x.days} j à 3 × {svc.index_text(x.rate_percent)} %"
            for x in fee.slices
        ]
        lines += [
            f"Pénalités : {_money(fee.penalties)}",
            f"Indemnité forfaitaire de recouvrement : {_money(fee.recovery_fee)}",
            f"Total dû en plus du principal : {_money(fee.total)}",
        ]
        text = "\n".join(lines)
    data = {
        "days_late": fee.days_late,
        "applies": fee.applies,
        "penalties": str(fee.penalties),
        "recovery_fee": str(fee.recovery_fee),
        "total": str(fee.total),
    }
    emit(args, data, text)
    return EXIT_OK


def check_folder(target: Path) -> None:
    """An output file's folder must exist (checked before anything is computed or recorded)."""
    if not target.parent.is_dir():
        raise CliError(f"Dossier inexistant : {target.parent}")


def cmd_table(args: argparse.Namespace, context: AppContext) -> int:
    on = _today(args)
    target = Path(args.output).expanduser()
    if not context.station:
        raise CliError("Aucun code poste n'est défini : « hotline station set CODE » d'abord.")
    check_folder(target)
    try:
        # The file is renamed into place only once the registry row has committed.
        with files.replacing(target) as write, context.sessions.begin() as session:
            actor = incident_service.ensure_technician(
                session, context.technician_login, context.technician_name, context.station
            )
            pdf = svc.issue_financial_table(session, actor, args.reference, on, target.name)
            write(pdf)
    except Refusals as exc:
        raise CliError(f"hotline: {exc}") from exc
    emit(args, {"file": str(target), "bytes": len(pdf)}, f"Tableau financier enregistré : {target}")
    return EXIT_OK


# --- release ---------------------------------------------------------------------------------------------


def cmd_release_list(args: argparse.Namespace, context: AppContext) -> int:
    rows = _read(context, lambda s: release_service.list_releases(s, args.product))
    lines = [
        f"{r.product_code:<6} {r.version:<10} {r.released_on:%d/%m/%Y} {'majeure' if r.substantial else '       '} "
        f"{r.installed_at:>4} installation(s)  {r.sheet.splitlines()[0][:60] if r.sheet else ''}"
        for r in rows
    ]
    data = {
        "releases": [
            {
                "product": r.product_code,
                "version": r.version,
                "released_on": r.released_on,
                "substantial": r.substantial,
                "installed_at": r.installed_at,
            }
            for r in rows
        ]
    }
    emit(args, data, "\n".join(lines) or "Aucune version.")
    return EXIT_OK


def cmd_release_add(args: argparse.Namespace, context: AppContext) -> int:
    sheet = Path(args.sheet_file).read_text(encoding="utf-8") if args.sheet_file else (args.sheet or "")
    _write(
        context,
        lambda s, a: release_service.add_release(
            s, a, args.product, args.version, args.date, substantial=args.substantial, sheet=sheet
        ),
    )
    emit(args, {"ok": True}, f"Version {args.version} de {args.product.upper()} enregistrée.")
    return EXIT_OK


def cmd_release_install(args: argparse.Namespace, context: AppContext) -> int:
    on = args.on or date.today()
    _write(
        context,
        lambda s, a: release_service.set_installed_version(s, a, args.client, args.product, args.version, on),
    )
    emit(
        args, {"ok": True}, f"{args.client.upper()} : {args.product.upper()} {args.version} installé le {on:%d/%m/%Y}."
    )
    return EXIT_OK


def _version_line(row: release_service.InstallationVersion) -> str:
    st = row.status
    installed = st.installed.version if st.installed else "?"
    text = f"{row.client_code:<8} {row.product_code:<8} {installed:<8} {st.state.label}"
    if st.pending and st.deadline:
        text += f" — {st.pending.version} à appliquer avant le {st.deadline:%d/%m/%Y}"
    if st.state is VersionState.WINDOW and st.window_end:
        text += f" (ancienne version maintenue ; pas d'installation exigée avant le {st.window_end:%d/%m/%Y})"
    return text


def _version_data(row: release_service.InstallationVersion) -> dict[str, Any]:
    st = row.status
    return {
        "client": row.client_code,
        "product": row.product_code,
        "installed": st.installed.version if st.installed else None,
        "state": st.state.value,
        "pending": st.pending.version if st.pending else None,
        "deadline": st.deadline,
        "window_end": st.window_end,
    }


def cmd_release_status(args: argparse.Namespace, context: AppContext) -> int:
    on = _today(args)
    rows = _read(context, lambda s: release_service.client_versions(s, args.client, on))
    emit(args, {"installations": [_version_data(r) for r in rows]}, "\n".join(map(_version_line, rows)) or "Rien.")
    return EXIT_OK


def cmd_release_overdue(args: argparse.Namespace, context: AppContext) -> int:
    on = _today(args)
    rows = _read(context, lambda s: release_service.overdue_installations(s, on))
    emit(
        args,
        {"overdue": [_version_data(r) for r in rows]},
        "\n".join(map(_version_line, rows)) or f"Aucun client en retard de version au {on:%d/%m/%Y}.",
    )
    return EXIT_OK


# --- parser ----------------------------------------------------------------------------------------------


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    contract = commands.add_parser("contract", help="contrats : vie, tableau financier, révision, pénalités")
    actions = contract.add_subparsers(dest="contract_command", metavar="ACTION", required=True, parser_class=Parser)

    listing = actions.add_parser("list", help="lister les contrats et leur prochaine échéance")
    listing.add_argument("--client")
    listing.add_argument("--search")
    listing.add_argument("--on", type=iso_date, help="à cette date (AAAA-MM-JJ)")
    listing.set_defaults(handler=cmd_list, reads_only=True)

    show = actions.add_parser("show", help="un contrat : dates, services, tableau financier, échéances")
    show.add_argument("reference")
    show.add_argument("--on", type=iso_date)
    show.set_defaults(handler=cmd_show, reads_only=True)

    deadlines = actions.add_parser("deadlines", help="échéances à venir : préavis, anniversaires, fins")
    deadlines.add_argument("--on", type=iso_date)
    deadlines.add_argument("--days", type=bounded_int(1, 3660), default=90)
    deadlines.set_defaults(handler=cmd_deadlines, reads_only=True)

    notice = actions.add_parser("notice", help="enregistrer un préavis de résiliation (lettre recommandée)")
    notice.add_argument("reference")
    notice.add_argument("--received", type=iso_date, required=True, help="date de réception de la lettre")
    notice.add_argument("--letter", required=True, help="référence de la lettre recommandée")
    notice.set_defaults(handler=cmd_notice)

    line = actions.add_parser("line", help="lignes du tableau financier")
    line_actions = line.add_subparsers(dest="line_command", metavar="ACTION", required=True, parser_class=Parser)
    line_add = line_actions.add_parser("add", help="ajouter une ligne")
    line_add.add_argument("reference")
    line_add.add_argument("--designation", required=True)
    line_add.add_argument("--price", required=True, help="prix unitaire HT, par exemple 1234,50")
    line_add.add_argument("--quantity", default="1")
    line_add.add_argument("--service", type=_service)
    line_add.add_argument("--index", help="indice de révision de la ligne (par exemple SYNTEC)")
    line_add.set_defaults(handler=cmd_line_add)

    revise = actions.add_parser("revise", help="révision annuelle des prix : P = P0 × S / S0")
    revise.add_argument("reference")
    revise.add_argument("--at", type=iso_date, help="date anniversaire (défaut : la dernière)")
    revise.add_argument("--dry-run", action="store_true", help="calculer sans enregistrer")
    revise.set_defaults(handler=cmd_revise)

    index = actions.add_parser("index", help="valeurs publiées des indices de révision")
    index_actions = index.add_subparsers(dest="index_command", metavar="ACTION", required=True, parser_class=Parser)
    index_set = index_actions.add_parser("set", help="saisir une valeur d'indice")
    index_set.add_argument("series", help="nom de l'indice, par exemple SYNTEC")
    index_set.add_argument("period", help="AAAA-MM ou AAAA-T1…T4")
    index_set.add_argument("value")
    index_set.set_defaults(handler=cmd_index_set)
    index_list = index_actions.add_parser("list", help="lister les valeurs saisies")
    index_list.add_argument("series", nargs="?")
    index_list.set_defaults(handler=cmd_index_list, reads_only=True)

    rate = actions.add_parser("rate", help="taux de l'intérêt légal par période")
    rate_actions = rate.add_subparsers(dest="rate_command", metavar="ACTION", required=True, parser_class=Parser)
    rate_set = rate_actions.add_parser("set", help="saisir le taux d'une période")
    rate_set.add_argument("start", type=iso_date)
    rate_set.add_argument("end", type=iso_date)
    rate_set.add_argument("rate", help="en pourcentage annuel, par exemple 6,65")
    rate_set.set_defaults(handler=cmd_rate_set)
    rate_list = rate_actions.add_parser("list", help="lister les taux saisis")
    rate_list.set_defaults(handler=cmd_rate_list, reads_only=True)

    late = actions.add_parser("late-fee", help="pénalités de retard : 3 × taux légal + 40 €")
    late.add_argument("amount", help="montant impayé, par exemple 1234,50")
    late.add_argument("--due", type=iso_date, required=True, help="date d'échéance")
    late.add_argument("--paid", type=iso_date, help="date du paiement (défaut : aujourd'hui)")
    late.set_defaults(handler=cmd_late_fee, reads_only=True)

    table = actions.add_parser("table", help="tableau financier en PDF")
    table.add_argument("reference")
    table.add_argument("-o", "--output", required=True)
    table.add_argument("--on", type=iso_date)
    table.set_defaults(handler=cmd_table)

    release = commands.add_parser("release", help="versions des logiciels et délais d'application")
    r_actions = release.add_subparsers(dest="release_command", metavar="ACTION", required=True, parser_class=Parser)
    r_list = r_actions.add_parser("list", help="versions publiées")
    r_list.add_argument("--product")
    r_list.set_defaults(handler=cmd_release_list, reads_only=True)
    r_add = r_actions.add_parser("add", help="enregistrer une nouvelle version et sa fiche descriptive")
    r_add.add_argument("product")
    r_add.add_argument("version")
    r_add.add_argument("--date", type=iso_date, required=True, help="date de diffusion")
    r_add.add_argument("--substantial", action="store_true", help="modifie substantiellement l'exploitation")
    r_add.add_argument("--sheet", help="fiche descriptive")
    r_add.add_argument("--sheet-file", help="fiche descriptive lue dans un fichier texte")
    r_add.set_defaults(handler=cmd_release_add)
    r_install = r_actions.add_parser("install", help="version installée chez un client")
    r_install.add_argument("client")
    r_install.add_argument("product")
    r_install.add_argument("version")
    r_install.add_argument("--on", type=iso_date, help="date d'installation (défaut : aujourd'hui)")
    r_install.set_defaults(handler=cmd_release_install)
    r_status = r_actions.add_parser("status", help="versions d'un client et délais")
    r_status.add_argument("client")
    r_status.add_argument("--on", type=iso_date)
    r_status.set_defaults(handler=cmd_release_status, reads_only=True)
    r_overdue = r_actions.add_parser("overdue", help="clients hors délai d'application (R-07)")
    r_overdue.add_argument("--on", type=iso_date)
    r_overdue.set_defaults(handler=cmd_release_overdue, reads_only=True)

    for group in (actions, line_actions, index_actions, rate_actions, r_actions):
        for sub in group.choices.values():
            json_flag(sub)
            sub.set_defaults(needs_schema=True)
