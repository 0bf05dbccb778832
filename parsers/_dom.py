"""HTML -> the lines a reader sees, in reading order.

Parsers work on what is visible, never on class names or ids: the site's markup is
unknown to us and changes with every restyle. Block elements end a line and inline ones
join it, as in a browser's ``innerText``; nothing invisible is kept.

The work happens inside lexbor (drop invisible elements, unwrap inline ones so their
text merges, then read every text node once): a Python walk over the tree costs several
times what parsing does.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html import escape

from selectolax.lexbor import LexborHTMLParser, LexborNode

from parsers._fields import holds_score

# Elements that show no text of their own, removed whole: the invisible, the replaced
# (an image, a video, a form field), and a progress bar or a meter, whose text is a
# fallback browsers do not show. An image or a <wbr> inside a line leaves it one line:
# "Mistral Med<wbr>ium", "Made by <img> Anthropic".
_INVISIBLE_TAGS: tuple[bytes, ...] = (
    b"script", b"style", b"noscript", b"template", b"svg", b"math", b"iframe", b"object",
    b"canvas", b"select", b"datalist", b"textarea", b"button", b"video", b"audio", b"picture",
    b"img", b"wbr", b"input", b"progress", b"meter",
)  # fmt: skip
# Inline elements: unwrapped so that "<b>88</b>/100" reads as one line. Everything
# else, custom elements included, is treated as a block.
_INLINE_TAGS: tuple[bytes, ...] = (
    b"a", b"span", b"b", b"strong", b"i", b"em", b"small", b"code", b"mark", b"abbr", b"cite",
    b"q", b"sub", b"sup", b"u", b"s", b"time", b"label", b"font", b"bdi", b"bdo", b"kbd", b"samp",
    b"var", b"data", b"del", b"ins", b"big", b"tt", b"nobr", b"output",
)  # fmt: skip
# Candidates for hiding; an inline style is judged in Python, as lexbor's substring
# selectors cost a tree walk each and miss spellings such as "DISPLAY : none".
_MAYBE_HIDDEN = "[hidden], [aria-hidden], [style]"
# Shown only on hover, or once opened: asked for only where the page's bytes hold the
# word (or, for a <dialog>, its tags), as each selector costs on every element of the
# tree. A tooltip beside a name was read as part of it.
_SHOWN_ON_DEMAND = ((b"tooltip", "[role=tooltip]"), (b"popover", "[popover]"))
_HIDING_STYLES = ("display:none", "visibility:hidden")
# Text for screen readers only, by the class names every CSS framework gives it:
# Tailwind's and Bootstrap 4's "sr-only", Bootstrap 5's "visually-hidden", WordPress's
# "screen-reader-text". A link's "(opens in a new tab)" was read as part of a tool's
# name. "md:not-sr-only" shows it again on wider screens, a desktop's among them.
_READER_ONLY_MARKS = (b"sr-only", b"visually-hidden", b"screen-reader")
_READER_ONLY = '[class*="sr-only"], [class*="visually-hidden"], [class*="screen-reader"]'
_READER_ONLY_CLASSES = frozenset({
    "sr-only", "sr-only-focusable", "visually-hidden", "visually-hidden-focusable",
    "screen-reader-text", "screen-reader-only",
})  # fmt: skip
_SHOWN_AGAIN = re.compile(r"(?:sm|md|lg|xl):not-sr-only")
# Utility classes that hide an element on some screens: Tailwind's "hidden", "md:hidden"
# and display utilities ("hidden md:block"), Bootstrap's "d-none", "d-lg-flex". A page
# may carry its phone and its desktop layout at once, and only these say which shows.
# Read as a desktop screen 1280 px wide shows them. Classes that set the display per
# screen size ("md:hidden", "hidden md:inline", "d-none d-md-block") are a layout, and
# always read so: a name shown long on desktops and short on phones was read as both,
# run together. "hidden" alone may be text a script unfolds, and is left out only
# where a page fails without (see parsers.compare._reader).
_SCREENS = {"": 0, "sm": 1, "md": 2, "lg": 3, "xl": 4}  # the breakpoints up to 1280 px
_DISPLAYS = frozenset({
    "block", "inline-block", "inline", "flex", "inline-flex", "grid", "inline-grid", "table",
    "inline-table", "table-row", "table-cell", "table-row-group", "table-header-group",
    "contents", "flow-root", "list-item",
})  # fmt: skip
_BOOTSTRAP_DISPLAY = re.compile(r"d-(?:(?P<screen>sm|md|lg|xl)-)?(?P<display>none|[a-z-]+)")
_BREAKPOINTS = frozenset({b"sm", b"md", b"lg", b"xl"})
_CLASS_STARTS = frozenset({b" ", b"'", b'"', b"=", b"\t", b"\n"})  # what comes before a class
_BOOTSTRAP_SCREENS = (b"d-sm-", b"d-md-", b"d-lg-", b"d-xl-")
SCREEN_CLASSES = re.compile(rb"""[\s"':](?:hidden|d-(?:[a-z]+-)?none)[\s"']""")
# Tag names in the page, skipping closing tags and the commonest blocks, which are
# neither invisible nor inline: fewer matches make the scan much cheaper.
_TAG_NAME = re.compile(rb"<(?!div\b|p\b|/)(!--|[a-zA-Z][a-zA-Z0-9-]*)")
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_BREAK = re.compile(rb"<br\s*/?>", re.IGNORECASE)
_CLOSING_TAG = re.compile(rb"</(?:html|body)\s*>", re.IGNORECASE)
# Elements whose end tag a page may not leave out (unlike </p>, </li>, </td>, </body>).
_CONTAINER_TAG = re.compile(
    rb"<(/?)(div|main|section|article|header|footer|nav|aside|table|ul|ol|dl|form)(?=[\s/>])",
    re.IGNORECASE,
)
# The page's last tag is an end tag (whitespace after it stripped first).
_LAST_TAG = re.compile(rb"</[a-zA-Z][a-zA-Z0-9-]*\s*>\Z")
# A script's code, which may build markup in strings ("'<div>' + ...").
_SCRIPT_BLOCK = re.compile(rb"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)
# An id that a selector can name as it is written ([id="..."]).
_PLAIN_ID = re.compile(r"[\w-]+")
# The element a fragment opens with (after any comments): "<main class=...>".
_FIRST_TAG = re.compile(rb"\s*(?:<!--.*?-->\s*)*<([a-zA-Z][a-zA-Z0-9-]*)[\s/>]", re.DOTALL)
# Invisible characters that only steer line breaking or text direction, and control
# characters, which browsers do not show (and XML, as in the Atom feed, cannot hold).
# Those str.split() takes for whitespace (\x0b, \x0c, \x1c-\x1f, \x85) part words instead.
# The zero-width joiner and non-joiner stay: the joiner makes two emoji one glyph ("👩"
# and "💻" shown as one), and both shape the letters of scripts that join them.
_INVISIBLE_CHARS = re.compile(
    "[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u00ad"
    "\x01-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]"
)
# A footnote's mark, raised by <sup>: written with superscript digits, as it is shown,
# so that "$20/mo<sup>1</sup>" does not read "$20/mo1".
_FOOTNOTE_MARK = re.compile(r"\(?\d{1,2}\)?")
_SUPERSCRIPTS = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")
# An image or icon that shows a verdict, with the word as its text alternative: <img
# alt="ship">, <svg aria-label="Skip">, <svg><title>Ship</title>..., an empty <span
# aria-label="ship">. Read only where a page fails without (parsers.compare._reader), and
# never inside a control: a vote button's icon says "ship" too.
_PICTURED = "img[alt], svg, [aria-label]"
_VERDICT_WORDS = frozenset({"ship", "skip", "mixed"})
_CONTROLS = frozenset({"button", "a", "label", "summary"})
# Asked of the page's bytes in lower case: a case-blind regex took 0.3-0.7 ms a page.
VERDICT_PICTURE = re.compile(
    rb"""(?:alt|aria-label)\s*=\s*["']?\s*(?:ship|skip|mixed)\s*["'\s/>]"""
    rb"|<title>\s*(?:ship|skip|mixed)\s*</title>"
)
# A control that unfolds a paragraph cut short, the rest of which the page holds hidden
# just before it: "… <span hidden>rest</span><button>Read more</button>". The rest is
# the paragraph's, as a render that sends it whole shows it (and a dataset wants it).
_UNFOLDS = re.compile(
    r"(?:(?:read|show|see|view)\s+)?(?:more|(?:the\s+)?(?:full|whole)(?:\s+(?:review|text))?)"
    r"|expand|continue\s+reading",
    re.IGNORECASE,
)
_MOST_COLUMNS = 12  # a span past this many columns is a layout's, not a row of tools
_ELLIPSES = frozenset({"…", "...", "[…]", "(…)"})
# Classes that hide what a script unfolds, or show it to screen readers only.
_FOLDED_CLASSES = frozenset({"hidden", "sr-only", "visually-hidden", "d-none", "collapse"})
_NODE_SEPARATOR = "\x00"  # the HTML parser never leaves a NUL in text
# Buttons that cast a vote say no more than this, and stay out even when buttons count.
_VOTE_BUTTONS = frozenset({"ship", "skip", "ship it", "skip it", "vote", "upvote", "downvote"})
_BYTE_ORDER_MARKS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# <meta charset=...> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def collapse(text: str) -> str:
    """Whitespace runs become one space; invisible formatting characters go.

    >>> collapse("  Paid\\u00a0 plan\\n\\t(monthly)\\u200b ")
    'Paid plan (monthly)'
    >>> collapse("\\U0001f469\\u200d\\U0001f4bb DevPal") == "\\U0001f469\\u200d\\U0001f4bb DevPal"
    True
    """
    return " ".join(_INVISIBLE_CHARS.sub("", text).split())


@dataclass
class VisibleText:
    """The visible lines of a page, and its links as (link text, href)."""

    lines: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    complete: bool = True
    canonical_url: str | None = None
    buttons_left_out: bool = False  # the page has buttons, and their text is not here
    tab_lists: list[TabList] = field(default_factory=list)
    # Items after the first of each list of lines (:func:`_lists_of_lines`), where the
    # lists were read as lines: such a line may be the rest of a value listed in a cell.
    listed: frozenset[str] = frozenset()
    # The first item of every list of lines, or the list as one line where ``lists``
    # joined it: a list's start, as under a review's "Pros" heading.
    list_starts: frozenset[str] = frozenset()


@dataclass
class TabList:
    """A row of tabs (``role="tab"``): what each says, and how many of their panels
    the page holds with text in them. Tab components that mount only the open panel
    send the others empty, or not at all."""

    labels: list[str]
    panels_with_text: int


def html_codec(raw: bytes) -> tuple[str, int] | None:
    """How a browser would decode the page, where that is not plain UTF-8: (codec, length
    of the byte order mark to skip). A byte order mark decides, else the charset a
    <meta> declares in the first 1024 bytes. As in browsers, ISO-8859-1 and ASCII mean
    windows-1252, and a UTF-16 <meta> (found in bytes read as ASCII) means UTF-8. The
    HTTP header's charset comes before the <meta>: see :func:`sent_codec`.

    >>> html_codec(b"<meta charset=ISO-8859-1>"), html_codec(b"<meta charset=utf8>")
    (('cp1252', 0), None)
    """
    for mark, codec in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            return codec, len(mark)
    declared = _META_CHARSET.search(raw, 0, 1024)
    if declared is None:
        return None
    named = _browser_codec(declared[1].decode("ascii", "replace"))
    return None if named is None or named == "utf-8" else (named, 0)


def sent_codec(charset: str | None) -> str | None:
    """The codec the charset of a Content-Type header names, as browsers map its label;
    None for none, or one they do not know or would not take from a header.

    >>> sent_codec("UTF-8"), sent_codec("iso-8859-1"), sent_codec("x-made-up")
    ('utf-8', 'cp1252', None)
    """
    return _browser_codec(charset) if charset else None


def _browser_codec(label: str) -> str | None:
    try:
        codec = codecs.lookup(label.strip()).name
    except LookupError:
        return None  # a label no browser knows either
    if codec.startswith(("utf-16", "utf-32")):
        return None  # said of bytes read as ASCII to find it: not the page's charset
    return "cp1252" if codec in ("iso8859-1", "latin-1", "ascii") else codec


def as_utf8(raw: bytes) -> bytes:
    """The page's bytes in UTF-8, which lexbor reads them as (see :func:`html_codec`)."""
    found = html_codec(raw)
    if found is None:
        return raw
    codec, skip = found
    return raw[skip:].decode(codec, "replace").encode("utf-8")


@dataclass(frozen=True)
class Reading:
    """How to read a page, besides the plain way a page that reads gets.

    ``buttons``: a button's text is read: most say "Vote", "Share" or "Subscribe", but
    an accordion's header may be one, and hold data. ``desktop``: also leave out what
    utility classes hide on a desktop screen (``SCREEN_CLASSES``). ``lists``: a list
    whose items are a line each is one line (:func:`_lists_of_lines`), and a table
    cell is one value (:func:`_read_cells_as_values`). ``pictures``: an
    image or icon whose text alternative is a verdict word alone is that word
    (:func:`_pictured_verdict`). ``breaks``: a ``<br>`` ends a line, as it shows; else
    it is a space, as a value broken over two lines in its cell is still one value.
    ``spans``: a table cell spanning columns (``colspan``) is shown under each of them,
    as a reader takes one value across two tools' columns to be each one's.
    """

    buttons: bool = False
    desktop: bool = False
    lists: bool = False
    pictures: bool = False
    breaks: bool = False
    spans: bool = False


PLAIN = Reading()


def visible_text(
    html: str | bytes, *, want_canonical: bool = True, reading: Reading = PLAIN
) -> VisibleText:
    """Reading-order lines of an HTML document, with link targets, read the way
    ``reading`` says.

    ``complete`` is False when the document never closes (a truncated body).
    """
    raw = html.encode("utf-8", "replace") if isinstance(html, str) else as_utf8(html)
    closed = _CLOSING_TAG.search(raw, max(0, len(raw) - 4096)) is not None
    complete = closed or _is_whole_element(raw) or _closes_every_container(raw)
    # One pass over the bytes says which tags occur: every strip or unwrap below is a
    # walk over the whole tree, so only the ones the page needs are done.
    used = {name.lower() for name in set(_TAG_NAME.findall(raw))}
    if b"!--" in used:  # SSR frameworks split text with comments: "88<!-- -->/100"
        raw = _COMMENT.sub(b"", raw)
    # a soft break in one block: "$5 a month,<br>billed yearly"
    if b"br" in used and not reading.breaks:
        raw = _BREAK.sub(b" ", raw)
    tree = LexborHTMLParser(raw)
    text = VisibleText(
        complete=complete, buttons_left_out=not reading.buttons and b"button" in used
    )
    if want_canonical and (canonical := tree.css_first("link[rel=canonical]")) is not None:
        text.canonical_url = canonical.attributes.get("href") or None
    # Read before the buttons are stripped, as tabs are often buttons. A byte search
    # decides whether to look (a regex for the role took a tenth of a page's parse);
    # the selector matches "tablist" as written, in lower case, and so does the search.
    if b"tablist" in raw:
        for row, labels, panels in _tab_rows(tree):
            with_text = sum(1 for panel in panels if panel is not None and collapse(panel.text()))
            text.tab_lists.append(TabList(labels, with_text))
            # A design may name a persona on its tab alone, over a panel of scores: a
            # reader who chose the tab knows whose they are. Once each panel says so,
            # the row of tabs is navigation.
            if len(panels) == len(labels) and _head_panels(labels, panels):
                row.decompose()
    body = tree.body
    if body is None:
        return text
    lowered = raw.lower()
    if reading.spans and b"colspan" in lowered:
        _spread_spanning_cells(tree)
    if b"more" in lowered or b"full" in lowered or b"expand" in lowered:
        _unfold_cut_paragraphs(tree, used, roles=b"role" in lowered)
    if reading.pictures:
        for node in tree.css(_PICTURED):
            if (word := _pictured_verdict(node)) is not None:
                node.replace_with(word)
    # lexbor's by-name lookups are a third of a CSS selector walk, so each tag the page
    # uses is one lookup, and absent tags cost nothing.
    invisible = [
        tag.decode()
        for tag in _INVISIBLE_TAGS
        if tag in used and (tag != b"button" or not reading.buttons)
    ]
    if invisible:
        tree.strip_tags(invisible)
    if reading.buttons:
        for node in tree.tags("button"):
            if collapse(node.text()).lower() in _VOTE_BUTTONS:
                node.decompose()
    if b"sup" in used:
        for node in tree.tags("sup"):
            mark = node.text().strip()
            if _FOOTNOTE_MARK.fullmatch(mark):
                node.replace_with(mark.translate(_SUPERSCRIPTS))
    on_demand = [selector for word, selector in _SHOWN_ON_DEMAND if word in raw]
    if b"dialog" in used:
        on_demand.append("dialog:not([open])")
    maybe_hidden = ", ".join([_MAYBE_HIDDEN, *on_demand])
    for node in tree.css(maybe_hidden):
        if node.tag == "dialog" or _is_hidden(node.attributes):
            node.decompose()
    if any(mark in raw for mark in _READER_ONLY_MARKS):
        for node in tree.css(_READER_ONLY):
            # A verdict said only to screen readers stands for an icon beside it.
            if _for_screen_readers(node.attributes.get("class") or "") and (
                collapse(node.text()).lower() not in _VERDICT_WORDS
            ):
                node.decompose()
    if reading.desktop or _may_set_display_by_screen(raw):
        for node in tree.css('[class*="hidden"], [class*="none"]'):
            classes = node.attributes.get("class") or ""
            if hidden_on_desktop(classes) and (reading.desktop or _by_screen(classes)):
                node.decompose()
    for name in (tag.decode() for tag in _INLINE_TAGS if tag in used):
        for node in tree.tags(name):
            if name == "a" and (href := node.attributes.get("href")) is not None:
                text.links.append((collapse(node.text()), href))
            node.unwrap()
    tree.merge_text_nodes()
    if reading.lists and (b"td" in used or b"dd" in used):
        _read_cells_as_values(tree)
    if b"li" in used:
        found = _lists_of_lines(tree)
        if reading.lists:
            for element, items in found:
                if len(items) >= 2:
                    _join_lines([element], items)
            text.list_starts = frozenset(" ".join(items) for _, items in found)
        else:
            text.listed = frozenset(item for _, items in found for item in items[1:])
            text.list_starts = frozenset(items[0] for _, items in found)
    joined = body.text(separator=_NODE_SEPARATOR, skip_empty=True)
    if "\ufffd" in joined and isinstance(html, bytes) and _undeclared_legacy(html):
        # As a browser reads it: windows-1252, its default for such a page.
        return visible_text(
            html.decode("cp1252", "replace"),
            want_canonical=want_canonical,
            reading=reading,
        )
    text.lines = _lines(joined)
    return text


def _pictured_verdict(node: LexborNode) -> str | None:
    """The verdict word an image, a drawing or an empty element stands for, where its
    text alternative (``alt``, ``aria-label``, an SVG's ``<title>``) is that word alone,
    and it is in no control."""
    if node.tag == "img":
        name = node.attributes.get("alt")
    else:
        name = node.attributes.get("aria-label")
        title = node.css_first("title") if name is None and node.tag == "svg" else None
        name = title.text() if title is not None else name
        if node.tag != "svg" and collapse(node.text()):
            return None  # its own text is shown, and read
    if name is None or collapse(name).lower() not in _VERDICT_WORDS:
        return None
    parent: LexborNode | None = node
    while parent is not None:
        if parent.tag in _CONTROLS:
            return None
        parent = parent.parent
    return collapse(name)


def _lists_of_lines(tree: LexborHTMLParser) -> list[tuple[LexborNode, list[str]]]:
    """Each list whose items are each a line of text, with its items' text. A table
    cell may list a price's tiers or what a tool is best for: one value shown as
    several lines, which ``lists`` joins by a space, as whitespace collapses. Asked
    once inline elements are unwrapped, so an item's text is its one child."""
    found = []
    for element in tree.css("ul, ol"):
        items = []
        for item in element.iter():
            child = item.child
            if item.tag != "li" or (child is not None and (child.tag != "-text" or child.next)):
                break
            if child is not None and (line := collapse(child.text())):
                items.append(line)
        else:
            if items:
                found.append((element, items))
    return found


def _read_cells_as_values(tree: LexborHTMLParser) -> None:
    """Each table cell (``td``, ``dd``) as one value, as ``lists`` reads a list: a cell
    made of two or more blocks that are each a line of text is one line (a price's
    tiers over two paragraphs), and a cell with no text after another cell of its row
    or a ``dt`` reads "—" (a value left blank, or shown as an image, gone by now). A
    row's first cell may be its corner, and stays as it is."""
    for cell in tree.css("td, dd"):
        blocks, lines = [], []
        for child in cell.iter(include_text=True):
            if child.tag == "-text" and not collapse(child.text()):
                continue
            inner = child.child
            if (
                child.tag not in ("p", "div")
                or inner is None
                or inner.tag != "-text"
                or inner.next is not None
                or not (line := collapse(inner.text()))
            ):
                break
            blocks.append(child)
            lines.append(line)
        else:
            if len(blocks) >= 2:
                _join_lines(blocks, lines)
            elif not blocks and _follows_a_cell(cell):
                cell.insert_child("—")


def _follows_a_cell(cell: LexborNode) -> bool:
    before = cell.prev
    while before is not None and before.tag == "-text":
        before = before.prev
    return before is not None


def _join_lines(nodes: list[LexborNode], lines: list[str]) -> None:
    """The nodes give way to one paragraph of their lines, joined by a space."""
    line = LexborHTMLParser(f"<p>{escape(' '.join(lines))}</p>").css_first("p")
    if line is None:
        return
    nodes[0].replace_with(line)
    for node in nodes[1:]:
        node.decompose()


def _tab_rows(
    tree: LexborHTMLParser,
) -> list[tuple[LexborNode, list[str], list[LexborNode | None]]]:
    """Each row of tabs, its tabs' labels, and the panels that go with it: those its
    tabs name by ``aria-controls``, else the tab panels beside the row."""
    found = []
    for row in tree.css("[role=tablist]"):
        tabs = row.css("[role=tab]")
        ids = [tab.attributes.get("aria-controls") for tab in tabs]
        panels: list[LexborNode | None] = []
        if all(id_ and _PLAIN_ID.fullmatch(id_) for id_ in ids):
            panels += (tree.css_first(f'[id="{id_}"]') for id_ in ids)
        elif row.parent is not None:
            panels += row.parent.css("[role=tabpanel]")
        found.append((row, [collapse(tab.text()) for tab in tabs], panels))
    return found


def _head_panels(labels: list[str], panels: list[LexborNode | None]) -> bool:
    """Each panel with a score in it ("88/100": the scorecard's) that shows no short
    line with its tab's label gets the label as its first line; True where any did."""
    headed = False
    for label, panel in zip(labels, panels, strict=True):
        if panel is None or not label or (first := panel.child) is None:
            continue
        lines = [collapse(line) for line in panel.text(separator="\n").splitlines()]
        named = re.compile(rf"(?<!\w){re.escape(label)}(?!\w)", re.IGNORECASE)
        if holds_score(lines) and not any(len(line) <= 40 and named.search(line) for line in lines):
            heading = LexborHTMLParser(f"<p>{escape(label)}</p>").css_first("p")
            if heading is not None:
                first.insert_before(heading)
                headed = True
    return headed


def _is_whole_element(raw: bytes) -> bool:
    """``raw`` is one element, closed at its end, as a browser's "Copy outerHTML" gives
    a <main>: a fragment that is whole. Each tag of its name opens or closes a level,
    and only the last one closes the first; a document cut off after some inner or
    later element of that name has not closed the first, or goes on after it.

    >>> _is_whole_element(b"<main><div>a</div></main> "), _is_whole_element(b"<div>a</div><div>b")
    (True, False)
    >>> _is_whole_element(b"<div>a</div><div>b</div>"), _is_whole_element(b"<html><p>a</p></html>")
    (False, False)
    """
    first = _FIRST_TAG.match(raw)
    if first is None or first[1].lower() in (b"html", b"head", b"body"):
        return False
    name = re.escape(first[1])
    tags = re.compile(rb"<(/?)" + name + rb"(?=[\s/>])[^>]*>", re.IGNORECASE)
    depth = 0
    for tag in tags.finditer(raw, first.start(1) - 1):
        depth += -1 if tag[1] else 0 if tag[0].endswith(b"/>") else 1
        if depth <= 0:
            return not raw[tag.end() :].strip()
    return False


def _closes_every_container(raw: bytes) -> bool:
    """``raw`` is a document whose optional end tags were left out, as minifiers leave
    out </body> and </html>, and which is whole all the same: it ends with an end tag,
    and every element whose end tag HTML requires (:data:`_CONTAINER_TAG`) has closed.
    A body cut off inside its wrapper, or inside any section, has not closed those.

    >>> _closes_every_container(b"<html lang=en><body><main><p>a</main><footer>b</footer>")
    True
    >>> _closes_every_container(b"<html><body><main><div>a</div><div>b</div>")
    False
    """
    if _LAST_TAG.search(raw.rstrip()[-64:]) is None:
        return False
    depth: dict[bytes, int] = {}
    for tag in _CONTAINER_TAG.finditer(_COMMENT.sub(b"", _SCRIPT_BLOCK.sub(b"", raw))):
        name = tag[2].lower()
        depth[name] = depth.get(name, 0) + (-1 if tag[1] else 1)
        if depth[name] < 0:
            return False
    return bool(depth) and not any(depth.values())


def _undeclared_legacy(raw: bytes) -> bool:
    """The page declares no charset, and no byte of it above ASCII forms a UTF-8
    sequence: it was written in a legacy single-byte charset. A UTF-8 page with a stray
    byte has other, valid sequences, and stays UTF-8."""
    if html_codec(raw) is not None:
        return False
    decoded = raw.decode("utf-8", "surrogateescape")  # invalid bytes -> U+DC80..U+DCFF
    return all(ord(c) < 0x80 or 0xDC80 <= ord(c) <= 0xDCFF for c in decoded)


def _spread_spanning_cells(tree: LexborHTMLParser) -> None:
    """Each cell that spans columns, once in each of them: a copy after it for each
    column past its first."""
    for cell in tree.css("td[colspan], th[colspan]"):
        span = (cell.attributes.get("colspan") or "").strip()
        if not span.isdigit() or not 1 < int(span) <= _MOST_COLUMNS:
            continue
        for _ in range(int(span) - 1):
            row = LexborHTMLParser(f"<table><tr>{cell.html}</tr></table>")
            if (copy := row.css_first(cell.tag or "td")) is not None:
                cell.insert_after(copy)


def _unfold_cut_paragraphs(tree: LexborHTMLParser, used: set[bytes], *, roles: bool) -> None:
    """Show the hidden rest of each paragraph cut short before a control that unfolds it
    ("Read more"), and leave out the control and the ellipsis that marks the cut. A
    hidden block with no ellipsis is such a rest only before a control that unfolds in
    place. A rest that only a style sheet hides (a checkbox's label unfolds it) shows
    already, after its ellipsis."""
    controls = [tag for tag in ("button", "a", "label") if tag.encode() in used]
    if roles:
        controls.append("[role=button]")
    for node in tree.css(", ".join(controls)) if controls else ():
        if not _UNFOLDS.fullmatch(collapse(node.text()).strip(" →›»+▾▼↓")):
            continue
        after: list[LexborNode] = []  # ellipses on nodes of their own, after the rest
        rest = _shown_before(node, after)
        if rest is None or rest.tag == "-text":
            continue
        ahead: list[LexborNode] = []  # and before it
        shown = _shown_before(rest, ahead)
        ending = None if ahead or shown is None else _last_text(shown)
        if ending is not None and not ending.text().rstrip().endswith(("…", "...")):
            ending = None  # "cut…<span hidden>rest</span>"
        if not _is_cut_rest(rest, node, after_ellipsis=bool(ahead), marked=bool(after or ending)):
            continue
        for attribute in ("hidden", "style", "aria-hidden", "class"):
            if attribute in rest.attributes:
                del rest.attrs[attribute]
        if ending is not None:
            ending.replace_with(ending.text().rstrip().removesuffix("…").removesuffix("..."))
        for ellipsis in after + ahead:
            ellipsis.decompose()
        node.decompose()


def _is_cut_rest(
    rest: LexborNode, control: LexborNode, *, after_ellipsis: bool, marked: bool
) -> bool:
    """Whether ``rest``, before ``control``, is the rest of a paragraph cut short."""
    if not _is_folded(rest.attributes):
        return after_ellipsis  # a style sheet hides it
    # A hidden block, unmarked, before a link to another page, may be anything.
    inline = (rest.tag or "").encode() in _INLINE_TAGS
    return after_ellipsis or marked or inline or _in_place(control)


def _in_place(control: LexborNode) -> bool:
    """A button, or a link to nowhere else: a script unfolds the text in place."""
    href = (control.attributes.get("href") or "#").strip()
    return control.tag == "button" or href.startswith(("#", "javascript:"))


def _shown_before(node: LexborNode, ellipses: list[LexborNode]) -> LexborNode | None:
    """The nearest node before ``node`` that shows text other than an ellipsis; the
    ellipses passed on the way are added to ``ellipses``."""
    before = node.prev
    while before is not None:
        shown = collapse(before.text()).strip()
        if shown in _ELLIPSES:
            ellipses.append(before)
        elif shown:
            return before
        before = before.prev
    return None


def _last_text(node: LexborNode) -> LexborNode | None:
    """The last text node in ``node`` that is not blank."""
    while node.tag != "-text":
        last = node.last_child
        while last is not None and not last.text().strip():
            last = last.prev
        if last is None:
            return None
        node = last
    return node


def _is_folded(attributes: dict[str, str | None]) -> bool:
    classes = set((attributes.get("class") or "").split())
    return _is_hidden(attributes) or not classes.isdisjoint(_FOLDED_CLASSES)


def _is_hidden(attributes: dict[str, str | None]) -> bool:
    """Hidden, and not a tab's panel: the tabs a page shows open each one, as a button
    unfolds an accordion, so a reader can see every panel. Left out, all personas'
    reviews but the first tab's went missing without an error."""
    if (attributes.get("role") or "").strip().lower() == "tabpanel":
        return False
    if "hidden" in attributes or (attributes.get("aria-hidden") or "").lower() == "true":
        return True
    if "popover" in attributes or (attributes.get("role") or "").strip().lower() == "tooltip":
        return True
    style = (attributes.get("style") or "").lower().replace(" ", "")
    return any(hiding in style for hiding in _HIDING_STYLES)


def _for_screen_readers(classes: str) -> bool:
    """Whether classes keep an element's text for screen readers only, on a desktop.

    >>> _for_screen_readers("sr-only"), _for_screen_readers("sr-only md:not-sr-only")
    (True, False)
    >>> _for_screen_readers("visually-hidden-focusable"), _for_screen_readers("not-sr-only")
    (True, False)
    """
    tokens = classes.split()
    return not _READER_ONLY_CLASSES.isdisjoint(tokens) and not any(
        _SHOWN_AGAIN.fullmatch(token) for token in tokens
    )


def _may_set_display_by_screen(raw: bytes) -> bool:
    """Whether the page's bytes may hold a class that sets the display for some screen
    sizes: a Tailwind breakpoint before a colon ("md:hidden"), or Bootstrap's "d-none"
    beside "d-md-block". A page has few colons, and a search for each is cheap: eight
    searches of the whole page for each prefix took a twentieth of its parse."""
    at = raw.find(b":")
    while at >= 0:
        if raw[at - 2 : at] in _BREAKPOINTS and raw[at - 3 : at - 2] in _CLASS_STARTS:
            return True
        at = raw.find(b":", at + 1)
    return b"-none" in raw and any(screen in raw for screen in _BOOTSTRAP_SCREENS)


def _by_screen(classes: str) -> bool:
    """Whether the classes set the display for some screen sizes, not for all: a layout
    for phones beside one for desktops, not text a script shows.

    >>> _by_screen("md:hidden"), _by_screen("d-none d-lg-block"), _by_screen("hidden p-4")
    (True, True, False)
    """
    for token in classes.split():
        screen, _, utility = token.rpartition(":")
        if screen in _SCREENS and screen and (utility == "hidden" or utility in _DISPLAYS):
            return True
        if (bootstrap := _BOOTSTRAP_DISPLAY.fullmatch(token)) is not None and bootstrap["screen"]:
            return True
    return False


def hidden_on_desktop(classes: str) -> bool:
    """Whether utility classes hide an element on a screen 1280 px wide: the display
    set for the widest breakpoint that applies wins.

    >>> hidden_on_desktop("md:hidden p-4"), hidden_on_desktop("hidden md:flex")
    (True, False)
    >>> hidden_on_desktop("d-none d-lg-block"), hidden_on_desktop("hover:hidden 2xl:hidden")
    (False, False)
    """
    hidden_at: dict[int, bool] = {}
    for token in classes.split():
        screen, _, utility = token.rpartition(":")
        if (bootstrap := _BOOTSTRAP_DISPLAY.fullmatch(token)) is not None:
            screen, utility = bootstrap["screen"] or "", bootstrap["display"]
            utility = "hidden" if utility == "none" else utility
        if screen not in _SCREENS or (utility != "hidden" and utility not in _DISPLAYS):
            continue  # "hover:", "print:", "2xl:", or not about display
        hidden_at[_SCREENS[screen]] = utility == "hidden"
    return bool(hidden_at) and hidden_at[max(hidden_at)]


def _lines(joined: str) -> list[str]:
    """Text nodes, separated by NULs, as tidy non-empty lines."""
    chunks = joined.split(_NODE_SEPARATOR)
    # Splitting every text node into words costs as much as parsing the page; most
    # pages need no more than a strip, which one look at the whole text can tell.
    if joined.replace(_NODE_SEPARATOR, " ").isprintable() and "  " not in joined:
        return list(filter(None, map(str.strip, chunks)))
    return [
        tidy
        for chunk in chunks
        if (tidy := chunk.strip() if chunk.isprintable() and "  " not in chunk else collapse(chunk))
    ]
