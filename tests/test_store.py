"""The store on real SQLite files, driven through a sequence of page versions."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from side_by_side import side_by_side

from db import (
    Store,
    change_feed,
    changes_between,
    diff_records,
    export_rows,
    export_tool_rows,
    grouped_feed,
    page_versions,
    stored_record,
)
from db.migrations import migrations
from schemas import (
    AlertPayload,
    AlertRule,
    ComparisonPage,
    FetchOutcome,
    StorageError,
    StoredChange,
)
from scraper.pipeline import reparse, store_body

PAGES = Path(__file__).parent / "fixtures" / "pages" / "comparison"
URL = "https://shiporskip.io/compare/claude-4-api-tool-use-streaming-prompt-caching-vs-mistral-medium-3-2"
T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
CLAUDE = "claude-4-api-tool-use-streaming-prompt-caching"
MISTRAL = "mistral-medium-3-2"


def seed() -> ComparisonPage:
    return ComparisonPage.model_validate_json((PAGES / "seed-soup.json").read_text())


def edit(page: ComparisonPage, change: Callable[[dict[str, Any]], None]) -> ComparisonPage:
    data = page.model_dump(mode="json")
    change(data)
    return ComparisonPage.model_validate(data)


def review(data: dict[str, Any], reviewer: str, slug: str) -> dict[str, Any]:
    return next(r for r in data["reviews"] if r["reviewer"] == reviewer and r["tool_slug"] == slug)


def check(store: Store, record: ComparisonPage | None, hours: int, **fetch: Any):  # type: ignore[no-untyped-def]
    outcome = FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=hours), status=200, **fetch)
    body = record.model_dump_json().encode() if record else None
    return store.record_check(outcome, record=record, body=body)


def rows(store: Store, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in store.db.execute(sql, list(params)).fetchall()]


def test_first_check_is_version_one_with_page_added(store: Store) -> None:
    result = check(store, seed(), 0)
    assert (result.outcome, result.version) == ("new", 1)
    assert [c.kind for c in result.changes] == ["page_added"]
    assert rows(store, "SELECT COUNT(*) FROM review_versions WHERE status = 'current'") == [(8,)]
    assert rows(store, "SELECT COUNT(*) FROM tool_versions") == [(2,)]


def test_unchanged_recheck_adds_only_a_fetch_row(store: Store) -> None:
    check(store, seed(), 0)
    before = (
        rows(store, "SELECT COUNT(*) FROM snapshots"),
        rows(store, "SELECT COUNT(*) FROM changes"),
    )
    result = check(store, seed(), 6)
    assert (result.outcome, result.version, result.changes) == ("unchanged", 1, [])
    after = (
        rows(store, "SELECT COUNT(*) FROM snapshots"),
        rows(store, "SELECT COUNT(*) FROM changes"),
    )
    assert before == after
    assert rows(store, "SELECT outcome FROM fetches ORDER BY id") == [("new",), ("unchanged",)]
    # an identical body is stored once
    assert rows(store, "SELECT COUNT(*) FROM raw_pages") == [(1,)]
    assert rows(store, "SELECT last_checked FROM pages") == [("2026-11-01T15:00:00Z",)]


def test_markup_only_difference_is_not_a_change(store: Store) -> None:
    soup = (PAGES / "seed-soup.html").read_bytes()
    semantic = (PAGES / "seed-semantic.html").read_bytes()
    record = seed()
    for hours, body in ((0, soup), (1, semantic)):
        outcome = FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=hours), status=200)
        store.record_check(outcome, record=record, body=body)
    assert rows(store, "SELECT outcome FROM fetches ORDER BY id") == [("new",), ("unchanged",)]
    assert rows(store, "SELECT COUNT(*) FROM raw_pages") == [(2,)]


def flip(data: dict[str, Any]) -> None:
    review(data, "Skeptic", MISTRAL).update(verdict="skip", score=48)


def test_sequence_of_versions_gives_exact_changes_and_history(store: Store) -> None:
    v1 = seed()
    v2 = edit(v1, flip)  # a reviewer flips ship -> skip, score 72 -> 48

    def split(data: dict[str, Any]) -> None:
        data["tools"][1]["panel"] = {"verdict": "mixed", "ship": 2, "skip": 2, "ship_pct": 50}

    v3 = edit(v2, split)

    def pricing(data: dict[str, Any]) -> None:
        data["tools"][1]["pricing"]["text"] = "API access via mistral.ai — pay-per-token; free tier"
        data["tools"][1]["pricing"]["model"] = "Freemium"

    v4 = edit(v3, pricing)

    def votes(data: dict[str, Any]) -> None:
        data["tools"][0]["community"] = {
            "text": "12 ship / 4 skip", "ship_pct": 75, "ship": 12, "skip": 4, "total": 16,
        }  # fmt: skip

    v5 = edit(v4, votes)

    def drop(data: dict[str, Any]) -> None:
        data["reviews"] = [
            r for r in data["reviews"] if (r["reviewer"], r["tool_slug"]) != ("Founder", MISTRAL)
        ]

    v6 = edit(v5, drop)

    results = [check(store, record, hours) for hours, record in enumerate((v1, v2, v3, v4, v5, v6))]
    assert [r.outcome for r in results] == [
        "new",
        "changed",
        "changed",
        "changed",
        "changed",
        "changed",
    ]
    assert [r.version for r in results] == [1, 2, 3, 4, 5, 6]
    got = rows(
        store,
        "SELECT to_version, kind, tool_slug, reviewer, field, old, new FROM changes ORDER BY id",
    )
    assert got == [
        (1, "page_added", None, None, None, None, v1.title),
        (2, "score", MISTRAL, "Skeptic", "score", 72, 48),
        (2, "verdict", MISTRAL, "Skeptic", "verdict", "ship", "skip"),
        (3, "verdict", MISTRAL, None, "panel.verdict", "ship", "mixed"),
        (3, "panel_split", MISTRAL, None, "panel.ship", 3, 2),
        (3, "panel_split", MISTRAL, None, "panel.skip", 1, 2),
        (3, "panel_split", MISTRAL, None, "panel.ship_pct", 75, 50),
        (4, "pricing_model", MISTRAL, None, "pricing.model", "Paid", "Freemium"),
        (4, "pricing_text", MISTRAL, None, "pricing.text",
         "API access via mistral.ai — pay-per-token; enterprise pricing available on request",
         "API access via mistral.ai — pay-per-token; free tier"),
        (5, "votes", CLAUDE, None, "community.text", "No community votes yet", "12 ship / 4 skip"),
        (5, "votes", CLAUDE, None, "community.ship_pct", None, 75),
        (5, "votes", CLAUDE, None, "community.ship", None, 12),
        (5, "votes", CLAUDE, None, "community.skip", None, 4),
        (5, "votes", CLAUDE, None, "community.total", None, 16),
        (6, "review_removed", MISTRAL, "Founder", None, 55, None),
    ]  # fmt: skip
    # "every score the Skeptic gave Mistral Medium 3.2, with dates" is one query
    history = rows(
        store,
        "SELECT score, verdict, first_seen, last_seen, status FROM review_history"
        " WHERE reviewer = 'Skeptic' AND tool = 'Mistral Medium 3.2' ORDER BY from_version",
    )
    assert history == [
        (72, "ship", "2026-11-01T09:00:00Z", "2026-11-01T09:00:00Z", "changed"),
        (48, "skip", "2026-11-01T10:00:00Z", "2026-11-01T14:00:00Z", "current"),
    ]
    founder = rows(
        store,
        "SELECT score, status, last_seen, to_version FROM review_history"
        " WHERE reviewer = 'Founder' AND tool_slug = ?",
        MISTRAL,
    )
    assert founder == [(55, "removed", "2026-11-01T13:00:00Z", 5)]
    assert rows(
        store, "SELECT tool_slug, verdict, ship_pct, pricing_model FROM latest_verdicts"
    ) == [
        (CLAUDE, "ship", 100, "Paid"),
        (MISTRAL, "mixed", 50, "Freemium"),
    ]
    versions = page_versions(store, URL)
    assert [(v.version, v.changes) for v in versions] == [
        (1, 1),
        (2, 2),
        (3, 4),
        (4, 2),
        (5, 5),
        (6, 1),
    ]
    assert [c.kind for c in changes_between(store, URL, 3, 5)] == [
        "pricing_model", "pricing_text", *["votes"] * 5,
    ]  # fmt: skip
    since = change_feed(store, since=T0 + timedelta(hours=3), kinds=("pricing_text", "verdict"))
    assert [(c.kind, c.to_version) for c in since] == [("pricing_text", 4)]


def test_tool_added_and_removed(store: Store) -> None:
    three = ComparisonPage.model_validate_json((PAGES / "three-tools.json").read_text())
    kept = [
        r for r in three.model_dump(mode="json")["reviews"] if r["tool_slug"] != "tensorloom-7b"
    ]
    two = edit(three, lambda d: d.update(tools=d["tools"][:2], reviews=kept))
    check(store, two, 0)
    added = check(store, three, 1)
    kinds = [(c.kind, c.tool_slug, c.reviewer) for c in added.changes]
    assert kinds[0] == ("tool_added", "tensorloom-7b", None)
    assert sorted(k for k in kinds[1:]) == sorted(
        ("review_added", "tensorloom-7b", who)
        for who in ("Builder", "Skeptic", "Futurist", "Founder")
    )
    removed = check(store, two, 2)
    assert ("tool_removed", "tensorloom-7b", None) in [
        (c.kind, c.tool_slug, c.reviewer) for c in removed.changes
    ]
    assert rows(
        store, "SELECT status FROM tool_versions WHERE tool_slug = 'tensorloom-7b' ORDER BY id"
    ) == [("removed",)]


def test_null_to_value_and_back_are_changes() -> None:
    base = seed()
    with_tagline = edit(base, lambda d: d["tools"][0].update(tagline=None))
    kinds = [(c.field, c.old, c.new) for c in diff_records(with_tagline, base)]
    assert kinds == [("tagline", None, base.tools[0].tagline)]
    back = [(c.field, c.old, c.new) for c in diff_records(base, with_tagline)]
    assert back == [("tagline", base.tools[0].tagline, None)]


def test_the_watchlist_version_moves_with_the_watches_not_with_their_checks(
    store: Store,
) -> None:
    """`run` reloads its watches only when this moves: on an added, removed or
    rescheduled watch; not on a check, nor on an `add` that changes nothing."""
    found = "https://shiporskip.io/compare/a-vs-b"
    steps = [
        lambda: store.add_watch(URL, now=T0),
        lambda: check(store, seed(), 1),
        lambda: store.add_watch(URL, now=T0),
        lambda: store.add_watch(URL, now=T0, every_seconds=3600),
        lambda: store.add_found(found, source=URL, now=T0),
        lambda: store.add_watch(URL, now=T0, cron="0 9 * * *"),  # `found` follows it
        lambda: store.record_check(
            FetchOutcome(url=URL, fetched_at=T0, status=503, error="HTTP 503")
        ),
        lambda: store.remove_watch(found),
    ]
    moved = []
    for step in steps:
        before = store.watchlist_version()
        step()
        moved.append(store.watchlist_version() != before)
    assert moved == [True, False, False, True, True, True, False, True]


def test_failed_fetch_and_parse_error_leave_history_untouched(store: Store) -> None:
    check(store, seed(), 0)
    failed = store.record_check(
        FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=1), status=503, error="HTTP 503")
    )
    broken = store.record_check(
        FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=2), status=200, size=10),
        body=b"<html>cut",
        parse_error="page: expected a complete HTML document",
    )
    assert (failed.outcome, broken.outcome) == ("failed", "failed")
    assert rows(store, "SELECT COUNT(*) FROM snapshots") == [(1,)]
    assert rows(store, "SELECT COUNT(*) FROM changes") == [(1,)]
    assert rows(store, "SELECT outcome, status, error FROM fetches ORDER BY id")[1:] == [
        ("failed", 503, "HTTP 503"),
        ("failed", 200, "page: expected a complete HTML document"),
    ]
    # the broken body is kept so a fixed parser can read it later
    assert rows(store, "SELECT COUNT(*) FROM raw_pages") == [(2,)]


def test_not_modified_confirms_the_current_version(store: Store) -> None:
    check(store, seed(), 0, etag='"v1"')
    assert store.validators_for([URL]) == {URL: ('"v1"', None)}
    result = store.record_check(
        FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=1), status=304, etag='"v1"')
    )
    assert (result.outcome, result.version) == ("not_modified", 1)
    assert rows(store, "SELECT last_checked FROM pages") == [("2026-11-01T10:00:00Z",)]


def test_an_earlier_check_takes_its_place_in_history(store: Store) -> None:
    """A check seen before the page's last one is read into its place: the versions
    after it are renumbered, a 304 sees the version before it, a failed check stays
    failed, no alert is queued, and the watch keeps its latest check's state."""
    store.add_watch(URL, now=T0)
    store.add_rule(AlertRule(channel="console"), now=T0)
    scored = edit(seed(), lambda d: review(d, "Skeptic", MISTRAL).update(score=48))
    check(store, seed(), 2)  # v1: 72
    store.record_check(
        FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=3), status=304, etag='"a"')
    )
    check(store, scored, 4)  # v2: 48
    store.record_check(
        FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=5), status=200),
        body=b"<html>cut", parse_error="a broken page",
    )  # fmt: skip
    watch_before = store.watches()
    alerts_before = rows(store, "SELECT COUNT(*) FROM alerts")
    early = FetchOutcome(url=URL, fetched_at=T0, status=200)
    result = store.record_past_check(early, scored.model_dump_json().encode(), record=scored)
    assert (result.outcome, result.version) == ("new", 1)
    assert rows(store, "SELECT outcome, version, error FROM fetches ORDER BY fetched_at") == [
        ("new", 1, None),  # the earlier check: 48
        ("changed", 2, None),  # 72
        ("not_modified", 2, None),
        ("changed", 3, None),  # 48 again
        ("failed", None, "a broken page"),
    ]
    scores = "SELECT old, new, to_version FROM changes WHERE kind = 'score' ORDER BY to_version"
    assert rows(store, scores) == [(48, 72, 2), (72, 48, 3)]
    assert store.watches() == watch_before
    assert rows(store, "SELECT COUNT(*) FROM alerts") == alerts_before
    same = store.record_past_check(
        FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=1), status=200),
        b"<html>another render of the same</html>",
        record=scored,
    )
    assert (same.outcome, same.version) == ("unchanged", 1)
    assert rows(store, "SELECT COUNT(*) FROM snapshots") == [(3,)]


