"""Printing a PDF through Qt (issue 7): QtPdf renders the pages with ink on them, a PDF printer gets every
page at the document's own size, the preview shows every page, « Enregistrer en PDF… » writes the exact
bytes atomically and « Ouvrir dans le lecteur » hands a copy to the system's reader."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from sqlalchemy.orm import Session, sessionmaker

from app.config import Paths
from app.services import documents, onsite
from app.services.incidents import create_incident, ensure_technician
from tests.integration.incident_fixtures import OPEN_HOUR, build_world
from tests.ui.conftest import TECHNICIAN, drain_background, make_context
from ui.documents import printing
from ui.documents.printing import DocumentPreviewDialog, load_pdf, print_pdf, render_page, save_pdf
from ui.incidents import IncidentsScreen


def make_pdf(pages: int = 3, size: tuple[float, float] = A4) -> bytes:
    """A known PDF: a black square 40 mm from the top-left corner of each page and a line of text."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=size, invariant=True)
    height = size[1]
    for page in range(1, pages + 1):
        pdf.setFillColorRGB(0, 0, 0)
        pdf.rect(40 * mm, height - 80 * mm, 40 * mm, 40 * mm, stroke=0, fill=1)
        pdf.setFont("Helvetica", 14)
        pdf.drawString(40 * mm, height - 100 * mm, f"Compte rendu, page {page} / {pages}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def dark(colour: QColor) -> bool:
    return colour.lightness() < 80


def render_to_image(pdf: bytes, page: int = 0, dpi: float = 100) -> QImage:
    """Page ``page`` drawn through ``render_page`` on an A4 image at ``dpi``."""
    document = load_pdf(pdf)
    width, height = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff00ff"))  # not white: the page must paint its own paper
    painter = QPainter(image)
    render_page(document, page, painter, QRectF(0, 0, width, height), dpi)
    painter.end()
    return image


def test_a_rendered_page_has_ink_where_the_pdf_draws(qtbot: QtBot) -> None:
    image = render_to_image(make_pdf(), page=1)
    px_per_mm = image.width() / 210
    inside = image.pixelColor(round(60 * px_per_mm), round(60 * px_per_mm))
    assert dark(inside), "the black square is drawn 40 to 80 mm from the top-left corner"
    paper = image.pixelColor(round(150 * px_per_mm), round(200 * px_per_mm))
    assert paper == QColor(Qt.GlobalColor.white), "QtPdf's transparent paper is printed white"
    text_row = round(97 * px_per_mm)
    assert any(dark(image.pixelColor(x, y)) for x in range(image.width()) for y in range(text_row - 4, text_row + 4))


def test_printing_to_a_pdf_printer_gives_every_page(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setResolution(150)  # small images keep the test fast; the path is the one of any printer
    assert print_pdf(make_pdf(3), printer) == 3
    reader = PdfReader(target)
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def test_a_landscape_document_prints_landscape(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "register.pdf"
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setResolution(100)
    assert print_pdf(make_pdf(2, landscape(A4)), printer) == 2
    reader = PdfReader(target)
    assert len(reader.pages) == 2
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    if page.get("/Rotate", 0) in (90, 270):
        width, height = height, width
    assert width > height


def test_an_unreadable_pdf_is_refused(qtbot: QtBot) -> None:
    with pytest.raises(printing.PdfRenderError):
        load_pdf(b"%PDF-1.4 this is not a document")


def test_saving_writes_the_exact_bytes_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = make_pdf(1)
    folder = tmp_path / "saved"
    folder.mkdir()
    target = folder / "CRA-NCY-2600042-K.pdf"
    target.write_bytes(b"previous copy")
    save_pdf(pdf, target)
    assert target.read_bytes() == pdf
    assert sorted(p.name for p in folder.iterdir()) == [target.name], "no temporary file left behind"

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        save_pdf(b"%PDF-1.4 other", target)
    assert target.read_bytes() == pdf, "a failed save leaves the earlier file whole"
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


@pytest.fixture
def preview(qtbot: QtBot) -> DocumentPreviewDialog:
    dialog = DocumentPreviewDialog(make_pdf(3), "Compte rendu d'avancement — NCY-2600042-K", "CRA-NCY-2600042-K.pdf")
    qtbot.addWidget(dialog)
    return dialog


def test_the_preview_shows_every_page_with_save_and_open_beside_print(
    qtbot: QtBot, preview: DocumentPreviewDialog
) -> None:
    preview.show()
    qtbot.waitExposed(preview)
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() == 3)
    toolbar = preview.findChild(QToolBar)
    assert toolbar is not None
    names = [action.objectName() for action in toolbar.actions()]
    assert "documentSaveAction" in names and "documentOpenAction" in names
    assert "Aperçu" in preview.windowTitle()
    assert preview.printer.pageLayout().pageSize().id() == preview.printer.pageLayout().pageSize().PageSizeId.A4


def test_save_from_the_preview(qtbot: QtBot, preview: DocumentPreviewDialog, tmp_path: Path) -> None:
    target = tmp_path / "copie.pdf"
    assert preview.save_to(target)
    assert target.read_bytes() == preview.pdf
    assert preview.saved_to == target


def test_open_in_the_reader_hands_over_a_copy(
    qtbot: QtBot, preview: DocumentPreviewDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    preview.open_in_viewer()
    assert len(opened) == 1
    copy = Path(opened[0].toLocalFile())
    assert copy.name.startswith("CRA-NCY-2600042-K-") and copy.suffix == ".pdf"
    assert copy.read_bytes() == preview.pdf
    copy.unlink()


# --- from the Incidents screen --------------------------------------------------------------------------

WAIT_MS = 15_000


@pytest.fixture
def visited(sessions: sessionmaker[Session]) -> str:
    """An incident of Maxéville whose on-site visit is done (quote, order, visit, report): both reports
    can be issued for it. Returns its number."""
    with sessions.begin() as session:
        build_world(session)
        actor = ensure_technician(session, "cdubois", TECHNICIAN, "NCY")
        number = create_incident(
            session,
            actor,
            client_code="C54001",
            caller_name="Élodie Durand",
            product_code="FIN",
            title="Réindexation des mandats",
            opened_at=OPEN_HOUR,
        ).number
        reference = onsite.quote(
            session, actor, number, number="DV-2026-0042", amount=Decimal("450.00"), on=date(2026, 3, 12)
        ).reference
        onsite.order(session, actor, reference, order_reference="BC-118", on=date(2026, 3, 13))
        onsite.schedule(session, actor, reference, at=OPEN_HOUR + timedelta(days=5), technician=TECHNICIAN)
        onsite.report(session, actor, reference, duration_minutes=90, report_reference="CRI-2026-0042")
    return number


@pytest.fixture
def screen(qtbot: QtBot, sqlite_url: str, hotline_home: Paths, visited: str) -> Iterator[IncidentsScreen]:
    context = make_context(hotline_home, sqlite_url)
    widget = IncidentsScreen(context)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.is_idle() and widget.detail_panel.detail is not None, timeout=WAIT_MS)
    yield widget
    for dialog in (widget.documents.preview, widget.documents.sign_dialog):
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.close()
    drain_background()
    context.engine.dispose()


def test_a_progress_report_is_built_in_the_background_recorded_and_previewed(
    qtbot: QtBot, screen: IncidentsScreen, sessions: sessionmaker[Session], visited: str
) -> None:
    button = screen.detail_panel.documents_button
    assert button.isEnabled()
    button.actions_["progress_report"].trigger()
    assert not button.isEnabled(), "busy while the PDF is being built"
    assert button.text() == "Préparation…"
    qtbot.waitUntil(lambda: screen.documents.preview is not None, timeout=WAIT_MS)
    preview = screen.documents.preview
    assert preview is not None and preview.isVisible()
    assert preview.filename.startswith(f"CRA-{visited}-")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(preview.pdf)).pages)
    assert "Compte rendu d'avancement" in text and visited in text
    with sessions() as session:
        issued = documents.find_issued(session, preview.pdf)
    assert issued is not None and issued.incident_number == visited
    qtbot.waitUntil(screen.is_idle, timeout=WAIT_MS)
    assert button.isEnabled() and button.text() == "Documents…"
    qtbot.waitUntil(lambda: any("Compte rendu d'avancement" in t for t in screen.detail_panel.texts()), timeout=WAIT_MS)


