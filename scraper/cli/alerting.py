"""Alert rules (`alert add|list|remove|test`) and the outbox (`alerts`)."""

from __future__ import annotations

from datetime import timedelta

import click

from db import Store
from schemas import ALERT_KINDS, DEFAULT_ALERT_KINDS, Alert, AlertPayload, AlertRule, DiffPiece
from scraper.alerts import Delivery, Sender, deliver_pending
from scraper.alerts import describe as describe_alert
from scraper.cli.app import cli, now, open_store
from scraper.cli.render import describe_rule, stamp


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
@click.option(
    "--digest",
    is_flag=True,
    help="One message per round (under `run`, every --digest-every) instead of one per change.",
)
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


def send_alerts(store: Store, gather: timedelta = timedelta(0)) -> Delivery:
    with Sender(click.echo) as sender:
        return deliver_pending(store, sender, now(), gather=gather)
