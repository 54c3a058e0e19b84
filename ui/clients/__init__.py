"""The client screens: the searchable list and the client's file."""

from ui.clients.detail_panel import ClientDetailPanel
from ui.clients.list_screen import ClientListScreen

__all__ = ["ClientDetailPanel", "ClientListScreen"]
