"""Every ORM model, importable from one place (Alembic's autogenerate reads ``Base.metadata``)."""

from app.db.base import Base
from app.db.models.audit import AuditEntry, AuditHead
from app.db.models.calendar import AppSetting, CalendarClosure, CalendarDayRow, CalendarRange, OpeningRange
from app.db.models.calls import CallLog
from app.db.models.clients import Client, PhoneNumber, Site
from app.db.models.contacts import Contact, Training
from app.db.models.contracts import Contract, ContractService
from app.db.models.documents import Document
from app.db.models.incidents import Incident, IncidentEvent, IncidentFact, NumberSequence, ReportPending
from app.db.models.installations import Installation
from app.db.models.interruptions import InterruptionNotice, ServiceInterruption
from app.db.models.interventions import OnSiteJob, TelemaintenanceJob, TelemaintenanceStepRow
from app.db.models.products import Product, Release
from app.db.models.rota import RotaPattern, RotaPatternException, RotaShift, StaffLeave
from app.db.models.staff import Technician
from app.db.models.sync import (
    AppliedPortalRecord,
    IncidentSyncLink,
    OutboxOperation,
    QuarantinedRecord,
    SyncConflict,
    SyncState,
)

__all__ = [
    "AppSetting",
    "AppliedPortalRecord",
    "AuditEntry",
    "AuditHead",
    "Base",
    "CalendarClosure",
    "CalendarDayRow",
    "CalendarRange",
    "CallLog",
    "Client",
    "Contact",
    "Contract",
    "ContractService",
    "Document",
    "Incident",
    "IncidentEvent",
    "IncidentFact",
    "IncidentSyncLink",
    "Installation",
    "InterruptionNotice",
    "NumberSequence",
    "OnSiteJob",
    "OpeningRange",
    "OutboxOperation",
    "PhoneNumber",
    "Product",
    "QuarantinedRecord",
    "Release",
    "ReportPending",
    "RotaPattern",
    "RotaPatternException",
    "RotaShift",
    "ServiceInterruption",
    "Site",
    "StaffLeave",
    "SyncConflict",
    "SyncState",
    "Technician",
    "TelemaintenanceJob",
    "TelemaintenanceStepRow",
    "Training",
]
