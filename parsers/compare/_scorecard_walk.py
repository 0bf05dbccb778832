"""One pass over the Reviewer scorecard's lines, a method per kind of line, and what
the pass has learnt of the layout so far."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from parsers._fields import closing_quote, strip_quotes
from parsers.compare._line_kinds import (
    ends_sentence,
    is_avatar,
    is_no_score,
    is_prose,
    key_of,
    line_shape,
)
from parsers.compare._parts import Card, ReviewBlock
from parsers.compare._personas import verdict_before_score
from parsers.compare._review_order import nth_match
from parsers.compare._words import (
    DATELINE,
    KNOWN_PERSONAS,
    PROS_AND_CONS_HEADING,
    SCORE_LABELS,
    TIME_AGO,
)

if TYPE_CHECKING:
    from parsers.compare._scorecard import ScorecardReading

# A score as :meth:`Lines.spread_score` reads it: the value, the verdict, the rest of
# its line, and the line after it.
Score = tuple[int, str | None, str, int]


def without_quotes(text_lines: list[str]) -> str:
    """A review's lines as its text, without the quotation marks around its paragraphs,
    also where a heading of the review's own comes first ("Clean primitive, rough
    docs", then "“The primitive…”"), as a render that quotes no paragraph shows it.

    >>> without_quotes(["Clean primitive", "“The primitive is clean.", "Docs lag.”"])
    'Clean primitive The primitive is clean. Docs lag.'
    >>> without_quotes(["“Fast.”"]), without_quotes(["As the docs say:", "“Fast.”"])
    ('Fast.', 'As the docs say: “Fast.”')
    >>> without_quotes([])
    ''
    """
    if len(text_lines) <= 1 or closing_quote(text_lines[0]):
        return strip_quotes(" ".join(text_lines))  # the most reviews: no heading to keep
    quoted = next((k for k, line in enumerate(text_lines) if closing_quote(line)), 0)
    heading = text_lines[:quoted]
    # not a sentence's start either: "As the docs put it:", then a quotation
    if any(ends_sentence(line) or len(line) > 80 or line.endswith((":", ",")) for line in heading):
        heading, quoted = [], 0
    return " ".join([*heading, strip_quotes(" ".join(text_lines[quoted:]))])


class ScorecardWalk:
    """The reviews between lines ``start`` and ``stop``, in one order whatever the
    layout: a persona's heading over each score (or over a run of them), a tool's name
    over its reviews, or a table with the personas heading its columns."""

    def __init__(self, reading: ScorecardReading, start: int, stop: int, cards: list[Card]):
        self.reading, self.lines = reading, reading.lines
        self.start, self.stop, self.n_tools = start, stop, len(cards)
        self.name_keys = [key_of(card.name) for card in cards]
        self.name_starts = {key[:2] for key in self.name_keys}  # a name, short or full
        self.blocks: list[ReviewBlock] = []
        self.reviewer: str | None = None
        self.column: int | None = None  # the tool whose section this is, by_tool
        self.by_tool = False
        self.heading_column: int | None = None  # the tool a review's own heading names
        # A table may have the personas heading its columns and a row per tool: the n-th
        # score in a tool's row is then the n-th persona's.
        self.header: list[str] = []
        self.in_row = 0
        # Under a persona's heading, a table with a column per tool may show "—" where
        # the persona gave that tool no score: the reviews after it are the next
        # tools'. Each review of the persona, and its place among the tools.
        self.run: list[tuple[ReviewBlock, int]] = []
        self.places = 0  # the places taken so far under this persona, "—" included
        # Only the last review has nothing after it to end it: whatever follows (a
        # footer's sentence, a disclaimer) could read as more of it.
        self.last_score = next(
            (j for j in range(stop - 1, start - 1, -1) if self.lines.score(j)), stop
        )
        self.several_paragraphs = False  # some review so far ran over several paragraphs
        self.last_end = start  # where the last review read so far ends
        # Every persona's block is laid out alike. Where nothing but a persona's name came
        # before the first block, a line shown once before a later block heads another
        # section ("Trending today", then other tools' scores): the scorecard ended there.
        # Lines the page repeats are its furniture ("Was this helpful?" under each review).
        # A heading over the first persona ("Panel Reviews") is the scorecard's: then the
        # second persona shows how a block starts.
        self.passed_at: list[int] = []  # lines passed over since the last block
        self.bare_first: bool | None = None  # the first block had none before it
        self.bare_second: bool | None = None  # nor had the second persona's heading
        self.first_names_tool: bool | None = None  # the first persona's heading names a tool
        # A grid may give a persona's scores in one row and their paragraphs in the
        # next: scores with no paragraph wait for the run's paragraphs, one each.
        self.waiting: list[ReviewBlock] = []
        self.first_row: int | None = None  # the first review read that way
        self.from_rows = 0  # how many were; all or none may be
        self._rests: tuple[set[str], bool] | None = None

    def read(self) -> list[ReviewBlock]:
        """Every review, checked whole; in the page's order."""
        i = self.start
        while i < self.stop and (step := self.step(i)) is not None:
            i = step
        self.check_complete(i)
        return self.blocks

    def step(self, i: int) -> int | None:
        """The line to read after line ``i``; None where the scorecard ended before it."""
        lines, name_keys = self.lines, self.name_keys
        if (score := lines.spread_score(i)) is not None:
            return self.score(i, score)
        key = lines.keys[i]
        if (
            key[:2] in self.name_starts
            and (end := self.reading.names_run(i, self.stop, name_keys)) > i + 1
        ):
            return end  # tools' names heading a table's columns, short names too
        if key in name_keys:
            return self.tool_name(i)
        if (
            not self.blocks
            and not self.header
            and (row := self.reading.persona_row(i, self.stop, name_keys))
        ):
            self.header, end = row
            return end
        if self.header and self.by_tool and is_no_score(lines.text[i]):
            self.in_row += 1  # "—": this persona has no score for the tool
            return i + 1
        if self.is_gap(i):
            return self.gap(i)
        if (heading_end := self.reading.persona_heading(i, name_keys)) is not None:
            return self.persona_heading(i, heading_end)
        if (
            verdict_before_score(lines, i)
            or (key in SCORE_LABELS and lines.score(i + 1) is not None)
            or (self.blocks and self.reading.is_link_text(i))
        ):
            # a verdict badge or a "Score" label over its score; a "Read more" link
            # after a review
            return i + 1
        if (
            self.blocks
            and not is_avatar(lines.text[i])
            and not self.reading.scores_soon(i, name_keys)
        ):
            self.reading.check_scored(i, f"reviews[{len(self.blocks)}]")
            self.check_none_of_ours_after(i)
            return None  # after the scores, the footer starts: nothing after it is data
        # Headings such as "Reviewer" or "Verdict", before scores or between them.
        if not is_avatar(lines.text[i]):
            self.passed_at.append(i)
        return i + 1

    def another_section(self) -> bool:
        if not self.reading.another_section(
            len(self.blocks), self.passed_at, self.bare_first or self.bare_second
        ):
            return False
        self.check_none_of_ours_after(self.passed_at[0])
        self.check_not_a_persona_s_run(self.passed_at)
        return True

    def check_not_a_persona_s_run(self, passed_at: list[int]) -> None:
        """One short heading over as many scores, each over its review's paragraph, as
        the last persona gave: a persona's block whose name does not read as one ("Indie
        hacker", in sentence case), not another section. Ending the scorecard there
        would leave its reviews out without a word."""
        lines, heading = self.lines, passed_at[-1]
        line = lines.text[heading]
        if len(passed_at) > 1 or not line[:1].isupper() or len(line.split()) > 4:
            return
        last = self.blocks[-1].reviewer
        scores, j = 0, heading + 1
        while j < self.stop and (score := lines.spread_score(j)) is not None:
            rest, j = score[2], score[3]
            if not (rest or self.reading.is_review_paragraph(j)):
                return
            scores += 1
            while j < self.stop and self.reading.is_review_paragraph(j):
                j += 1
        if scores and scores == sum(block.reviewer == last for block in self.blocks):
            raise self.reading.fail(
                f"reviews[{len(self.blocks)}].reviewer",
                "a persona's name over each persona's scores",
                f"{line!r} over {scores} scores and reviews, as the {last} has",
            )

    def check_run_whole(self, i: int) -> None:
        """The lines passed over since the last review were taken to head another
        section, and the score at line ``i`` to be that section's. Where the persona
        over the last reviews has scored fewer tools than the page compares, that score
        may be its next one, under a note on the review before ("Reviewed Apr 8"), and
        ending there would leave it out without a word."""
        if self.in_persona_run() and 0 < self.places < self.n_tools:
            raise self.reading.fail(
                f"reviews[{len(self.blocks)}]",
                "the scorecard's reviews in one run, each under its persona and score",
                f"{self.lines.text[self.passed_at[0]]!r} between the {self.reviewer}'s "
                f"review and the score {self.lines.text[i]!r}",
            )

    def check_none_of_ours_after(self, i: int) -> None:
        """The scorecard is taken to end at line ``i``, before another section or the
        footer. Where a persona of its own, or one of the site's critics, heads scores
        after that, the lines at ``i`` are inside the scorecard (a review's list of pros
        and cons, say), and ending there would leave those reviews out without a word."""
        lines, read = self.lines, {block.reviewer for block in self.blocks}
        for j in range(i, self.stop):
            persona = lines.persona(j)
            if persona is None or not (persona in read or persona.lower() in KNOWN_PERSONAS):
                continue
            if self.reading.scores_soon(j, self.name_keys):
                raise self.reading.fail(
                    f"reviews[{len(self.blocks)}]",
                    "the scorecard's reviews in one run, each under its persona and score",
                    f"{lines.text[i]!r} after the {self.blocks[-1].reviewer}'s review, "
                    f"then more scores under {persona!r}",
                )

    def score(self, i: int, score: Score) -> int | None:
        """A score at line ``i``: its review, or a wait for its paragraph."""
        if self.another_section():
            self.check_run_whole(i)
            return None
        value, verdict, rest, end = score
        if rest and self.is_note(rest, end):
            rest = ""  # "88/100 · ship · Apr 8, 2026": not the start of the review
        reviewer = self.scorer(i)
        if verdict is None:
            raise self.reading.fail(
                f"reviews[{len(self.blocks)}].verdict",
                '"ship" or "skip" after the score',
                self.lines.text[i],
            )
        column = self.column if self.by_tool else self.heading_column
        block = ReviewBlock(reviewer, column, value, verdict, "", 1)
        if self.in_persona_run():
            gapped = self.places > len(self.run)  # a place not a review: a "—"
            if gapped and self.places >= self.n_tools:
                raise self.reading.fail(
                    f"reviews[{len(self.blocks)}]",
                    f'at most {self.n_tools} scores or "—" under the {reviewer}',
                )
            if gapped:
                block.column = self.places
            self.run.append((block, self.places))
            self.places += 1
        if not rest and not self.header and self.reading.score_follows(end, self.stop):
            self.waiting.append(block)
            return end
        if self.waiting:
            end = self.row_of_paragraphs(block, end)
        else:
            end = self.paragraphs_of(block, i, end, rest)
        if self.bare_first is None:
            self.bare_first = not self.passed_at
        self.passed_at = []
        self.last_end = end
        return end

    def is_note(self, rest: str, end: int) -> bool:
        """What follows a verdict on its line is a note on the score, not its review's
        start: a date, or when ("2 days ago"); a line of a shape that follows more than
        one score (:meth:`note_shapes`); or a short line over a paragraph ("(was 82)",
        "edited") where some score has nothing after it: the reviews begin under their
        scores there, and so does this one."""
        return (
            DATELINE.match(rest) is not None
            or TIME_AGO.match(rest) is not None
            or line_shape(rest) in self.note_shapes()
            or (
                _may_be_note(rest)
                and self.some_score_bare()
                and end < self.stop
                and is_prose(self.lines.text[end])
            )
        )

    def note_shapes(self) -> set[str]:
        """The shapes (:func:`line_shape`) of what follows the verdict on more than one
        score's line, short and no sentence: a note on each score ("Apr 8, 2026", "2
        days ago", "high confidence"), not the start of its review, which is no two
        reviews' alike."""
        return self.rests()[0]

    def some_score_bare(self) -> bool:
        """Some score has nothing after it on its line: its review begins under it."""
        return self.rests()[1]

    def rests(self) -> tuple[set[str], bool]:
        if self._rests is None:
            shapes: Counter[str] = Counter()
            bare = False
            for j in range(self.start, self.stop):
                if (score := self.lines.score(j)) is None:
                    continue
                if not (rest := score[2]):
                    bare = True
                elif _may_be_note(rest):
                    shapes[line_shape(rest)] += 1
            self._rests = {shape for shape, times in shapes.items() if times > 1}, bare
        return self._rests

    def scorer(self, i: int) -> str:
        """Who gave the score at line ``i``: the persona over it, or the one heading its
        column in a table."""
        at = f"reviews[{len(self.blocks)}]"
        # Paragraphs like reviews before the first score: the scores are not in the
        # page's text (drawn, or in a button), and this one is some other section's.
        # One may be the scorecard's introduction.
        if not self.blocks and sum(map(self.reading.is_review_paragraph, self.passed_at)) > 1:
            raise self.reading.fail(
                f"{at}.score",
                'a "NN/100 · ship" score over each review',
                "paragraphs with no score: " + self.lines.text[self.passed_at[-1]][:40],
            )
        if self.header and self.by_tool:
            if self.in_row >= len(self.header):
                raise self.reading.fail(at, f"at most {len(self.header)} scores in a tool's row")
            self.reviewer, self.in_row = self.header[self.in_row], self.in_row + 1
        if self.reviewer is None:
            self.reading.check_not_text_first(self.passed_at, at)
            raise self.reading.fail(
                f"{at}.reviewer", "a persona name before the score", self.lines.text[i]
            )
        if not self.blocks:
            for line in self.passed_at:
                self.reading.check_scored(line, at)
        return self.reviewer

    def row_of_paragraphs(self, block: ReviewBlock, end: int) -> int:
        """The last of a run of scores: the run's paragraphs follow, one each."""
        self.waiting.append(block)
        end = self.reading.paragraph_row(
            self.waiting, end, self.stop, self.name_keys, len(self.blocks)
        )
        self.first_row = len(self.blocks) if self.first_row is None else self.first_row
        self.from_rows += len(self.waiting)
        self.blocks += self.waiting
        self.waiting = []
        return end

    def paragraphs_of(self, block: ReviewBlock, i: int, end: int, rest: str) -> int:
        """The paragraphs after the score at line ``i``, from line ``end`` on (``rest``:
        what followed the score on its own line), as ``block``'s text."""
        text_lines, pros_and_cons, end = self.reading.review_paragraphs(
            end,
            self.stop,
            self.name_keys,
            rest,
            may_run_on=self.several_paragraphs or i < self.last_score,
        )
        block.paragraphs = sum(len(line) > 1 for line in text_lines)  # not "”"
        self.several_paragraphs = self.several_paragraphs or block.paragraphs > 1
        # The pros and cons follow the paragraph, outside the quotation marks around it.
        block.text = " ".join([without_quotes(text_lines), *pros_and_cons])
        if not block.text:
            raise self.reading.fail(
                f"reviews[{len(self.blocks)}].text",
                f"the {block.reviewer}'s paragraph after its score",
            )
        if end < self.stop and PROS_AND_CONS_HEADING.match(self.lines.text[end]):
            # Paragraphs under it, not a list: where they end is a guess, and the next
            # review, or this one's pros, would be lost or misread without a word.
            after = self.lines.text[end + 1] if end + 1 < len(self.lines) else ""
            raise self.reading.fail(
                f"reviews[{len(self.blocks)}].text",
                f'pros and cons after the {block.reviewer}\'s review as "Pros: ..." lines,'
                " or as a list under their heading",
                f"{self.lines.text[end]!r}, then {after[:40]!r}",
            )
        self.blocks.append(block)
        return end

    def tool_name(self, i: int) -> int | None:
        """A tool's name at line ``i``. One name then scores: that tool's own section.
        Several names in a row head the columns of a table: nothing to read there."""
        lines, name_keys = self.lines, self.name_keys
        end = i
        while end < self.stop and lines.keys[end] in name_keys:
            end += 1
        if end == i + 1 and (
            self.header  # under personas heading the columns, a name starts a row
            or lines.score(i + 1)
            or verdict_before_score(lines, i + 1)
            or self.reading.is_persona(i + 1, name_keys)
        ):
            if self.another_section():
                return None
            self.reading.check_row(self.header, self.in_row, self.column)
            self.by_tool = True
            self.column = nth_match(name_keys, lines.keys[i], self.column)
            self.in_row = 0
        return end

    def persona_heading(self, i: int, end: int) -> int | None:
        """A persona's heading over lines ``i`` to ``end``. A tool's name under a
        persona where the first persona had none is another section's heading over
        that tool ("More Comparisons")."""
        names_tool = self.lines.keys[end] in self.name_keys
        if self.first_names_tool is None:
            self.first_names_tool = names_tool
        if self.blocks and self.bare_second is None:
            self.bare_second = not self.passed_at
        if self.another_section() or (self.blocks and names_tool and not self.first_names_tool):
            return None
        self.reviewer, self.heading_column = self.reading.persona_of_heading(i, self.name_keys)
        self.run, self.places = [], 0
        return end

    def in_persona_run(self) -> bool:
        """The scores now read are a persona's, in the cards' order, under its heading
        (not in a tool's section or row, nor under a heading naming their tool)."""
        return (
            self.reviewer is not None
            and not self.by_tool
            and not self.header
            and self.heading_column is None
        )

    def is_gap(self, i: int) -> bool:
        """Line i is a "—" in a persona's run, with room for it among the tools and more
        of the scorecard after it (a "—" after the last review ends the scorecard)."""
        return (
            is_no_score(self.lines.text[i])
            and self.in_persona_run()
            and self.places < self.n_tools
            and self.reading.scores_soon(i, self.name_keys)
        )

    def gap(self, i: int) -> int:
        """A "—" where a score of the persona would be: it gave that tool none. Its
        reviews so far, and all after it, are placed by position, the gap included."""
        for block, place in self.run:
            block.column = place
        self.places += 1
        return i + 1

    def check_complete(self, i: int) -> None:
        """The scorecard ended at line ``i``: every score has its paragraph, and nothing
        says the page was cut off or a review lost its score."""
        reading, blocks = self.reading, self.blocks
        reading.check_row(self.header, self.in_row, self.column)
        if self.waiting:
            raise reading.fail(
                f"reviews[{len(blocks)}].text",
                f"the {self.waiting[0].reviewer}'s paragraph after its score",
            )
        if not blocks:
            raise reading.fail(
                "reviews", 'at least one "NN/100 · ship" score under "Reviewer scorecard"'
            )
        if self.first_row is not None and self.from_rows < len(blocks):
            # Every persona's paragraphs follow all its scores, or none do: where only
            # some do, one review lacks its paragraph and the next one's was taken.
            raise reading.fail(
                f"reviews[{self.first_row}].text",
                f"the {blocks[self.first_row].reviewer}'s paragraph after its score",
            )
        # where the footer starts, or, where the page ran out, what followed the last review
        after = i if i < len(self.lines) else self.last_end
        reading.check_not_cut_off(blocks, after, self.name_keys, self.by_tool)
        if self.several_paragraphs:
            reading.check_each_review_scored(blocks, self.n_tools)
        if i == self.last_end < len(self.lines):  # what ended it came right after a review
            reading.check_no_review_after(blocks, i, self.n_tools)
        self.check_no_readers_after()

    def check_no_readers_after(self) -> None:
        """After the last persona that reviews every tool, names the page's own (none of
        the site's critics) with fewer reviews: a box of readers' reviews after the
        scorecard with no heading over it ("Jane Doe" over "80/100 · ship" over a
        paragraph) reads as more personas, and would be stored as the panel's. One of
        the site's critics there may lack a review, as any persona may before it."""
        if self.n_tools < 2 or self.blocks[-1].reviewer.lower() in KNOWN_PERSONAS:
            return  # the last review is a critic's, as on most pages: no reader after it
        counts = Counter(block.reviewer for block in self.blocks)
        whole = [n for n, block in enumerate(self.blocks) if counts[block.reviewer] >= self.n_tools]
        if not whole:
            return
        for n in range(whole[-1] + 1, len(self.blocks)):
            reviewer = self.blocks[n].reviewer
            if reviewer.lower() not in KNOWN_PERSONAS:
                raise self.reading.fail(
                    f"reviews[{n}].reviewer",
                    f"a persona who reviews the {self.n_tools} tools, or one of the site's "
                    "critics, after the personas who review them all",
                    f"{reviewer!r} with {counts[reviewer]} of them after those, as a "
                    "readers' review is",
                )


def _may_be_note(rest: str) -> bool:
    """What follows a score on its line could be a note on it: short, and no sentence."""
    return len(rest) <= 40 and not ends_sentence(rest) and closing_quote(rest) is None
