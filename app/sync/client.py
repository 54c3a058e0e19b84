"""The portal's sync API over HTTP (``app/sync/portal_api.yaml``): one ``requests.Session``, timeouts on
every call, TLS verification on, retries with exponential backoff and full jitter that honour
``Retry-After``.

Every write the engine makes is idempotent (expected version, idempotency key, digest), so retrying a
call whose answer was lost is always safe. The token is set once on the session's headers and never
logged: log lines carry the method, the path and the status only.
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from app import secrets

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

TOKEN_SECRET = "portal-token"
TOKEN_ENV = "HOTLINE_PORTAL_TOKEN"
CONNECT_TIMEOUT, READ_TIMEOUT = 5.0, 30.0
MAX_PAGE = 500


class PortalError(Exception):
    """A call the portal refused or could not answer; ``transient`` says whether trying later may help."""

    def __init__(self, message: str, status: int | None = None, transient: bool = False, body: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.transient = transient
        self.body = body


class PortalUnreachable(PortalError):
    """No answer at all (connection refused or dropped, timeout, DNS): the hotline is offline."""

    def __init__(self, message: str) -> None:
        super().__init__(message, None, True)


class VersionConflict(PortalError):
    """412: the incident's version moved on the portal; ``current`` is the portal's incident, if sent."""

    def __init__(self, message: str, current: dict[str, Any] | None) -> None:
        super().__init__(message, 412, False, current)
        self.current = current


@dataclass(frozen=True)
class Page:
    changes: list[dict[str, Any]]
    next_cursor: str
    has_more: bool


@dataclass(frozen=True)
class Sent:
    """The answer to a write: its status, its JSON body, and whether the portal replayed a first answer."""

    status: int
    body: dict[str, Any]
    version: int | None = None
    replayed: bool = False


def portal_token() -> str | None:
    """The token for unattended use (environment) or from the OS keyring; None when neither has one."""
    return os.environ.get(TOKEN_ENV) or secrets.get_secret(TOKEN_SECRET)


def _etag_version(value: str | None) -> int | None:
    if not value:
        return None
    text = value.strip()
    if text.startswith("W/"):
        text = text[2:]
    try:
        return int(text.strip('"'))
    except ValueError:
        return None


@dataclass
class RetryPolicy:
    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    # Waiting longer than this for a Retry-After is left to the next sync cycle.
    max_retry_after: float = 60.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Full jitter: a random wait up to the exponential bound (attempt 1 → base)."""
        return rng.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))


