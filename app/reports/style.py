"""The house style every document shares: fonts, colours, letterhead, client block, page furniture.

A4, generous margins, one sans-serif family (DejaVu Sans, embedded) in a few sizes, one accent colour.
The first page carries the letterhead; every page carries a running header and a footer with the
document id, its issue date and « page x / y ». The total page count is only known at the end, so the
canvas keeps each page's state and draws the furniture when the document is saved.

Output is deterministic: reportlab's invariant mode, the PDF dates set from the document's own issue
date, no random or time-dependent value anywhere, so the same data always gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

import resources.fonts
from app.reports import formats
from app.reports.data import ClientInfo, Heading, Signature, SiteInfo, Vendor
from app.reports.formats import DASH, day, day_time, safe

FONT = "HotlineSans"
FONT_BOLD = "HotlineSans-Bold"
FONT_DIR = Path(resources.fonts.__file__).resolve().parent

ACCENT = colors.HexColor("#1F3A5F")
INK = colors.HexColor("#1B1F24")
MUTED = colors.HexColor("#5A6470")
RULE = colors.HexColor("#C5CDD6")
HEADER_FILL = colors.HexColor("#E6ECF2")
ZEBRA = colors.HexColor("#F5F7F9")
WARNING = colors.HexColor("#8A4B08")

MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 22 * mm
LETTERHEAD_HEIGHT = 30 * mm


class DocumentError(ValueError):
    """Data that cannot make a document (e.g. a signature that is not a PNG); the message is French."""


def register_fonts() -> None:
    """Register the embedded family once; bold markup (<b>) maps to the bold face."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    # No italic face ships: italic maps to upright. Mapped first, so that the plain and bold names keep
    # their own (non-italic) reading when reportlab maps a font name back to its family.
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    formats.set_coverage(frozenset(pdfmetrics.getFont(FONT).face.charToGlyph))


register_fonts()


def _style(name: str, **values: Any) -> ParagraphStyle:
    base = {"fontName": FONT, "fontSize": 9.5, "leading": 13, "textColor": INK, "splitLongWords": 1}
    base.update(values)
    return ParagraphStyle(name, **base)


STYLES = {
    "body": _style("body", spaceAfter=4),
    "small": _style("small", fontSize=8, leading=10.5, textColor=MUTED),
    "entry": _style("entry", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=3),
    "label": _style("label", fontSize=8, leading=11, textColor=MUTED),
    "value": _style("value"),
    "kind": _style("kind", fontName=FONT_BOLD, fontSize=10, leading=13, textColor=MUTED),
    "number": _style("number", fontName=FONT_BOLD, fontSize=20, leading=25, textColor=ACCENT),
    "title": _style("title", fontSize=11.5, leading=15),
    "section": _style("section", fontName=FONT_BOLD, fontSize=11, leading=14, textColor=ACCENT, spaceBefore=10),
    "cell": _style("cell", fontSize=8, leading=10),
    "cell_bold": _style("cell_bold", fontName=FONT_BOLD, fontSize=8, leading=10),
    "head": _style("head", fontName=FONT_BOLD, fontSize=8, leading=10, textColor=ACCENT),
    "client": _style("client", fontSize=9.5, leading=12.5),
    "client_name": _style("client_name", fontName=FONT_BOLD, fontSize=10.5, leading=14),
    "warning": _style("warning", fontName=FONT_BOLD, textColor=WARNING),
    "right": _style("right", alignment=TA_RIGHT),
    "left": _style("left", alignment=TA_LEFT),
}


def para(markup: str, style: str = "body") -> Paragraph:
    """A paragraph of markup already made safe (see ``formats.safe``)."""
    return Paragraph(markup, STYLES[style])


def text(value: str | None, style: str = "body") -> Paragraph:
    """A paragraph of user text, printed literally."""
    return Paragraph(safe(value) or DASH, STYLES[style])


# --- blocks -----------------------------------------------------------------------------------------


def section(title: str) -> list[Flowable]:
    """A section heading with a hairline under it, never left alone at the foot of a page."""
    rule = Table([[""]], colWidths=["100%"], rowHeights=[1])
    rule.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, -1), 0.6, ACCENT)]))
    return [CondPageBreak(30 * mm), para(safe(title), "section"), Spacer(0, 1.5 * mm), rule, Spacer(0, 2 * mm)]


