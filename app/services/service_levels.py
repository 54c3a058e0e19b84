"""Service-level targets per priority, set by the vendor (R-17: measured in hotline hours)."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from app.db.models import AppSetting
from app.domain.incident_lifecycle import DEFAULT_TARGETS, PRIORITY_LABELS, SlaTargets

TARGETS_KEY = "sla.targets"
MAX_MINUTES = 60 * 24 * 365


class TargetError(ValueError):
    """A target that cannot be saved; the message says why, in French."""


def targets(session: Session) -> dict[int, SlaTargets]:
    """The targets of every priority: the stored ones, the defaults for the others."""
    result = dict(DEFAULT_TARGETS)
    row = session.get(AppSetting, TARGETS_KEY)
    if row is not None:
        for priority, values in json.loads(row.value).items():
            result[int(priority)] = SlaTargets(int(values[0]), int(values[1]))
    return result


def set_target(session: Session, priority: int, first_response_minutes: int, resolution_minutes: int) -> SlaTargets:
    """Store the targets of one priority, in hotline minutes."""
    if priority not in PRIORITY_LABELS:
        raise TargetError("La priorité va de 1 (bloquant) à 4 (mineur).")
    for value in (first_response_minutes, resolution_minutes):
        if not 1 <= value <= MAX_MINUTES:
            raise TargetError(f"Un objectif se donne en minutes de hotline, de 1 à {MAX_MINUTES}.")
    if resolution_minutes < first_response_minutes:
        raise TargetError("L'objectif de résolution ne peut pas précéder celui de première réponse.")
    current = targets(session)
    current[priority] = SlaTargets(first_response_minutes, resolution_minutes)
    value = json.dumps(
        {str(p): [t.first_response_minutes, t.resolution_minutes] for p, t in sorted(current.items())},
        sort_keys=True,
    )
    row = session.get(AppSetting, TARGETS_KEY)
    if row is None:
        session.add(AppSetting(key=TARGETS_KEY, value=value))
    else:
        row.value = value
    session.flush()
    return current[priority]
