"""`hotline schedule …`: the calendar from the command line (R-15, R-16, R-17)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main


@pytest.fixture
def db(tmp_path: Path, capsys) -> str:
    path = str(tmp_path / "cal.sqlite3")
    assert main(["--db", path, "db", "upgrade"]) == 0
    capsys.readouterr()
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("at", "is_open", "reason"),
    [
        ("2026-11-27T16:30", False, "Hors horaires d'ouverture"),  # Friday closes at 16:00
        ("2026-11-26T16:30", True, None),  # Thursday open until 17:00
        ("2026-11-26T12:15", False, "Pause méridienne"),
        ("2026-11-26T08:29", False, "Hors horaires d'ouverture"),
        ("2026-11-26T08:30", True, None),
        ("2026-04-06T10:00", False, "Jour férié : Lundi de Pâques"),
        ("2027-05-06T10:00", False, "Jour férié : Ascension"),
        ("2028-06-05T10:00", False, "Jour férié : Lundi de Pentecôte"),
        ("2035-07-14T10:00", False, "Jour férié : Fête nationale"),
        ("2024-12-25T10:00+01:00", False, "Jour férié : Noël"),
        ("2026-05-14T08:00Z", False, "Jour férié : Ascension"),
    ],
)
def test_status_at_an_instant(capsys, db: str, at: str, is_open: bool, reason: str | None) -> None:
    code, out, _ = run(capsys, "--db", db, "schedule", "status", "--at", at, "--json")
    data = json.loads(out)
    assert code == 0 and data["open"] is is_open and data["reason"] == reason


def test_status_text_tells_when_it_reopens(capsys, db: str) -> None:
    code, out, _ = run(capsys, "--db", db, "schedule", "status", "--at", "2026-05-14T10:00")
    assert code == 0 and out.strip() == "Hotline fermée (Ascension) — réouvre demain 08:30"
    code, out, _ = run(capsys, "--db", db, "schedule", "status", "--at", "2026-11-26T10:00")
    assert out.strip() == "Hotline ouverte — ferme à 12:00"


def test_minutes_thursday_16h_to_friday_9h_is_90(capsys, db: str) -> None:
    """R-17: 60 minutes on Thursday (16:00–17:00) and 30 on Friday (08:30–09:00)."""
    code, out, _ = run(
        capsys, "--db", db, "schedule", "minutes", "2026-11-26T16:00", "2026-11-27T09:00", "--json"
    )
    assert code == 0 and json.loads(out)["minutes"] == 90


def test_minutes_reversed_are_negative(capsys, db: str) -> None:
    code, out, _ = run(
        capsys, "--db", db, "schedule", "minutes", "2026-11-27T09:00", "2026-11-26T16:00", "--json"
    )
    assert code == 0 and json.loads(out)["minutes"] == -90


def test_training_days_close_the_hotline(capsys, db: str) -> None:
    """R-16: two internal training days a year."""
    code, out, _ = run(
        capsys, "--db", db, "schedule", "training-days", "set", "2027", "2027-03-04", "2027-10-07"
    )
    assert code == 0 and "04/03/2027" in out and "⚠" not in out
    code, out, _ = run(capsys, "--db", db, "schedule", "status", "--at", "2027-03-04T10:00", "--json")
    assert json.loads(out)["reason"] == "Formation interne"
    code, out, _ = run(capsys, "--db", db, "schedule", "closures", "--year", "2027", "--json")
    data = json.loads(out)
    assert [c["start"][:10] for c in data["closures"] if c["kind"] == "training"] == [
        "2027-03-04",
        "2027-10-07",
    ]
    assert data["warnings"] == []


def test_a_training_day_on_a_holiday_is_saved_with_a_warning(capsys, db: str) -> None:
    code, out, _ = run(
        capsys, "--db", db, "schedule", "training-days", "set", "2026", "2026-05-14", "2026-06-04"
    )
    assert code == 0 and "⚠" in out and "Ascension" in out


def test_closures_as_ics_follow_rfc_5545(capsys, db: str) -> None:
    run(capsys, "--db", db, "schedule", "training-days", "set", "2026", "2026-06-04", "2026-09-17")
    code = main(["--db", db, "schedule", "closures", "--year", "2026", "--ics"])
    raw = capsys.readouterr().out
    assert code == 0
    assert raw.startswith("BEGIN:VCALENDAR\r\n") and raw.endswith("END:VCALENDAR\r\n")
    lines = raw.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "\n" not in raw.replace("\r\n", "")
    unfolded = raw.replace("\r\n ", "").split("\r\n")
    assert "VERSION:2.0" in unfolded and any(line.startswith("PRODID:") for line in unfolded)
    events = raw.count("BEGIN:VEVENT")
    assert events == raw.count("END:VEVENT") == 13  # 11 public holidays + 2 training days
    for prop in ("UID:", "DTSTAMP:", "DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:", "SUMMARY:"):
        assert sum(line.startswith(prop) for line in unfolded) == events
    assert "SUMMARY:Hotline fermée — Formation interne" in unfolded
    assert "DTSTART;VALUE=DATE:20260525" in unfolded  # Whit Monday


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["schedule", "status", "--at", "demain"], "instant invalide"),
        (["schedule", "status", "--at", "2019-06-01T10:00"], "hors de la période"),
        (["schedule", "minutes", "2026-01-01T10:00", "x"], "instant invalide"),
        (["schedule", "closures", "--year", "2050"], "2050"),
        (["schedule", "closures", "--year", "2026", "--json", "--ics"], "pas les deux"),
        (["schedule", "training-days", "set", "2026", "2026-06-04", "2027-01-01"], "n'est pas en 2026"),
        (["schedule", "training-days", "set", "2026", "2026-06-04", "le 5 juin"], "date invalide"),
        (["schedule", "training-days", "set", "2026", "2026-06-04", "2026-06-04"], "deux fois"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, db: str, argv: list[str], fragment: str) -> None:
    code, out, err = run(capsys, "--db", db, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and fragment in err


def test_a_refused_edit_saves_nothing(capsys, db: str) -> None:
    run(capsys, "--db", db, "schedule", "training-days", "set", "2026", "2026-06-04", "2026-09-17")
    assert (
        run(capsys, "--db", db, "schedule", "training-days", "set", "2026", "2026-06-04", "2027-01-01")[0]
        == 2
    )
    code, out, _ = run(capsys, "--db", db, "schedule", "closures", "--year", "2026", "--json")
    assert code == 0
    days = [c["start"][:10] for c in json.loads(out)["closures"] if c["kind"] == "training"]
    assert days == ["2026-06-04", "2026-09-17"]
