"""The words and patterns a comparison page is read by: its labels and their other
wordings, and the shapes of scores, verdicts, personas and datelines."""

from __future__ import annotations

import re

STAT_LABELS = ("panel ship", "community", "entry")
# Other wordings of a stat label, read as the site's own: the key is what is compared.
LABEL_SYNONYMS = {
    "entry price": "entry",
    "community vote": "community",
    "community votes": "community",
}
STAT_FIELDS = {"community": "community.ship_pct", "entry": "pricing.model"}
GRID_LABELS = {
    "panel verdict": "panel",
    "community": "community",
    "community votes": "community",
    "community vote": "community",
    "pricing": "pricing",
    "best for": "best_for",
    "category": "category",
}
# The rows of the Decision grid, as shown: (the label's key, the field it fills).
GRID_ROWS = {
    "Panel verdict": ("panel", "panel"),
    "Community": ("community", "community.text"),
    "Pricing": ("pricing", "pricing.text"),
    "Best for": ("best_for", "best_for"),
    "Category": ("category", "category"),
}
# A stat and its label on one line, maybe apart by a mark: "100% · Panel ship".
GLUED_STAT = re.compile(
    r"^(?P<value>.{0,24}?)(?:\s+[·•|—–-])?\s*(?P<label>panel ship|community|entry)$",
    re.IGNORECASE,
)
STAT_THEN_VALUE = re.compile(
    # the value may be run into its label: "Panel ship100%", "EntryPaid", "Community—";
    # or apart by a mark: "Panel ship — 100%"
    r"^(?P<label>panel ship|community|entry)"
    r"(?P<colon>\s*:\s*|\s+[·•|—–-]\s+|\s+|(?=(?-i:[\dA-Z—–$€£])))"
    r"(?P<value>.{1,24})$",
    re.IGNORECASE,
)
STRIP_LABEL = re.compile(r"(panel ship|community|entry)", re.IGNORECASE)
GRID_INLINE = re.compile(
    r"^(?P<label>panel verdict|community votes?|community|pricing|best for|category)"
    r"\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
# A grid label with its value run into it: "PricingPay-as-you-go ...", "Panel verdictShip".
GRID_LABELS_SHOWN = ("Panel verdict", "Community", "Pricing", "Best for", "Category")
GRID_GLUED = re.compile(
    r"^(?P<label>Panel verdict|Community votes?|Community|Pricing|Best for|Category)"
    r"(?P<value>[\dA-Z—–$€£“\"].*)$"
)
TITLE = re.compile(r"\S.*\bvs\.?\s+\S", re.IGNORECASE)
VS_WORDS = frozenset({"vs", "vs.", "versus"})  # a title split around its "vs"
# "Builder", "The Builder", "Builder:", "Builder's take", "Reviewed by Builder",
# "Review by Builder", "Persona: Builder", "Builder says"
PERSONA = re.compile(
    r"^(?:(?:[Rr]eview(?:ed)?\s+)?[Bb]y\s+|(?:Persona|Reviewer|Critic)\s*:\s*)?(?:[Tt]he\s+)?"
    r"(?P<name>[A-Z][\w-]*(?:['’](?![sS]\b)[\w-]+)?(?:\s[A-Z][\w'’-]*){0,2})"
    r"(?:['’]s\s+(?:[Tt]ake|[Vv]erdict|[Vv]iew|[Rr]eview)|\s+says)?\s*:?$"
)
# A word of a name in sentence case: letters, perhaps joined by a hyphen or an apostrophe
# ("Full-stack", "Devil's").
NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# A persona's place in a numbered scorecard, before its name: "1. Builder", "#2 Skeptic".
PERSONA_NUMBER = re.compile(r"^(?:#\d{1,2}\.?|\d{1,2}[.)])\s+(?=\S)")
# A word, with what follows an apostrophe, in a heading written in capitals ("THE BUILDER").
CAPITALS_WORD = re.compile(r"(?<![\w'’])[^\W\d_]+(?:['’][^\W\d_]+)?")
# Around a persona's name a render may add an icon glyph before or after it, or its role
# after it on the same line: "🛠 Builder", "Builder 🛠", "Builder · Developer Perspective".
LEADING_ICON = re.compile(r"^[^\w\s]+\s*")
PERSONA_TRAILING_ICON = re.compile(r"\s+[^\w\s’']+$")  # "Builder 🛠"
PERSONA_ROLE = re.compile(r"\s+[·•|—–-]\s+|\s*\(")
# An avatar's initial run into the name after it: "BBuilder".
GLUED_INITIAL = re.compile(r"([A-Z])\1[a-z]")
# What a persona is, said before its name: "Reviewer · Builder".
PERSONA_WORDS = frozenset({"reviewer", "critic", "persona", "panelist"})
# A review's heading naming its persona and its tool, in either order: "Builder · Claude",
# "Builder on Claude", "Claude — Builder", "Builder (Claude)".
HEADING_PARTS = re.compile(r"\s+(?:[·•|—–-]|on|for)\s+|\s*\(")
NAMED_SCORE = re.compile(
    # a space before the score, or none after a letter: "Builder88/100", run together
    r"^(?P<head>\D.{0,79}?)(?:\s*[:·•|—–-]?\s+|(?<=[^\W\d_]))"
    r"(?P<score>\d{1,3}(?:[.,]\d+)?\s*/\s*100(?!\d).*)$"
)
SLASH_100 = re.compile(r"/\s*100\b")
WORD = re.compile(r"\w(?:[\w.+-]*\w)?")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# The value of a stat the parser does not read: "4", "1,204", "4.5/5", "$20", "12k", "90%".
STAT_FIGURE = re.compile(r"^[$€£¥]?\d[\d.,]*\s*(?:[%kKmM+]|/\s*\d+)?$")
REVIEW_VERDICTS = ("ship", "skip")
# A review's verdict on a line of its own: "Ship", "✅ Ship", "Verdict: skip".
VERDICT_BADGE = re.compile(r"^\W*(?:verdict\W*)?(?P<word>ship|skip)(?:\s+it)?\W*$")
# A review's own list of what is good and bad about the tool, on a line after its
# paragraph: "Pros: streaming tool calls; Cons: lock-in".
PROS_AND_CONS = re.compile(
    r"^(?:pros?|cons?|strengths?|weaknesses|upsides?|downsides?|the (?:good|bad))\s*:\s*\S",
    re.IGNORECASE,
)
# Or as a heading over a list of its own: "Pros", then an item a line.
PROS_AND_CONS_HEADING = re.compile(
    r"^(?:pros?|cons?|strengths?|weaknesses|upsides?|downsides?|the (?:good|bad))\s*:?$",
    re.IGNORECASE,
)
# What a button, a <details> summary or a link to the rest says, not data: "Read full
# review", "Show more", "Full review →".
CONTROL_LABEL = re.compile(
    r"^(?:(?:read|show|see|view)\s+(?:the\s+)?(?:full|more|whole|entire)"
    r"(?:\s+(?:review|text|take))?|(?:full|whole|entire)\s+(?:review|text|take)"
    r"|expand|continue reading)\W*$"
)
# A link that asks the reader to act rather than informs: "Read more", "View pricing →".
# Run on at the end of a block (after a <br>, or inline after a description's last
# sentence), it is not part of that block's text.
ACTION_LINK = re.compile(
    r"^(?:(?:read|learn|see|view|show)\s+more|more\s+info|details"
    r"|(?:see|view|compare|check)\s+(?:the\s+|all\s+)?"
    r"(?:pricing|prices|plans|details|deal|alternatives)"
    r"|(?:pricing|plans?)\s+(?:page|details|info)|visit\s+(?:the\s+)?(?:site|website)"
    r"|try\s+it(?:\s+(?:for\s+)?free)?|get\s+started|sign\s+up|(?:cast\s+your\s+)?vote(?:\s+now)?"
    r"|add\s+your\s+vote|be\s+the\s+first(?:\s+to\s+vote)?)"
    r"\W*$",
    re.IGNORECASE,
)
# The panel's counts stacked in one grid cell: a value ending "4 ship", then "0 skip".
SHIP_COUNT = re.compile(r"\b\d+\s*ships?$", re.IGNORECASE)
SKIP_COUNT = re.compile(r"^\d+\s*skips?$", re.IGNORECASE)
TOOL_LINK = re.compile(r"/tool/(?P<slug>[^/?#\s]+)")
COMPARE_URL = re.compile(r"/compare/(?P<pair>[^/?#\s]+)")
VERDICT_WORDS = ("ship", "skip", "mixed")
# A word on the panel's split, which a card or the grid may show on a line of its own,
# as a badge: under the percentage or the counts, or beside the "Panel ship" label.
SPLIT_WORDS = frozenset({"unanimous", "split", "split decision", "consensus", "close call"})
SEPARATORS = ("·", "•", "|", "-", "–", "—")
# A separator in a block of its own only decorates; "—" and "-" may be a value ("no votes").
LONE_SEPARATORS = frozenset({"·", "•", "|"})
FOOTER_START = "weekly ai tool verdicts"
# What a scorecard may show where a persona gave a tool no score, besides "—" or "n/a".
NO_SCORE = frozenset({
    "pending", "not reviewed", "not yet reviewed", "not reviewed yet", "no review",
    "no review yet", "no score", "no score yet", "awaiting review", "not rated", "unrated",
    "tbd", "review coming soon", "coming soon", "not scored", "not scored yet",
})  # fmt: skip
NO_SCORE_DASH = re.compile(r"^[—–-]\s*/\s*100$")  # "—/100"
# Words a line may say where a persona's name could stand, without being one: a label
# over each score ("Score"), a table's corner cell over the tools' names ("Tool",
# "Reviewer"), a heading renamed to one word ("Critics").
NOT_PERSONAS = frozenset({
    *VERDICT_WORDS, FOOTER_START, "score", "scores", "rating", "verdict", "review", "reviews",
    "reviewer", "reviewers", "critic", "critics", "persona", "personas", "panel", "panelists",
    "judges", "scorecard", "tool", "tools", "product", "products", "name",
    "helpful", "useful", "likes", "replies",  # "Helpful (3)" under a review
    "pros", "cons", "strengths", "weaknesses", "upsides", "downsides",  # lists in a review
    *NO_SCORE,
})  # fmt: skip
# Words of a section's heading that no critic's name has: "More Comparisons", "Related
# Tools", "Trending Now" after the scorecard, over other tools' scores.
SECTION_WORDS = frozenset({
    "more", "related", "similar", "popular", "trending", "comparisons", "alternatives",
    "also", "latest", "recent", "other",
})  # fmt: skip
# Tabs over a scorecard that filter it rather than hold one persona's or tool's reviews:
# "All", "Everyone", "Ship" / "Skip".
FILTER_TAB = re.compile(r"(?:all|everyone|every critic|overview|summary|ships?|skips?|mixed)\b")
# The site's critics seen so far: a tie-breaker between a name and a role line, never a
# requirement (the site says seven critics review each tool).
KNOWN_PERSONAS = frozenset({"builder", "skeptic", "futurist", "founder"})
# Badges a card may put beside a tool's name; a word not here may be part of the name.
BADGES = frozenset({
    "new", "beta", "alpha", "preview", "updated", "hot", "trending", "featured", "sponsored",
    "popular", "top pick", "editor's pick", "new!", "winner", "our pick", "best pick",
    "recommended", "best value", "best overall", "runner-up",
})  # fmt: skip
SCORE_LABELS = frozenset({"score", "rating", "panel score"})
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
MONTH_NAME = re.compile(rf"\b{MONTH}", re.IGNORECASE)
NUMBERS = re.compile(r"\d+")
# A dateline or reading time under the title is about the page, not its subtitle:
# "Updated November 20, 2026", "Published 2026-11-20", "5 min read"; and a date under a
# value in the grid is about the value ("Last checked Nov 3, 2026").
DATE = (
    rf"(?:\d{{4}}-\d\d-\d\d|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{MONTH}\s+\d{{4}})"
)
CHECKED = r"(?:last\s+)?(?:updated|checked|verified)"
DATELINE = re.compile(
    rf"^(?:{CHECKED}|published|posted|reviewed|as\s+of)?\s*:?\s*(?:on\s+)?{DATE}"
    r"(?:\s*[·•|]\s*\d+\s*min(?:ute)?s?\s+read)?$"
    r"|^\d+\s*min(?:ute)?s?\s+read$",
    re.IGNORECASE,
)
# A box between the subtitle and the cards that sums the page up opens with its label
# ("TL;DR: …", "Bottom line: …"); a subtitle's second paragraph does not.
BOX_LABEL = re.compile(r"^(?:(?i:tl;?\s?dr)\b|[A-Z][\w'’-]*(?: [\w'’-]+){0,2}:\s)")
# When a review was written, said on its score's line: "· 2 days ago", "· yesterday".
TIME_AGO = re.compile(
    r"^(?:(?:\d+|an?)\s+(?:min(?:ute)?|hour|day|week|month|year)s?\s+ago|today|yesterday)$",
    re.IGNORECASE,
)
# A badge run into the end of a pricing cell, about the price, not its words:
# "... no separate tier required Checked Nov 3, 2026", "... (updated 2026-11-03)", and
# "As of Nov 3, 2026" with a capital, as on a line of its own ("... as of Nov 3, 2026"
# in lower case is the price's own words).
TRAILING_CHECKED_DATE = re.compile(
    rf"\s+(\()?(?:{CHECKED}|(?-i:As)\s+of)\s*:?\s*(?:on\s+)?{DATE}(?(1)\))$", re.IGNORECASE
)
# A count after a category, of the tools filed under it: it moves as tools are added,
# and is no part of the category's name. "Developer Tools (12)", "Models · 8 tools";
# not a year ("(2026)").
CATEGORY_COUNT = re.compile(
    r"\s*(?:\((?!(?:19|20)\d\d\))\d[\d,]*\)|[·•|]\s*\d[\d,]*\s+(?:tools?|products?|apps?|listings?))$",
    re.IGNORECASE,
)
# A badge word beside a price, spaced or run in, in capitals or with one: "... required
# Updated", "... requiredNew", "... NEW". Beta, alpha and preview are left out: "Free
# while in Beta" is a price.
PRICE_BADGES = tuple(
    form
    for badge in sorted(BADGES - {"beta", "alpha", "preview"})
    for form in sorted({badge.capitalize(), badge.title(), badge.upper()})
)


# A line that starts or ends otherwise may need more than a key: "88" over "/100",
# "Builder 88/100 · ship", "📊 Panel ship", "Reviewer scorecard (4)".
PLAIN_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# or end otherwise: an info or link mark after a label ("Pricing ⓘ", "Panel ship *").
TRAILING_MARKS = "ⓘℹ\ufe0f↗→›»*†"
MARKED_END = frozenset(")" + TRAILING_MARKS)
SPECIAL_END = frozenset("pP") | MARKED_END
TRAILING_MARK = re.compile(rf"\s*[{TRAILING_MARKS}]+$")
# An icon before a label, a count after it, or a help mark: "Pricing (?)", "Entry (i)".
KEY_DECORATION = re.compile(rf"^[^\w\s]+\s+|\s*\((?:\d+|\?|i)\)$|{TRAILING_MARK.pattern}")
LONGEST_KEY = 160  # labels, names and categories are short; paragraphs need no key
