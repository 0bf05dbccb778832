"""The golden fixture pages, and an edit of them that more than one test module makes."""

from __future__ import annotations

import re
from pathlib import Path

from schemas import ComparisonPage

PAGES = Path(__file__).parent / "fixtures" / "pages" / "comparison"


def record(case: str) -> ComparisonPage:
    """The expected record of a golden page (``PAGES / f"{case}.json"``)."""
    return ComparisonPage.model_validate_json((PAGES / f"{case}.json").read_text())


_SCORE_THEN_QUOTE = r"(<p><b>\d+/100</b> · (?:ship|skip)</p>)(<blockquote>.*?</blockquote>)"


def paragraphs_over_scores(html: str, *, only: str | None = None) -> str:
    """Each review's paragraph over its score; ``only``: under that persona only."""
    if only is None:
        swapped = re.sub(_SCORE_THEN_QUOTE, r"\2\1", html)
    else:
        block = re.search(rf"<h3>{only}</h3>.*?(?=<h3>|</section>)", html, re.DOTALL)
        assert block is not None
        swapped = html.replace(block[0], re.sub(_SCORE_THEN_QUOTE, r"\2\1", block[0]), 1)
    assert swapped != html
    return swapped
