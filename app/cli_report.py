"""``hotline report …``: issue the documents as PDF files, and check that a PDF is one we issued.

Every document written is also recorded in the registry of issued documents (bytes and SHA-256, with an
audit entry), in the same transaction; the file appears only once that is committed, through a
temporary file renamed into place, so a refusal or a failure never leaves a partial file behind.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app import files
from app.cli_support import EXIT_BAD_INPUT, EXIT_OK, PARIS, CliError, Parser, emit, iso_date, json_flag
from app.context import AppContext
from app.domain.telemaintenance import Step, TelemaintenanceError
from app.domain.vocabulary import DocumentKind
from app.reports import loaders
from app.reports.consent import PlannedInformation, build_consent_form
from app.reports.intervention import build_intervention_report
from app.reports.onsite_order import build_onsite_order
from app.reports.progress import build_progress_report
from app.reports.register import build_incident_register, period_label
from app.reports.style import DocumentError
from app.services import documents, intervention_documents
from app.services import incidents as incident_service
from app.services import onsite as onsite_service
from app.services import telemaintenance as telemaintenance_service

Refusals = (
    loaders.ReportDataError,
    DocumentError,
    documents.DocumentRegistryError,
    incident_service.IncidentError,
    TelemaintenanceError,
)


@dataclass(frozen=True)
class Built:
    """A document ready to issue: its bytes and what the registry records about it."""

    kind: DocumentKind
    content: bytes
    title: str
    incident_number: str | None = None
    client_code: str | None = None


def _actor(session: Session, context: AppContext) -> incident_service.Actor:
    if not context.station:
        raise CliError("Aucun code poste n'est défini : « hotline station set CODE » d'abord.")
    return incident_service.ensure_technician(
        session, context.technician_login, context.technician_name, context.station
    )


def _target(text: str) -> Path:
    path = Path(text).expanduser()
    if path.is_dir():
        raise CliError(f"hotline: « {text} » est un dossier : indiquez le nom du fichier PDF à écrire.")
    if not path.parent.resolve().is_dir():
        raise CliError(f"hotline: dossier introuvable pour « {text} ».")
    return path


def _issue(args: argparse.Namespace, context: AppContext, build: Callable[[Session], Built]) -> int:
    """Build, record and write one document; nothing is kept when any step fails."""
    target = _target(args.output)
    try:
        with files.replacing(target) as write, context.sessions.begin() as session:
            built = build(session)
            actor = _actor(session, context)
            incident = incident_service.find_incident(session, built.incident_number) if built.incident_number else None
            client = loaders.find_client(session, built.client_code) if built.client_code else None
            document = documents.issue_document(
                session,
                built.kind,
                built.content,
                incident.id if incident else None,
                client.id if client else (incident.client_id if incident else None),
                actor,
                built.title,
                target.name,
            )
            # Renamed into place once the registry row has committed (files.replacing).
            write(built.content)
    except Refusals as exc:
        raise CliError(f"hotline: {exc}") from exc
    digest = documents.sha256_of(built.content)
    claimed = documents.claimed_document_id(built.content)
    emit(
        args,
        {
            "file": str(target),
            "kind": built.kind.value,
            "document_id": claimed,
            "sha256": digest,
            "registry_id": str(document.id),
            "size_bytes": len(built.content),
        },
        f"{built.title} ({claimed}) écrit dans {target} et enregistré (SHA-256 {digest[:16]}…).",
    )
    return EXIT_OK


def _heading_title(kind: DocumentKind, subject: str) -> str:
    return f"{kind.label} — {subject}"


def cmd_intervention(args: argparse.Namespace, context: AppContext) -> int:
    def build(session: Session) -> Built:
        key = args.reference.strip().upper()
        if "/S" not in key:
            try:
                view = telemaintenance_service.view(session, key)
            except TelemaintenanceError:
                if "/T" in key:
                    raise
            else:
                sent = intervention_documents.sent_document(session, view.reference, Step.REPORT)
                if sent is not None and sent.content is not None and not args.result:
                    # The report the client was sent at step 6, byte for byte.
                    return Built(DocumentKind.INTERVENTION_REPORT, sent.content, sent.title, view.incident_number)
                data = loaders.intervention_report_data(
                    session, view.incident_number, telemaintenance=view.workflow, result=args.result or ""
                )
                return Built(
                    DocumentKind.INTERVENTION_REPORT,
                    build_intervention_report(data),
                    _heading_title(DocumentKind.INTERVENTION_REPORT, view.reference),
                    view.incident_number,
                )
        onsite = onsite_service.view(session, key)
        data = loaders.intervention_report_data(
            session, onsite.incident_number, onsite=onsite.intervention, result=args.result or ""
        )
        return Built(
            DocumentKind.INTERVENTION_REPORT,
            build_intervention_report(data),
            _heading_title(DocumentKind.INTERVENTION_REPORT, onsite.reference),
            onsite.incident_number,
        )

    return _issue(args, context, build)


def cmd_consent(args: argparse.Namespace, context: AppContext) -> int:
    def build(session: Session) -> Built:
        view = telemaintenance_service.view(session, args.reference)
        sent = intervention_documents.sent_document(session, view.reference, Step.INFORMATION)
        if sent is not None and sent.content is not None:
            # The form the client was sent at step 1, byte for byte (the registry keeps it).
            return Built(DocumentKind.CONSENT_FORM, sent.content, sent.title, view.incident_number)
        planned = PlannedInformation(
            view.nature, view.files, view.risks, view.delay_minutes, view.precautions_requested, view.reference
        )
        data = loaders.consent_form_data(
            session,
            view.incident_number,
            view.workflow,
            planned=planned,
            technician=view.created_by,
            prepared_at=view.created_at,
        )
        return Built(
            DocumentKind.CONSENT_FORM,
            build_consent_form(data),
            _heading_title(DocumentKind.CONSENT_FORM, view.reference),
            view.incident_number,
        )

    return _issue(args, context, build)


def cmd_onsite(args: argparse.Namespace, context: AppContext) -> int:
    def build(session: Session) -> Built:
        view = onsite_service.view(session, args.reference)
        data = loaders.onsite_order_data(session, view.incident_number, view.intervention)
        return Built(
            DocumentKind.OTHER,
            build_onsite_order(data),
            f"Intervention sur site : devis et commande — {view.reference}",
            view.incident_number,
        )

    return _issue(args, context, build)


def cmd_progress(args: argparse.Namespace, context: AppContext) -> int:
    def build(session: Session) -> Built:
        data = loaders.progress_report_data(session, args.number)
        return Built(
            DocumentKind.PROGRESS_REPORT,
            build_progress_report(data),
            _heading_title(DocumentKind.PROGRESS_REPORT, data.incident.number),
            data.incident.number,
        )

    return _issue(args, context, build)


def cmd_register(args: argparse.Namespace, context: AppContext) -> int:
    def build(session: Session) -> Built:
        data = loaders.register_data(session, args.client, args.date_from, args.date_to)
        period = period_label(data.period_from, data.period_to)
        return Built(
            DocumentKind.INCIDENT_REGISTER,
            build_incident_register(data),
            f"{DocumentKind.INCIDENT_REGISTER.label} {data.client.code} {period}",
            client_code=data.client.code,
        )

    return _issue(args, context, build)


def cmd_verify(args: argparse.Namespace, context: AppContext) -> int:
    path = Path(args.file).expanduser()
    try:
        content = path.read_bytes()
    except FileNotFoundError as exc:
        raise CliError(f"hotline: fichier introuvable : {args.file}") from exc
    except IsADirectoryError as exc:
        raise CliError(f"hotline: « {args.file} » est un dossier, pas un document.") from exc
    except OSError as exc:
        raise CliError(f"hotline: fichier illisible ({args.file}) : {exc.strerror}") from exc
    with context.sessions() as session:
        found = documents.find_issued(session, content)
    digest = documents.sha256_of(content)
    if found is None:
        claimed = documents.claimed_document_id(content)
        also = f" ; il se présente comme le document {claimed}" if claimed else ""
        raise CliError(
            f"Document inconnu ou modifié : aucun document émis par cette base n'a cette empreinte "
            f"(SHA-256 {digest[:16]}…){also}.",
            EXIT_BAD_INPUT,
        )
    about = []
    if found.incident_number:
        about.append(f"incident n° {found.incident_number}")
    if found.client_code:
        about.append(f"client {found.client_code}")
    when = found.issued_at.astimezone(PARIS)
    text = (
        f"Document authentique : {found.kind.label}"
        + (f" {found.document_id}" if found.document_id else "")
        + (f" ({', '.join(about)})" if about else "")
        + f", émis le {when:%d/%m/%Y à %H:%M} par {found.author or 'auteur inconnu'} ; SHA-256 {digest}."
    )
    emit(
        args,
        {
            "ok": True,
            "kind": found.kind.value,
            "kind_label": found.kind.label,
            "title": found.title,
            "document_id": found.document_id,
            "incident": found.incident_number,
            "client": found.client_code,
            "issued_at": found.issued_at.isoformat(),
            "author": found.author,
            "sha256": digest,
        },
        text,
    )
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``report`` and its documents to the ``hotline`` parser."""
    report = commands.add_parser("report", help="documents PDF : émettre, vérifier")
    actions = report.add_subparsers(dest="report_command", metavar="DOCUMENT", required=True, parser_class=Parser)

    def document(name: str, help_text: str, handler: Callable, *positional: tuple[str, str]) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text)
        for argument, argument_help in positional:
            sub.add_argument(argument, help=argument_help)
        sub.add_argument("-o", "--output", required=True, metavar="FICHIER", help="fichier PDF à écrire")
        json_flag(sub)
        sub.set_defaults(handler=handler, needs_schema=True)
        return sub

    intervention = document(
        "intervention",
        "compte rendu d'intervention (télémaintenance ou sur site)",
        cmd_intervention,
        ("reference", "n° d'incident, ou référence d'intervention (NCY-2600042-D/T1, …/S1)"),
    )
    intervention.add_argument("--result", help="résultat de l'intervention (défaut : la résolution de l'incident)")
    document(
        "consent",
        "information préalable et accord écrit d'une télémaintenance (R-18)",
        cmd_consent,
        ("reference", "référence de la télémaintenance (NCY-2600042-D/T1) ou n° d'incident"),
    )
    document(
        "onsite",
        "devis et commande d'une intervention sur site (R-19)",
        cmd_onsite,
        ("reference", "référence de l'intervention sur site (NCY-2600042-D/S1) ou n° d'incident"),
    )
    document("progress", "compte rendu d'avancement d'un incident (R-13)", cmd_progress, ("number", "n° d'incident"))
    register_parser = document(
        "register", "registre des incidents d'un client (R-13)", cmd_register, ("client", "code client ou n° hotline")
    )
    register_parser.add_argument("--from", dest="date_from", type=iso_date, metavar="AAAA-MM-JJ", help="premier jour")
    register_parser.add_argument("--to", dest="date_to", type=iso_date, metavar="AAAA-MM-JJ", help="dernier jour")

    from app import cli_supervisor

    cli_supervisor.register(actions)

    verify = actions.add_parser("verify", help="dire si un PDF est un document émis par cette base, inaltéré")
    verify.add_argument("file", metavar="FICHIER")
    json_flag(verify)
    verify.set_defaults(handler=cmd_verify, reads_only=True, needs_schema=True)


__all__ = ["register"]
