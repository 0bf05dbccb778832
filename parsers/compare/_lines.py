"""The page's visible lines, with runs of glued text split and each line's key computed once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from parsers._fields import icon_verdict, parse_score, slugify
from parsers.compare._line_kinds import (
    ends_sentence,
    is_small_number,
    is_stat_value,
    key_of,
    name_over_role,
    persona_name,
    review_verdict,
    sentence_case_name,
)
from parsers.compare._words import (
    ACTION_LINK,
    CONTROL_LABEL,
    GLUED_STAT,
    LABEL_SYNONYMS,
    LONE_SEPARATORS,
    LONGEST_KEY,
    MARKED_END,
    NAMED_SCORE,
    NOT_PERSONAS,
    PLAIN_START,
    REVIEW_VERDICTS,
    SEPARATORS,
    SLASH_100,
    SPECIAL_END,
    STAT_LABELS,
    STAT_THEN_VALUE,
    STRIP_LABEL,
    TOOL_LINK,
)


class Lines:
    """The page's visible lines with what is asked of each line computed once."""

    def __init__(self, lines: list[str]) -> None:
        self.text: list[str] = []
        self.keys: list[str] = []
        text, keys = self.text, self.keys
        for line in lines:
            if len(line) > LONGEST_KEY:
                text.append(line)
                keys.append("")
                continue
            first = line[0]
            if first in PLAIN_START and line[-1] not in SPECIAL_END:
                key = line.lower().rstrip(": ")  # key_of, inlined: this runs for every line
            elif line in LONE_SEPARATORS:  # "Ship", "·", "4 ship / 0 skip" in blocks of their own
                continue
            elif first == "/" and text and is_small_number(text[-1]) and SLASH_100.match(line):
                text[-1] += line  # a big "88" over a small "/100": one score
                keys[-1] = key_of(text[-1])
                continue
            elif not first.isdigit() and (parts := split_named_score(line)):
                text += parts
                keys += map(key_of, parts)
                continue
            elif first in PLAIN_START and line[-1] not in MARKED_END:  # mostly scores
                key = line.lower().rstrip(": ")
            else:
                key = key_of(line)
            if (
                len(line) <= 80
                and ("panel ship" in key or "community" in key or "entry" in key)
                and key not in STAT_LABELS
            ):
                whole_strip = "panel ship" in key and ("community" in key or "entry" in key)
                unglued: Sequence[str] | None = (whole_strip and unglue_strip(line)) or (
                    unglue(line, in_strip=any(k in STAT_LABELS for k in keys[-2:]))
                    if len(line) <= 40
                    else None
                )
                if unglued:
                    text += unglued
                    keys += map(key_of, unglued)
                    continue
                key = LABEL_SYNONYMS.get(key, key)
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

    def first_score(self, start: int, stop: int) -> int | None:
        """The first line from ``start`` up to ``stop`` that holds a score, if any."""
        return next((i for i in range(start, stop) if self.score(i) is not None), None)

    def score(self, i: int) -> tuple[int, str | None, str] | None:
        if i >= self.count:
            return None
        key = self.keys[i]  # "" for a long line, which may still open with its score
        if not (self.text[i][:1].isdigit() or key[:5] == "score" or key[:4] in REVIEW_VERDICTS):
            return None
        if i not in self._scores:
            self._scores[i] = parse_score(self.text[i])
        return self._scores[i]

    def spread_score(self, i: int) -> tuple[int, str | None, str, int] | None:
        """A score at line i, possibly spread over a few short lines ("88/100", "·",
        "ship"): its value, its verdict, the rest of its line, and the line after it."""
        parsed = self.score(i)
        if parsed is None:
            return None
        value, verdict, rest = parsed
        j = i + 1
        if verdict is None and not rest:
            while j < self.count and j <= i + 2 and self.text[j] in SEPARATORS:
                j += 1
            # the verdict under a label of its own, as a definition list shows it
            if self.keys[j : j + 1] == ["verdict"] and j + 1 < self.count:
                j += review_verdict(self.keys[j + 1]) is not None
            if j < self.count and (
                verdict := review_verdict(self.keys[j]) or icon_verdict(self.text[j])
            ):
                j += 1
            elif i > 0:
                verdict = review_verdict(self.keys[i - 1])  # the badge over the score
        return value, verdict, rest, j

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
        # corner cell, the footer's heading or a control's label ("Read full review")
        if len(key) > 1 and key not in NOT_PERSONAS and CONTROL_LABEL.match(key) is None:
            name = persona_name(self.text[i])
            if name is None and (named := sentence_case_name(self.text[i])):  # "Indie hacker"
                name = named if self.heads_scores(i) else None
            if name is None and (named := name_over_role(self.text[i])) and self.over_role(i):
                name = named  # else the role line under it would be taken for the name
        self._personas[i] = name
        return name

    def heads_scores(self, i: int) -> bool:
        """Line i heads scores as a persona's name does: shown over a score more than
        once (one per tool), or over two scores or more before the next name. A legend
        ("How we score", then "70/100 · ship") heads one, and so does each name in a
        list of readers' reviews ("Jane doe", "80/100 · ship")."""
        first = self.score_under(i)
        if first is None:
            return False
        line = self.text[i]
        shown = (at for at, text in enumerate(self.text) if text == line and at != i)
        if any(self.score_under(at) is not None for at in shown):
            return True
        scores = 0
        for j in range(first, self.count):
            if persona_name(self.text[j]) is not None or (
                sentence_case_name(self.text[j]) and self.score_under(j) is not None
            ):
                break  # the next name, in either case
            scores += self.score(j) is not None
        return scores > 1

    def over_role(self, i: int) -> bool:
        """Line i stands over a role line over a score, a role that reads as a name
        ("Panel Critic"): "The …" is then the persona's name, as the site writes it."""
        return (
            i + 2 < self.count
            and self.score(i + 2) is not None
            and persona_name(self.text[i + 1]) is not None
        )

    def score_under(self, i: int) -> int | None:
        """The line of the score right under line i, or under the role line under it where
        it reads "The …" ("The Indie hacker", "Panel Critic", "88/100 · ship")."""
        if self.score(i + 1) is not None:
            return i + 1
        if self.keys[i].startswith("the ") and self.score(i + 2) is not None:
            return i + 2
        return None


