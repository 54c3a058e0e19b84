"""The portal sync contract (app/sync/portal_api.yaml) and the reference portal that implements it: every
answer of the reference server, over real loopback HTTP, is one the contract allows; versions, idempotency
keys, digests and cursors behave as docs/sync.md says; each injected fault really happens."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import requests
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from app.domain.vocabulary import Channel, ClientKind, DocumentKind, IncidentStatus, NoticeChannel, Origin
from tests.portal_sim import PortalHandle, start_portal
from tests.portal_sim.contract import ContractChecker, ContractError, load_spec
from tests.portal_sim.malformed import MALFORMED_KINDS, UNKNOWN_CLIENT

EPOCH = date(2026, 11, 27)
TOKEN = "contract-test-token"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class Caller:
    """Real HTTP calls to the reference portal; every answer is checked against the contract."""

    def __init__(self, portal: PortalHandle, checker: ContractChecker) -> None:
        self.portal = portal
        self.checker = checker
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {portal.token}"
        self.base = urlsplit(portal.url).path

    def __call__(self, method: str, path: str, *, check: bool = True, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 5)
        response = self.session.request(method, self.portal.url + path, **kwargs)
        if check:
            self.checker.check(method, path.split("?")[0], response.status_code, response.headers, response.content)
        return response

    def admin(self, method: str, name: str, **kwargs: Any) -> requests.Response:
        return self.session.request(method, f"{self.portal.url}/_admin/{name}", timeout=5, **kwargs)


@pytest.fixture(scope="module")
def checker() -> ContractChecker:
    return ContractChecker()


@pytest.fixture
def portal() -> Iterator[PortalHandle]:
    with start_portal(token=TOKEN, seed=5, seed_incidents=4, epoch=EPOCH) as handle:
        yield handle


@pytest.fixture
def call(portal: PortalHandle, checker: ContractChecker) -> Iterator[Caller]:
    caller = Caller(portal, checker)
    yield caller
    caller.session.close()


def new_incident(**changes: Any) -> dict[str, Any]:
    body = {
        "number": "NCY-2600042-D",
        "client_code": "C00101",
        "contact_id": None,
        "caller_name": "Sylvie Mathieu",
        "title": "Paie : erreur à l'édition des bulletins",
        "description": "Erreur 1045 au troisième agent.",
        "channel": "phone",
        "status": "new",
        "origin": None,
        "priority": 3,
        "opened_at": "2026-11-27T09:15:00+01:00",
    }
    body.update(changes)
    return body


def event(**changes: Any) -> dict[str, Any]:
    body = {
        "kind": "status_changed",
        "at": "2026-11-27T10:00:00+00:00",
        "author": "Hotline DEFI",
        "text": "Incident diagnostiqué : fonctionnalité du progiciel.",
        "status": "diagnosed",
    }
    body.update(changes)
    return body


def create(call: Caller, body: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
    incident_id = str(uuid.uuid4())
    response = call("PUT", f"/incidents/{incident_id}", json=body or new_incident(), headers={"If-None-Match": "*"})
    assert response.status_code == 201, response.text
    return incident_id, response.json()


def walk(call: Caller, feed: str, limit: int) -> tuple[list[dict[str, Any]], list[int]]:
    """Every record of a feed, page by page; and each page's size."""
    records: list[dict[str, Any]] = []
    sizes: list[int] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["since"] = cursor
        page = call("GET", feed, params=params).json()
        records += page["changes"]
        sizes.append(len(page["changes"]))
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return records, sizes


# -- the contract itself -----------------------------------------------------------------------------------


def test_contract_is_a_valid_openapi_31_document() -> None:
    spec = load_spec()
    assert spec["openapi"].startswith("3.1")
    validate(spec)
    broken = {**spec, "paths": {"/changes": {"get": {"responses": {"200": {"content": {}}}}}}}
    with pytest.raises(OpenAPIValidationError):
        validate(broken)


