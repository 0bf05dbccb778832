"""A page's visible text as other tools capture it: plain text, one block per line, as a
browser's ``innerText`` gives it; or Markdown, as Jina Reader, markdownify or html2text
make it from the HTML. Both become the lines :func:`parsers._dom.visible_text` reads
from HTML, so one reader serves all three."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from parsers._dom import VisibleText, collapse

# A capture may start by naming the address it was taken from: "URL: https://...", or
# Jina Reader's "URL Source: https://..." among its "Title:" and "Markdown Content:".
_URL_NOTE = re.compile(r"URL(?: Source)?:\s*(?P<url>https?://\S+)")
_READER_NOTE = re.compile(r"(?:Title|Published Time|Markdown Content):.*")
# Marks of Markdown that a page's plain text does not have: a link or an image, or a
# table's delimiter row; or two headings, two spans of strong emphasis or two escaped
# marks (one "# of votes" or "**" could be a page's own text).
_MARKDOWN_LINK = re.compile(
    r"\]\((?:https?://|/)[^)\s]*\)|^ {0,3}\[[^\]]+\]:[ \t]*<?(?:https?://|/)", re.MULTILINE
)
_MARKDOWN_TABLE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", re.MULTILINE)
_MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)
_MARKDOWN_STRONG = re.compile(r"\*\*\S[^*\n]*\*\*")
# A mark written as text ("\~90%", "\`stream\`"), as converters escape them; scripts
# escape other characters ("\/", "\.").
_MARKDOWN_ESCAPE = re.compile(r"\\[~*_`]")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*")
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")  # under a heading's text
_RULE = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
# A list item, or a definition (":   100%": how markdownify writes a <dd>).
_LIST_ITEM = re.compile(r" {0,3}(?:[-+*:]|\d{1,9}[.)])[ \t]+")
_QUOTE = re.compile(r" {0,3}>[ \t]?")
_INDENTED = re.compile(r"(?: {4}|\t)")
_TABLE_DELIMITER = re.compile(r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?")
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<href>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(?P<href>https?://[^>\s]+)>")
# HTML that a converter kept as it was (pandoc keeps a <div> with attributes): a
# browser shows none of its tags, and a line of tags alone parts blocks, as a <div> does.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->")
_HTML_LINK = re.compile(r"<a\s[^<>]*?href=\"(?P<href>[^\"]*)\"[^<>]*>(?P<text>.*?)</a>", re.I)
# "[Orbit][1]" or "[Orbit][]" with "[1]: /tool/orbit" on a line of its own, anywhere.
_REFERENCE = re.compile(r"\[(?P<text>[^\]]*)\]\[(?P<label>[^\]]*)\]")
_LINK_DEFINITION = re.compile(r" {0,3}\[(?P<label>[^\]]+)\]:[ \t]*<?(?P<href>[^\s>]+)>?.*")
_EMPHASIS = (
    re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
    re.compile(r"(?<![\w*])(\*)(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"),
    re.compile(r"(?<![\w_])(_)(?=\S)([^_]+?)(?<=\S)_(?![\w_])"),
    re.compile(r"(~~)(?=\S)(.+?)(?<=\S)~~"),
)
# "\*" is a plain "*": kept aside as a private-use character while marks are read.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPED = re.compile("[\ue000-\ue07f]")
# A link still open at a line's end: "[Claude 4 API](/tool/claude-4-" over "api)".
_OPEN_LINK = re.compile(r"\[[^\]]*$|\]\([^)]*$")
# A word a wrapping tool broke after its hyphen ("near-" over "zero").
_BROKEN_WORD = re.compile(r"\w-$")


def captured_text(text: str) -> VisibleText:
    """A page's visible text as other tools capture it, plain or Markdown.

    A browser's ``innerText`` writes a table row on one line, its cells apart by tabs; a
    line of three or more cells is such a row, and each cell is read as a block.

    >>> text = captured_text("URL: https://x.test/a\\n\\n  Panel\\tship \\n75%")
    >>> text.lines, text.canonical_url
    (['Panel ship', '75%'], 'https://x.test/a')
    >>> captured_text("\\tLumen SQL\\tOrbit\\nPricing\\tFree\\t$9 a month").lines
    ['Lumen SQL', 'Orbit', 'Pricing', 'Free', '$9 a month']
    """
    rows, canonical = _after_notes(text.splitlines())
    if is_markdown(text):
        read = markdown_text(rows)
    else:
        cells = (row.split("\t") if row.count("\t") >= 2 else (row,) for row in rows)
        read = VisibleText(lines=[line for row in cells for line in map(collapse, row) if line])
    read.canonical_url = canonical
    return read


def is_markdown(text: str) -> bool:
    """
    >>> is_markdown("## Orbit\\n\\n### Builder"), is_markdown("# of votes\\nOrbit")
    (True, False)
    """
    if _MARKDOWN_LINK.search(text) or _MARKDOWN_TABLE.search(text):
        return True
    marks = (_MARKDOWN_HEADING, _MARKDOWN_STRONG, _MARKDOWN_ESCAPE)
    return any(len(mark.findall(text)) >= 2 for mark in marks)


def _after_notes(rows: list[str]) -> tuple[list[str], str | None]:
    """A capture's rows after its notes on where it came from, and the address they
    name; where they name none, every row."""
    canonical, end = None, 0
    for at, row in enumerate(rows[:12]):
        note = row.strip()
        if not note:
            continue
        if (found := _URL_NOTE.fullmatch(note)) is not None:
            canonical = found["url"]
        elif not _READER_NOTE.fullmatch(note):
            break
        end = at + 1
    return (rows[end:], canonical) if canonical else (rows, None)


def markdown_text(rows: list[str]) -> VisibleText:
    """Markdown's blocks as lines (headings, paragraphs, list items, table cells), and
    its links, marks removed as a browser shows the page the Markdown was made from.

    >>> md = markdown_text(["## [Orbit](/tool/orbit)", "", "**88/100** · ship", "",
    ...                     "> Setup took a", "> minute.", "", "| | Orbit |", "|---|---|",
    ...                     "| Pricing | $9 a month |"])
    >>> md.lines
    ['Orbit', '88/100 · ship', 'Setup took a minute.', 'Orbit', 'Pricing', '$9 a month']
    >>> md.links
    [('Orbit', '/tool/orbit')]
    >>> md = markdown_text(['<div class="stat">', '<span class="v">75%</span>', '</div>',
    ...                     'Panel ship', '', '<a href="/tool/orbit" class="x">Orbit</a>'])
    >>> md.lines, md.links
    (['75%', 'Panel ship', 'Orbit'], [('Orbit', '/tool/orbit')])
    """
    return _MarkdownReader(rows).read_all()


class _MarkdownReader:
    """Markdown's blocks, a row at a time: the paragraph being gathered, the table
    being read, whether rows are quoted, and where reference links go."""

    def __init__(self, rows: list[str]) -> None:
        self.rows = iter(rows)
        self.read = VisibleText()
        self.paragraph: list[str] = []
        self.table: _Table | None = None
        self.quoted = self.hard_break = False
        self.defined = {
            found["label"].lower(): found["href"]
            for row in rows
            if (found := _LINK_DEFINITION.fullmatch(row)) is not None
        }

    def read_all(self) -> VisibleText:
        for row in self.rows:
            if (quote := _QUOTE.match(row)) is not None:
                row = row[quote.end() :]
            if (quote is not None) != self.quoted:  # a quotation begins or ends
                self.end_paragraph()
                self.quoted = quote is not None
            self.take(row)
            self.hard_break = row.endswith("  ")
        self.end_table()
        self.end_paragraph()
        return self.read

    def take(self, row: str) -> None:
        line = row.strip()
        if self.defined and _LINK_DEFINITION.fullmatch(row):
            return  # where a reference link goes, not text
        if self.table is not None and line and ("|" in line or self.table.pending):
            self.add(*self.table.take(row))
            return
        self.end_table()
        if not line or _RULE.fullmatch(row) or not _HTML_TAG.sub("", line).strip():
            self.end_paragraph()
        elif (heading := _HEADING.fullmatch(row)) is not None:
            self.end_paragraph()
            self.heading(heading["text"] or "")
        elif self.paragraph and _UNDERLINE.fullmatch(row):
            self.end_paragraph()  # the paragraph was a heading
        elif self.paragraph and "|" in self.paragraph[-1] and _TABLE_DELIMITER.fullmatch(row):
            self.start_table()
        elif (item := _LIST_ITEM.match(row)) is not None:
            self.end_paragraph()
            self.paragraph.append(row[item.end() :].strip())
        elif not self.paragraph and _INDENTED.match(row):
            self.add(line)  # html2text indents a <dd>: a block of its own
        else:
            self.paragraph.append(line)

    def heading(self, text: str) -> None:
        """A heading is one line, but html2text wraps a long one inside its link."""
        while _OPEN_LINK.search(text) and (more := next(self.rows, None)) is not None:
            text = _joined([text, more.strip()])
        self.add(text)

    def start_table(self) -> None:
        """The paragraph ends in a table's header. html2text ends each of a table's rows
        with a hard break, and may wrap the header too: then the whole paragraph is it."""
        if self.hard_break:
            header = self.paragraph[:]
            self.paragraph.clear()
        else:
            header = [self.paragraph.pop()]
            self.end_paragraph()
        self.add(*_cells(_joined(header)))
        self.table = _Table(wrapped=self.hard_break)

    def end_table(self) -> None:
        if self.table is not None:
            self.add(*self.table.rest())
            self.table = None

    def end_paragraph(self) -> None:
        if self.paragraph:
            self.add(_joined(self.paragraph))
            self.paragraph.clear()

    def add(self, *blocks: str) -> None:
        for block in blocks:
            _add(self.read, block, self.defined)


@dataclass
class _Table:
    """A pipe table's rows after its header, as cells. html2text wraps a long row over
    lines as it wraps paragraphs, and ends each row with a hard break (two spaces): a
    table whose header ends so is read up to each such end."""

    wrapped: bool
    pending: list[str] = field(default_factory=list)

    def take(self, row: str) -> list[str]:
        """The cells of the row this line ends; none while a wrapped row goes on."""
        self.pending.append(row.strip())
        if self.wrapped and not row.endswith("  "):
            return []
        return self.rest()

    def rest(self) -> list[str]:
        cells = _cells(_joined(self.pending)) if self.pending else []
        self.pending.clear()
        return cells


def _joined(rows: list[str]) -> str:
    text = rows[0]
    for row in rows[1:]:
        text += row if _BROKEN_WORD.search(text) and row[:1].isalnum() else " " + row
    return text


def _cells(row: str) -> list[str]:
    cells = _CELL_BORDER.split(row.strip())
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def _add(read: VisibleText, block: str, defined: dict[str, str]) -> None:
    """One block's text, its marks read; empty blocks (a table's corner) are none.
    ``defined``: where reference links go, by label."""
    text = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m[1])), block)
    text = _IMAGE.sub("", text)

    def link(match: re.Match[str]) -> str:
        shown = _HTML_TAG.sub("", match["text"])
        read.links.append((collapse(_plain(shown)), _plain(match["href"])))
        return shown

    def reference(match: re.Match[str]) -> str:
        href = defined.get((match["label"] or match["text"]).lower())
        if href is None:
            return match[0]  # not a link: brackets in the text
        read.links.append((collapse(_plain(match["text"])), _plain(href)))
        return match["text"]

    text = _AUTOLINK.sub(lambda m: m["href"], _REFERENCE.sub(reference, _LINK.sub(link, text)))
    text = _HTML_TAG.sub("", _HTML_LINK.sub(link, text))
    for _ in range(2):  # "***both***" is emphasis in strong emphasis
        for mark in _EMPHASIS:
            text = mark.sub(r"\2", text)
    if line := collapse(_plain(text)):
        read.lines.append(line)


def _plain(text: str) -> str:
    """Escaped characters back as they were, and HTML entities decoded."""
    return unescape(_ESCAPED.sub(lambda m: chr(ord(m[0]) - 0xE000), text))
