"""Coverage rules (R-03, R-05, R-06, R-07, R-20, R-22): pure decisions over facts gathered by a service.

A request is covered when the licence is paid, the system is validated, the caller is trained, the
contract covering that service is active on the call date and the installed version is not overdue.
Warnings that do not change coverage (few RTC, backup quota, hotline closed) are still shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Level(StrEnum):
    GREEN = "green"
    ORANGE = "orange"
    RED = "red"


MESSAGES = {
    "caller_unknown": "Appelant inconnu : contact créé ; vérifiez qu'il est formé avant d'assister (R-03).",
    "caller_not_trained": "Appelant non formé par DEFI INFORMATIQUE sur ce logiciel : usage non couvert, "
    "à votre appréciation (R-03).",
    "few_rtc": "Moins de deux responsables techniques formés : demandez au client d'en désigner (R-02).",
    "licence_unpaid": "Licence non réglée pour ce logiciel : non couvert par le contrat (R-05).",
    "system_not_validated": "Environnement non validé par DEFI INFORMATIQUE : non couvert (R-05).",
    "contract_inactive": "Aucun contrat en vigueur à cette date : non couvert, sur devis (R-05).",
    "service_not_subscribed": "Le contrat ne comprend pas ce service : non couvert (R-06).",
    "version_overdue": "Nouvelle version non installée dans le délai de 6 mois : hors contrat (R-07, R-20).",
    "backup_quota_exceeded": "Forfait d'assistance sauvegarde (1 h 30 par an) épuisé : temps facturable (R-22).",
    "hotline_closed": "Appel reçu en dehors des horaires de la hotline (R-15).",
    "product_not_installed": "Ce logiciel n'est pas installé chez ce client : vérifiez le logiciel concerné.",
}

NOT_COVERED = frozenset(
    {
        "licence_unpaid",
        "system_not_validated",
        "contract_inactive",
        "service_not_subscribed",
        "version_overdue",
        "caller_not_trained",
        "caller_unknown",
        "product_not_installed",
    }
)
# Not covered, but the technician may still choose to help ("non-covered usage", R-03).
AT_TECHNICIANS_CHOICE = frozenset({"caller_not_trained", "caller_unknown"})

BACKUP_ASSISTANCE_MINUTES_PER_YEAR = 90
VERSION_APPLY_MONTHS = 6


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


@dataclass(frozen=True)
class Coverage:
    covered: bool
    level: Level
    warnings: tuple[Warning, ...]

    @property
    def codes(self) -> list[str]:
        return [w.code for w in self.warnings]

    @property
    def proposed_exclusion(self) -> str | None:
        """The exclusion of R-07 the technician is offered (the identifier of ``vocabulary.Exclusion``)."""
        return "version_not_applied" if "version_overdue" in self.codes else None

    def headline(self) -> str:
        if self.level is Level.GREEN:
            return "Couvert par le contrat"
        if self.covered:
            return "Couvert, avec des points d'attention"
        if self.level is Level.ORANGE:
            return "Usage non couvert — assistance à votre appréciation"
        return "Non couvert par le contrat"


@dataclass(frozen=True)
class CoverageFacts:
    """What a service found out about one call, for :func:`decide`."""

    caller_known: bool
    caller_trained: bool
    trained_rtc_count: int
    product_installed: bool
    licence_paid: bool
    system_validated: bool
    contract_active: bool
    service_subscribed: bool
    version_overdue: bool
    backup_minutes_used: float | None  # only for backup-service calls
    hotline_open: bool


def decide(facts: CoverageFacts) -> Coverage:
    codes: list[str] = []
    if not facts.contract_active:
        codes.append("contract_inactive")
    elif not facts.service_subscribed:
        codes.append("service_not_subscribed")
    if not facts.product_installed:
        codes.append("product_not_installed")
    else:
        if not facts.licence_paid:
            codes.append("licence_unpaid")
        if not facts.system_validated:
            codes.append("system_not_validated")
        if facts.version_overdue:
            codes.append("version_overdue")
    if not facts.caller_known:
        codes.append("caller_unknown")
    elif not facts.caller_trained:
        codes.append("caller_not_trained")
    if facts.trained_rtc_count < 2:
        codes.append("few_rtc")
    if (
        facts.backup_minutes_used is not None
        and facts.backup_minutes_used >= BACKUP_ASSISTANCE_MINUTES_PER_YEAR
    ):
        codes.append("backup_quota_exceeded")
    if not facts.hotline_open:
        codes.append("hotline_closed")
    blocking = [c for c in codes if c in NOT_COVERED]
    covered = not blocking
    if covered and not codes:
        level = Level.GREEN
    elif covered or all(c in AT_TECHNICIANS_CHOICE for c in blocking):
        level = Level.ORANGE
    else:
        level = Level.RED
    return Coverage(covered, level, tuple(Warning(c, MESSAGES[c]) for c in codes))


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def version_apply_deadline(released_on: date) -> date:
    """R-20: a new version is applied within six months at most (a substantial change only adds a
    minimum of three months' notice before installation, inside those six months): see ``versions``."""
    from app.domain.versions import ReleaseInfo, apply_deadline

    return apply_deadline(ReleaseInfo("", released_on))