def test_contract_enums_are_the_product_vocabulary() -> None:
    schemas = load_spec()["components"]["schemas"]
    for name, enum in (
        ("Channel", Channel),
        ("IncidentStatus", IncidentStatus),
        ("Origin", Origin),
        ("DocumentKind", DocumentKind),
        ("ClientKind", ClientKind),
        ("NoticeChannel", NoticeChannel),
    ):
        assert schemas[name]["enum"] == [member.value for member in enum], name


def test_contract_covers_every_operation_of_the_protocol() -> None:
    spec = load_spec()
    operations = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "put", "post")
    }
    assert operations == {
        ("GET", "/changes"),
        ("GET", "/directory/changes"),
        ("GET", "/incidents/{id}"),
        ("PUT", "/incidents/{id}"),
        ("POST", "/incidents/{id}/events"),
        ("PUT", "/documents/{sha256}"),
    }
    assert spec["security"] == [{"bearer": []}]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            for status in ("401", "429", "503"):
                assert status in operation["responses"], (method, path, status)
    types = {ref["$ref"].rsplit("/", 1)[1] for ref in spec["components"]["schemas"]["Change"]["oneOf"]}
    directory = {ref["$ref"].rsplit("/", 1)[1] for ref in spec["components"]["schemas"]["DirectoryChange"]["oneOf"]}
    assert types == {"IncidentChange", "EventChange", "ConsentChange", "RestorationRequestChange"}
    assert directory == {"ClientChange", "ContactChange", "RtcNoticeChange"}


def test_contract_ships_with_the_package() -> None:
    import tomllib

    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["*"]
    assert "*.yaml" in patterns
    assert (Path(__file__).resolve().parents[2] / "app" / "sync" / "__init__.py").is_file()


# -- every answer is one the contract allows ---------------------------------------------------------------


