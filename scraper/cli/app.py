"""The `panelwatch` group and what every command shares: the database it opens, URLs
in the database's spelling, times given on the command line. Errors are reported
here, once, as one line naming what went wrong (:func:`main`)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from db import DEFAULT_PATH, Store
from parsers import normal_url
from schemas import PanelwatchError
from scraper.settings import FetchSettings

_OLD_SPELLINGS = "panelwatch.old_spellings"  # ctx.meta: normal spelling -> the kept one


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
    "HTTPS://Site.io/a#top" and "https://site.io/a" are one page. A page kept in an
    older spelling is found by :func:`kept_spelling`."""
    if value is None:
        return None
    if isinstance(value, tuple):
        return tuple(map(normal_url, value))
    return normal_url(value)


def kept_spelling(ctx: click.Context, store: Store, url: str) -> str:
    """``url`` (in the normal spelling) as the database keeps its watch or page.

    Before a9d1344 an address was kept as it was given, spaces and non-ASCII letters
    included (".../compare/a vs b"); such a watch is still checked, and its page stored,
    in that spelling. Any spelling of it finds it, unless its normal spelling is a
    watch or page of its own.
    """
    if store.knows_address(url):
        return url
    if _OLD_SPELLINGS not in ctx.meta:  # once per command: `add` may name a thousand
        ctx.meta[_OLD_SPELLINGS] = {
            normal: kept for kept in store.addresses() if (normal := _normal(kept)) != kept
        }
    return str(ctx.meta[_OLD_SPELLINGS].get(url, url))


def _normal(url: str) -> str:
    try:
        return normal_url(url)
    except ValueError:  # a stored address urlsplit cannot read: no spelling finds it
        return url


def fetch_settings(ctx: click.Context) -> FetchSettings:
    contact = ctx.obj.get("contact")
    return FetchSettings(contact=contact) if contact else FetchSettings()


def now() -> datetime:
    return datetime.now(UTC)


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
