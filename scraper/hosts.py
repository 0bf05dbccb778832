"""What fetching remembers about each host, beyond one round, within a process.

The minimum delay between two requests to a host, and its robots.txt rules until they
expire (one fetch per host per day, not one per check). `panelwatch run` keeps one
fetcher, and so one memory, for its whole life; rounds made one after another in a
process (tests, a script) can share a memory across their own event loops, so nothing
bound to a loop lives here: plain data behind a thread lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from protego import Protego

# RFC 9309: a cached robots.txt should not be used for more than 24 hours.
ROBOTS_TTL = 24 * 3600.0
# An unreachable robots.txt means "disallow everything for now": ask again soon, or one
# failed fetch would keep a site off limits for a day.
UNREACHABLE_ROBOTS_TTL = 600.0


@dataclass(frozen=True)
class Unreachable:
    """robots.txt could not be had: everything is disallowed until it can."""

    reason: str  # "HTTP 503", the connection's error


Rules = Protego | Literal[True] | Unreachable  # parsed rules, allow all, or none yet


class HostMemory:
    """Per host: when its next request may start, and its robots.txt rules until they
    expire. One per process; a round made without one gets a fresh one."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._next_start: dict[str, float] = {}
        self._robots: dict[str, tuple[Rules, float]] = {}

    def book_start(self, host: str, min_delay: float) -> float:
        """Book the next start of a request to ``host``; returns the seconds to wait
        for it. Starts are at least ``min_delay`` apart, whichever round asks."""
        with self._lock:
            now = self.clock()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + min_delay
            return start - now

    def robots(self, origin: str) -> Rules | None:
        """The rules fetched for ``origin`` (scheme://host), unless they have expired."""
        with self._lock:
            known = self._robots.get(origin)
            if known is None or known[1] <= self.clock():
                return None
            return known[0]

    def knows_robots(self, origin: str) -> bool:
        """Rules for ``origin`` were remembered here, expired or not."""
        with self._lock:
            return origin in self._robots

    def remember_robots(self, origin: str, rules: Rules, ttl: float) -> None:
        with self._lock:
            self._robots[origin] = (rules, self.clock() + ttl)
