"""What changed between two versions of a page, field by field."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from schemas.records import Record

ChangeKind = Literal[
    "page_added",
    "title",
    "subtitle",
    "tool_added",
    "tool_removed",
    "name",
    "category",
    "tagline",
    "description",
    "best_for",
    "verdict",
    "panel_split",
    "votes",
    "pricing_text",
    "pricing_model",
    "review_added",
    "review_removed",
    "score",
    "text",
]
CHANGE_KINDS: tuple[str, ...] = ChangeKind.__args__  # type: ignore[attr-defined]
Value = str | int | None


class FieldChange(Record):
    """One field of one entity (page, tool or review) that differs between versions.

    ``old`` is None for an added entity or a field that had no value, ``new`` is None
    for a removed one: None -> value and value -> None are changes too.
    """

    kind: ChangeKind
    field: str | None = None
    tool_slug: str | None = None
    tool: str | None = None
    reviewer: str | None = None
    old: Value = None
    new: Value = None


class StoredChange(FieldChange):
    """A change as the database keeps it: with its page, versions and detection time."""

    id: int
    url: str
    from_version: int | None
    to_version: int
    detected_at: datetime


class FeedEntry(Record):
    """Changes detected at one time, each of them on every page in ``urls``: the site
    shows a tool on each comparison it is in, so one edit is a change on several pages,
    and reads as one entry. ``changes`` are the first page's rows."""

    detected_at: datetime
    urls: tuple[str, ...]
    changes: list[StoredChange]


class RowFilter(Record):
    """Which rows of a dataset an export keeps: one page's, one tool's (its slug or its
    display name, in any case), one reviewer's, and only the states a page shows now
    (``current``). Unset, it keeps every row."""

    url: str | None = None
    tool: str | None = None
    reviewer: str | None = None
    current: bool = False