def test_an_intervention_report_is_signed_first_then_prints_both_signatures(
    qtbot: QtBot, screen: IncidentsScreen, sessions: sessionmaker[Session], visited: str
) -> None:
    screen.detail_panel.documents_button.actions_["intervention_report"].trigger()
    qtbot.waitUntil(lambda: screen.documents.sign_dialog is not None, timeout=WAIT_MS)
    dialog = screen.documents.sign_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.technician.name() == TECHNICIAN
    assert dialog.client.name() == "Élodie Durand", "the caller is proposed"
    assert dialog.client.name_combo.findText("Marc Petit") >= 0, "the client's contacts are offered"
    # Two different signatures (reportlab stores identical images once).
    for pad, wave in ((dialog.technician.pad, 10), (dialog.client.pad, 7)):
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(60, 90))
        for step in range(1, 50):
            qtbot.mouseMove(pad, QPoint(60 + step * 5, 90 + (step % wave) * 3))
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(305, 90))
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.documents.preview is not None, timeout=WAIT_MS)
    preview = screen.documents.preview
    assert preview is not None
    reader = PdfReader(io.BytesIO(preview.pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Compte rendu d'intervention" in text
    assert text.count("Signé le") == 2
    assert "Élodie Durand" in text and TECHNICIAN in text
    assert sum(len(page.images) for page in reader.pages) == 2, "both captured signatures are printed"
    with sessions() as session:
        assert documents.find_issued(session, preview.pdf) is not None


def test_a_client_signing_later_gets_an_empty_box(qtbot: QtBot, screen: IncidentsScreen) -> None:
    screen.detail_panel.documents_button.actions_["intervention_report"].trigger()
    qtbot.waitUntil(lambda: screen.documents.sign_dialog is not None, timeout=WAIT_MS)
    dialog = screen.documents.sign_dialog
    assert dialog is not None
    pad = dialog.technician.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(60, 90))
    for step in range(1, 40):
        qtbot.mouseMove(pad, QPoint(60 + step * 5, 80 + (step % 7) * 4))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(255, 90))
    dialog.later_box.setChecked(True)
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.documents.preview is not None, timeout=WAIT_MS)
    preview = screen.documents.preview
    assert preview is not None
    reader = PdfReader(io.BytesIO(preview.pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert text.count("Signé le") == 1
    assert "Lu et approuvé" in text
    assert sum(len(page.images) for page in reader.pages) == 1


def test_an_incident_without_intervention_is_told_why(
    qtbot: QtBot, screen: IncidentsScreen, sessions: sessionmaker[Session]
) -> None:
    with sessions.begin() as session:
        actor = ensure_technician(session, "cdubois", TECHNICIAN, "NCY")
        bare = create_incident(
            session, actor, client_code="C54001", caller_name="Marc Petit", product_code="FIN",
            title="Question", opened_at=OPEN_HOUR,
        ).number
    screen.show_incident(bare)
    qtbot.waitUntil(lambda: screen.is_idle() and screen.detail_panel.detail.number == bare, timeout=WAIT_MS)
    screen.detail_panel.documents_button.actions_["intervention_report"].trigger()
    qtbot.waitUntil(lambda: screen.detail_panel.message.isVisibleTo(screen.detail_panel), timeout=WAIT_MS)
    assert "aucune intervention" in screen.detail_panel.message.text()
    assert screen.documents.sign_dialog is None
    assert screen.detail_panel.documents_button.isEnabled()
