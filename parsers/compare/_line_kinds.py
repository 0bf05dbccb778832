"""What kind of line a line is, asked of its text alone: a heading, prose, a title, a
persona's name, a verdict."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from parsers._fields import (
    closing_quote,
    icon_verdict,
    is_placeholder,
    is_score_move,
    parse_community_share,
    parse_verdict_percent,
    shows_no_share,
    strip_quotes,
)
from parsers.compare._words import (
    BADGES,
    CAPITALS_WORD,
    DATELINE,
    GLUED_INITIAL,
    HEADING_PARTS,
    KEY_DECORATION,
    KNOWN_PERSONAS,
    LEADING_ICON,
    LONGEST_KEY,
    MARKED_END,
    MONTH_NAME,
    NAME_WORD,
    NO_SCORE,
    NO_SCORE_DASH,
    NUMBERS,
    PERSONA,
    PERSONA_NUMBER,
    PERSONA_ROLE,
    PERSONA_TRAILING_ICON,
    PERSONA_WORDS,
    PLAIN_START,
    REVIEW_VERDICTS,
    SECTION_WORDS,
    SEPARATORS,
    TITLE,
    VERDICT_BADGE,
    VERDICT_WORDS,
    VS_WORDS,
)


def key_of(line: str) -> str:
    key = line.lower().rstrip(": ")
    if line[:1] in PLAIN_START and line[-1:] not in MARKED_END:  # as Lines inlines it
        return key
    # A restyle may decorate labels: "📊 Panel ship", "Reviewer scorecard (4)".
    return KEY_DECORATION.sub("", key).rstrip(": ") or key


def is_initial(line: str) -> bool:
    """An avatar initial: one letter or digit on its own."""
    return len(line) == 1 and line.isalnum()


def is_avatar(line: str) -> bool:
    """An avatar over a persona's name: its initial, or a pictograph alone ("💼"), but
    not an icon that gives a verdict ("✅").

    >>> is_avatar("B"), is_avatar("💼"), is_avatar("🛠️"), is_avatar("✅"), is_avatar("·")
    (True, True, True, False, False)
    """
    if is_initial(line):
        return True
    return (
        0 < len(line) <= 2 and unicodedata.category(line[0]) == "So" and icon_verdict(line) is None
    )


def shows(key: str, line: str, wanted: str) -> bool:
    """The line reads ``wanted`` (a key), perhaps in quotation marks: "“Runs on phones”"."""
    return key == wanted or (
        closing_quote(line) is not None and key_of(strip_quotes(line)) == wanted != ""
    )


def is_stat_value(value: str, label: str) -> bool:
    kind = label.lower()
    if kind == "panel ship":
        return parse_verdict_percent(value) is not None
    if kind == "community":
        return parse_community_share(value) is not None or shows_no_share(value)
    return len(value.split()) <= 3


def after_label(line: str, wanted: str) -> str | None:
    """The end of the line that reads ``wanted`` (a key), where what comes before it is a
    label and a separator ("Developer Tools · "); None otherwise."""
    head, tail = line[: -len(wanted)], line[-len(wanted) :]
    if not head or tail.lower() != wanted or not head.rstrip().endswith((*SEPARATORS, ":")):
        return None
    return tail


def is_badged(key: str, name_key: str) -> bool:
    """The line is the tool's name with a badge beside it, spaced or run in by inline
    elements, or in brackets, or an icon with no word: "mistral medium 3.2 new",
    "winnerpatchwork ci", "patchwork ci (winner)", "patchwork ci 🏆".

    >>> is_badged("mistral medium 3.2 new", "mistral medium 3.2")
    True
    >>> is_badged("mistral medium 3.2 turbo", "mistral medium 3.2")
    False
    >>> is_badged("winnerpatchwork ci", "patchwork ci"), is_badged("renew", "new")
    (True, False)
    >>> is_badged("patchwork ci (winner)", "patchwork ci"), is_badged("lumen sql ✓", "lumen sql")
    (True, True)
    """
    if not name_key:
        return False
    if key.startswith(name_key):
        beside = key[len(name_key) :].lstrip()
    elif key.endswith(name_key):
        beside = key[: -len(name_key)].rstrip()
    else:
        return False
    return beside.strip("()[]") in BADGES or (beside != "" and not any(c.isalnum() for c in beside))


def line_shape(line: str) -> str:
    """A line with its numbers and month names blanked: "Apr 8, 2026" and "Mar 12, 2026",
    or "👍 3" and "👍 12", have one shape.

    >>> line_shape("Reviewed Apr 8, 2026") == line_shape("Reviewed March 12, 2026")
    True
    >>> line_shape("Market Perspective")
    'Market Perspective'
    """
    return NUMBERS.sub("0", MONTH_NAME.sub("M", line)) if len(line) <= LONGEST_KEY else line


def is_no_score(line: str) -> bool:
    """ "—", "n/a", "Pending", "Not reviewed", "—/100": no score where one would be.

    >>> is_no_score("—"), is_no_score("Not reviewed."), is_no_score("— / 100")
    (True, True, True)
    >>> is_no_score("Pending review of the API"), is_no_score("0/100")
    (False, False)
    """
    key = line.strip().lower().rstrip(".")
    return is_placeholder(key) or key in NO_SCORE or NO_SCORE_DASH.match(key) is not None


def is_decoration(line: str) -> bool:
    """A line of glyphs only, such as a bar drawn in blocks ("████░░"), or a score's
    move ("▲ 3", "+4"); an opening quotation mark in an element of its own is the
    review's, not decoration."""
    if is_score_move(line):
        return True
    return not any(map(str.isalnum, line)) and closing_quote(line) is None