def test_an_earlier_check_beside_a_record_that_no_longer_fits_changes_nothing(
    store: Store,
) -> None:
    check(store, seed(), 2)
    store.db.execute("UPDATE snapshots SET record = json_set(record, '$.tools', json('[]'))")
    before = rows(store, "SELECT COUNT(*) FROM fetches"), rows(store, "SELECT * FROM snapshots")
    early = FetchOutcome(url=URL, fetched_at=T0, status=200)
    with pytest.raises(StorageError, match=r"reading version 1 of .*`panelwatch reparse`"):
        store.record_past_check(early, b"<html>...</html>", record=seed())
    after = rows(store, "SELECT COUNT(*) FROM fetches"), rows(store, "SELECT * FROM snapshots")
    assert after == before


def test_not_modified_with_no_version_stored_is_a_failure(store: Store) -> None:
    """A 304 for a page never stored (a server or proxy answering one to a request
    with no validators) was recorded as "unchanged", with nothing stored to be."""
    result = store.record_check(FetchOutcome(url=URL, fetched_at=T0, status=304))
    assert (result.outcome, result.error) == (
        "failed",
        f"{URL}: HTTP 304 (not modified), but no version of it is stored",
    )
    assert rows(store, "SELECT COUNT(*) FROM snapshots") == [(0,)]
    check(store, seed(), 1, etag='"v1"')  # the page itself, when it comes, is new
    assert rows(store, "SELECT COUNT(*) FROM snapshots") == [(1,)]
    assert store.validators_for([URL]) == {URL: ('"v1"', None)}
    # a page left with no version (as a reparse whose parser reads none of its bodies
    # leaves it) is asked for whole, not "if changed since" a version not stored
    store.db.execute("UPDATE pages SET versions = 0")
    assert store.validators_for([URL]) == {}


