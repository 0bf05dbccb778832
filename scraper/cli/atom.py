"""The change feed as an Atom document (RFC 4287), for a feed reader: `changes --atom`.

An entry is an edit as the text feed groups it (one change on every page that showed
it). Its id is made of what it says, not of row ids: `reparse` renumbers the changes,
and a reader must not see the same edit twice.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from xml.etree import ElementTree

from db import whose
from schemas import FeedEntry
from scraper.cli.render import render_change

_ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 does not allow in a document (its Char production).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def atom_feed(entries: list[FeedEntry], *, feed_id: str, now: datetime) -> str:
    """An Atom feed of ``entries``, newest first; ``feed_id`` names the feed for good."""
    ElementTree.register_namespace("", _ATOM)
    feed = ElementTree.Element(f"{{{_ATOM}}}feed")
    _add(feed, "title", "panelwatch: what changed")
    _add(feed, "id", feed_id)
    newest = max((entry.detected_at for entry in entries), default=now)
    _add(feed, "updated", _instant(newest))
    _add(feed, "generator", "panelwatch")
    for entry in sorted(entries, key=lambda e: e.detected_at, reverse=True):
        feed.append(_entry(entry))
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _entry(entry: FeedEntry) -> ElementTree.Element:
    element = ElementTree.Element(f"{{{_ATOM}}}entry")
    _add(element, "title", _title(entry))
    _add(element, "id", f"urn:panelwatch:edit:{_fingerprint(entry)}")
    _add(element, "updated", _instant(entry.detected_at))
    for n, url in enumerate(entry.urls):
        link = ElementTree.SubElement(element, f"{{{_ATOM}}}link", href=url)
        if n:
            link.set("rel", "related")  # the other pages that showed the same edit
    author = ElementTree.SubElement(element, f"{{{_ATOM}}}author")
    _add(author, "name", "panelwatch")
    lines = [render_change(c, columns=False, colour=False, limit=None) for c in entry.changes]
    if len(entry.urls) > 1:
        lines += ["", "Seen on:", *entry.urls]
    _add(element, "content", "\n".join(lines)).set("type", "text")
    return element


def _title(entry: FeedEntry) -> str:
    """What changed, of what: "Lumen SQL: pricing_text", "Quillmate · Skeptic: score,
    verdict"; a page's own change names the page."""
    who = [whose(c.tool, c.reviewer).removesuffix(": ") for c in entry.changes]
    kinds = list(dict.fromkeys(c.kind for c in entry.changes))
    about = ", ".join(dict.fromkeys(w for w in who if w)) or entry.urls[0]
    pages = f" ({len(entry.urls)} pages)" if len(entry.urls) > 1 else ""
    return f"{about}: {', '.join(kinds)}{pages}"


def _fingerprint(entry: FeedEntry) -> str:
    said = [
        _instant(entry.detected_at),
        sorted(entry.urls),
        [[c.kind, c.field, c.tool_slug, c.reviewer, c.old, c.new] for c in entry.changes],
    ]
    return hashlib.sha256(json.dumps(said, sort_keys=True).encode()).hexdigest()[:32]


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent: ElementTree.Element, tag: str, text: str) -> ElementTree.Element:
    child = ElementTree.SubElement(parent, f"{{{_ATOM}}}{tag}")
    # ElementTree writes any character, and one XML cannot hold makes the whole feed
    # unreadable: records from parsers before version 9 may keep control characters.
    child.text = _NOT_XML.sub("", text)
    return child
