"""Incident numbers (R-10): made on the workstation without coordination, short enough to dictate.

Format ``SSS-YYNNNNN-C`` (at most 14 characters):
- ``SSS``: the station code, 2 to 4 symbols, unique per workstation (so no two stations can collide);
- ``YY``: the year the incident was opened (Europe/Paris), ``NNNNN``: the station's sequence that year;
- ``C``: a check symbol.

The alphabet leaves out I, L, O, U and Z, which are misheard or misread as 1, 1, 0, V and 2. On input
O is read as 0 and I or L as 1, spaces, dots and hyphens are ignored, and case does not matter.

The check symbol makes the weighted sum of all symbols (the check included), with weights 1, 2, 3, …,
a multiple of 31, the size of the alphabet and a prime. Any single wrong symbol changes the sum by
d·w with 0 < |d| < 31 and 0 < w < 31, never a multiple of 31; swapping two adjacent different symbols
changes it by (a−b)(w−w′) with |w−w′| = 1: never a multiple either. Both are always detected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXY"
MODULUS = len(ALPHABET)  # 31, prime
_VALUE = {symbol: index for index, symbol in enumerate(ALPHABET)}
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s.\-_/]+")

STATION_MIN, STATION_MAX = 2, 4
SEQUENCE_DIGITS = 5
SEQUENCE_MAX = 10**SEQUENCE_DIGITS - 1
MAX_LENGTH = STATION_MAX + 1 + 2 + SEQUENCE_DIGITS + 1 + 1  # 14

assert MAX_LENGTH == 14


class NumberError(ValueError):
    """A number or station code that cannot be right; the message says which check failed."""


def _checksum(symbols: str) -> int:
    return sum((position + 1) * _VALUE[symbol] for position, symbol in enumerate(symbols)) % MODULUS


def check_symbol(body: str) -> str:
    """The symbol that makes ``body + symbol`` a valid compact number."""
    weight = len(body) + 1
    partial = _checksum(body)
    # weight < 31, so it has an inverse modulo 31.
    value = (-partial * pow(weight, -1, MODULUS)) % MODULUS
    return ALPHABET[value]


def normalize_station(code: str) -> str:
    """Validate and normalise a station code (2–4 letters or digits of the alphabet)."""
    text = _SEPARATORS.sub("", code.upper()).translate(_READ_AS)
    if not STATION_MIN <= len(text) <= STATION_MAX:
        raise NumberError(
            f"Le code poste « {code} » doit faire de {STATION_MIN} à {STATION_MAX} caractères "
            "(lettres ou chiffres)."
        )
    bad = sorted({ch for ch in text if ch not in _VALUE})
    if bad:
        raise NumberError(
            f"Le code poste « {code} » contient {', '.join(bad)} : seuls les chiffres et les lettres "
            "sauf I, L, O, U et Z sont admis."
        )
    if text.isdigit():
        raise NumberError(f"Le code poste « {code} » doit contenir au moins une lettre.")
    return text


@dataclass(frozen=True, order=True)
class IncidentNumber:
    station: str
    year: int  # two digits, 0–99
    sequence: int

    def __post_init__(self) -> None:
        if not 0 <= self.year <= 99:
            raise NumberError("L'année d'un numéro d'incident s'écrit sur deux chiffres.")
        if not 1 <= self.sequence <= SEQUENCE_MAX:
            raise NumberError(f"Le rang d'un numéro d'incident va de 1 à {SEQUENCE_MAX}.")

    @property
    def body(self) -> str:
        return f"{self.station}{self.year:02d}{self.sequence:0{SEQUENCE_DIGITS}d}"

    def __str__(self) -> str:
        compact = self.body
        return f"{self.station}-{compact[len(self.station) :]}-{check_symbol(compact)}"

    def spoken_groups(self) -> list[str]:
        """How to read it on the phone: station, year, sequence in two groups, check symbol."""
        seq = f"{self.sequence:0{SEQUENCE_DIGITS}d}"
        return [self.station, f"{self.year:02d}", seq[:2], seq[2:], check_symbol(self.body)]


def make_number(station: str, year: int, sequence: int) -> IncidentNumber:
    return IncidentNumber(normalize_station(station), year % 100, sequence)


def parse_number(text: str) -> IncidentNumber:
    """Read a number typed or dictated in any reasonable way; raise NumberError saying what is wrong."""
    compact = _SEPARATORS.sub("", text.upper()).translate(_READ_AS)
    if not compact:
        raise NumberError("Numéro d'incident vide.")
    bad = sorted({ch for ch in compact if ch not in _VALUE})
    if bad:
        raise NumberError(f"« {text} » contient {', '.join(bad)}, qui n'existe dans aucun numéro d'incident.")
    digits = 2 + SEQUENCE_DIGITS
    station_length = len(compact) - digits - 1
    if not STATION_MIN <= station_length <= STATION_MAX:
        raise NumberError(
            f"« {text} » n'a pas la longueur d'un numéro d'incident (poste, année sur 2 chiffres, "
            f"rang sur {SEQUENCE_DIGITS} chiffres, clé : par exemple NCY-2600042-7)."
        )
    station, year_seq = compact[:station_length], compact[station_length:-1]
    if not year_seq.isdigit():
        raise NumberError(f"« {text} » : l'année et le rang doivent être des chiffres.")
    if _checksum(compact) != 0:
        raise NumberError(
            f"« {text} » : la clé de contrôle ne correspond pas (un caractère est erroné ou inversé)."
        )
    return IncidentNumber(normalize_station(station), int(year_seq[:2]), int(year_seq[2:]))


def normalize_number(text: str) -> str:
    """The canonical form of a typed number (``ncy 26 00042 7`` → ``NCY-2600042-7``)."""
    return str(parse_number(text))
