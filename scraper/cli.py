"""The `panelwatch` command. Every command calls a library function; errors are
reported here, once, as one line naming what went wrong."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from parsers import parse as parse_page
from schemas import ComparisonPage, PanelwatchError
from scraper.fetch import Fetcher


@click.group()
@click.version_option(package_name="panelwatch")
def cli() -> None:
    """Watch AI-tool comparison pages and keep every version of what they say."""


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
