"""Each tool's slug and its record, from its card and its column of the Decision grid."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from parsers._fields import (
    is_placeholder,
    parse_panel_split,
    parse_percent,
    parse_votes,
    slugify,
    without_vote_count,
)
from parsers.compare._line_kinds import key_of
from parsers.compare._page_text import PageText
from parsers.compare._parts import Card, GridColumn
from parsers.compare._words import COMPARE_URL, TOOL_LINK


def match_links(names: list[str], links: list[tuple[str, str]]) -> list[str] | None:
    """Pair each card with the tool link named like it (in order: names may repeat);
    failing that, with the page's distinct tool links in order, if one per card."""
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
    return distinct if len(distinct) == len(names) else None


class ToolReading(PageText):
    """Each tool's slug and its record, from its card and grid column."""

    def tool_slugs(self, names: list[str]) -> list[str]:
        """Slugs from the cards' tool links, else the compare URL, else the names."""
        tool_links = [
            (link_text, match["slug"])
            for link_text, href in self.links
            if (match := TOOL_LINK.search(href))
        ]
        from_links = match_links(names, tool_links)
        if from_links is not None:
            return from_links
        from_url = self.slugs_from_url(names)
        if from_url is not None:
            return from_url
        slugs = [slugify(name) or f"tool-{i + 1}" for i, name in enumerate(names)]
        return [s if slugs.count(s) == 1 else f"{s}-{i + 1}" for i, s in enumerate(slugs)]

    def slugs_from_url(self, names: list[str]) -> list[str] | None:
        """Pair the URL's slugs with the cards: the site orders them alphabetically."""
        match = COMPARE_URL.search(urlsplit(self.url).path) if self.url else None
        if match is None:
            return None
        parts = match["pair"].split("-vs-")
        if len(parts) != len(names) or len(set(parts)) != len(parts):
            return None
        remaining = list(parts)
        chosen = []
        for name in names:
            words = set(slugify(name).split("-"))
            best = max(remaining, key=lambda part: len(words & set(part.split("-"))))
            chosen.append(best)
            remaining.remove(best)
        return chosen

    def tool(self, index: int, card: Card, column: GridColumn, slug: str) -> dict[str, Any]:
        where = f"tools[{index}]"
        values = column.values  # every row is there: check_grid_rows
        split = parse_panel_split(values["panel"])
        if split is None:
            raise self.fail(
                f"{where}.panel", 'a "Panel verdict" like "Ship · 3 ship / 1 skip"', values["panel"]
            )
        ship, skip, total = parse_votes(values["community"])
        shown_pct, entry = card.strip.community, card.strip.entry
        if shown_pct is not None and "(" in shown_pct:
            shown_pct = without_vote_count(shown_pct)
        community_pct = None
        if shown_pct is not None and not is_placeholder(shown_pct):
            community_pct = parse_percent(shown_pct)
            if community_pct is None:
                raise self.fail(
                    f"{where}.community.ship_pct",
                    'a percentage or "—" above "Community"',
                    shown_pct,
                )
        return {
            "slug": slug,
            "name": card.name,
            "category": values["category"],
            "tagline": card.tagline,
            "description": card.description,
            "best_for": values["best_for"],
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
                "text": values["pricing"],
            },
        }
