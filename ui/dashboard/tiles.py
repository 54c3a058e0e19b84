"""KPI tiles: the figure, its change against the previous period (▲/▼, green when it is good news,
red when bad, grey when neither) and one line of context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.services.reporting import PeriodFigures, SupervisorReport
from ui.dashboard.formats import hours, number, percent

UP_IS_GOOD = 1
DOWN_IS_GOOD = -1
NEUTRAL = 0
COLUMNS = 5


@dataclass(frozen=True)
class TileSpec:
    key: str
    caption: str
    value: Callable[[PeriodFigures], str]
    delta: str  # the name SupervisorReport.delta knows
    better: int
    detail: Callable[[PeriodFigures], str]


class KpiTile(QFrame):
    """One figure of the period."""

    def __init__(self, spec: TileSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"tile_{spec.key}")
        self.setProperty("dashboardTile", True)
        self.caption_label = QLabel(spec.caption)
        self.caption_label.setObjectName("tileCaption")
        self.value_label = QLabel("—")
        self.value_label.setObjectName("tileValue")
        self.delta_label = QLabel(" ")
        self.delta_label.setObjectName("tileDelta")
        self.detail_label = QLabel(" ")
        self.detail_label.setObjectName("tileDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.delta_label)
        layout.addWidget(self.detail_label)

    def show_report(self, report: SupervisorReport, previous_label: str) -> None:
        spec = self.spec
        self.value_label.setText(spec.value(report.current))
        self.detail_label.setText(spec.detail(report.current))
        delta = report.delta(spec.delta)
        before = spec.value(report.previous)
        if delta is None:
            self.delta_label.setText(self.tr("— vs previous period"))
            tone = "flat"
        else:
            rounded = round(delta * 100)
            arrow = "▲" if rounded > 0 else ("▼" if rounded < 0 else "=")
            sign = "+" if rounded > 0 else ("−" if rounded < 0 else "")
            self.delta_label.setText(
                self.tr("{arrow} {sign}{value} % vs previous period").format(
                    arrow=arrow, sign=sign, value=number(abs(delta) * 100)
                )
            )
            good = rounded * spec.better
            tone = "good" if good > 0 else ("bad" if good < 0 else "flat")
        self.delta_label.setProperty("tone", tone)
        self.delta_label.style().unpolish(self.delta_label)
        self.delta_label.style().polish(self.delta_label)
        self.setToolTip(self.tr("{period}: {value}").format(period=previous_label, value=before))

    def tone(self) -> str:
        return str(self.delta_label.property("tone") or "")


class KpiTiles(QWidget):
    """Two rows of tiles: volumes and stock on top, delays and quality under them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTiles")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.tiles: dict[str, KpiTile] = {}
        for index, spec in enumerate(self.specs()):
            tile = KpiTile(spec)
            self.tiles[spec.key] = tile
            grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)

    def specs(self) -> list[TileSpec]:
        return [
            TileSpec(
                "opened",
                self.tr("Incidents opened"),
                lambda f: number(f.opened),
                "opened",
                NEUTRAL,
                lambda f: self.tr("{n} not answered yet").format(n=number(f.unanswered)),
            ),
            TileSpec(
                "resolved",
                self.tr("Incidents resolved"),
                lambda f: number(f.resolved),
                "resolved",
                UP_IS_GOOD,
                lambda f: self.tr("{n} closed").format(n=number(f.closed)),
            ),
            TileSpec(
                "backlog",
                self.tr("Backlog at period end"),
                lambda f: number(f.backlog),
                "backlog",
                DOWN_IS_GOOD,
                lambda f: self.tr("median age {age}").format(age=hours(f.backlog_age.median)),
            ),
            TileSpec(
                "calls",
                self.tr("Calls"),
                lambda f: number(f.calls),
                "calls",
                NEUTRAL,
                lambda f: self.tr("{h} h on the line · {n} while closed").format(
                    h=number(f.call_minutes / 60, 0), n=number(f.calls_closed)
                ),
            ),
            TileSpec(
                "out_of_contract",
                self.tr("Out of contract"),
                lambda f: number(f.out_of_contract),
                "out_of_contract",
                DOWN_IS_GOOD,
                lambda f: self.tr("incidents opened in the period"),
            ),
            TileSpec(
                "first_response",
                self.tr("First response, median"),
                lambda f: hours(f.first_response.median),
                "first_response_median",
                DOWN_IS_GOOD,
                lambda f: self.tr("90th percentile {p}").format(p=hours(f.first_response.p90)),
            ),
            TileSpec(
                "resolution",
                self.tr("Resolution, median"),
                lambda f: hours(f.resolution.median),
                "resolution_median",
                DOWN_IS_GOOD,
                lambda f: self.tr("90th percentile {p}").format(p=hours(f.resolution.p90)),
            ),
            TileSpec(
                "within_target",
                self.tr("Resolved within target"),
                lambda f: percent(f.resolution.share_within),
                "resolution_within",
                UP_IS_GOOD,
                lambda f: self.tr("{n} of {total} resolved").format(
                    n=number(f.resolution.within_target), total=number(f.resolution.count)
                ),
            ),
            TileSpec(
                "first_response_within",
                self.tr("Answered within target"),
                lambda f: percent(f.first_response.share_within),
                "first_response_within",
                UP_IS_GOOD,
                lambda f: self.tr("{n} of {total} answered").format(
                    n=number(f.first_response.within_target), total=number(f.first_response.count)
                ),
            ),
            TileSpec(
                "workarounds",
                self.tr("Workaround rate"),
                lambda f: percent(f.workaround_rate),
                "workaround_rate",
                NEUTRAL,
                lambda f: self.tr("{n} workarounds").format(n=number(f.workarounds)),
            ),
        ]

    def show_report(self, report: SupervisorReport) -> None:
        previous = report.previous.period
        label = self.tr("Previous period ({first} – {last})").format(
            first=previous.first.strftime("%d/%m/%Y"), last=previous.last.strftime("%d/%m/%Y")
        )
        for tile in self.tiles.values():
            tile.show_report(report, label)
