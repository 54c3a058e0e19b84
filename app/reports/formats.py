"""French ways of writing dates, amounts and durations on paper, and making any text safe for a Paragraph.

Every string that came from a person (a description, a file name, a caller's name) goes through
:func:`safe` before it reaches reportlab: ``Paragraph`` reads a small XML dialect (``<b>``, ``<img>``,
``<link>``…), so unescaped text could change the layout or make the renderer fetch a URL.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from app.domain.opening_hours import PARIS

NBSP = "\u00a0"
DASH = "—"
# C0/C1 control characters other than tab and newline: invisible, and some break the PDF text operators.
_CONTROLS = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


# Code points the embedded font can draw; set once the font is registered (see ``style.register_fonts``).
_covered: frozenset[int] = frozenset()


def set_coverage(code_points: frozenset[int]) -> None:
    global _covered
    _covered = code_points


def _drawable(match: re.Match[str]) -> str:
    # Beyond U+FFFF reportlab's text map cannot carry the character back out of the PDF: spelled too.
    return "".join(ch if ord(ch) in _covered and ord(ch) <= 0xFFFF else f"[U+{ord(ch):04X}]" for ch in match.group(0))


def clean(text: str | None) -> str:
    """The text as it should print: NFC, no control characters, no lone surrogates, tabs as spaces.

    A character the embedded font has no glyph for (Chinese, most emoji…) would print as nothing; it is
    written as its code point instead, « [U+6771] », so the document still says exactly what was typed.
    """
    if not text:
        return ""
    value = unicodedata.normalize("NFC", _SURROGATES.sub("\ufffd", str(text)))
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    value = _CONTROLS.sub("", value)
    if _covered:
        value = _MISSING.sub(_drawable, value)
    return value


# Runs of characters outside Latin-1: only those are checked against the font (fast for French text).
_MISSING = re.compile("[^\u0000-\u00ff]+")


def safe(text: str | None, *, newlines: bool = True) -> str:
    """User text as Paragraph markup that prints literally: ``&``, ``<`` and ``>`` escaped, line breaks kept."""
    value = escape(clean(text), {'"': "&quot;"})
    if newlines:
        return value.replace("\n", "<br/>")
    return value.replace("\n", " ")


def paragraphs_of(text: str | None) -> list[str]:
    """A long text cut at blank lines, each part safe markup; long texts then flow across pages."""
    parts = re.split(r"\n\s*\n", clean(text).strip())
    return [safe(part.strip()) for part in parts if part.strip()]


def day(value: date | datetime | None) -> str:
    """26/11/2026 (Paris day for an instant)."""
    if value is None:
        return DASH
    if isinstance(value, datetime):
        value = value.astimezone(PARIS)
    return value.strftime("%d/%m/%Y")


def day_time(value: datetime | None) -> str:
    """26/11/2026 à 14:05, Paris time."""
    if value is None:
        return DASH
    local = value.astimezone(PARIS)
    return f"{local:%d/%m/%Y} à {local:%H:%M}"


def short_day_time(value: datetime | None) -> str:
    """26/11/2026 14:05, Paris time (tables)."""
    if value is None:
        return DASH
    return value.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def amount(value: Decimal) -> str:
    """1 234,50 € (no-break spaces, so an amount never splits across lines)."""
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    units, cents = f"{abs(rounded):.2f}".split(".")
    groups = []
    while len(units) > 3:
        groups.insert(0, units[-3:])
        units = units[:-3]
    groups.insert(0, units)
    return f"{sign}{NBSP.join(groups)},{cents}{NBSP}€"


def duration(minutes: float | None) -> str:
    """Hotline time as people say it: 45 min, 2 h 05, 0 min; a dash when unknown."""
    if minutes is None:
        return DASH
    total = round(minutes)
    if total < 60:
        return f"{total}{NBSP}min"
    hours, rest = divmod(total, 60)
    return f"{hours}{NBSP}h{NBSP}{rest:02d}"


def lines(*values: str | None) -> tuple[str, ...]:
    """The non-empty values, cleaned: an address block without blank lines."""
    return tuple(clean(v).strip() for v in values if v and clean(v).strip())
