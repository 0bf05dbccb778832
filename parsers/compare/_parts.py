"""What the sections of a page are read into before the record is assembled."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StatStrip:
    start: int
    end: int  # index after the strip
    ship_pct: int
    community: str | None
    entry: str | None


@dataclass
class GridColumn:
    name: str | None = None
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class Card:
    name: str
    tagline: str | None
    description: str | None
    strip: StatStrip


@dataclass
class ReviewBlock:
    reviewer: str
    column: int | None
    score: int
    verdict: str
    text: str
    paragraphs: int  # the blocks of text it was read from
