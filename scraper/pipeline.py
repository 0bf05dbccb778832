"""The one place the stages meet: fetch -> parse -> store (-> changes), for one round."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime

from db import Store
from parsers import discover_links, parse, sitemaps_listed, unpacked
from schemas import (
    CheckResult,
    ComparisonPage,
    FetchError,
    FetchOutcome,
    HTTPStatusError,
    ParseError,
    RobotsDisallowed,
    RoundReport,
)
from scraper.archive import WAYBACK, Capture, captures_query, read_captures
from scraper.fetch import AsyncFetcher
from scraper.hosts import HostMemory
from scraper.settings import FetchSettings, host_of

Clock = Callable[[], datetime]
# Sitemaps read from one discovery source (a sitemap index, or a robots.txt and the
# indexes it lists); a site listing more is watched in part.
MAX_SITEMAPS = 50
Progress = Callable[[CheckResult], None]


def store_body(
    store: Store,
    url: str,
    body: bytes,
    *,
    fetched_at: datetime,
    status: int = 200,
    elapsed_ms: int | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    moved_to: str | None = None,
    charset: str | None = None,
    past: bool = False,
) -> CheckResult:
    """Parse a fetched page and record the check. A page that does not parse is
    recorded as a failed check (its body kept for ``reparse``); history is untouched.
    ``past``: a check from the past (seen before the page's last check, or a copy from
    an archive), read into its place in the page's history (:meth:`db.Store.record_past_check`)."""
    fetch = FetchOutcome(
        url=url,
        fetched_at=fetched_at,
        status=status,
        size=len(body),
        elapsed_ms=elapsed_ms,
        etag=etag,
        last_modified=last_modified,
        moved_to=moved_to,
        charset=charset,
    )
    record, parse_error = None, None
    try:
        record = parse(body, url, charset=charset)
    except ParseError as error:
        parse_error = str(error)
    if past:
        return store.record_past_check(fetch, body, record=record, parse_error=parse_error)
    return store.record_check(fetch, record=record, body=body, parse_error=parse_error)


async def check_one(
    store: Store,
    fetcher: AsyncFetcher,
    url: str,
    clock: Clock,
    validators: tuple[str | None, str | None],
) -> CheckResult:
    """Fetch one page (conditionally, with the stored ETag / Last-Modified) and record
    whatever happened."""
    etag, last_modified = validators
    try:
        result = await fetcher.fetch(url, etag=etag, last_modified=last_modified)
    except FetchError as error:
        return store.record_check(_failed_fetch(url, error, clock))
    if result.not_modified:
        outcome = FetchOutcome(
            url=url,
            fetched_at=clock(),
            status=304,
            elapsed_ms=int(result.elapsed * 1000),
            moved_to=result.moved_to,
        )
        return store.record_check(outcome)
    return store_body(
        store,
        url,
        result.body,
        fetched_at=clock(),
        status=result.status,
        elapsed_ms=int(result.elapsed * 1000),
        etag=result.headers.get("etag"),
        last_modified=result.headers.get("last-modified"),
        moved_to=result.moved_to,
        charset=result.charset,
    )


