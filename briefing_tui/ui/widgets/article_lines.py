"""One block of an article as the reader's lines: styled (never markup) and wrapped.

Kept apart from the view's layout and cursor: it needs only the styles, the glyphs and
what to highlight. The analysis comes indexed by block (`BlockHighlights`, built off the
UI thread), so drawing one paragraph of a 10,000-paragraph article looks at that
paragraph's actors and quotes only, not at every one in the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from briefing_tui.core.analysis.model import UNCLEAR_SPEAKER, Analysis, Entity, Quote, QuoteKind
from briefing_tui.core.model import Block, BlockKind, MarkStyle
from briefing_tui.ui.glyphs import Glyphs

MARK_CLASSES = {
    MarkStyle.EMPHASIS: "article-view--emphasis",
    MarkStyle.STRONG: "article-view--strong",
    MarkStyle.LINK: "article-view--link",
    MarkStyle.CODE: "article-view--code",
}


@dataclass(frozen=True)
class BlockHighlights:
    """An analysis indexed by block: what to mark in each paragraph, and who is quoted."""

    entities: dict[int, list[Entity]] = field(default_factory=dict)
    quotes: dict[int, list[Quote]] = field(default_factory=dict)
    speakers: dict[int, list[str]] = field(default_factory=dict)
    """Block index -> the speakers quoted in it, each once, in reading order; an uncertain
    one with a "?" ("Poetin?"), and "speaker unclear" for a quote nobody could be given."""

    @classmethod
    def of(cls, analysis: Analysis) -> BlockHighlights:
        """Index `analysis` (one pass; at 60,000 mentions worth doing off the UI thread)."""
        entities: dict[int, list[Entity]] = {}
        for entity in analysis.entities:
            entities.setdefault(entity.block, []).append(entity)
        quotes: dict[int, list[Quote]] = {}
        speakers: dict[int, list[str]] = {}
        for quote in analysis.quotes:
            quotes.setdefault(quote.block, []).append(quote)
            if quote.kind is QuoteKind.SCARE:
                continue
            label = quote.speaker_label or UNCLEAR_SPEAKER
            names = speakers.setdefault(quote.block, [])
            if label not in names:
                names.append(label)
        for names in speakers.values():
            if len(names) > 1 and UNCLEAR_SPEAKER in names:
                names.remove(UNCLEAR_SPEAKER)  # "— Poetin" says enough; the panel lists each quote
        return cls(entities, quotes, speakers)


@dataclass
class Marks:
    """What is marked in the article beyond its own text: actors, find matches."""

    highlights: BlockHighlights | None = None
    selected_actor: str | None = None
    find_spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    find_current: tuple[int, int, int] | None = None
    """(block, start, end) of the match the find bar is on."""


class LinePainter:
    """Turns blocks into lines of one width with the view's component styles."""

    def __init__(self, styles: dict[str, Style], glyphs: Glyphs, console: Console) -> None:
        self.styles = styles
        """Component class -> its style (partial), "heading" drawn whole."""
        self.glyphs = glyphs
        self.console = console

    def wrap(
        self,
        text: Text,
        width: int,
        prefix: str = "",
        prefix_style: Style | None = None,
        hanging: str | None = None,
    ) -> list[Strip]:
        """Wrap text to width: `prefix` before the first line, `hanging` before the rest."""
        hanging = prefix if hanging is None else hanging
        inner = max(1, width - len(prefix))
        strips: list[Strip] = []
        console = self.console
        for number, line in enumerate(text.wrap(console, inner, overflow="fold")):
            lead = prefix if number == 0 else hanging
            segments = [Segment(lead, prefix_style)] if lead else []
            segments.extend(line.render(console))
            strips.append(Strip(segments))
        return strips

    def _stylize_find(self, text: Text, index: int, marks: Marks) -> None:
        spans = marks.find_spans.get(index)
        if not spans:
            return
        match_style = self.styles["article-view--find-match"]
        for start, end in spans:
            text.stylize(match_style, start, end)
        current = marks.find_current
        if current is not None and current[0] == index:
            text.stylize(self.styles["article-view--find-current"], current[1], current[2])

    def styled_text(self, block: Block, index: int | None, marks: Marks) -> Text:
        text = Text(block.text, end="")
        styles = self.styles
        highlights = marks.highlights
        if highlights is not None and index is not None:
            quote_style = styles["article-view--quote-span"]
            for quote in highlights.quotes.get(index, ()):
                text.stylize(quote_style, quote.start, quote.end)
            selected = styles["article-view--selected-actor"]
            for entity in highlights.entities.get(index, ()):
                text.stylize(styles[f"article-view--{entity.kind.value}"], entity.start, entity.end)
                if entity.name == marks.selected_actor:
                    text.stylize(selected, entity.start, entity.end)
        for mark in block.marks:
            text.stylize(styles[MARK_CLASSES[mark.style]], mark.start, mark.end)
        if index is not None:
            self._stylize_find(text, index, marks)
        return text

    def block_strips(
        self, index: int, block: Block, width: int, marks: Marks, *, plain: bool = False
    ) -> list[Strip]:
        """A block's own lines; `plain`: without highlights or find matches (as first opened)."""
        styles = self.styles
        glyphs = self.glyphs
        styled = self.styled_text(block, None if plain else index, marks)
        if block.kind is BlockKind.HEADING:
            styled.stylize_before(styles["heading"])
            return self.wrap(styled, width)
        if block.kind is BlockKind.PULLQUOTE:
            style = styles["article-view--pullquote"]
            bar_style = styles["article-view--attribution"]
            bar = f"  {glyphs.quote_bar} "
            quote = styled[: len(block.quote)]
            quote.stylize_before(style)
            strips = self.wrap(quote, width, bar, bar_style)
            if block.attribution_start is not None:
                attribution = Text(f"{glyphs.dash} ", style=bar_style, end="")
                attribution.append_text(styled[block.attribution_start :])
                strips += self.wrap(attribution, width, bar, bar_style)
            return strips
        if block.kind is BlockKind.QUOTE:
            style = styles["article-view--quote"]
            bar = f"{glyphs.quote_bar} " * max(1, block.level)
            styled.stylize_before(style)
            return self.wrap(styled, width, bar, style)
        if block.kind is BlockKind.LIST_ITEM:
            marker = block.marker or glyphs.bullet
            indent = "  " * max(0, block.level - 1)
            prefix = f"{indent}{marker} "
            return self.wrap(styled, width, prefix, None, " " * len(prefix))
        if block.kind is BlockKind.CODE:
            code = Text(block.text, style=styles["article-view--code"], end="")
            if not plain:
                self._stylize_find(code, index, marks)
            return self.wrap(code, width, "    ")
        return self.wrap(styled, width)

    def annotation_strips(self, note: str, tags: tuple[str, ...], width: int) -> list[Strip]:
        """A dimmed line under an annotated paragraph: its tags and the note's opening."""
        style = self.styles["article-view--annotation"]
        glyphs = self.glyphs
        line = " ".join(f"#{tag}" for tag in tags)
        if note:
            first = " ".join(note.split("\n", 1)[0].split())
            if len(first) > 60:
                first = first[:59] + glyphs.ellipsis
            line = f"{line}  {glyphs.note} {first}" if line else f"{glyphs.note} {first}"
        return self.wrap(Text(line, style=style, end=""), width, "  ")

    def speaker_strips(self, speakers: list[str], width: int) -> list[Strip]:
        """A dimmed "— Poetin" line under the focused paragraph, naming who is quoted in it."""
        if not speakers:
            return []
        style = self.styles["article-view--speaker"]
        text = Text(f"{self.glyphs.dash} {', '.join(speakers)}", style=style, end="")
        return self.wrap(text, width, "    ")


def estimated_height(block: Block, width: int) -> int:
    """Lines a block will take at `width`, from its length alone (no wrapping).

    Words do not fill a line to the last column, so a line is taken to hold a few
    characters fewer than the width; the estimate is replaced by the real height as
    soon as the block is wrapped (when it comes into view).
    """
    text = block.text
    if block.kind is BlockKind.PULLQUOTE:
        room = width - 4
        extra = 1 if block.attribution_start is not None else 0
    elif block.kind is BlockKind.CODE:
        room = width - 4
        extra = 0
    elif block.kind in (BlockKind.QUOTE, BlockKind.LIST_ITEM):
        room = width - 2 * max(1, block.level) - 2
        extra = 0
    else:
        room = width
        extra = 0
    per_line = max(1, room - 4)
    if "\n" not in text:
        return max(1, -(-len(text) // per_line)) + extra
    return sum(max(1, -(-len(line) // per_line)) for line in text.split("\n")) + extra
