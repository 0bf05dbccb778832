"""Watches: which pages panelwatch checks, how often, and how the last checks went."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field, model_validator

from schemas.observations import CheckResult
from schemas.records import Record

DEFAULT_EVERY = 6 * 3600
WatchEventKind = Literal["watch_failing", "watch_recovered"]
WATCH_EVENT_KINDS: tuple[str, ...] = WatchEventKind.__args__  # type: ignore[attr-defined]


class Watch(Record):
    url: str
    every_seconds: int | None = Field(default=None, gt=0)
    cron: str | None = None
    discover: bool = False
    added_at: datetime
    last_checked: datetime | None = None
    last_changed: datetime | None = None
    last_outcome: str | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    failing: bool = False
    moved_to: str | None = None  # its last check was redirected there for good
    found_by: str | None = None  # the discovery source whose schedule it follows

    @model_validator(mode="after")
    def _one_schedule(self) -> Watch:
        if self.every_seconds is not None and self.cron is not None:
            raise ValueError("a watch runs on an interval or on a cron schedule, not both")
        return self

    @property
    def schedule(self) -> str:
        return f"cron {self.cron}" if self.cron else f"every {_duration(self.interval)}"

    @property
    def interval(self) -> int:
        return self.every_seconds or DEFAULT_EVERY


class RoundReport(Record):
    """The outcome counts of one check round."""

    checked: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    discovered: int | None = None  # new pages found, where the round read discovery sources
    results: list[CheckResult] = Field(default_factory=list)  # one per page checked
    source_errors: list[str] = Field(default_factory=list)  # reading discovery sources

    @classmethod
    def of(
        cls,
        results: list[CheckResult],
        errors: list[str] | None = None,
        discovered: int | None = None,
    ) -> RoundReport:
        outcomes = [r.outcome for r in results]
        return cls(
            discovered=discovered,
            checked=len(results),
            new=outcomes.count("new"),
            changed=outcomes.count("changed"),
            unchanged=sum(o in ("unchanged", "not_modified") for o in outcomes),
            failed=outcomes.count("failed"),
            skipped=outcomes.count("skipped"),
            results=results,
            source_errors=list(errors or []),
        )

    @property
    def errors(self) -> list[str]:
        """What failed: the discovery sources' errors, then each failed page's."""
        failed = (r.error or r.url for r in self.results if r.outcome == "failed")
        return [*self.source_errors, *failed]

    @property
    def summary(self) -> str:
        found = ""
        if self.discovered is not None:
            found = f"found {self.discovered} new page{'' if self.discovered == 1 else 's'}; "
        return found + (
            f"checked {self.checked}: {self.new} new, {self.changed} changed, "
            f"{self.unchanged} unchanged, "
            f"{self.failed} failed, {self.skipped} skipped"
        )


def _duration(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


class WatchEvent(Record):
    """A watch marked failing after failed checks in a row, or read again after that:
    what an alert says when a page stops being recorded, or starts again."""

    url: str
    kind: WatchEventKind
    at: datetime
    message: str  # failing: how many checks failed, and the last error; recovered: that error
    outcome: str  # the check that made it so: "failed", or "new", "unchanged", ...
