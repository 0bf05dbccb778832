"""add / list / remove / check / run / demo against the replica: `run` and `demo` in a
process of their own, as a user starts them; the others in this one (tests/in_process.py)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from in_process import panelwatch_in_process

from db import Store
from schemas import CheckResult, RoundReport, Watch
from scraper.cli.render import problems
from scraper.demo.server import DemoServer
from scraper.demo.site import PRIVATE_PATH, DemoSite
from scraper.schedule import cron_trigger, overloaded_hosts, single_runner
from scraper.settings import FetchSettings

EXE = str(Path(sys.executable).parent / "panelwatch")


def panelwatch(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return panelwatch_in_process("--db", str(db), *args)


def python(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a Python process of its own: signals there hit no test runner."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )


def hits(replica: DemoServer, path: str) -> list[int]:
    return [hit.status for hit in replica.site.hits if hit.path == path]


@contextmanager
def running(db: Path) -> Iterator[subprocess.Popen[str]]:
    """`panelwatch run` in a process of its own, killed if a test leaves it running."""
    runner = subprocess.Popen(
        [EXE, "--db", str(db), "run", "--resync", "0.3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield runner
    finally:
        if runner.poll() is None:
            os.kill(runner.pid, signal.SIGKILL)
            runner.communicate()


def stop(runner: subprocess.Popen[str]) -> str:
    """SIGTERM, as a service manager sends it; `run` must exit cleanly. Returns stdout."""
    runner.send_signal(signal.SIGTERM)
    out, err = runner.communicate(timeout=30)
    assert runner.returncode == 0, err
    return out


def test_add_discover_list_remove(replica: DemoServer, tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    done = panelwatch(db, "add", replica.url + "/sitemap.xml", "--discover", "--every", "12h")
    assert done.returncode == 0, done.stderr
    assert "discovered 5 new comparison pages" in done.stdout
    listing = panelwatch(db, "list").stdout
    assert listing.count("every 12h") == 6
    assert "(discovery)" in listing
    assert "never checked" in listing
    page = replica.url + replica.site.compare_paths()[0]
    assert panelwatch(db, "remove", page).returncode == 0
    assert page not in panelwatch(db, "list").stdout
    missing = panelwatch(db, "remove", page)
    assert (missing.returncode, "not watching" in missing.stderr) == (1, True)
    other = replica.url + replica.site.compare_paths()[1]
    for _ in range(2):  # new, then a 304
        assert panelwatch(db, "check", other).returncode == 0
    state = panelwatch(db, "list").stdout.partition(other + "\n")[2].splitlines()[0]
    assert "(unchanged, 304);" in state  # not "(not_modified)"


def test_list_failing_as_json_for_monitoring(replica: DemoServer, tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    good, bad = (replica.url + path for path in replica.site.compare_paths()[:2])
    for page in (good, bad):
        panelwatch(db, "add", page)
    replica.site.fault(bad.removeprefix(replica.url), "500", times=None)
    for _ in range(3):
        panelwatch(db, "check", "--all")
    failing_only = panelwatch(db, "list", "--failing").stdout.splitlines()
    assert (failing_only[0], failing_only[-1]) == (bad, "1 failing watch of 2")
    assert panelwatch(db, "list").stdout.splitlines()[-1] == "2 watches: 1 failing, 0 never checked"
    [failing] = json.loads(panelwatch(db, "list", "--failing", "--json").stdout)
    assert (failing["url"], failing["failing"], failing["consecutive_failures"]) == (bad, True, 3)
    assert failing["last_error"] == f"{bad}: HTTP 500"
    watches = json.loads(panelwatch(db, "list", "--json").stdout)
    assert [(w["url"], w["last_outcome"]) for w in watches] == [
        (good, "not_modified"),
        (bad, "failed"),
    ]
    replica.site.clear_faults()
    replica.site.fault(good.removeprefix(replica.url), "redirect", to=bad)  # a 301
    panelwatch(db, "check", good)
    assert f"moved for good to {bad}" in panelwatch(db, "list").stdout


def test_one_address_spelt_two_ways_is_one_watch(replica: DemoServer, tmp_path: Path) -> None:
    """A page added as "HTTP://127.0.0.1:PORT/compare/…#top" and discovered as
    "http://127.0.0.1:PORT/compare/…" was watched, fetched and stored twice."""
    db = tmp_path / "pw.db"
    page = replica.url + replica.site.compare_paths()[0]
    shouting = page.replace("http://", "HTTP://") + "#top"
    assert panelwatch(db, "add", shouting).stdout.strip() == f"watching {page}"
    panelwatch(db, "add", replica.url + "/sitemap.xml", "--discover")
    listing = panelwatch(db, "list").stdout
    assert listing.count(page + "\n") == 1
    assert "#top" not in listing
    panelwatch(db, "check", shouting)
    assert panelwatch(db, "history", shouting).returncode == 0
    assert panelwatch(db, "remove", shouting).returncode == 0
    assert page not in panelwatch(db, "list").stdout


def test_an_address_is_spelt_as_it_is_sent(tmp_path: Path) -> None:
    """A space or a non-ASCII letter in the path, or a host's non-ASCII name, goes out
    percent-encoded or in IDNA form: the two spellings were two watches of one page. A
    port beyond 65535 was watched, and failed at every check."""
    db = tmp_path / "pw.db"
    spelt = {
        "https://example.org/compare/a vs b": "https://example.org/compare/a%20vs%20b",
        "https://exämple.org/compare/ä-vs-b?q=x y": (
            "https://xn--exmple-cua.org/compare/%C3%A4-vs-b?q=x%20y"
        ),
    }
    for shown, sent in spelt.items():
        assert panelwatch(db, "add", shown, sent).stdout.splitlines() == [f"watching {sent}"]
    assert panelwatch(db, "list").stdout.endswith("2 watches: 0 failing, 2 never checked\n")
    far = panelwatch(db, "add", "https://example.org:99999/compare/a-vs-b")
    assert far.returncode == 1
    assert "expected a port number from 0 to 65535" in far.stderr
    # A watch added before addresses were encoded kept its spelling, and no spelling
    # removed it: the one typed was encoded, and matched nothing.
    old = "https://example.net/compare/c vs d"
    with Store.open(db) as store:
        store.add_watch(old, now=datetime.now(UTC))
    assert old in panelwatch(db, "list").stdout
    gone = panelwatch(db, "remove", old)
    assert (gone.returncode, gone.stdout) == (0, f"removed {old}\n"), gone.stderr
    assert panelwatch(db, "list").stdout.endswith("2 watches: 0 failing, 2 never checked\n")


def test_a_watch_kept_in_its_old_spelling_is_found_by_it(
    replica: DemoServer, tmp_path: Path
) -> None:
    """Only `remove` tried the spelling a watch added before a9d1344 kept. `check` of it
    stored a second page under the encoded address, `add` made a second watch, and
    `history` and `show` found nothing."""
    db = tmp_path / "pw.db"
    old = replica.url + replica.site.compare_paths()[0] + "?ref=weekly mail"
    encoded = old.replace(" ", "%20")
    with Store.open(db) as store:
        store.add_watch(old, now=datetime.now(UTC))
    checked = panelwatch(db, "check", old)
    assert checked.returncode == 0, checked.stderr
    assert "1 new" in checked.stdout
    again = panelwatch(db, "add", old, "--every", "1h")
    assert again.stdout == f"updated {old} (every 1h)\n", again.stderr
    assert panelwatch(db, "history", old).stdout.count("\n") == 2  # a heading and version 1
    assert panelwatch(db, "show", old, "--json").returncode == 0
    with Store.open(db) as store:
        (watch,) = store.watches()
        assert (watch.url, watch.last_outcome, watch.every_seconds) == (old, "new", 3600)
        assert not store.knows_address(encoded)
    # The encoded spelling is the old one's page until it is a page of its own.
    assert panelwatch(db, "history", encoded).returncode == 0
    assert panelwatch(db, "remove", encoded).stdout == f"removed {old}\n"


def test_adding_again_changes_only_what_it_names(replica: DemoServer, tmp_path: Path) -> None:
    """`add URL` on a watched URL reset what it did not name: the schedule to 6h, and
    a sitemap's discovery off (it was then fetched as a comparison page, and failed).
    Each re-discovery also put the pages it found back on the sitemap's schedule, undoing
    a page set to be checked more often."""
    db = tmp_path / "pw.db"
    sitemap = replica.url + "/sitemap.xml"
    mine, other = (replica.url + path for path in replica.site.compare_paths()[:2])

    def schedules() -> dict[str, tuple[int | None, bool]]:
        watches = json.loads(panelwatch(db, "list", "--json").stdout)
        return {w["url"]: (w["every_seconds"], w["discover"]) for w in watches}

    panelwatch(db, "add", sitemap, "--discover", "--every", "12h")
    assert panelwatch(db, "add", mine, "--every", "1h").stdout == f"updated {mine} (every 1h)\n"
    assert panelwatch(db, "add", mine).stdout == f"already watching {mine} (every 1h)\n"
    again = panelwatch(db, "add", sitemap).stdout
    assert again == f"already watching {sitemap} (every 12h, discovery)\n"
    assert panelwatch(db, "check", "--all").returncode == 0  # discovers again
    assert (schedules()[mine], schedules()[other]) == ((3600, False), (43200, False))
    # the pages a sitemap found follow its schedule; a page given its own keeps it
    panelwatch(db, "add", sitemap, "--every", "6h")
    found = schedules()
    assert (found[sitemap], found[mine], found[other]) == (
        (21600, True),
        (3600, False),
        (21600, False),
    )
    panelwatch(db, "add", sitemap, "--no-discover")
    assert schedules()[sitemap] == (21600, False)


def test_add_and_remove_take_several_urls(replica: DemoServer, tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    pages = [replica.url + path for path in replica.site.compare_paths()[:3]]
    done = panelwatch(db, "add", *pages, pages[0], "--every", "12h")  # one given twice
    assert done.stdout.splitlines() == [f"watching {page}" for page in pages], done.stderr
    again = panelwatch(db, "add", pages[0], pages[1], "--every", "1h").stdout.splitlines()
    assert again == [f"updated {page} (every 1h)" for page in pages[:2]]
    # one address that is not http(s) adds none of them
    refused = panelwatch(db, "add", replica.url + "/compare/x-vs-y", "ftp://example.test/a")
    assert refused.returncode == 1
    assert "ftp://example.test/a: expected an http:// or https:// URL" in refused.stderr
    watched = [w["url"] for w in json.loads(panelwatch(db, "list", "--json").stdout)]
    assert sorted(watched) == sorted(pages)
    # discovery from two sources at once
    sources = [replica.url + "/sitemap.xml", replica.url + "/"]
    found = panelwatch(db, "add", *sources, "--discover").stdout.splitlines()
    assert found[0] == "discovered 2 new comparison pages from 2 sources"
    gone = panelwatch(db, "remove", pages[0], "https://example.test/compare/a-vs-b", pages[1])
    assert gone.stdout.splitlines() == [f"removed {pages[0]}", f"removed {pages[1]}"]
    assert (gone.returncode, gone.stderr.strip()) == (
        1,
        "Error: not watching https://example.test/compare/a-vs-b",
    )


def test_add_says_when_an_address_is_no_comparison_page(tmp_path: Path) -> None:
    """A sitemap added without --discover, or a tool's page, was watched as a comparison
    page without a word, and failed at every check."""
    db = tmp_path / "pw.db"
    site = "https://example.test"
    notes = {
        "/sitemap.xml": "a sitemap or robots.txt is read as a page; `--discover` watches",
        "/tool/lumen-sql": "not a comparison page's address (/compare/A-vs-B)",
        "/compare/a-vs-b": None,
    }
    for path, note in notes.items():
        added = panelwatch(db, "add", site + path)
        assert (added.returncode, added.stdout) == (0, f"watching {site}{path}\n")
        if note is None:
            assert added.stderr == ""
        else:
            assert added.stderr.startswith(f"note: {site}{path}: {note}")
    # said when a watch is made, not again, nor for a discovery source
    assert panelwatch(db, "add", site + "/tool/lumen-sql", "--every", "1h").stderr == ""
    assert panelwatch(db, "add", site + "/tool/other", "--no-discover").stderr != ""


def test_add_rejects_bad_schedules(tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    url = "https://example.test/compare/a-vs-b"
    assert panelwatch(db, "add", url, "--every", "soon").returncode == 2
    assert panelwatch(db, "add", url, "--every", "1h", "--cron", "0 * * * *").returncode == 2
    bad_cron = panelwatch(db, "add", url, "--cron", "every day")
    assert bad_cron.returncode == 1
    assert "bad cron" in bad_cron.stderr
    assert panelwatch(db, "add", "ftp://example.test/x").returncode == 1


@pytest.mark.parametrize(
    ("cron", "fires"),
    [
        # cron numbers weekdays from Sunday; APScheduler from Monday, and "0 9 * * 1"
        # ran on Tuesdays, "1-5" from Tuesday to Saturday, and 7 (Sunday) was refused
        ("0 9 * * 1", ["Mon 11-30 09:00", "Mon 12-07 09:00", "Mon 12-14 09:00"]),
        ("0 9 * * 1-5", ["Mon 11-30 09:00", "Tue 12-01 09:00", "Wed 12-02 09:00"]),
        ("0 9 * * 0,7", ["Sun 11-29 09:00", "Sun 12-06 09:00", "Sun 12-13 09:00"]),
        ("30 18 * * */3", ["Sat 11-28 18:30", "Sun 11-29 18:30", "Wed 12-02 18:30"]),
        # both days restricted: either one, as cron runs it (APScheduler asked for both)
        ("0 9 1 * mon", ["Mon 11-30 09:00", "Tue 12-01 09:00", "Mon 12-07 09:00"]),
        ("@weekly", ["Sun 11-29 00:00", "Sun 12-06 00:00", "Sun 12-13 00:00"]),
    ],
)
def test_a_cron_schedule_fires_when_cron_would(cron: str, fires: list[str]) -> None:
    trigger = cron_trigger("https://example.test/compare/a-vs-b", cron)
    moment, seen = datetime(2026, 11, 28, 12, 0, tzinfo=UTC), []  # a Saturday
    for _ in fires:
        moment = trigger.get_next_fire_time(None, moment)
        seen.append(moment.strftime("%a %m-%d %H:%M"))
        moment += timedelta(seconds=1)
    assert seen == fires


def test_more_watches_on_a_host_than_its_spacing_keeps_on_time_are_named(
    tmp_path: Path,
) -> None:
    """A big sitemap on a schedule the host's spacing cannot keep: each page was simply
    checked less often than asked, and nothing said so."""
    db = tmp_path / "pw.db"
    for i in range(3):
        done = panelwatch(db, "add", f"https://big.test/compare/a{i}-vs-b", "--every", "6h")
        assert "note:" not in done.stderr
    # 100 watches every minute ask for a request every 0.6 s; a host gets one every 2 s
    store = Store.open(db)
    for i in range(100):
        store.add_watch(
            f"https://big.test/compare/x{i}-vs-y", now=datetime.now(UTC), every_seconds=60
        )
    store.close()
    listed = panelwatch(db, "list")
    assert listed.returncode == 0
    [note] = listed.stderr.splitlines()
    assert note.startswith("note: big.test: its 103 watches together ask for a request every 0.6 s")
    assert "each is checked about 3.3x less often than its schedule says" in note
    added = panelwatch(db, "add", "https://small.test/compare/c-vs-d", "--cron", "*/5 * * * *")
    assert added.stderr.count("note:") == 1  # big.test still; one page of small.test keeps time


def test_check_names_a_host_that_cannot_keep_time(replica: DemoServer, tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    with Store.open(db) as store:
        for i in range(100):
            url = f"https://big.test/compare/x{i}-vs-y"
            store.add_watch(url, now=datetime.now(UTC), every_seconds=60)
    page = replica.url + replica.site.compare_paths()[0]
    done = panelwatch(db, "check", page)  # a named page: nothing of big.test is fetched
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("checked 1: 1 new")
    assert done.stderr.startswith("note: big.test: its 100 watches together ask for")
    quiet = panelwatch(db, "check", "--quiet", page)  # a standing note, not news for cron
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_schedules_a_host_can_keep_are_not_named() -> None:
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)

    def watch(url: str, **schedule: object) -> Watch:
        return Watch(url=url, added_at=now, **schedule)  # type: ignore[arg-type]

    polite = FetchSettings()
    # 3,000 pages every 2 h at one request every 2 s take 100 minutes: on time
    fits = [watch(f"https://s.test/compare/p{i}", every_seconds=7200) for i in range(3000)]
    assert overloaded_hosts(fits, polite, now) == []
    # a cron every 10 minutes is a period of 600 s: 301 of them do not fit
    crons = [watch(f"https://c.test/compare/p{i}", cron="*/10 * * * *") for i in range(301)]
    [load] = overloaded_hosts(crons, polite, now)
    assert (load.host, load.watches) == ("c.test", 301)
    # the demo's replica: no spacing, never named
    local = [watch(f"http://127.0.0.1:8000/compare/p{i}", every_seconds=60) for i in range(500)]
    assert overloaded_hosts(local, polite, now) == []


def test_a_crawl_delay_kept_from_robots_txt_counts_in_the_load_note(tmp_path: Path) -> None:
    """The note on a host's load counted only our spacing of 2 s. 200 pages every hour
    fit in that, but a robots.txt's Crawl-delay of 30 s spaces them 30 s apart: they
    are checked every 1.7 h, and nothing said so."""
    db = tmp_path / "pw.db"
    added = datetime.now(UTC)
    with Store.open(db) as store:
        for i in range(200):
            store.add_watch(f"https://slow.test/compare/p{i}-vs-q", now=added, every_seconds=3600)
        store.add_watch("https://other.test/compare/a-vs-b", now=added)
        assert "note:" not in panelwatch(db, "list").stderr  # nothing kept: 2 s, which fits
        robots = "User-agent: *\nCrawl-delay: 30\n"
        # Kept a week ago and expired since: a site seldom changes its delay.
        store.keep_robots("https://slow.test", 200, robots, until=time.time() - 7 * 86400)
        store.keep_robots("https://other.test", 200, robots, until=time.time() + 86400)
    listed = panelwatch(db, "list")
    assert listed.stderr == (
        "note: slow.test: its 200 watches together ask for a request every 18.0 s, but it"
        " gets one every 30 s at most (its robots.txt's Crawl-delay), so each is checked"
        " about 1.7x less often than its schedule says; longer schedules (`panelwatch add"
        " URL --every 24h`) or fewer pages keep to them\n"
    )
    behind = [
        Watch(url=f"https://fast.test/compare/p{i}", added_at=added, every_seconds=60)
        for i in range(40)
    ]
    [load] = overloaded_hosts(behind, FetchSettings(), added, {"fast.test": 1.0})
    assert (load.spacing, load.by_robots) == (2.0, False)  # ours is the longer


def test_check_runs_due_watches_and_summarises(replica: DemoServer, tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    panelwatch(db, "add", replica.url + "/sitemap.xml", "--discover")
    done = panelwatch(db, "check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "checked 5: 5 new, 0 changed, 0 unchanged, 0 failed, 0 skipped"
    # nothing is due an instant later; --all checks anyway
    assert panelwatch(db, "check").stdout.strip().startswith("checked 0:")
    again = panelwatch(db, "check", "--all")  # the sitemap too: a round that discovers
    assert again.stdout.strip() == (
        "found 0 new pages; checked 5: 0 new, 0 changed, 5 unchanged, 0 failed, 0 skipped"
    )
    replica.site.tick()
    replica.site.tick()  # a comparison is added
    assert panelwatch(db, "check", "--all").stdout.startswith("found 1 new page; checked 6: 1 new")


def test_a_discovery_source_keeps_its_schedule_and_its_failures(
    replica: DemoServer, tmp_path: Path
) -> None:
    """A sitemap watch was never marked checked: every `check` of due watches fetched it
    again whatever its schedule, `list` said "never checked", and a sitemap that failed
    for ever was never marked failing."""
    db = tmp_path / "pw.db"
    sitemap = replica.url + "/sitemap.xml"
    panelwatch(db, "add", sitemap, "--discover", "--every", "12h")
    assert len(hits(replica, "/sitemap.xml")) == 1
    assert panelwatch(db, "check").stdout.startswith("checked 5:")
    assert panelwatch(db, "check").stdout.startswith("checked 0:")
    assert len(hits(replica, "/sitemap.xml")) == 1  # discovered by `add`, not due for 12 hours
    source = panelwatch(db, "list").stdout.partition(sitemap)[2].split("\n")[1]
    assert "never checked" not in source
    assert "(discovered)" in source
    replica.site.fault("/sitemap.xml", "404", times=None)
    try:
        for _ in range(3):
            panelwatch(db, "check", "--all")
    finally:
        replica.site.clear_faults()
    listing = panelwatch(db, "list").stdout.partition(sitemap)[2]
    assert "(FAILING)" in listing.split("\n")[1]
    assert "3 failures in a row" in listing.split("\n")[1]
    assert "404" in listing.split("\n")[2]
    panelwatch(db, "check", "--all")  # recovered
    source = panelwatch(db, "list").stdout.partition(sitemap)[2].split("\n")[1]
    assert "(discovered)" in source
    assert "0 failures in a row" in source


def test_check_fails_only_when_every_fetch_failed(replica: DemoServer, tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    good, bad = (replica.url + p for p in replica.site.compare_paths()[:2])
    replica.site.fault(replica.site.compare_paths()[1], "404", times=None)
    some = panelwatch(db, "check", good, bad)
    assert some.returncode == 0
    assert "1 failed" in some.stdout
    assert some.stderr.splitlines() == [f"  {bad}: HTTP 404"]  # which page, and why
    every = panelwatch(db, "check", bad)
    assert every.returncode == 1
    assert every.stderr.splitlines() == [f"  {bad}: HTTP 404", "Error: every fetch failed"]
    replica.site.clear_faults()


def test_check_quiet_prints_only_what_went_wrong(replica: DemoServer, tmp_path: Path) -> None:
    """cron mails whatever a job prints: a round that went well printed its summary
    and the alerts' tally every time."""
    db = tmp_path / "pw.db"
    good, bad = (replica.url + p for p in replica.site.compare_paths()[:2])
    assert panelwatch(db, "alert", "add", "console").returncode == 0
    first = panelwatch(db, "check", "-q", good)
    assert (first.returncode, first.stdout, first.stderr) == (0, "", "")
    replica.site.tick()  # the Skeptic flips Quillmate on this page: an alert, printed
    replica.site.fault(replica.site.compare_paths()[1], "404", times=None)
    done = panelwatch(db, "check", "--quiet", good, bad)
    assert done.returncode == 0
    assert done.stderr.splitlines() == [f"  {bad}: HTTP 404"]
    assert "verdict: Quillmate · Skeptic: 'ship' -> 'skip'" in done.stdout
    assert "checked 2" not in done.stdout
    assert "alerts:" not in done.stdout
    replica.site.clear_faults()


