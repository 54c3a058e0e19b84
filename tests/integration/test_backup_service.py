"""The backup service (R-22 to R-25): assistance minutes against 90, stored volume, kept versions,
written restoration requests from an RTC only, and the reception report's key (R-24)."""

from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.db.models import CallLog, Contract, Incident
from app.domain.vocabulary import Channel, ServiceKind
from app.services import backup, backup_receipt
from app.services.coverage import check_coverage
from app.services.incidents import Actor
from tests.integration.incident_fixtures import OPEN_HOUR, build_world

ACTOR = Actor(None, "Paul Technicien", "NCY")


@pytest.fixture
def world(sessions):
    with sessions.begin() as session:
        return build_world(session)


def _calls(session, client, minutes: list[int], first: datetime) -> None:
    for i, length in enumerate(minutes):
        start = first + timedelta(days=i)
        session.add(
            CallLog(
                client_id=client.id,
                service=ServiceKind.BACKUP,
                station="NCY",
                started_at=start,
                ended_at=start + timedelta(minutes=length),
            )
        )


@pytest.mark.parametrize(("used", "warned", "billable"), [(89, False, 0), (90, True, 0), (91, True, 1)])
def test_backup_assistance_quota_exactly_at_90_minutes_and_one_minute_over(sessions, world, used, warned, billable):
    """R-22: 1 h 30 a contract year (from 01/04/2026 here); at 90 minutes the allowance is spent."""
    with sessions.begin() as session:
        _calls(session, world["maxeville"], [60, used - 60], datetime(2026, 4, 2, 8, 0, tzinfo=UTC))
        _calls(session, world["maxeville"], [45], datetime(2026, 3, 20, 8, 0, tzinfo=UTC))  # previous year
    at = datetime(2026, 5, 5, 8, 0, tzinfo=UTC)
    with sessions() as session:
        state = backup.backup_state(session, "C54001", at.date())
        assert (state.year_start, state.year_end) == (date(2026, 4, 1), date(2027, 3, 31))
        assert state.assistance.used_minutes == used
        assert state.assistance.billable_minutes == billable
        coverage = check_coverage(
            session,
            world["maxeville"].id,
            contact_id=world["durand"].id,
            product_id=None,
            at=at,
            service=ServiceKind.BACKUP,
        )
        assert ("backup_quota_exceeded" in coverage.codes) is warned


def test_restoration_request_by_a_non_rtc_is_refused_with_the_reason(sessions, world) -> None:
    """R-25: only an RTC may ask, in writing."""
    with sessions.begin() as session, pytest.raises(backup.BackupError, match="n'est pas responsable technique"):
        backup.request_restoration(
            session,
            ACTOR,
            client_code="C54001",
            contact_id=world["novice"].id,
            channel=Channel.EMAIL,
            received_at=OPEN_HOUR,
        )
    with sessions() as session:
        assert session.execute(select(Incident.id)).first() is None


def test_restoration_request_by_phone_is_refused(sessions, world) -> None:
    with sessions.begin() as session, pytest.raises(backup.BackupError, match="par écrit"):
        backup.request_restoration(
            session,
            ACTOR,
            client_code="C54001",
            contact_id=world["durand"].id,
            channel=Channel.PHONE,
            received_at=OPEN_HOUR,
        )


def test_written_request_of_an_rtc_is_tracked_as_an_incident(sessions, world) -> None:
    with sessions.begin() as session:
        created = backup.request_restoration(
            session,
            ACTOR,
            client_code="C54001",
            contact_id=world["durand"].id,
            channel=Channel.EMAIL,
            received_at=OPEN_HOUR,
            text="Merci de restaurer la base Finances.",
        )
    with sessions() as session:
        incident = session.get(Incident, created.id)
        assert incident.channel is Channel.EMAIL
        assert incident.title.startswith("Demande écrite de restauration")


