"""Which parser reads which page: by URL pattern first, by page content otherwise.

A page is HTML as fetched, or the visible text of one as other tools capture it (one
block per line, no markup); both reach the same reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlsplit

from parsers._captures import captured_text, is_markdown
from parsers._dom import collapse, html_codec, sent_codec, visible_text
from parsers.compare import parse_compare_page, parse_compare_text
from parsers.discovery import COMPARE_PATH
from schemas import PageRecord, ParseError


@dataclass(frozen=True)
class PageKind:
    name: str
    url_pattern: re.Pattern[str]
    # Visible text that only this kind of page shows, for pages read without a URL.
    markers: tuple[bytes, ...]
    parse: Callable[[str | bytes, str | None], PageRecord]
    parse_text: Callable[[str, str | None], PageRecord]


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind(
        name="comparison",
        url_pattern=COMPARE_PATH,
        markers=(b"Panel ship", b"Reviewer scorecard"),
        parse=parse_compare_page,
        parse_text=parse_compare_text,
    ),
)
# Any tag, comment or doctype: a page without one is a capture of visible text. An
# address in angle brackets is Markdown's link, not a tag.
_MARKUP = re.compile(rb"<(?:(?!https?:|mailto:)[a-zA-Z][a-zA-Z0-9:-]*[\s/>]|/[a-zA-Z]|!)")
# How an HTML document starts: a capture in Markdown may hold a stray tag, not these.
_DOCUMENT = re.compile(rb"<(?:!doctype|html|head|body)\b", re.IGNORECASE)
_TITLE = re.compile(rb"<title[^>]*>([^<]{1,200})</title", re.IGNORECASE)


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
    found = "no known layout"
    if (title := _TITLE.search(raw)) is not None and (
        shown := collapse(title[1].decode("utf-8", "replace"))
    ):
        found += f": a page titled {unescape(shown)!r}"  # "Not found", "Just a moment..."
    raise ParseError(url, "page", f"a page panelwatch can read ({known})", found)


def is_markup(page: str | bytes) -> bool:
    """True for HTML; False for a capture of a page's visible text.

    >>> is_markup(b"<!doctype html><title>x</title>"), is_markup("Panel ship\\n75% < 80%")
    (True, False)
    >>> is_markup("# Orbit\\n\\nSee <https://x.test/>, or <b>this</b>.\\n\\n## Ship")
    False
    """
    raw = page.encode("utf-8", "replace") if isinstance(page, str) else page
    if _MARKUP.search(raw) is None:
        return False
    text = page if isinstance(page, str) else page.decode("utf-8", "replace")
    return _DOCUMENT.search(raw, 0, 4096) is not None or not is_markdown(text)


def visible_lines(page: str | bytes, *, charset: str | None = None) -> list[str]:
    """The lines a parser reads, in reading order: what a page looks like to panelwatch,
    for finding out why a restyled page no longer parses.

    >>> visible_lines(b"<p>75%<span hidden>x</span></p><p>Panel <b>ship</b></p>")
    ['75%', 'Panel ship']
    """
    page = _as_declared(page, charset)
    if is_markup(page):
        return visible_text(page, want_canonical=False).lines
    return captured_text(page if isinstance(page, str) else page.decode("utf-8", "replace")).lines


def parse(page: str | bytes, url: str | None = None, *, charset: str | None = None) -> PageRecord:
    """Parse any supported page, HTML or captured visible text, into its record.
    ``charset``: the one its Content-Type header gives, which browsers go by before the
    page's own <meta>."""
    page = _as_declared(page, charset)
    if is_markup(page):
        return kind_for(url, page).parse(page, url)
    text = page if isinstance(page, str) else page.decode("utf-8", "replace")
    return kind_for(url or captured_text(text).canonical_url, page).parse_text(text, url)


def _as_declared(page: str | bytes, charset: str | None = None) -> str | bytes:
    """The page as a browser decodes it: by a byte order mark, else by the HTTP
    header's ``charset`` where the bytes are in it, else as the page declares
    (:func:`parsers._dom.html_codec`). Bytes left as they are read as UTF-8."""
    if not isinstance(page, bytes):
        return page
    declared = html_codec(page)
    sent = sent_codec(charset)
    if sent is not None and not (declared and declared[1]):  # no byte order mark
        if sent == "utf-8" and declared is None:
            return page  # the same reading, without decoding here
        try:
            return page.decode(sent)
        except UnicodeDecodeError:
            pass  # a header that does not fit the page: its <meta> or a guess may
    if declared is not None:
        return page[declared[1] :].decode(declared[0], "replace")
    return page
