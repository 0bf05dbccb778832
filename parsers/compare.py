"""Comparison pages (``/compare/<a>-vs-<b>``) -> :class:`schemas.ComparisonPage`.

Everything is found by what a reader sees: the labels ("Panel ship", "Decision",
"Panel verdict", "Reviewer scorecard", ...) and reading order. Markup, class names and
ids are never consulted, so semantic HTML and utility-class div soup read the same.

Reading order of a page (NOTES.md): header (title, subtitle) -> one card per tool
(category, name, tagline, a stat strip, description) -> the Decision grid -> the
Reviewer scorecard -> footer boilerplate.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from parsers._dom import VisibleText, captured_text, visible_text
from parsers._fields import (
    closing_quote,
    is_placeholder,
    parse_panel_split,
    parse_percent,
    parse_score,
    parse_verdict_percent,
    parse_votes,
    slugify,
    strip_quotes,
    without_vote_count,
)
from schemas import ComparisonPage, ParseError

_STAT_LABELS = ("panel ship", "community", "entry")
# Other wordings of a stat label, read as the site's own: the key is what is compared.
_LABEL_SYNONYMS = {
    "entry price": "entry",
    "community vote": "community",
    "community votes": "community",
}
_STAT_FIELDS = {"community": "community.ship_pct", "entry": "pricing.model"}
_GRID_LABELS = {
    "panel verdict": "panel",
    "community": "community",
    "community votes": "community",
    "community vote": "community",
    "pricing": "pricing",
    "best for": "best_for",
    "category": "category",
}
# The rows of the Decision grid, as shown: (the label's key, the field it fills).
_GRID_ROWS = {
    "Panel verdict": ("panel", "panel"),
    "Community": ("community", "community.text"),
    "Pricing": ("pricing", "pricing.text"),
    "Best for": ("best_for", "best_for"),
    "Category": ("category", "category"),
}
_GLUED_STAT = re.compile(
    r"^(?P<value>.{0,24}?)\s*(?P<label>panel ship|community|entry)$", re.IGNORECASE
)
_STAT_THEN_VALUE = re.compile(
    # the value may be run into its label: "Panel ship100%", "EntryPaid", "Community—"
    r"^(?P<label>panel ship|community|entry)(?P<colon>\s*:\s*|\s+|(?=(?-i:[\dA-Z—–$€£])))"
    r"(?P<value>.{1,24})$",
    re.IGNORECASE,
)
# A page of fewer lines than this, with scripts, is a shell that scripts fill in.
_FEW_LINES = 5
_SCRIPT = re.compile(rb"<script\b", re.IGNORECASE)
_STRIP_LABEL = re.compile(r"(panel ship|community|entry)", re.IGNORECASE)
_GRID_INLINE = re.compile(
    r"^(?P<label>panel verdict|community votes?|community|pricing|best for|category)"
    r"\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
# A grid label with its value run into it: "PricingPay-as-you-go ...", "Panel verdictShip".
_GRID_LABELS_SHOWN = ("Panel verdict", "Community", "Pricing", "Best for", "Category")
_GRID_GLUED = re.compile(
    r"^(?P<label>Panel verdict|Community votes?|Community|Pricing|Best for|Category)"
    r"(?P<value>[\dA-Z—–$€£“\"].*)$"
)
_TITLE = re.compile(r"\S.*\bvs\.?\s+\S", re.IGNORECASE)
_VS_WORDS = frozenset({"vs", "vs.", "versus"})  # a title split around its "vs"
# "Builder", "The Builder", "Builder:", "Builder's take", "Reviewed by Builder"
_PERSONA = re.compile(
    r"^(?:(?:[Rr]eviewed\s+)?[Bb]y\s+)?(?:[Tt]he\s+)?"
    r"(?P<name>[A-Z][\w-]*(?:['’](?![sS]\b)[\w-]+)?(?:\s[A-Z][\w'’-]*){0,2})"
    r"(?:['’]s\s+(?:[Tt]ake|[Vv]erdict|[Vv]iew|[Rr]eview))?\s*:?$"
)
# Around a persona's name a render may add an icon glyph before or after it, or its role
# after it on the same line: "🛠 Builder", "Builder 🛠", "Builder · Developer Perspective".
_LEADING_ICON = re.compile(r"^[^\w\s]+\s*")
_PERSONA_TRAILING_ICON = re.compile(r"\s+[^\w\s’']+$")  # "Builder 🛠"
_PERSONA_ROLE = re.compile(r"\s+[·•|—–-]\s+|\s*\(")
# A review's heading naming its persona and its tool, in either order: "Builder · Claude",
# "Builder on Claude", "Claude — Builder", "Builder (Claude)".
_HEADING_PARTS = re.compile(r"\s+(?:[·•|—–-]|on|for)\s+|\s*\(")
_NAMED_SCORE = re.compile(
    # a space before the score, or none after a letter: "Builder88/100", run together
    r"^(?P<head>\D.{0,79}?)(?:\s*[:·•|—–-]?\s+|(?<=[^\W\d_]))"
    r"(?P<score>\d{1,3}(?:[.,]\d+)?\s*/\s*100(?!\d).*)$"
)
_SLASH_100 = re.compile(r"/\s*100\b")
_WORD = re.compile(r"\w(?:[\w.+-]*\w)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# The value of a stat the parser does not read: "4", "1,204", "4.5/5", "$20", "12k", "90%".
_STAT_FIGURE = re.compile(r"^[$€£¥]?\d[\d.,]*\s*(?:[%kKmM+]|/\s*\d+)?$")
_REVIEW_VERDICTS = ("ship", "skip")
# A review's verdict on a line of its own: "Ship", "✅ Ship", "Verdict: skip".
_VERDICT_BADGE = re.compile(r"^\W*(?:verdict\W*)?(?P<word>ship|skip)(?:\s+it)?\W*$")
# What a button or a <details> summary says, not data: "Read full review", "Show more".
_CONTROL_LABEL = re.compile(
    r"^(?:(?:read|show|see|view)\s+(?:the\s+)?(?:full|more|whole|entire)"
    r"(?:\s+(?:review|text|take))?|expand|continue reading)\W*$"
)
# A link that asks the reader to act rather than informs: "Read more", "View pricing →".
# Run on at the end of a block (after a <br>, or inline after a description's last
# sentence), it is not part of that block's text.
_ACTION_LINK = re.compile(
    r"^(?:(?:read|learn|see|view|show)\s+more|more\s+info|details"
    r"|(?:see|view|compare|check)\s+(?:the\s+)?(?:pricing|prices|plans|details|deal)"
    r"|(?:pricing|plans)\s+page|visit\s+(?:the\s+)?(?:site|website)"
    r"|try\s+it(?:\s+(?:for\s+)?free)?|get\s+started|sign\s+up|(?:cast\s+your\s+)?vote(?:\s+now)?)"
    r"\W*$",
    re.IGNORECASE,
)
_TOOL_LINK = re.compile(r"/tool/(?P<slug>[^/?#\s]+)")
_COMPARE_URL = re.compile(r"/compare/(?P<pair>[^/?#\s]+)")
_VERDICT_WORDS = ("ship", "skip", "mixed")
_SEPARATORS = ("·", "•", "|", "-", "–", "—")
# A separator in a block of its own only decorates; "—" and "-" may be a value ("no votes").
_LONE_SEPARATORS = frozenset({"·", "•", "|"})
_FOOTER_START = "weekly ai tool verdicts"
# Words a line may say where a persona's name could stand, without being one: a label
# over each score ("Score"), a table's corner cell over the tools' names ("Tool",
# "Reviewer"), a heading renamed to one word ("Critics").
_NOT_PERSONAS = frozenset({
    *_VERDICT_WORDS, _FOOTER_START, "score", "scores", "rating", "verdict", "review", "reviews",
    "reviewer", "reviewers", "critic", "critics", "persona", "personas", "panel", "panelists",
    "judges", "scorecard", "tool", "tools", "product", "products", "name",
})  # fmt: skip
# The site's critics seen so far: a tie-breaker between a name and a role line, never a
# requirement (the site says seven critics review each tool).
_KNOWN_PERSONAS = frozenset({"builder", "skeptic", "futurist", "founder"})
# Badges a card may put beside a tool's name; a word not here may be part of the name.
_BADGES = frozenset({
    "new", "beta", "alpha", "preview", "updated", "hot", "trending", "featured", "sponsored",
    "popular", "top pick", "editor's pick", "new!",
})  # fmt: skip
_SCORE_LABELS = frozenset({"score", "rating", "panel score"})
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_MONTH_NAME = re.compile(rf"\b{_MONTH}", re.IGNORECASE)
_NUMBERS = re.compile(r"\d+")
# A dateline or reading time under the title is about the page, not its subtitle:
# "Updated November 20, 2026", "Published 2026-11-20", "5 min read".
_DATELINE = re.compile(
    r"^(?:(?:last\s+)?updated|published|posted|reviewed)?\s*:?\s*(?:on\s+)?"
    rf"(?:\d{{4}}-\d\d-\d\d|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})"
    r"(?:\s*[·•|]\s*\d+\s*min(?:ute)?s?\s+read)?$"
    r"|^\d+\s*min(?:ute)?s?\s+read$",
    re.IGNORECASE,
)


# A line that starts or ends otherwise may need more than a key: "88" over "/100",
# "Builder 88/100 · ship", "📊 Panel ship", "Reviewer scorecard (4)".
_PLAIN_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# or end otherwise: an info or link mark after a label ("Pricing ⓘ", "Panel ship *").
_TRAILING_MARKS = "ⓘℹ\ufe0f↗→›»*†"
_MARKED_END = frozenset(")" + _TRAILING_MARKS)
_SPECIAL_END = frozenset("pP") | _MARKED_END
_TRAILING_MARK = re.compile(rf"\s*[{_TRAILING_MARKS}]+$")
_KEY_DECORATION = re.compile(rf"^[^\w\s]+\s+|\s*\(\d+\)$|{_TRAILING_MARK.pattern}")
_LONGEST_KEY = 160  # labels, names and categories are short; paragraphs need no key


def _key(line: str) -> str:
    key = line.lower().rstrip(": ")
    if line[:1] in _PLAIN_START and line[-1:] not in _MARKED_END:  # as _Lines inlines it
        return key
    # A restyle may decorate labels: "📊 Panel ship", "Reviewer scorecard (4)".
    return _KEY_DECORATION.sub("", key).rstrip(": ") or key


def _is_initial(line: str) -> bool:
    """An avatar initial: one letter or digit on its own."""
    return len(line) == 1 and line.isalnum()


class _Lines:
    """The page's visible lines with what is asked of each line computed once."""

    def __init__(self, lines: list[str]) -> None:
        self.text: list[str] = []
        self.keys: list[str] = []
        text, keys = self.text, self.keys
        for line in lines:
            if len(line) > _LONGEST_KEY:
                text.append(line)
                keys.append("")
                continue
            first = line[0]
            if first in _PLAIN_START and line[-1] not in _SPECIAL_END:
                key = line.lower().rstrip(": ")  # _key, inlined: this runs for every line
            elif line in _LONE_SEPARATORS:  # "Ship", "·", "4 ship / 0 skip" in blocks of their own
                continue
            elif first == "/" and text and _is_small_number(text[-1]) and _SLASH_100.match(line):
                text[-1] += line  # a big "88" over a small "/100": one score
                keys[-1] = _key(text[-1])
                continue
            elif not first.isdigit() and (parts := _split_named_score(line)):
                text += parts
                keys += map(_key, parts)
                continue
            elif first in _PLAIN_START and line[-1] not in _MARKED_END:  # mostly scores
                key = line.lower().rstrip(": ")
            else:
                key = _key(line)
            if (
                len(line) <= 80
                and ("panel ship" in key or "community" in key or "entry" in key)
                and key not in _STAT_LABELS
            ):
                whole_strip = "panel ship" in key and ("community" in key or "entry" in key)
                unglued: Sequence[str] | None = (whole_strip and _unglue_strip(line)) or (
                    _unglue(line, in_strip=any(k in _STAT_LABELS for k in keys[-2:]))
                    if len(line) <= 40
                    else None
                )
                if unglued:
                    text += unglued
                    keys += map(_key, unglued)
                    continue
                key = _LABEL_SYNONYMS.get(key, key)
            text.append(line)
            keys.append(key)
        self.count = len(self.text)
        self._scores: dict[int, tuple[int, str | None, str] | None] = {}
        self._personas: dict[int, str | None] = {}

    def __len__(self) -> int:
        return self.count

    def find(self, wanted: str, start: int = 0) -> int | None:
        try:
            return self.keys.index(wanted, start)
        except ValueError:
            return None

    def score(self, i: int) -> tuple[int, str | None, str] | None:
        if i >= self.count:
            return None
        key = self.keys[i]  # "" for a long line, which may still open with its score
        if not (self.text[i][:1].isdigit() or key[:5] == "score" or key[:4] in _REVIEW_VERDICTS):
            return None
        if i not in self._scores:
            self._scores[i] = parse_score(self.text[i])
        return self._scores[i]

    def is_role_line(self, persona_at: int, j: int) -> bool:
        """Line j is the role under a persona written "The Builder" at line persona_at:
        "Developer Perspective", as the site's tool pages show it."""
        return (
            self.keys[persona_at].startswith("the ")
            and j < self.count
            and not self.keys[j].startswith("the ")
            and self.persona(j) is not None
        )

    def persona(self, i: int) -> str | None:
        if i in self._personas:  # the scorecard asks about most lines more than once
            return self._personas[i]
        name = None
        key = self.keys[i]
        # an avatar initial ("B") is not a name, nor is a verdict, a label, a table's
        # corner cell or the footer's heading
        if len(key) > 1 and key not in _NOT_PERSONAS:
            name = _persona_name(self.text[i])
        self._personas[i] = name
        return name


