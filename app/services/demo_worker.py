"""A big demo load on SQLite, generated in a second process while the first one inserts.

Drawing the rows in Python costs about as much as SQLite's inserts; on a machine with two cores the
two overlap. The second process runs ``python -m app.services.demo_worker``: it receives the seeder's
arguments, draws the rows with the very same code (``demo_seed.generate``, same seed, same streams,
same rows), turns each batch into the driver's parameters exactly as ``RowSink`` would, and sends the
batches, in order, through a pipe. The first process only executes them, in its own transaction, and
indexes the incidents for full-text search as they arrive: a failure on either side leaves the
database untouched and the other process stopped.

A separate interpreter rather than ``multiprocessing``: nothing of the caller's program (its main
module, a GUI, an open database connection) is copied or imported again.
"""

from __future__ import annotations

import gc
import marshal
import os
import pickle
import struct
import subprocess
import sys
import traceback
from datetime import date
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Table

from app.services.demo_rows import TABLE_ORDER, RowSink, StaffRef, _InsertPlan, execute_many
from app.services.incident_search import register_document_function, sqlite_index_statement

# One message a flush: [(INSERT statement, parameter tuples) or (None, table name, row dicts), ...].
_ROWS, _DONE, _ERROR = "rows", "done", "error"
_HEADER = struct.Struct("<QB")  # payload length, how it is encoded
_MARSHAL, _PICKLE = 1, 2


class GeneratorProcess:
    """The parent's side: starts the generator, executes what it sends, stops it whatever happens."""

    def __init__(self, process: subprocess.Popen[bytes], stream: IO[bytes]) -> None:
        self._process = process
        self._stream = stream

    @classmethod
    def start(
        cls, seed: int, clients: int, incidents: int, end: date, years: int, contacts: int | None
    ) -> GeneratorProcess | None:
        """The generator, started; None when no second interpreter can be started here (the caller then
        generates the rows itself)."""
        if not sys.executable:
            return None
        # The same ``app`` package as this process, wherever it was imported from.
        source = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (source, env.get("PYTHONPATH")) if p)
        try:
            # The rows come back on the process's standard output (which it keeps for them alone).
            process = subprocess.Popen(
                [sys.executable, "-m", "app.services.demo_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                bufsize=1 << 20,
                env=env,
            )
        except OSError:
            return None
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(pickle.dumps((seed, clients, incidents, end, years, contacts)))
            process.stdin.close()
        except BrokenPipeError:
            pass  # the process died at start; reading says so
        return cls(process, process.stdout)

    def write_into(self, connection: Connection) -> tuple[list[StaffRef], dict[str, int]]:
        """Insert every batch the generator sends, and index the incidents for full-text search as
        they arrive; returns the staff (for the rota) and the counts.

        The cyclic garbage collector is paused meanwhile: each batch's parameter tuples would otherwise
        trigger full collections of this process's objects, and nothing here makes reference cycles."""
        paused = gc.isenabled()
        gc.disable()
        try:
            return self._write_into(connection)
        finally:
            if paused:
                gc.enable()

    def _write_into(self, connection: Connection) -> tuple[list[StaffRef], dict[str, int]]:
        tables = {table.name: table for table in TABLE_ORDER}
        search = _SearchIndexer(connection)
        while True:
            try:
                message = _receive(self._stream)
            except EOFError:
                code = self._process.wait()
                raise RuntimeError(f"Le générateur de données de démonstration s'est arrêté (code {code}).") from None
            kind = message[0]
            if kind == _ROWS:
                for item in message[1]:
                    if item[0] is None:
                        connection.execute(tables[item[1]].insert(), item[2])
                    else:
                        execute_many(connection, item[0], item[1])
                search.batch_written()
            elif kind == _DONE:
                search.finish()
                return message[1], message[2]
            else:
                error, details = message[1], message[2]
                if isinstance(error, BaseException):
                    error.add_note(details)
                    raise error
                raise RuntimeError(details)

    def stop(self) -> None:
        self._stream.close()
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()


class _SearchIndexer:
    """The full-text index of the incidents, written batch by batch while the generator draws the next
    rows, rather than in one statement after the load: the same documents, made by the same SQL and
    the same function as ``rebuild_search_index`` (limited to a range of rowids).

    The rows of an incident and of its history follow each other, so a batch may end between an
    incident and its last history lines, never later than the next batch: each batch indexes the
    incidents written up to the batch before it.
    """

    def __init__(self, connection: Connection) -> None:
        self._driver = connection.connection.driver_connection
        register_document_function(self._driver)
        self._driver.execute("DELETE FROM incident_fts")  # type: ignore[union-attr]
        self._indexed = 0  # incidents' rowids up to this one are indexed
        self._complete = 0  # incidents up to this one have all their history lines written

    def _last_incident(self) -> int:
        return self._driver.execute("SELECT max(rowid) FROM incidents").fetchone()[0] or 0  # type: ignore[union-attr]

    def _index_up_to(self, last: int) -> None:
        if last > self._indexed:
            self._driver.execute(_RANGE_REBUILD, (self._indexed, last))  # type: ignore[union-attr]
            self._indexed = last

    def batch_written(self) -> None:
        self._index_up_to(self._complete)
        self._complete = self._last_incident()

    def finish(self) -> None:
        self._index_up_to(self._last_incident())


_RANGE_REBUILD = sqlite_index_statement(rowid_range=True)


class _ForwardingSink(RowSink):
    """A ``RowSink`` that sends its batches to the parent instead of a database."""

    def __init__(self, out: IO[bytes], batch_size: int = 10_000) -> None:
        self._out = out
        self._batch_size = batch_size
        self._buffers: dict[Table, list[dict[str, Any]]] = {table: [] for table in TABLE_ORDER}
        self._pending = 0
        self._written = {table.name: 0 for table in TABLE_ORDER}
        self._plans: dict[str, _InsertPlan | None] = {}
        self._quote = _sqlite_quote()

    def flush(self) -> None:
        items: list[tuple[Any, ...]] = []
        for table in TABLE_ORDER:
            rows = self._buffers[table]
            if rows:
                self._written[table.name] += len(rows)
                plan = self._plan(table, rows[0])
                if plan is None:
                    items.append((None, table.name, list(rows)))
                else:
                    items.append((plan.sql, list(plan.parameters(rows))))
                rows.clear()
        self._pending = 0
        if items:
            send(self._out, (_ROWS, items))


def _sqlite_quote() -> Any:
    from sqlalchemy.dialects import sqlite

    return sqlite.dialect().identifier_preparer.quote


def send(out: IO[bytes], message: tuple[Any, ...]) -> None:
    """A batch of rows goes as ``marshal`` data (its parameters are only strings, numbers and None,
    which marshal writes twice as fast as pickle), anything else pickled; a length and a tag first."""
    if message[0] == _ROWS:
        tag, payload = _MARSHAL, marshal.dumps(message)
    else:
        tag, payload = _PICKLE, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEADER.pack(len(payload), tag))
    out.write(payload)
    out.flush()


