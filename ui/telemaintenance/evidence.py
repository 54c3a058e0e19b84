"""How a recorded step reads in the stepper: titles of R-18's six steps, and each step's evidence as
labelled French lines (the values come from the domain's French labels)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.domain.telemaintenance import (
    Consent,
    Evidence,
    FilesDifference,
    Information,
    Intervention,
    Precautions,
    Report,
    ReturnToNormal,
    Step,
)
from ui.models.incident_table import local_time


def step_title(step: Step) -> str:
    """The step's short title, as the stepper shows it."""
    titles = {
        Step.INFORMATION: QCoreApplication.translate("TelemaintenanceEvidence", "Written information"),
        Step.CONSENT: QCoreApplication.translate("TelemaintenanceEvidence", "Prior written consent"),
        Step.PRECAUTIONS: QCoreApplication.translate("TelemaintenanceEvidence", "Protective operations"),
        Step.INTERVENTION: QCoreApplication.translate("TelemaintenanceEvidence", "Intervention"),
        Step.RETURN_TO_NORMAL: QCoreApplication.translate("TelemaintenanceEvidence", "Return to normal operation"),
        Step.REPORT: QCoreApplication.translate("TelemaintenanceEvidence", "Written report"),
    }
    return titles[step]


def hotline_duration(minutes: float) -> str:
    """Hotline minutes as a technician says them: « 45 min », « 2 h 10 »."""
    total = max(0, round(minutes))
    return f"{total // 60} h {total % 60:02d}" if total >= 60 else f"{total} min"


def split_files(text: str) -> list[str]:
    """File names typed one per line or separated by commas."""
    return [name.strip() for line in text.splitlines() for name in line.split(",") if name.strip()]


def _day(at: datetime) -> str:
    return local_time(at)


def evidence_rows(evidence: Evidence) -> list[tuple[str, str]]:
    """The evidence of a recorded step as (label, value) pairs, in reading order."""
    if isinstance(evidence, Information):
        requested = ", ".join(p.label for p in evidence.precautions_requested)
        return [
            (QCoreApplication.translate("TelemaintenanceEvidence", "Sent by"), evidence.sent_via.label),
            (QCoreApplication.translate("TelemaintenanceEvidence", "Document issued"), evidence.document_reference),
            (QCoreApplication.translate("TelemaintenanceEvidence", "Nature"), evidence.nature),
            (QCoreApplication.translate("TelemaintenanceEvidence", "Files concerned"), ", ".join(evidence.files)),
            (QCoreApplication.translate("TelemaintenanceEvidence", "Possible risks"), evidence.risks),
            (
                QCoreApplication.translate("TelemaintenanceEvidence", "Planned delay"),
                QCoreApplication.translate("TelemaintenanceEvidence", "{minutes} min").format(
                    minutes=evidence.delay_minutes
                ),
            ),
            (
                QCoreApplication.translate("TelemaintenanceEvidence", "Operations requested"),
                requested or QCoreApplication.translate("TelemaintenanceEvidence", "none"),
            ),
        ]
    if isinstance(evidence, Consent):
        who = evidence.who
        if evidence.is_rtc:
            who = QCoreApplication.translate("TelemaintenanceEvidence", "{name} (technical contact, RTC)").format(
                name=who
            )
        return [
            (QCoreApplication.translate("TelemaintenanceEvidence", "Given by"), who),
            (QCoreApplication.translate("TelemaintenanceEvidence", "Form"), evidence.via.label),
            (QCoreApplication.translate("TelemaintenanceEvidence", "Evidence"), evidence.evidence_reference),
        ]
    if isinstance(evidence, Precautions):
        if not evidence.items:
            return [
                (
                    QCoreApplication.translate("TelemaintenanceEvidence", "Operations"),
                    QCoreApplication.translate("TelemaintenanceEvidence", "none requested"),
                )
            ]
        return [
            (
                "✓ " + item.precaution.label,
                QCoreApplication.translate("TelemaintenanceEvidence", "confirmed by {name}").format(
                    name=item.confirmed_by
                ),
            )
            for item in evidence.items
        ]
    if isinstance(evidence, Intervention):
        return [
            (QCoreApplication.translate("TelemaintenanceEvidence", "Start"), _day(evidence.start)),
            (QCoreApplication.translate("TelemaintenanceEvidence", "End"), _day(evidence.end)),
            (QCoreApplication.translate("TelemaintenanceEvidence", "Actions performed"), evidence.actions),
            (
                QCoreApplication.translate("TelemaintenanceEvidence", "Files touched"),
                ", ".join(evidence.files_touched) or QCoreApplication.translate("TelemaintenanceEvidence", "none"),
            ),
        ]
    if isinstance(evidence, ReturnToNormal):
        return [
            (QCoreApplication.translate("TelemaintenanceEvidence", "Notified on"), _day(evidence.when)),
            (QCoreApplication.translate("TelemaintenanceEvidence", "Notified by"), evidence.via.label),
        ]
    if isinstance(evidence, Report):
        return [
            (QCoreApplication.translate("TelemaintenanceEvidence", "Report"), evidence.document_reference),
            (QCoreApplication.translate("TelemaintenanceEvidence", "Sent on"), _day(evidence.sent_at)),
        ]
    return []


def difference_text(difference: FilesDifference) -> str:
    """Files touched against files announced, in one line; empty when they match."""
    parts = []
    if difference.added:
        parts.append(
            QCoreApplication.translate("TelemaintenanceEvidence", "not announced: {files}").format(
                files=", ".join(difference.added)
            )
        )
    if difference.not_touched:
        parts.append(
            QCoreApplication.translate("TelemaintenanceEvidence", "announced but not touched: {files}").format(
                files=", ".join(difference.not_touched)
            )
        )
    if not parts:
        return ""
    return QCoreApplication.translate(
        "TelemaintenanceEvidence", "Difference from the written information — {parts}"
    ).format(parts=" ; ".join(parts))
