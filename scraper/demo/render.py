"""Render a comparison record as HTML, the way the site might.

The replica site and the test fixtures use this to produce pages in several markups
(semantic HTML; utility-class div soup with hashed classes, scripts and icons) and the
render variants the real site shows (NOTES.md). The parser never sees this code: it only
reads the HTML, so a round trip record -> HTML -> record checks the parser.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from html import escape
from typing import Literal

from schemas import ComparisonPage, Review, Tool

Markup = Literal["semantic", "soup"]
Placeholder = Literal["dash", "empty", "absent"]


@dataclass(frozen=True)
class Style:
    markup: Markup = "soup"
    values_above_labels: bool = True
    verdict_word: bool = True
    initials: bool = True
    community_placeholder: Placeholder = "empty"
    quote_reviews: bool = False
    breadcrumb: bool = True
    grid_by_tool: bool = False
    scorecard_by_tool: bool = False
    tool_links: bool = True
    grid_last: bool = False  # the Decision grid after the scorecard, not before it
    grid_first: bool = False  # the Decision grid over the cards, "at a glance"
    grid_transposed: bool = False  # the grid's labels head its columns, a row per tool
    persona_roles: bool = False  # "The Builder" over a role line, as tool pages show them
    heading: str | None = None  # the title as shown, when a render uses other names
    # The grid and the scorecard twice, laid out by tool for phones and as above for
    # desktops, each hidden on the other's screens by utility classes.
    responsive: Literal["tailwind", "bootstrap"] | None = None
    # The scorecard as tabs, a panel per persona, all but the first hidden until chosen.
    scorecard_tabs: bool = False
    # A stat panelwatch does not read, as (value, label, the stat it comes before):
    # ("Mar 2026", "Launched", "Entry").
    extra_stat: tuple[str, str, str] | None = None


def render_compare_page(page: ComparisonPage, style: Style = Style()) -> str:
    if style.markup == "semantic":
        return _Semantic(page, style).page()
    return _Soup(page, style).page()


def _e(text: str | None) -> str:
    return escape(text or "", quote=True)


def _heading(page: ComparisonPage, style: Style) -> str:
    return _e(style.heading or page.title)


def _canonical(page: ComparisonPage) -> str:
    return f"<link rel=canonical href='{_e(page.url)}'>" if page.url else ""


def _panel_line(tool: Tool) -> str:
    verdict = tool.panel.verdict.capitalize()
    return f"{verdict} · {tool.panel.ship} ship / {tool.panel.skip} skip"


def _community_value(tool: Tool, style: Style) -> str | None:
    if tool.community.ship_pct is not None:
        return f"{tool.community.ship_pct}%"
    return {"dash": "—", "empty": "", "absent": None}[style.community_placeholder]


def _review_text(review: Review, style: Style) -> str:
    return f"“{_e(review.text)}”" if style.quote_reviews else _e(review.text)


def _personas(page: ComparisonPage) -> list[str]:
    return list(dict.fromkeys(review.reviewer for review in page.reviews))


# Role lines under a persona's name; the first two are the site's, the rest our own.
_ROLES = {
    "Builder": "Developer Perspective",
    "Skeptic": "Reality Check",
    "Futurist": "Long View",
    "Founder": "Business Case",
}


def _persona_heading(persona: str, style: Style) -> tuple[str, str | None]:
    """The persona's name as shown, and the role line under it, if the render has one."""
    if not style.persona_roles:
        return _e(persona), None
    return _e(f"The {persona}"), _e(_ROLES.get(persona, "Panel Critic"))


def _review_of(page: ComparisonPage, persona: str, tool: Tool) -> Review | None:
    for review in page.reviews:
        if review.reviewer == persona and review.tool_slug == tool.slug:
            return review
    return None


def _sections(grid: str, scorecard: str, style: Style) -> tuple[list[str], list[str]]:
    """The sections over the cards, and those under them."""
    if style.grid_first:
        return [grid], [scorecard]
    return [], [scorecard, grid] if style.grid_last else [grid, scorecard]


def _tabs(personas: list[str], panels: list[str], closed: str) -> str:
    """A tab list naming the personas, then their panels: ``closed`` hides all but the
    first, as a script does until another tab is chosen."""
    tabs = "".join(f"<button role=tab>{_e(persona)}</button>" for persona in personas)
    return f"<div role=tablist>{tabs}</div>" + "".join(
        f"<div role=tabpanel{closed if i else ''}>{panel}</div>" for i, panel in enumerate(panels)
    )