def test_export_reviews_has_a_row_per_review_version(store: Store) -> None:
    check(store, seed(), 0)
    check(store, edit(seed(), flip), 1)
    columns, data = export_rows(store, "reviews")
    exported = [dict(zip(columns, row, strict=True)) for row in data]
    assert len(exported) == 9
    assert {
        "url",
        "tool",
        "reviewer",
        "score",
        "verdict",
        "text",
        "first_seen",
        "last_seen",
    } <= set(columns)
    json.dumps(exported)  # plain values only


def test_export_per_tool_makes_one_row_of_what_several_pages_showed(store: Store) -> None:
    """One tool on two watched pages: each page has a row per pricing state; per tool,
    a state is one row from the first page that showed it to the last, and a state
    the tool came back to is a row again."""
    other = "https://shiporskip.io/compare/mistral-medium-3-2-vs-qwen3-coder"

    def priced(text: str) -> ComparisonPage:
        return edit(seed(), lambda d: d["tools"][1]["pricing"].update(text=text))

    for hours, shown in enumerate((("A", "A"), ("B", "A"), ("B", "B"), ("A", "B"))):
        for url, text in zip((URL, other), shown, strict=True):
            at = T0 + timedelta(hours=hours)
            store.record_check(
                FetchOutcome(url=url, fetched_at=at, status=200), record=priced(text)
            )
    assert len(list(export_rows(store, "pricing")[1])) == 7  # 2 tools x 2 pages, and 3 edits
    columns, data = export_tool_rows(store, "pricing")
    assert columns == [
        "tool_slug", "tool", "model", "text", "first_seen", "last_seen", "pages", "status"
    ]  # fmt: skip
    mistral = [row[3:] for row in data if row[0] == "mistral-medium-3-2"]
    assert mistral == [
        ("A", "2026-11-01T09:00:00Z", "2026-11-01T10:00:00Z", 2, "changed"),
        ("B", "2026-11-01T10:00:00Z", "2026-11-01T12:00:00Z", 2, "current"),
        ("A", "2026-11-01T12:00:00Z", "2026-11-01T12:00:00Z", 1, "current"),
    ]
    columns, data = export_tool_rows(store, "reviews")
    assert columns[:3] == ["tool_slug", "reviewer", "tool"]
    assert len(list(data)) == 8  # two tools, four reviewers, one state each


