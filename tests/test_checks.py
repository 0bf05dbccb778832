"""Check rounds against the replica site over real sockets: fetch -> parse -> store."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import socket
import sqlite3
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from forward_proxy import forward_proxy
from side_by_side import side_by_side

from db import Store, page_versions, stored_record
from parsers import discover_links, sitemaps_listed
from schemas import AlertRule, ConfigError, FetchError, HTTPStatusError, RoundReport
from scraper.archive import read_captures
from scraper.demo.render import render_compare_page
from scraper.demo.server import DemoServer
from scraper.demo.site import EPOCH, PRIVATE_PATH, DemoSite, _Page
from scraper.fetch import AsyncFetcher, FetchResult, env_proxies, make_client
from scraper.hosts import ROBOTS_TTL, UNREACHABLE_ROBOTS_TTL, HostMemory
from scraper.pipeline import backfill, check_round, reparse
from scraper.settings import FetchSettings

SETTINGS = FetchSettings(contact="mailto:ops@example.test")
# Spacing is booked when a request starts and seen by the replica when it arrives. The
# first request of a client also carries the client's own setup (its aiohttp session is
# made then), which on a loaded machine took 54 ms once: the gap after it looks that
# much shorter. Without spacing the gaps are about 1 ms, far below this slack.
ARRIVAL_SLACK = 0.1


def round_of(store: Store, replica: DemoServer, *paths: str, **kwargs: object) -> RoundReport:
    urls = [replica.url + path for path in paths]
    options = {"settings": SETTINGS, **kwargs}
    return check_round(store, urls, clock=replica.site.now, **options)  # type: ignore[arg-type]


def hits(replica: DemoServer, path: str) -> list[int]:
    return [hit.status for hit in replica.site.hits if hit.path == path]


def fetch(replica: DemoServer, path: str, settings: FetchSettings = SETTINGS) -> FetchResult:
    async def go() -> FetchResult:
        async with AsyncFetcher(settings) as fetcher:
            return await fetcher.fetch(replica.url + path)

    return asyncio.run(go())


def test_discovery_from_sitemap_and_index(store: Store, replica: DemoServer) -> None:
    for source in ("/sitemap.xml", "/"):
        report = round_of(store, replica, discover_from=[replica.url + source])
        assert report.new == (5 if source == "/sitemap.xml" else 0)
    # the index page's link to another site's comparison is not followed
    assert not [w.url for w in store.watches() if "elsewhere.test" in w.url]
    watched = sorted(w.url.removeprefix(replica.url) for w in store.watches())
    assert watched == sorted(replica.site.compare_paths())
    assert PRIVATE_PATH not in watched  # not linked, and robots.txt disallows it anyway


def test_discovery_follows_a_sitemap_index(store: Store, replica: DemoServer) -> None:
    """Large sites (and Next.js's sitemap tools by default) publish sitemap.xml as an
    index of other sitemaps: it lists no page, and discovery found none. Its sitemaps
    are read, through the same fetcher; one that fails fails the discovery, naming it,
    and what the others list is still watched."""
    index = replica.url + "/sitemap-index.xml"
    store.add_watch(index, now=replica.site.now(), discover=True)
    report = round_of(store, replica, discover_from=[index])
    assert report.new == 5
    assert hits(replica, "/sitemap.xml") == [200]
    replica.site.tick()
    replica.site.tick()  # the second tick adds a comparison
    replica.site.fault("/sitemap-news.xml", "404", times=1)
    report = round_of(store, replica, discover_from=[index])
    assert report.new == 1
    assert any("sitemap-news.xml" in error and "404" in error for error in report.errors)
    source = next(w for w in store.watches() if w.url == index)
    assert (source.last_outcome, source.consecutive_failures) == ("failed", 1)


def test_discovery_from_robots_txt_follows_its_sitemaps_down(
    store: Store, replica: DemoServer
) -> None:
    """`add --discover https://site/robots.txt`: the sitemaps its Sitemap lines name
    are read, and the sitemaps an index among them lists."""
    report = round_of(store, replica, discover_from=[replica.url + "/robots.txt"])
    assert report.new == 5
    assert hits(replica, "/sitemap-index.xml") == [200]
    assert hits(replica, "/sitemap.xml") == hits(replica, "/sitemap-news.xml") == [200]
    assert report.errors == []


def test_a_gzipped_sitemap_is_read_and_a_gzip_bomb_is_capped() -> None:
    """sitemap.xml.gz, sent as a file (no Content-Encoding), was read as bytes that list
    nothing. Unpacked, it stops at the 50 MB the sitemap protocol allows."""
    urlset = b"<?xml version='1.0'?><urlset><url><loc>https://s.io/compare/a-vs-b</loc></url>"
    assert discover_links(gzip.compress(urlset + b"</urlset>"), "https://s.io/") == [
        "https://s.io/compare/a-vs-b"
    ]
    index = b"<sitemapindex><sitemap><loc>https://s.io/s1.xml.gz</loc></sitemap></sitemapindex>"
    assert sitemaps_listed(gzip.compress(index), "https://s.io/") == ["https://s.io/s1.xml.gz"]
    padded = b"<?xml version='1.0'?><urlset>" + b" " * (64 * 1024 * 1024) + urlset[29:]
    bomb = gzip.compress(padded, compresslevel=1)
    assert discover_links(bomb, "https://s.io/") == []  # its one page lies past 50 MB


def test_a_sitemap_s_escaped_addresses_are_read_unescaped() -> None:
    """The sitemap protocol has "&" written "&amp;" in a <loc>: the page was watched at
    "…?ref=feed&amp;page=2", an address the site does not have."""
    urlset = (
        b"<urlset><url><loc>https://s.io/compare/a-vs-b?ref=feed&amp;page=2</loc></url>"
        b"<url><loc><![CDATA[https://s.io/compare/c-vs-d?x=1&y=2]]></loc></url></urlset>"
    )
    assert discover_links(urlset, "https://s.io/") == [
        "https://s.io/compare/a-vs-b?ref=feed&page=2",
        "https://s.io/compare/c-vs-d?x=1&y=2",
    ]
    index = b"<sitemapindex><sitemap><loc>https://s.io/s.xml?a=1&amp;b=2</loc></sitemap>"
    assert sitemaps_listed(index + b"</sitemapindex>", "https://s.io/") == [
        "https://s.io/s.xml?a=1&b=2"
    ]


def test_a_sitemap_is_known_by_its_root_element_after_a_long_preamble() -> None:
    """A byte order mark, or no XML declaration, and a comment longer than the first
    512 bytes before <urlset>: the sitemap was read as an HTML page and listed nothing.
    A sitemap index after a 2 KB comment likewise listed no sitemaps."""
    comment = b"<!-- " + b"generated by a plugin " * 40 + b"-->\n"
    urlset = b"<urlset xmlns='x'><url><loc>https://s.io/compare/a-vs-b</loc></url></urlset>"
    for head in (b"\xef\xbb\xbf<?xml version='1.0'?>\n", b"\n"):
        assert discover_links(head + comment + urlset, "https://s.io/sitemap.xml") == [
            "https://s.io/compare/a-vs-b"
        ]
    index = b"<sitemapindex><sitemap><loc>https://s.io/s1.xml</loc></sitemap></sitemapindex>"
    long_comment = comment * 3
    assert sitemaps_listed(long_comment + index, "https://s.io/") == ["https://s.io/s1.xml"]


def test_an_index_page_s_relative_links_follow_its_base() -> None:
    """An index at /list/ whose <base href="/"> makes "compare/a-vs-b" the site's
    /compare/a-vs-b: read against the index's own address, the link was missed."""
    index = (
        b"<html><head><base href='/'></head><body><a href='compare/a-vs-b'>A vs B</a>"
        b"<a href='/compare/c-vs-d'>C vs D</a></body></html>"
    )
    assert discover_links(index, "https://s.io/list/") == [
        "https://s.io/compare/a-vs-b",
        "https://s.io/compare/c-vs-d",
    ]


def test_rediscovery_picks_up_a_new_page(store: Store, replica: DemoServer) -> None:
    sitemap = replica.url + "/sitemap.xml"
    round_of(store, replica, discover_from=[sitemap])
    replica.site.tick()
    replica.site.tick()  # the second tick adds a comparison
    report = round_of(store, replica, discover_from=[sitemap])
    assert report.new == 1
    assert len(store.watches()) == 6


def test_unchanged_recheck_is_a_304_and_adds_no_version(store: Store, replica: DemoServer) -> None:
    path = replica.site.compare_paths()[0]
    first = round_of(store, replica, path)
    again = round_of(store, replica, path)
    assert (first.new, again.unchanged) == (1, 1)
    assert hits(replica, path) == [200, 304]
    conditional = [h.conditional for h in replica.site.hits if h.path == path]
    assert conditional == [False, True]
    assert len(page_versions(store, replica.url + path)) == 1
    outcomes = store.db.execute("SELECT outcome FROM fetches ORDER BY id").fetchall()
    assert [o[0] for o in outcomes] == ["new", "not_modified"]


def test_changed_page_gets_a_new_version_and_change_rows(store: Store, replica: DemoServer) -> None:
    path = replica.site.compare_paths()[0]
    round_of(store, replica, path)
    replica.site.tick()  # the Skeptic flips Quillmate to skip on this page
    report = round_of(store, replica, path)
    assert report.changed == 1
    rows = store.db.execute(
        "SELECT kind, reviewer, tool_slug, old, new FROM changes WHERE to_version = 2 ORDER BY id"
    ).fetchall()
    assert rows == [
        ("score", "Skeptic", "quillmate-drafts", 71, 55),
        ("verdict", "Skeptic", "quillmate-drafts", "ship", "skip"),
    ]


def test_an_edit_of_a_tool_on_the_replica_changes_every_page_showing_it(
    store: Store, replica: DemoServer
) -> None:
    """As on the real site, a tool's card, pricing and reviews are the same on each
    comparison it is in, and the pages added later say the same."""
    paths = replica.site.compare_paths()
    round_of(store, replica, *paths)
    replica.site.tick()  # Lumen SQL's pricing is edited
    replica.site.tick()  # ... and a comparison of Lumen SQL is added
    paths = replica.site.compare_paths()
    round_of(store, replica, *paths)
    edited = store.db.execute(
        "SELECT url, new FROM changes WHERE kind = 'pricing_text' ORDER BY url"
    ).fetchall()
    lumen = "Free up to 250 questions a month; Pro at $29 per user per month"
    assert edited == [
        (replica.url + "/compare/lumen-sql-vs-patchwork-ci", lumen),
        (replica.url + "/compare/lumen-sql-vs-quillmate-drafts", lumen),
    ]
    [added] = [p for p in paths if p.endswith("lumen-sql-vs-tensorloom-7b")]
    record = stored_record(store, replica.url + added)
    assert record is not None
    assert [t.pricing.text for t in record.tools if t.slug == "lumen-sql"] == [lumen]


def test_the_replica_shows_each_tool_alike_on_every_page() -> None:
    site = DemoSite()
    for _ in range(6):
        tools: dict[str, set[str]] = {}
        reviews: dict[tuple[str, str], set[str]] = {}
        for page in site.pages.values():
            for tool in page.record.tools:
                tools.setdefault(tool.slug, set()).add(tool.model_dump_json())
            for review in page.record.reviews:
                key = (review.tool_slug, review.reviewer)
                reviews.setdefault(key, set()).add(review.model_dump_json())
        assert all(len(shown) == 1 for shown in tools.values()), site.tick_count
        assert all(len(shown) == 1 for shown in reviews.values()), site.tick_count
        site.tick()


def test_the_replica_serves_a_page_as_it_is_after_an_edit() -> None:
    """A request answers with the page's current state, never a body rendered for an
    earlier one. The replica once kept bodies by id() of the page state, and a new state
    made after the old one is freed can get its id: then the old body went out."""
    site = DemoSite()
    path = site.compare_paths()[0]
    before = site.respond(path, {}, "http://replica.test").body
    style, updated = site.pages[path].style, site.pages[path].updated
    edited = site.pages[path].record.model_copy(update={"title": "A title given later"})
    del site.pages[path]  # the old state is freed before the new one is made
    site.pages[path] = _Page(edited, style, updated)
    after = site.respond(path, {}, "http://replica.test").body
    assert after != before
    assert after == render_compare_page(edited, style).encode()


def test_robots_disallowed_is_skipped_and_never_fetched(store: Store, replica: DemoServer) -> None:
    store.add_watch(replica.url + PRIVATE_PATH, now=replica.site.now())
    report = round_of(store, replica, PRIVATE_PATH)
    assert (report.checked, report.skipped) == (1, 1)
    assert hits(replica, PRIVATE_PATH) == []
    [watch] = store.watches()
    assert watch.last_outcome == "skipped"
    assert "robots.txt" in (watch.last_error or "")


def test_a_redirect_is_followed_and_stored_as_the_watched_page(
    store: Store, replica: DemoServer
) -> None:
    watched, moved = replica.site.compare_paths()[:2]
    replica.site.fault(watched, "redirect", to=moved)  # relative, as most sites send it
    result = fetch(replica, watched)
    assert (result.status, result.url) == (200, replica.url + moved)
    replica.site.fault(watched, "redirect", to=replica.url + moved, status=308)
    report = round_of(store, replica, watched)
    assert report.new == 1
    assert len(page_versions(store, replica.url + watched)) == 1


def test_a_page_moved_for_good_says_where(store: Store, replica: DemoServer) -> None:
    """A 301 or 308 is kept with the fetch and shown on the watch, whose history stays
    under the watched address; a temporary redirect, or none, clears it."""
    watched, moved = replica.site.compare_paths()[:2]
    store.add_watch(replica.url + watched, now=replica.site.now())
    replica.site.fault(watched, "redirect", to=moved)
    assert round_of(store, replica, watched).new == 1
    [watch] = store.watches()
    assert watch.moved_to == replica.url + moved
    kept = store.db.execute("SELECT moved_to FROM fetches").fetchall()
    assert kept == [(replica.url + moved,)]
    replica.site.fault(watched, "redirect", to=moved, status=302)
    round_of(store, replica, watched)
    assert store.watches()[0].moved_to is None


def test_a_robots_txt_with_a_byte_order_mark_is_obeyed(store: Store, replica: DemoServer) -> None:
    """A robots.txt saved with a UTF-8 byte order mark read as if its first line were
    "\ufeffUser-agent: *", not a group: its rules were dropped and the disallowed page
    fetched."""
    replica.site.fault("/robots.txt", "bom", times=None)
    store.add_watch(replica.url + PRIVATE_PATH, now=replica.site.now())
    report = round_of(store, replica, PRIVATE_PATH)
    assert report.skipped == 1
    assert hits(replica, PRIVATE_PATH) == []
    replica.site.clear_faults()
    # the same for the Sitemap lines discovery reads, here the first line
    bom = b"\xef\xbb\xbfSitemap: /sitemap.xml\n"
    assert sitemaps_listed(bom, "https://s.io/robots.txt") == ["https://s.io/sitemap.xml"]


def test_a_redirect_is_checked_against_robots_txt(store: Store, replica: DemoServer) -> None:
    """robots.txt rules the page a redirect leads to, as it rules the page asked for:
    a watched page that moves into a disallowed path is skipped, not fetched there."""
    watched = replica.site.compare_paths()[0]
    replica.site.fault(watched, "redirect", to=PRIVATE_PATH)
    report = round_of(store, replica, watched)
    assert (report.checked, report.skipped) == (1, 1)
    assert hits(replica, PRIVATE_PATH) == []
    assert report.errors == []
    fetches = store.db.execute("SELECT outcome, error FROM fetches").fetchall()
    assert fetches == [("skipped", f"{replica.url}{PRIVATE_PATH}: disallowed by the site's "
                        f"robots.txt (redirected from {replica.url}{watched})")]  # fmt: skip
    assert page_versions(store, replica.url + watched) == []


def test_a_redirect_to_another_host_obeys_that_hosts_robots_txt(replica: DemoServer) -> None:
    watched, moved = replica.site.compare_paths()[:2]
    other_host = replica.url.replace("127.0.0.1", "localhost")
    replica.site.fault(watched, "redirect", to=other_host + moved)
    assert fetch(replica, watched).url == other_host + moved
    assert hits(replica, "/robots.txt") == [200, 200]  # one per host


def test_a_redirected_robots_txt_is_followed(store: Store, replica: DemoServer) -> None:
    replica.site.fault("/robots.txt", "redirect", to="/robots.txt?moved=1")
    report = round_of(store, replica, PRIVATE_PATH)
    assert (report.skipped, report.failed) == (1, 0)
    assert hits(replica, "/robots.txt") + hits(replica, "/robots.txt?moved=1") == [301, 200]
    assert hits(replica, PRIVATE_PATH) == []


def test_redirect_loops_and_odd_targets_fail_at_once(replica: DemoServer) -> None:
    watched = replica.site.compare_paths()[0]
    replica.site.fault(watched, "redirect", times=None, to=watched)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(replica, watched)
    assert hits(replica, watched) == [301] * 6
    replica.site.fault(watched, "redirect", times=None, to="ftp://files.example.test/a")
    with pytest.raises(
        FetchError, match=r"redirected to ftp://files\.example\.test/a, not an http"
    ):
        fetch(replica, watched)
    assert hits(replica, watched) == [301] * 7  # no retry: it would go the same way
    replica.site.clear_faults()


def test_politeness_holds_from_one_round_to_the_next(store: Store, replica: DemoServer) -> None:
    """Rounds that share a HostMemory (one process, one after another) fetch the host's
    robots.txt once, and requests keep their spacing across rounds."""
    polite = replace(SETTINGS, lift_on_loopback=False, per_host=1, min_delay=0.3)
    memory = HostMemory()
    paths = replica.site.compare_paths()[:3]
    for path in paths:
        round_of(store, replica, path, settings=polite, memory=memory)
    assert [hit.path for hit in replica.site.hits] == ["/robots.txt", *paths]
    starts = [hit.arrived for hit in replica.site.hits]
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) >= 0.3 - ARRIVAL_SLACK, gaps


