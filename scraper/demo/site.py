"""The replica site's content: comparison pages that move forward in time, faults, and
an archive of copies of its pages that answers as the Wayback Machine does.

:class:`DemoSite` holds what the site says at its current tick and answers requests
(``respond``); :mod:`scraper.demo.server` puts it on a real socket. Everything here is
synthetic (see :mod:`scraper.demo.catalogue`).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

from schemas import CommunityVotes, ComparisonPage
from scraper.demo.catalogue import PERSONAS, TOOLS, ToolSpec, make_page, make_tool
from scraper.demo.render import Style, render_compare_page

FaultKind = Literal[
    "500",
    "503",
    "404",
    "429",
    "slow",
    "trickle",
    "truncate",
    "drop",
    "hangup",
    "layout",
    "huge",
    "redirect",
    "charset",
    "bom",
]
EPOCH = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
_STAMP = "%Y%m%d%H%M%S"  # the archive's times
PRIVATE_PATH = "/compare/private-draft-vs-private-beta"
# What discovery reads: these answer 500/503/404 faults too.
_DISCOVERY_PATHS = ("/sitemap.xml", "/sitemap-index.xml", "/sitemap-news.xml", "/", "/index.html")
PAIRS = (
    ("quillmate-drafts", "orbit-voice"),
    ("lumen-sql", "patchwork-ci"),
    ("patchwork-ci", "tensorloom-7b"),
    ("orbit-voice", "tensorloom-7b"),
    ("quillmate-drafts", "lumen-sql"),
)
ADDED_ON_TICK_2 = ("lumen-sql", "tensorloom-7b")
# Each tool as the panel sees it, on every page it is in: (ship, skip) and the four
# personas' scores (Builder, Skeptic, Futurist, Founder).
PANELS = {
    "quillmate-drafts": (4, 0),
    "orbit-voice": (1, 3),
    "lumen-sql": (3, 1),
    "patchwork-ci": (4, 0),
    "tensorloom-7b": (4, 0),
}
_KEEN, _COOL = (82, 71, 88, 66), (64, 48, 59, 52)
TOOL_SCORES = {
    "quillmate-drafts": _KEEN,
    "orbit-voice": _COOL,
    "lumen-sql": _KEEN,
    "patchwork-ci": _COOL,
    "tensorloom-7b": _COOL,
}
# Scores by column, for the numbered pages benchmarks add.
SCORES: dict[str, list[int | None]] = {
    "Builder": [82, 64],
    "Skeptic": [71, 48],
    "Futurist": [88, 59],
    "Founder": [66, 52],
}


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    send_bytes: int | None = None  # send only this much of the body, then drop the connection
    trickle: float = 0.0  # seconds between the pieces the body is sent in, if any
    hang_up: bool = False  # close the connection without answering at all
    pieces: int = 1


@dataclass
class _Fault:
    kind: FaultKind
    times: int | None  # None: until cleared
    params: dict[str, Any]


@dataclass
class _Page:
    record: ComparisonPage
    style: Style
    updated: datetime
    # The body and its ETag, rendered once: the benchmarks ask for thousands of pages.
    # An edit makes a new _Page, so a body never outlives the state it shows.
    rendered: tuple[bytes, str] | None = field(default=None, repr=False, compare=False)

    def render(self) -> tuple[bytes, str]:
        if self.rendered is None:
            body = render_compare_page(self.record, self.style).encode()
            self.rendered = (body, _etag(body))
        return self.rendered


@dataclass(frozen=True)
class Hit:
    """One request the site answered, for tests to inspect."""

    path: str
    status: int
    user_agent: str
    conditional: bool
    sent_cookie: bool = False
    arrived: float = 0.0  # time.monotonic() when the request came in


def _sitemap_xml(root: str, entries: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</{root}>'
    ).encode()


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


def _path(page: ComparisonPage) -> str:
    assert page.url is not None
    return "/compare/" + page.url.rsplit("/compare/", 1)[1]


# Edits one tool's part of a page (JSON form): (page, the tool's slug) -> None
ToolEdit = Callable[[dict[str, Any], str], None]


def _edit(page: ComparisonPage, slug: str, change: ToolEdit) -> ComparisonPage:
    data = page.model_dump(mode="json")
    change(data, slug)
    return ComparisonPage.model_validate(data)


def _set_review(reviewer: str, score: int) -> ToolEdit:
    def change(data: dict[str, Any], slug: str) -> None:
        for review in data["reviews"]:
            if (review["reviewer"], review["tool_slug"]) == (reviewer, slug):
                review.update(score=score, verdict="ship" if score >= 60 else "skip")

    return change


def _set(part: str, **values: Any) -> ToolEdit:
    def change(data: dict[str, Any], slug: str) -> None:
        tool = next(tool for tool in data["tools"] if tool["slug"] == slug)
        tool[part] = {**tool[part], **values}

    return change


def _drop_review(reviewer: str) -> ToolEdit:
    def change(data: dict[str, Any], slug: str) -> None:
        data["reviews"] = [
            r for r in data["reviews"] if (r["reviewer"], r["tool_slug"]) != (reviewer, slug)
        ]

    return change


def _pair_page(a: str, b: str) -> ComparisonPage:
    """The comparison of two tools, each as the site shows it on every page it is in."""
    tools = [make_tool(TOOLS[slug], *PANELS[slug]) for slug in (a, b)]
    scores: dict[str, list[int | None]] = {
        persona: [TOOL_SCORES[slug][column] for slug in (a, b)]
        for column, persona in enumerate(PERSONAS)
    }
    return make_page(tools, scores)


class DemoSite:
    """A small comparison site that changes on :meth:`tick` and fails on request."""

    def __init__(self, *, extra_pages: int = 0) -> None:
        self.lock = threading.Lock()
        self.extra_pages = extra_pages
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.tick_count = 0
            self.crawl_delay: float | None = None  # a Crawl-delay line in robots.txt
            self.faults: dict[str, _Fault] = {}
            self.hits: list[Hit] = []
            self.errors: list[BaseException] = []
            self.pages: dict[str, _Page] = {}
            # The copies its archive keeps (a Wayback Machine of its own): path -> [(when, body)]
            self.archived: dict[str, list[tuple[datetime, bytes]]] = {}
            # Every edit of a tool so far, for pages added later: (slug, edit)
            self.tool_edits: list[tuple[str, ToolEdit]] = []
            for i, (a, b) in enumerate(PAIRS):
                self._put(_pair_page(a, b), i)
            private = _pair_page("orbit-voice", "lumen-sql")
            self.pages[PRIVATE_PATH] = _Page(
                private.model_copy(update={"url": f"https://replica.test{PRIVATE_PATH}"}),
                Style(),
                EPOCH,
            )
            for n in range(self.extra_pages):
                self._put(self._numbered_page(n), n)

    def _numbered_page(self, n: int) -> ComparisonPage:
        a, b = PAIRS[n % len(PAIRS)]
        specs = [TOOLS[a], TOOLS[b]]
        tools = [make_tool(ToolSpec(**{**vars(s), "slug": f"{s.slug}-{n}"}), 3, 1) for s in specs]
        return make_page(tools, SCORES)

    def _put(self, page: ComparisonPage, variant: int) -> None:
        # Alternate markups and render variants, as the real site does between renders.
        style = Style(
            markup="soup" if variant % 2 else "semantic",
            values_above_labels=variant % 3 != 1,
            verdict_word=variant % 2 == 0,
            quote_reviews=variant % 4 == 3,
            community_placeholder=("dash", "empty", "absent")[variant % 3],
        )
        self.pages[_path(page)] = _Page(page, style, EPOCH)

    # -- time -------------------------------------------------------------------------
    def now(self) -> datetime:
        return EPOCH + timedelta(hours=6 * self.tick_count)

    def tick(self) -> list[str]:
        """Move the site forward six hours; return what changed, in words."""
        with self.lock:
            self.tick_count += 1
            return self._script(self.tick_count)

    def _change_tool(self, slug: str, change: ToolEdit) -> None:
        """Edit what the site says of one tool on every page that shows it, as the real
        site does: a tool's card, pricing and reviews are the same on each comparison."""
        self.tool_edits.append((slug, change))
        for path, page in self.pages.items():
            if any(tool.slug == slug for tool in page.record.tools):
                edited = _edit(page.record, slug, change)
                self.pages[path] = _Page(edited, page.style, self.now())

    def _add_page(self, page: ComparisonPage) -> None:
        """A new comparison, saying of its tools what the site's other pages say now."""
        slugs = {tool.slug for tool in page.tools}
        for slug, change in self.tool_edits:
            if slug in slugs:
                page = _edit(page, slug, change)
        self._put(page, len(self.pages))

    def _script(self, tick: int) -> list[str]:
        if tick == 1:
            self._change_tool("quillmate-drafts", _set_review("Skeptic", 55))
            lumen = "Free up to 250 questions a month; Pro at $29 per user per month"
            self._change_tool("lumen-sql", _set("pricing", text=lumen))
            return [
                "the Skeptic flips Quillmate from ship to skip (71 -> 55)",
                "Lumen SQL pricing edited",
            ]
        if tick == 2:
            votes = CommunityVotes(
                text="Ship · 9 ship / 3 skip (12 votes)", ship_pct=75, ship=9, skip=3, total=12
            ).model_dump()
            self._change_tool("patchwork-ci", _set("community", **votes))
            split = {"verdict": "mixed", "ship": 2, "skip": 2, "ship_pct": 50}
            self._change_tool("orbit-voice", _set("panel", **split))
            self._add_page(_pair_page(*ADDED_ON_TICK_2))
            return ["community votes appear for Patchwork CI", "Orbit Voice panel splits 2/2",
                    "a new comparison: Lumen SQL vs Tensorloom 7B"]  # fmt: skip
        if tick == 3:
            self._change_tool("tensorloom-7b", _set_review("Builder", 71))
            quill = "Team plan at $15 per seat per month; no free tier"
            self._change_tool("quillmate-drafts", _set("pricing", model="Paid", text=quill))
            self._change_tool("patchwork-ci", _drop_review("Founder"))
            return ["the Builder moves Tensorloom 7B 64 -> 71", "Quillmate pricing model and text",
                    "Founder's review of Patchwork CI removed"]  # fmt: skip
        page = list(self.pages.values())[tick % len(self.pages)].record
        tool = page.tools[0]
        score = 40 + (tick * 13) % 60
        self._change_tool(tool.slug, _set_review("Builder", score))
        return [f"the Builder gives {tool.name} {score}"]

    # -- faults -----------------------------------------------------------------------
    def fault(self, path: str, kind: FaultKind, *, times: int | None = 1, **params: Any) -> None:
        """Make the next ``times`` requests for ``path`` fail as ``kind`` (None: until cleared)."""
        with self.lock:
            self.faults[path] = _Fault(kind, times, params)

    def archive_copies(self) -> None:
        """The site's archive takes a copy of every comparison page as it is now."""
        with self.lock:
            for path in self.compare_paths():
                self.archived.setdefault(path, []).append(
                    (self.now(), self.pages[path].render()[0])
                )

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    def _take_fault(self, path: str) -> _Fault | None:
        fault = self.faults.get(path)
        if fault is None:
            return None
        if fault.times is not None:
            fault.times -= 1
            if fault.times <= 0:
                del self.faults[path]
        return fault

    # -- answering --------------------------------------------------------------------
    def compare_paths(self) -> list[str]:
        return [p for p in self.pages if p != PRIVATE_PATH]

    def respond(self, path: str, headers: dict[str, str], origin: str) -> Response:
        arrived = time.monotonic()
        with self.lock:
            if path.startswith(("/cdx/", "/web/")):
                response = self._archive(path)
            else:
                response = self._respond(path.split("?", 1)[0], headers, origin)
            self.hits.append(
                Hit(path, response.status, headers.get("user-agent", ""),
                    "if-none-match" in headers or "if-modified-since" in headers,
                    "cookie" in headers, arrived)
            )  # fmt: skip
            return response

    def _respond(self, path: str, headers: dict[str, str], origin: str) -> Response:
        if path == "/robots.txt":
            fault = self._take_fault(path)
            if fault is not None and fault.kind in ("500", "503"):  # an unreachable robots.txt
                return Response(int(fault.kind), b"Server error")
            if fault is not None and fault.kind == "429":
                return Response(429, b"slow down", {"Retry-After": "60"})
            if fault is not None and fault.kind == "redirect":
                return Response(301, b"", {"Location": str(fault.params["to"])})
            text = (  # it names the sitemap index, as large sites' robots.txt files do
                f"User-agent: *\nDisallow: /compare/private-\nSitemap: {origin}/sitemap-index.xml\n"
            )
            if self.crawl_delay is not None:
                text += f"Crawl-delay: {self.crawl_delay:g}\n"
            if fault is not None and fault.kind == "bom":  # as a file saved on Windows may be
                text = "\ufeff" + text
            return Response(200, text.encode(), {"Content-Type": "text/plain"})
        if path in _DISCOVERY_PATHS:
            fault = self._take_fault(path)
            if fault is not None and fault.kind in ("500", "503", "404"):
                return Response(int(fault.kind), b"<html><body>Server error</body></html>")
        xml = {"Content-Type": "application/xml"}
        if path == "/sitemap.xml":
            urls = "".join(
                f"<url><loc>{escape(origin + page)}</loc></url>" for page in self.compare_paths()
            )
            return Response(200, _sitemap_xml("urlset", urls), xml)
        if path == "/sitemap-news.xml":  # listed by the index; lists nothing yet
            return Response(200, _sitemap_xml("urlset", ""), xml)
        if path == "/sitemap-index.xml":  # an index of sitemaps, as large sites publish
            sitemaps = "".join(
                f"<sitemap><loc>{escape(origin + child)}</loc></sitemap>"
                for child in ("/sitemap.xml", "/sitemap-news.xml")
            )
            return Response(200, _sitemap_xml("sitemapindex", sitemaps), xml)
        if path in ("/", "/index.html"):
            return Response(200, self._index(), {"Content-Type": "text/html; charset=utf-8"})
        page = self.pages.get(path)
        if page is None:
            return Response(404, b"<html><body><h1>Not found</h1></body></html>")
        fault = self._take_fault(path)
        if fault is not None and fault.kind in ("500", "503", "404"):
            return Response(int(fault.kind), b"<html><body>Server error</body></html>")
        if fault is not None and fault.kind == "429":
            retry = str(fault.params.get("retry_after", 1))
            return Response(429, b"slow down", {"Retry-After": retry})
        if fault is not None and fault.kind == "redirect":  # to=a path or URL, status=301..
            location = str(fault.params["to"])
            return Response(int(fault.params.get("status", 301)), b"", {"Location": location})
        body, etag = page.render()
        if fault is not None and fault.kind == "layout":
            body = body.replace(b"Panel ship", b"Approval").replace(b"Decision", b"Summary")
        if fault is not None and fault.kind == "huge":
            body += b"<!--" + b"x" * int(fault.params.get("size", 6 * 1024 * 1024)) + b"-->"
        content_type = "text/html; charset=utf-8"
        if fault is not None and fault.kind == "charset":  # meta=, header=: as a site may
            meta = f"<meta charset={fault.params.get('meta', 'utf-8')}>".encode()
            body = body.replace(b"<meta charset=utf-8>", meta, 1)
            content_type = f"text/html; charset={fault.params.get('header', 'utf-8')}"
        if fault is not None and fault.kind in ("layout", "huge", "charset"):
            etag = _etag(body)
        page_headers = {
            "Content-Type": content_type,
            "ETag": etag,
            "Last-Modified": format_datetime(page.updated, usegmt=True),
        }
        if fault is None and headers.get("if-none-match") == etag:
            return Response(304, b"", page_headers)
        response = Response(200, body, page_headers)
        if fault is not None and fault.kind == "slow":
            response.delay = float(fault.params.get("seconds", 2.0))
        if fault is not None and fault.kind == "trickle":  # each piece in time, never all
            response.trickle = float(fault.params.get("seconds", 0.2))
            response.pieces = int(fault.params.get("pieces", 50))
        if fault is not None and fault.kind == "truncate":
            response.body = body[: len(body) * 2 // 3]  # a short page, served as complete
        if fault is not None and fault.kind == "drop":
            response.send_bytes = len(body) // 2  # the connection breaks mid-body
        if fault is not None and fault.kind == "hangup":  # as an overloaded server may
            response.hang_up = True
        return response

    def _archive(self, path: str) -> Response:
        """The archive's two addresses, as the Wayback Machine has them: the list of a
        page's copies (/cdx/search/cdx?url=...&output=json, with from, to, and
        collapse=digest for one copy per run of the same bytes), and one copy as it
        was sent (/web/TIMEid_/URL)."""
        if path.startswith("/web/"):
            stamp, _, original = path.removeprefix("/web/").partition("id_/")
            copies = self.archived.get(urlsplit(original).path, [])
            body = next((b for when, b in copies if when.strftime(_STAMP) == stamp), None)
            if body is None:
                return Response(404, b"<html><body>Not in the archive</body></html>")
            return Response(200, body, {"Content-Type": "text/html; charset=utf-8"})
        asked = dict(parse_qsl(urlsplit(path).query))
        url = asked.get("url", "")
        rows: list[list[str]] = []
        last = None
        for when, body in self.archived.get(urlsplit(url).path, []):
            stamp = when.strftime(_STAMP)
            if not asked.get("from", "") <= stamp <= asked.get("to", "99999999999999"):
                continue
            if asked.get("collapse") == "digest" and body == last:
                continue
            last = body
            rows.append([stamp, url])
        listing = [["timestamp", "original"], *rows] if rows else []
        return Response(200, json.dumps(listing).encode(), {"Content-Type": "application/json"})

    def _index(self) -> bytes:
        items = "".join(
            f"<li><a href='{escape(path)}'>{escape(self.pages[path].record.title)}</a></li>"
            for path in self.compare_paths()
        )
        return (
            "<!DOCTYPE html><html><head><title>Replica comparisons</title></head><body>"
            "<h1>All comparisons</h1><ul>" + items + "</ul><p><a href='/about'>About</a></p>"
            # another site's comparison, as "see also" links go: not this site's to watch
            "<p><a href='https://elsewhere.test/compare/a-vs-b'>Elsewhere</a></p>"
            "</body></html>"
        ).encode()
