"""The `panelwatch` command. Every command calls a library function; errors are
reported here, once, as one line naming what went wrong."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any, NamedTuple

import click

from db import (
    DEFAULT_PATH,
    EXPORT_KINDS,
    Store,
    change_feed,
    changes_between,
    export_rows,
    export_tool_rows,
    grouped_feed,
    is_text_change,
    mark_words,
    page_versions,
    stored_record,
    whose,
    word_diff,
)
from parsers import normal_url, visible_lines
from parsers import parse as parse_page
from schemas import (
    ALERT_KINDS,
    CHANGE_KINDS,
    DEFAULT_ALERT_KINDS,
    Alert,
    AlertPayload,
    AlertRule,
    CheckResult,
    ComparisonPage,
    DiffPiece,
    FeedEntry,
    PanelwatchError,
    ParseError,
    RoundReport,
    StoredChange,
    Watch,
)
from scraper.alerts import Delivery, Sender, deliver_pending
from scraper.alerts import describe as describe_alert
from scraper.fetch import FetchSettings, check_url, fetch_once
from scraper.loop import CheckLoop
from scraper.pipeline import check_round, discover_now, store_body
from scraper.pipeline import reparse as reparse_all
from scraper.schedule import Runner, is_due, overloaded_hosts, single_runner, trigger_for


@click.group()
@click.version_option(package_name="panelwatch")
@click.option(
    "--db",
    "db_path",
    envvar="PANELWATCH_DB",
    default=DEFAULT_PATH,
    show_default=True,
    help="The SQLite database file (or set PANELWATCH_DB).",
)
@click.option(
    "--contact",
    envvar="PANELWATCH_CONTACT",
    help="A URL or address for site owners, sent in the User-Agent.",
)
@click.pass_context
def cli(ctx: click.Context, db_path: str, contact: str | None) -> None:
    """Watch AI-tool comparison pages and keep every version of what they say."""
    ctx.obj = {"db": db_path, "contact": contact}


@contextmanager
def open_store(ctx: click.Context, *, must_exist: bool = True) -> Iterator[Store]:
    path = ctx.obj["db"]
    if must_exist and not Path(path).exists():
        raise click.ClickException(
            f"no database at {path}: `panelwatch add URL` or `ingest` starts one (`demo` shows how)"
        )
    with Store.open(path) as store:
        yield store


def one_spelling(
    ctx: click.Context, param: click.Parameter, value: str | tuple[str, ...] | None
) -> str | tuple[str, ...] | None:
    """Click callback: a URL as the database spells it (parsers.normal_url), so that
    "HTTPS://Site.io/a#top" and "https://site.io/a" are one page."""
    if value is None:
        return None
    if isinstance(value, tuple):
        return tuple(map(normal_url, value))
    return normal_url(value)


@cli.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.option("--url", help="The page's address, when SOURCE is a saved file.")
@click.option(
    "--lines",
    "show_lines",
    is_flag=True,
    help="Print the page's visible lines, numbered, as the parser reads them; parse nothing.",
)
def parse(source: str, as_json: bool, url: str | None, show_lines: bool) -> None:
    """Extract one page (a file or an http(s) URL) into its record.

    Example: panelwatch parse tests/fixtures/pages/comparison/seed-soup.html --json
    """
    page = read_source(source)
    if show_lines:  # what a page that no longer parses looks like to panelwatch
        for number, line in enumerate(visible_lines(page.body, charset=page.charset), 1):
            click.echo(f"{number:4d}  {line}")
        return
    print_record(parse_source(page, url or page.url, source), as_json)


def print_record(record: ComparisonPage, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        click.echo(summary(record))


@cli.command()
@click.argument("source")
@click.option("--url", help="The page's address (required for a saved file without one).")
@click.option("--at", "seen_at", help="When the page was seen (ISO 8601; default: now).")
@click.pass_context
def ingest(ctx: click.Context, source: str, url: str | None, seen_at: str | None) -> None:
    """Store one page (a saved file or an http(s) URL) as a check of its URL.

    Example: panelwatch ingest saved.html --url https://shiporskip.io/compare/a-vs-b
    """
    moment = parse_when(seen_at) if seen_at else datetime.now(UTC)
    page = read_source(source)
    url = url or page.url or parse_source(page, None, source).url  # it may link its address
    if not url:
        raise click.UsageError("the page names no URL of its own: pass --url")
    url = normal_url(url)
    with open_store(ctx, must_exist=False) as store:
        last = store.last_checked(url)
        if last is not None and moment < last:
            raise click.ClickException(
                f"{url}: seen at {stamp(moment)}, before its last check at {stamp(last)}:"
                " history is kept in time order, so ingest a page's saves oldest first"
            )
        result = store_body(store, url, page.body, fetched_at=moment, charset=page.charset)
    click.echo(f"{result.outcome}: {url} (version {result.version or '-'})")
    for change in result.changes:
        click.echo(
            "  "
            + describe(
                change.kind, change.tool, change.reviewer, change.field, change.old, change.new
            )
        )
    if result.error:
        raise click.ClickException(result.error)


@cli.command()
@click.argument("url", callback=one_spelling)
@click.pass_context
def history(ctx: click.Context, url: str) -> None:
    """List the stored versions of a page.

    Example: panelwatch history https://shiporskip.io/compare/a-vs-b
    """
    with open_store(ctx) as store:
        versions = page_versions(store, url)
    if not versions:
        raise click.ClickException(f"no versions stored for {url}")
    click.echo(f"{'version':>7}  {'first seen':20}  {'last seen':20}  changes  record")
    for v in versions:
        click.echo(
            f"{v.version:>7}  {stamp(v.seen_at):20}  {stamp(v.last_seen):20}  "
            f"{v.changes:>7}  {v.record_hash[:12]}"
        )


@cli.command("show")
@click.argument("url", callback=one_spelling)
@click.option("--version", "version", type=int, help="A stored version (default: the latest).")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.pass_context
def show_command(ctx: click.Context, url: str, version: int | None, as_json: bool) -> None:
    """Print a page's record as stored, at one version; nothing is fetched.

    Example: panelwatch show https://shiporskip.io/compare/a-vs-b --version 2 --json
    """
    with open_store(ctx) as store:
        record = stored_record(store, url, version)
        if record is None:
            versions = [v.version for v in page_versions(store, url)]
            if not versions:
                raise click.ClickException(f"no versions stored for {url}")
            raise click.BadParameter(
                f"no version {version}; {url} has {versions[0]}..{versions[-1]}",
                param_hint="'--version'",
            )
    print_record(record, as_json)


@cli.command()
@click.argument("url", callback=one_spelling)
@click.option("--from", "first", type=int, help="Older version (default: the one before --to).")
@click.option("--to", "last", type=int, help="Newer version (default: the latest).")
@click.pass_context
def diff(ctx: click.Context, url: str, first: int | None, last: int | None) -> None:
    """Show what changed on a page between two versions, field by field.

    Example: panelwatch diff https://shiporskip.io/compare/a-vs-b --from 1 --to 3
    """
    with open_store(ctx) as store:
        versions = [v.version for v in page_versions(store, url)]
        if not versions:
            raise click.ClickException(f"no versions stored for {url}")
        last = last if last is not None else versions[-1]
        first = first if first is not None else last - 1
        if last not in versions or not (first == 0 or first in versions) or first >= last:
            raise click.BadParameter(
                f"pick versions with --from < --to among {versions[0]}..{versions[-1]}"
            )
        changes = changes_between(store, url, first, last)
    click.echo(f"{url}: version {first} -> {last}, {len(changes)} changes")
    for change in changes:
        click.echo(f"  v{change.to_version} " + render_change(change))


@cli.command()
@click.option("--since", help="Only changes detected since WHEN (2026-11-01, 6h, 3d, 2w).")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(CHANGE_KINDS),
    help="Only changes of this kind (repeatable).",
)
@click.option("--url", callback=one_spelling, help="Only changes of this page.")
@click.option("--tool", help="Only changes of this tool (slug or name).")
@click.option("--reviewer", help="Only changes of this reviewer's reviews (e.g. Skeptic).")
@click.option("--limit", type=int, help="Only the latest N changes.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def changes(
    ctx: click.Context,
    since: str | None,
    kinds: tuple[str, ...],
    url: str | None,
    tool: str | None,
    reviewer: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """The change feed across all pages, oldest first.

    Example: panelwatch changes --since 7d --kind verdict --reviewer Skeptic
    """
    with open_store(ctx) as store:
        found = change_feed(
            store,
            since=parse_when(since) if since else None,
            kinds=kinds,
            url=url,
            tool=tool,
            reviewer=reviewer,
            limit=limit,
        )
    if as_json:
        click.echo(
            json.dumps([c.model_dump(mode="json") for c in found], indent=2, ensure_ascii=False)
        )
        return
    for entry in grouped_feed(found):
        click.echo(render_entry(entry, indent=""))
    if not found:
        click.echo("no changes")


@cli.command()
@click.argument("dataset", type=click.Choice(EXPORT_KINDS))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "json"]),
    default="csv",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to FILE instead of standard output.",
)
@click.option(
    "--per-tool",
    is_flag=True,
    help="A row per state of a tool, however many pages showed it (not for changes).",
)
@click.pass_context
def export(ctx: click.Context, dataset: str, fmt: str, output: str | None, per_tool: bool) -> None:
    """Export a dataset, a row per state with the dates it was first and last seen:
    reviews (score, verdict, text), tools (name, category, tagline, ...), panels (panel
    verdict and split), pricing (model and text), votes (community); or every change.

    The site shows a tool alike on every comparison it is in; --per-tool makes one row
    of what several pages showed, with the number of pages.

    Example: panelwatch export pricing --format csv -o pricing.csv
    """
    if per_tool and dataset == "changes":
        raise click.UsageError("--per-tool is for the datasets of states, not for changes")
    with open_store(ctx) as store:
        read = export_tool_rows if per_tool else export_rows
        columns, rows = read(store, dataset)  # type: ignore[arg-type]
        with written_whole(output) if output else click.open_file("-", "w") as out:
            count = write_rows(out, fmt, columns, rows)
    if output:
        click.echo(f"wrote {count} {dataset} rows to {output}", err=True)


@contextmanager
def written_whole(path: str) -> Iterator[IO[str]]:
    """A text file written whole or left as it was: what is written goes to a file
    beside it, which takes its place once all is written. An export that fails part
    way (a row that cannot be read, a full disk) must not leave the rows before it as
    if they were all. (click's atomic files replace the target even on an error.)"""
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise click.ClickException(f"cannot write {path}: {error.strerror}") from None
    try:
        with open(descriptor, "w", encoding="utf-8") as handle:
            yield handle
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):  # a full disk, say
            raise click.ClickException(f"cannot write {path}: {error.strerror}") from None
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@cli.command()
@click.pass_context
def reparse(ctx: click.Context) -> None:
    """Rebuild all versions from the stored raw pages with the current parser (no fetching).

    Example: panelwatch reparse
    """
    with open_store(ctx) as store:
        pages, versions = reparse_all(store)
    click.echo(f"re-read {pages} stored pages into {versions} versions")


