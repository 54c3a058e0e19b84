"""Files written whole or not at all (app/files.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.files import replacing, write_atomically


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "out"
    path.mkdir()
    return path


def test_replaces_the_target_and_leaves_nothing_else(folder: Path) -> None:
    target = folder / "a.pdf"
    target.write_bytes(b"old")
    write_atomically(target, "é")
    assert target.read_bytes() == "é".encode() and [p.name for p in folder.iterdir()] == ["a.pdf"]


def test_an_error_in_the_block_keeps_the_old_file_and_removes_the_staged_one(folder: Path) -> None:
    target = folder / "a.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(target) as write:
        write(b"new")
        raise RuntimeError("the transaction was refused")
    assert target.read_bytes() == b"old" and [p.name for p in folder.iterdir()] == ["a.pdf"]


def test_a_failed_rename_removes_the_staged_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = folder / "a.pdf"

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert list(folder.iterdir()) == []