def test_a_host_with_a_backlog_does_not_hold_up_another(store: Store) -> None:
    """16 pages of one host listed before one page of another, one request every 0.2 s
    a host: the second host's page went out after the first host's ninth, as checks
    waiting for their host's turn held all the round's slots."""
    with DemoServer(DemoSite(extra_pages=16)) as replica:
        paths = replica.site.compare_paths()
        busy = [replica.url + path for path in paths[:16]]
        idle = replica.url.replace("127.0.0.1", "localhost") + paths[16]
        polite = replace(SETTINGS, lift_on_loopback=False, min_delay=0.2, obey_robots=False)
        report = check_round(store, [*busy, idle], settings=polite, clock=replica.site.now)
        assert report.new == 17
        order = [hit.path for hit in sorted(replica.site.hits, key=lambda hit: hit.arrived)]
    assert order.index(paths[16]) < 3, order


def test_a_round_holds_a_task_per_request_a_host_may_have_open(store: Store) -> None:
    """Not a task per page: each waited for its host's turn holding ~5 KB, which for a
    site of 20,000 pages came to 100 MB."""
    with DemoServer(DemoSite(extra_pages=40)) as replica:
        urls = [replica.url + path for path in replica.site.compare_paths()]
        polite = replace(
            SETTINGS, lift_on_loopback=False, per_host=2, min_delay=0.0, obey_robots=False
        )
        tasks: list[int] = []
        report = check_round(
            store, urls, settings=polite, clock=replica.site.now,
            progress=lambda result: tasks.append(len(asyncio.all_tasks())),
        )  # fmt: skip
    assert report.new == len(urls) > 40
    assert max(tasks) <= 3, tasks  # the round, and a task for each of the 2 requests


