"""The scorecard's persona headings: a name, perhaps a role or motto, then scores."""

from __future__ import annotations

import operator

from parsers._dom import VisibleText
from parsers.compare._line_kinds import (
    could_be_name,
    is_initial,
    is_no_score,
    key_of,
    persona_name,
    review_verdict,
)
from parsers.compare._lines import Lines
from parsers.compare._page_text import PageText
from parsers.compare._words import (
    HEADING_PARTS,
    KNOWN_PERSONAS,
    LEADING_ICON,
    NOT_PERSONAS,
    SCORE_LABELS,
)


def verdict_before_score(lines: Lines, i: int) -> bool:
    """A "Ship" badge at line i over a score that names no verdict of its own."""
    if i + 1 >= len(lines) or review_verdict(lines.keys[i]) is None:
        return False
    score = lines.score(i + 1)
    return score is not None and score[1] is None and not score[2]


def name_likeness(name: str) -> int:
    """How much a persona heading reads like a name rather than a role: one of the
    site's critics (NOTES.md), then any one word ("Developer Perspective" is two)."""
    if name.lower() in KNOWN_PERSONAS:
        return 2
    return 0 if " " in name else 1


def tool_named(name_keys: list[str], key: str) -> int | None:
    """The one tool whose name is ``key``, or starts with it as a short name does
    ("claude 4 api" for "claude 4 api: tool use streaming & prompt caching"). A short
    name ends a word: "builder" (a persona) is not short for "builder.io"; nor is one
    of the site's critics short for any name ("Builder Studio").

    >>> tool_named(["claude 4 api: tool use", "builder.io"], "claude 4 api")
    0
    >>> tool_named(["claude 4 api: tool use", "builder.io"], "builder") is None
    True
    >>> tool_named(["claude 4 api: tool use", "builder studio"], "builder") is None
    True
    """
    if len(key) < 2:
        return None
    found = [i for i, name in enumerate(name_keys) if name == key]
    if not found and key not in KNOWN_PERSONAS:
        found = [
            i
            for i, name in enumerate(name_keys)
            if name.startswith(key) and ends_word(name[len(key) : len(key) + 2])
        ]
    return found[0] if len(found) == 1 else None


def ends_word(after: str) -> bool:
    """What follows a short name in the whole one (its first two characters) ends the
    short name's last word: a space, or a mark and then a space (": "), not ".io" or
    "-pro"."""
    return after[:1].isspace() or not (after[:1].isalnum() or after[1:2].isalnum())


class PersonaReading(PageText):
    """The scorecard's persona headings, and where each ends."""

    def __init__(self, text: VisibleText, url: str | None) -> None:
        super().__init__(text, url)
        self._scorecard_lines = (0, 0)  # where the scorecard is being read
        self._persona_and_tool: dict[int, tuple[str, int] | None] = {}
        self._names_over_roles: bool | None = None
        # Under roles ("Developer Perspective" over "Builder"): each role's line -> the
        # name's.
        self._names_under_roles: dict[int, int] = {}

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
        if j < len(lines) and is_initial(lines.text[j]):
            j += 1
        if self.scores_past_dashes(j, name_keys):
            return j
        if not self.is_persona_subtitle(i, j, name_keys):
            return None
        if self.scores_past_dashes(j + 1, name_keys):
            return j + 1
        # A second line, but never a second name: "Panel Reviews" over "Builder" over
        # "Developer Perspective" is a heading over a persona, not a persona.
        second = j + 1
        if self.is_persona_subtitle(i, second, name_keys) and (
            lines.persona(second) is None
            or any(map(str.isdigit, lines.text[second]))
            or (lines.persona(j) is None and self.roles_under_names(name_keys))
        ):
            return second + 1 if self.scores_past_dashes(second + 1, name_keys) else None
        return None

    def scores_past_dashes(self, j: int, name_keys: list[str]) -> bool:
        """Scores from line j (a tool's name there, perhaps), perhaps after a "—" or two
        where the persona gave the first tools none (the scorecard's walk counts them)."""
        lines = self.lines
        if j < len(lines) and lines.keys[j] in name_keys:
            j += 1
        k = j
        while k < len(lines) and k - j < len(name_keys) - 1 and is_no_score(lines.text[k]):
            k += 1
        return self.scores_from(k, name_keys)

    def persona_of_heading(self, i: int, name_keys: list[str]) -> tuple[str | None, int | None]:
        """The persona a heading at line i names, and the tool, where it names one."""
        named = self.persona_and_tool(i, name_keys)
        return named or (self.lines.persona(self._names_under_roles.get(i, i)), None)

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
        parts = HEADING_PARTS.split(LEADING_ICON.sub("", line, count=1), maxsplit=1)
        if len(parts) != 2:
            return None
        first, second = parts[0], parts[1].removesuffix(")")
        for persona, tool in ((first, second), (second, first)):
            name = persona_name(persona) if key_of(persona) not in NOT_PERSONAS else None
            column = tool_named(name_keys, key_of(tool))
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
            and not is_no_score(lines.text[j])  # "—": the first tool has no score
            and (lines.persona(j) is None or self.roles_under_names(name_keys))
            and not verdict_before_score(lines, j)
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
        self.check_a_name_over_each_role(heads, over, stop)
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
        lower = [name_likeness(lines.persona(head) or "") for _, head in pairs]
        upper = [name_likeness(lines.persona(name) or "") for name, _ in pairs]
        if all(map(operator.gt, lower, upper)):
            self._names_under_roles = dict(pairs)
        return True

    def check_a_name_over_each_role(
        self, heads: list[int], over: list[int | None], stop: int
    ) -> None:
        """Most persona headings have a name over them (the role under the name), some
        a short line that does not read as a name ("Dr. Skeptic", "Indie hacker"): that
        line is the persona's name all the same. The role under it would otherwise be
        read as the name, and the persona's reviews filed under its role; the page fails
        instead. After the last name, only a heading over as many scores as the others
        counts: a box after the scorecard ("Trending today" over another tool's name and
        its score) is another section."""
        named = [k for k, name in enumerate(over) if name is not None]
        if len(named) < max(2, len(heads) - len(named) + 1) or len(named) == len(heads):
            return
        scores = self.lines.score
        runs = [
            sum(1 for j in range(head, end) if scores(j) is not None)
            for head, end in zip(heads, [*heads[1:], stop], strict=True)
        ]
        text = self.lines.text
        for k, head in enumerate(heads):
            if over[k] is not None or not head or scores(head - 1) is not None:
                continue
            if k > named[-1] and (runs[k] < 2 or runs[k] != runs[named[0]]):
                continue
            if could_be_name(text[head - 1]):
                raise self.fail(
                    "reviews",
                    f"a persona's name over its role \"{text[head]}\", as over the others'",
                    text[head - 1],
                )

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

    def scores_from(self, j: int, name_keys: list[str]) -> bool:
        """A score at line j, or a tool name there and a score after it; either score may
        have its verdict badge over it."""
        lines = self.lines
        if j < len(lines) and lines.keys[j] in name_keys:
            j += 1
        if j < len(lines) and lines.keys[j] in SCORE_LABELS:  # "Score" over the score
            j += 1
        return lines.score(j) is not None or verdict_before_score(lines, j)
