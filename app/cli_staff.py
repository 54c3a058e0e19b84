"""``hotline staff list|role``: the vendor's staff and their roles (R-30)."""

from __future__ import annotations

import argparse

from app.cli_support import EXIT_OK, CliError, Parser, emit, json_flag
from app.context import AppContext
from app.domain.vocabulary import Role
from app.services import staff

# What people type, in French or as stored.
_ROLE_WORDS = {
    "technicien": Role.TECHNICIAN,
    "technician": Role.TECHNICIAN,
    "superviseur": Role.SUPERVISOR,
    "supervisor": Role.SUPERVISOR,
    "administrateur": Role.ADMIN,
    "admin": Role.ADMIN,
}


def _role(text: str) -> Role:
    role = _ROLE_WORDS.get(text.strip().lower())
    if role is None:
        raise argparse.ArgumentTypeError(f"rôle inconnu « {text} » (technicien, superviseur ou administrateur)")
    return role


def cmd_list(args: argparse.Namespace, context: AppContext) -> int:
    with context.sessions() as session:
        people = staff.list_technicians(session)
    rows = [{"login": p.login, "name": p.full_name, "role": p.role_label, "active": p.active} for p in people]
    data = {"staff": rows}
    width = max((len(p.login) for p in people), default=0)
    lines = [f"{p.login:<{width}}  {p.full_name} — {p.role_label}{'' if p.active else ' (inactif)'}" for p in people]
    emit(args, data, "\n".join(lines) if lines else "Aucun membre du personnel enregistré.")
    return EXIT_OK


def cmd_role(args: argparse.Namespace, context: AppContext) -> int:
    try:
        with context.sessions.begin() as session:
            person = staff.set_role(
                session,
                args.login,
                args.role,
                by_login=context.technician_login,
                station=context.station or "",
                full_name=args.name,
            )
    except staff.StaffError as exc:
        raise CliError(f"hotline: {exc}") from exc
    data = {"login": person.login, "name": person.full_name, "role": person.role_label}
    emit(args, data, f"{person.full_name} ({person.login}) : {person.role_label.lower()}.")
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``staff`` and its actions to the ``hotline`` parser."""
    parser = commands.add_parser("staff", help="personnel et rôles")
    actions = parser.add_subparsers(dest="staff_command", metavar="ACTION", required=True, parser_class=Parser)
    listing = actions.add_parser("list", help="le personnel, son rôle, actif ou non")
    json_flag(listing)
    listing.set_defaults(handler=cmd_list, reads_only=True, needs_schema=True)
    role = actions.add_parser(
        "role",
        help="attribuer un rôle (un administrateur ; tant qu'il n'y en a aucun, le premier rôle attribué "
        "installe l'équipe)",
    )
    role.add_argument("login", help="identifiant de la personne")
    role.add_argument("role", type=_role, help="technicien, superviseur ou administrateur")
    role.add_argument("--name", help="nom complet (pour ajouter une personne pas encore enregistrée)")
    json_flag(role)
    role.set_defaults(handler=cmd_role, needs_schema=True)


__all__ = ["register"]
