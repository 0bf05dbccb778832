"""Fetching pages politely over one pooled httpx.AsyncClient; httpx errors become ours.

Politeness: bounded concurrency overall and per host, a minimum delay between requests
to one host, robots.txt obeyed, a User-Agent that names panelwatch and a contact URL.
Cheap when nothing changed: conditional GET with stored ETag / Last-Modified.
Robust: retries with exponential backoff and jitter on connection errors, timeouts,
5xx and 429 (honouring Retry-After, capped), none on other 4xx; capped body size.
"""

from __future__ import annotations

import asyncio
import random
import ssl
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from functools import cache, partial
from http.cookiejar import CookieJar
from typing import Protocol
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies

import httpx

from schemas import (
    ConfigError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RobotsDisallowed,
    StorageError,
)
from scraper.hosts import HostMemory
from scraper.robots import KeptRobots, RobotsCache
from scraper.settings import FetchSettings, check_url, host_of

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass
class FetchResult:
    url: str
    status: int
    body: bytes
    elapsed: float
    headers: dict[str, str] = field(default_factory=dict)
    attempts: int = 1
    waited: float = 0.0  # seconds spent backing off between attempts
    moved_to: str | None = None  # where a permanent redirect (301, 308) led
    charset: str | None = None  # as its Content-Type header gives it ("UTF-8")

    @property
    def not_modified(self) -> bool:
        return self.status == 304


# Books the next start of a request to a host: (host, min_delay) -> seconds to wait.
Booking = Callable[[str, float], float]


class SharedHosts(KeptRobots, Protocol):
    """What the processes on one database share about hosts (:class:`db.Store`): the
    spacing of request starts, and robots.txt files."""

    def book_host_start(self, host: str, min_delay: float, now: float) -> float:
        """(host, min_delay, Unix time now) -> seconds to wait before the request."""
        ...


class _HostGate:
    """At most ``per_host`` requests at once to a host, and ``min_delay`` between starts
    (booked beyond this round: see :meth:`AsyncFetcher.book`), or the site's
    Crawl-delay where that is longer."""

    def __init__(self, host: str, per_host: int, min_delay: float, book: Booking) -> None:
        self.host = host
        self.slots = asyncio.Semaphore(per_host)
        self.own_delay = self.min_delay = min_delay
        self.book = book

    def ask_at_least(self, crawl_delay: float | None) -> None:
        """The site's robots.txt, as last read, asks for this much between requests
        (Crawl-delay; None where it asks nothing): a gate that lives as long as `run`
        follows its changes."""
        self.min_delay = max(self.own_delay, crawl_delay or 0.0)

    async def run(self, call: Callable[[], Awaitable[FetchResult]]) -> FetchResult:
        async with self.slots:
            if self.min_delay:
                wait = self.book(self.host, self.min_delay)
                if wait > 0:
                    await asyncio.sleep(wait)
            return await call()


