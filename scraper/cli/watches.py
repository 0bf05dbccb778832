"""Watches and checking them: `add`, `list`, `remove`, `check` (one round now) and `run`
(the scheduler)."""

from __future__ import annotations

import json
import re
import sys
import threading
from collections.abc import Mapping
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import click

from db import Store
from parsers import is_compare_url
from schemas import CheckResult, RoundReport, Watch
from scraper.cli.alerting import send_alerts
from scraper.cli.app import cli, fetch_settings, kept_spelling, now, one_spelling, open_store
from scraper.cli.render import check_line, counted, problems, stamp
from scraper.robots import kept_crawl_delays
from scraper.schedule import Runner, is_due, overloaded_hosts, single_runner, trigger_for
from scraper.settings import FetchSettings, check_url

# How `list` says an outcome that is not a plain word (--json keeps the stored one).
_SAID = {"not_modified": "unchanged, 304"}
_EVERY = re.compile(r"^(\d+)\s*([smhdw])$")


def parse_every(text: str) -> int:
    """``6h`` -> 21600 seconds."""
    match = _EVERY.match(text.strip())
    if not match or int(match[1]) == 0:
        raise click.BadParameter(f"{text!r}: expected an interval such as 30m, 6h or 1d")
    return int(match[1]) * {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[match[2]]


@cli.command()
@click.argument("urls", nargs=-1, required=True, callback=one_spelling)
@click.option("--every", help="Check on an interval: 30m, 6h, 1d (default 6h).")
@click.option("--cron", help='Check on a cron schedule, e.g. "0 */6 * * *" (UTC).')
@click.option(
    "--discover/--no-discover",
    default=None,
    help="Each URL is a sitemap, a robots.txt naming sitemaps, or an index page: watch "
    "the comparison pages it leads to, and look again on the same schedule.",
)
@click.pass_context
def add(
    ctx: click.Context,
    urls: tuple[str, ...],
    every: str | None,
    cron: str | None,
    discover: bool | None,
) -> None:
    """Watch pages (or, with --discover, every comparison page a sitemap/index links to).

    On a URL already watched, only what is given changes. The pages a sitemap found
    follow its schedule, unless given one of their own. Every URL is checked before any
    is added: one that is not http(s) adds none.

    Example: panelwatch add https://shiporskip.io/sitemap.xml --discover --every 12h
    """
    if every and cron:
        raise click.UsageError("--every and --cron exclude each other")
    urls = tuple(dict.fromkeys(urls))  # a URL given twice is one watch
    for url in urls:
        check_url(url)
    seconds = parse_every(every) if every else None
    if cron:
        trigger_for(Watch(url=urls[0], cron=cron, added_at=datetime.now(UTC)))  # validates
    with open_store(ctx, must_exist=False) as store:
        urls = tuple(dict.fromkeys(kept_spelling(ctx, store, url) for url in urls))
        added = {
            url: store.add_watch(
                url, now=datetime.now(UTC), every_seconds=seconds, cron=cron, discover=discover
            )
            for url in urls
        }
        if discover:
            from scraper.pipeline import discover_now  # see scraper.cli's docstring

            found, errors = discover_now(store, urls, settings=fetch_settings(ctx), clock=now)
            for error in errors:
                click.echo(f"  {error}", err=True)
            sources = urls[0] if len(urls) == 1 else counted(len(urls), "source")
            click.echo(f"discovered {counted(len(found), 'new comparison page')} from {sources}")
        watches = store.watches()
        delays = crawl_delays(store, watches, fetch_settings(ctx))
    schedules = {w.url: w.schedule + (", discovery" if w.discover else "") for w in watches}
    for url, new in added.items():
        if new:
            click.echo(f"watching {url}")
            if not discover and (note := _page_address_note(url)):
                click.echo(f"note: {url}: {note}", err=True)
        elif seconds is None and cron is None and discover is None:
            click.echo(f"already watching {url} ({schedules[url]})")
        else:
            click.echo(f"updated {url} ({schedules[url]})")
    warn_of_overload(watches, fetch_settings(ctx), delays)


def _page_address_note(url: str) -> str | None:
    """What to say of a page watch whose address is no comparison page's: a sitemap
    watched as a page fails at every check, and so does a tool or reviewer page."""
    path = urlsplit(url).path.lower()
    if path.endswith((".xml", ".xml.gz", "/robots.txt")):
        return "a sitemap or robots.txt is read as a page; `--discover` watches the pages it lists"
    if is_compare_url(url):
        return None
    return (
        "not a comparison page's address (/compare/A-vs-B): it is read if it shows a"
        " comparison, and fails its checks otherwise"
    )


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
        delays = crawl_delays(store, every, fetch_settings(ctx))
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
        outcome = _SAID.get(watch.last_outcome or "", watch.last_outcome)
        state = "FAILING" if watch.failing else (outcome or "never checked")
        click.echo(
            f"{watch.url}\n    {watch.schedule}{' (discovery)' if watch.discover else ''}; "
            f"last check {stamp(watch.last_checked) if watch.last_checked else '-'} ({state}); "
            f"last change {stamp(watch.last_changed) if watch.last_changed else '-'}; "
            + counted(watch.consecutive_failures, "failure in a row", "failures in a row")
        )
        if watch.last_error and watch.last_outcome in ("failed", "skipped"):
            click.echo(f"    {watch.last_error}")
        if watch.moved_to:
            click.echo(
                f"    moved for good to {watch.moved_to} (its history stays here;"
                " `panelwatch add` the new address to watch it there)"
            )
    click.echo(_tally(every, failing))
    warn_of_overload(every, fetch_settings(ctx), delays)


def _tally(watches: list[Watch], failing_only: bool) -> str:
    """The last line of `list`: with hundreds of watches, the state of all at a glance."""
    failing = sum(w.failing for w in watches)
    if failing_only:
        return f"{counted(failing, 'failing watch', 'failing watches')} of {len(watches):,}"
    never = sum(w.last_checked is None for w in watches)
    return (
        f"{counted(len(watches), 'watch', 'watches')}: {failing:,} failing, {never:,} never checked"
    )


@cli.command()
@click.argument("urls", nargs=-1, required=True, callback=one_spelling)
@click.pass_context
def remove(ctx: click.Context, urls: tuple[str, ...]) -> None:
    """Stop watching URLs (their history stays).

    Example: panelwatch remove https://shiporskip.io/compare/a-vs-b
    """
    removed: list[str] = []
    missing: list[str] = []
    with open_store(ctx) as store:
        for url in dict.fromkeys(urls):
            kept = kept_spelling(ctx, store, url)
            (removed if store.remove_watch(kept) else missing).append(kept)
    for url in removed:
        click.echo(f"removed {url}")
    if missing:
        raise click.ClickException("not watching " + ", ".join(missing))


@cli.command()
@click.argument("urls", nargs=-1, callback=one_spelling)
@click.option("--all", "check_all", is_flag=True, help="Check every watch, due or not.")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only the pages that failed, or were skipped and were not at their last"
    " check, and why (for cron, which mails what a job prints).",
)
@click.pass_context
def check(ctx: click.Context, urls: tuple[str, ...], check_all: bool, quiet: bool) -> None:
    """Run one check round now: due watches, the URLs named, or --all.

    Example: panelwatch check --all
    """
    # A round of due watches (or --all) is what `run` does: one at a time per database.
    scheduled = nullcontext() if urls else single_runner(ctx.obj["db"], "check")
    with open_store(ctx, must_exist=bool(not urls)) as store, scheduled:
        urls = tuple(kept_spelling(ctx, store, url) for url in urls)
        watches = store.watches()
        # A page robots.txt keeps us from stays skipped: said once, not every round.
        skipped_before = (
            {w.url: w.last_error for w in watches if w.last_outcome == "skipped"} if quiet else {}
        )
        report = run_round(store, ctx, watches, urls, check_all, quiet=quiet)
        if not quiet:
            click.echo(report.summary)
        for line in problems(report, skipped_before=skipped_before):
            click.echo(line, err=True)
        if store.rules():
            sent = send_alerts(store)
            if not quiet or sent.failed or sent.retrying:
                click.echo(sent.summary, err=quiet)
    if report.checked and report.failed == report.checked:
        raise click.ClickException("every fetch failed")


