"""The one place the stages meet: fetched body -> parse -> store (-> changes)."""

from __future__ import annotations

from datetime import datetime

from db import Store
from parsers import parse
from schemas import CheckResult, ComparisonPage, FetchOutcome, ParseError


def store_body(
    store: Store,
    url: str,
    body: bytes,
    *,
    fetched_at: datetime,
    status: int = 200,
    elapsed_ms: int | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> CheckResult:
    """Parse a fetched page and record the check. A page that does not parse is
    recorded as a failed check (its body kept for ``reparse``); history is untouched."""
    fetch = FetchOutcome(
        url=url,
        fetched_at=fetched_at,
        status=status,
        size=len(body),
        elapsed_ms=elapsed_ms,
        etag=etag,
        last_modified=last_modified,
    )
    try:
        record = parse(body, url)
    except ParseError as error:
        return store.record_check(fetch, body=body, parse_error=str(error))
    return store.record_check(fetch, record=record, body=body)


def reparse(store: Store) -> tuple[int, int]:
    """Rebuild every version from the stored raw pages with the current parsers.

    Returns (pages read, versions written). Nothing is fetched.
    """
    extracted: list[tuple[int, ComparisonPage | None, str | None]] = []
    for fetch_id, url, _, body in store.stored_bodies():
        try:
            extracted.append((fetch_id, parse(body, url), None))
        except ParseError as error:
            extracted.append((fetch_id, None, str(error)))
    return len(extracted), store.rebuild(extracted)
