"""New versions (R-20, art. 4.6 and 9): how long a client has to apply one, and when it is overdue.

Every new version must be applied within six months of its release. A release that substantially changes
the operating conditions (hardware needs, system version) also gives the client three months before
installing it, during which the old version stays maintained; that window lies inside the six months (see
docs/decisions.md). Past the deadline, requests on the old version fall under exclusion R-07.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.contract_life import add_months

APPLY_MONTHS = 6
SUBSTANTIAL_WINDOW_MONTHS = 3


@dataclass(frozen=True)
class ReleaseInfo:
    version: str
    released_on: date
    substantial: bool = False


class VersionState(StrEnum):
    UP_TO_DATE = "up_to_date"
    WINDOW = "window"  # substantial release, within its three months: the old version is maintained
    TO_APPLY = "to_apply"
    OVERDUE = "overdue"
    UNKNOWN = "unknown"  # nothing installed yet, or a version the catalogue does not know

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    VersionState.UP_TO_DATE: "À jour",
    VersionState.WINDOW: "Version majeure : délai de 3 mois avant installation, ancienne version maintenue",
    VersionState.TO_APPLY: "Nouvelle version à appliquer",
    VersionState.OVERDUE: "Délai dépassé : hors contrat (R-07)",
    VersionState.UNKNOWN: "Version installée inconnue",
}


def apply_deadline(release: ReleaseInfo) -> date:
    """The last day to have applied ``release`` (six months after it came out)."""
    return add_months(release.released_on, APPLY_MONTHS)


def window_end(release: ReleaseInfo) -> date | None:
    """For a substantial release, the end of the three months before installation; None otherwise."""
    return add_months(release.released_on, SUBSTANTIAL_WINDOW_MONTHS) if release.substantial else None


@dataclass(frozen=True)
class VersionStatus:
    state: VersionState
    installed: ReleaseInfo | None
    pending: ReleaseInfo | None  # the first release newer than the installed one: it sets the deadline
    latest: ReleaseInfo | None
    deadline: date | None
    window_end: date | None

    @property
    def overdue(self) -> bool:
        return self.state is VersionState.OVERDUE


def version_status(installed: ReleaseInfo | None, releases: Sequence[ReleaseInfo], on: date) -> VersionStatus:
    """Where one installation stands on ``on``. The deadline runs from the first release newer than the one
    installed: a client two versions behind is as late as the older of the two makes it."""
    known = sorted((r for r in releases if r.released_on <= on), key=lambda r: r.released_on)
    latest = known[-1] if known else None
    if installed is None:
        return VersionStatus(VersionState.UNKNOWN, None, None, latest, None, None)
    newer = [r for r in known if r.released_on > installed.released_on]
    if not newer:
        return VersionStatus(VersionState.UP_TO_DATE, installed, None, latest, None, None)
    pending = newer[0]
    deadline, window = apply_deadline(pending), window_end(pending)
    if on > deadline:
        state = VersionState.OVERDUE
    elif window is not None and on <= window:
        state = VersionState.WINDOW
    else:
        state = VersionState.TO_APPLY
    return VersionStatus(state, installed, pending, latest, deadline, window)