def run_round(
    store: Store,
    ctx: click.Context,
    watches: list[Watch],
    urls: tuple[str, ...],
    check_all: bool,
    *,
    quiet: bool,
) -> RoundReport:
    from scraper.pipeline import check_round  # see scraper.cli's docstring

    moment = now()
    settings = fetch_settings(ctx)
    if not quiet:  # a standing note, not news: cron would mail it every round
        warn_of_overload(watches, settings, crawl_delays(store, watches, settings))
    if urls:
        targets, sources = list(urls), []
    else:
        chosen = [w for w in watches if check_all or is_due(w, moment)]
        targets = [w.url for w in chosen if not w.discover]
        sources = [w.url for w in chosen if w.discover]
    total = len(targets) + len(sources)
    if quiet or not sys.stdout.isatty() or total == 0:
        return check_round(store, targets, settings=settings, clock=now, discover_from=sources)
    from rich.progress import Progress  # only a terminal needs it

    with Progress(transient=True) as bar:
        task = bar.add_task("checking", total=len(targets) or None)

        def advance(result: CheckResult) -> None:
            bar.update(task, advance=1, description=result.outcome)

        return check_round(
            store, targets, settings=settings, clock=now, discover_from=sources,
            progress=advance,
        )  # fmt: skip


@cli.command()
@click.option(
    "--resync",
    default=60.0,
    show_default=True,
    help="Seconds between looks for watches added or removed meanwhile.",
)
@click.option(
    "--digest-every",
    default="15m",
    show_default=True,
    help="A --digest rule's alerts go out together once the first has waited this long.",
)
@click.pass_context
def run(ctx: click.Context, resync: float, digest_every: str) -> None:
    """Run the scheduler: every watch on its schedule, until Ctrl-C or SIGTERM.

    Example: panelwatch run
    """
    gather = timedelta(seconds=parse_every(digest_every))
    path = ctx.obj["db"]
    settings = fetch_settings(ctx)
    with open_store(ctx) as store:
        watches = store.watches()
        delays = crawl_delays(store, watches, settings)
    if not watches:
        raise click.ClickException("no watches: add one with `panelwatch add URL`")
    warn_of_overload(watches, settings, delays)
    alerting = threading.Lock()  # two deliveries at once would send an alert twice

    def send_due_alerts(store: Store) -> None:
        with alerting:
            if store.rules() and store.due_alerts(now(), gather):
                click.echo(f"{stamp(now())}  {send_alerts(store, gather).summary}")

    def check_watch(url: str) -> None:
        report = checks.check(url)
        if report is None:
            return
        lines = [check_line(result) for result in report.results]
        if report.discovered is not None:  # a discovery source, over the new pages it found
            found = f"{url}: found {counted(report.discovered, 'new page')}"
            lines = [found, *report.source_errors, *lines]
        for line in lines:
            click.echo(f"{stamp(now())}  {line}")
        with Store.open(path) as store:
            send_due_alerts(store)

    def load() -> list[Watch]:
        with Store.open(path) as store:
            return store.watches()

    def watchlist_version() -> int:
        with Store.open(path) as store:
            return store.watchlist_version()

    def deliver() -> None:
        with Store.open(path) as store:
            send_due_alerts(store)

    from scraper.loop import CheckLoop  # see scraper.cli's docstring

    with single_runner(path, "run"), CheckLoop(path, settings, now) as checks:
        click.echo(
            f"panelwatch run: {counted(len(load()), 'watch', 'watches')} in {path}; Ctrl-C to stop"
        )
        Runner(
            load,
            check_watch,
            resync_seconds=resync,
            housekeeping=deliver,
            report=lambda text: click.echo(f"{stamp(now())}  {text}", err=True),
            workers=settings.concurrency,
            per_host=lambda url: settings.for_url(url).per_host,
            watchlist_version=watchlist_version,
        ).run()
    with Store.open(path) as store:
        unsent = len(store.alerts("pending"))
    if unsent:  # a digest still gathering waits for the next start, or cron's `check`
        click.echo(
            f"{counted(unsent, 'alert')} not sent yet (a digest still gathering, or a delivery"
            " to try again): `panelwatch alerts --send` sends them now (a retry once its wait"
            " is over), as does the next `run` or `check`"
        )
    click.echo("stopped")


def crawl_delays(store: Store, watches: list[Watch], settings: FetchSettings) -> dict[str, float]:
    """The Crawl-delay each watched host's kept robots.txt asks, for the load note."""
    return kept_crawl_delays(store, (watch.url for watch in watches), settings.user_agent)


def warn_of_overload(
    watches: list[Watch], settings: FetchSettings, delays: Mapping[str, float]
) -> None:
    """Say so where a host's watches cannot all be checked on time at its spacing."""
    for load in overloaded_hosts(watches, settings, now(), delays):
        why = "its robots.txt's Crawl-delay" if load.by_robots else "more if its robots.txt asks"
        click.echo(
            f"note: {load.host}: its {load.watches:,} watches together ask for a request every"
            f" {load.asks_every:.1f} s, but it gets one every {load.spacing:g} s at most ({why}),"
            f" so each is checked about {load.behind:.1f}x less often than its schedule says;"
            " longer schedules (`panelwatch add URL --every 24h`) or fewer pages keep to them",
            err=True,
        )
