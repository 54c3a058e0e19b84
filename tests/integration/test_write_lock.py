"""Use cases that write begin their SQLite transaction as writers (``begin_writing``): another connection
committing between what a save reads and what it writes can no longer make the save fail."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.db.engine import session_factory
from app.db.models import Incident
from app.services import incidents as svc
from tests.integration.incident_fixtures import OPEN_HOUR, build_world
from ui.intake.operations import Technician

TAKER = Technician("cmartin", "Camille Martin", "NCY")


@contextmanager
def another_writer_at_the_first_write(path: str) -> Iterator[list[str]]:
    """When a connection of this process to the SQLite file at ``path`` sends its first write, another
    connection to the file tries to commit a change at once (no waiting); the list says whether it could."""
    outcome: list[str] = []

    def intrude(conn, _cursor, statement: str, *_args: object) -> None:
        if outcome or conn.engine.url.database != path:
            return
        if not statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            return
        with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as other:
            try:
                other.execute("UPDATE clients SET name = name || '.' WHERE code = 'C54002'")
                outcome.append("committed")
            except sqlite3.OperationalError as exc:
                outcome.append(f"refused: {exc}")

    event.listen(Engine, "before_cursor_execute", intrude)
    try:
        yield outcome
    finally:
        event.remove(Engine, "before_cursor_execute", intrude)


def _save(session: Session, actor: svc.Actor) -> svc.CreatedIncident:
    return svc.create_incident(
        session, actor, client_code="C54001", caller_name="Élodie Durand", title="Mandats bloqués", opened_at=OPEN_HOUR
    )


@pytest.fixture
def world(engine: Engine) -> Engine:
    with session_factory(engine).begin() as session:
        build_world(session)
        svc.ensure_technician(session, TAKER.login, TAKER.name, TAKER.station)
    return engine


def test_a_save_begun_as_a_reader_fails_when_another_connection_commits_first(world: Engine) -> None:
    """The hazard itself: a plain BEGIN, reads, another commit, then the first write is refused at once."""
    with another_writer_at_the_first_write(world.url.database) as outcome, session_factory(world)() as session:
        actor = svc.ensure_technician(session, TAKER.login, TAKER.name, TAKER.station)
        with pytest.raises(OperationalError, match="database is locked"):
            _save(session, actor)
    assert outcome == ["committed"]


def test_a_save_begun_as_a_writer_goes_through_and_the_other_writer_waits_its_turn(world: Engine) -> None:
    sessions = session_factory(world)
    with another_writer_at_the_first_write(world.url.database) as outcome, sessions() as session:
        created = _save(session, TAKER.actor(session))
        session.commit()
    assert outcome == ["refused: database is locked"]
    with sessions() as session:
        assert session.execute(select(Incident.number).where(Incident.id == created.id)).scalar_one() == created.number
    # Once the save committed, the other connection writes as usual.
    with closing(sqlite3.connect(world.url.database, timeout=0, isolation_level=None)) as other:
        other.execute("UPDATE clients SET name = name || '.' WHERE code = 'C54002'")


def test_the_command_line_saves_begin_as_writers(world: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    new = ["--db", world.url.database, "incident", "new", "--client", "C54001", "--caller", "Durand"]
    assert main(["station", "set", "NCY"]) == 0
    # A first save: the command builds the calendar's SQL mirror of this new base on its way.
    assert main([*new, "--title", "Premier appel"]) == 0, capsys.readouterr().err
    with another_writer_at_the_first_write(world.url.database) as outcome:
        code = main([*new, "--title", "Mandats bloqués"])
    assert code == 0, capsys.readouterr().err
    assert outcome == ["refused: database is locked"]


def test_the_planning_edits_begin_as_writers(world: Engine) -> None:
    """The GUI's write use cases without an actor (calendar, rota, contracts, sync conflicts) open their
    transaction through ``writing``; an exceptional closure stands for them."""
    from ui.planning.operations import save_closure

    with another_writer_at_the_first_write(world.url.database) as outcome:
        save_closure(session_factory(world), "Déménagement", day=date(2026, 5, 22), start=None, end=None)()
    assert outcome == ["refused: database is locked"]
