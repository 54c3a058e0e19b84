"""Allocating incident numbers (R-10): the next number of this station for the year, never reused."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import NumberSequence
from app.domain.numbering import SEQUENCE_MAX, IncidentNumber, NumberError, make_number, normalize_station

PARIS = ZoneInfo("Europe/Paris")


def allocate_number(session: Session, station: str, opened_at: datetime) -> IncidentNumber:
    """Reserve the next number of ``station`` for the year of ``opened_at`` (in Paris time).

    The counter row is locked for the rest of the transaction (``FOR UPDATE`` on PostgreSQL; SQLite
    serialises writers), so two saves on one station can never get the same number; the unique
    constraint on ``incidents.number`` is the last line of defence. A rolled-back save gives its
    number back, which is fine: it was never told to anybody.
    """
    code = normalize_station(station)
    year = opened_at.astimezone(PARIS).year
    row = session.execute(
        select(NumberSequence).where(NumberSequence.station == code, NumberSequence.year == year).with_for_update()
    ).scalar_one_or_none()
    if row is None:
        row = NumberSequence(station=code, year=year, last_value=0)
        session.add(row)
    if row.last_value >= SEQUENCE_MAX:
        raise NumberError(
            f"Le poste {code} a épuisé ses {SEQUENCE_MAX} numéros pour {year} : "
            "donnez-lui un autre code poste (« hotline station set »)."
        )
    row.last_value += 1
    session.flush()
    return make_number(code, year, row.last_value)
