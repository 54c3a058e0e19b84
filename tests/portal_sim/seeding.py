"""Portal-side data to start from: the client directory (built in, or read from a Hotline database) and
incidents declared by clients, with a few comments, a consent and a restoration request.

Everything is drawn from one ``random.Random`` seeded by the caller, and dated from an ``epoch`` day, so
that the same seed and epoch always make the same records, ids included.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from tests.portal_sim.store import PortalStore

BUILTIN_CLIENTS: tuple[tuple[str, str, str, str, str], ...] = (
    # code, hotline id, name, kind, city
    ("C00101", "HL100101", "Commune de Laxou", "commune", "Laxou"),
    ("C00102", "HL100102", "Commune de Pont-à-Mousson", "commune", "Pont-à-Mousson"),
    ("C00103", "HL100103", "CCAS de Lunéville", "ccas", "Lunéville"),
    ("C00104", "HL100104", "Syndicat des eaux de la Mortagne", "syndicat", "Gerbéviller"),
    ("C00105", "HL100105", "Communauté de communes du Toulois", "epci", "Toul"),
)
BUILTIN_CONTACTS: tuple[tuple[str, str, str, bool, tuple[str, ...]], ...] = (
    # client code, first name, last name, RTC, products trained on
    ("C00101", "Sylvie", "Mathieu", True, ("FIN", "PAIE")),
    ("C00101", "Karim", "Benali", True, ("FIN",)),
    ("C00101", "Chloé", "Perrin", False, ()),
    ("C00102", "Jean-Marc", "Colin", True, ("CIVIL", "ELEC")),
    ("C00102", "Audrey", "Lambert", False, ("CIVIL",)),
    ("C00103", "Nathalie", "Thiébaut", True, ("FIN",)),
    ("C00103", "Lucas", "François", True, ("PAIE",)),
    ("C00104", "Hervé", "Guillaume", True, ("EAU",)),
    ("C00105", "Émilie", "Marchand", True, ("FIN", "PAIE", "TEMPS")),
    ("C00105", "Patrick", "Schmitt", False, ()),
)

# (title, description) of what clients declare; {produit} is a product name.
INCIDENT_TEXTS: tuple[tuple[str, str], ...] = (
    (
        "Erreur à l'édition des bulletins de paie",
        "Depuis ce matin, l'édition des bulletins s'arrête sur « erreur 1045 » au troisième agent. "
        "Nous devons verser les salaires vendredi.",
    ),
    (
        "Mandats bloqués à la signature",
        "Les mandats de la semaine restent « en attente de signature » dans {produit} alors que le "
        "parapheur les a signés hier.",
    ),
    (
        "Lecteur de badges qui ne pointe plus",
        "La badgeuse du hall affiche « hors ligne » depuis la coupure de courant de lundi.",
    ),
    (
        "Acte de naissance : mentions marginales absentes",
        "Les mentions marginales saisies hier n'apparaissent pas sur la copie intégrale éditée ce matin.",
    ),
    (
        "Lenteurs importantes à l'ouverture du logiciel",
        "L'ouverture de {produit} prend plus de deux minutes sur tous les postes de la mairie.",
    ),
    (
        "Liste électorale : doublons après l'import du REU",
        "Après la synchronisation avec le répertoire électoral unique, une trentaine d'électeurs "
        "apparaissent deux fois.",
    ),
    (
        "Rôle de l'eau : montants erronés",
        "Les factures du second semestre comptent deux fois l'abonnement pour les compteurs divisionnaires.",
    ),
    (
        "Impossible de clôturer l'exercice",
        "La clôture s'arrête sur un écart de 0,02 € entre la balance et le compte de gestion.",
    ),
    (
        "Mot de passe administrateur perdu",
        "Notre responsable technique est en congé et personne ne peut débloquer les comptes des agents.",
    ),
    (
        "Concession : plan du cimetière vide",
        "Le plan interactif du cimetière ne montre plus aucune concession depuis la mise à jour.",
    ),
    (
        "Export DSN refusé par net-entreprises",
        "Le dépôt de la DSN de ce mois est rejeté : « bloc S21.G00.40 invalide ».",
    ),
    (
        "Planning des agents non enregistré",
        "Les modifications du planning de la semaine prochaine disparaissent à la fermeture de {produit}.",
    ),
)
COMMENTS: tuple[str, ...] = (
    "Le problème se reproduit aussi sur le poste de l'accueil.",
    "Nous avons redémarré le serveur, sans effet.",
    "Merci de nous rappeler avant 16 h, la secrétaire de mairie part ensuite.",
    "Capture d'écran envoyée par courriel à la hotline.",
    "C'est urgent : la paie doit partir demain.",
    "Le message d'erreur a changé : « délai d'attente dépassé ».",
)
PRODUCT_NAMES = ("Défi Finances", "Défi Paie", "Défi État civil", "Défi Temps", "Défi Eau")


@dataclass(frozen=True)
class SeedSummary:
    clients: int
    contacts: int
    incidents: int
    comments: int
    consents: int
    restoration_requests: int
    rtc_notices: int


def make_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def default_epoch() -> date:
    return datetime.now(UTC).date()


def read_hotline_directory(db_path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Active clients and contacts (with their trainings) of a Hotline SQLite database, opened read-only."""
    uri = f"{Path(db_path).resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        clients = [
            {
                "id": str(uuid.UUID(str(row[0]))),
                "code": row[1],
                "hotline_id": row[2],
                "name": row[3],
                "kind": row[4],
                "city": row[5] or "",
            }
            for row in db.execute(
                "SELECT id, code, hotline_id, name, kind, city FROM clients WHERE active ORDER BY code"
            )
        ]
        trainings: dict[str, list[dict[str, str]]] = {}
        for contact_id, product_code, trained_on in db.execute(
            "SELECT t.contact_id, p.code, t.trained_on FROM trainings t JOIN products p ON p.id = t.product_id "
            "ORDER BY t.contact_id, p.code, t.trained_on"
        ):
            key = str(uuid.UUID(str(contact_id)))
            trainings.setdefault(key, []).append({"product_code": product_code, "trained_on": str(trained_on)[:10]})
        contacts = []
        for row in db.execute(
            "SELECT c.id, k.code, c.first_name, c.last_name, c.email, c.is_rtc FROM contacts c "
            "JOIN clients k ON k.id = c.client_id WHERE c.active AND k.active ORDER BY k.code, c.last_name, c.id"
        ):
            contact_id = str(uuid.UUID(str(row[0])))
            contacts.append(
                {
                    "id": contact_id,
                    "client_code": row[1],
                    "first_name": row[2] or "",
                    "last_name": row[3],
                    "email": row[4],
                    "is_rtc": bool(row[5]),
                    "trainings": trainings.get(contact_id, []),
                }
            )
    return clients, contacts


