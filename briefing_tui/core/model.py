"""The article model: plain frozen values the parsers build and the UI shows."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from briefing_tui.core.dates import PartialDate
from briefing_tui.core.text import count_words

MAX_ARTICLE_BYTES = 5_000_000
"""Files larger than this are refused: no briefing article is 5 MB of text (decimal
megabytes, as every size in a message is: see core/sizes.py)."""

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
"""File names the library picks up when it reads a folder."""

WORDS_PER_MINUTE = 230
"""Reading speed used for the reading time shown in the library."""


class BlockKind(StrEnum):
    """What a block of an article is; the reader styles each kind differently."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    PULLQUOTE = "pullquote"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    CODE = "code"


class MarkStyle(StrEnum):
    """Inline styling kept from Markdown."""

    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"


@dataclass(frozen=True)
class InlineMark:
    """A styled span inside a block's text (Markdown emphasis, links, code)."""

    start: int
    """Offset of the first character, in `str` indices into `Block.text`."""
    end: int
    """Offset just past the last character."""
    style: MarkStyle
    target: str | None = None
    """Where a link points (already cleaned of control characters)."""


@dataclass(frozen=True)
class Block:
    """One unit of an article as the reader shows it: a paragraph, heading, pull quote..."""

    kind: BlockKind
    text: str
    """Cleaned text, safe to display; never contains markup semantics."""
    level: int = 0
    """Heading level (1-6), or nesting depth for quotes and list items."""
    attribution_start: int | None = None
    """Where a pull quote's attribution begins in `text`; the text keeps the whole line."""
    marker: str | None = None
    """A list item's bullet or number ("•", "3.")."""
    marks: tuple[InlineMark, ...] = ()

    @property
    def quote(self) -> str:
        """A pull quote's quotation (the whole text for other blocks)."""
        if self.attribution_start is None:
            return self.text
        return self.text[: self.attribution_start].rstrip(" —–-\n")

    @property
    def attribution(self) -> str | None:
        """Who a pull quote is by ("Volodymyr Zelensky, president Oekraïne")."""
        if self.attribution_start is None:
            return None
        return self.text[self.attribution_start :].strip()

    @property
    def word_count(self) -> int:
        """Words in the block."""
        return count_words(self.text)


@dataclass(frozen=True)
class ParagraphNumbers:
    """Block index -> the paragraph number a person reads ("¶ 5"): the one numbering.

    The reader's cursor stops on every block but headings (on every block of an article
    that is all headings); the stops are numbered from 1 in reading order, as the
    reader's status shows them ("¶ 5/15"). The panels, the outline, the notebook, search
    and the exports show the same number, so a paragraph is called one thing everywhere.
    A heading has the number of the paragraph it leads into (where going to it puts the
    cursor); one that ends the article, the last paragraph's.
    """

    stops: tuple[int, ...]
    """Block indices the cursor stops on, in order: stop k is paragraph k + 1."""

    @classmethod
    def of_kinds(cls, kinds: Iterable[BlockKind | str]) -> ParagraphNumbers:
        """The numbering of an article whose blocks are of these kinds, in order."""
        every = [BlockKind(kind) for kind in kinds]
        headings = {index for index, kind in enumerate(every) if kind is BlockKind.HEADING}
        return cls.of_headings(len(every), headings)

    @classmethod
    def of_headings(cls, block_count: int, headings: Collection[int]) -> ParagraphNumbers:
        """The numbering of an article of `block_count` blocks with headings at these
        indices (what the search index can tell without reading every block)."""
        stops = tuple(index for index in range(block_count) if index not in headings)
        return cls(stops or tuple(range(block_count)))

    @property
    def total(self) -> int:
        """How many paragraphs there are to number (the 15 of "¶ 5/15")."""
        return len(self.stops)

    def number(self, block: int) -> int:
        """The paragraph number of the block at index `block` (1-based; 1 if there are none)."""
        position = bisect_left(self.stops, block)
        return min(position, max(0, len(self.stops) - 1)) + 1

    def block(self, number: int) -> int:
        """The block index of paragraph `number` (clamped to the first and last)."""
        if not self.stops:
            return 0
        return self.stops[max(0, min(number - 1, len(self.stops) - 1))]


def paragraph_label(number: int) -> str:
    """How a paragraph number is written wherever a person reads it: "¶ 5"."""
    return f"¶ {number}"


@dataclass(frozen=True)
class Article:
    """An article read from disk: what the library lists and the reader shows."""

    path: Path
    title: str
    blocks: tuple[Block, ...]
    date: PartialDate | None = None
    source: str | None = None
    language: str | None = None
    """"nl" or "en" from front matter or detected from the text; None if unclear."""
    tags: tuple[str, ...] = ()
    article_id: str | None = None
    """The `id` from front matter, if the article has one."""
    problems: tuple[str, ...] = field(default=(), compare=False)
    """Things wrong with the file that did not stop it from being read."""

    @cached_property
    def word_count(self) -> int:
        """Words in the whole article (counted once: the reader shows it with the time)."""
        return sum(block.word_count for block in self.blocks)

    @cached_property
    def paragraph_numbers(self) -> ParagraphNumbers:
        """Block index -> the paragraph number the reader shows (see ParagraphNumbers)."""
        return ParagraphNumbers.of_kinds(block.kind for block in self.blocks)

    @property
    def reading_minutes(self) -> int:
        """Reading time, rounded up to at least one minute."""
        return max(1, -(-self.word_count // WORDS_PER_MINUTE))
