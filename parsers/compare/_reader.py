"""A comparison page, read section by section in the page's reading order."""

from __future__ import annotations

import itertools
import re

from pydantic import ValidationError

from parsers._captures import captured_text
from parsers._dom import SCREEN_CLASSES, VERDICT_PICTURE, Reading, VisibleText, visible_text
from parsers.compare._cards import CardReading
from parsers.compare._grid import GridReading
from parsers.compare._header import HeaderReading
from parsers.compare._scorecard import ScorecardReading
from parsers.compare._stats import StatReading
from parsers.compare._tools import ToolReading
from parsers.compare._words import FOOTER_START
from schemas import ComparisonPage, ParseError

# A page of fewer lines than this, with scripts, is a shell that scripts fill in.
FEW_LINES = 5
SCRIPT = re.compile(rb"<script\b", re.IGNORECASE)
# How an HTML document starts, whatever comes before (a BOM, whitespace, a comment).
HTML_START = re.compile(rb"<(?:!doctype|html|head|body)\b", re.IGNORECASE)
# How a fragment starts: an element, as "Copy outerHTML" gives one.
ELEMENT_START = re.compile(rb"\s*<[a-zA-Z]")


def parse_compare_page(html: str | bytes, url: str | None = None) -> ComparisonPage:
    """Extract a comparison page; raise :class:`ParseError` if it is not one.

    Never returns a partial record: a missing section, a truncated body or an
    impossible value is an error naming the URL and the field.
    """
    text = visible_text(html, want_canonical=url is None)
    if not text.complete:
        head = html[:1024] if isinstance(html, bytes) else html[:1024].encode("utf-8", "replace")
        shown = head[:60].decode("utf-8", "replace")
        raise ParseError(
            url or text.canonical_url,
            "page",
            "a complete HTML document (closing </html>, or each element it opened),"
            " or one whole element",
            "a cut-off body"
            if HTML_START.search(head)
            else "an element not closed at the end (a cut-off fragment?): " + shown
            if ELEMENT_START.match(head)
            else "no HTML at all: " + shown,
        )
    if len(text.lines) < FEW_LINES and SCRIPT.search(
        html.encode("utf-8", "replace") if isinstance(html, str) else html
    ):
        raise ParseError(
            url or text.canonical_url,
            "page",
            "the comparison's text in the HTML the server sends (panelwatch runs no scripts)",
            f"{len(text.lines)} lines of text, and scripts to fill in the rest",
        )
    try:
        return CompareReader(text, url).read()
    except ParseError:
        # Read again: with the buttons' text, as an accordion may put each persona's name
        # and score in the button that unfolds the review; as a desktop screen shows the
        # page, where utility classes hide its phone layout (or the other way round);
        # with each list of lines as one line, as a cell may list a price's tiers; with
        # the verdicts that images or icons show by their text alternative alone; with a
        # <br> as a line's end, as between a label and its value in one element; with a
        # cell spanning columns under each, as one value for two tools may be shown.
        # The first error is the one to report, as that reading is the one a page
        # without such buttons, classes, lists, pictures, breaks or spans gets; and the
        # readings a page needed before the later kinds were added come first.
        raw = html.encode("utf-8", "replace") if isinstance(html, str) else html
        lowered = raw.lower()
        possible = (
            text.buttons_left_out,
            SCREEN_CLASSES.search(raw) is not None,
            bool(text.listed) or b"<td" in lowered or b"<dd" in lowered,
            VERDICT_PICTURE.search(lowered) is not None,
            b"<br" in lowered,
            b"colspan" in lowered,
        )
        flags = (False, True)
        for spans, breaks, pictures, lists, desktop, buttons in itertools.product(flags, repeat=6):
            wanted = (buttons, desktop, lists, pictures, breaks, spans)
            if not any(wanted) or any(w and not p for w, p in zip(wanted, possible, strict=True)):
                continue
            again = visible_text(html, want_canonical=url is None, reading=Reading(*wanted))
            try:
                return CompareReader(again, url).read()
            except ParseError:
                pass
        raise


def parse_compare_text(text: str, url: str | None = None) -> ComparisonPage:
    """Extract a comparison page from its visible text, one block per line.

    For text captured by other tools (``tests/fixtures/pages/comparison/seed-capture.txt``).
    """
    return CompareReader(captured_text(text), url).read()


def validation_failure(url: str | None, error: ValidationError) -> ParseError:
    first = error.errors()[0]
    path = ""
    for part in first["loc"]:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    path = path or "page"
    if first["type"] == "value_error":  # our own cross-field checks explain themselves
        return ParseError(
            url, path, "values that agree", first["msg"].removeprefix("Value error, ")
        )
    expected = (
        first["msg"].replace("Input should be", "a value").replace("String should", "text should")
    )
    return ParseError(url, path, expected, str(first.get("input")))


