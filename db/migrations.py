"""The database schema, as numbered steps applied in order when a database is opened.

Never edit a step that has shipped: add a new one. A database made by an older
panelwatch opens and upgrades in place, keeping every row; one a newer panelwatch upgraded
is refused, not written to by code that does not know its schema.
"""

from __future__ import annotations

from functools import cache

from sqlite_utils import Database, Migrations

migrations = Migrations("panelwatch")


def unknown_steps(db: Database) -> list[str]:
    """Steps of ours applied to ``db`` that this version does not have: a newer
    panelwatch upgraded it, and code that does not know its schema must not write to it."""
    known = _known_steps()
    return [step.name for step in migrations.applied(db) if step.name not in known]


@cache
def _known_steps() -> frozenset[str]:
    empty = Database(memory=True)  # every step is pending for an empty database
    try:
        return frozenset(step.name for step in migrations.pending(empty))
    finally:
        empty.close()


# Every entity history table has these: a row per distinct state of the entity.
# `last_seen` is filled when the state ends (the last check that still saw it);
# while `status` is 'current' the views read it from pages.last_checked.
_HISTORY_COLUMNS = {
    "first_seen": str,
    "last_seen": str,
    "from_version": int,
    "to_version": int,
    "status": str,  # current | changed | removed
}


def _history_table(db: Database, name: str, key: dict[str, type], values: dict[str, type]) -> None:
    columns: dict[str, type] = {"id": int, "page_id": int, "url": str, **key, **values}
    db[name].create(  # type: ignore[union-attr]
        {**columns, **_HISTORY_COLUMNS},
        pk="id",
        foreign_keys=[("page_id", "pages", "id")],
        not_null={"page_id", "url", "first_seen", "from_version", "status"},
    )
    db[name].create_index(["page_id", *key, "status"])  # type: ignore[union-attr]


@migrations()
def m001_pages_fetches_snapshots(db: Database) -> None:
    db["pages"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "url": str,
            "kind": str,  # comparison | discovery (a sitemap or index page)
            "first_seen": str,
            "last_checked": str,
            "last_changed": str,
            "versions": int,
            "record_hash": str,
            "etag": str,
            "last_modified": str,
        },
        pk="id",
        not_null={"url"},
    )
    db["pages"].create_index(["url"], unique=True)  # type: ignore[union-attr]
    db["raw_pages"].create(  # type: ignore[union-attr]
        {"id": int, "sha256": str, "size": int, "body_zlib": bytes, "first_seen": str},
        pk="id",
        not_null={"sha256", "size", "body_zlib"},
    )
    db["raw_pages"].create_index(["sha256"], unique=True)  # type: ignore[union-attr]
    db["fetches"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "page_id": int,
            "fetched_at": str,
            # new | changed | unchanged | not_modified | failed | skipped | discovered
            "outcome": str,
            "status": int,
            "bytes": int,
            "elapsed_ms": int,
            "raw_id": int,
            "version": int,
            "error": str,
        },
        pk="id",
        foreign_keys=[("page_id", "pages", "id"), ("raw_id", "raw_pages", "id")],
        not_null={"page_id", "fetched_at", "outcome"},
    )
    db["fetches"].create_index(["page_id", "fetched_at"])  # type: ignore[union-attr]
    db["snapshots"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "page_id": int,
            "version": int,
            "seen_at": str,
            "record_hash": str,
            "parser_version": str,
            "raw_id": int,
            "record": str,  # the record's JSON, as `panelwatch parse --json` prints it
        },
        pk="id",
        foreign_keys=[("page_id", "pages", "id"), ("raw_id", "raw_pages", "id")],
        not_null={"page_id", "version", "seen_at", "record_hash", "record"},
    )
    db["snapshots"].create_index(["page_id", "version"], unique=True)  # type: ignore[union-attr]


@migrations()
def m002_entity_history_and_changes(db: Database) -> None:
    _history_table(
        db,
        "tool_versions",
        {"tool_slug": str},
        {"name": str, "category": str, "tagline": str, "description": str, "best_for": str},
    )
    _history_table(
        db,
        "panel_versions",
        {"tool_slug": str},
        {"tool": str, "verdict": str, "ship": int, "skip": int, "ship_pct": int},
    )
    _history_table(
        db,
        "community_versions",
        {"tool_slug": str},
        {"tool": str, "text": str, "ship_pct": int, "ship": int, "skip": int, "total": int},
    )
    _history_table(
        db, "pricing_versions", {"tool_slug": str}, {"tool": str, "model": str, "text": str}
    )
    _history_table(
        db,
        "review_versions",
        {"tool_slug": str, "reviewer": str},
        {"tool": str, "score": int, "verdict": str, "text": str},
    )
    # old/new have no declared type, so a score stays an integer and a text a text.
    db.execute(
        """
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            page_id INTEGER NOT NULL REFERENCES pages(id),
            url TEXT NOT NULL,
            kind TEXT NOT NULL,
            tool_slug TEXT,
            tool TEXT,
            reviewer TEXT,
            field TEXT,
            old,
            new,
            from_version INTEGER,
            to_version INTEGER NOT NULL,
            detected_at TEXT NOT NULL
        )
        """
    )
    db["changes"].create_index(["detected_at"])  # type: ignore[union-attr]
    db["changes"].create_index(["page_id", "to_version"])  # type: ignore[union-attr]