def shown_on(key: str, keys: set[str]) -> bool:
    """A line of the grid (a tool's name) is among the cards' lines, perhaps with a
    badge beside it there ("Mistral Medium 3.2 NEW")."""
    return key in keys or (bool(key) and any(is_badged(shown, key) for shown in keys))


def names_every_tool(line: str, names: list[str]) -> bool:
    """The line could be the page's heading: it names every tool ("A versus B")."""
    return len(line) <= 200 and all(name.split()[0] in line for name in names if name.split())


def is_title(line: str) -> bool:
    """The page's "A vs B" heading (or its breadcrumb)."""
    return " vs" in line.lower() and TITLE.match(line) is not None


def find_title(text: list[str], before: int, categories: Collection[str] = ()) -> int | None:
    """The last line of the page's "A vs B" heading before line ``before``: the heading
    itself, or the line after a "vs" that stands alone between the two names. A line
    that ends a sentence is a subtitle that says "vs" too ("A vs B: the panel weighs
    in."), where a heading above it does not; a line that is a tool's category ("Build vs
    Buy", over the first card's name) is not the heading.

    >>> find_title(["A vs B", "A vs B: the panel weighs in.", "Card"], 2)
    0
    """
    sentence = None
    for i in range(before - 1, -1, -1):
        if is_title(text[i]) and text[i] not in categories:
            if not ends_sentence(text[i]):
                return i
            sentence = i if sentence is None else sentence
        elif i + 1 < before and key_of(text[i]) in VS_WORDS:
            return i + 1
    return sentence


def is_heading(line: str) -> bool:
    """A section heading, not the end of a paragraph: short, no sentence punctuation."""
    return len(line) <= 40 and not ends_sentence(line) and not line.endswith((":", ";", ","))


def is_prose(line: str) -> bool:
    """More of a paragraph, not a label, badge or heading: long, or a whole sentence."""
    return len(line) >= 60 or ends_sentence(line)


def ends_sentence(line: str) -> bool:
    return line.rstrip("”\"'").endswith((".", "!", "?", "…"))


def review_verdict(key: str) -> str | None:
    if key in REVIEW_VERDICTS:
        return key
    if len(key) > 24 or ("ship" not in key and "skip" not in key):
        return None
    badge = VERDICT_BADGE.match(key)
    return badge["word"] if badge else None


def is_verdict_badge(line: str) -> bool:
    """ "Ship", "Mixed", "✅ Skip": a panel's verdict on a line of its own."""
    return LEADING_ICON.sub("", line).lower() in VERDICT_WORDS


def is_small_number(line: str) -> bool:
    return len(line) <= 3 and line.isdigit()


