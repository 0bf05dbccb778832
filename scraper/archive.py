"""Copies of pages kept by the Internet Archive's Wayback Machine: which page each one
is a copy of, and when it was taken, and the list of a page's copies (its CDX API).
History from before a page was watched is often only there."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import NamedTuple
from urllib.parse import urlencode

from schemas import FetchError

WAYBACK = "https://web.archive.org"
_STAMP = "%Y%m%d%H%M%S"  # the archive's times: UTC, to the second

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
        taken = datetime.strptime(found["taken"], _STAMP).replace(tzinfo=UTC)
    except ValueError:  # 14 digits that are no time
        return None
    return ArchivedCopy(f"{found['scheme'].lower()}://{found['rest']}", taken)


class Capture(NamedTuple):
    """One copy the archive keeps of a page."""

    taken_at: datetime
    address: str  # where its bytes are, as the page sent them (no banner, no rewriting)


def captures_query(
    url: str,
    *,
    archive: str = WAYBACK,
    since: datetime | None = None,
    until: datetime | None = None,
) -> str:
    """The archive's address that lists the copies of ``url`` that were whole pages
    (HTTP 200), leaving out each copy that has the same bytes as the one before it."""
    asked = {
        "url": url,
        "output": "json",
        "fl": "timestamp,original",
        "filter": "statuscode:200",
        "collapse": "digest",
    }
    if since is not None:
        asked["from"] = since.astimezone(UTC).strftime(_STAMP)
    if until is not None:
        asked["to"] = until.astimezone(UTC).strftime(_STAMP)
    return f"{archive.rstrip('/')}/cdx/search/cdx?{urlencode(asked)}"


def read_captures(body: bytes, listing: str, *, archive: str = WAYBACK) -> list[Capture]:
    """The copies a CDX answer lists (JSON: a row of field names, then a row per copy),
    oldest first. Raises FetchError naming ``listing`` when the answer is not that.

    >>> rows = b'[["timestamp", "original"], ["20260501123456", "https://s.io/a"]]'
    >>> [copy] = read_captures(rows, "https://web.archive.org/cdx/search/cdx?url=...")
    >>> copy.taken_at.isoformat(), copy.address
    ('2026-05-01T12:34:56+00:00', 'https://web.archive.org/web/20260501123456id_/https://s.io/a')
    """
    try:
        rows = json.loads(body or b"[]")
        names = rows[0] if rows else ["timestamp", "original"]
        taken, original = names.index("timestamp"), names.index("original")
        found = [
            Capture(
                datetime.strptime(row[taken], _STAMP).replace(tzinfo=UTC),
                f"{archive.rstrip('/')}/web/{row[taken]}id_/{row[original]}",
            )
            for row in rows[1:]
        ]
    except (ValueError, TypeError, IndexError, AttributeError) as error:
        raise FetchError(
            listing,
            "expected the archive's list of copies (JSON rows: timestamp, original),"
            f" found {body[:80]!r} ({error})",
        ) from None
    return sorted(found)
