"""The library screen: every article under its date header, newest first."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from briefing_tui.core.library import Library
from briefing_tui.core.safety import display_path
from briefing_tui.ui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp


class LibraryScreen(Screen[None]):
    """Lists the library; Enter opens the article under the cursor."""

    AUTO_FOCUS = "ArticleList"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "exclamation_mark",
            "show_problems",
            "Problems",
            tooltip="Files that could not be read, and why",
        ),
        Binding("q", "app.quit", "Quit", tooltip="Quit briefing"),
    ]

    app: BriefingApp

    def compose(self) -> ComposeResult:
        yield Static(id="library-title")
        yield ArticleList(id="article-list", glyphs=self.app.glyphs)
        yield Static(id="library-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "library", self._show_library)

    def _show_library(self, library: Library | None) -> None:
        title = Text(" briefing", style="bold")
        article_list = self.query_one(ArticleList)
        if library is None:
            title.append("  reading articles…")
            self.query_one("#library-title", Static).update(title)
            return
        count = len(library.articles)
        title.append(f"  {count} article{'s' if count != 1 else ''}")
        if library.problems:
            warning = f"  {self.app.glyphs.warning} {len(library.problems)} "
            warning += "problem (!)" if len(library.problems) == 1 else "problems (!)"
            title.append(warning, style="bold reverse")
        self.query_one("#library-title", Static).update(title)
        article_list.set_groups(
            library.groups, badges=self.app.badges(), select=self.app.current_position
        )
        if not library.articles:
            self.query_one("#library-status", Static).update(
                "No articles here. Run `briefing PATH` with a folder of .txt or .md files."
            )
        self.refresh_bindings()

    @on(ArticleList.Highlighted)
    def _update_status(self, event: ArticleList.Highlighted) -> None:
        article = event.article
        status = Text(f" {event.position + 1}/{event.total}  ", style="bold")
        status.append(display_path(PurePath(article.path.name)))
        if article.language:
            status.append(f"  {article.language}")
        status.append(f"  {article.word_count} words")
        self.query_one("#library-status", Static).update(status)

    @on(ArticleList.Opened)
    def _open(self, event: ArticleList.Opened) -> None:
        self.app.open_article(event.position)

    def select(self, position: int) -> None:
        """Put the list cursor on the article at `position` (and show fresh note counts)."""
        article_list = self.query_one(ArticleList)
        if self.app.library is not None:
            article_list.set_groups(
                self.app.library.groups, badges=self.app.badges(), select=position
            )
        article_list.cursor = position

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_problems":
            return bool(self.app.library and self.app.library.problems)
        return True

    def action_show_problems(self) -> None:
        self.app.show_problems()
