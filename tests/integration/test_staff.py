"""The staff list that the incident list's technician filter offers."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from app.db.models.staff import Technician
from app.domain.vocabulary import Role
from app.services.staff import TechnicianInfo, list_technicians


def test_an_empty_base_has_no_technician(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        assert list_technicians(session) == []


def test_active_staff_first_by_name_with_french_role(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        session.add_all(
            [
                Technician(login="mroux", full_name="Marc Roux", role=Role.TECHNICIAN, active=True),
                Technician(login="adupont", full_name="Anne Dupont", role=Role.SUPERVISOR, active=True),
                Technician(login="blegrand", full_name="Bruno Legrand", role=Role.TECHNICIAN, active=False),
            ]
        )
    with sessions() as session:
        assert list_technicians(session) == [
            TechnicianInfo("adupont", "Anne Dupont", "Superviseur", True),
            TechnicianInfo("mroux", "Marc Roux", "Technicien", True),
            # Gone, but the incidents they handled must stay findable by their name.
            TechnicianInfo("blegrand", "Bruno Legrand", "Technicien", False),
        ]
