"""Fault injection for the reference portal, deterministic for a given seed and order of requests.

Each API request (never an admin one) draws the same number of values from one seeded generator, whatever
the settings, and the faults are decided from them:

- ``offline``: the connection is closed at once, nothing applied, nothing answered;
- ``rate_500`` / ``rate_503`` / ``rate_429``: answered with that status (a problem document; 503 and 429
  carry ``Retry-After: retry_after``) before anything is applied; the three rates share one draw, so
  their sum is the chance that a request fails this way;
- ``drop_rate`` (same draw, after the three): the request is handled in full (a write is applied), then
  the connection is closed without an answer;
- ``latency_ms`` + up to ``latency_jitter_ms``: a delay before handling;
- feed pages only: ``duplicate_rate`` repeats in the page one record delivered before ``since``;
  ``malformed_rate`` first appends a malformed record (see ``malformed.py``) to the feed.

``script`` forces faults on the next matching requests, in order, before any draw decides: each entry is
a fault name (``"500"``, ``"503"``, ``"429"``, ``"drop"``, ``"offline"``, ``"duplicate"``, ``"malformed"``,
``"ok"``) or ``{"fault": name, "method": "PUT", "path": "/incidents/"}`` (method and path prefix optional).
"""

from __future__ import annotations

import random
import threading
import uuid
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from tests.portal_sim.malformed import MALFORMED_KINDS
from tests.portal_sim.store import Duplicate

REQUEST_FAULTS = ("500", "503", "429", "drop", "offline")
PAGE_FAULTS = ("duplicate", "malformed")
SCRIPT_FAULTS = (*REQUEST_FAULTS, *PAGE_FAULTS, "ok")


@dataclass
class FaultConfig:
    rate_500: float = 0.0
    rate_503: float = 0.0
    rate_429: float = 0.0
    retry_after: int = 1
    drop_rate: float = 0.0
    latency_ms: int = 0
    latency_jitter_ms: int = 0
    duplicate_rate: float = 0.0
    malformed_rate: float = 0.0
    offline: bool = False
    script: list[Any] = field(default_factory=list)

    def check(self) -> None:
        for name in ("rate_500", "rate_503", "rate_429", "drop_rate", "duplicate_rate", "malformed_rate"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ValueError(f"{name} must be a number from 0 to 1, not {value!r}")
        if self.rate_500 + self.rate_503 + self.rate_429 + self.drop_rate > 1:
            raise ValueError("rate_500 + rate_503 + rate_429 + drop_rate must not exceed 1")
        for name in ("retry_after", "latency_ms", "latency_jitter_ms"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a non-negative integer, not {value!r}")
        if not isinstance(self.offline, bool):
            raise ValueError("offline must be true or false")
        if not isinstance(self.script, list):
            raise ValueError("script must be a list")
        for entry in self.script:
            name = entry.get("fault") if isinstance(entry, dict) else entry
            if name not in SCRIPT_FAULTS:
                raise ValueError(f"unknown scripted fault {entry!r} (choose from {', '.join(SCRIPT_FAULTS)})")


def spread_fault_rate(rate: float) -> dict[str, float]:
    """``fault_rate`` R: a request fails with chance R, a third each as 500, 429 and drop after apply;
    a feed page gets a duplicate with chance R/3 and a malformed record with chance R/3."""
    share = rate / 3
    return {"rate_500": share, "rate_429": share, "drop_rate": share, "duplicate_rate": share, "malformed_rate": share}


@dataclass(frozen=True)
class Decision:
    delay: float = 0.0
    fault: str | None = None  # one of REQUEST_FAULTS
    duplicate: Duplicate | None = None
    malformed: tuple[str, str] | None = None  # (kind, record id)


class FaultInjector:
    """Decides the faults of each request and counts the ones injected."""

    def __init__(self, seed: int = 0, config: FaultConfig | None = None) -> None:
        self.lock = threading.Lock()
        self.seed = seed
        self.rng = random.Random(f"portal-sim-faults:{seed}")
        self.config = config or FaultConfig()
        self.config.check()
        self.counts: dict[str, int] = dict.fromkeys((*REQUEST_FAULTS, *PAGE_FAULTS), 0)
        self.requests = 0

    def update(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Change some settings (``fault_rate`` spreads over the kinds; ``seed`` restarts the draws)."""
        changes = dict(changes)
        with self.lock:
            if "fault_rate" in changes:
                rate = changes.pop("fault_rate")
                if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
                    raise ValueError(f"fault_rate must be a number from 0 to 1, not {rate!r}")
                changes = {**spread_fault_rate(rate), **changes}
            if "seed" in changes:
                self.seed = int(changes.pop("seed"))
                self.rng = random.Random(f"portal-sim-faults:{self.seed}")
            known = {f.name for f in fields(FaultConfig)}
            unknown = sorted(set(changes) - known)
            if unknown:
                raise ValueError(f"unknown fault settings: {', '.join(unknown)}")
            candidate = FaultConfig(**{**asdict(self.config), **changes})
            candidate.check()
            self.config = candidate
            return self.describe()

    def clear(self) -> dict[str, Any]:
        with self.lock:
            self.config = FaultConfig()
            return self.describe()

    def describe(self) -> dict[str, Any]:
        return {**asdict(self.config), "seed": self.seed}

    def stats(self) -> dict[str, Any]:
        with self.lock:
            return {"requests": self.requests, "faults": dict(self.counts)}

    def _scripted(self, method: str, path: str) -> str | None:
        for index, entry in enumerate(self.config.script):
            if isinstance(entry, dict):
                if entry.get("method", method).upper() != method or not path.startswith(entry.get("path", "")):
                    continue
                name = entry["fault"]
            else:
                name = entry
            del self.config.script[index]
            return name
        return None

    def decide(self, method: str, path: str, *, feed_page: bool) -> Decision:
        with self.lock:
            self.requests += 1
            draws = [self.rng.random() for _ in range(6)]
            record_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
            c = self.config
            delay = (c.latency_ms + draws[1] * c.latency_jitter_ms) / 1000
            scripted = self._scripted(method, path)
            fault: str | None = None
            duplicate = malformed = None
            if c.offline:
                fault = "offline"
            elif scripted is not None:
                fault = scripted if scripted in REQUEST_FAULTS else None
            else:
                edges = (("500", c.rate_500), ("503", c.rate_503), ("429", c.rate_429), ("drop", c.drop_rate))
                bound = 0.0
                for name, rate in edges:
                    bound += rate
                    if draws[0] < bound:
                        fault = name
                        break
            if feed_page and fault not in ("500", "503", "429", "offline"):
                if scripted == "duplicate" or (scripted is None and draws[2] < c.duplicate_rate):
                    duplicate = Duplicate(pick=draws[3], position=draws[4])
                if scripted == "malformed" or (scripted is None and draws[5] < c.malformed_rate):
                    malformed = (MALFORMED_KINDS[int(draws[5] * 1e6) % len(MALFORMED_KINDS)], record_id)
            if fault:
                self.counts[fault] += 1
            return Decision(delay=delay, fault=fault, duplicate=duplicate, malformed=malformed)

    def count_page_faults(self, duplicated: bool, malformed: bool) -> None:
        with self.lock:
            self.counts["duplicate"] += int(duplicated)
            self.counts["malformed"] += int(malformed)
