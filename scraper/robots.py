"""robots.txt, parsed by protego (a maintained RFC 9309 parser) and cached per host."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from protego import Protego

FetchText = Callable[[str], Awaitable[tuple[int, str]]]


class RobotsCache:
    """One robots.txt per scheme+host for the life of a run."""

    def __init__(self, fetch_text: FetchText, user_agent: str) -> None:
        self.fetch_text = fetch_text
        self.user_agent = user_agent
        self.rules: dict[str, Protego | bool] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self.locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self.rules:
                self.rules[origin] = await self._load(origin)
        rules = self.rules[origin]
        if isinstance(rules, bool):
            return rules
        return bool(rules.can_fetch(url, self.user_agent))

    async def _load(self, origin: str) -> Protego | bool:
        status, text = await self.fetch_text(f"{origin}/robots.txt")
        if 200 <= status < 300:
            return Protego.parse(text)
        # RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one
        # (5xx, no answer) means assume everything is disallowed for now.
        return 400 <= status < 500
