"""A PDF on paper or on disk: preview and print through Qt, save as PDF, open in the system's reader.

Qt cannot draw a PDF as vectors, so QtPdf renders each page to an image at the printer's resolution,
capped at 300 dpi (crisp 9-point text; an A4 page is then a 35 MB image, where 1200 dpi would need over
500 MB), or at 150 dpi for the on-screen preview, and the image is drawn on the printer's page. The page is
rendered whole: QtPdf's clip rectangle (to render a page in bands) shifts the content by a few pixels per
band in Qt 6.11, which shows as seams.

The PDF itself is built beforehand, off the GUI thread (``ui.documents.controller``); what happens here
is rendering only.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QObject,
    QRectF,
    QSize,
    QSizeF,
    QStandardPaths,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStyle, QToolBar, QToolButton, QWidget

from app.files import write_atomically

log = logging.getLogger("hotline.ui.documents")

PREVIEW_DPI = 150
PRINT_DPI_LIMIT = 300
_POINTS_PER_INCH = 72.0


class PdfRenderError(RuntimeError):
    """A PDF QtPdf cannot read, or a printer that cannot be painted on."""


def load_pdf(pdf: bytes, parent: QObject | None = None) -> QPdfDocument:
    """The PDF as a QtPdf document (loaded synchronously from memory)."""
    document = QPdfDocument(parent)
    buffer = QBuffer(document)  # the document reads from it as long as it lives
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PdfRenderError(f"unreadable PDF ({document.error().name})")
    return document


def page_layout_for(document: QPdfDocument, page: int = 0) -> QPageLayout:
    """A borderless page layout of the PDF page's own size and orientation (A4 stays A4)."""
    size = document.pagePointSize(page)
    landscape = size.width() > size.height()
    portrait_size = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
    return QPageLayout(
        QPageSize(portrait_size, QPageSize.Unit.Point),
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
    )


def fit_rect(page_points: QSizeF, target: QRectF) -> QRectF:
    """The largest rectangle of the page's proportions centred in ``target``."""
    scale = min(target.width() / page_points.width(), target.height() / page_points.height())
    width, height = page_points.width() * scale, page_points.height() * scale
    return QRectF(
        target.left() + (target.width() - width) / 2, target.top() + (target.height() - height) / 2, width, height
    )


def render_page(document: QPdfDocument, page: int, painter: QPainter, target: QRectF, dpi: float) -> None:
    """Draw page ``page`` of ``document`` into ``target`` (painter coordinates), rendered at ``dpi``.

    The page keeps its proportions (centred in ``target``) and gets a white background: QtPdf leaves the
    paper transparent, and a printer should get an opaque image, not one with an alpha mask.
    """
    points = document.pagePointSize(page)
    area = fit_rect(points, target)
    size = QSize(
        max(1, round(points.width() * dpi / _POINTS_PER_INCH)),
        max(1, round(points.height() * dpi / _POINTS_PER_INCH)),
    )
    image = document.render(page, size)
    if image.isNull():
        raise PdfRenderError(f"page {page + 1} could not be rendered")
    # White paper under the ink, in place (no second copy of a 35 MB image).
    paper = QPainter(image)
    paper.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    paper.fillRect(image.rect(), Qt.GlobalColor.white)
    paper.end()
    image.convertTo(QImage.Format.Format_RGB32)
    painter.drawImage(area, image)


def _is_preview(painter: QPainter) -> bool:
    # The preview records pages into pictures; a real printer (or a PDF file) has another engine.
    engine = painter.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def paint_document(document: QPdfDocument, printer: QPrinter, dpi: float | None = None) -> int:
    """Paint every page of ``document`` on ``printer`` (one sheet each); returns the number of pages.

    ``dpi`` None: the printer's resolution up to 300 dpi, or 150 dpi for the on-screen preview.
    """
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise PdfRenderError("the printer could not be opened")
    # Recorded into the preview's pictures too: pages shown smaller than rendered stay legible.
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    try:
        resolution = dpi or (PREVIEW_DPI if _is_preview(painter) else min(printer.resolution(), PRINT_DPI_LIMIT))
        pages = document.pageCount()
        for page in range(pages):
            if page:
                printer.newPage()
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            render_page(document, page, painter, QRectF(0, 0, paper.width(), paper.height()), resolution)
        return pages
    finally:
        painter.end()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print ``pdf`` on ``printer`` with the PDF's own page size; returns the number of pages printed."""
    document = load_pdf(pdf)
    try:
        printer.setPageLayout(page_layout_for(document))
        return paint_document(document, printer)
    finally:
        document.close()
        document.deleteLater()


