"""Per-client token buckets: `count` requests per `seconds`, refilled continuously."""
from __future__ import annotations

import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

_UNITS = {"second": 1.0, "minute": 60.0, "hour": 3600.0}
_RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour)s?\s*$")
_OFF = {"off", "0", "none", "unlimited"}


@dataclass(frozen=True)
class RateLimit:
    count: int
    seconds: float


def parse_rate_limit(text: str) -> RateLimit | None:
    """'60/minute' → RateLimit(60, 60.0); 'off' (or '0') → None. ValueError otherwise."""
    if text.strip().lower() in _OFF:
        return None
    match = _RATE_RE.match(text.lower())
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"QA_RATE_LIMIT must look like '60/minute' (second, minute or hour) or 'off', got {text!r}")
    return RateLimit(int(match.group(1)), _UNITS[match.group(2)])


class TokenBuckets:
    """One bucket per client key; a full bucket holds `count` tokens, each request takes one.

    Bounded memory: past `max_clients` the least recently seen bucket is dropped, which only
    ever gives that client a full bucket again.
    """

    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic,
                 max_clients: int = 10_000) -> None:
        self.limit = limit
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, at)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0.0 when the request may go ahead, else the seconds until a token is back."""
        rate = self.limit.count / self.limit.seconds
        with self._lock:
            now = self.clock()
            tokens, at = self._buckets.pop(key, (float(self.limit.count), now))
            tokens = min(float(self.limit.count), tokens + (now - at) * rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
        return 0.0 if allowed else (1.0 - tokens) / rate


def retry_after(wait: float) -> str:
    """The Retry-After header value: whole seconds, at least 1."""
    return str(max(1, math.ceil(wait)))