@migrations()
def m003_views(db: Database) -> None:
    db.create_view(
        "latest_verdicts",
        """
        SELECT p.url, pv.tool_slug, pv.tool, pv.verdict, pv.ship, pv.skip, pv.ship_pct,
               pr.model AS pricing_model, pr.text AS pricing_text,
               pv.first_seen AS verdict_since, p.last_checked
        FROM panel_versions pv
        JOIN pages p ON p.id = pv.page_id
        LEFT JOIN pricing_versions pr
          ON pr.page_id = pv.page_id AND pr.tool_slug = pv.tool_slug AND pr.status = 'current'
        WHERE pv.status = 'current'
        """,
    )
    db.create_view(
        "review_history",
        """
        SELECT r.url, r.tool_slug, r.tool, r.reviewer, r.score, r.verdict, r.text,
               r.first_seen, COALESCE(r.last_seen, p.last_checked) AS last_seen,
               r.from_version, r.to_version, r.status
        FROM review_versions r JOIN pages p ON p.id = r.page_id
        """,
    )
    db.create_view(
        "latest_reviews",
        "SELECT * FROM review_history WHERE status = 'current'",
    )


@migrations()
def m004_watches(db: Database) -> None:
    db["watches"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "url": str,
            "every_seconds": int,
            "cron": str,
            "discover": int,  # 1: a sitemap or index page whose comparison links are watched
            "added_at": str,
            "last_checked": str,  # last attempt, whatever its outcome
            "last_changed": str,
            "last_outcome": str,
            "last_error": str,
            "consecutive_failures": int,
            "failing": int,
        },
        pk="id",
        not_null={"url", "added_at"},
        defaults={"discover": 0, "consecutive_failures": 0, "failing": 0},
    )
    db["watches"].create_index(["url"], unique=True)  # type: ignore[union-attr]


@migrations()
def m005_alert_rules_and_outbox(db: Database) -> None:
    db["alert_rules"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "channel": str,
            "kinds": str,  # comma-separated change kinds
            "url_pattern": str,
            "tool": str,
            "reviewer": str,
            "min_score_delta": int,
            "min_votes_pct": float,
            "digest": int,
            "created_at": str,
        },
        pk="id",
        not_null={"channel", "kinds", "created_at"},
        defaults={"digest": 0},
    )
    db["alerts"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "rule_id": int,
            "change_id": int,
            "channel": str,
            "status": str,  # pending | sent | failed
            "attempts": int,
            "created_at": str,
            "next_attempt_at": str,
            "sent_at": str,
            "last_error": str,
            "payload": str,  # the JSON a webhook receives
        },
        pk="id",
        foreign_keys=[("rule_id", "alert_rules", "id"), ("change_id", "changes", "id")],
        not_null={"rule_id", "change_id", "channel", "status", "created_at", "payload"},
        defaults={"attempts": 0},
    )
    # one alert per change and rule: a change is never queued twice
    db["alerts"].create_index(["rule_id", "change_id"], unique=True)  # type: ignore[union-attr]
    db["alerts"].create_index(["status", "next_attempt_at"])  # type: ignore[union-attr]


@migrations()
def m006_host_bookings(db: Database) -> None:
    # When the next request to a host may start (Unix time), for every process using
    # this database: `check` and `run` side by side keep one spacing per host.
    db["host_bookings"].create(  # type: ignore[union-attr]
        {"host": str, "next_start": float}, pk="host", not_null={"next_start"}
    )