def test_every_operation_and_error_answers_as_the_contract_says(
    portal: PortalHandle, call: Caller, checker: ContractChecker
) -> None:
    checker.seen.clear()
    call("GET", "/changes")
    cursor = call("GET", "/changes", params={"limit": 1}).json()["next_cursor"]
    call("GET", "/changes", params={"limit": 2, "since": cursor})
    call("GET", "/directory/changes", params={"limit": 500})
    incident_id, created = create(call)
    assert created["version"] == 1 and created["opened_at"] == "2026-11-27T08:15:00+00:00"
    got = call("GET", f"/incidents/{incident_id}")
    assert got.headers["ETag"] == '"1"'
    updated = call(
        "PUT",
        f"/incidents/{incident_id}",
        json=new_incident(status="diagnosed", origin="feature"),
        headers={"If-Match": '"1"'},
    )
    assert updated.status_code == 200 and updated.headers["ETag"] == '"2"'
    stale = call("PUT", f"/incidents/{incident_id}", json=new_incident(priority=1), headers={"If-Match": '"1"'})
    assert stale.status_code == 412 and stale.json()["current"]["version"] == 2
    path = f"/incidents/{incident_id}"
    assert call("PUT", path, json=new_incident(), headers={"If-None-Match": "*"}).status_code == 412
    assert call("PUT", path, json=new_incident(priority=2)).status_code == 428
    assert call("PUT", path, json={"title": "x"}, headers={"If-Match": '"2"'}).status_code == 422
    posted = call("POST", f"{path}/events", json=event(), headers={"Idempotency-Key": str(uuid.uuid4())})
    assert posted.status_code == 201 and posted.json()["seq"] == 1
    assert call("POST", f"/incidents/{incident_id}/events", json=event()).status_code == 422
    assert (
        call(
            "POST", f"/incidents/{uuid.uuid4()}/events", json=event(), headers={"Idempotency-Key": str(uuid.uuid4())}
        ).status_code
        == 404
    )
    digest = hashlib.sha256(PDF).hexdigest()
    headers = {
        "Content-Type": "application/pdf",
        "X-Incident-Id": incident_id,
        "X-Document-Kind": "progress_report",
        "X-Filename": quote("compte-rendu d'avancement é.pdf"),
    }
    assert call("PUT", f"/documents/{digest}", data=PDF, headers=headers).status_code == 201
    assert call("PUT", f"/documents/{digest}", data=PDF, headers=headers).status_code == 200
    assert call("PUT", f"/documents/{'0' * 64}", data=PDF, headers=headers).status_code == 422
    assert call("GET", f"/incidents/{uuid.uuid4()}").status_code == 404
    assert call("GET", "/changes", params={"limit": 501}).status_code == 422
    assert call("GET", "/directory/changes", params={"since": "bm90LWEtY3Vyc29y"}).status_code == 422

    anonymous = requests.Session()
    for method, path in (
        ("GET", "/changes"),
        ("GET", "/directory/changes"),
        ("GET", f"/incidents/{incident_id}"),
        ("PUT", f"/incidents/{incident_id}"),
        ("POST", f"/incidents/{incident_id}/events"),
        ("PUT", f"/documents/{digest}"),
    ):
        for auth in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {portal.token}"}):
            response = anonymous.request(method, portal.url + path, headers=auth, json={}, timeout=5)
            assert response.status_code == 401
            checker.check(method, path, response.status_code, response.headers, response.content)
    anonymous.close()

    portal.set_faults(retry_after=0, script=["429", "503", "500"])
    assert call("GET", "/changes").headers["Retry-After"] == "0"
    assert call("GET", f"/incidents/{incident_id}").status_code == 503
    assert call("PUT", f"/incidents/{incident_id}", json=new_incident(), headers={"If-Match": '"2"'}).status_code == 500
    portal.set_faults(
        script=[{"fault": "429", "method": "POST"}, {"fault": "429", "method": "PUT", "path": "/documents/"}]
    )
    assert (
        call(
            "POST", f"/incidents/{incident_id}/events", json=event(), headers={"Idempotency-Key": str(uuid.uuid4())}
        ).status_code
        == 429
    )
    assert call("PUT", f"/documents/{digest}", data=PDF, headers=headers).status_code == 429

    wanted = {
        ("getChanges", "200"),
        ("getChanges", "401"),
        ("getChanges", "422"),
        ("getChanges", "429"),
        ("getDirectoryChanges", "200"),
        ("getDirectoryChanges", "401"),
        ("getDirectoryChanges", "422"),
        ("getIncident", "200"),
        ("getIncident", "401"),
        ("getIncident", "404"),
        ("getIncident", "503"),
        ("putIncident", "201"),
        ("putIncident", "200"),
        ("putIncident", "401"),
        ("putIncident", "412"),
        ("putIncident", "422"),
        ("putIncident", "428"),
        ("putIncident", "500"),
        ("postIncidentEvent", "201"),
        ("postIncidentEvent", "401"),
        ("postIncidentEvent", "404"),
        ("postIncidentEvent", "422"),
        ("postIncidentEvent", "429"),
        ("putDocument", "201"),
        ("putDocument", "200"),
        ("putDocument", "401"),
        ("putDocument", "422"),
        ("putDocument", "429"),
    }
    assert wanted <= checker.seen, sorted(wanted - checker.seen)


def test_every_seeded_record_of_both_feeds_fits_its_schema(portal: PortalHandle, call: Caller) -> None:
    portal.add_portal_incident(title="Écran figé sur la saisie des mandats")
    records, _ = walk(call, "/changes", 3)
    types = {r["type"] for r in records}
    assert types == {"incident", "event", "consent", "restoration_request"}
    incidents = [r["data"] for r in records if r["type"] == "incident"]
    assert all(i["number"] is None and i["channel"] == "portal" and i["updated_by"] == "portal" for i in incidents)
    directory, _ = walk(call, "/directory/changes", 7)
    assert {r["type"] for r in directory} == {"client", "contact", "rtc_notice"}
    contacts = [r["data"] for r in directory if r["type"] == "contact"]
    assert any(c["is_rtc"] and c["trainings"] for c in contacts)


def test_the_checker_rejects_what_the_contract_does_not_allow(checker: ContractChecker) -> None:
    problem = b'{"type": "about:blank", "title": "Not Found", "status": 404}'
    with pytest.raises(ContractError, match="not documented"):
        checker.check("GET", "/changes", 404, {"Content-Type": "application/problem+json"}, problem)
    with pytest.raises(ContractError, match="Retry-After"):
        checker.check("GET", "/changes", 429, {"Content-Type": "application/problem+json"}, problem)
    with pytest.raises(ContractError):
        checker.check(
            "GET", "/changes", 200, {"Content-Type": "application/json"}, b'{"changes": [], "next_cursor": "x"}'
        )
    bad_incident = {"seq": 1, "type": "incident", "id": str(uuid.uuid4()), "data": {"status": "open"}}
    with pytest.raises(ContractError):
        checker.validate_value(bad_incident, "/components/schemas/Change")


