"""Page -> record. Pure: no network, no clock, no database.

A small registry maps page kinds to parsers; :func:`parse` picks one by URL pattern or,
for a page without a URL, by what the page shows. The parsers load on first use: a
command that reads no page (`list`, `history`) starts without them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from parsers.discovery import (
    COMPARE_PATH,
    discover_links,
    is_compare_url,
    normal_url,
    sitemaps_listed,
    unpacked,
)

if TYPE_CHECKING:
    from parsers.compare import parse_compare_page, parse_compare_text
    from parsers.registry import PAGE_KINDS, PageKind, kind_for, parse, visible_lines

_LOADED_ON_USE = {
    "parse_compare_page": "parsers.compare",
    "parse_compare_text": "parsers.compare",
    "PAGE_KINDS": "parsers.registry",
    "PageKind": "parsers.registry",
    "kind_for": "parsers.registry",
    "parse": "parsers.registry",
    "visible_lines": "parsers.registry",
}

__all__ = [
    "COMPARE_PATH",
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


def __getattr__(name: str) -> object:
    if name in _LOADED_ON_USE:
        return getattr(import_module(_LOADED_ON_USE[name]), name)
    raise AttributeError(f"module 'parsers' has no attribute {name!r}")
