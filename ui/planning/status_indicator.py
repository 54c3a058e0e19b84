"""The live hotline indicator of the status bar: « Hotline ouverte — ferme à 17:00 » (R-15, R-16).

The calendar is read from the database once, in the background, and again only when the Planning
screen says it changed. The text is then recomputed every minute from that calendar in memory: the
status bar of every workstation must not poll the shared database.

What is read first is the calendar's SQL mirror (``calendar_ranges``, rebuilt by every calendar edit,
checked at every start) with the weekly hours and the closures: that answers « open now, until when,
reopening when, and why closed » on any day that has opening time, without building the full calendar
(public holidays included, a tenth of a second and the ``holidays`` package). A day without any opening
time (a week-end, a public holiday, a training day, a closure) needs the full calendar for its reason,
since only it knows the holidays' names: it is then built once, in the background, and used from then on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QLocale, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy.orm import Session, sessionmaker

from app.domain.hotline_calendar import PARIS, CalendarRangeError, HotlineCalendar
from app.domain.vocabulary import Role
from app.services import rota as rota_service
from app.services.calendar_config import current_calendar
from app.services.calendar_mirror import MirrorCalendar, StatusCalendar, read_mirror, read_status_calendar
from app.services.staff import role_of
from ui.background import in_session, run_in_background
from ui.planning.rota_operations import DutyOutlook

log = logging.getLogger("hotline.ui.planning")
_SEPARATOR = " · "
_OUTLOOK_DAYS = 14


def paris_now() -> datetime:
    """The current instant, in Europe/Paris."""
    return datetime.now(PARIS)


def read_outlook(
    sessions: sessionmaker[Session], calendar: StatusCalendar, login: str | None, today: date
) -> DutyOutlook:
    """The rota from ``today`` for two weeks with its coverage gaps, and whether ``login`` supervises."""
    last = today + timedelta(days=_OUTLOOK_DAYS)
    with sessions() as session:
        rota = rota_service.load_rota(session, today, last)
        role = role_of(session, login)
    gaps = tuple(rota.gaps(calendar, today, last))  # type: ignore[arg-type]
    return DutyOutlook(today, rota, calendar, gaps, role in (Role.SUPERVISOR, Role.ADMIN))  # type: ignore[arg-type]


class HotlineStatusIndicator(QLabel):
    """A status bar label telling whether the hotline is open now, and until or from when.

    ``now`` is the clock (injectable so tests can look at chosen instants); ``state`` is the style
    property: ``open``, ``closed`` or ``unknown``.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        now: Callable[[], datetime] = paris_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hotlineStatus")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(self.tr("Hotline status"))
        self.now = now
        self.calendar: StatusCalendar | None = None
        # Who is on the line (and, for supervisors, the next gap): the rota of the next two weeks, read
        # with the calendar and then looked at in memory every minute, like the calendar.
        self.outlook: DutyOutlook | None = None
        self.login: str | None = None
        self._sessions = sessions
        self._loading = False
        self._generation = 0  # a reload makes a full calendar still being read for the previous one useless
        self._full_wanted = False
        self._set_state("unknown", self.tr("Hotline: loading the calendar…"))
        self._timer = QTimer(self)
        self._timer.setObjectName("hotlineStatusTimer")
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    # --- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the calendar (and the rota of the next two weeks) again in the background (at start, and
        after each Planning edit)."""
        self._loading = True
        self._generation += 1
        self._full_wanted = False
        sessions, now, login = self._sessions, self.now(), self._login()

        def op() -> tuple[StatusCalendar, DutyOutlook | None]:
            with sessions() as session:
                calendar = read_status_calendar(session, now)
            try:
                return calendar, read_outlook(sessions, calendar, login, now.astimezone(PARIS).date())
            except Exception as error:  # the hotline status matters more than the rota line
                log.warning("rota not loaded for the status bar: %s", error)
                return calendar, None

        run_in_background(self, op, self._loaded, self._load_failed, key="hotline-calendar")

    def _loaded(self, result: tuple[StatusCalendar, DutyOutlook | None]) -> None:
        self.outlook = result[1]
        self.set_calendar(result[0])

    def _load_full_calendar(self) -> None:
        """The mirror cannot tell why the hotline is closed today: read the full calendar, once."""
        if self._full_wanted:
            return
        self._full_wanted = True
        self._loading = True
        generation = self._generation

        def loaded(calendar: HotlineCalendar) -> None:
            if generation == self._generation:
                self.set_calendar(calendar)

        read = in_session(self._sessions, current_calendar)
        run_in_background(self, read, loaded, self._load_failed, key="hotline-full-calendar")

    def _login(self) -> str | None:
        context = getattr(self.window(), "context", None)
        return self.login or getattr(context, "technician_login", None)

    def _outlook_reader(self) -> Callable[[], DutyOutlook]:
        sessions, calendar, login, now = self._sessions, self.calendar, self._login(), self.now()
        assert calendar is not None

        def op() -> DutyOutlook:
            gaps_calendar = calendar
            if isinstance(calendar, MirrorCalendar):  # the part read may not reach two weeks from today
                with sessions() as session:
                    gaps_calendar = read_mirror(session, now) or current_calendar(session)
            return read_outlook(sessions, gaps_calendar, login, now.astimezone(PARIS).date())

        return op

    def _load_outlook(self) -> None:
        """A new day: the next two weeks from today (only when this database keeps a rota)."""
        self.outlook = None
        run_in_background(
            self,
            self._outlook_reader(),
            self._outlook_loaded,
            lambda error: log.warning("rota not loaded for the status bar: %s", error),
            key="rota-outlook",
        )

    def _outlook_loaded(self, outlook: DutyOutlook) -> None:
        self.outlook = outlook
        self.refresh()

    def duty_text(self, now: datetime, *, detailed: bool = False) -> str:
        """Who is on the line, and for supervisors the next gap: « En ligne : Sophie, Thomas  ·  ⚠ mar. 13:30 »
        (first names of the primaries, the gap's start: the status bar is narrow). ``detailed``: full names
        and roles, the gap in full, one a line (the tooltip)."""
        outlook = self.outlook
        if outlook is None or not (outlook.rota.patterns or outlook.rota.shifts):
            return ""  # no rota kept in this database: nothing to say
        parts: list[str] = []
        on_line = outlook.on_line(now)
        if on_line:
            if detailed:
                names = ", ".join(f"{outlook.rota.name(login)} ({role.label})" for login, role in on_line)
            else:
                primaries = [outlook.rota.name(login).split(" ")[0] for login, role in on_line if role == "primary"]
                names = ", ".join(primaries) or outlook.rota.name(on_line[0][0]).split(" ")[0]
            parts.append(self.tr("On the line: {names}").format(names=names))
        elif self.calendar is not None and self.calendar.is_open(now):
            parts.append(self.tr("Nobody on the line"))
        gap = outlook.next_gap(now) if outlook.supervisor else None
        if gap is not None:
            start = gap.start.astimezone(PARIS)
            day = QLocale().dayName(start.isoweekday(), QLocale.FormatType.ShortFormat)
            if detailed:
                parts.append(
                    self.tr("Next gap: {day} {date} {start}–{end} ({count}/{minimum})").format(
                        day=day,
                        date=f"{start:%d/%m}",
                        start=f"{start:%H:%M}",
                        end=f"{gap.end.astimezone(PARIS):%H:%M}",
                        count=len(gap.on_line),
                        minimum=gap.minimum,
                    )
                )
            else:
                parts.append(f"⚠ {day} {start:%H:%M}")
        return ("\n" if detailed else _SEPARATOR).join(parts)

    def is_loading(self) -> bool:
        """True while a calendar is being read."""
        return self._loading

    def set_calendar(self, calendar: StatusCalendar) -> None:
        """Use ``calendar`` from now on, and show the status it gives at once."""
        self._loading = False
        self.calendar = calendar
        self.refresh()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        log.warning("hotline calendar not loaded: %s", error)
        if self.calendar is None:
            self._set_state("unknown", self.tr("Hotline status unavailable"))
            self.setToolTip(self.tr("The hotline calendar could not be read from the database."))

    # --- the minute tick ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute the text from the calendar in memory (no database access), and arm the next tick."""
        if self.calendar is None:
            return
        now = self.now()
        try:
            status = self.calendar.status(now)
        except CalendarRangeError:
            self._set_state("unknown", self.tr("Hotline: date outside the calendar"))
        else:
            if status is None:  # the mirror cannot say why the hotline is closed now
                self._load_full_calendar()  # the text in place stays until it is read
                self._arm(now)
                return
            duty = self.duty_text(now)
            parts = duty.split(_SEPARATOR) if duty else []
            self._variants = tuple(_SEPARATOR.join([status.text(), *parts[:k]]) for k in range(len(parts) - 1, -1, -1))
            self._set_state("open" if status.open else "closed", _SEPARATOR.join([status.text(), *parts]))
            self.setToolTip("\n".join(t for t in (status.reason, self.duty_text(now, detailed=True)) if t))
            outlook = self.outlook
            if (
                outlook is not None
                and (outlook.rota.patterns or outlook.rota.shifts)
                and outlook.loaded_on != now.astimezone(PARIS).date()
            ):
                self._load_outlook()  # a new day: the next two weeks from today
        self._arm(now)

    def _tick(self) -> None:
        self.refresh()

    def _arm(self, now: datetime) -> None:
        # Fire just after the next minute boundary, so « ferme à 12:00 » turns into « fermée » at 12:00:00
        # rather than up to a minute late.
        past = now.second * 1000 + now.microsecond // 1000
        self._timer.start(60_000 - past + 50)

    def next_tick_ms(self) -> int:
        """Milliseconds until the next recomputation (-1 when none is planned)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def _set_state(self, state: str, text: str) -> None:
        self._full_text = text
        self.setText(text)
        self._fit()
        if self.property("state") != state:
            self.setProperty("state", state)
            # A dynamic property used by the style sheet only takes effect after a re-polish.
            self.style().unpolish(self)
            self.style().polish(self)

    # --- a narrow status bar ----------------------------------------------------------------------

    # The rota part makes the text long; on a narrow window it is dropped (it stays in the tooltip)
    # rather than cut in the middle of a name. The size hints keep asking for the full text.
    _full_text = ""
    _variants: tuple[str, ...] = ()

    def _text_extra(self, text: str) -> int:
        metrics = self.fontMetrics()
        return metrics.horizontalAdvance(text) - metrics.horizontalAdvance(self.text())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + self._text_extra(self._full_text or self.text()), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        shortest = self._variants[-1] if self._variants else (self._full_text or self.text())
        return QSize(hint.width() + self._text_extra(shortest), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._full_text:
            return
        chrome = super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())
        room = self.width() - chrome
        for text in (self._full_text, *self._variants):
            if self.fontMetrics().horizontalAdvance(text) <= room or text == (self._variants or (text,))[-1]:
                if self.text() != text:
                    self.setText(text)
                return
