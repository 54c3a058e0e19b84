"""The backup service's allowances (R-22, R-23, R-25, art. 7): assistance minutes, stored volume, versions.

- Phone assistance: 1 h 30 a contract year is included; from the 90th minute on, time is billable (except
  for a non-conforming delivery of the software, which the technician decides case by case).
- Stored volume: 2 GB (2 000 000 000 bytes) in the base contract, measured on the newest backup received;
  above it, the excess is billed.
- The last five versions of the backup files received are kept.
- Restoration: only on a written request (portal or e-mail) by a *responsable technique client*.
"""

from __future__ import annotations

from dataclasses import dataclass

INCLUDED_MINUTES = 90
QUOTA_BYTES = 2_000_000_000
KEPT_VERSIONS = 5
WRITTEN_CHANNELS = ("portal", "email")


@dataclass(frozen=True)
class AssistanceAllowance:
    used_minutes: float
    included_minutes: int = INCLUDED_MINUTES

    @property
    def remaining_minutes(self) -> float:
        return max(0.0, self.included_minutes - self.used_minutes)

    @property
    def billable_minutes(self) -> float:
        return max(0.0, self.used_minutes - self.included_minutes)

    @property
    def exhausted(self) -> bool:
        """At 90 minutes used the allowance is spent: the next minute is billable (the intake warns)."""
        return self.used_minutes >= self.included_minutes


@dataclass(frozen=True)
class StorageUse:
    stored_bytes: int
    quota_bytes: int = QUOTA_BYTES

    @property
    def excess_bytes(self) -> int:
        return max(0, self.stored_bytes - self.quota_bytes)

    @property
    def over_quota(self) -> bool:
        return self.stored_bytes > self.quota_bytes

    @property
    def percent(self) -> float:
        return 100.0 * self.stored_bytes / self.quota_bytes if self.quota_bytes else 0.0


def size_label(size: int) -> str:
    """Bytes the way people read them (decimal units, as the contract's « 2G »): 1,5 Go, 640 Mo."""
    for unit, factor in (("Go", 10**9), ("Mo", 10**6), ("ko", 10**3)):
        if size >= factor:
            return f"{size / factor:.1f}".replace(".", ",").replace(",0", "") + f"\u00a0{unit}"
    return f"{size}\u00a0o"
