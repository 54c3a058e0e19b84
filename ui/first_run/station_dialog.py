"""The dialog shown at the first start of a workstation that has no station code yet (R-10)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.config import Paths, Settings
from app.domain.numbering import NumberError, normalize_station


class StationDialog(QDialog):
    """Asks for the station code and the technician's name, validates them, and saves the settings."""

    def __init__(self, settings: Settings, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._paths = paths
        self.setObjectName("stationDialog")
        self.setWindowTitle(self.tr("First start of this workstation"))
        self.setModal(True)

        intro = QLabel(
            self.tr(
                "Each workstation has its own code, from 2 to 4 letters or digits (for example NCY). "
                "It begins every incident number made here, so that two workstations never give "
                "the same number, even offline."
            )
        )
        intro.setWordWrap(True)

        self.code_edit = QLineEdit(settings.station_code or "")
        self.code_edit.setObjectName("stationCodeEdit")
        self.code_edit.setMaxLength(6)
        self.code_edit.setPlaceholderText(self.tr("e.g. NCY"))
        self.name_edit = QLineEdit(settings.technician_name or "")
        self.name_edit.setObjectName("technicianNameEdit")
        self.name_edit.setPlaceholderText(self.tr("First and last name"))

        self.error_label = QLabel()
        self.error_label.setObjectName("stationError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("Station code"), self.code_edit)
        form.addRow(self.tr("Technician"), self.name_edit)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("stationButtons")
        buttons.accepted.connect(self.save_station)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons, alignment=Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(460)

    def save_station(self) -> None:
        """Validate with the same rule as the CLI (``normalize_station``); save only when valid."""
        try:
            code = normalize_station(self.code_edit.text())
        except NumberError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            self.code_edit.setFocus()
            return
        self._settings.station_code = code
        name = self.name_edit.text().strip()
        if name:
            self._settings.technician_name = name
        self._settings.save(self._paths)
        self.accept()