def test_destruction_date_is_listed_ahead(sessions, world) -> None:
    """R-25: contract ending 31/03/2027 (expiry 01/04/2027): data destroyed on 01/05/2027."""
    with sessions.begin() as session:
        contract = session.execute(select(Contract).where(Contract.reference == "CT-C54001")).scalar_one()
        contract.end_date = date(2027, 3, 31)
    with sessions() as session:
        rows = backup.destructions_ahead(session, date(2027, 3, 1))
        assert [(r.client_code, r.destruction_on) for r in rows] == [("C54001", date(2027, 5, 1))]
        assert backup.destructions_ahead(session, date(2027, 5, 2)) == []


# --- reception report ---------------------------------------------------------------------------


def _tree(root: Path) -> Path:
    (root / "compta").mkdir(parents=True)
    (root / "compta" / "grand-livre.db").write_bytes(b"G" * 3_000_000)
    (root / "paie.sav").write_bytes(b"paie 2026\n")
    (root / "notes é.txt").write_text("Sauvegarde du soir", encoding="utf-8")
    stamp = datetime(2026, 11, 25, 22, 30, tzinfo=UTC).timestamp()
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (stamp, stamp))
    return root


@pytest.fixture
def issued(sessions, world, tmp_path):
    root = _tree(tmp_path / "reçu")
    with sessions.begin() as session:
        result = backup_receipt.issue_receipt(
            session, ACTOR, "C54001", root, received_at=datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
        )
    return root, result


def test_receipt_lists_every_file_and_prints_the_key(sessions, issued) -> None:
    _root, result = issued
    assert [f.path for f in result.receipt.files] == ["compta/grand-livre.db", "notes é.txt", "paie.sav"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(result.pdf)).pages)
    assert "grand-livre.db" in text and "3 000 000" in text.replace("\u00a0", " ")
    assert result.key[:8].upper() in text
    with sessions() as session:
        state = backup.backup_state(session, "C54001", date(2026, 11, 26))
        assert state.storage.stored_bytes == result.receipt.total_bytes and len(state.kept) == 1


def test_verify_an_untouched_directory(issued) -> None:
    root, result = issued
    check = backup_receipt.verify_receipt(result.pdf, root)
    assert check.authentic and check.differences == () and check.ok


def test_verify_detects_one_changed_byte(issued) -> None:
    root, result = issued
    path = root / "compta" / "grand-livre.db"
    data = bytearray(path.read_bytes())
    data[1_500_000] ^= 1
    stat = path.stat()
    path.write_bytes(bytes(data))
    os.utime(path, (stat.st_atime, stat.st_mtime))
    check = backup_receipt.verify_receipt(result.pdf, root)
    assert [d.describe() for d in check.differences] == ["modifié : compta/grand-livre.db (contenu différent)"]


def test_verify_detects_a_renamed_file(issued) -> None:
    root, result = issued
    (root / "paie.sav").rename(root / "paie-2026.sav")
    check = backup_receipt.verify_receipt(result.pdf, root)
    assert [d.describe() for d in check.differences] == ["renommé : paie.sav → paie-2026.sav"]


def test_verify_detects_a_missing_file(issued) -> None:
    root, result = issued
    (root / "notes é.txt").unlink()
    check = backup_receipt.verify_receipt(result.pdf, root)
    assert [d.describe() for d in check.differences] == ["absent : notes é.txt"]


def test_a_report_whose_key_was_altered_is_not_authentic(issued) -> None:
    root, result = issued
    forged = result.pdf.replace(b"hotline-key:" + result.key[:4].encode(), b"hotline-key:" + b"0000")
    assert forged != result.pdf
    assert not backup_receipt.verify_receipt(forged, root).authentic


def test_a_report_checked_with_another_vendor_key_is_not_authentic(issued) -> None:
    root, result = issued
    backup_receipt.set_vendor_secret("f" * 64)
    assert not backup_receipt.verify_receipt(result.pdf, root).authentic


def test_same_receipt_gives_the_same_pdf(sessions, world, issued) -> None:
    root, result = issued
    with sessions.begin() as session:
        again = backup_receipt.issue_receipt(
            session, ACTOR, "C54001", root, received_at=datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
        )
    assert again.pdf == result.pdf