class AsyncFetcher:
    """One pooled client for a round, or for all of `run` (:mod:`scraper.loop`). Use as
    ``async with AsyncFetcher(settings) as f``.

    ``memory`` carries per-host politeness (spacing, robots.txt) over from earlier
    rounds of the same process; without one, the round starts afresh. ``shared`` (the
    database) books request starts with other processes too, so `check` beside `run`
    keeps one spacing per host, and keeps robots.txt files for them."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        memory: HostMemory | None = None,
        *,
        shared: SharedHosts | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.memory = memory or HostMemory()
        self.shared = shared
        self.client = make_client(self.settings)
        self.all_slots = asyncio.Semaphore(self.settings.concurrency)
        self.gates: dict[str, _HostGate] = {}
        self.robots = RobotsCache(
            self._fetch_robots, self.settings.user_agent, self.memory, kept=shared
        )

    async def __aenter__(self) -> AsyncFetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.client.aclose()

    def gate(self, url: str) -> _HostGate:
        host = host_of(url)
        if host not in self.gates:
            settings = self.settings.for_url(url)
            self.gates[host] = _HostGate(host, settings.per_host, settings.min_delay, self.book)
        return self.gates[host]

    def book(self, host: str, min_delay: float) -> float:
        """Book the next request to ``host``: the seconds to wait before it starts."""
        wait = self.memory.book_start(host, min_delay)
        if self.shared is not None:
            # The database busy for long: this process's own spacing still holds.
            with suppress(StorageError):
                wait = max(wait, self.shared.book_host_start(host, min_delay, time.time()))
        return wait

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET a page (conditionally when validators are given), retrying what may pass
        and following redirects, each one as robots.txt and the target host's gate allow."""
        check_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified

        async def hop(target: str) -> FetchResult:
            if self.settings.obey_robots:
                try:
                    self.gate(target).ask_at_least(await self.robots.check(target))
                except RobotsDisallowed as error:
                    if target == url:
                        raise
                    raise RobotsDisallowed(
                        target, f"disallowed by the site's robots.txt (redirected from {url})"
                    ) from error
            return await self._with_retries(target, headers)

        return await self._following(url, hop)

    async def _following(
        self, url: str, hop: Callable[[str], Awaitable[FetchResult]]
    ) -> FetchResult:
        """Redirects are followed here, one request at a time, not by the client: each
        target then passes robots.txt and its own host's gate, and the aiohttp transport
        would send a redirected GET with an empty chunked body, which servers may refuse."""
        target = url
        permanent = False  # the page has moved, and says so
        for _ in range(self.settings.max_redirects + 1):
            result = await hop(target)
            location = result.headers.get("location") if result.status in _REDIRECTS else None
            if not location:
                result.moved_to = target if permanent else None
                return result
            permanent = permanent or result.status in (301, 308)
            target = urljoin(target, location.strip()).partition("#")[0]
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchError(url, f"redirected to {target}, not an http:// or https:// URL")
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    async def _with_retries(self, url: str, headers: dict[str, str]) -> FetchResult:
        waited = 0.0
        attempts = self.settings.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                # The host's turn first, then one of all slots for the request itself:
                # a check waiting for its host's spacing must not hold a slot that a
                # page of an idle host could use.
                result = await self.gate(url).run(partial(self._slotted, url, headers, attempt))
                result.attempts, result.waited = attempt, waited
                return result
            except (HTTPStatusError, FetchError) as error:
                if attempt == attempts or not _retryable(error):
                    raise
                delay = self._delay(attempt, error)
            await asyncio.sleep(delay)
            waited += delay
        raise AssertionError("unreachable")  # the loop returns or raises

    async def _slotted(self, url: str, headers: dict[str, str], attempt: int) -> FetchResult:
        async with self.all_slots:
            return await self._get(url, headers, attempt)

    def _delay(self, attempt: int, error: FetchError) -> float:
        if isinstance(error, HTTPStatusError) and error.retry_after is not None:
            return min(error.retry_after, self.settings.max_retry_after)
        base = self.settings.for_url(error.url).backoff * 2.0 ** (attempt - 1)
        return base * random.uniform(0.5, 1.5)  # jitter: clients retrying in step

    async def _get(self, url: str, headers: dict[str, str], attempt: int) -> FetchResult:
        started = time.perf_counter()
        whole_by = asyncio.timeout(self.settings.total_timeout)
        try:
            async with whole_by, self.client.stream("GET", url, headers=headers) as response:
                # A 304 has no body by definition: skip the streaming machinery, which
                # costs a re-check more than its SQL does.
                if response.status_code == 304:
                    body = b""
                else:
                    body = await self._read_capped(url, response, attempt)
        except TimeoutError as error:
            if not whole_by.expired():
                raise
            raise FetchTimeout(
                url,
                f"no whole response after {self.settings.total_timeout:g}s (it came too slowly)",
                attempt=attempt,
            ) from error
        except httpx.TimeoutException as error:
            cause = error.__cause__
            # httpx-aiohttp maps every aiohttp connection error, a refused connection, a
            # failed DNS lookup or a server hanging up too, to ConnectTimeout: say what
            # happened.
            if isinstance(cause, OSError) and not isinstance(cause, TimeoutError):
                raise _TransportFailure(url, f"could not connect: {cause}", attempt) from error
            if _aiohttp_hang_up(cause):
                raise _TransportFailure(
                    url, f"the connection broke off: {cause}", attempt
                ) from error
            raise FetchTimeout(
                url, f"timed out after {self.settings.timeout:g}s", attempt=attempt
            ) from error
        except httpx.HTTPError as error:
            raise _TransportFailure(url, f"{type(error).__name__}: {error}", attempt) from error
        if response.status_code >= 400:
            raise HTTPStatusError(
                url, response.status_code, retry_after=_retry_after(response), attempt=attempt
            )
        return FetchResult(
            url=str(response.url),
            status=response.status_code,
            body=body,
            elapsed=time.perf_counter() - started,
            headers={k.lower(): v for k, v in response.headers.items()},
            charset=response.charset_encoding,
        )

    async def _read_capped(self, url: str, response: httpx.Response, attempt: int) -> bytes:
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(
                url, f"response of {declared} bytes is over the {cap}-byte cap", attempt=attempt
            )
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(
                    url, f"response is over the {cap}-byte cap; aborted", attempt=attempt
                )
            chunks.append(chunk)
        return b"".join(chunks)

    async def _fetch_robots(self, url: str) -> tuple[int, str]:
        """robots.txt through the same client and host gates, without retries but
        following redirects (RFC 9309 asks for five); a FetchError where there is no
        answer."""

        async def hop(target: str) -> FetchResult:
            return await self.gate(target).run(partial(self._get, target, {}, 1))

        try:
            result = await self._following(url, hop)
        except HTTPStatusError as error:
            return error.status, ""
        # "-sig": a byte order mark, as a file saved on Windows may start with, is not
        # part of the first line; left in, it hid the first group's User-agent.
        return result.status, result.body.decode("utf-8-sig", "replace")


class _TransportFailure(FetchError):
    """A connection that failed or broke off: worth another try."""

    def __init__(self, url: str, message: str, attempt: int) -> None:
        super().__init__(url, message, attempt=attempt)


