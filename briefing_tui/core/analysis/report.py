"""The analysis as the JSON contract of `briefing analyze --json`, or as a readable summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from briefing_tui.core.analysis.analyze import analyze_article
from briefing_tui.core.analysis.lexicon import Lexicon
from briefing_tui.core.analysis.model import EntityKind
from briefing_tui.core.model import Article, BlockKind, paragraph_label

_CONTRACT_KINDS = {BlockKind.HEADING: "heading", BlockKind.PULLQUOTE: "pullquote"}
"""Block kinds the contract names; every other kind is a paragraph there."""


def article_json(article: Article, lexicon: Lexicon | None = None) -> dict[str, Any]:
    """One article as the contract's object (offsets are `str` indices into block text)."""
    analysis = analyze_article(article, lexicon)
    return {
        "path": str(article.path),
        "title": article.title,
        "date": article.date.iso() if article.date else None,
        "blocks": [
            {"kind": _CONTRACT_KINDS.get(block.kind, "paragraph"), "text": block.text}
            for block in article.blocks
        ],
        "entities": [
            {
                "block": e.block,
                "start": e.start,
                "end": e.end,
                "text": e.text,
                "kind": e.kind.value,
                "name": e.name,
            }
            for e in analysis.entities
        ],
        "quotes": [
            {
                "block": q.block,
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "speaker": q.speaker,
                "speaker_confidence": round(q.speaker_confidence if q.speaker else 0.0, 3),
                "kind": q.kind.value,
            }
            for q in analysis.quotes
        ],
    }


def analysis_json(articles: Sequence[Article], lexicon: Lexicon | None = None) -> dict[str, Any]:
    """The whole `analyze --json` output."""
    return {"articles": [article_json(article, lexicon) for article in articles]}


def analysis_summary(article: Article, lexicon: Lexicon | None = None) -> str:
    """Actors by kind with mention counts, then who said what."""
    analysis = analyze_article(article, lexicon)
    lines = [f"{article.path}: {article.title}"]
    for kind in EntityKind:
        counts = Counter(e.name for e in analysis.entities if e.kind is kind)
        if counts:
            listed = ", ".join(f"{name} ({count})" for name, count in counts.most_common())
            lines.append(f"  {kind.value}s: {listed}")
    numbers = article.paragraph_numbers
    for quote in analysis.quotes:
        who = quote.speaker or ("(scare quote)" if quote.kind.value == "scare" else "(unknown)")
        text = quote.text if len(quote.text) <= 70 else quote.text[:69] + "…"
        where = paragraph_label(numbers.number(quote.block))
        lines.append(f"  {where} {who}: “{text}” [{quote.kind.value}]")
    return "\n".join(lines)
