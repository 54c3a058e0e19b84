"""Refresh the French catalogue from the sources in ``ui/`` and compile it.

    python resources/i18n/update.py           # pyside6-lupdate ui/ -> hotline_fr.ts, pyside6-lrelease -> .qm
    python resources/i18n/update.py --check   # exit 1 if a string lacks a finished French translation

After a refresh, translate the new messages in ``hotline_fr.ts`` (Qt Linguist, or by hand: fill the
``<translation>`` and remove ``type="unfinished"``), then run the script again to compile.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "ui"
CATALOG_DIR = Path(__file__).resolve().parent
LANGUAGE = "fr_FR"
TS_FILE = CATALOG_DIR / "hotline_fr.ts"
QM_FILE = CATALOG_DIR / "hotline_fr.qm"


@dataclass(frozen=True)
class Message:
    """One source string of a catalogue and whether its translation is finished."""

    context: str
    source: str
    finished: bool


def tool(name: str) -> str:
    """The path of a PySide6 tool: next to this Python first (a virtualenv), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found: install PySide6 in this environment")
    return found


def extract(ts_file: Path, sources: Path = SOURCES) -> None:
    """Run lupdate over ``sources`` into ``ts_file``, keeping its existing translations and dropping
    strings that vanished from the code. No source locations: line numbers would churn every diff."""
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-silent",
            "-extensions",
            "py",
            "-locations",
            "none",
            "-no-obsolete",
            "-target-language",
            LANGUAGE,
            str(sources),
            "-ts",
            str(ts_file),
        ],
        check=True,
    )


def compile_catalog(ts_file: Path, qm_file: Path) -> None:
    """Compile ``ts_file`` to ``qm_file`` with lrelease."""
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)


def messages(ts_file: Path) -> list[Message]:
    """Every live message of a .ts file, and whether its translation is finished (every plural form
    filled, not marked unfinished)."""
    found: list[Message] = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else None
            if kind in ("obsolete", "vanished"):
                continue
            if translation is None:
                finished = False
            elif message.get("numerus") == "yes":
                forms = [f.text or "" for f in translation.iter("numerusform")]
                finished = bool(forms) and all(forms) and kind != "unfinished"
            else:
                finished = bool(translation.text) and kind != "unfinished"
            found.append(Message(name, message.findtext("source", ""), finished))
    return found


def main(argv: list[str] | None = None) -> int:
    """Refresh and compile the catalogue (or only check it); exit code 1 when strings lack French."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report unfinished translations")
    args = parser.parse_args(argv)
    if not args.check:
        extract(TS_FILE)
        compile_catalog(TS_FILE, QM_FILE)
    missing = [m for m in messages(TS_FILE) if not m.finished]
    for m in missing:
        print(f"untranslated: [{m.context}] {m.source}", file=sys.stderr)
    print(f"{TS_FILE.name}: {len(missing)} message(s) to translate")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
