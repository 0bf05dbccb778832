"""history, diff, changes, export, ingest and reparse on a real database, via the CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from in_process import panelwatch_in_process

from schemas import FeedEntry, StoredChange
from scraper.cli.atom import atom_feed
from scraper.cli.history import write_rows
from scraper.demo.server import DemoServer

PAGES = Path(__file__).parent / "fixtures" / "pages" / "comparison"
URL = "https://shiporskip.io/compare/claude-4-api-tool-use-streaming-prompt-caching-vs-mistral-medium-3-2"
CLAUDE = "claude-4-api-tool-use-streaming-prompt-caching"
NEW_PRICING = "API access via mistral.ai — pay-per-token; free tier for hobby projects"


def panelwatch(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return panelwatch_in_process(*args, env={"PANELWATCH_DB": str(db)})


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    path = folder / "pw.db"
    soup = (PAGES / "seed-soup.html").read_text()
    edited = soup.replace(">72<", ">48<").replace(
        "API access via mistral.ai — pay-per-token; enterprise pricing available on request",
        NEW_PRICING,
    )
    (folder / "v2.html").write_text(edited)
    steps = [
        (str(PAGES / "seed-soup.html"), "2026-11-01T09:00:00+00:00", "new"),
        (str(PAGES / "seed-semantic.html"), "2026-11-01T15:00:00+00:00", "unchanged"),
        (str(folder / "v2.html"), "2026-11-01T21:00:00+00:00", "changed"),
    ]
    for source, at, outcome in steps:
        done = panelwatch(path, "ingest", source, "--at", at)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"{outcome}: {URL}")
    return path


def test_history_lists_versions(db: Path) -> None:
    done = panelwatch(db, "history", URL)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].split()[:5] == ["1", "2026-11-01", "09:00:00Z", "2026-11-01", "15:00:00Z"]
    assert lines[2].split()[:2] == ["2", "2026-11-01"]
    assert len(lines) == 3


def test_show_prints_a_stored_version_as_parse_does(db: Path) -> None:
    first = panelwatch(db, "show", URL, "--version", "1", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == json.loads((PAGES / "seed-soup.json").read_text())
    latest = json.loads(panelwatch(db, "show", URL, "--json").stdout)
    assert latest["tools"][1]["pricing"]["text"] == NEW_PRICING
    readable = panelwatch(db, "show", URL)
    assert f"pricing (Paid): {NEW_PRICING}" in readable.stdout
    missing = panelwatch(db, "show", URL, "--version", "3")
    assert missing.returncode == 2
    assert f"no version 3; {URL} has 1..2" in missing.stderr


def test_diff_shows_fields_and_word_diff(db: Path) -> None:
    done = panelwatch(db, "diff", URL)
    assert done.returncode == 0, done.stderr
    assert "version 1 -> 2, 2 changes" in done.stdout
    assert "Mistral Medium 3.2 · Skeptic: 72 -> 48" in done.stdout
    # not a terminal: no colour codes, but the word-level markers
    assert (
        "[-enterprise pricing available on request-] {+free tier for hobby projects+}"
        in done.stdout
    )
    assert "\x1b[" not in done.stdout


def test_diff_from_nothing_counts_one_change_in_the_singular(db: Path) -> None:
    done = panelwatch(db, "diff", URL, "--from", "0", "--to", "1")
    assert done.returncode == 0, done.stderr
    assert f"{URL}: version 0 -> 1, 1 change\n" in done.stdout
    assert "page_added" in done.stdout


def test_changes_json_has_the_documented_fields(db: Path) -> None:
    done = panelwatch(db, "changes", "--kind", "pricing_text", "--json")
    assert done.returncode == 0, done.stderr
    [change] = json.loads(done.stdout)
    assert {k: change[k] for k in ("kind", "url", "tool", "reviewer", "field", "new")} == {
        "kind": "pricing_text",
        "url": URL,
        "tool": "Mistral Medium 3.2",
        "reviewer": None,
        "field": "pricing.text",
        "new": NEW_PRICING,
    }
    assert change["detected_at"] == "2026-11-01T21:00:00Z"


def test_changes_since_filters(db: Path) -> None:
    later = panelwatch(db, "changes", "--since", "2026-11-01T20:00", "--json")
    assert [c["kind"] for c in json.loads(later.stdout)] == ["pricing_text", "score"]
    bad = panelwatch(db, "changes", "--since", "yesterday-ish")
    assert bad.returncode == 2
    assert "expected an ISO date/time" in bad.stderr


OTHER = "https://shiporskip.io/compare/mistral-medium-3-2-vs-qwen3-coder"


@pytest.fixture(scope="module")
def two_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One tool on two pages, as the site shows it on every comparison it is in: the
    Skeptic's 72 -> 48 on both at once."""
    folder = tmp_path_factory.mktemp("two")
    db = folder / "pw.db"
    soup = (PAGES / "seed-soup.html").read_text()
    (folder / "v2.html").write_text(soup.replace(">72<", ">48<"))
    for path, at in ((PAGES / "seed-soup.html", "09:00"), (folder / "v2.html", "15:00")):
        for url in (URL, OTHER):
            at_time = f"2026-11-01T{at}:00+00:00"
            done = panelwatch(db, "ingest", str(path), "--url", url, "--at", at_time)
            assert done.returncode == 0, done.stderr
    return db


