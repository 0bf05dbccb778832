"""`panelwatch parse`, run as a user runs it: the installed console script in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PAGES = Path(__file__).parent / "fixtures" / "pages"


def panelwatch(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("panelwatch", path=str(Path(sys.executable).parent))
    command = [exe] if exe else [sys.executable, "-m", "scraper.cli"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=60, check=False, input=stdin
    )


@pytest.mark.parametrize("case", ["seed-soup", "seed-semantic"])
def test_parse_json_prints_the_golden_record(case: str) -> None:
    done = panelwatch("parse", str(PAGES / "comparison" / f"{case}.html"), "--json")
    assert done.returncode == 0, done.stderr
    golden = json.loads((PAGES / "comparison" / f"{case}.json").read_text())
    assert json.loads(done.stdout) == golden


def test_parse_reads_a_capture_of_visible_text(tmp_path: Path) -> None:
    """Text captured from a page (no markup) reads as the page does; a first line
    "URL: ..." gives its address, as a canonical link does in HTML."""
    golden = json.loads((PAGES / "comparison" / "seed-soup.json").read_text())
    capture = PAGES / "comparison" / "seed-capture.txt"
    done = panelwatch("parse", str(capture), "--url", str(golden["url"]), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == golden
    addressed = tmp_path / "capture.txt"
    addressed.write_text(f"URL: {golden['url']}\n" + capture.read_text(encoding="utf-8"))
    done = panelwatch("parse", str(addressed), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == golden


def test_parse_reads_a_markdown_capture_and_its_address() -> None:
    """Markdown as a reader service gives it: the address comes from its notes."""
    golden = json.loads((PAGES / "comparison" / "seed-soup.json").read_text())
    done = panelwatch("parse", str(PAGES / "comparison" / "seed-markdown.md"), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == golden


def test_parse_reads_standard_input_and_names_it_in_errors() -> None:
    """`-` is standard input, as a capture is piped from a reader service."""
    golden = json.loads((PAGES / "comparison" / "seed-soup.json").read_text())
    markdown = (PAGES / "comparison" / "seed-markdown.md").read_text(encoding="utf-8")
    done = panelwatch("parse", "-", "--json", stdin=markdown)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == golden
    done = panelwatch("parse", "-", stdin="hello\n")
    assert done.returncode == 1
    assert done.stderr.startswith("panelwatch: ParseError: standard input: page: expected")


def test_parse_summary_is_readable() -> None:
    done = panelwatch("parse", str(PAGES / "comparison" / "seed-soup.html"))
    assert done.returncode == 0, done.stderr
    assert "panel: ship · 3 ship / 1 skip (75%)" in done.stdout
    assert "Founder    55/100 · skip" in done.stdout


def test_parse_error_is_one_line_and_exit_1() -> None:
    done = panelwatch(
        "parse",
        str(PAGES / "broken" / "no-scorecard.html"),
        "--url",
        "https://x.test/compare/a-vs-b",
    )
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "panelwatch: ParseError: https://x.test/compare/a-vs-b: reviews: "
        'expected a "Reviewer scorecard" section ("NN/100 · ship" scores) after the Decision grid'
    ]


def test_a_file_without_an_address_is_named_in_the_error(tmp_path: Path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_text("<html><body><p>Nothing to see</p></body></html>")
    done = panelwatch("parse", str(saved))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"panelwatch: ParseError: {saved}: page: expected a page panelwatch can read"
        " (comparison), found 'no known layout'"
    ]


def test_parse_lines_shows_what_a_failing_page_looks_like() -> None:
    """A page that fails to parse still shows its visible lines, numbered, to find out why."""
    page = PAGES / "broken" / "no-pricing.html"
    assert panelwatch("parse", str(page)).returncode == 1
    done = panelwatch("parse", str(page), "--lines")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("   1  ")
    assert "Plans" in [line[6:] for line in lines]  # the renamed "Pricing" row's label
    assert not any("<" in line or "css-" in line for line in lines)  # no markup, no classes


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    done = panelwatch("parse", "no/such/page.html")
    assert done.returncode == 2
    assert "no such file" in done.stderr
    folder = panelwatch("parse", str(tmp_path))  # it said "no such file" of a folder
    assert folder.returncode == 2
    assert f"a folder, not a page's file: {tmp_path}" in folder.stderr


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
def test_a_file_that_cannot_be_read_is_one_line_not_a_traceback() -> None:
    done = panelwatch("parse", "/proc/self/mem")  # a file whose reading fails (EIO)
    assert done.returncode == 2
    assert "cannot read /proc/self/mem: Input/output error" in done.stderr
    assert "Traceback" not in done.stderr


def test_non_http_url_is_refused() -> None:
    done = panelwatch("parse", "https://")
    assert done.returncode == 1
    assert "http:// or https://" in done.stderr
