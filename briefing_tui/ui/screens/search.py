"""The search screen (`/`): words, phrases and filters across every article.

Results are paragraphs, best match first, each with its article's title and date and
the matched words highlighted (by offsets into the text: article text is data, never
markup). Enter opens the article at that paragraph.

Every key searches at once, in a thread with its own connection to the index, so
typing never waits for it. A newer key interrupts the search still running for the
older text (sqlite3's interrupt()), and results that arrive for any text but the
newest are dropped: what the list shows is always the query in the box. The total
("1,284 paragraphs in 312 articles") is counted after the first results are shown.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from briefing_tui.core.index import DEFAULT_LIMIT, LibraryIndex, analysis_stamp
from briefing_tui.core.model import paragraph_label
from briefing_tui.core.safety import clean_line
from briefing_tui.core.search import SearchCount, SearchHit, SearchInterrupted, SearchResult
from briefing_tui.core.search_query import excerpt, parse_query
from briefing_tui.core.text import shorten
from briefing_tui.ui.stylesheets import SCREENS_CSS
from briefing_tui.ui.widgets.short_list import ShortList

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp

RESULT_LIMIT = DEFAULT_LIMIT
"""Results listed at most; the status line gives the total."""
FIRST_RESULTS = 12
"""Results listed at once (two screens at 80x24). The list measures each option it is
given (200 took 23 ms, and the keys typed meanwhile waited), so the rest are listed
when typing pauses or the cursor moves into the list."""
REST_AFTER = 0.3
"""Seconds without a newer search before the rest of the results are listed."""
MORE_RESULTS = 32
"""Results added per frame after the first ones, until all are listed."""
EXCERPT_CHARS = 150
"""About two lines of the matching paragraph at 80 columns."""
HIGHLIGHT_STYLE = "bold reverse"
"""Matched words: reverse video reads as a highlight without colour too."""
PLACEHOLDER = 'words  "a phrase"  #tag  @actor  date:2025-03'


class SearchScreen(Screen[None]):
    """Type a query; the results list below follows; Enter opens a result."""

    CSS_PATH = SCREENS_CSS

    AUTO_FOCUS = "#search-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", tooltip="Back to where you were"),
        Binding("down", "to_results", "Results", show=False),
        Binding("slash", "to_input", "Edit query", key_display="/", show=False),
    ]

    app: BriefingApp

    def __init__(self, index_path: Path, roots: list[Path], query: str = "") -> None:
        super().__init__()
        self.index_path = index_path
        self.roots = roots
        self.initial_query = query
        self.result: SearchResult | None = None
        """The results on screen."""
        self.searched = ""
        """The text those results are for."""
        self.count: SearchCount | None = None
        """The total of matches for the results on screen, once counted."""
        self.wanted = ""
        """The text of the newest search asked for."""
        self._generation = 0
        """Numbers the searches asked for: only the newest one's results are shown."""
        self._searching: LibraryIndex | None = None
        """The index the search worker is querying now, to interrupt it."""
        self._running_lock = threading.Lock()
        self._open_first = False
        """Enter was pressed before the results for the text were in: open the first."""
        self.pending = 0
        """Articles whose actors are not found yet (for an @actor query)."""

    def compose(self) -> ComposeResult:
        yield Static(Text(" Search", style="bold"), id="search-title")
        yield Input(value=self.initial_query, placeholder=PLACEHOLDER, id="search-input")
        yield ShortList(id="search-results")
        yield Static(id="search-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._set_status("Type to search every article; Enter opens a result.")
        self.search(self.initial_query, refresh_notes=True)

    def _set_status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(Text(f" {text}"))

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.result is not None and self.searched == event.value and self.result.hits:
            self._open(0)
            return
        self._open_first = True
        if self.wanted != event.value:
            self.search(event.value)

    def search(self, text: str, refresh_notes: bool = False) -> None:
        """Search for `text` now, stopping the search for any older text."""
        self._generation += 1
        self.wanted = text
        with self._running_lock:
            if self._searching is not None:
                self._searching.interrupt()
        self.run_search(text, self._generation, refresh_notes)

    def _is_current(self, generation: int) -> bool:
        return generation == self._generation

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, text: str, generation: int, refresh_notes: bool = False) -> None:
        """Search off the UI thread, then count the matches; either step is interrupted
        by a newer search, and a stale result is never posted."""
        query = parse_query(text)
        try:
            index = LibraryIndex(self.index_path)
        except (OSError, sqlite3.Error) as error:  # a read-only or unusable cache folder
            message = clean_line(f"No search: the index cannot be used ({error})")
            self.app.call_from_thread(self._set_status, message)
            return
        try:
            if refresh_notes:
                # Notes saved in this session are searchable at once (when it can be
                # written; never interrupted).
                with contextlib.suppress(sqlite3.OperationalError):
                    index.refresh_notes(self.app.notes_dir)
            with self._running_lock:
                if not self._is_current(generation):
                    return
                self._searching = index
            result = index.search(query, self.roots, limit=RESULT_LIMIT)
            pending = (
                index.pending_analysis(analysis_stamp(self.app.actors_path)) if query.actors else 0
            )
            if not self._is_current(generation):
                return
            self.app.call_from_thread(self._show_results, generation, text, result, pending)
            count = result.known_count()
            if count is None:
                count = index.count(query, self.roots)
            if self._is_current(generation):
                self.app.call_from_thread(self._show_count, generation, count)
        except (SearchInterrupted, sqlite3.OperationalError):
            if self._is_current(generation):
                raise  # not interrupted by a newer search: a real error
        finally:
            with self._running_lock:
                if self._searching is index:
                    self._searching = None
                index.close()

    def _show_results(self, generation: int, text: str, result: SearchResult, pending: int) -> None:
        if not self._is_current(generation):
            return  # a newer key was typed meanwhile: its results follow
        self.result = result
        self.searched = text
        self.count = None
        self.pending = pending
        self.app.last_search = text
        options = self.query_one(ShortList)
        options.clear_options()
        self._list_more(generation, FIRST_RESULTS, then=False)
        if result.hits:
            options.highlighted = 0
        if len(result.hits) > FIRST_RESULTS:
            self.set_timer(REST_AFTER, lambda: self._list_more(generation, MORE_RESULTS))
        self._show_status()
        if self._open_first:
            self._open_first = False
            if result.hits:
                self._open(0)

    def _list_more(self, generation: int, count: int, then: bool = True) -> None:
        """List `count` more of the results and, if `then`, the rest after the next frame
        (unless a newer search replaced them meanwhile)."""
        if not self._is_current(generation) or self.result is None:
            return
        options = self.query_one(ShortList)
        listed = options.option_count
        hits = self.result.hits[listed : listed + count]
        width = max(20, self.size.width - 4)
        options.add_options(self._prompt(hit, width) for hit in hits)
        if then and listed + len(hits) < len(self.result.hits):
            self.call_after_refresh(self._list_more, generation, MORE_RESULTS)

    def _show_count(self, generation: int, count: SearchCount) -> None:
        if self._is_current(generation):
            self.count = count
            self._show_status()

    def _show_status(self) -> None:
        result = self.result
        if result is None:
            return
        shown = len(result.hits)
        if result.query.is_empty:
            status = "Type to search every article; Enter opens a result."
        elif not shown:
            status = f"No paragraph matches · {result.query.describe()} ·"
        else:
            if self.count is not None:
                status = self.count.describe()
                if self.count.paragraphs > shown:  # the newest are listed
                    status = f"{shown:,} of {status}"
            else:
                status = f"{shown:,}+ paragraphs, counting…"
            status += f" · {result.query.describe()} · Enter opens"
        if self.app.indexing:
            status += f" · {self.app.indexing}: more may come"
        elif self.pending:
            status += f" · actors not yet found in {self.pending} articles"
        self._set_status(status)

    def _prompt(self, hit: SearchHit, width: int) -> Text:
        prompt = Text()
        prompt.append(f"{hit.date or 'undated':<10} ", style="dim")
        ellipsis = self.app.glyphs.ellipsis
        where = paragraph_label(hit.paragraph)
        title_width = max(10, width - 14 - len(where))
        prompt.append(shorten(hit.title, title_width, ellipsis), style="bold")
        prompt.append(f"  {where}", style="dim")
        text, spans = excerpt(hit.text, hit.highlights, EXCERPT_CHARS, ellipsis)
        paragraph = Text(text)
        for start, end in spans:
            paragraph.stylize(HIGHLIGHT_STYLE, start, end)
        prompt.append("\n  ")
        prompt.append_text(paragraph)
        extras = [f"#{tag}" for tag in hit.tags]
        if hit.note:
            extras.append(f"{self.app.glyphs.note} {shorten(hit.note, 60, ellipsis)}")
        if extras:
            prompt.append("\n  " + "  ".join(extras), style="italic")
        return prompt

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option_index)

    def _open(self, number: int) -> None:
        if self.result is None or not 0 <= number < len(self.result.hits):
            return
        hit = self.result.hits[number]
        position = self.app.position_of(hit.path)
        if position is None:
            self.notify("That article is not in the library (any more).", severity="warning")
            return
        self.app.open_article(position, block=hit.block)

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_to_results(self) -> None:
        if self.result is not None and self.result.hits:
            self._list_more(self._generation, len(self.result.hits))  # all, for End
            self.query_one(ShortList).focus()

    def action_to_input(self) -> None:
        self.query_one(Input).focus()
