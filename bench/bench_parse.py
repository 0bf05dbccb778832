"""Extraction cost of the seed page, against selectolax merely parsing the same bytes.

    .venv/bin/python bench/bench_parse.py [--rounds N]

Both are timed in the same run, interleaved round by round (these machines are noisy),
on one core. The issue's bar: <= 2 ms per page and <= 3x selectolax's own parse time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from parsers import parse_compare_page

PAGES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages" / "comparison"


def per_call(fn: Callable[[], object], batch: int) -> float:
    started = time.perf_counter()
    for _ in range(batch):
        fn()
    return (time.perf_counter() - started) / batch


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--rounds", type=int, default=30)
    options.add_argument("--batch", type=int, default=50)
    args = options.parse_args()
    for case in ("seed-soup", "seed-semantic"):
        html = (PAGES / f"{case}.html").read_bytes()
        # The pipeline always knows the URL it fetched, so no canonical-link lookup.
        url = parse_compare_page(html).url
        parse_compare_page(html, url)  # warm up
        only_parse: list[float] = []
        extract: list[float] = []
        for _ in range(args.rounds):
            only_parse.append(per_call(lambda html=html: LexborHTMLParser(html), args.batch))
            extract.append(
                per_call(lambda html=html, url=url: parse_compare_page(html, url), args.batch)
            )
        base, full = statistics.median(only_parse), statistics.median(extract)
        ratios = [e / p for e, p in zip(extract, only_parse, strict=True)]
        print(
            f"{case:14s} {len(html) / 1024:5.1f} KB  selectolax parse {base * 1e3:6.3f} ms  "
            f"extraction {full * 1e3:6.3f} ms/page  ratio {full / base:4.2f}x "
            f"(per-round ratios {min(ratios):.2f}-{max(ratios):.2f})"
        )


if __name__ == "__main__":
    main()
