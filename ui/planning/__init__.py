"""The Planning screen and the live hotline indicator of the status bar (R-15, R-16, R-21).

The names are imported on first use: the status bar's indicator is built at every start, the Planning
screen (and everything it imports) only when it is first shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.planning.screen import PlanningScreen
    from ui.planning.status_indicator import HotlineStatusIndicator

__all__ = ["HotlineStatusIndicator", "PlanningScreen"]


def __getattr__(name: str) -> Any:
    if name == "PlanningScreen":
        from ui.planning.screen import PlanningScreen

        return PlanningScreen
    if name == "HotlineStatusIndicator":
        from ui.planning.status_indicator import HotlineStatusIndicator

        return HotlineStatusIndicator
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