def _aiohttp_hang_up(cause: BaseException | None) -> bool:
    """An aiohttp connection error that is no timeout: the server closed the connection
    (httpx-aiohttp maps it to ConnectTimeout). Only the aiohttp transport's errors are
    asked: httpx's own transport gives timeouts causes that are no TimeoutError."""
    aiohttp = sys.modules.get("aiohttp")  # not imported: not the aiohttp transport's error
    return (
        aiohttp is not None
        and isinstance(cause, aiohttp.ClientConnectionError)
        and not isinstance(cause, TimeoutError)
    )


def _retryable(error: FetchError) -> bool:
    if isinstance(error, HTTPStatusError):
        return error.status in _RETRY_STATUS
    return isinstance(error, FetchTimeout | _TransportFailure)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())
    return None


class _NoCookies(CookieJar):
    """panelwatch keeps no cookies: every check sees a page as a first visit does, and
    nothing one response sets rides along on the next request. It is also cheaper:
    httpx reads Set-Cookie through urllib's jar, ~15% of a 304 re-check's time."""

    def extract_cookies(self, response: object, request: object) -> None:
        return None


@cache
def _ssl_context() -> ssl.SSLContext:
    """Loading the CA bundle takes ~50 ms: once per process, not once per client."""
    return httpx.create_ssl_context()


def make_client(settings: FetchSettings) -> httpx.AsyncClient:
    """The client for a run. httpx's own pool degrades under concurrency, so the aiohttp
    transport is the default (bench/bench_fetch.py measures both)."""
    from httpx_aiohttp import (
        AiohttpTransport,
    )  # aiohttp costs 0.2 s to import; only fetches need it

    limits = httpx.Limits(
        max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
    )

    def transport(proxy: str | None = None) -> httpx.AsyncBaseTransport:
        try:
            through = httpx.Proxy(proxy) if proxy else None
        except (ValueError, httpx.InvalidURL) as error:
            raise ConfigError(
                "the proxy the environment names (HTTP_PROXY...)", str(error)
            ) from None
        if settings.transport == "aiohttp":
            return AiohttpTransport(verify=_ssl_context(), limits=limits, proxy=through)
        return httpx.AsyncHTTPTransport(verify=_ssl_context(), limits=limits, proxy=through)

    # httpx reads HTTP_PROXY and the like only for a client without a transport of its
    # own, as this one has: they are mounted here.
    proxies = env_proxies()
    by_proxy = {proxy: transport(proxy) for proxy in set(proxies.values()) if proxy}
    return httpx.AsyncClient(
        transport=transport(),
        mounts={pattern: by_proxy[proxy] if proxy else None for pattern, proxy in proxies.items()},
        timeout=settings.timeout,
        follow_redirects=False,  # AsyncFetcher follows them, checking each target
        headers={"User-Agent": settings.user_agent},
        cookies=_NoCookies(),
    )


def env_proxies() -> dict[str, str | None]:
    """The proxies the environment names (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, and
    NO_PROXY's exceptions, as curl reads them), as httpx URL patterns: a proxy's URL,
    or None for "straight to the site". Sites on this machine are always reached
    straight, so the demo runs on a machine set up for a proxy.
    """
    found = getproxies()
    patterns: dict[str, str | None] = {}
    for scheme in ("http", "https", "all"):
        if proxy := found.get(scheme):
            patterns[f"{scheme}://"] = proxy if "://" in proxy else f"http://{proxy}"
    if not patterns:
        return {}
    exceptions = [host.strip() for host in found.get("no", "").split(",") if host.strip()]
    if "*" in exceptions:
        return {}
    for entry in [*exceptions, "localhost", "127.0.0.1", "::1"]:
        if (pattern := _direct(entry)) is not None:
            patterns[pattern] = None
    return patterns


def _direct(entry: str) -> str | None:
    """The httpx pattern of a NO_PROXY entry: a host and its subdomains (with or
    without a leading dot or "*."), an address, or a URL pattern; its port, if any, is
    not matched. None for what a pattern cannot say (an address range, 10.0.0.0/8):
    a setting panelwatch cannot follow must not stop it from fetching."""
    if "://" in entry:
        pattern = entry
    elif entry.startswith("[") or entry.count(":") > 1:  # an IPv6 address
        pattern = f"all://[{entry.lstrip('[').split(']')[0]}]"
    else:
        host = entry.split(":")[0]
        exact = host.lower() == "localhost" or host.replace(".", "").isdigit()
        pattern = f"all://{host}" if exact else f"all://*{host.lstrip('*.')}"
    try:
        httpx.URL(pattern)
    except httpx.InvalidURL:
        return None
    return None if "/" in pattern.partition("://")[2] else pattern


def fetch_once(url: str, settings: FetchSettings | None = None) -> FetchResult:
    """Fetch one page now (for `panelwatch parse URL` and `ingest URL`)."""

    async def go() -> FetchResult:
        async with AsyncFetcher(settings) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(go())
