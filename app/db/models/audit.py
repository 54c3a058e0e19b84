"""The hash-chained audit log (R-18, R-30) and its head, the lock every writer takes first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UTCDateTime


class AuditEntry(Base):
    """One audited fact. Append-only: the database refuses UPDATE and DELETE (triggers made by the
    migration), and ``row_hash`` chains it to the previous row (see ``app.domain.audit_chain``)."""

    __tablename__ = "audit_entries"

    # The position in the chain: 1…n without gaps, so it is the key (audit rows are never synced).
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(120))
    station: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """A single row (id 1) holding the last seq and hash. Writers lock it before reading the chain's end,
    so two of them can never both extend the same row; verification also checks the chain ends here."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