def test_one_edit_on_two_pages_reads_once_in_the_feed(two_pages: Path) -> None:
    """One edit was a change on each page, and the feed listed each, page after page."""
    feed = panelwatch(two_pages, "changes", "--kind", "score")
    assert feed.stdout.splitlines() == [
        f"2026-11-01 15:00:00Z  {URL}",
        f"                      {OTHER}",
        "    score                            Mistral Medium 3.2 · Skeptic: 72 -> 48",
    ]
    rows = json.loads(panelwatch(two_pages, "changes", "--kind", "score", "--json").stdout)
    assert [row["url"] for row in rows] == [URL, OTHER]  # --json: a row per page


ATOM = "{http://www.w3.org/2005/Atom}"


def atom_entries(db: Path) -> list[ElementTree.Element]:
    done = panelwatch(db, "changes", "--atom")
    assert done.returncode == 0, done.stderr
    feed = ElementTree.fromstring(done.stdout)
    assert feed.tag == f"{ATOM}feed"
    assert all(feed.findtext(f"{ATOM}{tag}") for tag in ("title", "id", "updated"))
    return feed.findall(f"{ATOM}entry")


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_export_is_written_row_by_row_as_one_list(count: int) -> None:
    """The JSON format held the whole dataset in memory to write it (212 MB for 50,000
    reviews of 1 KB); row by row, it must still read as json.dumps(rows, indent=2)."""
    columns = ["url", "score", "text", "to_version"]
    rows = [(URL, 88 - n, f'line one\nline "two" ({n}) é', None) for n in range(count)]
    out = io.StringIO()
    assert write_rows(out, "json", columns, iter(rows)) == count
    items = [dict(zip(columns, row, strict=True)) for row in rows]
    assert out.getvalue() == json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def test_an_atom_feed_leaves_out_characters_xml_cannot_hold() -> None:
    """A record stored by an earlier parser may keep a control character: written as
    it was, it made the whole feed unreadable to any XML parser."""
    change = StoredChange(
        id=1, url=URL, kind="pricing_text", field="pricing.text", tool="Mistral",
        tool_slug="mistral", old="$5\x01 a month", new="$9\x01 a month",
        from_version=1, to_version=2, detected_at=datetime(2026, 11, 1, tzinfo=UTC),
    )  # fmt: skip
    entry = FeedEntry(detected_at=change.detected_at, urls=(URL,), changes=[change])
    feed = atom_feed([entry], feed_id="urn:test", now=change.detected_at)
    content = ElementTree.fromstring(feed).findtext(f"{ATOM}entry/{ATOM}content")
    assert content is not None
    assert "pricing_text: Mistral: [-$5-] {+$9+} a month" in content


