"""Running the analysis on an article, cached by the article's text."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from threading import Lock

from briefing_tui.core.analysis.entities import EntityFinder
from briefing_tui.core.analysis.lexicon import Lexicon, builtin_lexicon
from briefing_tui.core.analysis.model import Analysis
from briefing_tui.core.analysis.quotes import QuoteFinder
from briefing_tui.core.model import Article, BlockKind

CACHE_SIZE = 256
"""Analyses kept in memory; the key is the text, so an edited article is analysed again."""

_cache: OrderedDict[tuple[str, int], tuple[Lexicon, Analysis]] = OrderedDict()
"""(text digest, id of the lexicon) -> the lexicon itself (so its id cannot be reused while
the entry lives) and the analysis."""
_cache_lock = Lock()


def analyze_blocks(
    blocks: Sequence[str],
    pull_quotes: dict[int, int] | None = None,
    lexicon: Lexicon | None = None,
) -> Analysis:
    """Entities and quotes of an article given as block texts.

    Args:
        blocks: The text of each block, in order.
        pull_quotes: For pull quote blocks, where the attribution starts in the text.
        lexicon: Lexicons to use (the built-in ones by default).
    """
    lexicon = lexicon or builtin_lexicon()
    with _collector_paused():
        return _analyze(blocks, pull_quotes, lexicon)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the analysis makes many small tuples and no cycles,
    and collections triggered by those allocations cost about 5% of its time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _analyze(
    blocks: Sequence[str], pull_quotes: dict[int, int] | None, lexicon: Lexicon
) -> Analysis:
    entities = EntityFinder(lexicon).find(blocks)
    finder = QuoteFinder(lexicon, entities)
    quotes = finder.find(blocks, pull_quotes or {})
    # Roles as the article writes them ("Amerikaanse president"), not lowercased.
    learned = {(name, finder.role_forms.get(role, role)) for role, name in finder.roles.items()}
    # "oekraïense president" says more than "president": keep only the fullest roles.
    roles = tuple(
        sorted(
            (name, role)
            for name, role in learned
            if not any(
                other_name == name and other != role and other.lower().endswith(" " + role.lower())
                for other_name, other in learned
            )
        )
    )
    return Analysis(tuple(entities), tuple(quotes), roles)


def analyze_article(
    article: Article, lexicon: Lexicon | None = None, *, cached: bool = True
) -> Analysis:
    """The analysis of an article, from the cache when the same text was analysed before.

    With `cached=False` the cache is neither read nor filled: a one-shot run over many
    articles (`briefing analyze`) sees each text once, and hashing and keeping them
    would only cost time and memory.
    """
    lexicon = lexicon or builtin_lexicon()
    texts = [block.text for block in article.blocks]
    pull_quotes = {
        index: block.attribution_start
        for index, block in enumerate(article.blocks)
        if block.kind is BlockKind.PULLQUOTE and block.attribution_start is not None
    }
    if not cached:
        return analyze_blocks(texts, pull_quotes, lexicon)
    digest = hashlib.blake2b("\x00".join(texts).encode("utf-8"), digest_size=16).hexdigest()
    key = (digest, id(lexicon))
    with _cache_lock:
        found = _cache.get(key)
        if found is not None and found[0] is lexicon:
            _cache.move_to_end(key)
            return found[1]
    analysis = analyze_blocks(texts, pull_quotes, lexicon)
    with _cache_lock:
        _cache[key] = (lexicon, analysis)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return analysis


def analyze_part(
    article: Article, start: int, stop: int, lexicon: Lexicon | None = None
) -> Analysis:
    """The analysis of blocks `start` to `stop` alone, with block indices into the article.

    A preview of a long article's paragraphs on screen, shown while the whole article is
    analysed: names and speakers are settled within those blocks only, so it can differ
    from `analyze_article` (which replaces it). Not cached.
    """
    lexicon = lexicon or builtin_lexicon()
    blocks = article.blocks[start:stop]
    pull_quotes = {
        index: block.attribution_start
        for index, block in enumerate(blocks)
        if block.kind is BlockKind.PULLQUOTE and block.attribution_start is not None
    }
    part = analyze_blocks([block.text for block in blocks], pull_quotes, lexicon)
    return Analysis(
        tuple(dataclasses.replace(entity, block=entity.block + start) for entity in part.entities),
        tuple(dataclasses.replace(quote, block=quote.block + start) for quote in part.quotes),
        part.roles,
    )