async def discover(
    store: Store, fetcher: AsyncFetcher, source: str, clock: Clock
) -> tuple[list[str], FetchError | None]:
    """Watch every comparison page a sitemap or index page links to. Returns the new
    URLs, and the failure, if any: the source's own or that of a sitemap it lists (what
    the others list is watched all the same).

    A sitemap index or a robots.txt is followed to the sitemaps it lists, and those to
    theirs (up to MAX_SITEMAPS in all). New watches take the discovery source's
    schedule. The fetch is recorded as a check of the source, failed or not.
    """
    try:
        result = await fetcher.fetch(source)
    except FetchError as error:
        store.record_discovery(_failed_fetch(source, error, clock))
        return [], error
    body = unpacked(result.body)  # once, for both readings below
    found = discover_links(body, result.url)
    failures: list[FetchError] = []
    # A robots.txt may list a sitemap index, which lists sitemaps: breadth first.
    queue = sitemaps_listed(body, result.url)
    seen = {source, result.url, *queue}
    for _ in range(MAX_SITEMAPS):
        if not queue:
            break
        try:
            listed = await fetcher.fetch(queue.pop(0))
        except FetchError as error:
            failures.append(error)
            continue
        inner = unpacked(listed.body)
        found += discover_links(inner, listed.url)
        nested = [url for url in sitemaps_listed(inner, listed.url) if url not in seen]
        seen.update(nested)
        queue += nested
    added = [
        url for url in dict.fromkeys(found) if store.add_found(url, source=source, now=clock())
    ]
    if failures:  # the source answered, but not all it lists could be read
        store.record_discovery(_failed_fetch(source, failures[0], clock))
        return added, failures[0]
    store.record_discovery(
        FetchOutcome(
            url=source,
            fetched_at=clock(),
            status=result.status,
            size=len(result.body),
            elapsed_ms=int(result.elapsed * 1000),
        )
    )
    return added, None


def _failed_fetch(url: str, error: FetchError, clock: Clock) -> FetchOutcome:
    """The outcome of a fetch that raised: skipped where robots.txt says no, else
    failed (an unreachable robots.txt too: the site did not answer)."""
    if isinstance(error, RobotsDisallowed):
        return FetchOutcome(url=url, fetched_at=clock(), skipped=True, error=str(error))
    status = error.status if isinstance(error, HTTPStatusError) else None
    return FetchOutcome(url=url, fetched_at=clock(), status=status, error=str(error))


async def _discover_all(
    store: Store, fetcher: AsyncFetcher, sources: Iterable[str], clock: Clock
) -> tuple[list[str], list[str]]:
    """Discovery over several sources: (new URLs, errors). One bad source stops none."""
    added: list[str] = []
    errors: list[str] = []
    for source in sources:
        found, error = await discover(store, fetcher, source, clock)
        added += [url for url in found if url not in added]
        if error is not None:
            errors.append(f"discovery: {error}")
    return added, errors


async def check_round_async(
    store: Store,
    urls: Iterable[str],
    *,
    settings: FetchSettings,
    clock: Clock,
    discover_from: Iterable[str] = (),
    progress: Progress | None = None,
    memory: HostMemory | None = None,
) -> RoundReport:
    """One round over a client of its own: re-discover from sources, then check pages
    concurrently.

    ``memory``: per-host politeness from earlier rounds of this process."""
    async with AsyncFetcher(settings, memory, shared=store) as fetcher:
        return await check_with(
            store, fetcher, urls, clock=clock, discover_from=discover_from, progress=progress
        )


async def check_with(
    store: Store,
    fetcher: AsyncFetcher,
    urls: Iterable[str],
    *,
    clock: Clock,
    discover_from: Iterable[str] = (),
    progress: Progress | None = None,
) -> RoundReport:
    """One round over a given fetcher: re-discover from sources, then check pages
    concurrently, within the fetcher's limits."""
    results: list[CheckResult] = []
    targets = list(dict.fromkeys(urls))
    sources = list(discover_from)
    found, errors = await _discover_all(store, fetcher, sources, clock)
    listed = set(targets)  # a list's `in` made this 1.9 s for 20,000 pages on each side
    targets += [url for url in found if url not in listed]
    known = store.validators_for(targets)

    async def lane(queue: deque[str]) -> None:
        while queue:
            url = queue.popleft()
            result = await check_one(store, fetcher, url, clock, known.get(url, (None, None)))
            results.append(result)
            if progress is not None:
                progress(result)

    await asyncio.gather(*(lane(queue) for queue in _lanes(targets, fetcher.settings)))
    return RoundReport.of(results, errors, len(found) if sources else None)


