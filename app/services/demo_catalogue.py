"""The vendor's catalogue for the demo data: products, their releases, and the problems clients report.

Release dates are given as months before the demo's end date, so that the catalogue stays coherent
whatever end date the seeder is given (a release is never in the future of the data).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.vocabulary import Origin


@dataclass(frozen=True)
class ReleaseSpec:
    version: str
    months_before_end: int
    day: int
    substantial: bool
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ProductSpec:
    code: str
    name: str
    description: str
    dbms: tuple[str, ...]
    releases: tuple[ReleaseSpec, ...]


@dataclass(frozen=True)
class ProblemSpec:
    """A problem clients report about a product: what they say, what it was, how it was handled."""

    title: str
    origin: Origin
    description: str
    workaround: str | None
    resolution: str
    peripheral: str = ""


def _r(version: str, months: int, day: int, *notes: str, substantial: bool = False) -> ReleaseSpec:
    return ReleaseSpec(version, months, day, substantial, notes)


PRODUCTS: tuple[ProductSpec, ...] = (
    ProductSpec(
        "FIN",
        "Défi Finances",
        "Comptabilité publique (M57, M14, M49), budget, engagements, mandats et titres, flux PES V2 "
        "vers la DGFiP et dépôt des factures sur Chorus Pro.",
        ("PostgreSQL 15", "PostgreSQL 13", "SQL Server 2019 Express", "SQL Server 2022 Standard"),
        (
            _r("7.4", 86, 12, "Préparation au référentiel M57.", "Nouvel état de la dette."),
            _r(
                "8.0",
                64,
                3,
                "Passage à PostgreSQL 13 minimum.",
                "Nouvelle interface des mandats.",
                substantial=True,
            ),
            _r("8.1", 50, 17, "Dématérialisation des pièces justificatives.", "Export Chorus Pro."),
            _r("8.2", 38, 9, "Compte financier unique : maquette de l'annexe.", "Corrections diverses."),
            _r(
                "9.0",
                26,
                14,
                "Référentiel M57 abrégé pour les petites communes.",
                "Windows Server 2016 n'est plus pris en charge.",
                substantial=True,
            ),
            _r("9.1", 15, 6, "Signature électronique des bordereaux par le parapheur."),
            _r("9.2", 8, 20, "Nouvel assistant de reprise des résultats.", "Éditions plus rapides."),
            _r("9.2.3", 2, 11, "Correctif de l'édition des bordereaux de mandats."),
        ),
    ),
    ProductSpec(
        "PAIE",
        "Défi Paie",
        "Paie des agents titulaires, contractuels et des élus, carrières, DSN mensuelle, "
        "prélèvement à la source et mandatement vers Défi Finances.",
        ("PostgreSQL 15", "PostgreSQL 13", "SQL Server 2019 Express"),
        (
            _r("5.8", 80, 4, "Prélèvement à la source : taux personnalisés."),
            _r(
                "6.0",
                58,
                21,
                "DSN pour la fonction publique territoriale.",
                "Refonte des carrières.",
                substantial=True,
            ),
            _r("6.1", 40, 2, "Indemnité de fin de contrat.", "Corrections DSN."),
            _r("6.2", 27, 15, "Revalorisation du point d'indice.", "Nouvelles rubriques RIFSEEP."),
            _r("6.3", 13, 8, "Protection sociale complémentaire : participation employeur."),
            _r("6.4", 4, 19, "Taux de cotisation de l'année.", "Contrôles DSN renforcés."),
        ),
    ),
    ProductSpec(
        "CIVIL",
        "Défi État civil",
        "Actes de naissance, de mariage et de décès, mentions marginales, livrets de famille, "
        "échanges COMEDEC avec les notaires et l'ANTS.",
        ("HFSQL Client/Serveur", "HFSQL Classic", "PostgreSQL 15"),
        (
            _r("4.2", 76, 13, "Mentions marginales automatiques."),
            _r("4.3", 52, 5, "Raccordement COMEDEC.", "Nouveaux modèles de livrets."),
            _r("5.0", 30, 24, "Passage à HFSQL Client/Serveur recommandé.", substantial=True),
            _r("5.1", 11, 10, "Recherche phonétique des actes."),
        ),
    ),
    ProductSpec(
        "ELEC",
        "Défi Élections",
        "Listes électorales synchronisées avec le répertoire électoral unique (REU), commissions de "
        "contrôle, cartes électorales, listes d'émargement et procurations.",
        ("HFSQL Client/Serveur", "PostgreSQL 15"),
        (
            _r("3.5", 70, 7, "Synchronisation quotidienne avec le REU."),
            _r("3.6", 44, 16, "Procurations dématérialisées."),
            _r("4.0", 28, 3, "Refonte de l'impression des cartes électorales.", substantial=True),
            _r("4.1", 6, 12, "Listes d'émargement par bureau de vote."),
        ),
    ),
    ProductSpec(
        "CIME",
        "Défi Cimetières",
        "Concessions funéraires, plans des cimetières, registre des inhumations, reprises de "
        "concessions et alertes d'échéance.",
        ("HFSQL Client/Serveur", "HFSQL Classic"),
        (
            _r("2.3", 74, 22, "Plans interactifs des cimetières."),
            _r("2.4", 42, 11, "Procédure de reprise des concessions abandonnées."),
            _r("2.5", 17, 28, "Alertes d'échéance par e-mail."),
        ),
    ),
    ProductSpec(
        "EAU",
        "Défi Eau",
        "Facturation de l'eau et de l'assainissement : abonnés, relève des compteurs sur terminal "
        "portable, facturation, mensualisation et prélèvements SEPA, redevances de l'agence de l'eau.",
        ("PostgreSQL 15", "PostgreSQL 13", "SQL Server 2019 Express"),
        (
            _r("6.1", 78, 9, "Mensualisation des abonnés."),
            _r("6.2", 55, 14, "Prélèvements SEPA au format XML."),
            _r(
                "7.0",
                33,
                6,
                "Nouveau format des terminaux de relève.",
                "PostgreSQL 13 minimum.",
                substantial=True,
            ),
            _r("7.1", 20, 18, "Factures dématérialisées."),
            _r("7.2", 5, 2, "Redevances de l'agence de l'eau de l'année."),
        ),
    ),
    ProductSpec(
        "TEMPS",
        "Défi Temps",
        "Gestion des temps et des présences : cycles de travail, plannings, congés, heures "
        "supplémentaires et pointage par badgeuses.",
        ("SQL Server 2019 Express", "PostgreSQL 15"),
        (
            _r("3.0", 66, 15, "Badgeuses BT-200 prises en charge."),
            _r("3.1", 45, 8, "Cycles de travail annualisés."),
            _r(
                "4.0",
                24,
                21,
                "Nouveau service de collecte des badgeuses.",
                "Windows 10 n'est plus pris en charge.",
                substantial=True,
            ),
            _r("4.1", 9, 13, "Badgeuse biométrique BX-9."),
        ),
    ),
    ProductSpec(
        "PORTAIL",
        "Défi Portail",
        "Portail usagers : démarches en ligne, paiement des factures (cantine, eau), prise de "
        "rendez-vous et suivi des demandes.",
        ("PostgreSQL 16",),
        (
            _r("2.0", 48, 10, "Paiement en ligne.", substantial=True),
            _r("2.1", 31, 4, "Prise de rendez-vous (passeports, cartes d'identité)."),
            _r("2.2", 16, 23, "Formulaires de démarche personnalisables."),
            _r("2.3", 3, 7, "Accessibilité (RGAA) améliorée."),
        ),
    ),
    ProductSpec(
        "OUTBACK",
        "Outback",
        "Sauvegarde externalisée des bases et des documents vers le centre de données de "
        "DEFI INFORMATIQUE, avec rapport de réception sous 24 heures.",
        ("",),
        (
            _r("1.8", 72, 18, "Rapport de réception avec clé d'authentification."),
            _r("2.0", 46, 6, "Chiffrement des sauvegardes.", "Agent en service Windows.", substantial=True),
            _r("2.1", 22, 26, "Conservation des cinq dernières versions."),
            _r("2.2", 7, 9, "Alerte de dépassement du quota."),
        ),
    ),
)
PRODUCT_CODES: tuple[str, ...] = tuple(p.code for p in PRODUCTS)
