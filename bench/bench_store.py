"""Storage growth and ingest speed.

    .venv/bin/python bench/bench_store.py [--pages 1000] [--rounds 20] [--change 0.05]

Three databases in one run: one where nothing changes between rounds (bytes per
unchanged re-check), one where a share of pages change each round (bytes per changed
page, after subtracting the unchanged re-checks), and one where nothing changes but
every response's bytes differ, as with a per-response CSP nonce (bytes per such
re-check: the raw body is kept, as a patch; see db/raw.py), then rebuilt by `reparse`
(time, and the process's peak RSS after it). Then what an alert rule costs where one
edit of a tool reaches every page showing it, as on the real site (each change alerted
looks for an earlier report of the same edit). Ingest is record -> snapshot + entity
history + changes, on one core, timed around Store.record_check only.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from db import Store
from schemas import ALERT_KINDS, AlertRule, ComparisonPage, FetchOutcome
from scraper.pipeline import reparse

PAGES = Path(__file__).resolve().parents[1] / "tests/fixtures/pages/comparison"
SEED = PAGES / "seed-soup.json"
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def make_pages(count: int) -> list[dict[str, Any]]:
    base = ComparisonPage.model_validate_json(SEED.read_text()).model_dump(mode="json")
    pages = []
    for i in range(count):
        data = {**base, "url": f"https://bench.test/compare/tool-{i}-a-vs-tool-{i}-b"}
        data["tools"] = [
            {**tool, "slug": f"tool-{i}-{side}", "name": f"{tool['name']} #{i}"}
            for tool, side in zip(base["tools"], "ab", strict=True)
        ]
        names = {f"{t['slug'][:-2]}": t for t in data["tools"]}
        assert names
        data["reviews"] = [
            {**r, "tool_slug": data["tools"][j % 2]["slug"], "tool": data["tools"][j % 2]["name"]}
            for j, r in enumerate(base["reviews"])
        ]
        pages.append(data)
    return pages


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def db_bytes(store: Store) -> int:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = store.db.execute("PRAGMA page_size").fetchone()[0]
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    free = store.db.execute("PRAGMA freelist_count").fetchone()[0]
    return int((pages - free) * page_size)


def run(path: Path, pages: list[dict[str, Any]], rounds: int, share: float) -> dict[str, float]:
    rng = random.Random(7)
    records = [ComparisonPage.model_validate(p) for p in pages]
    timings = {"new": 0.0, "changed": 0.0, "unchanged": 0.0}
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    with Store.open(path) as store:
        after_first = 0
        for round_no in range(rounds):
            moment = T0 + timedelta(hours=6 * round_no)
            if round_no:
                for i in rng.sample(range(len(records)), int(len(records) * share)):
                    data = records[i].model_dump(mode="json")
                    data["reviews"][round_no % 8]["score"] = (round_no * 7) % 101
                    records[i] = ComparisonPage.model_validate(data)
            for record in records:
                assert record.url is not None
                fetch = FetchOutcome(url=record.url, fetched_at=moment, status=200, size=20000)
                started = time.perf_counter()
                result = store.record_check(fetch, record=record)
                timings[result.outcome] += time.perf_counter() - started
                counts[result.outcome] += 1
            if round_no == 0:
                after_first = db_bytes(store)
        growth = db_bytes(store) - after_first
    return {
        "growth": growth,
        "changed": counts["changed"],
        "unchanged": counts["unchanged"],
        **{f"rate_{k}": counts[k] / timings[k] for k in counts if timings[k]},
        "rate_all": sum(counts.values()) / sum(timings.values()),
    }


def run_noisy(path: Path, pages: list[dict[str, Any]], rounds: int) -> dict[str, float]:
    """Every response differs by a nonce; the record stays the same."""
    html = (PAGES / "seed-soup.html").read_bytes()
    records = [ComparisonPage.model_validate(p) for p in pages]
    kept = 0
    with Store.open(path) as store:
        after_first = 0
        for round_no in range(rounds):
            moment = T0 + timedelta(hours=6 * round_no)
            for i, record in enumerate(records):
                assert record.url is not None
                nonce = f'<head><script nonce="{random.getrandbits(64):x}">{i}</script>'
                body = html.replace(b"<head>", nonce.encode(), 1)
                fetch = FetchOutcome(url=record.url, fetched_at=moment, status=200, size=len(body))
                store.record_check(fetch, record=record, body=body)
                kept += len(body)
            if round_no == 0:
                after_first = db_bytes(store)
        growth = db_bytes(store) - after_first
        # `reparse` over those bodies: each page parsed, then rebuilt on its own
        started = time.perf_counter()
        bodies, _ = reparse(store)
        reparse_seconds = time.perf_counter() - started
    return {
        "growth": growth,
        "rechecks": len(records) * (rounds - 1),
        "body": kept / len(records) / rounds,
        "reparse_bodies": bodies,
        "reparse_seconds": reparse_seconds,
    }


def run_shared_tool(folder: Path, pages: int, rounds: int) -> dict[str, float]:
    """The site shows a tool alike on every comparison it is in: ``pages`` pages of the
    same two tools, and each round one edit (the Skeptic's scores) that reaches all of
    them. Time in record_check without an alert rule, then with one on every kind of
    change (each change looks for an earlier report of the same edit), alternating."""
    base = ComparisonPage.model_validate_json(SEED.read_text()).model_dump(mode="json")

    def scored(score: int) -> ComparisonPage:
        data = {**base, "reviews": [dict(r) for r in base["reviews"]]}
        for review in data["reviews"]:
            if review["reviewer"] == "Skeptic":
                review["score"] = score
        return ComparisonPage.model_validate(data)

    records = [scored(20 + n) for n in range(rounds)]
    kinds = tuple(k for k in ALERT_KINDS if not k.startswith("watch_"))
    seconds = {False: 0.0, True: 0.0}
    alerts = changes = 0
    for attempt, alerting in enumerate((False, True, False, True)):
        with Store.open(folder / f"shared-{attempt}.db") as store:
            if alerting:
                store.add_rule(AlertRule(channel="console", kinds=kinds), now=T0)  # type: ignore[arg-type]
            for round_no, record in enumerate(records):
                moment = T0 + timedelta(hours=6 * round_no)
                for i in range(pages):
                    url = f"https://bench.test/compare/shared-{i}"
                    fetch = FetchOutcome(url=url, fetched_at=moment, status=200, size=20000)
                    started = time.perf_counter()
                    store.record_check(fetch, record=record)
                    seconds[alerting] += time.perf_counter() - started
            if alerting:
                alerts = store.db.execute("SELECT COUNT(*) FROM alerts").fetchone()[0]
                changes = store.db.execute("SELECT COUNT(*) FROM changes").fetchone()[0]
    return {"ratio": seconds[True] / seconds[False], "alerts": alerts, "changes": changes}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--pages", type=int, default=1000)
    options.add_argument("--rounds", type=int, default=20)
    options.add_argument("--change", type=float, default=0.05)
    args = options.parse_args()
    pages = make_pages(args.pages)
    with tempfile.TemporaryDirectory() as folder:
        still = run(Path(folder) / "still.db", pages, args.rounds, 0.0)
        moving = run(Path(folder) / "moving.db", pages, args.rounds, args.change)
        noisy = run_noisy(Path(folder) / "noisy.db", pages[: args.pages // 5], args.rounds)
        shared = run_shared_tool(Path(folder), args.pages // 5, args.rounds)
    per_unchanged = still["growth"] / still["unchanged"]
    per_changed = (moving["growth"] - per_unchanged * moving["unchanged"]) / moving["changed"]
    print(f"{args.pages} pages x {args.rounds} rounds, {args.change:.0%} of pages change per round")
    print(f"  bytes per unchanged re-check: {per_unchanged:7.0f}   (target <= 200)")
    print(f"  bytes per changed page:       {per_changed:7.0f}")
    per_noisy = noisy["growth"] / noisy["rechecks"]
    print(
        f"  bytes per unchanged re-check whose bytes differ (a nonce), body kept: {per_noisy:5.0f}"
        f"   ({noisy['body'] / 1000:.1f} KB bodies; each kept whole, zlib:"
        f" {len(zlib.compress((PAGES / 'seed-soup.html').read_bytes(), 1)):,} bytes each)"
    )
    bodies, seconds = noisy["reparse_bodies"], noisy["reparse_seconds"]
    print(
        f"  reparse of those: {bodies:,} bodies in {seconds:.1f} s ({bodies / seconds:,.0f}"
        f" bodies/s, parsing included); peak RSS of this process {peak_rss_mb():.0f} MB"
    )
    print(
        f"  one tool on {args.pages // 5} pages, one edit a round: an alert rule on every kind"
        f" costs {shared['ratio']:.2f}x the time in record_check without one, and sends"
        f" {shared['alerts']:,} alerts for {shared['changes']:,} changes (each page's page_added,"
        " then one per edit of a tool)"
    )
    print(f"  growth, nothing changing:     {still['growth'] / 1e6:7.2f} MB")
    print(f"  growth, {args.change:.0%} changing:         {moving['growth'] / 1e6:7.2f} MB")
    print(
        f"  ingest records/s on one core: all {moving['rate_all']:6.0f}  "
        f"new {moving['rate_new']:6.0f}  changed {moving['rate_changed']:6.0f}  "
        f"unchanged {moving['rate_unchanged']:6.0f}   (target >= 2000)"
    )


if __name__ == "__main__":
    main()
