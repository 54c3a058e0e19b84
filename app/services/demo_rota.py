"""Demo rota: the hotline team's weekly routine, part-time days and leave around the demo's end date.

Each half day of opening has two technicians on the line as primary and one as backup; Camille
Didierjean works part time (never on Wednesdays). The leave is placed relative to the demo's end date so
that the week after it shows the kind of gaps a supervisor has to fill: a week of congés plus a training
afternoon leaves one person on the phones on the Tuesday afternoon, two absences on the Friday. Written
with plain inserts in the seeder's transaction; deterministic (fixed tables, identifiers from the seed).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, insert

from app.db.models.rota import RotaPattern, RotaPatternException, RotaShift, StaffLeave
from app.domain.rota import LeaveKind, LineRole
from app.services.demo_rows import IdMaker, StaffRef

_AM = (time(8, 30), time(12, 0))
_PM = (time(13, 30), time(17, 0))
_FRIDAY_PM = (time(13, 30), time(16, 0))

# (weekday, half day) → two primaries and one backup, by login.
ROUTINE: dict[tuple[int, str], tuple[str, str, str]] = {
    (0, "am"): ("smarchal", "jthiriet", "cdidierjean"),
    (0, "pm"): ("tgrandjean", "avautrin", "mperrin"),
    (1, "am"): ("cdidierjean", "mperrin", "smarchal"),
    (1, "pm"): ("jthiriet", "smarchal", "tgrandjean"),
    (2, "am"): ("avautrin", "tgrandjean", "jthiriet"),
    (2, "pm"): ("mperrin", "smarchal", "avautrin"),
    (3, "am"): ("jthiriet", "cdidierjean", "tgrandjean"),
    (3, "pm"): ("avautrin", "cdidierjean", "mperrin"),
    (4, "am"): ("tgrandjean", "mperrin", "avautrin"),
    (4, "pm"): ("smarchal", "jthiriet", "cdidierjean"),
}
PART_TIME = "cdidierjean"  # off every Wednesday

# (login, kind, first day, last day as days after the Monday following the end date, half-day flags)
LEAVE: tuple[tuple[str, LeaveKind, int, int, bool, bool], ...] = (
    ("avautrin", LeaveKind.CONGES, -21, -17, False, False),
    ("tgrandjean", LeaveKind.RTT, -14, -14, False, False),
    ("mperrin", LeaveKind.MALADIE, -9, -8, False, False),
    ("jthiriet", LeaveKind.CONGES, 0, 4, False, False),
    ("smarchal", LeaveKind.FORMATION, 1, 1, True, False),
    ("cdidierjean", LeaveKind.CONGES, 4, 4, False, False),
    ("avautrin", LeaveKind.RTT, 7, 7, False, True),
    ("tgrandjean", LeaveKind.CONGES, 14, 18, False, False),
    ("mperrin", LeaveKind.CONGES, 21, 32, False, False),
    ("smarchal", LeaveKind.CONGES, 22, 25, False, False),
)


def _span(weekday: int, half: str) -> tuple[time, time]:
    if half == "am":
        return _AM
    return _FRIDAY_PM if weekday == 4 else _PM


def seed_rota(
    connection: Connection, staff: list[StaffRef], logins: dict[str, str], end: date, rng: random.Random
) -> int:
    """Write the demo team's patterns, a swapped half day and their leave; returns the number of rows.

    ``logins`` maps each staff member's full name to their login.
    """
    ids = IdMaker(rng)
    by_login = {logins[member.name]: member.id for member in staff if member.name in logins}
    monday = end + timedelta(days=7 - end.weekday())  # the Monday after the end date
    since = monday - timedelta(weeks=52)
    stamp = datetime.combine(since - timedelta(days=7), time(9), UTC)
    recent = datetime.combine(end - timedelta(days=10), time(9), UTC)  # when this season's leave was entered
    patterns: list[dict[str, object]] = []
    swapped: tuple[object, date] | None = None
    for (weekday, half), people in ROUTINE.items():
        start, stop = _span(weekday, half)
        for position, login in enumerate(people):
            row_id = ids()
            patterns.append(
                {
                    "id": row_id,
                    "technician_id": by_login[login],
                    "weekday": weekday,
                    "starts": start,
                    "ends": stop,
                    "role": LineRole.BACKUP if position == 2 else LineRole.PRIMARY,
                    "valid_from": since,
                    "valid_to": None,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            if (weekday, half, login) == (0, "pm", "mperrin"):
                swapped = (row_id, monday)  # Mathieu swaps his Monday afternoon for the morning
    rows = len(patterns)
    connection.execute(insert(RotaPattern.__table__), patterns)
    if swapped is not None:
        connection.execute(
            insert(RotaPatternException.__table__), [{"id": ids(), "pattern_id": swapped[0], "day": swapped[1]}]
        )
        connection.execute(
            insert(RotaShift.__table__),
            [
                {
                    "id": ids(),
                    "technician_id": by_login["mperrin"],
                    "day": monday,
                    "starts": _AM[0],
                    "ends": _AM[1],
                    "role": LineRole.PRIMARY,
                    "exceptional": False,
                    "created_at": recent,
                    "updated_at": recent,
                }
            ],
        )
        rows += 2
    leaves = [
        {
            "id": ids(),
            "technician_id": by_login[login],
            "kind": kind,
            "first_day": monday + timedelta(days=first),
            "last_day": monday + timedelta(days=last),
            "starts_afternoon": afternoon,
            "ends_at_noon": noon,
            "note": "",
            "created_at": recent,
            "updated_at": recent,
        }
        for login, kind, first, last, afternoon, noon in LEAVE
    ]
    # Part time: every Wednesday off, shown on the rota, from a year before to three months after.
    wednesday = since + timedelta(days=2)
    while wednesday <= monday + timedelta(weeks=13):
        leaves.append(
            {
                "id": ids(),
                "technician_id": by_login[PART_TIME],
                "kind": LeaveKind.TEMPS_PARTIEL,
                "first_day": wednesday,
                "last_day": wednesday,
                "starts_afternoon": False,
                "ends_at_noon": False,
                "note": "",
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        wednesday += timedelta(weeks=1)
    connection.execute(insert(StaffLeave.__table__), leaves)
    return rows + len(leaves)
