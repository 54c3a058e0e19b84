"""The signature pad and the « Faire signer » dialog (issue 7): strokes drawn with the mouse are captured,
exported as a PNG at print resolution with ink where it was drawn, a dot is not a signature, « Effacer »
starts again, and the dialog gives both signers to the intervention report."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.reports.data import Signature
from ui.documents.ink import BOX_WIDTH_MM
from ui.documents.sign_dialog import CLIENT_ROLE, TECHNICIAN_ROLE, SignDialog, Signer
from ui.documents.signature_pad import EXPORT_DPI, SignaturePad

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def draw(qtbot: QtBot, pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    """One stroke with the mouse: press, move through ``points``, release."""
    qtbot.mousePress(pad, LEFT, NONE, QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, LEFT, NONE, QPoint(*points[-1]))


def wave(x0: int = 60, y0: int = 90, steps: int = 60) -> list[tuple[int, int]]:
    """A signature-like line across the left part of the pad."""
    return [(x0 + i * 4, round(y0 - 25 * math.sin(i / 6))) for i in range(steps)]


def is_ink(colour: QColor) -> bool:
    return colour.alpha() > 0 and colour.lightness() < 160


def ink_pixels(image: QImage) -> int:
    return sum(
        1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2) if is_ink(image.pixelColor(x, y))
    )


@pytest.fixture
def pad(qtbot: QtBot) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(480, 180)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_stroke_drawn_with_the_mouse_is_captured(qtbot: QtBot, pad: SignaturePad) -> None:
    assert pad.is_empty()
    with qtbot.waitSignal(pad.signature_changed):
        draw(qtbot, pad, wave())
    assert len(pad.strokes) == 1
    assert len(pad.strokes[0].points) > 20
    assert not pad.is_empty()
    assert pad.signed_at is not None and pad.signed_at.utcoffset() in (timedelta(hours=1), timedelta(hours=2))
    assert pad.clear_button.isEnabled()
    # The ink shows on the pad itself, where it was drawn.
    shown = pad.grab().toImage()
    assert any(is_ink(shown.pixelColor(x, y)) for x, y in wave()[10:20])


def test_the_png_is_at_print_resolution_with_ink_where_drawn(qtbot: QtBot, pad: SignaturePad) -> None:
    draw(qtbot, pad, wave())
    png = pad.to_png()
    assert png is not None and png.startswith(b"\x89PNG")
    image = QImage.fromData(png, "PNG")
    assert not image.isNull()
    assert round(image.dotsPerMeterX() * 0.0254) == EXPORT_DPI
    # The stroke spans 236 px of a 480 px pad standing for 80 mm: about 39 mm, 465 px at 300 dpi, plus the
    # margin; a tight crop, not the whole 945 × 354 box.
    stroke_mm = 236 / 480 * BOX_WIDTH_MM
    expected = stroke_mm / 25.4 * EXPORT_DPI
    assert expected < image.width() < expected + 80
    assert image.height() < 250
    assert ink_pixels(image) > 300
    # Ink on the middle row of the wave's left end (it starts on its centre line), paper in the corners.
    middle = image.height() // 2
    assert any(is_ink(image.pixelColor(x, y)) for x in range(0, 40) for y in range(middle - 25, middle + 25))
    for x, y in [(0, 0), (image.width() - 1, 0), (0, image.height() - 1)]:
        assert image.pixelColor(x, y) == QColor(Qt.GlobalColor.white)


def test_a_transparent_export_leaves_the_paper_clear(qtbot: QtBot, pad: SignaturePad) -> None:
    draw(qtbot, pad, wave())
    image = QImage.fromData(pad.to_png(transparent=True) or b"", "PNG")
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0
    assert ink_pixels(image) > 300


def test_a_dot_is_not_a_signature(qtbot: QtBot, pad: SignaturePad) -> None:
    qtbot.mouseClick(pad, LEFT, NONE, QPoint(200, 90))
    draw(qtbot, pad, [(100, 100), (102, 101), (103, 101)])
    assert len(pad.strokes) == 2
    assert pad.is_empty()
    assert pad.to_png() is None


def test_clearing_starts_again(qtbot: QtBot, pad: SignaturePad) -> None:
    draw(qtbot, pad, wave())
    with qtbot.waitSignal(pad.signature_changed):
        qtbot.mouseClick(pad.clear_button, LEFT)
    assert pad.is_empty()
    assert pad.strokes == []
    assert pad.signed_at is None
    assert pad.to_png() is None
    assert not pad.clear_button.isEnabled()


def test_the_signature_keeps_its_shape_on_a_pad_of_another_size(qtbot: QtBot, pad: SignaturePad) -> None:
    """Strokes are kept in millimetres of the 8 × 3 cm box: the export does not depend on the pad's size."""
    draw(qtbot, pad, wave())
    before = QImage.fromData(pad.to_png() or b"", "PNG").size()
    pad.resize(960, 360)
    assert QImage.fromData(pad.to_png() or b"", "PNG").size() == before
    assert pad.to_mm(QPointF(960, 360)) == (80.0, 30.0)


