"""The article's outline: its headings and pull quotes, to jump to."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing_tui.core.model import Article, BlockKind, paragraph_label
from briefing_tui.core.text import shorten
from briefing_tui.ui.glyphs import UNICODE, Glyphs
from briefing_tui.ui.widgets.short_list import ShortList

QUOTE_CHARS = 70
"""How much of a pull quote the outline shows."""


def outline_entries(article: Article, glyphs: Glyphs = UNICODE) -> list[tuple[int, Text]]:
    """(block index, label) for each heading and pull quote, in reading order.

    Each label starts with the paragraph number the reader shows there (a heading's is
    that of the paragraph it leads into).
    """
    numbers = article.paragraph_numbers
    width = len(paragraph_label(numbers.total))
    entries: list[tuple[int, Text]] = []
    for index, block in enumerate(article.blocks):
        if block.kind not in (BlockKind.HEADING, BlockKind.PULLQUOTE):
            continue
        label = Text(f"{paragraph_label(numbers.number(index)):<{width}} ", style="dim")
        if block.kind is BlockKind.HEADING:
            indent = "  " * max(0, block.level - 1)
            label.append(indent + " ".join(block.text.split()), style="bold")
        else:
            quote = shorten(" ".join(block.quote.split()), QUOTE_CHARS, glyphs.ellipsis)
            label.append(f"  {glyphs.quote_bar} {quote}", style="italic")
            if block.attribution:
                label.append(f" {glyphs.dash} {block.attribution}", style="dim")
        entries.append((index, label))
    return entries


class OutlineList(ShortList):
    """Headings (bold) and pull quotes (italic, behind a bar); Enter goes there."""

    class Chosen(Message):
        """The user picked an entry: go to its block."""

        def __init__(self, block: int) -> None:
            super().__init__()
            self.block = block

    def show_article(self, article: Article | None, glyphs: Glyphs = UNICODE) -> None:
        """Fill the list from an article's blocks."""
        self.clear_options()
        entries = outline_entries(article, glyphs) if article is not None else []
        for block, label in entries:
            self.add_option(Option(label, id=str(block)))
        if not entries:
            self.add_option(
                Option(Text("No headings or pull quotes.", style="italic"), disabled=True)
            )
        self.highlighted = 0 if entries else None

    def follow(self, block: int) -> None:
        """Highlight the section the reader is in: the last entry at or before `block`."""
        for index in range(self.option_count - 1, -1, -1):
            option_id = self.get_option_at_index(index).id
            if option_id is not None and int(option_id) <= block:
                self.highlighted = index
                return

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(int(event.option.id)))
