"""``hotline audit verify``: check the whole hash-chained audit log (R-18, R-30) from the command line."""

from __future__ import annotations

import argparse

from app.cli_support import EXIT_FAILED, EXIT_OK, Parser, emit, json_flag
from app.context import AppContext
from app.services import audit


def cmd_verify(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions() as session:
        report = audit.verify_chain(session)
    data = {
        "ok": report.ok,
        "checked": report.checked,
        "first_broken_seq": report.first_broken_seq,
        "reason": report.reason,
    }
    if report.ok:
        # French keeps 0 and 1 in the singular.
        entries = "entrée vérifiée" if report.checked < 2 else "entrées vérifiées"
        emit(args, data, f"Journal d'audit intègre : {report.checked} {entries}.")
        return EXIT_OK
    emit(args, data, f"Journal d'audit altéré à l'entrée n° {report.first_broken_seq} : {report.reason}.")
    return EXIT_FAILED


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``audit`` and its actions to the ``hotline`` parser."""
    audit_parser = commands.add_parser("audit", help="journal d'audit chaîné")
    actions = audit_parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True, parser_class=Parser)
    verify = actions.add_parser("verify", help="vérifier toute la chaîne et nommer la première entrée altérée")
    json_flag(verify)
    verify.set_defaults(handler=cmd_verify, reads_only=True, needs_schema=True)


__all__ = ["register"]
