"""The one definition of "changed": a canonical hash of a record and a field-level diff.

Pure functions: records in, hashes and :class:`FieldChange` lists out.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from schemas import ComparisonPage, FieldChange
from schemas.changes import ChangeKind, Value

# Fields whose changes are shown as a word-level diff (CLI and alert payloads alike).
TEXT_FIELDS = frozenset(
    {"title", "subtitle", "name", "tagline", "description", "best_for", "pricing.text",
     "community.text", "text"}
)  # fmt: skip

# parser_version says who made a record, not what the page says.
_NOT_CONTENT = {"parser_version"}

_TOOL_FIELDS: tuple[tuple[str, ChangeKind], ...] = (
    ("name", "name"),
    ("category", "category"),
    ("tagline", "tagline"),
    ("description", "description"),
    ("best_for", "best_for"),
    ("panel.verdict", "verdict"),
    ("panel.ship", "panel_split"),
    ("panel.skip", "panel_split"),
    ("panel.ship_pct", "panel_split"),
    ("community.text", "votes"),
    ("community.ship_pct", "votes"),
    ("community.ship", "votes"),
    ("community.skip", "votes"),
    ("community.total", "votes"),
    ("pricing.model", "pricing_model"),
    ("pricing.text", "pricing_text"),
)
_REVIEW_FIELDS: tuple[tuple[str, ChangeKind], ...] = (
    ("score", "score"),
    ("verdict", "verdict"),
    ("text", "text"),
)


def canonical_json(record: ComparisonPage) -> str:
    """The record's content as compact JSON: equal content, equal text (the models fix
    the field order, so serialising in field order is canonical)."""
    return record.model_dump_json(exclude=_NOT_CONTENT)


def canonical_hash(record: ComparisonPage) -> str:
    return hashlib.sha256(canonical_json(record).encode()).hexdigest()


def diff_records(old: ComparisonPage | None, new: ComparisonPage) -> list[FieldChange]:
    """Field-level changes from ``old`` to ``new`` (a first version is ``page_added``)."""
    if old is None:
        return [FieldChange(kind="page_added", new=new.title)]
    return diff_dumps(old.model_dump(mode="json"), new.model_dump(mode="json"))


def diff_dumps(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """:func:`diff_records` on ``model_dump(mode="json")`` forms, which the store holds."""
    return list(_diff(old, new))


def _get(entity: dict[str, Any], path: str) -> Value:
    value: Any = entity
    for part in path.split("."):
        value = value[part]
    return value  # type: ignore[no-any-return]


def _diff(old: dict[str, Any], new: dict[str, Any]) -> Iterator[FieldChange]:
    for name in ("title", "subtitle"):
        if old[name] != new[name]:
            yield FieldChange(kind=name, field=name, old=old[name], new=new[name])
    old_tools = {tool["slug"]: tool for tool in old["tools"]}
    new_tools = {tool["slug"]: tool for tool in new["tools"]}
    for slug, tool in new_tools.items():
        previous = old_tools.get(slug)
        if previous is None:
            yield FieldChange(
                kind="tool_added", tool_slug=slug, tool=tool["name"], new=tool["name"]
            )
            continue
        if previous == tool:
            continue
        for path, kind in _TOOL_FIELDS:
            before, after = _get(previous, path), _get(tool, path)
            if before != after:
                yield FieldChange(
                    kind=kind, field=path, tool_slug=slug, tool=tool["name"], old=before, new=after
                )
    for slug, tool in old_tools.items():
        if slug not in new_tools:
            yield FieldChange(
                kind="tool_removed", tool_slug=slug, tool=tool["name"], old=tool["name"]
            )
    yield from _diff_reviews(old["reviews"], new["reviews"])


def _diff_reviews(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> Iterator[FieldChange]:
    old_reviews = {(r["reviewer"], r["tool_slug"]): r for r in old}
    new_reviews = {(r["reviewer"], r["tool_slug"]): r for r in new}
    for key, review in new_reviews.items():
        who = {"tool_slug": review["tool_slug"], "tool": review["tool"], "reviewer": key[0]}
        previous = old_reviews.get(key)
        if previous is None:
            yield FieldChange(kind="review_added", new=review["score"], **who)
            continue
        if previous == review:
            continue
        for path, kind in _REVIEW_FIELDS:
            if previous[path] != review[path]:
                yield FieldChange(
                    kind=kind, field=path, old=previous[path], new=review[path], **who
                )
    for key, review in old_reviews.items():
        if key not in new_reviews:
            yield FieldChange(
                kind="review_removed",
                tool_slug=review["tool_slug"],
                tool=review["tool"],
                reviewer=key[0],
                old=review["score"],
            )


def word_diff(old: str | None, new: str | None) -> list[tuple[str, str]]:
    """Word-level diff as (op, words) pieces, op being "=", "-" or "+".

    Record text is whitespace-normalised, so words joined by single spaces lose nothing;
    show the pieces joined by spaces.

    >>> word_diff("Pay per token; enterprise on request", "Pay per token; teams $20/month")
    [('=', 'Pay per token;'), ('-', 'enterprise on request'), ('+', 'teams $20/month')]
    """
    before, after = (old or "").split(), (new or "").split()
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("=", " ".join(before[a0:a1])))
            continue
        if a1 > a0:
            pieces.append(("-", " ".join(before[a0:a1])))
        if b1 > b0:
            pieces.append(("+", " ".join(after[b0:b1])))
    return pieces


def is_text_change(field: str | None, old: object, new: object) -> bool:
    """Whether a change is best shown as a word-level diff."""
    return field in TEXT_FIELDS and isinstance(old, str) and isinstance(new, str)


def mark_words(
    pieces: Iterable[tuple[str, str]], style: Callable[[str, str], str] | None = None
) -> str:
    """Word-diff pieces as one line: removed words as [-…-], added ones as {+…+};
    ``style(op, marked)`` may dress the changed pieces (colour on a terminal, say).

    >>> mark_words(word_diff("Paid monthly", "Paid yearly"))
    'Paid [-monthly-] {+yearly+}'
    """
    shown = []
    for op, words in pieces:
        if op == "=":
            shown.append(words)
            continue
        marked = f"[-{words}-]" if op == "-" else f"{{+{words}+}}"
        shown.append(style(op, marked) if style else marked)
    return " ".join(shown)


def whose(tool: str | None, reviewer: str | None) -> str:
    """What a change is about, as the prefix of its line; nothing for a page-level change.

    >>> whose("Quillmate", "Skeptic"), whose("Quillmate", None), whose(None, None)
    ('Quillmate · Skeptic: ', 'Quillmate: ', '')
    """
    who = " · ".join(part for part in (tool, reviewer) if part)
    return f"{who}: " if who else ""
