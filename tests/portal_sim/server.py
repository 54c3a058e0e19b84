"""The reference portal over HTTP (stdlib ``ThreadingHTTPServer``, loopback only), and the handle tests use
to run it in a thread."""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import json
import logging
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.portal_sim import actions
from tests.portal_sim.faults import Decision, FaultInjector
from tests.portal_sim.problems import Problem, invalid
from tests.portal_sim.seeding import seed_portal
from tests.portal_sim.store import MAX_LIMIT, Answer, PortalStore

log = logging.getLogger("portal_sim")

DEFAULT_BASE_PATH = "/api/sync/v1"
DEFAULT_LIMIT = 100
MAX_BODY = 64 * 1024 * 1024
_FEED_PATHS = {"/changes": "changes", "/directory/changes": "directory"}


def check_loopback(host: str) -> str:
    """The reference portal listens on the loopback interface only."""
    if host == "localhost":
        return "127.0.0.1"
    try:
        if ipaddress.ip_address(host).is_loopback:
            return host
    except ValueError:
        pass
    raise ValueError(f"the reference portal listens on loopback addresses only, not {host!r}")


class PortalServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        store: PortalStore,
        injector: FaultInjector,
        token: str,
        base_path: str = DEFAULT_BASE_PATH,
        *,
        epoch: date | None = None,
        hotline_db: Path | None = None,
        verbose: bool = False,
    ) -> None:
        self.store = store
        self.injector = injector
        self.token = token
        self.base_path = base_path.rstrip("/")
        self.epoch = epoch
        self.hotline_db = hotline_db
        self.verbose = verbose
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__((check_loopback(address[0]), address[1]), PortalHandler)

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._open_lock:
            if open_:
                self._open.add(connection)
            else:
                self._open.discard(connection)

    def close_connections(self) -> None:
        """Cut every kept-alive connection, so that a stopped portal really answers no more."""
        with self._open_lock:
            connections, self._open = list(self._open), set()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class PortalHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "PortalSim/1.0"
    # Headers and body go out in separate writes: without TCP_NODELAY the body waits for the client's
    # delayed ACK (40 ms per answer on Linux).
    disable_nagle_algorithm = True
    server: PortalServer

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.connection, True)

    def finish(self) -> None:
        self.server.track(self.connection, False)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    # -- plumbing -----------------------------------------------------------------------------------

    def _handle(self, method: str) -> None:
        url = urlsplit(self.path)
        base = self.server.base_path
        try:
            body = self._read_body()
        except Problem as problem:
            self.close_connection = True
            self._send_problem(problem)
            return
        if not (url.path == base or url.path.startswith(base + "/")):
            self._send_problem(Problem(404, f"Nothing at {url.path}.", kind="not-found"))
            return
        path = url.path[len(base) :] or "/"
        query = parse_qs(url.query, keep_blank_values=True)
        if path.startswith("/_admin/"):
            self._answer(lambda: self._admin(method, path, body))
            return
        decision = self.server.injector.decide(method, path, feed_page=method == "GET" and path in _FEED_PATHS)
        if decision.delay:
            time.sleep(decision.delay)
        if decision.fault == "offline":
            self._drop()
            return
        if decision.fault in ("500", "503", "429"):
            self._send_problem(_injected(int(decision.fault), self.server.injector.config.retry_after))
            return
        try:
            self._authorize()
            answer = self._api(method, path, query, body, decision)
        except Problem as problem:
            answer = problem
        except Exception:
            log.exception("portal_sim: %s %s failed", method, path)
            answer = Problem(500, "The reference portal failed on this request.")
        if decision.fault == "drop":
            self._drop()
            return
        if isinstance(answer, Problem):
            self._send_problem(answer)
        else:
            self._send(*answer)

    def _answer(self, work: Callable[[], tuple[int, Any, dict[str, str]]]) -> None:
        try:
            self._authorize()
            self._send(*work())
        except Problem as problem:
            self._send_problem(problem)
        except (KeyError, ValueError, TypeError) as error:
            self._send_problem(invalid(str(error)))

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            raise Problem(411, "Send a Content-Length; chunked bodies are not accepted.")
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        if not length.isdigit() or int(length) > MAX_BODY:
            raise Problem(413, "The body is too large.")
        return self.rfile.read(int(length))

    def _authorize(self) -> None:
        header = self.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), self.server.token.encode()):
            raise Problem(
                401,
                "A valid bearer token is required.",
                kind="unauthorized",
                headers={"WWW-Authenticate": 'Bearer realm="portal"'},
            )

    def _drop(self) -> None:
        """Close the connection without a word (the client sees it reset or closed, never an answer)."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _send(
        self, status: int, body: Any, headers: dict[str, str] | None = None, content_type: str = "application/json"
    ) -> None:
        data = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        # Head and body in one write: two small writes on a kept-alive connection wait for a delayed ACK.
        self._headers_buffer.extend((b"\r\n", data))
        self.flush_headers()

    def _send_problem(self, problem: Problem) -> None:
        self._send(problem.status, problem.body(), problem.headers, "application/problem+json")

    def _json(self, body: bytes, *, required: bool = True) -> Any:
        if not body:
            if required:
                raise invalid("A JSON body is required.")
            return {}
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise invalid("The body is not valid JSON.") from None

    # -- the API --------------------------------------------------------------------------------------

    def _api(
        self, method: str, path: str, query: dict[str, list[str]], body: bytes, decision: Decision
    ) -> tuple[int, Any, dict[str, str]]:
        store = self.server.store
        parts = path.strip("/").split("/")
        if path in _FEED_PATHS:
            _allow(method, "GET")
            return self._page(_FEED_PATHS[path], query, decision)
        if len(parts) == 2 and parts[0] == "incidents":
            _allow(method, "GET", "PUT")
            if method == "GET":
                incident = store.get_incident(parts[1])
                return 200, incident, {"ETag": _etag(incident)}
            answer = store.put_incident(
                parts[1], self._json(body), self.headers.get("If-Match"), self.headers.get("If-None-Match")
            )
            headers = {"ETag": _etag(answer.body)}
            if answer.status == 201:
                headers["Location"] = f"{self.server.base_path}/incidents/{answer.body['id']}"
            return _with_replay(answer, headers)
        if len(parts) == 3 and parts[0] == "incidents" and parts[2] == "events":
            _allow(method, "POST")
            answer = store.post_event(parts[1], path, self.headers.get("Idempotency-Key"), self._json(body))
            return _with_replay(answer, {})
        if len(parts) == 2 and parts[0] == "documents":
            _allow(method, "PUT")
            answer = store.put_document(
                parts[1],
                body,
                self.headers.get("Content-Type"),
                self.headers.get("X-Incident-Id"),
                self.headers.get("X-Document-Kind"),
                _filename(self.headers.get("X-Filename")),
            )
            return answer.status, answer.body, {}
        raise Problem(404, f"Nothing at {path}.", kind="not-found")

    def _page(self, feed: str, query: dict[str, list[str]], decision: Decision) -> tuple[int, Any, dict[str, str]]:
        since = query.get("since", [None])[-1]
        if since == "":
            raise invalid("since must not be empty.")
        raw_limit = query.get("limit", [str(DEFAULT_LIMIT)])[-1]
        if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_LIMIT:
            raise invalid(f"limit must be an integer from 1 to {MAX_LIMIT}.")
        page, duplicated = self.server.store.page(
            feed, since, int(raw_limit), duplicate=decision.duplicate, malformed=decision.malformed
        )
        self.server.injector.count_page_faults(duplicated, decision.malformed is not None)
        return 200, page, {}

    # -- admin ----------------------------------------------------------------------------------------

    def _admin(self, method: str, path: str, body: bytes) -> tuple[int, Any, dict[str, str]]:
        server = self.server
        store, injector = server.store, server.injector
        name = path[len("/_admin/") :]
        if name == "state":
            _allow(method, "GET")
            return 200, store.canonical_state(), {}
        if name == "stats":
            _allow(method, "GET")
            return 200, {**store.stats(), **injector.stats()}, {}
        if name == "faults":
            _allow(method, "GET", "POST")
            if method == "GET":
                return 200, injector.describe(), {}
            return 200, injector.update(self._json(body)), {}
        if name == "seed":
            _allow(method, "POST")
            options = self._json(body, required=False)
            summary = seed_portal(
                store,
                seed=int(options.get("seed", 0)),
                incidents=int(options.get("incidents", 0)),
                epoch=date.fromisoformat(options["epoch"]) if options.get("epoch") else server.epoch,
                hotline_db=server.hotline_db,
                directory=bool(options.get("directory", True)),
            )
            return 200, asdict(summary), {}
        if name == "reset":
            _allow(method, "POST")
            store.reset()
            injector.clear()
            return 200, {"reset": True}, {}
        if name.startswith("incidents/"):
            _allow(method, "PATCH")
            try:
                return 200, actions.edit_incident(store, name.split("/", 1)[1], **self._json(body)), {}
            except KeyError:
                raise Problem(404, "No such incident.", kind="not-found") from None
        if name in actions.ACTIONS:
            _allow(method, "POST")
            try:
                return 201, actions.ACTIONS[name](store, **self._json(body)), {}
            except KeyError as missing:
                raise Problem(404, f"Unknown: {missing}.", kind="not-found") from None
        raise Problem(404, f"No admin endpoint {name!r}.", kind="not-found")


def _allow(method: str, *allowed: str) -> None:
    if method not in allowed:
        raise Problem(405, f"{method} is not allowed here.", headers={"Allow": ", ".join(allowed)})


def _filename(header: str | None) -> str | None:
    if not header:
        return None
    try:
        return unquote(header, errors="strict")
    except UnicodeDecodeError:
        raise invalid("X-Filename must be UTF-8, percent-encoded.") from None


def _etag(incident: dict[str, Any]) -> str:
    return f'"{incident["version"]}"'


def _with_replay(answer: Answer, headers: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
    if answer.replayed:
        headers["Idempotent-Replayed"] = "true"
    return answer.status, answer.body, headers


def _injected(status: int, retry_after: int) -> Problem:
    headers = {"Retry-After": str(retry_after)} if status in (429, 503) else {}
    details = {500: "Injected server error.", 503: "Injected unavailability.", 429: "Injected rate limit."}
    return Problem(status, details[status], kind="injected-fault", headers=headers)


class PortalHandle:
    """A reference portal running in a thread on loopback. Use as a context manager, or call ``stop``."""

    def __init__(self, server: PortalServer) -> None:
        self._server = server
        self.store = server.store
        self.injector = server.injector
        self.token = server.token
        self.host, self.port = server.server_address[:2]
        self.base_path = server.base_path
        self.url = f"http://{self.host}:{self.port}{self.base_path}"
        self._thread: threading.Thread | None = None
        self._start()

    def _start(self) -> None:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"portal-sim-{self.port}",
            daemon=True,
        )
        self._thread.start()

    def __enter__(self) -> PortalHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop listening (connections in flight are cut); the data stays in ``store``."""
        if self._thread is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._server.close_connections()
        self._thread.join(timeout=5)
        self._thread = None

    def restart(self) -> None:
        """Listen again on the same port with the same data and faults (after ``stop``, or to cut every
        open connection)."""
        self.stop()
        old = self._server
        self._server = PortalServer(
            (self.host, self.port),
            old.store,
            old.injector,
            old.token,
            old.base_path,
            epoch=old.epoch,
            hotline_db=old.hotline_db,
            verbose=old.verbose,
        )
        self._start()

    @property
    def running(self) -> bool:
        return self._thread is not None

    # -- looking --------------------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """The canonical state (what ``GET /_admin/state`` answers)."""
        return self.store.canonical_state()

    def stats(self) -> dict[str, Any]:
        """Feed lengths, counts, injected records, requests served and faults injected by kind."""
        return {**self.store.stats(), **self.injector.stats()}

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        return self.store.incident(incident_id)

    # -- faults ---------------------------------------------------------------------------------------

    def set_faults(self, **changes: Any) -> dict[str, Any]:
        """Change fault settings (see ``faults.py``); answers the whole configuration."""
        return self.injector.update(changes)

    def clear_faults(self) -> dict[str, Any]:
        return self.injector.clear()

    # -- what happens on the portal -------------------------------------------------------------------

    def seed(self, incidents: int = 0, *, seed: int = 0, directory: bool = True) -> dict[str, int]:
        summary = seed_portal(
            self.store,
            seed=seed,
            incidents=incidents,
            epoch=self._server.epoch,
            hotline_db=self._server.hotline_db,
            directory=directory,
        )
        return asdict(summary)

    def reset(self) -> None:
        self.store.reset()
        self.injector.clear()

    def add_portal_incident(self, **fields: Any) -> dict[str, Any]:
        return actions.add_portal_incident(self.store, **fields)

    def edit_incident(self, incident_id: str, **changes: Any) -> dict[str, Any]:
        return actions.edit_incident(self.store, incident_id, **changes)

    def add_comment(
        self, incident_id: str, text: str = "Nous avons toujours le problème.", **fields: Any
    ) -> dict[str, Any]:
        return actions.add_comment(self.store, incident_id, text, **fields)

    def add_consent(
        self, incident_id: str, telemaintenance_reference: str, decision: str = "accepted", **fields: Any
    ) -> dict[str, Any]:
        return actions.add_consent(self.store, incident_id, telemaintenance_reference, decision, **fields)

    def add_restoration_request(self, client_code: str | None = None, **fields: Any) -> dict[str, Any]:
        return actions.add_restoration_request(self.store, client_code, **fields)

    def add_client(self, code: str, name: str, **fields: Any) -> dict[str, Any]:
        return actions.add_client(self.store, code, name, **fields)

    def add_contact(self, client_code: str, last_name: str, **fields: Any) -> dict[str, Any]:
        return actions.add_contact(self.store, client_code, last_name, **fields)

    def add_rtc_notice(self, client_code: str, contact_id: str, **fields: Any) -> dict[str, Any]:
        return actions.add_rtc_notice(self.store, client_code, contact_id, **fields)

    def add_malformed(self, kind: str = "missing_field", feed: str = "changes", **fields: Any) -> dict[str, Any]:
        return actions.add_malformed(self.store, kind, feed, **fields)