def persona_name(line: str) -> str | None:
    """The persona a heading line names, or None if it names none; a section's heading
    in Title Case ("More Comparisons", "Related Tools") names none.

    A heading written in capitals names the persona as other renders do, so that its
    reviews stay one reviewer's history: "THE BUILDER" is "Builder", "AI SKEPTIC" is
    "AI Skeptic". So does one word in lower case, which CSS may capitalise: "builder".

    >>> persona_name("🛠 Builder · Developer Perspective"), persona_name("More Comparisons")
    ('Builder', None)
    >>> persona_name("THE BUILDER"), persona_name("REVIEWED BY AI SKEPTIC")
    ('Builder', 'AI Skeptic')
    >>> persona_name("Reviewer · Builder"), persona_name("Critic | Builder · Developer")
    ('Builder', 'Builder')
    >>> persona_name("BBuilder"), persona_name("Builder NEW"), persona_name("Top Pick")
    ('Builder', 'Builder', 'Top Pick')
    >>> persona_name("1. Builder"), persona_name("#2 Skeptic"), persona_name("Review by Futurist")
    ('Builder', 'Skeptic', 'Futurist')
    """
    if DATELINE.match(line) is not None:  # "Reviewed2026-04-08" under a review
        return None
    if line[:1].isdigit() or line.startswith("#"):
        line = PERSONA_NUMBER.sub("", line, count=1)
    if line.isupper():
        line = _capitalised(line)
    elif line.islower() and line.isalpha() and len(line) <= 20:
        line = line.capitalize()  # "builder" under CSS text-transform: capitalize
    name = _named(line)
    if name is None or not SECTION_WORDS.isdisjoint(name.lower().split()):
        return None
    return _bare_name(name)


def sentence_case_name(line: str) -> str | None:
    """``line`` where it could be a persona's name written in sentence case ("Indie
    hacker", "Data scientist"): two or three words of letters (joined by a hyphen or an
    apostrophe, perhaps), the first capitalised and the others in lower case or an
    acronym ("Senior ML engineer"), perhaps with an icon before or after them, which is
    no part of the name (as for "🛠 Builder"). In lower case throughout, as CSS may
    capitalise it, it is read with its first letter capitalised. Such a line names a
    persona only where it heads a score (:meth:`Lines.persona`): elsewhere it is as
    likely a short phrase of the page's.

    >>> sentence_case_name("Indie hacker"), sentence_case_name("Get started")
    ('Indie hacker', 'Get started')
    >>> sentence_case_name("The Indie hacker 🚀"), sentence_case_name("Senior ML engineer")
    ('Indie hacker', 'Senior ML engineer')
    >>> sentence_case_name("devil's advocate"), sentence_case_name("🧰 Full-stack dev")
    ("Devil's advocate", 'Full-stack dev')
    >>> sentence_case_name("Trending today"), sentence_case_name("Pricing: Paid")
    (None, None)
    """
    if line.startswith(("The ", "the ")):  # "The Indie hacker", over its role
        line = line[4:]
    line = PERSONA_TRAILING_ICON.sub("", LEADING_ICON.sub("", line, count=1))
    words = line.split()
    if not 2 <= len(words) <= 3 or len(line) > 30 or not all(map(NAME_WORD.fullmatch, words)):
        return None
    if line.islower():
        line = line[0].upper() + line[1:]
        words[0] = line.split(maxsplit=1)[0]
    if not words[0][:1].isupper():
        return None
    if not all(word.islower() or (word.isupper() and len(word) <= 3) for word in words[1:]):
        return None
    if not SECTION_WORDS.isdisjoint(word.lower() for word in words):
        return None
    return line


def could_be_name(line: str) -> bool:
    """A short capitalised line that ends no sentence and is no number or initial: where
    a persona's name stands, it is one, whatever its words.

    >>> could_be_name("Dr. Skeptic"), could_be_name("Solid pick."), could_be_name("B")
    (True, False, False)
    """
    return 1 < len(line) <= 40 and line[:1].isupper() and not ends_sentence(line)


def name_over_role(line: str) -> str | None:
    """The name in a line "The …" that stands over a persona's role line ("The Dr.
    Skeptic", then "Panel Critic"): a name this module does not read as one otherwise,
    as the site's tool pages write them. Not a sentence, nor a phrase in lower case.

    >>> name_over_role("The Dr. Skeptic 🩺"), name_over_role("The primitive is clean.")
    ('Dr. Skeptic', None)
    """
    if not line.startswith("The ") or len(line) > 44:
        return None
    name = PERSONA_TRAILING_ICON.sub("", line[4:]).strip()
    return name if name[:1].isupper() and not ends_sentence(name) else None


