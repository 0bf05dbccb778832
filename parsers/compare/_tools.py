"""Each tool's slug and its record, from its card and its column of the Decision grid."""

from __future__ import annotations

from itertools import permutations
from typing import Any
from urllib.parse import urlsplit

from parsers._fields import (
    is_placeholder,
    parse_community_share,
    parse_panel_split,
    parse_votes,
    shows_no_share,
    slugify,
    votes_give_share,
)
from parsers.compare._line_kinds import key_of
from parsers.compare._page_text import PageText
from parsers.compare._parts import Card, GridColumn
from parsers.compare._words import (
    CATEGORY_COUNT,
    COMPARE_URL,
    PRICE_BADGES,
    TOOL_LINK,
    TRAILING_CHECKED_DATE,
)


def match_links(names: list[str], links: list[tuple[str, str]]) -> list[str] | None:
    """Pair each card with the tool link named like it (in order: names may repeat);
    failing that, with the page's distinct tool links in order, if one per card and
    each slug shares a word with its card's name ("View tool →" links on the cards),
    not links to other tools ("Trending today") that number as many as the cards."""
    unused = list(links)
    chosen: list[str] = []
    for name in names:
        wanted = key_of(name)
        found = next((link for link in unused if key_of(link[0]) == wanted), None)
        found = found or next((link for link in unused if wanted in key_of(link[0])), None)
        if found is None:
            break
        chosen.append(found[1])
        unused = unused[unused.index(found) + 1 :]
    if len(chosen) == len(names) and len(set(chosen)) == len(names):
        return chosen
    distinct = list(dict.fromkeys(slug for _, slug in links))
    if len(distinct) != len(names):
        return None
    named = all(
        slug_words(name) & set(slug.split("-")) for name, slug in zip(names, distinct, strict=True)
    )
    return distinct if named else None


def slug_words(text: str) -> set[str]:
    """The words of ``text`` as a slug writes them: "Claude 4 API" -> {"claude", "4", "api"}."""
    return set(slugify(text).split("-"))


def shown(value: str | None) -> str | None:
    """A grid cell's value; None where the site shows "—" for none, as for the Entry."""
    return None if value is None or is_placeholder(value) else value


# Pages compare two or three tools; past this many, pairing tries fewer of the orders.
_MOST_ORDERS_TRIED = 6


# What a badge run into a price's end may follow: "... requiredNew", "... (USD)NEW",
# besides another badge.
RUN_IN_AFTER = frozenset("0123456789).;,")


def price_text(value: str) -> str:
    """The pricing cell's words, less a date it was checked or a badge run into their
    end ("... required Checked Nov 3, 2026", "... requiredNew"): the date moves with
    every check, a badge comes and goes, and each would read as an edit of the price.

    >>> price_text("Pro $20/mo Updated"), price_text("Pro $20/moNEW")
    ('Pro $20/mo', 'Pro $20/mo')
    >>> price_text("Free while in Beta"), price_text("Free for anything new")
    ('Free while in Beta', 'Free for anything new')
    """
    while (shorter := TRAILING_CHECKED_DATE.sub("", without_badge(value))) != value:
        value = shorter  # one badge per loop
    return value


def without_badge(value: str) -> str:
    """``value`` less a badge beside its end, written with a capital or in capitals."""
    if not value.endswith(PRICE_BADGES):  # one call for most prices, rather than one a badge
        return value
    for badge in PRICE_BADGES:
        if value.endswith(badge) and (rest := value[: -len(badge)]).strip():
            if rest[-1].isspace():
                return rest.rstrip()
            if rest[-1].islower() or rest[-1] in RUN_IN_AFTER:  # "... requiredNew"
                return rest
            if rest.endswith(PRICE_BADGES):  # another badge run into this one: "HOTNew"
                return rest
    return value


def category_text(value: str | None) -> str | None:
    """The category's name, less a count of the tools under it (:data:`CATEGORY_COUNT`).

    >>> category_text("Developer Tools (12)"), category_text("Models · 8 tools")
    ('Developer Tools', 'Models')
    >>> category_text("AI/ML Models"), category_text("Top 10 (2026)")
    ('AI/ML Models', 'Top 10 (2026)')
    """
    return CATEGORY_COUNT.sub("", value) if value else value


