"""Comparison pages (``/compare/<a>-vs-<b>``) -> :class:`schemas.ComparisonPage`.

Everything is found by what a reader sees: the labels ("Panel ship", "Decision",
"Panel verdict", "Reviewer scorecard", ...) and reading order. Markup, class names and
ids are never consulted, so semantic HTML and utility-class div soup read the same.

Reading order of a page (NOTES.md): header (title, subtitle) -> one card per tool
(category, name, tagline, a stat strip, description) -> the Decision grid -> the
Reviewer scorecard -> footer boilerplate.
"""

from parsers.compare._reader import parse_compare_page, parse_compare_text

__all__ = ["parse_compare_page", "parse_compare_text"]
