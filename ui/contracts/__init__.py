"""The « Contrats » screen (R-20, R-26 to R-29)."""

from ui.contracts.screen import ContractsScreen

__all__ = ["ContractsScreen"]
