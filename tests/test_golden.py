"""Golden pairs: each fixture page must give exactly its expected record, field for field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from parsers import parse, parse_compare_text
from schemas import ComparisonPage, ParseError

PAGES = Path(__file__).parent / "fixtures" / "pages"
CASES = sorted(path.stem for path in (PAGES / "comparison").glob("*.html"))


def expected(case: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((PAGES / "comparison" / f"{case}.json").read_text())
    return data


def test_fixture_set_is_complete() -> None:
    wanted = {
        "seed-soup", "seed-semantic", "skip-verdict", "split-panel", "community-votes",
        "reviewer-missing", "reviewer-missing-by-tool", "three-tools", "noisy-whitespace",
        "same-display-name",
    }  # fmt: skip
    assert wanted <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_page_gives_its_golden_record(case: str) -> None:
    html = (PAGES / "comparison" / f"{case}.html").read_bytes()
    record = parse(html)
    assert record.model_dump(mode="json") == expected(case)


@pytest.mark.parametrize(("case", "element"), [("seed-semantic", "main"), ("seed-soup", "div")])
def test_one_element_of_the_page_gives_its_golden_record(case: str, element: str) -> None:
    """What a browser's "Copy outerHTML" gives of the element holding the page: no
    <html> or <body> to close, so it read as a cut-off page. It is whole where it ends by
    closing the element it opens with; cut off at any tag, it still fails."""
    html = (PAGES / "comparison" / f"{case}.html").read_text(encoding="utf-8")
    start = html.index(f"<{element}", html.index("<body"))
    end = html.rindex(f"</{element}>") + len(f"</{element}>")
    fragment = html[start:end]
    golden = expected(case)
    assert parse(fragment, str(golden["url"])).model_dump(mode="json") == golden
    cuts = [match.end() for match in re.finditer(">", fragment)][:-1:7]
    for cut in cuts:
        with pytest.raises(ParseError, match="an element not closed at the end"):
            parse(fragment[:cut], str(golden["url"]))


@pytest.mark.parametrize("case", CASES)
def test_golden_json_is_a_valid_record(case: str) -> None:
    ComparisonPage.model_validate(expected(case))


def test_both_seed_markups_agree() -> None:
    assert expected("seed-soup") == expected("seed-semantic")
    assert expected("hand-written-app-seed") == expected("seed-soup")
    soup = parse((PAGES / "comparison" / "seed-soup.html").read_bytes())
    semantic = parse((PAGES / "comparison" / "seed-semantic.html").read_text())
    assert soup == semantic


def test_seed_figures_match_the_real_page() -> None:
    """Spot values read off ../shared/site/seed-compare.txt by eye."""
    record = ComparisonPage.model_validate(expected("seed-soup"))
    claude, mistral = record.tools
    assert (claude.panel.verdict, claude.panel.ship, claude.panel.skip, claude.panel.ship_pct) == (
        "ship", 4, 0, 100,
    )  # fmt: skip
    assert (mistral.panel.ship, mistral.panel.skip, mistral.panel.ship_pct) == (3, 1, 75)
    assert mistral.pricing.model == "Paid"
    assert mistral.pricing.text.startswith("API access via mistral.ai — pay-per-token")
    assert claude.community.text == "No community votes yet"
    assert claude.community.ship_pct is None
    scores = {(r.reviewer, r.tool_slug): (r.score, r.verdict) for r in record.reviews}
    assert scores[("Builder", claude.slug)] == (88, "ship")
    assert scores[("Founder", mistral.slug)] == (55, "skip")
    assert len(record.reviews) == 8
    assert not record.reviews[0].text.startswith("“")


@pytest.mark.parametrize(
    "capture",
    [
        # markdownify of the semantic render, under Jina Reader's notes: setext headings,
        # a <dd> as ":   100%", pipe tables, links to the tools, the URL in the notes
        "seed-markdown.md",
        # html2text of the semantic render, wrapped at 78 columns (its default):
        # paragraphs, headings, links and table rows broken over lines, words broken
        # after their hyphens, each table row ended by two spaces, reviews as > quotations
        "seed-markdown-wrapped.md",
        # pandoc's GitHub Markdown of the semantic render: each <div> it could not write
        # as Markdown kept as HTML, on lines of its own between the blocks
        "seed-markdown-pandoc.md",
        # pandoc's GitHub Markdown of the div-soup render: every <div> and <span> kept
        # as HTML, and no Markdown marks but escapes ("\~90%", "\`stream=true\`")
        "seed-markdown-pandoc-soup.md",
    ],
)
def test_seed_markdown_capture_reads_the_same_as_html(capture: str) -> None:
    """Markdown made from the page gives the same record, its slugs from its links.
    Read as plain text, a capture by markdownify gave tools named
    "[Claude 4 API …](/tool/claude-4-api-…)", with slugs to match."""
    golden = expected("seed-soup")
    text = (PAGES / "comparison" / capture).read_text(encoding="utf-8")
    url = None if "URL Source:" in text else str(golden["url"])
    assert parse_compare_text(text, url).model_dump(mode="json") == golden


def test_markdown_with_reference_links_reads_the_same() -> None:
    """ "[Mistral Medium 3.2][2]" with "[2]: /tool/mistral-medium-3-2" at the end, as
    some converters write links: before, a tool was named with its brackets."""
    capture = (PAGES / "comparison" / "seed-markdown.md").read_text(encoding="utf-8")
    targets: list[str] = []

    def by_reference(link: re.Match[str]) -> str:
        targets.append(link[2])
        return f"[{link[1]}][{len(targets)}]"

    body = re.sub(r"\[([^\]]*)\]\(([^)\s]*)\)", by_reference, capture)
    notes = "".join(f"[{n}]: {target}\n" for n, target in enumerate(targets, 1))
    assert len(targets) > 2
    record = parse_compare_text(f"{body}\n\n{notes}")
    assert record.model_dump(mode="json") == expected("seed-soup")


def test_markdown_with_a_tooltip_after_a_linked_name_reads_the_same() -> None:
    """A converter keeps a tooltip's text, which a browser shows only on hover, run into
    the link before it: "[Mistral Medium 3.2](/tool/mistral-medium-3-2)Checked by the
    vendor." was stored as the tool's name. A sentence after the link whose text the
    grid shows as the name is not part of the name."""
    capture = (PAGES / "comparison" / "seed-markdown.md").read_text(encoding="utf-8")
    link = "[Mistral Medium 3.2](/tool/mistral-medium-3-2)\n"
    assert capture.count(link) == 1
    tooltip = capture.replace(link, link[:-1] + "Checked by the vendor last week.\n")
    assert parse_compare_text(tooltip).model_dump(mode="json") == expected("seed-soup")


def test_markdown_whose_table_rows_are_broken_fails_naming_the_row() -> None:
    """A table row broken over two lines, without html2text's two spaces at each row's
    end to say where rows end, leaves the grid's cells in the wrong rows: an error, not
    a misread."""
    capture = (PAGES / "comparison" / "seed-markdown.md").read_text(encoding="utf-8")
    pricing = "| Pay-as-you-go API tokens; prompt caching at reduced per-token rate"
    assert pricing in capture
    wrapped = capture.replace(pricing, pricing[:30] + "\n" + pricing[30:], 1)
    with pytest.raises(ParseError, match=r"decision\.pricing: expected 2 values"):
        parse_compare_text(wrapped)


def test_seed_text_capture_reads_the_same_as_html() -> None:
    """The real page's visible text, as another tool captured it, gives the same record."""
    capture = (PAGES / "comparison" / "seed-capture.txt").read_text(encoding="utf-8")
    golden = expected("seed-soup")
    record = parse_compare_text(capture, str(golden["url"]))
    assert record.model_dump(mode="json") == golden