def test_crawl_delay_in_robots_txt_spaces_the_requests(store: Store, replica: DemoServer) -> None:
    """A site's Crawl-delay holds even where our own spacing is lifted (loopback here),
    from the first request after its robots.txt is read."""
    replica.site.crawl_delay = 0.3
    paths = replica.site.compare_paths()[:3]
    round_of(store, replica, *paths)
    pages = [hit.arrived for hit in replica.site.hits if hit.path != "/robots.txt"]
    gaps = [later - earlier for earlier, later in itertools.pairwise(pages)]
    assert len(gaps) == 2
    assert min(gaps) >= 0.3 - ARRIVAL_SLACK, gaps


def test_a_crawl_delay_taken_back_is_no_longer_kept(replica: DemoServer) -> None:
    """`run` keeps one fetcher, and so one gate per host, for weeks: the gate follows
    robots.txt as it is read again, not the longest Crawl-delay it ever saw."""
    now = [0.0]
    first, second = (replica.url + path for path in replica.site.compare_paths()[:2])

    async def two_fetches() -> list[float]:
        async with AsyncFetcher(SETTINGS, HostMemory(clock=lambda: now[0])) as fetcher:
            await fetcher.fetch(first)
            delays = [fetcher.gate(first).min_delay]
            replica.site.crawl_delay = None
            now[0] += ROBOTS_TTL + 1
            await fetcher.fetch(second)
            return [*delays, fetcher.gate(second).min_delay]

    replica.site.crawl_delay = 5
    assert asyncio.run(two_fetches()) == [5.0, 0.0]