@dataclass
class _StatStrip:
    start: int
    end: int  # index after the strip
    ship_pct: int
    community: str | None
    entry: str | None


@dataclass
class _GridColumn:
    name: str | None = None
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class _Card:
    name: str
    tagline: str | None
    description: str | None
    strip: _StatStrip


@dataclass
class _ReviewBlock:
    reviewer: str
    column: int | None
    score: int
    verdict: str
    text: str


def parse_compare_page(html: str | bytes, url: str | None = None) -> ComparisonPage:
    """Extract a comparison page; raise :class:`ParseError` if it is not one.

    Never returns a partial record: a missing section, a truncated body or an
    impossible value is an error naming the URL and the field.
    """
    text = visible_text(html, want_canonical=url is None)
    if not text.complete:
        raise ParseError(
            url or text.canonical_url,
            "page",
            "a complete HTML document (closing </html>)",
            "a cut-off body",
        )
    if len(text.lines) < _FEW_LINES and _SCRIPT.search(
        html.encode("utf-8", "replace") if isinstance(html, str) else html
    ):
        raise ParseError(
            url or text.canonical_url,
            "page",
            "the comparison's text in the HTML the server sends (panelwatch runs no scripts)",
            f"{len(text.lines)} lines of text, and scripts to fill in the rest",
        )
    try:
        return _CompareReader(text, url).read()
    except ParseError:
        if not text.buttons_left_out:
            raise
        # Read again with the buttons' text: an accordion may put each persona's name and
        # score in the button that unfolds the review. The first error is the one to
        # report, as that reading is the one a page without such buttons gets.
        with_buttons = visible_text(html, want_canonical=url is None, buttons=True)
        try:
            return _CompareReader(with_buttons, url).read()
        except ParseError:
            pass
        raise


def parse_compare_text(text: str, url: str | None = None) -> ComparisonPage:
    """Extract a comparison page from its visible text, one block per line.

    For text captured by other tools (``tests/fixtures/pages/comparison/seed-capture.txt``).
    """
    return _CompareReader(captured_text(text), url).read()


