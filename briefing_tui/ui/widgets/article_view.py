"""The reader's article: blocks wrapped as they come into view, drawn line by line.

Laying the article out ourselves (wrap blocks, then `render_line`) keeps opening an
article to a few milliseconds, where a focusable widget per paragraph costs a quarter of
a second to mount. Only the blocks on screen are wrapped; the others have a height
estimated from their length (see `BlockHeights`) until they are drawn, so opening and
every key cost what is on screen, not what is in the article: a 10,000-paragraph article
wrapped up front took seconds, and each key rebuilt its 60,000 lines. The cursor is a
paragraph index: the unit notes and tags attach to.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from typing import ClassVar

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

from briefing_tui.core.analysis.model import Analysis
from briefing_tui.core.model import Article, Block, BlockKind
from briefing_tui.ui.glyphs import UNICODE, Glyphs
from briefing_tui.ui.widgets.article_lines import (
    BlockHighlights,
    LinePainter,
    Marks,
    estimated_height,
)
from briefing_tui.ui.widgets.block_heights import BlockHeights

GUTTER = 3
"""Columns left of the text: the cursor mark, the note mark and a space."""
MAX_TEXT_WIDTH = 88
"""Lines longer than this are hard to read; wide terminals get margins instead."""
CACHED_BLOCKS = 600
"""Blocks whose wrapped lines are kept (least recently drawn dropped first): a few
screens either way, without holding every line of a huge article."""
WHOLE_ARTICLE_CHARS = 60_000
"""An article up to this long (a long briefing; wrapping it takes a few milliseconds) is
wrapped whole when shown, so its scrollbar is exact from the first frame; a longer one
is wrapped as it comes into view."""
PREPARED_SCREENS = 2
"""How many screens of a long article's opening `prepare` wraps ahead."""

Prepared = tuple[tuple[Block, ...], tuple[Style, ...], dict[tuple[int, int], list[Strip]]]
"""An article wrapped ahead of its opening: its blocks, the styles, lines by (block, width)."""


