"""How long a command that fetches nothing takes to start and finish, against the same
command with the fetching stack and the page parsers loaded first, as every command
loaded them before they were made to load on use.

    .venv/bin/python bench/bench_cli.py [--runs N]

Each command runs in a process of its own, both ways interleaved run by run (these
machines are noisy), on a demo database made here. The ratio is what counts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from db import Store
from scraper.pipeline import store_body

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {
    "--help": ["--help"],
    "list": ["list"],
    "history URL": ["history", "https://shiporskip.io/compare/a-vs-b"],
    "changes": ["changes", "--limit", "5"],
    "export reviews": ["export", "reviews", "--current"],
}
LAZY = "from scraper.cli import main; main()"
# What loading the CLI loaded until b4f5905: the fetcher (httpx, and rich through it),
# the check rounds, the parsers.
EAGER = "import scraper.fetch, scraper.pipeline, scraper.loop, parsers.registry; " + LAZY


def seconds(code: str, db: Path, args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, "--db", str(db), *args],
        capture_output=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return time.perf_counter() - started


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--runs", type=int, default=11)
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "pw.db"
        seed = (ROOT / "tests/fixtures/pages/comparison/seed-soup.html").read_bytes()
        with Store.open(db) as store:
            for i in range(50):
                store.add_watch(f"https://example.org/compare/p{i}-vs-q", now=datetime.now(UTC))
            page = "https://shiporskip.io/compare/a-vs-b"
            store_body(store, page, seed, fetched_at=datetime.now(UTC))
        print(f"{'command':16s} {'as now':>9s} {'all loaded':>11s}  ratio")
        for name, command in COMMANDS.items():
            lazy, eager = [], []
            for _ in range(args.runs):
                lazy.append(seconds(LAZY, db, command))
                eager.append(seconds(EAGER, db, command))
            now_ms, before_ms = statistics.median(lazy) * 1e3, statistics.median(eager) * 1e3
            print(f"{name:16s} {now_ms:6.0f} ms {before_ms:8.0f} ms  {now_ms / before_ms:.2f}")


if __name__ == "__main__":
    main()
