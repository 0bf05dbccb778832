"""Typed records for what a comparison page says; the contract between layers.

``model_dump(mode="json")`` of :class:`ComparisonPage` is the JSON that
``panelwatch parse --json`` prints, that golden files hold and that the store hashes.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

PanelVerdictWord = Literal["ship", "skip", "mixed"]
ReviewVerdictWord = Literal["ship", "skip"]
Percent = Annotated[int, Field(ge=0, le=100)]
Count = Annotated[int, Field(ge=0)]
Text = Annotated[str, Field(min_length=1)]

# Bumped whenever the parser's output for the same HTML changes, so stored records can
# say which parser made them (`panelwatch reparse` rebuilds them with the current one).
PARSER_VERSION = "23"


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PanelVerdict(Record):
    verdict: PanelVerdictWord
    ship: Count
    skip: Count
    ship_pct: Percent

    @model_validator(mode="after")
    def _counts_match_percentage(self) -> Self:
        total = self.ship + self.skip
        if total == 0:
            raise ValueError("a panel verdict needs at least one vote")
        exact = 100 * self.ship / total
        if abs(exact - self.ship_pct) > 1:
            raise ValueError(
                f"{self.ship} ship / {self.skip} skip is {exact:.0f}%, "
                f"not the {self.ship_pct}% shown"
            )
        return self


class CommunityVotes(Record):
    text: str | None = None
    ship_pct: Percent | None = None
    ship: Count | None = None
    skip: Count | None = None
    total: Count | None = None

    @model_validator(mode="after")
    def _total_adds_up(self) -> Self:
        ship, skip, total = self.ship, self.skip, self.total
        if ship is None or skip is None or total is None:
            return self
        if ship + skip != total:
            raise ValueError(f"{ship} ship + {skip} skip is not {total} votes")
        return self


class Pricing(Record):
    model: str | None = None
    text: Text


class Tool(Record):
    slug: Text
    name: Text
    category: str | None = None
    tagline: str | None = None
    description: str | None = None
    best_for: str | None = None
    panel: PanelVerdict
    community: CommunityVotes
    pricing: Pricing


class Review(Record):
    reviewer: Text
    tool: Text
    tool_slug: Text
    score: Percent
    verdict: ReviewVerdictWord
    text: Text


class ComparisonPage(Record):
    kind: Literal["comparison"] = "comparison"
    url: str | None = None
    title: Text
    subtitle: str | None = None
    tools: list[Tool] = Field(min_length=2)
    reviews: list[Review]
    parser_version: str = PARSER_VERSION

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        slugs = [tool.slug for tool in self.tools]
        if len(set(slugs)) != len(slugs):
            raise ValueError(f"tool slugs repeat: {slugs}")
        names = {tool.slug: tool.name for tool in self.tools}
        seen: set[tuple[str, str]] = set()
        for review in self.reviews:
            if names.get(review.tool_slug) != review.tool:
                raise ValueError(
                    f"review by {review.reviewer} names tool {review.tool!r} "
                    f"({review.tool_slug}), which is not on the page"
                )
            key = (review.reviewer, review.tool_slug)
            if key in seen:
                raise ValueError(f"{review.reviewer} reviews {review.tool!r} twice")
            seen.add(key)
        return self

    def tool(self, slug: str) -> Tool:
        for tool in self.tools:
            if tool.slug == slug:
                return tool
        raise KeyError(slug)


PageRecord = ComparisonPage
