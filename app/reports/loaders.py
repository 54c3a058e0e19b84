"""Read-only queries that fill the documents' data from the database.

Every date a document prints as its issue date comes from the records themselves (the last history
line, the step that the document reports), never from the clock, so issuing the same document twice
gives the same bytes and the same digest.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.models import AppSetting, Client, Incident, IncidentEvent, Product, Site, Technician
from app.domain.incident_lifecycle import PRIORITY_LABELS
from app.domain.onsite_intervention import OnSiteIntervention
from app.domain.opening_hours import PARIS
from app.domain.service_level import ServiceLevel, service_level
from app.domain.telemaintenance import Information, Intervention, Report, Step, Telemaintenance
from app.reports.consent import ConsentFormData, PlannedInformation
from app.reports.data import (
    DEFAULT_VENDOR_ADDRESS,
    DEFAULT_VENDOR_NAME,
    DEFAULT_VENDOR_PHONE,
    ClientInfo,
    IncidentInfo,
    Signature,
    SiteInfo,
    Vendor,
)
from app.reports.formats import lines
from app.reports.intervention import InterventionReportData, OnSiteWork
from app.reports.onsite_order import OnSiteOrderData
from app.reports.progress import HistoryEntry, ProgressReportData
from app.reports.register import RegisterData, RegisterRow
from app.services import calendar_config
from app.services.incident_queries import clock_steps, incident_detail
from app.services.incidents import WAIT_REASONS, find_incident

# Letterhead settings, shared by every workstation of the database (app_settings).
VENDOR_KEYS = {
    "name": "vendor.name",
    "address": "vendor.address",
    "phone": "vendor.phone",
    "email": "vendor.email",
    "registration": "vendor.registration",
}


class ReportDataError(ValueError):
    """The data a document needs cannot be found; the message is French."""


# --- shared parts -----------------------------------------------------------------------------------


def load_vendor(session: Session) -> Vendor:
    """The letterhead from ``app_settings`` (``vendor.*`` keys), with the vendor's own details by default."""
    rows = dict(
        session.execute(select(AppSetting.key, AppSetting.value).where(AppSetting.key.in_(VENDOR_KEYS.values()))).all()
    )
    address = rows.get(VENDOR_KEYS["address"]) or DEFAULT_VENDOR_ADDRESS
    return Vendor(
        name=rows.get(VENDOR_KEYS["name"]) or DEFAULT_VENDOR_NAME,
        address=lines(*address.splitlines()),
        phone=rows.get(VENDOR_KEYS["phone"], DEFAULT_VENDOR_PHONE),
        email=rows.get(VENDOR_KEYS["email"], ""),
        registration=rows.get(VENDOR_KEYS["registration"], ""),
    )


def client_info(client: Client) -> ClientInfo:
    town = f"{client.postal_code} {client.city.upper()}".strip()
    return ClientInfo(client.code, client.name, lines(client.address, town), client.hotline_id)


def site_info(site: Site | None) -> SiteInfo | None:
    if site is None:
        return None
    return SiteInfo(site.label, lines(site.address, f"{site.postal_code} {site.city.upper()}".strip()))


def _technician_name(session: Session, incident: Incident) -> str:
    for technician_id in (incident.assignee_id, incident.created_by_id):
        if technician_id is not None:
            technician = session.get(Technician, technician_id)
            if technician is not None:
                return technician.full_name
    return ""


def incident_info(session: Session, incident: Incident) -> IncidentInfo:
    product = session.get(Product, incident.product_id) if incident.product_id else None
    return IncidentInfo(
        number=incident.number,
        title=incident.title,
        description=incident.description or "",
        status=incident.status.label,
        opened_at=incident.opened_at,
        channel=incident.channel.label.lower(),
        origin=incident.origin.label if incident.origin else None,
        product=product.name if product else None,
        peripheral=incident.peripheral or "",
        caller=incident.caller_name or "",
        technician=_technician_name(session, incident),
        priority=PRIORITY_LABELS.get(incident.priority, str(incident.priority)),
        resolved_at=incident.resolved_at,
        closed_at=incident.closed_at,
        workaround=incident.workaround,
        resolution=incident.resolution,
        out_of_contract=incident.out_of_contract,
        exclusion=incident.exclusion.label if incident.exclusion else None,
    )


def _events(session: Session, incident: Incident) -> list[IncidentEvent]:
    return list(
        session.execute(
            select(IncidentEvent).where(IncidentEvent.incident_id == incident.id).order_by(IncidentEvent.seq)
        ).scalars()
    )


