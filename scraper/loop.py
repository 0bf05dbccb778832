"""One event loop, one pooled client and one database connection for the life of
`panelwatch run`.

The scheduler's jobs run on worker threads. Each hands its check to this loop and waits
for the report, so all checks share the fetcher's connections and its limits (overall,
per host, the delay between two requests to a host), and a slow or failing host holds up
only the checks aimed at it. The database connection is opened and used on the loop's
thread only, as sqlite3 connections must be.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from db import Store
from schemas import RoundReport
from scraper.fetch import AsyncFetcher
from scraper.pipeline import Clock, check_with
from scraper.settings import FetchSettings

_T = TypeVar("_T")


class CheckLoop:
    """Use as ``with CheckLoop(path, settings, clock) as loop: loop.check(url)``; any
    thread may call :meth:`check`."""

    def __init__(self, path: str, settings: FetchSettings, clock: Clock) -> None:
        self.clock = clock
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="panelwatch-checks", daemon=True
        )
        self._thread.start()
        try:
            self._store, self._fetcher = self._call(self._open(path, settings))
        except BaseException:
            self._stop()
            raise

    def check(self, url: str) -> RoundReport | None:
        """Check a watch now (a discovery source: discover again); None if it is no
        longer watched. Blocks until the check is recorded."""
        return self._call(self._check(url))

    def close(self) -> None:
        try:
            self._call(self._close())
        finally:
            self._stop()

    def __enter__(self) -> CheckLoop:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def _open(self, path: str, settings: FetchSettings) -> tuple[Store, AsyncFetcher]:
        store = Store.open(path)
        # its client binds to this loop; its bookings use this thread's connection
        return store, AsyncFetcher(settings, shared=store)

    async def _check(self, url: str) -> RoundReport | None:
        watch = next(iter(self._store.watches(url)), None)
        if watch is None:  # removed since the scheduler last synced
            return None
        if watch.discover:
            return await check_with(
                self._store, self._fetcher, [], clock=self.clock, discover_from=[url]
            )
        return await check_with(self._store, self._fetcher, [url], clock=self.clock)

    async def _close(self) -> None:
        try:
            await self._fetcher.aclose()
        finally:
            self._store.close()

    def _call(self, work: Coroutine[Any, Any, _T]) -> _T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result()

    def _stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()