def facts(rows: Sequence[tuple[str, Flowable | str]], label_width: float = 48 * mm) -> Table:
    """Label / value pairs in two aligned columns; a str value is user text (escaped)."""
    data = [
        [para(safe(label), "label"), value if isinstance(value, Flowable) else text(value, "value")]
        for label, value in rows
    ]
    table = Table(data, colWidths=[label_width, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("TOPPADDING", (0, 0), (0, -1), 3.6),
            ]
        )
    )
    return table


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[Flowable]],
    widths: Sequence[float],
    *,
    align_right: Sequence[int] = (),
) -> Table:
    """A table whose header row repeats on every page, with light zebra stripes."""
    head = [para(safe(h), "head") for h in header]
    table = Table([head, *rows], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA])]
    for column in align_right:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    table.setStyle(TableStyle(commands))
    return table


def title_block(
    kind_label: str,
    number_line: str,
    subtitle: str,
    client: ClientInfo,
    site: SiteInfo | None = None,
    number_label: str = "Incident n°",
) -> Table:
    """Kind of document and the incident number in large type on the left, the client block on the right."""
    left = [para(safe(kind_label.upper()), "kind"), Spacer(0, 2 * mm)]
    if number_line:
        left += [para(safe(number_label), "label"), para(safe(number_line), "number")]
    if subtitle:
        left += [Spacer(0, 1 * mm), para(safe(subtitle), "title")]
    right = client_block(client, site)
    table = Table([[left, right]], colWidths=[None, 72 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
            ]
        )
    )
    return table


def client_block(client: ClientInfo, site: SiteInfo | None = None) -> Table:
    """The addressee as on a letter: name, postal address, client code; the site when it differs."""
    cells: list[Flowable] = [para(safe(client.name), "client_name")]
    cells += [para(safe(line), "client") for line in client.address]
    codes = f"Code client {client.code}" + (f" · N° hotline {client.hotline_id}" if client.hotline_id else "")
    cells += [Spacer(0, 1.5 * mm), para(safe(codes), "small")]
    if site is not None:
        where = " – ".join((site.label, *site.address))
        cells += [para(safe(f"Site : {where}"), "small")]
    box = Table([[cells]], colWidths=[72 * mm])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return box


def _signature_image(signature: Signature, width: float, height: float) -> Flowable:
    try:
        reader = ImageReader(io.BytesIO(signature.png or b""))
        pixels_w, pixels_h = reader.getSize()
    except Exception as exc:  # Pillow raises many kinds for bad bytes; all mean the same to the user
        raise DocumentError(f"Signature de {signature.name or signature.role} illisible : image PNG attendue.") from exc
    if pixels_w <= 0 or pixels_h <= 0:
        raise DocumentError(f"Signature de {signature.name or signature.role} vide.")
    scale = min(width / pixels_w, height / pixels_h)
    return Image(io.BytesIO(signature.png or b""), width=pixels_w * scale, height=pixels_h * scale)


def signature_box(signature: Signature, width: float) -> Table:
    """A captured signature with who signed and when, or an empty box for a wet signature."""
    inner_h = 20 * mm
    head = [para(safe(signature.role), "kind")]
    if signature.png is not None:
        who = signature.name + (f", {signature.capacity}" if signature.capacity else "")
        body: list[Flowable] = [
            para(safe(who or DASH), "value"),
            para(safe(f"Signé le {day_time(signature.signed_at)}" if signature.signed_at else ""), "small"),
            Spacer(0, 2 * mm),
            _signature_image(signature, width - 16, inner_h),
        ]
    else:
        name = signature.name or "." * 48
        when = day(signature.signed_at) if signature.signed_at else "…… / …… / ………"
        body = [
            para(safe(f"Nom : {name}"), "value"),
            para(safe(f"Qualité : {signature.capacity or '.' * 44}"), "value"),
            para(safe(f"Date : {when}"), "value"),
            para(safe("« Lu et approuvé » et signature :"), "small"),
        ]
    box = Table([[head], [body]], colWidths=[width], rowHeights=[None, 33 * mm])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return box


