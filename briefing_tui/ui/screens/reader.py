"""The reader screen: one article, paragraph by paragraph, with a paragraph cursor."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from briefing_tui.core.analysis import Analysis, analyze_article
from briefing_tui.core.analysis.analyze import analyze_part
from briefing_tui.core.find import FindSession
from briefing_tui.core.model import Article, paragraph_label
from briefing_tui.core.notes import (
    Anchor,
    Annotation,
    NotesError,
    article_key,
    parse_tags,
    place,
)
from briefing_tui.core.safety import display_path
from briefing_tui.ui.background import sharing_the_gil
from briefing_tui.ui.dialogs.note_editor import NoteEditor
from briefing_tui.ui.dialogs.tag_editor import TagEditor
from briefing_tui.ui.frames import collect_after_refresh
from briefing_tui.ui.reading_flow import ReadingCommands, save_reading, save_reading_now
from briefing_tui.ui.save_failures import NOTES
from briefing_tui.ui.screens.analysis_panel import AnalysisPanelScreen, PanelChoice, PanelKind
from briefing_tui.ui.screens.outline import OutlineScreen
from briefing_tui.ui.screens.tags import TagsScreen
from briefing_tui.ui.stylesheets import SCREENS_CSS
from briefing_tui.ui.widgets.analysis_lists import ActorList, QuoteList
from briefing_tui.ui.widgets.article_lines import BlockHighlights
from briefing_tui.ui.widgets.article_view import ArticleView
from briefing_tui.ui.widgets.find_bar import FindBar
from briefing_tui.ui.widgets.outline_list import OutlineList
from briefing_tui.ui.widgets.steady_footer import SteadyFooter

SIDE_PANEL_MIN_WIDTH = 110
ACTORS_CHECK_SECONDS = 2.0
"""How often the reader looks for a changed actors.toml."""
READING_SAVE_SECONDS = 3.0
"""How often a changed reading position is saved while reading (and always on leaving)."""
LEGEND_MIN_WIDTH = 80
"""The status line has room for the legend from this width."""
"""Narrower terminals show the actors and quotes panels as screens of their own."""
FIRST_FRAME_WAIT = 0.5
"""Seconds the analysis waits for an opened article's first frame (it is quicker; this
only bounds a screen that never refreshes)."""
FRAME_POLL = 0.02
"""While it waits, how often the analysis looks whether the reader was closed."""
PREVIEW_MIN_BLOCKS = 300
"""From this many blocks (seconds of analysis at 10,000) the paragraphs on screen are
analysed first on their own, and highlighted while the whole article is analysed."""
PREVIEW_BLOCKS = 60
"""How many blocks the preview analyses, from a few before the cursor."""

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp


@dataclass(frozen=True)
class AnnotationUndo:
    """What one paragraph held before the last change to its note or tags."""

    key: str
    """The article's notes key: the undo applies to that article only."""
    block: int
    before: Annotation | None
    """The annotation as it was (None: the paragraph had none)."""


