"""The article model: plain frozen values the parsers build and the UI shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from briefing_tui.core.dates import PartialDate
from briefing_tui.core.text import count_words

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""Files larger than this are refused: no briefing article is 5 MB of text."""

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

    @property
    def reading_minutes(self) -> int:
        """Reading time, rounded up to at least one minute."""
        return max(1, -(-self.word_count // WORDS_PER_MINUTE))
