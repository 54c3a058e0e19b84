"""The sync engine: push the outbox in order per incident, pull both feeds, apply, quarantine, repeat.

``SyncEngine.run_once`` is one cycle; it blocks (HTTP and database), so the GUI runs it in a worker and
the CLI calls it directly. It never holds a database transaction open across an HTTP call: an operation
is claimed (committed), pushed, then its outcome recorded in a transaction of its own; a pulled page is
applied and its cursor saved in one transaction. Stopping at any point loses nothing: an unanswered
push is sent again (idempotent), an uncommitted page is pulled again (applied idempotently).
"""

from __future__ import annotations

import json
import logging
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, aliased, sessionmaker

from app.db.models import (
    Client,
    Document,
    Incident,
    IncidentSyncLink,
    OutboxOperation,
    QuarantinedRecord,
    SyncConflict,
    SyncState,
)
from app.domain.telemaintenance import TelemaintenanceError
from app.services import outbox
from app.services.incidents import IncidentError
from app.sync.apply import ApplyError, apply_incident, apply_record, content_digest, record_key
from app.sync.client import PortalClient, PortalError, PortalUnreachable, Sent, VersionConflict

log = logging.getLogger(__name__)

FEEDS = ("directory", "incidents")  # the directory first: incidents name its clients
MAX_ATTEMPTS = 8
PUSH_BATCH = 200


@dataclass
class SyncReport:
    """What one cycle did, for the status bar, the CLI and the tests."""

    pushed: int = 0
    pulled: int = 0
    applied: int = 0
    skipped: int = 0
    quarantined: int = 0
    released: int = 0  # quarantined records applied this time
    conflicts: int = 0
    dead: int = 0
    pending: int = 0
    online: bool = True
    error: str | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def as_dict(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "pulled": self.pulled,
            "applied": self.applied,
            "skipped": self.skipped,
            "quarantined": self.quarantined,
            "released": self.released,
            "conflicts": self.conflicts,
            "dead": self.dead,
            "pending": self.pending,
            "online": self.online,
            "error": self.error,
        }


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    dead: int
    quarantined: int
    conflicts: int
    last_success: datetime | None
    last_error: str | None


# --- state ----------------------------------------------------------------------------------------------


def _get(session: Session, key: str) -> str | None:
    row = session.get(SyncState, key)
    return row.value if row else None


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value, updated_at=datetime.now(UTC)))
    else:
        row.value = value
        row.updated_at = datetime.now(UTC)


def sync_status(session: Session) -> SyncStatus:
    """Counts for the status bar: pending pushes, dead letters, quarantined records, open conflicts."""

    def count(model: Any, *where: Any) -> int:
        return session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()

    last = _get(session, "last_success")
    return SyncStatus(
        pending=count(OutboxOperation, OutboxOperation.state == outbox.PENDING),
        dead=count(OutboxOperation, OutboxOperation.state == outbox.DEAD),
        quarantined=count(QuarantinedRecord, QuarantinedRecord.resolved_at.is_(None)),
        conflicts=count(SyncConflict, SyncConflict.resolved_at.is_(None)),
        last_success=datetime.fromisoformat(last) if last else None,
        last_error=_get(session, "last_error") or None,
    )


def retry_dead(session: Session) -> int:
    """Put every dead-letter operation back in the queue (after the cause was fixed)."""
    ops = list(session.execute(select(OutboxOperation).where(OutboxOperation.state == outbox.DEAD)).scalars())
    for op in ops:
        op.state, op.attempts, op.next_attempt_at = outbox.PENDING, 0, None
    return len(ops)


# --- payloads -------------------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def incident_body(session: Session, incident: Incident) -> dict[str, Any]:
    """The incident as the portal stores it (the hotline's side of every field)."""
    client = session.get(Client, incident.client_id)
    assert client is not None
    return {
        "id": str(incident.id),
        "number": incident.number,
        "client_code": client.code,
        "contact_id": str(incident.contact_id) if incident.contact_id else None,
        "caller_name": incident.caller_name or "",
        "title": incident.title,
        "description": incident.description or "",
        "channel": incident.channel.value,
        "status": incident.status.value,
        "origin": incident.origin.value if incident.origin else None,
        "priority": incident.priority,
        "opened_at": _iso(incident.opened_at),
        "resolved_at": _iso(incident.resolved_at),
        "closed_at": _iso(incident.closed_at),
        "workaround": incident.workaround,
        "resolution": incident.resolution,
        "out_of_contract": bool(incident.out_of_contract),
    }


