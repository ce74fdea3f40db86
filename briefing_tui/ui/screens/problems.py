"""The problems screen: every file that could not be read, as `path: reason`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from briefing_tui.core.library import Problem
from briefing_tui.core.safety import display_path
from briefing_tui.ui.stylesheets import SCREENS_CSS


def _display_path(path: Path) -> str:
    try:
        return display_path(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return display_path(path)


class ProblemsScreen(ModalScreen[None]):
    """Lists problems; the articles that did load are unaffected."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h,exclamation_mark", "dismiss", "Close", tooltip="Close this list"),
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
        Binding("g", "scroll('home')", "Top", show=False),
        Binding("G", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        text = Text()
        count = len(self.problems)
        text.append(f"{count} file{'s' if count != 1 else ''} with problems\n\n", style="bold")
        for problem in self.problems:
            text.append(_display_path(problem.path), style="bold")
            text.append(f": {problem.reason}\n")
        with VerticalScroll(id="problems-list"):
            yield Static(text)
        yield Footer()

    def action_scroll(self, where: str) -> None:
        """Letter keys for scrolling, as everywhere else in the app."""
        view = self.query_one("#problems-list", VerticalScroll)
        {
            "down": view.scroll_down,
            "up": view.scroll_up,
            "home": view.scroll_home,
            "end": view.scroll_end,
        }[where](animate=False)
