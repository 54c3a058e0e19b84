"""The contract's vocabulary: every closed list the product uses, with its French label.

Values are stable English identifiers (stored in the database, used by the CLI and the portal API);
labels are the contract's own words, shown to users.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a French label."""

    label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def parse(cls, text: str) -> LabelledEnum:
        """Accept the identifier or the French label, case-insensitively."""
        wanted = text.strip().casefold()
        for member in cls:
            if wanted in (member.value.casefold(), member.label.casefold()):
                return member
        choices = ", ".join(m.value for m in cls)
        raise ValueError(f"« {text} » n'est pas une valeur possible (choix : {choices}).")


class ClientKind(LabelledEnum):
    COMMUNE = "commune", "Commune"
    CCAS = "ccas", "CCAS"
    SYNDICAT = "syndicat", "Syndicat"
    EPCI = "epci", "EPCI"
    OTHER = "other", "Autre organisme public"


class Channel(LabelledEnum):
    """R-09: how an incident reached the hotline."""

    PORTAL = "portal", "Espace client"
    PHONE = "phone", "Téléphone"
    MAIL = "mail", "Courrier"
    EMAIL = "email", "E-mail"
    OTHER = "other", "Autre"


class Origin(LabelledEnum):
    """R-11: exactly the four origins of art. 4.2."""

    PERIPHERAL = "peripheral", "Supports de pointage / périphérique"
    DBMS = "dbms", "SGBD"
    FEATURE = "feature", "Fonctionnalités du progiciel"
    USAGE = "usage", "Utilisation du progiciel"


class IncidentStatus(LabelledEnum):
    """R-14 lifecycle."""

    NEW = "new", "Nouveau"
    DIAGNOSED = "diagnosed", "Diagnostiqué"
    WORKAROUND_PROPOSED = "workaround_proposed", "Contournement proposé"
    WORKAROUND_ACCEPTED = "workaround_accepted", "Contournement accepté"
    RESOLVED = "resolved", "Résolu"
    CLOSED = "closed", "Clos"


class Exclusion(LabelledEnum):
    """R-07: what makes a request out of contract (art. 9)."""

    SOFTWARE_MODIFIED = "software_modified", "Progiciel ou structure des tables modifiés sans accord écrit"
    NON_CONFORMING_USE = "non_conforming_use", "Utilisation non conforme à la documentation"
    VERSION_NOT_APPLIED = "version_not_applied", "Nouvelle version non appliquée dans le délai"
    ENVIRONMENT_CHANGED = (
        "environment_changed",
        "Matériel ou logiciel de base incompatible changé sans accord",
    )
    BASE_SYSTEM = "base_system", "Dysfonctionnement du système de base non imputable à DEFI INFORMATIQUE"


class ServiceKind(LabelledEnum):
    """R-06: the services a contract bundles."""

    ASSISTANCE = "assistance", "Assistance et maintenance"
    PORTAL_HOSTING = "portal_hosting", "Hébergement du portail client"
    JET_CLOUDING = "jet_clouding", "Hébergement Jet Clouding"
    BACKUP = "backup", "Sauvegarde externalisée"


class ContractStatus(LabelledEnum):
    DRAFT = "draft", "En préparation"
    ACTIVE = "active", "En vigueur"
    SUSPENDED = "suspended", "Suspendu"
    TERMINATED = "terminated", "Résilié"


class NoticeChannel(LabelledEnum):
    """How a written notice (RTC change, termination, move) reached the vendor."""

    LETTER = "letter", "Courrier"
    REGISTERED_LETTER = "registered_letter", "Lettre recommandée"
    EMAIL = "email", "E-mail"
    PORTAL = "portal", "Espace client"


class Role(LabelledEnum):
    TECHNICIAN = "technician", "Technicien"
    SUPERVISOR = "supervisor", "Superviseur"
    ADMIN = "admin", "Administrateur"


class DocumentKind(LabelledEnum):
    INTERVENTION_REPORT = "intervention_report", "Compte rendu d'intervention"
    CONSENT_FORM = "consent_form", "Information et accord préalable"
    PROGRESS_REPORT = "progress_report", "Compte rendu d'avancement"
    INCIDENT_REGISTER = "incident_register", "Registre des incidents"
    RECEPTION_REPORT = "reception_report", "Rapport de réception"
    FINANCIAL_TABLE = "financial_table", "Tableau financier"
    MONTHLY_REPORT = "monthly_report", "Rapport mensuel"
    OTHER = "other", "Autre document"


class EventKind(LabelledEnum):
    """What an entry of an incident's append-only history records."""

    CREATED = "created", "Création"
    STATUS_CHANGED = "status_changed", "Changement de statut"
    FIELD_CHANGED = "field_changed", "Modification"
    NOTE = "note", "Note"
    CALL = "call", "Appel"
    DOCUMENT = "document", "Document"


class ClosureKind(LabelledEnum):
    """R-16: why the hotline is closed on a day the weekly hours would open it."""

    TRAINING = "training", "Formation interne"
    EXCEPTIONAL = "exceptional", "Fermeture exceptionnelle"
