"""Files written whole or not at all: the content goes to a synced temporary file beside the target, which
is renamed over it at the end, so a crash, a full disk or a refusal never leaves half a file (or a file
the database does not know about) under the chosen name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(target: Path, prefix: str = ".hotline-") -> Iterator[Callable[[bytes | str], None]]:
    """Inside the block, ``write(content)`` stages ``content`` (bytes, or text as UTF-8) beside ``target``.

    When the block ends without an error, the staged file is renamed over ``target``: a database
    transaction opened inside the block has committed by then, so a registered document is never missing
    its file, and a refused one never leaves a file behind. On an error the staged file is removed.
    """
    staged: list[str] = []

    def write(content: bytes | str) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        descriptor, name = tempfile.mkstemp(dir=Path(target).parent, prefix=prefix, suffix=".part")
        staged.append(name)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    try:
        yield write
        if staged:
            os.replace(staged[-1], target)
            staged.pop()
    finally:
        for name in staged:
            Path(name).unlink(missing_ok=True)


def write_atomically(target: Path, content: bytes | str, prefix: str = ".hotline-") -> None:
    """Replace ``target`` with ``content`` in one step (see :func:`replacing`)."""
    with replacing(target, prefix) as write:
        write(content)


__all__ = ["replacing", "write_atomically"]