@migrations()
def m007_watch_events(db: Database) -> None:
    # A watch marked failing, or read again after that: what alerts of the kinds
    # watch_failing and watch_recovered report.
    db["watch_events"].create(  # type: ignore[union-attr]
        {"id": int, "url": str, "kind": str, "at": str, "message": str, "outcome": str},
        pk="id",
        not_null={"url", "kind", "at", "message", "outcome"},
    )
    # An alert now reports a change or a watch event, so change_id may be empty. SQLite
    # cannot drop a NOT NULL: the table is rebuilt, its rows kept, its indexes made again.
    db.execute("ALTER TABLE alerts RENAME TO alerts_m006")
    columns = (
        "id, rule_id, change_id, channel, status, attempts, created_at, next_attempt_at,"
        " sent_at, last_error, payload"
    )
    db["alerts"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "rule_id": int,
            "change_id": int,
            "event_id": int,
            "channel": str,
            "status": str,  # pending | sent | failed
            "attempts": int,
            "created_at": str,
            "next_attempt_at": str,
            "sent_at": str,
            "last_error": str,
            "payload": str,  # the JSON a webhook receives
        },
        pk="id",
        foreign_keys=[
            ("rule_id", "alert_rules", "id"),
            ("change_id", "changes", "id"),
            ("event_id", "watch_events", "id"),
        ],
        not_null={"rule_id", "channel", "status", "created_at", "payload"},
        defaults={"attempts": 0},
    )
    db.execute(f"INSERT INTO alerts ({columns}) SELECT {columns} FROM alerts_m006")
    db.execute("DROP TABLE alerts_m006")
    # one alert per change (or event) and rule: neither is ever queued twice
    db["alerts"].create_index(["rule_id", "change_id"], unique=True)  # type: ignore[union-attr]
    db["alerts"].create_index(["rule_id", "event_id"], unique=True)  # type: ignore[union-attr]
    db["alerts"].create_index(["status", "next_attempt_at"])  # type: ignore[union-attr]


@migrations()
def m008_raw_patches(db: Database) -> None:
    # A raw body may be kept as a zstd patch (`patch`) against an earlier whole body of
    # its page (`base_id`); its body_zlib is then empty (see db/raw.py). A page's
    # `raw_base_id` is the whole body its next patch is made against.
    db.execute("ALTER TABLE raw_pages ADD COLUMN base_id INTEGER REFERENCES raw_pages(id)")
    db.execute("ALTER TABLE raw_pages ADD COLUMN patch BLOB")
    db.execute("ALTER TABLE pages ADD COLUMN raw_base_id INTEGER REFERENCES raw_pages(id)")
    # Every body kept so far is whole: a page's latest is the base of its next patch.
    db.execute(
        """
        UPDATE pages SET raw_base_id = (
            SELECT raw_id FROM fetches WHERE page_id = pages.id AND raw_id IS NOT NULL
            ORDER BY fetched_at DESC, id DESC LIMIT 1
        )
        """
    )


@migrations()
def m009_moved_pages(db: Database) -> None:
    # Where a check was redirected for good (301, 308): the fetch row keeps it, and the
    # watch shows the latest, so `list` can say that a page has moved.
    db.execute("ALTER TABLE fetches ADD COLUMN moved_to TEXT")
    db.execute("ALTER TABLE watches ADD COLUMN moved_to TEXT")


@migrations()
def m010_found_by(db: Database) -> None:
    # The discovery source that added a watch: such a page follows its source's schedule
    # until it is given one of its own (then NULL). Watches from before stay their own.
    db.execute("ALTER TABLE watches ADD COLUMN found_by TEXT")


@migrations()
def m011_fetch_charset(db: Database) -> None:
    # The charset of a fetch's Content-Type header: a body is decoded by it before its
    # <meta>, as browsers do, and `reparse` must read a kept body the same way.
    db.execute("ALTER TABLE fetches ADD COLUMN charset TEXT")


@migrations()
def m012_changes_by_tool(db: Database) -> None:
    # A change to a tool's field is looked up on every page that shows the tool before
    # it is alerted: one edit on the site, seen on several pages, alerts once.
    db["changes"].create_index(  # type: ignore[union-attr]
        ["tool_slug", "kind", "field", "reviewer", "detected_at"]
    )


@migrations()
def m013_robots_files(db: Database) -> None:
    # Each site's robots.txt as some process last fetched it, until it expires: a `check`
    # that cron starts every few minutes reads it here instead of asking the site each
    # time (RFC 9309 allows a day). Status 0: no answer at all, and `body` says why.
    db["robots_files"].create(  # type: ignore[union-attr]
        {"origin": str, "status": int, "body": str, "expires_at": float},
        pk="origin",
        not_null={"status", "body", "expires_at"},
    )


@migrations()
def m014_watchlist_version(db: Database) -> None:
    # A count raised whenever a watch is added, removed or rescheduled: `run` reloads its
    # watches only when it moved. Reloading 20,000 every minute took 0.2 s and 34 MB.
    db.execute(
        "CREATE TABLE watchlist_version"
        " (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO watchlist_version (id, version) VALUES (1, 0)")
    events = {
        "added": "INSERT",
        "removed": "DELETE",
        "rescheduled": "UPDATE OF every_seconds, cron, discover, found_by",
    }
    for name, event in events.items():
        db.execute(
            f"CREATE TRIGGER watch_{name} AFTER {event} ON watches"
            " BEGIN UPDATE watchlist_version SET version = version + 1; END"
        )
