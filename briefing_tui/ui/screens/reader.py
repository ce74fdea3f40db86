"""The reader screen: one article, paragraph by paragraph, with a paragraph cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from briefing_tui.core.model import Article
from briefing_tui.ui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp


class ReaderScreen(Screen[None]):
    """Shows one article; `[` and `]` step through the library without going back."""

    AUTO_FOCUS = "ArticleView"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,q", "back", "Back", tooltip="Back to the library"),
        Binding(
            "left_square_bracket",
            "previous_article",
            "Prev",
            key_display="[",
            tooltip="The previous (newer) article in the library",
        ),
        Binding(
            "right_square_bracket",
            "next_article",
            "Next",
            key_display="]",
            tooltip="The next (older) article in the library",
        ),
    ]

    app: BriefingApp

    def __init__(self, article: Article, position: int | None) -> None:
        super().__init__()
        self.article = article
        self.position = position
        """Where the article sits in the library (None while the library is still loading)."""

    def compose(self) -> ComposeResult:
        yield Static(id="article-title")
        yield Static(id="article-meta")
        yield ArticleView(id="article-view", glyphs=self.app.glyphs)
        yield Static(id="reader-status")
        yield Footer()

    def on_mount(self) -> None:
        self.show_article(self.article, self.position)
        self.watch(self.app, "library", self._library_changed, init=False)

    def _library_changed(self) -> None:
        """The library finished loading: learn where this article sits in it."""
        library = self.app.library
        if library is not None:
            self.position = library.index_of(self.article.path)
            self._show_status()

    def show_article(self, article: Article, position: int | None) -> None:
        """Replace the article on screen (used by `[` and `]`)."""
        self.article = article
        self.position = position
        self.query_one("#article-title", Static).update(Text(article.title, style="bold"))
        meta = [article.date.iso() if article.date else "undated"]
        meta += [part for part in (article.source, article.language) if part]
        meta.append(f"{article.word_count} words, {article.reading_minutes} min")
        meta_text = Text(" · ".join(meta))
        if article.problems:
            meta_text.append(
                f"  {self.app.glyphs.warning} {'; '.join(article.problems)}", style="bold"
            )
        self.query_one("#article-meta", Static).update(meta_text)
        self.query_one(ArticleView).show_article(article)

    @on(ArticleView.CursorMoved)
    def _update_status(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        view = self.query_one(ArticleView)
        status = Text(f" ¶ {view.cursor + 1}/{len(view.paragraphs)}", style="bold")
        status.append(f"  {self.article.path.name}")
        if self.position is not None and self.app.library is not None:
            status.append(f"  article {self.position + 1}/{len(self.app.library.articles)}")
        self.query_one("#reader-status", Static).update(status)

    def action_back(self) -> None:
        self.app.close_reader(self.position)

    def _step(self, delta: int) -> None:
        library = self.app.library
        if library is None:
            self.notify("The library is still being read.", severity="warning")
            return
        position = (
            self.position if self.position is not None else library.index_of(self.article.path)
        )
        if position is None:
            return
        target = position + delta
        if not 0 <= target < len(library.articles):
            self.notify("No newer article." if delta < 0 else "No older article.", timeout=2)
            return
        self.show_article(library.articles[target], target)

    def action_previous_article(self) -> None:
        self._step(-1)

    def action_next_article(self) -> None:
        self._step(+1)
