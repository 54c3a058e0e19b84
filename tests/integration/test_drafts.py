"""The intake draft on disk: one per station, written atomically, offered back after a crash."""

from __future__ import annotations

from app.config import Paths
from app.services.drafts import IntakeDraft, discard_draft, draft_path, load_draft, save_draft


def test_a_saved_draft_comes_back_field_by_field(hotline_home: Paths) -> None:
    draft = IntakeDraft(client_id="abc", client_code="C54001", client_name="Maxéville", title="Écran figé", priority=2)
    save_draft(hotline_home, "NCY", draft)
    restored = load_draft(hotline_home, "NCY")
    assert restored is not None
    assert (restored.client_name, restored.title, restored.priority) == ("Maxéville", "Écran figé", 2)
    assert restored.saved_at


def test_each_station_has_its_own_draft(hotline_home: Paths) -> None:
    save_draft(hotline_home, "NCY", IntakeDraft(title="poste NCY"))
    assert load_draft(hotline_home, "MTZ") is None
    assert draft_path(hotline_home, "NCY") != draft_path(hotline_home, "MTZ")


def test_writing_leaves_no_temporary_file_behind(hotline_home: Paths) -> None:
    for n in range(3):
        save_draft(hotline_home, "NCY", IntakeDraft(title=f"essai {n}"))
    folder = draft_path(hotline_home, "NCY").parent
    assert [p.name for p in folder.iterdir()] == ["intake-NCY.json"]


def test_an_empty_form_removes_the_draft(hotline_home: Paths) -> None:
    save_draft(hotline_home, "NCY", IntakeDraft(title="quelque chose"))
    save_draft(hotline_home, "NCY", IntakeDraft())
    assert load_draft(hotline_home, "NCY") is None


def test_a_discarded_draft_is_gone(hotline_home: Paths) -> None:
    save_draft(hotline_home, "NCY", IntakeDraft(title="annulé"))
    discard_draft(hotline_home, "NCY")
    discard_draft(hotline_home, "NCY")  # twice is harmless
    assert load_draft(hotline_home, "NCY") is None


def test_a_corrupt_draft_is_set_aside_not_offered(hotline_home: Paths) -> None:
    path = draft_path(hotline_home, "NCY")
    path.parent.mkdir(parents=True)
    path.write_text("{ half written", encoding="utf-8")
    assert load_draft(hotline_home, "NCY") is None
    assert path.with_suffix(".corrupt").exists()


def test_a_station_code_cannot_escape_the_drafts_folder(hotline_home: Paths) -> None:
    path = draft_path(hotline_home, "../../etc")
    assert path.parent == hotline_home.data / "drafts"
