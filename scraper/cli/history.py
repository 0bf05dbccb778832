"""What the database kept: `history`, `diff`, `changes`, `export`, `reparse`."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from db import (
    EXPORT_KINDS,
    REVIEWER_KINDS,
    ExportKind,
    change_feed,
    changes_between,
    export_rows,
    export_tool_rows,
    grouped_feed,
    page_versions,
)
from schemas import CHANGE_KINDS, RowFilter
from scraper.cli.app import cli, kept_spelling, now, one_spelling, open_store, parse_when
from scraper.cli.atom import atom_feed
from scraper.cli.render import counted, render_change, render_entry, stamp


@cli.command()
@click.argument("url", callback=one_spelling)
@click.pass_context
def history(ctx: click.Context, url: str) -> None:
    """List the stored versions of a page.

    Example: panelwatch history https://shiporskip.io/compare/a-vs-b
    """
    with open_store(ctx) as store:
        url = kept_spelling(ctx, store, url)
        versions = page_versions(store, url)
    if not versions:
        raise click.ClickException(f"no versions stored for {url}")
    click.echo(f"{'version':>7}  {'first seen':20}  {'last seen':20}  changes  record")
    for v in versions:
        click.echo(
            f"{v.version:>7}  {stamp(v.seen_at):20}  {stamp(v.last_seen):20}  "
            f"{v.changes:>7}  {v.record_hash[:12]}"
        )


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
        url = kept_spelling(ctx, store, url)
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
    click.echo(f"{url}: version {first} -> {last}, {counted(len(changes), 'change')}")
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
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="Only the latest N edits, each with every page that showed it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option(
    "--atom", "as_atom", is_flag=True, help="Print an Atom feed (newest first) for a feed reader."
)
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
    as_atom: bool,
) -> None:
    """The change feed across all pages, oldest first.

    Example: panelwatch changes --since 7d --kind verdict --reviewer Skeptic
    """
    if as_json and as_atom:
        raise click.UsageError("--json and --atom exclude each other")
    with open_store(ctx) as store:
        found = change_feed(
            store,
            since=parse_when(since) if since else None,
            kinds=kinds,
            url=url and kept_spelling(ctx, store, url),
            tool=tool,
            reviewer=reviewer,
            limit=limit,
        )
    if as_json:
        click.echo(
            json.dumps([c.model_dump(mode="json") for c in found], indent=2, ensure_ascii=False)
        )
        return
    if as_atom:
        # The feed is this database's: its id stays while the file does.
        where = hashlib.sha256(str(Path(ctx.obj["db"]).resolve()).encode()).hexdigest()[:16]
        feed_id = f"urn:panelwatch:feed:{where}"
        click.echo(atom_feed(grouped_feed(found), feed_id=feed_id, now=now()), nl=False)
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
@click.option("--url", callback=one_spelling, help="Only this page's rows.")
@click.option("--tool", help="Only this tool's rows (slug or name).")
@click.option("--reviewer", help="Only this reviewer's rows (reviews and changes).")
@click.option(
    "--current", is_flag=True, help="Only the states the pages show now (not for changes)."
)
@click.pass_context
def export(
    ctx: click.Context,
    dataset: ExportKind,
    fmt: str,
    output: str | None,
    per_tool: bool,
    url: str | None,
    tool: str | None,
    reviewer: str | None,
    current: bool,
) -> None:
    """Export a dataset, a row per state with the dates it was first and last seen:
    reviews (score, verdict, text), tools (name, category, tagline, ...), panels (panel
    verdict and split), pricing (model and text), votes (community); or every change.

    The site shows a tool alike on every comparison it is in; --per-tool makes one row
    of what several pages showed, with the number of pages.

    Example: panelwatch export reviews --tool cursor --reviewer Skeptic --format csv
    """
    if dataset == "changes" and (per_tool or current):
        option = "--per-tool" if per_tool else "--current"
        raise click.UsageError(f"{option} is for the datasets of states, not for changes")
    if reviewer is not None and dataset not in REVIEWER_KINDS:
        kinds = " and ".join(REVIEWER_KINDS)
        raise click.UsageError(f"--reviewer is for {kinds}, not for {dataset}")
    with open_store(ctx) as store:
        read = export_tool_rows if per_tool else export_rows
        only = RowFilter(
            url=url and kept_spelling(ctx, store, url),
            tool=tool,
            reviewer=reviewer,
            current=current,
        )
        columns, rows = read(store, dataset, only)
        with written_whole(output) if output else click.open_file("-", "w") as out:
            count = write_rows(out, fmt, columns, rows)
    if output:
        click.echo(f"wrote {counted(count, dataset + ' row')} to {output}", err=True)


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
    from scraper.pipeline import reparse as reparse_all  # see scraper.cli's docstring

    with open_store(ctx) as store:
        pages, versions = reparse_all(store)
    click.echo(f"re-read {counted(pages, 'stored page')} into {counted(versions, 'version')}")


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
    # A JSON list written row by row, as json.dumps(rows, indent=2) writes it, without
    # holding a whole dataset in memory (a year of reviews is a large list).
    for row in rows:
        item = json.dumps(dict(zip(columns, row, strict=True)), indent=2, ensure_ascii=False)
        out.write(("[\n  " if count == 0 else ",\n  ") + item.replace("\n", "\n  "))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count
