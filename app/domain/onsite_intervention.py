"""On-site interventions (R-19, art. 4.4): quote, then specific order, then the visit; always billable.

Pure values, like ``telemaintenance``: each method returns a new ``OnSiteIntervention``, and a step taken
out of order raises the same ``TelemaintenanceError`` naming what is missing, so the service and the
GUI handle both kinds of intervention alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from app.domain.telemaintenance import TelemaintenanceError


def _text(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TelemaintenanceError(f"{what} : à renseigner.")
    return value.strip()


@dataclass(frozen=True)
class Quote:
    """The quote sent to the client (number, amount excluding tax in euros, date)."""

    number: str
    amount: Decimal
    on: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "number", _text(self.number, "Numéro du devis"))
        # Decimal only: money read from a float would already be rounded wrongly.
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite() or self.amount < 0:
            raise TelemaintenanceError("Montant du devis : un montant positif ou nul (Decimal) est attendu.")


@dataclass(frozen=True)
class SpecificOrder:
    """The client's specific order for this intervention, which cannot predate the quote."""

    reference: str
    on: date

    def __post_init__(self) -> None:
        object.__setattr__(self, "reference", _text(self.reference, "Référence de la commande"))


@dataclass(frozen=True)
class Visit:
    """When and by whom the intervention happens on site."""

    at: datetime
    technician: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "technician", _text(self.technician, "Technicien"))
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise TelemaintenanceError("Date de l'intervention sur site : date et heure avec fuseau horaire attendues.")


@dataclass(frozen=True)
class VisitReport:
    """What the visit took and the report issued afterwards."""

    duration_minutes: int
    report_reference: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "report_reference", _text(self.report_reference, "Compte rendu"))
        if isinstance(self.duration_minutes, bool) or not isinstance(self.duration_minutes, int):
            raise TelemaintenanceError("Durée : un nombre de minutes est attendu.")
        if self.duration_minutes <= 0:
            raise TelemaintenanceError("Durée : un nombre de minutes supérieur à zéro est attendu.")


@dataclass(frozen=True)
class OnSiteIntervention:
    """An on-site intervention's progress: quote → specific order → visit scheduled → visit reported."""

    quote: Quote | None = None
    order: SpecificOrder | None = None
    visit: Visit | None = None
    report: VisitReport | None = None

    @property
    def billable(self) -> bool:
        """Always: art. 4.4 bills on-site work at current rates, whatever the contract covers."""
        return True

    @property
    def can_be_scheduled(self) -> bool:
        return self.quote is not None and self.order is not None and self.visit is None

    @property
    def is_finished(self) -> bool:
        return self.report is not None

    def with_quote(self, quote: Quote) -> OnSiteIntervention:
        if self.quote is not None:
            raise TelemaintenanceError(f"Devis déjà enregistré ({self.quote.number}).")
        return replace(self, quote=quote)

    def with_order(self, order: SpecificOrder) -> OnSiteIntervention:
        if self.quote is None:
            raise TelemaintenanceError("Devis manquant : il doit précéder la commande spécifique (R-19).")
        if self.order is not None:
            raise TelemaintenanceError(f"Commande spécifique déjà enregistrée ({self.order.reference}).")
        if order.on < self.quote.on:
            raise TelemaintenanceError(
                f"Commande spécifique du {order.on:%d/%m/%Y} antérieure au devis du {self.quote.on:%d/%m/%Y}."
            )
        return replace(self, order=order)

    def schedule(self, visit: Visit) -> OnSiteIntervention:
        if self.quote is None:
            raise TelemaintenanceError("Devis manquant : il doit précéder la planification de l'intervention (R-19).")
        if self.order is None:
            raise TelemaintenanceError(
                "Commande spécifique manquante : elle doit précéder la planification de l'intervention (R-19)."
            )
        if self.visit is not None:
            raise TelemaintenanceError("Intervention sur site déjà planifiée.")
        if visit.at.date() < self.order.on:
            raise TelemaintenanceError(
                f"Intervention prévue le {visit.at:%d/%m/%Y}, avant la commande du {self.order.on:%d/%m/%Y}."
            )
        return replace(self, visit=visit)

    def record_report(self, report: VisitReport) -> OnSiteIntervention:
        if self.visit is None:
            raise TelemaintenanceError("Planification manquante : elle doit précéder le compte rendu de la visite.")
        if self.report is not None:
            raise TelemaintenanceError(f"Compte rendu déjà enregistré ({self.report.report_reference}).")
        return replace(self, report=report)
