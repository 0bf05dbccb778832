"""robots.txt, parsed by protego (a maintained RFC 9309 parser) and cached per host."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from protego import Protego

from schemas import FetchError, RobotsDisallowed, RobotsUnreachable
from scraper.hosts import ROBOTS_TTL, UNREACHABLE_ROBOTS_TTL, HostMemory, Rules, Unreachable

# Crawl-delay is honoured up to this many seconds: a larger one would hold a watch of
# many pages on one site for hours, and is more likely a typo than a wish.
MAX_CRAWL_DELAY = 60.0
# (status, body); raises FetchError when there is no answer at all
FetchText = Callable[[str], Awaitable[tuple[int, str]]]


class RobotsCache:
    """One robots.txt per scheme+host, kept in a :class:`HostMemory` until it expires."""

    def __init__(self, fetch_text: FetchText, user_agent: str, memory: HostMemory) -> None:
        self.fetch_text = fetch_text
        self.user_agent = user_agent
        self.memory = memory
        self.locks: dict[str, asyncio.Lock] = {}  # this round's: one fetch per origin

    async def check(self, url: str) -> float | None:
        """Raise :class:`RobotsDisallowed` where the site's robots.txt forbids ``url``,
        and :class:`RobotsUnreachable` while that robots.txt cannot be had. Returns the
        seconds its Crawl-delay asks between requests (at most MAX_CRAWL_DELAY), if any."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self.locks.setdefault(origin, asyncio.Lock())
        async with lock:
            rules = self.memory.robots(origin)
            if rules is None:
                rules, ttl = await self._load(origin)
                self.memory.remember_robots(origin, rules, ttl)
        if isinstance(rules, Unreachable):
            raise RobotsUnreachable(
                url,
                f"the site's robots.txt could not be fetched ({rules.reason}); until it can, "
                "nothing is fetched from the site (RFC 9309)",
            )
        if rules is True:
            return None
        if not rules.can_fetch(url, self.user_agent):
            raise RobotsDisallowed(url, "disallowed by the site's robots.txt")
        delay = rules.crawl_delay(self.user_agent)
        return None if delay is None else min(float(delay), MAX_CRAWL_DELAY)

    async def _load(self, origin: str) -> tuple[Rules, float]:
        try:
            status, text = await self.fetch_text(f"{origin}/robots.txt")
        except FetchError as error:
            reason = str(error).removeprefix(f"{origin}/robots.txt: ")
            return Unreachable(reason), UNREACHABLE_ROBOTS_TTL
        if 200 <= status < 300:
            return Protego.parse(text), ROBOTS_TTL
        # RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one
        # (5xx, no answer) means assume everything is disallowed for now. A 429 asks us
        # to come back later: unreachable, as Google's crawler takes it too.
        if 400 <= status < 500 and status != 429:
            return True, ROBOTS_TTL
        return Unreachable(f"HTTP {status}"), UNREACHABLE_ROBOTS_TTL
