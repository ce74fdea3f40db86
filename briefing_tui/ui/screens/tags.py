"""Tag housekeeping: every tag with its count; rename one, or merge several into one.

The store counts what a change would touch before anything is written, and the
confirmation says so ("5 paragraphs in 3 articles change"); the change itself goes
through NoteStore.retag, which is journalled and safe against a crash half way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing_tui.core.notes import NotesError, RetagPlan, clean_tag
from briefing_tui.ui.dialogs.confirm import ConfirmDialog
from briefing_tui.ui.dialogs.tag_editor import LastTagSuggester
from briefing_tui.ui.stylesheets import SCREENS_CSS
from briefing_tui.ui.widgets.short_list import ShortList

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def describe(plan: RetagPlan, known: Iterable[str]) -> str:
    """The confirmation question: what happens, and how many paragraphs change."""
    sources = ", ".join(f"#{tag}" for tag in plan.retag.sources)
    target = f"#{plan.retag.target}"
    if len(plan.retag.sources) > 1 or plan.retag.target in set(known):
        what = f"Merge {sources} into {target}"
    else:
        what = f"Rename {sources} to {target}"
    where = f"{_plural(plan.paragraphs, 'paragraph')} in {_plural(plan.articles, 'article')}"
    verb = "changes" if plan.paragraphs == 1 else "change"
    return f"{what}: {where} {verb}. Go ahead?"


class TagNameDialog(ModalScreen[str | None]):
    """Asks for a tag name (completing tags in use); Enter returns it, Escape None."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", priority=True),
    ]

    def __init__(self, heading: str, initial: str, known: Iterable[str]) -> None:
        super().__init__()
        self.heading = heading
        self.initial = initial
        self.known = list(known)

    def compose(self) -> ComposeResult:
        with Vertical(id="tag-box"):
            yield Static(self.heading, markup=False, id="tag-heading")
            yield Input(self.initial, suggester=LastTagSuggester(self.known), id="tag-input")
            yield Static("Enter continue · → complete · Esc cancel", id="tag-help")
            yield Static("", id="tag-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = clean_tag(event.value)
        if not name:
            self.query_one("#tag-error", Static).update("A tag needs a name.")
            return
        self.dismiss(name)


class TagsScreen(Screen[bool]):
    """Lists every tag; returns whether any tag changed (the reader then reloads notes)."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rename", "Rename", tooltip="Rename the tag under the cursor everywhere"),
        Binding("space", "mark", "Mark", tooltip="Mark or unmark a tag to merge"),
        Binding("m", "merge", "Merge", tooltip="Merge the marked tags into one"),
        Binding("escape,q,h", "close", "Back", tooltip="Back"),
    ]

    app: BriefingApp

    def __init__(self) -> None:
        super().__init__()
        self.usage: dict[str, tuple[int, int]] = {}
        self.marked: list[str] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Static(id="tags-title")
        yield ShortList(id="tags-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._refresh_tags()
        self.query_one("#tags-list").focus()

    def _refresh_tags(self, select: str | None = None) -> None:
        self.usage = self.app.note_store.tag_usage()
        self.marked = [tag for tag in self.marked if tag in self.usage]
        tags = sorted(self.usage.items(), key=lambda item: (-item[1][0], item[0]))
        options = self.query_one("#tags-list", OptionList)
        options.clear_options()
        for tag, (paragraphs, articles) in tags:
            mark = "[x]" if tag in self.marked else "[ ]"
            label = Text(f"{mark} ")
            label.append(f"#{tag}", style="bold")
            label.append(
                f"  {_plural(paragraphs, 'paragraph')} in {_plural(articles, 'article')}",
                style="dim",
            )
            options.add_option(Option(label, id=tag))
        if not tags:
            options.add_option(
                Option(Text("No tags yet: press t on a paragraph to tag it.", style="italic"))
            )
        names = [tag for tag, _ in tags]
        options.highlighted = names.index(select) if select in names else (0 if names else None)
        title = Text(" Tags", style="bold")
        title.append(f"  {len(tags)} in use")
        if self.marked:
            title.append(f"  {len(self.marked)} marked (m merges)", style="bold reverse")
        self.query_one("#tags-title", Static).update(title)

    def _current(self) -> str | None:
        options = self.query_one("#tags-list", OptionList)
        if options.highlighted is None:
            return None
        tag = options.get_option_at_index(options.highlighted).id
        return tag if tag in self.usage else None

    def action_mark(self) -> None:
        tag = self._current()
        if tag is None:
            return
        if tag in self.marked:
            self.marked.remove(tag)
        else:
            self.marked.append(tag)
        self._refresh_tags(select=tag)

    def action_rename(self) -> None:
        tag = self._current()
        if tag is not None:
            self._ask_target([tag], f"Rename #{tag} to (an existing tag merges):", tag)

    def action_merge(self) -> None:
        sources = list(self.marked)
        if len(sources) < 2:
            self.notify("Mark two or more tags with Space, then press m.", timeout=4)
            return
        most_used = max(sources, key=lambda tag: self.usage[tag][0])
        heading = f"Merge {', '.join('#' + tag for tag in sources)} into:"
        self._ask_target(sources, heading, most_used)

    def _ask_target(self, sources: list[str], heading: str, initial: str) -> None:
        def named(target: str | None) -> None:
            if target is None:
                return
            plan = self.app.note_store.plan_retag(sources, target)
            if plan.paragraphs == 0:
                self.notify("Nothing to change.", timeout=3)
                return

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._apply(plan)

            self.app.push_screen(ConfirmDialog(describe(plan, self.usage)), confirmed)

        self.app.push_screen(TagNameDialog(heading, initial, self.usage), named)

    def _apply(self, plan: RetagPlan) -> None:
        """Make the change; the library's tag counts and filter follow it."""
        try:
            changed = self.app.note_store.retag(plan.retag)
            message = f"#{plan.retag.target}: {_plural(plan.paragraphs, 'paragraph')} changed."
        except NotesError as error:
            # Some files may have changed: take every file's tags in again.
            changed = list(self.app.note_store.all_notes())
            message = f"Not finished: {error}. It is completed at the next start."
            self.notify(message, severity="error", timeout=10, markup=False)
            message = ""
        for notes in changed:
            self.app.notes_changed(notes.key, notes)
        if self.app.tag_filter in plan.retag.sources:
            self.app.tag_filter = plan.retag.target
        self.changed = True
        self.marked = []
        if message:
            self.notify(message, timeout=4, markup=False)
        self._refresh_tags(select=plan.retag.target)

    def action_close(self) -> None:
        self.dismiss(self.changed)
