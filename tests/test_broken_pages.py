"""Pages that are not what the parser expects raise ParseError naming the field."""

from __future__ import annotations

import random
import re
from html import escape as html_escape
from pathlib import Path

import pytest

from parsers import parse, parse_compare_page
from schemas import ComparisonPage, PanelwatchError, ParseError
from scraper.demo.render import Style, render_compare_page

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
    "script-shell": "page",
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


def test_an_unknown_page_is_named_by_its_title() -> None:
    """A "Not found" page or a bot check read without its URL: its title says which."""
    with pytest.raises(ParseError) as caught:
        parse((BROKEN / "not-found.html").read_bytes())
    assert caught.value.found == "no known layout: a page titled 'Not found'"
    check = b"<html><head><title>Just a moment&hellip;</title></head><body><p>Wait</p></body>"
    with pytest.raises(ParseError) as caught:
        parse(check + b"</html>")
    assert caught.value.found == "no known layout: a page titled 'Just a moment\u2026'"


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (
            (BROKEN / "not-found.html").read_bytes(),
            "0 cards; it opens: 404 / This comparison does not exist (yet). / Back to all verdicts",
        ),
        (
            b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><h1>"
            b"shiporskip.io</h1><h2>Checking if the site connection is secure</h2></body></html>",
            "0 cards; it opens: shiporskip.io / Checking if the site connection is secure",
        ),
        ((BROKEN / "empty-body.html").read_bytes(), "0 cards; the page has no text"),
    ],
)
def test_a_page_with_no_cards_says_how_it_opens(body: bytes, found: str) -> None:
    """A page at a comparison's address that shows no card at all (a "Not found" page
    served as 200, a bot check, a login wall) said only "0 cards", as a changed layout
    does: its first lines say which it is."""
    with pytest.raises(ParseError) as caught:
        parse_compare_page(body, URL)
    assert caught.value.field == "tools"
    assert caught.value.found == found


@pytest.mark.parametrize("junk", [b"", b"\xff\xfe\x00garbage", b"<<<>>>", "ü" * 1000])
def test_garbage_gives_only_our_errors(junk: bytes | str) -> None:
    with pytest.raises(PanelwatchError):
        parse_compare_page(junk, URL)


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (b'{"error": "rate limited"}', "no HTML at all"),  # an API's answer on the page's URL
        (b"# Claude vs Mistral\n\nNotes.", "no HTML at all"),  # a saved Markdown file
        (b"<!DOCTYPE html><html><body><h1>Claude 4 API vs Mis", "a cut-off body"),
        (b"<main><h1>Claude 4 API vs Mis", "an element not closed at the end"),
    ],
)
def test_a_body_that_is_not_html_is_told_from_a_cut_off_one(body: bytes, found: str) -> None:
    """Both once said "a cut-off body", which sent people looking for a network fault."""
    with pytest.raises(ParseError) as caught:
        parse_compare_page(body, URL)
    assert caught.value.found is not None
    assert caught.value.found.startswith(found)


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


def _cut_in_scorecard(html: str, shown: str) -> str:
    """The page cut off just after ``shown`` in its scorecard, its tags closed all the
    same, as a renderer that fails part way or a proxy may leave it."""
    end = html.index(shown, html.index("Reviewer scorecard")) + len(shown)
    return html[:end] + "</body></html>"


SEED = ComparisonPage.model_validate_json(
    (Path(__file__).parent / "fixtures" / "pages" / "comparison" / "seed-soup.json").read_text()
)


@pytest.mark.parametrize(
    ("by_tool", "shown", "field"),
    [
        # the last review on the page stops mid-sentence
        (False, "The primitive here is clean: incremental", "reviews[0].text"),
        (True, "Direct competitors are OpenAI", "reviews[1].text"),
        # a critic's heading with nothing under it
        (False, "<h3>Skeptic", "reviews"),
        # a tool's heading over nothing: once an IndexError rather than a ParseError
        (True, "<h3>Mistral Medium 3.2", "reviews"),
        (True, "<h3>Mistral Medium 3.2</h3><h4>Builder", "reviews"),
    ],
)
def test_a_scorecard_cut_off_inside_a_closed_page_is_an_error(
    by_tool: bool, shown: str, field: str
) -> None:
    html = render_compare_page(SEED, Style(markup="semantic", scorecard_by_tool=by_tool))
    with pytest.raises(ParseError) as caught:
        parse_compare_page(_cut_in_scorecard(html, shown), URL)
    assert caught.value.field == field


def test_a_page_that_ends_with_its_last_whole_review_reads() -> None:
    """Guard: with no footer, the scorecard's last paragraph ends the page."""
    html = render_compare_page(SEED, Style(markup="semantic"))
    html = html[: html.index("<footer>")] + "</body></html>"
    assert parse_compare_page(html) == SEED