def test_processes_on_one_database_keep_one_spacing_per_host(
    store: Store, replica: DemoServer
) -> None:
    """`check` beside `run`: two connections to one database, as two processes have,
    each with a memory of its own, still space their requests to a host."""
    polite = replace(SETTINGS, lift_on_loopback=False, per_host=1, min_delay=0.3)
    paths = replica.site.compare_paths()[:4]

    def process(mine: list[str]) -> None:
        with Store.open(store.path) as own:
            round_of(own, replica, *mine, settings=polite, memory=HostMemory())

    side_by_side(lambda: process(paths[0::2]), lambda: process(paths[1::2]))
    assert sorted(hit.path for hit in replica.site.hits if hit.path != "/robots.txt") == sorted(
        paths
    )
    # robots.txt once, or once each where both ask before either has kept it
    assert len(hits(replica, "/robots.txt")) in (1, 2)
    starts = sorted(hit.arrived for hit in replica.site.hits)
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) >= 0.3 - ARRIVAL_SLACK, gaps


def test_a_busy_database_leaves_the_process_its_own_spacing(store: Store) -> None:
    """Another process holding the write lock for long (a `reparse`) must not stall or
    fail fetching: the booking gives up soon and the process's own spacing holds."""
    holder = sqlite3.connect(store.path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")

    async def two_starts() -> list[float]:
        async with AsyncFetcher(SETTINGS, shared=store) as fetcher:
            return [fetcher.book("example.test", 0.3) + time.monotonic() for _ in range(2)]

    try:
        started = time.monotonic()
        first, second = asyncio.run(two_starts())
        assert time.monotonic() - started < 2.0  # two waits of 0.25 s for the lock, at most
    finally:
        holder.rollback()
        holder.close()
    assert second - first >= 0.3 - 0.01


def test_a_robots_txt_answered_429_keeps_the_site_off_limits(
    store: Store, replica: DemoServer
) -> None:
    """A 429 is a site asking to be left alone for now, not a missing robots.txt: as
    Google's crawler does, it counts as unreachable. It was read as "no robots.txt",
    and the site's disallowed pages were fetched."""
    now = [0.0]
    memory = HostMemory(clock=lambda: now[0])
    replica.site.fault("/robots.txt", "429", times=1)
    report = round_of(store, replica, PRIVATE_PATH, memory=memory)
    assert (report.failed, report.skipped) == (1, 0)
    assert "robots.txt could not be fetched (HTTP 429)" in report.errors[0]
    assert hits(replica, PRIVATE_PATH) == []
    now[0] += UNREACHABLE_ROBOTS_TTL + 1
    assert round_of(store, replica, PRIVATE_PATH, memory=memory).skipped == 1
    assert hits(replica, PRIVATE_PATH) == []


def test_robots_txt_is_kept_in_the_database_for_the_next_process(
    store: Store, replica: DemoServer
) -> None:
    """A `check` that cron starts every few minutes is a new process each time, and
    fetched each site's robots.txt every time. The database now keeps it for them, for
    as long as one process would (a day; ten minutes for one that did not answer)."""
    path = replica.site.compare_paths()[0]
    for _ in range(2):  # each round with a memory of its own, as a new process has
        assert round_of(store, replica, path, memory=HostMemory()).failed == 0
    assert hits(replica, "/robots.txt") == [200]
    store.db.execute("UPDATE robots_files SET expires_at = 0")  # a day later
    round_of(store, replica, path, memory=HostMemory())
    assert hits(replica, "/robots.txt") == [200, 200]
    # one that did not answer: the next process does not ask again at once either
    replica.site.fault("/robots.txt", "503", times=1)
    store.db.execute("UPDATE robots_files SET expires_at = 0")
    for _ in range(2):
        report = round_of(store, replica, path, memory=HostMemory())
        assert "robots.txt could not be fetched (HTTP 503)" in report.errors[0]
    assert hits(replica, "/robots.txt") == [200, 200, 503]
    [(until,)] = store.db.execute("SELECT expires_at FROM robots_files").fetchall()
    assert 0 < until - time.time() <= UNREACHABLE_ROBOTS_TTL


def test_robots_txt_is_fetched_again_once_it_expires(store: Store, replica: DemoServer) -> None:
    now = [0.0]
    memory = HostMemory(clock=lambda: now[0])
    path = replica.site.compare_paths()[0]

    def robots_fetches_after_a_round() -> int:
        round_of(store, replica, path, memory=memory)
        return len(hits(replica, "/robots.txt"))

    assert robots_fetches_after_a_round() == 1
    now[0] += ROBOTS_TTL - 1
    assert robots_fetches_after_a_round() == 1
    now[0] += 2
    assert robots_fetches_after_a_round() == 2


def test_an_unreachable_robots_txt_is_asked_again_soon(store: Store, replica: DemoServer) -> None:
    """RFC 9309: while robots.txt cannot be had, assume everything is disallowed; but a
    passing failure must not keep the site off limits for the day a fetched one is kept.
    The check failed, rather than was skipped: the site did not say no, it did not
    answer, and a site that stays down must end up marked failing."""
    now = [0.0]
    memory = HostMemory(clock=lambda: now[0])
    path = replica.site.compare_paths()[0]
    store.add_watch(replica.url + path, now=replica.site.now())
    replica.site.fault("/robots.txt", "503", times=1)
    assert round_of(store, replica, path, memory=memory).failed == 1
    assert round_of(store, replica, path, memory=memory).failed == 1  # still remembered
    [watch] = store.watches()
    assert watch.consecutive_failures == 2
    assert "robots.txt" in (watch.last_error or "")
    assert "HTTP 503" in (watch.last_error or "")
    now[0] += UNREACHABLE_ROBOTS_TTL + 1
    assert round_of(store, replica, path, memory=memory).new == 1
    assert hits(replica, "/robots.txt") == [503, 200]
    assert hits(replica, path) == [200]


def test_a_host_that_does_not_answer_fails_its_checks(store: Store) -> None:
    """Nothing listens on the port: robots.txt cannot be fetched, and the checks fail,
    naming it, until the watch is marked failing. They were once recorded as skipped,
    "disallowed by the site's robots.txt", which never counts as a failure."""
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/compare/a-vs-b"
    store.add_watch(url, now=datetime.now(UTC))
    for _ in range(3):
        report = check_round(store, [url], settings=SETTINGS, clock=lambda: datetime.now(UTC))
        assert (report.failed, report.skipped) == (1, 0)
    [watch] = store.watches()
    assert watch.failing
    assert "robots.txt" in (watch.last_error or "")
    assert "could not be fetched" in (watch.last_error or "")
    # httpx-aiohttp maps a refused connection to httpx.ConnectTimeout: not "timed out"
    assert "timed out" not in (watch.last_error or "")
    assert "could not connect" in (watch.last_error or "")


def test_user_agent_names_panelwatch_and_the_contact(replica: DemoServer) -> None:
    fetch(replica, replica.site.compare_paths()[0])
    agents = {hit.user_agent for hit in replica.site.hits}
    assert agents == {"panelwatch/0.1 (+mailto:ops@example.test)"}


def test_cookies_the_site_sets_are_never_sent_back(store: Store, replica: DemoServer) -> None:
    paths = replica.site.compare_paths()[:3]
    round_of(store, replica, *paths)
    round_of(store, replica, *paths)
    page_hits = [hit for hit in replica.site.hits if hit.path in paths]
    assert len(page_hits) == 6
    assert not any(hit.sent_cookie for hit in page_hits)


def test_429_waits_for_retry_after_then_succeeds(replica: DemoServer) -> None:
    path = replica.site.compare_paths()[0]
    replica.site.fault(path, "429", retry_after=1)
    result = fetch(replica, path)
    assert (result.status, result.attempts) == (200, 2)
    assert result.waited >= 1.0  # the client honoured Retry-After before trying again
    assert hits(replica, path) == [429, 200]


def test_retry_after_is_capped(replica: DemoServer) -> None:
    path = replica.site.compare_paths()[0]
    replica.site.fault(path, "429", retry_after=3600)
    result = fetch(replica, path, replace(SETTINGS, max_retry_after=0.2))
    assert result.attempts == 2
    assert result.waited == pytest.approx(0.2)


def test_5xx_is_retried_then_stored_once(store: Store, replica: DemoServer) -> None:
    path = replica.site.compare_paths()[1]
    replica.site.fault(path, "503", times=2)
    report = round_of(store, replica, path)
    assert (report.new, report.failed) == (1, 0)
    assert hits(replica, path) == [503, 503, 200]
    assert len(page_versions(store, replica.url + path)) == 1


def test_other_4xx_is_not_retried(store: Store, replica: DemoServer) -> None:
    path = replica.site.compare_paths()[1]
    replica.site.fault(path, "404")
    report = round_of(store, replica, path)
    assert report.failed == 1
    assert hits(replica, path) == [404]
    replica.site.fault(path, "404")
    with pytest.raises(HTTPStatusError):
        fetch(replica, path)


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("truncate", "expected a complete HTML document"),
        ("drop", "Not enough data to satisfy content length"),
        ("layout", 'a card per tool, each with a "Panel ship" figure'),
        ("huge", "byte cap"),
    ],
)
def test_bad_responses_fail_clearly_and_leave_history_untouched(
    store: Store, replica: DemoServer, fault: str, message: str
) -> None:
    path = replica.site.compare_paths()[2]
    round_of(store, replica, path)
    replica.site.tick()
    replica.site.tick()  # this page gets community votes on tick 2
    replica.site.fault(path, fault, times=None)  # type: ignore[arg-type]
    report = round_of(store, replica, path)
    assert report.failed == 1
    assert message in report.errors[0]
    assert replica.url + path in report.errors[0]
    assert len(page_versions(store, replica.url + path)) == 1
    assert store.db.execute("SELECT COUNT(*) FROM changes").fetchone()[0] == 1  # page_added
    replica.site.clear_faults()
    assert round_of(store, replica, path).changed == 1  # and it recovers