class _CompareReader:
    def __init__(self, text: VisibleText, url: str | None) -> None:
        # A page read from a file still knows its address if it links its canonical URL.
        self.url = url or text.canonical_url
        self.lines = _Lines(_without_trailing_actions(text.lines, text.links))
        self.links = text.links
        self._link_texts: set[str] | None = None
        self._link_starts: tuple[str, ...] = ()
        self._repeated: set[str] | None = None
        self._repeated_shapes: set[str] | None = None
        self._scorecard_lines = (0, 0)  # where the scorecard is being read
        self._persona_and_tool: dict[int, tuple[str, int] | None] = {}
        self._names_over_roles: bool | None = None
        # Under roles ("Developer Perspective" over "Builder"): each role's line -> the
        # name's.
        self._names_under_roles: dict[int, int] = {}

    def fail(self, field: str, expected: str, found: str | None = None) -> ParseError:
        return ParseError(self.url, field, expected, found)

    def read(self) -> ComparisonPage:
        strips = self.stat_strips()
        if len(strips) < 2:
            raise self.fail(
                "tools", 'a card per tool, each with a "Panel ship" figure', f"{len(strips)} cards"
            )
        decision, grid_start = self.decision_section(strips[-1])
        scorecard = self.lines.find("reviewer scorecard", strips[-1].end)
        # The site shows the grid before the scorecard; a restyle may swap them, and
        # then nothing but the footer bounds the grid.
        grid_last = scorecard is not None and scorecard < decision
        grid_end: int | None
        if scorecard is None:
            # A renamed or dropped heading: the scores after the grid are the scorecard.
            grid_end = self.first_score_after(decision)
        elif grid_last:
            grid_end = self.lines.find(_FOOTER_START, decision)
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
        starts = self.card_starts(strips, columns)
        cards_end = scorecard if scorecard is not None and grid_last else decision
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
        slugs = self.tool_slugs([card.name for card in cards])
        tools = [self.tool(i, card, columns[i], slugs[i]) for i, card in enumerate(cards)]
        blocks = self.scorecard(scores_from, decision if grid_last else len(self.lines), cards)
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
            raise _validation_failure(self.url, error) from None

    def first_score_after(self, decision: int) -> int:
        """Without a "Reviewer scorecard" heading, the first score after the Decision grid
        is where the scorecard has begun."""
        lines = self.lines
        found = next((i for i in range(decision, len(lines)) if lines.score(i) is not None), None)
        if found is None:
            raise self.fail(
                "reviews",
                'a "Reviewer scorecard" section ("NN/100 · ship" scores) after the Decision grid',
            )
        return found

    # -- header -----------------------------------------------------------------------
    def subtitle(self, cards_start: int, names: list[str]) -> str | None:
        """The line(s) between the page's heading and the first card, if any. The heading
        is "A vs B" (perhaps with "vs" on a line of its own), or failing that a line
        naming every tool ("A versus B", "A or B?")."""
        text = self.lines.text

        def names_every_tool(i: int) -> bool:
            return _names_every_tool(text[i], names)

        title_at = _title_at(text, cards_start)
        if title_at is None:
            title_at = next(
                (i for i in range(cards_start - 1, -1, -1) if names_every_tool(i)), None
            )
        if title_at is None:
            return None
        under = [i for i in range(title_at + 1, cards_start) if not self.is_page_meta(i)]
        # Under a breadcrumb that says "A vs B", the heading itself may read "A or B?".
        other = [i for i in under if not names_every_tool(i)]
        return self.paragraph(other if any(_is_prose(text[i]) for i in other) else under)

    def is_page_meta(self, i: int) -> bool:
        """An avatar initial, a dateline or a row of share links: about the page, not
        part of its subtitle."""
        line = self.lines.text[i]
        return (
            _is_initial(line)
            or _DATELINE.match(line) is not None
            or (len(line) <= 40 and self.is_link_text(i))
        )

    def decision_section(self, last_strip: _StatStrip) -> tuple[int, int]:
        """Where the Decision section starts (its heading, if any) and where its grid does.

        The heading is decoration and a restyle may rename or drop it; the grid's labels
        are what the section is. Without a "Decision" heading the grid starts at the tool
        names heading its first label, and a short line before them is its heading.
        """
        keys, text = self.lines.keys, self.lines.text
        after = last_strip.end
        heading = self.lines.find("decision", after)
        if heading is not None:
            return heading, heading + 1
        first = next(
            (i for i in range(after, len(keys)) if keys[i].startswith("panel verdict")), None
        )
        if first is None:
            raise self.fail(
                "decision",
                'a "Decision" grid ("Panel verdict", "Pricing", ...) after the tool cards',
            )
        on_cards = set(keys[: last_strip.start]) - {""}  # paragraphs have no key
        start = first
        while start > after and (
            _shown_on(keys[start - 1], on_cards) or _is_initial(text[start - 1])
        ):
            start -= 1
        if start > after and _is_heading(text[start - 1]):
            return start - 1, start
        return start, start

    # -- tool cards -------------------------------------------------------------------
    def stat_strips(self) -> list[_StatStrip]:
        strips: list[_StatStrip] = []
        at = self.lines.find("panel ship")
        while at is not None:
            strips.append(self.stat_strip(at, len(strips)))
            at = self.lines.find("panel ship", strips[-1].end)
        return strips

    def stat_strip(self, label_at: int, index: int) -> _StatStrip:
        lines = self.lines

        def value(i: int) -> tuple[str | None, int] | None:
            return parse_verdict_percent(lines.text[i]) if 0 <= i < len(lines) else None

        above = label_at - 1
        # A verdict badge may sit between the percentage and its label: "75%", "Ship".
        if above > 0 and lines.keys[above] in _VERDICT_WORDS and value(above - 1) is not None:
            above -= 1
        before = value(above)
        if before is not None:  # values above their labels, as the site renders them
            start = above
            if before[0] is None and start > 0 and lines.keys[start - 1] in _VERDICT_WORDS:
                start -= 1
            community, entry, i = self.other_stats(_value_before_label, label_at + 1, index)
            return _StatStrip(start, self.after_extra_stats(i, True), before[1], community, entry)
        labels_end = label_at + 1
        while labels_end < len(lines) and lines.keys[labels_end] in _STAT_LABELS[1:]:
            labels_end += 1
        if labels_end > label_at + 1:  # a row of labels, then a row of values
            return self.stat_row(label_at, labels_end, index)
        after = value(label_at + 1)
        if after is None:
            raise self.fail(
                f"tools[{index}].panel.ship_pct",
                'a percentage next to "Panel ship"',
                lines.text[label_at - 1] if label_at else None,
            )
        i = label_at + 2
        if after[0] is None and i < len(lines) and lines.keys[i] in _VERDICT_WORDS:
            i += 1  # the verdict badge under the percentage
        community, entry, i = self.other_stats(_value_after_label, i, index)
        return _StatStrip(label_at, self.after_extra_stats(i, False), after[1], community, entry)

    def other_stats(
        self,
        read: Callable[[_Lines, int, str], tuple[str | None, int] | None],
        i: int,
        index: int,
    ) -> tuple[str | None, str | None, int]:
        """The "Community" and "Entry" values from line i, in either order (None where the
        render leaves a value out), and the line after them.

        Both labels are required: a renamed one would otherwise run, with its value, into
        the card's description."""
        found: dict[str, str | None] = {}
        value_first = read is _value_before_label
        while len(found) < 2:
            for label in ("community", "entry"):
                if label not in found and (hit := read(self.lines, i, label)) is not None:
                    found[label], i = hit
                    break
            else:
                if self.is_extra_stat(i, value_first):
                    i += 2
                    continue
                missing = "community" if "community" not in found else "entry"
                raise self.missing_stat(
                    index, missing, self.lines.text[i] if i < len(self.lines) else None
                )
        return found["community"], found["entry"], i

    def is_extra_stat(self, i: int, value_first: bool) -> bool:
        """Lines i and i+1 are a stat the parser does not read ("4" over "Reviews"), in
        the strip's own order of value and label: a figure or "—" and a short name."""
        if i + 1 >= len(self.lines):
            return False
        value, label = self.lines.text[i : i + 2]
        if not value_first:
            value, label = label, value
        return (
            (_STAT_FIGURE.match(value) is not None or is_placeholder(value))
            and len(label) <= 24
            and label[:1].isalpha()
            and not any(c.isdigit() for c in label)
            and not _ends_sentence(label)
            and _key(label) not in _STAT_LABELS
        )

    def after_extra_stats(self, i: int, value_first: bool) -> int:
        """Past any stats after the strip's last known one: not part of the description."""
        while self.is_extra_stat(i, value_first):
            i += 2
        return i

    def missing_stat(self, index: int, label: str, found: str | None) -> ParseError:
        return self.fail(
            f"tools[{index}].{_STAT_FIELDS[label]}",
            f'a "{label.capitalize()}" label in the card\'s stats, after "Panel ship"',
            found,
        )

    def stat_row(self, label_at: int, labels_end: int, index: int) -> _StatStrip:
        """ "Panel ship", "Community", "Entry" in a row, their values in the next. An empty
        cell leaves no line, so each value is known by its kind, not by its place."""
        lines = self.lines
        labels = lines.keys[label_at:labels_end]
        i = labels_end
        panel = parse_verdict_percent(lines.text[i]) if i < len(lines) else None
        if panel is None:
            raise self.fail(
                f"tools[{index}].panel.ship_pct",
                'a percentage under the "Panel ship" label',
                lines.text[i] if i < len(lines) else None,
            )
        i += 1
        for label in ("community", "entry"):
            if label not in labels:
                raise self.missing_stat(index, label, " | ".join(lines.text[label_at:labels_end]))
        values: dict[str, str | None] = {"community": None, "entry": None}
        for label in labels[1:]:
            if i < len(lines) and len(lines.text[i]) <= 40 and _is_stat_value(lines.text[i], label):
                values[label], i = lines.text[i], i + 1
        return _StatStrip(label_at, i, panel[1], values["community"], values["entry"])

    def card_starts(self, strips: list[_StatStrip], columns: list[_GridColumn]) -> list[int]:
        """First line of each card: its avatar initial, category or name, whichever is first."""
        starts = []
        # The cards come after the title: tool names above it (a sticky bar, say) are
        # not the first card.
        title_at = _title_at(self.lines.text, strips[0].start)
        after = 0 if title_at is None else title_at + 1
        for index, strip in enumerate(strips):
            column = columns[index]
            anchors = {_key(v) for v in (column.name, column.values.get("category")) if v}
            keys, text = self.lines.keys, self.lines.text
            heads = _card_heads(column)
            found = self.card_start_at_name(after, strip.start, column)
            if found is None:
                found = next(
                    (
                        i
                        for i in range(after, strip.start)
                        if keys[i] in anchors or _glued_parts(text[i], heads)
                    ),
                    None,
                )
            if found is None and index == 0 and after:  # a "vs" in the card's own lines
                found = next((i for i in range(strip.start) if keys[i] in anchors), None)
            if found is None and index == 0:
                # Without a grid name or category to anchor on, the first card starts
                # after the header: the title and its subtitle.
                found = next(
                    (i + 2 for i in range(strip.start) if _TITLE.match(self.lines.text[i])), None
                )
            if found is None or found >= strip.start:
                raise self.fail(
                    f"tools[{index}].name",
                    "the card's name or category (as the Decision grid shows them) "
                    'before its "Panel ship" figure',
                )
            if found > after and _is_initial(self.lines.text[found - 1]):
                found -= 1
            starts.append(found)
            after = strip.end
        return starts

    def card_start_at_name(self, after: int, stats: int, column: _GridColumn) -> int | None:
        """The card's first line, found from its name: the name, and the category or an
        avatar initial right over it. Two cards often share a category, so the first line
        that reads like it may be the previous card's, when that one shows its category
        under its stats."""
        if column.name is None:
            return None
        keys, text = self.lines.keys, self.lines.text
        name_key, category_key = _key(column.name), _key(column.values.get("category", ""))
        start = next((i for i in range(after, stats) if keys[i] == name_key), None)
        if start is None:  # "NEW Mistral Medium 3.2": a badge beside it
            start = next((i for i in range(after, stats) if _badged(keys[i], name_key)), None)
        if start is None:
            return None
        while start > after and (keys[start - 1] == category_key or _is_initial(text[start - 1])):
            start -= 1
        return start

    def descriptions_over_cards(
        self,
        starts: list[int],
        strips: list[_StatStrip],
        columns: list[_GridColumn],
        cards_end: int,
    ) -> list[range] | None:
        """Where each card's description sits over its first line, those lines; None
        where the descriptions are in the cards, as the site shows them.

        Only a layout that says so throughout counts: no prose under the last card's
        stats or over them, prose over every other card's first line, and over the
        first card two paragraphs, the page's subtitle and then the description. The
        heading over a subtitle is no paragraph: that is the site's own layout, with
        the last card's description missing."""
        last = strips[-1]
        keys, text = self.lines.keys, self.lines.text
        tagline = _key(columns[-1].values.get("best_for", ""))
        # The site's layout, a description under the last card's stats, is asked first;
        # then one over them. The tagline may be long, and in quotes, above or below.
        if self.prose_in(
            i
            for i in itertools.chain(range(last.end, cards_end), range(starts[-1], last.start))
            if not _shows(keys[i], text[i], tagline)
        ):
            return None
        first = self.prose_over(starts[0], 0)
        if first is None or (subtitle := self.prose_over(first, 0)) is None:
            return None
        shown = text[subtitle]
        names = [column.name for column in columns if column.name]
        if _is_title(shown) or (names and _names_every_tool(shown, names)):
            return None
        over = [range(first, starts[0])]
        for strip, start in zip(strips, starts[1:], strict=False):
            if self.prose_over(start, strip.end) is None:
                return None
            over.append(range(strip.end, start))
        return over

    def is_paragraph(self, i: int) -> bool:
        """Line i is prose that the page does not repeat: a description could be it."""
        return _is_prose(self.lines.text[i]) and not self.is_furniture(i)

    def prose_in(self, lines: Iterable[int]) -> bool:
        return any(map(self.is_paragraph, lines))

    def prose_over(self, at: int, floor: int) -> int | None:
        """The nearest paragraph over line ``at``, passing over up to three short lines (a
        badge over a card's category), but not over line ``floor``."""
        return next(filter(self.is_paragraph, range(at - 1, max(floor, at - 4) - 1, -1)), None)

    def card(
        self,
        index: int,
        starts: list[int],
        strips: list[_StatStrip],
        column: _GridColumn,
        cards_end: int,
        over: range | None = None,
    ) -> _Card:
        strip = strips[index]
        end = starts[index + 1] if index + 1 < len(strips) else cards_end
        text, keys = self.lines.text, self.lines.keys
        first, last = starts[index], strip.start
        if last - first > 1 and _is_initial(text[first]):
            first += 1
        if last > first and keys[last - 1] in _VERDICT_WORDS:  # the panel verdict as a badge
            last -= 1
        head = []
        heads = _card_heads(column)
        for i in range(first, last):
            parts = _glued_parts(text[i], heads)
            if parts is None:
                head.append((keys[i] or _key(text[i]), text[i]))
            else:
                head += [(_key(part), part) for part in parts]
        category_key = _key(column.values["category"])
        if any(key == category_key for key, _ in head):
            head = [(key, line) for key, line in head if key != category_key]
        elif len(head) == 3:  # the card words its category otherwise than the grid does
            head = head[1:]
        name = column.name
        name_key = _key(name) if name is not None else None
        shown = next((line for key, line in head if key == name_key), None)
        badged = None
        if shown is None and name_key:  # "Mistral Medium 3.2 NEW": the grid's name, badged
            badged = next((line for key, line in head if _badged(key, name_key)), None)
        if shown is not None:
            name = shown
            head = [(key, line) for key, line in head if line is not shown]
        elif badged is not None:
            head = [(key, line) for key, line in head if line is not badged]
        elif head:
            name, head = head[0][1], head[1:]
        if not name:
            raise self.fail(f"tools[{index}].name", "the tool's name on its card")
        name = _TRAILING_MARK.sub("", name) or name  # "Mistral Medium 3.2 ↗": a link's mark
        # The tagline is the line the grid's "Best for" repeats, wherever the card puts
        # it; other short lines a render may add to a card ("Visit site") are not data.
        best_for = _key(column.values.get("best_for", ""))
        tagline = next((line for key, line in head if _shows(key, line, best_for)), None)
        if tagline is None and best_for:  # on one line with the category: "Models · …"
            tagline = next(filter(None, (_after_label(line, best_for) for _, line in head)), None)
        below: Sequence[int] = range(strip.end, end)
        if tagline is None:
            after = next((i for i in below if _shows(keys[i], text[i], best_for)), None)
            if after is not None:  # under the stats, or even under the description
                tagline, below = text[after], [i for i in below if i != after]
            elif head:
                tagline = head[0][1]
        description = self.description(below if over is None else over)
        # A restyle may put it over the stats, under the tagline; then a short line below
        # them (the next card's badge, say) is not it.
        if description is None or not _is_prose(description):
            above = [
                line
                for _, line in head
                if (tagline is None or tagline not in line)
                and _is_prose(line)
                and line not in self.repeated()
            ]
            description = " ".join(above) if above else description
        if tagline is not None:  # typographic quotes around it are decoration
            tagline = strip_quotes(tagline)
        return _Card(name, tagline, description, strip)

    def description(self, below: Sequence[int]) -> str | None:
        """The paragraph after a card's stats (and its tagline, if that comes after them);
        a short link there ("Visit site") is navigation."""
        text = self.lines.text
        return self.paragraph([i for i in below if len(text[i]) > 40 or not self.is_link_text(i)])

    def paragraph(self, candidates: list[int]) -> str | None:
        """The prose among the candidate lines, or the first of them if none is prose.

        Around a subtitle or a description, a short line that ends no sentence is a
        badge ("New", "Sponsored"), an advert's button or a note under a stat ("from
        $20/mo"), and a line the page repeats is its own furniture."""
        text = self.lines.text
        prose = [i for i in candidates if _is_prose(text[i])]
        if len(prose) > 1:
            prose = [i for i in prose if not self.is_furniture(i)] or prose[:1]
        kept = prose or candidates[:1]
        return " ".join(text[i] for i in kept) or None

    def check_same_order(self, cards: list[_Card], columns: list[_GridColumn]) -> None:
        """The grid's columns follow the cards: values are paired by position, and so are
        the scorecard's reviews, which name no tool. The same names in another order
        leave every pairing a guess."""
        on_cards = [_key(card.name) for card in cards]
        in_grid = [_key(column.name) for column in columns if column.name]
        if in_grid != on_cards and sorted(in_grid) == sorted(on_cards):
            raise self.fail(
                "tools",
                "the Decision grid's columns in the cards' order",
                f"cards {' | '.join(c.name for c in cards)}; "
                f"grid {' | '.join(c.name or '' for c in columns)}",
            )

    def tool_slugs(self, names: list[str]) -> list[str]:
        """Slugs from the cards' tool links, else the compare URL, else the names."""
        tool_links = [
            (link_text, match["slug"])
            for link_text, href in self.links
            if (match := _TOOL_LINK.search(href))
        ]
        from_links = _match_links(names, tool_links)
        if from_links is not None:
            return from_links
        from_url = self.slugs_from_url(names)
        if from_url is not None:
            return from_url
        slugs = [slugify(name) or f"tool-{i + 1}" for i, name in enumerate(names)]
        return [s if slugs.count(s) == 1 else f"{s}-{i + 1}" for i, s in enumerate(slugs)]

    def slugs_from_url(self, names: list[str]) -> list[str] | None:
        """Pair the URL's slugs with the cards: the site orders them alphabetically."""
        match = _COMPARE_URL.search(urlsplit(self.url).path) if self.url else None
        if match is None:
            return None
        parts = match["pair"].split("-vs-")
        if len(parts) != len(names) or len(set(parts)) != len(parts):
            return None
        remaining = list(parts)
        chosen = []
        for name in names:
            words = set(slugify(name).split("-"))
            best = max(remaining, key=lambda part: len(words & set(part.split("-"))))
            chosen.append(best)
            remaining.remove(best)
        return chosen

    def tool(self, index: int, card: _Card, column: _GridColumn, slug: str) -> dict[str, Any]:
        where = f"tools[{index}]"
        values = column.values  # every row is there: check_grid_rows
        split = parse_panel_split(values["panel"])
        if split is None:
            raise self.fail(
                f"{where}.panel", 'a "Panel verdict" like "Ship · 3 ship / 1 skip"', values["panel"]
            )
        ship, skip, total = parse_votes(values["community"])
        shown_pct, entry = card.strip.community, card.strip.entry
        if shown_pct is not None and "(" in shown_pct:
            shown_pct = without_vote_count(shown_pct)
        community_pct = None
        if shown_pct is not None and not is_placeholder(shown_pct):
            community_pct = parse_percent(shown_pct)
            if community_pct is None:
                raise self.fail(
                    f"{where}.community.ship_pct",
                    'a percentage or "—" above "Community"',
                    shown_pct,
                )
        return {
            "slug": slug,
            "name": card.name,
            "category": values["category"],
            "tagline": card.tagline,
            "description": card.description,
            "best_for": values["best_for"],
            "panel": {
                "verdict": split[0],
                "ship": split[1],
                "skip": split[2],
                "ship_pct": card.strip.ship_pct,
            },
            "community": {
                "text": values["community"],
                "ship_pct": community_pct,
                "ship": ship,
                "skip": skip,
                "total": total,
            },
            "pricing": {
                "model": entry if entry and not is_placeholder(entry) else None,
                "text": values["pricing"],
            },
        }

    # -- decision grid ----------------------------------------------------------------
    def decision_grid(
        self, start: int, stop: int, n_tools: int, *, open_end: bool = False
    ) -> tuple[list[_GridColumn], int]:
        """Read the grid whether it runs label by label (a row per label, a column per
        tool, as on the site), tool by tool (each tool's labels and values together) or
        as a table with the labels heading its columns and a row per tool.

        ``open_end``: no section heading follows the grid, so whatever comes after its
        last row's values is not part of it. Returns the columns and the line after the
        grid's last value."""
        groups: list[tuple[str, list[str]]] = []
        header: list[str] = []
        ends: list[int] = []  # the line after each of the last label's values
        rows = zip(self.lines.text[start:stop], self.lines.keys[start:stop], strict=True)
        for i, (line, key) in enumerate(rows, start):
            label = _GRID_LABELS.get(key)
            if label is None and (
                (":" in line and (inline := _GRID_INLINE.match(line)))
                or (line.startswith(_GRID_LABELS_SHOWN) and (inline := _GRID_GLUED.match(line)))
            ):
                label, line = _GRID_LABELS[_key(inline["label"])], inline["value"]
                groups.append((label, [line]))
                ends = [i + 1]
            elif label is not None:
                groups.append((label, []))
                ends = []
            elif _is_initial(line):
                continue
            elif groups:
                label, values = groups[-1]
                if label == "panel" and values and _is_verdict_badge(values[-1]):
                    values[-1] += f" · {line}"  # a verdict badge over its counts
                    ends[-1] = i + 1
                else:
                    values.append(line)
                    ends.append(i + 1)
            else:
                header.append(line)
        if not groups:
            raise self.fail(
                "decision", 'the labels "Panel verdict", "Pricing", ... under "Decision"'
            )

        def end_after(used: int) -> int:
            return ends[used - 1] if open_end and used else stop

        if len(groups) > 1 and not any(values for _, values in groups[:-1]):
            labels = [label for label, _ in groups]
            columns, used = self.grid_by_row(labels, groups[-1][1], n_tools, open_end=open_end)
            return columns, end_after(used)
        if len(header) == 1:  # tool by tool: the last label has the last tool's value only
            label, values = groups[-1]
            groups[-1] = (label, values[:1] if open_end else self.without_box_after(values, 1))
            return self.grid_by_tool(header[0], groups, n_tools), end_after(len(groups[-1][1]))
        if open_end:
            label, values = groups[-1]
            groups[-1] = (label, values[:n_tools])
        used = len(groups[-1][1])
        if len(header) > n_tools:
            header = _without_unknown_rows(header, n_tools)
        if len(header) > n_tools:  # a caption or intro line over the names
            on_cards = set(self.lines.keys[:start])
            header = [line for line in header if _shown_on(_key(line), on_cards)]
        if header and len(header) != n_tools:
            raise self.fail(
                "decision", f"{n_tools} tool names heading the grid", " | ".join(header)
            )
        columns = [_GridColumn(name=header[i] if header else None) for i in range(n_tools)]
        for position, (label, values) in enumerate(groups, 1):
            if len(values) > n_tools:
                values = _without_unknown_rows(values, n_tools)
            if len(values) > n_tools:
                values = self.without_link_lines(values, n_tools)
            if len(values) > n_tools and position == len(groups):
                values = self.without_box_after(values, n_tools)
            if len(values) != n_tools:
                raise self.fail(
                    f"decision.{label}", f"{n_tools} values, one per tool", " | ".join(values)
                )
            for column, value in zip(columns, values, strict=True):
                column.values[label] = value
        return columns, end_after(used)

    def without_link_lines(self, values: list[str], n_tools: int) -> list[str]:
        """A link on a line of its own in a cell ("Vote", "Pricing page ↗") is a way to
        act, not a value: drop such lines, if that leaves one value per tool."""
        kept = [value for value in values if len(value) > 40 or not self.is_link_line(value)]
        return kept if len(kept) == n_tools else values

    def without_box_after(self, values: list[str], n_tools: int) -> list[str]:
        """What sits between the grid and the next section runs on from its last row's
        values: links ("See also", then other comparisons) or a box of sentences ("Like
        this comparison?", "Get one every week."), perhaps under a heading. Drop it, if
        that is all it is and the row's own values are not sentences themselves."""
        extra = values[n_tools:]
        if extra and _is_heading(extra[0]) and not self.is_link_line(extra[0]):
            extra = extra[1:]
        sentences = [line for line in extra if not self.is_link_line(line)]
        if not extra or not all(map(_ends_sentence, sentences)):
            return values
        if sentences and any(map(_ends_sentence, values[:n_tools])):
            return values
        return values[:n_tools]

    def check_grid_rows(self, columns: list[_GridColumn]) -> None:
        """Every row the site shows is required: a renamed one would be taken for a row we
        do not read, and its field would silently be empty."""
        for row, (label, path) in _GRID_ROWS.items():
            for index, column in enumerate(columns):
                if label not in column.values:
                    raise self.fail(f"tools[{index}].{path}", f'a "{row}" row in the Decision grid')

    def grid_by_row(
        self, labels: list[str], cells: list[str], n_tools: int, *, open_end: bool
    ) -> tuple[list[_GridColumn], int]:
        """Rows of values under a header row of labels, each row opening with the tool's
        name or not; a header cell over the names ("Tool") is not a value. Returns the
        columns and how many cells they took."""
        width = len(labels)

        def fits(step: int) -> bool:
            return len(cells) >= n_tools * step if open_end else len(cells) == n_tools * step

        named = fits(width + 1)
        step = width + 1 if named else width
        if not fits(step):
            raise self.fail(
                "decision",
                f"{n_tools} rows of {width} values under the labels {', '.join(labels)}",
                f"{len(cells)} cells",
            )
        rows = [cells[row * step : (row + 1) * step] for row in range(n_tools)]
        columns = [
            _GridColumn(
                name=row[0] if named else None,
                values=dict(zip(labels, row[1:] if named else row, strict=True)),
            )
            for row in rows
        ]
        return columns, n_tools * step

    def grid_by_tool(
        self, first_name: str, groups: list[tuple[str, list[str]]], n_tools: int
    ) -> list[_GridColumn]:
        columns = [_GridColumn(name=first_name)]
        for label, values in groups:
            column = columns[-1]
            if label in column.values:
                raise self.fail(f"decision.{label}", "one value per tool", " | ".join(values))
            if not values:
                raise self.fail(f"decision.{label}", "a value after the label")
            column.values[label] = values[0]
            if len(values) > 1:  # the last line is the next tool's name
                column.values[label] = " ".join(values[:-1])
                columns.append(_GridColumn(name=values[-1]))
        if len(columns) != n_tools:
            raise self.fail("decision", f"{n_tools} tools in the grid", f"{len(columns)}")
        return columns

    # -- reviewer scorecard -----------------------------------------------------------
    def scorecard(self, start: int, stop: int, cards: list[_Card]) -> list[_ReviewBlock]:
        lines = self.lines
        name_keys = [_key(card.name) for card in cards]
        self._scorecard_lines = (start, stop)
        blocks: list[_ReviewBlock] = []
        reviewer: str | None = None
        column: int | None = None
        by_tool = False
        heading_column: int | None = None  # the tool a review's own heading names
        # A table may have the personas heading its columns and a row per tool: the n-th
        # score in a tool's row is then the n-th persona's.
        header: list[str] = []
        in_row = 0
        # Only the last review has nothing after it to end it: whatever follows (a
        # footer's sentence, a disclaimer) could read as more of it.
        last_score = next((j for j in range(stop - 1, start - 1, -1) if lines.score(j)), stop)
        paragraphs = False  # some review so far ran over several paragraphs
        last_end = start  # where the last review read so far ends
        # Every persona's block is laid out alike. Where nothing but a persona's name came
        # before the first block, a line shown once before a later block heads another
        # section ("Trending today", then other tools' scores): the scorecard ended there.
        # Lines the page repeats are its furniture ("Was this helpful?" under each review).
        passed_at: list[int] = []  # lines passed over since the last block
        bare_first: bool | None = None  # the first block had none before it
        first_names_tool: bool | None = None  # the first persona's heading names a tool

        def another_section() -> bool:
            if not (blocks and passed_at and bare_first):
                return False
            if {_shape(lines.text[at]) for at in passed_at} <= self.repeated_shapes():
                return False
            # A critic's name over a review's paragraph, but no score: not another
            # section, but a block of this one that lacks its score.
            for at in passed_at:
                if lines.persona(at) is not None and self.is_review_paragraph(at + 1):
                    raise self.fail(
                        f"reviews[{len(blocks)}].score",
                        f'a "NN/100 · ship" score between "{lines.text[at]}" and its paragraph',
                        lines.text[at + 1][:60],
                    )
            return True

        i = start
        while i < stop:
            score = _score_at(lines, i)
            if score is not None:
                if another_section():
                    break
                at = f"reviews[{len(blocks)}]"
                # Paragraphs like reviews before the first score: the scores are not
                # in the page's text (drawn, or in a button), and this one is some
                # other section's. One may be the scorecard's introduction.
                if not blocks and sum(map(self.is_review_paragraph, passed_at)) > 1:
                    raise self.fail(
                        f"{at}.score",
                        'a "NN/100 · ship" score over each review',
                        "paragraphs with no score: " + lines.text[passed_at[-1]][:40],
                    )
                if header and by_tool:
                    if in_row >= len(header):
                        raise self.fail(at, f"at most {len(header)} scores in a tool's row")
                    reviewer, in_row = header[in_row], in_row + 1
                if reviewer is None:
                    raise self.fail(
                        f"{at}.reviewer", "a persona name before the score", lines.text[i]
                    )
                value, verdict, rest, end = score
                if verdict is None:
                    raise self.fail(
                        f"{at}.verdict", '"ship" or "skip" after the score', lines.text[i]
                    )
                while end < stop and (
                    _CONTROL_LABEL.match(lines.keys[end]) or _is_decoration(lines.text[end])
                ):
                    end += 1  # "Read full review": a toggle's label; a bar drawn in glyphs
                text_lines = [rest] if rest else []
                may_run_on = paragraphs or i < last_score
                while end < stop and self.is_review_text(end, name_keys, not text_lines):
                    if text_lines and (
                        self.is_furniture(end)
                        or not _runs_on(text_lines, lines.text[end], may_run_on)
                    ):
                        break
                    text_lines.append(lines.text[end])
                    end += 1
                closing = closing_quote(text_lines[0]) if text_lines else None
                if closing and end < stop and lines.text[end] == closing:
                    text_lines.append(closing)  # the closing mark in an element of its own
                    end += 1
                paragraphs = paragraphs or sum(len(line) > 1 for line in text_lines) > 1
                text = strip_quotes(" ".join(text_lines))
                if not text:
                    raise self.fail(f"{at}.text", f"the {reviewer}'s paragraph after its score")
                blocks.append(
                    _ReviewBlock(
                        reviewer, column if by_tool else heading_column, value, verdict, text
                    )
                )
                if bare_first is None:
                    bare_first = not passed_at
                passed_at = []
                i = last_end = end
                continue
            key = lines.keys[i]
            if key in name_keys:
                run_end = i
                while run_end < stop and lines.keys[run_end] in name_keys:
                    run_end += 1
                # One name then scores: that tool's own section. Several names in a row
                # head the columns of a table: nothing to read there.
                if run_end == i + 1 and (
                    header  # under personas heading the columns, a name starts a row
                    or lines.score(i + 1)
                    or _verdict_before_score(lines, i + 1)
                    or self.is_persona(i + 1, name_keys)
                ):
                    if another_section():
                        break
                    self.check_row(header, in_row, column)
                    by_tool = True
                    column = _nth_match(name_keys, key, column)
                    in_row = 0
                i = run_end
                continue
            if not blocks and not header and (row := self.persona_row(i, stop, name_keys)):
                header, i = row
                continue
            if header and by_tool and is_placeholder(lines.text[i]):
                in_row, i = in_row + 1, i + 1  # "—": this persona has no score for the tool
                continue
            if (heading_end := self.persona_heading(i, name_keys)) is not None:
                # A tool's name under a persona where the first persona had none is
                # another section's heading over that tool ("More Comparisons").
                names_tool = lines.keys[heading_end] in name_keys
                if first_names_tool is None:
                    first_names_tool = names_tool
                if another_section() or (blocks and names_tool and not first_names_tool):
                    break
                named = self.persona_and_tool(i, name_keys)
                reviewer, heading_column = named or (
                    lines.persona(self._names_under_roles.get(i, i)),
                    None,
                )
                i = heading_end
                continue
            if (
                _verdict_before_score(lines, i)
                or (lines.keys[i] in _SCORE_LABELS and lines.score(i + 1) is not None)
                or (blocks and self.is_link_text(i))
            ):
                # a verdict badge or a "Score" label over its score; a "Read more" link
                # after a review
                i += 1
                continue
            if blocks and not _is_initial(lines.text[i]) and not self.scores_soon(i, name_keys):
                break  # after the scores, the footer starts: nothing after it is data
            # Headings such as "Reviewer" or "Verdict", before scores or between them.
            if not _is_initial(lines.text[i]):
                passed_at.append(i)
            i += 1
        self.check_row(header, in_row, column)
        if not blocks:
            raise self.fail(
                "reviews", 'at least one "NN/100 · ship" score under "Reviewer scorecard"'
            )
        # A body cut off mid-review may still close its tags (a renderer that fails part
        # way, a proxy): a page that ends inside a sentence is not a whole page.
        if last_end >= len(lines) and not _ends_sentence(blocks[-1].text):
            raise self.fail(
                f"reviews[{len(blocks) - 1}].text",
                "a whole paragraph where the page ends (a body cut off mid-sentence?)",
                blocks[-1].text[-60:],
            )
        # where the footer starts, or, where the page ran out, what followed the last review
        after = i if i < len(lines) else last_end
        if self.ends_with_a_heading(after, blocks, name_keys, by_tool=by_tool):
            raise self.fail(
                "reviews", "scores under the heading the page ends with (a body cut off?)"
            )
        if not by_tool:
            self.assign_columns(blocks, cards)
        return _in_persona_order(blocks)

    def is_review_paragraph(self, i: int) -> bool:
        """Line i reads like a critic's paragraph: long prose (a box's blurb is short)."""
        return i < len(self.lines) and len(self.lines.text[i]) >= 80 and self.is_paragraph(i)

    def ends_with_a_heading(
        self, i: int, blocks: list[_ReviewBlock], name_keys: list[str], *, by_tool: bool
    ) -> bool:
        """The page ends at line i with nothing but a review's heading: a critic's name
        (one of the site's, or one read on this page), perhaps under a tool's name or
        over an avatar initial, or a tool's name where the scorecard is headed by tool.
        A footer never ends that way; a body cut off does."""
        rest = range(i, len(self.lines))
        if not 0 < len(rest) <= 3:
            return False
        seen = {block.reviewer for block in blocks}
        lines, named = self.lines, by_tool
        for at in rest:
            if _is_initial(lines.text[at]) or lines.keys[at] in name_keys:
                continue
            persona = lines.persona(at)
            if persona is None or not (persona in seen or persona.lower() in _KNOWN_PERSONAS):
                return False
            named = True
        return named

    def persona_row(self, i: int, stop: int, name_keys: list[str]) -> tuple[list[str], int] | None:
        """Personas heading a table's columns, from line i: two or more names in a row
        (with avatar initials or role lines, if any), then a tool's name and its first
        score. Returns (the personas, where the first tool row starts)."""
        lines = self.lines
        personas: list[str] = []
        j = i
        while j < stop and lines.keys[j] not in name_keys:
            if _is_initial(lines.text[j]) and j + 1 < stop and lines.persona(j + 1):
                j += 1  # an avatar initial over the name
                continue
            persona = lines.persona(j)
            if persona is None:
                return None
            personas.append(persona)
            j += 1
            if j < stop and lines.is_role_line(j - 1, j):
                j += 1
        if len(personas) < 2 or not self.scores_from(j, name_keys):
            return None
        return personas, j

    def check_row(self, header: list[str], cells: int, column: int | None) -> None:
        """A tool's row under a header of personas must fill every column: with an empty
        cell left out, which persona a score belongs to is a guess."""
        if header and column is not None and cells < len(header):
            raise self.fail(
                "reviews",
                f'a score or "—" under each of the {len(header)} personas heading the table',
                f"{cells} in the row of tool {column + 1}",
            )

    def is_persona(self, i: int, name_keys: list[str]) -> bool:
        return self.persona_heading(i, name_keys) is not None

    def persona_heading(self, i: int, name_keys: list[str]) -> int | None:
        """Where a persona's heading that starts at line i ends, or None if it is not one.

        A heading is a short capitalised name, perhaps with an avatar initial, followed by
        a score (or by a tool name, then a score). Up to two short lines may sit between
        the name and the scores: a role ("Developer Perspective", as the site's tool pages
        show), the persona's motto, the review's date ("Reviewed 2026-04-08").
        """
        lines = self.lines
        if i >= len(lines):  # asked about the line after a tool's name that ends the page
            return None
        if lines.persona(i) is None and self.persona_and_tool(i, name_keys) is None:
            return None
        j = i + 1
        if j < len(lines) and _is_initial(lines.text[j]):
            j += 1
        if self.scores_from(j, name_keys):
            return j
        if not self.is_persona_subtitle(i, j, name_keys):
            return None
        if self.scores_from(j + 1, name_keys):
            return j + 1
        # A second line, but never a second name: "Panel Reviews" over "Builder" over
        # "Developer Perspective" is a heading over a persona, not a persona.
        second = j + 1
        if self.is_persona_subtitle(i, second, name_keys) and (
            lines.persona(second) is None
            or any(map(str.isdigit, lines.text[second]))
            or (lines.persona(j) is None and self.roles_under_names(name_keys))
        ):
            return second + 1 if self.scores_from(second + 1, name_keys) else None
        return None

    def persona_and_tool(self, i: int, name_keys: list[str]) -> tuple[str, int] | None:
        """The persona and the tool (its column) that line i names together, if it is a
        review's heading such as "Builder · Claude 4 API" or "Claude 4 API — Builder"."""
        if i in self._persona_and_tool:  # asked about most headings more than once
            return self._persona_and_tool[i]
        self._persona_and_tool[i] = found = self._find_persona_and_tool(i, name_keys)
        return found

    def _find_persona_and_tool(self, i: int, name_keys: list[str]) -> tuple[str, int] | None:
        line = self.lines.text[i]
        # a paragraph, a score, one word ("Builder", an avatar's "B")
        if len(line) > 160 or line[:1].isdigit() or not (" " in line or "(" in line):
            return None
        parts = _HEADING_PARTS.split(_LEADING_ICON.sub("", line, count=1), maxsplit=1)
        if len(parts) != 2:
            return None
        first, second = parts[0], parts[1].removesuffix(")")
        for persona, tool in ((first, second), (second, first)):
            name = _persona_name(persona) if _key(persona) not in _NOT_PERSONAS else None
            column = _tool_named(name_keys, _key(tool))
            if name is not None and column is not None:
                return name, column
        return None

    def is_persona_subtitle(self, i: int, j: int, name_keys: list[str]) -> bool:
        """Line j, under the persona named at line i, is a short line before its scores:
        a role ("Developer Perspective") or a motto ("Name the thesis."). A line that
        could be a name is the next persona, unless this one is written "The Builder" or
        every persona in the scorecard has such a line under it (:meth:`names_over_roles`)."""
        lines = self.lines
        if lines.is_role_line(i, j):
            return True
        return (
            j < len(lines)
            and len(lines.text[j]) <= 80
            and lines.score(j) is None
            and lines.keys[j] not in name_keys
            and (lines.persona(j) is None or self.roles_under_names(name_keys))
            and not _verdict_before_score(lines, j)
        )

    def roles_under_names(self, name_keys: list[str]) -> bool:
        """The scorecard shows each persona's name over its role (asked once, and only
        where a name stands under a name)."""
        if self._names_over_roles is None:
            self._names_over_roles = False  # meanwhile, the headings it reads have no role
            self._names_over_roles = self.names_over_roles(*self._scorecard_lines, name_keys)
        return self._names_over_roles

    def names_over_roles(self, start: int, stop: int, name_keys: list[str]) -> bool:
        """The persona headings in the scorecard have a line that could be a name over
        them, and that line heads nothing of its own: the names over their roles
        ("Builder", then "Developer Perspective"). One such pair alone is not enough: a
        section heading over the first persona ("Panel Reviews", then "Builder") looks
        the same, as does another section's heading over another tool's score after the
        scorecard."""
        lines = self.lines
        heads = [
            i
            for i in range(start, stop)
            if lines.persona(i) is not None and self.persona_heading(i, name_keys) is not None
        ]
        over = [self.name_over(head, start, name_keys) for head in heads]
        named = [
            name is not None and self.persona_heading(name, name_keys) is None for name in over
        ]
        # Headings after the personas' may name none: another section's, such as
        # "Trending today" over another tool's name and score.
        leading = named.index(False) if False in named else len(named)
        if leading < 2 or any(named[leading:]):
            return False
        pairs = [(name, head) for name, head in zip(over[:leading], heads, strict=False) if name]
        # An eyebrow over each name ("Developer Perspective" over "Builder") reads the
        # same way round; where every lower line reads more like a name, it is the name.
        lower = [_name_likeness(lines.persona(head) or "") for _, head in pairs]
        upper = [_name_likeness(lines.persona(name) or "") for name, _ in pairs]
        if all(map(operator.gt, lower, upper)):
            self._names_under_roles = dict(pairs)
        return True

    def name_over(self, head: int, start: int, name_keys: list[str]) -> int | None:
        """The line over the role at line ``head`` that could be the persona's name: the
        line just above, or the one above a motto ("Name the thesis.") between the two."""
        lines = self.lines
        if head - 1 >= start and lines.persona(head - 1) is not None:
            return head - 1
        name = head - 2
        if (
            name >= start
            and lines.persona(name) is not None
            and lines.score(name) is None
            and self.is_persona_subtitle(name, head - 1, name_keys)
        ):
            return name
        return None

    def scores_soon(self, i: int, name_keys: list[str]) -> bool:
        """More of the scorecard follows within a few lines of line i: an unknown line
        between two reviewers' blocks must not end the scorecard early."""
        if self.lines.keys[i] == _FOOTER_START:
            return False
        return any(
            self.scores_from(j, name_keys) or self.is_persona(j, name_keys)
            for j in range(i + 1, min(i + 4, len(self.lines)))
        )

    def scores_from(self, j: int, name_keys: list[str]) -> bool:
        """A score at line j, or a tool name there and a score after it; either score may
        have its verdict badge over it."""
        lines = self.lines
        if j < len(lines) and lines.keys[j] in name_keys:
            j += 1
        if j < len(lines) and lines.keys[j] in _SCORE_LABELS:  # "Score" over the score
            j += 1
        return lines.score(j) is not None or _verdict_before_score(lines, j)

    def is_furniture(self, i: int) -> bool:
        """Line i is shown more than once on the page ("Was this helpful?" under each
        review, "Prices checked weekly." on each card), or a short line of a shape the
        page shows more than once ("Last checked Nov 3, 2026." under each card): the
        page's own words, never more of a description or a review, which do not repeat
        one another."""
        line = self.lines.text[i]
        if len(line) <= _LONGEST_KEY:
            return _shape(line) in self.repeated_shapes()
        if self._repeated is not None:
            return line in self._repeated
        # Counting all lines hashes every paragraph on the page: a few lookups are cheaper.
        return self.lines.text.count(line) > 1

    def repeated_shapes(self) -> set[str]:
        """The shapes of lines (:func:`_shape`) the page shows more than once: a date
        or a count under each review is the same line for what it is."""
        if self._repeated_shapes is None:
            shown = Counter(map(_shape, self.lines.text))
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

    def assign_columns(self, blocks: list[_ReviewBlock], cards: list[_Card]) -> None:
        """Under each persona the blocks follow the cards' order. A persona with fewer
        blocks than tools skipped some. Which ones is settled by the tools its reviews
        name (a tool's name, its maker) where they point one way only; otherwise the
        persona is taken to have reviewed the first tools."""
        words: list[set[str]] | None = None  # read from the cards only when needed
        start = 0
        for end in range(1, len(blocks) + 1):
            if end < len(blocks) and blocks[end].reviewer == blocks[start].reviewer:
                continue
            run = blocks[start:end]
            if run[0].column is not None and all(block.column is not None for block in run):
                start = end  # each review's heading named its tool
                continue
            if len(run) > len(cards):
                raise self.fail(
                    f"reviews[{start + len(cards)}]",
                    f"at most {len(cards)} scores from the {run[0].reviewer}",
                )
            columns: Sequence[int] = range(len(run))
            if len(run) < len(cards):
                words = words or _telling_words(cards)
                columns = _columns_named(run, words) or columns
            for block, column in zip(run, columns, strict=True):
                block.column = column
            start = end

    def is_review_text(self, i: int, name_keys: list[str], first: bool) -> bool:
        lines = self.lines
        if lines.score(i) is not None or lines.keys[i] == _FOOTER_START:
            return False
        if first:
            return True
        # A paragraph may run over several blocks; short title-like lines are not prose.
        line = lines.text[i]
        if not _is_prose(line):
            return False
        return lines.keys[i] not in name_keys and not self.is_persona(i, name_keys)


