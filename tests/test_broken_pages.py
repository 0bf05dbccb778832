"""Pages that are not what the parser expects raise ParseError naming the field."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from parsers import parse, parse_compare_page
from schemas import ComparisonPage, PanelwatchError, ParseError

BROKEN = Path(__file__).parent / "fixtures" / "pages" / "broken"
URL = "https://shiporskip.io/compare/claude-4-api-vs-mistral-medium-3-2"

EXPECTED_FIELD = {
    "truncated": "page",
    "not-found": "tools",
    "layout-changed": "tools",
    "no-scorecard": "reviews",
    "no-pricing": "tools[0].pricing.text",  # the row is there, under another label
    "impossible-score": "reviews[0].score",
    "panel-disagrees": "tools[1].panel",
    "empty-body": "tools",
}


@pytest.mark.parametrize("case", sorted(EXPECTED_FIELD))
def test_broken_page_raises_with_url_and_field(case: str) -> None:
    html = (BROKEN / f"{case}.html").read_bytes()
    with pytest.raises(ParseError) as caught:
        parse_compare_page(html, URL)
    error = caught.value
    assert error.url == URL
    assert error.field.startswith(EXPECTED_FIELD[case])
    assert str(error).startswith(f"{URL}: {error.field}: expected ")


def test_every_broken_fixture_is_covered() -> None:
    assert {p.stem for p in BROKEN.glob("*.html")} == set(EXPECTED_FIELD)


def test_unknown_page_kind_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="a page panelwatch can read"):
        parse(b"<html><body><p>hello</p></body></html>", "https://example.org/about")


@pytest.mark.parametrize("junk", [b"", b"\xff\xfe\x00garbage", b"<<<>>>", "ü" * 1000])
def test_garbage_gives_only_our_errors(junk: bytes | str) -> None:
    with pytest.raises(PanelwatchError):
        parse_compare_page(junk, URL)


def test_mutilated_pages_give_a_full_record_or_a_parse_error(seed_html: bytes) -> None:
    """Cut or drop parts of the page at random: never a crash, never a partial record."""
    rng = random.Random(20261125)
    full = parse_compare_page(seed_html, URL)
    outcomes = {"record": 0, "error": 0}
    for _ in range(150):
        html = bytearray(seed_html)
        start = rng.randrange(len(html))
        del html[start : start + rng.randrange(1, 3000)]
        if rng.random() < 0.5:
            html += b"</body></html>"
        try:
            record = parse_compare_page(bytes(html), URL)
        except ParseError:
            outcomes["error"] += 1
            continue
        outcomes["record"] += 1
        assert isinstance(record, ComparisonPage)
        assert len(record.tools) == len(full.tools)
        assert all(r.text and 0 <= r.score <= 100 for r in record.reviews)
    assert outcomes["error"] > 0
