"""The « Appel » screen: take a call from the first ring to the incident number."""

from ui.intake.screen import IntakeScreen

__all__ = ["IntakeScreen"]
