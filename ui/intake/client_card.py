"""The client card of the intake screen: what the technician needs to read while the caller talks.

Current sites and their phones, the RTC with a « formé » badge per product (R-02, R-03), installed
products with version and environment (R-05), contracts and services (R-06), open incidents, and the
backup assistance minutes left this contract year (R-22). Plain text everywhere: a name holding « < »
shows as typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.domain.coverage import BACKUP_ASSISTANCE_MINUTES_PER_YEAR
from app.services.clients import ContactInfo
from ui.formatting import join_parts
from ui.intake.operations import ClientCardData
from ui.widgets.badge import make_badge
from ui.widgets.text import phone_text, read_only_label

_BADGES_PER_LINE = 3


class ClientCard(QScrollArea):
    """A read-only, scrollable summary of the picked client; ``show_card`` replaces its content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeClientCard")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def show_message(self, text: str) -> None:
        """Replace the card by a short hint or error."""
        content, layout = self._new_content()
        layout.addWidget(read_only_label(text, "muted", "clientCardMessage"))
        layout.addStretch(1)
        self.setWidget(content)

    def show_card(self, data: ClientCardData) -> None:
        """Show the card of the picked client."""
        detail = data.detail
        content, layout = self._new_content()
        layout.addWidget(read_only_label(detail.name, "title", "cardClientName"))
        layout.addWidget(read_only_label(join_parts(detail.code, detail.hotline_id, detail.kind_label), "subtitle"))

        # One badge per line: side by side they would force the card wider than its column.
        figures = QVBoxLayout()
        figures.setSpacing(4)
        figures.setContentsMargins(0, 4, 0, 0)
        open_tone = "warn" if data.open_incidents else "muted"
        figures.addWidget(
            make_badge(self.tr("%n open incident(s)", "", data.open_incidents), open_tone, "openIncidentsBadge")
        )
        backup_tone = "danger" if data.backup_minutes_left == 0 else "info"
        backup_text = self.tr("Backup assistance: {left} min left of {total}").format(
            left=data.backup_minutes_left, total=BACKUP_ASSISTANCE_MINUTES_PER_YEAR
        )
        figures.addWidget(make_badge(backup_text, backup_tone, "backupMinutesBadge"))
        layout.addLayout(figures)

        layout.addWidget(read_only_label(self.tr("SITES"), "section"))
        current = [s for s in detail.sites if s.is_current]
        for site in current:
            place = join_parts(site.label, f"{site.postal_code} {site.city}".strip())
            phones = ", ".join(phone_text(p.number) for p in site.phones)
            layout.addWidget(read_only_label(join_parts(place, phones), None, "cardSite"))
        own = ", ".join(phone_text(p.number) for p in detail.phones)
        if own:
            layout.addWidget(read_only_label(self.tr("Switchboard: {phones}").format(phones=own), "muted"))
        if not current and not own:
            layout.addWidget(read_only_label(self.tr("No current site recorded."), "empty"))

        layout.addWidget(read_only_label(self.tr("TECHNICAL CONTACTS (RTC)"), "section"))
        rtcs = [c for c in detail.contacts if c.is_rtc and c.active]
        for contact in rtcs:
            layout.addWidget(self._rtc_row(contact))
        if not rtcs:
            layout.addWidget(read_only_label(self.tr("No RTC named by the client."), "empty"))
        if detail.lacks_trained_rtc:
            warning = self.tr("Fewer than two trained RTC (R-02).")
            layout.addWidget(make_badge(warning, "warn", "fewRtcBadge"))

        layout.addWidget(read_only_label(self.tr("INSTALLED SOFTWARE"), "section"))
        for inst in detail.installations:
            row = QHBoxLayout()
            row.setSpacing(6)
            name = read_only_label(join_parts(inst.product_name, inst.version or "", separator=" "), "strong")
            name.setWordWrap(False)
            row.addWidget(name, 0)
            if not inst.environment_validated:
                row.addWidget(make_badge(self.tr("System not validated"), "danger", "cardSystemBadge"))
            if not inst.licence_paid:
                row.addWidget(make_badge(self.tr("Licence unpaid"), "danger", "cardLicenceBadge"))
            row.addStretch(1)
            layout.addLayout(row)
            environment = join_parts(inst.os_name, inst.dbms_name, inst.site_label or "")
            if environment:
                layout.addWidget(read_only_label(environment, "muted"))
        if not detail.installations:
            layout.addWidget(read_only_label(self.tr("No software installed."), "empty"))

        layout.addWidget(read_only_label(self.tr("CONTRACTS"), "section"))
        for contract in detail.contracts:
            row = QHBoxLayout()
            row.setSpacing(6)
            row.addWidget(read_only_label(contract.reference, "strong"), 0)
            tone = "ok" if contract.in_force else "muted"
            row.addWidget(make_badge(contract.status_label, tone, "cardContractBadge"))
            row.addStretch(1)
            layout.addLayout(row)
            services = ", ".join(s.label for s in contract.services if s.end_date is None)
            if services:
                layout.addWidget(read_only_label(services, "muted"))
        if not detail.contracts:
            layout.addWidget(read_only_label(self.tr("No contract."), "empty"))
        layout.addStretch(1)
        self.setWidget(content)

    def texts(self) -> list[str]:
        """Every text on the card, top to bottom (tests, accessibility)."""
        content = self.widget()
        return [label.text() for label in content.findChildren(QLabel)] if content else []

    def _rtc_row(self, contact: ContactInfo) -> QWidget:
        """The RTC's name and phone, then its training badges, a few per line so the card never needs
        a horizontal scroll however many products the person was trained on."""
        row = QWidget()
        row.setObjectName("cardRtc")
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 1, 0, 3)
        layout.setSpacing(3)
        phones = ", ".join(phone_text(p.number) for p in contact.phones[:1])
        layout.addWidget(read_only_label(join_parts(contact.name, phones), None))
        badges = [
            make_badge(self.tr("trained {product}").format(product=t.product_name), "ok", "trainedBadge")
            for t in contact.trainings
        ] or [make_badge(self.tr("not trained"), "warn", "untrainedBadge")]
        for start in range(0, len(badges), _BADGES_PER_LINE):
            line = QHBoxLayout()
            line.setSpacing(6)
            for badge in badges[start : start + _BADGES_PER_LINE]:
                line.addWidget(badge)
            line.addStretch(1)
            layout.addLayout(line)
        return row

    def _new_content(self) -> tuple[QWidget, QVBoxLayout]:
        content = QWidget()
        content.setObjectName("intakeClientCardContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(5)
        return content, layout
