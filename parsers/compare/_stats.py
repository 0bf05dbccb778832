"""Each card's stat strip: its values above or below their labels, in a row or one by one."""

from __future__ import annotations

from collections.abc import Callable

from parsers._fields import is_placeholder, parse_verdict_percent
from parsers.compare._line_kinds import ends_sentence, is_stat_value, key_of
from parsers.compare._lines import Lines
from parsers.compare._page_text import PageText
from parsers.compare._parts import StatStrip
from parsers.compare._words import (
    SPLIT_WORDS,
    STAT_FIELDS,
    STAT_FIGURE,
    STAT_LABELS,
    VERDICT_WORDS,
)
from schemas import ParseError


def value_before_label(lines: Lines, i: int, label: str) -> tuple[str | None, int] | None:
    """Stat value above its label: ``[value] label``. Returns (value, index after label),
    or None without the label."""
    if i < len(lines) and lines.keys[i] == label:
        return None, i + 1
    if i + 1 < len(lines) and lines.keys[i + 1] == label:
        return lines.text[i], i + 2
    return None


def value_after_label(lines: Lines, i: int, label: str) -> tuple[str | None, int] | None:
    """Stat label above its value: ``label [value]``; None without the label."""
    if i >= len(lines) or lines.keys[i] != label:
        return None
    if i + 1 < len(lines) and lines.keys[i + 1] not in STAT_LABELS:
        nxt = lines.text[i + 1]
        if len(nxt) <= 40:
            return nxt, i + 2
    return None, i + 1


def is_short_value(value: str) -> bool:
    """A value of a few words, no sentence: "Mar 2026", "Yes", "Open Source (MIT)"."""
    return len(value) <= 24 and len(value.split()) <= 3 and not ends_sentence(value)