def _clock(session: Session, incident: Incident, at: datetime) -> ServiceLevel:
    calendar = calendar_config.current_calendar(session)
    return service_level(clock_steps(_events(session, incident), incident.opened_at), calendar, at)


def _context(session: Session, number: str) -> tuple[Incident, Client, IncidentInfo]:
    incident = find_incident(session, number)
    client = session.get(Client, incident.client_id)
    if client is None:  # a foreign key guarantees it; kept for the type checker
        raise ReportDataError(f"Client de l'incident n° {incident.number} introuvable.")
    return incident, client, incident_info(session, incident)


# --- progress report ----------------------------------------------------------------------------------


def progress_report_data(session: Session, number: str) -> ProgressReportData:
    """The incident as its last history line left it (that line's time is the report's date)."""
    incident, client, info = _context(session, number)
    last = session.execute(select(func.max(IncidentEvent.at)).where(IncidentEvent.incident_id == incident.id)).scalar()
    as_of = max(last, incident.opened_at) if last else incident.opened_at
    detail = incident_detail(session, incident.number, now=as_of)
    level = detail.service_level
    return ProgressReportData(
        vendor=load_vendor(session),
        client=client_info(client),
        incident=info,
        issued_at=as_of,
        history=tuple(HistoryEntry(h.at, h.author, h.summary) for h in detail.history),
        resolution_minutes=level.resolution_minutes,
        paused_minutes=level.paused_minutes,
        first_response_minutes=level.first_response_minutes,
        target_first_response_minutes=detail.targets.first_response_minutes,
        target_resolution_minutes=detail.targets.resolution_minutes,
        estimate_minutes=incident.estimate_minutes,
        waiting=WAIT_REASONS.get(detail.waiting or "") if detail.waiting else None,
        site=site_info(session.get(Site, incident.site_id) if incident.site_id else None),
    )


# --- register -------------------------------------------------------------------------------------------


def find_client(session: Session, text: str) -> Client:
    key = (text or "").strip().upper()
    client = session.execute(select(Client).where(or_(Client.code == key, Client.hotline_id == key))).scalars().first()
    if client is None:
        raise ReportDataError(f"Aucun client de code ou d'identifiant hotline « {text.strip()} ».")
    return client


def _paris_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, PARIS).astimezone(UTC)


def register_data(
    session: Session, client_text: str, start: date | None = None, end: date | None = None
) -> RegisterData:
    """The client's incidents opened in the period (Paris days, both included), with their delays."""
    if start and end and end < start:
        raise ReportDataError(f"Période invalide : le {end:%d/%m/%Y} précède le {start:%d/%m/%Y}.")
    client = find_client(session, client_text)
    conditions = [Incident.client_id == client.id]
    if start:
        conditions.append(Incident.opened_at >= _paris_midnight(start))
    if end:
        conditions.append(Incident.opened_at < _paris_midnight(end + timedelta(days=1)))
    incidents = list(
        session.execute(select(Incident).where(*conditions).order_by(Incident.opened_at, Incident.number)).scalars()
    )
    events: dict[object, list[IncidentEvent]] = defaultdict(list)
    for event in session.execute(
        select(IncidentEvent)
        .join(Incident, Incident.id == IncidentEvent.incident_id)
        .where(*conditions)
        .order_by(IncidentEvent.incident_id, IncidentEvent.seq)
    ).scalars():
        events[event.incident_id].append(event)
    moments = [e.at for history in events.values() for e in history] + [i.opened_at for i in incidents]
    if moments:
        as_of = max(moments)
    elif end:
        as_of = _paris_midnight(end + timedelta(days=1)) - timedelta(minutes=1)
    else:
        as_of = client.created_at
    calendar = calendar_config.current_calendar(session)
    rows = []
    for incident in incidents:
        level = service_level(clock_steps(events[incident.id], incident.opened_at), calendar, as_of)
        rows.append(
            RegisterRow(
                number=incident.number,
                title=incident.title,
                opened_at=incident.opened_at,
                status=incident.status.label,
                origin=incident.origin.label if incident.origin else None,
                resolved_at=incident.resolved_at,
                closed_at=incident.closed_at,
                first_response_minutes=level.first_response_minutes,
                resolution_minutes=level.resolution_minutes,
                paused_minutes=level.paused_minutes,
            )
        )
    return RegisterData(load_vendor(session), client_info(client), as_of, tuple(rows), start, end)


# --- télémaintenance and on-site ------------------------------------------------------------------------


def _tm_issued_at(tm: Telemaintenance, fallback: datetime) -> datetime:
    report = tm.evidence(Step.REPORT)
    if isinstance(report, Report):
        return report.sent_at
    return tm.steps[-1].at if tm.steps else fallback


