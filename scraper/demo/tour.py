"""`panelwatch demo`: the whole job against the replica site, on this machine only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from db import Store
from schemas import RoundReport
from scraper.demo.server import DemoServer
from scraper.demo.site import PRIVATE_PATH, DemoSite
from scraper.pipeline import check_round
from scraper.settings import FetchSettings

SIX_HOURS = 6 * 3600


@dataclass(frozen=True)
class DemoRound:
    number: int
    site_changes: list[str]
    report: RoundReport
    when: datetime


def run_demo(
    store: Store, *, rounds: int = 3, on_round: Callable[[DemoRound], None] | None = None
) -> str:
    """Discover the replica's pages, then tick the site and check it ``rounds`` times.

    Returns the replica's address (it is gone when this returns; the database stays).
    """
    site = DemoSite()
    with DemoServer(site) as server:
        sitemap = server.url + "/sitemap.xml"
        store.add_watch(sitemap, now=site.now(), every_seconds=SIX_HOURS, discover=True)
        # robots.txt disallows this one: it is recorded as skipped, never fetched
        store.add_watch(server.url + PRIVATE_PATH, now=site.now(), every_seconds=SIX_HOURS)
        settings = FetchSettings()  # polite defaults; spacing is lifted for loopback only
        for number in range(rounds + 1):
            changes = site.tick() if number else ["first visit"]
            if number == 2:  # a hiccup: retried, then fine
                site.fault(site.compare_paths()[1], "503", times=1)
            pages = [w.url for w in store.watches() if not w.discover]
            report = check_round(
                store, pages, settings=settings, clock=site.now, discover_from=[sitemap]
            )
            if on_round is not None:
                on_round(DemoRound(number, changes, report, site.now()))
        return server.url
