"""A yes/no question as a modal screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from briefing_tui.ui.stylesheets import SCREENS_CSS


class ConfirmDialog(ModalScreen[bool]):
    """Asks a question; y/Enter answers yes, n/Escape no."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, markup=False, id="confirm-question")
            yield Static("y: yes    n: no", id="confirm-keys")
        yield Footer()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
