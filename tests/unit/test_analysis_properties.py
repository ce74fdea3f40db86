"""Properties of `analyze_blocks` on any text: it never fails and keeps the offset contract."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.core.analysis import Analysis, EntityKind, QuoteKind, analyze_blocks
from briefing_tui.core.analysis.analyze import analyze_part
from briefing_tui.core.model import Article, Block, BlockKind

QUOTE_MARKS = "„“”\"‘’'«»"
# Whole words as well as characters, so names, particles, speech verbs and apostrophe
# words (zo'n, 's) meet the quote marks often enough to matter.
WORDS = [
    "Poetin",
    "Volodymyr Zelensky",
    "Zelensky",
    "Karien van Gennip",
    "Moskou",
    "NAVO",
    "het Kremlin",
    "ministerie van Defensie",
    "DEN HAAG",
    "De Russische president",
    "zei",
    "vroeg",
    "Volgens",
    "said Mr Blair",
    "he added",
    "zo'n",
    "'s avonds",
    "'t",
    "Trump's",
    "voters'",
    ",,",
    "''",
    "Daarom",
    "dat",
    # Entity evidence and spans: channel numbers, initials, 't, brackets, frames, shapes.
    "BBC Radio 4's",
    "Radio",
    "BBC Two",
    "Ned 3",
    "KBC Securities",
    "A.F.Th. van der Heijden",
    "J.J.",
    "Gert van 't Hof",
    "Aad in 't",
    "Tico & Kico",
    "(34)",
    "(CD&V)",
    "Burgemeester van",
    "minister van Cultuur Bussemaker",
    "Department for Work and",
    ", 8840 ",
    "Van Aken",
    "bij",
    "in de",
    "Senna",
    "Volodimir",
    "Letterenfonds",
    "Kerkstraat",
    "Franstalige",
    "zei hij",
    "he said",
    "de woordvoerder",
    "the Tory leader",
    "aldus",
    "according to",
    ", who chairs it,",
    "ze",
    ": ",
]
CHARACTERS = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz")
    + list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    + list("éëïÉÏ")
    + [" ", " ", " ", "\t", "\n"]
    + list(".,;:!?-–—()&")
    + list("0123456789")
    + list(QUOTE_MARKS)
)
PIECES = st.one_of(CHARACTERS, CHARACTERS, st.sampled_from(WORDS))
TEXTS = st.one_of(
    st.text(alphabet=CHARACTERS, max_size=80),
    st.lists(PIECES, max_size=60).map("".join),
)
BLOCKS = st.lists(TEXTS, min_size=1, max_size=5)

ENTITY_KINDS = set(EntityKind)
QUOTE_KINDS = set(QuoteKind)


def check_contract(blocks: list[str], analysis: Analysis) -> None:
    for entity in analysis.entities:
        assert 0 <= entity.block < len(blocks)
        block = blocks[entity.block]
        assert 0 <= entity.start < entity.end <= len(block), entity
        assert block[entity.start : entity.end] == entity.text, entity
        assert entity.kind in ENTITY_KINDS
        assert isinstance(entity.name, str)
        assert entity.name
    for quote in analysis.quotes:
        assert 0 <= quote.block < len(blocks)
        block = blocks[quote.block]
        assert 0 <= quote.start < quote.end <= len(block), quote
        assert block[quote.start : quote.end] == quote.text, quote
        assert quote.text == quote.text.strip(), quote
        assert quote.kind in QUOTE_KINDS
        assert quote.speaker is None or isinstance(quote.speaker, str)
        if quote.kind is QuoteKind.SCARE:
            assert quote.speaker is None, quote


def check_no_overlap(analysis: Analysis) -> None:
    spans = sorted((e.block, e.start, e.end) for e in analysis.entities)
    for (block, _, end), (next_block, next_start, _) in pairwise(spans):
        if block == next_block:
            assert end <= next_start, spans


@settings(max_examples=200, deadline=None)
@given(BLOCKS)
def test_any_text_keeps_the_offset_contract(blocks: list[str]) -> None:
    check_contract(blocks, analyze_blocks(blocks))


@settings(max_examples=200, deadline=None)
@given(BLOCKS)
def test_entities_do_not_overlap_within_a_block(blocks: list[str]) -> None:
    check_no_overlap(analyze_blocks(blocks))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=5))
def test_any_unicode_text_keeps_the_offset_contract(blocks: list[str]) -> None:
    analysis = analyze_blocks(blocks)
    check_contract(blocks, analysis)
    check_no_overlap(analysis)


@settings(max_examples=200, deadline=None)
@given(BLOCKS)
def test_analysing_the_same_blocks_twice_gives_equal_results(blocks: list[str]) -> None:
    assert analyze_blocks(blocks) == analyze_blocks(list(blocks))


def check_confidence(analysis: Analysis) -> None:
    for quote in analysis.quotes:
        assert 0.0 <= quote.speaker_confidence <= 1.0, quote
        if quote.speaker is None:
            assert quote.speaker_confidence == 0.0, quote


@settings(max_examples=200, deadline=None)
@given(BLOCKS)
def test_speaker_confidence_is_within_0_and_1_and_0_without_a_speaker(blocks: list[str]) -> None:
    check_confidence(analyze_blocks(blocks))


def test_a_part_of_an_article_is_analysed_with_its_block_numbers() -> None:
    texts = [
        "Een inleiding zonder namen.",
        "Poetin sprak in Moskou.",
        "Zelensky reageerde in Kyiv.",
    ]
    article = Article(Path("a.txt"), "a", tuple(Block(BlockKind.PARAGRAPH, t) for t in texts))

    part = analyze_part(article, 1, 3)
    alone = analyze_blocks(texts[1:3])

    assert [(e.block, e.name) for e in part.entities] == [
        (e.block + 1, e.name) for e in alone.entities
    ]
    assert {e.block for e in part.entities} == {1, 2}
