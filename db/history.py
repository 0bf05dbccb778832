"""Read queries: versions of a page, the change feed, and the exported datasets."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime
from itertools import groupby
from typing import Any, Literal

from db.store import Store, stored_page_record
from db.timestamps import to_text
from schemas import (
    ComparisonPage,
    FeedEntry,
    PageVersion,
    RowFilter,
    StorageError,
    StoredChange,
)

ExportKind = Literal["reviews", "tools", "panels", "pricing", "votes", "changes"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("reviews", "tools", "panels", "pricing", "votes", "changes")
# Per tool (export_tool_rows): the columns naming what a row is of, and its state.
_PER_TOOL: dict[ExportKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "reviews": (("tool_slug", "reviewer"), ("score", "verdict", "text")),
    "tools": (("tool_slug",), ("name", "category", "tagline", "best_for", "description")),
    "panels": (("tool_slug",), ("verdict", "ship", "skip", "ship_pct")),
    "pricing": (("tool_slug",), ("model", "text")),
    "votes": (("tool_slug",), ("text", "ship_pct", "ship", "skip", "total")),
}


def _entity_history(table: str, values: str) -> str:
    """A row per state of each tool's entity, with the dates it was first and last seen
    (while current, up to the page's last check)."""
    return f"""
        SELECT t.url, t.tool_slug, {values},
               t.first_seen, COALESCE(t.last_seen, p.last_checked) AS last_seen,
               t.from_version, t.to_version, t.status
        FROM {table} t JOIN pages p ON p.id = t.page_id
    """


_ENTITY_ORDER = "url, tool_slug, from_version"
# Each dataset's query and the order of its rows, apart: a filter goes between them.
_EXPORTS: dict[ExportKind, tuple[str, str]] = {
    "reviews": ("SELECT * FROM review_history", "url, tool_slug, reviewer, from_version"),
    "tools": (
        _entity_history(
            "tool_versions", "t.name, t.category, t.tagline, t.best_for, t.description"
        ),
        _ENTITY_ORDER,
    ),
    "panels": (
        _entity_history("panel_versions", "t.tool, t.verdict, t.ship, t.skip, t.ship_pct"),
        _ENTITY_ORDER,
    ),
    "pricing": (_entity_history("pricing_versions", "t.tool, t.model, t.text"), _ENTITY_ORDER),
    "votes": (
        _entity_history(
            "community_versions", "t.tool, t.text, t.ship_pct, t.ship, t.skip, t.total"
        ),
        _ENTITY_ORDER,
    ),
    "changes": (
        """
        SELECT id, detected_at, url, kind, tool_slug, tool, reviewer, field, old, new,
               from_version, to_version
        FROM changes
        """,
        "detected_at, url, id",
    ),
}
EVERY_ROW = RowFilter()
# The datasets with a row per reviewer's review, which --reviewer can narrow.
REVIEWER_KINDS: tuple[ExportKind, ...] = ("reviews", "changes")


def page_versions(store: Store, url: str) -> list[PageVersion]:
    """Every stored version of a page, oldest first."""
    rows = store.db.execute(
        """
        SELECT s.version, s.seen_at, s.record_hash, s.parser_version,
               (SELECT COUNT(*) FROM changes c
                 WHERE c.page_id = s.page_id AND c.to_version = s.version),
               COALESCE((SELECT MAX(f.fetched_at) FROM fetches f
                          WHERE f.page_id = s.page_id AND f.version = s.version),
                        s.seen_at)
        FROM snapshots s JOIN pages p ON p.id = s.page_id
        WHERE p.url = ? ORDER BY s.version
        """,
        [url],
    ).fetchall()
    return [
        PageVersion(
            version=version,
            seen_at=seen_at,
            last_seen=last_seen,
            record_hash=digest,
            parser_version=parser_version,
            changes=count,
        )
        for version, seen_at, digest, parser_version, count, last_seen in rows
    ]


def stored_record(store: Store, url: str, version: int | None = None) -> ComparisonPage | None:
    """A page's record as stored at ``version`` (default: the latest); None where there
    is no such version."""
    row = store.db.execute(
        """
        SELECT s.version, s.record FROM snapshots s JOIN pages p ON p.id = s.page_id
        WHERE p.url = ? AND (? IS NULL OR s.version = ?) ORDER BY s.version DESC LIMIT 1
        """,
        [url, version, version],
    ).fetchone()
    if row is None:
        return None
    return stored_page_record(store.path, url, row[0], row[1])


def changes_between(store: Store, url: str, first: int, last: int) -> list[StoredChange]:
    """The changes that took a page from version ``first`` to version ``last``."""
    where = "url = ? AND to_version > ? AND to_version <= ?"
    return _changes(store, where, [url, first, last], order="to_version, id")


def change_feed(
    store: Store,
    *,
    since: datetime | None = None,
    kinds: tuple[str, ...] = (),
    url: str | None = None,
    tool: str | None = None,
    reviewer: str | None = None,
    limit: int | None = None,
) -> list[StoredChange]:
    """Changes across pages, oldest first, optionally since a time, of some kinds, for a
    URL, a tool (slug or display name) or a reviewer; names in any case, as alert rules
    take them. ``limit``: only the latest N edits, each with the row of every page that
    showed it, so the feed never says an edit was on fewer pages than it was."""
    where, params = ["1 = 1"], []
    if since is not None:
        where.append("detected_at >= ?")
        params.append(to_text(since))
    if kinds:
        where.append(f"kind IN ({', '.join('?' * len(kinds))})")
        params += list(kinds)
    if url is not None:
        where.append("url = ?")
        params.append(url)
    if tool is not None:
        where.append("(tool_slug = ? COLLATE NOCASE OR tool = ? COLLATE NOCASE)")
        params += [tool, tool]
    if reviewer is not None:
        where.append("reviewer = ? COLLATE NOCASE")
        params.append(reviewer)
    if limit is None:
        return _changes(store, " AND ".join(where), params)
    if limit <= 0:
        return []
    # An edit is seen at one time, so the latest N times hold the latest N edits.
    times = f"SELECT DISTINCT detected_at FROM changes WHERE {' AND '.join(where)}"
    cut = store.db.execute(
        f"{times} ORDER BY detected_at DESC LIMIT 1 OFFSET ?", [*params, limit - 1]
    ).fetchone()
    if cut is not None:
        where.append("detected_at >= ?")
        params.append(cut[0])
    found = _changes(store, " AND ".join(where), params)
    latest = set(list(dict.fromkeys(map(_edit, found)))[-limit:])
    return [change for change in found if _edit(change) in latest]


def _edit(change: StoredChange) -> tuple[Any, ...]:
    """What makes changes one edit: the same field of the same tool, from the same value
    to the same value, at one time, whichever page showed it."""
    return (
        change.detected_at, change.kind, change.field, change.tool_slug, change.tool,
        change.reviewer, change.old, change.new,
    )  # fmt: skip


def grouped_feed(changes: list[StoredChange]) -> list[FeedEntry]:
    """The feed as a reader takes it in: a change seen at one time on several pages
    (the same field of the same tool, from the same value to the same value) once, with
    its pages; then the changes of one time and the same pages together. Order is the
    feed's, by where each change was first seen."""
    # each change as first seen, with the pages that showed it
    seen: dict[tuple[Any, ...], tuple[StoredChange, list[str]]] = {}
    for change in changes:
        seen.setdefault(_edit(change), (change, []))[1].append(change.url)
    entries: list[FeedEntry] = []
    for change, pages in seen.values():
        urls = tuple(dict.fromkeys(pages))
        last = entries[-1] if entries else None
        if last is not None and (last.detected_at, last.urls) == (change.detected_at, urls):
            last.changes.append(change)
        else:
            entries.append(FeedEntry(detected_at=change.detected_at, urls=urls, changes=[change]))
    return entries


def _changes(
    store: Store, where: str, params: list[Any], *, order: str = "detected_at, url, id"
) -> list[StoredChange]:
    """Changes in ``order``: by default in time order, not by id, as a reparse rebuilds
    them a page at a time under new ids; those seen at one time (one round) by URL, not
    in the order the round's concurrent checks happened to end, so the feed reads the
    same whatever that order was, and before and after a reparse."""
    query = (
        "SELECT id, url, kind, field, tool_slug, tool, reviewer, old, new, from_version,"
        f" to_version, detected_at FROM changes WHERE {where} ORDER BY {order}"
    )
    columns = (
        "id", "url", "kind", "field", "tool_slug", "tool", "reviewer", "old", "new",
        "from_version", "to_version", "detected_at",
    )  # fmt: skip
    return [
        StoredChange.model_validate(dict(zip(columns, row, strict=True)))
        for row in store.db.execute(query, params)
    ]


def export_rows(
    store: Store, kind: ExportKind, only: RowFilter = EVERY_ROW
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """Column names and rows of one dataset (see :data:`EXPORT_KINDS`), ``only`` those
    asked for; a row that cannot be read raises StorageError. A tool is matched as
    ``change_feed`` matches it; a reviewer only in :data:`REVIEWER_KINDS`, and
    ``current`` not in changes, which have no state."""
    if only.current and kind == "changes":
        raise ValueError("changes have no current state to narrow them to")
    where, params = _narrowed(kind, only)
    if only.current:
        where += " AND status = 'current'"
    query, order = _EXPORTS[kind]
    return _rows(
        store, f"SELECT * FROM ({query}) WHERE {where} ORDER BY {order}", params,
        f"exporting {kind}",
    )  # fmt: skip


def export_tool_rows(
    store: Store, kind: ExportKind, only: RowFilter = EVERY_ROW
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """A dataset of states per tool, not per page: the site shows a tool alike on every
    comparison it is in, so each page has a row for the same state. Here a state is one
    row, from the first check of any page that showed it to the last, with the number
    of ``pages`` that did; a state a tool left and came back to is a row each time.
    ``status`` is current where one page at least shows it still. Not for changes.
    ``only`` as in :func:`export_rows`: with a URL, only that page's rows are merged,
    and ``current`` keeps the states current on one page at least."""
    key, state = _PER_TOOL[kind]
    label = f"exporting {kind} per tool"
    where, params = _narrowed(kind, only)
    query, _ = _EXPORTS[kind]
    columns, rows = _rows(
        store,
        f"SELECT * FROM ({query}) WHERE {where} ORDER BY {', '.join(key)}, first_seen, url",
        params,
        label,
    )
    at = {name: i for i, name in enumerate(columns)}
    name = ["tool"] if "tool" in at else []  # as its first page showed it; tools has "name"
    out = [*key, *name, *state, "first_seen", "last_seen", "pages", "status"]

    def merged() -> Iterator[tuple[Any, ...]]:
        for _, same_key in groupby(rows, key=lambda row: tuple(row[at[k]] for k in key)):
            run: list[tuple[Any, ...]] = []
            for row in same_key:
                if run and any(row[at[c]] != run[0][at[c]] for c in state):
                    yield _one_state(run, at, out)
                    run = []
                run.append(row)
            if run:
                yield _one_state(run, at, out)

    if not only.current:
        return out, merged()
    return out, (row for row in merged() if row[-1] == "current")


def _narrowed(kind: ExportKind, only: RowFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (and its parameters) keeping one page's, tool's or reviewer's rows."""
    where, params = ["1 = 1"], []
    if only.url is not None:
        where.append("url = ?")
        params.append(only.url)
    if only.tool is not None:
        shown = "name" if kind == "tools" else "tool"  # the tools dataset names its tool so
        where.append(f"(tool_slug = ? COLLATE NOCASE OR {shown} = ? COLLATE NOCASE)")
        params += [only.tool, only.tool]
    if only.reviewer is not None:
        if kind not in REVIEWER_KINDS:
            raise ValueError(f"the {kind} dataset has no reviewer to narrow it to")
        where.append("reviewer = ? COLLATE NOCASE")
        params.append(only.reviewer)
    return " AND ".join(where), params


def _one_state(
    run: list[tuple[Any, ...]], at: dict[str, int], columns: list[str]
) -> tuple[Any, ...]:
    first = run[0]
    statuses = {row[at["status"]] for row in run}
    status = next(s for s in ("current", "changed", "removed") if s in statuses)
    merged = {
        "first_seen": min(row[at["first_seen"]] for row in run),
        "last_seen": max(row[at["last_seen"]] for row in run),
        "pages": len({row[at["url"]] for row in run}),
        "status": status,
    }
    return tuple(merged[name] if name in merged else first[at[name]] for name in columns)


def _rows(
    store: Store, query: str, params: list[Any], doing: str
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    cursor = store.db.execute(query, params)
    columns = [description[0] for description in cursor.description]

    def rows() -> Iterator[tuple[Any, ...]]:
        try:
            # not `yield from`: that closes the cursor when a reader stops early (a
            # closed pipe), which fails once the database is closed
            for row in cursor:  # noqa: UP028
                yield row
        except sqlite3.Error as error:
            raise StorageError(store.path, doing, str(error)) from None

    return columns, rows()
