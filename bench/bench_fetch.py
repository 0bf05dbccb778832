"""Fetching and check rounds against the replica site on 127.0.0.1.

    .venv/bin/python bench/bench_fetch.py [--pages 1000] [--repeat 3]

The replica runs in its own process (its work must not sit on the measured one). In one
run: bare httpx fetching with its default transport and with the aiohttp transport, at
concurrency 1 and 32; then a check round over every page end to end (fetch -> parse ->
store) and an unchanged round (all 304), with their ratios; and the peak RSS. CPU time
of this process and of the replica's is printed beside each timed step: it says which
side the time was spent on.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx

from db import Store
from parsers import discover_links
from scraper.fetch import make_client
from scraper.pipeline import check_round
from scraper.settings import FetchSettings

ROOT = Path(__file__).resolve().parents[1]


async def bare_fetch(
    urls: list[str],
    settings: FetchSettings,
    concurrency: int,
    *,
    etags: dict[str, str] | None = None,
    seen: dict[str, str] | None = None,
) -> float:
    """Pages/s for plain GETs through the same client the fetcher uses. With ``etags``,
    conditional GETs that the replica answers with 304; ``seen`` collects each page's
    ETag."""
    client = make_client(replace(settings, concurrency=concurrency))
    slots = asyncio.Semaphore(concurrency)

    async def get(url: str) -> None:
        async with slots:
            headers = {"If-None-Match": etags[url]} if etags else None
            response = await client.get(url, headers=headers)
            assert response.status_code == (304 if etags else 200)
            if seen is not None:
                seen[url] = response.headers["etag"]

    started = time.perf_counter()
    await asyncio.gather(*(get(url) for url in urls))
    elapsed = time.perf_counter() - started
    await client.aclose()
    return len(urls) / elapsed


class CpuClock:
    """CPU seconds of this process and of the replica's, between two readings."""

    def __init__(self, server_pid: int) -> None:
        self.stat = Path(f"/proc/{server_pid}/stat")
        self.started = self.read()

    def read(self) -> tuple[float, float]:
        # fields 14 and 15 of /proc/PID/stat: user and system time in clock ticks
        ticks = self.stat.read_text().rsplit(")", 1)[1].split()[11:13]
        return time.process_time(), sum(map(int, ticks)) / os.sysconf("SC_CLK_TCK")

    def lap(self, pages: int) -> str:
        now = self.read()
        client, server = ((b - a) * 1e3 / pages for a, b in zip(self.started, now, strict=True))
        self.started = now
        return f"CPU per page: client {client:5.2f} ms, replica {server:5.2f} ms"


def check_rounds(
    urls: list[str], settings: FetchSettings, cpu: CpuClock
) -> tuple[float, float, str, str]:
    """A first round over every page (all new) then a second (all 304), in a fresh
    database: (new pages/s, unchanged pages/s, and the CPU of each)."""
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "b.db") as store:

        def clock() -> datetime:
            return datetime.now(UTC)

        started = time.perf_counter()
        first = check_round(store, urls, settings=settings, clock=clock)
        new_rate = len(urls) / (time.perf_counter() - started)
        new_cpu = cpu.lap(len(urls))
        started = time.perf_counter()
        again = check_round(store, urls, settings=settings, clock=clock)
        unchanged_rate = len(urls) / (time.perf_counter() - started)
        unchanged_cpu = cpu.lap(len(urls))
    assert first.new == len(urls), first.summary
    assert again.unchanged == len(urls), again.summary
    return new_rate, unchanged_rate, new_cpu, unchanged_cpu


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--pages", type=int, default=1000)
    options.add_argument("--concurrency", type=int, default=32)
    options.add_argument("--repeat", type=int, default=3, help="round pairs to time")
    args = options.parse_args()
    server = subprocess.Popen(
        [sys.executable, "-m", "scraper.demo.server", "--pages", str(args.pages)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        base = server.stdout.readline().strip()
        sitemap = httpx.get(base + "/sitemap.xml").content
        urls = [u for u in discover_links(sitemap, base) if "-vs-" in u][-args.pages :]
        settings = FetchSettings().local()
        print(f"{len(urls)} pages of about {len(httpx.get(urls[0]).content) // 1024} KB, "
              f"replica on {base} (own process)")  # fmt: skip
        rates = {}
        for transport in ("httpx", "aiohttp"):
            for concurrency in (1, args.concurrency):
                chosen = replace(settings, transport=transport)
                rate = asyncio.run(bare_fetch(urls, chosen, concurrency))
                rates[(transport, concurrency)] = rate
                print(f"  bare fetch, {transport:7s} transport, concurrency {concurrency:2d}: "
                      f"{rate:7.0f} pages/s")  # fmt: skip
        transport = max(("httpx", "aiohttp"), key=lambda t: rates[(t, args.concurrency)])
        chosen = replace(settings, transport=transport, concurrency=args.concurrency)  # type: ignore[arg-type]
        print(f"check round ({transport} transport, concurrency {args.concurrency}), "
              f"fetch -> parse -> store, {args.repeat} times (a fresh database each):")  # fmt: skip
        cpu = CpuClock(server.pid)
        changed_ratios, unchanged_ratios, bares, bares_304 = [], [], [], []
        for _ in range(args.repeat):
            etags: dict[str, str] = {}
            bare = asyncio.run(bare_fetch(urls, chosen, args.concurrency, seen=etags))
            bare_cpu = cpu.lap(len(urls))
            bare_304 = asyncio.run(bare_fetch(urls, chosen, args.concurrency, etags=etags))
            bare_304_cpu = cpu.lap(len(urls))
            bares.append(bare)
            bares_304.append(bare_304)
            changed_rate, unchanged_rate, changed_cpu, unchanged_cpu = check_rounds(
                urls, chosen, cpu
            )
            changed_ratios.append(bare / changed_rate)
            unchanged_ratios.append(unchanged_rate / changed_rate)
            print(f"  bare fetch of the same pages: {bare:7.0f} pages/s   {bare_cpu}")
            print(f"  bare conditional fetch (304): {bare_304:7.0f} pages/s   {bare_304_cpu}")
            print(f"  new round:                    {changed_rate:7.0f} pages/s   {changed_cpu}")
            print(
                f"  unchanged round (all 304):    {unchanged_rate:7.0f} pages/s   {unchanged_cpu}"
            )
            print(f"      round time / bare fetch time {changed_ratios[-1]:4.2f}; "
                  f"unchanged rate / new rate {unchanged_ratios[-1]:4.2f}")  # fmt: skip
        print(f"  median time ratio to bare fetching {statistics.median(changed_ratios):4.2f} "
              "(target <= 2.0)")  # fmt: skip
        print(f"  median unchanged round rate {statistics.median(unchanged_ratios):4.2f}x "
              "the new round's (target >= 3)")  # fmt: skip
        print(f"  peak RSS of this process:     {peak_rss_mb():7.0f} MB (target <= 200)")
        # Both targets at once: a new round at half the bare rate or better, and an
        # unchanged round at 3x that, ask the unchanged round for 1.5x the bare rate.
        print(f"  both targets together ask an unchanged round for >= 1.5x bare fetching: "
              f"{1.5 * statistics.median(bares):.0f} pages/s; bare conditional fetching "
              f"alone gives {statistics.median(bares_304):.0f}")  # fmt: skip
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
