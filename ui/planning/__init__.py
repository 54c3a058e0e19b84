"""The Planning screen and the live hotline indicator of the status bar (R-15, R-16, R-21)."""

from ui.planning.screen import PlanningScreen
from ui.planning.status_indicator import HotlineStatusIndicator

__all__ = ["HotlineStatusIndicator", "PlanningScreen"]
