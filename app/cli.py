"""The ``hotline`` command: the GUI by default, and the administration and data commands.

Bad input gets one line on stderr and exit code 2, never a traceback, and nothing written. A database
that cannot be reached gets one line and exit code 1.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from app import __version__, secrets
from app.cli_support import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    Parser,
    bounded_int,
    emit,
    iso_date,
    json_flag,
)
from app.config import ConfigError
from app.context import AppContext
from app.db import migrate
from app.domain.numbering import NumberError, normalize_station
from app.launcher import resume_collections
from app.logging_setup import configure_logging

log = logging.getLogger("hotline.cli")

# Sub-command modules by the commands they add. Only the one a command line names is imported (the GUI
# needs none of them): importing them all costs about half a second of start-up (PDF fonts, every model).
_SUBCOMMAND_MODULES = {
    "schedule": "cli_schedule",
    "incident": "cli_incident",
    "sla": "cli_incident",
    "call": "cli_incident",
    "audit": "cli_audit",
    "telemaintenance": "cli_telemaintenance",
    "onsite": "cli_onsite",
    "sync": "cli_sync",
    "portal": "cli_sync",
    "report": "cli_report",
    "contract": "cli_contracts",
    "release": "cli_contracts",
    "backup": "cli_backup",
    "rota": "cli_rota",
    "staff": "cli_staff",
}
_GLOBAL_OPTIONS_WITH_VALUE = {"--db"}

# --- database -------------------------------------------------------------------------------------


def _is_empty(context: AppContext) -> bool:
    return not inspect(context.engine).get_table_names()


def _ensure_schema(context: AppContext, *, auto_create: bool) -> None:
    """Refuse a database that is behind the code; create the schema of a brand-new embedded one."""
    state = migrate.schema_state(context.engine)
    if not state.at_head:
        if not (state.current is None and auto_create and context.mode == "solo" and _is_empty(context)):
            migrate.require_head(context.engine)
        resume_collections()  # a long job: collections run as usual
        migrate.upgrade(context.engine)
    _refresh_calendar_mirror(context)


def _refresh_calendar_mirror(context: AppContext) -> None:
    from app.services.calendar_config import refresh_mirror_if_stale

    with context.sessions.begin() as session:
        refresh_mirror_if_stale(session)


def cmd_db_upgrade(args: argparse.Namespace, context: AppContext) -> int:
    before = migrate.current_revision(context.engine)
    backup = migrate.upgrade(context.engine)
    _refresh_calendar_mirror(context)
    after = migrate.current_revision(context.engine)
    text = f"Base à jour (version {after})." if before == after else f"Base mise à jour : {before or 'vide'} → {after}."
    if backup:
        text += f" Copie de sauvegarde : {backup}"
    emit(args, {"before": before, "after": after, "backup": str(backup) if backup else None}, text)
    return EXIT_OK


def cmd_db_current(args: argparse.Namespace, context: AppContext) -> int:
    state = migrate.schema_state(context.engine)
    text = f"Version {state.current or 'aucune (base vide)'} ; dernière : {state.head}"
    text += " — à jour." if state.at_head else " — lancez « hotline db upgrade »."
    emit(
        args,
        {"current": state.current, "head": state.head, "at_head": state.at_head, "mode": context.mode},
        text,
    )
    return EXIT_OK


def cmd_db_check(args: argparse.Namespace, context: AppContext) -> int:
    state = migrate.schema_state(context.engine)
    if not state.at_head:
        emit(
            args,
            {"ok": False, "current": state.current, "head": state.head, "differences": []},
            f"La base n'est pas à la dernière version ({state.current or 'vide'} ≠ {state.head}) : "
            "lancez « hotline db upgrade » avant de la vérifier.",
        )
        return EXIT_FAILED
    differences = [repr(d) for d in migrate.drift(context.engine)]
    if differences:
        text = "Les modèles et les migrations ne concordent pas :\n" + "\n".join(f"  {d}" for d in differences)
    else:
        text = f"Schéma conforme aux modèles (version {state.head})."
    emit(
        args,
        {"ok": not differences, "current": state.current, "head": state.head, "differences": differences},
        text,
    )
    return EXIT_FAILED if differences else EXIT_OK


def cmd_db_password(args: argparse.Namespace, context: AppContext) -> int:
    url = make_url(context.database_url)
    if url.get_backend_name() == "sqlite":
        raise CliError("Une base SQLite n'a pas de mot de passe : cette commande sert au mode équipe.")
    if url.password is not None:
        raise CliError("L'URL contient déjà un mot de passe : retirez-le de l'URL, il ira dans le trousseau.")
    password = sys.stdin.readline().rstrip("\n") if args.stdin else getpass.getpass("Mot de passe : ")
    if not password:
        raise CliError("Mot de passe vide : rien n'a été enregistré.")
    name = secrets.database_secret_name(url.username, url.host, url.database)
    if not secrets.set_secret(name, password):
        raise CliError(
            "Aucun trousseau système n'est disponible sur ce poste : le mot de passe n'a pas été enregistré "
            "et l'application le demandera à chaque démarrage.",
            EXIT_FAILED,
        )
    emit(args, {"stored": True, "where": secrets.backend_name()}, "Mot de passe enregistré dans le trousseau.")
    return EXIT_OK


# --- station --------------------------------------------------------------------------------------


def cmd_station_set(args: argparse.Namespace, context: AppContext) -> int:
    code = normalize_station(args.code)
    context.settings.station_code = code
    context.settings.save(context.paths)
    emit(args, {"station": code}, f"Code poste : {code}")
    return EXIT_OK


def cmd_station_show(args: argparse.Namespace, context: AppContext) -> int:
    code = context.settings.station_code
    text = f"Code poste : {code}" if code else "Aucun code poste défini : « hotline station set CODE »."
    emit(args, {"station": code, "technician": context.technician_name}, text)
    return EXIT_OK


# --- demo -----------------------------------------------------------------------------------------


def cmd_demo_seed(args: argparse.Namespace, context: AppContext) -> int:
    from app.services.demo_seed import recent_end, seed_demo

    _ensure_schema(context, auto_create=True)
    summary = seed_demo(
        context.engine,
        seed=args.seed,
        clients=args.clients,
        incidents=args.incidents,
        end=args.end or recent_end(),
        years=args.years,
        contacts=args.contacts,
    )
    data = {"database": context.location, **vars(summary)}
    text = (
        f"Base de démonstration remplie ({context.location}) : {summary.clients} clients, "
        f"{summary.contacts} contacts, {summary.incidents} incidents, {summary.calls} appels."
    )
    emit(args, data, text)
    return EXIT_OK


def seed_demo_if_empty(context: AppContext) -> None:
    """``--demo``: the demo database is created and seeded the first time it is used."""
    from app.db.models import Client
    from app.services.demo_seed import recent_end, seed_demo

    _ensure_schema(context, auto_create=True)
    with context.sessions() as session:
        if session.query(Client.id).first() is not None:
            return
    resume_collections()  # a long job: collections run as usual
    seed_demo(context.engine, end=recent_end())


# --- GUI ------------------------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace, context: AppContext) -> int:
    screenshot = Path(args.screenshot).expanduser().resolve() if getattr(args, "screenshot", None) else None
    if screenshot is not None and not screenshot.parent.is_dir():
        raise CliError(f"Dossier inexistant pour la capture : {screenshot.parent}")
    _choose_qt_platform(screenshot is not None)
    if context.demo:
        seed_demo_if_empty(context)
    else:
        _ensure_schema(context, auto_create=True)
    from ui.app import run_gui  # Qt is imported only when a window is wanted

    return run_gui(context, screenshot=screenshot)


# Libraries Qt's X11 plugin loads at run time (and the Debian packages that have them): when one is
# missing Qt aborts the whole process, so say which to install instead.
_XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


def _missing_x11_libraries() -> list[str]:
    import ctypes.util

    return [package for library, package in _XCB_LIBRARIES.items() if ctypes.util.find_library(library) is None]


def _choose_qt_platform(screenshot: bool) -> None:
    """A capture needs no screen: it is drawn offscreen. A window does: without one, say so in one line
    instead of letting Qt abort the process."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise CliError(
            "hotline: aucun écran disponible (ni DISPLAY ni WAYLAND_DISPLAY) : ouvrez l'application dans une "
            "session graphique, ou utilisez « hotline gui --screenshot FICHIER ».",
            EXIT_FAILED,
        )
    elif sys.platform.startswith("linux") and os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        missing = _missing_x11_libraries()
        if missing:
            raise CliError(
                "hotline: Qt ne peut pas ouvrir de fenêtre X11, il manque des bibliothèques système : "
                f"installez {' '.join(missing)} (par exemple « sudo apt install {' '.join(missing)} »).",
                EXIT_FAILED,
            )


