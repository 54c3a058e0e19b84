"""The Incidents screen: the list, its filters and one incident's file with its lifecycle actions."""

from ui.incidents.screen import IncidentsScreen

__all__ = ["IncidentsScreen"]