def test_check_quiet_says_a_page_is_skipped_once_not_every_round(
    replica: DemoServer, tmp_path: Path
) -> None:
    """A page robots.txt keeps us from stays skipped until the site or the watch
    changes: a quiet round said so every time, and cron mailed it every time."""
    db = tmp_path / "pw.db"
    private = replica.url + PRIVATE_PATH
    assert panelwatch(db, "add", private, "--every", "1s").returncode == 0
    said = f"  {private}: disallowed by the site's robots.txt"
    first = panelwatch(db, "check", "-q", "--all")
    assert (first.returncode, first.stdout, first.stderr.splitlines()) == (0, "", [said])
    again = panelwatch(db, "check", "-q", "--all")
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    loud = panelwatch(db, "check", "--all")  # without --quiet, every round says it
    assert loud.stderr.splitlines() == [said]


def test_run_says_what_a_discovery_source_found_and_how_its_check_went(
    replica: DemoServer, tmp_path: Path
) -> None:
    """A sitemap re-read under `run` logged a round's summary, "found 0 new pages;
    checked 0: 0 new, 0 changed, 0 unchanged, 0 failed, 0 skipped"."""
    db = tmp_path / "run.db"
    sitemap = replica.url + "/sitemap.xml"
    assert panelwatch(db, "add", sitemap, "--discover", "--every", "1s").returncode == 0
    known = set(replica.site.compare_paths())
    replica.site.tick()
    replica.site.tick()  # a comparison is added
    [added] = set(replica.site.compare_paths()) - known
    with running(db) as runner:
        wait_for(db, replica.url + added)
        out = stop(runner)
    assert f"{sitemap}: found 1 new page\n" in out
    assert f"{replica.url + added}: new, version 1\n" in out
    assert "checked 0:" not in out


