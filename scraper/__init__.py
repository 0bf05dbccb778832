"""The effectful shell: network in and out, time, the process edge (CLI)."""

from scraper.fetch import AsyncFetcher, FetchResult, FetchSettings, fetch_once

__all__ = ["AsyncFetcher", "FetchResult", "FetchSettings", "fetch_once"]