def builtin_directory(rng: random.Random, epoch: date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    clients = [
        {"id": make_uuid(rng), "code": code, "hotline_id": hotline_id, "name": name, "kind": kind, "city": city}
        for code, hotline_id, name, kind, city in BUILTIN_CLIENTS
    ]
    contacts = []
    for client_code, first, last, is_rtc, products in BUILTIN_CONTACTS:
        login = f"{first[0]}.{last}".lower().replace("é", "e").replace("è", "e").replace(" ", "")
        trained_on = (epoch - timedelta(days=rng.randint(200, 2000))).isoformat()
        contacts.append(
            {
                "id": make_uuid(rng),
                "client_code": client_code,
                "first_name": first,
                "last_name": last,
                "email": f"{login}@{client_code.lower()}.mairie.test",
                "is_rtc": is_rtc,
                "trainings": [{"product_code": code, "trained_on": trained_on} for code in products],
            }
        )
    return clients, contacts


def load_directory(
    store: PortalStore, rng: random.Random, epoch: date, hotline_db: Path | None
) -> tuple[int, int, int]:
    """Fill the directory feed (from the database, or the built-in list) and add one written RTC notice."""
    clients, contacts = read_hotline_directory(hotline_db) if hotline_db else builtin_directory(rng, epoch)
    for client in clients:
        store.add_client(client)
    for contact in contacts:
        store.add_contact(contact)
    notices = 0
    rtc = next((c for c in contacts if c["is_rtc"]), None)
    if rtc is not None:
        store.add_rtc_notice(
            {
                "id": make_uuid(rng),
                "client_code": rtc["client_code"],
                "contact_id": rtc["id"],
                "received_on": (epoch - timedelta(days=3)).isoformat(),
                "channel": "portal",
                "text": f"{rtc['first_name']} {rtc['last_name']} devient responsable technique à la place de "
                "la personne partie en retraite.",
            }
        )
        notices = 1
    return len(clients), len(contacts), notices


def _moment(rng: random.Random, epoch: date, days_back: int) -> str:
    day = epoch - timedelta(days=days_back)
    at = datetime.combine(day, time(7, 30), tzinfo=UTC) + timedelta(minutes=rng.randint(0, 9 * 60))
    return at.isoformat()


def seed_incidents(store: PortalStore, rng: random.Random, epoch: date, count: int) -> tuple[int, int, int, int]:
    """``count`` portal-declared incidents, a comment on about one in three, one consent and one
    restoration request (when there is at least one incident)."""
    clients, contacts = store.directory_people()
    by_client: dict[str, list[dict[str, Any]]] = {}
    for contact in contacts:
        by_client.setdefault(contact["client_code"], []).append(contact)
    codes = sorted(by_client) or sorted(c["code"] for c in clients) or [BUILTIN_CLIENTS[0][0]]
    made: list[dict[str, Any]] = []
    for _ in range(count):
        code = rng.choice(codes)
        people = by_client.get(code, [])
        contact = rng.choice(people) if people else None
        title, description = rng.choice(INCIDENT_TEXTS)
        made.append(
            store.add_portal_incident(
                {
                    "id": make_uuid(rng),
                    "client_code": code,
                    "contact_id": contact["id"] if contact else None,
                    "caller_name": f"{contact['first_name']} {contact['last_name']}".strip() if contact else "",
                    "title": title,
                    "description": description.format(produit=rng.choice(PRODUCT_NAMES)),
                    "opened_at": _moment(rng, epoch, rng.randint(0, 10)),
                    "priority": rng.choice((2, 3, 3, 3, 4)),
                }
            )
        )
    comments = 0
    for incident in made[::3]:
        store.add_comment(
            {
                "id": make_uuid(rng),
                "incident_id": incident["id"],
                "author": incident["caller_name"] or "Mairie",
                "at": _moment(rng, epoch, 0),
                "text": rng.choice(COMMENTS),
            }
        )
        comments += 1
    if not made:
        return 0, 0, 0, 0
    first = made[0]
    signer = next((c for c in by_client.get(first["client_code"], []) if c["is_rtc"]), None)
    consents = restorations = 0
    if signer is not None:
        name = f"{signer['first_name']} {signer['last_name']}".strip()
        store.add_consent(
            {
                "id": make_uuid(rng),
                "incident_id": first["id"],
                "telemaintenance_reference": "PORTAIL/T1",
                "contact_id": signer["id"],
                "given_by": name,
                "at": _moment(rng, epoch, 0),
                "decision": "accepted",
                "text": "J'autorise l'intervention sur nos données après sauvegarde complète.",
            }
        )
        store.add_restoration_request(
            {
                "id": make_uuid(rng),
                "client_code": first["client_code"],
                "contact_id": signer["id"],
                "requested_by": name,
                "at": _moment(rng, epoch, 0),
                "backup_date": (epoch - timedelta(days=1)).isoformat(),
                "text": "Merci de restaurer la dernière sauvegarde reçue : la base a été endommagée cette nuit.",
            }
        )
        consents = restorations = 1
    return len(made), comments, consents, restorations


def seed_portal(
    store: PortalStore,
    *,
    seed: int = 0,
    incidents: int = 0,
    epoch: date | None = None,
    hotline_db: Path | None = None,
    directory: bool = True,
) -> SeedSummary:
    """Seed a portal: the directory (unless ``directory`` is false or already there), then ``incidents``."""
    epoch = epoch or default_epoch()
    rng = random.Random(f"portal-sim:{seed}:{incidents}:{len(store.feeds['changes'])}")
    clients = contacts = notices = 0
    with store.batch():
        if directory and not store.clients:
            clients, contacts, notices = load_directory(store, rng, epoch, hotline_db)
        made, comments, consents, restorations = seed_incidents(store, rng, epoch, incidents)
    return SeedSummary(clients, contacts, made, comments, consents, restorations, notices)
