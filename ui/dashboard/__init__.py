"""The « Tableau de bord » screen: the supervisor's figures for a period and a slice."""

from ui.dashboard.screen import DashboardScreen

__all__ = ["DashboardScreen"]
