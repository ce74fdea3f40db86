"""The analysis as the JSON contract of `briefing analyze --json`, or as a readable summary.

`article_json` gives the contract as dictionaries; `article_json_text` the same article
already encoded, as `json.dumps(article_json(...), ensure_ascii=False)` would write it,
without building the dictionaries (they cost as much as encoding them), so the command
can write its output one article at a time.
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

try:  # the C function json itself uses for ensure_ascii=False
    from _json import encode_basestring as _json_string
except ImportError:  # pragma: no cover - CPython always has _json
    from json.encoder import py_encode_basestring as _json_string

_CONTRACT_KINDS = {BlockKind.HEADING: "heading", BlockKind.PULLQUOTE: "pullquote"}
"""Block kinds the contract names; every other kind is a paragraph there."""
_BLOCK_KIND_JSON = {
    kind: _json_string(_CONTRACT_KINDS.get(kind, "paragraph")) for kind in BlockKind
}
_ENTITY_KIND_JSON = {kind: _json_string(kind.value) for kind in EntityKind}
_QUOTE_KIND_JSON = {kind: _json_string(kind.value) for kind in QuoteKind}


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


def article_json_text(article: Article, lexicon: Lexicon | None = None) -> str:
    """`json.dumps(article_json(article, lexicon), ensure_ascii=False)`, character for
    character, written directly (the analysis is not cached: see `analyze_article`)."""
    analysis = analyze_article(article, lexicon, cached=False)
    string = _json_string
    blocks = ", ".join(
        [
            f'{{"kind": {_BLOCK_KIND_JSON[block.kind]}, "text": {string(block.text)}}}'
            for block in article.blocks
        ]
    )
    entities = ", ".join(
        [
            f'{{"block": {e.block}, "start": {e.start}, "end": {e.end}, '
            f'"text": {string(e.text)}, "kind": {_ENTITY_KIND_JSON[e.kind]}, '
            f'"name": {string(e.name)}}}'
            for e in analysis.entities
        ]
    )
    quotes = ", ".join(
        [
            f'{{"block": {q.block}, "start": {q.start}, "end": {q.end}, '
            f'"text": {string(q.text)}, '
            f'"speaker": {"null" if q.speaker is None else string(q.speaker)}, '
            f'"speaker_confidence": '
            f"{_json_number(round(q.speaker_confidence if q.speaker else 0.0, 3))}, "
            f'"kind": {_QUOTE_KIND_JSON[q.kind]}}}'
            for q in analysis.quotes
        ]
    )
    date = "null" if article.date is None else string(article.date.iso())
    return (
        f'{{"path": {string(str(article.path))}, "title": {string(article.title)}, '
        f'"date": {date}, "blocks": [{blocks}], "entities": [{entities}], '
        f'"quotes": [{quotes}]}}'
    )


def _json_number(value: float) -> str:
    """A number as json writes it (repr; NaN and infinities as json spells them)."""
    if 0.0 <= value <= 1.0 and type(value) in (float, int):
        return repr(value)
    return json.dumps(value)


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