# -- helpers on the line list -------------------------------------------------------------
def _without_trailing_actions(lines: list[str], links: list[tuple[str, str]]) -> list[str]:
    """Lines without the action links that end them: "... prompts. Read more"."""
    actions = tuple({f" {text}" for text, _ in links if _ACTION_LINK.match(text)})
    if not actions:
        return lines
    return [_without_actions(line, actions) if line.endswith(actions) else line for line in lines]


def _without_actions(line: str, actions: tuple[str, ...]) -> str:
    """``line`` without the actions at its end. An action is dropped where it stands
    apart from the text: after a sentence, or capitalised as a label is ("... required
    View pricing", run on from a <br>). In "... then get started" it is the sentence's.

    >>> _without_actions("Per token. View pricing → Read more", (" Read more", " View pricing →"))
    'Per token.'
    >>> _without_actions("Sign up, then get started", (" get started",))
    'Sign up, then get started'
    """
    shown = line
    while (action := next((a for a in actions if line.endswith(a)), None)) is not None:
        before = line[: -len(action)].rstrip(" ·•|—–-:")
        if not (action[1].isupper() or _ends_sentence(before)):
            break
        line = before
    return line or shown


def _unglue(line: str, *, in_strip: bool) -> tuple[str, str] | None:
    """Some renders run a stat value into its label ("75%Panel ship", "Panel ship 75%");
    split them. Without a colon, "Entry ..." is read as a stat only inside a stat strip:
    elsewhere it may be a tagline ("Entry level GPU")."""
    glued = _GLUED_STAT.match(line)
    if glued and glued["value"] and _is_stat_value(glued["value"], glued["label"]):
        return glued["value"], glued["label"]
    spaced = _STAT_THEN_VALUE.match(line)
    if spaced is None or not _is_stat_value(spaced["value"], spaced["label"]):
        return None
    bare_entry = ":" not in spaced["colon"] and spaced["label"].lower() == "entry"
    if bare_entry and (not in_strip or spaced["value"][:1].islower()):  # "Entry price"
        return None
    return spaced["label"], spaced["value"]


