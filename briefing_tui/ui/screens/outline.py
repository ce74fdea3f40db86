"""The outline as a screen of its own, for terminals too narrow for the side panel."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from briefing_tui.core.model import Article
from briefing_tui.ui.glyphs import UNICODE, Glyphs
from briefing_tui.ui.stylesheets import SCREENS_CSS
from briefing_tui.ui.widgets.outline_list import OutlineList


class OutlineScreen(ModalScreen[int | None]):
    """Lists headings and pull quotes; Enter returns the block to go to."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h,o", "dismiss", "Close", tooltip="Back to the article"),
    ]

    def __init__(self, article: Article, glyphs: Glyphs = UNICODE) -> None:
        super().__init__()
        self.article = article
        self.glyphs = glyphs

    def compose(self) -> ComposeResult:
        yield Static("Outline: Enter goes there", id="panel-title")
        yield OutlineList(id="panel-list")
        yield Footer()

    def on_mount(self) -> None:
        outline = self.query_one(OutlineList)
        outline.show_article(self.article, self.glyphs)
        outline.focus()

    @on(OutlineList.Chosen)
    def _chosen(self, event: OutlineList.Chosen) -> None:
        self.dismiss(event.block)
