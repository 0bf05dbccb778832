"""robots.txt, parsed by protego (a maintained RFC 9309 parser) and cached per host: in
the process (:class:`scraper.hosts.HostMemory`) and, for the processes sharing a
database, in it (:class:`KeptRobots`)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from contextlib import suppress
from typing import Protocol
from urllib.parse import urlsplit

from protego import Protego

from schemas import FetchError, RobotsDisallowed, RobotsUnreachable, StorageError
from scraper.hosts import ROBOTS_TTL, UNREACHABLE_ROBOTS_TTL, HostMemory, Rules, Unreachable
from scraper.settings import host_of

# Crawl-delay is honoured up to this many seconds: a larger one would hold a watch of
# many pages on one site for hours, and is more likely a typo than a wish.
MAX_CRAWL_DELAY = 60.0
# (status, body); raises FetchError when there is no answer at all
FetchText = Callable[[str], Awaitable[tuple[int, str]]]
_NO_ANSWER = 0  # the status kept for a robots.txt that could not be fetched at all


class KeptRobots(Protocol):
    """robots.txt files kept for every process on one database (:class:`db.Store`):
    a `check` that cron starts every few minutes fetches a site's once a day, not once
    a run. Times are Unix times."""

    def kept_robots(self, origin: str, now: float) -> tuple[int, str, float] | None: ...

    def keep_robots(self, origin: str, status: int, body: str, until: float) -> None: ...


class RobotsCache:
    """One robots.txt per scheme+host, kept in a :class:`HostMemory` until it expires."""

    def __init__(
        self,
        fetch_text: FetchText,
        user_agent: str,
        memory: HostMemory,
        kept: KeptRobots | None = None,
    ) -> None:
        self.fetch_text = fetch_text
        self.user_agent = user_agent
        self.memory = memory
        self.kept = kept
        self.locks: dict[str, asyncio.Lock] = {}  # this round's: one fetch per origin

    async def check(self, url: str) -> float | None:
        """Raise :class:`RobotsDisallowed` where the site's robots.txt forbids ``url``,
        and :class:`RobotsUnreachable` while that robots.txt cannot be had. Returns the
        seconds its Crawl-delay asks between requests (at most MAX_CRAWL_DELAY), if any."""
        origin = _origin(url)
        lock = self.locks.setdefault(origin, asyncio.Lock())
        async with lock:
            rules = self.memory.robots(origin)
            if rules is None:
                rules, ttl = self._kept(origin) or await self._load(origin)
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
        return _asked_delay(rules, self.user_agent)

    def _kept(self, origin: str) -> tuple[Rules, float] | None:
        """The file another process, or an earlier run, fetched and kept, for a memory
        that has none: one whose own copy expired fetches it again."""
        if self.kept is None or self.memory.knows_robots(origin):
            return None
        with suppress(StorageError):  # a database busy for long: fetch it
            found = self.kept.kept_robots(origin, time.time())
            if found is not None:
                status, body, left = found
                return _rules(status, body)[0], left
        return None

    async def _load(self, origin: str) -> tuple[Rules, float]:
        try:
            status, body = await self.fetch_text(f"{origin}/robots.txt")
        except FetchError as error:
            status, body = _NO_ANSWER, str(error).removeprefix(f"{origin}/robots.txt: ")
        rules, ttl = _rules(status, body)
        if self.kept is not None:
            with suppress(StorageError):  # kept for the next process if it can be
                self.kept.keep_robots(origin, status, body, time.time() + ttl)
        return rules, ttl


def kept_crawl_delays(kept: KeptRobots, urls: Iterable[str], user_agent: str) -> dict[str, float]:
    """The Crawl-delay (at most MAX_CRAWL_DELAY) that the kept robots.txt of each host
    among ``urls`` asks of ``user_agent``, by host (as :func:`scraper.settings.host_of`
    names it). A file kept past its expiry counts: a site seldom changes its delay, and
    saying how far behind its watches fall is worth no request."""
    delays: dict[str, float] = {}
    for origin in set(map(_origin, urls)):
        with suppress(StorageError):  # a database busy for long: the note goes without
            found = kept.kept_robots(origin, now=0.0)  # at time 0: expired or not
            rules = None if found is None else _rules(found[0], found[1])[0]
            if isinstance(rules, Protego) and (delay := _asked_delay(rules, user_agent)):
                host = host_of(origin)
                delays[host] = max(delays.get(host, 0.0), delay)
    return delays


def _origin(url: str) -> str:
    """scheme://host[:port]: the site one robots.txt speaks for."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _asked_delay(rules: Protego, user_agent: str) -> float | None:
    """The seconds a robots.txt's Crawl-delay asks between requests, at most
    MAX_CRAWL_DELAY, if it asks any."""
    delay = rules.crawl_delay(user_agent)
    return None if delay is None else min(float(delay), MAX_CRAWL_DELAY)


def _rules(status: int, body: str) -> tuple[Rules, float]:
    """A robots.txt as fetched, as rules, and how long they hold."""
    if status == _NO_ANSWER:
        return Unreachable(body), UNREACHABLE_ROBOTS_TTL
    if 200 <= status < 300:
        return Protego.parse(body), ROBOTS_TTL
    # RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one
    # (5xx, no answer) means assume everything is disallowed for now. A 429 asks us
    # to come back later: unreachable, as Google's crawler takes it too.
    if 400 <= status < 500 and status != 429:
        return True, ROBOTS_TTL
    return Unreachable(f"HTTP {status}"), UNREACHABLE_ROBOTS_TTL