# --- parser ---------------------------------------------------------------------------------------


def _modules_for(argv: Sequence[str] | None) -> list[str]:
    """The sub-command modules to register for this command line, in a stable order.

    The first positional word names the command; none (the GUI), ``gui`` or a built-in command needs no
    module; help or an unknown word needs them all, so that the usage lists every command.
    """
    every = list(dict.fromkeys(_SUBCOMMAND_MODULES.values()))
    if argv is None:
        return every
    words = list(argv)
    index = 0
    while index < len(words):
        word = words[index]
        if word in _GLOBAL_OPTIONS_WITH_VALUE:
            index += 2
            continue
        if word.startswith("--db=") or word in ("--demo", "--version"):
            index += 1
            continue
        if word.startswith("-"):
            return every  # -h / --help, or an option argparse will refuse with the full usage
        if word in _BUILT_IN:
            return []
        module = _SUBCOMMAND_MODULES.get(word)
        return [module] if module else every
    return []


_BUILT_IN = {"gui", "db", "station", "demo"}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = Parser(prog="hotline", description="Hotline DEFI INFORMATIQUE : assistance téléphonique.")
    parser.add_argument("--version", action="version", version=f"hotline {__version__}")
    parser.add_argument("--db", metavar="URL", help="base de données (URL SQLAlchemy ou chemin d'un fichier SQLite)")
    parser.add_argument("--demo", action="store_true", help="travailler sur la base de démonstration")
    parser.set_defaults(handler=cmd_gui)
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=Parser)

    gui = commands.add_parser("gui", help="ouvrir la fenêtre principale")
    gui.add_argument("--screenshot", metavar="PATH", help="enregistrer une capture PNG de la fenêtre et quitter")
    gui.set_defaults(handler=cmd_gui)

    db = commands.add_parser("db", help="schéma de la base de données")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True, parser_class=Parser)
    for name, handler, help_text in (
        ("upgrade", cmd_db_upgrade, "mettre la base à la dernière version"),
        ("check", cmd_db_check, "vérifier que la base correspond aux modèles"),
        ("current", cmd_db_current, "afficher la version de la base"),
    ):
        sub = db_commands.add_parser(name, help=help_text)
        json_flag(sub)
        sub.set_defaults(handler=handler, reads_only=name != "upgrade")

    password = db_commands.add_parser("password", help="enregistrer le mot de passe de la base partagée")
    password.add_argument("--stdin", action="store_true", help="lire le mot de passe sur l'entrée standard")
    json_flag(password)
    password.set_defaults(handler=cmd_db_password, sets_password=True)

    station = commands.add_parser("station", help="code du poste (préfixe des numéros d'incident)")
    station_commands = station.add_subparsers(
        dest="station_command", metavar="ACTION", required=True, parser_class=Parser
    )
    station_set = station_commands.add_parser("set", help="définir le code du poste")
    station_set.add_argument("code", help="2 à 4 lettres ou chiffres, unique par poste")
    json_flag(station_set)
    station_set.set_defaults(handler=cmd_station_set)
    station_show = station_commands.add_parser("show", help="afficher le code du poste")
    json_flag(station_show)
    station_show.set_defaults(handler=cmd_station_show)

    for module in _modules_for(argv):
        importlib.import_module(f"app.{module}").register(commands)

    demo = commands.add_parser("demo", help="données de démonstration")
    demo_commands = demo.add_subparsers(dest="demo_command", metavar="ACTION", required=True, parser_class=Parser)
    seed = demo_commands.add_parser("seed", help="remplir une base vide de données réalistes et reproductibles")
    seed.add_argument("--seed", type=bounded_int(0, 2**31 - 1), default=7, help="graine (défaut 7)")
    seed.add_argument("--clients", type=bounded_int(1, 100_000), default=300, help="nombre de clients")
    seed.add_argument("--incidents", type=bounded_int(0, 2_000_000), default=5000, help="nombre d'incidents")
    seed.add_argument("--end", type=iso_date, help="dernier jour couvert (AAAA-MM-JJ ; défaut : la veille)")
    seed.add_argument("--years", type=bounded_int(1, 10), default=2, help="années d'incidents avant la fin (défaut 2)")
    seed.add_argument(
        "--contacts", type=bounded_int(1, 2_000_000), help="nombre total de contacts visé (défaut : 2 à 6 par client)"
    )
    json_flag(seed)
    seed.set_defaults(handler=cmd_demo_seed, seeds_demo_by_default=True)
    return parser


