"""Writing checks to the database: fetch rows, raw pages, versions, entity history, changes.

Each check of a page is one transaction: a crash or kill mid-write leaves the previous
state whole. A new version is written only when the record's canonical hash changes,
so re-checking an unchanged page adds one small fetch row and nothing else.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError
from sqlite_utils import Database

from db import outbox, watchlist
from db.diff import canonical_hash, diff_dumps, diff_records
from db.migrations import migrations, unknown_steps
from db.outbox import queue_alerts, relink_alerts, unlink_alerts
from db.raw import read_raw, store_raw
from db.timestamps import from_text, to_text
from db.transactions import writing
from schemas import (
    Alert,
    AlertRule,
    CheckResult,
    ComparisonPage,
    FetchOutcome,
    StorageError,
    Watch,
)

DEFAULT_PATH = "panelwatch.db"
# How long a sender holds the alerts it is sending; a sender that died before marking
# them sent leaves them to another after this.
ALERT_LEASE = timedelta(minutes=5)
BUSY_TIMEOUT = 5.0  # seconds a write waits for another process's transaction


@dataclass(frozen=True)
class _History:
    """How one entity table is keyed, which columns are its state, which only label it."""

    table: str
    key: tuple[str, ...]
    state: tuple[str, ...]
    labels: tuple[str, ...] = ()

    def rows(self, record: dict[str, Any]) -> dict[tuple[Any, ...], dict[str, Any]]:
        """This table's rows for a record in its ``model_dump(mode="json")`` form."""
        if self.table == "review_versions":
            return {(r["tool_slug"], r["reviewer"]): r for r in record["reviews"]}
        part = self.table.removesuffix("_versions")
        if part == "tool":
            return {(tool["slug"],): tool for tool in record["tools"]}
        return {(tool["slug"],): {"tool": tool["name"], **tool[part]} for tool in record["tools"]}


_SLUG = ("tool_slug",)
HISTORIES = (
    _History("tool_versions", _SLUG, ("name", "category", "tagline", "description", "best_for")),
    _History("panel_versions", _SLUG, ("verdict", "ship", "skip", "ship_pct"), ("tool",)),
    _History("community_versions", _SLUG, ("text", "ship_pct", "ship", "skip", "total"), ("tool",)),
    _History("pricing_versions", _SLUG, ("model", "text"), ("tool",)),
    _History("review_versions", (*_SLUG, "reviewer"), ("score", "verdict", "text"), ("tool",)),
)


class StoredBody(NamedTuple):
    """A fetched body as kept, with what is needed to read it again."""

    fetch_id: int
    url: str
    fetched_at: str
    body: bytes
    charset: str | None  # of its Content-Type header


@dataclass
class _PageState:
    id: int
    versions: int
    record_hash: str | None
    last_checked: str | None
    raw_base_id: int | None = None  # the whole body this page's next body is patched against


