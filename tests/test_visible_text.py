"""What counts as visible text: hidden elements, buttons, and pages in other charsets."""

from __future__ import annotations

import re

import pytest
from golden_pages import PAGES, record

from parsers import parse, parse_compare_page, visible_lines
from schemas import ComparisonPage, ParseError
from scraper.demo.render import Style, render_compare_page


def test_hidden_decoys_are_not_read() -> None:
    page = record("seed-soup")
    html = render_compare_page(page, Style(markup="semantic"))
    decoys = (
        "<div style='display: none'><p>0%</p><p>Panel ship</p></div>"
        "<template><p>Reviewer scorecard</p></template>"
        "<div hidden><h3>Builder</h3><p>1/100 · skip</p><p>A hidden review.</p></div>"
        "<span aria-hidden=true>Decision</span>"
        # inline styles as people write them, whatever the case or spacing
        "<p style='color: red; DISPLAY : NONE !important'>Panel ship</p>"
        "<section style='Visibility:Hidden'><p>Reviewer scorecard</p></section>"
    )
    html = html.replace("<main>", "<main>" + decoys, 1)
    assert parse_compare_page(html) == page


def test_control_characters_are_not_text() -> None:
    """A stray control character (a copy-paste leftover) is shown by no browser, but it
    was kept in the record, and then in an Atom feed, which XML cannot hold."""
    page = record("seed-soup")
    pricing = page.tools[0].pricing.text
    html = render_compare_page(page, Style(markup="soup"))
    dirty = pricing.replace("; ", ";\x01 ", 1).replace("tokens", "tok\x7fens", 1)
    assert dirty != pricing
    assert parse_compare_page(html.replace(pricing, dirty, 1)) == page
    assert visible_lines("<p>a\x0bb</p>") == ["a b"]  # a vertical tab is still a space


@pytest.mark.parametrize("markup", ["semantic", "soup"])
@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("left-to-right mark", "\u200e", ""),
        ("right-to-left mark", "", "\u200f"),
        ("first-strong isolate", "\u2068", "\u2069"),  # as i18n libraries wrap values
        ("left-to-right embedding", "\u202a", "\u202c"),
        ("Arabic letter mark", "\u061c", ""),
    ],
)
def test_text_direction_marks_are_not_text(markup: str, name: str, before: str, after: str) -> None:
    """Marks that only steer text direction are shown by no browser. In every text
    node, they made "75%" no share and "Panel ship" no label: the page had no cards."""
    page = record("three-tools")
    html = render_compare_page(page, Style(markup=markup))
    marked = re.sub(r">([^<]*\S)(\s*)<", rf">{before}\1{after}\2<", html)
    assert marked.count(before or after) > 50, name
    assert parse_compare_page(marked) == page


def test_vote_and_share_buttons_are_not_read() -> None:
    page = record("seed-soup")
    html = render_compare_page(page, Style(markup="semantic"))
    controls = "<button>Ship</button><button type=button>Skip</button><button>Share</button>"
    html = html.replace("</article>", controls + "</article>")
    assert parse_compare_page(html) == page


def test_a_broken_page_with_buttons_fails_as_read_without_them() -> None:
    """The page is read again with its buttons' text only when it fails without it; an
    error then still names what the page lacks, not what the buttons made of it."""
    html = (PAGES / "seed-semantic.html").read_text(encoding="utf-8")
    # with its text, this button fails the page elsewhere: a "Panel ship" without a figure
    html = html.replace("<main>", "<main><button>Panel ship</button>")
    html = html.replace(">Panel verdict<", ">Panel mood<")
    with pytest.raises(ParseError) as caught:
        parse_compare_page(html)
    assert caught.value.field == "tools[0].panel"
    assert "Panel verdict" in caught.value.expected


