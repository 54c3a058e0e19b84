"""The vendor's staff as the screens list them (technician filter of the incident list)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models.staff import Technician


@dataclass(frozen=True)
class TechnicianInfo:
    """One member of staff: login (what filters use), full name, role in French, still active or not."""

    login: str
    full_name: str
    role_label: str
    active: bool


def list_technicians(session: Session) -> list[TechnicianInfo]:
    """Every member of staff, active ones first, then by full name.

    Inactive technicians stay listed: incidents they handled before leaving must remain findable.
    """
    rows = session.execute(
        select(Technician).order_by(Technician.active.desc(), Technician.full_name, Technician.login)
    ).scalars()
    return [TechnicianInfo(t.login, t.full_name, t.role.label, t.active) for t in rows]
