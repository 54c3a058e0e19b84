"""The reception report of a backup (R-24, art. 7.2): each file's name, last-modified date, size and
SHA-256, and an authentication key over the whole report.

The key is an HMAC-SHA256, with a secret only the vendor holds, over the report's **canonical text**:
one header line per field and one line per file, sorted by path, every value in a fixed, unambiguous
form (UTC seconds, JSON-quoted paths). Changing a byte of a file changes its SHA-256, renaming it changes
its path, removing it removes a line: each changes the canonical text, hence the key. The canonical text
travels inside the PDF, so a report can be checked against a directory later.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

FORMAT = "HOTLINE-RECEIPT-1"


class ReceiptError(ValueError):
    """A report that cannot be read or checked; the message is French."""


@dataclass(frozen=True, order=True)
class FileEntry:
    path: str  # relative to the backup directory, with '/' separators
    size: int
    modified: datetime  # UTC, whole seconds
    sha256: str


@dataclass(frozen=True)
class Receipt:
    client_code: str
    received_at: datetime  # UTC, whole seconds
    files: tuple[FileEntry, ...]

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)


def utc_seconds(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(microsecond=0)


def _stamp(value: datetime) -> str:
    return utc_seconds(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical_text(receipt: Receipt) -> str:
    lines = [
        FORMAT,
        f"client {json.dumps(receipt.client_code, ensure_ascii=False)}",
        f"received {_stamp(receipt.received_at)}",
        f"files {len(receipt.files)}",
        f"bytes {receipt.total_bytes}",
    ]
    for entry in sorted(receipt.files):
        path = json.dumps(entry.path, ensure_ascii=False)
        lines.append(f"{entry.sha256} {entry.size} {_stamp(entry.modified)} {path}")
    return "\n".join(lines) + "\n"


def authentication_key(receipt: Receipt, secret: bytes) -> str:
    """HMAC-SHA256 of the canonical text, as 64 hex digits."""
    return hmac.new(secret, canonical_text(receipt).encode("utf-8"), hashlib.sha256).hexdigest()


def key_matches(receipt: Receipt, secret: bytes, key: str) -> bool:
    return hmac.compare_digest(authentication_key(receipt, secret), key.strip().lower())


def grouped_key(key: str) -> str:
    """The key printed in groups of eight, easier to read out and compare."""
    return " ".join(key[i : i + 8] for i in range(0, len(key), 8)).upper()


def parse_canonical(text: str) -> Receipt:
    """The receipt back from its canonical text (as embedded in the PDF)."""
    try:
        lines = text.rstrip("\n").split("\n")
        if lines[0] != FORMAT:
            raise ReceiptError("Rapport de réception d'un format inconnu.")
        client = json.loads(lines[1].removeprefix("client "))
        received = datetime.strptime(lines[2].removeprefix("received "), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        count = int(lines[3].removeprefix("files "))
        files = []
        for line in lines[5:]:
            digest, size, stamp, path = line.split(" ", 3)
            when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            files.append(FileEntry(json.loads(path), int(size), when, digest))
    except (IndexError, ValueError) as exc:
        if isinstance(exc, ReceiptError):
            raise
        raise ReceiptError("Rapport de réception illisible : son contenu a été altéré.") from exc
    if count != len(files):
        raise ReceiptError("Rapport de réception incomplet : le nombre de fichiers ne correspond pas.")
    return Receipt(client, received, tuple(files))


def pack(text: str) -> str:
    """The canonical text compressed and base64-encoded, to ride in the PDF's metadata."""
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")


def unpack(blob: str) -> str:
    try:
        return zlib.decompress(base64.b64decode(blob, validate=True)).decode("utf-8")
    except (ValueError, zlib.error) as exc:
        raise ReceiptError("Rapport de réception illisible : son contenu a été altéré.") from exc


@dataclass(frozen=True)
class Difference:
    kind: str  # changed, missing, added, renamed
    path: str
    detail: str = ""

    def describe(self) -> str:
        text = {
            "changed": f"modifié : {self.path}",
            "missing": f"absent : {self.path}",
            "added": f"en trop (absent du rapport) : {self.path}",
            "renamed": f"renommé : {self.path} → {self.detail}",
        }[self.kind]
        return text if self.kind == "renamed" or not self.detail else f"{text} ({self.detail})"


def compare(reported: Sequence[FileEntry], found: Sequence[FileEntry]) -> list[Difference]:
    """What differs between the files a report lists and the files found now, by path and content.

    A file missing under its reported name whose content (SHA-256 and size) turns up under a new name is
    reported as renamed. A different last-modified date alone is a change too (the report vouches for it).
    """
    by_path = {f.path: f for f in found}
    reported_paths = {f.path for f in reported}
    extra = {f.path: f for f in found if f.path not in reported_paths}
    differences: list[Difference] = []
    for entry in sorted(reported):
        now = by_path.get(entry.path)
        if now is None:
            twin = next((p for p, f in extra.items() if (f.sha256, f.size) == (entry.sha256, entry.size)), None)
            if twin is not None:
                extra.pop(twin)
                differences.append(Difference("renamed", entry.path, twin))
            else:
                differences.append(Difference("missing", entry.path))
        elif (now.sha256, now.size) != (entry.sha256, entry.size):
            differences.append(Difference("changed", entry.path, "contenu différent"))
        elif utc_seconds(now.modified) != utc_seconds(entry.modified):
            differences.append(Difference("changed", entry.path, "date de modification différente"))
    differences += [Difference("added", path) for path in sorted(extra)]
    return differences