def _unglue_strip(line: str) -> list[str] | None:
    """A whole stat strip on one line, as inline elements run it together: "100%Panel
    ship—CommunityPaidEntry" -> ["100%", "Panel ship", "—", "Community", "Paid", "Entry"].

    The values sit all before or all after their labels; the order that gives each
    label a value of its kind (or none, but for "Panel ship") is the one read.

    >>> _unglue_strip("Panel ship 75% Community Entry Free")
    ['Panel ship', '75%', 'Community', 'Entry', 'Free']
    >>> _unglue_strip("Community edition, entry level") is None
    True
    """
    chunks = [chunk.strip() for chunk in _STRIP_LABEL.split(line)]
    values, labels = chunks[0::2], chunks[1::2]
    kinds = [label.lower() for label in labels]
    if "panel ship" not in kinds or len(kinds) < 2 or len(set(kinds)) < len(kinds):
        return None

    def fits(pairs: list[tuple[str, str]]) -> bool:
        return all(
            _is_stat_value(value, label) if value else label.lower() != "panel ship"
            for value, label in pairs
        )

    if not values[-1] and fits(list(zip(values, labels, strict=False))):  # values first
        return [part for pair in zip(values, labels, strict=False) for part in pair if part]
    if not values[0] and fits(list(zip(values[1:], labels, strict=True))):  # labels first
        return [part for pair in zip(labels, values[1:], strict=True) for part in pair if part]
    return None