def _ask_team_password(context: AppContext, url: URL) -> None:
    """Team mode with no password in the keyring: ask for it on a terminal, keep it for this run only."""
    if url.get_backend_name() == "sqlite" or url.password is not None or context.database_password():
        return
    if sys.stdin.isatty():
        name = secrets.database_secret_name(url.username, url.host, url.database)
        secrets.remember_for_session(name, getpass.getpass(f"Mot de passe de {url.username}@{url.host} : "))


def _context_for(args: argparse.Namespace) -> AppContext:
    # `demo seed` without --db fills the demo database, never the technician's real one by accident.
    demo = args.demo or (getattr(args, "seeds_demo_by_default", False) and not args.db)
    try:
        context = AppContext.resolve(args.db, demo=demo)
        url = make_url(context.database_url)
        if not getattr(args, "sets_password", False):
            _ask_team_password(context, url)
    except ArgumentError as exc:
        raise CliError(f"URL de base de données invalide : {exc}") from exc
    # Opening a missing SQLite file would create it: a read-only command must not write anything.
    missing = bool(url.database) and url.database != ":memory:" and not Path(str(url.database)).exists()
    if getattr(args, "reads_only", False) and url.get_backend_name() == "sqlite" and missing:
        raise CliError(f"Aucune base de données à cet emplacement : {url.database}")
    return context


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments)
    try:
        args = parser.parse_args(argv)
        context = _context_for(args)
        configure_logging(context.paths)
        if args.handler is not cmd_gui:
            # The command's modules are loaded; the GUI's start resumes them once its window is built.
            resume_collections()
        if getattr(args, "needs_schema", False):
            _ensure_schema(context, auto_create=not getattr(args, "reads_only", False))
        return int(args.handler(args, context))
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return exc.code
    except (NumberError, ConfigError, migrate.SchemaBehindError) as exc:
        print(f"hotline: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ArgumentError as exc:
        print(f"hotline: URL de base de données invalide : {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        print(f"hotline: base de données injoignable ou illisible : {reason}", file=sys.stderr)
        return EXIT_FAILED
    except SQLAlchemyError as exc:
        log.exception("database error")
        print(f"hotline: erreur de base de données : {type(exc).__name__}", file=sys.stderr)
        return EXIT_FAILED
    except ValueError as exc:  # domain errors carry a French message for the user
        print(f"hotline: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the log has the traceback; the user gets one line
        log.exception("unexpected error")
        print(f"hotline: erreur inattendue ({type(exc).__name__}) ; détails dans le journal.", file=sys.stderr)
        return EXIT_FAILED
    finally:
        resume_collections()


if __name__ == "__main__":
    sys.exit(main())