def test_a_stored_record_that_no_longer_fits_the_schema_says_so(store: Store) -> None:
    check(store, seed(), 0)
    assert stored_record(store, URL) == seed()
    assert stored_record(store, URL, 2) is None
    store.db.execute("UPDATE snapshots SET record = json_set(record, '$.rating', 5)")
    with pytest.raises(StorageError, match=r"reading version 1 of .*`panelwatch reparse`"):
        stored_record(store, URL)


def noisy(html: bytes, nonce: int) -> bytes:
    """The page as a site with a per-response CSP nonce serves it."""
    return html.replace(b"<head>", f'<head><script nonce="n{nonce:08x}">0</script>'.encode(), 1)


def test_a_noisy_page_keeps_each_body_as_a_small_patch(store: Store) -> None:
    """Bytes that differ at every response, while the page says the same: each body is
    kept (reparse reads them all, byte for byte), as a patch against the first."""
    html = (PAGES / "seed-soup.html").read_bytes()
    bodies = [noisy(html, n) for n in range(6)]
    for hour, body in enumerate(bodies):
        outcome = store_body(store, URL, body, fetched_at=T0 + timedelta(hours=hour)).outcome
        assert outcome == ("new" if hour == 0 else "unchanged")
    kept = rows(store, "SELECT base_id IS NULL, length(body_zlib), length(patch) FROM raw_pages")
    assert kept[0][:2] == (1, len(zlib.compress(bodies[0], 1)))
    assert all(not whole_row and whole == 0 and patch < 100 for whole_row, whole, patch in kept[1:])
    assert [kept.body for kept in store.stored_bodies()] == bodies
    assert reparse(store) == (6, 1)


