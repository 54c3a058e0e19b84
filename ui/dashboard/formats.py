"""French numbers for the dashboard: counts with a thin space, hotline durations, shares."""

from __future__ import annotations

DASH = "—"


def number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return DASH
    return f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")


def percent(value: float | None) -> str:
    return DASH if value is None else f"{number(value * 100)}\u00a0%"


def hours(minutes: float | None) -> str:
    """Hotline time for a headline: minutes under an hour, else hours with one decimal."""
    if minutes is None:
        return DASH
    if minutes < 60:
        return f"{round(minutes)}\u00a0min"
    return f"{number(minutes / 60, 1)}\u00a0h"


def hours_minutes(minutes: float) -> str:
    """« 1 h 35 » for call time against the backup cap."""
    whole = round(minutes)
    return f"{whole // 60}\u00a0h\u00a0{whole % 60:02d}" if whole >= 60 else f"{whole}\u00a0min"