def _without_unknown_rows(values: list[str], n_tools: int) -> list[str]:
    """A grid row we do not read ("Website", then a value per tool) runs on from the
    values of the label above it: drop it, if that is what the extra lines are."""
    extra = values[n_tools:]
    step = n_tools + 1
    if not extra or len(extra) % step:
        return values
    if all(len(label) <= 30 and _is_heading(label) for label in extra[::step]):
        return values[:n_tools]
    return values


def _split_named_score(line: str) -> tuple[str, str] | None:
    """A persona or tool name on its score's line: "Builder 88/100 · ship",
    "Claude 4 API: 88/100 · ship". Split in two, as other renders show them."""
    if line[-1] not in "pP" or "100" not in line or len(line) > 120:
        return None  # the line must end with the score's verdict
    match = _NAMED_SCORE.match(line)
    if match is None or _key(match["head"]).startswith("score"):
        return None
    parsed = parse_score(match["score"])
    if parsed is None or parsed[1] is None or parsed[2] or _ends_sentence(match["head"]):
        return None
    return match["head"], match["score"]


def _shows(key: str, line: str, wanted: str) -> bool:
    """The line reads ``wanted`` (a key), perhaps in quotation marks: "“Runs on phones”"."""
    return key == wanted or (
        closing_quote(line) is not None and _key(strip_quotes(line)) == wanted != ""
    )