def test_changes_as_an_atom_feed_whose_ids_outlive_a_reparse(
    two_pages: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "pw.db"
    with closing(sqlite3.connect(two_pages)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    entries = atom_entries(copy)
    newest = entries[0]  # newest first, as feed readers list them
    assert newest.findtext(f"{ATOM}title") == "Mistral Medium 3.2 · Skeptic: score (2 pages)"
    assert newest.findtext(f"{ATOM}updated") == "2026-11-01T15:00:00Z"
    links = [(link.get("href"), link.get("rel")) for link in newest.findall(f"{ATOM}link")]
    assert links == [(URL, None), (OTHER, "related")]
    assert newest.findtext(f"{ATOM}content") == (
        f"score: Mistral Medium 3.2 · Skeptic: 72 -> 48\n\nSeen on:\n{URL}\n{OTHER}"
    )
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids) == 2  # the score's edit, and the pages first seen
    # reparse renumbers the changes; a feed reader must not see the same edits again
    assert panelwatch(copy, "reparse").returncode == 0
    assert [entry.findtext(f"{ATOM}id") for entry in atom_entries(copy)] == ids
    both = panelwatch(copy, "changes", "--atom", "--json")
    assert (both.returncode, "--json and --atom exclude each other" in both.stderr) == (2, True)


def test_export_per_tool(two_pages: Path) -> None:
    done = panelwatch(two_pages, "export", "reviews", "--per-tool", "--format", "json")
    assert done.returncode == 0, done.stderr
    skeptic = [
        (row["score"], row["pages"], row["status"])
        for row in json.loads(done.stdout)
        if (row["tool_slug"], row["reviewer"]) == ("mistral-medium-3-2", "Skeptic")
    ]
    assert skeptic == [(72, 2, "changed"), (48, 2, "current")]
    refused = panelwatch(two_pages, "export", "changes", "--per-tool")
    assert refused.returncode == 2
    assert "--per-tool is for the datasets of states, not for changes" in refused.stderr


def test_export_narrowed_to_a_tool_a_reviewer_a_page_or_what_shows_now(two_pages: Path) -> None:
    """A dataset of one tool's reviews took exporting everything and filtering it."""

    def exported(*options: str) -> list[dict[str, Any]]:
        done = panelwatch(two_pages, "export", *options, "--format", "json")
        assert done.returncode == 0, done.stderr
        rows: list[dict[str, Any]] = json.loads(done.stdout)
        return rows

    mistral = ("reviews", "--tool", "MISTRAL-medium-3-2", "--reviewer", "skeptic")
    assert [(r["url"], r["score"], r["status"]) for r in exported(*mistral)] == [
        (URL, 72, "changed"), (URL, 48, "current"), (OTHER, 72, "changed"), (OTHER, 48, "current"),
    ]  # fmt: skip
    on_one_page = exported(*mistral, "--url", OTHER, "--current")
    assert [(r["url"], r["score"]) for r in on_one_page] == [(OTHER, 48)]
    per_tool = exported(*mistral, "--per-tool", "--current")
    assert [(r["score"], r["pages"], r["status"]) for r in per_tool] == [(48, 2, "current")]
    by_name = exported("tools", "--tool", "Mistral Medium 3.2", "--per-tool")
    assert [(r["tool_slug"], r["pages"]) for r in by_name] == [("mistral-medium-3-2", 2)]
    assert exported("pricing", "--tool", "no-such-tool") == []
    for refused, why in (
        (("changes", "--current"), "--current is for the datasets of states, not for changes"),
        (
            ("panels", "--reviewer", "Skeptic"),
            "--reviewer is for reviews and changes, not for panels",
        ),
    ):
        done = panelwatch(two_pages, "export", *refused)
        assert (done.returncode, why in done.stderr) == (2, True), done.stderr


def test_changes_of_one_tool_or_reviewer(db: Path) -> None:
    def kinds(*options: str) -> list[str]:
        done = panelwatch(db, "changes", "--json", *options)
        assert done.returncode == 0, done.stderr
        return [change["kind"] for change in json.loads(done.stdout)]

    assert kinds("--reviewer", "SKEPTIC") == ["score"]
    assert kinds("--tool", "mistral medium 3.2") == ["pricing_text", "score"]
    assert kinds("--tool", "Mistral-Medium-3-2", "--kind", "score") == ["score"]
    assert kinds("--tool", CLAUDE) == []
    assert kinds("--reviewer", "Builder") == []


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_export_reviews(db: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"reviews.{fmt}"
    done = panelwatch(db, "export", "reviews", "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    if fmt == "csv":
        items = list(csv.DictReader(io.StringIO(text)))
    elif fmt == "jsonl":
        items = [json.loads(line) for line in text.splitlines()]
    else:
        items = json.loads(text)
    assert len(items) == 9  # 8 reviews + the Skeptic's new score
    skeptic = [i for i in items if i["reviewer"] == "Skeptic" and i["tool"] == "Mistral Medium 3.2"]
    assert [str(i["score"]) for i in skeptic] == ["72", "48"]
    assert skeptic[0]["last_seen"] == "2026-11-01T15:00:00Z"


def test_an_export_that_cannot_be_written_is_one_line_and_leaves_no_part(
    db: Path, tmp_path: Path
) -> None:
    """It was a FileNotFoundError traceback. A file is written whole or not at all: an
    export that fails part way leaves the file as it was, not a prefix of the rows."""
    with (
        closing(sqlite3.connect(db)) as shared,
        closing(sqlite3.connect(tmp_path / "pw.db")) as copy,
    ):
        shared.backup(copy)  # the fixture's database serves other tests
    db = tmp_path / "pw.db"
    missing = tmp_path / "missing" / "r.csv"
    done = panelwatch(db, "export", "reviews", "-o", str(missing))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"Error: cannot write {missing}: No such file or directory"]
    earlier = tmp_path / "r.csv"
    earlier.write_text("last week's export\n")
    with closing(sqlite3.connect(db)) as conn, conn:  # the last row to export cannot be read
        conn.execute(
            "UPDATE review_versions SET text = CAST(X'FF' AS TEXT)"
            " WHERE reviewer = 'Skeptic' AND from_version = 2"
        )
    done = panelwatch(db, "export", "reviews", "-o", str(earlier))
    assert done.returncode == 1, done.stdout
    assert done.stderr.startswith(f"panelwatch: StorageError: {db}: exporting reviews failed: ")
    assert len(done.stderr.splitlines()) == 1
    assert earlier.read_text() == "last week's export\n"
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("pw.db")] == ["r.csv"]


def test_an_export_read_in_part_ends_quietly(db: Path) -> None:
    """`panelwatch export reviews | head -1`: once the reader closes the pipe, nothing
    is printed ("Exception ignored in: <generator ...>", from a cursor closed after the
    database was, once did)."""
    exe = Path(sys.executable).parent / "panelwatch"
    env = {**os.environ, "PANELWATCH_DB": str(db)}
    with subprocess.Popen(
        [str(exe), "export", "reviews"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as reader:
        assert reader.stdout is not None
        assert reader.stderr is not None
        assert reader.stdout.readline().startswith(b"url,")
        reader.stdout.close()  # as `head -1` does
        assert reader.stderr.read() == b""
        assert reader.wait(timeout=30) in (0, 1)


def test_export_pricing_panels_and_votes_keep_each_state_with_its_dates(db: Path) -> None:
    def exported(dataset: str) -> list[dict[str, str]]:
        done = panelwatch(db, "export", dataset)
        assert done.returncode == 0, done.stderr
        return list(csv.DictReader(io.StringIO(done.stdout)))

    pricing = [row for row in exported("pricing") if row["tool"] == "Mistral Medium 3.2"]
    assert [(r["text"], r["first_seen"], r["last_seen"], r["status"]) for r in pricing] == [
        (
            "API access via mistral.ai — pay-per-token; enterprise pricing available on request",
            "2026-11-01T09:00:00Z",
            "2026-11-01T15:00:00Z",
            "changed",
        ),
        (NEW_PRICING, "2026-11-01T21:00:00Z", "2026-11-01T21:00:00Z", "current"),
    ]
    panels = exported("panels")
    assert [
        (r["tool_slug"], r["verdict"], r["ship"], r["skip"], r["ship_pct"]) for r in panels
    ] == [
        (CLAUDE, "ship", "4", "0", "100"),
        ("mistral-medium-3-2", "ship", "3", "1", "75"),
    ]
    votes = exported("votes")
    assert [(r["tool_slug"], r["text"], r["ship_pct"], r["total"]) for r in votes] == [
        (CLAUDE, "No community votes yet", "", ""),
        ("mistral-medium-3-2", "No community votes yet", "", ""),
    ]


def test_reparse_rebuilds_the_same_history(db: Path) -> None:
    before = panelwatch(db, "changes", "--json").stdout
    done = panelwatch(db, "reparse")
    assert done.returncode == 0, done.stderr
    assert "re-read 3 stored pages into 2 versions" in done.stdout
    after = json.loads(panelwatch(db, "changes", "--json").stdout)
    strip = [{k: v for k, v in c.items() if k != "id"} for c in after]
    assert strip == [{k: v for k, v in c.items() if k != "id"} for c in json.loads(before)]


def test_reparse_keeps_the_alerts_and_sends_none_again(tmp_path: Path) -> None:
    """Reparse, after a parser update, once failed on any database with alerts (their
    rows point at the changes it rebuilds: "FOREIGN KEY constraint failed"). Rebuilding
    the changes must not queue their alerts a second time either: they went out when
    the changes were seen."""
    db = tmp_path / "pw.db"
    soup = (PAGES / "seed-soup.html").read_text()
    (tmp_path / "v2.html").write_text(soup.replace(">72<", ">48<"))
    panelwatch(db, "ingest", str(PAGES / "seed-soup.html"), "--at", "2026-11-01T09:00:00+00:00")
    assert panelwatch(db, "alert", "add", "console", "--kind", "score").returncode == 0
    panelwatch(db, "ingest", str(tmp_path / "v2.html"), "--at", "2026-11-01T15:00:00+00:00")
    # a rule added later, which the first score change did not alert
    assert panelwatch(db, "alert", "add", "console", "--kind", "page_added").returncode == 0
    before = panelwatch(db, "alerts").stdout
    assert before.count("score: Mistral Medium 3.2 · Skeptic: 72 -> 48") == 1
    done = panelwatch(db, "reparse")
    assert done.returncode == 0, done.stderr
    assert "re-read 2 stored pages into 2 versions" in done.stdout
    assert panelwatch(db, "alerts").stdout == before


def test_a_save_older_than_the_last_check_is_read_into_its_place(tmp_path: Path) -> None:
    """A save from before the page's last check (from an archive, once watching began)
    was refused: "ingest a page's saves oldest first", which no later save can be. It
    now takes its place in time: the history is rebuilt around it, nothing is alerted,
    and a second save of the same state only extends it."""
    db = tmp_path / "pw.db"
    soup = (PAGES / "seed-soup.html").read_text()
    (tmp_path / "then.html").write_text(soup.replace(">72<", ">48<"))
    assert panelwatch(db, "alert", "add", "console", "--kind", "score").returncode == 0
    panelwatch(db, "ingest", str(PAGES / "seed-soup.html"), "--at", "2026-11-01T15:00:00Z")
    then = panelwatch(db, "ingest", str(tmp_path / "then.html"), "--at", "2026-11-01T09:00:00Z")
    assert then.returncode == 0, then.stderr
    assert then.stdout.splitlines()[0] == (
        f"new: {URL} (version 1); seen before the page's last check (at 2026-11-01"
        " 15:00:00Z): its history is rebuilt around it, and nothing is alerted"
    )
    again = panelwatch(db, "ingest", str(tmp_path / "then.html"), "--at", "2026-11-01T10:00:00Z")
    assert again.stdout.startswith(f"unchanged: {URL} (version 1);")
    history = panelwatch(db, "history", URL).stdout.splitlines()[1:]
    assert [line.split()[:5] for line in history] == [
        ["1", "2026-11-01", "09:00:00Z", "2026-11-01", "10:00:00Z"],
        ["2", "2026-11-01", "15:00:00Z", "2026-11-01", "15:00:00Z"],
    ]
    changes = panelwatch(db, "changes", "--kind", "score").stdout
    assert "2026-11-01 15:00:00Z" in changes
    assert "Mistral Medium 3.2 · Skeptic: 48 -> 72" in changes
    assert panelwatch(db, "alerts").stdout == "no alerts\n"
    same_time = panelwatch(db, "ingest", str(PAGES / "seed-semantic.html"), "--at",
                           "2026-11-01T15:00:00+00:00")  # fmt: skip
    assert same_time.stdout.startswith(f"unchanged: {URL} (version 2)\n"), same_time.stderr


def wayback_copy(html: str, taken: str) -> str:
    """A page as the Wayback Machine serves its copy: every address rewritten to point
    into the archive, and the archive's own banner at the top of the body."""
    archive = f"https://web.archive.org/web/{taken}/"
    html = re.sub(r"href='(https?://[^']*)'", lambda m: f"href='{archive}{m[1]}'", html)
    html = re.sub(
        r"href='(/[^']*)'", lambda m: f"href='/web/{taken}/https://shiporskip.io{m[1]}'", html
    )
    banner = (
        "<div id='archive-banner'><p>Archived copy of a page, taken at a past time</p>"
        "<script>archive.banner()</script></div>"
    )
    return re.sub(r"(<body[^>]*>)", lambda m: m[1] + banner, html, count=1)


def test_a_wayback_machine_copy_is_a_check_of_the_page_it_copies(tmp_path: Path) -> None:
    """History from before watching began is often only in the Internet Archive. A copy
    from there was stored as a page of web.archive.org, seen when it was ingested."""
    db = tmp_path / "pw.db"
    soup = (PAGES / "seed-soup.html").read_text()
    (tmp_path / "copy.html").write_text(wayback_copy(soup, "20260501123456"))
    parsed = json.loads(panelwatch(db, "parse", str(tmp_path / "copy.html"), "--json").stdout)
    assert parsed["url"] == URL
    assert [t["slug"] for t in parsed["tools"]] == [CLAUDE, "mistral-medium-3-2"]
    done = panelwatch(db, "ingest", str(tmp_path / "copy.html"))
    assert done.stdout.startswith(f"new: {URL} (version 1)\n"), done.stderr
    # an archive address given for a saved file: its time, unless --at says otherwise
    later = soup.replace(">72<", ">48<")
    (tmp_path / "later.html").write_text(later)
    archived = f"https://web.archive.org/web/20260601000000id_/{URL}"
    assert panelwatch(db, "ingest", str(tmp_path / "later.html"), "--url", archived).returncode == 0
    told = panelwatch(
        db, "ingest", str(tmp_path / "copy.html"), "--url", archived, "--at", "2026-07-01"
    )
    assert told.stdout.startswith(f"changed: {URL} (version 3)\n"), told.stderr
    history = panelwatch(db, "history", URL).stdout.splitlines()[1:]
    assert [line.split()[1:3] for line in history] == [
        ["2026-05-01", "12:34:56Z"],
        ["2026-06-01", "00:00:00Z"],
        ["2026-07-01", "00:00:00Z"],
    ]


def test_backfill_reads_a_pages_copies_from_the_archive(
    replica: DemoServer, tmp_path: Path
) -> None:
    db = tmp_path / "pw.db"
    url = replica.url + "/compare/lumen-sql-vs-quillmate-drafts"
    replica.site.archive_copies()
    replica.site.tick()
    replica.site.archive_copies()
    done = panelwatch(db, "backfill", url, "--archive", replica.url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "2026-11-01 09:00:00Z  new (version 1)",
        "2026-11-01 15:00:00Z  changed (version 2)",
        f"2 copies of {url} in {replica.url}: 2 new versions, 0 unchanged, 0 failed, 0 read before",
    ]
    since = panelwatch(
        db, "backfill", url, "--archive", replica.url, "--since", "2026-11-01T12:00Z"
    )
    assert since.stdout.splitlines()[0] == "2026-11-01 15:00:00Z  read before"
    other = f"{replica.url}/compare/nothing-vs-kept"
    none = panelwatch(db, "backfill", other, "--archive", replica.url)
    assert none.stdout == f"the archive has no copies of {other}\n"
    away = panelwatch(db, "backfill", url, "--archive", "http://127.0.0.1:9")  # nothing there
    assert away.returncode == 1
    assert "http://127.0.0.1:9/" in away.stderr
    assert "could not connect" in away.stderr


def test_reading_commands_need_a_database(tmp_path: Path) -> None:
    done = panelwatch(tmp_path / "none.db", "changes")
    assert done.returncode == 1
    assert "no database at" in done.stderr


def test_global_db_option_beats_the_environment(db: Path, tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "panelwatch"
    env = {**os.environ, "PANELWATCH_DB": str(tmp_path / "elsewhere.db")}
    done = subprocess.run(
        [str(exe), "--db", str(db), "history", URL],
        capture_output=True, text=True, timeout=60, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