def signatures(left: Signature, right: Signature, available: float) -> Table:
    """Two signature boxes side by side (one table row: never split across pages)."""
    gap = 8 * mm
    width = (available - gap) / 2
    row = Table([[signature_box(left, width), "", signature_box(right, width)]], colWidths=[width, gap, width])
    row.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return row


# --- page furniture ---------------------------------------------------------------------------------


def _pdf_date(heading: Heading) -> str:
    at = heading.issued_at.astimezone(UTC)
    return f"D:{at:%Y%m%d%H%M%S}+00'00'"


def _canvas_class(heading: Heading, vendor: Vendor, running: str) -> type[Canvas]:
    """A canvas that defers each page's furniture to the end, when the page count is known."""

    class DocumentCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Start on the embedded font, so that no standard (non-embedded) font is even referenced.
            kwargs.setdefault("initialFontName", FONT)
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            # The PDF's CreationDate/ModDate: the document's issue date, not the time it was rendered.
            date = _pdf_date(heading)
            self._doc.setDateFormatter(lambda *_parts: date)

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _furniture(self, number, total, heading, vendor, running)
                super().showPage()
            super().save()

    return DocumentCanvas


def _furniture(canvas: Canvas, page: int, total: int, heading: Heading, vendor: Vendor, running: str) -> None:
    width, height = canvas._pagesize
    left, right = MARGIN_X, width - MARGIN_X
    canvas.saveState()
    if page == 1:
        top = height - 16 * mm
        canvas.setFillColor(ACCENT)
        canvas.setFont(FONT_BOLD, 15)
        canvas.drawString(left, top, formats.clean(vendor.name))
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        contact = [", ".join(vendor.address)]
        reach = " · ".join(x for x in (f"Tél. {vendor.phone}" if vendor.phone else "", vendor.email) if x)
        if reach:
            contact.append(reach)
        if vendor.registration:
            contact.append(vendor.registration)
        for index, line in enumerate(contact):
            canvas.drawString(left, top - 5.5 * mm - index * 3.8 * mm, formats.clean(line))
        canvas.setFont(FONT_BOLD, 8.5)
        canvas.setFillColor(ACCENT)
        canvas.drawRightString(right, top, heading.title)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(right, top - 5.5 * mm, f"Document {heading.document_id}")
        canvas.drawRightString(right, top - 9.3 * mm, f"Émis le {day(heading.issued_at)}")
        rule_y = height - 16 * mm - LETTERHEAD_HEIGHT + 18 * mm
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(left, rule_y, right, rule_y)
    else:
        top = height - 13 * mm
        canvas.setFont(FONT_BOLD, 8)
        canvas.setFillColor(ACCENT)
        canvas.drawString(left, top, formats.clean(vendor.name))
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(right, top, formats.clean(running))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, top - 2.5 * mm, right, top - 2.5 * mm)
    bottom = 12 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, bottom + 4 * mm, right, bottom + 4 * mm)
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(
        left, bottom, f"{heading.title} · document {heading.document_id} · émis le {day(heading.issued_at)}"
    )
    canvas.drawRightString(right, bottom, f"page {page} / {total}")
    canvas.restoreState()


def page_width(landscape_pages: bool = False) -> float:
    """The width the story can use."""
    size = landscape(A4) if landscape_pages else A4
    return size[0] - 2 * MARGIN_X


def render(
    heading: Heading, vendor: Vendor, story: list[Flowable], *, running: str, landscape_pages: bool = False
) -> bytes:
    """Lay the story out on the house pages and return the PDF bytes (deterministic)."""
    register_fonts()
    size = landscape(A4) if landscape_pages else A4
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{heading.title} {heading.document_id}",
        author=vendor.name,
        subject=heading.document_id,
        creator="Hotline",
        keywords=[heading.kind.value, heading.document_id],
        invariant=1,
    )
    width, height = size
    frame_width = width - 2 * MARGIN_X
    first = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        frame_width,
        height - MARGIN_BOTTOM - (16 * mm + LETTERHEAD_HEIGHT - 14 * mm),
        id="first",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    later = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        frame_width,
        height - MARGIN_BOTTOM - MARGIN_TOP,
        id="later",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[first], autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[later]),
        ]
    )
    doc.build(story, canvasmaker=_canvas_class(heading, vendor, running))
    return buffer.getvalue()