def test_size_cap_aborts_the_download(replica: DemoServer) -> None:
    path = replica.site.compare_paths()[0]
    replica.site.fault(path, "huge", size=200_000)
    with pytest.raises(Exception, match="over the 100000-byte cap"):
        fetch(replica, path, replace(SETTINGS, max_bytes=100_000))


def test_consecutive_failures_mark_a_watch_failing_until_it_recovers(
    store: Store, replica: DemoServer
) -> None:
    path = replica.site.compare_paths()[3]
    store.add_watch(replica.url + path, now=replica.site.now())
    replica.site.fault(path, "500", times=None)
    for expected in (1, 2, 3):
        round_of(store, replica, path)
        [watch] = store.watches()
        assert watch.consecutive_failures == expected
    assert watch.failing
    replica.site.clear_faults()
    round_of(store, replica, path)
    [watch] = store.watches()
    assert (watch.failing, watch.consecutive_failures, watch.last_outcome) == (False, 0, "new")


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
def test_timeouts_are_fetch_errors(replica: DemoServer, transport: str) -> None:
    path = replica.site.compare_paths()[0]
    replica.site.fault(path, "slow", times=None, seconds=1.0)
    settings = replace(SETTINGS, timeout=0.2, retries=1, transport=transport)  # type: ignore[arg-type]
    with pytest.raises(Exception, match=r"timed out after 0\.2s"):
        fetch(replica, path, settings)
    replica.site.clear_faults()