class CompareReader(
    HeaderReading, StatReading, GridReading, CardReading, ToolReading, ScorecardReading
):
    """A comparison page read section by section, in the page's reading order."""

    def no_cards(self) -> str:
        """What the page shows first, where it shows no card at all: a "Not found" page
        served as a page, a bot check or a login wall says what it is there."""
        if not self.lines.text:
            return "0 cards; the page has no text"
        return "0 cards; it opens: " + " / ".join(self.lines.text[:3])

    def read(self) -> ComparisonPage:
        strips = self.stat_strips()
        if len(strips) < 2:
            raise self.fail(
                "tools",
                'a card per tool, each with a "Panel ship" figure',
                f"{len(strips)} cards" if strips else self.no_cards(),
            )
        try:
            decision, grid_start = self.decision_section(strips[-1])
        except ParseError:
            if (grid_after := self.grid_put_after_cards(strips)) is None:
                raise
            moved = VisibleText(grid_after, self.links, tab_lists=self.tab_lists)
            return CompareReader(moved, self.url).read()
        scorecard = self.lines.find("reviewer scorecard", strips[-1].end)
        # The site shows the grid before the scorecard; a restyle may swap them, and
        # then nothing but the footer bounds the grid.
        grid_last = scorecard is not None and scorecard < decision
        grid_end: int | None
        if scorecard is None:
            # A renamed or dropped heading: the scores after the grid are the scorecard.
            grid_end = self.first_score_after(decision)
        elif grid_last:
            grid_end = self.lines.find(FOOTER_START, decision)
            # a box of related tools' stats after the grid ends it too ("Panel ship")
            if (box := self.lines.find("panel ship", decision)) is not None:
                grid_end = min(grid_end or box, box)
        else:
            grid_end = scorecard
        columns, grid_stop = self.decision_grid(
            grid_start,
            grid_end or len(self.lines),
            len(strips),
            open_end=grid_last or scorecard is None,
        )
        scores_from = grid_stop if scorecard is None else scorecard + 1
        self.check_grid_rows(columns)
        cards_end = scorecard if scorecard is not None and grid_last else decision
        if (names_first := self.stats_put_under_names(strips, columns, cards_end)) is not None:
            moved = VisibleText(names_first, self.links, tab_lists=self.tab_lists)
            return CompareReader(moved, self.url).read()
        starts, columns = self.categories_on_cards(
            self.card_starts(strips, columns), strips, columns
        )
        over = self.descriptions_over_cards(starts, strips, columns, cards_end)
        cards = [
            self.card(i, starts, strips, columns[i], cards_end, over[i] if over else None)
            for i in range(len(strips))
        ]
        self.check_same_order(cards, columns)
        # The title is the tools' names: renders show short or full product names in the
        # heading, and that must not read as a change of the page.
        title = " vs ".join(card.name for card in cards)
        subtitle = self.subtitle(over[0][0] if over else starts[0], [c.name for c in cards])
        slugs = self.tool_slugs(cards)
        tools = [self.tool(i, card, columns[i], slugs[i]) for i, card in enumerate(cards)]
        scorecard_end = decision if grid_last else len(self.lines)
        if (scores_first := self.scores_put_first(scores_from, scorecard_end)) is not None:
            moved = VisibleText(scores_first, self.links, tab_lists=self.tab_lists)
            return CompareReader(moved, self.url).read()
        blocks = self.scorecard(scores_from, scorecard_end, cards)
        self.check_every_tab_read(blocks, cards)
        reviews = [
            {
                "reviewer": block.reviewer,
                "tool": cards[block.column or 0].name,
                "tool_slug": slugs[block.column or 0],
                "score": block.score,
                "verdict": block.verdict,
                "text": block.text,
            }
            for block in blocks
        ]
        page = {"url": self.url, "title": title, "subtitle": subtitle, "tools": tools}
        try:
            # One validation of the whole record: its error locations are field paths.
            return ComparisonPage.model_validate({**page, "reviews": reviews})
        except ValidationError as error:
            raise validation_failure(self.url, error) from None

    def first_score_after(self, decision: int) -> int:
        """Without a "Reviewer scorecard" heading, the first score after the Decision grid
        is where the scorecard has begun."""
        lines = self.lines
        found = lines.first_score(decision, len(lines))
        if found is None:
            raise self.fail(
                "reviews",
                'a "Reviewer scorecard" section ("NN/100 · ship" scores) after the Decision grid',
            )
        return found
