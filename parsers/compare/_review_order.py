"""Which tool each review is about, and one order for the reviews whatever the layout."""

from __future__ import annotations

import itertools

from parsers.compare._parts import Card, ReviewBlock
from parsers.compare._words import SENTENCE_END, WORD


def nth_match(name_keys: list[str], key: str, current: int | None) -> int:
    """Which tool a name heads; two tools may share a display name, so go in order."""
    candidates = [i for i, k in enumerate(name_keys) if k == key]
    later = [i for i in candidates if current is None or i > current]
    return (later or candidates)[0]


def telling_words(cards: list[Card]) -> list[set[str]]:
    """For each tool, the proper names and codes on its card that no other card shows:
    "Mistral", "Anthropic", "7B". A review that uses them is about that tool."""
    shown = []
    for card in cards:
        words = {w for w in WORD.findall(card.name) if len(w) > 1 and not w.islower()}
        for text in (card.tagline, card.description):
            for sentence in SENTENCE_END.split(text or ""):
                words.update(w for w in WORD.findall(sentence)[1:] if w[:1].isupper())
        shown.append(words)
    return [words.difference(*shown[:i], *shown[i + 1 :]) for i, words in enumerate(shown)]


def columns_named(run: list[ReviewBlock], words: list[set[str]]) -> tuple[int, ...] | None:
    """The tools a persona's fewer-than-all reviews are about, in the cards' order, if
    the tools they name say so one way only; None where nothing settles it."""
    used = [set(WORD.findall(block.text)) for block in run]
    named = [[len(tool & text) for tool in words] for text in used]
    best: tuple[int, ...] | None = None
    best_score, tied = 0, False
    for columns in itertools.combinations(range(len(words)), len(run)):
        score = sum(named[b][c] for b, c in enumerate(columns))
        if score > best_score:
            best, best_score, tied = columns, score, False
        elif score == best_score:
            tied = True
    return None if tied or best is None else best


def in_persona_order(blocks: list[ReviewBlock]) -> list[ReviewBlock]:
    """One order whatever the layout: personas as the fullest tool column lists them
    (others after, as they first appear), then the cards' order."""
    per_tool: dict[int, list[str]] = {}
    for block in blocks:
        per_tool.setdefault(block.column or 0, []).append(block.reviewer)
    fullest = max(per_tool.values(), key=len)
    first_seen = {name: i for i, name in reversed(list(enumerate(b.reviewer for b in blocks)))}

    def rank(block: ReviewBlock) -> tuple[int, int]:
        if block.reviewer in fullest:
            return fullest.index(block.reviewer), block.column or 0
        return len(fullest) + first_seen[block.reviewer], block.column or 0

    return sorted(blocks, key=rank)
