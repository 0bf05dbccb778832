"""The Reviewer scorecard: each score with its persona, verdict and paragraph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from parsers._fields import closing_quote, opens_sentence, strip_quotes
from parsers.compare._line_kinds import (
    ends_sentence,
    is_decoration,
    is_initial,
    is_prose,
    is_section_heading,
    key_of,
    line_shape,
    persona_name,
    review_verdict,
)
from parsers.compare._parts import Card, ReviewBlock
from parsers.compare._personas import PersonaReading, tool_named
from parsers.compare._review_order import columns_named, in_persona_order, telling_words
from parsers.compare._scorecard_walk import ScorecardWalk
from parsers.compare._words import (
    CONTROL_LABEL,
    FILTER_TAB,
    FOOTER_START,
    KNOWN_PERSONAS,
    PROS_AND_CONS,
    PROS_AND_CONS_HEADING,
)


def runs_on(paragraphs: list[str], line: str, may_run_on: bool) -> bool:
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


def still_quoted(paragraphs: list[str]) -> bool:
    """``paragraphs`` open with a quotation mark that none of them has closed."""
    closing = closing_quote(paragraphs[0])
    return closing is not None and not paragraphs[-1].endswith(closing)


def is_known(persona: str | None) -> bool:
    """``persona`` is one of the site's critics."""
    return persona is not None and persona.lower() in KNOWN_PERSONAS


def one_review(paragraphs: Sequence[str]) -> bool:
    """``paragraphs`` are one review's: one paragraph, or several inside one pair of
    quotation marks (where a review opens, and where it ends, is then plain)."""
    if len(paragraphs) == 1:
        return True
    closing = closing_quote(paragraphs[0])
    return (
        closing is not None
        and paragraphs[-1].endswith(closing)
        and not any(paragraph.endswith(closing) for paragraph in paragraphs[:-1])
        and not any(closing_quote(paragraph) for paragraph in paragraphs[1:])
    )


