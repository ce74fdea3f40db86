"""The search screen (`/`): words, phrases and filters across every article.

Results are paragraphs, best match first, each with its article's title and date and
the matched words highlighted (by offsets into the text: article text is data, never
markup). Enter opens the article at that paragraph. Searching runs in a thread with
its own connection to the index, so typing never waits for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static

from briefing_tui.core.index import LibraryIndex, analysis_stamp
from briefing_tui.core.model import paragraph_label
from briefing_tui.core.search import SearchHit, SearchResult
from briefing_tui.core.search_query import excerpt, parse_query
from briefing_tui.core.text import shorten
from briefing_tui.ui.stylesheets import SCREENS_CSS
from briefing_tui.ui.widgets.short_list import ShortList

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp

TYPING_PAUSE = 0.15
"""Seconds after the last key before a search runs (Enter searches at once)."""
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
        self._typing_timer: Timer | None = None
        self._open_first = False
        """Enter was pressed before the results for the text were in: open the first."""

    def compose(self) -> ComposeResult:
        yield Static(Text(" Search", style="bold"), id="search-title")
        yield Input(value=self.initial_query, placeholder=PLACEHOLDER, id="search-input")
        yield ShortList(id="search-results")
        yield Static(id="search-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._set_status("Type to search every article; Enter opens a result.")
        self.run_search(self.initial_query, refresh_notes=True)

    def _set_status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(Text(f" {text}"))

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        if self._typing_timer is not None:
            self._typing_timer.stop()
        value = event.value
        self._typing_timer = self.set_timer(TYPING_PAUSE, lambda: self.run_search(value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.result is not None and self.searched == event.value and self.result.hits:
            self._open(0)
            return
        if self._typing_timer is not None:
            self._typing_timer.stop()
        self._open_first = True
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, text: str, refresh_notes: bool = False) -> None:
        """Search off the UI thread; the newest search replaces any still running."""
        query = parse_query(text)
        index = LibraryIndex(self.index_path)
        try:
            if refresh_notes:
                # Notes saved in this session are searchable at once.
                index.refresh_notes(self.app.notes_dir)
            result = index.search(query, self.roots)
            pending = (
                index.pending_analysis(analysis_stamp(self.app.actors_path)) if query.actors else 0
            )
        finally:
            index.close()
        self.app.call_from_thread(self._show_results, text, result, pending)

    def _show_results(self, text: str, result: SearchResult, pending: int) -> None:
        self.result = result
        self.searched = text
        self.app.last_search = text
        options = self.query_one(ShortList)
        options.clear_options()
        width = max(20, self.size.width - 4)
        options.add_options(self._prompt(hit, width) for hit in result.hits)
        if result.hits:
            options.highlighted = 0
        count = len(result.hits)
        if result.query.is_empty:
            status = "Type to search every article; Enter opens a result."
        elif not count:
            status = "No paragraph matches."
        else:
            plural = "s" if count != 1 else ""
            status = f"{count}{'+' if result.more else ''} paragraph{plural}"
            status += f" · {result.query.describe()} · Enter opens"
        if self.app.indexing:
            status += f" · {self.app.indexing}: more may come"
        elif pending:
            status += f" · actors not yet found in {pending} articles"
        self._set_status(status)
        if self._open_first:
            self._open_first = False
            if result.hits:
                self._open(0)

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
            self.query_one(ShortList).focus()

    def action_to_input(self) -> None:
        self.query_one(Input).focus()
