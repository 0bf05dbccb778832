"""The Decision grid, row by row, tool by tool or as a table."""

from __future__ import annotations

import re

from parsers.compare._line_kinds import (
    ends_sentence,
    is_heading,
    is_initial,
    is_verdict_badge,
    key_of,
    shown_on,
)
from parsers.compare._page_text import PageText
from parsers.compare._parts import GridColumn, StatStrip
from parsers.compare._words import (
    DATELINE,
    GRID_GLUED,
    GRID_INLINE,
    GRID_LABELS,
    GRID_LABELS_SHOWN,
    GRID_ROWS,
    SHIP_COUNT,
    SKIP_COUNT,
    SPLIT_WORDS,
)
from schemas import ParseError


def is_unknown_label(line: str, listed: frozenset[str]) -> bool:
    """The label of a grid row we do not read ("Website", "Open source"): short, no
    sentence, starting no lower-case word, and no later item of a list (``listed``)."""
    return len(line) <= 30 and is_heading(line) and not line[:1].islower() and line not in listed


def are_unknown_rows(lines: list[str], before: str, listed: frozenset[str]) -> bool:
    """``lines`` are rows we do not read, each a label and then its value, after the line
    ``before``. No label follows a line that runs on (";" or ","): "no separate tier
    required" after "...;" may be the rest of a price."""
    return not lines or (
        len(lines) % 2 == 0
        and all(is_unknown_label(label, listed) for label in lines[::2])
        and not any(line.endswith((";", ",")) for line in [before, *lines[1::2]])
    )


def first_repeated(labels: list[str]) -> int | None:
    """Where a label first shows again, if one does.

    >>> first_repeated(["panel", "pricing", "best_for", "pricing"]), first_repeated(["panel"])
    (3, None)
    """
    seen: set[str] = set()
    for at, label in enumerate(labels):
        if label in seen:
            return at
        seen.add(label)
    return None


def without_unknown_rows(values: list[str], n_tools: int, listed: frozenset[str]) -> list[str]:
    """A grid row we do not read ("Website", then a value per tool) runs on from the
    values of the label above it: drop it, if that is what the extra lines are. "Team
    $40 a seat" after a price may be the rest of the price listed in its cell."""
    extra = values[n_tools:]
    step = n_tools + 1
    if not extra or len(extra) % step:
        return values
    labels = extra[::step]
    before = values[n_tools - 1 :: step]
    if all(
        are_unknown_rows([label, ""], line, listed)
        for line, label in zip(before, labels, strict=False)
    ):
        return values[:n_tools]
    return values


# Rows whose values are free text, which a line of the value's own may run on under:
# "billed annually" under a price.
FREE_TEXT_ROWS = ("pricing", "best_for")


def with_lines_under_each(values: list[str], n_tools: int) -> list[str]:
    """Each value with a line of its own under it, in its cell: the price's own words
    ("billed annually", "per seat, billed monthly"), where each such line goes on in
    lower case, or where every value has the same one ("Billed annually"). Joined by a
    space, as the cell reads. Under some values only, such a line may as well be the
    next value, cut off (a text capture wraps lines), and the row stays as it is."""
    if n_tools < 2 or len(values) != 2 * n_tools:
        return values
    under = values[1::2]
    if all(line[:1].islower() for line in under) or len(set(under)) == 1:
        return [f"{value} {line}" for value, line in zip(values[::2], under, strict=True)]
    return values


def inline_label(line: str) -> re.Match[str] | None:
    """A grid label and its value on one line: "Pricing: Pay-as-you-go …", or run
    together, "PricingPay-as-you-go …"."""
    if ":" in line and (inline := GRID_INLINE.match(line)):
        return inline
    return GRID_GLUED.match(line) if line.startswith(GRID_LABELS_SHOWN) else None


