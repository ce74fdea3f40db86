"""The plain-text briefing format beyond the examples: headings and pull quote layouts."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.model import Block, BlockKind
from briefing_tui.core.plaintext import parse_plain_text

BODY = "Poetin sprak in Moskou met de pers."


def blocks_of(text: str) -> tuple[Block, ...]:
    return parse_plain_text(text, Path("article.txt")).blocks


def test_short_unpunctuated_line_between_paragraphs_is_a_heading() -> None:
    blocks = blocks_of(f"{BODY}\n\nKoersk\n\n{BODY}\n")
    assert [(b.kind, b.level, b.text) for b in blocks][1] == (BlockKind.HEADING, 2, "Koersk")


def test_short_unpunctuated_last_line_is_a_paragraph_not_a_heading() -> None:
    blocks = blocks_of(f"{BODY}\n\nSlotregel zonder punt\n")
    assert blocks[-1].kind is BlockKind.PARAGRAPH


def test_lines_of_one_block_are_joined_into_one_paragraph() -> None:
    blocks = blocks_of("Eerste regel\ntweede regel\n\nMeer.\n")
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Eerste regel tweede regel"),
        (BlockKind.PARAGRAPH, "Meer."),
    ]


def test_pull_quote_with_attribution_on_the_next_line() -> None:
    (block, _) = blocks_of(f"„Goed gezegd”\n— Jan Jansen, zanger\n\n{BODY}\n")
    assert block.kind is BlockKind.PULLQUOTE
    assert (block.quote, block.attribution) == ("„Goed gezegd”", "Jan Jansen, zanger")


def test_quotation_followed_by_a_sentence_is_a_paragraph() -> None:
    (block,) = blocks_of('"Nee", zei Poetin, "dat gaan we niet doen." Daarna vertrok hij.\n')
    assert block.kind is BlockKind.PARAGRAPH


def test_attribution_with_an_apostrophe_is_a_pull_quote() -> None:
    (block, _) = blocks_of(f"„Goed gezegd” Sinéad O'Connor, zangeres\n\n{BODY}\n")
    assert block.kind is BlockKind.PULLQUOTE
    assert block.attribution == "Sinéad O'Connor, zangeres"