def test_the_dialog_returns_both_signers(qtbot: QtBot) -> None:
    dialog = SignDialog(
        "NCY-2600042-K",
        "Claire Dubois",
        [Signer("Marie Martin", "Secrétaire de mairie"), Signer("Jean Petit", "Responsable technique")],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.technician.name() == "Claire Dubois"
    assert not dialog.accept_button.isEnabled()

    draw(qtbot, dialog.technician.pad, wave())
    assert not dialog.accept_button.isEnabled(), "the client has neither signed nor chosen to sign later"
    dialog.client.name_combo.setCurrentText("Jean Petit")
    assert dialog.client.capacity() == "Responsable technique"
    dialog.client.capacity_field.setText("Responsable technique, mairie de Maxéville")
    draw(qtbot, dialog.client.pad, wave(80, 100, 50))
    assert dialog.accept_button.isEnabled()

    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.accept_button, LEFT)
    technician, client = dialog.signatures()
    assert isinstance(technician, Signature) and isinstance(client, Signature)
    assert (technician.role, technician.name) == (TECHNICIAN_ROLE, "Claire Dubois")
    assert (client.role, client.name, client.capacity) == (
        CLIENT_ROLE,
        "Jean Petit",
        "Responsable technique, mairie de Maxéville",
    )
    for signature in (technician, client):
        assert signature.png is not None and signature.png.startswith(b"\x89PNG")
        assert signature.signed_at is not None and signature.signed_at.tzinfo is not None


def test_the_client_may_sign_the_printed_copy_later(qtbot: QtBot) -> None:
    dialog = SignDialog("NCY-2600042-K", "Claire Dubois", [Signer("Marie Martin", "Secrétaire de mairie")])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    draw(qtbot, dialog.technician.pad, wave())
    draw(qtbot, dialog.client.pad, wave())
    qtbot.mouseClick(dialog.later_box, LEFT, pos=QPoint(8, dialog.later_box.height() // 2))
    assert dialog.sign_later()
    assert dialog.client.pad.is_empty(), "signing later clears what the client drew"
    draw(qtbot, dialog.client.pad, wave())
    assert dialog.client.pad.is_empty(), "the pad takes no ink while the client signs later"
    assert dialog.accept_button.isEnabled()
    client = dialog.client_signature()
    assert client.png is None and client.signed_at is None
    assert dialog.technician_signature().png is not None


def test_a_typed_client_name_is_kept(qtbot: QtBot) -> None:
    dialog = SignDialog("NCY-2600042-K", "Claire Dubois")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    line = dialog.client.name_combo.lineEdit()
    qtbot.keyClicks(line, "Paul Henry")
    line.insert(" (mairie de Maxéville)")
    dialog.client.capacity_field.setText("Secrétaire général")
    draw(qtbot, dialog.technician.pad, wave())
    draw(qtbot, dialog.client.pad, wave())
    assert dialog.missing() == ""
    client = dialog.client_signature()
    assert (client.name, client.capacity) == ("Paul Henry (mairie de Maxéville)", "Secrétaire général")


def test_a_finger_signs_and_a_second_finger_is_ignored(qtbot: QtBot, pad: SignaturePad) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(60, 90)).commit()
    for step in range(1, 40):
        sequence = QTest.touchEvent(pad, device).move(0, QPoint(60 + step * 5, 90 + (step % 8) * 3))
        if step == 20:
            sequence.press(1, QPoint(400, 40))  # a palm resting on the screen
        sequence.commit()
    QTest.touchEvent(pad, device).release(0, QPoint(255, 90)).release(1, QPoint(400, 40)).commit()
    assert len(pad.strokes) == 1
    assert not pad.is_empty()
    assert all(point.x < 45 for point in pad.strokes[0].points), "nothing drawn where the palm was"


def _pen_stroke(pad: SignaturePad, pressure: float) -> None:
    pen = QPointingDevice(
        "test pen",
        7001,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        3,
    )

    def send(kind: QEvent.Type, x: int, y: int, buttons: Qt.MouseButton) -> None:
        position = QPointF(x, y)
        event = QTabletEvent(
            kind, pen, position, QPointF(pad.mapToGlobal(position)), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
            NONE, LEFT, buttons,
        )
        QApplication.sendEvent(pad, event)

    points = wave()
    send(QEvent.Type.TabletPress, *points[0], LEFT)
    for x, y in points[1:]:
        send(QEvent.Type.TabletMove, x, y, LEFT)
    send(QEvent.Type.TabletRelease, *points[-1], Qt.MouseButton.NoButton)


def test_a_pen_signs_with_its_pressure(qtbot: QtBot, pad: SignaturePad) -> None:
    _pen_stroke(pad, 0.15)
    assert len(pad.strokes) == 1 and not pad.is_empty()
    assert {round(p.pressure, 2) for p in pad.strokes[0].points} == {0.15}
    light = ink_pixels(QImage.fromData(pad.to_png() or b"", "PNG"))
    pad.clear()
    _pen_stroke(pad, 0.95)
    heavy = ink_pixels(QImage.fromData(pad.to_png() or b"", "PNG"))
    assert heavy > light * 1.5, "pressing harder lays a wider line"
