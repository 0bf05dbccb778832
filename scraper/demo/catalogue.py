"""Synthetic tools and reviews for the replica site and the fixtures.

All of this text is written for panelwatch; none of it comes from the real site.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas import CommunityVotes, ComparisonPage, PanelVerdict, Pricing, Review, Tool

PERSONAS = ("Builder", "Skeptic", "Futurist", "Founder")
SUBTITLE = (
    "Which one should you ship with? Here is the side-by-side panel verdict, pricing read, "
    "reviewer split, and community vote comparison."
)


@dataclass(frozen=True)
class ToolSpec:
    slug: str
    name: str
    category: str
    tagline: str
    description: str
    model: str
    pricing: str
    angles: tuple[str, str, str, str]  # what each persona latches on to


TOOLS: dict[str, ToolSpec] = {
    spec.slug: spec
    for spec in (
        ToolSpec(
            "quillmate-drafts",
            "Quillmate",
            "Writing",
            "Drafts release notes from your merged pull requests",
            "Quillmate reads the pull requests merged since your last tag and writes release "
            "notes grouped by audience. It links every line back to its PR and learns the "
            "house style from notes you have already published.",
            "Freemium",
            "Free for public repositories; Team plan at $12 per seat per month with private repos",
            (
                "the PR-to-note linking",
                "hallucinated changelog lines",
                "docs that write themselves",
                "a per-seat wedge into engineering teams",
            ),
        ),
        ToolSpec(
            "tensorloom-7b",
            "Tensorloom 7B",
            "Open Source Models",
            "A 7B model tuned for structured JSON output",
            "Tensorloom 7B is an open-weight model trained to emit schema-valid JSON on the "
            "first try. It ships with a grammar-constrained sampler and runs on a single "
            "consumer GPU at usable speeds.",
            "Free",
            "Open weights under Apache 2.0; hosted inference at $0.20 per million tokens",
            (
                "the constrained sampler",
                "benchmarks on its own schema suite",
                "small models as parsers",
                "no revenue beyond hosting",
            ),
        ),
        ToolSpec(
            "patchwork-ci",
            "Patchwork CI",
            "Developer Tools",
            "Flaky test triage that opens the fix as a pull request",
            "Patchwork CI watches your test runs, clusters failures by root cause and proposes "
            "a patch for the flakiest ones. It works with GitHub Actions and GitLab runners "
            "and never pushes to a protected branch.",
            "Paid",
            "$39 per month per repository; 14-day trial without a card",
            (
                "the failure clustering",
                "patches that mask real bugs",
                "self-healing pipelines",
                "priced per repository, not per seat",
            ),
        ),
        ToolSpec(
            "orbit-voice",
            "Orbit Voice",
            "AI Clients",
            "Push-to-talk assistant for your terminal",
            "Orbit Voice turns spoken requests into shell commands, shows them for approval and "
            "keeps a searchable history. Speech recognition runs locally; only the command "
            "planning calls a hosted model.",
            "Paid",
            "$8 per month; a one-time $90 licence for offline use",
            (
                "the approval step",
                "voice in open-plan offices",
                "ambient computing at the prompt",
                "a consumer price in a developer market",
            ),
        ),
        ToolSpec(
            "lumen-sql",
            "Lumen SQL",
            "Research & Analysis",
            "Ask questions of your warehouse in plain English",
            "Lumen SQL writes warehouse queries from questions, explains each join in prose and "
            "caches the answers as dashboards. It supports Postgres, BigQuery and Snowflake.",
            "Freemium",
            "Free up to 100 questions a month; Pro at $29 per user per month",
            (
                "the join explanations",
                "wrong answers that look right",
                "analysts becoming editors",
                "land with analysts, expand to finance",
            ),
        ),
    )
}


def review_text(persona: str, spec: ToolSpec, score: int) -> str:
    """A short synthetic paragraph in each persona's voice."""
    angle = spec.angles[PERSONAS.index(persona)] if persona in PERSONAS else spec.angles[0]
    mood = "holds up" if score >= 70 else "is not enough yet"
    voice = {
        "Builder": f"I wired {spec.name} into a test project in an afternoon. "
        f"What matters is {angle}, and it {mood}.",
        "Skeptic": f"The risk with {spec.name} is {angle}. "
        f"I looked for the failure case first; the product {mood}.",
        "Futurist": f"If {spec.name} wins, the bet is {angle}. Two years out that thesis {mood}.",
        "Founder": f"The business case for {spec.name} rests on {angle}. As a company, it {mood}.",
    }
    return voice.get(persona, f"{persona} on {spec.name}: {angle} {mood}.")


def make_tool(
    spec: ToolSpec,
    ship: int,
    skip: int,
    *,
    community: CommunityVotes | None = None,
    pricing: str | None = None,
    name: str | None = None,
) -> Tool:
    total = ship + skip
    pct = round(100 * ship / total)
    verdict = "ship" if ship > skip else "skip" if skip > ship else "mixed"
    return Tool(
        slug=spec.slug,
        name=name or spec.name,
        category=spec.category,
        tagline=spec.tagline,
        description=spec.description,
        best_for=spec.tagline,
        panel=PanelVerdict(verdict=verdict, ship=ship, skip=skip, ship_pct=pct),
        community=community or CommunityVotes(text="No community votes yet"),
        pricing=Pricing(model=spec.model, text=pricing or spec.pricing),
    )


def make_review(persona: str, tool: Tool, score: int, text: str | None = None) -> Review:
    # numbered copies of a catalogue tool (benchmark pages) carry a suffix: "lumen-sql-7"
    spec = TOOLS.get(tool.slug) or next(s for k, s in TOOLS.items() if tool.slug.startswith(k))
    return Review(
        reviewer=persona,
        tool=tool.name,
        tool_slug=tool.slug,
        score=score,
        verdict="ship" if score >= 60 else "skip",
        text=text or review_text(persona, spec, score),
    )


def make_page(
    tools: list[Tool],
    scores: dict[str, list[int | None]],
) -> ComparisonPage:
    """A page whose reviews follow ``scores``: persona -> one score per tool (None: no review)."""
    reviews = [
        make_review(persona, tool, score)
        for persona, row in scores.items()
        for tool, score in zip(tools, row, strict=True)
        if score is not None
    ]
    slugs = "-vs-".join(sorted(tool.slug for tool in tools))
    return ComparisonPage(
        url=f"https://shiporskip.io/compare/{slugs}",
        title=" vs ".join(tool.name for tool in tools),
        subtitle=SUBTITLE,
        tools=tools,
        reviews=reviews,
    )
