"""The incident lifecycle of R-14, as a table of guarded transitions (pure, no I/O).

new → diagnosed (origin + estimate, R-08/R-11) → [workaround proposed → accepted (R-12)] → resolved
→ closed; a resolved or closed incident can be reopened with a reason. Diagnosing again (a better
origin or estimate) is allowed while the incident is being worked on.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.vocabulary import IncidentStatus as S


class Action(StrEnum):
    DIAGNOSE = "diagnose"
    PROPOSE_WORKAROUND = "workaround"
    ACCEPT_WORKAROUND = "accept-workaround"
    RESOLVE = "resolve"
    CLOSE = "close"
    REOPEN = "reopen"


ACTION_LABELS = {
    Action.DIAGNOSE: "Diagnostiquer",
    Action.PROPOSE_WORKAROUND: "Proposer un contournement",
    Action.ACCEPT_WORKAROUND: "Contournement accepté par le client",
    Action.RESOLVE: "Résoudre",
    Action.CLOSE: "Clore",
    Action.REOPEN: "Rouvrir",
}

# action → (statuses it may start from, status it leads to)
TRANSITIONS: dict[Action, tuple[frozenset[S], S]] = {
    Action.DIAGNOSE: (
        frozenset({S.NEW, S.DIAGNOSED, S.WORKAROUND_PROPOSED, S.WORKAROUND_ACCEPTED}),
        S.DIAGNOSED,
    ),
    Action.PROPOSE_WORKAROUND: (frozenset({S.DIAGNOSED, S.WORKAROUND_ACCEPTED}), S.WORKAROUND_PROPOSED),
    Action.ACCEPT_WORKAROUND: (frozenset({S.WORKAROUND_PROPOSED}), S.WORKAROUND_ACCEPTED),
    Action.RESOLVE: (frozenset({S.DIAGNOSED, S.WORKAROUND_PROPOSED, S.WORKAROUND_ACCEPTED}), S.RESOLVED),
    Action.CLOSE: (frozenset({S.RESOLVED}), S.CLOSED),
    Action.REOPEN: (frozenset({S.RESOLVED, S.CLOSED}), S.DIAGNOSED),
}

OPEN_STATUSES = frozenset({S.NEW, S.DIAGNOSED, S.WORKAROUND_PROPOSED, S.WORKAROUND_ACCEPTED})


class TransitionError(ValueError):
    """A lifecycle step that is not allowed now; the message says why and what to do."""


_WHY_NOT = {
    Action.DIAGNOSE: "un incident résolu ou clos se rouvre d'abord",
    Action.PROPOSE_WORKAROUND: "il faut d'abord un diagnostic (origine et estimation)",
    Action.ACCEPT_WORKAROUND: "aucun contournement n'est en attente d'acceptation",
    Action.RESOLVE: "il faut d'abord un diagnostic (origine et estimation, R-08)",
    Action.CLOSE: "seul un incident résolu peut être clos",
    Action.REOPEN: "seul un incident résolu ou clos peut être rouvert",
}


def allowed_actions(status: S) -> list[Action]:
    """The actions a button bar should enable for an incident in ``status``."""
    return [action for action, (sources, _target) in TRANSITIONS.items() if status in sources]


def next_status(status: S, action: Action) -> S:
    """The status after ``action``, or TransitionError saying why it is refused."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        raise TransitionError(
            f"« {ACTION_LABELS[action]} » impossible depuis le statut « {status.label} » : {_WHY_NOT[action]}."
        )
    return target


@dataclass(frozen=True)
class SlaTargets:
    """Service-level targets of one priority, in hotline minutes (set by the vendor)."""

    first_response_minutes: int
    resolution_minutes: int


PRIORITY_LABELS = {1: "Bloquant", 2: "Majeur", 3: "Normal", 4: "Mineur"}

DEFAULT_TARGETS = {
    1: SlaTargets(first_response_minutes=30, resolution_minutes=7 * 60),
    2: SlaTargets(first_response_minutes=60, resolution_minutes=2 * 7 * 60),
    3: SlaTargets(first_response_minutes=2 * 60, resolution_minutes=5 * 7 * 60),
    4: SlaTargets(first_response_minutes=7 * 60, resolution_minutes=10 * 7 * 60),
}