def test_a_round_s_failures_are_listed_ten_at_most_then_counted() -> None:
    """A site that is down fails every page of a round: not a thousand lines."""
    failed = [
        CheckResult(url=f"https://x.test/p{i}", outcome="failed", error=f"https://x.test/p{i}: 503")
        for i in range(12)
    ]
    skipped = CheckResult(url="https://x.test/private", outcome="skipped", error="disallowed")
    lines = problems(RoundReport.of([skipped, *failed], errors=["https://x.test/sitemap.xml: 503"]))
    assert lines[:2] == ["  https://x.test/sitemap.xml: 503", "  https://x.test/p0: 503"]
    assert len(lines) == 11
    assert lines[-1] == "  and 4 more: `panelwatch list` has each one's error"


def test_run_says_of_each_check_what_came_of_it_and_why_it_failed(
    replica: DemoServer, tmp_path: Path
) -> None:
    """`run` logged "checked 1: 0 new, 0 changed, 0 unchanged, 1 failed, 0 skipped" for a
    page that failed, and nothing of why."""
    db = tmp_path / "run.db"
    good, bad = (replica.url + path for path in replica.site.compare_paths()[:2])
    replica.site.fault(replica.site.compare_paths()[1], "layout", times=None)
    for url in (good, bad):
        assert panelwatch(db, "add", url, "--every", "1h").returncode == 0
    with running(db) as runner:
        for url in (good, bad):
            wait_for(db, url)
        out = stop(runner)
    logged = sorted(line.split("  ", 1)[1] for line in out.splitlines()[1:-1])
    assert len(logged) == 2
    assert f"{good}: new, version 1" in logged
    failed = next(line for line in logged if line.startswith(f"{bad}: "))
    assert failed.startswith(
        f'{bad}: failed: tools: expected a card per tool, each with a "Panel ship" figure,'
        " found '0 cards; it opens: Compare/"
    )


