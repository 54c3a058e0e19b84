"""The dashboard's filter bar: a period (presets or two dates) and the slice (client, technician,
product, channel, origin). It says when the choice changed; the screen decides when to compute."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.domain.reporting import Period, PeriodError
from app.domain.vocabulary import Channel, Origin
from app.services.reporting import ReportFilter
from ui.dashboard.operations import Choices
from ui.style import set_role

THIS_MONTH = "this_month"
LAST_MONTH = "last_month"
THIS_QUARTER = "this_quarter"
THIS_YEAR = "this_year"
CUSTOM = "custom"
# Typing in the date fields computes once the user pauses, not at every digit.
DATE_DELAY_MS = 500


def preset_period(preset: str, today: date) -> Period:
    """The period a preset means on ``today``: to date for the current month, quarter and year (so the
    comparison is with as many days just before), the whole previous month otherwise."""
    if preset == LAST_MONTH:
        last = today.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last)
    if preset == THIS_QUARTER:
        return Period(date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today)
    if preset == THIS_YEAR:
        return Period(date(today.year, 1, 1), today)
    return Period(today.replace(day=1), today)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DashboardFilterBar(QFrame):
    """Period presets, two dates for « personnalisé », and one selector per slice."""

    #: The period or the slice changed.
    changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardFilterBar")
        self._today = today

        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("dashboardPeriodPreset")
        for label, key in (
            (self.tr("This month"), THIS_MONTH),
            (self.tr("Last month"), LAST_MONTH),
            (self.tr("This quarter"), THIS_QUARTER),
            (self.tr("This year"), THIS_YEAR),
            (self.tr("Custom"), CUSTOM),
        ):
            self.preset_combo.addItem(label, key)
        self.preset_combo.setMinimumContentsLength(13)
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.from_edit = self._date_edit("dashboardFrom")
        self.to_edit = self._date_edit("dashboardTo")

        self.client_combo = QComboBox()
        self.client_combo.setObjectName("dashboardClient")
        self.client_combo.setEditable(True)
        self.client_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.client_combo.lineEdit().setPlaceholderText(self.tr("All clients"))
        self.client_combo.setMinimumContentsLength(16)
        self.client_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = QCompleter(self.client_combo.model(), self.client_combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.client_combo.setCompleter(completer)
        self.technician_combo = self._combo("dashboardTechnician", self.tr("All technicians"))
        self.product_combo = self._combo("dashboardProduct", self.tr("All products"))
        self.channel_combo = self._combo("dashboardChannel", self.tr("All channels"))
        for channel in Channel:
            self.channel_combo.addItem(channel.label, channel.value)
        self.origin_combo = self._combo("dashboardOrigin", self.tr("All origins"))
        for origin in Origin:
            self.origin_combo.addItem(origin.label, origin.value)

        # Two lines: the period, then the slice. On one line the seven fields do not fit the window's
        # default width; each selector says what it filters by its « Tous les … » entry and its tooltip.
        period_line = QHBoxLayout()
        period_line.setSpacing(6)
        period_line.addWidget(set_role(QLabel(self.tr("Period")), "fieldLabel"))
        period_line.addWidget(self.preset_combo)
        period_line.addWidget(self.from_edit)
        period_line.addWidget(QLabel("→"))
        period_line.addWidget(self.to_edit)
        period_line.addStretch(1)
        slice_line = QHBoxLayout()
        slice_line.setSpacing(8)
        for caption, widget, stretch in (
            (self.tr("Client"), self.client_combo, 3),
            (self.tr("Technician"), self.technician_combo, 2),
            (self.tr("Product"), self.product_combo, 2),
            (self.tr("Channel"), self.channel_combo, 2),
            (self.tr("Origin"), self.origin_combo, 2),
        ):
            widget.setToolTip(caption)
            widget.setAccessibleName(caption)
            slice_line.addWidget(widget, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(6)
        layout.addLayout(period_line)
        layout.addLayout(slice_line)

        self._date_timer = QTimer(self, singleShot=True, interval=DATE_DELAY_MS)
        self._date_timer.timeout.connect(self.changed)
        self.preset_combo.currentIndexChanged.connect(self._preset_changed)
        self.from_edit.dateChanged.connect(self._dates_edited)
        self.to_edit.dateChanged.connect(self._dates_edited)
        self.client_combo.activated.connect(lambda _i: self._client_typed())
        self.client_combo.lineEdit().editingFinished.connect(self._client_typed)
        for combo in (self.technician_combo, self.product_combo, self.channel_combo, self.origin_combo):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._last_client = ""
        self._show_preset_dates(THIS_MONTH)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("00/00/00000") + 36)
        return edit

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        combo.addItem(everything, "")
        return combo

    # --- choices --------------------------------------------------------------------------------

    def set_choices(self, choices: Choices) -> None:
        """Fill the client, technician and product selectors (the current choice is kept)."""
        combos = (
            (self.client_combo, choices.clients),
            (self.technician_combo, choices.technicians),
            (self.product_combo, choices.products),
        )
        for combo, rows in combos:
            chosen = combo.currentData() if combo is not self.client_combo else self.client_code()
            combo.blockSignals(True)
            try:
                if combo is self.client_combo:
                    text = combo.currentText()
                    combo.clear()
                    combo.addItem(self.tr("All clients"), "")
                else:
                    while combo.count() > 1:
                        combo.removeItem(1)
                for key, name in rows:
                    combo.addItem(f"{key} · {name}" if combo is not self.technician_combo else name, key)
                index = combo.findData(chosen) if chosen else 0
                combo.setCurrentIndex(max(index, 0))
                if combo is self.client_combo and index < 0:
                    combo.setEditText(text)
            finally:
                combo.blockSignals(False)
        self._last_client = self.client_code() or ""

    # --- the choice made ------------------------------------------------------------------------

    def period(self) -> Period:
        """The period shown; raises PeriodError when the two dates are the wrong way round."""
        return Period.of(_pydate(self.from_edit.date()), _pydate(self.to_edit.date()))

    def client_code(self) -> str | None:
        """The client chosen: the selected entry's code, or what was typed up to « · »."""
        combo = self.client_combo
        text = combo.currentText().strip()
        if not text:
            return None
        index = combo.findText(text)
        if index >= 0:
            return combo.itemData(index) or None
        return text.split("·")[0].strip().upper() or None

    def report_filter(self) -> ReportFilter:
        channel = self.channel_combo.currentData()
        origin = self.origin_combo.currentData()
        client = self.client_code()
        return ReportFilter(
            clients=(client,) if client else (),
            technician=self.technician_combo.currentData() or None,
            product=self.product_combo.currentData() or None,
            channel=Channel(channel) if channel else None,
            origin=Origin(origin) if origin else None,
        )

    def set_preset(self, preset: str) -> None:
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(preset))

    def set_period(self, first: date, last: date) -> None:
        """Show ``first``…``last`` as a custom period (one change, not two)."""
        self._set_dates(first, last)
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(CUSTOM))
        self.preset_combo.blockSignals(False)
        self.changed.emit()

    def set_product(self, code: str) -> None:
        index = self.product_combo.findData(code)
        if index >= 0:
            self.product_combo.setCurrentIndex(index)

    # --- reactions ------------------------------------------------------------------------------

    def _preset_changed(self, _index: int) -> None:
        preset = self.preset_combo.currentData()
        if preset != CUSTOM:
            self._show_preset_dates(preset)
            self.changed.emit()

    def _show_preset_dates(self, preset: str) -> None:
        period = preset_period(preset, self._today())
        self._set_dates(period.first, period.last)

    def _set_dates(self, first: date, last: date) -> None:
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _dates_edited(self, _value: QDate) -> None:
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(CUSTOM))
        self.preset_combo.blockSignals(False)
        self._date_timer.start()

    def _client_typed(self) -> None:
        code = self.client_code() or ""
        if code != self._last_client:
            self._last_client = code
            self.changed.emit()

    def check_period(self) -> str | None:
        """The French refusal of the dates shown, or None when they make a period."""
        try:
            self.period()
        except PeriodError as error:
            return str(error)
        return None