def _bare_name(name: str) -> str:
    """A persona's name without an avatar's initial run into it ("BBuilder", where an
    inline element shows the initial) or a badge beside it ("Builder NEW"): with them,
    one critic's reviews would be filed under another name while they are shown."""
    if GLUED_INITIAL.match(name):
        name = name[1:]
    words = name.split()
    for size in (2, 1):
        if len(words) > size and " ".join(words[-size:]).lower() in BADGES:
            return " ".join(words[:-size])
    # What the persona is, after a name: "Builder Persona" is "Builder", as "Builder
    # persona" is; "Builder Critic" too, but not "Panel Critic", which may be a name.
    if len(words) > 1 and (said := words[-1].lower()) in PERSONA_WORDS:
        rest = " ".join(words[:-1])
        if said == "persona" or rest.lower() in KNOWN_PERSONAS:
            return rest
    return name


def is_section_heading(line: str) -> bool:
    """A short heading of another section than the scorecard ("Trending today", "More
    Comparisons"), not a sentence.

    >>> is_section_heading("Trending today"), is_section_heading("More of the same.")
    (True, False)
    """
    return (
        len(line) <= 40
        and not ends_sentence(line)
        and not SECTION_WORDS.isdisjoint(line.lower().split())
    )


def _capitalised(line: str) -> str:
    """Each word written capitalised ("FOUNDER’S" is "Founder’s"), but for an acronym of
    one or two letters ("AI"), a name that is one word of three ("CTO": no name in
    capitals is that short) and the words around a name ("BY", "SAYS").

    >>> _capitalised("THE BUILDER"), _capitalised("AI SKEPTIC"), _capitalised("🧭 CTO")
    ('The Builder', 'AI Skeptic', '🧭 CTO')
    """
    words = CAPITALS_WORD.findall(line)
    if len(words) == 1 and len(words[0]) <= 3:
        return line
    return CAPITALS_WORD.sub(_capitalised_word, line)


def _capitalised_word(word: re.Match[str]) -> str:
    if word[0] in ("BY", "SAYS"):
        return word[0].lower() if word.start() else word[0].capitalize()
    return word[0] if len(word[0]) <= 2 else word[0].capitalize()


def _named(line: str) -> str | None:
    if len(line) <= 40 and line[:1].isupper() and (match := PERSONA.match(line)):
        return match["name"]
    if len(line) > 80 or review_verdict(line.lower()) is not None:  # "✅ Ship" is a verdict
        return None
    # the rarer forms: an icon before the name, a role after it, a word for what a
    # persona is before it ("Reviewer · Builder")
    parts = PERSONA_ROLE.split(LEADING_ICON.sub("", line, count=1), maxsplit=2)
    bare = parts[1] if len(parts) > 1 and parts[0].lower() in PERSONA_WORDS else parts[0]
    bare = PERSONA_TRAILING_ICON.sub("", bare)
    if (critic := _critic_badged(bare)) is not None:
        return critic
    if bare == line or len(bare) > 40 or not bare[:1].isupper():
        return None
    match = PERSONA.match(bare)
    return match["name"] if match else None


def _critic_badged(line: str) -> str | None:
    """One of the site's critics with a badge or a role of a few words after the name
    ("Builder Top critic", "Skeptic ✓ Verified", "Builder: Developer Perspective",
    "Builder, staff"): the critic. Not a heading naming a tool too ("Builder on Claude 4
    API"), which the scorecard reads as such.

    >>> _critic_badged("Builder Top critic"), _critic_badged("Founder: Who pays?")
    ('Builder', 'Founder')
    >>> _critic_badged("Builder, AI reviewer")
    'Builder'
    >>> _critic_badged("Builder on Claude 4 API"), _critic_badged("Confidence: high")
    (None, None)
    """
    words = line.split()
    name = words[0].rstrip(":,") if words else ""
    if not 1 < len(words) <= 4 or len(line) > 40 or name.lower() not in KNOWN_PERSONAS:
        return None
    if not name[:1].isupper() or HEADING_PARTS.search(line):
        return None
    return name