def without_trailing_actions(lines: list[str], links: list[tuple[str, str]]) -> list[str]:
    """Lines without the action links that end them: "... prompts. Read more".

    A link to the page of a tool its words name is that name ("Vote" to /tool/vote), not
    an action; and where each link of an action stands on a line of its own (a "Vote"
    button), a line that ends in the same words holds none of them: "Snap Vote" is a name.

    >>> without_trailing_actions(["Fast.", "Vote", "Snap Vote"], [("Vote", "/vote")])
    ['Fast.', 'Vote', 'Snap Vote']
    >>> without_trailing_actions(["Fast. Vote", "Snap Vote"], [("Vote", "/vote")])
    ['Fast.', 'Snap']
    """
    linked = Counter(
        text for text, href in links if ACTION_LINK.match(text) and not _names_its_tool(text, href)
    )
    if not linked:
        return lines
    alone = Counter(line for line in lines if line in linked)
    actions = tuple(text for text, times in linked.items() if times > alone[text])
    if not actions:
        return lines
    return [without_actions(line, actions) if line.endswith(actions) else line for line in lines]


def _names_its_tool(text: str, href: str) -> bool:
    return (tool := TOOL_LINK.search(href)) is not None and tool["slug"] == slugify(text)


def without_actions(line: str, actions: tuple[str, ...]) -> str:
    """``line`` without the actions at its end. An action is dropped where it stands
    apart from the text: after a sentence, or capitalised as a label is ("... required
    View pricing", run on from a <br>), with a space before it or run into the text by
    inline elements ("No community votes yetVote now"; of one word, only after a
    sentence). In "... then get started" it is the sentence's, and "SnapVote" is a name.

    >>> without_actions("Per token. View pricing → Read more", ("Read more", "View pricing →"))
    'Per token.'
    >>> without_actions("Sign up, then get started", ("get started",))
    'Sign up, then get started'
    >>> without_actions("No votes yetBe the first", ("Be the first",))
    'No votes yet'
    >>> without_actions("Ship · 12 ship / 4 skip (16 votes)Vote now", ("Vote now",))
    'Ship · 12 ship / 4 skip (16 votes)'
    >>> without_actions("SnapVote", ("Vote",)), without_actions("Per token.Details", ("Details",))
    ('SnapVote', 'Per token.')
    """
    shown = line
    while (action := next((a for a in actions if line.endswith(a)), None)) is not None:
        rest = line[: -len(action)]
        before = rest.rstrip(" ·•|—–-:")
        spaced = rest != rest.rstrip()
        # run into the end of a word, a count or a bracket ("(16 votes)Vote now"), of
        # two words or more: a one-word link ("Vote") may end a name ("SnapVote")
        ends = rest[-1:]
        run_in = (ends.islower() or ends.isdigit() or ends in (")", "]", "%")) and (
            action[:1].isupper() and " " in action
        )
        if not ((spaced and action[:1].isupper()) or run_in or ends_sentence(before)):
            break
        line = before
    return line or shown


