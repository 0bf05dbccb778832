"""The effectful shell: network in and out, time, the process edge (CLI).

The fetcher's names load on first use: a command that fetches nothing (`list`,
`history`) starts without an HTTP client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scraper.settings import FetchSettings

if TYPE_CHECKING:
    from scraper.fetch import AsyncFetcher, FetchResult, fetch_once

__all__ = ["AsyncFetcher", "FetchResult", "FetchSettings", "fetch_once"]


def __getattr__(name: str) -> object:
    if name in ("AsyncFetcher", "FetchResult", "fetch_once"):
        from scraper import fetch

        return getattr(fetch, name)
    raise AttributeError(f"module 'scraper' has no attribute {name!r}")
