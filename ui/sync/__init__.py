"""Background sync with the client portal: the controller, the status bar indicator, the details."""

from ui.sync.controller import SyncController, SyncView
from ui.sync.indicator import SyncStatusIndicator

__all__ = ["SyncController", "SyncStatusIndicator", "SyncView"]