def unglue(line: str, *, in_strip: bool) -> tuple[str, str] | None:
    """Some renders run a stat value into its label ("75%Panel ship", "Panel ship 75%");
    split them. Without a colon, "Entry ..." is read as a stat only inside a stat strip:
    elsewhere it may be a tagline ("Entry level GPU")."""
    glued = GLUED_STAT.match(line)
    if glued and glued["value"] and is_stat_value(glued["value"], glued["label"]):
        return glued["value"], glued["label"]
    spaced = STAT_THEN_VALUE.match(line)
    if spaced is None or not is_stat_value(spaced["value"], spaced["label"]):
        return None
    bare_entry = ":" not in spaced["colon"] and spaced["label"].lower() == "entry"
    if bare_entry and (not in_strip or spaced["value"][:1].islower()):  # "Entry price"
        return None
    return spaced["label"], spaced["value"]


def unglue_strip(line: str) -> list[str] | None:
    """A whole stat strip on one line, as inline elements run it together: "100%Panel
    ship—CommunityPaidEntry" -> ["100%", "Panel ship", "—", "Community", "Paid", "Entry"].

    The values sit all before or all after their labels; the order that gives each
    label a value of its kind (or none, but for "Panel ship") is the one read.

    >>> unglue_strip("Panel ship 75% Community Entry Free")
    ['Panel ship', '75%', 'Community', 'Entry', 'Free']
    >>> unglue_strip("Community edition, entry level") is None
    True
    """
    chunks = [chunk.strip() for chunk in STRIP_LABEL.split(line)]
    values, labels = chunks[0::2], chunks[1::2]
    kinds = [label.lower() for label in labels]
    if "panel ship" not in kinds or len(kinds) < 2 or len(set(kinds)) < len(kinds):
        return None

    def fits(pairs: list[tuple[str, str]]) -> bool:
        return all(
            is_stat_value(value, label) if value else label.lower() != "panel ship"
            for value, label in pairs
        )

    if not values[-1] and fits(list(zip(values, labels, strict=False))):  # values first
        return [part for pair in zip(values, labels, strict=False) for part in pair if part]
    if not values[0] and fits(list(zip(values[1:], labels, strict=True))):  # labels first
        return [part for pair in zip(labels, values[1:], strict=True) for part in pair if part]
    return None


def split_named_score(line: str) -> tuple[str, str] | None:
    """A persona or tool name on its score's line: "Builder 88/100 · ship",
    "Claude 4 API: 88/100 · ship". Split in two, as other renders show them."""
    if line[-1] not in "pP" or "100" not in line or len(line) > 120:
        return None  # the line must end with the score's verdict
    match = NAMED_SCORE.match(line)
    if match is None or key_of(match["head"]).startswith("score"):
        return None
    parsed = parse_score(match["score"])
    if parsed is None or parsed[1] is None or parsed[2] or ends_sentence(match["head"]):
        return None
    return match["head"], match["score"]
