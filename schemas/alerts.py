"""Alert rules, the documented alert payload, and alerts as the outbox holds them."""

from __future__ import annotations

from datetime import datetime
from fnmatch import fnmatchcase
from typing import Literal

from pydantic import Field

from schemas.changes import CHANGE_KINDS, ChangeKind, FieldChange, Value
from schemas.records import Record
from schemas.watches import WATCH_EVENT_KINDS, WatchEvent, WatchEventKind

# What a rule can alert on: a change to a page's record, or a watch that began failing
# or recovered.
AlertKind = ChangeKind | WatchEventKind
ALERT_KINDS: tuple[str, ...] = (*CHANGE_KINDS, *WATCH_EVENT_KINDS)
DEFAULT_ALERT_KINDS: tuple[AlertKind, ...] = ("pricing_text", "pricing_model", "verdict")
AlertStatus = Literal["pending", "sent", "failed"]


class AlertRule(Record):
    """Which changes alert, and where they go.

    ``channel`` is ``console``, ``webhook+https://...`` (our JSON payload, POSTed), or any
    Apprise URL: ``mailto://``, ``slack://``, ``discord://``, ``ntfy://``, ``tgram://``, ...
    """

    id: int | None = None
    channel: str = Field(min_length=1)
    kinds: tuple[AlertKind, ...] = DEFAULT_ALERT_KINDS
    url_pattern: str | None = None  # a glob: https://shiporskip.io/compare/*cursor*
    tool: str | None = None  # slug or display name
    reviewer: str | None = None
    min_score_delta: int | None = Field(default=None, ge=1)
    min_votes_pct: float | None = Field(default=None, gt=0)
    digest: bool = False  # one message per round instead of one per change

    def matches(self, change: FieldChange, url: str) -> bool:
        if change.kind not in self.kinds:
            return False
        if self.url_pattern and not fnmatchcase(url, self.url_pattern):
            return False
        if self.tool and self.tool.lower() not in (
            (change.tool_slug or "").lower(),
            (change.tool or "").lower(),
        ):
            return False
        if self.reviewer and self.reviewer.lower() != (change.reviewer or "").lower():
            return False
        if change.kind == "score" and self.min_score_delta is not None:
            return _moved(change.old, change.new) >= self.min_score_delta
        if change.kind == "votes" and self.min_votes_pct is not None:
            return _relative_pct(change.old, change.new) >= self.min_votes_pct
        return True

    def matches_event(self, event: WatchEvent) -> bool:
        """A watch that began failing or recovered alerts where the rule names its kind
        and the URL fits; a rule narrowed to a tool or a reviewer is about what pages
        say, and never matches."""
        if event.kind not in self.kinds or self.tool or self.reviewer:
            return False
        return not self.url_pattern or fnmatchcase(event.url, self.url_pattern)


def _moved(old: Value, new: Value) -> float:
    if isinstance(old, int) and isinstance(new, int):
        return abs(new - old)
    return float("inf")  # a score that appears or goes away has moved all the way


def _relative_pct(old: Value, new: Value) -> float:
    if isinstance(old, int) and isinstance(new, int):
        return 100.0 * abs(new - old) / old if old else float("inf")
    if old is None or new is None:
        return float("inf")  # votes appearing or vanishing
    return 0.0  # the shown text alone changed: not a change in the numbers


class DiffPiece(Record):
    op: Literal["=", "-", "+"]
    text: str


class AlertPayload(Record):
    """The JSON object a webhook receives (one per change; a digest wraps a list).

    ``id`` is stable for a change and a rule: receivers can use it to drop duplicates.
    """

    id: str
    kind: AlertKind
    url: str
    tool: str | None
    tool_slug: str | None
    reviewer: str | None
    field: str | None
    old: Value
    new: Value
    diff: list[DiffPiece] | None = None
    detected_at: datetime
    from_version: int | None
    to_version: int


class Alert(Record):
    id: int
    rule_id: int
    channel: str
    digest: bool
    status: AlertStatus
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_error: str | None
    payload: AlertPayload
