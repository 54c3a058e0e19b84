"""Intake speed (issue 4): client lookup, incident save and full-text search, measured on a seeded base.

``python -m tests.benchmarks.bench_intake [--clients N] [--incidents N]`` seeds a temporary SQLite file
(10,000 clients and about 50,000 contacts by default), then prints median and p95 of:
- client lookup from what a caller says (code, hotline id, phone in three formats, accent-less names);
- saving an incident (coverage check + number + history + search index, one transaction);
- full-text search over incidents with ordinary and hostile queries.
Not a pytest test: figures depend on the machine; run it and read them.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from app.db import migrate
from app.db.engine import make_engine, session_factory
from app.db.models import Client, Contact, PhoneNumber
from app.services import incidents as svc
from app.services.calendar_config import refresh_mirror_if_stale
from app.services.clients import search_clients
from app.services.demo_seed import seed_demo
from app.services.incident_queries import IncidentFilter, list_incidents
from app.services.incident_search import rebuild_search_index

TARGETS_MS = {"lookup": 30.0, "save": 200.0, "search": 50.0}


def _measure(label: str, samples: list[Callable[[], object]]) -> tuple[float, float]:
    timings = []
    for sample in samples:
        started = time.perf_counter()
        sample()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    median = statistics.median(timings)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    target = TARGETS_MS[label]
    verdict = "ok" if p95 <= target else "OVER"
    print(
        f"{label:<8} n={len(timings):<5} median {median:7.2f} ms   p95 {p95:7.2f} ms   "
        f"target p95 ≤ {target:.0f} ms  {verdict}"
    )
    return median, p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--incidents", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hotline-bench-") as folder:
        engine = make_engine(f"sqlite+pysqlite:///{Path(folder) / 'bench.sqlite3'}")
        migrate.upgrade(engine)
        started = time.perf_counter()
        summary = seed_demo(engine, seed=11, clients=args.clients, incidents=args.incidents)
        sessions = session_factory(engine)
        with sessions.begin() as session:
            refresh_mirror_if_stale(session)
            rebuild_search_index(session)
        print(
            f"seeded {summary.clients} clients, {summary.contacts} contacts, {summary.incidents} incidents "
            f"in {time.perf_counter() - started:.1f} s"
        )
        rng = random.Random(5)
        with sessions() as session:
            clients = session.execute(select(Client.code, Client.hotline_id, Client.name)).all()
            phones = session.execute(select(PhoneNumber.e164)).scalars().all()
        queries: list[str] = []
        for _ in range(100):
            code, hotline_id, name = rng.choice(clients)
            e164 = rng.choice(phones)
            national = "0" + e164[3:]
            queries += [
                code,
                hotline_id,
                national,
                " ".join(national[i : i + 2] for i in range(0, 10, 2)),
                e164,
                name.split()[-1][:5].lower(),
            ]
        session = sessions()
        _measure("lookup", [lambda q=q: search_clients(session, q, limit=20) for q in queries])
        session.close()

        with sessions.begin() as session:
            actor = svc.ensure_technician(session, "bench", "Banc d'essai", "BNC")
            callers = session.execute(
                select(Client.code, Contact.first_name, Contact.last_name).join(Contact, Contact.client_id == Client.id)
            ).all()

        def save_one() -> None:
            code, first, last = rng.choice(callers)
            with sessions.begin() as s:
                svc.create_incident(s, actor, client_code=code, caller_name=f"{first} {last}", title="Banc d'essai")

        _measure("save", [save_one for _ in range(200)])

        words = ["mandat", "paie", "badgeuse", "edition", "sauvegarde", "elections", "cimetiere", "bloque"]
        hostile = ['"', "NEAR(", "*", "-", "() OR", "'; DROP"]
        search_queries = [rng.choice(words) for _ in range(150)] + [f"{rng.choice(words)} {h}" for h in hostile * 5]
        session = sessions()
        _measure(
            "search",
            [lambda q=q: list_incidents(session, IncidentFilter(search=q), limit=100) for q in search_queries],
        )
        session.close()
        engine.dispose()


if __name__ == "__main__":
    main()
