"""How records, changes and rules read on a terminal."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import click

from db import is_text_change, mark_words, whose, word_diff
from schemas import AlertRule, CheckResult, ComparisonPage, FeedEntry, FieldChange, RoundReport


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A count and its noun, in the singular for one.

    >>> counted(1, "change"), counted(1200, "change"), counted(1, "watch", "watches")
    ('1 change', '1,200 changes', '1 watch')
    """
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def check_line(result: CheckResult) -> str:
    """One page's check as `run` logs it: what came of it, and why where it failed or
    was skipped."""
    url, outcome = result.url, result.outcome
    if outcome in ("failed", "skipped"):
        reason = (result.error or "").removeprefix(f"{url}: ")
        return f"{url}: {outcome}" + (f": {reason}" if reason else "")
    if outcome == "new":
        return f"{url}: new, version {result.version}"
    if outcome == "changed":
        return f"{url}: changed, version {result.version}, {counted(len(result.changes), 'change')}"
    return f"{url}: unchanged" + (" (304)" if outcome == "not_modified" else "")


def problems(
    report: RoundReport, limit: int = 10, *, skipped_before: Mapping[str, str | None] | None = None
) -> list[str]:
    """What went wrong in a round, a line each (at most ``limit``, then how many more):
    a summary says how many pages failed, not which or why. A page in ``skipped_before``
    (its last check was skipped, and why) is left out if skipped again for that reason."""
    known = skipped_before or {}
    skipped = (
        r.error or r.url
        for r in report.results
        if r.outcome == "skipped" and (r.url not in known or known[r.url] != r.error)
    )
    lines = [*report.errors, *skipped]
    shown = [f"  {line}" for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"  and {len(lines) - limit:,} more: `panelwatch list` has each one's error")
    return shown


def describe_rule(rule: AlertRule) -> str:
    parts = [",".join(rule.kinds) or "(nothing)"]
    for label, value in (("url", rule.url_pattern), ("tool", rule.tool),
                         ("reviewer", rule.reviewer), ("score moves >=", rule.min_score_delta),
                         ("votes move >= %", rule.min_votes_pct)):  # fmt: skip
        if value is not None:
            parts.append(f"{label} {value}")
    if rule.digest:
        parts.append("digest")
    return f"{'; '.join(parts)} -> {rule.channel}"


def describe(
    kind: str,
    tool: str | None,
    reviewer: str | None,
    field: str | None,
    old: Any,
    new: Any,
    *,
    columns: bool = True,
    limit: int | None = 60,
) -> str:
    """A change as "old -> new". ``columns`` pads its kind into a column for a list of
    them (else "kind: "); ``limit`` shortens long values."""
    label = f"{kind}{f' ({field})' if field and field != kind else ''}"
    return _laid_out(
        label, f"{whose(tool, reviewer)}{show(old, limit)} -> {show(new, limit)}", columns
    )


def render_change(
    change: FieldChange, *, columns: bool = True, colour: bool = True, limit: int | None = 60
) -> str:
    """One change; text fields get a word-level diff, coloured on a terminal unless
    not ``colour``. ``columns`` and ``limit`` as for :func:`describe`."""
    if is_text_change(change.field, change.old, change.new):
        pieces = word_diff(change.old, change.new)  # type: ignore[arg-type]
        style = (lambda op, text: click.style(text, fg=_COLOURS[op])) if colour else None
        marked = mark_words(pieces, style)
        return _laid_out(change.kind, f"{whose(change.tool, change.reviewer)}{marked}", columns)
    return describe(
        change.kind, change.tool, change.reviewer, change.field, change.old, change.new,
        columns=columns, limit=limit,
    )  # fmt: skip


def _laid_out(label: str, said: str, columns: bool) -> str:
    return f"{label:32} {said}" if columns else f"{label}: {said}"


def render_entry(entry: FeedEntry, *, indent: str, site: str = "") -> str:
    """A feed entry: its time beside each of its pages (the ``site`` part left out),
    then its changes."""
    when = stamp(entry.detected_at)
    pages = [url.removeprefix(site) for url in entry.urls]
    lines = [f"{indent}{when}  {pages[0]}"]
    lines += [f"{indent}{' ' * len(when)}  {page}" for page in pages[1:]]
    lines += [f"{indent}    {render_change(change)}" for change in entry.changes]
    return "\n".join(lines)


_COLOURS = {"-": "red", "+": "green"}


def show(value: Any, limit: int | None = 60) -> str:
    """A value as a change shows it: text quoted (cut to ``limit``), None as "(none)"."""
    if value is None:
        return "(none)"
    text = str(value)
    if not isinstance(value, str):
        return text
    return repr(text if limit is None or len(text) <= limit else text[: limit - 3] + "...")


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ")


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
