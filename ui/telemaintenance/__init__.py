"""The Télémaintenance screen: R-18's six steps as a guided stepper, and the dialog that prepares one
from an incident."""

from ui.telemaintenance.dialogs import StartTelemaintenanceDialog
from ui.telemaintenance.screen import TelemaintenanceScreen

__all__ = ["StartTelemaintenanceDialog", "TelemaintenanceScreen"]
