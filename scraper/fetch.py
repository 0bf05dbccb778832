"""Fetching pages over HTTP with one pooled httpx client; httpx errors become ours."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from schemas import FetchError, FetchTimeout, HTTPStatusError

USER_AGENT = "panelwatch/0.1 (+https://github.com/panelwatch/panelwatch)"


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass
class FetchResult:
    url: str
    status: int
    body: bytes
    elapsed: float
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(url, "expected an http:// or https:// URL")


class Fetcher:
    """One client per run: connections are pooled and reused across pages."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.client = httpx.Client(
            timeout=self.settings.timeout,
            follow_redirects=True,
            max_redirects=self.settings.max_redirects,
            headers={"User-Agent": self.settings.user_agent},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET a page, conditionally when validators are known; a 304 has an empty body."""
        check_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.perf_counter()
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                body = self._read_capped(url, response)
        except httpx.TimeoutException as error:
            raise FetchTimeout(
                url, f"timed out after {self.settings.timeout:g}s ({error})"
            ) from error
        except httpx.TooManyRedirects as error:
            raise FetchError(url, f"more than {self.settings.max_redirects} redirects") from error
        except httpx.HTTPError as error:
            raise FetchError(url, f"{type(error).__name__}: {error}") from error
        result = FetchResult(
            url=str(response.url),
            status=response.status_code,
            body=body,
            elapsed=time.perf_counter() - started,
            headers={k.lower(): v for k, v in response.headers.items()},
        )
        if response.status_code >= 400:
            raise HTTPStatusError(url, response.status_code, retry_after=_retry_after(response))
        return result

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(url, f"response of {declared} bytes is over the {cap}-byte cap")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(url, f"response is over the {cap}-byte cap; aborted")
            chunks.append(chunk)
        return b"".join(chunks)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    return float(value) if value.strip().isdigit() else None
