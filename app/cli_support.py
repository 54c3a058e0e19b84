"""What every ``hotline`` sub-command shares: one-line errors, JSON output, argument types."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
PARIS = ZoneInfo("Europe/Paris")


class CliError(Exception):
    """An error reported as one line; ``code`` 2 for bad input, 1 for a failure of the environment."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2) instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{self.prog}: {message} (voir « {self.prog} --help »)")


def emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str))
    else:
        print(text)


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"date invalide « {text} » (format AAAA-MM-JJ)") from exc


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"nombre entier attendu, pas « {text} »") from exc
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} hors de l'intervalle {low}–{high}")
        return value

    return parse


def json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="sortie JSON")


def iso_instant(text: str) -> datetime:
    """An ISO 8601 instant; without an offset it is read as Paris wall time (what people mean here)."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"instant invalide « {text} » (ISO 8601, par exemple 2026-05-14T10:30 ou 2026-05-14T08:30Z)"
        ) from exc
    return value.replace(tzinfo=PARIS) if value.tzinfo is None else value
