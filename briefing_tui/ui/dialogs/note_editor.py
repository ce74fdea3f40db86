"""The note editor: multi-line, ctrl+s saves, Escape cancels (asking if anything changed)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from briefing_tui.core.notes import NotesError
from briefing_tui.ui.dialogs.confirm import ConfirmDialog
from briefing_tui.ui.stylesheets import SCREENS_CSS


class NoteEditor(ModalScreen[bool]):
    """Edits one paragraph's note; the result says whether it was saved.

    Saving goes through `save`, so a read-only or full disk shows its error here and the
    text stays on screen instead of being lost. An empty note deletes the note.
    """

    CSS_PATH = SCREENS_CSS

    # Not priority bindings: those run as the app reads the key, before the letters
    # typed just ahead of it (one SSH packet) reach the text area, so "Bron checken"
    # then ctrl+s saved "Bron ch". The text area lets both keys through.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, heading: str, text: str, save: Callable[[str], None]) -> None:
        super().__init__()
        self.heading = heading
        self.original = text
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(self.heading, markup=False, id="note-heading")
            yield TextArea(self.original, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static("ctrl+s save · Esc cancel · an empty note is deleted", id="note-help")
            yield Static("", id="note-error")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        """What is in the editor now."""
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        try:
            self.save(self.text)
        except NotesError as error:
            self.query_one("#note-error", Static).update(f"Not saved: {error}")
            return
        self.dismiss(True)

    def save_unsaved(self) -> None:
        """The app is closing without its user (the terminal hung up): keep what was typed.

        A note left as it was, or emptied, is not saved (an empty note deletes the note).
        """
        text = self.text
        if text != self.original and text.strip():
            with contextlib.suppress(NotesError):  # nothing is left to show it on
                self.save(text)

    def action_cancel(self) -> None:
        if self.text == self.original:
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(ConfirmDialog("Discard the changes to this note?"), answered)
