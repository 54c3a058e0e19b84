"""The main window: navigation to every screen of the product, and who/where in the status bar."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.domain.vocabulary import Role
from app.services.staff import role_of
from ui.background import in_session, pending_operations, run_in_background
from ui.clients.list_screen import ClientListScreen
from ui.planning.status_indicator import HotlineStatusIndicator
from ui.style import STYLE_SHEET
from ui.sync import SyncController, SyncStatusIndicator

if TYPE_CHECKING:
    from ui.incidents import IncidentsScreen
    from ui.intake import IntakeScreen
    from ui.planning import PlanningScreen

CLIENTS = "clients"
CALL = "call"
INCIDENTS = "incidents"
PLANNING = "planning"
TELEMAINTENANCE = "telemaintenance"
CONTRACTS = "contracts"
DASHBOARD = "dashboard"
# The client list is the first screen; every other screen is built (and its modules imported) when first
# shown, so the window opens sooner.
_SCREEN_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
# The location of a team database can be long; the full text stays in the tooltip.
_LOCATION_WIDTH_PX = 420

log = logging.getLogger("hotline.ui.main_window")


@dataclass(frozen=True)
class ScreenSpec:
    """A screen of the product: its key, its title in the navigation, and what it is for."""

    key: str
    title: str
    purpose: str


class MainWindow(QMainWindow):
    """Left navigation, one page per screen, and a status bar with station, technician and database."""

    #: The user closed the window.
    closed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # Before the screens: they report their saved changes to it (a sync follows shortly).
        self.sync = SyncController(context, self)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Hotline — {vendor}").format(vendor=context.settings.vendor_name))
        self.setStyleSheet(STYLE_SHEET)
        self.resize(1360, 820)
        self.setMinimumSize(1000, 620)

        self.pages = QStackedWidget()
        self.pages.setObjectName("screenStack")
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.clients_screen = ClientListScreen(context.sessions)
        self._page_index: dict[str, int] = {}
        self._built: dict[str, QWidget] = {CLIENTS: self.clients_screen}
        for spec in self.screens():
            if spec.key == CLIENTS:
                page: QWidget = self.clients_screen
            else:
                page = QWidget()  # stands in for the screen until it is built
                page.setObjectName(f"{spec.key}Placeholder")
            self._page_index[spec.key] = self.pages.addWidget(page)
            item = QListWidgetItem(spec.title)
            item.setData(_SCREEN_KEY_ROLE, spec.key)
            item.setToolTip(spec.purpose)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._navigation_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._sidebar())
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_status_bar()

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setObjectName("findClientShortcut")
        find.activated.connect(self.focus_client_search)
        new_call = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        new_call.setObjectName("newCallShortcut")
        new_call.activated.connect(self.new_call)

        self.show_screen(CLIENTS)

    # --- screens --------------------------------------------------------------------------------

    def screens(self) -> list[ScreenSpec]:
        """Every screen of the product, in navigation order, with what each is for."""
        return [
            ScreenSpec(
                "call",
                self.tr("Call"),
                self.tr(
                    "Take a call: find the client and the caller, check what the contract covers and give "
                    "an incident number before the call ends."
                ),
            ),
            ScreenSpec(
                "incidents",
                self.tr("Incidents"),
                self.tr(
                    "Follow incidents from opening to closure: diagnosis, origin, workaround, resolution "
                    "and their complete history."
                ),
            ),
            ScreenSpec(
                "telemaintenance",
                self.tr("Remote maintenance"),
                self.tr(
                    "Record each step of a remote maintenance in the contract's order, from the written "
                    "information and the client's prior consent to the final report."
                ),
            ),
            ScreenSpec(
                "planning",
                self.tr("Planning"),
                self.tr(
                    "See the hotline's opening hours and public holidays, record exceptional closures and "
                    "training days, and plan the technicians' schedule."
                ),
            ),
            ScreenSpec(
                "dashboard",
                self.tr("Dashboard"),
                self.tr(
                    "See call volumes, delays in hotline hours, quotas and the backlog over a period, and "
                    "open the incidents behind a row."
                ),
            ),
            ScreenSpec(
                "contracts",
                self.tr("Contracts"),
                self.tr(
                    "Manage maintenance contracts and their services: dates, commitment, renewal, "
                    "termination and price revision."
                ),
            ),
            ScreenSpec(
                CLIENTS,
                self.tr("Clients"),
                self.tr("Find a client by code, hotline ID, phone or name, and see its file."),
            ),
        ]

    def _build_screen(self, key: str) -> QWidget | None:
        """The screen for ``key``, built on first use (None for an unknown key)."""
        built = self._built.get(key)
        if built is not None:
            return built
        if key == CALL:
            from ui.intake import IntakeScreen

            screen: QWidget = IntakeScreen(self.context)
        elif key == INCIDENTS:
            from ui.incidents import IncidentsScreen

            screen = IncidentsScreen(self.context)
            screen.telemaintenance_started.connect(self.open_telemaintenance)
        elif key == PLANNING:
            from ui.planning import PlanningScreen

            screen = PlanningScreen(self.context)
            screen.calendar_changed.connect(lambda: self.hotline_status.reload())
        elif key == TELEMAINTENANCE:
            from ui.telemaintenance import TelemaintenanceScreen

            screen = TelemaintenanceScreen(self.context)
        elif key == CONTRACTS:
            from ui.contracts import ContractsScreen

            screen = ContractsScreen(self.context)
        elif key == DASHBOARD:
            from ui.dashboard import DashboardScreen

            screen = DashboardScreen(self.context)
            screen.incidents_requested.connect(self.open_incidents)
        else:
            return None
        # The screen takes its placeholder's place in the stack (same index, same navigation row).
        index = self._page_index[key]
        placeholder = self.pages.widget(index)
        self.pages.insertWidget(index, screen)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        self._built[key] = screen
        self._watch_local_changes(screen)
        return screen

    def _watch_local_changes(self, screen: QWidget) -> None:
        """A screen's saved changes reach the portal shortly after (debounced background sync)."""
        for name in ("incident_saved", "incident_changed"):
            signal = getattr(screen, name, None)
            if signal is not None:
                signal.connect(self.sync.local_change)

    def _portal_changes_arrived(self, report: object) -> None:
        """A sync cycle brought incidents in or changed some: the incident list shows them."""
        if getattr(report, "applied", 0) or getattr(report, "released", 0):
            screen = self._built.get(INCIDENTS)
            if screen is not None:
                screen.apply_filters()  # type: ignore[attr-defined]

    @property
    def call_screen(self) -> IntakeScreen:
        return self._build_screen(CALL)  # type: ignore[return-value]

    @property
    def incidents_screen(self) -> IncidentsScreen:
        return self._build_screen(INCIDENTS)  # type: ignore[return-value]

    @property
    def planning_screen(self) -> PlanningScreen:
        return self._build_screen(PLANNING)  # type: ignore[return-value]

    def show_screen(self, key: str) -> None:
        """Bring the screen ``key`` to the front and select it in the navigation."""
        index = self._page_index[key]
        self._build_screen(key)
        self.pages.setCurrentIndex(index)
        if self.navigation.currentRow() != index:
            self.navigation.setCurrentRow(index)

    def open_telemaintenance(self, reference: str) -> None:
        """Bring the Télémaintenance screen to the front on intervention ``reference``."""
        self.show_screen(TELEMAINTENANCE)
        self._built[TELEMAINTENANCE].show_reference(reference)  # type: ignore[attr-defined]

    def open_incidents(self, incident_filter: object) -> None:
        """Bring the Incidents screen to the front, its list filtered (an ``IncidentFilter``)."""
        self.show_screen(INCIDENTS)
        self.incidents_screen.show_filter(incident_filter)  # type: ignore[arg-type]

    def current_screen(self) -> str:
        """The key of the screen in front."""
        item = self.navigation.currentItem()
        return str(item.data(_SCREEN_KEY_ROLE)) if item else CLIENTS

    def new_call(self) -> None:
        """Ctrl+N: go to the call screen and start an empty call."""
        self.show_screen(CALL)
        self.call_screen.new_call()

    def focus_client_search(self) -> None:
        """Ctrl+F: put the cursor in the client search of the call screen when it is in front, else of
        the client list."""
        if self.current_screen() == CALL:
            self.call_screen.focus_search()
            return
        self.show_screen(CLIENTS)
        self.clients_screen.focus_search()

    def is_idle(self) -> bool:
        """Shown, its first data on screen, and nothing running in the background."""
        return self.isVisible() and self.clients_screen.is_idle() and pending_operations() == 0

    def _navigation_changed(self, row: int) -> None:
        if row >= 0:
            item = self.navigation.item(row)
            if item is not None:
                self._build_screen(str(item.data(_SCREEN_KEY_ROLE)))
            self.pages.setCurrentIndex(row)

    # --- frame ----------------------------------------------------------------------------------

    def _sidebar(self) -> QFrame:
        sidebar = QFrame()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(212)
        title = QLabel(self.tr("Hotline"))
        title.setObjectName("sidebarTitle")
        vendor = QLabel(self.context.settings.vendor_name.upper())
        vendor.setObjectName("sidebarSubtitle")
        layout = QVBoxLayout(sidebar)
        layout.setContentsMargins(0, 20, 0, 12)
        layout.setSpacing(2)
        header = QVBoxLayout()
        header.setContentsMargins(22, 0, 16, 18)
        header.setSpacing(2)
        header.addWidget(title)
        header.addWidget(vendor)
        layout.addLayout(header)
        layout.addWidget(self.navigation, 1)
        return sidebar

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setObjectName("statusBar")
        status.setSizeGripEnabled(False)
        station = self.context.station
        self.station_label = QLabel(
            self.tr("Station {code}").format(code=station) if station else self.tr("Station not set")
        )
        self.station_label.setObjectName("stationStatus")
        # The name at once; the role once the staff record is read (a supervisor is not « Technicien »).
        self.technician_label = QLabel(self.context.technician_name)
        self.technician_label.setObjectName("technicianStatus")
        run_in_background(
            self,
            in_session(self.context.sessions, role_of, self.context.technician_login),
            self._show_role,
            self._role_unread,
        )
        solo = self.context.mode == "solo"
        self.mode_label = QLabel(self.tr("Solo mode") if solo else self.tr("Team mode"))
        self.mode_label.setObjectName("modeStatus")
        location = self.context.location
        self.location_label = QLabel()
        self.location_label.setObjectName("locationStatus")
        self.location_label.setToolTip(location)
        elided = self.location_label.fontMetrics().elidedText(
            location, Qt.TextElideMode.ElideMiddle, _LOCATION_WIDTH_PX
        )
        self.location_label.setText(self.tr("Database: {location}").format(location=elided))
        status.addWidget(self.station_label)
        status.addWidget(self.technician_label)
        if self.context.demo:
            demo = QLabel(self.tr("Demonstration data"))
            demo.setObjectName("demoStatus")
            status.addWidget(demo)
        self.hotline_status = HotlineStatusIndicator(self.context.sessions)
        status.addPermanentWidget(self.hotline_status)
        self.hotline_status.reload()
        self.sync_status = SyncStatusIndicator(self.sync)
        status.addPermanentWidget(self.sync_status)
        self.sync.cycle_finished.connect(self._portal_changes_arrived)
        self.sync.start()
        status.addPermanentWidget(self.mode_label)
        status.addPermanentWidget(self.location_label)

    def _role_unread(self, error: BaseException) -> None:
        # The database did not answer: the name stays alone rather than a role, or « no staff record », guessed.
        log.warning("role of %s not read: %s", self.context.technician_login, error)
        self.technician_label.setToolTip(self.tr("Login: {login}").format(login=self.context.technician_login))

    def _show_role(self, role: Role | None) -> None:
        name = self.context.technician_name
        if role is Role.SUPERVISOR:
            text = self.tr("Supervisor: {name}")
        elif role is Role.ADMIN:
            text = self.tr("Administrator: {name}")
        else:
            text = self.tr("Technician: {name}")
        self.technician_label.setText(text.format(name=name))
        if role is None:
            self.technician_label.setToolTip(
                self.tr("No staff record for the login « {login} » yet: a supervisor gives it a role.").format(
                    login=self.context.technician_login
                )
            )
        else:
            self.technician_label.setToolTip(self.tr("Login: {login}").format(login=self.context.technician_login))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Tell ``run_gui`` the window is gone, so it can stop the event loop cleanly."""
        super().closeEvent(event)
        if event.isAccepted():
            # A running sync cycle gets at most 2 s to stop at its next step; else it is abandoned,
            # safely (docs/sync.md, « Sync in the app »).
            self.sync.shutdown()
            self.closed.emit()
