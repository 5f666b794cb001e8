"""How often a message is tried: exponential backoff between attempts, and when to give up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from statemachine.errors import NaevnError


@dataclass(frozen=True, slots=True)
class Backoff:
    """Wait ``first``, then twice as long after each failure, never more than ``cap``; after
    ``attempts`` failed attempts the message is a dead letter."""

    first: timedelta = timedelta(minutes=1)
    """The wait after the first failed attempt."""
    cap: timedelta = timedelta(hours=1)
    """The longest wait between two attempts."""
    attempts: int = 10
    """Attempts in all before giving up."""

    def __post_init__(self) -> None:
        """Refuse a policy that never tries, or waits a negative time.

        Raises:
            NaevnError: ``attempts`` is under 1, or a wait is negative.
        """
        if self.attempts < 1:
            raise NaevnError("NAEVN_DELIVERY_ATTEMPTS must be at least 1.")
        if self.first < timedelta(0) or self.cap < self.first:
            raise NaevnError(
                "NAEVN_DELIVERY_BACKOFF_SECONDS may not be negative, "
                "nor more than NAEVN_DELIVERY_BACKOFF_MAX_SECONDS."
            )

    def retry_at(self, attempts: int, now: datetime) -> datetime | None:
        """When to try again after ``attempts`` failed attempts, or None to give up.

        Args:
            attempts: how many attempts there have been, the one that just failed included.
            now: when it failed.
        """
        if attempts >= self.attempts:
            return None
        doublings = min(max(attempts - 1, 0), 32)
        return now + min(self.first * (1 << doublings), self.cap)
