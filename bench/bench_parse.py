"""Extraction cost of the seed page, against selectolax merely parsing the same bytes.

    .venv/bin/python bench/bench_parse.py [--rounds N]

Both are timed in the same run, interleaved round by round (these machines are noisy),
on one core. The issue's bar: <= 2 ms per page and <= 3x selectolax's own parse time.
Also timed in that run, to show where the time goes: the visible-text step alone (lexbor
parse plus our tree work) and pydantic validation of the finished record alone.

glibc's malloc may hand freed memory back to the OS between two parses, and then take it
back page by page: the bare parse then takes about twice as long (0.11 instead of 0.06
ms here), the extraction only ~30% longer, and whether a process does so is down to
chance. Unless ``--malloc default``, the benchmark turns that off (mallopt) so that runs
compare; the ratio is then the less flattering one.
"""

from __future__ import annotations

import argparse
import ctypes
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from parsers import parse_compare_page
from parsers._dom import visible_text
from schemas import ComparisonPage

PAGES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages" / "comparison"


def per_call(fn: Callable[[], object], batch: int) -> float:
    started = time.perf_counter()
    for _ in range(batch):
        fn()
    return (time.perf_counter() - started) / batch


def steady_malloc() -> bool:
    """Keep freed memory in the process: no trimming of the heap, no mmap per block."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc
        return False
    m_trim_threshold, m_top_pad, m_mmap_threshold = -1, -2, -3
    settings = ((m_trim_threshold, 1 << 30), (m_top_pad, 64 << 20), (m_mmap_threshold, 32 << 20))
    return all(libc.mallopt(option, value) == 1 for option, value in settings)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--rounds", type=int, default=30)
    options.add_argument("--batch", type=int, default=50)
    options.add_argument("--malloc", choices=("steady", "default"), default="steady")
    args = options.parse_args()
    steady = args.malloc == "steady" and steady_malloc()
    print(
        f"malloc: {'steady (no trimming, no mmap per block)' if steady else 'as the system has it'}"
    )
    for case in ("seed-soup", "seed-semantic"):
        html = (PAGES / f"{case}.html").read_bytes()
        # The pipeline always knows the URL it fetched, so no canonical-link lookup.
        url = parse_compare_page(html).url
        parse_compare_page(html, url)  # warm up
        dump = parse_compare_page(html, url).model_dump()
        steps: dict[str, Callable[[], object]] = {
            "parse": lambda html=html: LexborHTMLParser(html),
            "text": lambda html=html: visible_text(html, want_canonical=False),
            "validate": lambda dump=dump: ComparisonPage.model_validate(dump),
            "extract": lambda html=html, url=url: parse_compare_page(html, url),
        }
        times: dict[str, list[float]] = {name: [] for name in steps}
        for _ in range(args.rounds):
            for name, step in steps.items():
                times[name].append(per_call(step, args.batch))
        median = {name: statistics.median(values) for name, values in times.items()}
        base, full = median["parse"], median["extract"]
        ratios = [e / p for e, p in zip(times["extract"], times["parse"], strict=True)]
        print(
            f"{case:14s} {len(html) / 1024:5.1f} KB  selectolax parse {base * 1e3:6.3f} ms  "
            f"extraction {full * 1e3:6.3f} ms/page  ratio {full / base:4.2f}x "
            f"(per-round ratios {min(ratios):.2f}-{max(ratios):.2f})"
        )
        tree_work = median["text"] - base
        reader = full - median["text"] - median["validate"]
        print(
            f"{'':14s} where it goes, as multiples of the parse: lexbor parse 1.00, "
            f"tree work to visible lines {tree_work / base:.2f}, reader {reader / base:.2f}, "
            f"validation {median['validate'] / base:.2f}"
        )


if __name__ == "__main__":
    main()
