"""The library list: date headers and article rows, drawn line by line.

A widget per row (ListView) takes over a minute to mount 10,000 rows and OptionList
re-measures every row on each layout; this ScrollView draws only the visible rows
with `render_line`, so the cost of a frame does not depend on the library's size.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing_tui.core.library import DateGroup
from briefing_tui.core.model import Article
from briefing_tui.core.text import shorten
from briefing_tui.ui.glyphs import UNICODE, Glyphs

DATE_WIDTH = 10
SOURCE_WIDTH = 16
LENGTH_WIDTH = 6
UNREAD_WIDTH = 2
"""The unread mark and a space."""
PROGRESS_WIDTH = 3
"""How far a part-read article was read: " 42%"."""
MAX_DRAWN_ROWS = 1000
"""Drawn rows kept (a few screens' worth of scrolling each way, about 1 MB at most)."""


class _Header(NamedTuple):
    """A date header: a row of its own above the articles of that date."""

    label: str
    articles: int


class _Row(NamedTuple):
    """An article's row (tuples: a library of 100,000 makes as many before its first frame)."""

    article: Article
    position: int
    """Index of the article in the library's newest-first order."""


class ArticleList(ScrollView, can_focus=True):
    """Articles under date headers, newest first; the cursor moves over articles only."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--header",
        "article-list--cursor",
        "article-list--date",
        "article-list--meta",
        "article-list--badge",
        "article-list--unread",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="library.up"),
        Binding("home,g", "first", "First", show=False, id="library.first"),
        Binding("end,G", "last", "Last", show=False, id="library.last"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="library.page_down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="library.page_up"),
        Binding(
            "enter,l",
            "open",
            "Open",
            tooltip="Open the article under the cursor",
            id="library.open",
        ),
    ]

    cursor: reactive[int] = reactive(0, init=False, always_update=True, repaint=False)
    """Index (newest-first order) of the article under the cursor. No repaint: the watcher
    redraws the two rows that change, where a repaint would send every visible row."""

    class Highlighted(Message):
        """The cursor moved to another article."""

        def __init__(self, article: Article, position: int, total: int) -> None:
            super().__init__()
            self.article = article
            self.position = position
            self.total = total

    class Opened(Message):
        """The user chose an article to read."""

        def __init__(self, article: Article, position: int) -> None:
            super().__init__()
            self.article = article
            self.position = position

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
        self._rows: list[_Header | _Row] = []
        self._row_of_article: list[int] = []
        self._badges: dict[int, str] = {}
        self._unread: set[int] = set()
        self._progress: dict[int, int] = {}
        self._base_style: Style | None = None
        """`rich_style` (walks every ancestor) kept for `render_line` until styles change."""
        self._drawn: dict[tuple[int, int], Strip] = {}
        """Rows drawn, by row index and width, except the cursor's: a scroll by one row
        redraws every visible row, and all but one are drawn already. Emptied when the
        rows, their marks or the styles change."""

    # --- data -----------------------------------------------------------------------

    @property
    def article_count(self) -> int:
        """How many articles the list shows."""
        return len(self._row_of_article)

    @property
    def current_article(self) -> Article | None:
        """The article under the cursor, if the list has any."""
        if not self._row_of_article:
            return None
        row = self._rows[self._row_of_article[self.cursor]]
        return row.article if isinstance(row, _Row) else None

    def set_reading(self, unread: Iterable[int], progress: Mapping[int, int]) -> None:
        """Change only which articles are unread and how far others were read."""
        self._unread = set(unread)
        self._progress = dict(progress)
        self._drawn.clear()
        self.refresh()

    def set_marks(self, position: int, *, badge: str, unread: bool, progress: int | None) -> None:
        """Change one article's badge, unread mark and progress, redrawing only its row
        (going back from the reader changes the few articles read there, not the list)."""
        if not 0 <= position < len(self._row_of_article):
            return
        if badge:
            self._badges[position] = badge
        else:
            self._badges.pop(position, None)
        if progress is None:
            self._progress.pop(position, None)
        else:
            self._progress[position] = progress
        if unread:
            self._unread.add(position)
        else:
            self._unread.discard(position)
        row_index = self._row_of_article[position]
        for key in [key for key in self._drawn if key[0] == row_index]:
            del self._drawn[key]
        self.refresh_line(row_index - int(self.scroll_offset.y))

    @property
    def unread_positions(self) -> set[int]:
        """Positions (in list order) of the unread articles shown."""
        return self._unread

    def set_groups(
        self,
        groups: Sequence[DateGroup],
        *,
        badges: Mapping[int, str] | None = None,
        select: int | None = None,
        unread: Iterable[int] = (),
        progress: Mapping[int, int] | None = None,
    ) -> None:
        """Show these groups; keep the cursor on `select` (an article position) if given.

        Args:
            groups: Date groups, newest first.
            badges: Short text per article position (counts of notes and tags).
            select: Article position to put the cursor on.
            unread: Article positions not read yet (marked, and bold).
            progress: Percent read per article position, for articles read part way.
        """
        rows: list[_Header | _Row] = []
        row_of_article: list[int] = []
        for group in groups:
            rows.append(_Header(group.label, len(group.articles)))
            for article in group.articles:
                row_of_article.append(len(rows))
                rows.append(_Row(article, len(row_of_article) - 1))
        self._rows = rows
        self._row_of_article = row_of_article
        self._badges = dict(badges or {})
        self._unread = set(unread)
        self._progress = dict(progress or {})
        self._drawn.clear()
        self.virtual_size = Size(self.size.width, len(rows))
        target = self.cursor if select is None else select
        self.cursor = max(0, min(target, len(row_of_article) - 1))
        self.refresh()

    # --- cursor ---------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._row_of_article) - 1)) if self._row_of_article else 0

    def watch_cursor(self, old: int, new: int) -> None:
        if not self._row_of_article:
            return
        self._scroll_cursor_into_view()
        for position in {old, new}:
            if 0 <= position < len(self._row_of_article):
                self.refresh_line(self._row_of_article[position] - int(self.scroll_offset.y))
        article = self.current_article
        if article is not None:
            self.post_message(self.Highlighted(article, new, self.article_count))

    def _scroll_cursor_into_view(self) -> None:
        row = self._row_of_article[self.cursor]
        # Show the date header above the first article of a group.
        top = row - 1 if row > 0 and isinstance(self._rows[row - 1], _Header) else row
        height = max(1, self.scrollable_content_region.height)
        scroll_y = int(self.scroll_offset.y)
        if top < scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif row >= scroll_y + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.article_count - 1

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_page_down(self) -> None:
        self._move_by_rows(self._page_rows())

    def action_page_up(self) -> None:
        self._move_by_rows(-self._page_rows())

    def _move_by_rows(self, delta: int) -> None:
        """Move the cursor by screen rows (headers count), landing on an article."""
        if not self._row_of_article:
            return
        target_row = self._row_of_article[self.cursor] + delta
        if delta > 0:  # the last article at or above the target row
            self.cursor = bisect_right(self._row_of_article, target_row) - 1
        else:  # the first article at or below it
            self.cursor = bisect_left(self._row_of_article, target_row)

    def action_open(self) -> None:
        article = self.current_article
        if article is not None:
            self.post_message(self.Opened(article, self.cursor))

    def on_click(self, event: events.Click) -> None:
        row_index = event.y + int(self.scroll_offset.y)
        if 0 <= row_index < len(self._rows):
            row = self._rows[row_index]
            if isinstance(row, _Row):
                self.cursor = row.position
                self.action_open()

    # --- drawing --------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._drawn.clear()

    def _widget_style(self) -> Style:
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row_index = y + int(self.scroll_offset.y)
        if row_index >= len(self._rows) or width <= 0:
            return Strip.blank(width, self._widget_style())
        row = self._rows[row_index]
        if isinstance(row, _Row) and row.position == self.cursor:
            return self._render_row(row, width)
        key = (row_index, width)
        strip = self._drawn.get(key)
        if strip is None:
            if len(self._drawn) > MAX_DRAWN_ROWS:
                self._drawn.clear()
            strip = self._drawn[key] = (
                self._render_header(row, width)
                if isinstance(row, _Header)
                else self._render_row(row, width)
            )
        return strip

    def _render_header(self, header: _Header, width: int) -> Strip:
        style = self.get_component_rich_style("article-list--header")
        noun = "article" if header.articles == 1 else "articles"
        left = f" {header.label} "
        right = f" {header.articles} {noun} "
        fill = max(0, width - len(left) - len(right) - 2)
        text = self.glyphs.rule + left + self.glyphs.rule * fill + right + self.glyphs.rule
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)

    def _render_row(self, row: _Row, width: int) -> Strip:
        article = row.article
        is_cursor = row.position == self.cursor
        base = self.get_component_rich_style("article-list--cursor") if is_cursor else Style()
        if is_cursor:  # one style across the cursor row: grey on blue is hard to read
            date_style = meta_style = badge_style = Style()
        else:
            date_style = self.get_component_rich_style("article-list--date", partial=True)
            meta_style = self.get_component_rich_style("article-list--meta", partial=True)
            badge_style = self.get_component_rich_style("article-list--badge", partial=True)
        marker = self.glyphs.cursor if is_cursor else " "
        is_unread = row.position in self._unread
        unread_mark = f"{self.glyphs.unread} " if is_unread else "  "
        title_style = (
            self.get_component_rich_style("article-list--unread", partial=True)
            if is_unread
            else Style()
        )
        percent = self._progress.get(row.position)
        date = article.date.iso() if article.date else ""
        length = f"{article.reading_minutes} min"
        badge = self._badges.get(row.position, "")
        source = shorten(article.source or "", SOURCE_WIDTH, self.glyphs.ellipsis)
        fixed = 1 + UNREAD_WIDTH + DATE_WIDTH + 2 + 2 + LENGTH_WIDTH + 1
        fixed += PROGRESS_WIDTH + 1 if percent is not None else 0
        fixed += (len(source) + 2) if source and width >= 70 else 0
        fixed += (len(badge) + 1) if badge else 0
        title = shorten(article.title, max(1, width - fixed), self.glyphs.ellipsis)
        segments = [
            Segment(marker),
            Segment(unread_mark, title_style),
            Segment(f"{date:<{DATE_WIDTH}}  ", date_style),
            Segment(title, title_style),
        ]
        used = 1 + UNREAD_WIDTH + DATE_WIDTH + 2 + len(title)
        tail: list[Segment] = []
        if source and width >= 70:
            tail.append(Segment(f"  {source}", meta_style))
        if percent is not None:
            tail.append(Segment(f" {percent:>{PROGRESS_WIDTH - 1}}%", meta_style))
        tail.append(Segment(f"  {length:>{LENGTH_WIDTH}}", meta_style))
        if badge:
            tail.append(Segment(f" {badge}", badge_style))
        tail.append(Segment(" "))
        tail_width = sum(len(segment.text) for segment in tail)
        segments.append(Segment(" " * max(0, width - used - tail_width)))
        segments.extend(tail)
        strip = Strip(segments).adjust_cell_length(width)
        return strip.apply_style(self._widget_style() + base)
