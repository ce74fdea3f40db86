"""Markdown articles, parsed with markdown-it-py into the same blocks as plain text.

Headings, paragraphs, block quotes, list items and code keep their kind; emphasis,
strong text, inline code and links are kept as `InlineMark` spans over plain text, so
the reader styles them without ever interpreting article text as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing_tui.core.frontmatter_block import split_front_matter
from briefing_tui.core.model import Article, Block, BlockKind, InlineMark, MarkStyle
from briefing_tui.core.plaintext import CLOSING_QUOTES, OPENING_QUOTES
from briefing_tui.core.safety import clean_line, clean_text
from briefing_tui.core.text import derive_title, detect_language

_PARSER = MarkdownIt("commonmark")
_ATTRIBUTION_DASHES = ("—", "–", "--", "- ")
_INLINE_STYLES = {"em": MarkStyle.EMPHASIS, "strong": MarkStyle.STRONG, "link": MarkStyle.LINK}


def _inline_text(token: Token) -> tuple[str, tuple[InlineMark, ...]]:
    """Flatten an inline token into text and style spans (soft breaks become newlines)."""
    parts: list[str] = []
    marks: list[InlineMark] = []
    open_spans: list[tuple[MarkStyle, int, str | None]] = []
    length = 0
    for child in token.children or ():
        piece = ""
        kind = child.type
        if kind in ("text", "html_inline"):
            # Character references (&#x202E;) are decoded by the parser, after the file
            # was cleaned: clean again.
            piece = clean_text(child.content).replace("\n", " ")
        elif kind in ("softbreak", "hardbreak"):
            piece = "\n"
        elif kind == "code_inline":
            piece = clean_text(child.content)
            marks.append(InlineMark(length, length + len(piece), MarkStyle.CODE))
        elif kind == "image":
            alt = "".join(grand.content for grand in child.children or () if grand.content)
            piece = clean_text(alt) or "[image]"
        elif kind.endswith("_open") and kind[: -len("_open")] in _INLINE_STYLES:
            href = child.attrGet("href") if kind == "link_open" else None
            target = clean_line(str(href)) if href is not None else None
            open_spans.append((_INLINE_STYLES[kind[: -len("_open")]], length, target))
        elif kind.endswith("_close") and kind[: -len("_close")] in _INLINE_STYLES:
            style = _INLINE_STYLES[kind[: -len("_close")]]
            for index in range(len(open_spans) - 1, -1, -1):
                if open_spans[index][0] is style:
                    _, start, target = open_spans.pop(index)
                    if length > start:
                        marks.append(InlineMark(start, length, style, target))
                    break
        parts.append(piece)
        length += len(piece)
    return "".join(parts), tuple(marks)


def _pull_quote(text: str) -> tuple[str, str] | None:
    """A block quote whose last line is `— Name` is a pull quote with its attribution."""
    quote, _, last_line = text.rpartition("\n")
    last_line = last_line.strip()
    if not quote.strip() or not last_line.startswith(_ATTRIBUTION_DASHES):
        return None
    attribution = last_line.lstrip("—–- ").strip()
    if not attribution or any(mark in attribution for mark in OPENING_QUOTES + CLOSING_QUOTES):
        return None
    return quote.strip(), attribution


@dataclass
class _Walker:
    """Walks markdown-it's flat token stream, tracking quote and list nesting."""

    blocks: list[Block] = field(default_factory=list)
    quote_depth: int = 0
    lists: list[list[int]] = field(default_factory=list)
    """One entry per open list: [next number] for ordered lists, [] for bullets."""
    pending_marker: str | None = None
    heading_level: int = 0
    quote_start: int = 0

    def walk(self, tokens: list[Token]) -> list[Block]:
        for token in tokens:
            self.visit(token)
        return self.blocks

    def visit(self, token: Token) -> None:
        kind = token.type
        if kind == "blockquote_open":
            self.quote_depth += 1
            self.quote_start = len(self.blocks)
        elif kind == "blockquote_close":
            self.quote_depth -= 1
            self._maybe_pull_quote()
        elif kind == "bullet_list_open":
            self.lists.append([])
        elif kind == "ordered_list_open":
            self.lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_close":
            self.pending_marker = None  # an empty item must not mark the next paragraph
        elif kind == "heading_close":
            self.heading_level = 0
        elif kind == "list_item_open":
            counter = self.lists[-1] if self.lists else []
            if counter:
                self.pending_marker = f"{counter[0]}."
                counter[0] += 1
            else:
                self.pending_marker = "•"
        elif kind == "heading_open":
            self.heading_level = int(token.tag[1:])
        elif kind == "inline":
            self._add_inline(token)
        elif kind in ("fence", "code_block"):
            code = clean_text(token.content).rstrip("\n")
            if code.strip():
                self.blocks.append(Block(BlockKind.CODE, code))
        elif kind == "html_block":
            html = clean_text(token.content).strip()
            if html:
                self.blocks.append(Block(BlockKind.PARAGRAPH, html))

    def _add_inline(self, token: Token) -> None:
        text, marks = _inline_text(token)
        if not text.strip():
            return
        if self.heading_level:
            block = Block(BlockKind.HEADING, " ".join(text.split()), level=self.heading_level)
            self.heading_level = 0
            self.blocks.append(block)
            return
        if self.lists and self.pending_marker is not None:
            kind, level = BlockKind.LIST_ITEM, len(self.lists)
        elif self.lists:
            kind, level = BlockKind.LIST_ITEM, len(self.lists)  # a later paragraph of an item
        elif self.quote_depth:
            kind, level = BlockKind.QUOTE, self.quote_depth
        else:
            kind, level = BlockKind.PARAGRAPH, 0
        marker, self.pending_marker = self.pending_marker, None
        self.blocks.append(Block(kind, text, level=level, marker=marker, marks=marks))

    def _maybe_pull_quote(self) -> None:
        inside = self.blocks[self.quote_start :]
        if len(inside) != 1 or inside[0].kind is not BlockKind.QUOTE or inside[0].marks:
            return
        found = _pull_quote(inside[0].text)
        if found is not None:
            quote, attribution = found
            text = f"{' '.join(quote.split())} — {attribution}"
            self.blocks[-1] = Block(
                BlockKind.PULLQUOTE, text, attribution_start=len(text) - len(attribution)
            )


def _join_soft_breaks(block: Block) -> Block:
    """Soft breaks were kept as newlines to find attributions; show them as spaces."""
    if block.kind in (BlockKind.CODE, BlockKind.PULLQUOTE) or "\n" not in block.text:
        return block
    return replace(block, text=block.text.replace("\n", " "))


def parse_markdown(text: str, path: Path, *, guess_language: bool = True) -> Article:
    """Parse a Markdown article (already decoded), front matter included (see
    `read_article` for `guess_language`)."""
    front, body = split_front_matter(clean_text(text))
    blocks = [_join_soft_breaks(block) for block in _Walker().walk(_PARSER.parse(body))]
    if front.title:
        title = front.title
    elif blocks and blocks[0].kind is BlockKind.HEADING:
        title = blocks[0].text
    else:
        title = derive_title(block.text for block in blocks if block.kind is BlockKind.PARAGRAPH)
    if front.raw is not None and front.raw.strip():
        # Broken front matter is shown, not dropped: the user sees what to fix.
        blocks.insert(0, Block(BlockKind.CODE, front.raw.strip("\n")))
    return Article(
        path=path,
        title=title,
        blocks=tuple(blocks),
        date=front.date,
        source=front.source,
        language=front.language or (detect_language(body) if guess_language else None),
        tags=front.tags,
        article_id=front.article_id,
        problems=front.problems,
    )
