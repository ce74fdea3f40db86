"""The tag editor: tags separated by commas or spaces, completing tags already in use."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Footer, Input, Static

from briefing_tui.core.notes import NotesError
from briefing_tui.ui.stylesheets import SCREENS_CSS

_LAST_TAG = re.compile(r"[^,\s]*$")


class LastTagSuggester(Suggester):
    """Completes the tag being typed (the last one) from the tags used anywhere."""

    def __init__(self, tags: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = sorted(set(tags))

    async def get_suggestion(self, value: str) -> str | None:
        typed = _LAST_TAG.search(value)
        last = typed.group().lstrip("#").casefold() if typed else ""
        if not last:
            return None
        for tag in self.tags:
            if tag.startswith(last) and tag != last:
                return value + tag[len(last) :]
        return None


def editable_tags(tags: Iterable[str]) -> str:
    """The tags as the editor starts: separated by commas, and a separator after the last,
    so what is typed next is a new tag (not the end of the last one)."""
    return "".join(f"{tag}, " for tag in tags)


class TagEditor(ModalScreen[bool]):
    """Edits one paragraph's tags; Enter saves (empty removes them), Escape cancels.

    It opens with the cursor after the existing tags and nothing selected: with them
    selected, the first letter typed replaced them all (typing "vier" over three tags
    saved only "vier").
    """

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(
        self, heading: str, tags: Iterable[str], known: Iterable[str], save: Callable[[str], None]
    ) -> None:
        super().__init__()
        self.heading = heading
        self.tags = list(tags)
        self.known = list(known)
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-box"):
            yield Static(self.heading, markup=False, id="tag-heading")
            yield Input(
                editable_tags(self.tags),
                placeholder="tags, separated by commas or spaces",
                select_on_focus=False,
                suggester=LastTagSuggester(self.known),
                id="tag-input",
            )
            yield Static("Enter save · → complete · Esc cancel", id="tag-help")
            yield Static("", id="tag-error")
        yield Footer()

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.save(event.value)
        except NotesError as error:
            self.query_one("#tag-error", Static).update(f"Not saved: {error}")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
