"""The reader's article: blocks laid out as lines once, drawn line by line.

Laying the article out ourselves (wrap each block once per width, then `render_line`)
keeps opening an article to a few milliseconds, where a focusable widget per paragraph
costs a quarter of a second to mount. The cursor is a paragraph index: the unit notes
and tags will attach to.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing_tui.core.analysis.model import Analysis, EntityKind
from briefing_tui.core.model import Article, Block, BlockKind, MarkStyle
from briefing_tui.ui.glyphs import UNICODE, Glyphs

GUTTER = 3
"""Columns left of the text: the cursor mark, the note mark and a space."""
MAX_TEXT_WIDTH = 88
"""Lines longer than this are hard to read; wide terminals get margins instead."""


@dataclass(frozen=True)
class _Layout:
    """The article as lines at one width."""

    width: int
    lines: list[Strip]
    line_block: list[int | None]
    """Block index per line (None for the blank lines between blocks)."""
    block_lines: list[tuple[int, int]]
    """First line and end line (exclusive) of each block."""


class ArticleView(ScrollView, can_focus=True):
    """An article as paragraphs with a paragraph cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--heading",
        "article-view--pullquote",
        "article-view--attribution",
        "article-view--quote",
        "article-view--code",
        "article-view--cursor",
        "article-view--gutter",
        "article-view--emphasis",
        "article-view--strong",
        "article-view--link",
        "article-view--person",
        "article-view--organization",
        "article-view--place",
        "article-view--quote-span",
        "article-view--speaker",
        "article-view--selected-actor",
        "article-view--annotation",
        "article-view--find-match",
        "article-view--find-current",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next ¶", show=False, id="reader.next_paragraph"),
        Binding("up,k", "cursor_up", "Previous ¶", show=False, id="reader.previous_paragraph"),
        Binding("home,g", "first", "First ¶", show=False, id="reader.first"),
        Binding("end,G", "last", "Last ¶", show=False, id="reader.last"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="reader.page_up"),
    ]

    cursor: reactive[int] = reactive(0, init=False)
    """Index into `paragraphs`: the focused paragraph."""

    class CursorMoved(Message):
        """The focused paragraph changed (or a new article was shown)."""

        def __init__(self, position: int, total: int, block_index: int) -> None:
            super().__init__()
            self.position = position
            self.total = total
            self.block_index = block_index

    def __init__(
        self,
        *,
        glyphs: Glyphs = UNICODE,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.glyphs = glyphs
        self.article: Article | None = None
        self.paragraphs: list[int] = []
        """Block indices the cursor stops on: everything but headings."""
        self._layout: _Layout | None = None
        self.analysis: Analysis | None = None
        """Actors and quotes of the article, once the background analysis is done."""
        self.selected_actor: str | None = None
        """Name of the actor whose mentions are marked (chosen in the actors panel)."""
        self._block_strips_cache: dict[tuple[int, int], list[Strip]] = {}
        self.annotations: dict[int, tuple[str, tuple[str, ...]]] = {}
        """Block index -> (note, tags) of the paragraphs the reader annotated."""
        self.find_spans: dict[int, list[tuple[int, int]]] = {}
        """Block index -> (start, end) of each match of the find bar's query."""
        self.find_current: tuple[int, int, int] | None = None
        """(block, start, end) of the match the find bar is on."""
        self._drawn_with: tuple[Style, ...] = ()
        """The styles the cached lines were drawn with."""
        self._prepared: (
            tuple[tuple[Block, ...], tuple[Style, ...], dict[tuple[int, int], list[Strip]]] | None
        ) = None
        """An article wrapped ahead of its opening: its blocks, the styles, its lines."""
        self._base_style: Style | None = None
        """`rich_style` (walks every ancestor) kept for `render_line` until styles change."""

    # --- data -----------------------------------------------------------------------

    def show_article(
        self,
        article: Article,
        *,
        block: int = 0,
        annotations: dict[int, tuple[str, tuple[str, ...]]] | None = None,
        find_spans: dict[int, list[tuple[int, int]]] | None = None,
    ) -> None:
        """Display `article` with the cursor on the first paragraph at or after `block`.

        The notes and the find bar's matches come along, so that the article is wrapped
        once for its first frame rather than once for each of them.
        """
        self.article = article
        self.analysis = None
        self.selected_actor = None
        self.annotations = annotations if annotations is not None else {}
        self.find_spans = find_spans if find_spans is not None else {}
        self.find_current = None
        self._block_strips_cache.clear()
        prepared, self._prepared = self._prepared, None
        if prepared is not None and prepared[1] == self._drawn_with:
            blocks, _styles, strips = prepared
            if blocks == tuple(article.blocks):
                self._block_strips_cache.update(
                    (key, lines) for key, lines in strips.items() if key[0] not in self.find_spans
                )
        self.paragraphs = [
            index
            for index, block in enumerate(article.blocks)
            if block.kind is not BlockKind.HEADING
        ] or list(range(len(article.blocks)))
        self._layout = None
        self.set_reactive(ArticleView.cursor, self.position_of_block(block) or 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        self._ensure_layout()
        self._scroll_cursor_into_view()
        self.refresh()
        self._announce()

    def prepare(self, article: Article) -> None:
        """Wrap an article before it is opened (the library's cursor rests on it).

        Done while this view waits behind the library, it takes the wrapping (most of the
        work of an opening) off the key that opens it; `show_article` uses it if that
        article is the one opened, with the same styles.
        """
        width = self._text_width()
        styles = self._style_signature()
        if not styles or styles != self._drawn_with:
            return  # not drawn yet, or the theme changed: the opening wraps it
        console = self.app.console
        strips = {
            (index, width): self._block_strips(index, block, width, console, plain=True)
            for index, block in enumerate(article.blocks)
        }
        # A scrollbar that comes or goes with this article changes the width by its own.
        lines = sum(len(block_lines) for block_lines in strips.values()) + len(strips) - 1
        scrolls = lines > self.scrollable_content_region.height
        if scrolls != self.show_vertical_scrollbar:
            bar = self.styles.scrollbar_size_vertical
            region = self.scrollable_content_region.width
            other = self._text_width_in(region - bar if scrolls else region + bar)
            if other != width:
                for index, block in enumerate(article.blocks):
                    strips[(index, other)] = self._block_strips(
                        index, block, other, console, plain=True
                    )
        self._prepared = (tuple(article.blocks), styles, strips)

    def position_of_block(self, block: int) -> int | None:
        """The cursor position of the first paragraph at or after `block`, if any."""
        later = [position for position, index in enumerate(self.paragraphs) if index >= block]
        return later[0] if later else None

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Show actors and quotes (the analysis runs in the background, so it comes later)."""
        self.analysis = analysis
        self._invalidate()
        self._ensure_layout()
        self.refresh()

    def set_annotations(self, annotations: dict[int, tuple[str, tuple[str, ...]]]) -> None:
        """Show which paragraphs have notes and tags (block index -> (note, tags))."""
        self.annotations = annotations
        self._layout = None
        self._ensure_layout()
        self.refresh()

    def set_find(
        self, spans: dict[int, list[tuple[int, int]]], current: tuple[int, int, int] | None
    ) -> None:
        """Highlight the find bar's matches (styles, never markup), the current one apart."""
        changed = {
            index
            for index in spans.keys() | self.find_spans.keys()
            if spans.get(index) != self.find_spans.get(index)
        }
        changed.update(found[0] for found in (current, self.find_current) if found is not None)
        self.find_spans = spans
        self.find_current = current
        if not changed:
            return  # an empty find on a new article: nothing to redraw
        # Only the paragraphs whose matches changed are wrapped again, not the article.
        for key in [key for key in self._block_strips_cache if key[0] in changed]:
            del self._block_strips_cache[key]
        self._layout = None
        self.refresh()

    def _stylize_find(self, text: Text, index: int) -> None:
        spans = self.find_spans.get(index)
        if not spans:
            return
        match_style = self.get_component_rich_style("article-view--find-match", partial=True)
        for start, end in spans:
            text.stylize(match_style, start, end)
        current = self.find_current
        if current is not None and current[0] == index:
            style = self.get_component_rich_style("article-view--find-current", partial=True)
            text.stylize(style, current[1], current[2])

    def select_actor(self, name: str | None) -> None:
        """Mark every mention of one actor (None: none)."""
        self.selected_actor = name
        self._invalidate()
        self.refresh()

    def _invalidate(self) -> None:
        self._block_strips_cache.clear()
        self._layout = None

    @property
    def block_index(self) -> int:
        """Index in `article.blocks` of the focused paragraph."""
        return self.paragraphs[self.cursor] if self.paragraphs else 0

    def _announce(self) -> None:
        self.post_message(self.CursorMoved(self.cursor, len(self.paragraphs), self.block_index))

    # --- layout ---------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._layout = None  # wrapped blocks are cached by width: only the layout is stale
        self._ensure_layout()
        self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        # Also called on every focus change: the layout is redone, and the cached lines
        # are dropped only if the styles they were drawn with changed (see _build_layout).
        self._layout = None

    def _style_signature(self) -> tuple[Style, ...]:
        """The styles the lines are drawn with (empty before the component styles exist)."""
        try:
            components = sorted(self.COMPONENT_CLASSES)
            return (
                self.get_component_rich_style("article-view--heading"),  # drawn not partial
                *(self.get_component_rich_style(name, partial=True) for name in components),
            )
        except KeyError:
            return ()

    def _text_width(self) -> int:
        # Before the first layout the widget has no size: guess the screen's width less
        # the scrollbar, so an article opened in a new reader is wrapped once, not at
        # 10 columns first (a long article took 70 ms that way).
        return self._text_width_in(self.scrollable_content_region.width or self.app.size.width - 1)

    @staticmethod
    def _text_width_in(width: int) -> int:
        """The text's width in a view of `width` columns (less its scrollbar)."""
        return max(10, min(MAX_TEXT_WIDTH, width - GUTTER - 1))

    def _ensure_layout(self) -> _Layout:
        width = self._text_width()
        if self._layout is None or self._layout.width != width:
            self._layout = self._build_layout(width)
            lines = len(self._layout.lines)
            self._set_virtual_size(Size(self.scrollable_content_region.width, lines))
        return self._layout

    def _set_virtual_size(self, size: Size) -> None:
        """The scrollable size, with a layout of the screen only if a scrollbar comes or goes.

        `virtual_size` is a layout reactive: set plainly, every article opened reflowed the
        whole screen. Widget._scroll_update (private Textual API) resizes the scrollbar and
        sets `show_vertical_scrollbar`, whose change asks for the layout when it is needed.
        """
        if size != self.virtual_size:
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
            self.refresh()

    def _build_layout(self, width: int) -> _Layout:
        styles = self._style_signature()
        if not styles or styles != self._drawn_with:
            self._block_strips_cache.clear()  # drawn with other styles (the theme changed)
            self._drawn_with = styles
        lines: list[Strip] = []
        line_block: list[int | None] = []
        block_lines: list[tuple[int, int]] = []
        console = self.app.console
        blocks = self.article.blocks if self.article else ()
        focused = self.block_index
        for index, block in enumerate(blocks):
            if index:
                lines.append(Strip([]))
                line_block.append(None)
            start = len(lines)
            key = (index, width)
            strips = self._block_strips_cache.get(key)
            if strips is None:
                strips = self._block_strips(index, block, width, console)
                self._block_strips_cache[key] = strips
            if index in self.annotations:
                strips = strips + self._annotation_strips(index, width, console)
            if index == focused:
                strips = strips + self._speaker_strips(index, width, console)
            for strip in strips:
                lines.append(strip)
                line_block.append(index)
            block_lines.append((start, len(lines)))
        return _Layout(width, lines, line_block, block_lines)

    def _annotation_strips(self, index: int, width: int, console: Console) -> list[Strip]:
        """A dimmed line under an annotated paragraph: its tags and the note's opening."""
        note, tags = self.annotations[index]
        style = self.get_component_rich_style("article-view--annotation", partial=True)
        line = " ".join(f"#{tag}" for tag in tags)
        if note:
            first = " ".join(note.split("\n", 1)[0].split())
            if len(first) > 60:
                first = first[:59] + self.glyphs.ellipsis
            line = f"{line}  {self.glyphs.note} {first}" if line else f"{self.glyphs.note} {first}"
        return self._wrap(Text(line, style=style, end=""), width, console, "  ")

    def _speaker_strips(self, index: int, width: int, console: Console) -> list[Strip]:
        """A dimmed "— Poetin" line under the focused paragraph, naming who is quoted in it."""
        if self.analysis is None or (
            self.article is not None and self.article.blocks[index].kind is BlockKind.PULLQUOTE
        ):
            return []  # a pull quote shows its attribution already
        speakers: list[str] = []
        for quote in self.analysis.quotes:
            if quote.block == index and quote.speaker and quote.speaker not in speakers:
                speakers.append(quote.speaker)
        if not speakers:
            return []
        style = self.get_component_rich_style("article-view--speaker", partial=True)
        text = Text(f"{self.glyphs.dash} {', '.join(speakers)}", style=style, end="")
        return self._wrap(text, width, console, "    ")

    def _actor_styles(self) -> dict[str, Style]:
        return {
            kind.value: self.get_component_rich_style(f"article-view--{kind.value}", partial=True)
            for kind in EntityKind
        }

    def _styled_text(self, block: Block, index: int | None = None) -> Text:
        text = Text(block.text, end="")
        if self.analysis is not None and index is not None:
            quote_style = self.get_component_rich_style("article-view--quote-span", partial=True)
            for quote in self.analysis.quotes:
                if quote.block == index:
                    text.stylize(quote_style, quote.start, quote.end)
            styles = self._actor_styles()
            selected = self.get_component_rich_style("article-view--selected-actor", partial=True)
            for entity in self.analysis.entities:
                if entity.block == index:
                    text.stylize(styles[entity.kind.value], entity.start, entity.end)
                    if entity.name == self.selected_actor:
                        text.stylize(selected, entity.start, entity.end)
        for mark in block.marks:
            name = {
                MarkStyle.EMPHASIS: "article-view--emphasis",
                MarkStyle.STRONG: "article-view--strong",
                MarkStyle.LINK: "article-view--link",
                MarkStyle.CODE: "article-view--code",
            }[mark.style]
            text.stylize(self.get_component_rich_style(name, partial=True), mark.start, mark.end)
        if index is not None:
            self._stylize_find(text, index)
        return text

    def _wrap(
        self,
        text: Text,
        width: int,
        console: Console,
        prefix: str = "",
        prefix_style: Style | None = None,
        hanging: str | None = None,
    ) -> list[Strip]:
        """Wrap text to width: `prefix` before the first line, `hanging` before the rest."""
        hanging = prefix if hanging is None else hanging
        inner = max(1, width - len(prefix))
        strips: list[Strip] = []
        for number, line in enumerate(text.wrap(console, inner, overflow="fold")):
            lead = prefix if number == 0 else hanging
            segments = [Segment(lead, prefix_style)] if lead else []
            segments.extend(line.render(console))
            strips.append(Strip(segments))
        return strips

    def _block_strips(
        self, index: int, block: Block, width: int, console: Console, *, plain: bool = False
    ) -> list[Strip]:
        """A block's lines; `plain`: without highlights or find matches (as first opened)."""
        styled = self._styled_text(block, None if plain else index)
        if block.kind is BlockKind.HEADING:
            styled.stylize_before(self.get_component_rich_style("article-view--heading"))
            return self._wrap(styled, width, console)
        if block.kind is BlockKind.PULLQUOTE:
            style = self.get_component_rich_style("article-view--pullquote", partial=True)
            bar_style = self.get_component_rich_style("article-view--attribution", partial=True)
            bar = f"  {self.glyphs.quote_bar} "
            quote = styled[: len(block.quote)]
            quote.stylize_before(style)
            strips = self._wrap(quote, width, console, bar, bar_style)
            if block.attribution_start is not None:
                attribution = Text(f"{self.glyphs.dash} ", style=bar_style, end="")
                attribution.append_text(styled[block.attribution_start :])
                strips += self._wrap(attribution, width, console, bar, bar_style)
            return strips
        if block.kind is BlockKind.QUOTE:
            style = self.get_component_rich_style("article-view--quote", partial=True)
            bar = f"{self.glyphs.quote_bar} " * max(1, block.level)
            styled.stylize_before(style)
            return self._wrap(styled, width, console, bar, style)
        if block.kind is BlockKind.LIST_ITEM:
            marker = block.marker or self.glyphs.bullet
            indent = "  " * max(0, block.level - 1)
            prefix = f"{indent}{marker} "
            return self._wrap(styled, width, console, prefix, None, " " * len(prefix))
        if block.kind is BlockKind.CODE:
            style = self.get_component_rich_style("article-view--code", partial=True)
            code = Text(block.text, style=style, end="")
            if not plain:
                self._stylize_find(code, index)
            return self._wrap(code, width, console, "    ")
        return self._wrap(styled, width, console)

    # --- drawing --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self._ensure_layout()
        base_style = self._base_style
        if base_style is None:
            base_style = self._base_style = self.rich_style
        line_number = y + int(self.scroll_offset.y)
        if line_number >= len(layout.lines):
            return Strip.blank(width, base_style)
        block = layout.line_block[line_number]
        strip = layout.lines[line_number]
        # Two gutter columns: the cursor mark, then the mark of a note or tags.
        gutter_style = self.get_component_rich_style("article-view--gutter")
        is_cursor = block is not None and block == self.block_index
        noted = block is not None and block in self.annotations
        gutter = Strip(
            [
                Segment(self.glyphs.cursor if is_cursor else " ", gutter_style),
                Segment(self.glyphs.note if noted else " ", gutter_style),
                Segment(" "),
            ]
        )
        if is_cursor:
            cursor_style = self.get_component_rich_style("article-view--cursor")
            strip = strip.adjust_cell_length(layout.width + 1).apply_style(cursor_style)
        line = Strip.join([gutter, strip])
        return line.adjust_cell_length(width).apply_style(base_style)

    # --- cursor ---------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.paragraphs) - 1)) if self.paragraphs else 0

    def watch_cursor(self) -> None:
        self._layout = None  # the speaker line follows the cursor
        self._scroll_cursor_into_view()
        self.refresh()
        self._announce()

    def _block_extent(self, block_index: int) -> tuple[int, int]:
        layout = self._ensure_layout()
        return layout.block_lines[block_index] if layout.block_lines else (0, 0)

    def _scroll_cursor_into_view(self) -> None:
        if not self.paragraphs:
            return
        top, end = self._block_extent(self.block_index)
        # A heading just above the paragraph belongs with it on screen.
        previous = self.block_index - 1
        if (
            previous >= 0
            and self.article
            and self.article.blocks[previous].kind is BlockKind.HEADING
        ):
            top = self._block_extent(previous)[0]
        height = max(1, self.scrollable_content_region.height)
        scroll_y = int(self.scroll_offset.y)
        if top < scroll_y:
            self.scroll_to(y=max(0, top - 1), animate=False, immediate=True)
        elif end > scroll_y + height:
            self.scroll_to(y=max(0, min(top - 1, end - height)), animate=False, immediate=True)

    def _viewport(self) -> tuple[int, int]:
        scroll_y = int(self.scroll_offset.y)
        return scroll_y, scroll_y + max(1, self.scrollable_content_region.height)

    def action_cursor_down(self) -> None:
        """Next paragraph; first scroll through the rest of a paragraph taller than the screen."""
        _, end = self._block_extent(self.block_index)
        view_top, view_end = self._viewport()
        if end > view_end:
            self.scroll_to(y=view_top + min(view_end - view_top - 2, end - view_end), animate=False)
            return
        self.cursor += 1

    def action_cursor_up(self) -> None:
        """Previous paragraph; first scroll back to the start of a tall one."""
        top, _ = self._block_extent(self.block_index)
        view_top, view_end = self._viewport()
        if top < view_top:
            self.scroll_to(y=max(top, view_top - (view_end - view_top - 2)), animate=False)
            return
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0
        self.scroll_to(y=0, animate=False)

    def action_last(self) -> None:
        self.cursor = len(self.paragraphs) - 1
        self.scroll_end(animate=False)

    def _paragraph_at_line(self, line: int) -> int:
        """The first paragraph that starts at or after `line` (else the last one)."""
        starts = [self._block_extent(block)[0] for block in self.paragraphs]
        position = bisect_right(starts, line - 1)
        return min(position, len(self.paragraphs) - 1)

    def action_page_down(self) -> None:
        view_top, view_end = self._viewport()
        page = max(1, view_end - view_top - 2)
        self.scroll_to(y=view_top + page, animate=False, immediate=True)
        if int(self.scroll_offset.y) == view_top:  # already at the end
            self.cursor = len(self.paragraphs) - 1
            return
        self.set_reactive(ArticleView.cursor, self._paragraph_at_line(int(self.scroll_offset.y)))
        self._layout = None
        self.refresh()
        self._announce()

    def action_page_up(self) -> None:
        view_top, view_end = self._viewport()
        page = max(1, view_end - view_top - 2)
        self.scroll_to(y=max(0, view_top - page), animate=False, immediate=True)
        if view_top == 0:
            self.cursor = 0
            return
        self.set_reactive(ArticleView.cursor, self._paragraph_at_line(int(self.scroll_offset.y)))
        self._layout = None
        self.refresh()
        self._announce()

    def reveal(self, block: int, offset: int) -> None:
        """Scroll so the line holding character `offset` of a paragraph is on screen.

        The find bar uses it for a match deep in a paragraph taller than the screen. The
        line is found by wrapping the plain text as the layout does (paragraphs only).
        """
        if self.article is None or not 0 <= block < len(self.article.blocks):
            return
        if self.article.blocks[block].kind is not BlockKind.PARAGRAPH:
            return
        layout = self._ensure_layout()
        top, end = layout.block_lines[block]
        text = self.article.blocks[block].text
        wrapped = Text(text, end="").wrap(self.app.console, layout.width, overflow="fold")
        consumed = 0
        target = end - 1
        for number, piece in enumerate(wrapped):
            consumed += len(piece.plain)
            if offset < consumed:
                target = min(top + number, end - 1)
                break
            if text[consumed : consumed + 1] == "\n":  # the line break wrap() dropped
                consumed += 1
        view_top, view_end = self._viewport()
        if not view_top <= target < view_end:
            middle = max(0, target - (view_end - view_top) // 2)
            self.scroll_to(y=middle, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        layout = self._ensure_layout()
        line = event.y + int(self.scroll_offset.y)
        if 0 <= line < len(layout.line_block):
            block = layout.line_block[line]
            if block is not None and block in self.paragraphs:
                self.cursor = self.paragraphs.index(block)
