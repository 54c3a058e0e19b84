"""The client list: type a code, a hotline id, a phone number or a name, see who it is (R-04).

Searching runs in the background as the user types (after a short pause), so typing never waits for
the database; a search overtaken by a newer one is dropped (``ui.background``).
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.services.clients import ClientDetail, ClientSummary, client_detail, search_clients
from ui.background import in_session, run_in_background
from ui.clients.detail_panel import ClientDetailPanel
from ui.models.client_table import ClientTableModel, Column
from ui.style import set_role
from ui.widgets.list_table import list_table

if TYPE_CHECKING:
    from ui.intake.operations import Technician

log = logging.getLogger("hotline.ui.clients")

# Long enough to wait for the next keystroke of a fast typist, short enough to feel instant.
SEARCH_DELAY_MS = 150
# Rows shown at once: a caller is found in the first few; more means the text is too vague.
RESULT_LIMIT = 100

_COLUMN_WIDTHS = {
    Column.CODE: 72,
    Column.HOTLINE_ID: 88,
    Column.KIND: 100,
    Column.CITY: 124,
    Column.PHONE: 116,
}


class ClientListScreen(QWidget):
    """Search field, result table and the selected client's file."""

    #: A search result is on screen (the number of rows shown).
    results_shown = Signal(int)
    #: The detail panel shows a client's file.
    detail_shown = Signal(object)

    def __init__(
        self, sessions: sessionmaker[Session], parent: QWidget | None = None, *, technician: Technician | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clientListScreen")
        self._sessions = sessions
        self._technician = technician
        self.register_dialog: QWidget | None = None
        self._searching = False
        self._loading_detail = False
        self._loaded_once = False
        self._shown_client: uuid.UUID | None = None

        title = set_role(QLabel(self.tr("Clients")), "title")
        title.setObjectName("clientScreenTitle")

        self.search_field = QLineEdit()
        self.search_field.setObjectName("clientSearchField")
        self.search_field.setPlaceholderText(self.tr("Client code, hotline ID, phone or name…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search clients"))
        self.search_field.installEventFilter(self)

        self.count_label = set_role(QLabel(), "count")
        self.count_label.setObjectName("clientCountLabel")
        # Wide enough for the usual counts, so the search field does not jump as results arrive.
        self.count_label.setMinimumWidth(110)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.model = ClientTableModel(self)
        self.table = list_table(self.model, "clientTable", row_height=30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)

        self.detail_panel = ClientDetailPanel()
        self.detail_panel.show_message(self._hint(), self.tr("No client selected"))
        self.detail_panel.register_requested.connect(self.open_register)

        search_row = QHBoxLayout()
        search_row.setSpacing(8)
        search_row.addWidget(self.search_field, 1)
        search_row.addWidget(self.count_label, 0)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("clientSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(12)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_panel)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([740, 360])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addLayout(search_row)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.search_clients)
        self.search_field.textChanged.connect(self._debounce.start)

        self.search_clients()

    # --- state ----------------------------------------------------------------------------------

    def is_idle(self) -> bool:
        """True once the first result is shown and no search or file is on its way."""
        return self._loaded_once and not self._searching and not self._loading_detail and not self._debounce.isActive()

    def focus_search(self) -> None:
        """Put the cursor in the search field, its text selected so typing replaces it."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    # --- searching ------------------------------------------------------------------------------

    def search_clients(self) -> None:
        """Search for what the field holds now, in the background."""
        self._debounce.stop()
        text = self.search_field.text()
        self._searching = True
        run_in_background(
            self,
            in_session(self._sessions, search_clients, text, RESULT_LIMIT + 1),
            lambda rows: self._show_results(text, rows),
            self._search_failed,
            key="search",
        )

    def _show_results(self, text: str, rows: list[ClientSummary]) -> None:
        self._searching = False
        self._loaded_once = True
        shown = rows[:RESULT_LIMIT]
        self.model.set_rows(shown)
        self.count_label.setText(self._count_text(text, len(rows)))
        kept = self.model.row_of(self._shown_client) if self._shown_client else None
        if shown and text.strip():
            # The best match is what the caller meant nearly every time: show its file at once.
            self._select_row(0)
        elif kept is not None:
            self._select_row(kept)
        elif shown:
            self._shown_client = None
            self.detail_panel.show_message(self._hint(), self.tr("No client selected"))
        else:
            self._shown_client = None
            message = (
                self.tr("No client matches « {text} ».").format(text=text.strip())
                if text.strip()
                else self.tr("No client in the database yet.")
            )
            self.detail_panel.show_message(message)
        self.results_shown.emit(len(shown))

    def _hint(self) -> str:
        return self.tr(
            "Type a client code (C05412), a hotline ID (HL123456), a phone number in any format or part "
            "of a name: the best match is shown here.\n\nCtrl+F brings you back to the search field from "
            "any screen."
        )

    def _count_text(self, text: str, found: int) -> str:
        if found > RESULT_LIMIT and not text.strip():
            return self.tr("First %n clients", "", RESULT_LIMIT)
        if found > RESULT_LIMIT:
            return self.tr("Over %n clients: refine", "", RESULT_LIMIT)
        if found == 0:
            return self.tr("No client") if text.strip() else ""
        return self.tr("%n client(s)", "", found)

    def _search_failed(self, error: BaseException) -> None:
        self._searching = False
        self._loaded_once = True
        log.error("client search failed", exc_info=error)
        self.count_label.setText(self.tr("Search failed"))
        self.detail_panel.show_message(self.tr("The database did not answer. Check the connection, then type again."))

    # --- the selected client ---------------------------------------------------------------------

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = self.model.row_at(current.row()) if current.isValid() else None
        if summary is not None:
            self.show_client(summary.id)

    def show_client(self, client_id: uuid.UUID) -> None:
        """Load and show the file of one client, in the background."""
        self._loading_detail = True
        run_in_background(
            self,
            in_session(self._sessions, client_detail, client_id),
            self._show_detail,
            self._detail_failed,
            key="detail",
        )

    def _show_detail(self, detail: ClientDetail | None) -> None:
        self._loading_detail = False
        if detail is None:
            self.detail_panel.show_message(self.tr("This client no longer exists."))
            return
        self._shown_client = detail.id
        self.detail_panel.show_detail(detail)
        self.detail_shown.emit(detail)

    def _detail_failed(self, error: BaseException) -> None:
        self._loading_detail = False
        log.error("client file failed to load", exc_info=error)
        self.detail_panel.show_message(self.tr("The client's file could not be loaded."))

    def open_register(self, code: str, name: str) -> None:
        """« Incident register… »: the period is chosen in a dialog, which builds and previews it."""
        from ui.documents.register_dialog import RegisterDialog, window_technician  # loaded when first asked

        technician = self._technician or window_technician(self)
        if technician is None:
            log.error("incident register asked without a technician")
            return
        dialog = RegisterDialog(self._sessions, technician, code, name, self)
        self.register_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- keyboard ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down or Enter in the search field goes to the results, so the keyboard alone suffices."""
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            to_results = event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if to_results and self.model.rowCount():
                if self._debounce.isActive():
                    self.search_clients()
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)