class StatReading(PageText):
    """Each card's stat strip: "Panel ship", "Community", "Entry"."""

    def stat_strips(self) -> list[StatStrip]:
        """Each card's stat strip. A "Panel ship" share with no "Community" or "Entry"
        label near it is no card's: a box of other comparisons may show theirs."""
        strips: list[StatStrip] = []
        bare: ParseError | None = None  # the first such share's failure
        at = self.lines.find("panel ship")
        while at is not None:
            try:
                strips.append(self.stat_strip(at, len(strips)))
                after = strips[-1].end
            except ParseError as failure:
                if not self.is_bare_share(at):
                    raise
                bare, after = bare or failure, at + 1
            at = self.lines.find("panel ship", after)
        if bare is not None and len(strips) < 2:
            raise bare
        return self.before_the_grid(strips)

    def before_the_grid(self, strips: list[StatStrip]) -> list[StatStrip]:
        """The strips over the Decision grid or the scorecard, whichever comes first
        after the cards, where at least two are: a box of other tools or comparisons
        after them ("Related", "Also compared") may show stats as the cards do, and
        holds no card of this page's."""
        keys = self.lines.keys
        if len(strips) <= 2:
            return strips
        section = next(
            (
                i
                for i in range(strips[0].end, len(keys))
                if keys[i] in ("decision", "reviewer scorecard")
                or keys[i].startswith("panel verdict")
            ),
            None,
        )
        over = [strip for strip in strips if section is None or strip.start < section]
        return over if len(over) >= 2 else strips

    def is_bare_share(self, label_at: int) -> bool:
        """No "Community" or "Entry" label within a few lines of the "Panel ship" label
        at ``label_at`` (a strip's own share or labels before it, a stat we do not read
        among them), and none before the next "Panel ship"."""
        keys = self.lines.keys
        start = max(0, label_at - 4)
        if "panel ship" in keys[start:label_at]:
            start = label_at - keys[start:label_at][::-1].index("panel ship")
        stop = self.lines.find("panel ship", label_at + 1) or len(keys)
        near = keys[start : min(stop, label_at + 9)]
        return "community" not in near and "entry" not in near

    def stat_strip(self, label_at: int, index: int) -> StatStrip:
        lines = self.lines

        def value(i: int) -> tuple[str | None, int] | None:
            return parse_verdict_percent(lines.text[i]) if 0 <= i < len(lines) else None

        above = label_at - 1
        # A verdict badge may sit between the percentage and its label: "75%", "Ship";
        # so may a word on the split ("Unanimous"), or beside the label, after it.
        while (
            above > 0
            and (lines.keys[above] in VERDICT_WORDS or lines.keys[above] in SPLIT_WORDS)
            and value(above - 1) is not None
        ):
            above -= 1
        after_label = self.past_split_word(label_at + 1)
        before = value(above)
        if before is not None:  # values above their labels, as the site renders them
            start = self.past_split_word(above, step=-1)
            if before[0] is None and start > 0 and lines.keys[start - 1] in VERDICT_WORDS:
                start = self.past_split_word(start - 1, step=-1)
            community, entry, i = self.other_stats(value_before_label, after_label, index)
            return StatStrip(start, self.after_extra_stats(i, True), before[1], community, entry)
        labels_end = label_at + 1
        while labels_end < len(lines) and lines.keys[labels_end] in STAT_LABELS[1:]:
            labels_end += 1
        if labels_end > label_at + 1:  # a row of labels, then a row of values
            return self.stat_row(label_at, labels_end, index)
        after = value(after_label)
        if after is None:
            raise self.fail(
                f"tools[{index}].panel.ship_pct",
                'a percentage next to "Panel ship"',
                lines.text[label_at - 1] if label_at else None,
            )
        i = self.past_split_word(after_label + 1)
        if after[0] is None and i < len(lines) and lines.keys[i] in VERDICT_WORDS:
            i = self.past_split_word(i + 1)  # the verdict badge under the percentage
        community, entry, i = self.other_stats(value_after_label, i, index)
        return StatStrip(label_at, self.after_extra_stats(i, False), after[1], community, entry)

    def past_split_word(self, i: int, step: int = 1) -> int:
        """Line i, or the line past it in ``step``'s direction where it is a word on the
        panel's split, shown as a badge in the strip ("Unanimous", "Split decision")."""
        at = i if step > 0 else i - 1
        if 0 <= at < len(self.lines) and self.lines.keys[at] in SPLIT_WORDS:
            return i + step
        return i

    def other_stats(
        self,
        read: Callable[[Lines, int, str], tuple[str | None, int] | None],
        i: int,
        index: int,
    ) -> tuple[str | None, str | None, int]:
        """The "Community" and "Entry" values from line i, in either order (None where the
        render leaves a value out), and the line after them.

        Both labels are required: a renamed one would otherwise run, with its value, into
        the card's description."""
        found: dict[str, str | None] = {}
        value_first = read is value_before_label
        skipped: list[str] = []  # the stats we do not read, named if the strip fails
        while len(found) < 2:
            for label in ("community", "entry"):
                if label not in found and (hit := read(self.lines, i, label)) is not None:
                    found[label], i = hit
                    other = "entry" if label == "community" else "community"
                    if hit[0] is None and not value_first and self.shown_again(i, other, found):
                        # "Entry", then "Community": a label this strip has shown already
                        # is no label here but the value, an entry named "Community".
                        found[label], i = self.lines.text[i], i + 1
                    if label == "community" and self.is_label_of_next_stat(hit[0], i, value_first):
                        found[label], i = None, i - 1  # "Community", then "Rating" over "4.5"
                    break
            else:
                if self.is_extra_stat(i, value_first, worded=True):
                    skipped.append(" | ".join(self.lines.text[i : i + 2]))
                    i += 2
                    continue
                missing = "community" if "community" not in found else "entry"
                shown = skipped[:1] or self.lines.text[i : i + 1]
                raise self.missing_stat(index, missing, shown[0] if shown else None)
        return found["community"], found["entry"], i

    def shown_again(self, i: int, label: str, found: dict[str, str | None]) -> bool:
        """Line i is ``label``, which the strip has read already."""
        return label in found and self.lines.keys[i : i + 1] == [label]

    def is_label_of_next_stat(self, value: str | None, after: int, value_first: bool) -> bool:
        """Labels over values, the community figure left out: the line taken for it
        (``value``, before line ``after``) is no share or "—" but the label of a stat we
        do not read, over its value."""
        return (
            not value_first
            and value is not None
            and not is_stat_value(value, "Community")
            and self.is_extra_stat(after - 1, value_first, worded=True)
        )

    def is_extra_stat(self, i: int, value_first: bool, *, worded: bool = False) -> bool:
        """Lines i and i+1 are a stat the parser does not read ("4" over "Reviews"), in
        the strip's own order of value and label: a figure or "—" and a short name. Or,
        where ``worded`` (before a stat still to come, so that the strip goes on), a value
        of a few words: "Mar 2026" over "Launched", "Yes" over "Open source"."""
        if i + 1 >= len(self.lines):
            return False
        value, label = self.lines.text[i : i + 2]
        if not value_first:
            value, label = label, value
        return (
            (
                STAT_FIGURE.match(value) is not None
                or is_placeholder(value)
                or (worded and is_short_value(value) and key_of(value) not in STAT_LABELS)
            )
            and len(label) <= 24
            and label[:1].isalpha()
            and not any(c.isdigit() for c in label)
            and not ends_sentence(label)
            and key_of(label) not in STAT_LABELS
        )

    def after_extra_stats(self, i: int, value_first: bool) -> int:
        """Past any stats after the strip's last known one: not part of the description."""
        while self.is_extra_stat(i, value_first):
            i += 2
        return i

    def missing_stat(self, index: int, label: str, found: str | None) -> ParseError:
        return self.fail(
            f"tools[{index}].{STAT_FIELDS[label]}",
            f'a "{label.capitalize()}" label in the card\'s stats, after "Panel ship"',
            found,
        )

    def stat_row(self, label_at: int, labels_end: int, index: int) -> StatStrip:
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
        i = self.past_split_word(i + 1)
        for label in ("community", "entry"):
            if label not in labels:
                raise self.missing_stat(index, label, " | ".join(lines.text[label_at:labels_end]))
        values: dict[str, str | None] = {"community": None, "entry": None}
        for label in labels[1:]:
            if i < len(lines) and len(lines.text[i]) <= 40 and is_stat_value(lines.text[i], label):
                values[label], i = lines.text[i], i + 1
        return StatStrip(label_at, i, panel[1], values["community"], values["entry"])