def _card_heads(column: _GridColumn) -> tuple[str, ...]:
    """What a card shows above its stats, in order, as the grid shows it too."""
    shown = (column.values.get("category"), column.name, column.values.get("best_for"))
    return tuple(filter(None, shown))


def _glued_parts(line: str, pieces: tuple[str, ...]) -> list[str] | None:
    """``line`` as two or more of ``pieces`` in their order, run together or with a
    separator between, as inline elements give them: "Developer ToolsMistral Medium 3.2".

    >>> _glued_parts("ModelsGemma 3n · Runs on phones", ("Models", "Gemma 3n", "Runs on phones"))
    ['Models', 'Gemma 3n', 'Runs on phones']
    >>> _glued_parts("Gemma 3n is small", ("Models", "Gemma 3n", "Runs on phones")) is None
    True
    """
    if line in pieces or not line.startswith(pieces):
        return None
    parts = []
    rest = line
    for piece in pieces:
        if rest.startswith(piece):
            parts.append(piece)
            rest = rest[len(piece) :].lstrip(" ·•|—–-:")
    return parts if len(parts) > 1 and not rest else None


def _is_stat_value(value: str, label: str) -> bool:
    kind = label.lower()
    if kind == "panel ship":
        return parse_verdict_percent(value) is not None
    if kind == "community":
        value = without_vote_count(value)
        return parse_percent(value) is not None or is_placeholder(value)
    return len(value.split()) <= 3


def _value_before_label(lines: _Lines, i: int, label: str) -> tuple[str | None, int] | None:
    """Stat value above its label: ``[value] label``. Returns (value, index after label),
    or None without the label."""
    if i < len(lines) and lines.keys[i] == label:
        return None, i + 1
    if i + 1 < len(lines) and lines.keys[i + 1] == label:
        return lines.text[i], i + 2
    return None


def _value_after_label(lines: _Lines, i: int, label: str) -> tuple[str | None, int] | None:
    """Stat label above its value: ``label [value]``; None without the label."""
    if i >= len(lines) or lines.keys[i] != label:
        return None
    if i + 1 < len(lines) and lines.keys[i + 1] not in _STAT_LABELS:
        nxt = lines.text[i + 1]
        if len(nxt) <= 40:
            return nxt, i + 2
    return None, i + 1