def pair_slugs(cards: list[Card], slugs: list[str]) -> list[str]:
    """The slugs in card order: the pairing whose slugs share the most words with the
    cards' names, then with their taglines and descriptions (a slug is often the name
    and the tagline: "anthropic-claude-4-sonnet-1m-token-context"); in a tie, the
    slugs' own order.

    Pairing card by card went wrong where one name is in both slugs: "Gemini" took
    "gemini-code-assist" and left "google-gemini-cli" to "Gemini Code Assist".

    >>> cards = [Card("Gemini", None, None, None), Card("Gemini Code Assist", None, None, None)]
    >>> pair_slugs(cards, ["gemini-code-assist", "google-gemini-cli"])
    ['google-gemini-cli', 'gemini-code-assist']
    """
    names = [slug_words(card.name) for card in cards]
    about = [slug_words(f"{card.tagline or ''} {card.description or ''}") for card in cards]
    words = [set(slug.split("-")) for slug in slugs]

    def shared(order: tuple[int, ...]) -> tuple[int, int]:
        return (
            sum(len(names[card] & words[slug]) for card, slug in enumerate(order)),
            sum(len(about[card] & words[slug]) for card, slug in enumerate(order)),
        )

    if len(cards) <= _MOST_ORDERS_TRIED:
        best = max(permutations(range(len(slugs))), key=shared)  # the first of equals
        return [slugs[slug] for slug in best]
    remaining = list(range(len(slugs)))
    chosen = []
    for card in range(len(cards)):
        slug = max(remaining, key=lambda slug: len(names[card] & words[slug]))
        chosen.append(slugs[slug])
        remaining.remove(slug)
    return chosen


class ToolReading(PageText):
    """Each tool's slug and its record, from its card and grid column."""

    def tool_slugs(self, cards: list[Card]) -> list[str]:
        """Slugs from the cards' tool links, else the compare URL, else the names."""
        names = [card.name for card in cards]
        tool_links = [
            (link_text, match["slug"])
            for link_text, href in self.links
            if (match := TOOL_LINK.search(href))
        ]
        from_links = match_links(names, tool_links)
        if from_links is not None:
            return from_links
        from_url = self.slugs_from_url(cards)
        if from_url is not None:
            return from_url
        slugs = [slugify(name) or f"tool-{i + 1}" for i, name in enumerate(names)]
        return [s if slugs.count(s) == 1 else f"{s}-{i + 1}" for i, s in enumerate(slugs)]

    def slugs_from_url(self, cards: list[Card]) -> list[str] | None:
        """Pair the URL's slugs with the cards (the site orders them alphabetically)."""
        match = COMPARE_URL.search(urlsplit(self.url).path) if self.url else None
        if match is None:
            return None
        parts = match["pair"].split("-vs-")
        if len(parts) != len(cards) or len(set(parts)) != len(parts):
            return None
        return pair_slugs(cards, parts)

    def tool(self, index: int, card: Card, column: GridColumn, slug: str) -> dict[str, Any]:
        where = f"tools[{index}]"
        values = column.values  # every row is there: check_grid_rows
        split = parse_panel_split(values["panel"], card.strip.ship_pct)
        if split is None:
            raise self.fail(
                f"{where}.panel", 'a "Panel verdict" like "Ship · 3 ship / 1 skip"', values["panel"]
            )
        ship, skip, total = parse_votes(values["community"])
        shown_pct, entry = card.strip.community, card.strip.entry
        community_pct = None
        if shown_pct is not None and not shows_no_share(shown_pct):
            community_pct = parse_community_share(shown_pct)
            if community_pct is None:
                raise self.fail(
                    f"{where}.community.ship_pct",
                    'a percentage or "—" above "Community"',
                    shown_pct,
                )
            if not votes_give_share(values["community"], ship, skip, community_pct):
                raise self.fail(
                    f"{where}.community",
                    f'ship and skip votes that give the {community_pct}% above "Community"',
                    values["community"],
                )
        return {
            "slug": slug,
            "name": card.name,
            "category": category_text(shown(values["category"])),
            "tagline": card.tagline,
            "description": card.description,
            "best_for": shown(values["best_for"]),
            "panel": {
                "verdict": split[0],
                "ship": split[1],
                "skip": split[2],
                "ship_pct": card.strip.ship_pct,
            },
            "community": {
                "text": values["community"],
                "ship_pct": community_pct,
                "ship": ship,
                "skip": skip,
                "total": total,
            },
            "pricing": {
                "model": entry if entry and not is_placeholder(entry) else None,
                "text": price_text(values["pricing"]),
            },
        }