_EVERY = re.compile(r"^(\d+)\s*([smhdw])$")


def parse_every(text: str) -> int:
    """``6h`` -> 21600 seconds."""
    match = _EVERY.match(text.strip())
    if not match or int(match[1]) == 0:
        raise click.BadParameter(f"{text!r}: expected an interval such as 30m, 6h or 1d")
    return int(match[1]) * {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[match[2]]


@cli.command()
@click.argument("url", callback=one_spelling)
@click.option("--every", help="Check on an interval: 30m, 6h, 1d (default 6h).")
@click.option("--cron", help='Check on a cron schedule, e.g. "0 */6 * * *" (UTC).')
@click.option(
    "--discover/--no-discover",
    default=None,
    help="URL is a sitemap, a robots.txt naming sitemaps, or an index page: watch "
    "the comparison pages it leads to, and look again on the same schedule.",
)
@click.pass_context
def add(
    ctx: click.Context, url: str, every: str | None, cron: str | None, discover: bool | None
) -> None:
    """Watch a page (or, with --discover, every comparison page a sitemap/index links to).

    On a URL already watched, only what is given changes. The pages a sitemap found
    follow its schedule, unless given one of their own.

    Example: panelwatch add https://shiporskip.io/sitemap.xml --discover --every 12h
    """
    if every and cron:
        raise click.UsageError("--every and --cron exclude each other")
    check_url(url)
    seconds = parse_every(every) if every else None
    if cron:
        trigger_for(Watch(url=url, cron=cron, added_at=datetime.now(UTC)))  # validates
    with open_store(ctx, must_exist=False) as store:
        added = store.add_watch(
            url, now=datetime.now(UTC), every_seconds=seconds, cron=cron, discover=discover
        )
        if discover:
            found, errors = discover_now(store, [url], settings=fetch_settings(ctx), clock=now)
            for error in errors:
                click.echo(f"  {error}", err=True)
            click.echo(f"discovered {len(found)} new comparison pages from {url}")
        watches = store.watches()
    if added:
        click.echo(f"watching {url}")
    else:
        [watch] = [w for w in watches if w.url == url]
        settings = watch.schedule + (", discovery" if watch.discover else "")
        if seconds is None and cron is None and discover is None:
            click.echo(f"already watching {url} ({settings})")
        else:
            click.echo(f"updated {url} ({settings})")
    warn_of_overload(watches, fetch_settings(ctx))


@cli.command(name="list")
@click.option("--failing", is_flag=True, help="Only watches marked failing.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (for monitoring).")
@click.pass_context
def list_watches(ctx: click.Context, failing: bool, as_json: bool) -> None:
    """List watches with their schedule, last check, last change and failures.

    Example: panelwatch list --failing
    """
    with open_store(ctx) as store:
        every = store.watches()
    watches = [w for w in every if w.failing or not failing]
    if as_json:
        click.echo(json.dumps([w.model_dump(mode="json") for w in watches], indent=2))
        return
    if not watches:
        click.echo(
            "no failing watches" if failing else "no watches: add one with `panelwatch add URL`"
        )
        return
    for watch in watches:
        state = "FAILING" if watch.failing else (watch.last_outcome or "never checked")
        click.echo(
            f"{watch.url}\n    {watch.schedule}{' (discovery)' if watch.discover else ''}; "
            f"last check {stamp(watch.last_checked) if watch.last_checked else '-'} ({state}); "
            f"last change {stamp(watch.last_changed) if watch.last_changed else '-'}; "
            f"{watch.consecutive_failures} failures in a row"
        )
        if watch.last_error and watch.last_outcome in ("failed", "skipped"):
            click.echo(f"    {watch.last_error}")
        if watch.moved_to:
            click.echo(
                f"    moved for good to {watch.moved_to} (its history stays here;"
                " `panelwatch add` the new address to watch it there)"
            )
    warn_of_overload(every, fetch_settings(ctx))


@cli.command()
@click.argument("url", callback=one_spelling)
@click.pass_context
def remove(ctx: click.Context, url: str) -> None:
    """Stop watching a URL (its history stays).

    Example: panelwatch remove https://shiporskip.io/compare/a-vs-b
    """
    with open_store(ctx) as store:
        if not store.remove_watch(url):
            raise click.ClickException(f"not watching {url}")
    click.echo(f"removed {url}")


@cli.command()
@click.argument("urls", nargs=-1, callback=one_spelling)
@click.option("--all", "check_all", is_flag=True, help="Check every watch, due or not.")
@click.pass_context
def check(ctx: click.Context, urls: tuple[str, ...], check_all: bool) -> None:
    """Run one check round now: due watches, the URLs named, or --all.

    Example: panelwatch check --all
    """
    with open_store(ctx, must_exist=bool(not urls)) as store:
        report = run_round(store, ctx, urls, check_all)
        click.echo(report.summary)
        if store.rules():
            click.echo(send_alerts(store).summary)
    if report.checked and report.failed == report.checked:
        raise click.ClickException("every fetch failed: " + "; ".join(report.errors[:3]))


def run_round(
    store: Store, ctx: click.Context, urls: tuple[str, ...], check_all: bool
) -> RoundReport:
    moment = now()
    watches = store.watches()
    warn_of_overload(watches, fetch_settings(ctx))
    if urls:
        targets, sources = list(urls), []
    else:
        chosen = [w for w in watches if check_all or is_due(w, moment)]
        targets = [w.url for w in chosen if not w.discover]
        sources = [w.url for w in chosen if w.discover]
    total = len(targets) + len(sources)
    if not sys.stdout.isatty() or total == 0:
        return check_round(
            store, targets, settings=fetch_settings(ctx), clock=now, discover_from=sources
        )
    from rich.progress import Progress  # only a terminal needs it

    with Progress(transient=True) as bar:
        task = bar.add_task("checking", total=len(targets) or None)

        def advance(result: CheckResult) -> None:
            bar.update(task, advance=1, description=result.outcome)

        return check_round(
            store, targets, settings=fetch_settings(ctx), clock=now, discover_from=sources,
            progress=advance,
        )  # fmt: skip


@cli.command()
@click.option(
    "--resync",
    default=60.0,
    show_default=True,
    help="Seconds between looks for watches added or removed meanwhile.",
)
@click.pass_context
def run(ctx: click.Context, resync: float) -> None:
    """Run the scheduler: every watch on its schedule, until Ctrl-C or SIGTERM.

    Example: panelwatch run
    """
    path = ctx.obj["db"]
    with open_store(ctx) as store:
        watches = store.watches()
    if not watches:
        raise click.ClickException("no watches: add one with `panelwatch add URL`")
    settings = fetch_settings(ctx)
    warn_of_overload(watches, settings)
    alerting = threading.Lock()  # two deliveries at once would send an alert twice

    def send_due_alerts(store: Store) -> None:
        with alerting:
            if store.rules() and store.due_alerts(now()):
                click.echo(f"{stamp(now())}  {send_alerts(store).summary}")

    def check_watch(url: str) -> None:
        report = checks.check(url)
        if report is None:
            return
        click.echo(f"{stamp(now())}  {url}: {report.summary}")
        with Store.open(path) as store:
            send_due_alerts(store)

    def load() -> list[Watch]:
        with Store.open(path) as store:
            return store.watches()

    def deliver() -> None:
        with Store.open(path) as store:
            send_due_alerts(store)

    with single_runner(path), CheckLoop(path, settings, now) as checks:
        click.echo(f"panelwatch run: {len(load())} watches in {path}; Ctrl-C to stop")
        Runner(
            load,
            check_watch,
            resync_seconds=resync,
            housekeeping=deliver,
            report=lambda text: click.echo(f"{stamp(now())}  {text}", err=True),
            workers=settings.concurrency,
            per_host=lambda url: settings.for_url(url).per_host,
        ).run()
    click.echo("stopped")


DEMO_DB = "panelwatch-demo.db"
DEMO_KINDS = ("verdict", "score", "pricing_text", "pricing_model", "panel_split", "votes",
              "review_removed", "tool_added", "page_added")  # fmt: skip


@cli.command()
@click.option("--rounds", default=3, show_default=True, help="Check rounds after the first.")
@click.pass_context
def demo(ctx: click.Context, rounds: int) -> None:
    """Watch the built-in replica site for a few simulated days; no network needed.

    Starts the replica on 127.0.0.1, discovers its comparison pages from its sitemap,
    checks them, moves the site forward between rounds (verdicts flip, scores move,
    pricing text changes, a comparison appears) and prints the change feed. The
    database stays behind (panelwatch-demo.db unless --db is given).

    Example: panelwatch demo
    """
    from scraper.demo.tour import DemoRound, run_demo

    root = ctx.find_root()
    if root.get_parameter_source("db_path") is click.core.ParameterSource.DEFAULT:
        # The demo's own file: made afresh each time, never the user's panelwatch.db.
        ctx.obj["db"] = DEMO_DB
        for stale in (DEMO_DB, f"{DEMO_DB}-wal", f"{DEMO_DB}-shm"):
            Path(stale).unlink(missing_ok=True)
    elif Path(ctx.obj["db"]).exists():
        raise click.ClickException(
            f"{ctx.obj['db']} exists: the demo writes a fresh database; pick a new --db path"
        )

    with open_store(ctx, must_exist=False) as store:
        # the alerts the demo would send, printed instead of sent
        store.add_rule(AlertRule(channel="console"), now=now())

        def show_round(done: DemoRound) -> None:
            title = (
                "round 0: discovering the replica site"
                if not done.number
                else (
                    f"round {done.number}, six hours later; the site changed: "
                    + "; ".join(done.site_changes)
                )
            )
            click.echo(click.style(title, bold=True))
            click.echo(f"  {done.report.summary}")
            for error in done.report.errors:
                click.echo(f"  ! {error}")
            with Sender(lambda text: click.echo("  " + text.replace("\n", "\n  "))) as sender:
                delivered = deliver_pending(store, sender, done.when)
            if delivered.sent:
                click.echo(f"  {delivered.summary}")

        site_url = run_demo(store, rounds=rounds, on_round=show_round)
        feed = change_feed(store, kinds=DEMO_KINDS)
        first_round = feed[0].detected_at if feed else None
        # pages found on the first visit are not news; a comparison that appears later is
        feed = [c for c in feed if c.kind != "page_added" or c.detected_at != first_round]
        pages = len([w for w in store.watches() if not w.discover])
    entries = grouped_feed(feed)
    edits = sum(len(entry.changes) for entry in entries)
    click.echo(
        click.style(
            f"\nchange feed ({len(feed)} changes on {pages} pages; {edits} edits, each listed"
            " once with the pages it showed on):",
            bold=True,
        )
    )
    for entry in entries:
        click.echo(render_entry(entry, indent="  ", site=site_url))
    example = next((c.url for c in feed if c.kind == "pricing_text"), feed[0].url if feed else "")
    db = ctx.obj["db"]
    me = command_name()
    click.echo(click.style("\nthe database stays in " + db + "; next, try:", bold=True))
    click.echo(f"  {me} --db {db} changes --kind verdict --kind pricing_text")
    click.echo(f"  {me} --db {db} diff {example}")
    click.echo(f"  {me} --db {db} history {example}")
    click.echo(f"  {me} --db {db} export reviews --per-tool --format csv -o reviews.csv")
    click.echo(f"  {me} --db {db} alerts")


def command_name() -> str:
    """How to call panelwatch again from here: bare if it is on PATH (as after an
    activated venv or a pip install), else by its path (as after `make demo`)."""
    called = Path(sys.argv[0])
    on_path = shutil.which("panelwatch")
    if on_path and Path(on_path).resolve() == called.resolve():
        return "panelwatch"
    try:
        return str(called.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(called)


@cli.group()
def alert() -> None:
    """Alert rules: which changes alert, and where they go."""


@alert.command(name="add")
@click.argument("channel")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(ALERT_KINDS),
    help="Change kinds that alert (repeatable; default: pricing_text, pricing_model, verdict);"
    " watch_failing and watch_recovered: a watch marked failing, or read again.",
)
@click.option("--url-pattern", help="Only pages whose URL matches this glob.")
@click.option("--tool", help="Only this tool (slug or name).")
@click.option("--reviewer", help="Only this reviewer (persona).")
@click.option(
    "--min-score-delta",
    type=click.IntRange(min=1),
    help="Score changes alert only when they move this many points or more.",
)
@click.option(
    "--min-votes-pct",
    type=click.FloatRange(min=0, min_open=True),
    help="Vote changes alert only when a count moves this many percent or more.",
)
@click.option("--digest", is_flag=True, help="One message per round instead of one per change.")
@click.pass_context
def alert_add(
    ctx: click.Context,
    channel: str,
    kinds: tuple[str, ...],
    url_pattern: str | None,
    tool: str | None,
    reviewer: str | None,
    min_score_delta: int | None,
    min_votes_pct: float | None,
    digest: bool,
) -> None:
    """Alert on CHANNEL: console, webhook+https://..., or an Apprise URL (mailto://,
    slack://, discord://, ntfy://, tgram://, ...).

    Example: panelwatch alert add webhook+https://hooks.example.org/pw --kind pricing_text
    """
    rule = AlertRule(
        channel=channel,
        kinds=tuple(kinds) or DEFAULT_ALERT_KINDS,
        url_pattern=url_pattern,
        tool=tool,
        reviewer=reviewer,
        min_score_delta=min_score_delta,
        min_votes_pct=min_votes_pct,
        digest=digest,
    )
    with open_store(ctx, must_exist=False) as store:
        rule_id = store.add_rule(rule, now=now())
    click.echo(f"rule {rule_id}: {describe_rule(rule)}")


def describe_rule(rule: AlertRule) -> str:
    parts = [",".join(rule.kinds) or "(nothing)"]
    for label, value in (("url", rule.url_pattern), ("tool", rule.tool),
                         ("reviewer", rule.reviewer), ("score moves >=", rule.min_score_delta),
                         ("votes move >= %", rule.min_votes_pct)):  # fmt: skip
        if value is not None:
            parts.append(f"{label} {value}")
    if rule.digest:
        parts.append("digest")
    return f"{'; '.join(parts)} -> {rule.channel}"


@alert.command(name="list")
@click.pass_context
def alert_list(ctx: click.Context) -> None:
    """List alert rules.

    Example: panelwatch alert list
    """
    with open_store(ctx) as store:
        rules = store.rules()
    for rule in rules:
        click.echo(f"rule {rule.id}: {describe_rule(rule)}")
    if not rules:
        click.echo("no alert rules: add one with `panelwatch alert add CHANNEL`")


@alert.command(name="remove")
@click.argument("rule_id", type=int)
@click.pass_context
def alert_remove(ctx: click.Context, rule_id: int) -> None:
    """Remove an alert rule (and its alerts not yet sent).

    Example: panelwatch alert remove 2
    """
    with open_store(ctx) as store:
        if not store.remove_rule(rule_id):
            raise click.ClickException(f"no alert rule {rule_id}")
    click.echo(f"removed rule {rule_id}")


@alert.command(name="test")
@click.argument("channel")
def alert_test(channel: str) -> None:
    """Send a sample alert to CHANNEL now (nothing is stored).

    Example: panelwatch alert test "ntfy://ntfy.sh/my-topic"
    """
    sample = Alert(
        id=0, rule_id=0, channel=channel, digest=False, status="pending", attempts=0,
        created_at=now(), next_attempt_at=None, sent_at=None, last_error=None,
        payload=AlertPayload(
            id="panelwatch-test", kind="pricing_text",
            url="https://shiporskip.io/compare/example-a-vs-example-b",
            tool="Example A", tool_slug="example-a", reviewer=None, field="pricing.text",
            old="$10 per month", new="$12 per month",
            diff=[DiffPiece(op="-", text="$10"), DiffPiece(op="+", text="$12"),
                  DiffPiece(op="=", text="per month")],
            detected_at=now(), from_version=1, to_version=2,
        ),
    )  # fmt: skip
    with Sender(click.echo) as sender:
        sender.send(channel, [sample])
    click.echo(f"sent a sample alert to {channel if channel == 'console' else 'the channel'}")


@cli.command(name="alerts")
@click.option("--status", type=click.Choice(["pending", "sent", "failed"]))
@click.option("--send", "send_now", is_flag=True, help="Deliver the pending alerts that are due.")
@click.pass_context
def alerts_command(ctx: click.Context, status: str | None, send_now: bool) -> None:
    """List queued and sent alerts (or deliver the due ones with --send).

    Example: panelwatch alerts --status pending
    """
    with open_store(ctx) as store:
        if send_now:
            click.echo(send_alerts(store).summary)
            return
        found = store.alerts(status)
    for item in found:
        click.echo(f"{item.id:>5}  {item.status:8} {stamp(item.created_at)}  tries {item.attempts}"
                   f"  {item.channel if item.channel == 'console' else item.channel.split('://')[0]}"
                   f"\n       {describe_alert(item.payload)}")  # fmt: skip
        if item.last_error and item.status != "sent":
            click.echo(f"       last error: {item.last_error}")
    if not found:
        click.echo("no alerts")


def warn_of_overload(watches: list[Watch], settings: FetchSettings) -> None:
    """Say so where a host's watches cannot all be checked on time at its spacing."""
    for load in overloaded_hosts(watches, settings, now()):
        click.echo(
            f"note: {load.host}: its {load.watches:,} watches together ask for a request every"
            f" {load.asks_every:.1f} s, but it gets one every {load.spacing:g} s at most (or its"
            f" robots.txt's Crawl-delay), so each is checked about {load.behind:.1f}x less often"
            " than its schedule says; longer schedules (`panelwatch add URL --every 24h`) or"
            " fewer pages keep to them",
            err=True,
        )


def send_alerts(store: Store) -> Delivery:
    with Sender(click.echo) as sender:
        return deliver_pending(store, sender, now())


def fetch_settings(ctx: click.Context) -> FetchSettings:
    contact = ctx.obj.get("contact")
    return FetchSettings(contact=contact) if contact else FetchSettings()


def now() -> datetime:
    return datetime.now(UTC)


def write_rows(out: IO[str], fmt: str, columns: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(row)
            count += 1
        return count
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
            count += 1
        return count
    items = [dict(zip(columns, row, strict=True)) for row in rows]
    out.write(json.dumps(items, indent=2, ensure_ascii=False) + "\n")
    return len(items)


def describe(
    kind: str, tool: str | None, reviewer: str | None, field: str | None, old: Any, new: Any
) -> str:
    label = f"{kind}{f' ({field})' if field and field != kind else ''}"
    return f"{label:32} {whose(tool, reviewer)}{show(old)} -> {show(new)}"


def render_change(change: StoredChange) -> str:
    """One change; text fields get a word-level diff, coloured on a terminal."""
    if is_text_change(change.field, change.old, change.new):
        pieces = word_diff(change.old, change.new)  # type: ignore[arg-type]
        coloured = mark_words(pieces, lambda op, text: click.style(text, fg=_COLOURS[op]))
        return f"{change.kind:32} {whose(change.tool, change.reviewer)}{coloured}"
    return describe(change.kind, change.tool, change.reviewer, change.field, change.old, change.new)


def render_entry(entry: FeedEntry, *, indent: str, site: str = "") -> str:
    """A feed entry: its time beside each of its pages (the ``site`` part left out),
    then its changes."""
    when = stamp(entry.detected_at)
    pages = [url.removeprefix(site) for url in entry.urls]
    lines = [f"{indent}{when}  {pages[0]}"]
    lines += [f"{indent}{' ' * len(when)}  {page}" for page in pages[1:]]
    lines += [f"{indent}    {render_change(change)}" for change in entry.changes]
    return "\n".join(lines)


_COLOURS = {"-": "red", "+": "green"}


def show(value: Any) -> str:
    if value is None:
        return "(none)"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...") if isinstance(value, str) else text


_RELATIVE = re.compile(r"^(\d+)\s*([mhdw])$")


def parse_when(text: str) -> datetime:
    """An ISO date/time, or an age such as 30m, 6h, 3d, 2w (ago)."""
    relative = _RELATIVE.match(text.strip())
    if relative:
        unit = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[relative[2]]
        return datetime.now(UTC) - timedelta(**{unit: int(relative[1])})
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r}: expected an ISO date/time (2026-11-01) or an age (6h, 3d)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ")


def parse_source(page: Source, url: str | None, source: str) -> ComparisonPage:
    """A page read from ``source``; a file that names no address of its own is named
    in the error instead: "saved.html: reviews: expected ...", not "<page>: ..."."""
    try:
        return parse_page(page.body, url, charset=page.charset)
    except ParseError as error:
        if error.url is not None:
            raise
        raise ParseError(source, error.field, error.expected, error.found) from None


class Source(NamedTuple):
    """A page read from a file or fetched from an http(s) URL."""

    body: bytes
    url: str | None  # the URL it was fetched from
    charset: str | None  # its Content-Type header's


def read_source(source: str) -> Source:
    if source.startswith(("http://", "https://")):
        fetched = fetch_once(source)
        return Source(fetched.body, source, fetched.charset)
    path = Path(source)
    if not path.is_file():
        raise click.BadParameter(f"no such file: {source}", param_hint="SOURCE")
    return Source(path.read_bytes(), None, None)


def summary(page: ComparisonPage) -> str:
    lines = [page.title, f"  {page.url or '(no URL)'}", ""]
    for tool in page.tools:
        panel = tool.panel
        community = tool.community.text or "—"
        lines += [
            f"{tool.name}  [{tool.slug}]  {tool.category or ''}",
            f"  panel: {panel.verdict} · {panel.ship} ship / {panel.skip} skip ({panel.ship_pct}%)",
            f"  community: {community}",
            f"  pricing ({tool.pricing.model or '—'}): {tool.pricing.text}",
        ]
    lines.append("")
    width = max((len(r.reviewer) for r in page.reviews), default=8)
    for tool in page.tools:
        lines.append(f"Reviews of {tool.name}:")
        for review in page.reviews:
            if review.tool_slug == tool.slug:
                lines.append(
                    f"  {review.reviewer:<{width}}  {review.score:>3}/100 · {review.verdict}"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="panelwatch", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.Abort:
        print("panelwatch: aborted", file=sys.stderr)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except PanelwatchError as error:
        print(f"panelwatch: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
