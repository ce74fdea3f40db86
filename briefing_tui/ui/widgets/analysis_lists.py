"""The actors and quotes panels: short lists (OptionList is fine at this size)."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing_tui.core.analysis.model import UNCLEAR_SPEAKER, Analysis, EntityKind, QuoteKind
from briefing_tui.core.model import ParagraphNumbers, paragraph_label
from briefing_tui.core.text import shorten
from briefing_tui.ui.widgets.short_list import ShortList

KIND_HEADINGS = {
    EntityKind.PERSON: "People",
    EntityKind.ORGANIZATION: "Organisations",
    EntityKind.PLACE: "Places",
}
KIND_STYLES = {
    EntityKind.PERSON: "bold",
    EntityKind.ORGANIZATION: "underline",
    EntityKind.PLACE: "italic",
}
"""The same attributes the reader uses, so the panel doubles as a legend."""


class AnalysisList(ShortList):
    """A panel list that opens with its first row highlighted, so Enter acts at once.

    OptionList highlights nothing until a cursor key is pressed: Enter did nothing on
    a panel just opened.
    """

    def highlight_first(self) -> None:
        """Highlight the first row that can be chosen (none: nothing highlighted)."""
        for index in range(self.option_count):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
        self.highlighted = None


class ActorList(AnalysisList):
    """The article's actors by kind, with mention counts and roles."""

    class Chosen(Message):
        """The user picked an actor: show (and cycle through) its mentions."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def show_analysis(self, analysis: Analysis | None) -> None:
        """Fill the list from an analysis (None: still analysing)."""
        self.clear_options()
        if analysis is None:
            self.add_option(Option(Text("Analysing…", style="italic"), disabled=True))
            return
        roles: dict[str, list[str]] = {}
        for name, role in analysis.roles:
            roles.setdefault(name, []).append(role)
        for kind in EntityKind:
            counts = Counter(e.name for e in analysis.entities if e.kind is kind)
            if not counts:
                continue
            heading = Text(f"{KIND_HEADINGS[kind]} ({len(counts)})", style="bold reverse")
            self.add_option(Option(heading, disabled=True))
            for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
                prompt = Text(f" {name}", style=KIND_STYLES[kind])
                prompt.append(f"  ×{count}", style="dim")
                if name in roles:
                    prompt.append(f"  {shorten(', '.join(roles[name]), 40)}", style="dim italic")
                self.add_option(Option(prompt, id=f"{kind.value}:{name}"))
        if not analysis.entities:
            self.add_option(Option(Text("No actors found.", style="italic"), disabled=True))
        self.highlight_first()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id.split(":", 1)[1]))


class QuoteList(AnalysisList):
    """Who said what, in reading order."""

    class Chosen(Message):
        """The user picked a quote: go to its paragraph."""

        def __init__(self, block: int) -> None:
            super().__init__()
            self.block = block

    def show_analysis(self, analysis: Analysis | None, numbers: ParagraphNumbers) -> None:
        """Fill the list from an analysis (None: still analysing); `numbers` are the
        article's paragraph numbers, as the reader shows them."""
        self.clear_options()
        if analysis is None:
            self.add_option(Option(Text("Analysing…", style="italic"), disabled=True))
            return
        for index, quote in enumerate(analysis.quotes):
            if quote.kind is QuoteKind.SCARE:
                who = Text("(term)", style="dim italic")
            else:
                label = quote.speaker_label
                who = (
                    Text(label, style="bold" if quote.speaker_is_certain else "italic")
                    if label
                    else Text(f"({UNCLEAR_SPEAKER})", style="dim italic")
                )
            prompt = who + Text(f"  {paragraph_label(numbers.number(quote.block))}\n", style="dim")
            prompt.append(f"  “{shorten(quote.text, 120)}”")
            self.add_option(Option(prompt, id=f"{index}:{quote.block}"))
        if not analysis.quotes:
            self.add_option(Option(Text("No quotes found.", style="italic"), disabled=True))
        self.highlight_first()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(int(event.option.id.split(":")[1])))
