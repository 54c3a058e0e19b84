"""The vendor's staff as the screens list them (technician filter of the incident list)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models.staff import Technician
from app.domain.vocabulary import Role


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


def role_of(session: Session, login: str | None) -> Role | None:
    """The role of the person at the desk, or None when this login has no staff record yet."""
    if not login:
        return None
    return session.execute(select(Technician.role).where(Technician.login == login)).scalar_one_or_none()


def may_see_supervisor_figures(role: Role | None) -> bool:
    """The supervisor's figures (dashboard, monthly report) are refused to a known technician. A login
    with no staff record yet is the first use of a workstation, before anyone was given a role: refusing
    it would lock the vendor out of its own figures."""
    return role is not Role.TECHNICIAN
