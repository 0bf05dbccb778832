"""The page's header: the heading naming the tools and the subtitle under it."""

from __future__ import annotations

import re

from parsers.compare._line_kinds import (
    find_title,
    is_heading,
    is_initial,
    is_prose,
    is_title,
    names_every_tool,
)
from parsers.compare._page_text import PageText
from parsers.compare._words import BOX_LABEL, DATELINE, VS_WORDS

_WORD = re.compile(r"[^\W_]+")
_CRUMB = re.compile(r"[^/›>»]{1,40}[/›>»]")  # "Compare / A vs B", "Home › A vs B"


class HeaderReading(PageText):
    """The page's header: its title and subtitle."""

    def subtitle(self, cards_start: int, names: list[str]) -> str | None:
        """The line(s) between the page's heading and the first card, if any. The heading
        is "A vs B" (perhaps with "vs" on a line of its own), or failing that a line
        naming every tool ("A versus B", "A or B?")."""
        text = self.lines.text

        def names_all(i: int) -> bool:
            return names_every_tool(text[i], names)

        title_at = find_title(text, cards_start)
        if title_at is not None:
            title_at = self.heading_over(self.heading_naming(title_at, names), names)
        if title_at is None:
            title_at = next((i for i in range(cards_start - 1, -1, -1) if names_all(i)), None)
        if title_at is None:
            return None
        box, after_box = self.other_comparisons(title_at + 1, cards_start)
        under = [i for i in range(title_at + 1, box) if not self.is_page_meta(i)]
        if not under:  # the box stands right under the heading, the subtitle after it
            under = [i for i in range(after_box, cards_start) if not self.is_page_meta(i)]
        # Under a breadcrumb that says "A vs B", the heading itself may read "A or B?".
        other = [i for i in under if not names_all(i)]
        prose = any(is_prose(text[i]) for i in other)
        return self.paragraph(self.before_a_box(other if prose else under))

    def other_comparisons(self, start: int, end: int) -> tuple[int, int]:
        """Where a box of links to other comparisons ("Related comparisons", "Cursor vs
        Windsurf") begins between lines start and end, its heading included, and the
        line after its last such link; (end, end) if there is none. The subtitle ends
        where the box begins."""
        text = self.lines.text
        linked = [i for i in range(start, end) if self.opens_with_comparison(i)]
        if not linked:
            return end, end
        first = linked[0]
        above = first - 1
        if above >= start and is_heading(text[above]) and not self.is_link_text(above):
            first = above
        return first, linked[-1] + 1

    def opens_with_comparison(self, i: int) -> bool:
        """Line i opens with a link that says "A vs B" to another page: another
        comparison, whichever tools it names. A tool's own link names one tool, and a
        subtitle may say "vs" of something else ("Build vs buy: ...")."""
        line = self.lines.text[i]
        if not is_title(line):
            return False
        return any(
            line.startswith(link) and is_title(link) and not self.is_this_page(href)
            for link, href in self.links
            if link
        )

    def is_this_page(self, href: str) -> bool:
        """The link leads to this page (a heading may link to its own page)."""
        here = (self.url or "").split("#")[0].rstrip("/")
        there = href.split("#")[0].rstrip("/")
        return bool(here) and bool(there) and (here == there or here.endswith(there))

    def heading_naming(self, at: int, names: list[str]) -> int:
        """A box of other comparisons between the header and the cards ("Related:
        Cursor vs Windsurf") says "vs" too: the heading is the last such line over it
        that names every tool compared here and links to no other comparison."""
        text = self.lines.text
        if not is_title(text[at]):
            return at

        def heads(i: int) -> bool:
            return (
                is_title(text[i])
                and names_every_tool(text[i], names)
                and not self.opens_with_comparison(i)
            )

        if heads(at):
            return at
        return next((i for i in range(at - 1, -1, -1) if heads(i)), at)

    def heading_over(self, at: int, names: list[str]) -> int:
        """A line that says "A vs B" and more ("A vs B: the panel weighs in on price") is
        the subtitle where a line above it says "A vs B" and fewer words more: that is
        the heading, where it stands right over it and is no breadcrumb ("Compare / A vs
        B")."""
        text = self.lines.text
        above = next((i for i in range(at - 1, -1, -1) if not self.is_page_meta(i)), None)
        if above is None or not is_title(text[above]) or _CRUMB.match(text[above]):
            return at
        named = {word for name in names for word in _WORD.findall(name.lower())}

        def beside(line: str) -> int:  # words beside the tools' names and "vs"
            words = _WORD.findall(line.lower())
            return sum(word not in named and word not in VS_WORDS for word in words)

        more = beside(text[at])
        return above if more >= 2 and beside(text[above]) < more else at

    def before_a_box(self, candidates: list[int]) -> list[int]:
        """The candidates up to a labelled box ("TL;DR: …") after the first paragraph:
        a summary of the page, not more of its subtitle."""
        text = self.lines.text
        began = False
        for n, i in enumerate(candidates):
            if began and BOX_LABEL.match(text[i]):
                return candidates[:n]
            began = began or is_prose(text[i])
        return candidates

    def is_page_meta(self, i: int) -> bool:
        """An avatar initial, a dateline or a row of share links: about the page, not
        part of its subtitle."""
        line = self.lines.text[i]
        return (
            is_initial(line)
            or DATELINE.match(line) is not None
            or (len(line) <= 40 and self.is_link_text(i))
        )
