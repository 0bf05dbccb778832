"""Which parser reads which page: by URL pattern first, by page content otherwise."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from parsers.compare import parse_compare_page
from schemas import PageRecord, ParseError


@dataclass(frozen=True)
class PageKind:
    name: str
    url_pattern: re.Pattern[str]
    # Visible text that only this kind of page shows, for pages read without a URL.
    markers: tuple[bytes, ...]
    parse: Callable[[str | bytes, str | None], PageRecord]


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind(
        name="comparison",
        url_pattern=re.compile(r"^/compare/[^/]+-vs-[^/]+/?$"),
        markers=(b"Panel ship", b"Reviewer scorecard"),
        parse=parse_compare_page,
    ),
)


def kind_for(url: str | None, html: str | bytes) -> PageKind:
    """The page kind for a URL, or for the content when the URL does not say."""
    if url:
        path = urlsplit(url).path
        for kind in PAGE_KINDS:
            if kind.url_pattern.match(path):
                return kind
    raw = html.encode("utf-8", "replace") if isinstance(html, str) else html
    for kind in PAGE_KINDS:
        if all(marker in raw for marker in kind.markers):
            return kind
    known = ", ".join(kind.name for kind in PAGE_KINDS)
    raise ParseError(url, "page", f"a page panelwatch can read ({known})", "no known layout")


def parse(html: str | bytes, url: str | None = None) -> PageRecord:
    """Parse any supported page into its record."""
    return kind_for(url, html).parse(html, url)
