"""iCalendar (RFC 5545) export of hotline closures, for the staff's calendars."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from app.domain.opening_hours import ClosurePeriod

PRODID = "-//DEFI INFORMATIQUE//Hotline//FR"
_CRLF = "\r\n"
_CATEGORIES = {"holiday": "Jour férié", "training": "Formation", "closure": "Fermeture"}


def _escape(text: str) -> str:
    """TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF + one space, never inside a UTF-8 sequence."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with a space
        current += piece
    parts.append(current.decode("utf-8"))
    return (_CRLF + " ").join(parts)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def closures_to_ics(
    periods: Iterable[ClosurePeriod], *, stamp: datetime, name: str = "Fermetures hotline"
) -> str:
    """One VEVENT per closed day or period; whole days as DATE values, periods in UTC.

    ``stamp`` is the DTSTAMP of every event (when the export was made); UIDs are derived from the
    period itself, so re-importing an updated export replaces events instead of duplicating them.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for period in periods:
        key = f"{period.kind}|{period.start.isoformat()}|{period.end.isoformat()}|{period.reason}"
        uid = hashlib.sha256(key.encode()).hexdigest()[:32] + "@hotline.defi-informatique"
        lines += ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_utc(stamp)}"]
        if period.whole_day:
            end_day = (
                period.end.date()
                if period.end.time() == datetime.min.time()
                else period.end.date() + timedelta(1)
            )
            lines += [
                f"DTSTART;VALUE=DATE:{period.start.date():%Y%m%d}",
                f"DTEND;VALUE=DATE:{end_day:%Y%m%d}",
            ]
        else:
            lines += [f"DTSTART:{_utc(period.start)}", f"DTEND:{_utc(period.end)}"]
        lines += [
            f"SUMMARY:{_escape('Hotline fermée — ' + period.reason)}",
            f"CATEGORIES:{_escape(_CATEGORIES.get(period.kind, period.kind))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + _CRLF for line in lines)