def is_short(article: Article) -> bool:
    """Whether an article is wrapped whole when shown (see WHOLE_ARTICLE_CHARS)."""
    total = 0
    for block in article.blocks:
        total += len(block.text)
        if total > WHOLE_ARTICLE_CHARS:
            return False
    return True


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
        """Block indices the cursor stops on (ascending): everything but headings."""
        self.analysis: Analysis | None = None
        """Actors and quotes of the article, once the background analysis is done."""
        self.marks = Marks()
        """What is highlighted: the analysis by block, the chosen actor, find matches."""
        self.annotations: dict[int, tuple[str, tuple[str, ...]]] = {}
        """Block index -> (note, tags) of the paragraphs the reader annotated."""
        self._heights: BlockHeights | None = None
        """Lines of each block at `_width`: real for the blocks wrapped, else estimated."""
        self._width = 0
        self._exact = bytearray()
        """Per block: 1 once its height is the real one at `_width`."""
        self._lines: OrderedDict[int, list[Strip]] = OrderedDict()
        """Block index -> its lines at `_width` (text, note line, speaker line)."""
        self._speaker_block: int | None = None
        """The block whose cached lines end with the focused paragraph's speaker line."""
        self._painter: LinePainter | None = None
        self._drawn_with: tuple[Style, ...] = ()
        """The styles the cached lines were drawn with."""
        self._styles_checked = False
        """Whether the styles were compared with `_drawn_with` since they last changed."""
        self._prepared: Prepared | None = None
        self._plain: dict[tuple[int, int], list[Strip]] = {}
        """Lines `prepare` wrapped for the article shown, until highlights come."""
        self._generation = 0
        """Bumped whenever a block's height changes: the viewport's blocks are checked again."""
        self._filled_for: tuple[int, int, int, int] | None = None
        """(scroll y, height, width, generation) the viewport's blocks were last wrapped for."""
        self._filling = False
        self._whole = True
        """Whether the article shown is short enough to be wrapped whole."""
        self._drawn_styles: tuple[Style, Style, Style] | None = None
        """`rich_style` (walks every ancestor), the gutter's and the cursor's style, kept
        for `render_line` until styles change."""
        self._drawn: dict[int, tuple[list[Strip], dict[tuple[int, bool, bool], Strip]]] = {}
        """Block -> its lines as last drawn, and each line drawn (by offset, cursor, note)."""
        self._drawn_for: tuple[int, tuple[Style, Style, Style]] | None = None
        """The width and styles of the lines in `_drawn`."""

    # --- what is marked (kept on `marks`; these read as before) -----------------------

    @property
    def selected_actor(self) -> str | None:
        """Name of the actor whose mentions are marked (chosen in the actors panel)."""
        return self.marks.selected_actor

    @property
    def find_spans(self) -> dict[int, list[tuple[int, int]]]:
        """Block index -> (start, end) of each match of the find bar's query."""
        return self.marks.find_spans

    @property
    def find_current(self) -> tuple[int, int, int] | None:
        """(block, start, end) of the match the find bar is on."""
        return self.marks.find_current

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

        The notes and the find bar's matches come along, so that the blocks on screen are
        wrapped once for the first frame rather than once for each of them.
        """
        self.article = article
        self.analysis = None
        self.annotations = annotations if annotations is not None else {}
        self.marks = Marks(find_spans=find_spans if find_spans is not None else {})
        self._heights = None
        self._lines.clear()
        self._speaker_block = None
        self._plain = {}
        prepared, self._prepared = self._prepared, None
        if prepared is not None and prepared[1] == self._style_signature():
            blocks, _styles, strips = prepared
            if blocks == article.blocks:
                spans = self.marks.find_spans
                self._plain = {key: lines for key, lines in strips.items() if key[0] not in spans}
        self.paragraphs = [
            index
            for index, text_block in enumerate(article.blocks)
            if text_block.kind is not BlockKind.HEADING
        ] or list(range(len(article.blocks)))
        self._whole = is_short(article)
        self.set_reactive(ArticleView.cursor, self.position_of_block(block) or 0)
        self._ensure_heights()
        self.scroll_to(y=0, animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self._fill_viewport()
        self.refresh()
        self._announce()

    def prepare(self, article: Article) -> None:
        """Wrap the opening of an article before it is opened (the library's cursor rests on it).

        Done while this view waits behind the library, it takes the wrapping of the first
        screen off the key that opens it; `show_article` uses it if that article is the
        one opened, with the same styles. Only the first screens are wrapped: the rest is
        wrapped as it comes into view.
        """
        width = self._text_width()
        styles = self._style_signature()
        if not styles or styles != self._drawn_with:
            return  # not drawn yet, or the theme changed: the opening wraps it
        painter = self._ensure_painter()
        plain = Marks()
        short = is_short(article)
        wanted = PREPARED_SCREENS * max(1, self.scrollable_content_region.height)
        strips: dict[tuple[int, int], list[Strip]] = {}
        lines = 0
        for index, block in enumerate(article.blocks):
            strips[(index, width)] = painter.block_strips(index, block, width, plain, plain=True)
            lines += len(strips[(index, width)]) + 1
            if lines > wanted and not short:
                break
        # A scrollbar that comes or goes with this article changes the width by its own.
        if len(strips) == len(article.blocks):
            scrolls = lines - 1 > self.scrollable_content_region.height
        else:
            scrolls = True
        if scrolls != self.show_vertical_scrollbar:
            bar = self.styles.scrollbar_size_vertical
            region = self.scrollable_content_region.width
            other = self._text_width_in(region - bar if scrolls else region + bar)
            if other != width:
                for index, _width in list(strips):
                    block = article.blocks[index]
                    strips[(index, other)] = painter.block_strips(
                        index, block, other, plain, plain=True
                    )
        self._prepared = (article.blocks, styles, strips)

    def position_of_block(self, block: int) -> int | None:
        """The cursor position of the first paragraph at or after `block`, if any."""
        position = bisect_left(self.paragraphs, block)
        return position if position < len(self.paragraphs) else None

    def set_analysis(
        self, analysis: Analysis | None, highlights: BlockHighlights | None = None
    ) -> None:
        """Show actors and quotes (the analysis runs in the background, so it comes later).

        `highlights` is the analysis indexed by block, if the caller built it off the UI
        thread already. Highlights do not change how a block wraps: only the lines on
        screen are drawn again, and only the focused paragraph (its speaker line) may
        change height.
        """
        self.analysis = analysis
        if analysis is None:
            self.marks.highlights = None
        else:
            self.marks.highlights = highlights or BlockHighlights.of(analysis)
        self._restyle_all()

    def set_annotations(self, annotations: dict[int, tuple[str, tuple[str, ...]]]) -> None:
        """Show which paragraphs have notes and tags (block index -> (note, tags))."""
        changed = {
            index
            for index in annotations.keys() | self.annotations.keys()
            if annotations.get(index) != self.annotations.get(index)
        }
        self.annotations = annotations
        for index in changed:
            self._forget(index, height_changes=True)
        self._settle()

    def set_find(
        self, spans: dict[int, list[tuple[int, int]]], current: tuple[int, int, int] | None
    ) -> None:
        """Highlight the find bar's matches (styles, never markup), the current one apart."""
        marks = self.marks
        changed = {
            index
            for index in spans.keys() | marks.find_spans.keys()
            if spans.get(index) != marks.find_spans.get(index)
        }
        changed.update(found[0] for found in (current, marks.find_current) if found is not None)
        marks.find_spans = spans
        marks.find_current = current
        if not changed:
            return  # an empty find on a new article: nothing to redraw
        # Only the paragraphs whose matches changed are drawn again, and they keep their
        # height (styles do not change where lines break).
        for index in changed:
            self._forget(index, height_changes=False)
        self._settle()

    def select_actor(self, name: str | None) -> None:
        """Mark every mention of one actor (None: none)."""
        self.marks.selected_actor = name
        self._restyle_all()

    @property
    def block_index(self) -> int:
        """Index in `article.blocks` of the focused paragraph."""
        return self.paragraphs[self.cursor] if self.paragraphs else 0

    def _announce(self) -> None:
        self.post_message(self.CursorMoved(self.cursor, len(self.paragraphs), self.block_index))

    # --- styles ---------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn_styles = None
        # Also called on every focus change: the lines are dropped only if the styles
        # they were drawn with changed (see _ensure_painter).
        self._styles_checked = False

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

    def _ensure_painter(self) -> LinePainter:
        """The painter with the current styles; lines drawn with other styles are dropped."""
        painter = self._painter
        if painter is not None and self._styles_checked:
            return painter
        styles = self._style_signature()
        if painter is None or styles != self._drawn_with or not styles:
            named = {
                name: self.get_component_rich_style(name, partial=True)
                for name in self.COMPONENT_CLASSES
            }
            named["heading"] = self.get_component_rich_style("article-view--heading")
            painter = self._painter = LinePainter(named, self.glyphs, self.app.console)
            if styles != self._drawn_with:
                self._drawn_with = styles
                self._lines.clear()
                self._speaker_block = None
                self._filled_for = None
                self.refresh()
        self._styles_checked = bool(styles)
        return painter

    def _restyle_all(self) -> None:
        """Highlights changed everywhere: lines are drawn again as they are shown; the
        heights stay (styles do not change where lines break) but the focused paragraph's
        speaker line may come or go."""
        self._lines.clear()
        self._plain = {}
        speaker, self._speaker_block = self._speaker_block, None
        for index in {speaker, self.block_index if self.paragraphs else None}:
            if index is not None:
                self._forget(index, height_changes=True)
        self._filled_for = None
        self._settle()

    # --- layout ---------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_heights()  # wrapped blocks of another width are estimated again
        self._scroll_cursor_into_view()
        self._fill_viewport()

    def _text_width(self) -> int:
        # Before the first layout the widget has no size: guess the screen's width less
        # the scrollbar, so an article opened in a new reader is wrapped once, not at
        # 10 columns first.
        return self._text_width_in(self.scrollable_content_region.width or self.app.size.width - 1)

    @staticmethod
    def _text_width_in(width: int) -> int:
        """The text's width in a view of `width` columns (less its scrollbar)."""
        return max(10, min(MAX_TEXT_WIDTH, width - GUTTER - 1))

    def _ensure_heights(self) -> BlockHeights:
        """The blocks' heights at the current width (estimated anew when it changed)."""
        width = self._text_width()
        heights = self._heights
        if heights is None or self._width != width:
            blocks = self.article.blocks if self.article else ()
            annotated = self.annotations
            per_line = max(1, width - 4)  # estimated_height's, for a plain paragraph
            paragraph = BlockKind.PARAGRAPH
            heights = self._heights = BlockHeights(
                [
                    (
                        max(1, -(-len(block.text) // per_line))
                        if block.kind is paragraph and "\n" not in block.text
                        else estimated_height(block, width)
                    )
                    + (index in annotated)
                    for index, block in enumerate(blocks)
                ]
            )
            self._width = width
            self._exact = bytearray(len(blocks))
            self._lines.clear()
            self._speaker_block = None
            self._generation += 1
            self._sync_virtual_size()
        return heights

    def _sync_virtual_size(self) -> None:
        """The scrollable size, with a layout of the screen only if a scrollbar comes or goes.

        `virtual_size` is a layout reactive: set plainly, every article opened reflowed the
        whole screen. Widget._scroll_update (private Textual API) resizes the scrollbar and
        sets `show_vertical_scrollbar`, whose change asks for the layout when it is needed.
        """
        heights = self._heights
        size = Size(self.scrollable_content_region.width, heights.lines if heights else 0)
        if size != self.virtual_size:
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
            self.refresh()

    def _block_lines(self, index: int) -> list[Strip]:
        """A block's lines at the current width, wrapped now if they are not kept; its
        height becomes the real one (at the width of `_ensure_heights`, called first)."""
        heights = self._heights
        assert heights is not None
        lines = self._lines.get(index)
        if lines is None:
            lines = self._make_lines(index)
            self._lines[index] = lines
            if len(self._lines) > CACHED_BLOCKS:
                self._lines.popitem(last=False)
        else:
            self._lines.move_to_end(index)
        if not self._exact[index] or heights.height(index) != len(lines):
            self._exact[index] = 1
            if heights.set(index, len(lines)):
                self._generation += 1
        return lines

    def _make_lines(self, index: int) -> list[Strip]:
        assert self.article is not None
        painter = self._ensure_painter()
        block = self.article.blocks[index]
        width = self._width
        lines = self._plain.get((index, width))
        if lines is None:
            lines = painter.block_strips(index, block, width, self.marks)
        if index in self.annotations:
            note, tags = self.annotations[index]
            lines = lines + painter.annotation_strips(note, tags, width)
        if index == self.block_index and self.paragraphs:
            highlights = self.marks.highlights
            speakers = highlights.speakers.get(index) if highlights else None
            if speakers and block.kind is not BlockKind.PULLQUOTE:  # it shows its own
                lines = lines + painter.speaker_strips(speakers, width)
                self._speaker_block = index
        return lines

    def _forget(self, index: int, *, height_changes: bool) -> None:
        """Draw block `index` again; with `height_changes`, measure it again now if its
        height was known (an estimate stays an estimate, with the note line counted)."""
        self._lines.pop(index, None)
        self._plain.pop((index, self._width), None)
        if self._speaker_block == index:
            self._speaker_block = None
        self._filled_for = None
        heights = self._heights
        if not height_changes or heights is None or not 0 <= index < len(heights):
            return
        if self._exact[index]:
            self._block_lines(index)
        elif self.article is not None:
            block = self.article.blocks[index]
            estimate = estimated_height(block, self._width) + (index in self.annotations)
            if heights.set(index, estimate):
                self._generation += 1

    def _settle(self) -> None:
        """After a change: the viewport's blocks wrapped, the scroll size right, redrawn."""
        self._fill_viewport()
        self.refresh()

    def _fill_viewport(self) -> None:
        """Wrap the blocks on screen (their real heights replace the estimates).

        Blocks are wrapped from the top line down, so the lines above the screen do not
        move while the screen is filled. At the end of the article the real heights can
        be fewer than estimated: the view then scrolls back to the new end.
        """
        if self._filling or self.article is None:
            return
        self._filling = True
        try:
            for _attempt in range(8):
                heights = self._ensure_heights()
                top = int(self.scroll_offset.y)
                height = max(1, self.scrollable_content_region.height)
                if (top, height, self._width, self._generation) == self._filled_for:
                    return
                index = 0 if self._whole else heights.block_at(top)
                while index < len(heights) and (self._whole or heights.top(index) < top + height):
                    self._block_lines(index)
                    index += 1
                self._filled_for = (top, height, self._width, self._generation)
                self._sync_virtual_size()
                end = max(0, heights.lines - height)
                if top <= end:
                    return
                self.scroll_to(y=end, animate=False, immediate=True)
        finally:
            self._filling = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._fill_viewport()

    # --- drawing --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        heights = self._ensure_heights()
        self._fill_viewport()  # a no-op unless something moved since
        drawn_with = self._drawn_styles
        if drawn_with is None:
            drawn_with = self._drawn_styles = (
                self.rich_style,
                self.get_component_rich_style("article-view--gutter"),
                self.get_component_rich_style("article-view--cursor"),
            )
        base_style = drawn_with[0]
        line_number = y + int(self.scroll_offset.y)
        if line_number >= heights.lines or not len(heights):
            return Strip.blank(width, base_style)
        index = heights.block_at(line_number)
        lines = self._block_lines(index)
        offset = line_number - heights.top(index)
        is_cursor = index == self.block_index and offset < len(lines)
        noted = index in self.annotations and offset < len(lines)
        if self._drawn_for != (width, drawn_with) or len(self._drawn) > CACHED_BLOCKS:
            self._drawn = {}
            self._drawn_for = (width, drawn_with)
        # A line is drawn again only when its block's lines were made again (by identity).
        entry = self._drawn.get(index)
        if entry is None or entry[0] is not lines:
            entry = self._drawn[index] = (lines, {})
        key = (offset, is_cursor, noted)
        line = entry[1].get(key)
        if line is None:
            line = entry[1][key] = self._draw_line(
                lines[offset] if offset < len(lines) else Strip([]),  # else the blank after
                width,
                is_cursor=is_cursor,
                noted=noted,
                styles=drawn_with,
            )
        return line

    def _draw_line(
        self,
        strip: Strip,
        width: int,
        *,
        is_cursor: bool,
        noted: bool,
        styles: tuple[Style, Style, Style],
    ) -> Strip:
        """One line of a block behind two gutter columns: the cursor mark, then the mark
        of a note or tags."""
        base_style, gutter_style, cursor_style = styles
        gutter = Strip(
            [
                Segment(self.glyphs.cursor if is_cursor else " ", gutter_style),
                Segment(self.glyphs.note if noted else " ", gutter_style),
                Segment(" "),
            ]
        )
        if is_cursor:
            strip = strip.adjust_cell_length(self._width + 1).apply_style(cursor_style)
        line = Strip.join([gutter, strip])
        return line.adjust_cell_length(width).apply_style(base_style)

    # --- cursor ---------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.paragraphs) - 1)) if self.paragraphs else 0

    def watch_cursor(self) -> None:
        self._focus_moved()
        self._scroll_cursor_into_view()
        self._settle()
        self._announce()

    def _focus_moved(self) -> None:
        """The speaker line goes with the cursor: from the block that had it to the new one."""
        focused = self.block_index
        if self._speaker_block is not None and self._speaker_block != focused:
            self._forget(self._speaker_block, height_changes=True)
        highlights = self.marks.highlights
        if highlights is not None and focused in highlights.speakers:
            self._forget(focused, height_changes=True)

    def _move_cursor_quietly(self, position: int) -> None:
        """Put the cursor on a paragraph already on screen (no scrolling to it)."""
        self.set_reactive(ArticleView.cursor, self.validate_cursor(position))
        self._focus_moved()
        self._settle()
        self._announce()

    def _block_extent(self, block_index: int) -> tuple[int, int]:
        """First and end line of a block, wrapped now for its real height."""
        heights = self._ensure_heights()
        if not len(heights):
            return 0, 0
        self._block_lines(block_index)
        self._sync_virtual_size()
        return heights.extent(block_index)

    def _scroll_cursor_into_view(self) -> None:
        if not self.paragraphs or self.article is None:
            return
        height = max(1, self.scrollable_content_region.height)
        # Wrapping the blocks that come into view can move the paragraph (blocks above it
        # were estimated): look again until it stays where it is shown.
        for _attempt in range(6):
            block = self.block_index
            # A heading just above the paragraph belongs with it on screen.
            previous = block - 1
            heading = previous >= 0 and self.article.blocks[previous].kind is BlockKind.HEADING
            if heading:
                self._block_extent(previous)
            top, end = self._block_extent(block)
            if heading:
                top = self._block_extent(previous)[0]
            scroll_y = int(self.scroll_offset.y)
            if top < scroll_y:
                target = max(0, top - 1)
            elif end > scroll_y + height:
                target = max(0, min(top - 1, end - height))
            else:
                return
            self.scroll_to(y=target, animate=False, immediate=True)
            self._fill_viewport()
            if int(self.scroll_offset.y) == scroll_y:
                return  # cannot scroll further (the end of the article)

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
        heights = self._ensure_heights()
        block = heights.block_at(line)
        if heights.top(block) < line:
            block += 1
        return min(bisect_left(self.paragraphs, block), len(self.paragraphs) - 1)

    def action_page_down(self) -> None:
        view_top, view_end = self._viewport()
        page = max(1, view_end - view_top - 2)
        self.scroll_to(y=view_top + page, animate=False, immediate=True)
        if int(self.scroll_offset.y) == view_top:  # already at the end
            self.cursor = len(self.paragraphs) - 1
            return
        self._move_cursor_quietly(self._paragraph_at_line(int(self.scroll_offset.y)))

    def action_page_up(self) -> None:
        view_top, view_end = self._viewport()
        page = max(1, view_end - view_top - 2)
        self.scroll_to(y=max(0, view_top - page), animate=False, immediate=True)
        if view_top == 0:
            self.cursor = 0
            return
        self._move_cursor_quietly(self._paragraph_at_line(int(self.scroll_offset.y)))

    def reveal(self, block: int, offset: int) -> None:
        """Scroll so the line holding character `offset` of a paragraph is on screen.

        The find bar uses it for a match deep in a paragraph taller than the screen. The
        line is found by wrapping the plain text as the layout does (paragraphs only).
        """
        if self.article is None or not 0 <= block < len(self.article.blocks):
            return
        if self.article.blocks[block].kind is not BlockKind.PARAGRAPH:
            return
        top, end = self._block_extent(block)
        text = self.article.blocks[block].text
        wrapped = Text(text, end="").wrap(self.app.console, self._width, overflow="fold")
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
        heights = self._ensure_heights()
        line = event.y + int(self.scroll_offset.y)
        if not len(heights) or not 0 <= line < heights.lines:
            return
        block = heights.block_at(line)
        if line - heights.top(block) >= len(self._block_lines(block)):
            return  # the blank line between two blocks
        position = bisect_left(self.paragraphs, block)
        if position < len(self.paragraphs) and self.paragraphs[position] == block:
            self.cursor = position
