"""The `panelwatch` command. Every command calls a library function; errors are
reported here, once, as one line naming what went wrong."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import click

from db import (
    DEFAULT_PATH,
    Store,
    change_feed,
    changes_between,
    export_rows,
    page_versions,
    word_diff,
)
from parsers import parse as parse_page
from schemas import CHANGE_KINDS, ComparisonPage, PanelwatchError, StoredChange
from scraper.fetch import Fetcher
from scraper.pipeline import reparse as reparse_all
from scraper.pipeline import store_body

TEXT_FIELDS = {"pricing.text", "text", "description", "tagline", "best_for", "community.text"}


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
@click.pass_context
def cli(ctx: click.Context, db_path: str) -> None:
    """Watch AI-tool comparison pages and keep every version of what they say."""
    ctx.obj = {"db": db_path}


@contextmanager
def open_store(ctx: click.Context, *, must_exist: bool = True) -> Iterator[Store]:
    path = ctx.obj["db"]
    if must_exist and not Path(path).exists():
        raise click.ClickException(
            f"no database at {path}: run `panelwatch demo` or `panelwatch ingest` first"
        )
    with Store.open(path) as store:
        yield store


@cli.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.option("--url", help="The page's address, when SOURCE is a saved file.")
def parse(source: str, as_json: bool, url: str | None) -> None:
    """Extract one page (a file or an http(s) URL) into its record.

    Example: panelwatch parse tests/fixtures/pages/comparison/seed-soup.html --json
    """
    if source.startswith(("http://", "https://")):
        with Fetcher() as fetcher:
            body = fetcher.get(source).body
        url = url or source
    else:
        path = Path(source)
        if not path.is_file():
            raise click.BadParameter(f"no such file: {source}", param_hint="SOURCE")
        body = path.read_bytes()
    record = parse_page(body, url)
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
    if source.startswith(("http://", "https://")):
        with Fetcher() as fetcher:
            body = fetcher.get(source).body
        url = url or source
    else:
        body = Path(source).read_bytes() if Path(source).is_file() else b""
        if not body:
            raise click.BadParameter(f"no such file: {source}", param_hint="SOURCE")
        url = url or parse_page(body).url
        if not url:
            raise click.UsageError("the page names no URL of its own: pass --url")
    with open_store(ctx, must_exist=False) as store:
        result = store_body(store, url, body, fetched_at=moment)
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
@click.argument("url")
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


@cli.command()
@click.argument("url")
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
@click.option("--url", help="Only changes of this page.")
@click.option("--limit", type=int, help="Only the latest N changes.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def changes(
    ctx: click.Context,
    since: str | None,
    kinds: tuple[str, ...],
    url: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """The change feed across all pages, oldest first.

    Example: panelwatch changes --since 7d --kind verdict --kind pricing_text
    """
    with open_store(ctx) as store:
        found = change_feed(
            store, since=parse_when(since) if since else None, kinds=kinds, url=url, limit=limit
        )
    if as_json:
        click.echo(
            json.dumps([c.model_dump(mode="json") for c in found], indent=2, ensure_ascii=False)
        )
        return
    for change in found:
        click.echo(f"{stamp(change.detected_at)}  {change.url}\n    " + render_change(change))
    if not found:
        click.echo("no changes")


@cli.command()
@click.argument("dataset", type=click.Choice(["reviews", "tools", "changes"]))
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
@click.pass_context
def export(ctx: click.Context, dataset: str, fmt: str, output: str | None) -> None:
    """Export a dataset: every review version, tool version or change, with dates.

    Example: panelwatch export reviews --format csv -o reviews.csv
    """
    with open_store(ctx) as store:
        columns, rows = export_rows(store, dataset)  # type: ignore[arg-type]
        with click.open_file(output or "-", "w", encoding="utf-8") as out:
            count = write_rows(out, fmt, columns, rows)
    if output:
        click.echo(f"wrote {count} {dataset} rows to {output}", err=True)


@cli.command()
@click.pass_context
def reparse(ctx: click.Context) -> None:
    """Rebuild all versions from the stored raw pages with the current parser (no fetching).

    Example: panelwatch reparse
    """
    with open_store(ctx) as store:
        pages, versions = reparse_all(store)
    click.echo(f"re-read {pages} stored pages into {versions} versions")


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
    who = " · ".join(part for part in (tool, reviewer) if part)
    label = f"{kind}{f' ({field})' if field and field != kind else ''}"
    return f"{label:32} {who}: {show(old)} -> {show(new)}"


def render_change(change: StoredChange) -> str:
    """One change; text fields get a word-level diff, coloured on a terminal."""
    if change.field in TEXT_FIELDS and isinstance(change.old, str) and isinstance(change.new, str):
        who = " · ".join(part for part in (change.tool, change.reviewer) if part)
        pieces = []
        for op, words in word_diff(change.old, change.new):
            if op == "-":
                pieces.append(click.style(f"[-{words}-]", fg="red"))
            elif op == "+":
                pieces.append(click.style(f"{{+{words}+}}", fg="green"))
            else:
                pieces.append(words)
        return f"{change.kind:32} {who}: " + " ".join(pieces)
    return describe(change.kind, change.tool, change.reviewer, change.field, change.old, change.new)


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
