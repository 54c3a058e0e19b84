"""Secrets (database password, portal token) in the OS keyring, and nowhere else (R-30).

On a machine without a usable keyring backend, secrets are kept in memory for this session only and
the user is asked again next time; nothing is ever written in clear to disk.
"""

from __future__ import annotations

import contextlib
import logging
from types import ModuleType

SERVICE = "hotline"
log = logging.getLogger(__name__)

_session_store: dict[str, str] = {}


def _keyring() -> ModuleType:
    """The keyring package, imported when a secret is first needed (it costs ~80 ms at start-up, and a
    solo workstation opening its SQLite file needs no secret at all)."""
    import keyring
    import keyring.errors

    return keyring


def keyring_available() -> bool:
    """True when the active keyring backend can really store secrets (not the 'fail' or null one)."""
    backend = _keyring().get_keyring()
    priority = getattr(backend, "priority", 0)
    try:
        return float(priority) > 0
    except (TypeError, ValueError):
        return False


def backend_name() -> str:
    backend = _keyring().get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def get_secret(name: str) -> str | None:
    if name in _session_store:
        return _session_store[name]
    if not keyring_available():
        return None
    keyring = _keyring()
    try:
        return keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:
        log.warning("keyring read failed for %s: %s", name, type(exc).__name__)
        return None


def set_secret(name: str, value: str) -> bool:
    """Store a secret. Returns True when it went to the OS keyring, False when it is kept in memory
    only (no keyring backend), in which case the caller should tell the user it will be asked again."""
    if keyring_available():
        keyring = _keyring()
        try:
            keyring.set_password(SERVICE, name, value)
            _session_store.pop(name, None)
            return True
        except keyring.errors.KeyringError as exc:
            log.warning("keyring write failed for %s: %s", name, type(exc).__name__)
    _session_store[name] = value
    return False


def remember_for_session(name: str, value: str) -> None:
    """Keep a secret typed by the user in memory only, for this run of the app."""
    _session_store[name] = value


def delete_secret(name: str) -> None:
    _session_store.pop(name, None)
    if keyring_available():
        keyring = _keyring()
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(SERVICE, name)


def database_secret_name(user: str | None, host: str | None, database: str | None) -> str:
    return f"db:{user or ''}@{host or ''}/{database or ''}"


def forget_session_secrets() -> None:
    _session_store.clear()
