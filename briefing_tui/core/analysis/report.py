"""The analysis as the JSON contract of `briefing analyze --json`, or as a readable summary.

The command writes its output one article at a time (`article_json_text` pieces joined by
`write_analysis_json`), the same characters as `json.dump(analysis_json(...))` of the
whole.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from briefing_tui.core.analysis.analyze import analyze_article
from briefing_tui.core.analysis.lexicon import Lexicon
from briefing_tui.core.analysis.model import UNCLEAR_SPEAKER, EntityKind, QuoteKind
from briefing_tui.core.model import Article, BlockKind, paragraph_label

_CONTRACT_KINDS = {BlockKind.HEADING: "heading", BlockKind.PULLQUOTE: "pullquote"}
"""Block kinds the contract names; every other kind is a paragraph there."""


def article_json(article: Article, lexicon: Lexicon | None = None) -> dict[str, Any]:
    """One article as the contract's object (offsets are `str` indices into block text).

    Not from the analysis cache: a one-shot run sees each text once (see
    `analyze_article`)."""
    analysis = analyze_article(article, lexicon, cached=False)
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


def article_json_text(article: Article, lexicon: Lexicon | None = None) -> str:
    """One article of the contract, encoded as `analysis_json` output holds it."""
    return json.dumps(article_json(article, lexicon), ensure_ascii=False)


def analysis_json(articles: Sequence[Article], lexicon: Lexicon | None = None) -> dict[str, Any]:
    """The whole `analyze --json` output."""
    return {"articles": [article_json(article, lexicon) for article in articles]}


def write_analysis_json(article_texts: Iterable[str], out: TextIO) -> None:
    """The whole `analyze --json` output from `article_json_text` pieces, written as they
    come: the same characters as `json.dump(analysis_json(...), out, ensure_ascii=False)`
    followed by a newline."""
    out.write('{"articles": [')
    separator = ""
    for text in article_texts:
        out.write(separator)
        out.write(text)
        separator = ", "
    out.write("]}\n")


def analysis_summary(
    article: Article, lexicon: Lexicon | None = None, *, cached: bool = True
) -> str:
    """Actors by kind with mention counts, then who said what."""
    analysis = analyze_article(article, lexicon, cached=cached)
    lines = [f"{article.path}: {article.title}"]
    for kind in EntityKind:
        counts = Counter(e.name for e in analysis.entities if e.kind is kind)
        if counts:
            listed = ", ".join(f"{name} ({count})" for name, count in counts.most_common())
            lines.append(f"  {kind.value}s: {listed}")
    numbers = article.paragraph_numbers
    for quote in analysis.quotes:
        if quote.kind is QuoteKind.SCARE:
            who = "(scare quote)"
        else:
            who = quote.speaker_label or f"({UNCLEAR_SPEAKER})"
        text = quote.text if len(quote.text) <= 70 else quote.text[:69] + "…"
        where = paragraph_label(numbers.number(quote.block))
        lines.append(f"  {where} {who}: “{text}” [{quote.kind.value}]")
    return "\n".join(lines)
