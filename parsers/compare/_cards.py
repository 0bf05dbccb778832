"""The tool cards: where each starts, its name, tagline and description."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from parsers._fields import is_placeholder, strip_quotes
from parsers.compare._line_kinds import (
    after_label,
    ends_sentence,
    find_title,
    is_badged,
    is_initial,
    is_prose,
    is_title,
    key_of,
    names_every_tool,
    shows,
)
from parsers.compare._page_text import PageText
from parsers.compare._parts import Card, GridColumn, StatStrip
from parsers.compare._words import TOOL_LINK, TRAILING_MARK, VERDICT_WORDS


def card_heads(column: GridColumn) -> tuple[str, ...]:
    """What a card shows above its stats, in order, as the grid shows it too."""
    shown = (column.values.get("category"), column.name, column.values.get("best_for"))
    return tuple(filter(None, shown))


def is_badge_text(text: str) -> bool:
    """A few words beside a name, not more of it: "Open weights", "#1 in Coding", "v3.2".
    A name goes on after a separator or in parentheses ("Claude 4 API: Tool Use ...",
    "Cursor (Pro)"), which a badge in an element of its own does not start with.

    >>> is_badge_text("Open weights"), is_badge_text(" 🔥 Trending"), is_badge_text(": Tool Use")
    (True, True, False)
    """
    words = text.split()
    return 0 < len(words) <= 3 and len(text.strip()) <= 24 and text.strip()[:1] not in ":·-–—(/&+,."


def is_sentence(text: str) -> bool:
    """A whole sentence of its own: "Checked by the vendor." A name does not go on so.

    >>> is_sentence(" Checked by the vendor."), is_sentence(": Tool Use, v2.")
    (True, False)
    """
    text = text.strip()
    return text[:1].isupper() and len(text.split()) >= 2 and ends_sentence(text)


def beside_badge(line: str, wanted: str) -> str | None:
    """The part of ``line`` that reads ``wanted`` (a key of three words or more), where a
    badge stands beside it, spaced or run in: "Runs on any phonePopular" -> "Runs on any
    phone". A short ``wanted`` could be the start of a longer line that is not it.

    >>> beside_badge("Runs on any phone NEW", "runs on any phone")
    'Runs on any phone'
    >>> beside_badge("Runs on any phone, tablet and watch too", "runs on any phone") is None
    True
    """
    if len(wanted.split()) < 3 or len(line) <= len(wanted):
        return None
    if line[: len(wanted)].lower() == wanted and is_badge_text(line[len(wanted) :]):
        return line[: len(wanted)]
    if line[-len(wanted) :].lower() == wanted and is_badge_text(line[: -len(wanted)]):
        return line[-len(wanted) :]
    return None


def glued_parts(line: str, pieces: tuple[str, ...]) -> list[str] | None:
    """``line`` as two or more of ``pieces`` in their order, run together or with a
    separator between, as inline elements give them: "Developer ToolsMistral Medium 3.2".

    >>> glued_parts("ModelsGemma 3n · Runs on phones", ("Models", "Gemma 3n", "Runs on phones"))
    ['Models', 'Gemma 3n', 'Runs on phones']
    >>> glued_parts("Gemma 3n is small", ("Models", "Gemma 3n", "Runs on phones")) is None
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


def is_card_category(line: str, key: str, column: GridColumn) -> bool:
    """A line a card may show as its category: a label's few words, not a sentence, a
    title, a verdict badge or an avatar initial, nor a value the grid shows for the tool.
    """
    return not (
        is_prose(line)
        or is_title(line)
        or key in VERDICT_WORDS
        or is_initial(line)
        or any(key == key_of(value) for value in column.values.values())
    )


def shows_name(key: str, name_key: str) -> bool:
    return key == name_key or is_badged(key, name_key)


def grid_categories(columns: list[GridColumn]) -> set[str]:
    return {category for column in columns if (category := column.values.get("category"))}