# (phone only, desktop only): the classes of each layout where a page carries both.
_SCREEN_CLASSES = {
    "tailwind": ("md:hidden", "hidden md:block"),
    "bootstrap": ("d-block d-md-none", "d-none d-md-block"),
}


_FOOTER_TEXT = (
    "Weekly AI Tool Verdicts",
    "Get the next comparison in your inbox",
    "New AI tools ship daily. We compare them before you waste an afternoon.",
)


class _Semantic:
    """Plain semantic HTML: h1/h2, dl for stats, a table for the grid."""

    def __init__(self, page: ComparisonPage, style: Style) -> None:
        self.p = page
        self.s = style

    def page(self) -> str:
        parts = [
            "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>",
            f"<title>{_heading(self.p, self.s)} | ShipOrSkip</title>",
            f"{_canonical(self.p)}</head><body>",
            "<header><nav><a href='/'>ShipOrSkip</a></nav></header><main>",
        ]
        if self.s.breadcrumb:
            parts.append(
                "<nav aria-label=breadcrumb><a href='/compare'>Compare</a>"
                f"/{_heading(self.p, self.s)}</nav>"
            )
        parts.append(f"<p>AI tool comparison</p><h1>{_heading(self.p, self.s)}</h1>")
        if self.p.subtitle:
            parts.append(f"<p>{_e(self.p.subtitle)}</p>")
        over, under = self.sections()
        parts += over
        parts += [self.card(tool) for tool in self.p.tools]
        parts += under
        parts.append("</main><footer>" + "".join(f"<p>{t}</p>" for t in _FOOTER_TEXT) + "</footer>")
        parts.append("</body></html>\n")
        return "\n".join(parts)

    def sections(self) -> tuple[list[str], list[str]]:
        grid, scorecard = self.grid(), self.scorecard()
        if self.s.responsive is not None:
            phone = type(self)(
                self.p,
                replace(
                    self.s, responsive=None, grid_by_tool=True, grid_transposed=False,
                    scorecard_by_tool=True,
                ),
            )  # fmt: skip
            phone_only, desktop_only = _SCREEN_CLASSES[self.s.responsive]

            def both(for_phone: str, for_desktop: str) -> str:
                return (
                    f"<div class='{phone_only}'>{for_phone}</div>"
                    f"<div class='{desktop_only}'>{for_desktop}</div>"
                )

            grid, scorecard = both(phone.grid(), grid), both(phone.scorecard(), scorecard)
        return _sections(grid, scorecard, self.s)

    def stat(self, value: str | None, label: str) -> str:
        if value is None:
            return f"<div><dt>{label}</dt></div>"
        if self.s.values_above_labels:
            return f"<div><dd>{_e(value)}</dd><dt>{label}</dt></div>"
        return f"<div><dt>{label}</dt><dd>{_e(value)}</dd></div>"

    def stats(self, tool: Tool) -> str:
        shown = [
            (f"{tool.panel.ship_pct}%", "Panel ship"),
            (_community_value(tool, self.s), "Community"),
            (tool.pricing.model, "Entry"),
        ]
        if self.s.extra_stat is not None:
            value, label, before = self.s.extra_stat
            shown.insert([label for _, label in shown].index(before), (value, label))
        return "".join(self.stat(value, label) for value, label in shown)

    def card(self, tool: Tool) -> str:
        name = _e(tool.name)
        if self.s.tool_links:
            name = f"<a href='/tool/{tool.slug}'>{name}</a>"
        initial = f"<span aria-label=avatar>{_e(tool.name[0])}</span>" if self.s.initials else ""
        verdict = (
            f"<p><strong>{tool.panel.verdict.capitalize()}</strong></p>"
            if self.s.verdict_word
            else ""
        )
        return (
            f"<article>{initial}<p>{_e(tool.category)}</p><h2>{name}</h2><p>{_e(tool.tagline)}</p>"
            f"{verdict}<dl>{self.stats(tool)}</dl>"
            f"<p>{_e(tool.description)}</p></article>"
        )

    def grid_rows(self) -> list[tuple[str, list[str]]]:
        tools = self.p.tools
        return [
            ("Panel verdict", [_panel_line(t) for t in tools]),
            ("Community", [t.community.text or "" for t in tools]),
            ("Pricing", [t.pricing.text for t in tools]),
            ("Best for", [t.best_for or "—" for t in tools]),
            ("Category", [t.category or "—" for t in tools]),
        ]

    def grid(self) -> str:
        rows = self.grid_rows()
        if self.s.grid_by_tool:
            body = "".join(
                f"<h3>{_e(tool.name)}</h3><dl>"
                + "".join(f"<dt>{label}</dt><dd>{_e(values[i])}</dd>" for label, values in rows)
                + "</dl>"
                for i, tool in enumerate(self.p.tools)
            )
            return f"<section><h2>Decision</h2>{body}</section>"
        if self.s.grid_transposed:
            head = "".join(f"<th scope=col>{label}</th>" for label, _ in rows)
            body = "".join(
                f"<tr><th scope=row>{_e(tool.name)}</th>"
                + "".join(f"<td>{_e(values[i])}</td>" for _, values in rows)
                + "</tr>"
                for i, tool in enumerate(self.p.tools)
            )
            return (
                f"<section><h2>Decision</h2><table><thead><tr><th>Tool</th>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table></section>"
            )
        head = "".join(f"<th scope=col>{_e(t.name)}</th>" for t in self.p.tools)
        body = "".join(
            f"<tr><th scope=row>{label}</th>"
            + "".join(f"<td>{_e(v)}</td>" for v in values)
            + "</tr>"
            for label, values in rows
        )
        return (
            f"<section><h2>Decision</h2><table><thead><tr><td></td>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></section>"
        )

    def block(self, review: Review) -> str:
        return (
            f"<div><p><b>{review.score}/100</b> · {review.verdict}</p>"
            f"<blockquote><p>{_review_text(review, self.s)}</p></blockquote></div>"
        )

    def persona_name(self, persona: str, tag: str) -> str:
        name, role = _persona_heading(persona, self.s)
        return f"<{tag}>{name}</{tag}>" + (f"<p>{role}</p>" if role else "")

    def scorecard(self) -> str:
        parts = ["<section><h2>Reviewer scorecard</h2>"]
        if self.s.scorecard_by_tool:
            for tool in self.p.tools:
                parts.append(f"<h3>{_e(tool.name)}</h3>")
                for persona in _personas(self.p):
                    review = _review_of(self.p, persona, tool)
                    if review is not None:
                        parts.append(f"{self.persona_name(persona, 'h4')}{self.block(review)}")
        else:
            panels = [
                self.persona_name(persona, "h3")
                + "".join(
                    self.block(b) for t in self.p.tools if (b := _review_of(self.p, persona, t))
                )
                for persona in _personas(self.p)
            ]
            parts += (
                [_tabs(_personas(self.p), panels, " hidden")] if self.s.scorecard_tabs else panels
            )
        parts.append("</section>")
        return "".join(parts)