class PortalClient:
    """The calls of the sync API. Raises PortalUnreachable, VersionConflict or PortalError."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        verify: bool | str = True,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"Adresse du portail invalide : « {base_url} » (http(s)://hôte/chemin attendu).")
        if not token:
            raise ValueError("Aucun jeton d'accès au portail : « hotline portal login » d'abord.")
        self.base_url = base_url.rstrip("/")
        self.policy = policy or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()
        # Imported by the first client (a sync cycle, on its worker thread): the app starts without it.
        import requests

        self.session = requests.Session()
        self.session.verify = verify
        self.session.headers.update(
            {"Authorization": f"Bearer {token}", "Accept": "application/json", "User-Agent": "Hotline-sync/1"}
        )

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transport ----------------------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        ok: tuple[int, ...] = (200,),
    ) -> requests.Response:
        import requests  # already imported by __init__

        url = f"{self.base_url}{path}"
        last: PortalError | None = None
        for attempt in range(1, self.policy.attempts + 1):
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    json=json_body,
                    data=data,
                    headers=dict(headers or {}),
                    timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
                )
            except requests.exceptions.SSLError as exc:
                # A certificate problem does not go away by retrying; say so plainly.
                raise PortalError(f"certificat du portail refusé ({type(exc).__name__})") from exc
            except (requests.ConnectionError, requests.Timeout) as exc:
                log.info("portal %s %s: no answer (%s), attempt %d", method, path, type(exc).__name__, attempt)
                last = PortalUnreachable(f"portail injoignable ({type(exc).__name__})")
                if attempt < self.policy.attempts:
                    self._sleep(self.policy.delay(attempt, self._rng))
                continue
            log.info("portal %s %s -> %d", method, path, response.status_code)
            if response.status_code in ok:
                return response
            if response.status_code in (429, 502, 503, 504) or response.status_code >= 500:
                wait = self._retry_after(response)
                last = PortalError(
                    f"portail indisponible (HTTP {response.status_code})", response.status_code, True, _body(response)
                )
                if attempt < self.policy.attempts and (wait is None or wait <= self.policy.max_retry_after):
                    self._sleep(wait if wait is not None else self.policy.delay(attempt, self._rng))
                    continue
                raise last
            raise self._refusal(response)
        assert last is not None
        raise last

    @staticmethod
    def _retry_after(response: requests.Response) -> float | None:
        value = response.headers.get("Retry-After")
        if value is None:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            return None

    @staticmethod
    def _refusal(response: requests.Response) -> PortalError:
        body = _body(response)
        detail = body.get("detail") or body.get("title") if isinstance(body, dict) else None
        if response.status_code == 412:
            current = body.get("current") if isinstance(body, dict) else None
            return VersionConflict(f"version modifiée sur le portail ({detail or 'HTTP 412'})", current)
        if response.status_code == 401:
            return PortalError("jeton d'accès au portail refusé (HTTP 401) : « hotline portal login »", 401)
        return PortalError(
            f"refus du portail (HTTP {response.status_code}) : {detail or 'sans détail'}",
            response.status_code,
            False,
            body,
        )

    # --- calls --------------------------------------------------------------------------------------------

    def changes(self, since: str | None, limit: int = MAX_PAGE, feed: str = "incidents") -> Page:
        """One page of a change feed (``incidents`` or ``directory``)."""
        path = "/changes" if feed == "incidents" else "/directory/changes"
        params: dict[str, Any] = {"limit": max(1, min(MAX_PAGE, limit))}
        if since:
            params["since"] = since
        body = self._call("GET", path, params=params).json()
        if not isinstance(body, dict) or not isinstance(body.get("changes"), list):
            raise PortalError("réponse du portail illisible (flux de modifications)", 200, True)
        return Page(body["changes"], str(body.get("next_cursor") or since or ""), bool(body.get("has_more")))

    def get_incident(self, incident_id: str) -> Sent | None:
        try:
            response = self._call("GET", f"/incidents/{quote(incident_id)}", ok=(200,))
        except PortalError as exc:
            if exc.status == 404:
                return None
            raise
        return Sent(response.status_code, response.json(), _etag_version(response.headers.get("ETag")))

    def put_incident(self, incident_id: str, body: dict[str, Any], expected_version: int | None) -> Sent:
        """Create (no expected version) or update at ``expected_version``; VersionConflict on 412."""
        headers = {"If-None-Match": "*"} if expected_version is None else {"If-Match": f'"{expected_version}"'}
        response = self._call("PUT", f"/incidents/{quote(incident_id)}", json_body=body, headers=headers, ok=(200, 201))
        data = response.json()
        version = _etag_version(response.headers.get("ETag"))
        if version is None and isinstance(data, dict) and isinstance(data.get("version"), int):
            version = data["version"]
        return Sent(response.status_code, data, version)

    def post_event(self, incident_id: str, idempotency_key: str, body: dict[str, Any]) -> Sent:
        response = self._call(
            "POST",
            f"/incidents/{quote(incident_id)}/events",
            json_body=body,
            headers={"Idempotency-Key": idempotency_key},
            ok=(200, 201),
        )
        replayed = response.headers.get("Idempotent-Replayed", "").lower() == "true"
        return Sent(response.status_code, response.json(), None, replayed)

    def put_document(self, sha256: str, pdf: bytes, *, incident_id: str, kind: str, filename: str) -> Sent:
        response = self._call(
            "PUT",
            f"/documents/{sha256}",
            data=pdf,
            headers={
                "Content-Type": "application/pdf",
                "X-Incident-Id": incident_id,
                "X-Document-Kind": kind,
                "X-Filename": quote(filename),
            },
            ok=(200, 201),
        )
        return Sent(response.status_code, response.json() if response.content else {})


def _body(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return {"detail": response.text[:200]}


__all__ = [
    "Page",
    "PortalClient",
    "PortalError",
    "PortalUnreachable",
    "RetryPolicy",
    "Sent",
    "VersionConflict",
    "portal_token",
]