def test_a_server_that_hangs_up_is_not_called_slow(store: Store, replica: DemoServer) -> None:
    """A server that closes the connection without answering: httpx-aiohttp maps that
    to httpx.ConnectTimeout, and the check said "timed out after 20s" at once."""
    path = replica.site.compare_paths()[0]
    replica.site.fault(path, "hangup", times=None)
    report = round_of(store, replica, path, settings=replace(SETTINGS, retries=1))
    assert report.failed == 1
    assert f"{replica.url}{path}: the connection broke off" in report.errors[0]
    assert "Server disconnected" in report.errors[0]
    assert "timed out" not in report.errors[0]
    with pytest.raises(FetchError) as raised:
        fetch(replica, path, replace(SETTINGS, retries=1))
    assert raised.value.attempt == 2  # retried, as a broken connection may pass
    replica.site.fault(path, "hangup", times=1)
    assert round_of(store, replica, path).new == 1


def test_a_response_that_trickles_in_ends_at_its_whole_response_deadline(
    store: Store, replica: DemoServer
) -> None:
    """Each piece came within the read timeout, so a site sending its page a few bytes
    at a time held the check (and one of its host's turns) for as long as it liked."""
    path = replica.site.compare_paths()[0]
    replica.site.fault(path, "trickle", times=None, seconds=0.2, pieces=100)  # 20 s whole
    settings = replace(SETTINGS, timeout=1.0, total_timeout=0.8, retries=1)
    started = time.monotonic()
    report = round_of(store, replica, path, settings=settings)
    assert report.failed == 1
    assert "no whole response after 0.8s (it came too slowly)" in report.errors[0]
    assert time.monotonic() - started < 5  # two attempts of 0.8 s and a backoff
    assert page_versions(store, replica.url + path) == []  # nothing half-read stored
    replica.site.clear_faults()
    assert round_of(store, replica, path, settings=settings).new == 1


