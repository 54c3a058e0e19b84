"""The ``hotline`` command (and ``python -m app``): the command line, with the start's garbage
collections put off.

Starting allocates some 150,000 objects (SQLAlchemy, the mapped models, Qt's wrappers, the window) and
frees almost none: the automatic collections that run while they are built find nothing and cost about
50 ms of a start. They are held until the command's modules are loaded (the window built, for the GUI),
then the objects built so far are moved out of the collector's reach (``gc.freeze``) and collections
resume.
"""

from __future__ import annotations

import gc

_held = False


def hold_collections() -> None:
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def resume_collections() -> bool:
    """Freeze what the start built and let collections run again; False when they were not held."""
    global _held
    if not _held:
        return False
    _held = False
    gc.freeze()
    gc.enable()
    return True


def main() -> int:
    hold_collections()
    try:
        from app.cli import main as run_command
    except BaseException:
        resume_collections()
        raise
    return run_command()
