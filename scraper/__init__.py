"""The effectful shell: network in and out, time, the process edge (CLI)."""

from scraper.fetch import Fetcher, FetchResult, FetchSettings

__all__ = ["FetchResult", "FetchSettings", "Fetcher"]