def intervention_report_data(
    session: Session,
    number: str,
    *,
    telemaintenance: Telemaintenance | None = None,
    onsite: OnSiteIntervention | None = None,
    onsite_work: OnSiteWork | None = None,
    technician: str | None = None,
    result: str = "",
    technician_signature: Signature | None = None,
    client_signature: Signature | None = None,
    issued_at: datetime | None = None,
) -> InterventionReportData:
    """The report's data for the incident ``number``: a remote intervention or an on-site one.

    Without ``onsite_work``, an on-site visit is described by its scheduled time, its reported duration
    and the incident's resolution.
    """
    incident, client, info = _context(session, number)
    if telemaintenance is None and onsite is None:
        raise ReportDataError(f"Incident n° {incident.number} : aucune intervention à décrire.")
    span: tuple[datetime, datetime] | None = None
    if telemaintenance is not None:
        done = telemaintenance.evidence(Step.INTERVENTION)
        if not isinstance(done, Intervention):
            raise ReportDataError(
                f"Incident n° {incident.number} : l'intervention (étape 4) n'est pas encore enregistrée, "
                "il n'y a pas encore de compte rendu à établir."
            )
        span = (done.start, done.end)
        when = issued_at or _tm_issued_at(telemaintenance, done.end)
    else:
        assert onsite is not None
        if onsite_work is None and onsite.visit is not None and onsite.report is not None:
            start = onsite.visit.at
            onsite_work = OnSiteWork(
                start,
                start + timedelta(minutes=onsite.report.duration_minutes),
                incident.title,
                incident.resolution or "",
            )
        if onsite_work is None:
            raise ReportDataError(
                f"Incident n° {incident.number} : la visite sur site n'est pas encore faite, "
                "il n'y a pas encore de compte rendu à établir."
            )
        span = (onsite_work.start, onsite_work.end)
        when = issued_at or onsite_work.end
    calendar = calendar_config.current_calendar(session)
    level = _clock(session, incident, when)
    name = technician or (onsite.visit.technician if onsite and onsite.visit else "") or info.technician
    return InterventionReportData(
        vendor=load_vendor(session),
        client=client_info(client),
        incident=info,
        technician=name or (telemaintenance.steps[-1].author if telemaintenance and telemaintenance.steps else ""),
        issued_at=when,
        telemaintenance=telemaintenance,
        onsite=onsite,
        onsite_work=onsite_work,
        site=site_info(session.get(Site, incident.site_id) if incident.site_id else None),
        result=result,
        intervention_hotline_minutes=calendar.business_minutes(*span),
        incident_hotline_minutes=level.resolution_minutes,
        incident_paused_minutes=level.paused_minutes,
        technician_signature=technician_signature,
        client_signature=client_signature,
    )


def consent_form_data(
    session: Session,
    number: str,
    telemaintenance: Telemaintenance,
    *,
    planned: PlannedInformation | None = None,
    technician: str = "",
    prepared_at: datetime | None = None,
    client_signature: Signature | None = None,
) -> ConsentFormData:
    """The form's data: the recorded information (step 1), or ``planned`` before it is sent."""
    incident, client, info = _context(session, number)
    recorded = telemaintenance.evidence(Step.INFORMATION)
    if not isinstance(recorded, Information) and planned is None:
        raise ReportDataError(f"Incident n° {incident.number} : aucune information à soumettre au client.")
    when = telemaintenance.steps[0].at if isinstance(recorded, Information) else prepared_at or incident.opened_at
    return ConsentFormData(
        vendor=load_vendor(session),
        client=client_info(client),
        incident=info,
        technician=technician or (telemaintenance.steps[0].author if telemaintenance.steps else info.technician),
        issued_at=when,
        telemaintenance=telemaintenance,
        planned=planned,
        site=site_info(session.get(Site, incident.site_id) if incident.site_id else None),
        client_signature=client_signature,
    )


def onsite_order_data(session: Session, number: str, onsite: OnSiteIntervention) -> OnSiteOrderData:
    """The quote and order summary; its date is the order's, else the quote's."""
    incident, client, info = _context(session, number)
    if onsite.quote is None:
        raise ReportDataError(f"Incident n° {incident.number} : aucun devis d'intervention sur site.")
    moments = [_paris_midnight(onsite.quote.on)]
    if onsite.order is not None:
        moments.append(_paris_midnight(onsite.order.on))
    return OnSiteOrderData(
        vendor=load_vendor(session),
        client=client_info(client),
        incident=info,
        issued_at=max(moments),
        onsite=onsite,
        site=site_info(session.get(Site, incident.site_id) if incident.site_id else None),
    )
