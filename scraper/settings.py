"""How panelwatch fetches (:class:`FetchSettings`) and which URLs it takes: light, so
that commands that fetch nothing need not load an HTTP client."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import urlsplit

from schemas import FetchError

VERSION = "0.1"
CONTACT = "https://github.com/panelwatch/panelwatch"
Transport = Literal["aiohttp", "httpx"]


@dataclass(frozen=True)
class FetchSettings:
    """Defaults are polite for sites we do not own; :meth:`local` lifts them for loopback."""

    timeout: float = 20.0  # seconds to connect, and between two reads of a response
    # seconds for a whole response: a site that sends a byte now and then, each within
    # ``timeout`` of the last, would otherwise hold a check (and its host's turn) for days
    total_timeout: float = 120.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    concurrency: int = 8
    per_host: int = 2
    min_delay: float = 2.0  # seconds between two requests to one host
    retries: int = 3  # further attempts after the first
    backoff: float = 2.0  # first retry waits about this long, doubling after
    max_retry_after: float = 120.0
    obey_robots: bool = True
    contact: str = CONTACT
    transport: Transport = "aiohttp"
    # Sites on this machine get :meth:`local`; tests of politeness itself turn this off.
    lift_on_loopback: bool = True

    @property
    def user_agent(self) -> str:
        return f"panelwatch/{VERSION} (+{self.contact})"

    def local(self) -> FetchSettings:
        """For a site on this machine (the demo, tests, benchmarks): no spacing."""
        return replace(self, concurrency=32, per_host=32, min_delay=0.0, backoff=0.05)

    def for_url(self, url: str) -> FetchSettings:
        """The settings a request to ``url`` goes by: :meth:`local` ones for a site on
        this machine, unless ``lift_on_loopback`` is off."""
        local = self.lift_on_loopback and is_loopback(urlsplit(url).hostname)
        return self.local() if local else self


def host_of(url: str) -> str:
    """The host a URL's requests are spaced by (its netloc, in lower case): one gate in
    the fetcher, one queue in `run`'s turns, one load in the spacing note."""
    return urlsplit(url).netloc.lower()


def is_loopback(host: str | None) -> bool:
    """Sites on this machine (the demo, tests, benchmarks) need no politeness spacing."""
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "expected an http:// or https:// URL")
    try:
        parts.port  # noqa: B018 - reading it is the check
    except ValueError:
        raise FetchError(url, "expected a port number from 0 to 65535") from None