def make_server(
    port: int = 0,
    *,
    host: str = "127.0.0.1",
    token: str | None = None,
    base_path: str = DEFAULT_BASE_PATH,
    seed: int = 0,
    seed_incidents: int = 0,
    directory: bool = True,
    hotline_db: str | Path | None = None,
    state_file: str | Path | None = None,
    epoch: date | None = None,
    verbose: bool = False,
    **faults: Any,
) -> PortalServer:
    """A reference portal server, seeded when its store starts empty, not yet serving."""
    store = PortalStore(Path(state_file) if state_file else None)
    injector = FaultInjector(seed)
    if faults:
        injector.update(faults)
    db = Path(hotline_db) if hotline_db else None
    if db is not None and not db.is_file():
        raise FileNotFoundError(f"no Hotline database at {db}")
    fresh = not store.clients and not store.incidents and not any(store.feeds.values())
    if fresh and (directory or seed_incidents):
        seed_portal(store, seed=seed, incidents=seed_incidents, epoch=epoch, hotline_db=db, directory=directory)
    return PortalServer(
        (host, port),
        store,
        injector,
        token or secrets.token_urlsafe(18),
        base_path,
        epoch=epoch,
        hotline_db=db,
        verbose=verbose,
    )


def start_portal(port: int = 0, **options: Any) -> PortalHandle:
    """Start a reference portal in a thread on 127.0.0.1 (``port=0``: an ephemeral port).

    Options: ``token`` (random by default), ``base_path`` (``/api/sync/v1``), ``seed``, ``seed_incidents``,
    ``directory`` (seed the client directory, default true), ``hotline_db`` (read clients and contacts
    from that Hotline SQLite file), ``state_file``, ``epoch`` (the day seeded data is dated from),
    ``verbose``, and any fault setting of ``FaultConfig`` or ``fault_rate``.
    """
    return PortalHandle(make_server(port, **options))