class Store:
    """The panelwatch database. Open with :meth:`open`; every write is one transaction."""

    def __init__(self, db: Database, path: str) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path = DEFAULT_PATH) -> Store:
        """Open (creating if needed) and upgrade a database; errors name the file."""
        where = str(path)
        with _storage_errors(where, "open"):
            conn = sqlite3.connect(where, timeout=BUSY_TIMEOUT, isolation_level=None)
            try:
                db = _ready(Database(conn), where)
            except BaseException:
                conn.close()  # not a database, a newer one's, a disk error: none left open
                raise
        return cls(db, where)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes -------------------------------------------------------------------------
    def record_check(
        self,
        fetch: FetchOutcome,
        *,
        record: ComparisonPage | None = None,
        body: bytes | None = None,
        parse_error: str | None = None,
    ) -> CheckResult:
        """Store one check: the fetch, its raw body, and a new version if the record changed.

        A failed fetch or a page that did not parse stores the fetch row (and the body, for
        a later ``reparse``) and leaves the page's history untouched.
        """
        with _storage_errors(self.path, f"recording a check of {fetch.url}"), writing(self.db):
            page = self._page(fetch.url)
            raw_id = self._raw(page, body, fetch.fetched_at) if body is not None else None
            seen_at = to_text(fetch.fetched_at)
            error = fetch.error or parse_error
            if error is None and record is None and fetch.status == 304 and not page.versions:
                # "Not modified" since a version never stored: a server or proxy that
                # answers 304 to a request with no validators says nothing of the page.
                error = f"{fetch.url}: HTTP 304 (not modified), but no version of it is stored"
            if fetch.skipped:
                result = CheckResult(url=fetch.url, outcome="skipped", error=error)
            elif error is not None or (record is None and fetch.status != 304):
                result = CheckResult(
                    url=fetch.url, outcome="failed", error=error or "no record extracted"
                )
            elif record is None:
                result = CheckResult(url=fetch.url, outcome="not_modified", version=page.versions)
                self._touch(page, seen_at)
            else:
                result = self._ingest(page, fetch.url, record, seen_at, raw_id)
            self._insert_fetch(page.id, fetch, result, raw_id)
            watchlist.after_check(self.db, fetch.url, seen_at, result, fetch.moved_to)
            # Validators only for a body that became a record: after a failed parse, a 304
            # would hide the page from us until it changed again.
            stored = result.outcome in ("new", "changed", "unchanged")
            if stored and (fetch.etag or fetch.last_modified):
                self.db.execute(
                    "UPDATE pages SET etag = ?, last_modified = ? WHERE id = ?",
                    [fetch.etag, fetch.last_modified, page.id],
                )
        return result

    def record_discovery(self, fetch: FetchOutcome) -> CheckResult:
        """Store one fetch of a discovery source (a sitemap or an index page): its fetch
        row, and its watch's last check and failures in a row, so that it keeps its
        schedule and a source that keeps failing is marked failing. The body is not
        kept and there are no versions: the pages it links to are watches of their own."""
        with (
            _storage_errors(self.path, f"recording a discovery from {fetch.url}"),
            writing(self.db),
        ):
            page = self._page(fetch.url, kind="discovery")
            if fetch.skipped:
                result = CheckResult(url=fetch.url, outcome="skipped", error=fetch.error)
            elif fetch.error is not None:
                result = CheckResult(url=fetch.url, outcome="failed", error=fetch.error)
            else:
                result = CheckResult(url=fetch.url, outcome="discovered")
            self._insert_fetch(page.id, fetch, result, None)
            watchlist.after_check(self.db, fetch.url, to_text(fetch.fetched_at), result)
        return result

    def _insert_fetch(
        self, page_id: int, fetch: FetchOutcome, result: CheckResult, raw_id: int | None
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO fetches (page_id, fetched_at, outcome, status, bytes, elapsed_ms,"
            " raw_id, version, error, moved_to, charset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                page_id, to_text(fetch.fetched_at), result.outcome, fetch.status, fetch.size,
                fetch.elapsed_ms, raw_id, result.version, result.error, fetch.moved_to,
                fetch.charset,
            ],
        )  # fmt: skip
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _page(self, url: str, kind: str = "comparison") -> _PageState:
        row = self.db.execute(
            "SELECT id, versions, record_hash, last_checked, raw_base_id FROM pages WHERE url = ?",
            [url],
        ).fetchone()
        if row is None:
            cursor = self.db.execute(
                "INSERT INTO pages (url, kind, versions) VALUES (?, ?, 0)", [url, kind]
            )
            assert cursor.lastrowid is not None
            return _PageState(cursor.lastrowid, 0, None, None)
        return _PageState(row[0], row[1] or 0, row[2], row[3], row[4])

    def _raw(self, page: _PageState, body: bytes, seen: datetime) -> int:
        """Keep a fetched body (see db/raw.py); a body kept whole is the page's new base."""
        raw_id, whole = store_raw(self.db, self.path, body, seen, page.raw_base_id)
        if whole:
            self.db.execute("UPDATE pages SET raw_base_id = ? WHERE id = ?", [raw_id, page.id])
            page.raw_base_id = raw_id
        return raw_id

    def _touch(self, page: _PageState, seen_at: str) -> None:
        self.db.execute("UPDATE pages SET last_checked = ? WHERE id = ?", [seen_at, page.id])

    def _ingest(
        self,
        page: _PageState,
        url: str,
        record: ComparisonPage,
        seen_at: str,
        raw_id: int | None,
        *,
        alert: bool = True,
    ) -> CheckResult:
        """Store a record as the page's next version, with its history and change rows,
        unless it is the same as the last; ``alert``: queue the changes' alerts."""
        digest = canonical_hash(record)
        if digest == page.record_hash:
            self._touch(page, seen_at)
            return CheckResult(url=url, outcome="unchanged", version=page.versions)
        document = record.model_dump_json()
        current = json.loads(document)
        previous = self._stored_dump(page.id, page.versions) if page.versions else None
        version = page.versions + 1
        changes = (
            diff_dumps(previous, current) if previous is not None else diff_records(None, record)
        )
        self.db.execute(
            "INSERT INTO snapshots (page_id, version, seen_at, record_hash, parser_version,"
            " raw_id, record) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [page.id, version, seen_at, digest, record.parser_version, raw_id, document],
        )
        self._write_history(page, url, previous, current, version, seen_at)
        self.db.conn.executemany(
            "INSERT INTO changes (page_id, url, kind, tool_slug, tool, reviewer, field, old,"
            " new, from_version, to_version, detected_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    page.id, url, c.kind, c.tool_slug, c.tool, c.reviewer, c.field, c.old,
                    c.new, page.versions or None, version, seen_at,
                )
                for c in changes
            ],
        )  # fmt: skip
        if alert:
            queue_alerts(
                self.db, page.id, url, changes, page.versions or None, version, from_text(seen_at)
            )
        self.db.execute(
            "UPDATE pages SET versions = ?, record_hash = ?, last_checked = ?, last_changed = ?,"
            " first_seen = COALESCE(first_seen, ?) WHERE id = ?",
            [version, digest, seen_at, seen_at, seen_at, page.id],
        )
        return CheckResult(
            url=url, outcome="new" if version == 1 else "changed", version=version, changes=changes
        )

    def _stored_dump(self, page_id: int, version: int) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT record FROM snapshots WHERE page_id = ? AND version = ?", [page_id, version]
        ).fetchone()
        return json.loads(row[0])  # type: ignore[no-any-return]

    def _write_history(
        self,
        page: _PageState,
        url: str,
        previous: dict[str, Any] | None,
        record: dict[str, Any],
        version: int,
        seen_at: str,
    ) -> None:
        """Close the rows whose state ended and open rows for new states."""
        ended_at = page.last_checked or seen_at
        for history in HISTORIES:
            before = history.rows(previous) if previous else {}
            after = history.rows(record)
            key_match = " AND ".join(f"{column} = ?" for column in history.key)
            close = (
                f"UPDATE {history.table} SET status = ?, last_seen = ?, to_version = ?"
                f" WHERE page_id = ? AND status = 'current' AND {key_match}"
            )
            columns = [*history.key, *history.labels, *history.state]
            insert = (
                f"INSERT INTO {history.table} (page_id, url, first_seen, from_version, status,"
                f" {', '.join(columns)}) VALUES ({', '.join('?' * (len(columns) + 5))})"
            )
            opened = []
            for key, values in after.items():
                old = before.get(key)
                if old is not None and all(old[c] == values[c] for c in history.state):
                    continue
                if old is not None:
                    self.db.execute(close, ["changed", ended_at, page.versions, page.id, *key])
                opened.append(
                    [page.id, url, seen_at, version, "current", *key,
                     *(values[c] for c in (*history.labels, *history.state))]
                )  # fmt: skip
            if opened:
                self.db.conn.executemany(insert, opened)
            for key in before.keys() - after.keys():
                self.db.execute(close, ["removed", ended_at, page.versions, page.id, *key])

    # -- politeness shared between processes -------------------------------------------
    def book_host_start(self, host: str, min_delay: float, now: float) -> float:
        """Book the next start of a request to ``host`` for every process on this
        database; returns the seconds to wait for it (``now`` and the booking are Unix
        times). Raises StorageError when the database stays locked: a caller that must
        not wait keeps its own spacing instead."""
        with _storage_errors(self.path, f"booking a request to {host}"), self._not_waiting():
            # One statement: atomic across processes, without a read-then-write race.
            (booked,) = self.db.execute(
                "INSERT INTO host_bookings (host, next_start) VALUES (:host, :now + :delay)"
                " ON CONFLICT (host) DO UPDATE"
                " SET next_start = max(:now, next_start) + :delay RETURNING next_start",
                {"host": host, "now": now, "delay": min_delay},
            ).fetchone()
        return float(booked) - min_delay - now

    def kept_robots(self, origin: str, now: float) -> tuple[int, str, float] | None:
        """The robots.txt of ``origin`` (scheme://host) as a process last fetched it, if
        it has not expired at ``now`` (Unix time): (status, body, seconds left). Status
        0: there was no answer, and the body says why."""
        with _storage_errors(self.path, f"reading the robots.txt kept for {origin}"):
            row = self.db.execute(
                "SELECT status, body, expires_at FROM robots_files"
                " WHERE origin = ? AND expires_at > ?",
                [origin, now],
            ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), float(row[2]) - now)

    def keep_robots(self, origin: str, status: int, body: str, until: float) -> None:
        """Keep a robots.txt as fetched, for every process, until ``until`` (Unix time).
        Raises StorageError when the database stays locked: fetching goes on without."""
        with (
            _storage_errors(self.path, f"keeping the robots.txt of {origin}"),
            self._not_waiting(),
        ):
            self.db.execute(
                "INSERT INTO robots_files (origin, status, body, expires_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (origin) DO UPDATE"
                " SET status = excluded.status, body = excluded.body,"
                " expires_at = excluded.expires_at",
                [origin, status, body, until],
            )

    @contextlib.contextmanager
    def _not_waiting(self) -> Iterator[None]:
        """For what a fetch asks of the database on its way: waiting on another
        process's long write (a `reparse`) would stall every fetch of this one, so give
        up soon; the caller has its own memory to go on with."""
        self.db.execute("PRAGMA busy_timeout = 250")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT * 1000:.0f}")

    # -- alert rules and the outbox -----------------------------------------------------
    def add_rule(self, rule: AlertRule, *, now: datetime) -> int:
        with _storage_errors(self.path, "adding an alert rule"), writing(self.db):
            return outbox.add_rule(self.db, rule, now)

    def rules(self) -> list[AlertRule]:
        return outbox.load_rules(self.db)

    def remove_rule(self, rule_id: int) -> bool:
        """Remove a rule and its outbox rows (nothing of it can be sent afterwards)."""
        with _storage_errors(self.path, "removing an alert rule"), writing(self.db):
            self.db.execute("DELETE FROM alerts WHERE rule_id = ?", [rule_id])
            return self.db.execute("DELETE FROM alert_rules WHERE id = ?", [rule_id]).rowcount > 0

    def due_alerts(self, now: datetime, gather: timedelta = timedelta(0)) -> list[Alert]:
        """The alerts to send now; a digest rule's once one has waited ``gather``."""
        return outbox.due_alerts(self.db, now, gather)

    def claim_due_alerts(
        self, now: datetime, lease: timedelta = ALERT_LEASE, gather: timedelta = timedelta(0)
    ) -> list[Alert]:
        """The due alerts, held back from other processes' senders while this one sends."""
        with _storage_errors(self.path, "claiming due alerts"):
            return outbox.claim_due_alerts(self.db, now, lease, gather)

    def alerts(self, status: str | None = None) -> list[Alert]:
        return outbox.list_alerts(self.db, status)

    def mark_sent(self, ids: list[int], now: datetime) -> None:
        with _storage_errors(self.path, "marking alerts sent"):
            outbox.mark_sent(self.db, ids, now)

    def mark_attempt_failed(self, ids: list[int], now: datetime, error: str) -> None:
        with _storage_errors(self.path, "recording a failed delivery"):
            outbox.mark_attempt_failed(self.db, ids, now, error)

    # -- watches ------------------------------------------------------------------------
    def add_watch(
        self,
        url: str,
        *,
        now: datetime,
        every_seconds: int | None = None,
        cron: str | None = None,
        discover: bool | None = None,
    ) -> bool:
        """:func:`db.watchlist.add_watch`, in a transaction of its own."""
        with _storage_errors(self.path, f"adding a watch on {url}"), writing(self.db):
            return watchlist.add_watch(
                self.db, url, now=now, every_seconds=every_seconds, cron=cron, discover=discover
            )

    def add_found(self, url: str, *, source: str, now: datetime) -> bool:
        """:func:`db.watchlist.add_found`, in a transaction of its own."""
        with _storage_errors(self.path, f"adding a watch on {url}"), writing(self.db):
            return watchlist.add_found(self.db, url, source=source, now=now)

    def remove_watch(self, url: str) -> bool:
        with _storage_errors(self.path, f"removing the watch on {url}"), writing(self.db):
            return watchlist.remove_watch(self.db, url)

    def watches(self, url: str | None = None) -> list[Watch]:
        """:func:`db.watchlist.watches`."""
        return watchlist.watches(self.db, url)

    def watchlist_version(self) -> int:
        """:func:`db.watchlist.version`."""
        with _storage_errors(self.path, "reading the watch list's version"):
            return watchlist.version(self.db)

    def knows_address(self, url: str) -> bool:
        """A watch or a stored page has this address, spelt exactly so."""
        known = (
            "SELECT EXISTS (SELECT 1 FROM watches WHERE url = :url)"
            " OR EXISTS (SELECT 1 FROM pages WHERE url = :url)"
        )
        return bool(self.db.execute(known, {"url": url}).fetchone()[0])

    def addresses(self) -> list[str]:
        """Every address a watch or a stored page has."""
        rows = self.db.execute("SELECT url FROM watches UNION SELECT url FROM pages")
        return [url for (url,) in rows.fetchall()]

    # -- reads used by checks ---------------------------------------------------------------
    def last_checked(self, url: str) -> datetime | None:
        """When the page was last checked with a body that became a record, if ever."""
        row = self.db.execute("SELECT last_checked FROM pages WHERE url = ?", [url]).fetchone()
        return from_text(row[0]) if row and row[0] else None

    def kept_body_at(self, url: str, when: datetime) -> bool:
        """A check of ``url`` at ``when`` kept its body: a copy from an archive that was
        read before, and need not be fetched again."""
        row = self.db.execute(
            "SELECT 1 FROM fetches f JOIN pages p ON p.id = f.page_id"
            " WHERE p.url = ? AND f.fetched_at = ? AND f.raw_id IS NOT NULL",
            [url, to_text(when)],
        ).fetchone()
        return row is not None

    def validators_for(self, urls: list[str]) -> dict[str, tuple[str | None, str | None]]:
        """ETag and Last-Modified of many pages in one query (a round asks for all); none
        for a page with no stored version (a reparse can leave one so), as a 304 would
        say it is unchanged from nothing."""
        found: dict[str, tuple[str | None, str | None]] = {}
        for start in range(0, len(urls), 500):
            chunk = urls[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for url, etag, modified in self.db.execute(
                "SELECT url, etag, last_modified FROM pages"
                f" WHERE url IN ({marks}) AND versions > 0",
                chunk,
            ):
                found[url] = (etag, modified)
        return found

    # -- rebuilding history from raw pages ----------------------------------------------
    def stored_pages(self) -> list[str]:
        """URLs of the pages with bodies kept, in the order they were first stored."""
        rows = self.db.execute(
            "SELECT p.url FROM pages p WHERE EXISTS"
            " (SELECT 1 FROM fetches f WHERE f.page_id = p.id AND f.raw_id IS NOT NULL)"
            " ORDER BY p.id"
        ).fetchall()
        return [url for (url,) in rows]

    def stored_bodies(
        self, url: str | None = None, *, skip: Container[int] = ()
    ) -> Iterator[StoredBody]:
        """Every fetch that kept a body, oldest first; only one page's with ``url``;
        none of the fetch ids in ``skip``."""
        rows = self.db.execute(
            "SELECT f.id, p.url, f.fetched_at, f.raw_id, f.charset FROM fetches f"
            " JOIN pages p ON p.id = f.page_id WHERE f.raw_id IS NOT NULL"
            " AND (? IS NULL OR p.url = ?) ORDER BY f.fetched_at, f.id",
            [url, url],
        ).fetchall()
        for fetch_id, page_url, fetched_at, raw_id, charset in rows:
            if fetch_id not in skip:
                body = read_raw(self.db, self.path, raw_id)
                yield StoredBody(fetch_id, page_url, fetched_at, body, charset)

    def rebuild_page(
        self, url: str, extracted: Mapping[int, tuple[ComparisonPage | None, str | None]]
    ) -> int | None:
        """Replace a page's versions, history and changes with ones rebuilt from its
        stored bodies; returns the number of versions written.

        ``extracted`` maps each of the page's fetch ids with a body to (record, None) or
        (None, parse error); fetch rows stay and are re-labelled. One transaction: on
        any error nothing changes. Returns None, changing nothing, when the page has a
        body ``extracted`` lacks: another process stored a check since those bodies were
        read, and the caller reads the new ones and asks again.
        """
        with _storage_errors(self.path, f"reparse of {url}"), writing(self.db):
            page = self._page(url)
            if any(fetch_id not in extracted for fetch_id, _, _ in self._kept_fetches(page.id)):
                return None
            results = self._rebuild(url, extracted)
        return sum(result.outcome in ("new", "changed") for result in results.values())

    def record_past_check(
        self,
        fetch: FetchOutcome,
        body: bytes,
        *,
        record: ComparisonPage | None = None,
        parse_error: str | None = None,
    ) -> CheckResult:
        """Store a check from the past (a save ingested after later checks, a copy from
        an archive): its body joins the page's kept ones and the page's history is
        rebuilt in time order, from the records stored and this one. The versions after
        it are renumbered; no alert is queued (the news is old); the watch's state stays
        as the page's own checks left it. One transaction."""
        with (
            _storage_errors(self.path, f"recording a past check of {fetch.url}"),
            writing(self.db),
        ):
            page = self._page(fetch.url)
            extracted = self._stored_extractions(page.id, fetch.url)
            raw_id = self._raw(page, body, fetch.fetched_at)
            pending = CheckResult(url=fetch.url, outcome="failed", error=parse_error)
            fetch_id = self._insert_fetch(page.id, fetch, pending, raw_id)
            extracted[fetch_id] = (record, parse_error)
            return self._rebuild(fetch.url, extracted)[fetch_id]

    def _kept_fetches(self, page_id: int) -> list[tuple[int, str, int]]:
        """The page's fetches that kept a body, oldest first: (id, fetched_at, raw_id)."""
        return [
            (int(fetch_id), str(fetched_at), int(raw_id))
            for fetch_id, fetched_at, raw_id in self.db.execute(
                "SELECT id, fetched_at, raw_id FROM fetches"
                " WHERE page_id = ? AND raw_id IS NOT NULL ORDER BY fetched_at, id",
                [page_id],
            )
        ]

    def _stored_extractions(
        self, page_id: int, url: str
    ) -> dict[int, tuple[ComparisonPage | None, str | None]]:
        """What each of the page's fetches with a body was read as, from the records
        stored: the record of the version it saw, or its error."""
        records: dict[int, ComparisonPage] = {}
        extracted: dict[int, tuple[ComparisonPage | None, str | None]] = {}
        for fetch_id, version, outcome, error in self.db.execute(
            "SELECT id, version, outcome, error FROM fetches"
            " WHERE page_id = ? AND raw_id IS NOT NULL",
            [page_id],
        ).fetchall():
            if version is None or outcome not in ("new", "changed", "unchanged"):
                extracted[fetch_id] = (None, error or "no record extracted")
                continue
            if version not in records:
                document = self.db.execute(
                    "SELECT record FROM snapshots WHERE page_id = ? AND version = ?",
                    [page_id, version],
                ).fetchone()[0]
                records[version] = stored_page_record(self.path, url, version, document)
            extracted[fetch_id] = (records[version], None)
        return extracted

    def _rebuild(
        self, url: str, extracted: Mapping[int, tuple[ComparisonPage | None, str | None]]
    ) -> dict[int, CheckResult]:
        """:meth:`rebuild_page`'s work, in the caller's transaction: each fetch's result."""
        page = self._page(url)
        fetches = self._kept_fetches(page.id)
        alerts = unlink_alerts(self.db, page.id)  # relinked once rebuilt
        for table in ("changes", *(h.table for h in HISTORIES), "snapshots"):
            self.db.execute(f"DELETE FROM {table} WHERE page_id = ?", [page.id])
        self.db.execute(
            "UPDATE pages SET versions = 0, record_hash = NULL, last_checked = NULL,"
            " last_changed = NULL, first_seen = NULL WHERE id = ?",
            [page.id],
        )
        page = self._page(url)
        results: dict[int, CheckResult] = {}
        for fetch_id, fetched_at, raw_id in fetches:
            record, error = extracted[fetch_id]
            if record is None:
                self.db.execute(
                    "UPDATE fetches SET outcome = 'failed', version = NULL, error = ? WHERE id = ?",
                    [error, fetch_id],
                )
                results[fetch_id] = CheckResult(url=url, outcome="failed", error=error)
                continue
            result = self._ingest(page, url, record, fetched_at, raw_id, alert=False)
            page = self._page(url)
            self.db.execute(
                "UPDATE fetches SET outcome = ?, version = ?, error = NULL WHERE id = ?",
                [result.outcome, result.version, fetch_id],
            )
            results[fetch_id] = result
        self._relabel_not_modified(page.id)
        relink_alerts(self.db, page.id, alerts)
        return results

    def _relabel_not_modified(self, page_id: int) -> None:
        """A 304 kept no body: it saw the version of the last body before it that was
        read (validators are kept only from those), and the page was last checked at
        the latest check that found a version."""
        self.db.execute(
            "UPDATE fetches SET version = (SELECT b.version FROM fetches b"
            "  WHERE b.page_id = fetches.page_id AND b.version IS NOT NULL"
            "  AND (b.fetched_at, b.id) < (fetches.fetched_at, fetches.id)"
            "  ORDER BY b.fetched_at DESC, b.id DESC LIMIT 1)"
            " WHERE page_id = ? AND outcome = 'not_modified'",
            [page_id],
        )
        self.db.execute(
            "UPDATE pages SET last_checked = (SELECT MAX(fetched_at) FROM fetches"
            "  WHERE page_id = pages.id AND version IS NOT NULL"
            "  AND outcome IN ('new', 'changed', 'unchanged', 'not_modified'))"
            " WHERE id = ?",
            [page_id],
        )


def stored_page_record(path: str, url: str, version: int, document: str) -> ComparisonPage:
    """Version ``version`` of a page's record, from its stored JSON."""
    try:
        return ComparisonPage.model_validate_json(document)
    except ValidationError as error:
        # Written by a panelwatch whose records had other fields.
        raise StorageError(
            path,
            f"reading version {version} of {url}",
            f"the stored record no longer fits this panelwatch's schema ({error.error_count()}"
            " errors); `panelwatch reparse` rebuilds it from the raw page",
        ) from None


def _ready(db: Database, where: str) -> Database:
    """A database just opened, set up for our use and upgraded to this version's schema."""
    _use_wal(db.conn)
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    newer = unknown_steps(db)
    if newer:
        steps = f"schema step{'s' if len(newer) > 1 else ''} {', '.join(newer)}"
        raise StorageError(
            where,
            "open",
            f"it was upgraded by a newer panelwatch ({steps}), which this one does not"
            " know; use that version or a later one",
        )
    if migrations.pending(db):
        # One process upgrades, holding the write lock; one opening the file at the
        # same moment waits, then finds nothing left to do.
        with writing(db):
            migrations.apply(db)
    return db


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch a database to write-ahead logging, once for good. Two processes creating
    the file at the same moment race for that switch, and SQLite answers the loser
    "locked" without waiting: try again for a while, as the busy timeout would."""
    for _ in range(50):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            time.sleep(0.1)
    conn.execute("PRAGMA journal_mode=WAL")


@contextlib.contextmanager
def _storage_errors(path: str, operation: str) -> Iterator[None]:
    """sqlite3's errors, said in terms of the file and what we were doing."""
    try:
        yield
    except sqlite3.OperationalError as error:
        message = str(error)
        if "locked" in message or "busy" in message:
            message = "the database is locked by another panelwatch process; try again"
        elif "readonly" in message or "read-only" in message:
            message = "the database file is read-only"
        elif "disk is full" in message or "full" in message:
            message = "the disk is full; nothing from this check was written"
        elif "unable to open" in message:
            message = "cannot open the database file (does its folder exist and is it writable?)"
        raise StorageError(path, operation, message) from error
    except sqlite3.DatabaseError as error:
        raise StorageError(path, operation, f"not a usable SQLite database ({error})") from error