def test_a_body_far_from_its_base_is_kept_whole_and_becomes_the_base(store: Store) -> None:
    soup = (PAGES / "seed-soup.html").read_bytes()
    other = (PAGES / "three-tools.html").read_bytes()  # as if the page were rewritten
    for hour, body in enumerate([soup, noisy(soup, 1), other, noisy(other, 2)]):
        store_body(store, URL, body, fetched_at=T0 + timedelta(hours=hour))
    assert rows(store, "SELECT id, base_id FROM raw_pages") == [
        (1, None),
        (2, 1),
        (3, None),
        (4, 3),
    ]
    assert rows(store, "SELECT raw_base_id FROM pages") == [(3,)]


def test_a_damaged_patch_is_an_error_not_a_wrong_page(store: Store) -> None:
    html = (PAGES / "seed-soup.html").read_bytes()
    for hour in range(2):
        store_body(store, URL, noisy(html, hour), fetched_at=T0 + timedelta(hours=hour))
    store.db.execute("UPDATE raw_pages SET patch = substr(patch, 1, 20) WHERE id = 2")
    with pytest.raises(StorageError, match="reading raw page 2"):
        list(store.stored_bodies())
    # a damaged base stops no check: the next body is kept whole, as the new base
    store.db.execute("UPDATE raw_pages SET body_zlib = X'00' WHERE id = 1")
    assert store_body(store, URL, noisy(html, 9), fetched_at=T0 + timedelta(hours=3)).outcome == (
        "unchanged"
    )
    assert rows(store, "SELECT id, base_id FROM raw_pages WHERE id = 3") == [(3, None)]


def test_reopen_keeps_everything_and_migrations_run_once(tmp_path: Path) -> None:
    path = tmp_path / "pw.db"
    with Store.open(path) as first:
        check(first, seed(), 0)
    with Store.open(path) as again:
        assert rows(again, "SELECT COUNT(*) FROM snapshots") == [(1,)]
        applied = rows(again, "SELECT COUNT(*) FROM _sqlite_migrations")
        assert applied[0][0] >= 3
        assert rows(again, "PRAGMA journal_mode") == [("wal",)]


def test_older_database_upgrades_without_losing_rows(tmp_path: Path) -> None:
    from sqlite_utils import Database

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m002_entity_history_and_changes")
    old["pages"].insert({"url": URL, "kind": "comparison", "versions": 0})  # type: ignore[union-attr]
    old.close()
    with Store.open(path) as upgraded:
        assert rows(upgraded, "SELECT url FROM pages") == [(URL,)]
        check(upgraded, seed(), 0)
        assert rows(upgraded, "SELECT COUNT(*) FROM review_versions") == [(8,)]


def open_files(path: Path) -> list[str]:
    """This process's file descriptors open on ``path`` (Linux)."""
    fds = Path("/proc/self/fd")
    return [fd.name for fd in fds.iterdir() if os.path.realpath(fd) == str(path.resolve())]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("content", ["a note, not a database\n" * 200, "future"])
def test_a_file_that_cannot_be_opened_is_not_left_open(tmp_path: Path, content: str) -> None:
    """Store.open left the connection open when it failed after connecting (a file that
    is not a database, or one a newer panelwatch upgraded): held by the error's
    traceback, and since Python 3.13 a ResourceWarning when collected."""
    path = tmp_path / "pw.db"
    if content == "future":
        with Store.open(path) as store:
            store.db.execute(
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                " VALUES ('panelwatch', 'm099_from_the_future', '2027-01-01')"
            )
    else:
        path.write_text(content)
    with pytest.raises(StorageError) as refused:
        Store.open(path)
    assert refused.value.__traceback__ is not None  # the frames it holds stay alive
    assert open_files(path) == []


def test_a_database_from_a_newer_panelwatch_is_not_written_by_an_older_one(
    tmp_path: Path,
) -> None:
    """Two installs on one database (cron's and a virtualenv's, say): the older one
    opened a database a newer one had upgraded, found nothing of its own to do, and
    wrote to it as if it knew its schema."""
    path = tmp_path / "pw.db"
    with Store.open(path) as store:
        check(store, seed(), 0)
        store.db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('panelwatch', 'm099_from_the_future', '2027-01-01')"
        )
        store.db.execute(  # another tool's steps in the same file are not ours to judge
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('other-tool', 'm001_its_own', '2027-01-01')"
        )
    with pytest.raises(StorageError) as refused:
        Store.open(path)
    assert str(refused.value) == (
        f"{path}: open failed: it was upgraded by a newer panelwatch (schema step"
        " m099_from_the_future), which this one does not know; use that version or a later one"
    )
    with closing(sqlite3.connect(path)) as kept:  # and it is left as it was
        assert kept.execute("SELECT COUNT(*) FROM snapshots").fetchone() == (1,)