class ScorecardReading(PersonaReading):
    """The Reviewer scorecard: a "NN/100 · ship" score and a paragraph per review."""

    def scorecard(self, start: int, stop: int, cards: list[Card]) -> list[ReviewBlock]:
        """The reviews between lines ``start`` and ``stop``, in persona order, each
        with its tool's column."""
        self._scorecard_lines = (start, stop)
        walk = ScorecardWalk(self, start, stop, cards)
        blocks = walk.read()
        if not walk.by_tool:
            self.assign_columns(blocks, cards)
        return in_persona_order(blocks)

    def check_every_tab_read(self, blocks: list[ReviewBlock], cards: list[Card]) -> None:
        """A scorecard in tabs, a persona or a tool each, where the page holds fewer
        panels with text than tabs: a script fills in a panel when its tab is chosen,
        and the record would hold the open tab's reviews alone, with nothing to say so.
        A tab that filters the scorecard ("All") may be the open one and show every
        review: then no persona's or tool's tab is missing one."""
        reviewed = {key_of(block.reviewer) for block in blocks}
        reviewed |= {key_of(cards[block.column or 0].name) for block in blocks}
        for tabs in self.tab_lists:
            if tabs.panels_with_text >= len(tabs.labels):
                continue
            keys = {label: key_of(persona_name(label) or label) for label in tabs.labels}
            if reviewed.isdisjoint(keys.values()):
                continue  # another row of tabs than the scorecard's
            unread = [
                label
                for label, key in keys.items()
                if key not in reviewed and not FILTER_TAB.match(key)
            ]
            if unread:
                read = tabs.panels_with_text
                raise self.fail(
                    "reviews",
                    "each of the scorecard's tabs with its panel in the page",
                    f"no reviews for {', '.join(unread)}: {read} panel{'s' * (read != 1)} "
                    f"with text for {len(tabs.labels)} tabs; a script fills in the others",
                )

    def check_not_cut_off(
        self, blocks: list[ReviewBlock], after: int, name_keys: list[str], by_tool: bool
    ) -> None:
        """A body cut off in the scorecard may still close its tags (a renderer that fails
        part way, a proxy). Line ``after`` follows the scorecard: where the page ends
        there, its last review must end a sentence, and no review's heading may be all
        that comes after it."""
        if after >= len(self.lines) and not ends_sentence(blocks[-1].text):
            raise self.fail(
                f"reviews[{len(blocks) - 1}].text",
                "a whole paragraph where the page ends (a body cut off mid-sentence?)",
                blocks[-1].text[-60:],
            )
        if self.ends_with_a_heading(after, blocks, name_keys, by_tool=by_tool):
            raise self.fail(
                "reviews", "scores under the heading the page ends with (a body cut off?)"
            )

    def check_each_review_scored(self, blocks: list[ReviewBlock], n_tools: int) -> None:
        """A score left out between two reviews runs the second review into the first.
        Where every persona with a score for each tool wrote one paragraph per review,
        a review of several paragraphs from a persona with fewer scores is two reviews
        under one score, and which tool the second is about is unknown."""
        scores = Counter(block.reviewer for block in blocks)
        complete = [block for block in blocks if scores[block.reviewer] >= n_tools]
        if not complete or any(block.paragraphs > 1 for block in complete):
            return
        for index, block in enumerate(blocks):
            given = scores[block.reviewer]
            if block.paragraphs > 1 and given < n_tools:
                raise self.fail(
                    f"reviews[{index}].score",
                    "a score over each review",
                    f"the {block.reviewer}'s review runs over {block.paragraphs} paragraphs, "
                    f"as no other does; {given} score{'s' * (given > 1)} for {n_tools} tools",
                )

    def check_no_review_after(self, blocks: list[ReviewBlock], i: int, n_tools: int) -> None:
        """Line i, right after the last review, ended the scorecard. Where it reads like
        a review and the last persona has fewer scores than tools, it is that persona's
        last review without its score, not the start of the footer."""
        last = blocks[-1].reviewer
        if self.is_review_paragraph(i) and sum(b.reviewer == last for b in blocks) < n_tools:
            raise self.fail(
                f"reviews[{len(blocks)}].score",
                "a score over each review",
                f"a paragraph with none, after the {last}'s last review: "
                + self.lines.text[i][:40],
            )

    def another_section(self, n_blocks: int, passed_at: list[int], bare: bool | None) -> bool:
        """The lines passed over since the last review (``passed_at``) head another
        section, so the scorecard ended before them. Only where the reviews are ``bare``
        (nothing but a persona's heading over them), and only where some of those lines
        are not the page's furniture; a critic's name over a paragraph with no score is
        an error instead."""
        if not (n_blocks and passed_at and bare):
            return False
        lines = self.lines
        if {line_shape(lines.text[at]) for at in passed_at} <= self.repeated_shapes():
            return False
        # A critic's name over a review's paragraph, but no score: not another
        # section, but a block of this one that lacks its score.
        for at in passed_at:
            if lines.persona(at) is not None and self.is_review_paragraph(at + 1):
                raise self.fail(
                    f"reviews[{n_blocks}].score",
                    f'a "NN/100 · ship" score between "{lines.text[at]}" and its paragraph',
                    lines.text[at + 1][:60],
                )
        return True

    def review_paragraphs(
        self, end: int, stop: int, name_keys: list[str], rest: str, *, may_run_on: bool
    ) -> tuple[list[str], list[str], int]:
        """A review's text from line ``end``, after its score (``rest``: what the score's
        own line says after it), its pros and cons after it ("Pros: …", "Cons: …"), and
        the line after them. With ``may_run_on``, the text may run over several
        paragraphs."""
        lines = self.lines
        end = self.past_controls(end, stop)
        if not rest:
            end = self.past_furniture(end, stop, name_keys)
        text_lines = [rest] if rest else []
        # Inside a quotation mark that has not closed, a line the page repeats is still
        # the review's: two reviews may share a paragraph. Were the mark never closed,
        # the review ends where such a line began, as it would outside one.
        repeated_at: int | None = None
        while end < stop and self.is_review_text(end, name_keys, not text_lines):
            if text_lines:
                if not runs_on(text_lines, lines.text[end], may_run_on):
                    break
                if self.is_furniture(end):
                    if not still_quoted(text_lines):
                        break
                    repeated_at = len(text_lines) if repeated_at is None else repeated_at
            text_lines.append(lines.text[end])
            end += 1
        closing = closing_quote(text_lines[0]) if text_lines else None
        if closing and end < stop and lines.text[end] == closing:
            text_lines.append(closing)  # the closing mark in an element of its own
            end += 1
        if repeated_at is not None and still_quoted(text_lines):
            end -= len(text_lines) - repeated_at
            del text_lines[repeated_at:]
        pros_and_cons: list[str] = []
        while text_lines and end < stop:
            if PROS_AND_CONS.match(lines.text[end]):
                pros_and_cons.append(lines.text[end])
                end += 1
            elif (after := self.list_under_heading(end, stop)) > end:
                pros_and_cons += lines.text[end:after]
                end = after
            else:
                break
        return text_lines, pros_and_cons, end

    def list_under_heading(self, i: int, stop: int) -> int:
        """Where a list of pros or cons under its heading at line i ends ("Pros", then an
        item a line), or i where there is none. Only an HTML list counts, the line after
        the heading its first item (:attr:`list_starts`) and the next lines its others
        (:attr:`listed`): paragraphs under the heading may run into the next persona's
        name, and the page fails instead."""
        lines = self.lines
        if (
            i + 1 >= stop
            or lines.text[i + 1] not in self.list_starts
            or not PROS_AND_CONS_HEADING.match(lines.text[i])
        ):
            return i
        end = i + 2
        while end < stop and lines.text[end] in self.listed:
            end += 1
        return end

    def names_run(self, i: int, stop: int, name_keys: list[str]) -> int:
        """Where a run of tools' names from line i ends (i: none there). A name may be
        the short one ("Claude 4 API"), as a table's header row may write it."""
        lines, j = self.lines, i
        while j < stop and tool_named(name_keys, lines.keys[j]) is not None:
            j += 1
        return j

    def check_not_text_first(self, passed_at: list[int], at: str) -> None:
        """A persona's name, then a paragraph, then the first score: a review's
        paragraph comes before its score, where not every persona's block has them so
        (:meth:`scores_put_first` reads those that do; which paragraph goes with which
        score is otherwise a guess). Say so, rather than that the name is missing."""
        lines = self.lines
        for k, line in enumerate(passed_at[:-1]):
            if self.known_persona(line) and self.is_review_paragraph(passed_at[k + 1]):
                raise self.fail(
                    f"{at}.score",
                    "each score under its persona's name, over its paragraph",
                    f"the {lines.persona(line)}'s paragraph before its score: "
                    + lines.text[passed_at[k + 1]][:40],
                )

    def scores_put_first(self, start: int, stop: int) -> list[str] | None:
        """The page's lines with each review's score moved over its paragraph, where the
        scorecard (lines ``start`` to ``stop``) gives every review paragraph first, under
        its persona's name: "Builder", paragraph, "88/100 · ship", paragraph, "72/100 ·
        skip". None where it does not.

        Only where that holds for every persona's block, without exception: each block
        is its name, then a paragraph and a score in turn, ending with a score. Where a
        name is followed by a line about the persona, or a paragraph lacks its score,
        which paragraph goes with which score would be a guess, and the reading fails
        as before.
        """
        lines = self.lines
        first_score = lines.first_score(start, stop)
        if first_score is None or first_score == start:
            return None
        if self.attribution(first_score - 1) and self.is_paragraph(first_score - 2):
            return self.attributions_put_first(start, stop)
        spread = lines.spread_score(first_score)
        if spread and self.signer(spread[2]) and self.is_paragraph(first_score - 1):
            return self.signatures_put_apart(start, stop)
        if spread and spread[1] is None and not spread[2]:
            return self.verdicts_put_first(start, stop)
        if not any(map(self.known_persona_over_prose, range(start, first_score))):
            return None  # as on most pages: the first persona's name is over a score
        heads = [i for i in range(start, stop) if self.known_persona(i)]
        if not all(map(self.known_persona_over_prose, heads)):
            return None
        order = list(range(heads[0]))
        for n, head in enumerate(heads):
            j = self.past_initial(head + 1)
            order += range(head, j)
            last = n == len(heads) - 1
            end = stop if last else heads[n + 1]
            pairs = 0
            while j < end:
                text = j
                while text < end and lines.score(text) is None and self.is_paragraph(text):
                    text += 1
                score = lines.spread_score(text) if j < text < end else None
                if score is None or score[1] is None or score[2]:
                    break  # not paragraphs, then a score and its verdict with no more text
                if not one_review(lines.text[j:text]):
                    return None  # a line about the persona over its first review, say
                order += [*range(text, score[3]), *range(j, text)]
                pairs += 1
                j = score[3]
            if not pairs or (j < end and not last):
                return None
            if lines.first_score(j, end) is not None:
                return None  # a score left over, with no paragraph of its own over it
            order += range(j, end)
        order += range(stop, len(lines))
        return [lines.text[i] for i in order]

    def attributions_put_first(self, start: int, stop: int) -> list[str] | None:
        """The page's lines with each review's persona and score moved over its
        paragraph, where every review in the scorecard (lines ``start`` to ``stop``) is a
        paragraph, then its persona's name ("— Builder," as under a quotation), then its
        score; None where one is not.

        The scorecard must end with a score, right before the site's footer, the grid or
        another section's heading: a page whose reviews sit under their scores, one box
        per review, reads alike from an introduction over the first persona on, save that
        its last line is a paragraph. Such a page that lacks its last paragraph would
        still read this way.
        """
        text = self.lines.text
        put = text[:start]
        done = start  # the end of the last review read
        for head in range(start, stop):
            if (persona := self.attribution(head)) is None:
                continue
            first = head
            while (
                first > done
                and self.lines.score(first - 1) is None
                and self.is_paragraph(first - 1)
            ):
                first -= 1
            if first == head and self.is_paragraph(head + 1):
                continue  # a persona's name as the heading over its reviews
            score = self.lines.spread_score(head + 1)
            if first == head or score is None or score[1] is None or score[2]:
                return None  # a persona's name with no paragraph over it, or no score under
            if not one_review(text[first:head]) or not self.headings_only(done, first, start):
                return None  # two paragraphs for one review, or one between two reviews
            # Headings between reviews stay: a tool's name, as a page laid out tool by
            # tool has it; a persona's name over its reviews goes, as the review is put
            # under it again.
            between = [text[i] for i in range(done, first) if self.attribution(i) != persona]
            put += [*between, persona, *text[head + 1 : score[3]], *text[first:head]]
            done = score[3]
        if done == start:
            return None
        # After the last review: the site's footer, the grid, or another section's
        # heading ("Trending today"), never a paragraph. A page cut off right after a
        # score must not read as one that ends so.
        if done == stop < len(text) or (done < len(text) and self.lines.keys[done] == FOOTER_START):
            if self.lines.first_score(done, stop) is not None:
                return None
        elif done == len(text) or not is_section_heading(text[done]):
            return None
        return put + text[done:]

    def signatures_put_apart(self, start: int, stop: int) -> list[str] | None:
        """The page's lines with each score's signature put on a line of its own over it,
        where every score in the scorecard (lines ``start`` to ``stop``) is signed on its
        line, under its paragraph: "88/100 · ship — Builder" becomes "— Builder", then
        "88/100 · ship", as :meth:`attributions_put_first` reads them. None where one
        score is not."""
        text = self.lines.text
        put = text[:start]
        for i in range(start, stop):
            if (parsed := self.lines.score(i)) is None:
                put.append(text[i])
                continue
            rest = parsed[2]
            if (persona := self.signer(rest)) is None:
                return None
            put += [f"— {persona}", text[i][: len(text[i]) - len(rest)].rstrip(" ·•|,—–-(")]
        return put + text[stop:]

    def signer(self, rest: str) -> str | None:
        """The critic who signs a score, named after it on its line ("— Builder",
        "(Builder)"): ``rest`` is what follows the score and its verdict."""
        return self.attribution_of(rest.strip(" ()")) if rest else None

    def verdicts_put_first(self, start: int, stop: int) -> list[str] | None:
        """The page's lines with each review's verdict moved up to its score, where every
        score in the scorecard (lines ``start`` to ``stop``) stands alone, with its
        paragraph under it and its verdict under that: "88/100", paragraph, "Ship".
        None where one does not.

        Every score must be so: were the layout taken score by score, a verdict under
        one paragraph would read as the badge over the next score, and each verdict
        would go to the review after its own.
        """
        lines = self.lines
        order = list(range(start))
        done = start
        for i in range(start, stop):
            if (parsed := lines.score(i)) is None:
                continue
            if parsed[1] is not None or parsed[2]:
                return None
            j = i + 1
            while j < stop and lines.score(j) is None and self.is_paragraph(j):
                j += 1
            if j == i + 1 or j == stop or review_verdict(lines.keys[j]) is None:
                return None  # no paragraph under the score, or no verdict under that
            if not one_review(lines.text[i + 1 : j]):
                return None
            order += [*range(done, i + 1), j, *range(i + 1, j)]
            done = j + 1
        order += range(done, len(lines))
        return [lines.text[i] for i in order]

    def headings_only(self, done: int, first: int, start: int) -> bool:
        """Lines ``done`` to ``first``, between two reviews, are no paragraph and no
        score; before the first review (from ``start``), anything goes."""
        return done == start or not any(
            self.is_paragraph(i) or self.lines.score(i) is not None for i in range(done, first)
        )

    def attribution(self, i: int) -> str | None:
        """The persona line i names, written as a name is under a quotation ("— Builder,",
        "— The Builder, Developer Perspective") or plain; one of the site's personas only."""
        return self.attribution_of(self.lines.text[i]) if i >= 0 else None

    def attribution_of(self, line: str) -> str | None:
        bare = line.lstrip("—–- ").rstrip(",") if line[:1] in "—–-" else line
        bare = bare.partition(", ")[0]  # the persona's role after a comma
        persona = persona_name(bare) if len(bare) <= 40 else None
        return persona if is_known(persona) else None

    def check_scored(self, i: int, at: str) -> None:
        """Line i is not a critic's name over a review's paragraph with no score between
        them: that review, the first or the last, would be left out unread."""
        if self.known_persona(i) and self.is_review_paragraph(i + 1):
            raise self.fail(
                f"{at}.score",
                f'a "NN/100 · ship" score between "{self.lines.text[i]}" and its paragraph',
                self.lines.text[i + 1][:60],
            )

    def known_persona(self, i: int) -> bool:
        """Line i names one of the site's personas."""
        return is_known(self.lines.persona(i))

    def known_persona_over_prose(self, i: int) -> bool:
        """Line i names one of the site's personas, and a review's paragraph comes next
        (after an avatar initial, if any)."""
        return self.known_persona(i) and self.is_review_paragraph(self.past_initial(i + 1))

    def past_initial(self, i: int) -> int:
        """Line i, or the line after it where it is an avatar initial ("B")."""
        return i + (i < len(self.lines) and is_initial(self.lines.text[i]))

    def past_controls(self, i: int, stop: int) -> int:
        """The first line from i that is neither a toggle's label ("Read full review")
        nor a bar drawn in glyphs: what sits between a score and its paragraph."""
        lines = self.lines
        while i < stop and (CONTROL_LABEL.match(lines.keys[i]) or is_decoration(lines.text[i])):
            i += 1
        return i

    def past_furniture(self, i: int, stop: int, name_keys: list[str]) -> int:
        """The first line from i past short lines of a shape the page shows more than
        once ("Review", "Nov 3, 2026", "Confidence: high" over every review), where a
        paragraph of the review follows them: they are the page's, not the review's."""
        lines = self.lines
        j = i
        while (
            j < stop
            and not is_prose(lines.text[j])
            and lines.score(j) is None
            and not self.known_persona(j)
            and self.is_furniture(j)
        ):
            j += 1
        if (
            j > i
            and j < stop
            and is_prose(lines.text[j])
            and self.is_review_text(j, name_keys, True)
        ):
            return j
        return i

    def score_follows(self, i: int, stop: int) -> bool:
        """Another score comes at line i, with nothing between (but a toggle's label or
        a drawn bar): the one before it has no paragraph of its own under it."""
        i = self.past_controls(i, stop)
        # "88/100 is generous; ..." opens the paragraph: the score's own is its text
        return (
            i < stop and self.lines.score(i) is not None and not opens_sentence(self.lines.text[i])
        )

    def paragraph_row(
        self, run: list[ReviewBlock], i: int, stop: int, name_keys: list[str], first: int
    ) -> int:
        """A persona's scores came one after another (``run``, reviews ``first`` on); from
        line i, a paragraph for each, in the same order, fills in their texts. Returns
        the line after them."""
        lines = self.lines
        i = self.past_controls(i, stop)
        for n, block in enumerate(run):
            if i < stop and is_prose(lines.text[i]) and self.is_review_text(i, name_keys, n == 0):
                block.text = strip_quotes(lines.text[i])
                i += 1
                continue
            # Fewer paragraphs than scores: most likely the first score's paragraph is
            # missing, and the next score's followed its own score.
            raise self.fail(
                f"reviews[{first}].text", f"the {run[0].reviewer}'s paragraph after its score"
            )
        return i

    def is_review_paragraph(self, i: int) -> bool:
        """Line i reads like a critic's paragraph: long prose (a box's blurb is short)."""
        return i < len(self.lines) and len(self.lines.text[i]) >= 80 and self.is_paragraph(i)

    def ends_with_a_heading(
        self, i: int, blocks: list[ReviewBlock], name_keys: list[str], *, by_tool: bool
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
            if is_initial(lines.text[at]) or lines.keys[at] in name_keys:
                continue
            persona = lines.persona(at)
            if persona is None or not (persona in seen or persona.lower() in KNOWN_PERSONAS):
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
            if is_initial(lines.text[j]) and j + 1 < stop and lines.persona(j + 1):
                j += 1  # an avatar initial over the name
                continue
            persona = lines.persona(j)
            if persona is None:
                return None
            personas.append(persona)
            j += 1
            if j < stop and lines.is_role_line(j - 1, j):
                j += 1
        if len(personas) < 2 or not self.scores_past_dashes(j, name_keys):
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

    def scores_soon(self, i: int, name_keys: list[str]) -> bool:
        """More of the scorecard follows within a few lines of line i: an unknown line
        between two reviewers' blocks must not end the scorecard early."""
        if self.lines.keys[i] == FOOTER_START:
            return False
        return any(
            self.scores_from(j, name_keys) or self.is_persona(j, name_keys)
            for j in range(i + 1, min(i + 4, len(self.lines)))
        )

    def assign_columns(self, blocks: list[ReviewBlock], cards: list[Card]) -> None:
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
                words = words or telling_words(cards)
                columns = columns_named(run, words) or columns
            for block, column in zip(run, columns, strict=True):
                block.column = column
            start = end

    def is_review_text(self, i: int, name_keys: list[str], first: bool) -> bool:
        lines = self.lines
        if lines.keys[i] == FOOTER_START:
            return False
        if lines.score(i) is not None and not (first and opens_sentence(lines.text[i])):
            return False
        if first:
            # anything but a critic's name: the next review's heading, or this one's
            # out of place, is no part of its text; nor is the avatar initial over it
            return not self.known_persona(i) and not (
                is_initial(lines.text[i]) and i + 1 < len(lines) and self.known_persona(i + 1)
            )
        # A paragraph may run over several blocks; short title-like lines are not prose.
        line = lines.text[i]
        if not is_prose(line):
            return False
        return lines.keys[i] not in name_keys and not self.is_persona(i, name_keys)
