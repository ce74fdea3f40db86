"""The reader's find bar: a query, the match count ("3/7"), keys to step through matches."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static


class FindBar(Horizontal):
    """Posts the query as it is typed; Enter/Down next match, Shift+Enter/Up previous."""

    DEFAULT_CSS = """
    FindBar {
        display: none;
        height: 1;
        background: $panel;
    }
    FindBar.-open {
        display: block;
    }
    FindBar > #find-label {
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    FindBar > Input {
        width: 1fr;
    }
    FindBar > #find-count {
        width: auto;
        min-width: 10;
        padding: 0 1;
        text-align: right;
    }
    """

    # Shown in the footer: while the bar has focus the reader's letter keys go into it,
    # and the footer was left empty. The footer names f3 and shift+f3 (the input's own
    # up and down come first for those keys; they let them through to these).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,f3", "step(1)", "Next match", tooltip="Next match (also Enter)"),
        Binding("up,shift+f3,shift+enter", "step(-1)", "Previous", tooltip="Previous match"),
        Binding("escape", "close", "Close find", tooltip="Close the find bar"),
    ]

    class Changed(Message):
        """The query changed (empty: no highlights)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Step(Message):
        """Go to the next (+1) or previous (-1) match."""

        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    class Closed(Message):
        """The bar was closed: highlights go, the cursor stays where it is."""

    def compose(self) -> ComposeResult:
        yield Static("Find:", id="find-label")
        yield Input(placeholder="word (case and accents ignored)", id="find-input")
        yield Static("", id="find-count")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    def open(self) -> None:
        """Show the bar with the last query selected, ready to type over."""
        self.add_class("-open")
        field = self.query_one(Input)
        # At once, not with focus() (which waits its turn in the queue): the keys typed
        # right after the find key, often in the same packet over SSH, belong in the bar.
        self.screen.set_focus(field)
        field.select_all()

    def show_count(self, text: str) -> None:
        count = self.query_one("#find-count", Static)
        if str(count.content) != text:  # unchanged on most openings: no layout for it
            count.update(text)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Step(1))

    def action_step(self, delta: int) -> None:
        self.post_message(self.Step(delta))

    def action_close(self) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed())