class _Soup(_Semantic):
    """Deeply nested divs with hashed utility classes, scripts and SVG icons."""

    _ICON = "<svg viewBox='0 0 24 24' aria-hidden=true><path d='M5 12h14'/><text>icon</text></svg>"

    def cls(self, seed: str) -> str:
        digest = hashlib.sha1(seed.encode()).hexdigest()
        return f"css-{digest[:6]} tw-{digest[6:10]} flex"

    def div(self, seed: str, inner: str, depth: int = 2) -> str:
        for level in range(depth):
            inner = f"<div class='{self.cls(f'{seed}{level}')}'>{inner}</div>"
        return inner

    def page(self) -> str:
        p, s = self.p, self.s
        head = (
            "<!DOCTYPE html><html><head><meta charset=utf-8>"
            f"<title>{_heading(p, s)}</title>{_canonical(p)}<style>.css-x{{display:flex}}</style>"
            '<script>window.__DATA__={"panel":"Panel ship 0%"};</script></head><body>'
            "<div id=__next><div class='app'><noscript>Enable JavaScript</noscript>"
        )
        crumbs = ""
        if s.breadcrumb:
            crumbs = self.div(
                "crumb",
                f"<a class='{self.cls('c1')}' href='/compare'>Compare</a><span>/</span>"
                f"<span class='{self.cls('c2')}'>{_heading(p, s)}</span>",
            )
        hero = self.div("eyebrow", "AI tool comparison") + self.div(
            "title", f"<span>{_heading(p, s)}</span>", 3
        )
        if p.subtitle:
            hero += self.div("sub", _e(p.subtitle))
        cards = self.div("cards", "".join(self.card(t) for t in p.tools), 1)
        tail = self.div("foot", "".join(self.div(t, _e(t), 1) for t in _FOOTER_TEXT), 2)
        bookmarks = self.div("bm", "<span>Bookmarks</span><div hidden>Loading bookmarks...</div>")
        over, under = self.sections()
        return (
            head + crumbs + hero + "".join(over) + cards + "".join(under)
            + tail + bookmarks
            + "</div></div><script>hydrate()</script></body></html>"
        )  # fmt: skip

    def stat(self, value: str | None, label: str) -> str:
        label_html = f"<div class='{self.cls(label)}'>{label}</div>"
        if value is None:
            return self.div("stat", label_html, 1)
        value_html = f"<div class='{self.cls(label + 'v')}'>{_e(value)}</div>"
        pair = value_html + label_html if self.s.values_above_labels else label_html + value_html
        return self.div("stat", pair, 1)

    def card(self, tool: Tool) -> str:
        name = _e(tool.name)
        if self.s.tool_links:
            name = f"<a href='/tool/{tool.slug}' class='{self.cls('n')}'>{name}</a>"
        initial = (
            self.div("av", f"{self._ICON}<span>{_e(tool.name[0])}</span>", 2)
            if self.s.initials
            else ""
        )
        verdict = self.div("vd", tool.panel.verdict.capitalize(), 1) if self.s.verdict_word else ""
        stats = self.stats(tool)
        head = (
            self.div("ct", _e(tool.category), 1)
            + self.div("nm", name, 2)
            + self.div("tg", _e(tool.tagline), 1)
        )
        return self.div(
            "card",
            initial + self.div("head", head, 2) + verdict + self.div("stats", stats, 2)
            + self.div("desc", f"<p>{_e(tool.description)}</p>", 2),
            3,
        )  # fmt: skip

    def grid(self) -> str:
        rows = self.grid_rows()
        if self.s.grid_by_tool:
            cols = "".join(
                self.div(
                    "col",
                    self.div("cn", _e(tool.name), 1)
                    + "".join(
                        self.div(label, label, 1) + self.div("v", _e(values[i]), 1)
                        for label, values in rows
                    ),
                    2,
                )
                for i, tool in enumerate(self.p.tools)
            )
        elif self.s.grid_transposed:
            header = self.div("hr", "".join(self.div("h", label, 1) for label, _ in rows), 1)
            cols = header + "".join(
                self.div(
                    "row",
                    self.div("cn", _e(tool.name), 1)
                    + "".join(self.div("v", _e(values[i]), 1) for _, values in rows),
                    1,
                )
                for i, tool in enumerate(self.p.tools)
            )
        else:
            header = self.div("hr", "".join(self.div("h", _e(t.name), 1) for t in self.p.tools), 1)
            cols = header + "".join(
                self.div(
                    "row",
                    self.div(label, label, 1) + "".join(self.div("v", _e(v), 1) for v in values),
                    1,
                )
                for label, values in rows
            )
        return self.div("grid", self.div("gh", "Decision", 1) + cols, 2)

    def block(self, review: Review) -> str:
        score = (
            f"<span class='{self.cls('s')}'>{review.score}</span><span>/100</span>"
            f"<span> · </span><span class='{self.cls('v')}'>{review.verdict}</span>"
        )
        return self.div(
            "blk", self.div("sc", score, 2) + self.div("tx", _review_text(review, self.s), 1), 2
        )

    def persona_lines(self, persona: str) -> str:
        name, role = _persona_heading(persona, self.s)
        return self.div("pn", name, 1) + (self.div("pr", role, 1) if role else "")

    def scorecard(self) -> str:
        parts = [self.div("sch", "Reviewer scorecard", 2)]
        if self.s.scorecard_by_tool:
            for tool in self.p.tools:
                parts.append(self.div("tn", _e(tool.name), 1))
                for persona in _personas(self.p):
                    review = _review_of(self.p, persona, tool)
                    if review is not None:
                        parts.append(self.persona_lines(persona) + self.block(review))
        else:
            panels = []
            for persona in _personas(self.p):
                initial = self.div("pi", _e(persona[0]), 1) if self.s.initials else ""
                blocks = "".join(
                    self.block(b) for t in self.p.tools if (b := _review_of(self.p, persona, t))
                )
                panels.append(
                    self.div(
                        "prow",
                        initial + self.persona_lines(persona) + self.div("pb", blocks, 1),
                        1,
                    )
                )
            closed = " style='display: none' aria-hidden=true"
            parts += [_tabs(_personas(self.p), panels, closed)] if self.s.scorecard_tabs else panels
        return self.div("score", "".join(parts), 2)
