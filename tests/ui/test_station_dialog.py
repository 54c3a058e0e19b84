"""First start of a workstation: the station code is asked and checked like the CLI does (R-10)."""

from __future__ import annotations

from app.config import Settings, user_paths
from ui.first_run.station_dialog import StationDialog


def test_a_bad_station_code_is_refused_in_french_and_nothing_saved(qtbot) -> None:
    paths = user_paths()
    dialog = StationDialog(Settings(), paths)
    qtbot.addWidget(dialog)
    dialog.code_edit.setText("Z1")
    dialog.save_station()
    assert not dialog.error_label.isHidden() and "Z" in dialog.error_label.text()
    assert dialog.result() == 0
    assert not paths.settings_file.exists()


def test_a_good_station_code_is_normalised_and_saved(qtbot) -> None:
    paths = user_paths()
    settings = Settings()
    dialog = StationDialog(settings, paths)
    qtbot.addWidget(dialog)
    dialog.code_edit.setText(" ncy ")
    dialog.name_edit.insert("Élodie Marchal")
    dialog.save_station()
    assert dialog.result() == StationDialog.DialogCode.Accepted
    saved = Settings.load(paths)
    assert saved.station_code == "NCY" and saved.technician_name == "Élodie Marchal"


def test_the_dialog_speaks_french(qtbot) -> None:
    dialog = StationDialog(Settings(), user_paths())
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Premier démarrage de ce poste"
