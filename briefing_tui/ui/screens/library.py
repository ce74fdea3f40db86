"""The library screen: every article under its date header, newest first."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from briefing_tui.core.library import Library, group_by_date
from briefing_tui.core.model import Article
from briefing_tui.core.notes import ArticleNotes, NotesError
from briefing_tui.core.safety import display_path
from briefing_tui.ui.frames import release_after_start
from briefing_tui.ui.reading_flow import ReadingCommands, save_reading
from briefing_tui.ui.stylesheets import read_screens_css
from briefing_tui.ui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from textual.timer import Timer

    from briefing_tui.ui.app import BriefingApp

MAX_TOUCHED = 50
"""More articles changed than this while the reader was open (a tag renamed everywhere):
going back draws the whole list again rather than row by row."""
PREPARE_DELAY = 0.04
"""Seconds the cursor rests on an article before it is read and wrapped for opening:
about a held key's repeat interval, so scrolling through the list seldom does it."""


class LibraryScreen(Screen[None]):
    """Lists the library; Enter opens the article under the cursor."""

    AUTO_FOCUS = "ArticleList"
    COMMANDS: ClassVar = {ReadingCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "exclamation_mark",
            "show_problems",
            "Problems",
            tooltip="Files that could not be read, and why",
            id="library.problems",
        ),
        Binding(
            "number_sign",
            "filter_by_tag",
            "Tag filter",
            key_display="#",
            tooltip="Show only articles with a paragraph carrying a tag",
            id="library.tag_filter",
        ),
        Binding(
            "x",
            "clear_filter",
            "Clear filter",
            show=False,
            tooltip="Show every article",
            id="library.clear_filter",
        ),
        Binding(
            "n",
            "next_unread",
            "Next unread",
            tooltip="Cursor to the next unread article",
            id="library.next_unread",
        ),
        Binding(
            "u",
            "toggle_read",
            "Read/unread",
            show=False,
            tooltip="Mark the article under the cursor read or unread",
            id="library.toggle_read",
        ),
        Binding(
            "T",
            "tags",
            "Tags",
            show=False,
            tooltip="Tags: every tag with its count; rename a tag or merge tags",
            id="library.all_tags",
        ),
        Binding(
            "r",
            "app.reload_library",
            "Reload",
            show=False,
            tooltip="Read new and changed articles now",
            id="library.reload",
        ),
        Binding("q", "app.quit", "Quit", tooltip="Quit briefing", id="library.quit"),
    ]

    app: BriefingApp

    def compose(self) -> ComposeResult:
        yield Static(id="library-title")
        yield ArticleList(id="article-list", glyphs=self.app.glyphs)
        yield Static(id="library-status")

    def on_mount(self) -> None:
        # The key bar (a dozen widgets with their styles) follows the first frame: the
        # list is on screen and usable a few tens of milliseconds sooner.
        self.call_after_refresh(self._add_key_bar)
        self._prepare_timer: Timer | None = None
        """Reads and wraps the article under the cursor once the cursor rests."""
        self.shown: list[int] = []
        """Library positions of the articles listed, in list order (a filter hides some)."""
        self._listed_paths: tuple[str, ...] = ()
        """The app's article paths when the list was drawn: which file each row was."""
        self._listed: tuple[Library | None, str | None, bool] = (None, None, False)
        """The library, tag filter and whether the reading state was loaded, as drawn."""
        self._shown_at: dict[int, int] = {}
        """Library position -> row in the list, for the articles shown."""
        self._title = Text(" briefing", style="bold")
        self.watch(self.app, "library", self._library_changed)
        self._load_reading()
        self.watch(self.app, "indexing", self._indexing_changed, init=False)
        self.watch(self.app, "unsaved", self._indexing_changed, init=False)
        self.watch(self.query_one(ArticleList), "cursor", self._cursor_moved, init=False)

    async def _add_key_bar(self) -> None:
        release_after_start()  # the first frame is drawn
        from briefing_tui.ui.widgets.steady_footer import SteadyFooter  # Footer's module too

        await self.mount(SteadyFooter(compact=True))
        self.refresh_bindings()  # a key bar shows the keys from the next bindings update
        # Then, with the key bar drawn, the other screens' CSS, before any of them opens.
        self.call_after_refresh(read_screens_css, self.app)

    def _library_changed(self, library: Library | None) -> None:
        self._show_library(library, select=self._same_article())

    def _same_article(self) -> int | None:
        """Where the article under the cursor is in the library just loaded (a reload may
        have put new articles above it), or None for the app's current position."""
        position = self._cursor_position()
        if position is None or position >= len(self._listed_paths):
            return None
        path = self._listed_paths[position]
        paths = self.app.article_paths
        if position < len(paths) and paths[position] == path:
            return position  # the usual case: nothing new above it
        try:
            return paths.index(path)
        except ValueError:
            return None  # removed: the cursor goes to the article last opened

    def _indexing_changed(self) -> None:
        """Progress of the background refresh, after the title (the list stays usable),
        and the mark of saves failing."""
        self._show_title()

    def _show_title(self, title: Text | None = None) -> None:
        if title is not None:
            self._title = title
        shown = self._title.copy()
        if self.app.indexing:
            shown.append(f"  {self.app.indexing}{self.app.glyphs.ellipsis}", style="italic")
        if self.app.unsaved:  # saves failing (see ui/save_failures.py)
            shown.append(f"  {self.app.unsaved}", style="bold italic")
        self.query_one("#library-title", Static).update(shown)

    def _show_library(self, library: Library | None, select: int | None = None) -> None:
        """List the library (or the articles with the filter tag), cursor on `select`."""
        title = Text(" briefing", style="bold")
        article_list = self.query_one(ArticleList)
        self.app.touched_keys.clear()
        if library is None:
            title.append(f"  reading articles{self.app.glyphs.ellipsis}")
            self._show_title(title)
            return
        tag = self.app.tag_filter
        if tag is None:
            self.shown = list(range(len(library.articles)))
        else:
            tagged = self.app.keys_with_tag(tag)
            self.shown = [
                position for position, key in enumerate(self.app.article_keys) if key in tagged
            ]
        articles = [library.articles[position] for position in self.shown]
        self._shown_at = {position: shown for shown, position in enumerate(self.shown)}
        self._listed = (library, tag, self.app.reading.loaded)
        self._show_title(self._library_title(library))
        all_badges = self.app.badges()
        badges = {
            shown: all_badges[position]
            for shown, position in enumerate(self.shown)
            if position in all_badges
        }
        wanted = self.app.current_position if select is None else select
        self._listed_paths = self.app.article_paths
        cursor = self.shown.index(wanted) if wanted in self.shown else 0
        unread, progress = self._reading_marks()
        article_list.set_groups(
            group_by_date(articles, self.app.config.group_by),
            badges=badges,
            select=cursor,
            unread=unread,
            progress=progress,
        )
        if not library.articles:
            self.query_one("#library-status", Static).update(
                "No articles here. Run `briefing PATH` with a folder of .txt or .md files."
            )
        self.refresh_bindings()

    def _library_title(self, library: Library) -> Text:
        """ " briefing  N articles, M unread", the filter and the problems."""
        title = Text(" briefing", style="bold")
        count = library.total
        title.append(f"  {count} article{'s' if count != 1 else ''}")
        if self.app.reading.loaded and not library.unlisted:
            unread_count = self.app.reading.unread_count(self.app.article_keys)
            title.append(f", {unread_count} unread", style="bold" if unread_count else "")
        tag = self.app.tag_filter
        if tag is not None:
            title.append(f"  #{tag}: {len(self.shown)} shown (x clears)", style="bold reverse")
        if library.problems:
            warning = f"  {self.app.glyphs.warning} {len(library.problems)} "
            warning += "problem (!)" if len(library.problems) == 1 else "problems (!)"
            title.append(warning, style="bold reverse")
        return title

    def _cursor_moved(self) -> None:
        """The status line follows the cursor in the same frame as the list (the
        Highlighted message would be handled after that frame, drawing a second one)."""
        article_list = self.query_one(ArticleList)
        article = article_list.current_article
        if article is not None:
            self._update_status(article, article_list.cursor, article_list.article_count)
            self._prepare_soon()

    def _prepare_soon(self) -> None:
        """Once the cursor rests on an article, have it read and wrapped for opening."""
        if self._prepare_timer is not None:
            self._prepare_timer.stop()
        self._prepare_timer = self.set_timer(PREPARE_DELAY, self._prepare)

    def _prepare(self) -> None:
        self._prepare_timer = None
        position = self._cursor_position()
        if position is not None:
            self.app.prepare_article(position)

    def _update_status(self, article: Article, position: int, total: int) -> None:
        status = Text(f" {position + 1}/{total}  ", style="bold")
        status.append(display_path(PurePath(article.path.name)))
        if article.language:
            status.append(f"  {article.language}")
        status.append(f"  {article.word_count} words")
        # Height 1, full width: no layout needed, so only this line is redrawn (a layout
        # repainted the whole screen on every cursor move).
        self.query_one("#library-status", Static).update(status, layout=False)

    @on(ArticleList.Opened)
    def _open(self, event: ArticleList.Opened) -> None:
        self.app.open_article(self.shown[event.position])

    def select(self, position: int) -> None:
        """Put the list cursor on the library's article at `position` (fresh note counts)."""
        self._show_library(self.app.library, select=position)

    def returned_to(self, position: int) -> None:
        """Back from the reader, cursor on `position`: only the rows of the articles read or
        annotated there are drawn again, unless what the list shows has changed (another
        library, filter or reading state, a tag filter with notes changed, or many notes
        changed at once, as a tag rename does). Redrawing the whole list cost about 10 ms
        for each 1,000 articles on every return."""
        library = self.app.library
        touched = self.app.touched_keys
        keys = self.app.article_keys
        same_list = self._listed == (library, self.app.tag_filter, self.app.reading.loaded)
        notes_filter = self.app.tag_filter is not None and any(
            key in self.app.note_counts for key in touched
        )
        if library is None or not same_list or notes_filter or len(touched) > MAX_TOUCHED:
            self.select(position)
            return
        touched_positions = [self.app.position_of_key(key) for key in touched] if touched else []
        article_list = self.query_one(ArticleList)
        reading = self.app.reading
        for touched_position in touched_positions:
            shown = self._shown_at.get(touched_position) if touched_position is not None else None
            if touched_position is None or shown is None:
                continue
            entry = reading.entry(keys[touched_position]) if reading.loaded else None
            article_list.set_marks(
                shown,
                badge=self.app.badge_of(keys[touched_position]),
                unread=reading.loaded and (entry is None or not entry.read),
                progress=entry.percent if entry is not None else None,
            )
        touched.clear()
        shown_cursor = self._shown_at.get(position)
        if shown_cursor is not None:
            article_list.cursor = shown_cursor
        self._show_title(self._library_title(library))

    def action_filter_by_tag(self) -> None:
        """Pick a tag; the list then shows only articles with a paragraph so tagged."""
        from briefing_tui.ui.dialogs.tag_picker import TagPicker  # not needed to start

        counts = self.app.tag_counts()
        if not counts:
            self.notify("No tags yet: press t on a paragraph to tag it.", timeout=4)
            return

        def chosen(tag: str | None) -> None:
            if tag is not None:
                self.app.tag_filter = tag
                self._show_library(self.app.library)

        self.app.push_screen(TagPicker(counts), chosen)

    def action_clear_filter(self) -> None:
        if self.app.tag_filter is not None:
            self.app.tag_filter = None
            self._show_library(self.app.library)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_problems":
            return bool(self.app.library and self.app.library.problems)
        return True

    def action_show_problems(self) -> None:
        self.app.show_problems()

    # --- reading state ------------------------------------------------------------------

    @work(thread=True, group="reading-load")
    def _load_reading(self) -> None:
        """Read the reading state (and finish an interrupted tag change) off the UI thread."""
        self.app.reading.load()
        try:
            finished = self.app.note_store.finish_pending_retags()
            problems = list(self.app.reading.problems)
        except NotesError as error:
            finished, problems = [], [f"A tag change could not be finished: {error}"]
        self.app.call_from_thread(self._reading_loaded, finished, problems)

    def _reading_loaded(self, finished: list[ArticleNotes], problems: list[str]) -> None:
        for problem in problems:
            self.notify(problem, severity="warning", timeout=15, markup=False)
        for notes in finished:
            self.app.notes_changed(notes.key, notes)
        if self.app.library is not None:
            self._show_library(self.app.library, select=self._cursor_position())

    def _cursor_position(self) -> int | None:
        """The library position of the article under the cursor."""
        cursor = self.query_one(ArticleList).cursor
        return self.shown[cursor] if 0 <= cursor < len(self.shown) else None

    def _reading_marks(self) -> tuple[set[int], dict[int, int]]:
        """List positions of unread articles, and percent read of articles read part way."""
        reading = self.app.reading
        keys = self.app.article_keys
        unread: set[int] = set()
        progress: dict[int, int] = {}
        if not reading.loaded:
            return unread, progress  # no marks rather than every article marked new
        for shown, position in enumerate(self.shown):
            if position >= len(keys):
                continue
            entry = reading.entry(keys[position])
            if entry is None or not entry.read:
                unread.add(shown)
            if entry is not None and entry.percent is not None:
                progress[shown] = entry.percent
        return unread, progress

    def action_next_unread(self) -> None:
        """Move the cursor to the next unread article (from the top after the last)."""
        article_list = self.query_one(ArticleList)
        unread = sorted(article_list.unread_positions)
        if not unread:
            self.notify("No unread articles.", timeout=3)
            return
        later = [shown for shown in unread if shown > article_list.cursor]
        article_list.cursor = later[0] if later else unread[0]

    def action_toggle_read(self) -> None:
        """Mark the article under the cursor read, or unread again."""
        position = self._cursor_position()
        if position is None or position >= len(self.app.article_keys):
            return
        key = self.app.article_keys[position]
        self.app.reading.mark_read(key, not self.app.reading.is_read(key))
        save_reading(self.app)
        self._show_library(self.app.library, select=position)

    def action_tags(self) -> None:
        """Every tag with its count, to rename or merge."""
        from briefing_tui.ui.screens.tags import TagsScreen  # not needed to start

        def done(changed: bool | None) -> None:
            if changed:
                self._show_library(self.app.library, select=self._cursor_position())

        self.app.push_screen(TagsScreen(), done)
