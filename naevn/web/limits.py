"""Per-client rate limits: a token bucket per client address and kind of request.

The buckets live in this process only. They hold no dialogue state, just how fast each
address has been calling, so losing them on a restart costs nothing. With several service
processes each enforces its own share; a load balancer in front may add a shared limit.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Rate:
    """How fast one client may call: ``per_second`` on average, ``burst`` at once."""

    per_second: float
    """Requests a second, sustained."""
    burst: float
    """Requests allowed in one go after a quiet spell."""


class _Bucket:
    __slots__ = ("stamp", "tokens")

    def __init__(self, tokens: float, stamp: float) -> None:
        self.tokens = tokens
        self.stamp = stamp


class RateLimiter:
    """Token buckets keyed by (kind of request, client)."""

    MAX_KEYS: Final = 100_000
    """Past this many buckets, full ones (clients quiet long enough) are dropped."""

    def __init__(
        self, rates: dict[str, Rate], *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Args:
        rates: the rate for each kind of request; a kind not listed is not limited.
        clock: monotonic seconds (tests pass their own).
        """
        self._rates = rates
        self._clock = clock
        self._buckets: dict[tuple[str, str], _Bucket] = {}

    def wait(self, kind: str, client: str) -> int:
        """Take one request from the client's bucket for ``kind``.

        Returns:
            0 if the request may go ahead, else the whole seconds until it may.
        """
        rate = self._rates.get(kind)
        if rate is None:
            return 0
        now = self._clock()
        bucket = self._buckets.get((kind, client))
        if bucket is None:
            if len(self._buckets) >= self.MAX_KEYS:
                self._prune(now)
            bucket = self._buckets[(kind, client)] = _Bucket(rate.burst, now)
        else:
            bucket.tokens = min(rate.burst, bucket.tokens + (now - bucket.stamp) * rate.per_second)
            bucket.stamp = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0
        return max(1, math.ceil((1 - bucket.tokens) / rate.per_second))

    def _prune(self, now: float) -> None:
        """Forget the clients whose buckets have refilled: they are as good as new."""
        for key, bucket in list(self._buckets.items()):
            rate = self._rates[key[0]]
            if bucket.tokens + (now - bucket.stamp) * rate.per_second >= rate.burst:
                del self._buckets[key]


def default_rates(per_second: float) -> dict[str, Rate]:
    """The service's limits, from the general rate per client (0 turns limiting off).

    Guessing a resume code is what an attacker would try, so resuming is held to a few
    attempts a minute whatever the general rate; starting sessions sits in between.
    """
    if per_second <= 0:
        return {}
    return {
        "api": Rate(per_second, per_second * 5),
        "start": Rate(min(per_second, 1.0), 30),
        "resume": Rate(0.1, 10),
    }
