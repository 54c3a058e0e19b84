"""``hotline telemaintenance …``: a remote intervention through R-18's six steps from the command line.

Each action is one transaction: a step refused (out of order, twice, after the end, a consent by someone
who is not an RTC and not confirmed) writes nothing and prints one French line, exit code 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.cli_support import EXIT_OK, PARIS, CliError, Parser, bounded_int, emit, iso_instant, json_flag
from app.context import AppContext
from app.domain.telemaintenance import (
    DEFAULT_PRECAUTIONS,
    ConfirmedPrecaution,
    ConsentVia,
    ConsentWarning,
    NotifiedVia,
    Precaution,
    PrecautionKind,
    SentVia,
    Step,
    TelemaintenanceError,
)
from app.services import incidents as incident_service
from app.services import telemaintenance as svc


def _actor(session: Session, context: AppContext) -> incident_service.Actor:
    if not context.station:
        raise CliError("Aucun code poste n'est défini : « hotline station set CODE » d'abord.")
    return incident_service.ensure_technician(
        session, context.technician_login, context.technician_name, context.station
    )


def _run(context: AppContext, operation: Callable[[Session, incident_service.Actor], svc.TelemaintenanceView]) -> Any:
    try:
        with context.sessions.begin() as session:
            return operation(session, _actor(session, context))
    except ConsentWarning as exc:
        raise CliError(f"hotline: {exc} Relancer avec --confirm-non-rtc pour l'enregistrer.") from exc
    except (TelemaintenanceError, incident_service.IncidentError) as exc:
        raise CliError(f"hotline: {exc}") from exc
    except ValueError as exc:  # a document that cannot be built (report data, registry): French message
        raise CliError(f"hotline: {exc}") from exc


def _choice(enum_cls: type) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            return enum_cls.parse(text.replace("-", "_"))
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from exc

    return parse


def _file_list(text: str) -> list[str]:
    files = [f.strip() for f in text.split(",") if f.strip()]
    if not files:
        raise argparse.ArgumentTypeError("liste de fichiers vide (séparer les noms par des virgules)")
    return files


def _yes_no(text: str) -> bool:
    value = text.strip().lower()
    if value in {"yes", "oui", "o", "y", "true", "1"}:
        return True
    if value in {"no", "non", "n", "false", "0"}:
        return False
    raise argparse.ArgumentTypeError(f"« {text} » : oui ou non attendu")


def _when(at: Any) -> str:
    return at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M") if at else ""


def _data(view: svc.TelemaintenanceView) -> dict[str, Any]:
    difference = view.files_difference
    return {
        "reference": view.reference,
        "incident": view.incident_number,
        "client": {"code": view.client_code, "name": view.client_name},
        "state": view.state.value,
        "state_label": view.state.label,
        "state_since": view.state_since.astimezone(PARIS).isoformat(timespec="minutes"),
        "next_step": view.next_step.number if view.next_step else None,
        "next_step_label": view.next_step.label if view.next_step else None,
        "nature": view.nature,
        "files": list(view.files),
        "risks": view.risks,
        "delay_minutes": view.delay_minutes,
        "precautions_requested": [p.label for p in view.precautions_requested],
        "begun_at": view.begun_at.astimezone(PARIS).isoformat(timespec="minutes") if view.begun_at else None,
        "waited_hotline_minutes": round(view.waited_minutes, 1),
        "files_difference": (
            {"added": list(difference.added), "not_touched": list(difference.not_touched)} if difference else None
        ),
        "steps": [
            {"number": s.step.number, "step": s.step.value, "at": s.at.isoformat(), "author": s.author}
            for s in view.workflow.steps
        ],
        "history": view.history(),
    }


def _text(view: svc.TelemaintenanceView) -> str:
    lines = [
        f"Télémaintenance {view.reference} — incident {view.incident_number} — {view.client_name} ({view.client_code})",
        f"État : {view.state.label} (depuis le {_when(view.state_since)})",
    ]
    if view.next_step is not None:
        lines.append(f"Étape attendue : {view.next_step.number}. {view.next_step.label}")
    if view.waited_minutes:
        lines.append(f"Attente du client : {view.waited_minutes:.0f} min d'ouverture de la hotline")
    difference = view.files_difference
    if difference is not None and difference.any:
        lines.append(f"⚠ Fichiers {difference.describe()}")
    lines.append("Historique :")
    lines += [f"  {line}" for line in view.history()]
    return "\n".join(lines)


def _done(args: argparse.Namespace, view: svc.TelemaintenanceView, headline: str) -> int:
    text = f"{headline}\nÉtat : {view.state.label}"
    if view.next_step is not None:
        text += f" — étape suivante : {view.next_step.number}. {view.next_step.label}"
    emit(args, _data(view), text)
    return EXIT_OK


def cmd_start(args: argparse.Namespace, context: AppContext) -> int:
    precautions = [_precaution(p) for p in args.precaution] or list(DEFAULT_PRECAUTIONS)
    view = _run(
        context,
        lambda s, a: svc.start(
            s,
            a,
            args.number,
            nature=args.nature,
            files=args.files,
            risks=args.risks,
            delay_minutes=args.delay,
            precautions=precautions,
        ),
    )
    return _done(args, view, f"Télémaintenance {view.reference} préparée.")


def _precaution(text: str) -> Precaution:
    kind, _, detail = text.partition(":")
    try:
        return Precaution(PrecautionKind.parse(kind.strip().replace("-", "_")), detail.strip())
    except ValueError as exc:
        raise CliError(f"hotline: opération de protection « {text} » : {exc}") from exc


def cmd_inform(args: argparse.Namespace, context: AppContext) -> int:
    if args.document:
        view = _run(
            context, lambda s, a: svc.inform(s, a, args.id, via=args.via, document_reference=args.document, at=args.at)
        )
    else:
        from app.services import intervention_documents

        view = _run(
            context, lambda s, a: intervention_documents.inform_with_form(s, a, args.id, via=args.via, at=args.at)
        )
    return _done(args, view, "Étape 1 enregistrée : information écrite envoyée au client.")


def cmd_consent(args: argparse.Namespace, context: AppContext) -> int:
    if args.evidence is None and not args.evidence_ref:
        raise CliError("hotline: pièce justificative de l'accord : --evidence FICHIER ou --evidence-ref TEXTE.")
    view = _run(
        context,
        lambda s, a: svc.consent(
            s,
            a,
            args.id,
            by=args.by,
            via=args.via,
            evidence_reference=args.evidence_ref,
            evidence_file=args.evidence,
            confirmed_non_rtc=args.confirm_non_rtc,
            at=args.at,
        ),
    )
    return _done(args, view, "Étape 2 enregistrée : accord écrit préalable du client.")


def cmd_refuse(args: argparse.Namespace, context: AppContext) -> int:
    view = _run(context, lambda s, a: svc.refuse(s, a, args.id, by=args.by, reason=args.reason, at=args.at))
    return _done(args, view, "Refus de l'accord enregistré : la télémaintenance est terminée.")


def cmd_withdraw(args: argparse.Namespace, context: AppContext) -> int:
    view = _run(context, lambda s, a: svc.withdraw(s, a, args.id, by=args.by, reason=args.reason, at=args.at))
    return _done(args, view, "Retrait de l'accord enregistré : la télémaintenance est terminée.")


def cmd_precautions(args: argparse.Namespace, context: AppContext) -> int:
    def operation(session: Session, actor: incident_service.Actor) -> svc.TelemaintenanceView:
        view = svc.view(session, args.id)
        confirmed_by = args.confirmed_by or _consenting_person(view)
        items: list[ConfirmedPrecaution] = []
        if args.backup == "full":
            items.append(ConfirmedPrecaution(Precaution(PrecautionKind.FULL_BACKUP), confirmed_by))
        elif args.backup == "partial":
            items.append(
                ConfirmedPrecaution(Precaution(PrecautionKind.PARTIAL_BACKUP, args.backup_scope or ""), confirmed_by)
            )
        if args.stopped:
            items.append(ConfirmedPrecaution(Precaution(PrecautionKind.STOP_OF_USE), confirmed_by))
        items += [ConfirmedPrecaution(Precaution(PrecautionKind.OTHER, other), confirmed_by) for other in args.other]
        return svc.confirm_precautions(session, actor, args.id, items, at=args.at)

    view = _run(context, operation)
    return _done(args, view, "Étape 3 enregistrée : opérations de protection confirmées par le client.")


def _consenting_person(view: svc.TelemaintenanceView) -> str:
    from app.domain.telemaintenance import Consent

    view.workflow.check_not_finished()
    consent = view.workflow.evidence(Step.CONSENT)
    if isinstance(consent, Consent):
        return consent.who
    raise TelemaintenanceError(
        "Étape 2 (accord écrit préalable du client) manquante : elle doit précéder "
        "la confirmation des opérations de protection.",
        missing=Step.CONSENT,
    )


def cmd_begin(args: argparse.Namespace, context: AppContext) -> int:
    view = _run(context, lambda s, a: svc.begin(s, a, args.id, at=args.at))
    return _done(args, view, f"Début de l'intervention noté ({_when(view.begun_at)}).")


def cmd_end(args: argparse.Namespace, context: AppContext) -> int:
    view = _run(
        context,
        lambda s, a: svc.finish_intervention(
            s, a, args.id, actions=args.actions, files_touched=args.files, start=args.start, end=args.at
        ),
    )
    headline = "Étape 4 enregistrée : intervention terminée."
    difference = view.files_difference
    if difference is not None and difference.any:
        headline += f"\n⚠ Fichiers {difference.describe()}"
    return _done(args, view, headline)


def cmd_normal(args: argparse.Namespace, context: AppContext) -> int:
    view = _run(context, lambda s, a: svc.notify_return_to_normal(s, a, args.id, via=args.via, when=args.at))
    return _done(args, view, "Étape 5 enregistrée : retour à la normale notifié au client.")


def cmd_report(args: argparse.Namespace, context: AppContext) -> int:
    if args.document:
        view = _run(
            context, lambda s, a: svc.send_report(s, a, args.id, document_reference=args.document, sent_at=args.at)
        )
    else:
        from app.services import intervention_documents

        view = _run(context, lambda s, a: intervention_documents.send_report_issued(s, a, args.id, at=args.at))
    return _done(args, view, "Étape 6 enregistrée : compte rendu écrit envoyé. Télémaintenance terminée.")


def cmd_show(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions() as session:
        try:
            view = svc.view(session, args.id)
        except TelemaintenanceError as exc:
            raise CliError(f"hotline: {exc}") from exc
    emit(args, _data(view), _text(view))
    return EXIT_OK


def cmd_list(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions() as session:
        try:
            rows = svc.list_jobs(session, waiting_only=args.waiting, include_finished=args.all)
        except (TelemaintenanceError, incident_service.IncidentError) as exc:
            raise CliError(f"hotline: {exc}") from exc
    data = {
        "telemaintenances": [
            {
                "reference": r.reference,
                "incident": r.incident_number,
                "client": r.client_code,
                "state": r.state.value,
                "since": r.state_since.astimezone(PARIS).isoformat(timespec="minutes"),
                "hotline_minutes_in_state": round(r.minutes_in_state, 1),
            }
            for r in rows
        ]
    }
    if not rows:
        text = "Aucune télémaintenance en attente du client." if args.waiting else "Aucune télémaintenance en cours."
    else:
        text = "\n".join(
            f"{r.reference:<20} {r.client_name[:32]:<32} {r.state.label}"
            + (f" le {_when(r.state_since)}" if r.state.finished else f" — depuis {r.minutes_in_state:.0f} min hotline")
            for r in rows
        )
    emit(args, data, text)
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``telemaintenance`` and its actions to the ``hotline`` parser."""
    parser = commands.add_parser("telemaintenance", help="télémaintenance avec accord écrit du client (R-18)")
    actions = parser.add_subparsers(dest="tm_command", metavar="ACTION", required=True, parser_class=Parser)

    def action(
        name: str, help_text: str, handler: Callable[..., int], reads_only: bool = False
    ) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text)
        json_flag(sub)
        sub.set_defaults(handler=handler, reads_only=reads_only, needs_schema=True)
        if name not in {"start", "list"}:
            sub.add_argument("id", help="référence (NCY-2600042-D/T1) ou numéro de l'incident")
        if not reads_only and name != "start":
            sub.add_argument("--at", type=iso_instant, help="date et heure de l'étape (défaut : maintenant)")
        return sub

    start = action("start", "préparer une télémaintenance d'un incident ouvert", cmd_start)
    start.add_argument("number", help="numéro de l'incident")
    start.add_argument("--nature", required=True, help="nature de l'intervention")
    start.add_argument("--files", required=True, type=_file_list, help="fichiers concernés, séparés par des virgules")
    start.add_argument("--risks", required=True, help="risques possibles")
    start.add_argument("--delay", required=True, type=bounded_int(1, 100_000), help="délai prévu en minutes")
    start.add_argument(
        "--precaution",
        action="append",
        default=[],
        help="opération de protection à demander (full_backup, partial_backup[:périmètre], stop_of_use, other:texte) ;"
        " défaut : sauvegarde complète et arrêt de l'utilisation",
    )

    inform = action("inform", "étape 1 : information écrite envoyée", cmd_inform)
    inform.add_argument("--via", required=True, type=_choice(SentVia), help="portal, email ou letter")
    inform.add_argument(
        "--document", help="référence d'un document déjà envoyé (sinon le formulaire d'accord est émis et enregistré)"
    )

    consent = action("consent", "étape 2 : accord écrit préalable", cmd_consent)
    consent.add_argument("--by", required=True, help="nom du contact (RTC) qui donne l'accord")
    consent.add_argument("--via", required=True, type=_choice(ConsentVia), help="signed-form, email ou portal")
    consent.add_argument("--evidence", type=Path, help="fichier de la pièce justificative (conservé avec son SHA-256)")
    consent.add_argument("--evidence-ref", help="référence de la pièce (message, dépôt sur l'espace client)")
    consent.add_argument(
        "--confirm-non-rtc",
        dest="confirm_non_rtc",
        action="store_true",
        help="enregistrer l'accord d'une personne qui n'est pas RTC",
    )

    for name, handler, what in (
        ("refuse", cmd_refuse, "refus de l'accord"),
        ("withdraw", cmd_withdraw, "retrait de l'accord"),
    ):
        sub = action(name, f"{what} : fin de la télémaintenance", handler)
        sub.add_argument("--by", required=True, help="nom du contact")
        sub.add_argument("--reason", default="motif non précisé par le client", help="motif")

    precautions = action("precautions", "étape 3 : opérations de protection confirmées", cmd_precautions)
    precautions.add_argument("--backup", choices=["full", "partial", "none"], default="none", help="sauvegarde faite")
    precautions.add_argument("--backup-scope", help="périmètre d'une sauvegarde partielle")
    precautions.add_argument("--stopped", type=_yes_no, default=False, help="utilisation arrêtée : yes/no")
    precautions.add_argument("--other", action="append", default=[], help="autre opération confirmée (texte exact)")
    precautions.add_argument("--confirmed-by", help="qui les a confirmées (défaut : la personne qui a donné l'accord)")

    action("begin", "noter le début de l'intervention (connexion)", cmd_begin)

    end = action("end", "étape 4 : intervention terminée", cmd_end)
    end.add_argument("--actions", required=True, help="actions réalisées")
    end.add_argument("--files", required=True, type=_file_list, help="fichiers réellement touchés")
    end.add_argument("--start", type=iso_instant, help="début, si « begin » n'a pas été noté")

    normal = action("normal", "étape 5 : retour à la normale notifié", cmd_normal)
    normal.add_argument(
        "--via", type=_choice(NotifiedVia), default=NotifiedVia.PHONE, help="phone, email, portal, letter"
    )

    report = action("report", "étape 6 : compte rendu écrit envoyé", cmd_report)
    report.add_argument("--document", help="référence d'un compte rendu déjà envoyé (sinon il est émis et enregistré)")

    action("show", "afficher une télémaintenance et son historique", cmd_show, reads_only=True)

    listing = action("list", "télémaintenances en cours", cmd_list, reads_only=True)
    listing.add_argument("--waiting", action="store_true", help="seulement celles qui attendent le client")
    listing.add_argument("--all", action="store_true", help="y compris les terminées")


__all__ = ["register"]