def replica_now() -> datetime:
    return datetime(2026, 11, 1, tzinfo=UTC)


def test_only_http_urls(store: Store) -> None:
    report = check_round(
        store, ["ftp://example.test/compare/a-vs-b"], settings=SETTINGS, clock=replica_now
    )
    assert report.failed == 1
    assert "expected an http:// or https:// URL" in report.errors[0]


def test_the_header_charset_comes_before_the_pages_meta(store: Store, replica: DemoServer) -> None:
    """A page served as UTF-8 whose template still says ISO-8859-1 in its <meta>, as
    browsers read it: by the header. It was read as windows-1252, so each "·" became
    "Â·", and the page failed to parse. Reparse reads the kept body the same way."""
    path = replica.site.compare_paths()[0]
    replica.site.fault(path, "charset", meta="iso-8859-1", header="utf-8", times=None)
    report = round_of(store, replica, path)
    assert (report.new, report.errors) == (1, [])
    replica.site.clear_faults()  # the same page with a <meta> that agrees: no change
    assert round_of(store, replica, path).unchanged == 1
    (charset,) = store.db.execute("SELECT charset FROM fetches ORDER BY id LIMIT 1").fetchone()
    assert charset == "utf-8"
    assert reparse(store) == (2, 1)
    assert [v.changes for v in page_versions(store, replica.url + path)] == [1]


