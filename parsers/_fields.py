"""Pure extractors: one visible string in, a typed value (or None) out.

Each accepts the variants the site has shown (see ``../shared/site/NOTES.md``) and
returns None when the text is not of its kind, so callers decide what is required.
"""

from __future__ import annotations

import math
import re

_SEP = r"[\s·•|:,/\-–—]*"
_NUMBER = r"\d{1,3}(?:[.,]\d+)?"  # "88", and "87.5" from renders that show decimals
# A count with its thousands grouped as a locale writes them: "1,204", "1.204", "1 204"
# (a space, no-break or thin), "1'204"; a count is never a fraction unless rounded ("1.2k").
_GROUPED = r"\d{1,3}(?:[,.'’\u00a0\u202f\u2009 ]\d{3})+(?!\d)"
_WHOLE = rf"(?:{_GROUPED}|\d+)"
_SCORE = re.compile(
    # the verdict may come first: "Ship · 88/100", "Ship (88/100)"
    r"^(?:(?P<before>ship|skip)\s*[·•|:\-–—(]?\s*)?"
    # a footnote's mark may follow: "88/100¹", "88/100*"
    rf"(?:score\s*:?\s*)?(?P<score>{_NUMBER})\s*/\s*100(?!\d)[⁰¹²³⁴⁵⁶⁷⁸⁹*†‡]*"
    r"(?:\s*(?:pts|points)\b)?"
    # anything but words between the score and its verdict: "·", "|", an icon such as "✅"
    # and "Ship it" / "Skip it" is the same verdict, where the line or a separator follows;
    # a review may run into the verdict, as inline elements without spaces do: "shipThe";
    # the verdict may have a label of its own: "Score: 88/100 · Verdict: ship"
    # and "ships", "shipped", "Ship it!" at the line's end
    r"(?P<between>\W*)(?:verdict\W*(?=ship|skip))?(?P<verdict>ship|skip)?(?:(?<=p)(?:s|ped))?"
    r"(?:(?<=p)\s+it[!.]?(?=\s*(?:[·•|:\-–—]|$)))?"
    r"(?:\b|$|(?=(?-i:[A-Z])|[“\"‘«„]))\s*[·•|:\-–—]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# A sentence that opens with a score: the score, then a word in lower case with no mark
# between ("88/100 is generous; ...", "Score: 90/100 from me"). After a mark, the word
# is a verdict panelwatch does not read ("88/100 · would ship"), and the page fails.
_SCORE_OPENS_SENTENCE = re.compile(
    rf"^(?:score\s*:?\s*)?{_NUMBER}\s*/\s*100\s+(?!(?:pts|points)\b)(?-i:[a-z])", re.IGNORECASE
)
# "88 out of 100", "88 of 100" only as a whole line: prose may start "80 out of 100
# teams said ...".
_SCORE_IN_WORDS = re.compile(
    rf"^(?:score\s*:?\s*)?(?P<score>{_NUMBER})\s+(?:out\s+)?of\s+100\b\W*"
    r"(?P<verdict>ship|skip)?\W*$",
    re.IGNORECASE,
)
# A score anywhere in a run of text, elements may split it: "88" over "/100".
_SCORE_WITHIN = re.compile(rf"{_NUMBER}\s*/\s*100(?!\d)")
# A share beside the counts repeats what they say: "Ship · 75% · 3 ship / 1 skip".
_SHARE = r"\(?\d{1,3}(?:[.,]\d+)?\s*%\)?"
_SPLIT = re.compile(
    r"^(?:[^\w\s]+\s*)?"  # an icon: "✅ Ship · ..."
    r"(?:(?P<verdict>ship|skip|mixed)\b" + _SEP + r")?"
    rf"(?:{_SHARE}{_SEP})?"
    # labels may run into the next count: "3 Ships1 Skips"
    # the counts may stand in parentheses: "Ship (4 ship, 0 skip)"
    r"(?:\(?(?P<ship>\d+)\s*ships?(?![a-z])" + _SEP + r"(?P<skip>\d+)\s*skips?(?![a-z])\)?"
    # or as a tally, ships first, as tool pages show it: "Ship (3–1)", "3-1"
    r"|\((?P<ship_p>\d{1,2})\s*[-–—]\s*(?P<skip_p>\d{1,2})\)"
    r"|(?P<ship_t>\d{1,2})\s*[-–—]\s*(?P<skip_t>\d{1,2})"
    # or as a share of the panel: "3 of 4 ship"; after the share, the counts it is
    # of: "75% (3 of 4)", "75% · 3/4" (the card's Panel ship share checks them)
    r"|\(?(?P<ship_o>\d{1,2})\s+of\s+(?P<panel_o>\d{1,2})\s+ship(?:ped|s)?\b\)?"
    r"|(?<=%)(?:" + _SEP + r"|\s*)\(?(?P<ship_c>\d{1,2})\s*(?:of|/)\s*(?P<panel_c>\d{1,2})\)?)"
    rf"(?:{_SEP}{_SHARE})?"
    # or the verdict may follow them: "4 ship / 0 skip · Ship"
    r"(?:" + _SEP + r"(?P<after>ship|skip|mixed))?"
    # and a word on the split: "· Unanimous", "(split decision)"
    r"(?:" + _SEP + r"\(?(?:unanimous|split(?:\s+decision)?|consensus|close\s+call)\)?)?\s*$",
    re.IGNORECASE,
)
# A split as a bare fraction, "Ship · 3/4": which fraction, the card's share tells.
_FRACTION = re.compile(
    r"^(?:[^\w\s]+\s*)?(?:(?P<verdict>ship|skip|mixed)\b[\s·•|:,\-–—]*)?"
    r"\(?(?P<first>\d{1,2})\s*/\s*(?P<second>\d{1,2})\)?$",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"^(?P<pct>{_NUMBER})\s*%$")
_VERDICT_PERCENT = re.compile(
    rf"^(?:(?P<verdict>ship|skip|mixed)\s*)?\(?(?P<pct>{_NUMBER})\s*%\)?"
    r"(?:\s*(?P<after>ship|skip|mixed))?"
    # the counts the share is of, which the grid's row gives too: "75% (3/4)",
    # "75% · 3 of 4", "100% (4 votes)"
    r"(?:\s*[·•|,]?\s*\(?\s*(?:\d{1,3}\s*/\s*\d{1,3}|\d{1,3}\s+of\s+\d{1,3}"
    rf"|(?:of\s+)?{_WHOLE}(?:\s+(?:votes?|critics?|reviewers?))?)(?:\s+ship(?:ped|s)?)?\s*\)?)?$",
    re.IGNORECASE,
)
# A verdict shown as an icon alone. U+FE0F asks for the emoji form of the glyph before it.
_SHIP_ICONS = frozenset("✅✔✓☑👍🚢")
_SKIP_ICONS = frozenset("❌✖✗✘❎👎⛔🛑")
_NOT_ICONS = frozenset(" ·•|:-–—()\ufe0f")
# What the rest of a score's line must hold to be the start of a review: a letter. A
# move since the last score ("▲ 3", "(-2)", "+4 pts") is not.
_LETTER = re.compile(r"[^\W\d_]")
# Marks of a move since the last count: of a score ("▲ 3") or of a share ("75% ▲").
_TREND_MARKS = "▲▼△▽↑↓⬆⬇"
_TREND = re.compile(rf"[(\[]?\s*[{_TREND_MARKS}+\-−–]\s*\d{{1,3}}(?:\s*(?:pts?|points))?\s*[)\]]?")
_PLACEHOLDERS = frozenset({"", "—", "–", "-", "n/a", "none"})
# A share's move since the last count, beside it: "▲ 75%", "75% ↑3", "75% (+5)"; or a
# footnote's mark after it, "75%*".
_TREND_BEFORE = re.compile(rf"^[{_TREND_MARKS}]\s*")
_TREND_AFTER = re.compile(
    rf"\s*(?:[{_TREND_MARKS}]\s*(?:[+−-]?\d+(?:\.\d+)?\s*%?)?|\(\s*[+−-]\d+(?:\.\d+)?\s*%?\s*\)|\*)$"
)
# A community figure not given yet, in words or signs: "No votes yet", "—%", "--", "TBD".
_NO_SHARE_YET = re.compile(
    r"^\s*(?:[—–-]{1,2}\s*%|--|…|\.\.\.|\?|tbd|(?:no|not\s+enough)\s+votes?(?:\s+yet)?"
    r"|be\s+the\s+first\s+to\s+vote)\s*$",
    re.IGNORECASE,
)
_VOTES_ONLY = re.compile(rf"^{_WHOLE}\s*(?:votes?|/\s*{_WHOLE})$", re.IGNORECASE)
_VOTE_NOTE = re.compile(rf"\s*\(\s*{_WHOLE}\s*votes?\s*\)$", re.IGNORECASE)
# "1,204", not the "9," of "9, Skips"; "1.2k" as shown for 1,200 or so
_COUNT_NUMBER = rf"(?<![\d.])(?P<n>{_GROUPED}|\d+(?:\.\d+)?[kKmM](?![a-zA-Z])|\d+)"
_ROUNDED_COUNT = re.compile(r"\d[kKmM](?![a-zA-Z])")
_COUNT_WHAT = r"(?P<what>ships?|skips?|votes?)\b"
_COUNT = re.compile(rf"{_COUNT_NUMBER}\s*{_COUNT_WHAT}", re.IGNORECASE)
# The votes as a part of the whole: "12 of 16 voters ship", "4 of 16 would skip"
_PART_OF = re.compile(
    rf"(?<![\d.,])(?P<part>{_WHOLE})\s+of\s+(?P<whole>{_WHOLE})\s+"
    r"(?:(?:voters?|votes?|people|users|readers|members)\s+)?(?:would\s+)?(?P<what>ship|skip)",
    re.IGNORECASE,
)
# The votes as a record is written, ship to skip: "12–4", "Ship (12–4)", "12-4 votes",
# "12–4 ship". The whole row must be the pair, so that no date or range elsewhere in it
# is one.
_DASH_PAIR = re.compile(
    rf"^(?:(?:ship|skip|mixed)\s*[·•|:]?\s*)?\(?\s*(?P<ship>{_WHOLE})\s*[–—-]\s*"
    rf"(?P<skip>{_WHOLE})\s*(?:ship\b\s*)?(?:votes?)?\s*\)?(?:\s*votes?)?$",
    re.IGNORECASE,
)
# A pair with a word after it that the pair's order does not fit: "12–4 skip" may be
# skip to ship. Its second number is no count of its own.
_PAIR_THEN_WORD = re.compile(rf"{_WHOLE}\s*[–—-]\s*{_WHOLE}\s*(?:ships?|skips?)\b", re.IGNORECASE)
# "Ship: 9", "Ship (9)"; never the share in "Ship 75% (12 of 16)"
_COUNT_AFTER_LABEL = re.compile(
    rf"\b{_COUNT_WHAT}\s*[:(]?\s*{_COUNT_NUMBER}\b(?!\s*%)", re.IGNORECASE
)
# Votes counted beside an icon, before or after it: "👍 12 · 👎 4", "12 ✅ / 4 ❌".
_ICON_COUNT = re.compile(
    rf"(?P<before>[^\w\s·•|:/,()\ufe0f-])\ufe0f?\s*(?P<n>{_WHOLE}(?:(?:\.\d+)?[kKmM])?)(?![\d%.])"
    rf"|(?<![\d.,])(?P<m>{_WHOLE}(?:(?:\.\d+)?[kKmM])?)\s*(?P<after>[^\w\s·•|:/,()\ufe0f%.-])"
)
# Marks other languages and house styles wrap a quotation in: British single quotes,
# German, Swiss and Danish marks, Swedish closing marks on both sides, CJK brackets. A
# paragraph wrapped in one holds no other opening mark of its kind: "‘A’ and ‘B’" is two
# quotations, and "’" is an apostrophe too.
_OTHER_CLOSING_QUOTE = {
    "‘": "’", "‚": "‘", "»": "«", "‹": "›", "”": "”", "「": "」", "『": "』",
}  # fmt: skip
# The mark that closes a quotation, by the mark that opens it: each opens with one
# character, so one lookup finds the pair.
_CLOSING_QUOTE = {"“": "”", '"': '"', "„": "“", "«": "»", **_OTHER_CLOSING_QUOTE}


def icon_verdict(text: str) -> str | None:
    """The verdict an icon alone gives, among separators: "✅" or "👍" is ship, "❌"
    or "👎" skip; None for none, or for icons of both.

    >>> icon_verdict(" · ✔️ "), icon_verdict("❌"), icon_verdict("✅ ❌"), icon_verdict(" · ")
    ('ship', 'skip', None, None)
    """
    glyphs = set(text) - _NOT_ICONS
    if not glyphs:
        return None
    return "ship" if glyphs <= _SHIP_ICONS else "skip" if glyphs <= _SKIP_ICONS else None


def opens_sentence(text: str) -> bool:
    """A line that opens with a score and goes on as a sentence: a review's text.

    >>> opens_sentence("88/100 is generous; I would ship."), opens_sentence("88/100 · would ship")
    (True, False)
    """
    return _SCORE_OPENS_SENTENCE.match(text) is not None


def is_score_move(text: str) -> bool:
    """A score's move since the last one, as a page may show it beside the score or
    under it: "▲ 3", "+4 pts", "(-2)".

    >>> is_score_move("▼ 12"), is_score_move("(+4 pts)"), is_score_move("4 of 4")
    (True, True, False)
    """
    return _TREND.fullmatch(text) is not None


def parse_score(text: str) -> tuple[int, str | None, str] | None:
    """``"88/100 · ship"`` -> ``(88, "ship", "")``; the rest of the line is kept.

    >>> parse_score("88/100 · ship")
    (88, 'ship', '')
    >>> parse_score("55 / 100 - Skip  Thin moat.")
    (55, 'skip', 'Thin moat.')
    >>> parse_score("72/100")
    (72, None, '')
    >>> parse_score("Score: 64 / 100 · SHIP")
    (64, 'ship', '')
    >>> parse_score("Score 88 of 100 · ship"), parse_score("88 of 100 teams agree") is None
    ((88, 'ship', ''), True)
    >>> parse_score("87.5/100 ✅ Ship"), parse_score("90/100 ✨")
    ((88, 'ship', ''), (90, None, ''))
    >>> parse_score("Skip · 55/100"), parse_score("Ship · 88/100 · skip") is None
    ((55, 'skip', ''), True)
    >>> parse_score("88 out of 100 · Ship"), parse_score("80 out of 100 teams agree") is None
    ((88, 'ship', ''), True)
    >>> parse_score("88/100 pts · ship")
    (88, 'ship', '')
    >>> parse_score("88/100 · Ship it"), parse_score("61/100 · ship it. Barely.")
    ((88, 'ship', ''), (61, 'ship', 'it. Barely.'))
    >>> parse_score("Score: 88/100 · Verdict: ship"), parse_score("Skip (55/100)")
    ((88, 'ship', ''), (55, 'skip', ''))
    >>> parse_score("88/100 · Verdict pending")
    (88, None, 'Verdict pending')
    >>> parse_score("88/100 · ship ▲ 3"), parse_score("71/100 · skip (-4 pts)")
    ((88, 'ship', ''), (71, 'skip', ''))
    >>> parse_score("88/100 · ✅"), parse_score("55/100 ❌ Thin moat.")
    ((88, 'ship', ''), (55, 'skip', 'Thin moat.'))
    >>> parse_score("88/100¹ · ship"), parse_score("72/100* skip")
    ((88, 'ship', ''), (72, 'skip', ''))
    >>> parse_score("88/100 · Ship it!"), parse_score("88/100 · shipped")
    ((88, 'ship', ''), (88, 'ship', ''))
    """
    match = _SCORE.match(text)
    if match is None:
        words = _SCORE_IN_WORDS.match(text)
        if words is None:
            return None
        return _whole(words["score"]), words["verdict"].lower() if words["verdict"] else None, ""
    before, after = match["before"], match["verdict"]
    if before and after and before.lower() != after.lower():
        return None  # "Ship · 88/100 · skip" says two things
    verdict = (before or after or "").lower() or None
    rest = match["rest"].strip()
    if is_score_move(rest) or not _LETTER.search(rest):
        rest, icons = "", rest
    else:
        icons = ""
    return _whole(match["score"]), verdict or icon_verdict(match["between"] + icons), rest


def holds_score(lines: list[str]) -> bool:
    """A line reads as a score (:func:`parse_score`), or the lines hold one that elements
    split over them.

    >>> holds_score(["Builder", "88", "/100", "ship"]), holds_score(["88 out of 100 · ship"])
    (True, True)
    >>> holds_score(["80 out of 100 teams agree"])
    False
    """
    return _SCORE_WITHIN.search(" ".join(lines)) is not None or any(map(parse_score, lines))


def parse_panel_split(text: str, share: int | None = None) -> tuple[str, int, int] | None:
    """``"Ship · 4 ship / 0 skip"`` -> ``("ship", 4, 0)``.

    Without a verdict word the verdict follows the counts, as the site labels it:
    a 50% split is "mixed". A bare fraction ("Ship · 3/4") may be ships of the panel or
    ships over skips; the card's Panel ship ``share`` tells which, where it tells one.

    >>> parse_panel_split("Ship · 4 ship / 0 skip")
    ('ship', 4, 0)
    >>> parse_panel_split("Mixed · 2 ship / 2 skip")
    ('mixed', 2, 2)
    >>> parse_panel_split("1 ship / 3 skip")
    ('skip', 1, 3)
    >>> parse_panel_split("Ship it") is None
    True
    >>> parse_panel_split("Ship · 75% · 3 ship / 1 skip"), parse_panel_split("3 Ships1 Skips")
    (('ship', 3, 1), ('ship', 3, 1))
    >>> parse_panel_split("✅ Ship · 4 ship / 0 skip")
    ('ship', 4, 0)
    >>> parse_panel_split("Ship (3–1)"), parse_panel_split("Skip · 1-3")
    (('ship', 3, 1), ('skip', 1, 3))
    >>> parse_panel_split("Ship (4 ship, 0 skip)"), parse_panel_split("2 ship / 2 skip · Mixed")
    (('ship', 4, 0), ('mixed', 2, 2))
    >>> parse_panel_split("Ship · 3 of 4 ship"), parse_panel_split("4 ship / 0 skip · Unanimous")
    (('ship', 3, 1), ('ship', 4, 0))
    >>> parse_panel_split("Ship · 75% (3 of 4)"), parse_panel_split("Mixed · 50% · 2/4")
    (('ship', 3, 1), ('mixed', 2, 2))
    >>> parse_panel_split("Ship · 3/4"), parse_panel_split("Ship · 75% (5 of 4)")
    (None, None)
    >>> parse_panel_split("Ship · 3/4", 75), parse_panel_split("Ship · 3/1", 75)
    (('ship', 3, 1), ('ship', 3, 1))
    >>> parse_panel_split("Mixed · 2/4", 50), parse_panel_split("Ship · 3/4", 60)
    (('mixed', 2, 2), None)
    """
    match = _SPLIT.match(text)
    if match is None:
        return None if share is None else _fraction_split(text, share)
    if match["ship_o"] is not None or match["ship_c"] is not None:
        ship, panel = (
            int(match["ship_o"] or match["ship_c"]),
            int(match["panel_o"] or match["panel_c"]),
        )
        if ship > panel:
            return None  # "5 of 4 ship" counts no panel
        skip = panel - ship
    else:
        form = next(form for form in ("", "_p", "_t") if match[f"ship{form}"] is not None)
        ship, skip = int(match[f"ship{form}"]), int(match[f"skip{form}"])
    before, after = match["verdict"], match["after"]
    if before and after and before.lower() != after.lower():
        return None  # "Ship · 1 ship / 3 skip · Skip" says two things
    verdict = (before or after).lower() if before or after else _verdict_of(ship, skip)
    return verdict, ship, skip


def _fraction_split(text: str, share: int) -> tuple[str, int, int] | None:
    """ "Ship · 3/4" as the one split the card's Panel ship ``share`` agrees with: 3 of a
    panel of 4, or 3 ship to 4 skip; None where it agrees with neither or both."""
    match = _FRACTION.match(text)
    if match is None:
        return None
    first, second = int(match["first"]), int(match["second"])
    splits = set()
    if first <= second and second and abs(100 * first / second - share) <= 1:
        splits.add((first, second - first))
    if first + second and abs(100 * first / (first + second) - share) <= 1:
        splits.add((first, second))
    if len(splits) != 1:
        return None
    ship, skip = splits.pop()
    verdict = match["verdict"].lower() if match["verdict"] else _verdict_of(ship, skip)
    return verdict, ship, skip


def _verdict_of(ship: int, skip: int) -> str:
    """The panel's verdict as the site labels a split: a 50% split is "mixed"."""
    return "ship" if ship > skip else "skip" if skip > ship else "mixed"


def parse_percent(text: str) -> int | None:
    """``"75%"`` -> 75; placeholders and anything else -> None.

    >>> parse_percent("75%"), parse_percent("0 %"), parse_percent("—")
    (75, 0, None)
    """
    match = _PERCENT.match(text.strip())
    return _whole(match["pct"]) if match else None


def parse_verdict_percent(text: str) -> tuple[str | None, int] | None:
    """A stat value with an optional verdict word before or after: ``"Ship 100%"``.

    >>> parse_verdict_percent("Ship100%"), parse_verdict_percent("25%")
    (('ship', 100), (None, 25))
    >>> parse_verdict_percent("75% ship"), parse_verdict_percent("Ship 75% skip")
    (('ship', 75), None)
    >>> parse_verdict_percent("Ship (100%)"), parse_verdict_percent("75% (3/4)")
    (('ship', 100), (None, 75))
    >>> parse_verdict_percent("75% · 3 of 4 shipped"), parse_verdict_percent("75% (4 votes)")
    ((None, 75), (None, 75))
    """
    match = _VERDICT_PERCENT.match(text.strip())
    if match is None:
        return None
    before, after = match["verdict"], match["after"]
    if before and after:  # "Ship 75% skip" says two things; it is not a stat value
        return None
    verdict = before or after
    return verdict.lower() if verdict else None, _whole(match["pct"])


def parse_community_share(text: str) -> int | None:
    """A card's community figure: the share of ship votes, perhaps with the counts it
    is of, which the grid's row gives too, or its move since the last count; None for
    anything else.

    >>> parse_community_share("62%"), parse_community_share("62% (1,204 votes)")
    (62, 62)
    >>> parse_community_share("75% (12/16)"), parse_community_share("75% of 16")
    (75, 75)
    >>> parse_community_share("75% ▲"), parse_community_share("↑ 75%")
    (75, 75)
    >>> parse_community_share("75% ↑3"), parse_community_share("75% (+5)")
    (75, 75)
    >>> parse_community_share("75% skip"), parse_community_share("16 votes")
    (None, None)
    """
    share = parse_verdict_percent(_TREND_AFTER.sub("", _TREND_BEFORE.sub("", text)))
    return share[1] if share is not None and share[0] in (None, "ship") else None


def shows_no_share(text: str) -> bool:
    """A card's community figure that shows no share of the votes: "—" or nothing,
    perhaps with a vote count ("— (0 votes)"), the votes counted alone ("16 votes",
    "12/16"), or words for none yet ("No votes yet", "—%").

    >>> shows_no_share("— (0 votes)"), shows_no_share("16 votes"), shows_no_share("12/16")
    (True, True, True)
    >>> shows_no_share("Not enough votes"), shows_no_share("—%"), shows_no_share("TBD")
    (True, True, True)
    >>> shows_no_share("75%"), shows_no_share("75% (16 votes)"), shows_no_share("Paid")
    (False, False, False)
    """
    return (
        is_placeholder(without_vote_count(text))
        or _VOTES_ONLY.match(text) is not None
        or _NO_SHARE_YET.match(text) is not None
    )


def _whole(number: str) -> int:
    """A shown number as the whole number it rounds to, halves up: "87.5" -> 88.

    >>> _whole("75"), _whole("66,7"), _whole("62.5")
    (75, 67, 63)
    """
    if number.isdigit():
        return int(number)
    return math.floor(float(number.replace(",", ".")) + 0.5)


def is_placeholder(text: str) -> bool:
    """The site shows "—" (or nothing) where it has no value.

    >>> is_placeholder("—"), is_placeholder("0%")
    (True, False)
    """
    return text.strip().lower() in _PLACEHOLDERS


def without_vote_count(text: str) -> str:
    """A card's community figure may carry its vote count, which the grid's row gives too.

    >>> without_vote_count("— (0 votes)"), without_vote_count("62% (1,204 votes)")
    ('—', '62%')
    """
    return _VOTE_NOTE.sub("", text)


def parse_votes(text: str) -> tuple[int | None, int | None, int | None]:
    """Community vote counts ``(ship, skip, total)`` from the decision row.

    >>> parse_votes("No community votes yet")
    (None, None, None)
    >>> parse_votes("Ship · 12 ship / 4 skip (16 votes)")
    (12, 4, 16)
    >>> parse_votes("3 ship / 1 skip")
    (3, 1, 4)
    >>> parse_votes("1,204 votes")
    (None, None, 1204)
    >>> parse_votes("Ships: 9, Skips: 3"), parse_votes("Ship 9 (75%) · Skip 3 (25%)")
    ((9, 3, 12), (9, 3, 12))
    >>> parse_votes("12 votes · 75% ship"), parse_votes("Ship 9 · Skip 3 · 12 votes")
    ((None, None, 12), (9, 3, 12))
    >>> parse_votes("👍 12 · 👎 4"), parse_votes("12 ✅ / 4 ❌ (16 votes)")
    ((12, 4, 16), (12, 4, 16))
    >>> parse_votes("Ship 1.2k · Skip 300"), parse_votes("903 ship · 301 skip · 1.2k votes")
    ((1200, 300, 1500), (903, 301, 1204))
    >>> parse_votes("Ship (12) / Skip (4)"), parse_votes("Ship 75% (12 of 16)")
    ((12, 4, 16), (None, None, None))
    >>> parse_votes("12 of 16 voters ship"), parse_votes("Skip · 4 of 16 would skip")
    ((12, 4, 16), (12, 4, 16))
    >>> parse_votes("12–4"), parse_votes("Ship (12–4)"), parse_votes("2026-11-03")
    ((12, 4, 16), (12, 4, 16), (None, None, None))
    >>> parse_votes("12–4 ship"), parse_votes("12–4 skip")
    ((12, 4, 16), (None, None, None))
    """
    if (pair := _DASH_PAIR.match(text)) is not None:
        ships, skips = _count(pair["ship"])[0], _count(pair["skip"])[0]
        return ships, skips, ships + skips
    if _PAIR_THEN_WORD.search(text) is not None:
        return None, None, None
    lowered = text.lower()
    labelled = "ship" in lowered or "skip" in lowered
    if not labelled and (icons := _icon_counts(text)) is not None:
        shown = _counts(_COUNT, text).get("vote")
        return icons[0], icons[1], sum(icons) if shown is None else shown
    if not labelled and "vote" not in lowered:
        return None, None, None
    if (part := _PART_OF.search(text)) is not None:
        of, whole = _count(part["part"])[0], _count(part["whole"])[0]
        if of > whole:
            return None, None, None
        ships = of if part["what"].lower() == "ship" else whole - of
        return ships, whole - ships, whole
    counts = _counts(_COUNT, text)
    if labelled and "ship" not in counts and "skip" not in counts:  # "Ship 9 · Skip 3"
        counts = {**_counts(_COUNT_AFTER_LABEL, text), **counts}  # and "12 votes", if shown
    ship, skip, total = counts.get("ship"), counts.get("skip"), counts.get("vote")
    if ship is not None and skip is not None and (total is None or _rounds_to(ship + skip, text)):
        total = ship + skip  # "903 ship · 301 skip · 1.2k votes": 1,204 votes
    return ship, skip, total


def votes_give_share(text: str, ship: int | None, skip: int | None, share: int) -> bool:
    """The ``ship`` and ``skip`` votes the decision row ``text`` counts give the card's
    community ``share`` (to the point: a page may round or cut the share), or the row
    counts too roughly ("1.2k") or not at all to tell.

    >>> votes_give_share("12 ship / 4 skip", 12, 4, 75), votes_give_share("", 12, 4, 80)
    (True, False)
    >>> votes_give_share("Ship 1.2k · Skip 300", 1200, 300, 79)
    True
    >>> votes_give_share("16 votes", None, None, 10)
    True
    """
    if ship is None or skip is None or ship + skip == 0:
        return True
    if _ROUNDED_COUNT.search(text):
        return True
    return abs(100 * ship / (ship + skip) - share) <= 1


def _rounds_to(exact: int, text: str) -> bool:
    """The total of votes ``text`` shows is rounded ("1.2k votes"), and ``exact`` rounds
    to it."""
    shown = next(
        (m["n"] for m in _COUNT.finditer(text) if m["what"].lower().startswith("vote")), ""
    )
    if shown[-1:] not in ("k", "K", "m", "M"):
        return False
    total, unit = _count(shown)
    return abs(exact - total) * 2 <= unit


def _icon_counts(text: str) -> tuple[int, int] | None:
    """Ship and skip votes counted beside icons for them, one of each ("👍 12 · 👎 4");
    None where the text shows no such pair."""
    counts: dict[str, int] = {}
    for match in _ICON_COUNT.finditer(text):
        verdict = icon_verdict(match["before"] or match["after"])
        if verdict is None or verdict in counts:
            return None
        counts[verdict] = _count(match["n"] or match["m"])[0]
    if set(counts) != {"ship", "skip"}:
        return None
    return counts["ship"], counts["skip"]


def _counts(pattern: re.Pattern[str], text: str) -> dict[str, int]:
    """The first count of each kind ("ship", "skip", "vote") that ``pattern`` finds."""
    counts: dict[str, int] = {}
    for match in pattern.finditer(text):
        counts.setdefault(match["what"].lower().rstrip("s"), _count(match["n"])[0])
    return counts


def _count(shown: str) -> tuple[int, int]:
    """A count as shown, and the unit its last figure counts in: "1,204" is (1204, 1),
    "1.2k" is (1200, 100), as a page rounds large counts.

    >>> _count("1,204"), _count("1.2k"), _count("3K"), _count("2.05M"), _count("1 204")
    ((1204, 1), (1200, 100), (3000, 1000), (2050000, 10000), (1204, 1))
    """
    if shown[-1:] not in "kKmM":
        return int(re.sub(r"\D", "", shown)), 1
    scale = 1000 if shown[-1] in "kK" else 1_000_000
    whole, _, part = shown[:-1].partition(".")
    unit = scale // 10 ** len(part)
    return int(whole) * scale + int(part or 0) * unit, unit


def closing_quote(text: str) -> str | None:
    """The mark that closes a paragraph opening with a quotation mark; None without one.

    >>> closing_quote("„Schnell.“"), closing_quote("Plain text.")
    ('“', None)
    """
    return _CLOSING_QUOTE.get(text[:1])


def strip_quotes(text: str) -> str:
    """Typographic quotes around a review paragraph are decoration, not text.

    >>> strip_quotes("“Clean primitive.”"), strip_quotes('He said "ok" twice')
    ('Clean primitive.', 'He said "ok" twice')
    >>> strip_quotes("‘Clean, it’s fast.’"), strip_quotes("‘Fast’ beats ‘cheap’")
    ('Clean, it’s fast.', '‘Fast’ beats ‘cheap’')
    """
    stripped = text.strip()
    opening = stripped[:1]
    closing = _CLOSING_QUOTE.get(opening)
    if closing is None or len(stripped) < 2 or not stripped.endswith(closing):
        return stripped
    inner = stripped[1:-1].strip()
    # '"a" and "b"' is two quotations, not one wrapped paragraph.
    strict = opening == closing or opening in _OTHER_CLOSING_QUOTE
    return inner if not strict or opening not in inner else stripped


def slugify(text: str) -> str:
    """A URL-style slug, used only when a page names no tool links.

    >>> slugify("Claude 4 API: Tool Use & Prompt Caching")
    'claude-4-api-tool-use-prompt-caching'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
