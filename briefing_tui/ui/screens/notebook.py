"""The notebook: every note and tagged paragraph across all articles, by tag or by article."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.model import paragraph_label
from briefing_tui.core.notebook import Entry
from briefing_tui.core.text import shorten
from briefing_tui.ui.stylesheets import SCREENS_CSS
from briefing_tui.ui.widgets.short_list import ShortList

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp

OPENING_CHARS = 70
"""How much of each paragraph the notebook shows."""


class NotebookScreen(ModalScreen[Entry | None]):
    """Lists annotated paragraphs; Enter returns the one to open."""

    CSS_PATH = SCREENS_CSS
    app: BriefingApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h", "dismiss(None)", "Close", tooltip="Back"),
        Binding("s", "switch_grouping", "By tag/article", tooltip="Group by tag or by article"),
    ]

    def __init__(self, entries: list[Entry], *, note_mark: str = "✎", by_tag: bool = True) -> None:
        super().__init__()
        self.note_mark = note_mark
        self.entries = entries
        self.by_tag = by_tag

    def compose(self) -> ComposeResult:
        yield Static(id="notebook-title")
        yield ShortList(id="notebook-list")
        yield Static(id="notebook-preview")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        title = self.query_one("#notebook-title", Static)
        grouping = "by tag" if self.by_tag else "by article"
        count = len(self.entries)
        title.update(
            Text(
                f" Notebook: {count} annotated paragraph{'s' if count != 1 else ''}, {grouping}"
                "  (s switches, Enter opens)",
                style="bold",
            )
        )
        options = self.query_one(OptionList)
        options.clear_options()
        if not self.entries:
            options.add_option(
                Option(
                    Text("No notes or tags yet: press n or t on a paragraph.", style="italic"),
                    disabled=True,
                )
            )
            return
        groups: dict[str, list[int]] = {}
        for index, entry in enumerate(self.entries):
            if self.by_tag:
                for tag in entry.annotation.tags or ("(untagged)",):
                    groups.setdefault(tag if tag == "(untagged)" else f"#{tag}", []).append(index)
            else:
                groups.setdefault(entry.title or entry.path, []).append(index)
        for heading in sorted(groups, key=lambda name: (name == "(untagged)", name.casefold())):
            members = groups[heading]
            options.add_option(
                Option(Text(f"{heading} ({len(members)})", style="bold reverse"), disabled=True)
            )
            for index in members:
                options.add_option(
                    Option(self._prompt(self.entries[index]), id=f"{heading}|{index}")
                )
        # Start on the first paragraph, not on a group heading.
        options.highlighted = next(
            (number for number, option in enumerate(options.options) if not option.disabled),
            None,
        )

    def _prompt(self, entry: Entry) -> Text:
        prompt = Text()
        if self.by_tag:
            prompt.append(f" {shorten(entry.title, 50, self.app.glyphs.ellipsis)}", style="bold")
            if entry.date:
                prompt.append(f"  {entry.date}", style="dim")
            prompt.append("\n")
        opening = shorten(entry.paragraph, OPENING_CHARS, self.app.glyphs.ellipsis)
        if entry.number is None:
            prompt.append(f"   “{opening}”")
            prompt.append("  (detached)", style="italic")
        else:
            prompt.append(f"   {paragraph_label(entry.number)}", style="dim")
            prompt.append(f" “{opening}”")
        if not self.by_tag and entry.annotation.tags:
            prompt.append("  " + " ".join(f"#{tag}" for tag in entry.annotation.tags), style="dim")
        if entry.annotation.note:
            note = shorten(entry.annotation.note, OPENING_CHARS, self.app.glyphs.ellipsis)
            prompt.append(f"\n   {self.note_mark} {note}", style="italic")
        return prompt

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The list shows openings; the whole paragraph and note are read here."""
        event.stop()
        preview = self.query_one("#notebook-preview", Static)
        if event.option.id is None:
            preview.update("")
            return
        entry = self.entries[int(event.option.id.rsplit("|", 1)[1])]
        text = Text()
        if entry.number is not None:
            text.append(f"{paragraph_label(entry.number)}  ", style="bold")
        text.append(entry.paragraph)
        if entry.annotation.tags:
            text.append("\n" + " ".join(f"#{tag}" for tag in entry.annotation.tags), style="bold")
        if entry.annotation.note:
            text.append(f"\n{self.note_mark} {entry.annotation.note}", style="italic")
        preview.update(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.entries[int(event.option.id.rsplit("|", 1)[1])])

    def action_switch_grouping(self) -> None:
        self.by_tag = not self.by_tag
        self._fill()