class GridReading(PageText):
    """The Decision grid: "Panel verdict", "Pricing", ... per tool."""

    def decision_section(self, last_strip: StatStrip) -> tuple[int, int]:
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
        start = self.names_over(first, after, self.keys_before(last_strip.start))
        if start > after and is_heading(text[start - 1]):
            return start - 1, start
        return start, start

    def names_over(self, label: int, floor: int, on_cards: set[str]) -> int:
        """Where a grid whose first label is at line ``label`` starts, not above line
        ``floor``: at the tools' names right over that label, as the cards show them
        (``on_cards``), with any avatar initials among them."""
        keys, text = self.lines.keys, self.lines.text
        start = label
        while start > floor and (
            shown_on(keys[start - 1], on_cards) or is_initial(text[start - 1])
        ):
            start -= 1
        return start

    def grid_put_after_cards(self, strips: list[StatStrip]) -> list[str] | None:
        """The page's lines with the Decision grid moved from over the cards to under
        them, over the scorecard's heading, where a restyle shows it first ("at a
        glance"); None where the page has no whole grid over its cards."""
        keys, text = self.lines.keys, self.lines.text
        first_card = strips[0].start
        scorecard = self.lines.find("reviewer scorecard", strips[-1].end)
        if scorecard is None:
            return None
        # The grid starts at the tools' names over its first label, under its "Decision"
        # heading if it has one: the first "Panel verdict" from the cards up over which a
        # whole grid reads, not one in a list of the page's sections higher up.
        for label in range(first_card - 1, -1, -1):
            if not keys[label].startswith("panel verdict"):
                continue
            start = self.names_over(label, 0, set(keys[label + 1 : strips[-1].end]) - {""})
            begin = start - 1 if start > 0 and keys[start - 1] == "decision" else start
            try:
                _, stop = self.decision_grid(start, first_card, len(strips), open_end=True)
            except ParseError:
                continue
            return [*text[:begin], *text[stop:scorecard], *text[begin:stop], *text[scorecard:]]
        return None

    def decision_grid(
        self, start: int, stop: int, n_tools: int, *, open_end: bool = False
    ) -> tuple[list[GridColumn], int]:
        """Read the grid whether it runs label by label (a row per label, a column per
        tool, as on the site), tool by tool (each tool's labels and values together) or
        as a table with the labels heading its columns and a row per tool.

        ``open_end``: no section heading follows the grid, so whatever comes after its
        last row's values is not part of it. Returns the columns and the line after the
        grid's last value."""
        groups: list[tuple[str, list[str]]] = []
        header: list[str] = []
        ends: list[int] = []  # the line after each of the last label's values
        each_ends: list[list[int]] = []  # and after each of every label's
        bare: set[str] = set()  # the labels shown on lines of their own
        rows = zip(self.lines.text[start:stop], self.lines.keys[start:stop], strict=True)
        for i, (line, key) in enumerate(rows, start):
            label = GRID_LABELS.get(key)
            inline = None if label is not None else inline_label(line)
            if inline is not None and GRID_LABELS[key_of(inline["label"])] in bare:
                inline = None  # "Pricing: $20 per month" under "Pricing" is the price's words
            if inline is not None:
                label, line = GRID_LABELS[key_of(inline["label"])], inline["value"]
                groups.append((label, [line]))
                ends = [i + 1]
                each_ends.append(ends)
            elif label is not None:
                groups.append((label, []))
                bare.add(label)
                ends = []
                each_ends.append(ends)
            elif is_initial(line) and self.initial_of_next(i, stop):
                continue
            elif groups:
                label, values = groups[-1]
                if (
                    label == "panel"
                    and values
                    and (is_verdict_badge(values[-1]) or key in SPLIT_WORDS)
                ):  # a verdict badge over its counts, or "Unanimous" under them
                    values[-1] += f" · {line}"
                    ends[-1] = i + 1
                elif (
                    label == "panel"
                    and values
                    and SKIP_COUNT.match(line)
                    and SHIP_COUNT.search(values[-1])
                ):
                    values[-1] += f" / {line}"  # the counts stacked: "4 ship" over "0 skip"
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
        if len(header) > 1:
            header = self.by_tool_header(header, groups, start)
        if len(header) == 1:  # tool by tool: the last label has the last tool's value only
            label, values = groups[-1]
            groups[-1] = (
                label,
                values[:1] if open_end else self.without_box_after(values, 1, start),
            )
            columns = self.read_by_tool(header[0], groups, n_tools, start)
            return columns, end_after(len(groups[-1][1]))
        if open_end and (again := first_repeated([label for label, _ in groups])) is not None:
            # A row's label read already, after the last row, heads another section (a
            # box headed "Best for"): its lines are no values of the grid's.
            groups, ends = groups[:again], each_ends[again - 1]
        if open_end:
            label, values = groups[-1]
            groups[-1] = (label, values[:n_tools])
        used = len(groups[-1][1])
        if len(header) > n_tools:
            header = without_unknown_rows(header, n_tools, self.listed)
        if len(header) > n_tools:  # a caption, an intro line or a corner cell over the names
            # The section's heading comes before ``start`` but is not on the cards: a
            # corner cell may repeat it.
            on_cards = set(self.lines.keys[:start]) - {"decision"}
            header = [line for line in header if shown_on(key_of(line), on_cards)]
        if header and len(header) != n_tools:
            raise self.fail(
                "decision", f"{n_tools} tool names heading the grid", " | ".join(header)
            )
        columns = [GridColumn(name=header[i] if header else None) for i in range(n_tools)]
        for position, (label, values) in enumerate(groups, 1):
            if len(values) > n_tools:  # before an unknown row: two notes look like one
                values = self.without_notes(values, n_tools, start)
            if len(values) > n_tools:
                # An item of a list in a cell ("Starter: $9/mo" in a list of plans) is
                # no row's label, the first of its list included.
                values = without_unknown_rows(values, n_tools, self.listed | self.list_starts)
            if len(values) > n_tools:
                values = self.without_link_lines(values, n_tools)
            if len(values) > n_tools and label in FREE_TEXT_ROWS:
                values = with_lines_under_each(values, n_tools)
            if len(values) > n_tools and position == len(groups):
                values = self.without_box_after(values, n_tools, start)
            if len(values) != n_tools:
                raise self.fail(
                    f"decision.{label}", f"{n_tools} values, one per tool", " | ".join(values)
                )
            for column, value in zip(columns, values, strict=True):
                column.values[label] = value
        return columns, end_after(used)

    def initial_of_next(self, at: int, stop: int) -> bool:
        """The one-letter line ``at`` is an avatar's, of the name on the next line; not a
        value ("9" under "Reviews")."""
        text = self.lines.text
        return at + 1 < stop and text[at + 1][:1].lower() == text[at].lower()

    def names_a_card(self, line: str, grid_start: int) -> bool:
        return shown_on(key_of(line), self.keys_before(grid_start))

    def by_tool_header(
        self, header: list[str], groups: list[tuple[str, list[str]]], grid_start: int
    ) -> list[str]:
        """Tool by tool (a label shows more than once), the lines before the first label
        are the first tool's name, perhaps after a heading of the grid's own ("Feature",
        "At a glance"), and perhaps rows we do not read ("Website", its value): the name
        alone, where that is what they are. Else ``header`` as it is."""
        labels = [label for label, _ in groups]
        if len(set(labels)) == len(labels):
            return header
        if are_unknown_rows(header[1:], header[0], self.listed):
            return header[:1]
        named = [at for at, line in enumerate(header) if self.names_a_card(line, grid_start)]
        if len(named) != 1:
            return header
        at = named[0]
        if all(map(is_heading, header[:at])) and are_unknown_rows(
            header[at + 1 :], header[at], self.listed
        ):
            return [header[at]]
        return header

    def without_link_lines(self, values: list[str], n_tools: int) -> list[str]:
        """A link on a line of its own in a cell ("Vote", "Pricing page ↗") is a way to
        act, not a value: drop such lines, if that leaves one value per tool."""
        kept = [value for value in values if not self.is_link_only(value)]
        return kept if len(kept) == n_tools else values

    def is_link_only(self, line: str) -> bool:
        """A short line that is only a link's text, or links' side by side."""
        return len(line) <= 40 and self.is_link_line(line)

    def keys_before(self, at: int) -> set[str]:
        """The keys of the lines before line ``at`` (paragraphs have no key): before the
        grid, the cards' lines."""
        if (keys := self._keys_before.get(at)) is None:
            keys = self._keys_before[at] = set(self.lines.keys[:at]) - {""}
        return keys

    def without_notes(self, values: list[str], n_tools: int, grid_start: int) -> list[str]:
        """Drop notes under the values (:meth:`is_note`), if that leaves one per tool."""
        on_cards = self.keys_before(grid_start)
        kept = [value for value in values if not self.is_note(value, on_cards)]
        return kept if len(kept) == n_tools else values

    def is_note(self, line: str, on_cards: set[str]) -> bool:
        """A line under a value that is only a date ("Updated Nov 3, 2026") or links
        ("Pricing details", "View pricing →"), and that the cards do not show (a tool's
        name may be a link)."""
        if DATELINE.match(line) is None and not self.is_link_only(line):
            return False
        return not shown_on(key_of(line), on_cards)

    def without_box_after(self, values: list[str], n_tools: int, grid_start: int) -> list[str]:
        """What sits between the grid and the next section runs on from its last row's
        values: links ("See also", then other comparisons) or a box of sentences ("Like
        this comparison?", "Get one every week."), perhaps under a heading. Drop it, if
        that is all it is and the row's own values are not sentences themselves; or,
        whatever it is (a form, a row of share links, comments), where the cards show
        each of the row's values (the category, as the site has it last) and not the
        line after them."""
        extra = values[n_tools:]
        on_cards = self.keys_before(grid_start)
        if (
            extra
            and all(shown_on(key_of(value), on_cards) for value in values[:n_tools])
            and not shown_on(key_of(extra[0]), on_cards)
        ):
            return values[:n_tools]
        if extra and is_heading(extra[0]) and not self.is_link_line(extra[0]):
            extra = extra[1:]
        sentences = [line for line in extra if not self.is_link_line(line)]
        if not extra or not all(map(ends_sentence, sentences)):
            return values
        if sentences and any(map(ends_sentence, values[:n_tools])):
            return values
        return values[:n_tools]

    def check_grid_rows(self, columns: list[GridColumn]) -> None:
        """Every row the site shows is required: a renamed one would be taken for a row we
        do not read, and its field would silently be empty."""
        for row, (label, path) in GRID_ROWS.items():
            for index, column in enumerate(columns):
                if label not in column.values:
                    raise self.fail(f"tools[{index}].{path}", f'a "{row}" row in the Decision grid')

    def grid_by_row(
        self, labels: list[str], cells: list[str], n_tools: int, *, open_end: bool
    ) -> tuple[list[GridColumn], int]:
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
            GridColumn(
                name=row[0] if named else None,
                values=dict(zip(labels, row[1:] if named else row, strict=True)),
            )
            for row in rows
        ]
        return columns, n_tools * step

    def read_by_tool(
        self, first_name: str, groups: list[tuple[str, list[str]]], n_tools: int, grid_start: int
    ) -> list[GridColumn]:
        """The grid tool by tool; if it does not read so, then without the notes under
        values (:meth:`without_notes_by_tool`)."""
        try:
            return self.grid_by_tool(first_name, groups, n_tools, grid_start)
        except ParseError as failure:
            noted = self.without_notes_by_tool(groups, grid_start)
            if noted == groups:
                raise
            try:
                return self.grid_by_tool(first_name, noted, n_tools, grid_start)
            except ParseError:
                raise failure from None

    def without_notes_by_tool(
        self, groups: list[tuple[str, list[str]]], grid_start: int
    ) -> list[tuple[str, list[str]]]:
        """Tool by tool, the line after a label is its value, and a note after it
        (:meth:`is_note`) would be taken for the next tool's name."""
        on_cards = self.keys_before(grid_start)
        return [
            (label, values[:1] + [v for v in values[1:] if not self.is_note(v, on_cards)])
            for label, values in groups
        ]

    def grid_by_tool(
        self, first_name: str, groups: list[tuple[str, list[str]]], n_tools: int, grid_start: int
    ) -> list[GridColumn]:
        columns = [GridColumn(name=first_name)]
        for n, (label, values) in enumerate(groups):
            column = columns[-1]
            if label in column.values:
                raise self.fail(f"decision.{label}", "one value per tool", " | ".join(values))
            if not values:
                raise self.fail(f"decision.{label}", "a value after the label")
            column.values[label] = values[0]
            same_tool = n + 1 < len(groups) and groups[n + 1][0] not in column.values
            ends_grid = n + 1 == len(groups)
            rest = self.without_unknown_rows_by_tool(values, same_tool or ends_grid, grid_start)
            if (
                len(rest) == 1 and label in FREE_TEXT_ROWS and rest[0][:1].islower() and same_tool
            ):  # a line of the value's own under it, and this tool's next label
                column.values[label] = f"{values[0]} {rest[0]}"
            elif rest:  # the last line is the next tool's name
                if len(rest) > 1 and not self.names_a_card(rest[-1], grid_start):
                    # A value on lines of its own, or a row we do not read with a value
                    # lost: which, the page does not say.
                    raise self.fail(
                        f"decision.{label}",
                        "a value, then the next tool's name as the cards show it",
                        " | ".join(values),
                    )
                column.values[label] = " ".join([values[0], *rest[:-1]])
                columns.append(GridColumn(name=rest[-1]))
        if len(columns) != n_tools:
            raise self.fail("decision", f"{n_tools} tools in the grid", f"{len(columns)}")
        return columns

    def without_unknown_rows_by_tool(
        self, values: list[str], no_name: bool, grid_start: int
    ) -> list[str]:
        """The lines after a label's value, less rows we do not read ("Website", then its
        value) if that is what they are: all of them where no tool's name follows
        (``no_name``), else all but the one line the cards show, the next tool's name."""
        value, rest = values[0], values[1:]
        if self.empty_row_after(value, rest, grid_start):
            rest = rest[1:]  # "Developer Tools", "Reviews" (with no value), then a name
        if no_name:
            return [] if are_unknown_rows(rest, value, self.listed) else rest
        names = [
            at
            for at in range(0, len(rest), 2)
            if self.names_a_card(rest[at], grid_start)
            and are_unknown_rows(rest[:at], value, self.listed)
            and are_unknown_rows(rest[at + 1 :], rest[at], self.listed)
        ]
        return [rest[names[0]]] if len(names) == 1 else rest

    def empty_row_after(self, value: str, after: list[str], grid_start: int) -> bool:
        """The lines after ``value`` are the label of a row we do not read, left empty,
        and perhaps the next tool's name: the cards show ``value`` whole (a category),
        so it does not go on over that label, and they do not show the label itself."""
        return (
            0 < len(after) <= 2
            and is_unknown_label(after[0], self.listed)
            and self.names_a_card(value, grid_start)
            and not self.names_a_card(after[0], grid_start)
            and all(self.names_a_card(name, grid_start) for name in after[1:])
        )
