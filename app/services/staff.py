"""The vendor's staff: as the screens list them, their roles (R-30), and who may see the supervisor's figures."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models.staff import Technician
from app.domain.vocabulary import Role
from app.services import audit


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


class StaffError(ValueError):
    """A staff change that cannot be made; the message says why, in French."""


def _any_admin(session: Session) -> bool:
    return (
        session.execute(
            select(Technician.id).where(Technician.role == Role.ADMIN, Technician.active.is_(True)).limit(1)
        ).first()
        is not None
    )


def set_role(
    session: Session, login: str, role: Role, *, by_login: str, station: str, full_name: str | None = None
) -> TechnicianInfo:
    """Give ``login`` a role (R-30). Only an administrator may, except on a database with no active
    administrator yet: the first role given there sets the team up (naming its administrator). A login
    with no staff record is created when ``full_name`` is given. Audited; the caller commits."""
    login = login.strip()
    if not login:
        raise StaffError("Indiquez l'identifiant de la personne.")
    if _any_admin(session) and role_of(session, by_login) is not Role.ADMIN:
        raise StaffError(f"Seul un administrateur attribue les rôles ({by_login} n'est pas administrateur).")
    person = session.execute(select(Technician).where(Technician.login == login)).scalar_one_or_none()
    if person is None:
        if not (full_name or "").strip():
            raise StaffError(f"Aucun membre du personnel « {login} » : donnez son nom complet pour l'ajouter.")
        person = Technician(login=login, full_name=full_name.strip(), role=role)  # type: ignore[union-attr]
        session.add(person)
        previous = None
    else:
        previous = person.role
        person.role = role
        if full_name and full_name.strip():
            person.full_name = full_name.strip()
    session.flush()
    audit.append(
        session,
        kind="staff_role",
        subject=login,
        payload={"role": role.value, "previous": previous.value if previous else None, "by": by_login},
        actor=by_login,
        station=station,
    )
    return TechnicianInfo(person.login, person.full_name, person.role.label, person.active)
