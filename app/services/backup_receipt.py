"""Reception reports of backups (R-24): scanning a received directory, the vendor's key, issuing the PDF
and checking a report against a directory.

Files are read in 1 MiB chunks into one reused buffer, so memory stays flat whatever their size; only the
list of entries (path, size, date, digest) grows with the number of files.

The key is an HMAC with a secret kept in the operating system's keyring (never in the database, a file
or the PDF). Every workstation of a team must hold the same secret to check each other's reports
(``hotline backup key set``). Without a keyring backend the secret is asked for and kept for the session.
"""

from __future__ import annotations

import hashlib
import os
import secrets as token_source
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app import secrets
from app.db.models.contracts import BackupReceipt
from app.domain.backup_receipt import (
    Difference,
    FileEntry,
    Receipt,
    ReceiptError,
    authentication_key,
    compare,
    key_matches,
    parse_canonical,
    utc_seconds,
)
from app.domain.vocabulary import DocumentKind
from app.reports.loaders import client_info, load_vendor
from app.reports.receipt import ReceiptData, build_receipt, embedded_report
from app.services import audit
from app.services.backup import backup_state, client_by_code
from app.services.documents import issue_document
from app.services.incidents import Actor

SECRET_NAME = "backup-receipt-key"
CHUNK = 1 << 20


class ReceiptSecretMissing(ReceiptError):
    """No vendor key on this workstation (and none can be kept in a keyring)."""


def vendor_secret(*, create: bool) -> bytes:
    """The vendor's key. On first use with a keyring, a random one is made and stored there."""
    value = secrets.get_secret(SECRET_NAME)
    if value:
        return value.encode("utf-8")
    if create and secrets.keyring_available():
        value = token_source.token_hex(32)
        secrets.set_secret(SECRET_NAME, value)
        return value.encode("utf-8")
    if not secrets.keyring_available():
        raise ReceiptSecretMissing(
            "Aucun trousseau système sur ce poste : la clé des rapports de réception n'y est pas conservée. "
            "Donnez-la pour cette commande (invite sur un terminal, ou --key-stdin) ; elle n'est jamais écrite "
            "sur le disque."
        )
    raise ReceiptSecretMissing(
        "Aucune clé des rapports de réception sur ce poste : copiez celle du poste qui a émis le rapport "
        "(« hotline backup key set »)."
    )


def set_vendor_secret(value: str, *, session_only: bool = False) -> bool:
    """Store the vendor's key; True when it went to the keyring, False when kept for this session only."""
    value = value.strip()
    if len(value) < 32:
        raise ReceiptError("Clé trop courte : au moins 32 caractères (par exemple 64 chiffres hexadécimaux).")
    if session_only:
        secrets.remember_for_session(SECRET_NAME, value)
        return False
    return secrets.set_secret(SECRET_NAME, value)


# --- scanning ---------------------------------------------------------------------------------------------


def _digest(path: Path, buffer: bytearray) -> str:
    digest = hashlib.sha256()
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as handle:
        while count := handle.readinto(buffer):
            digest.update(view[:count])
    return digest.hexdigest()


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


def scan_directory(root: Path) -> tuple[FileEntry, ...]:
    """Every regular file under ``root`` (symbolic links are not followed), with its SHA-256."""
    if not root.is_dir():
        raise ReceiptError(f"Dossier introuvable : {root}")
    buffer = bytearray(CHUNK)
    entries = []
    for path in _walk(root):
        info = path.stat()
        modified = utc_seconds(datetime.fromtimestamp(info.st_mtime, UTC))
        entries.append(FileEntry(path.relative_to(root).as_posix(), info.st_size, modified, _digest(path, buffer)))
    return tuple(sorted(entries))


# --- issuing and checking --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedReceipt:
    receipt: Receipt
    key: str
    pdf: bytes
    document_id: str | None


def issue_receipt(
    session: Session, actor: Actor, client_code: str, root: Path, received_at: datetime | None = None
) -> IssuedReceipt:
    """Scan ``root``, compute the key, build the PDF, keep it in the documents registry and record the
    reception (the five newest are the versions kept, the newest one's size the stored volume)."""
    client = client_by_code(session, client_code)
    files = scan_directory(root)
    if not files:
        raise ReceiptError(f"Aucun fichier dans {root} : rien à décrire.")
    when = utc_seconds(received_at or datetime.now(UTC))
    receipt = Receipt(client.code, when, files)
    key = authentication_key(receipt, vendor_secret(create=True))
    quota = backup_state(session, client.code, when.date()).storage.quota_bytes
    pdf = build_receipt(ReceiptData(load_vendor(session), client_info(client), receipt, key, quota))
    document = issue_document(
        session,
        DocumentKind.RECEPTION_REPORT,
        pdf,
        None,
        client.id,
        actor,
        f"Rapport de réception de sauvegarde du {when:%d/%m/%Y}",
        f"reception-{client.code}-{when:%Y%m%d-%H%M%S}.pdf",
    )
    session.add(
        BackupReceipt(
            client_id=client.id,
            received_at=when,
            file_count=len(files),
            total_bytes=receipt.total_bytes,
            report_key=key,
            document_id=document.id,
            recorded_by=actor.name,
        )
    )
    audit.append(
        session,
        kind="backup_received",
        subject=client.code,
        payload={"files": len(files), "bytes": receipt.total_bytes, "key": key, "received_at": when.isoformat()},
        actor=actor.name,
        station=actor.station,
    )
    session.flush()
    return IssuedReceipt(receipt, key, pdf, str(document.id))


@dataclass(frozen=True)
class Verification:
    receipt: Receipt
    authentic: bool
    differences: tuple[Difference, ...]

    @property
    def ok(self) -> bool:
        return self.authentic and not self.differences


def verify_receipt(pdf: bytes, root: Path) -> Verification:
    """Is the report authentic (its key matches the vendor's key), and does ``root`` still hold exactly
    the files it lists? Differences name each changed, renamed, missing or extra file."""
    text, key = embedded_report(pdf)
    receipt = parse_canonical(text)
    authentic = key_matches(receipt, vendor_secret(create=False), key)
    found = scan_directory(root)
    return Verification(receipt, authentic, tuple(compare(receipt.files, found)))
