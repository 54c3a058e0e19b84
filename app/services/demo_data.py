"""Reference lists for the demo data: people and their jobs, kinds of public bodies, the vendor's staff
and the systems its software runs on (places are in ``demo_places``)."""

from __future__ import annotations

from app.domain.vocabulary import ClientKind, Role

FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Nathalie", "Isabelle", "Sylvie", "Catherine", "Christine", "Sandrine", "Valérie", "Véronique",
    "Stéphanie", "Céline", "Aurélie", "Émilie", "Julie", "Camille", "Laura", "Sophie", "Hélène", "Anne",
    "Chantal", "Brigitte", "Martine", "Françoise", "Élodie", "Karine", "Delphine", "Patricia", "Laurence",
    "Agnès", "Mélanie", "Léa", "Manon", "Chloé", "Gaëlle", "Noémie", "Maëlle", "Marie-Claude",
    "Anne-Sophie", "Bénédicte", "Séverine", "Ophélie",
)  # fmt: skip
MALE_FIRST_NAMES: tuple[str, ...] = (
    "Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "Christophe", "Stéphane",
    "Laurent", "Frédéric", "Éric", "David", "Olivier", "Thierry", "Pascal", "Sébastien", "Julien",
    "Jérôme", "Mathieu", "Thomas", "Guillaume", "Benoît", "François", "Gérard", "Jean-Luc", "Jean-Marc",
    "Jean-François", "Rémi", "Hervé", "Loïc", "Maxime", "Antoine", "Hugo", "Yannick", "Joël", "Régis",
    "Cédric", "Damien", "Noël",
)  # fmt: skip
LAST_NAMES: tuple[str, ...] = (
    "Thiriet", "Mangin", "Colin", "Marchal", "Didier", "Grandjean", "Vautrin", "Claudel", "Jacquot",
    "Thomas", "Petitjean", "Henry", "François", "Laurent", "Martin", "Bernard", "Petit", "Richard",
    "Durand", "Dubois", "Moreau", "Lefèvre", "Mercier", "Girard", "Bonnet", "Fontaine", "Rousseau",
    "Vincent", "Muller", "Schmitt", "Schneider", "Klein", "Weber", "Meyer", "Hoffmann", "Wagner",
    "Becker", "Simon", "Michel", "Gérard", "Perrin", "Collignon", "Houillon", "Noël", "Humbert",
    "Poirot", "Masson", "Barbier", "Chevalier", "Lemoine", "Renaud", "Aubert", "Mathieu", "Guérin",
    "Lhuillier", "Maire", "Antoine", "Georges", "Rémy", "Gény", "Pierson", "Villaume", "Jeandel",
    "Didierjean", "Cuny", "Demange", "Thouvenin", "Chrétien", "Lécuyer", "Bégin", "Hézard", "Pétin",
    "Gœury", "Baudoin", "Étienne",
)  # fmt: skip

# Job titles per kind of client, (masculine, feminine). The first is the usual main contact and the
# first three are the ones a client names as RTC.
JOB_TITLES: dict[ClientKind, tuple[tuple[str, str], ...]] = {
    ClientKind.COMMUNE: (
        ("Secrétaire de mairie", "Secrétaire de mairie"),
        ("Directeur général des services", "Directrice générale des services"),
        ("Responsable informatique", "Responsable informatique"),
        ("Agent comptable", "Agente comptable"),
        ("Gestionnaire paie", "Gestionnaire paie"),
        ("Agent d'état civil", "Agente d'état civil"),
        ("Adjoint administratif", "Adjointe administrative"),
        ("Adjoint au maire chargé des finances", "Adjointe au maire chargée des finances"),
        ("Agent d'accueil", "Agente d'accueil"),
    ),
    ClientKind.CCAS: (
        ("Directeur du CCAS", "Directrice du CCAS"),
        ("Secrétaire du CCAS", "Secrétaire du CCAS"),
        ("Gestionnaire comptable", "Gestionnaire comptable"),
        ("Travailleur social", "Travailleuse sociale"),
        ("Agent d'accueil", "Agente d'accueil"),
    ),
    ClientKind.SYNDICAT: (
        ("Secrétaire du syndicat", "Secrétaire du syndicat"),
        ("Responsable facturation", "Responsable facturation"),
        ("Gestionnaire abonnés", "Gestionnaire abonnés"),
        ("Président du syndicat", "Présidente du syndicat"),
        ("Agent de relève", "Agente de relève"),
    ),
    ClientKind.EPCI: (
        ("Directeur général des services", "Directrice générale des services"),
        ("Responsable du service informatique", "Responsable du service informatique"),
        ("Responsable des finances", "Responsable des finances"),
        ("Responsable des ressources humaines", "Responsable des ressources humaines"),
        ("Gestionnaire paie", "Gestionnaire paie"),
        ("Chargé de la redevance eau", "Chargée de la redevance eau"),
        ("Agent comptable", "Agente comptable"),
    ),
    ClientKind.OTHER: (
        ("Directeur", "Directrice"),
        ("Secrétaire", "Secrétaire"),
        ("Responsable administratif", "Responsable administrative"),
        ("Gestionnaire comptable", "Gestionnaire comptable"),
    ),
}