# -- versions, idempotency, digests, cursors ---------------------------------------------------------------


def test_upsert_versions_replays_and_numbers(portal: PortalHandle, call: Caller) -> None:
    """R-10: a number never changes; a lost answer's retry is recognised instead of a 412."""
    incident_id, _ = create(call)
    again = call("PUT", f"/incidents/{incident_id}", json=new_incident(), headers={"If-None-Match": "*"})
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    body = new_incident(status="diagnosed", origin="dbms", workaround="Relancer le service d'impression.")
    first = call("PUT", f"/incidents/{incident_id}", json=body, headers={"If-Match": '"1"'})
    assert first.json()["version"] == 2 and "Idempotent-Replayed" not in first.headers
    replay = call("PUT", f"/incidents/{incident_id}", json=body, headers={"If-Match": '"1"'})
    assert replay.status_code == 200 and replay.json()["version"] == 2
    assert replay.headers["Idempotent-Replayed"] == "true"
    renumber = call(
        "PUT", f"/incidents/{incident_id}", json=new_incident(number="NCY-2600043-F"), headers={"If-Match": '"2"'}
    )
    assert renumber.status_code == 422
    edited = portal.edit_incident(incident_id, description="Aussi sur le poste de l'accueil.")
    assert edited["version"] == 3 and edited["updated_by"] == "portal"
    moved = call("PUT", f"/incidents/{incident_id}", json={**body, "status": "resolved"}, headers={"If-Match": '"2"'})
    assert moved.status_code == 412
    assert moved.json()["current"]["description"] == "Aussi sur le poste de l'accueil."
    partial = {k: v for k, v in body.items() if k not in ("description", "workaround")}
    kept = call("PUT", f"/incidents/{incident_id}", json={**partial, "status": "resolved"}, headers={"If-Match": '"3"'})
    assert kept.json()["description"] == "Aussi sur le poste de l'accueil."
    assert kept.json()["workaround"] == "Relancer le service d'impression."
    path = f"/incidents/{incident_id}"
    assert call("PUT", path, json=new_incident(), headers={"If-Match": '"99"'}).status_code == 412
    unknown = call("PUT", f"/incidents/{uuid.uuid4()}", json=new_incident(), headers={"If-Match": '"1"'})
    assert unknown.status_code == 412 and "current" not in unknown.json()

    feed, _ = walk(call, "/changes", 500)
    mine = [(r["data"]["version"], r["data"]["updated_by"]) for r in feed if r["id"] == incident_id]
    assert mine == [(1, "hotline"), (2, "hotline"), (3, "portal"), (4, "hotline")]