def wait_for(db: Path, url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with closing(sqlite3.connect(db)) as conn:
            row = conn.execute("SELECT last_checked FROM watches WHERE url = ?", [url]).fetchone()
        if row and row[0]:
            return
        time.sleep(0.1)
    raise AssertionError(f"{url} was not checked within {seconds}s")


def test_run_fetches_robots_txt_once_for_all_its_checks(
    replica: DemoServer, tmp_path: Path
) -> None:
    """Every check under `run` goes through one fetcher: robots.txt is fetched once."""
    db = tmp_path / "run.db"
    paths = replica.site.compare_paths()[:3]
    for path in paths:
        assert panelwatch(db, "add", replica.url + path, "--every", "1h").returncode == 0
    with running(db) as runner:
        for path in paths:
            wait_for(db, replica.url + path)
        out = stop(runner)
    seen = [(hit.path, hit.status) for hit in replica.site.hits]  # all of them, if this fails
    assert [hits(replica, path) for path in paths] == [[200]] * 3, (seen, out)
    assert hits(replica, "/robots.txt") == [200], (seen, out)


def test_run_checks_watches_side_by_side(replica: DemoServer, tmp_path: Path) -> None:
    """A slow page holds up only its own check: `run` has the others in flight meanwhile."""
    db = tmp_path / "run.db"
    held = 3.0  # seconds the replica holds each response
    paths = replica.site.compare_paths()[:3]
    for path in paths:
        assert panelwatch(db, "add", replica.url + path, "--every", "1h").returncode == 0
        replica.site.fault(path, "slow", seconds=held)
    with running(db) as runner:
        for path in paths:
            wait_for(db, replica.url + path)
        out = stop(runner)
    arrivals = sorted(hit.arrived for hit in replica.site.hits if hit.path in paths)
    assert len(arrivals) == 3, out
    # One after another, each request would come in only once the one before was answered.
    assert arrivals[-1] - arrivals[0] < held, arrivals


def test_run_finishes_the_check_in_flight_on_sigterm(replica: DemoServer, tmp_path: Path) -> None:
    db = tmp_path / "run.db"
    path = replica.site.compare_paths()[0]
    assert panelwatch(db, "add", replica.url + path, "--every", "1h").returncode == 0
    replica.site.fault(path, "slow", seconds=2.0)
    with running(db) as runner:
        deadline = time.monotonic() + 30
        while not hits(replica, path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert hits(replica, path), "the page was never requested"
        out = stop(runner)  # while the replica holds the response
    assert out.strip().endswith("stopped")
    with closing(sqlite3.connect(db)) as conn:
        fetches = conn.execute("SELECT status, error FROM fetches").fetchall()
    assert fetches == [(200, None)]


def test_run_stops_without_the_checks_it_had_not_begun(tmp_path: Path) -> None:
    """12 watches due at once, 8 checked at a time, each response held 2 s: SIGTERM
    while the first 8 are in flight. `run` waited for every queued check as well, and a
    sitemap of 1,000 pages at one request every 2 s kept Ctrl-C waiting half an hour."""
    with DemoServer(DemoSite(extra_pages=12)) as replica:
        db = tmp_path / "run.db"
        paths = replica.site.compare_paths()[:12]
        with Store.open(db) as store:
            for path in paths:
                store.add_watch(replica.url + path, now=datetime.now(UTC))
                replica.site.fault(path, "slow", seconds=2.0)
        with running(db) as runner:
            deadline = time.monotonic() + 30
            while len(page_hits(replica, paths)) < 8 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(page_hits(replica, paths)) == 8
            runner.send_signal(signal.SIGTERM)
            out, err = runner.communicate(timeout=30)
        assert runner.returncode == 0, err
        assert out.strip().endswith("stopped")
        assert len(page_hits(replica, paths)) == 8
        assert "4 due checks not begun are left for the next start" in err
    with closing(sqlite3.connect(db)) as conn:
        checked = conn.execute("SELECT COUNT(*) FROM fetches WHERE status = 200").fetchone()
    assert checked == (8,)  # the checks begun were finished and stored


def test_a_second_round_of_due_watches_is_refused(replica: DemoServer, tmp_path: Path) -> None:
    """A `check` of due watches beside `run` (or beside a cron `check` still going)
    once fetched every due page a second time. Now the second is refused at once;
    `check URL` still checks the page named."""
    db = tmp_path / "pw.db"
    paths = replica.site.compare_paths()[:2]
    for path in paths:
        assert panelwatch(db, "add", replica.url + path, "--every", "1h").returncode == 0
    with single_runner(str(db), "check"):  # a round of due watches going on
        for args in (["check"], ["check", "--all"], ["run"]):
            refused = panelwatch(db, *args)
            assert refused.returncode == 1, refused.stdout
            holder = f"`panelwatch check` (pid {os.getpid()}) is already checking its watches"
            assert holder in refused.stderr
        named = panelwatch(db, "check", replica.url + paths[0])
        assert named.returncode == 0, named.stderr
    assert [hits(replica, path) for path in paths] == [[200], []]
    assert panelwatch(db, "check").returncode == 0  # the lock is free again: the due page
    assert [hits(replica, path) for path in paths] == [[200], [200]]


def page_hits(replica: DemoServer, paths: list[str]) -> list[str]:
    return [hit.path for hit in replica.site.hits if hit.path in paths]


def test_run_checks_due_watches_once_and_stops_cleanly(replica: DemoServer, tmp_path: Path) -> None:
    db = tmp_path / "run.db"
    due_path, fresh_path = replica.site.compare_paths()[:2]
    for path in (due_path, fresh_path):
        assert panelwatch(db, "add", replica.url + path, "--every", "1h").returncode == 0
    assert panelwatch(db, "check", replica.url + fresh_path).returncode == 0  # not due for 1h
    with running(db) as runner:
        wait_for(db, replica.url + due_path)
        time.sleep(1.0)  # several resyncs: nothing else is due
        second = panelwatch(db, "run")
        assert second.returncode == 1
        assert f"`panelwatch run` (pid {runner.pid}) is already checking" in second.stderr
        out = stop(runner)
    assert out.strip().endswith("stopped")
    assert hits(replica, due_path) == [200]  # the overdue watch: exactly once
    assert hits(replica, fresh_path) == [200]  # only the manual check before `run`


def test_demo_runs_offline_and_leaves_its_database(tmp_path: Path) -> None:
    done = subprocess.run(
        [EXE, "demo"], capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "checked 6: 5 new, 0 changed, 0 unchanged, 0 failed, 1 skipped" in out
    assert "verdict                          Quillmate · Skeptic: 'ship' -> 'skip'" in out
    assert "pricing_text" in out
    assert "{+250+}" in out
    assert "score                            Tensorloom 7B · Builder: 64 -> 71" in out
    # the comparison that appeared on the second tick; a page-level change names no tool
    assert "page_added                       (none) -> 'Lumen SQL vs Tensorloom 7B'" in out
    # Lumen SQL's price is on two pages: one alert, one feed entry under both pages
    assert out.count("ALERT panelwatch: pricing_text on Lumen SQL") == 1
    assert "34 changes on 7 pages; 17 edits" in out
    # An entry lists its pages in URL order, whatever order the round's fetches ended in.
    lumen = ("/compare/lumen-sql-vs-patchwork-ci", "/compare/lumen-sql-vs-quillmate-drafts")
    entry = "{}\n" + " " * 24 + "{}\n      pricing_text                     Lumen SQL: "
    assert entry.format(*lumen) in out, out
    assert (tmp_path / "panelwatch-demo.db").exists()
    assert not (tmp_path / "panelwatch.db").exists()
    follow = panelwatch(tmp_path / "panelwatch-demo.db", "changes", "--kind", "verdict")
    assert follow.returncode == 0
    assert "Quillmate · Skeptic" in follow.stdout


def test_a_host_with_a_backlog_holds_only_its_own_workers() -> None:
    """Ten checks of a.test due before one of b.test, three workers, one per host: the
    workers all took a.test's checks and b.test's waited behind them (as APScheduler's
    pool had it); now b.test's goes beside a.test's first, and a third worker idles."""
    import threading

    from scraper.turns import Turns

    started: list[str] = []
    release = threading.Event()

    def check(url: str) -> None:
        started.append(url)
        if "a.test" in url:
            release.wait(10)

    turns = Turns(check, workers=3, per_host=lambda url: 1)
    turns.start()
    for n in range(10):
        assert turns.submit(f"https://a.test/compare/p{n}")
    assert not turns.submit("https://a.test/compare/p3")  # queued already: not twice
    assert turns.submit("https://b.test/compare/q")
    deadline = time.monotonic() + 10
    while len(started) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # a wrong third start would show by now
    assert sorted(started) == ["https://a.test/compare/p0", "https://b.test/compare/q"]
    release.set()
    dropped = turns.stop()
    assert len(started) + dropped == 11
    assert not turns.submit("https://c.test/compare/r")  # stopped


def test_runner_follows_watches_added_removed_and_rescheduled(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from db import Store
    from scraper.schedule import Runner

    path = tmp_path / "pw.db"
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with Store.open(path) as store:
        store.add_watch("https://a.test/compare/a-vs-b", now=now, every_seconds=3600)

        loads = []

        def load() -> list[Watch]:
            loads.append(store.watchlist_version())
            return store.watches()

        runner = Runner(
            load, lambda url: None, now=lambda: now, watchlist_version=store.watchlist_version
        )
        runner.sync()
        assert [job.name for job in runner.scheduler.get_jobs()] == [
            "https://a.test/compare/a-vs-b (every 1h)"
        ]
        runner.sync()  # nothing changed: nothing loaded
        assert len(loads) == 1
        store.add_watch("https://a.test/compare/a-vs-b", now=now, cron="0 */6 * * *")
        store.add_watch("https://a.test/compare/c-vs-d", now=now)
        runner.sync()
        assert sorted(job.name for job in runner.scheduler.get_jobs()) == [
            "https://a.test/compare/a-vs-b (cron 0 */6 * * *)",
            "https://a.test/compare/c-vs-d (every 6h)",
        ]
        store.remove_watch("https://a.test/compare/c-vs-d")
        runner.sync()
        assert [job.id for job in runner.scheduler.get_jobs()] == ["https://a.test/compare/a-vs-b"]
        assert len(loads) == 3


def test_runner_stops_on_a_signal_the_kernel_gave_another_thread() -> None:
    """A SIGTERM sent to the process may land on a scheduler thread; Python runs its
    handler only when the main thread next runs code, so `run` must not sleep untimed."""
    import threading

    from scraper.schedule import Runner

    runner = Runner(list, lambda url: None, resync_seconds=0.1)
    rescued = threading.Event()
    main = threading.main_thread().ident
    assert main is not None

    def send() -> None:
        time.sleep(0.5)  # the scheduler's thread is running by now
        thread = next(t for t in threading.enumerate() if t.name == "APScheduler")
        assert thread.ident is not None
        signal.pthread_kill(thread.ident, signal.SIGTERM)
        if not runner.stopping.wait(5):  # still asleep: wake the main thread, then fail
            rescued.set()
            signal.pthread_kill(main, signal.SIGTERM)

    sender = threading.Thread(target=send)
    sender.start()
    runner.run()
    sender.join()
    assert not rescued.is_set(), "run() slept through a SIGTERM taken by another thread"
    assert not runner.scheduler.running


def test_the_stop_signal_handler_takes_no_lock() -> None:
    """Python runs a signal handler on the main thread between two bytecodes, maybe while
    that thread holds a lock. The handler used to set the Event that run() waited on, so
    a SIGTERM landing while run() held that Event's lock, on its way into or out of a
    wait, would hang `run` for ever. Deliver the signal while holding that lock: the
    handler must return."""
    code = (
        "import os, signal\n"
        "from scraper.schedule import Runner\n"
        "runner = Runner(list, lambda url: None)\n"
        "signal.signal(signal.SIGTERM, runner._request_stop)\n"
        "with runner.stopping._cond:\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "print('returned')\n"
    )
    done = python(code)
    assert done.stdout.strip() == "returned", done.stderr


def test_checks_that_fall_behind_are_said_in_one_line_not_one_per_watch() -> None:
    """Checks slower than their watches' schedules (a host's spacing, a slow site):
    APScheduler warned of each skipped time, a line per watch per second here."""
    code = (
        "import os, signal, sys, threading, time\n"
        "from datetime import UTC, datetime\n"
        "from scraper.schedule import Runner\n"
        "from schemas import Watch\n"
        "now = datetime.now(UTC)\n"
        "watches = [Watch(url=f'https://x.test/p{i}', every_seconds=1, added_at=now)"
        " for i in range(5)]\n"
        "runner = Runner(lambda: watches, lambda url: time.sleep(1.5), resync_seconds=1.5,"
        " workers=2, report=lambda text: print('REPORT', text, file=sys.stderr))\n"
        "threading.Timer(5, lambda: os.kill(os.getpid(), signal.SIGTERM)).start()\n"
        "runner.run()\n"
    )
    done = python(code)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert all(line.startswith("REPORT ") for line in lines), lines  # no one else's lines
    said = [line for line in lines if "a watch came due" in line]
    assert len(said) == 1, lines  # once; the next would come an hour later
    assert "while its last check had not ended" in said[0]


def test_run_stops_while_the_watch_list_is_being_reloaded() -> None:
    """APScheduler's shutdown(wait=True) holds its job store's lock while it waits for the
    running jobs. The watch list used to be reloaded by a job, which asks the scheduler for
    its jobs: a SIGTERM during a reload hung `run` for ever. A slow reload (a busy
    database) makes that moment last."""
    code = (
        "import os, signal, threading, time\n"
        "from scraper.schedule import Runner\n"
        "def slow_watches():\n"
        "    time.sleep(0.3)\n"
        "    return []\n"
        "runner = Runner(slow_watches, lambda url: None, resync_seconds=0.1)\n"
        "threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGTERM)).start()\n"
        "runner.run()\n"
        "print('stopped')\n"
    )
    done = python(code)
    assert done.stdout.strip() == "stopped", done.stderr


def test_a_check_the_database_refused_is_one_line_and_run_goes_on() -> None:
    """A check that could not be written (the database locked past its timeout by a
    long `reparse`, a full disk) is reported in one line, not as a traceback from
    the scheduler's thread, and `run` keeps going."""
    import threading
    from datetime import UTC, datetime

    from schemas import StorageError, Watch
    from scraper.schedule import Runner

    url = "https://a.test/compare/a-vs-b"
    watch = Watch(url=url, every_seconds=3600, added_at=datetime(2026, 11, 1, tzinfo=UTC))
    attempts: list[str] = []
    reports: list[str] = []

    def refused(checked: str) -> None:
        attempts.append(checked)
        raise StorageError("pw.db", f"recording a check of {checked}", "the disk is full")

    runner = Runner(lambda: [watch], refused, resync_seconds=0.1, report=reports.append)
    main = threading.main_thread().ident
    assert main is not None

    def stop_once_tried() -> None:
        deadline = time.monotonic() + 10
        while not reports and time.monotonic() < deadline:
            time.sleep(0.05)
        signal.pthread_kill(main, signal.SIGTERM)

    stopper = threading.Thread(target=stop_once_tried)
    stopper.start()
    runner.run()
    stopper.join()
    assert attempts == [url]
    assert reports == [
        f"{url}: not checked this time: pw.db: recording a check of {url} failed: the disk is full"
    ]
