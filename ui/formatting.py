"""How values read on screen: dates in the interface language's short format, never a raw repr."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

EMPTY = "—"


def format_date(value: date | None) -> str:
    """``date(2021, 3, 12)`` → « 12/03/2021 » in French; an em dash when there is no date."""
    if value is None:
        return EMPTY
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def join_parts(*parts: str | None, separator: str = " · ") -> str:
    """Join the non-empty parts of a line (« C05412 · HL123456 · Commune »)."""
    return separator.join(p for p in parts if p)
