"""The « Contrats » screen: a contract's financial table and edits (audited), refusals in French,
releases, indexes and rates, the late-payment calculator (R-20, R-26 to R-29)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.config import Paths
from app.context import AppContext
from app.db.models import AuditEntry
from tests.integration.incident_fixtures import build_world
from tests.ui.conftest import drain_background, make_context
from ui.contracts import ContractsScreen

TODAY = date(2026, 12, 1)


@pytest.fixture
def world_context(sqlite_url: str, hotline_home: Paths, sessions) -> Iterator[AppContext]:
    with sessions.begin() as session:
        build_world(session)
    ctx = make_context(hotline_home, sqlite_url)
    yield ctx
    drain_background()


@pytest.fixture
def screen(qtbot: QtBot, world_context: AppContext) -> ContractsScreen:
    widget = ContractsScreen(world_context, today=lambda: TODAY)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.contracts_loaded, timeout=10_000):
        widget.show()
    return widget


def open_contract(qtbot: QtBot, screen: ContractsScreen, reference: str) -> None:
    with qtbot.waitSignal(screen.detail.detail_shown, timeout=10_000):
        screen.select_contract(reference)


def audit_kinds(sessions) -> list[str]:
    with sessions() as session:
        return list(session.execute(select(AuditEntry.kind).order_by(AuditEntry.seq)).scalars())


def test_contract_list_shows_each_contract_with_its_phase(screen: ContractsScreen) -> None:
    table = screen.contract_table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["CT-C54001", "CT-C54002"]
    assert table.item(0, 2).text() == "Reconduit tacitement"
    assert screen.count_label.text() == "2 contrats"


def test_adding_a_line_updates_the_financial_table_to_the_cent_and_is_audited(
    qtbot: QtBot, screen: ContractsScreen, sessions
) -> None:
    """R-28: 2 × 180,25 = 360,50 HT; TVA 72,10; TTC 432,60."""
    open_contract(qtbot, screen, "CT-C54001")
    detail = screen.detail
    assert detail.facts["commitment"].text() == "01/04/2026"
    assert detail.facts["notice"].text() == "possible jusqu'au 01/01/2027 pour une fin au 01/04/2027"
    detail.line_designation.setText("Sauvegarde externalisée, 2 postes")
    detail.line_price.setText("180,25")
    detail.line_quantity.setText("2")
    with qtbot.waitSignal(detail.detail_shown, timeout=10_000):
        qtbot.mouseClick(detail.add_line_button, Qt.MouseButton.LeftButton)
    assert detail.lines_table.rowCount() == 1
    assert detail.total_labels["excl"].text() == "360,50\u00a0€"
    assert detail.total_labels["vat"].text() == "72,10\u00a0€"
    assert detail.total_labels["incl"].text() == "432,60\u00a0€"
    assert detail.message.text() == "Ligne ajoutée au tableau financier."
    assert audit_kinds(sessions) == ["contract_line_added"]


def test_a_refused_revision_says_why_in_french_and_saves_nothing(
    qtbot: QtBot, screen: ContractsScreen, sessions
) -> None:
    open_contract(qtbot, screen, "CT-C54001")
    detail = screen.detail
    qtbot.mouseClick(detail.revise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.message.isVisible(), timeout=10_000)
    assert "n'a d'indice de révision" in detail.message.text()
    assert detail.message.property("tone") == "danger"
    assert audit_kinds(sessions) == []


def test_notice_recorded_from_the_screen_sets_the_last_covered_day(
    qtbot: QtBot, screen: ContractsScreen, sessions
) -> None:
    open_contract(qtbot, screen, "CT-C54001")
    detail = screen.detail
    detail.notice_letter.setText("1A 234 567 8901 2")
    with qtbot.waitSignal(detail.detail_shown, timeout=10_000):
        qtbot.mouseClick(detail.notice_button, Qt.MouseButton.LeftButton)
    assert detail.facts["end"].text() == "31/03/2027"
    assert detail.phase_badge.text() == "Résiliation notifiée"
    assert not detail.notice_button.isEnabled()
    assert audit_kinds(sessions) == ["contract_notice"]


def test_financial_table_pdf_is_saved_and_registered(qtbot: QtBot, screen: ContractsScreen, tmp_path, sessions) -> None:
    open_contract(qtbot, screen, "CT-C54001")
    target = tmp_path / "tableau.pdf"
    screen.detail.save_financial_table(target)
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert target.read_bytes().startswith(b"%PDF-")
    assert audit_kinds(sessions) == ["document_issued"]


def test_a_release_without_its_sheet_is_refused_then_recorded(qtbot: QtBot, screen: ContractsScreen) -> None:
    with qtbot.waitSignal(screen.releases_loaded, timeout=10_000):
        screen.tabs.setCurrentIndex(1)
    screen.release_product.setCurrentIndex(screen.release_product.findData("FIN"))
    screen.release_version.setText("7.3")
    qtbot.mouseClick(screen.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.release_message.isVisible(), timeout=10_000)
    assert "fiche descriptive" in screen.release_message.text()
    screen.release_sheet.setPlainText("Nouvel état des dépenses.")
    screen.release_substantial.setChecked(True)
    with qtbot.waitSignal(screen.releases_loaded, timeout=10_000):
        qtbot.mouseClick(screen.release_button, Qt.MouseButton.LeftButton)
    table = screen.release_table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert ["FIN", "7.3", f"{TODAY:%d/%m/%Y}", "oui"] in rows


def test_rate_table_feeds_the_late_payment_calculator(qtbot: QtBot, screen: ContractsScreen) -> None:
    """R-29: 1 000 € due 31/01/2026 paid 03/03/2026 at 6 %: 15,29 € + 40 € = 55,29 €."""
    with qtbot.waitSignal(screen.money_loaded, timeout=10_000):
        screen.tabs.setCurrentIndex(3)
    screen.rate_start.setDate(date(2026, 1, 1))
    screen.rate_end.setDate(date(2026, 6, 30))
    screen.rate_value.setText("6,00")
    with qtbot.waitSignal(screen.money_loaded, timeout=10_000):
        qtbot.mouseClick(screen.findChild(type(screen.release_button), "saveRateButton"), Qt.MouseButton.LeftButton)
    assert screen.rate_table.item(0, 2).text() == "6 %"
    screen.late_amount.setText("1000")
    screen.late_due.setDate(date(2026, 1, 31))
    screen.late_paid.setDate(date(2026, 3, 3))
    qtbot.mouseClick(screen.findChild(type(screen.release_button), "lateFeeButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(screen.late_result.text()), timeout=10_000)
    assert screen.late_result.text() == (
        "31 jours de retard : pénalités 15,29\u00a0€ + indemnité de recouvrement 40,00\u00a0€ = 55,29\u00a0€"
    )