@pytest.mark.parametrize(
    ("by_tool", "score"),
    [
        (False, "82/100"),
        (False, "85/100"),
        (True, "82/100"),
        (True, "85/100"),
        (True, "78/100"),
        # a persona's second or last score: its two paragraphs once read as one review
        (False, "78/100"),
        (False, "72/100"),
        (False, "55/100"),
    ],
)
def test_a_review_without_its_score_is_an_error(by_tool: bool, score: str) -> None:
    """A critic's paragraph with no score over it once ended the scorecard there, as if
    another section began, and the reviews after it were dropped without a word.
    Without a persona's second score, its two paragraphs were stored as one review of
    the first tool."""
    html = render_compare_page(SEED, Style(markup="semantic", scorecard_by_tool=by_tool))
    lines = re.findall(rf"<p><b>{score}</b> · (?:ship|skip)</p>", html)
    assert len(lines) == 1
    line = lines[0]
    with pytest.raises(ParseError) as caught:
        parse_compare_page(html.replace(line, ""), URL)
    assert caught.value.field.startswith("reviews")


def test_reviews_of_two_paragraphs_each_read() -> None:
    """Guard: where every review runs over two paragraphs, that is how this page's
    critics write, not a score left out."""
    html = render_compare_page(SEED, Style(markup="semantic"))
    for review in SEED.reviews:
        first, _, rest = review.text.partition(". ")
        assert rest, review.text
        html = html.replace(f"<p>{review.text}</p>", f"<p>{first}.</p><p>{rest}</p>", 1)
    assert parse_compare_page(html) == SEED


def test_reviews_whose_scores_are_not_text_are_an_error() -> None:
    """Scores drawn as images: the only score in the page's text is another section's,
    which must not be read as the page's one review."""
    html = render_compare_page(SEED, Style(markup="semantic"))
    for review in SEED.reviews:
        line = f"<p><b>{review.score}/100</b> · {review.verdict}</p>"
        html = html.replace(line, f"<img alt='' src='/score/{review.score}.svg'>", 1)
    box = "<aside><h2>Trending today</h2><h3>Lumen SQL</h3><p>91/100 · ship</p><p>Fast.</p></aside>"
    html = html.replace("</main>", box + "</main>")
    with pytest.raises(ParseError) as caught:
        parse_compare_page(html, URL)
    assert caught.value.field == "reviews[0].score"


@pytest.mark.parametrize("review", [1, 3, 5])
@pytest.mark.parametrize("verdict_word", [False, True])
def test_a_score_without_its_paragraph_never_takes_the_next_avatar_initial(
    review: int, verdict_word: bool
) -> None:
    """A persona's last score with no paragraph under it, and the next persona's avatar
    initial ("S") after it: the initial was stored as the review's text, with no error."""
    style = Style(markup="soup", initials=True, verdict_word=verdict_word)
    html = render_compare_page(SEED, style)
    text = html_escape(SEED.reviews[review].text)
    paragraph = re.compile(rf"<(p|div|span)[^>]*>“?{re.escape(text)}”?</\1>")
    assert len(paragraph.findall(html)) == 1
    with pytest.raises(ParseError) as caught:
        parse_compare_page(paragraph.sub("", html), URL)
    assert caught.value.field == f"reviews[{review}].text"


def _minified(html: str) -> str:
    """The page as a minifier leaves it: without the end tags HTML lets a page leave
    out (</p>, </li>, </td>, </tr>, </body>, </html>) and the bare <html>, <head> and
    <body> start tags."""
    optional = r"</(?:p|li|td|th|tr|thead|tbody|dt|dd|head|body|html)>|<(?:html|head|body)>"
    return re.sub(optional, "", html)


@pytest.mark.parametrize("markup", ["semantic", "soup"])
def test_a_minified_page_reads_and_a_cut_one_still_fails(markup: str) -> None:
    """A page without its optional end tags was taken for a cut-off body: every page
    of a minified site failed. Whole, every element that must close has closed; cut
    off after any of them, the elements around it have not."""
    html = render_compare_page(SEED, Style(markup=markup, grid_by_tool=markup == "soup"))
    small = _minified(html)
    for left_out in ("</html>", "</body>", "</p>"):
        assert left_out not in small
    assert parse_compare_page(small) == SEED
    ends = [m.end() for m in re.finditer(r"</(?:div|section)>", small)]
    for end in ends[: -8 : max(1, len(ends) // 40)]:
        with pytest.raises(ParseError, match="page: expected a complete HTML document"):
            parse_compare_page(small[:end])
