"""The interface is French (DESIGN.md, i18n): every source string in ``ui/`` has a finished French
translation in ``resources/i18n/hotline_fr.ts``, and the committed ``.qm`` is compiled from that file.

When this fails after changing the UI, run ``python resources/i18n/update.py``, translate what it lists,
and run it again.
"""

from __future__ import annotations

from pathlib import Path

from resources.i18n.update import QM_FILE, TS_FILE, compile_catalog, extract, messages


def test_every_ui_string_has_a_finished_french_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "extracted.ts"
    extract(fresh)
    in_code = {(m.context, m.source) for m in messages(fresh)}
    assert in_code, "lupdate found no translatable string in ui/"
    translated = {(m.context, m.source) for m in messages(TS_FILE) if m.finished}
    missing = sorted(in_code - translated)
    assert not missing, "untranslated (run resources/i18n/update.py): " + "; ".join(
        f"[{context}] {source}" for context, source in missing
    )


def test_the_catalogue_has_no_unfinished_message() -> None:
    unfinished = [f"[{m.context}] {m.source}" for m in messages(TS_FILE) if not m.finished]
    assert not unfinished, unfinished
    assert 'type="unfinished"' not in TS_FILE.read_text(encoding="utf-8")


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    recompiled = tmp_path / "hotline_fr.qm"
    compile_catalog(TS_FILE, recompiled)
    assert QM_FILE.read_bytes() == recompiled.read_bytes(), "hotline_fr.qm is stale: run resources/i18n/update.py"
