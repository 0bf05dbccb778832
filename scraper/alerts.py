"""Delivering queued alerts: console, our JSON webhook, or any Apprise channel.

The outbox (db/outbox.py) holds every alert until it is delivered. A failed delivery is
retried later with backoff; a delivered alert is marked sent and never goes out again.
Webhook receivers get a stable ``id`` (also as the ``Idempotency-Key`` header) so a
retry after a lost acknowledgement can be recognised.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from db import Store, mark_words, whose
from schemas import Alert, AlertDeliveryError, AlertPayload
from scraper.settings import FetchSettings

if TYPE_CHECKING:
    import httpx

WEBHOOK_PREFIX = "webhook+"
Console = Callable[[str], None]


@dataclass(frozen=True)
class Delivery:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    @property
    def summary(self) -> str:
        return f"alerts: {self.sent} sent, {self.retrying} to retry, {self.failed} failed"


def describe(payload: AlertPayload) -> str:
    """One line a person reads: what changed, where."""
    if payload.kind == "watch_failing":
        return f"{payload.kind}: {payload.new} ({payload.url})"
    if payload.kind == "watch_recovered":
        return f"{payload.kind}: read again ({payload.new}) after: {payload.old} ({payload.url})"
    if payload.diff:
        change = mark_words((piece.op, piece.text) for piece in payload.diff)
    else:
        change = f"{payload.old!r} -> {payload.new!r}"
    return f"{payload.kind}: {whose(payload.tool, payload.reviewer)}{change} ({payload.url})"


def _message(alerts: list[Alert]) -> tuple[str, str]:
    if len(alerts) == 1:
        payload = alerts[0].payload
        return f"panelwatch: {payload.kind} on {payload.tool or payload.url}", describe(payload)
    lines = [f"- {describe(alert.payload)}" for alert in alerts]
    return f"panelwatch: {len(alerts)} changes", "\n".join(lines)


def _webhook_body(alerts: list[Alert], digest: bool) -> tuple[str, bytes]:
    if not digest:
        payload = alerts[0].payload
        return payload.id, payload.model_dump_json().encode()
    key = "panelwatch-digest-" + "-".join(str(alert.id) for alert in alerts)
    body = {"id": key, "alerts": [json.loads(a.payload.model_dump_json()) for a in alerts]}
    return key, json.dumps(body).encode()


class Sender:
    """Sends alerts through their channels; reuses one HTTP client for webhooks."""

    def __init__(self, console: Console, settings: FetchSettings | None = None) -> None:
        self.console = console
        self.settings = settings or FetchSettings()
        self.client: httpx.Client | None = None  # made for the first webhook

    def close(self) -> None:
        if self.client is not None:
            self.client.close()

    def __enter__(self) -> Sender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(self, channel: str, alerts: list[Alert], *, digest: bool = False) -> None:
        """Deliver alerts (one, or a digest) or raise AlertDeliveryError."""
        if channel == "console":
            title, body = _message(alerts)
            self.console(f"ALERT {title}\n  {body.replace(chr(10), chr(10) + '  ')}")
        elif channel.startswith(WEBHOOK_PREFIX):
            self._webhook(channel.removeprefix(WEBHOOK_PREFIX), alerts, digest)
        else:
            self._apprise(channel, alerts)

    def _webhook(self, url: str, alerts: list[Alert], digest: bool) -> None:
        import httpx  # only webhook rules pay for its import (`alerts` lists without it)

        if self.client is None:
            self.client = httpx.Client(
                timeout=self.settings.timeout, headers={"User-Agent": self.settings.user_agent}
            )
        key, body = _webhook_body(alerts, digest)
        headers = {"Content-Type": "application/json", "Idempotency-Key": key}
        try:
            # Only the status counts. The body is left unread: a receiver sending it
            # slowly, or without end, would otherwise hold every delivery after it.
            with self.client.stream("POST", url, content=body, headers=headers) as response:
                pass
        except httpx.HTTPError as error:
            raise AlertDeliveryError(_redact(url), f"{type(error).__name__}: {error}") from error
        if not response.is_success:
            raise AlertDeliveryError(
                _redact(url),
                f"receiver answered HTTP {response.status_code}",
                status=response.status_code,
            )

    def _apprise(self, channel: str, alerts: list[Alert]) -> None:
        import apprise  # only rules that use it pay for its import

        notifier = apprise.Apprise()
        if not notifier.add(channel):
            raise AlertDeliveryError(_redact(channel), "not a channel URL Apprise understands")
        title, body = _message(alerts)
        if not notifier.notify(title=title, body=body):
            raise AlertDeliveryError(_redact(channel), "Apprise could not deliver (see its log)")


def _redact(channel: str) -> str:
    """Channel and webhook URLs carry tokens and passwords (Slack's and Discord's
    webhooks hold theirs in the path): errors, stored and printed, show only the
    scheme and host."""
    scheme, _, rest = channel.partition("://")
    host = rest.split("@")[-1].split("/")[0].split("?")[0]
    return f"{scheme}://{host}/…"


def deliver_pending(
    store: Store, sender: Sender, now: datetime, *, gather: timedelta = timedelta(0)
) -> Delivery:
    """Send every alert that is due; record each outcome. Digest rules send one message
    per channel for all their due alerts, once one has waited ``gather`` (see
    :func:`db.outbox.due_alerts`)."""
    due = store.claim_due_alerts(now, gather=gather)
    groups: dict[tuple[str, int | None], list[Alert]] = {}
    for alert in due:
        key = (alert.channel, alert.rule_id if alert.digest else -alert.id)
        groups.setdefault(key, []).append(alert)
    sent = retrying = failed = 0
    for (channel, _), alerts in groups.items():
        ids = [alert.id for alert in alerts]
        try:
            sender.send(channel, alerts, digest=alerts[0].digest)
        except AlertDeliveryError as error:
            store.mark_attempt_failed(ids, now, str(error))
            gave_up = [a for a in store.alerts("failed") if a.id in ids]
            failed += len(gave_up)
            retrying += len(ids) - len(gave_up)
            continue
        store.mark_sent(ids, now)
        sent += len(ids)
    return Delivery(sent, retrying, failed)