def test_the_environments_proxy_is_used(
    store: Store, replica: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP_PROXY and the like were ignored: httpx reads them only for a client without
    a transport of its own, and panelwatch gives it one. Behind a proxy, every fetch
    failed. Sites on this machine are still reached directly, so the demo runs there."""
    port = urlsplit(replica.url).port
    path = replica.site.compare_paths()[0]
    with forward_proxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.server_address[1]}")
        monkeypatch.setenv("NO_PROXY", "skipped.test")
        away = f"http://replica.test:{port}{path}"  # resolves nowhere: only the proxy knows it
        report = check_round(store, [away], settings=SETTINGS.local(), clock=replica.site.now)
        assert (report.new, report.errors) == (1, [])
        assert proxy.seen == [f"http://replica.test:{port}/robots.txt", away]
        report = round_of(store, replica, path)  # 127.0.0.1: straight to the replica
        assert (report.new, len(proxy.seen)) == (1, 2)
        bypassed = f"http://skipped.test:{port}{path}"
        report = check_round(store, [bypassed], settings=SETTINGS.local(), clock=replica.site.now)
        assert report.failed == 1
        assert len(proxy.seen) == 2  # NO_PROXY: not through it


def test_proxy_settings_read_as_curl_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    assert env_proxies() == {}
    monkeypatch.setenv("HTTPS_PROXY", "proxy.corp:3128")
    monkeypatch.setenv("NO_PROXY", ".intranet.test, 10.0.0.7,fd00::1")
    assert env_proxies() == {
        "https://": "http://proxy.corp:3128",
        "all://*intranet.test": None,  # the domain and its subdomains
        "all://10.0.0.7": None,
        "all://[fd00::1]": None,
        "all://localhost": None,
        "all://127.0.0.1": None,
        "all://[::1]": None,
    }
    monkeypatch.setenv("NO_PROXY", "*")
    assert env_proxies() == {}
    # what a pattern cannot say is left out, and a port is not matched; no setting stops
    # a client from being made
    monkeypatch.setenv("NO_PROXY", "10.0.0.0/8,intranet.test:8080,[fd00::1]:443")
    assert list(env_proxies())[1:3] == ["all://*intranet.test", "all://[fd00::1]"]
    make_client(SETTINGS)
    monkeypatch.setenv("HTTPS_PROXY", "ftp://proxy.corp:21")
    with pytest.raises(ConfigError, match="ftp"):
        make_client(SETTINGS)


def test_backfill_reads_an_archives_copies_into_their_place(
    store: Store, replica: DemoServer
) -> None:
    """A page watched from today has its past in the Wayback Machine. The replica keeps
    an archive of its own, answering as the Wayback Machine does."""
    site, path = replica.site, "/compare/lumen-sql-vs-quillmate-drafts"
    url = replica.url + path
    for _ in range(3):  # copies at 09:00, 15:00, 21:00 (the same as 15:00's) and 03:00
        site.archive_copies()
        site.tick()
    site.archive_copies()
    store.add_watch(url, now=site.now())
    store.add_rule(AlertRule(channel="console"), now=site.now())
    later = site.now() + timedelta(hours=1)
    assert check_round(store, [url], settings=SETTINGS, clock=lambda: later).new == 1
    watch, alerts = store.watches(), store.alerts()
    done = backfill(store, url, settings=SETTINGS, archive=replica.url)
    assert [(c.taken_at.hour, r.outcome if r else None) for c, r in done] == [
        (9, "new"), (15, "changed"), (3, "changed"),
    ]  # fmt: skip
    assert [v.seen_at.hour for v in page_versions(store, url)] == [9, 15, 3]
    assert store.db.execute("SELECT outcome FROM fetches ORDER BY fetched_at DESC").fetchone() == (
        "unchanged",  # today's check saw what the last copy shows
    )
    assert (store.watches(), store.alerts()) == (watch, alerts)  # nothing alerted
    copies = [hit for hit in site.hits if hit.path.startswith("/web/")]
    assert len(copies) == 3  # the same bytes twice in a row: listed once
    again = backfill(store, url, settings=SETTINGS, archive=replica.url, since=EPOCH)
    assert [result for _, result in again] == [None] * 3  # read before: not fetched again
    assert len([hit for hit in site.hits if hit.path.startswith("/web/")]) == 3


def test_an_archive_that_lists_no_copies_readably_says_so() -> None:
    with pytest.raises(FetchError, match="expected the archive's list of copies"):
        read_captures(b"<html>Too many requests</html>", "https://archive.test/cdx")
    assert read_captures(b"[]", "https://archive.test/cdx") == []
