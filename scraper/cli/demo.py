"""`panelwatch demo`: the replica site watched for a few simulated days."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from db import change_feed, grouped_feed
from schemas import AlertRule
from scraper.alerts import Sender, deliver_pending
from scraper.cli.app import cli, now, open_store
from scraper.cli.render import counted, render_entry

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
            f"\nchange feed ({counted(len(feed), 'change')} on {counted(pages, 'page')};"
            f" {counted(edits, 'edit')}, each listed"
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
