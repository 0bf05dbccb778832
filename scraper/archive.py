"""Copies of pages kept by the Internet Archive's Wayback Machine: which page each one
is a copy of, and when it was taken. History from before a page was watched is often
only there."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import NamedTuple

# /web/<14-digit UTC time>[<two-letter flag>_]/<the page's address>; the Wayback Machine
# may fold the "//" after the scheme into one slash.
_COPY = re.compile(
    r"https?://web\.archive\.org/web/(?P<taken>\d{14})(?:[a-z]{2}_)?/+"
    r"(?P<scheme>https?):/+(?P<rest>\S+)",
    re.IGNORECASE,
)


class ArchivedCopy(NamedTuple):
    url: str  # the page it is a copy of
    taken_at: datetime


def archived_copy(url: str) -> ArchivedCopy | None:
    """The page a Wayback Machine address is a copy of, and when the copy was taken;
    None for any other address (or one without a full timestamp, which the archive
    redirects to its nearest copy).

    >>> copy = archived_copy("https://web.archive.org/web/20260501123456id_/https:/s.io/a-vs-b")
    >>> copy.url, copy.taken_at.isoformat()
    ('https://s.io/a-vs-b', '2026-05-01T12:34:56+00:00')
    >>> archived_copy("https://s.io/compare/a-vs-b") is None
    True
    """
    found = _COPY.fullmatch(url.strip())
    if found is None:
        return None
    try:
        taken = datetime.strptime(found["taken"], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:  # 14 digits that are no time
        return None
    return ArchivedCopy(f"{found['scheme'].lower()}://{found['rest']}", taken)