class ReaderScreen(Screen[None]):
    """Shows one article; `[` and `]` step through the library without going back."""

    CSS_PATH = SCREENS_CSS

    AUTO_FOCUS = "ArticleView"
    COMMANDS: ClassVar = {ReadingCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,q", "back", "Back", tooltip="Back to the library", id="reader.back"),
        Binding(
            "n",
            "edit_note",
            "Note",
            tooltip="Write or edit the note on this paragraph",
            id="reader.note",
        ),
        Binding(
            "t",
            "edit_tags",
            "Tags",
            tooltip="Tag this paragraph (commas or spaces)",
            id="reader.tags",
        ),
        Binding(
            "z,ctrl+z",
            "undo",
            "Undo",
            show=False,
            tooltip="Undo the last change to a note or tags (again: redo)",
            id="reader.undo",
        ),
        Binding(
            "left_square_bracket",
            "previous_article",
            "Prev",
            key_display="[",
            tooltip="The previous (newer) article in the library",
            id="reader.previous_article",
        ),
        Binding(
            "right_square_bracket",
            "next_article",
            "Next",
            key_display="]",
            tooltip="The next (older) article in the library",
            id="reader.next_article",
        ),
        Binding(
            "a",
            "toggle_panel('actors')",
            "Actors",
            tooltip="Actors panel: people, organisations, places; Enter cycles mentions",
            id="reader.actors",
        ),
        Binding(
            "m",
            "step_mention(1)",
            "Mention",
            tooltip="Next mention of the actor marked in the actors panel",
            id="reader.next_mention",
        ),
        Binding(
            "M",
            "step_mention(-1)",
            "Prev mention",
            show=False,
            tooltip="Previous mention of the marked actor",
            id="reader.previous_mention",
        ),
        Binding(
            "w",
            "toggle_panel('quotes')",
            "Quotes",
            tooltip="Quotes panel: who said what; Enter goes to the paragraph",
            id="reader.quotes",
        ),
        Binding(
            "f,ctrl+f",
            "find",
            "Find",
            tooltip="Find in the article (case and accents ignored); Enter/Down next, Up previous",
            id="reader.find",
            # Checked as the app reads the key, so the keys typed right after it (often in
            # the same packet over SSH) already find the bar focused and go into it.
            priority=True,
        ),
        Binding(
            "f3",
            "find_step(1)",
            "Next match",
            show=False,
            tooltip="Next match of the find",
            id="reader.next_match",
        ),
        Binding(
            "shift+f3",
            "find_step(-1)",
            "Previous match",
            show=False,
            tooltip="Previous match of the find",
            id="reader.previous_match",
        ),
        Binding(
            "o",
            "outline",
            "Outline",
            show=False,
            tooltip="Outline: headings and pull quotes; Enter goes there",
            id="reader.outline",
        ),
        Binding(
            "u",
            "toggle_read",
            "Unread",
            show=False,
            tooltip="Mark this article unread again (or read)",
            id="reader.toggle_read",
        ),
        Binding(
            "U",
            "next_unread",
            "Next unread",
            show=False,
            tooltip="Open the next unread article",
            id="reader.next_unread",
        ),
        Binding(
            "T",
            "tags",
            "All tags",
            show=False,
            tooltip="Tags: every tag with its count; rename a tag or merge tags",
            id="reader.all_tags",
        ),
    ]

    app: BriefingApp

    def __init__(self, article: Article, position: int | None, block: int | None = None) -> None:
        super().__init__()
        self.start_block = block
        """The paragraph to open at (from the notebook)."""
        self.analysis: Analysis | None = None
        self.notes_key = ""
        self.by_block: dict[int, Annotation] = {}
        """The annotation on each paragraph (block index) of the article shown."""
        self.detached: list[Annotation] = []
        """Annotations whose paragraph is gone: kept, and counted in the status line."""
        self.undo_step: AnnotationUndo | None = None
        """The last change to a note or tags, to put back with `z`."""
        self.panel: PanelKind | Literal["outline"] | None = None
        self.find = FindSession(())
        """The find bar's matches in the article shown."""
        self.left = False
        """Back to the library (the reading state is being saved), not quitting."""
        """Which side panel is open (wide terminals only)."""
        self.article = article
        self.position = position
        """Where the article sits in the library (None while the library is still loading)."""
        self._title_lines: int | None = None
        """How many lines the title took (None: not laid out yet)."""
        self._styled_for: tuple[object, ...] | None = None
        """What the app's styles depended on when this screen was last shown."""
        self._panels_filled: set[str] = set()
        """The side panels (class names) filled with the current article and analysis."""
        self._known_key: tuple[Article, str] | None = None
        """The last article whose notes key was computed, and that key."""

    def compose(self) -> ComposeResult:
        yield Static(id="article-title")
        yield Static(id="article-meta")
        with Horizontal(id="reader-body"):
            yield ArticleView(id="article-view", glyphs=self.app.glyphs)
            with Vertical(id="side-panel"):
                yield ActorList(id="actor-list")
                yield QuoteList(id="quote-list")
                yield OutlineList(id="outline-list")
        yield FindBar(id="find-bar")
        yield Static(id="reader-status")
        yield SteadyFooter(compact=True, wide_only={"step_mention(1)"})

    def on_mount(self) -> None:
        self.show_article(self.article, self.position, self.start_block)
        self.watch(self.app, "library", self._library_changed, init=False)
        # An edit to actors.toml shows at once: look for one every couple of seconds.
        self.set_interval(ACTORS_CHECK_SECONDS, self._check_actor_corrections)
        self.set_interval(READING_SAVE_SECONDS, lambda: save_reading(self.app))
        self.watch(self.app, "unsaved", self._show_status, init=False)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown again (the reader is kept): restyle its widgets only if the theme changed.

        Textual restyles every widget of a resumed screen, ~25 ms of each opening, though
        nothing they are styled by changes between two openings. Handlers of subclasses
        run first, so Textual's own handler sees the flag.
        """
        app = self.app
        styled_for = (app.theme, app.pseudo_classes, app.classes)
        if styled_for == self._styled_for:
            event.refresh_styles = False
        self._styled_for = styled_for

    def on_unmount(self) -> None:
        """Quitting from the reader: a worker would not finish, so save here.

        Going back to the library saved already, in a worker (no wait on the UI thread).
        """
        if not self.left:
            save_reading_now(self.app)

    def _check_actor_corrections(self) -> None:
        if self.app.lexicon_source.changed():
            self.analyze(self.article)

    def _library_changed(self) -> None:
        """The library finished loading: learn where this article sits in it."""
        library = self.app.library
        if library is not None:
            self.position = library.index_of(self.article.path)
            self._show_status()

    def reopen(self, article: Article, position: int | None, block: int | None = None) -> None:
        """Show `article` in this (kept) reader when it is opened again from the library."""
        self.left = False
        self.show_article(article, position, block)
        self.query_one(ArticleView).focus()

    def prepare(self, article: Article, key: str | None = None) -> None:
        """Wrap an article likely to be opened next, while this screen is not shown
        (with its notes key if it was computed while it was read)."""
        if key is not None:
            self._known_key = (article, key)
        if self.is_mounted:
            self.query_one(ArticleView).prepare(article)

    def _key_of(self, article: Article) -> str:
        """The article's notes key, computed once per article read (40 ms at 5 MB)."""
        known = self._known_key
        if known is None or known[0] is not article:
            known = self._known_key = (article, article_key(article))
        return known[1]

    def show_article(
        self, article: Article, position: int | None, block: int | None = None
    ) -> None:
        """Replace the article on screen (used by `[` and `]`), at paragraph `block` if given.

        Its notes, where the reader left it and the find bar's matches are gathered first
        and handed to the view together: the article is wrapped once for its first frame.
        The analysis starts once that frame is drawn; its highlights follow.
        """
        self.article = article
        self.position = position
        self._show_title(Text(article.title, style="bold"))
        meta = [article.date.iso() if article.date else "undated"]
        meta += [part for part in (article.source, article.language) if part]
        meta.append(f"{article.word_count} words, {article.reading_minutes} min")
        meta_text = Text(" · ".join(meta))
        if article.problems:
            meta_text.append(
                f"  {self.app.glyphs.warning} {'; '.join(article.problems)}", style="bold"
            )
        self.query_one("#article-meta", Static).update(meta_text, layout=False)  # height 1
        self.analysis = None
        self._read_notes()
        resume = self._resume_block()
        start = resume if block is None else block
        self.find = FindSession([text_block.text for text_block in article.blocks])
        bar = self.query_one(FindBar)
        self.find.search(bar.query_text if bar.is_open else "", start, jump=False)
        self.query_one(ArticleView).show_article(
            article,
            block=start,
            annotations=self._view_annotations(),
            find_spans=self.find.spans(),
        )
        bar.show_count(self.find.count_text)
        self._fill_panels()
        self._panels_filled.discard("OutlineList")
        if self.panel == "outline":
            self._fill_panel(self.query_one(OutlineList))
        self._show_status()
        self._analyze_after_refresh(article)

    def _show_title(self, title: Text) -> None:
        """The title (one or two lines): a layout of the screen only if its height changes."""
        width = self.app.size.width - 2  # the screen's width less the padding
        lines = min(2, len(title.wrap(self.app.console, max(1, width))))
        self.query_one("#article-title", Static).update(title, layout=lines != self._title_lines)
        self._title_lines = lines

    # --- notes and tags -----------------------------------------------------------------

    def load_notes(self) -> None:
        """Read this article's notes again and show them (the tags screen renamed some,
        or another session saved some)."""
        self._read_notes()
        self.query_one(ArticleView).set_annotations(self._view_annotations())

    def _read_notes(self) -> None:
        """Read this article's notes and put each on its paragraph (or note it detached)."""
        self.notes_key = self._key_of(self.article)
        notes = self.app.note_store.load(self.notes_key)
        for problem in notes.problems:
            self.notify(problem, severity="warning", timeout=15, markup=False)
        self._place(notes.live)

    def _place(self, annotations: list[Annotation]) -> None:
        self.by_block = {}
        self.detached = []
        if not annotations:
            return  # placing fingerprints every paragraph: 80 ms at 10,000
        texts = [block.text for block in self.article.blocks]
        for annotation, block, _where in place(annotations, texts):
            if block is None or block in self.by_block:
                self.detached.append(annotation)
            else:
                self.by_block[block] = annotation
        if self.detached:
            count = len(self.detached)
            self.notify(
                f"{count} note{'s' if count != 1 else ''} no longer match a paragraph of this "
                "article; they are kept in its notes file.",
                timeout=8,
            )

    def _view_annotations(self) -> dict[int, tuple[str, tuple[str, ...]]]:
        """What the view shows of each annotated paragraph: (note, tags)."""
        return {block: (a.note, a.tags) for block, a in self.by_block.items()}

    def _save_annotation(
        self, block: int, *, note: str | None = None, tags: str | None = None
    ) -> None:
        """Save the note or tags of one paragraph; raises NotesError for the editor to show.

        What the change removed (tags, the note) is said in a notice, and `z` puts it back.
        """
        existing = self.by_block.get(block)
        new_tags = parse_tags(tags) if tags is not None else None
        if existing is None:
            anchor = Anchor.of(block, self.article.blocks[block].text)
            annotation = Annotation.new(anchor, note or "", new_tags or ())
            if annotation.is_empty:
                return
        else:
            annotation = existing.edited(note=note, tags=new_tags)
            if annotation.is_empty:
                annotation = existing.removed()
        self._store([annotation])
        self.undo_step = AnnotationUndo(self.notes_key, block, existing)
        self._tell_removed(block, existing, annotation)
        self._keep_cursor_in_view()

    def _store(self, annotations: list[Annotation]) -> None:
        """Save annotations of this article and show the result (raises NotesError)."""
        article = self.article
        try:
            saved = self.app.note_store.save(
                self.notes_key,
                annotations,
                title=article.title,
                path=str(article.path.resolve()),
                date=article.date.iso() if article.date else "",
            )
        except NotesError as error:
            self.app.save_failures.failed(NOTES, error)  # the mark; no toast over the editor
            raise
        self.app.save_failures.saved(NOTES)
        self._place(saved.live)
        self.query_one(ArticleView).set_annotations(self._view_annotations())
        self.app.notes_changed(self.notes_key, saved)

    def _tell_removed(self, block: int, before: Annotation | None, after: Annotation) -> None:
        """A notice naming what a save removed (tags, the note) and the key that undoes it:
        an edit never discards what the user had without saying so."""
        if before is None:
            return
        gone = [f"#{tag}" for tag in before.tags if tag not in after.tags]
        if before.note and not after.note:
            gone.append("the note")
        if gone:
            self.notify(
                f"Removed {' '.join(gone)} from {self._paragraph_name(block)}; "
                f"{self._key_name('undo', 'z')} undoes.",
                timeout=8,
                markup=False,
            )

    def _paragraph_name(self, block: int) -> str:
        position = self.query_one(ArticleView).position_of_block(block)
        return f"¶ {position + 1}" if position is not None else "the paragraph"

    def _key_name(self, action: str, fallback: str) -> str:
        """The first key bound to one of this screen's actions (the user may rebind it)."""
        for key, active in self.active_bindings.items():
            if active.binding.action == action:
                return key if len(key) == 1 else self.app.get_key_display(active.binding)
        return fallback

    def action_undo(self) -> None:
        """Put back the note and tags the last change replaced; pressed again, redo."""
        step = self.undo_step
        if step is None:
            self.notify("Nothing to undo.", timeout=3)
            return
        if step.key != self.notes_key:
            self.notify("The last change was in another article: open it to undo.", timeout=5)
            return
        current = self.by_block.get(step.block)
        before = step.before
        changes: list[Annotation] = []
        if current is not None and (before is None or current.id != before.id):
            changes.append(current.removed())
        if before is not None:
            changes.append(before.edited(note=before.note, tags=before.tags))
        if not changes:
            self.undo_step = None
            self.notify("Nothing to undo.", timeout=3)
            return
        try:
            self._store(changes)
        except NotesError as error:
            self.notify(f"Not undone: {error}", severity="error", timeout=10, markup=False)
            return
        self.undo_step = AnnotationUndo(step.key, step.block, current)
        self.go_to_block(step.block)
        self._keep_cursor_in_view()
        self.notify(
            f"Undone on {self._paragraph_name(step.block)} "
            f"({self._key_name('undo', 'z')} again redoes).",
            timeout=5,
        )

    def _keep_cursor_in_view(self) -> None:
        """The paragraph with its new marker and tag line on screen after an edit.

        Through the cursor's watcher (ArticleView scrolls its paragraph into view there):
        the annotation line added under the paragraph could fall below the screen.
        """
        view = self.query_one(ArticleView)
        view.mutate_reactive(ArticleView.cursor)

    def _paragraph_heading(self, verb: str) -> str:
        view = self.query_one(ArticleView)
        text = " ".join(self.article.blocks[view.block_index].text.split())
        opening = text if len(text) <= 60 else text[:59] + self.app.glyphs.ellipsis
        number = self.article.paragraph_numbers.number(view.block_index)
        return f"{verb} {paragraph_label(number)}: {opening}"

    def action_edit_note(self) -> None:
        block = self.query_one(ArticleView).block_index
        existing = self.by_block.get(block)
        self.app.push_screen(
            NoteEditor(
                self._paragraph_heading("Note on"),
                existing.note if existing else "",
                lambda text: self._save_annotation(block, note=text),
            )
        )

    def action_edit_tags(self) -> None:
        block = self.query_one(ArticleView).block_index
        existing = self.by_block.get(block)
        self.app.push_screen(
            TagEditor(
                self._paragraph_heading("Tags of"),
                existing.tags if existing else (),
                self.app.known_tags(),
                lambda text: self._save_annotation(block, tags=text),
            )
        )

    def _analyze_after_refresh(self, article: Article) -> None:
        """Analyse `article` once its first frame is drawn, and collect garbage only then.

        Until that frame the analysis thread would hold the GIL while the UI thread lays
        the reader out, and a pass of the garbage collector could fall in the middle of
        it: both wait for the frame.
        """
        collect_after_refresh(self)
        drawn = threading.Event()
        self.call_after_refresh(drawn.set)
        self.analyze(article, drawn)

    def analyze(self, article: Article, drawn: threading.Event | None = None) -> None:
        """Find actors and quotes off the UI thread, from the paragraph the cursor is on."""
        self._analyze(article, drawn, self.query_one(ArticleView).block_index)

    # A description of its own: Textual's default is the repr of the arguments, and the
    # repr of a 10,000-paragraph article took 47 ms of each opening.
    @work(thread=True, exclusive=True, group="analysis", description="analyse the article")
    def _analyze(self, article: Article, drawn: threading.Event | None, around: int) -> None:
        """The analysis thread: the text is readable and keys answer meanwhile.

        A long article's paragraphs on screen are analysed first and highlighted (a
        preview, in a few milliseconds); the whole article follows, indexed by block here
        so that the UI thread only swaps it in.
        """
        worker = get_current_worker()
        waited = 0.0
        while drawn is not None and not drawn.wait(FRAME_POLL) and waited < FIRST_FRAME_WAIT:
            if worker.is_cancelled:
                return  # the reader closed before its first frame
            waited += FRAME_POLL
        if article is not self.article:
            return  # `]` pressed again before the frame: that article's analysis follows
        lexicon = self.app.lexicon_source.current()
        with sharing_the_gil():
            if len(article.blocks) >= PREVIEW_MIN_BLOCKS:
                start = max(0, around - PREVIEW_BLOCKS // 6)
                preview = analyze_part(article, start, start + PREVIEW_BLOCKS, lexicon)
                if worker.is_cancelled:
                    return
                highlights = BlockHighlights.of(preview)
                self.app.call_from_thread(self._preview_done, article, preview, highlights)
            analysis = analyze_article(article, lexicon)
            highlights = BlockHighlights.of(analysis)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._analysis_done, article, analysis, highlights)

    def _preview_done(
        self, article: Article, preview: Analysis, highlights: BlockHighlights
    ) -> None:
        """Highlight the paragraphs on screen until the whole article's analysis is done
        (the panels and the legend wait for that)."""
        if article is self.article and self.analysis is None:
            with contextlib.suppress(NoMatches):
                self.query_one(ArticleView).set_analysis(preview, highlights)

    def _analysis_done(
        self, article: Article, analysis: Analysis, highlights: BlockHighlights | None = None
    ) -> None:
        problems = self.app.lexicon_source.problems
        if problems and problems != self.app.reported_actor_problems:
            self.app.reported_actor_problems = problems
            for problem in problems:
                self.notify(problem, severity="warning", markup=False, timeout=10)
        if article is not self.article:
            return  # the reader moved on with [ or ]
        self.analysis = analysis
        # Quitting just after opening: the screen's widgets may be gone already.
        with contextlib.suppress(NoMatches):
            self.query_one(ArticleView).set_analysis(analysis, highlights)
            self._fill_panels()
            self._show_status()
        # On a narrow terminal the panel is a screen above this one, opened before the
        # analysis was done ("Analysing…"): it follows too.
        for screen in self.app.screen_stack:
            if isinstance(screen, AnalysisPanelScreen):
                screen.show_analysis(analysis)

    # --- actors and quotes panels ------------------------------------------------------

    def _fill_panels(self) -> None:
        """Fill the analysis panels on screen now, a hidden one when it is focused (shown).

        The quotes of a huge article are thousands of options, most of a second to fill:
        not worth doing for a panel that may never be opened.
        """
        self._panels_filled -= {"ActorList", "QuoteList"}
        side = self.query_one("#side-panel")
        for panel in (self.query_one(ActorList), self.query_one(QuoteList)):
            if side.display and panel.display:
                self._fill_panel(panel)

    def _fill_panel(self, panel: ActorList | QuoteList | OutlineList) -> None:
        if isinstance(panel, OutlineList):
            panel.show_article(self.article, self.app.glyphs)
        elif isinstance(panel, QuoteList):
            panel.show_analysis(self.analysis, self.article.paragraph_numbers)
        else:
            panel.show_analysis(self.analysis)
        self._panels_filled.add(type(panel).__name__)

    @on(events.DescendantFocus)
    def _panel_focused(self, event: events.DescendantFocus) -> None:
        """A side panel shown: filled now if the article or its analysis changed since."""
        panel = event.widget
        if isinstance(panel, ActorList | QuoteList | OutlineList) and (
            type(panel).__name__ not in self._panels_filled
        ):
            self._fill_panel(panel)

    def action_toggle_panel(self, kind: PanelKind | Literal["outline"]) -> None:
        """A side panel when the terminal is wide enough, else a screen of its own."""
        if kind == "outline" and self.size.width < SIDE_PANEL_MIN_WIDTH:
            self.action_outline()
            return
        if kind != "outline" and self.size.width < SIDE_PANEL_MIN_WIDTH:
            self.app.push_screen(
                AnalysisPanelScreen(kind, self.analysis, self.article.paragraph_numbers),
                self._panel_choice,
            )
            return
        side = self.query_one("#side-panel")
        if self.panel == kind:
            self.panel = None
            side.display = False
            self.query_one(ArticleView).focus()
            return
        self.panel = kind
        side.display = True
        panels = {
            "actors": self.query_one(ActorList),
            "quotes": self.query_one(QuoteList),
            "outline": self.query_one(OutlineList),
        }
        for name, panel in panels.items():
            panel.display = name == kind
        panels[kind].focus()

    def _panel_choice(self, choice: PanelChoice | None) -> None:
        if choice is None:
            return
        if choice[0] == "actor":
            self.cycle_mentions(choice[1])
        else:
            self.go_to_block(choice[1])

    @on(ActorList.Chosen)
    def _actor_chosen(self, event: ActorList.Chosen) -> None:
        self.cycle_mentions(event.name)

    @on(QuoteList.Chosen)
    def _quote_chosen(self, event: QuoteList.Chosen) -> None:
        self.go_to_block(event.block)

    def go_to_block(self, block: int) -> None:
        """Put the paragraph cursor on a block (or the first paragraph after a heading)."""
        view = self.query_one(ArticleView)
        position = view.position_of_block(block)
        if position is not None:
            view.cursor = position

    def cycle_mentions(self, name: str) -> None:
        """Mark an actor's mentions and move to the next paragraph that has one."""
        if self.analysis is None:
            return
        self.query_one(ArticleView).select_actor(name)
        self._go_to_mention(name, 1)

    def action_step_mention(self, delta: int) -> None:
        """The next (+1) or previous (-1) mention of the marked actor, from the reader."""
        name = self.query_one(ArticleView).selected_actor
        if name is None or self.analysis is None:
            actors = self._key_name("toggle_panel('actors')", "a")
            self.notify(f"No actor marked: {actors} lists the actors, Enter marks one.", timeout=5)
            return
        self._go_to_mention(name, delta)

    def _go_to_mention(self, name: str, delta: int) -> None:
        """To the next or previous paragraph mentioning `name`, wrapping round the article."""
        assert self.analysis is not None
        view = self.query_one(ArticleView)
        blocks = sorted({entity.block for entity in self.analysis.mentions_of(name)})
        if not blocks:
            return
        here = view.block_index
        if delta > 0:
            after = [block for block in blocks if block > here]
            target = after[0] if after else blocks[0]
        else:
            before = [block for block in blocks if block < here]
            target = before[-1] if before else blocks[-1]
        self.go_to_block(target)
        where = paragraph_label(self.article.paragraph_numbers.number(target))
        self.notify(
            f"{name} in {where} ({blocks.index(target) + 1} of {len(blocks)} paragraphs"
            " naming them)",
            timeout=3,
        )

    @on(ArticleView.CursorMoved)
    def _update_status(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        view = self.query_one(ArticleView)
        numbers = self.article.paragraph_numbers
        label = paragraph_label(numbers.number(view.block_index))
        status = Text(f" {label}/{numbers.total}", style="bold", no_wrap=True)
        if self.app.unsaved:  # before the rest, which an 80-column line then cuts
            status.append(f"  {self.app.unsaved}", style="bold italic")
        status.append(f"  {display_path(PurePath(self.article.path.name))}")
        if self.position is not None and self.app.library is not None:
            status.append(f"  article {self.position + 1}/{len(self.app.library.articles)}")
        if self.size.width >= LEGEND_MIN_WIDTH and self.analysis is not None:
            legend = self._legend(view)
            gap = self.size.width - 2 - status.cell_len - legend.cell_len
            if gap > 1:
                status.append(" " * gap)
                status.append_text(legend)
        self.query_one("#reader-status", Static).update(status, layout=False)  # height 1

    def _legend(self, view: ArticleView) -> Text:
        """The actor styles named in their own style: works without colour too."""
        legend = Text()
        for label, kind in (
            ("person", "person"),
            ("org", "organization"),
            ("place", "place"),
            ("“quote”", "quote-span"),
        ):
            legend.append(label, view.get_component_rich_style(f"article-view--{kind}"))
            legend.append(" ")
        return legend

    # --- reading state -----------------------------------------------------------------

    def _resume_block(self) -> int:
        """The block where the reader left this article (0: from the top); it is read now."""
        reading = self.app.reading
        reading.load()  # at once if the library has not read it yet (one small file)
        entry = reading.entry(self.notes_key)
        reading.mark_read(self.notes_key)
        if entry is not None and 0 < entry.block < len(self.article.blocks):
            return entry.block
        return 0

    @on(ArticleView.CursorMoved)
    def _remember_position(self) -> None:
        view = self.query_one(ArticleView)
        if self.panel == "outline":
            self.query_one(OutlineList).follow(view.block_index)
        if self.notes_key and view.article is self.article:
            self.app.reading.remember_position(
                self.notes_key, view.block_index, len(self.article.blocks)
            )

    def action_next_unread(self) -> None:
        """Open the next unread article after this one (from the top after the last)."""
        keys = self.app.article_keys
        if self.app.library is None or not keys:
            self.notify("The library is still being read.", severity="warning")
            return
        start = self.position if self.position is not None else -1
        for position in [*range(start + 1, len(keys)), *range(0, start + 1)]:
            if not self.app.reading.is_read(keys[position]):
                save_reading(self.app)
                self.app.open_article(position)
                return
        self.notify("No unread articles.", timeout=3)

    def action_toggle_read(self) -> None:
        reading = self.app.reading
        read = not reading.is_read(self.notes_key)
        reading.mark_read(self.notes_key, read)
        save_reading(self.app)
        self.notify("Marked read." if read else "Marked unread.", timeout=2)

    # --- find ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`f` is a priority key: it types an f wherever text is being entered."""
        return not (action == "find" and isinstance(self.focused, Input))

    def action_find(self) -> None:
        self.query_one(FindBar).open()

    @on(FindBar.Changed)
    def _find_changed(self) -> None:
        self._run_find(jump=True)

    @on(FindBar.Step)
    def _find_step(self, event: FindBar.Step) -> None:
        self.action_find_step(event.delta)

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self.find.clear()
        self.query_one(ArticleView).set_find({}, None)
        self.query_one(ArticleView).focus()

    def _run_find(self, *, jump: bool) -> None:
        """Find the bar's query; with `jump`, go to the first match from the cursor on."""
        bar = self.query_one(FindBar)
        here = self.query_one(ArticleView).block_index
        self.find.search(bar.query_text if bar.is_open else "", here, jump=jump)
        self._show_find()

    def action_find_step(self, delta: int) -> None:
        """Next (+1) or previous (-1) match, wrapping around the article."""
        bar = self.query_one(FindBar)
        if not bar.is_open:  # F3 after Escape: the last find again, from the cursor on
            bar.open()
            self._run_find(jump=True)
            return
        if not self.find.matches:
            self._run_find(jump=False)
        self.find.step(delta, self.query_one(ArticleView).block_index)
        self._show_find()

    def _show_find(self) -> None:
        """Highlights, the count ("3/7") and the cursor on the current match."""
        view = self.query_one(ArticleView)
        match = self.find.current
        if match is not None:
            self.go_to_block(match.block)
        view.set_find(self.find.spans(), (match.block, match.start, match.end) if match else None)
        if match is not None:  # a match deep in a tall paragraph: scroll to its line
            view.reveal(match.block, match.start)
        self.query_one(FindBar).show_count(self.find.count_text)

    # --- outline and tags ---------------------------------------------------------------

    def action_outline(self) -> None:
        """Headings and pull quotes: a side panel when wide enough, else a screen."""
        if self.size.width < SIDE_PANEL_MIN_WIDTH:
            self.app.push_screen(OutlineScreen(self.article, self.app.glyphs), self._outline_choice)
        else:
            self.action_toggle_panel("outline")

    def _outline_choice(self, block: int | None) -> None:
        if block is not None:
            self.go_to_block(block)

    @on(OutlineList.Chosen)
    def _outline_chosen(self, event: OutlineList.Chosen) -> None:
        self.go_to_block(event.block)

    def action_tags(self) -> None:
        """Every tag with its count, to rename or merge; this article's tags follow."""

        def done(changed: bool | None) -> None:
            if changed:
                self.load_notes()

        self.app.push_screen(TagsScreen(), done)

    def action_back(self) -> None:
        self.left = True
        save_reading(self.app)
        self.app.close_reader(self.position)

    def _step(self, delta: int) -> None:
        library = self.app.library
        if library is None:
            self.notify("The library is still being read.", severity="warning")
            return
        position = (
            self.position if self.position is not None else library.index_of(self.article.path)
        )
        if position is None:
            return
        target = position + delta
        if not 0 <= target < len(library.articles):
            self.notify("No newer article." if delta < 0 else "No older article.", timeout=2)
            return
        article = self.app.article_at(target)  # the library lists; the text is read now
        if article is not None:
            self.show_article(article, target)

    def action_previous_article(self) -> None:
        self._step(-1)

    def action_next_article(self) -> None:
        self._step(+1)
