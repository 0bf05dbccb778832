"""Page -> record. Pure: no network, no clock, no database.

A small registry maps page kinds to parsers; :func:`parse` picks one by URL pattern or,
for a page without a URL, by what the page shows.
"""

from parsers.compare import parse_compare_page, parse_compare_text
from parsers.discovery import (
    discover_links,
    is_compare_url,
    normal_url,
    sitemaps_listed,
    unpacked,
)
from parsers.registry import PAGE_KINDS, PageKind, kind_for, parse, visible_lines

__all__ = [
    "PAGE_KINDS",
    "PageKind",
    "discover_links",
    "is_compare_url",
    "kind_for",
    "normal_url",
    "parse",
    "parse_compare_page",
    "parse_compare_text",
    "sitemaps_listed",
    "unpacked",
    "visible_lines",
]
