"""Alert rules and the alert outbox.

Alerts are queued in the same transaction as the changes (or watch events) they report,
so a crash either keeps both or neither; delivery (in scraper/) then marks each one sent once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlite_utils import Database

from db.diff import is_text_change, word_diff
from db.timestamps import to_text
from db.transactions import writing
from schemas import Alert, AlertPayload, AlertRule, DiffPiece, FieldChange, WatchEvent

MAX_ATTEMPTS = 8
# Changes that say something of a tool rather than of one page. The site shows a tool's
# pricing, panel, votes and reviews on every comparison page it is in, so one edit
# there is a change on each watched page that shows the tool: it is alerted once.
_PAGE_KINDS = frozenset({"page_added", "title", "subtitle", "tool_added", "tool_removed"})


def add_rule(db: Database, rule: AlertRule, now: datetime) -> int:
    cursor = db.execute(
        "INSERT INTO alert_rules (channel, kinds, url_pattern, tool, reviewer, min_score_delta,"
        " min_votes_pct, digest, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            rule.channel, ",".join(rule.kinds), rule.url_pattern, rule.tool, rule.reviewer,
            rule.min_score_delta, rule.min_votes_pct, int(rule.digest), to_text(now),
        ],
    )  # fmt: skip
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def load_rules(db: Database) -> list[AlertRule]:
    cursor = db.execute(
        "SELECT id, channel, kinds, url_pattern, tool, reviewer, min_score_delta,"
        " min_votes_pct, digest FROM alert_rules ORDER BY id"
    )
    rules = []
    for row in cursor.fetchall():
        rule_id, channel, kinds, pattern, tool, reviewer, delta, pct, digest = row
        rules.append(
            AlertRule(
                id=rule_id,
                channel=channel,
                kinds=tuple(kinds.split(",")),
                url_pattern=pattern,
                tool=tool,
                reviewer=reviewer,
                min_score_delta=delta,
                min_votes_pct=pct,
                digest=bool(digest),
            )
        )
    return rules


def payload_for(
    change_id: int, rule_id: int, change: FieldChange, url: str, detected_at: datetime,
    from_version: int | None, to_version: int,
) -> AlertPayload:  # fmt: skip
    diff = None
    if is_text_change(change.field, change.old, change.new):
        pieces = word_diff(change.old, change.new)  # type: ignore[arg-type]
        diff = [DiffPiece(op=op, text=text) for op, text in pieces]
    return AlertPayload(
        id=f"panelwatch-change-{change_id}-rule-{rule_id}",
        kind=change.kind, url=url, tool=change.tool, tool_slug=change.tool_slug,
        reviewer=change.reviewer, field=change.field, old=change.old, new=change.new,
        diff=diff, detected_at=detected_at, from_version=from_version, to_version=to_version,
    )  # fmt: skip


def queue_alerts(
    db: Database,
    page_id: int,
    url: str,
    changes: list[FieldChange],
    from_version: int | None,
    to_version: int,
    detected_at: datetime,
) -> int:
    """Queue an alert for every (change, rule) that matches; call inside the check's
    transaction, after the change rows are written. Returns how many were queued."""
    rules = load_rules(db)
    if not rules or not changes:
        return 0
    ids = [
        row[0]
        for row in db.execute(
            "SELECT id FROM changes WHERE page_id = ? AND to_version = ? ORDER BY id",
            [page_id, to_version],
        )
    ]
    queued = []
    for change_id, change in zip(ids, changes, strict=True):
        matching = [rule for rule in rules if rule.matches(change, url)]
        news = _same_news(db, change_id, change, detected_at) if matching else None
        for rule in matching:
            assert rule.id is not None
            if not _alerted(db, rule.id, news):
                payload = payload_for(
                    change_id, rule.id, change, url, detected_at, from_version, to_version
                )
                queued.append((rule, change_id, payload))
    return _insert_alerts(db, "change_id", queued)


class _SameNews(NamedTuple):
    """Where (over ``changes c``) the earlier changes are that said what one change
    says: the changes of the same tool's field, on any page, after the last one that
    left it at another value and before the change itself."""

    where: str
    params: list[Any]


def _same_news(
    db: Database, change_id: int, change: FieldChange, detected_at: datetime
) -> _SameNews | None:
    """None for a change about one page only. Pages checked in one round, or hours
    apart, all report the site's one edit; an edit back and forth (A -> B -> A -> B)
    is news each time it lands."""
    if change.tool_slug is None or change.kind in _PAGE_KINDS:
        return None
    field = "c.tool_slug = ? AND c.kind = ? AND c.field IS ? AND c.reviewer IS ?"
    keys = [change.tool_slug, change.kind, change.field, change.reviewer]
    before = [to_text(detected_at), change_id]
    other = db.execute(
        f"SELECT c.detected_at, c.id FROM changes c WHERE {field}"
        " AND (c.detected_at, c.id) < (?, ?) AND c.new IS NOT ?"
        " ORDER BY c.detected_at DESC, c.id DESC LIMIT 1",
        [*keys, *before, change.new],
    ).fetchone()
    since = list(other) if other is not None else ["", 0]
    return _SameNews(
        f"{field} AND (c.detected_at, c.id) > (?, ?) AND (c.detected_at, c.id) < (?, ?)",
        [*keys, *since, *before],
    )


def _alerted(db: Database, rule_id: int, news: _SameNews | None) -> bool:
    """The rule has an alert for one of the changes that said the same, sent or still
    to be sent (one that failed for good is not taken for news delivered)."""
    if news is None:
        return False
    found = db.execute(
        "SELECT 1 FROM changes c JOIN alerts a ON a.change_id = c.id AND a.rule_id = ?"
        f" AND a.status != 'failed' WHERE {news.where} LIMIT 1",
        [rule_id, *news.params],
    ).fetchone()
    return found is not None


def unlink_alerts(db: Database, page_id: int) -> list[int]:
    """Take a page's alerts off its changes, which are about to be rebuilt under new ids
    (``reparse``); returns their ids for :func:`relink_alerts`. Alerts keep their
    payloads, sent or not: they went out (or will) once, and are not queued again."""
    ids = [
        row[0]
        for row in db.execute(
            "SELECT id FROM alerts WHERE change_id IN (SELECT id FROM changes WHERE page_id = ?)",
            [page_id],
        )
    ]
    db.conn.executemany("UPDATE alerts SET change_id = NULL WHERE id = ?", [(i,) for i in ids])
    return ids


def relink_alerts(db: Database, page_id: int, alert_ids: list[int]) -> None:
    """Point each alert back at the page's rebuilt change that says the same (kind,
    field, tool, reviewer, old, new, time, from its payload); one the new parser no
    longer finds stays unlinked. An earlier report of an edit is then found again, and
    the edit seen on another page is not alerted twice."""
    same = " AND ".join(
        f"c.{column} IS json_extract(alerts.payload, '$.{column}')"
        for column in ("kind", "field", "tool_slug", "reviewer", "old", "new", "detected_at")
    )
    db.conn.executemany(
        f"UPDATE alerts SET change_id = (SELECT c.id FROM changes c WHERE c.page_id = ?"
        f" AND {same} LIMIT 1) WHERE id = ?",
        [(page_id, ident) for ident in alert_ids],
    )


def queue_event_alerts(db: Database, event: WatchEvent, version: int) -> int:
    """Store a watch event and queue an alert for every rule it matches; call inside
    the check's transaction. ``version``: the page's latest, which the event leaves as it
    is. Returns how many alerts were queued."""
    event_id = db.execute(
        "INSERT INTO watch_events (url, kind, at, message, outcome) VALUES (?, ?, ?, ?, ?)",
        [event.url, event.kind, to_text(event.at), event.message, event.outcome],
    ).lastrowid
    rules = [rule for rule in load_rules(db) if rule.matches_event(event)]
    failing = event.kind == "watch_failing"
    queued = []
    for rule in rules:
        payload = AlertPayload(
            id=f"panelwatch-watch-event-{event_id}-rule-{rule.id}",
            kind=event.kind, url=event.url, tool=None, tool_slug=None, reviewer=None,
            field="check", old=None if failing else event.message,
            new=event.message if failing else event.outcome,
            detected_at=event.at, from_version=version, to_version=version,
        )  # fmt: skip
        queued.append((rule, event_id, payload))
    return _insert_alerts(db, "event_id", queued)


def _insert_alerts(
    db: Database, reported: str, queued: list[tuple[AlertRule, int | None, AlertPayload]]
) -> int:
    """Queue (rule, id of what it reports, payload) alerts; ``reported``: the column that
    id goes in, change_id or event_id. One alert per rule and change (or event)."""
    db.conn.executemany(
        f"INSERT OR IGNORE INTO alerts (rule_id, {reported}, channel, status, created_at,"
        " next_attempt_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (rule.id, ident, rule.channel, "pending", to_text(payload.detected_at),
             to_text(payload.detected_at), payload.model_dump_json())
            for rule, ident, payload in queued
        ],
    )  # fmt: skip
    return len(queued)


_ALERT_COLUMNS = (
    "a.id, a.rule_id, a.channel, r.digest, a.status, a.attempts, a.created_at,"
    " a.next_attempt_at, a.sent_at, a.last_error, a.payload"
)


def _alert(row: tuple[Any, ...]) -> Alert:
    ident, rule_id, channel, digest, status, attempts, created, next_at, sent, error, body = row
    return Alert(
        id=ident, rule_id=rule_id, channel=channel, digest=bool(digest), status=status,
        attempts=attempts, created_at=created, next_attempt_at=next_at, sent_at=sent,
        last_error=error,
        payload=AlertPayload.model_validate_json(body),
    )  # fmt: skip


def due_alerts(db: Database, now: datetime, gather: timedelta = timedelta(0)) -> list[Alert]:
    """The pending alerts whose time has come. A digest rule's alerts wait until one
    of them, due, was queued ``gather`` ago or earlier: then all go out as one message.
    `run` has no rounds, and without that wait sent a digest after every check."""
    rows = db.execute(
        "WITH gathered AS (SELECT DISTINCT rule_id FROM alerts WHERE status = 'pending'"
        "  AND next_attempt_at <= :now AND created_at <= :since)"
        f" SELECT {_ALERT_COLUMNS} FROM alerts a JOIN alert_rules r ON r.id = a.rule_id"
        " WHERE a.status = 'pending' AND a.next_attempt_at <= :now"
        " AND (NOT r.digest OR a.rule_id IN gathered) ORDER BY a.id",
        {"now": to_text(now), "since": to_text(now - gather)},
    ).fetchall()
    return [_alert(row) for row in rows]


def claim_due_alerts(
    db: Database, now: datetime, lease: timedelta, gather: timedelta = timedelta(0)
) -> list[Alert]:
    """The due alerts, each held back from every other sender until ``now + lease``:
    `check` and `run` delivering at once must not send one alert twice. A sender that
    dies before it marks them sent leaves them to be sent again when the lease ends."""
    with writing(db):
        due = due_alerts(db, now, gather)
        db.conn.executemany(
            "UPDATE alerts SET next_attempt_at = ? WHERE id = ?",
            [(to_text(now + lease), alert.id) for alert in due],
        )
    return due


def list_alerts(db: Database, status: str | None = None) -> list[Alert]:
    where, params = ("WHERE a.status = ?", [status]) if status else ("", [])
    rows = db.execute(
        f"SELECT {_ALERT_COLUMNS} FROM alerts a JOIN alert_rules r ON r.id = a.rule_id"
        f" {where} ORDER BY a.id",
        params,
    ).fetchall()
    return [_alert(row) for row in rows]


def mark_sent(db: Database, ids: list[int], now: datetime) -> None:
    with writing(db):
        db.conn.executemany(
            "UPDATE alerts SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
            " last_error = NULL WHERE id = ? AND status = 'pending'",
            [(to_text(now), ident) for ident in ids],
        )


def mark_attempt_failed(db: Database, ids: list[int], now: datetime, error: str) -> None:
    """Back off exponentially (30 s, 1 min, 2 min, ... capped at 1 h); give up after
    MAX_ATTEMPTS tries and mark the alert failed."""
    with writing(db):
        for ident in ids:
            attempts = db.execute("SELECT attempts FROM alerts WHERE id = ?", [ident]).fetchone()
            tried = (attempts[0] if attempts else 0) + 1
            wait = min(3600, 30 * 2 ** (tried - 1))
            status = "failed" if tried >= MAX_ATTEMPTS else "pending"
            db.execute(
                "UPDATE alerts SET attempts = ?, status = ?, last_error = ?, next_attempt_at = ?"
                " WHERE id = ?",
                [tried, status, error, to_text(now + timedelta(seconds=wait)), ident],
            )