def test_an_idempotency_key_gives_the_same_answer_and_refuses_another_body(portal: PortalHandle, call: Caller) -> None:
    incident_id, _ = create(call)
    other_id, _ = create(call)
    key = str(uuid.uuid4())
    first = call("POST", f"/incidents/{incident_id}/events", json=event(), headers={"Idempotency-Key": key})
    second = call("POST", f"/incidents/{incident_id}/events", json=event(), headers={"Idempotency-Key": key})
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    assert second.status_code == 200 and second.headers["Idempotent-Replayed"] == "true"
    assert second.json() == first.json() == {"event_id": first.json()["event_id"], "seq": 1}
    changed = call(
        "POST", f"/incidents/{incident_id}/events", json=event(text="Autre texte"), headers={"Idempotency-Key": key}
    )
    assert changed.status_code == 422 and "Idempotency-Key" in changed.json()["detail"]
    elsewhere = call("POST", f"/incidents/{other_id}/events", json=event(), headers={"Idempotency-Key": key})
    assert elsewhere.status_code == 422
    answer = call(
        "POST",
        f"/incidents/{incident_id}/events",
        json=event(kind="answer", status=None),
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert answer.status_code == 422  # status is a string when given
    no_status = event(kind="answer")
    del no_status["status"]
    assert (
        call(
            "POST", f"/incidents/{incident_id}/events", json=no_status, headers={"Idempotency-Key": str(uuid.uuid4())}
        ).json()["seq"]
        == 2
    )
    thread = portal.state()["events"][incident_id]
    assert [e["kind"] for e in thread] == ["status_changed", "answer"]
    assert all(r["type"] != "event" or r["data"]["incident_id"] != incident_id for r in walk(call, "/changes", 500)[0])


def test_documents_are_stored_once_by_digest(portal: PortalHandle, call: Caller) -> None:
    incident_id, _ = create(call)
    digest = hashlib.sha256(PDF).hexdigest()
    headers = {
        "Content-Type": "application/pdf",
        "X-Incident-Id": incident_id,
        "X-Document-Kind": "intervention_report",
        "X-Filename": quote("Compte rendu d'intervention n°1.pdf"),
    }
    assert call("PUT", f"/documents/{digest}", data=PDF, headers=headers).status_code == 201
    assert call("PUT", f"/documents/{digest}", data=PDF, headers=headers).json()["size"] == len(PDF)
    not_pdf = b"hello"
    assert (
        call("PUT", f"/documents/{hashlib.sha256(not_pdf).hexdigest()}", data=not_pdf, headers=headers).status_code
        == 422
    )
    other = PDF + b"% autre\n"
    unknown = {**headers, "X-Incident-Id": str(uuid.uuid4())}
    assert (
        call("PUT", f"/documents/{hashlib.sha256(other).hexdigest()}", data=other, headers=unknown).status_code == 422
    )
    bad_kind = {**headers, "X-Document-Kind": "invoice"}
    assert (
        call("PUT", f"/documents/{hashlib.sha256(other).hexdigest()}", data=other, headers=bad_kind).status_code == 422
    )
    assert portal.state()["documents"] == [
        {
            "sha256": digest,
            "incident_id": incident_id,
            "kind": "intervention_report",
            "filename": "Compte rendu d'intervention n°1.pdf",
            "size": len(PDF),
        }
    ]


def test_pages_of_500_walk_1200_changes_once_each(call: Caller) -> None:
    with start_portal(token=TOKEN, directory=False) as portal:
        store = portal.store
        for n in range(1200):
            store.add_portal_incident(
                {
                    "id": str(uuid.UUID(int=n + 1, version=4)),
                    "client_code": "C00101",
                    "title": f"Incident {n}",
                    "opened_at": "2026-11-27T08:00:00+00:00",
                }
            )
        caller = Caller(portal, call.checker)
        records, sizes = walk(caller, "/changes", 500)
        assert sizes == [500, 500, 200]
        assert [r["seq"] for r in records] == list(range(1, 1201))
        assert len({r["id"] for r in records}) == 1200
        end = caller(
            "GET",
            "/changes",
            params={
                "limit": 500,
                "since": caller("GET", "/changes", params={"limit": 500, "since": encode(1000)}).json()["next_cursor"],
            },
        ).json()
        assert end == {"changes": [], "next_cursor": encode(1200), "has_more": False}
        assert caller("GET", "/changes").json()["changes"][-1]["seq"] == 100  # default limit
        for params in (
            {"limit": 0},
            {"limit": 501},
            {"limit": "ten"},
            {"since": ""},
            {"since": "%%%"},
            {"since": encode(1201)},
            {"since": base64.urlsafe_b64encode(b"directory:3").decode()},
        ):
            assert caller("GET", "/changes", params=params).status_code == 422, params
        empty, _ = walk(caller, "/directory/changes", 500)
        assert empty == []
        caller.session.close()


def encode(seq: int) -> str:
    return base64.urlsafe_b64encode(f"changes:{seq}".encode()).decode().rstrip("=")


# -- fault injection ---------------------------------------------------------------------------------------


def test_a_dropped_connection_after_apply_leaves_the_write_done(portal: PortalHandle, call: Caller) -> None:
    portal.set_faults(
        script=[
            {"fault": "drop", "method": "PUT", "path": "/incidents/"},
            {"fault": "drop", "method": "POST"},
            {"fault": "drop", "method": "PUT", "path": "/documents/"},
        ]
    )
    incident_id = str(uuid.uuid4())
    with pytest.raises(requests.ConnectionError):
        call("PUT", f"/incidents/{incident_id}", json=new_incident(), headers={"If-None-Match": "*"}, check=False)
    assert portal.incident(incident_id)["version"] == 1
    state = call.admin("GET", "state").json()
    assert incident_id in {i["id"] for i in state["incidents"]}
    retry = call("PUT", f"/incidents/{incident_id}", json=new_incident(), headers={"If-None-Match": "*"})
    assert retry.status_code == 200 and retry.headers["Idempotent-Replayed"] == "true"

    key = str(uuid.uuid4())
    with pytest.raises(requests.ConnectionError):
        call("POST", f"/incidents/{incident_id}/events", json=event(), headers={"Idempotency-Key": key}, check=False)
    assert len(portal.state()["events"][incident_id]) == 1
    replay = call("POST", f"/incidents/{incident_id}/events", json=event(), headers={"Idempotency-Key": key})
    assert replay.status_code == 200 and replay.json()["seq"] == 1
    assert len(portal.state()["events"][incident_id]) == 1

    digest = hashlib.sha256(PDF).hexdigest()
    headers = {
        "Content-Type": "application/pdf",
        "X-Incident-Id": incident_id,
        "X-Document-Kind": "progress_report",
        "X-Filename": "avancement.pdf",
    }
    with pytest.raises(requests.ConnectionError):
        call("PUT", f"/documents/{digest}", data=PDF, headers=headers, check=False)
    assert call("PUT", f"/documents/{digest}", data=PDF, headers=headers).status_code == 200
    assert portal.stats()["faults"]["drop"] == 3


def test_error_faults_answer_without_applying(portal: PortalHandle, call: Caller) -> None:
    before = portal.state()
    portal.set_faults(rate_500=1.0)
    failed = call("PUT", f"/incidents/{uuid.uuid4()}", json=new_incident(), headers={"If-None-Match": "*"})
    assert failed.status_code == 500
    portal.set_faults(rate_500=0.0, rate_429=1.0, retry_after=2)
    limited = call(
        "POST", f"/incidents/{uuid.uuid4()}/events", json=event(), headers={"Idempotency-Key": str(uuid.uuid4())}
    )
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "2"
    portal.set_faults(rate_429=0.0, rate_503=1.0)
    assert call("GET", "/changes").status_code == 503
    portal.set_faults(rate_503=0.0, offline=True)
    with pytest.raises(requests.ConnectionError):
        call("PUT", f"/incidents/{uuid.uuid4()}", json=new_incident(), headers={"If-None-Match": "*"}, check=False)
    assert portal.state() == before
    portal.set_faults(offline=False, latency_ms=150, latency_jitter_ms=50)
    started = time.perf_counter()
    assert call("GET", "/changes", params={"limit": 1}).status_code == 200
    assert time.perf_counter() - started >= 0.15
    counts = portal.stats()["faults"]
    assert (counts["500"], counts["429"], counts["503"], counts["offline"]) == (1, 1, 1, 1)


def test_a_duplicate_delivery_repeats_an_earlier_record(portal: PortalHandle, call: Caller) -> None:
    first = call("GET", "/changes", params={"limit": 3}).json()
    delivered = {(r["seq"], r["id"]) for r in first["changes"]}
    portal.set_faults(script=["duplicate"])
    second = call("GET", "/changes", params={"limit": 3, "since": first["next_cursor"]}).json()
    assert len(second["changes"]) == 3
    repeated = [r for r in second["changes"] if (r["seq"], r["id"]) in delivered]
    assert len(repeated) == 1
    third = call("GET", "/changes", params={"limit": 500, "since": second["next_cursor"]}).json()
    seqs = sorted({r["seq"] for r in first["changes"] + second["changes"] + third["changes"]})
    assert seqs == list(range(1, len(seqs) + 1))  # nothing skipped
    assert portal.stats()["faults"]["duplicate"] == 1


def test_malformed_records_are_injected_and_break_the_contract(
    portal: PortalHandle, call: Caller, checker: ContractChecker
) -> None:
    portal.set_faults(script=["malformed"])
    page = call("GET", "/changes", params={"limit": 500}, check=False).json()
    injected = portal.stats()["injected"]
    assert len(injected) == 1 and page["changes"][-1]["id"] == injected[0]["id"]
    for feed in ("changes", "directory"):
        schema = "/components/schemas/Change" if feed == "changes" else "/components/schemas/DirectoryChange"
        for kind in MALFORMED_KINDS:
            record = portal.add_malformed(kind, feed)
            if kind == "unknown_client":
                assert record["data"]["client_code"] == UNKNOWN_CLIENT
                assert UNKNOWN_CLIENT not in {c["code"] for c in portal.state()["clients"]}
            else:
                with pytest.raises(ContractError):
                    checker.validate_value(record, schema)
    clean = portal.state()
    assert UNKNOWN_CLIENT not in str(clean["incidents"]) and "25:61" not in str(clean["comments"])


def test_fault_draws_are_deterministic_for_a_seed(checker: ContractChecker) -> None:
    def outcomes() -> list[str]:
        with start_portal(token=TOKEN, seed=11, fault_rate=0.6, retry_after=0, epoch=EPOCH, seed_incidents=3) as portal:
            caller = Caller(portal, checker)
            seen = []
            for n in range(40):
                try:
                    if n % 2:
                        response = caller("GET", "/changes", params={"limit": 2}, check=False)
                    else:
                        response = caller(
                            "PUT",
                            f"/incidents/{uuid.UUID(int=n + 1, version=4)}",
                            check=False,
                            json=new_incident(),
                            headers={"If-None-Match": "*"},
                        )
                    size = len(response.json()["changes"]) if n % 2 and response.status_code == 200 else ""
                    seen.append(f"{response.status_code}{size}")
                except requests.ConnectionError:
                    seen.append("dropped")
                    caller.session.close()
            caller.session.close()
            return seen

    first, second = outcomes(), outcomes()
    assert first == second
    assert {"500", "429", "dropped", "201"} <= set(first)


def test_admin_endpoints_need_the_token_and_drive_the_portal(portal: PortalHandle, call: Caller) -> None:
    assert requests.get(f"{portal.url}/_admin/state", timeout=5).status_code == 401
    assert call.admin("GET", "state").json() == portal.state()
    answer = call.admin("POST", "faults", json={"fault_rate": 0.3, "seed": 4}).json()
    assert answer["rate_500"] == answer["rate_429"] == answer["drop_rate"] == pytest.approx(0.1)
    assert call.admin("POST", "faults", json={"rate_500": 2}).status_code == 422
    assert call.admin("POST", "faults", json={"nonsense": 1}).status_code == 422
    call.admin("POST", "faults", json={"fault_rate": 0})
    made = call.admin("POST", "incidents", json={"title": "Déclaré par l'admin"}).json()
    assert made["channel"] == "portal" and made["number"] is None
    assert call.admin("PATCH", f"incidents/{made['id']}", json={"title": "Reformulé"}).json()["version"] == 2
    comment = {"incident_id": made["id"], "text": "Toujours bloqué"}
    assert call.admin("POST", "comments", json=comment).status_code == 201
    assert call.admin("POST", "malformed", json={"kind": "bad_date", "feed": "directory"}).status_code == 201
    seeded = call.admin("POST", "seed", json={"incidents": 2, "seed": 9}).json()
    assert seeded["incidents"] == 2 and seeded["clients"] == 0
    assert call.admin("POST", "reset").json() == {"reset": True}
    assert portal.state()["incidents"] == [] and portal.stats()["feeds"] == {"changes": 0, "directory": 0}


def test_in_process_api_for_portal_side_actions(portal: PortalHandle) -> None:
    incident = portal.add_portal_incident(client_code="C00102", title="Doublons sur la liste électorale")
    assert incident["contact_id"] is not None and incident["caller_name"]
    comment = portal.add_comment(incident["id"], "Les doublons sont revenus.", at="2026-11-27T11:00:00+01:00")
    assert comment["at"] == "2026-11-27T10:00:00+00:00"
    consent = portal.add_consent(incident["id"], "NCY-2600042-D/T1", decision="refused")
    assert consent["decision"] == "refused" and consent["contact_id"]
    request = portal.add_restoration_request("C00102", backup_date="2026-11-26")
    assert request["client_code"] == "C00102"
    edited = portal.edit_incident(incident["id"], title="Doublons après l'import du REU")
    assert edited["version"] == 2
    with pytest.raises(ValueError):
        portal.edit_incident(incident["id"], version=9)
    with pytest.raises(KeyError):
        portal.add_comment(str(uuid.uuid4()))
    state = portal.state()
    assert {c["id"] for c in state["consents"]} >= {consent["id"]}


def test_seeding_is_deterministic_and_reads_a_hotline_database_read_only(tmp_path: Path, engine: Any) -> None:
    from app.services.demo_seed import seed_demo

    seed_demo(engine, seed=3, clients=4, incidents=0)
    engine.dispose()
    db_path = Path(engine.url.database)
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with start_portal(seed=2, seed_incidents=6, hotline_db=db_path, epoch=EPOCH) as a:
        state = a.state()
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
    codes = {c["code"] for c in state["clients"]}
    assert len(codes) == 4 and {i["client_code"] for i in state["incidents"]} <= codes
    contacts = {c["id"] for c in state["contacts"]}
    assert {i["contact_id"] for i in state["incidents"]} <= contacts
    assert len(state["incidents"]) == 6 and len(state["comments"]) == 2
    with start_portal(seed=2, seed_incidents=6, hotline_db=db_path, epoch=EPOCH) as b:
        assert b.state() == state
    with (
        start_portal(seed=2, seed_incidents=6, epoch=EPOCH) as c,
        start_portal(seed=2, seed_incidents=6, epoch=EPOCH) as d,
    ):
        assert c.state() == d.state() and c.state()["clients"][0]["code"] == "C00101"


def test_a_state_file_keeps_the_data_across_restarts(tmp_path: Path, checker: ContractChecker) -> None:
    state_file = tmp_path / "portal.json"
    with start_portal(token=TOKEN, state_file=state_file, seed_incidents=2, epoch=EPOCH) as portal:
        incident_id, _ = create(Caller(portal, checker))
        before = portal.state()
        port = portal.port
        caller = Caller(portal, checker)
        assert caller("GET", "/changes").status_code == 200  # a kept-alive connection
        portal.stop()
        with pytest.raises(requests.ConnectionError):
            caller("GET", "/changes", check=False)
        with pytest.raises(requests.ConnectionError):
            caller("GET", "/changes", check=False)
        portal.restart()
        assert caller("GET", f"/incidents/{incident_id}").status_code == 200
    with start_portal(port, token=TOKEN, state_file=state_file, seed_incidents=2, epoch=EPOCH) as again:
        assert again.state() == before and again.port == port


def test_only_loopback_is_ever_bound() -> None:
    with pytest.raises(ValueError, match="loopback"):
        start_portal(host="0.0.0.0")
    with start_portal(directory=False) as portal:
        assert portal.host == "127.0.0.1" and portal.url.startswith("http://127.0.0.1:")


def test_runs_as_a_module_from_the_command_line(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.portal_sim",
            "--port",
            "0",
            "--token",
            "cli-token",
            "--seed-incidents",
            "3",
            "--seed",
            "1",
            "--fault-rate",
            "0",
            "--epoch",
            "2026-11-27",
        ],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        url = banner.split(" on ", 1)[1].split(" ", 1)[0]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/api/sync/v1")
        page = requests.get(f"{url}/changes", headers={"Authorization": "Bearer cli-token"}, timeout=5).json()
        assert sum(r["type"] == "incident" for r in page["changes"]) == 3
    finally:
        process.terminate()
        process.wait(timeout=5)
    bad = subprocess.run(
        [sys.executable, "-m", "tests.portal_sim", "--host", "0.0.0.0", "--port", "0"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert bad.returncode == 2 and "loopback" in bad.stderr
