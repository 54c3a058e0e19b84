"""``run_gui(context, screenshot)``: the window opens, loads, is saved as a PNG, and the call returns 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.context import AppContext
from ui.app import SCREENSHOT_SIZE, run_gui


def test_screenshot_mode_writes_a_png_of_the_loaded_window(context: AppContext, screenshot_path: Path) -> None:
    assert run_gui(context, screenshot=screenshot_path) == 0
    data = screenshot_path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage(str(screenshot_path))
    assert (image.width(), image.height()) == SCREENSHOT_SIZE


def test_an_unwritable_path_is_reported_in_french(
    context: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "x.png"
    assert run_gui(context, screenshot=target) == 1
    err = capsys.readouterr().err
    assert "Impossible d'enregistrer la capture" in err
