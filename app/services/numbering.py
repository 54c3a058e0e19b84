"""Allocating incident numbers (R-10): the next number of this station for the year, never reused."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.db.models import NumberSequence
from app.domain.numbering import SEQUENCE_MAX, IncidentNumber, NumberError, make_number, normalize_station

PARIS = ZoneInfo("Europe/Paris")

_SEQUENCES = NumberSequence.__table__
_THIS_COUNTER = (_SEQUENCES.c.station == bindparam("code"), _SEQUENCES.c.year == bindparam("yr"))
# Built once: the statements of every save are then found in SQLAlchemy's compiled cache.
_BUMP = (
    update(_SEQUENCES)
    .where(*_THIS_COUNTER, _SEQUENCES.c.last_value < SEQUENCE_MAX)
    .values(last_value=_SEQUENCES.c.last_value + 1)
    .returning(_SEQUENCES.c.last_value)
)
_READ = select(_SEQUENCES.c.last_value).where(*_THIS_COUNTER)
_FIRST = insert(_SEQUENCES).values(station=bindparam("code"), year=bindparam("yr"), last_value=1)


def allocate_number(session: Session, station: str, opened_at: datetime) -> IncidentNumber:
    """Reserve the next number of ``station`` for the year of ``opened_at`` (in Paris time).

    The counter is incremented in the database and read back by the same statement (RETURNING): the
    UPDATE locks the row for the rest of the transaction (PostgreSQL) or takes the database's write lock
    (SQLite), so two saves on one station can never get the same number; the unique constraint on
    ``incidents.number`` is the last line of defence. A rolled-back save gives its number back, which is
    fine: it was never told to anybody.
    """
    code = normalize_station(station)
    year = opened_at.astimezone(PARIS).year
    keys = {"code": code, "yr": year}
    connection = session.connection()
    value = connection.execute(_BUMP, keys).scalar()
    if value is None:  # no counter yet for this station and year, or an exhausted one
        if connection.execute(_READ, keys).first() is not None:
            raise NumberError(
                f"Le poste {code} a épuisé ses {SEQUENCE_MAX} numéros pour {year} : "
                "donnez-lui un autre code poste (« hotline station set »)."
            )
        connection.execute(_FIRST, keys)
        value = 1
    return make_number(code, year, value)
