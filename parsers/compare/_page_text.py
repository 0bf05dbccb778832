"""The state every section reader shares: lines, links, and the page's own furniture."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from parsers._dom import VisibleText
from parsers.compare._line_kinds import is_prose, line_shape
from parsers.compare._lines import Lines, without_trailing_actions
from parsers.compare._words import LONGEST_KEY
from schemas import ParseError


class PageText:
    """The page's lines and links, and what every section asks of them."""

    def __init__(self, text: VisibleText, url: str | None) -> None:
        # A page read from a file still knows its address if it links its canonical URL.
        self.url = url or text.canonical_url
        self.lines = Lines(without_trailing_actions(text.lines, text.links))
        self.links = text.links
        self.tab_lists = text.tab_lists
        self.listed = text.listed
        self.list_starts = text.list_starts
        self._link_texts: set[str] | None = None
        self._link_starts: tuple[str, ...] = ()
        self._repeated: set[str] | None = None
        self._repeated_shapes: set[str] | None = None
        # The keys of the lines before a line, as the grid asks of the cards' lines
        # again for each line it checks: one set per line asked about.
        self._keys_before: dict[int, set[str]] = {}

    def fail(self, field: str, expected: str, found: str | None = None) -> ParseError:
        return ParseError(self.url, field, expected, found)

    def is_paragraph(self, i: int) -> bool:
        """Line i is prose that the page does not repeat: a description could be it."""
        return is_prose(self.lines.text[i]) and not self.is_furniture(i)

    def prose_in(self, lines: Iterable[int]) -> bool:
        return any(map(self.is_paragraph, lines))

    def prose_over(self, at: int, floor: int) -> int | None:
        """The nearest paragraph over line ``at``, passing over up to three short lines (a
        badge over a card's category), but not over line ``floor``."""
        return next(filter(self.is_paragraph, range(at - 1, max(floor, at - 4) - 1, -1)), None)

    def paragraph(self, candidates: list[int]) -> str | None:
        """The prose among the candidate lines, or the first of them if none is prose.

        Around a subtitle or a description, a short line that ends no sentence is a
        badge ("New", "Sponsored"), an advert's button or a note under a stat ("from
        $20/mo"), and a line the page repeats is its own furniture. Such a line after
        the prose may also be a heading ("FAQ", "Get weekly verdicts") over a box of
        its own, between the header or the last card and the next section: the
        paragraph ends there."""
        text = self.lines.text
        prose = [i for i in first_run(text, candidates) if is_prose(text[i])]
        if len(prose) > 1:
            prose = [i for i in prose if not self.is_furniture(i)] or prose[:1]
        kept = prose or candidates[:1]
        return " ".join(text[i] for i in kept) or None

    def is_furniture(self, i: int) -> bool:
        """Line i is shown more than once on the page ("Was this helpful?" under each
        review, "Prices checked weekly." on each card), or a short line of a shape the
        page shows more than once ("Last checked Nov 3, 2026." under each card): the
        page's own words, never more of a description or a review, which do not repeat
        one another."""
        line = self.lines.text[i]
        if len(line) <= LONGEST_KEY:
            return line_shape(line) in self.repeated_shapes()
        if self._repeated is not None:
            return line in self._repeated
        # Counting all lines hashes every paragraph on the page: a few lookups are cheaper.
        return self.lines.text.count(line) > 1

    def repeated_shapes(self) -> set[str]:
        """The shapes of lines (:func:`line_shape`) the page shows more than once: a date
        or a count under each review is the same line for what it is."""
        if self._repeated_shapes is None:
            shown = Counter(map(line_shape, self.lines.text))
            self._repeated_shapes = {shape for shape, times in shown.items() if times > 1}
        return self._repeated_shapes

    def repeated(self) -> set[str]:
        """The lines the page shows more than once."""
        if self._repeated is None:
            shown = Counter(self.lines.text)
            self._repeated = {line for line, times in shown.items() if times > 1}
        return self._repeated

    def is_link_text(self, i: int) -> bool:
        """Line i is only the text of a link, or of links side by side ("Share on X",
        "Copy link" in one block read "Share on XCopy link"): navigation, not data."""
        return self.is_link_line(self.lines.text[i])

    def is_link_line(self, line: str) -> bool:
        if self._link_texts is None:
            self._link_texts = {text for text, _ in self.links if text}
            self._link_starts = tuple(self._link_texts)
        if line in self._link_texts:
            return True
        if not line.startswith(self._link_starts):
            return False
        rest = line
        for text, _ in self.links:  # in page order: a run of links is consecutive
            if not text:
                continue
            if not rest.startswith(text):
                rest = line
                if not rest.startswith(text):
                    continue
            rest = rest[len(text) :].lstrip(" ·•|/")
            if not rest:
                return True
        return False


def first_run(text: list[str], candidates: list[int]) -> list[int]:
    """The candidates up to the first line that is not prose after one that is."""
    began = False
    for n, i in enumerate(candidates):
        prose = is_prose(text[i])
        if began and not prose:
            return candidates[:n]
        began = began or prose
    return candidates
