"""Time to build a client's incident register of 5,000 incidents as a PDF (R-13).

Run with ``python -m tests.benchmarks.bench_register [incidents]``. The target is under 10 s for 5,000
lines; the figure printed (best of three builds) is the one to report, with the page count.
"""

from __future__ import annotations

import io
import sys
import time
from datetime import UTC, date, datetime, timedelta

from app.reports.data import ClientInfo, Vendor
from app.reports.register import RegisterData, RegisterRow, build_incident_register

TARGET_SECONDS = 10.0
ORIGINS = ("SGBD", "Fonctionnalités du progiciel", "Supports de pointage / périphérique", "Utilisation du progiciel")
TITLES = (
    "Édition des mandats bloquée après la mise à jour",
    "Dépôt des factures sur Chorus Pro en échec",
    "Comment annuler un titre émis sur l'exercice précédent ?",
    "Erreur de connexion à la base de données au démarrage",
)


def register(count: int) -> RegisterData:
    start = datetime(2020, 1, 6, 8, 30, tzinfo=UTC)
    rows = tuple(
        RegisterRow(
            number=f"NCY-{20 + i // 1000:02d}{i % 100_000:05d}-D",
            title=TITLES[i % len(TITLES)],
            opened_at=start + timedelta(hours=7 * i),
            status="Clos" if i % 5 else "Diagnostiqué",
            origin=ORIGINS[i % len(ORIGINS)],
            resolved_at=start + timedelta(hours=7 * i + 20) if i % 5 else None,
            closed_at=start + timedelta(hours=7 * i + 60) if i % 5 else None,
            first_response_minutes=float(i % 90),
            resolution_minutes=float(30 + i % 900),
            paused_minutes=float(i % 45),
        )
        for i in range(count)
    )
    client = ClientInfo(
        "C54001", "Communauté de communes du Bassin de Pompey", ("Rue des Quatre Éléments", "54340 POMPEY")
    )
    return RegisterData(Vendor(), client, rows[-1].opened_at, rows, date(2020, 1, 1), None)


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 5000
    data = register(count)
    timings, pdf = [], b""
    for _ in range(3):
        began = time.perf_counter()
        pdf = build_incident_register(data)
        timings.append(time.perf_counter() - began)
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    best = min(timings)
    verdict = "OK" if best < TARGET_SECONDS else "TROP LENT"
    print(
        f"registre de {count} incidents : {best:.2f} s (meilleur de 3), {pages} pages, {len(pdf) / 1024:.0f} Kio — "
        f"objectif < {TARGET_SECONDS:.0f} s : {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
