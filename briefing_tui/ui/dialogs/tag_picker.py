"""Pick one tag from those in use, with how many paragraphs carry it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.ui.stylesheets import SCREENS_CSS
from briefing_tui.ui.widgets.short_list import ShortList


class TagPicker(ModalScreen[str | None]):
    """Returns the chosen tag, or None."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Cancel"),
    ]

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__()
        self.counts = counts

    def compose(self) -> ComposeResult:
        yield Static(" Show articles tagged…  (Enter picks)", id="tag-picker-title")
        options = [
            Option(Text(f"#{tag}  ({count})"), id=tag)
            for tag, count in sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        ]
        yield ShortList(*options, id="tag-picker-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        options.highlighted = 0 if options.option_count else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