@pytest.mark.parametrize(
    ("declared", "codec"),
    [
        ("<meta charset=windows-1252>", "windows-1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
        ("<meta charset=utf-8>", "utf-8-sig"),  # a byte order mark before it
        ("<meta charset=utf-8>", "utf-16"),  # the byte order mark says UTF-16
    ],
)
def test_a_page_in_the_charset_it_declares_reads_the_same(declared: str, codec: str) -> None:
    """Bytes were always read as UTF-8: a windows-1252 page's "·" and "—" came out as
    "\ufffd" (an error here; replacement marks in a review's text elsewhere), and a UTF-16
    page read as no HTML at all. As browsers do: a byte order mark first, then the
    charset a <meta> declares in the first 1024 bytes (ISO-8859-1 meaning windows-1252)."""
    html = render_compare_page(record("seed-semantic"), Style(markup="semantic"))
    html = html.replace("<meta charset=utf-8>", declared)
    assert html.count(declared) == 1
    encoded = html.encode(codec)
    assert parse_compare_page(encoded) == record("seed-semantic")
    assert parse(encoded) == record("seed-semantic")  # as `ingest` and `check` read it
    assert "Panel ship" in visible_lines(encoded)


@pytest.mark.parametrize(
    ("declared", "codec", "header", "tagline"),
    [
        ("<meta charset=iso-8859-1>", "utf-8", "UTF-8", "Für Teams"),  # a stale template
        ("", "cp1251", "windows-1251", "Для команд"),  # read as windows-1252: garbage
        ("<meta charset=utf-8>", "cp1252", "iso-8859-1", "Für Teams"),
        ("<meta charset=cp1251>", "utf-8-sig", "cp1251", "Для команд"),  # a BOM decides
        ("<meta charset=utf-8>", "cp1252", "UTF-8", "Für Teams"),  # bytes not in it
    ],
)
def test_the_content_type_charset_comes_before_the_meta(
    declared: str, codec: str, header: str, tagline: str
) -> None:
    """Browsers decode a page by a byte order mark, else by the charset of its
    Content-Type header, else by its <meta>; the header's was not used. Where the bytes
    are not in the header's charset, the page is read as it was before."""
    data = record("seed-semantic").model_dump(mode="json")
    data["tools"][0]["tagline"] = tagline
    page = ComparisonPage.model_validate(data)
    html = render_compare_page(page, Style(markup="semantic"))
    html = html.replace("<meta charset=utf-8>", declared)
    encoded = html.encode(codec)
    assert parse(encoded, charset=header) == page
    assert tagline in visible_lines(encoded, charset=header)
    try:
        without_header = parse(encoded)
    except ParseError:
        without_header = None
    assert (without_header == page) is (codec in ("utf-8-sig", "cp1252"))


def test_an_undeclared_windows_1252_page_reads_as_a_browser_reads_it() -> None:
    """No byte order mark, no <meta> charset, and bytes that are not UTF-8 (none of them
    forms a UTF-8 sequence): a browser reads such a page as windows-1252, and so does
    panelwatch, where it once stored "\ufffd" for every "·", "—" and quotation mark. A
    UTF-8 page with one stray byte stays UTF-8: its other characters are right."""
    page = record("seed-semantic")
    html = render_compare_page(page, Style(markup="semantic")).replace("<meta charset=utf-8>", "")
    assert parse_compare_page(html.encode("cp1252")) == page
    stray = html.encode("utf-8").replace(b"<h1>", b"<h1>\xff", 1)
    assert parse_compare_page(stray).reviews == page.reviews


def test_a_visible_styled_element_is_read() -> None:
    page = record("seed-soup")
    html = render_compare_page(page, Style(markup="semantic"))
    # a style that merely mentions "none" or "hidden" hides nothing
    html = html.replace("<main>", "<main style='overflow: hidden; border: none'>", 1)
    assert parse_compare_page(html) == page


def test_an_image_or_a_word_break_inside_a_line_leaves_it_one_line() -> None:
    """An image, a <wbr> or a form field shows no text, so the text either side of it is
    one line, as a browser shows it. Each split a line in two: a tool's name with a logo
    or a <wbr> in it, or a pricing sentence with a checkbox, failed the page."""
    page = record("seed-soup")
    for markup in ("semantic", "soup"):
        html = render_compare_page(page, Style(markup=markup))
        html = html.replace("Mistral Medium", "Mistral Med<wbr>ium")
        html = html.replace("Claude 4 API:", "Claude <img src=/logo.svg alt=''>4 API:")
        html = html.replace("separate tier", "separate <input type=checkbox>tier", 1)
        assert parse_compare_page(html) == page, markup
    assert visible_lines("<p>Great DX <img class=emoji alt='🚀' src=r.png> and docs</p>") == [
        "Great DX and docs"
    ]


def test_tooltips_popovers_closed_dialogs_and_fallback_text_are_not_read() -> None:
    """A browser shows a tooltip only on hover, a popover or a <dialog> only once opened,
    and never the fallback text inside a <progress> or <meter>. Each was read as a line
    of the page: a tooltip beside "Pricing" ran into the pricing row, and a popover's
    text before the cards failed them. A tooltip beside a tool's name was stored as part
    of the name ("Mistral Medium 3.2The vendor confirmed ..."), with no error."""
    page = record("seed-soup")
    tip = "<span role=tooltip class=invisible>The vendor confirmed these details.</span>"
    for markup in ("semantic", "soup"):
        html = render_compare_page(page, Style(markup=markup))
        html = html.replace(
            ">Pricing<", ">Pricing<span role=tooltip>As the vendor lists it</span><"
        )
        html = html.replace("Mistral Medium 3.2</a>", "Mistral Medium 3.2</a>" + tip, 1)
        html = html.replace(
            "<main>",
            "<main><div popover id=menu><p>Panel ship</p><p>Sign in</p></div>"
            "<dialog><p>Reviewer scorecard</p><p>Share this page</p></dialog>",
            1,
        )
        html = html.replace("100%", "<progress max=100 value=100>100%</progress>100%")
        assert parse_compare_page(html) == page, markup
    lines = (
        "<p>a<meter value=3 max=10>3 of 10</meter>b</p>"
        "<dialog><p>Closed</p></dialog><dialog open><p>Shown</p></dialog>"
    )
    assert visible_lines(lines) == ["ab", "Shown"]


def test_a_cell_of_blocks_that_are_a_line_each_is_one_line_where_lists_are() -> None:
    """The reading that joins a list's items joins a table cell's blocks likewise, where
    each is one line of text; a cell with text of its own beside a block, or a block
    of two elements, keeps its lines. In that reading a cell with no text after another
    (blank, or an image's) reads "—"; a row's first cell, its corner, does not."""
    from parsers._dom import Reading, visible_text

    html = (
        "<table><tr><td></td><th>Alpha</th></tr>"
        "<tr><th>Price</th><td><p>$5 a month;</p>\n<div>billed <b>yearly</b></div></td>"
        "<td>Free <p>for one user</p></td><td> </td><td><img alt=''></td></tr></table>"
        "<dl><dt>Best for</dt><dd><p>Teams</p><div><div>A</div><div>B</div></div></dd>"
        "<dd></dd></dl>"
    )
    plain = ["Alpha", "Price", "$5 a month;", "billed yearly", "Free", "for one user"]
    plain += ["Best for", "Teams", "A", "B"]
    assert visible_text(html).lines == plain
    # and a blank cell after another reads "—"; a row's first (its corner) does not
    joined = visible_text(html, reading=Reading(lists=True)).lines
    assert joined == [
        *plain[:2],
        "$5 a month; billed yearly",
        *plain[4:6],
        "—",
        "—",
        *plain[6:],
        "—",
    ]
