"""Text folding for search: what a technician types must find what the database holds."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


class _MarkStripper(dict[int, int | None]):
    """A ``str.translate`` table deleting combining marks, filled as characters are met.

    ``translate`` looks each character up in C and only calls ``__missing__`` the first time a code
    point is seen, so folding runs at C speed without building a table of all of Unicode up front.
    """

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_STRIP_MARKS = _MarkStripper()


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: « Maxéville » → « maxeville »,
    « Saint-Dié-des-Vosges » → « saint die des vosges »."""
    if text.isascii():
        # Nothing to decompose nor to strip: the common case (numbers, codes, most words) stays cheap.
        return _NON_ALNUM.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return _NON_ALNUM.sub(" ", decomposed.translate(_STRIP_MARKS).lower()).strip()
