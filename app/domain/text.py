"""Text folding for search: what a technician types must find what the database holds."""

from __future__ import annotations

import functools
import re
import unicodedata

_WORDS = re.compile(r"[0-9a-z]+")
_LIGATURES = (("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE"), ("ß", "ss"))


def _marks_class(first: int, last: int) -> str:
    """A regex character class body listing the combining marks between two code points, as ranges."""
    ranges: list[list[int]] = []
    for code in range(first, last + 1):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges)


@functools.cache
def _bmp_marks() -> re.Pattern[str]:
    """Combining marks of the Basic Multilingual Plane, read from this Python's Unicode tables (about
    10 ms, on the first text with an accent rather than at every start). The regex engine turns a class of
    BMP characters into a bitmap, so one pass strips every accent at C speed; marks beyond the BMP (rare
    scripts) would make it a slow list of ranges, so text holding such characters takes the
    character-by-character path instead."""
    return re.compile(f"[{_marks_class(0x300, 0xFFFF)}]+")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: « Maxéville » → « maxeville »,
    « Saint-Dié-des-Vosges » → « saint die des vosges »."""
    if text.isascii():
        # Nothing to decompose nor to strip: the common case (numbers, codes, many words) stays cheap.
        return " ".join(_WORDS.findall(text.lower()))
    for ligature, letters in _LIGATURES:
        text = text.replace(ligature, letters)
    stripped = _bmp_marks().sub("", unicodedata.normalize("NFKD", text))
    if _ASTRAL.search(stripped):
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    # Keeping the runs of [0-9a-z] joined by one space is replacing every other run by one space, then
    # stripping, in one pass.
    return " ".join(_WORDS.findall(stripped.lower()))
