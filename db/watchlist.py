"""The watches table: which pages are checked, on what schedule, and how their last
checks went (failures in a row, marked failing, recovered).

The functions run inside the caller's transaction (see :class:`db.store.Store`), so a
check's fetch row and its watch's state are written together.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from db.outbox import queue_event_alerts
from db.timestamps import from_text, to_text
from schemas import CheckResult, Watch, WatchEvent, WatchEventKind

FAILING_AFTER = 3  # consecutive failed checks before a watch is marked failing


def add_watch(
    db: Database,
    url: str,
    *,
    now: datetime,
    every_seconds: int | None = None,
    cron: str | None = None,
    discover: bool | None = None,
) -> bool:
    """Watch a URL (True), or change what is given of one already watched (False).

    A schedule given replaces the watch's own, and the pages it discovered that still
    follow it take the new one too. ``discover`` None leaves it as it was.
    """
    known = db.execute("SELECT 1 FROM watches WHERE url = ?", [url]).fetchone()
    if not known:
        db.execute(
            "INSERT INTO watches (url, every_seconds, cron, discover, added_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [url, every_seconds, cron, int(bool(discover)), to_text(now)],
        )
        return True
    if every_seconds is not None or cron is not None:
        db.execute(
            "UPDATE watches SET every_seconds = ?, cron = ?, found_by = NULL WHERE url = ?",
            [every_seconds, cron, url],
        )
        db.execute(
            "UPDATE watches SET every_seconds = ?, cron = ? WHERE found_by = ?",
            [every_seconds, cron, url],
        )
    if discover is not None:
        db.execute("UPDATE watches SET discover = ? WHERE url = ?", [int(discover), url])
    return False


def add_found(db: Database, url: str, *, source: str, now: datetime) -> bool:
    """Watch a page that discovery ``source`` links to, on the source's schedule (True).
    A page already watched keeps its schedule, given or inherited."""
    parent = db.execute(
        "SELECT every_seconds, cron FROM watches WHERE url = ?", [source]
    ).fetchone()
    every_seconds, cron = parent or (None, None)
    inserted = db.execute(
        "INSERT INTO watches (url, every_seconds, cron, discover, added_at, found_by)"
        " VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (url) DO NOTHING",
        [url, every_seconds, cron, to_text(now), source if parent else None],
    )
    return inserted.rowcount > 0


def remove_watch(db: Database, url: str) -> bool:
    return db.execute("DELETE FROM watches WHERE url = ?", [url]).rowcount > 0


def version(db: Database) -> int:
    """A count that moves whenever a watch is added, removed or rescheduled (not when
    one is checked): the same count, the same watches to schedule."""
    return int(db.execute("SELECT version FROM watchlist_version").fetchone()[0])


def watches(db: Database, url: str | None = None) -> list[Watch]:
    """Every watch, or the one on ``url`` (none if it is not watched)."""
    cursor = db.execute("SELECT * FROM watches WHERE ? IS NULL OR url = ? ORDER BY id", [url, url])
    names = [d[0] for d in cursor.description]
    found = []
    for row in cursor.fetchall():
        data = dict(zip(names, row, strict=True))
        data.pop("id")
        found.append(Watch.model_validate(data))  # it reads the stored ISO times
    return found


def after_check(
    db: Database, url: str, seen_at: str, result: CheckResult, moved_to: str | None = None
) -> None:
    """The watch's last check; ``moved_to``: where that check was redirected for good,
    if anywhere (a check that failed or was skipped says nothing of it). A page checked
    by name and not watched has no watch to update."""
    if result.outcome == "skipped":
        db.execute(
            "UPDATE watches SET last_checked = ?, last_outcome = ?, last_error = ? WHERE url = ?",
            [seen_at, result.outcome, result.error, url],
        )
        return
    before = db.execute(
        "SELECT failing, consecutive_failures, last_error FROM watches WHERE url = ?", [url]
    ).fetchone()
    if before is None:
        return
    was_failing, failures, last_error = before
    failed = result.outcome == "failed"
    failures = failures + 1 if failed else 0
    failing = failed and failures >= FAILING_AFTER
    changed = result.outcome in ("new", "changed")
    db.execute(
        "UPDATE watches SET last_checked = ?, last_outcome = ?, last_error = ?,"
        " last_changed = CASE WHEN ? THEN ? ELSE last_changed END,"
        " moved_to = CASE WHEN ? THEN moved_to ELSE ? END,"
        " consecutive_failures = ?, failing = ? WHERE url = ?",
        [
            seen_at, result.outcome, result.error, changed, seen_at, failed, moved_to,
            failures, failing, url,
        ],
    )  # fmt: skip
    if failing and not was_failing:
        message = f"{failures} failed checks in a row; the last: {result.error}"
        _watch_event(db, url, "watch_failing", seen_at, message, result.outcome)
    elif was_failing and not failing:
        _watch_event(db, url, "watch_recovered", seen_at, last_error or "", result.outcome)


def _watch_event(
    db: Database, url: str, kind: WatchEventKind, seen_at: str, message: str, outcome: str
) -> None:
    """A watch began failing or recovered: keep the event, queue its alerts."""
    row = db.execute("SELECT versions FROM pages WHERE url = ?", [url]).fetchone()
    event = WatchEvent(url=url, kind=kind, at=from_text(seen_at), message=message, outcome=outcome)
    queue_event_alerts(db, event, row[0] if row and row[0] else 0)
