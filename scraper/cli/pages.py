"""One page at a time: `parse` a file or URL, `ingest` it as a check, `show` a stored version."""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import click

import parsers  # its parsers load when a command first reads a page
from db import page_versions, stored_record
from parsers import normal_url
from schemas import CheckResult, ComparisonPage, ParseError
from scraper.archive import WAYBACK, Capture, archived_copy
from scraper.cli.app import (
    cli,
    fetch_settings,
    kept_spelling,
    one_spelling,
    open_store,
    parse_when,
)
from scraper.cli.render import counted, describe, stamp, summary


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
    """Extract one page (a file, - for standard input, or an http(s) URL) into its record.

    Example: panelwatch parse tests/fixtures/pages/comparison/seed-soup.html --json
    """
    page = read_source(source)
    if show_lines:  # what a page that no longer parses looks like to panelwatch
        for number, line in enumerate(parsers.visible_lines(page.body, charset=page.charset), 1):
            click.echo(f"{number:4d}  {line}")
        return
    record = parse_source(page, url or page.url, source)
    if record.url and (copy := archived_copy(record.url)):  # read as the page it copies
        record = parse_source(page, copy.url, source)
    print_record(record, as_json)


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
    """Store one page (a saved file, - for standard input, or an http(s) URL) as a check
    of its URL.

    A page seen (--at) before the page's last check is read into its place in time. A
    Wayback Machine copy (web.archive.org/web/TIME/URL) is stored as a check of URL,
    seen at TIME unless --at says otherwise.

    Example: panelwatch ingest saved.html --url https://shiporskip.io/compare/a-vs-b
    """
    from scraper.pipeline import store_body  # see scraper.cli's docstring

    said_at = parse_when(seen_at) if seen_at else None
    page = read_source(source)
    url = url or page.url or parse_source(page, None, source).url  # it may link its address
    if not url:
        raise click.UsageError("the page names no URL of its own: pass --url")
    # A Wayback Machine copy is a check of the page it copies, seen when it was taken.
    copy = archived_copy(url)
    moment = said_at or (copy.taken_at if copy else datetime.now(UTC))
    with open_store(ctx, must_exist=False) as store:
        url = kept_spelling(ctx, store, normal_url(copy.url if copy else url))
        last = store.last_checked(url)
        earlier = last is not None and moment < last
        result = store_body(
            store, url, page.body, fetched_at=moment, charset=page.charset, past=earlier
        )
    said = f"{result.outcome}: {url} (version {result.version or '-'})"
    if earlier and last is not None:
        said += (
            f"; seen before the page's last check (at {stamp(last)}): its history is rebuilt"
            " around it, and nothing is alerted"
        )
    click.echo(said)
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
@click.option("--since", help="Only copies taken since then (ISO date/time, or an age: 90d).")
@click.option("--until", help="Only copies taken until then.")
@click.option(
    "--archive",
    envvar="PANELWATCH_ARCHIVE",
    default=WAYBACK,
    show_default=True,
    help="The Wayback Machine, or another archive that answers as it does.",
)
@click.pass_context
def backfill(
    ctx: click.Context, url: str, since: str | None, until: str | None, archive: str
) -> None:
    """Read the copies the Internet Archive keeps of a page into its history.

    Each copy is stored as a check of URL at the time it was taken, in its place among
    the checks already stored; nothing is alerted. Copies are fetched one at a time, as
    the archive's robots.txt and the politeness settings allow.

    Example: panelwatch backfill https://shiporskip.io/compare/a-vs-b --since 2026-01-01
    """
    from scraper.pipeline import backfill as backfill_page  # see scraper.cli's docstring

    first = parse_when(since) if since else None
    last = parse_when(until) if until else None

    def said(capture: Capture, result: CheckResult | None) -> None:
        if result is None:
            line = "read before"
        elif result.version:
            line = f"{result.outcome} (version {result.version})"
        else:
            line = f"{result.outcome}: {result.error}"
        click.echo(f"{stamp(capture.taken_at)}  {line}")

    with open_store(ctx, must_exist=False) as store:
        url = kept_spelling(ctx, store, url)
        done = backfill_page(
            store, url, settings=fetch_settings(ctx), archive=archive, since=first,
            until=last, progress=said,
        )  # fmt: skip
    if not done:
        click.echo(f"the archive has no copies of {url}")
        return
    outcomes = Counter(result.outcome if result else "read before" for _, result in done)
    versions = outcomes["new"] + outcomes["changed"]
    click.echo(
        f"{counted(len(done), 'copy', 'copies')} of {url} in {archive}:"
        f" {counted(versions, 'new version')}, {outcomes['unchanged']:,} unchanged,"
        f" {outcomes['failed']:,} failed, {outcomes['read before']:,} read before"
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
        url = kept_spelling(ctx, store, url)
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


def parse_source(page: Source, url: str | None, source: str) -> ComparisonPage:
    """A page read from ``source``; a file that names no address of its own is named
    in the error instead: "saved.html: reviews: expected ...", not "<page>: ..."."""
    try:
        return parsers.parse(page.body, url, charset=page.charset)
    except ParseError as error:
        if error.url is not None:
            raise
        named = "standard input" if source == "-" else source
        raise ParseError(named, error.field, error.expected, error.found) from None


class Source(NamedTuple):
    """A page read from a file or fetched from an http(s) URL."""

    body: bytes
    url: str | None  # the URL it was fetched from
    charset: str | None  # its Content-Type header's


def read_source(source: str) -> Source:
    if source == "-":  # a capture piped in: `curl -s https://r.jina.ai/URL | panelwatch parse -`
        return Source(sys.stdin.buffer.read(), None, None)
    if source.startswith(("http://", "https://")):
        from scraper.fetch import fetch_once  # see scraper.cli's docstring

        fetched = fetch_once(source)
        return Source(fetched.body, source, fetched.charset)
    path = Path(source)
    if not path.is_file():
        what = "a folder, not a page's file" if path.is_dir() else "no such file"
        raise click.BadParameter(f"{what}: {source}", param_hint="SOURCE")
    try:
        return Source(path.read_bytes(), None, None)
    except OSError as error:  # unreadable: its permissions, a disk error
        raise click.BadParameter(
            f"cannot read {source}: {error.strerror}", param_hint="SOURCE"
        ) from None