# How each kind of body is named from a commune: (template, e-mail local part, e-mail domain prefix).
# "{de}" is "de Maxéville", "d'Épinal", "du Thillot"… (see demo_clients.de_form).
NAME_TEMPLATES: dict[ClientKind, tuple[tuple[str, str, str], ...]] = {
    ClientKind.COMMUNE: (("Commune {de}", "mairie", ""),),
    ClientKind.CCAS: (("CCAS {de}", "ccas", ""),),
    ClientKind.SYNDICAT: (
        ("Syndicat intercommunal des eaux {de}", "sie", ""),
        ("Syndicat intercommunal d'assainissement {de}", "sia", ""),
        ("Syndicat intercommunal scolaire {de}", "sis", ""),
    ),
    ClientKind.EPCI: (
        ("Communauté de communes du Pays {de}", "accueil", "cc-"),
        ("Communauté de communes du Bassin {de}", "accueil", "ccb-"),
        ("Communauté d'agglomération {de}", "accueil", "agglo-"),
    ),
    ClientKind.OTHER: (
        ("Caisse des écoles {de}", "caisse.ecoles", ""),
        ("EHPAD public {de}", "ehpad", ""),
        ("Office de tourisme {de}", "tourisme", ""),
        ("Régie municipale des eaux {de}", "regie.eaux", ""),
    ),
}
KIND_WEIGHTS: dict[ClientKind, float] = {
    ClientKind.COMMUNE: 58,
    ClientKind.CCAS: 17,
    ClientKind.SYNDICAT: 10,
    ClientKind.EPCI: 7,
    ClientKind.OTHER: 8,
}
SITE_LABELS: dict[ClientKind, str] = {
    ClientKind.COMMUNE: "Mairie",
    ClientKind.CCAS: "Locaux du CCAS",
    ClientKind.SYNDICAT: "Siège du syndicat",
    ClientKind.EPCI: "Siège communautaire",
    ClientKind.OTHER: "Siège",
}
CLIENT_NOTES: tuple[str, ...] = (
    "Prise en main à distance : demander l'accord du secrétariat avant de se connecter.",
    "Serveur dans le local technique du sous-sol ; redémarrage par l'agent d'accueil.",
    "Secrétariat ouvert le matin seulement ; rappeler avant 12 h.",
    "Trésorerie de rattachement : service de gestion comptable du secteur.",
    "Préférence pour les échanges par e-mail.",
    "Mise à jour annuelle à planifier hors période de paie.",
)

# The vendor's hotline staff: (full name, login, role, station code, products they know best).
TECHNICIANS: tuple[tuple[str, str, Role, str, tuple[str, ...]], ...] = (
    ("Sophie Marchal", "smarchal", Role.TECHNICIAN, "NCY", ("FIN", "PAIE")),
    ("Julien Thiriet", "jthiriet", Role.TECHNICIAN, "MXV", ("TEMPS", "PORTAIL", "OUTBACK")),
    ("Camille Didierjean", "cdidierjean", Role.TECHNICIAN, "EPN", ("CIVIL", "ELEC", "CIME")),
    ("Thomas Grandjean", "tgrandjean", Role.TECHNICIAN, "MTP", ("EAU", "FIN")),
    ("Aurélie Vautrin", "avautrin", Role.TECHNICIAN, "VDN", ("PAIE", "TEMPS")),
    ("Mathieu Perrin", "mperrin", Role.TECHNICIAN, "MTX", ("OUTBACK", "PORTAIL", "FIN")),
    ("Céline Mangin", "cmangin", Role.SUPERVISOR, "SPV", ()),
    ("Laurent Collignon", "lcollignon", Role.ADMIN, "ADM", ()),
)
STAFF_EMAIL_DOMAIN = "defi-informatique.fr"
TRAINING_CENTRE = "Centre de formation DEFI INFORMATIQUE"

OPERATING_SYSTEMS: tuple[tuple[str, float, bool], ...] = (
    # (name, weight, usually validated by the vendor)
    ("Windows Server 2022 Standard", 34, True),
    ("Windows Server 2019 Standard", 32, True),
    ("Windows Server 2016 Standard", 12, True),
    ("Windows 11 Professionnel", 14, True),
    ("Windows 10 Professionnel", 3, False),
)
HOSTED_OS = "Debian 12 (hébergement DEFI INFORMATIQUE)"
JET_CLOUDING_OS = "Windows Server 2022 (Jet Clouding)"

# Every set has the hall badge reader and a USB reader, the devices the pointage problems name.
PERIPHERAL_SETS: tuple[str, ...] = (
    "Badgeuse BT-200 (hall d'entrée) ; lecteur de badges USB",
    "Badgeuses BT-200 (hall d'entrée, services techniques) ; lecteur de badges USB",
    "Badgeuses BT-200 (hall d'entrée, services techniques) ; badgeuse biométrique BX-9 (ateliers) ; "
    "lecteur de badges USB",
    "Badgeuses BT-200 (hall d'entrée, services techniques, médiathèque) ; lecteur de badges USB",
)