def save_pdf(pdf: bytes, path: Path) -> None:
    """Write ``pdf`` to ``path`` atomically: a temporary file beside it, flushed, then renamed over it, so a
    crash or a full disk never leaves a half-written document under the chosen name."""
    write_atomically(Path(path), pdf)


def viewer_copy(pdf: bytes, filename: str) -> Path:
    """A copy of ``pdf`` in the temporary folder for the system's reader, named after ``filename``."""
    folder = Path(tempfile.gettempdir()) / "hotline-documents"
    folder.mkdir(parents=True, exist_ok=True)
    stem = Path(filename).stem or "document"
    # A unique name: the reader may still hold an earlier copy open (and locked, on Windows).
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=f"{stem}-", suffix=".pdf")
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pdf)
    return Path(name)


def open_in_viewer(pdf: bytes, filename: str) -> tuple[Path, bool]:
    """Open ``pdf`` in the system's PDF reader; the copy's path, and whether a reader was launched."""
    path = viewer_copy(pdf, filename)
    return path, QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def default_save_path(filename: str) -> Path:
    """Where « Save as PDF » proposes to write: the user's documents folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return Path(folder) / filename


class DocumentPreviewDialog(QPrintPreviewDialog):
    """Qt's print preview of a PDF, with « Save as PDF… » and « Open in the reader » beside « Print »."""

    def __init__(self, pdf: bytes, title: str, filename: str, parent: QWidget | None = None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        super().__init__(printer, parent)
        self.setObjectName("documentPreview")
        self.printer = printer  # the dialog does not own it
        self.pdf = pdf
        self.filename = filename
        self.saved_to: Path | None = None
        self.document = load_pdf(pdf, self)
        printer.setDocName(title)
        printer.setCreator("Hotline")
        printer.setPageLayout(page_layout_for(self.document))
        self.setWindowTitle(self.tr("Preview — {title}").format(title=title))
        self.paintRequested.connect(self._paint)

        self.save_action = self.addAction(self.tr("Save as PDF…"))
        self.save_action.setObjectName("documentSaveAction")
        self.save_action.triggered.connect(self.choose_save_path)
        self.open_action = self.addAction(self.tr("Open in the reader"))
        self.open_action.setObjectName("documentOpenAction")
        self.open_action.triggered.connect(self.open_in_viewer)
        style = self.style()
        self.save_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.open_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView))
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            for action in (self.save_action, self.open_action):
                toolbar.addAction(action)
                button = toolbar.widgetForAction(action)
                if isinstance(button, QToolButton):
                    # Qt's own buttons are icons that everyone knows; these two say what they do.
                    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = 1180, 1000
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def _paint(self, printer: QPrinter) -> None:
        try:
            paint_document(self.document, printer)
        except PdfRenderError:
            log.exception("document preview or print failed")

    def page_count(self) -> int:
        return self.document.pageCount()

    def choose_save_path(self) -> None:
        """Ask where to write the PDF, then write it."""
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(default_save_path(self.filename)), self.tr("PDF documents (*.pdf)")
        )
        if name:
            path = Path(name)
            self.save_to(path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf"))

    def save_to(self, path: Path) -> bool:
        """Write the PDF to ``path`` (atomically); a failure is told to the user."""
        try:
            save_pdf(self.pdf, path)
        except OSError as error:
            log.warning("saving a document failed: %s", error)
            QMessageBox.warning(
                self,
                self.tr("Save as PDF"),
                self.tr("The document could not be written to {path}: {error}").format(
                    path=str(path), error=error.strerror or str(error)
                ),
            )
            return False
        self.saved_to = path
        return True

    def open_in_viewer(self) -> None:
        """Hand a copy of the PDF to the system's reader."""
        try:
            path, launched = open_in_viewer(self.pdf, self.filename)
        except OSError as error:
            log.warning("copy for the reader failed: %s", error)
            launched, path = False, None
        if not launched:
            QMessageBox.information(
                self,
                self.tr("Open in the reader"),
                self.tr("No PDF reader could be opened. Use « Save as PDF… » and open the file yourself.")
                if path is None
                else self.tr("No PDF reader could be opened. The document is at {path}.").format(path=str(path)),
            )


def open_preview(pdf: bytes, title: str, filename: str, parent: QWidget | None) -> DocumentPreviewDialog | None:
    """Open the print preview of ``pdf`` (window-modal, deleted when closed); None when QtPdf cannot read it."""
    try:
        preview = DocumentPreviewDialog(pdf, title, filename, parent)
    except PdfRenderError:
        log.exception("document cannot be previewed")
        return None
    preview.finished.connect(preview.deleteLater)
    preview.open()
    return preview