def test_bodies_kept_before_patches_existed_still_read(tmp_path: Path) -> None:
    from sqlite_utils import Database

    path = tmp_path / "m007.db"
    body = (PAGES / "seed-soup.html").read_bytes()
    old = Database(path)
    migrations.apply(old, stop_before="m008_raw_patches")
    old.execute("INSERT INTO pages (id, url, kind, versions) VALUES (1, ?, 'comparison', 0)", [URL])
    old.execute(
        "INSERT INTO raw_pages (id, sha256, size, body_zlib) VALUES (1, ?, ?, ?)",
        [hashlib.sha256(body).hexdigest(), len(body), zlib.compress(body)],
    )
    old.execute(
        "INSERT INTO fetches (page_id, fetched_at, outcome, raw_id)"
        " VALUES (1, '2026-11-01T09:00:00Z', 'failed', 1)"
    )
    old.conn.commit()
    old.close()
    with Store.open(path) as upgraded:
        assert [kept.body for kept in upgraded.stored_bodies()] == [body]
        assert reparse(upgraded) == (1, 1)
        store_body(upgraded, URL, noisy(body, 1), fetched_at=T0 + timedelta(hours=1))
        # the page's last body before the upgrade is the base of the first patch
        assert rows(upgraded, "SELECT id, base_id FROM raw_pages") == [(1, None), (2, 1)]


def test_read_only_database_is_a_clear_error(tmp_path: Path) -> None:
    # query_only makes SQLite refuse writes exactly as for a read-only file (which root,
    # who runs CI, could write anyway).
    with Store.open(tmp_path / "ro.db") as store:
        check(store, seed(), 0)
        store.db.execute("PRAGMA query_only = 1")
        with pytest.raises(StorageError, match="read-only"):
            check(store, edit(seed(), flip), 1)


