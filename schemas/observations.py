"""What the scraper tells the store about one check of one page, and what it gets back."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from schemas.changes import FieldChange
from schemas.records import Record

# "discovered": a sitemap or index page was read for the comparison pages it links to.
Outcome = Literal["new", "changed", "unchanged", "not_modified", "failed", "skipped", "discovered"]


class FetchOutcome(Record):
    """One fetch attempt, successful or not. ``error`` set means it failed (or, with
    ``skipped``, was not attempted: robots.txt, say)."""

    url: str
    fetched_at: datetime
    status: int | None = None
    size: int | None = Field(default=None, ge=0)
    elapsed_ms: int | None = Field(default=None, ge=0)
    error: str | None = None
    skipped: bool = False
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # where a permanent redirect (301, 308) led
    charset: str | None = None  # as the Content-Type header gave it


class CheckResult(Record):
    url: str
    outcome: Outcome
    version: int | None = None
    changes: list[FieldChange] = Field(default_factory=list)
    error: str | None = None


class PageVersion(Record):
    """One stored version of a page's record."""

    version: int
    seen_at: datetime
    last_seen: datetime
    record_hash: str
    parser_version: str | None
    changes: int
