"""R-18's six steps as a vertical stepper: a marker and a connector on the left, the step on the right.

Recorded steps show when, by whom and their evidence; the step expected now holds its form; later steps
are greyed and locked, with the step they wait for. After a refusal or withdrawal of consent a red
notice closes the record and the remaining steps read « not performed ». A refused attempt is shown
inline in the step concerned (never in a modal box), and that step is highlighted.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.telemaintenance import Consent, Refusal, Step
from app.services.telemaintenance import TelemaintenanceView
from ui.models.incident_table import local_time
from ui.telemaintenance.evidence import difference_text, evidence_rows, step_title
from ui.telemaintenance.forms import FORMS, StepForm
from ui.telemaintenance.style import LOCKED
from ui.widgets.badge import make_badge
from ui.widgets.text import read_only_label

DONE, CURRENT, LOCKED_STATE, SKIPPED = "done", "current", "locked", "skipped"
_KEY_WIDTH = 150


def lock_pixmap(size: int = 14, colour: str = LOCKED) -> QPixmap:
    """A padlock drawn by hand: the desktop fonts do not all carry the emoji."""
    ratio = 2
    pixmap = QPixmap(size * ratio, size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), 1.6)
    painter.setPen(pen)
    shackle = QPainterPath()
    shackle.addRoundedRect(QRectF(size * 0.3, size * 0.08, size * 0.4, size * 0.6), size * 0.2, size * 0.2)
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(QRectF(size * 0.16, size * 0.42, size * 0.68, size * 0.5), 1.5, 1.5)
    painter.end()
    return pixmap


def _polish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class StepRow(QWidget):
    """One step: marker and connector, then a card with its title and its evidence, form or lock."""

    def __init__(self, step: Step, state: str, last: bool) -> None:
        super().__init__()
        self.step = step
        self.state = state
        self.setObjectName(f"tmStep{step.number}")
        self.setProperty("state", state)
        self.marker = QLabel("✓" if state == DONE else str(step.number))
        self.marker.setObjectName("tmStepMarker")
        self.marker.setProperty("state", state)
        self.marker.setAlignment(Qt.AlignmentFlag.AlignCenter)
        rail = QVBoxLayout()
        rail.setContentsMargins(0, 8, 0, 0)
        rail.setSpacing(0)
        rail.addWidget(self.marker, 0, Qt.AlignmentFlag.AlignHCenter)
        if not last:
            line = QFrame()
            line.setObjectName("tmStepLine")
            line.setProperty("state", state)
            line.setMinimumHeight(10)
            rail.addWidget(line, 1, Qt.AlignmentFlag.AlignHCenter)
        else:
            rail.addStretch(1)

        self.card = QFrame()
        self.card.setObjectName("tmStepCard")
        self.card.setProperty("state", state)
        self.body = QVBoxLayout(self.card)
        self.body.setContentsMargins(12, 8, 12, 12)
        self.body.setSpacing(5)
        title_row = QHBoxLayout()
        title_row.setSpacing(8)
        self.title = QLabel(self.tr("Step {number} · {title}").format(number=step.number, title=step_title(step)))
        self.title.setObjectName("tmStepTitle")
        self.title.setWordWrap(True)  # a narrow panel wraps the title rather than scrolling sideways
        self.title.setProperty("state", state)
        title_row.addWidget(self.title, 1)
        self.title_row = title_row
        self.body.addLayout(title_row)
        self.error = QLabel()
        self.error.setObjectName("tmStepError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(rail)
        layout.addWidget(self.card, 1)

    def finish_title(self, badge: QLabel | None = None) -> None:
        if badge is not None:
            self.title_row.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)

    def add_error_slot(self) -> None:
        self.body.addWidget(self.error)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.set_highlight(True)

    def set_highlight(self, on: bool) -> None:
        for widget in (self.card, self.marker):
            widget.setProperty("highlight", on)
            _polish(widget)
        if not on:
            self.error.hide()


class Stepper(QWidget):
    """The six steps of one intervention; ``form`` is the form of the step expected now, if any.

    ``documented``: the done steps whose sent document is in the registry; they offer « View the
    document », which emits ``document_requested`` with the step."""

    document_requested = Signal(object)

    def __init__(self, view: TelemaintenanceView, documented: frozenset[Step] = frozenset()) -> None:
        super().__init__()
        self.setObjectName("tmStepper")
        self.view = view
        self.documented = documented
        self.rows: dict[Step, StepRow] = {}
        self.form: StepForm | None = None
        workflow = view.workflow
        expected = workflow.next_step
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        steps = list(Step)
        for step in steps:
            recorded = next((s for s in workflow.steps if s.step is step), None)
            if recorded is not None:
                state = DONE
            elif step is expected:
                state = CURRENT
            elif workflow.ending is not None:
                state = SKIPPED
            else:
                state = LOCKED_STATE
            if state == SKIPPED and step is steps[len(workflow.steps)]:
                layout.addWidget(self._ending_notice())
            row = StepRow(step, state, last=step is steps[-1])
            self.rows[step] = row
            if state == DONE:
                assert recorded is not None
                self._fill_done(row, recorded.evidence, recorded.at, recorded.author)
            elif state == CURRENT:
                self._fill_current(row)
            elif state == SKIPPED:
                self._fill_skipped(row)
            else:
                self._fill_locked(row)
            row.add_error_slot()
            layout.addWidget(row)

    # --- the four kinds of step -------------------------------------------------------------------

    def _fill_done(self, row: StepRow, evidence: object, at: object, author: str) -> None:
        row.finish_title(make_badge(self.tr("Done"), "ok", f"tmStepBadge{row.step.number}"))
        when = self.tr("Recorded on {when} by {author}").format(when=local_time(at), author=author)  # type: ignore[arg-type]
        row.body.addWidget(read_only_label(when, None, "tmStepWhen"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        # One key width for every step, so the values line up down the whole record.
        grid.setColumnMinimumWidth(0, _KEY_WIDTH)
        for number, (label, value) in enumerate(evidence_rows(evidence)):  # type: ignore[arg-type]
            key = read_only_label(label, "evidenceKey")
            key.setWordWrap(False)
            grid.addWidget(key, number, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(read_only_label(value, None, "tmEvidenceValue"), number, 1)
        row.body.addLayout(grid)
        if isinstance(evidence, Consent) and not evidence.is_rtc:
            note = read_only_label(
                self.tr("⚠ Not a technical contact (RTC) of the client: consent confirmed by the technician."),
                None,
                "tmNonRtc",
            )
            row.body.addWidget(note)
        if row.step in self.documented:
            link = QPushButton(self.tr("View the document"))
            link.setObjectName(f"tmViewDocument{row.step.number}")
            link.setProperty("link", True)
            link.setAutoDefault(False)
            link.setCursor(Qt.CursorShape.PointingHandCursor)
            link.setToolTip(self.tr("Preview the document sent, to print it again or save it"))
            link.clicked.connect(lambda _checked=False, step=row.step: self.document_requested.emit(step))
            line = QHBoxLayout()
            line.setContentsMargins(_KEY_WIDTH + 14, 2, 0, 0)
            line.addWidget(link)
            line.addStretch(1)
            row.body.addLayout(line)
        if row.step is Step.INTERVENTION:
            difference = self.view.files_difference
            text = difference_text(difference) if difference is not None else ""
            if text:
                row.body.addWidget(read_only_label("⚠ " + text, None, "tmFilesDifference"))
            else:
                row.body.addWidget(
                    read_only_label(self.tr("✓ Files touched as announced to the client."), None, "tmFilesConform")
                )

    def _fill_current(self, row: StepRow) -> None:
        row.finish_title(make_badge(self.tr("Expected now"), "info", "tmCurrentBadge"))
        if self.view.state.waiting_on_client:
            row.body.addWidget(read_only_label(self._waiting_hint(), "muted", "tmWaitingHint"))
        self.form = FORMS[row.step](self.view)
        self.form.setObjectName("tmForm")
        row.body.addWidget(self.form)

    def _waiting_hint(self) -> str:
        if self.view.next_step is Step.CONSENT:
            return self.tr("Waiting for the client's written consent: the incident's clock is paused.")
        return self.tr("Waiting for the client's protective operations: the incident's clock is paused.")

    def _fill_locked(self, row: StepRow) -> None:
        row.finish_title()
        lock = QLabel()
        lock.setPixmap(lock_pixmap())
        reason = read_only_label(self.tr("after step {number}").format(number=row.step.number - 1), None, "tmStepLock")
        line = QHBoxLayout()
        line.setSpacing(6)
        line.addWidget(lock)
        line.addWidget(reason, 1)
        row.body.addLayout(line)

    def _fill_skipped(self, row: StepRow) -> None:
        row.finish_title()
        row.body.addWidget(read_only_label(self.tr("Not performed."), None, "tmStepLock"))

    def _ending_notice(self) -> QFrame:
        ending = self.view.workflow.ending
        assert ending is not None
        refused = isinstance(ending.evidence, Refusal)
        frame = QFrame()
        frame.setObjectName("tmEnding")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(14, 10, 14, 10)
        inner.setSpacing(3)
        headline = (
            self.tr("✕ Consent refused by {who}") if refused else self.tr("✕ Consent withdrawn by {who}")
        ).format(who=ending.evidence.who)
        title = read_only_label(headline, "strong", "tmEndingTitle")
        inner.addWidget(title)
        inner.addWidget(
            read_only_label(
                self.tr("Recorded on {when} by {author}").format(when=local_time(ending.at), author=ending.author)
            )
        )
        inner.addWidget(read_only_label(self.tr("Reason: {reason}").format(reason=ending.evidence.reason)))
        inner.addWidget(read_only_label(self.tr("The remote maintenance ends here: no further step can be recorded.")))
        wrapper = QFrame()
        box = QVBoxLayout(wrapper)
        box.setContentsMargins(38, 4, 0, 10)
        box.addWidget(frame)
        return wrapper

    # --- refusals -----------------------------------------------------------------------------------

    def show_error(self, text: str, missing: Step | None) -> bool:
        """Show a refusal in the step it concerns (``missing``, else the step expected now) and highlight
        that step; False when no step can hold it (the intervention is over)."""
        self.clear_error()
        target = missing or self.view.next_step
        row = self.rows.get(target) if target is not None else None
        if row is None:
            return False
        row.show_error(text)
        return True

    def clear_error(self) -> None:
        for row in self.rows.values():
            row.set_highlight(False)

    def error_text(self) -> str:
        """The refusal shown, if any (tests, accessibility)."""
        return next((r.error.text() for r in self.rows.values() if r.error.isVisibleTo(self)), "")

    def highlighted(self) -> Step | None:
        return next((s for s, r in self.rows.items() if r.card.property("highlight")), None)


__all__ = ["Stepper", "lock_pixmap"]
