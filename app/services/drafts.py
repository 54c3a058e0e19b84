"""The intake form in progress, kept on disk so that a crash or a restart never loses a call (issue 4).

One draft per station, as a small JSON file under ``<data>/drafts``. Writes are atomic (a temporary
file in the same folder, then ``os.replace``): a crash while saving leaves the previous draft whole,
never half a file. Nothing here imports Qt; the intake screen decides when to save.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from app.config import Paths
from app.files import write_atomically

log = logging.getLogger("hotline.drafts")

DRAFTS_FOLDER = "drafts"
_FORMAT = 1
# A station code is already restricted, but the file name must stay safe whatever it holds.
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class IntakeDraft:
    """What the technician had typed on the intake screen, field by field (identifiers, not labels)."""

    client_id: str = ""
    client_code: str = ""
    client_name: str = ""
    product_code: str = ""
    peripheral: str = ""
    caller: str = ""
    contact_id: str = ""
    title: str = ""
    description: str = ""
    channel: str = "phone"
    origin: str = ""
    priority: int = 3
    search_text: str = ""
    saved_at: str = ""

    @property
    def is_empty(self) -> bool:
        """Nothing worth offering back: no client picked and nothing typed."""
        typed = (self.client_id, self.peripheral, self.caller, self.title, self.description, self.search_text)
        return not any(value.strip() for value in typed)

    def to_json(self) -> str:
        """The draft as the JSON document stored on disk."""
        return json.dumps({"format": _FORMAT, **asdict(self)}, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> IntakeDraft:
        """Read a stored draft; unknown keys (a newer version) are ignored, missing ones take defaults.

        Raises ValueError when the text is not a draft at all.
        """
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a draft")
        known = {f.name: f for f in fields(cls)}
        values: dict[str, object] = {}
        for name, value in data.items():
            if name not in known:
                continue
            if name == "priority":
                values[name] = int(value) if isinstance(value, int | str) and str(value).isdigit() else 3
            elif isinstance(value, str):
                values[name] = value
        return cls(**values)  # type: ignore[arg-type]


def draft_path(paths: Paths, station: str | None) -> Path:
    """Where this station's draft lives."""
    name = _UNSAFE.sub("_", station or "") or "default"
    return paths.data / DRAFTS_FOLDER / f"intake-{name}.json"


def save_draft(paths: Paths, station: str | None, draft: IntakeDraft) -> Path:
    """Write the draft atomically, replacing the previous one; an empty draft removes it instead."""
    target = draft_path(paths, station)
    if draft.is_empty:
        discard_draft(paths, station)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    stamped = IntakeDraft(**{**asdict(draft), "saved_at": datetime.now(UTC).isoformat(timespec="seconds")})
    # The draft exists for the crash case: it is on disk (synced) before it replaces the old one.
    write_atomically(target, stamped.to_json(), prefix=".intake-")
    return target


def load_draft(paths: Paths, station: str | None) -> IntakeDraft | None:
    """The station's draft, or None when there is none (or it is unreadable: it is then set aside)."""
    target = draft_path(paths, station)
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        log.warning("intake draft could not be read", exc_info=True)
        return None
    try:
        draft = IntakeDraft.from_json(text)
    except (ValueError, TypeError):
        # Keep the bytes for a human to look at, but never offer garbage back to the technician.
        log.warning("intake draft is corrupt; renamed aside")
        target.replace(target.with_suffix(".corrupt"))
        return None
    return None if draft.is_empty else draft


def discard_draft(paths: Paths, station: str | None) -> None:
    """Forget the station's draft (the incident was saved or the call cancelled)."""
    draft_path(paths, station).unlink(missing_ok=True)