def _score_at(lines: _Lines, i: int) -> tuple[int, str | None, str, int] | None:
    """A score at line i, possibly spread over a few short lines ("88/100", "·", "ship")."""
    parsed = lines.score(i)
    if parsed is None:
        return None
    value, verdict, rest = parsed
    j = i + 1
    if verdict is None and not rest:
        while j < len(lines) and j <= i + 2 and lines.text[j] in _SEPARATORS:
            j += 1
        if j < len(lines) and (verdict := _review_verdict(lines.keys[j])) is not None:
            j += 1
        elif i > 0:
            verdict = _review_verdict(lines.keys[i - 1])  # the badge over the score
    return value, verdict, rest, j


def _verdict_before_score(lines: _Lines, i: int) -> bool:
    """A "Ship" badge at line i over a score that names no verdict of its own."""
    if i + 1 >= len(lines) or _review_verdict(lines.keys[i]) is None:
        return False
    score = lines.score(i + 1)
    return score is not None and score[1] is None and not score[2]


def _runs_on(paragraphs: list[str], line: str, may_run_on: bool) -> bool:
    """The review made of ``paragraphs`` goes on with ``line``. A quoted review ends
    with its closing quotation mark, unless the next paragraph opens another; else it
    goes on only where more of the scorecard follows or other reviews ran on too."""
    closing = closing_quote(paragraphs[0])
    if closing is None:
        return may_run_on
    text = " ".join(paragraphs)
    if len(text) > 1 and text.endswith(closing):  # more than the opening mark alone
        return closing_quote(line) is not None
    return True


def _after_label(line: str, wanted: str) -> str | None:
    """The end of the line that reads ``wanted`` (a key), where what comes before it is a
    label and a separator ("Developer Tools · "); None otherwise."""
    head, tail = line[: -len(wanted)], line[-len(wanted) :]
    if not head or tail.lower() != wanted or not head.rstrip().endswith((*_SEPARATORS, ":")):
        return None
    return tail


def _badged(key: str, name_key: str) -> bool:
    """The line is the tool's name with a badge beside it: "mistral medium 3.2 new".

    >>> _badged("mistral medium 3.2 new", "mistral medium 3.2")
    True
    >>> _badged("mistral medium 3.2 turbo", "mistral medium 3.2")
    False
    """
    if key.startswith(name_key + " "):
        return key[len(name_key) + 1 :] in _BADGES
    return key.endswith(" " + name_key) and key[: -len(name_key) - 1] in _BADGES


def _shape(line: str) -> str:
    """A line with its numbers and month names blanked: "Apr 8, 2026" and "Mar 12, 2026",
    or "👍 3" and "👍 12", have one shape.

    >>> _shape("Reviewed Apr 8, 2026") == _shape("Reviewed March 12, 2026")
    True
    >>> _shape("Market Perspective")
    'Market Perspective'
    """
    return _NUMBERS.sub("0", _MONTH_NAME.sub("M", line)) if len(line) <= _LONGEST_KEY else line


def _is_decoration(line: str) -> bool:
    """A line of glyphs only, such as a bar drawn in blocks ("████░░"); an opening
    quotation mark in an element of its own is the review's, not decoration."""
    return not any(map(str.isalnum, line)) and closing_quote(line) is None


def _shown_on(key: str, keys: set[str]) -> bool:
    """A line of the grid (a tool's name) is among the cards' lines, perhaps with a
    badge beside it there ("Mistral Medium 3.2 NEW")."""
    return key in keys or (bool(key) and any(_badged(shown, key) for shown in keys))


def _names_every_tool(line: str, names: list[str]) -> bool:
    """The line could be the page's heading: it names every tool ("A versus B")."""
    return len(line) <= 200 and all(name.split()[0] in line for name in names if name.split())


def _is_title(line: str) -> bool:
    """The page's "A vs B" heading (or its breadcrumb)."""
    return " vs" in line.lower() and _TITLE.match(line) is not None


def _title_at(text: list[str], before: int) -> int | None:
    """The last line of the page's "A vs B" heading before line ``before``: the heading
    itself, or the line after a "vs" that stands alone between the two names."""
    for i in range(before - 1, -1, -1):
        if _is_title(text[i]):
            return i
        if i + 1 < before and _key(text[i]) in _VS_WORDS:
            return i + 1
    return None


def _is_heading(line: str) -> bool:
    """A section heading, not the end of a paragraph: short, no sentence punctuation."""
    return len(line) <= 40 and not _ends_sentence(line) and not line.endswith((":", ";", ","))


def _is_prose(line: str) -> bool:
    """More of a paragraph, not a label, badge or heading: long, or a whole sentence."""
    return len(line) >= 60 or _ends_sentence(line)


def _ends_sentence(line: str) -> bool:
    return line.rstrip("”\"'").endswith((".", "!", "?", "…"))


def _review_verdict(key: str) -> str | None:
    if key in _REVIEW_VERDICTS:
        return key
    if len(key) > 24 or ("ship" not in key and "skip" not in key):
        return None
    badge = _VERDICT_BADGE.match(key)
    return badge["word"] if badge else None


def _is_verdict_badge(line: str) -> bool:
    """ "Ship", "Mixed", "✅ Skip": a panel's verdict on a line of its own."""
    return _LEADING_ICON.sub("", line).lower() in _VERDICT_WORDS


def _is_small_number(line: str) -> bool:
    return len(line) <= 3 and line.isdigit()


def _persona_name(line: str) -> str | None:
    """The persona a heading line names, or None if it names none."""
    if len(line) <= 40 and line[:1].isupper() and (match := _PERSONA.match(line)):
        return match["name"]
    if len(line) > 80 or _review_verdict(line.lower()) is not None:  # "✅ Ship" is a verdict
        return None
    # the rarer forms: an icon before the name, a role after it
    bare = _PERSONA_ROLE.split(_LEADING_ICON.sub("", line, count=1), maxsplit=1)[0]
    bare = _PERSONA_TRAILING_ICON.sub("", bare)
    if bare == line or len(bare) > 40 or not bare[:1].isupper():
        return None
    match = _PERSONA.match(bare)
    return match["name"] if match else None


def _name_likeness(name: str) -> int:
    """How much a persona heading reads like a name rather than a role: one of the
    site's critics (NOTES.md), then any one word ("Developer Perspective" is two)."""
    if name.lower() in _KNOWN_PERSONAS:
        return 2
    return 0 if " " in name else 1


def _tool_named(name_keys: list[str], key: str) -> int | None:
    """The one tool whose name is ``key``, or starts with it as a short name does
    ("claude 4 api" for "claude 4 api: tool use streaming & prompt caching")."""
    if len(key) < 2:
        return None
    found = [i for i, name in enumerate(name_keys) if name == key]
    if not found:
        found = [
            i
            for i, name in enumerate(name_keys)
            if name.startswith(key) and not name[len(key)].isalnum()
        ]
    return found[0] if len(found) == 1 else None


def _nth_match(name_keys: list[str], key: str, current: int | None) -> int:
    """Which tool a name heads; two tools may share a display name, so go in order."""
    candidates = [i for i, k in enumerate(name_keys) if k == key]
    later = [i for i in candidates if current is None or i > current]
    return (later or candidates)[0]


def _match_links(names: list[str], links: list[tuple[str, str]]) -> list[str] | None:
    """Pair each card with the tool link named like it (in order: names may repeat);
    failing that, with the page's distinct tool links in order, if one per card."""
    unused = list(links)
    chosen: list[str] = []
    for name in names:
        wanted = _key(name)
        found = next((link for link in unused if _key(link[0]) == wanted), None)
        found = found or next((link for link in unused if wanted in _key(link[0])), None)
        if found is None:
            break
        chosen.append(found[1])
        unused = unused[unused.index(found) + 1 :]
    if len(chosen) == len(names) and len(set(chosen)) == len(names):
        return chosen
    distinct = list(dict.fromkeys(slug for _, slug in links))
    return distinct if len(distinct) == len(names) else None


def _telling_words(cards: list[_Card]) -> list[set[str]]:
    """For each tool, the proper names and codes on its card that no other card shows:
    "Mistral", "Anthropic", "7B". A review that uses them is about that tool."""
    shown = []
    for card in cards:
        words = {w for w in _WORD.findall(card.name) if len(w) > 1 and not w.islower()}
        for text in (card.tagline, card.description):
            for sentence in _SENTENCE_END.split(text or ""):
                words.update(w for w in _WORD.findall(sentence)[1:] if w[:1].isupper())
        shown.append(words)
    return [words.difference(*shown[:i], *shown[i + 1 :]) for i, words in enumerate(shown)]


def _columns_named(run: list[_ReviewBlock], words: list[set[str]]) -> tuple[int, ...] | None:
    """The tools a persona's fewer-than-all reviews are about, in the cards' order, if
    the tools they name say so one way only; None where nothing settles it."""
    used = [set(_WORD.findall(block.text)) for block in run]
    named = [[len(tool & text) for tool in words] for text in used]
    best: tuple[int, ...] | None = None
    best_score, tied = 0, False
    for columns in itertools.combinations(range(len(words)), len(run)):
        score = sum(named[b][c] for b, c in enumerate(columns))
        if score > best_score:
            best, best_score, tied = columns, score, False
        elif score == best_score:
            tied = True
    return None if tied or best is None else best


def _in_persona_order(blocks: list[_ReviewBlock]) -> list[_ReviewBlock]:
    """One order whatever the layout: personas as the fullest tool column lists them
    (others after, as they first appear), then the cards' order."""
    per_tool: dict[int, list[str]] = {}
    for block in blocks:
        per_tool.setdefault(block.column or 0, []).append(block.reviewer)
    fullest = max(per_tool.values(), key=len)
    first_seen = {name: i for i, name in reversed(list(enumerate(b.reviewer for b in blocks)))}

    def rank(block: _ReviewBlock) -> tuple[int, int]:
        if block.reviewer in fullest:
            return fullest.index(block.reviewer), block.column or 0
        return len(fullest) + first_seen[block.reviewer], block.column or 0

    return sorted(blocks, key=rank)


def _validation_failure(url: str | None, error: ValidationError) -> ParseError:
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
