"""Demo people on the clients' side: contacts with their jobs, RTC designations, phone numbers."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from app.db import models
from app.domain.text import fold
from app.domain.vocabulary import ClientKind, NoticeChannel
from app.services import demo_data as data
from app.services import demo_places as places
from app.services.demo_rows import IdMaker, RowSink
from app.services.demo_timeline import at_paris

CONTACT_COUNTS: dict[ClientKind, tuple[int, int]] = {
    ClientKind.COMMUNE: (2, 5),
    ClientKind.CCAS: (2, 3),
    ClientKind.SYNDICAT: (2, 4),
    ClientKind.EPCI: (3, 6),
    ClientKind.OTHER: (2, 3),
}
NOTICE_CHANNELS = (
    NoticeChannel.LETTER,
    NoticeChannel.EMAIL,
    NoticeChannel.REGISTERED_LETTER,
    NoticeChannel.PORTAL,
)
NOTICE_WEIGHTS = (40, 30, 10, 20)


@dataclass(slots=True)
class ContactProfile:
    id: uuid.UUID
    name: str
    known_from: date
    known_until: date | None
    is_rtc: bool
    trained: dict[str, date]  # product code -> first training


def email_part(text: str) -> str:
    """A name as it appears in an e-mail address: « Saint-Dié-des-Vosges » → « saint-die-des-vosges »."""
    return fold(text).replace(" ", "-")


class PeopleMaker:
    """Draws names and phone numbers; a phone number is never given to two parties."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._numbers: set[str] = set()  # membership tests only, never iterated
        self.scale = 1.0  # contacts per client relative to the usual counts (a target total asks for it)
        self._carry = 0.0

    def _unique(self, make: str, low: int, high: int, width: int) -> str:
        while True:
            number = f"{make}{self.rng.randint(low, high):0{width}d}"
            if number not in self._numbers:
                self._numbers.add(number)
                return number

    def landline(self, department: str) -> str:
        """A landline of the department's area (+33 3 83 … in Meurthe-et-Moselle), in E.164."""
        return self._unique(f"+33{places.DEPARTMENTS[department][1]}", 100_000, 999_999, 6)

    def mobile(self) -> str:
        return self._unique(f"+33{self.rng.choice('67')}", 10_000_000, 99_999_999, 8)

    def _notice(self, since: date) -> tuple[date | None, NoticeChannel | None]:
        """R-02: when and how the written designation of an RTC was received (a few were never filed)."""
        if self.rng.random() < 0.05:
            return None, None
        channel = self.rng.choices(NOTICE_CHANNELS, NOTICE_WEIGHTS)[0]
        return since - timedelta(days=self.rng.randint(0, 20)), channel

    def contacts(
        self,
        sink: RowSink,
        ids: IdMaker,
        *,
        client_id: uuid.UUID,
        kind: ClientKind,
        since: date,
        settled: bool,
        site_id: object,
        domain: str,
        department: str,
        end: date,
    ) -> list[ContactProfile]:
        """2 to 6 contacts (times ``scale``); the first ones are the RTC; sometimes a former RTC replaced
        in writing."""
        rng = self.rng
        low, high = CONTACT_COUNTS[kind]
        count = rng.randint(low, high)
        if self.scale != 1.0:
            # Fractions carry over to the next client, so the total lands on the target.
            wanted = count * self.scale + self._carry
            count = max(1, int(wanted))
            self._carry = wanted - count
        rtc_count = min(count, rng.choices((1, 2, 3), weights=(30, 50, 20))[0])
        span = (end - since).days
        change_on = None
        if settled and span > 400 and count > rtc_count and rng.random() < 0.12:
            change_on = since + timedelta(days=rng.randint(200, span - 30))
        titles = data.JOB_TITLES[kind]
        # The main contact first, then the usual RTC jobs, then the others, each group shuffled.
        order = [titles[0], *rng.sample(titles[1:3], 2), *rng.sample(titles[3:], len(titles) - 3)]
        names: set[tuple[str, str]] = set()
        profiles = []
        for slot in range(count):
            former = change_on is not None and slot == count - 1
            # The newest RTC took over from the former one on the change date.
            successor = change_on is not None and slot == rtc_count - 1
            is_rtc = slot < rtc_count
            female = rng.random() < 0.62
            while True:
                first = rng.choice(data.FEMALE_FIRST_NAMES if female else data.MALE_FIRST_NAMES)
                last = rng.choice(data.LAST_NAMES)
                if (first, last) not in names:
                    names.add((first, last))
                    break
            title = order[(rtc_count - 1 if former else slot) % len(order)][1 if female else 0]
            known_from = change_on if successor and change_on else since
            rtc_since = known_from if is_rtc or former else None
            notice_on, channel = self._notice(rtc_since) if rtc_since else (None, None)
            created = at_paris(known_from, 10, rng.randint(0, 59))
            email = f"{email_part(first)}.{email_part(last)}@{domain}" if rng.random() < 0.85 else None
            contact_id = ids()
            sink.add(
                models.Contact.__table__,
                {
                    "id": contact_id,
                    "client_id": client_id,
                    "site_id": site_id,
                    "last_name": last,
                    "first_name": first,
                    "search_name": fold(f"{first} {last}"),
                    "job_title": title,
                    "email": email,
                    "active": not former,
                    "is_rtc": is_rtc,
                    "rtc_since": rtc_since,
                    "rtc_until": change_on if former else None,
                    "rtc_notice_received_on": notice_on,
                    "rtc_notice_channel": channel,
                    "created_at": created,
                    "updated_at": at_paris(change_on, 16) if former and change_on else created,
                },
            )
            phones = []
            if rng.random() < 0.5:
                phones.append(("Ligne directe", self.landline(department)))
            if rng.random() < 0.3:
                phones.append(("Portable", self.mobile()))
            for label, number in phones:
                sink.add(
                    models.PhoneNumber.__table__,
                    {
                        "id": ids(),
                        "client_id": client_id,
                        "site_id": None,
                        "contact_id": contact_id,
                        "e164": number,
                        "label": label,
                    },
                )
            profiles.append(
                ContactProfile(contact_id, f"{first} {last}", known_from, change_on if former else None, is_rtc, {})
            )
        return profiles