def _receive(stream: IO[bytes]) -> tuple[Any, ...]:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    size, tag = _HEADER.unpack(header)
    payload = stream.read(size)
    if len(payload) < size:
        raise EOFError
    return marshal.loads(payload) if tag == _MARSHAL else pickle.loads(payload)


def main() -> int:
    # No cyclic garbage collection in this short-lived process: the clients' profiles (hundreds of
    # thousands of objects for a big load) would be scanned again and again while millions of rows
    # pass through, and the rows make no reference cycles (everything is freed when it exits).
    gc.disable()
    from app.services.demo_seed import generate

    # The rows go to the parent on the standard output; anything else printed goes to the error output.
    channel = os.dup(sys.stdout.fileno())
    if sys.platform == "win32":
        import msvcrt

        msvcrt.setmode(channel, os.O_BINARY)  # no newline translation of the bytes
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    with os.fdopen(channel, "wb", buffering=1 << 20) as out:
        try:
            seed, clients, incidents, end, years, contacts = pickle.load(sys.stdin.buffer)
            sink = _ForwardingSink(out)
            staff = generate(sink, seed, clients, incidents, end, years, contacts)
            send(out, (_DONE, staff, sink.counts))
        except BrokenPipeError:
            return 1  # the parent stopped reading: it failed or was interrupted, and says why
        except BaseException as exc:
            details = traceback.format_exc()
            try:
                pickle.dumps(exc)
            except Exception:
                exc = None  # type: ignore[assignment]
            send(out, (_ERROR, exc, details))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
