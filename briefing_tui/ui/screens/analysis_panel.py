"""Actors or quotes as a screen of their own, for terminals too narrow for a side panel."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from briefing_tui.core.analysis.model import Analysis
from briefing_tui.core.model import ParagraphNumbers
from briefing_tui.ui.stylesheets import SCREENS_CSS
from briefing_tui.ui.widgets.analysis_lists import ActorList, QuoteList

PanelKind = Literal["actors", "quotes"]
PanelChoice = tuple[Literal["actor"], str] | tuple[Literal["block"], int]


class AnalysisPanelScreen(ModalScreen[PanelChoice | None]):
    """Lists the article's actors or quotes; Enter returns the choice to the reader."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h", "dismiss", "Close", tooltip="Back to the article"),
    ]

    def __init__(
        self, kind: PanelKind, analysis: Analysis | None, numbers: ParagraphNumbers
    ) -> None:
        super().__init__()
        self.kind = kind
        self.analysis = analysis
        self.numbers = numbers
        """The article's paragraph numbers, for the quotes' "¶ 5"."""

    def compose(self) -> ComposeResult:
        title = (
            "Actors — Enter cycles through mentions"
            if self.kind == "actors"
            else ("Who said what — Enter goes to the paragraph")
        )
        yield Static(title, id="panel-title")
        yield ActorList(id="panel-list") if self.kind == "actors" else QuoteList(id="panel-list")
        yield Footer()

    def _panel(self) -> ActorList | QuoteList:
        panel = self.query_one("#panel-list")
        assert isinstance(panel, ActorList | QuoteList)
        return panel

    def on_mount(self) -> None:
        self._fill()
        self._panel().focus()

    def _fill(self) -> None:
        panel = self._panel()
        if isinstance(panel, QuoteList):
            panel.show_analysis(self.analysis, self.numbers)
        else:
            panel.show_analysis(self.analysis)

    def show_analysis(self, analysis: Analysis) -> None:
        """The analysis arrived while this screen was open: list it now."""
        self.analysis = analysis
        self._fill()

    @on(ActorList.Chosen)
    def _actor(self, event: ActorList.Chosen) -> None:
        self.dismiss(("actor", event.name))

    @on(QuoteList.Chosen)
    def _quote(self, event: QuoteList.Chosen) -> None:
        self.dismiss(("block", event.block))