def test_full_disk_is_a_clear_error_and_keeps_the_previous_state(tmp_path: Path) -> None:
    with Store.open(tmp_path / "full.db") as store:
        check(store, seed(), 0)
        pages = rows(store, "PRAGMA page_count")[0][0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        big = edit(seed(), lambda d: d["tools"][0].update(description="x " * 40000))
        with pytest.raises(StorageError, match="disk is full"):
            check(store, big, 1)
        store.db.execute("PRAGMA max_page_count = 1000000")
        assert rows(store, "SELECT COUNT(*) FROM snapshots") == [(1,)]
        assert rows(store, "SELECT COUNT(*) FROM fetches") == [(1,)]
        assert check(store, seed(), 2).outcome == "unchanged"


def test_locked_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    with Store.open(path) as store:
        check(store, seed(), 0)
        holder = sqlite3.connect(path, timeout=0)
        holder.execute("BEGIN IMMEDIATE")
        try:
            store.db.conn.execute("PRAGMA busy_timeout = 50")
            with pytest.raises(StorageError, match="locked by another panelwatch process"):
                check(store, edit(seed(), flip), 1)
        finally:
            holder.rollback()
            holder.close()
        # nothing of the failed check was written
        assert rows(store, "SELECT COUNT(*) FROM fetches") == [(1,)]


def test_two_processes_writing_at_once_both_succeed(tmp_path: Path) -> None:
    """`check` beside `run`: two connections recording checks at the same time. A check
    read the database, then wrote: when the other had written in between, SQLite failed
    it at once as "locked" instead of waiting its turn."""
    path = tmp_path / "shared.db"
    Store.open(path).close()
    pages = [f"{URL}-{n}" for n in range(60)]

    def process(mine: list[str]) -> None:
        with Store.open(path) as store:
            for url in mine:
                at = FetchOutcome(url=url, fetched_at=T0, status=200)
                record = seed().model_copy(update={"url": url})
                store.record_check(at, record=record, body=url.encode())

    side_by_side(lambda: process(pages[0::2]), lambda: process(pages[1::2]))
    with Store.open(path) as store:
        assert rows(store, "SELECT COUNT(*) FROM snapshots") == [(60,)]


def test_alerts_queued_before_watch_events_survive_the_upgrade(tmp_path: Path) -> None:
    """m007 rebuilds the alerts table, whose change_id may now be empty: an alert queued
    by an older panelwatch is still there, and still goes out once."""
    from sqlite_utils import Database

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m007_watch_events")
    payload = AlertPayload(
        id="panelwatch-change-1-rule-1", kind="verdict", url=URL, tool=None, tool_slug=None,
        reviewer=None, field="verdict", old="ship", new="skip", detected_at=T0,
        from_version=1, to_version=2,
    )  # fmt: skip
    when = "2026-11-01T09:00:00Z"
    old.execute(
        "INSERT INTO alert_rules (id, channel, kinds, created_at)"
        " VALUES (1, 'console', 'verdict', ?)",
        [when],
    )
    old.execute("INSERT INTO pages (id, url, kind, versions) VALUES (1, ?, 'comparison', 2)", [URL])
    old.execute(
        "INSERT INTO changes (id, page_id, url, kind, to_version, detected_at)"
        " VALUES (1, 1, ?, 'verdict', 2, ?)",
        [URL, when],
    )
    old.execute(
        "INSERT INTO alerts (rule_id, change_id, channel, status, created_at, next_attempt_at,"
        " payload) VALUES (1, 1, 'console', 'pending', ?, ?, ?)",
        [when, when, payload.model_dump_json()],
    )
    old.conn.commit()
    old.close()
    with Store.open(path) as upgraded:
        [alert] = upgraded.alerts()
        assert (alert.status, alert.payload) == ("pending", payload)
        assert rows(upgraded, "SELECT COUNT(*) FROM watch_events") == [(0,)]
        with pytest.raises(sqlite3.IntegrityError):  # still one alert per change and rule
            upgraded.db.execute(
                "INSERT INTO alerts (rule_id, change_id, channel, status, created_at, payload)"
                " VALUES (1, 1, 'console', 'pending', 'x', '{}')"
            )


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    """`run` and `check` started together on a database that does not exist yet: each
    creates its tables, or waits for the other to."""

    def open_and_close(path: Path) -> None:
        Store.open(path).close()

    for attempt in range(5):
        side_by_side(*[partial(open_and_close, tmp_path / f"new-{attempt}.db")] * 3)
    with Store.open(tmp_path / "new-0.db") as store:
        # each migration once
        assert rows(store, "SELECT COUNT(*), COUNT(DISTINCT name) FROM _sqlite_migrations") == [
            (len(migrations._migrations), len(migrations._migrations))
        ]


def test_a_check_stored_while_reparse_reads_is_kept(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`run` in another process may store a check while `reparse` is reading the stored
    pages. Reparse once rebuilt history from what it had read, dropping that check's
    version (its fetch row still named it), so the next check found the change again
    and alerted on it a second time."""
    import scraper.pipeline

    html = (PAGES / "seed-soup.html").read_bytes()
    store_body(store, URL, html, fetched_at=T0)
    edited = html.replace(b">72<", b">48<")
    real_parse = scraper.pipeline.parse
    other: list[Store] = []

    def parse_while_run_stores(body: bytes, url: str, **options: Any) -> ComparisonPage:
        if not other:  # `run`, elsewhere, stores a changed page now
            other.append(Store.open(tmp_path / "pw.db"))
            store_body(other[0], URL, edited, fetched_at=T0 + timedelta(hours=6))
            other[0].close()
        return real_parse(body, url, **options)

    monkeypatch.setattr(scraper.pipeline, "parse", parse_while_run_stores)
    assert reparse(store) == (2, 2)
    assert rows(store, "SELECT version, seen_at FROM snapshots") == [
        (1, "2026-11-01T09:00:00Z"),
        (2, "2026-11-01T15:00:00Z"),
    ]
    assert rows(store, "SELECT outcome, version FROM fetches ORDER BY id") == [
        ("new", 1),
        ("changed", 2),
    ]
    assert [c.kind for c in change_feed(store)] == ["page_added", "score"]


def test_reparse_relabels_the_checks_answered_304(store: Store) -> None:
    """An older parser misread a noisy copy of the page as a change (version 2); a 304
    followed. Reparse merges the two versions: the 304 saw version 1, which was last
    seen then, and the page's last check stays that 304's."""
    html = (PAGES / "seed-soup.html").read_bytes()
    store_body(store, URL, html, fetched_at=T0)
    misread = edit(seed(), lambda d: review(d, "Skeptic", MISTRAL).update(score=48))
    outcome = FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=6), status=200)
    assert store.record_check(outcome, record=misread, body=noisy(html, 1)).version == 2
    not_modified = FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=12), status=304)
    assert store.record_check(not_modified).version == 2
    # a page that did not parse, then a 304 to the validators of the last that did
    store_body(store, URL, b"<html><body>Oops</body></html>", fetched_at=T0 + timedelta(hours=18))
    again = FetchOutcome(url=URL, fetched_at=T0 + timedelta(hours=24), status=304)
    assert store.record_check(again).version == 2
    assert reparse(store) == (3, 1)
    assert rows(store, "SELECT outcome, version FROM fetches ORDER BY id") == [
        ("new", 1),
        ("unchanged", 1),
        ("not_modified", 1),
        ("failed", None),
        ("not_modified", 1),
    ]
    assert rows(store, "SELECT last_checked FROM pages") == [("2026-11-02T09:00:00Z",)]
    assert [v.last_seen for v in page_versions(store, URL)] == [T0 + timedelta(hours=24)]


def test_the_change_feed_stays_in_time_order_after_reparse(store: Store) -> None:
    """Reparse rebuilds one page at a time, so change ids follow pages, not time: the
    feed is in time order, and changes seen at one time in the order of their pages."""
    html = (PAGES / "seed-soup.html").read_bytes()
    other = URL.replace("mistral", "mixtral")
    store_body(store, URL, html, fetched_at=T0)
    store_body(store, other, html, fetched_at=T0 + timedelta(hours=1))
    # one round changes both pages at one time, the second page's check stored first
    edited = html.replace(b">72<", b">48<")
    store_body(store, other, edited, fetched_at=T0 + timedelta(hours=2))
    store_body(store, URL, edited, fetched_at=T0 + timedelta(hours=2))

    def feed(**only: Any) -> list[tuple[str, str, datetime]]:
        return [(c.url, c.kind, c.detected_at) for c in change_feed(store, **only)]

    before = feed(), feed(limit=2), list(export_rows(store, "changes")[1])
    assert [kind for _, kind, _ in before[0]] == ["page_added", "page_added", "score", "score"]
    reparse(store)
    after = feed(), feed(limit=2), list(export_rows(store, "changes")[1])
    assert after[:2] == before[:2]
    assert [row[1:] for row in after[2]] == [row[1:] for row in before[2]]


def test_a_rounds_changes_read_in_url_order_whichever_page_was_stored_first(
    store: Store,
) -> None:
    """A round's checks end in whatever order their fetches do, and the feed once
    followed it (the order pages were first stored): the same edits read differently
    from one run to the next, in the demo too."""
    html = (PAGES / "seed-soup.html").read_bytes()
    edited = html.replace(b">72<", b">48<")
    urls = [URL.replace("mistral", "mixtral"), URL]  # stored first, though later by URL
    for url in urls:
        store_body(store, url, html, fetched_at=T0)
    for url in urls:
        store_body(store, url, edited, fetched_at=T0 + timedelta(hours=1))
    assert [c.url for c in change_feed(store, kinds=("score",))] == sorted(urls)
    [entry] = grouped_feed(change_feed(store, kinds=("score",)))
    assert entry.urls == tuple(sorted(urls))
    exported = [row[2] for row in export_rows(store, "changes")[1] if row[3] == "score"]
    assert exported == sorted(urls)


def test_the_feed_limit_keeps_each_edit_with_all_its_pages(store: Store) -> None:
    """`changes --limit 1` once printed one page of an edit seen on two: the limit
    counted rows, so the feed said the edit was on fewer pages than it was."""
    html = (PAGES / "seed-soup.html").read_bytes()
    edited = html.replace(b">72<", b">48<")
    urls = [URL, URL.replace("mistral", "mixtral"), URL.replace("mistral", "magistral")]
    for url in urls:
        store_body(store, url, html, fetched_at=T0)
    store_body(store, urls[0], edited, fetched_at=T0 + timedelta(hours=1))
    for url in urls[1:]:  # the same edit, later on the other two pages: another edit
        store_body(store, url, edited, fetched_at=T0 + timedelta(hours=2))

    def latest(limit: int) -> list[tuple[str, str, int]]:
        found = change_feed(store, kinds=("score",), limit=limit)
        return [(c.url, c.kind, c.detected_at.hour) for c in found]

    later = sorted(urls[1:])  # a round's changes read in URL order
    assert latest(1) == [(later[0], "score", 11), (later[1], "score", 11)]
    assert latest(2) == [(urls[0], "score", 10), *latest(1)]
    assert latest(5) == latest(2)
    [entry] = grouped_feed(change_feed(store, limit=1))
    assert entry.urls == tuple(later)


def test_the_feed_groups_one_edit_seen_on_several_pages() -> None:
    t1, t2 = datetime(2026, 11, 1, 9, tzinfo=UTC), datetime(2026, 11, 1, 15, tzinfo=UTC)
    ids = iter(range(1, 100))

    def row(url: str, at: datetime, kind: str, slug: str, new: Any) -> StoredChange:
        return StoredChange(
            id=next(ids), url=url, kind=kind, field=kind, tool_slug=slug, tool=slug,  # type: ignore[arg-type]
            old=1, new=new, from_version=1, to_version=2, detected_at=at,
        )  # fmt: skip

    feed = [
        row("a", t1, "score", "x", 2), row("a", t1, "votes", "x", 5),
        row("b", t1, "pricing_text", "y", "Free"),
        row("c", t1, "score", "x", 2), row("c", t1, "votes", "x", 5),
        row("c", t1, "pricing_text", "y", "Free"),
        row("d", t1, "score", "x", 3),  # the same field, to another value: another edit
        row("a", t2, "score", "x", 2),  # the same, later: another time
    ]  # fmt: skip
    entries = grouped_feed(feed)
    assert [(e.detected_at, e.urls, [c.id for c in e.changes]) for e in entries] == [
        (t1, ("a", "c"), [1, 2]),
        (t1, ("b", "c"), [3]),
        (t1, ("d",), [7]),
        (t2, ("a",), [8]),
    ]