def _lanes(urls: list[str], settings: FetchSettings) -> list[deque[str]]:
    """Each host's pages in one queue, listed once for each request the host may have
    open at a time: a task per lane keeps every host as busy as before, while a task
    per page (20,000 for a large site) cost ~5 KB each, only to wait its turn."""
    queues: dict[str, deque[str]] = {}
    for url in urls:
        queues.setdefault(host_of(url), deque()).append(url)
    return [
        queue
        for queue in queues.values()
        for _ in range(min(len(queue), settings.for_url(queue[0]).per_host))
    ]


def discover_now(
    store: Store, sources: Iterable[str], *, settings: FetchSettings, clock: Clock
) -> tuple[list[str], list[str]]:
    """Discovery only: watch what the sources link to. Returns (new URLs, errors)."""

    async def go() -> tuple[list[str], list[str]]:
        async with AsyncFetcher(settings, shared=store) as fetcher:
            return await _discover_all(store, fetcher, sources, clock)

    return asyncio.run(go())


def check_round(
    store: Store,
    urls: Iterable[str],
    *,
    settings: FetchSettings,
    clock: Clock,
    discover_from: Iterable[str] = (),
    progress: Progress | None = None,
    memory: HostMemory | None = None,
) -> RoundReport:
    return asyncio.run(
        check_round_async(
            store, urls, settings=settings, clock=clock, discover_from=discover_from,
            progress=progress, memory=memory,
        )
    )  # fmt: skip


def reparse(store: Store) -> tuple[int, int]:
    """Rebuild every version from the stored raw pages with the current parsers.

    Returns (bodies read, versions written). Nothing is fetched. Each page is rebuilt in
    a transaction of its own, after its bodies are parsed: a `run` beside it waits for
    one page at most, and a check it stores meanwhile is read in, not lost.
    """
    read = written = 0
    for url in store.stored_pages():
        extracted: dict[int, tuple[ComparisonPage | None, str | None]] = {}
        versions = None
        while versions is None:
            for kept in store.stored_bodies(url, skip=extracted):
                try:
                    extracted[kept.fetch_id] = (parse(kept.body, url, charset=kept.charset), None)
                except ParseError as error:
                    extracted[kept.fetch_id] = (None, str(error))
            versions = store.rebuild_page(url, extracted)
        read += len(extracted)
        written += versions
    return read, written


def backfill(
    store: Store,
    url: str,
    *,
    settings: FetchSettings,
    archive: str = WAYBACK,
    since: datetime | None = None,
    until: datetime | None = None,
    progress: Callable[[Capture, CheckResult | None], None] | None = None,
) -> list[tuple[Capture, CheckResult | None]]:
    """Read the copies an archive keeps of a page into its history, each as a check
    from the time it was taken (:meth:`db.Store.record_past_check`): nothing is alerted,
    and the watch's state stays its own checks'. The copies are fetched one at a time,
    oldest first, as the archive's robots.txt and the host's spacing allow. A copy read
    before is not fetched again (its result is None); one that cannot be fetched is
    reported and stores nothing, as it says nothing of the page. Raises FetchError
    where the archive's list of copies cannot be had."""

    async def go() -> list[tuple[Capture, CheckResult | None]]:
        listing = captures_query(url, archive=archive, since=since, until=until)
        async with AsyncFetcher(settings, shared=store) as fetcher:
            answer = await fetcher.fetch(listing)
            done: list[tuple[Capture, CheckResult | None]] = []
            for capture in read_captures(answer.body, listing, archive=archive):
                result = None
                if not store.kept_body_at(url, capture.taken_at):
                    result = await _read_capture(store, fetcher, url, capture)
                done.append((capture, result))
                if progress is not None:
                    progress(capture, result)
            return done

    return asyncio.run(go())


async def _read_capture(
    store: Store, fetcher: AsyncFetcher, url: str, capture: Capture
) -> CheckResult:
    try:
        fetched = await fetcher.fetch(capture.address)
    except FetchError as error:
        return CheckResult(url=url, outcome="failed", error=str(error))
    return store_body(
        store, url, fetched.body, fetched_at=capture.taken_at, charset=fetched.charset, past=True
    )