class CardReading(PageText):
    """The tool cards: name, tagline and description over or under the stats."""

    def card_starts(self, strips: list[StatStrip], columns: list[GridColumn]) -> list[int]:
        """First line of each card: its avatar initial, category or name, whichever is first."""
        starts = []
        # The cards come after the title: tool names above it (a sticky bar, say) are
        # not the first card.
        title_at = find_title(self.lines.text, strips[0].start, grid_categories(columns))
        after = 0 if title_at is None else title_at + 1
        for index, strip in enumerate(strips):
            column = columns[index]
            anchors = {key_of(v) for v in (column.name, column.values.get("category")) if v}
            keys, text = self.lines.keys, self.lines.text
            heads = card_heads(column)
            found = self.card_start_at_name(after, strip.start, column)
            if found is None:
                found = next(
                    (
                        i
                        for i in range(after, strip.start)
                        if keys[i] in anchors or glued_parts(text[i], heads)
                    ),
                    None,
                )
            if found is None and index == 0 and after:  # a "vs" in the card's own lines
                found = next((i for i in range(strip.start) if keys[i] in anchors), None)
            if found is None and index == 0 and title_at is not None:
                # Without a grid name or category to anchor on, the first card starts
                # after the header: the title (not a breadcrumb over it) and its subtitle.
                found = title_at + 2
            if found is None or found >= strip.start:
                raise self.fail(
                    f"tools[{index}].name",
                    "the card's name or category (as the Decision grid shows them) "
                    'before its "Panel ship" figure',
                )
            if found > after and is_initial(self.lines.text[found - 1]):
                found -= 1
            starts.append(found)
            after = strip.end
        return starts

    def stats_put_under_names(
        self, strips: list[StatStrip], columns: list[GridColumn], cards_end: int
    ) -> list[str] | None:
        """The page's lines with each card's stats moved from over its name to under it,
        before its description, where the stats sit as the site shows them; None unless
        no name stands over the first card's stats and each card's name stands between
        its stats and the next card's (or the end of the cards)."""
        keys, text = self.lines.keys, self.lines.text
        if columns[0].name is None or key_of(columns[0].name) in keys[: strips[0].start]:
            return None  # the first card's name is over its stats, as on most pages
        names = [key_of(column.name) if column.name else "" for column in columns]
        title_at = find_title(text, strips[0].start, grid_categories(columns))
        over = range(0 if title_at is None else title_at + 1, strips[0].start)
        if not all(names) or any(shows_name(keys[i], names[0]) for i in over):
            return None
        ends = [strip.start for strip in strips[1:]] + [cards_end]
        moved = text[: strips[0].start]
        for strip, end, name in zip(strips, ends, names, strict=True):
            at = next((i for i in range(strip.end, end) if shows_name(keys[i], name)), None)
            if at is None:
                return None
            # the stats go over the first paragraph under the name: the description
            under = next((i for i in range(at + 1, end) if self.is_paragraph(i)), end)
            moved += [*text[strip.end : under], *text[strip.start : strip.end], *text[under:end]]
        return [*moved, *text[cards_end:]]

    def categories_on_cards(
        self, starts: list[int], strips: list[StatStrip], columns: list[GridColumn]
    ) -> tuple[list[int], list[GridColumn]]:
        """The cards' starts and the grid's columns, with the category a card shows where
        the grid shows none ("—", as for a tool not yet filed): the line right over the
        card's name, where every card whose category the grid shows has it right there.
        Only such a layout says what that line is; a card may show no category at all,
        and the line over its name is then the last one of the card before."""
        blank = [i for i, c in enumerate(columns) if is_placeholder(c.values.get("category", ""))]
        filed = [i for i in range(len(columns)) if i not in blank]
        if (
            not blank
            or not filed
            or not all(self.category_over_name(i, starts, columns) for i in filed)
        ):
            return starts, columns
        keys, text = self.lines.keys, self.lines.text
        filed_categories = {key_of(columns[i].values["category"]) for i in filed}
        starts, columns = list(starts), list(columns)
        title_at = find_title(text, strips[0].start, grid_categories(columns))
        for i in blank:
            name = self.name_line(starts[i], columns[i])
            after = strips[i - 1].end if i else (0 if title_at is None else title_at + 1)
            line = name - 1 if name is not None else -1
            top = line - 1 if line > 0 and is_initial(text[line - 1]) else line
            # Something must stand between the card and the card before (its description)
            # or the title (the subtitle): a short one of those is no category.
            if top <= after or not is_card_category(text[line], keys[line], columns[i]):
                continue
            if text[line] in self.repeated() and keys[line] not in filed_categories:
                continue  # "Visit site" under every card
            columns[i] = GridColumn(columns[i].name, {**columns[i].values, "category": text[line]})
            starts[i] = top
        return starts, columns

    def category_over_name(self, i: int, starts: list[int], columns: list[GridColumn]) -> bool:
        """Card i opens with the grid's category for it, right over its name."""
        first = starts[i] + 1 if is_initial(self.lines.text[starts[i]]) else starts[i]
        return (
            self.lines.keys[first] == key_of(columns[i].values["category"])
            and self.name_line(first + 1, columns[i]) == first + 1
        )

    def name_line(self, at: int, column: GridColumn) -> int | None:
        """``at``, or the line after it past an avatar initial, where it shows the card's
        name as the grid does (perhaps with a badge beside it)."""
        if column.name is None or at >= len(self.lines):
            return None
        if is_initial(self.lines.text[at]) and at + 1 < len(self.lines):
            at += 1
        return at if shows_name(self.lines.keys[at], key_of(column.name)) else None

    def card_start_at_name(self, after: int, stats: int, column: GridColumn) -> int | None:
        """The card's first line, found from its name: the name, and the category or an
        avatar initial right over it. Two cards often share a category, so the first line
        that reads like it may be the previous card's, when that one shows its category
        under its stats."""
        if column.name is None:
            return None
        keys, text = self.lines.keys, self.lines.text
        name_key, category_key = key_of(column.name), key_of(column.values.get("category", ""))
        best_for = key_of(column.values.get("best_for", ""))
        start = next((i for i in range(after, stats) if keys[i] == name_key), None)
        if start is None:  # "NEW Mistral Medium 3.2": a badge beside it
            start = next((i for i in range(after, stats) if is_badged(keys[i], name_key)), None)
        if start is None:
            return None
        tagline_over = False  # a render may put the tagline (what "Best for" repeats) first
        while start > after:
            key, line = keys[start - 1], text[start - 1]
            if key == category_key or is_initial(line):
                start -= 1
            elif not tagline_over and best_for and shows(key, line, best_for):
                tagline_over, start = True, start - 1
            else:
                break
        return start

    def descriptions_over_cards(
        self,
        starts: list[int],
        strips: list[StatStrip],
        columns: list[GridColumn],
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
        tagline = key_of(columns[-1].values.get("best_for", ""))
        # The site's layout, a description under the last card's stats, is asked first;
        # then one over them. The tagline may be long, and in quotes, above or below.
        if self.prose_in(
            i
            for i in itertools.chain(range(last.end, cards_end), range(starts[-1], last.start))
            if not shows(keys[i], text[i], tagline)
        ):
            return None
        first = self.prose_over(starts[0], 0)
        if first is None or (subtitle := self.prose_over(first, 0)) is None:
            return None
        shown = text[subtitle]
        names = [column.name for column in columns if column.name]
        if is_title(shown) or (names and names_every_tool(shown, names)):
            return None
        over = [range(first, starts[0])]
        for strip, start in zip(strips, starts[1:], strict=False):
            if self.prose_over(start, strip.end) is None:
                return None
            over.append(range(strip.end, start))
        return over

    def card(
        self,
        index: int,
        starts: list[int],
        strips: list[StatStrip],
        column: GridColumn,
        cards_end: int,
        over: range | None = None,
    ) -> Card:
        strip = strips[index]
        end = starts[index + 1] if index + 1 < len(strips) else cards_end
        text, keys = self.lines.text, self.lines.keys
        first, last = starts[index], strip.start
        if last - first > 1 and is_initial(text[first]):
            first += 1
        best_for = key_of(column.values.get("best_for", ""))
        if self.tagline_taken_for_badge(first, strip, best_for):
            last += 1
        elif last > first and self.is_badge(last - 1, strip, best_for):
            last -= 1
        head = []
        heads = card_heads(column)
        for i in range(first, last):
            parts = glued_parts(text[i], heads)
            if parts is None:
                head.append((keys[i] or key_of(text[i]), text[i]))
            else:
                head += [(key_of(part), part) for part in parts]
        category_key = key_of(column.values["category"])
        name = column.name
        name_key = key_of(name) if name is not None else None
        if any(key == category_key for key, _ in head):
            # A tool named as its category ("Developer Tools") shows that line twice.
            keep = 1 if category_key == name_key else 0
            shown_twice = [n for n, (key, _) in enumerate(head) if key == category_key]
            dropped = set(shown_twice[: len(shown_twice) - keep])
            head = [part for n, part in enumerate(head) if n not in dropped]
        elif len(head) == 3:  # the card words its category otherwise than the grid does
            head = head[1:]
        shown = next((line for key, line in head if key == name_key), None)
        badged = linked = None
        if shown is None and name_key:  # "Mistral Medium 3.2 NEW": the grid's name, badged
            badged = next((line for key, line in head if is_badged(key, name_key)), None)
            if badged is None:
                linked = self.linked_name_beside_badge(head, name_key)
        if shown is not None:
            name = shown
            head = [(key, line) for key, line in head if line is not shown]
        elif badged is not None:
            head = [(key, line) for key, line in head if line is not badged]
        elif linked is not None:
            name, badged = linked
            head = [(key, line) for key, line in head if line is not badged]
        elif head:
            name, head = head[0][1], head[1:]
        if not name:
            raise self.fail(f"tools[{index}].name", "the tool's name on its card")
        name = TRAILING_MARK.sub("", name) or name  # "Mistral Medium 3.2 ↗": a link's mark
        # The tagline is the line the grid's "Best for" repeats, wherever the card puts
        # it; other short lines a render may add to a card ("Visit site") are not data.
        tagline = next((line for key, line in head if shows(key, line, best_for)), None)
        if tagline is None and best_for:  # on one line with the category: "Models · …"
            tagline = next(filter(None, (after_label(line, best_for) for _, line in head)), None)
        if tagline is None and best_for:  # "… in agentic pipelinesPopular": a badge beside it
            tagline = next(filter(None, (beside_badge(line, best_for) for _, line in head)), None)
        below: Sequence[int] = range(strip.end, end)
        if tagline is None:
            after = next((i for i in below if shows(keys[i], text[i], best_for)), None)
            if after is not None:  # under the stats, or even under the description
                tagline, below = text[after], [i for i in below if i != after]
            elif head:
                tagline = head[0][1]
        description = self.description(below if over is None else over)
        # A restyle may put it over the stats, under the tagline; then a short line below
        # them (the next card's badge, say) is not it.
        if description is None or not is_prose(description):
            above = [
                line
                for _, line in head
                if (tagline is None or tagline not in line)
                and is_prose(line)
                and line not in self.repeated()
            ]
            description = " ".join(above) if above else description
        if tagline is not None:  # typographic quotes around it are decoration
            tagline = strip_quotes(tagline)
        return Card(name, tagline, description, strip)

    def linked_name_beside_badge(
        self, head: list[tuple[str, str]], name_key: str
    ) -> tuple[str, str] | None:
        """(the name, its line) where a card's line is its tool link's text with a short
        badge beside it, in or out of a space ("Mistral Medium 3.2Open weights", "🔥
        TrendingMistral Medium 3.2"), and the link shows the name as the grid does: the
        badge is outside the link, and not part of the name. A grid may show a short
        name and a card the whole one, so the grid alone does not say so."""
        for link_text, href in self.links:
            if key_of(link_text) != name_key or not TOOL_LINK.search(href):
                continue
            for _, line in head:
                if line.startswith(link_text):
                    badge = line[len(link_text) :]
                    # or a tooltip's sentence, which a converter to Markdown keeps
                    if is_sentence(badge):
                        return link_text, line
                elif line.endswith(link_text):
                    badge = line[: -len(link_text)]
                else:
                    continue
                if is_badge_text(badge):
                    return link_text, line
        return None

    def tagline_taken_for_badge(self, first: int, strip: StatStrip, best_for: str) -> bool:
        """The stats start with a verdict word, read as their badge, that is the
        tagline: what the grid's "Best for" shows, and no line over it shows that."""
        text, keys = self.lines.text, self.lines.keys
        return (
            keys[strip.start] in VERDICT_WORDS
            and shows(keys[strip.start], text[strip.start], best_for)
            and not any(shows(keys[i], text[i], best_for) for i in range(first, strip.start))
        )

    def is_badge(self, i: int, strip: StatStrip, best_for: str) -> bool:
        """Line i, right over a card's stats, is the panel verdict as a badge ("Ship"):
        not where the stats already start with one, nor where it is what the grid's
        "Best for" shows (a tagline that is just "Ship")."""
        keys = self.lines.keys
        return (
            keys[i] in VERDICT_WORDS
            and keys[strip.start] not in VERDICT_WORDS
            and not shows(keys[i], self.lines.text[i], best_for)
        )

    def description(self, below: Sequence[int]) -> str | None:
        """The paragraph after a card's stats (and its tagline, if that comes after them);
        a short link there ("Visit site") is navigation."""
        text = self.lines.text
        return self.paragraph([i for i in below if len(text[i]) > 40 or not self.is_link_text(i)])

    def check_same_order(self, cards: list[Card], columns: list[GridColumn]) -> None:
        """The grid's columns follow the cards: values are paired by position, and so are
        the scorecard's reviews, which name no tool. The same names in another order
        leave every pairing a guess."""
        on_cards = [key_of(card.name) for card in cards]
        in_grid = [key_of(column.name) for column in columns if column.name]
        if in_grid != on_cards and sorted(in_grid) == sorted(on_cards):
            raise self.fail(
                "tools",
                "the Decision grid's columns in the cards' order",
                f"cards {' | '.join(c.name for c in cards)}; "
                f"grid {' | '.join(c.name or '' for c in columns)}",
            )
