"""The reference portal's storage: incidents with versions, the public threads, documents by digest,
idempotency keys, and the two append-only feeds the hotline pulls.

Everything lives in memory behind one lock; with a state file, every change is written to it (atomically)
so that a restarted server keeps its data.
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import json
import os
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.portal_sim.problems import Problem, invalid
from tests.portal_sim.values import (
    DOCUMENT_KINDS,
    INCIDENT_DEFAULTS,
    as_date,
    as_datetime,
    as_uuid,
    event_fields,
    incident_fields,
    ordered_incident,
    parse_etag,
)

FEEDS = ("changes", "directory")
MAX_LIMIT = 500
# Fields a client may not set through a portal edit: the portal makes them.
_PORTAL_MANAGED = frozenset({"id", "version", "updated_by"})
_EVENT_NAMESPACE = uuid.UUID("1b0c5b0e-8f7e-4f0a-9a49-6c1f3d8e2a10")
_STATE_FORMAT = 1


@dataclass(frozen=True)
class Answer:
    """What a write answers: status, JSON body, and whether it replays an earlier answer."""

    status: int
    body: dict[str, Any]
    replayed: bool = False


@dataclass(frozen=True)
class Duplicate:
    """Repeat an already delivered record in this page: ``pick`` chooses which (0..1), ``position``
    where it goes in the page (0..1)."""

    pick: float
    position: float


def encode_cursor(feed: str, seq: int) -> str:
    return base64.urlsafe_b64encode(f"{feed}:{seq}".encode()).decode().rstrip("=")


def decode_cursor(feed: str, cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        name, _, seq = raw.partition(":")
        if name != feed or not seq.isdigit():
            raise ValueError(raw)
        return int(seq)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid(f"Not a cursor of this feed: {cursor!r}.") from None


def fingerprint(method: str, path: str, body: Any) -> str:
    canonical = json.dumps([method, path, body], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class PortalStore:
    """The portal's data. Every public method takes the lock; records handed out are copies."""

    def __init__(self, state_file: Path | None = None) -> None:
        self.lock = threading.RLock()
        self.state_file = state_file
        self._batching = 0
        self._dirty = False
        self._clear()
        if state_file is not None and state_file.exists():
            self._load(json.loads(state_file.read_text(encoding="utf-8")))

    # -- bookkeeping --------------------------------------------------------------------------------

    def _clear(self) -> None:
        self.incidents: dict[str, dict[str, Any]] = {}
        self.events: dict[str, list[dict[str, Any]]] = {}
        self.comments: dict[str, dict[str, Any]] = {}
        self.consents: dict[str, dict[str, Any]] = {}
        self.restoration_requests: dict[str, dict[str, Any]] = {}
        self.clients: dict[str, dict[str, Any]] = {}
        self.contacts: dict[str, dict[str, Any]] = {}
        self.rtc_notices: dict[str, dict[str, Any]] = {}
        self.documents: dict[str, dict[str, Any]] = {}
        self.idempotency: dict[str, dict[str, Any]] = {}
        self.feeds: dict[str, list[dict[str, Any]]] = {name: [] for name in FEEDS}
        self.injected: list[dict[str, str]] = []

    _TABLES = (
        "incidents",
        "events",
        "comments",
        "consents",
        "restoration_requests",
        "clients",
        "contacts",
        "rtc_notices",
        "documents",
        "idempotency",
        "feeds",
        "injected",
    )

    def _load(self, saved: dict[str, Any]) -> None:
        if saved.get("format") != _STATE_FORMAT:
            raise ValueError(f"unknown portal state format: {saved.get('format')!r}")
        for name in self._TABLES:
            setattr(self, name, saved[name])

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many changes, one write of the state file at the end (seeding thousands of records)."""
        with self.lock:
            self._batching += 1
            try:
                yield
            finally:
                self._batching -= 1
                if self._batching == 0 and self._dirty:
                    self._changed()

    def _changed(self) -> None:
        if self.state_file is None:
            return
        if self._batching:
            self._dirty = True
            return
        self._dirty = False
        saved = {"format": _STATE_FORMAT, **{name: getattr(self, name) for name in self._TABLES}}
        temporary = self.state_file.with_name(self.state_file.name + ".tmp")
        temporary.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.state_file)

    def _emit(self, feed: str, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
        log = self.feeds[feed]
        record = {"seq": len(log) + 1, "type": kind, "id": record_id, "data": copy.deepcopy(data)}
        log.append(record)
        return record

    def reset(self) -> None:
        with self.lock:
            self._clear()
            self._changed()

    # -- reads ----------------------------------------------------------------------------------------

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        with self.lock:
            found = self.incidents.get(incident_id)
            return copy.deepcopy(found) if found else None

    def get_incident(self, raw_id: str) -> dict[str, Any]:
        try:
            incident_id = str(uuid.UUID(raw_id))
        except ValueError:
            raise Problem(404, f"No incident {raw_id!r}.", kind="not-found") from None
        found = self.incident(incident_id)
        if found is None:
            raise Problem(404, f"No incident {incident_id}.", kind="not-found")
        return found

    def page(
        self,
        feed: str,
        since: str | None,
        limit: int,
        *,
        duplicate: Duplicate | None = None,
        malformed: tuple[str, str] | None = None,
    ) -> tuple[dict[str, Any], bool]:
        """One page of a feed after ``since``, and whether a record was repeated in it. ``malformed``
        (kind, id) first appends a malformed record to the feed; ``duplicate`` repeats in this page one
        record delivered before ``since`` (none on the first page)."""
        with self.lock:
            if malformed is not None:
                self.add_malformed(malformed[0], feed=feed, record_id=malformed[1])
            log = self.feeds[feed]
            after = 0 if since is None else decode_cursor(feed, since)
            if after > len(log):
                raise invalid(f"This cursor is beyond the end of the {feed} feed.")
            records = [copy.deepcopy(r) for r in log[after : after + limit]]
            has_more = after + len(records) < len(log)
            last = records[-1]["seq"] if records else after
            duplicated = duplicate is not None and after > 0 and limit > 1
            if duplicated:
                assert duplicate is not None
                if len(records) == limit:
                    records.pop()
                    has_more = True
                    last = records[-1]["seq"] if records else after
                again = copy.deepcopy(log[min(int(duplicate.pick * after), after - 1)])
                records.insert(min(int(duplicate.position * (len(records) + 1)), len(records)), again)
            next_cursor = since if since is not None and last == after else encode_cursor(feed, last)
            return {"changes": records, "next_cursor": next_cursor, "has_more": has_more}, duplicated

    # -- hotline writes -------------------------------------------------------------------------------

    def put_incident(self, raw_id: str, body: Any, if_match: str | None, if_none_match: str | None) -> Answer:
        """Create (``If-None-Match: *``) or update (``If-Match``) an incident; see the OpenAPI file."""
        incident_id = as_uuid(raw_id, "The incident id")
        if if_match is None and if_none_match is None:
            raise Problem(
                428, 'Send If-None-Match: * to create or If-Match: "<version>" to update.', kind="precondition-required"
            )
        if if_match is not None and if_none_match is not None:
            raise invalid("Send either If-Match or If-None-Match, not both.")
        if if_none_match is not None and if_none_match.strip() != "*":
            raise invalid("If-None-Match accepts only *.")
        expected = parse_etag(if_match) if if_match is not None else None
        fields = incident_fields(body, incident_id)
        with self.lock:
            current = self.incidents.get(incident_id)
            if current is not None:
                merged = {**current, **fields}
                if merged == current:
                    return Answer(200, copy.deepcopy(current), replayed=True)
                if expected is None:
                    raise Problem(
                        412, f"Incident {incident_id} already exists.", kind="exists", current=copy.deepcopy(current)
                    )
                if expected != current["version"]:
                    raise Problem(
                        412,
                        f"Incident {incident_id} is at version {current['version']}, not {expected}.",
                        kind="version-moved",
                        current=copy.deepcopy(current),
                    )
                if current["number"] is not None and merged["number"] != current["number"]:
                    raise invalid(
                        f"Incident {incident_id} already has the number {current['number']}; a number never changes."
                    )
                merged["version"] = current["version"] + 1
                merged["updated_by"] = "hotline"
                merged = ordered_incident(merged)
                self.incidents[incident_id] = merged
                status = 200
            else:
                if expected is not None:
                    raise Problem(412, f"No incident {incident_id} to update.", kind="not-found")
                merged = ordered_incident(
                    {"id": incident_id, **INCIDENT_DEFAULTS, **fields, "version": 1, "updated_by": "hotline"}
                )
                self.incidents[incident_id] = merged
                status = 201
            self._emit("changes", "incident", incident_id, merged)
            self._changed()
            return Answer(status, copy.deepcopy(merged))

    def post_event(self, raw_id: str, path: str, key: str | None, body: Any) -> Answer:
        """Record a public event once per idempotency key; see the OpenAPI file."""
        if key is None:
            raise invalid("The Idempotency-Key header is required.")
        key = as_uuid(key, "Idempotency-Key")
        print_ = fingerprint("POST", path, body)
        with self.lock:
            seen = self.idempotency.get(key)
            if seen is not None:
                if seen["fingerprint"] != print_:
                    raise Problem(
                        422, "This Idempotency-Key was used with another request.", kind="idempotency-key-reused"
                    )
                return Answer(200, copy.deepcopy(seen["body"]), replayed=True)
            incident = self.get_incident(raw_id)
            event = event_fields(body)
            event_id = event.pop("id", None) or str(uuid.uuid5(_EVENT_NAMESPACE, key))
            thread = self.events.setdefault(incident["id"], [])
            existing = next((e for e in thread if e["id"] == event_id), None)
            if existing is not None:
                if {k: existing[k] for k in event} != event:
                    raise invalid(f"Event {event_id} already exists with other content.")
                receipt = {"event_id": event_id, "seq": existing["seq"]}
                self.idempotency[key] = {"fingerprint": print_, "status": 200, "body": receipt}
                self._changed()
                return Answer(200, receipt, replayed=True)
            thread.append({"id": event_id, "seq": len(thread) + 1, "incident_id": incident["id"], **event})
            receipt = {"event_id": event_id, "seq": len(thread)}
            self.idempotency[key] = {"fingerprint": print_, "status": 201, "body": receipt}
            self._changed()
            return Answer(201, receipt)

    def put_document(
        self,
        digest: str,
        content: bytes,
        content_type: str | None,
        incident_id: str | None,
        kind: str | None,
        filename: str | None,
    ) -> Answer:
        """Store a PDF once by its SHA-256; see the OpenAPI file."""
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise invalid("The path must end with the lower-case hexadecimal SHA-256 of the body.")
        if (content_type or "").split(";")[0].strip().lower() != "application/pdf":
            raise invalid("The body must be sent as application/pdf.")
        if hashlib.sha256(content).hexdigest() != digest:
            raise invalid("The body's SHA-256 is not the one in the path.")
        if not content.startswith(b"%PDF-"):
            raise invalid("The body is not a PDF.")
        if kind not in DOCUMENT_KINDS:
            raise invalid(f"X-Document-Kind must be one of {', '.join(sorted(DOCUMENT_KINDS))}.")
        if not filename:
            raise invalid("X-Filename is required.")
        if incident_id is None:
            raise invalid("X-Incident-Id is required.")
        incident_id = as_uuid(incident_id, "X-Incident-Id")
        with self.lock:
            stored = self.documents.get(digest)
            if stored is not None:
                return Answer(200, copy.deepcopy(stored), replayed=True)
            if incident_id not in self.incidents:
                raise invalid(f"X-Incident-Id names no incident: {incident_id}.")
            document = {
                "sha256": digest,
                "incident_id": incident_id,
                "kind": kind,
                "filename": filename,
                "size": len(content),
            }
            self.documents[digest] = document
            self._changed()
            return Answer(201, copy.deepcopy(document))

    # -- what clients do on the portal ----------------------------------------------------------------

    def add_portal_incident(self, incident: dict[str, Any]) -> dict[str, Any]:
        """An incident declared by a client: no number yet, channel portal."""
        with self.lock:
            record = {
                "id": as_uuid(incident["id"], "id"),
                **INCIDENT_DEFAULTS,
                "client_code": incident["client_code"],
                "title": incident["title"],
                "channel": "portal",
                "status": "new",
                "opened_at": as_datetime(incident["opened_at"], "opened_at"),
            }
            for name in ("contact_id", "caller_name", "description", "priority"):
                if name in incident:
                    record[name] = incident[name]
            if record["id"] in self.incidents:
                raise invalid(f"Incident {record['id']} already exists.")
            record.update(version=1, updated_by="portal")
            record = ordered_incident(record)
            self.incidents[record["id"]] = record
            self._emit("changes", "incident", record["id"], record)
            self._changed()
            return copy.deepcopy(record)

    def edit_incident(self, incident_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """A client edits an incident on the portal: a new version by the portal."""
        with self.lock:
            current = self.incidents.get(incident_id)
            if current is None:
                raise KeyError(incident_id)
            refused = sorted(set(changes) & _PORTAL_MANAGED | set(changes) - set(current))
            if refused:
                raise ValueError(f"fields a portal edit cannot set: {', '.join(refused)}")
            merged = {**current, **changes, "version": current["version"] + 1, "updated_by": "portal"}
            self.incidents[incident_id] = merged
            self._emit("changes", "incident", incident_id, merged)
            self._changed()
            return copy.deepcopy(merged)

    def _portal_record(self, table: str, feed: str, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            getattr(self, table)[record["id"]] = record
            self._emit(feed, kind, record["id"], record)
            self._changed()
            return copy.deepcopy(record)

    def add_comment(self, comment: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            if comment["incident_id"] not in self.incidents:
                raise KeyError(comment["incident_id"])
            return self._portal_record("comments", "changes", "event", {**comment, "kind": "comment"})

    def add_consent(self, consent: dict[str, Any]) -> dict[str, Any]:
        if consent["decision"] not in ("accepted", "refused"):
            raise ValueError(f"a consent is accepted or refused, not {consent['decision']!r}")
        with self.lock:
            if consent["incident_id"] not in self.incidents:
                raise KeyError(consent["incident_id"])
            return self._portal_record("consents", "changes", "consent", consent)

    def add_restoration_request(self, request: dict[str, Any]) -> dict[str, Any]:
        as_date(request["backup_date"], "backup_date")
        return self._portal_record("restoration_requests", "changes", "restoration_request", request)

    def add_client(self, client: dict[str, Any]) -> dict[str, Any]:
        """A client of the directory (made or changed); its record id stays the same across changes."""
        with self.lock:
            known = self.clients.get(client["code"])
            record = {"id": known["id"] if known else client["id"], **{k: v for k, v in client.items() if k != "id"}}
            self.clients[record["code"]] = record
            data = {k: record[k] for k in ("code", "hotline_id", "name", "kind", "city")}
            self._emit("directory", "client", record["id"], data)
            self._changed()
            return copy.deepcopy(record)

    def add_contact(self, contact: dict[str, Any]) -> dict[str, Any]:
        return self._portal_record("contacts", "directory", "contact", contact)

    def add_rtc_notice(self, notice: dict[str, Any]) -> dict[str, Any]:
        return self._portal_record("rtc_notices", "directory", "rtc_notice", notice)

    def add_malformed(self, kind: str, *, feed: str = "changes", record_id: str | None = None) -> dict[str, Any]:
        """Append a record the hotline must quarantine (it never touches the portal's real data)."""
        from tests.portal_sim.malformed import malformed_record

        with self.lock:
            record_type, data = malformed_record(kind, feed, record_id or str(uuid.uuid4()), self)
            record = self._emit(feed, record_type, data.get("id") or record_id or str(uuid.uuid4()), data)
            self.injected.append({"feed": feed, "kind": kind, "id": record["id"], "seq": record["seq"]})
            self._changed()
            return copy.deepcopy(record)

    # -- views ----------------------------------------------------------------------------------------

    def directory_people(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        with self.lock:
            return copy.deepcopy(list(self.clients.values())), copy.deepcopy(list(self.contacts.values()))

    def canonical_state(self) -> dict[str, Any]:
        """Everything the portal holds that the sync changes, in a stable order, for comparisons: no feed
        positions, no idempotency bookkeeping, no injected records."""

        def by(values: Iterable[dict[str, Any]], key: str) -> list[dict[str, Any]]:
            return sorted(copy.deepcopy(list(values)), key=lambda v: v[key])

        with self.lock:
            return {
                "incidents": by(self.incidents.values(), "id"),
                "events": {k: by(v, "seq") for k, v in sorted(self.events.items()) if v},
                "comments": by(self.comments.values(), "id"),
                "consents": by(self.consents.values(), "id"),
                "restoration_requests": by(self.restoration_requests.values(), "id"),
                "documents": by(self.documents.values(), "sha256"),
                "clients": by(self.clients.values(), "code"),
                "contacts": by(self.contacts.values(), "id"),
                "rtc_notices": by(self.rtc_notices.values(), "id"),
            }

    def stats(self) -> dict[str, Any]:
        with self.lock:
            return {
                "feeds": {name: len(log) for name, log in self.feeds.items()},
                "incidents": len(self.incidents),
                "events": sum(len(v) for v in self.events.values()),
                "documents": len(self.documents),
                "idempotency_keys": len(self.idempotency),
                "injected": copy.deepcopy(self.injected),
            }