def _same(value: Any, other: Any) -> bool:
    if isinstance(value, str) and isinstance(other, str) and value != other:
        try:
            return datetime.fromisoformat(value) == datetime.fromisoformat(other)
        except ValueError:
            return False
    return value == other


def same_content(portal: dict[str, Any] | None, body: dict[str, Any]) -> bool:
    """Whether the portal already holds exactly what we would send (a push whose answer was lost)."""
    return isinstance(portal, dict) and all(_same(portal.get(k), v) for k, v in body.items())


# --- the engine -----------------------------------------------------------------------------------------


class SyncEngine:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        client: PortalClient,
        station: str,
        *,
        max_attempts: int = MAX_ATTEMPTS,
        page_size: int = 500,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        rng: random.Random | None = None,
    ) -> None:
        self.sessions = sessions
        self.client = client
        self.station = station
        self.max_attempts = max_attempts
        self.page_size = page_size
        self._now = now
        self._rng = rng or random.Random()

    # --- one cycle ----------------------------------------------------------------------------------------

    def run_once(self) -> SyncReport:
        report = SyncReport()
        try:
            self._push(report)
            for feed in FEEDS:
                self._pull(feed, report)
            self._retry_quarantine(report)
            self._push(report)  # numbers given to portal incidents, merges after a 412
        except PortalUnreachable as exc:
            report.online, report.error = False, str(exc)
        except PortalError as exc:
            report.error = str(exc)
        with self.sessions.begin() as session:
            if report.error is None:
                _put(session, "last_success", self._now().isoformat())
                _put(session, "last_error", "")
            else:
                _put(session, "last_error", report.error)
            status = sync_status(session)
        report.pending, report.dead = status.pending, status.dead
        log.info("sync cycle: %s", {k: v for k, v in report.as_dict().items() if k != "error"})
        return report

    # --- push ---------------------------------------------------------------------------------------------

    def _ready(self, session: Session) -> list[OutboxOperation]:
        op, earlier = OutboxOperation, aliased(OutboxOperation)
        now = self._now()
        blocked = exists().where(
            earlier.state == outbox.PENDING, earlier.incident_id == op.incident_id, earlier.id < op.id
        )
        return list(
            session.execute(
                select(op)
                .where(
                    op.state == outbox.PENDING, or_(op.next_attempt_at.is_(None), op.next_attempt_at <= now), ~blocked
                )
                .order_by(op.id)
                .limit(PUSH_BATCH)
            ).scalars()
        )

    def _push(self, report: SyncReport) -> None:
        while True:
            with self.sessions.begin() as session:
                ready = self._ready(session)
                claimed = self._now()
                for op in ready:
                    op.next_attempt_at = claimed  # claimed: later changes get an upsert of their own
                batch = [(op.id, op.op_id, op.kind, op.incident_id, op.payload) for op in ready]
            if not batch:
                return
            # Completions are recorded together, once per batch (and when the portal goes away mid-batch):
            # one commit instead of one per operation. A crash in between only means sending again what
            # the portal already has, which every operation tolerates (version replay, key, digest).
            done: list[tuple[int, Callable[[Session], None] | None]] = []
            try:
                for op_id, key, kind, incident_id, payload in batch:
                    try:
                        finish = self._push_one(key, kind, incident_id, payload)
                    except PortalUnreachable:
                        raise
                    except PortalError as exc:
                        self._failed(op_id, exc, report)
                        continue
                    done.append((op_id, finish))
                    report.pushed += 1
            finally:
                self._done(done)
            if not done:
                return

    def _push_one(
        self, key: uuid.UUID, kind: str, incident_id: uuid.UUID | None, payload: str
    ) -> Callable[[Session], None] | None:
        """Send one operation; what to record with its completion, in the same transaction."""
        data = json.loads(payload)
        if kind == outbox.UPSERT:
            assert incident_id is not None
            return self._push_incident(incident_id)
        if kind == outbox.EVENT:
            assert incident_id is not None
            self.client.post_event(str(incident_id), str(key), data)
            return None
        if kind == outbox.DOCUMENT:
            self._push_document(uuid.UUID(data["document_id"]))
            return None
        raise PortalError(f"opération inconnue « {kind} »")

    def _push_incident(self, incident_id: uuid.UUID) -> Callable[[Session], None] | None:
        for _ in range(4):
            with self.sessions() as session:
                incident = session.get(Incident, incident_id)
                if incident is None:
                    return None  # nothing left to say about it
                body = incident_body(session, incident)
                link = session.get(IncidentSyncLink, incident_id)
                version = link.portal_version if link else None
                digest = content_digest(body)
                if link is not None and version is not None and link.pushed_digest == digest:
                    return None
            try:
                sent = self.client.put_incident(str(incident_id), body, version)
            except VersionConflict as conflict:
                current = conflict.current
                if not isinstance(current, dict) or not isinstance(current.get("version"), int):
                    fetched = self.client.get_incident(str(incident_id))
                    current = fetched.body if fetched else None
                if not isinstance(current, dict) or not isinstance(current.get("version"), int):
                    raise PortalError("conflit de version sans version actuelle du portail") from conflict
                if same_content(current, body):
                    sent = Sent(200, current, current["version"])
                else:
                    self._merge_remote(current)
                    continue
            return lambda session: self._record_push(session, incident_id, body, digest, sent)
        raise PortalError("l'incident change sur le portail plus vite qu'il ne peut être envoyé")

    def _merge_remote(self, current: dict[str, Any]) -> None:
        """After a 412: apply the portal's version under the ownership rules, then push ours on top."""
        with self.sessions.begin() as session:
            try:
                with session.begin_nested():
                    apply_incident(session, current, self.station)
            except ApplyError as exc:
                raise PortalError(f"version du portail inapplicable : {exc}") from exc
            link = session.get(IncidentSyncLink, uuid.UUID(str(current["id"])))
            if link is None:
                link = IncidentSyncLink(incident_id=uuid.UUID(str(current["id"])))
                session.add(link)
            link.portal_version = max(link.portal_version or 0, current["version"])

    @staticmethod
    def _record_push(session: Session, incident_id: uuid.UUID, body: dict[str, Any], digest: str, sent: Sent) -> None:
        link = session.get(IncidentSyncLink, incident_id)
        if link is None:
            link = IncidentSyncLink(incident_id=incident_id)
            session.add(link)
        version = sent.version
        if version is None and isinstance(sent.body, dict):
            version = sent.body.get("version")
        link.portal_version = version
        link.pushed_digest = digest
        link.base_title, link.base_description = body["title"], body["description"]
        link.synced_at = datetime.now(UTC)

    def _push_document(self, document_id: uuid.UUID) -> None:
        with self.sessions() as session:
            document = session.get(Document, document_id)
            if document is None:
                return
            content = document.content
            if content is None and document.path:
                with open(document.path, "rb") as handle:
                    content = handle.read()
            if content is None:
                raise PortalError(f"document {document.filename} sans contenu")
            self.client.put_document(
                document.sha256,
                content,
                incident_id=str(document.incident_id) if document.incident_id else "",
                kind=document.kind.value,
                filename=document.filename,
            )

    def _done(self, done: list[tuple[int, Callable[[Session], None] | None]]) -> None:
        if not done:
            return
        with self.sessions.begin() as session:
            now = datetime.now(UTC)
            for op_id, finish in done:
                if finish is not None:
                    finish(session)
                op = session.get(OutboxOperation, op_id)
                assert op is not None
                op.state, op.done_at, op.last_error = outbox.DONE, now, None

    def _failed(self, op_id: int, exc: PortalError, report: SyncReport) -> None:
        with self.sessions.begin() as session:
            op = session.get(OutboxOperation, op_id)
            assert op is not None
            op.last_error = str(exc)[:2000]
            if exc.transient:
                # The portal is struggling: not the operation's fault, so it never counts towards dead letters.
                op.next_attempt_at = self._now() + timedelta(seconds=self._rng.uniform(1, 30))
                return
            op.attempts += 1
            if op.attempts >= self.max_attempts:
                op.state = outbox.DEAD
                report.dead += 1
                log.warning("sync: operation %s moved to dead letters after %d tries", op.op_id, op.attempts)
            else:
                delay = min(3600.0, 2.0**op.attempts)
                op.next_attempt_at = self._now() + timedelta(seconds=self._rng.uniform(delay / 2, delay))

    # --- pull ---------------------------------------------------------------------------------------------

    def _pull(self, feed: str, report: SyncReport) -> None:
        key = f"cursor:{feed}"
        while True:
            with self.sessions() as session:
                cursor = _get(session, key)
            page = self.client.changes(cursor, self.page_size, feed)
            with self.sessions.begin() as session:
                held = set(
                    session.execute(
                        select(QuarantinedRecord.record_key).where(
                            QuarantinedRecord.feed == feed, QuarantinedRecord.resolved_at.is_(None)
                        )
                    ).scalars()
                )
                for record in page.changes:
                    self._apply(session, feed, record, report, held)
                _put(session, key, page.next_cursor)
            report.pulled += len(page.changes)
            if not page.has_more or not page.changes:
                return

    def _apply(self, session: Session, feed: str, record: Any, report: SyncReport, held_keys: set[str]) -> None:
        rkey = record_key(record)
        try:
            with session.begin_nested():
                result = apply_record(session, feed, record, self.station)
        except OperationalError:
            raise  # the database itself is unavailable: stop, the page will be pulled again
        except (ApplyError, TelemaintenanceError, IncidentError, ValueError, TypeError, KeyError) as exc:
            self._quarantine(session, feed, rkey, record, str(exc), report)
            held_keys.add(rkey)
            return
        except SQLAlchemyError as exc:
            self._quarantine(session, feed, rkey, record, f"refusé par la base ({type(exc).__name__})", report)
            held_keys.add(rkey)
            return
        if result.skipped:
            report.skipped += 1
        else:
            report.applied += 1
        if result.conflict:
            report.conflicts += 1
        if rkey not in held_keys:
            return  # never quarantined (the page's set is read once): nothing to release
        held = session.execute(
            select(QuarantinedRecord).where(
                QuarantinedRecord.feed == feed,
                QuarantinedRecord.record_key == rkey,
                QuarantinedRecord.resolved_at.is_(None),
            )
        ).scalar_one_or_none()
        if held is not None:
            held.resolved_at = datetime.now(UTC)

    def _quarantine(self, session: Session, feed: str, rkey: str, record: Any, reason: str, report: SyncReport) -> None:
        text = json.dumps(record, ensure_ascii=False, sort_keys=True, default=str)
        now = datetime.now(UTC)
        row = session.execute(
            select(QuarantinedRecord).where(QuarantinedRecord.feed == feed, QuarantinedRecord.record_key == rkey)
        ).scalar_one_or_none()
        if row is None:
            session.add(
                QuarantinedRecord(
                    feed=feed, record_key=rkey, record=text, reason=reason, first_seen=now, last_tried=now, attempts=1
                )
            )
            report.quarantined += 1
        else:
            if row.resolved_at is not None:
                report.quarantined += 1
            row.record, row.reason, row.last_tried, row.resolved_at = text, reason, now, None
            row.attempts += 1
        log.warning("sync: record %s quarantined: %s", rkey, reason)

    def _retry_quarantine(self, report: SyncReport) -> None:
        with self.sessions.begin() as session:
            held = list(
                session.execute(
                    select(QuarantinedRecord)
                    .where(QuarantinedRecord.resolved_at.is_(None))
                    .order_by(QuarantinedRecord.first_seen)
                ).scalars()
            )
            for row in held:
                record = json.loads(row.record)
                try:
                    with session.begin_nested():
                        apply_record(session, row.feed, record, self.station)
                except OperationalError:
                    raise
                except (
                    ApplyError,
                    TelemaintenanceError,
                    IncidentError,
                    ValueError,
                    TypeError,
                    KeyError,
                    SQLAlchemyError,
                ) as exc:
                    row.reason, row.last_tried = str(exc), datetime.now(UTC)
                    row.attempts += 1
                    continue
                row.resolved_at = datetime.now(UTC)
                report.released += 1


__all__ = ["SyncEngine", "SyncReport", "SyncStatus", "incident_body", "retry_dead", "same_content", "sync_status"]
