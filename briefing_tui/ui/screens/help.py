"""The help screen: what the app does and every key, generated from the bindings."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

from briefing_tui.ui.stylesheets import SCREENS_CSS

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp

_KEY_NAMES = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "exclamation_mark": "!",
    "slash": "/",
}


def key_names(binding: Binding) -> str:
    """All the keys of a binding, readable: `↓ / j`."""
    if binding.key_display and "," not in binding.key:
        return binding.key_display
    names = []
    for key in binding.key.split(","):
        key = key.strip()
        if key.startswith("ctrl+"):
            names.append("ctrl+" + _KEY_NAMES.get(key[5:], key[5:]))
        else:
            names.append(_KEY_NAMES.get(key, key))
    return " / ".join(names)


def bindings_table(title: str, bindings: Iterable[BindingType]) -> str:
    """A Markdown table of bindings (keys in code spans so `[` is never a link)."""
    rows = [f"## {title}", "", "| Keys | Action |", "| --- | --- |"]
    for binding in bindings:
        if not isinstance(binding, Binding):
            binding = Binding(*binding)
        keys = " ".join(f"`{name.strip()}`" for name in key_names(binding).split(" / "))
        rows.append(f"| {keys} | {binding.tooltip or binding.description} |")
    return "\n".join(rows) + "\n"


class HelpScreen(ModalScreen[None]):
    """Help text and a table of every binding, from the same BINDINGS the footer uses."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,h", "dismiss", "Close", tooltip="Close the help"),
        Binding("down,j", "scroll('down')", "Scroll down", show=False),
        Binding("up,k", "scroll('up')", "Scroll up", show=False),
        Binding("pagedown,space", "scroll('page_down')", "Page down", show=False),
        Binding("pageup,b", "scroll('page_up')", "Page up", show=False),
        Binding("home,g", "scroll('home')", "Top", show=False),
        Binding("end,G", "scroll('end')", "Bottom", show=False),
    ]

    app: BriefingApp

    def compose(self) -> ComposeResult:
        from briefing_tui.ui.screens.library import LibraryScreen
        from briefing_tui.ui.screens.reader import ReaderScreen
        from briefing_tui.ui.widgets.article_list import ArticleList
        from briefing_tui.ui.widgets.article_view import ArticleView

        intro = files("briefing_tui.ui.screens").joinpath("help.md").read_text(encoding="utf-8")
        sections = [
            intro,
            bindings_table("Library", [*ArticleList.BINDINGS, *LibraryScreen.BINDINGS]),
            bindings_table("Reader", [*ArticleView.BINDINGS, *ReaderScreen.BINDINGS]),
            bindings_table("Everywhere", self.app.BINDINGS),
        ]
        yield Markdown("\n".join(sections), id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()

    def action_scroll(self, where: str) -> None:
        view = self.query_one("#help-text", Markdown)
        {
            "down": view.scroll_down,
            "up": view.scroll_up,
            "page_down": view.scroll_page_down,
            "page_up": view.scroll_page_up,
            "home": view.scroll_home,
            "end": view.scroll_end,
        }[where](animate=False)
