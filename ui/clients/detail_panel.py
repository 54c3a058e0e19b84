"""The client's file next to the list: who it is, where it runs, who may call, what it has and pays for.

Built from ``app.services.clients.ClientDetail``; every text is set as plain text, so a name with « < »
or « & » in it shows as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.domain import contract_life
from app.services.clients import (
    ClientDetail,
    ContactInfo,
    ContractInfo,
    InstallationInfo,
    PhoneLine,
    ServiceInfo,
    SiteInfo,
)
from ui.formatting import format_date, join_parts
from ui.style import set_role
from ui.widgets.badge import make_badge
from ui.widgets.text import phone_text, read_only_label

T = TypeVar("T")


def _phones(phones: tuple[PhoneLine, ...]) -> str:
    numbers = (phone_text(p.number) for p in phones)
    return ", ".join(f"{n} ({p.label})" if p.label else n for n, p in zip(numbers, phones, strict=True))


class ClientDetailPanel(QScrollArea):
    """A scrollable, read-only file of one client; ``show_detail`` replaces its whole content."""

    # « Incident register… » was asked for the client shown (its code and name).
    register_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientDetailPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(340)

    # --- public slots ---------------------------------------------------------------------------

    def show_message(self, text: str, heading: str | None = None) -> None:
        """Replace the file by a short message (nothing selected, nothing found, an error)."""
        content, layout = self._new_content()
        if heading:
            layout.addWidget(read_only_label(heading, "strong", "detailMessageHeading"))
        layout.addWidget(read_only_label(text, "muted", "detailMessage"))
        layout.addStretch(1)
        self.setWidget(content)

    def show_detail(self, detail: ClientDetail) -> None:
        """Show the file of one client."""
        content, layout = self._new_content()
        self._add_header(layout, detail)
        self._add_section(layout, self.tr("INSTALLATION SITES"), "detailSites", detail.sites, self._site_card)
        self._add_section(layout, self.tr("CONTACTS"), "detailContacts", detail.contacts, self._contact_card)
        self._add_section(
            layout,
            self.tr("INSTALLED PRODUCTS"),
            "detailProducts",
            detail.installations,
            self._installation_card,
        )
        self._add_section(layout, self.tr("CONTRACTS"), "detailContracts", detail.contracts, self._contract_card)
        layout.addStretch(1)
        self.setWidget(content)

    def texts(self) -> list[str]:
        """Every text the panel shows, top to bottom (for tests and accessibility checks)."""
        content = self.widget()
        return [label.text() for label in content.findChildren(QLabel)] if content else []

    # --- building -------------------------------------------------------------------------------

    def _new_content(self) -> tuple[QWidget, QVBoxLayout]:
        content = QWidget()
        content.setObjectName("clientDetailContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(6)
        return content, layout

    def _add_header(self, layout: QVBoxLayout, detail: ClientDetail) -> None:
        title_row = QHBoxLayout()
        title_row.setSpacing(8)
        title_row.addWidget(read_only_label(detail.name, "title", "detailClientName"), 1)
        if not detail.active:
            title_row.addWidget(make_badge(self.tr("Inactive"), "muted", "inactiveBadge"), 0)
        layout.addLayout(title_row)
        layout.addWidget(
            read_only_label(
                join_parts(detail.code, detail.hotline_id, detail.kind_label), "subtitle", "detailIdentifiers"
            )
        )
        address = join_parts(detail.address, f"{detail.postal_code} {detail.city}".strip(), separator=", ")
        layout.addWidget(read_only_label(address, "muted", "detailAddress"))
        contact_line = join_parts(_phones(detail.phones), detail.email or "")
        if contact_line:
            layout.addWidget(read_only_label(contact_line, "muted"))
        if detail.lacks_trained_rtc:
            warning = self.tr(
                "Fewer than two trained technical contacts (RTC): %n trained RTC on file.",
                "",
                detail.trained_rtc_count,
            )
            layout.addWidget(read_only_label(warning, None, "rtcWarning"))
        if detail.notes:
            layout.addWidget(read_only_label(detail.notes, "muted", "detailNotes"))
        register = QPushButton(self.tr("Incident register…"))
        register.setObjectName("clientRegisterButton")
        register.setToolTip(self.tr("Print or save the client's incidents over a period as PDF"))
        register.clicked.connect(lambda: self.register_requested.emit(detail.code, detail.name))
        documents = QHBoxLayout()
        documents.setContentsMargins(0, 4, 0, 2)
        documents.addWidget(register)
        documents.addStretch(1)
        layout.addLayout(documents)

    def _add_section(
        self, layout: QVBoxLayout, title: str, name: str, items: Sequence[T], build: Callable[[T], QFrame]
    ) -> None:
        layout.addWidget(read_only_label(title, "section", f"{name}Title"))
        if not items:
            layout.addWidget(read_only_label(self.tr("None recorded."), "empty", f"{name}Empty"))
            return
        for item in items:
            layout.addWidget(build(item))

    def _card(
        self, heading: str, badges: list[QLabel], lines: list[str], name: str, badges_below: bool = False
    ) -> QFrame:
        card = QFrame()
        card.setObjectName(name)
        set_role(card, "card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(0, 6, 0, 8)
        inner.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(6)
        alone = badges_below or not badges
        # A heading alone on its row takes the width; beside badges it keeps its natural size.
        row.addWidget(read_only_label(heading, "strong"), 1 if alone else 0)
        if badges_below:
            # Several long badges beside a long heading would squeeze it onto two lines.
            inner.addLayout(row)
            row = QHBoxLayout()
            row.setContentsMargins(0, 2, 0, 2)
            row.setSpacing(6)
        for badge in badges:
            row.addWidget(badge, 0)
        if badges:
            row.addStretch(1)
        inner.addLayout(row)
        for line in lines:
            if line:
                inner.addWidget(read_only_label(line, "muted"))
        return card

    def _site_card(self, site: SiteInfo) -> QFrame:
        address = join_parts(site.address, f"{site.postal_code} {site.city}".strip(), separator=", ")
        if site.is_current:
            badges: list[QLabel] = []
            period = self.tr("Since {date}").format(date=format_date(site.valid_from))
            move = ""
        else:
            badges = [make_badge(self.tr("Former site"), "muted", "formerSiteBadge")]
            period = self.tr("From {start} to {end}").format(
                start=format_date(site.valid_from), end=format_date(site.valid_to)
            )
            move = (
                self.tr("Move notified on {date} ({channel})").format(
                    date=format_date(site.move_notified_on), channel=site.move_notice_label or "—"
                )
                if site.move_notified_on
                else self.tr("Move not notified")
            )
        return self._card(site.label, badges, [address, _phones(site.phones), join_parts(period, move)], "siteCard")

    def _contact_card(self, contact: ContactInfo) -> QFrame:
        badges: list[QLabel] = []
        if contact.is_rtc and contact.trained:
            badges.append(make_badge(self.tr("Trained RTC"), "ok", "rtcTrainedBadge"))
        elif contact.is_rtc:
            badges.append(make_badge(self.tr("RTC not trained"), "warn", "rtcUntrainedBadge"))
        elif contact.trained:
            badges.append(make_badge(self.tr("Trained user"), "info", "trainedUserBadge"))
        if not contact.active:
            badges.append(make_badge(self.tr("Inactive"), "muted", "inactiveBadge"))
        trainings = ", ".join(f"{t.product_name} ({format_date(t.trained_on)})" for t in contact.trainings)
        lines = [
            join_parts(contact.job_title, contact.email or "", _phones(contact.phones)),
            self.tr("Trained on: {trainings}").format(trainings=trainings)
            if trainings
            else self.tr("No training by the vendor on file"),
        ]
        return self._card(contact.name, badges, lines, "contactCard")

    def _installation_card(self, inst: InstallationInfo) -> QFrame:
        heading = join_parts(inst.product_name, inst.version or "", separator=" ")
        badges = [
            make_badge(self.tr("Validated system"), "ok", "environmentValidatedBadge")
            if inst.environment_validated
            else make_badge(self.tr("System not validated"), "danger", "environmentNotValidatedBadge"),
            make_badge(self.tr("Licence paid"), "ok", "licencePaidBadge")
            if inst.licence_paid
            else make_badge(self.tr("Licence unpaid"), "danger", "licenceUnpaidBadge"),
        ]
        installed = (
            self.tr("Installed on {date}").format(date=format_date(inst.installed_on)) if inst.installed_on else ""
        )
        lines = [join_parts(inst.os_name, inst.dbms_name), join_parts(inst.site_label or "", installed)]
        return self._card(heading, badges, lines, "installationCard", badges_below=True)

    def _contract_card(self, contract: ContractInfo) -> QFrame:
        tone = "ok" if contract.in_force else "muted"
        badges = [make_badge(contract.status_label, tone, "contractStatusBadge")]
        terms = join_parts(
            self.tr("Since {date}").format(date=format_date(contract.start_date)),
            self.tr("commitment %n month(s)", "", contract.commitment_months),
            self.tr("ended on {date}").format(date=format_date(contract.end_date)) if contract.end_date else "",
        )
        services = [self._service_line(s) for s in contract.services]
        return self._card(contract.reference, badges, [terms, self._life_line(contract), *services], "contractCard")

    def _life_line(self, contract: ContractInfo) -> str:
        """R-26: where a contract in force stands today and the last day for a notice (« Contrats » has more)."""
        if not contract.in_force or contract.end_date is not None:
            return ""
        terms = contract_life.ContractTerms(contract.start_date, contract.commitment_months)
        today = date.today()
        notice = contract_life.next_notice_deadline(terms, today)
        if notice is None:
            return contract_life.phase_on(terms, today).label
        return self.tr("{phase} · notice by {last} for an end on {due}").format(
            phase=contract_life.phase_on(terms, today).label, last=format_date(notice[0]), due=format_date(notice[1])
        )

    def _service_line(self, service: ServiceInfo) -> str:
        start = format_date(service.start_date)
        if service.end_date is not None:
            return self.tr("• {service}, from {start} to {end}").format(
                service=service.label, start=start, end=format_date(service.end_date)
            )
        return self.tr("• {service}, since {start}").format(service=service.label, start=start)
