"""BriefingApp: loads the library in the background and moves between screens."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import get_current_worker

from briefing_tui.core.articles import ArticleError, read_article
from briefing_tui.core.config import Config, save_theme
from briefing_tui.core.index import (
    LibraryIndex,
    Listing,
    NotesSummary,
    analysis_stamp,
    default_index_path,
    entity_mentions,
    many_files,
    refresh_in_child,
)
from briefing_tui.core.library import FoldersStamp, Library, folders_stamp, modified_time
from briefing_tui.core.locations import actors_file, config_file, keep_private, notes_dir
from briefing_tui.core.model import Article
from briefing_tui.core.notes import ArticleNotes, NoteStore, article_key
from briefing_tui.core.reading import ReadingLog, ReadingStore, reading_file
from briefing_tui.core.safety import clean_line, display_path
from briefing_tui.ui import settings
from briefing_tui.ui.departure import Departure
from briefing_tui.ui.frames import collect_after_refresh, release_collector
from briefing_tui.ui.glyphs import ASCII_KEY_NAMES, Glyphs
from briefing_tui.ui.key_order import KeyOrder
from briefing_tui.ui.reading_flow import save_reading_now
from briefing_tui.ui.save_failures import SaveFailures
from briefing_tui.ui.screens.library import LibraryScreen

if TYPE_CHECKING:
    # Loaded when first used: the first screen (the library) is painted without them.
    from briefing_tui.core.analysis.lexicon import LexiconSource
    from briefing_tui.core.notebook import Entry
    from briefing_tui.ui.screens.reader import ReaderScreen

FIRST_PAINT_WAIT = 1.0
"""Seconds the library worker waits for the listed library to be drawn before it checks
the files (the drawing is quick; the wait only bounds a screen that never refreshes)."""
FIRST_SCREEN_ARTICLES = 300
"""A larger library's first screen lists its newest articles and the count of the rest;
the library worker lists them all once that screen is drawn (a tenth of a second for
10,000), so the first screen does not wait for them."""
ANALYSE_IN_THREAD_MAX = 40
"""Up to this many articles to analyse, the library worker does it (about 0.1 s); more
are analysed by a child process so the UI thread never competes with it."""
REFRESH_APART_MIN = 20_000
"""From this many articles a later start (and a reload) checks the files in a child
process too: at 100,000 the check takes seconds of Python that held up every key press
(p95 61 ms). At 10,000 (0.3 s) the benchmark showed no gain: the child then competes for
the two cores with the app and the analysis process."""
FOLDERS_CHECK_SECONDS = 20.0
"""How often the library's folders are looked at for added and removed articles (a walk
over folders only: about 8 ms for 10,000 files in 40 folders)."""

Loading = Literal["start", "folders changed", "asked"]
"""Why the library worker runs: the app starting, a folder that changed, the reload key."""


def _article_commands() -> type[Provider]:
    """The palette's article provider, imported when the palette first opens."""
    from briefing_tui.ui.commands import ArticleCommands

    return ArticleCommands


def _reader_screen_class() -> type[ReaderScreen]:
    """The reader and the analysis it shows load on the first opening, not at start-up."""
    from briefing_tui.ui.screens.reader import ReaderScreen

    return ReaderScreen


def _file_stamp(path: Path) -> tuple[int, int] | None:
    """When a file last changed and its size (None: it cannot be read)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


class BriefingApp(App[int]):
    """A terminal reader for news briefings."""

    TITLE = "briefing"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {_article_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-normal"), (100, "-wide")]  # noqa: RUF012
    """Screens narrower than 80 columns get `-narrow`, from 100 `-wide`: app.tcss makes room
    in the footer (a list of (width, class) is Textual's type for it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark",
            "help",
            "Help",
            key_display="?",
            tooltip="Show every key",
            id="app.help",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            show=False,
            tooltip='Search every article: words, "phrases", #tag, @actor, date:2025-03',
            id="app.search",
        ),
        Binding(
            "N",
            "notebook",
            "Notebook",
            show=False,
            id="app.notebook",
            tooltip="Notebook: every note and tagged paragraph (Enter opens it)",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            show=False,
            id="app.palette",
            tooltip="Command palette: open any article, show problems, help",
        ),
        # In the help, not the footer: at 80 columns the reader keys need the room.
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            tooltip="Quit briefing",
            priority=True,
            show=False,
            id="app.quit",
        ),
    ]

    library: reactive[Library | None] = reactive(None, init=False)
    """The articles read so far; None until the index (or the first scan) has them."""
    indexing: reactive[str] = reactive("", init=False)
    """Progress of the background refresh ("indexing 300/10000"); empty when idle."""
    unsaved: reactive[str] = reactive("", init=False)
    """Set while saving fails (a read-only config directory): the mark screens show."""

    def __init__(
        self,
        paths: Sequence[Path],
        *,
        open_path: Path | None = None,
        startup_messages: Iterable[str] = (),
        glyphs: Glyphs | None = None,
        config_dir: Path | None = None,
        config: Config | None = None,
        index_path: Path | None = None,
    ) -> None:
        self.config = config or Config()
        """The user's config.toml (defaults in tests and when there is none)."""
        super().__init__(driver_class=settings.driver_class_for(self.config))
        self.config_path = self.config.source or config_file(config_dir)
        self.theme_to_save: str | None = None
        """The theme in use once settings apply; one chosen later is saved to config.toml."""
        self.paths = list(paths)
        self.open_path = open_path
        self.startup_messages = list(startup_messages)
        self.glyphs = glyphs or settings.glyphs_for(self.config)
        settings.use_scrollbars_for(self.glyphs)
        self.reported_actor_problems: tuple[str, ...] = ()
        self.note_store = NoteStore(notes_dir(config_dir))
        self.reading = ReadingLog(ReadingStore(reading_file(config_dir)))
        """Read/unread and where each article was left; read by the library screen."""
        self.notes_dir = notes_dir(config_dir)
        self.config_dir_override = config_dir
        """--config-dir, if given (None: the environment's or the platform's)."""
        self.save_failures = SaveFailures(self)
        """Every failure to save goes here: told once, then shown as `unsaved`."""
        self.actors_path = actors_file(config_dir)
        self._lexicon_source: LexiconSource | None = None
        self._lexicon_source_lock = threading.Lock()
        self.index_path = index_path or default_index_path()
        """The search index in the cache directory (disposable)."""
        self.analysis_process: subprocess.Popen[bytes] | None = None
        self.index_process: subprocess.Popen[str] | None = None
        """Reading a large library on a first start; stopped when the app quits."""
        self.last_search = ""
        """The query last searched, shown again when `/` is pressed."""
        self.note_counts: dict[str, tuple[int, int]] = {}
        """Article key -> (paragraphs with a note, paragraphs with tags), for the library."""
        self.note_tags: dict[str, set[str]] = {}
        """Article key -> tags used on its paragraphs, for the library's tag filter."""
        self._notes_to_index = False
        """Notes were saved and the index is to take them in (see `notes_changed`)."""
        self.article_keys: list[str] = []
        """The notes key of each library article, by position (computed with the library)."""
        self.article_paths: tuple[str, ...] = ()
        """The absolute path of each library article, by position: which file it is."""
        self.tag_filter: str | None = None
        """The tag the library is filtered by, if any."""
        self.current_position: int | None = None
        """The article last opened, so the library cursor returns to it."""
        self.touched_keys: set[str] = set()
        """Articles opened, or whose notes changed, since the library list was drawn: going
        back redraws only their rows (the library clears it when it draws the whole list)."""
        self.folders_stamp: FoldersStamp | None = None
        """The library's folders as the last refresh found them (see FOLDERS_CHECK_SECONDS)."""
        self.notes_time: int | None = None
        """When the notes folder last changed, as last read (None: not followed)."""
        self._prepared: tuple[tuple[Path, tuple[int, int] | None], Article] | None = None
        """An article read ahead of its opening, with its file's time and size then."""
        self.reader_screen: ReaderScreen | None = None
        """The reader, built on the first opening and kept for the next ones."""
        self.key_order = KeyOrder(self)
        """Keys reach the screens one at a time, so none is lost while a dialog opens or
        closes (see key_order.py)."""
        self._departure: Departure | None = None
        """Ends the app on SIGHUP, SIGTERM or a hung-up terminal (not under run_test)."""
        if "TEXTUAL_ANIMATIONS" not in os.environ and not self.config.animations:
            # Over SSH an animated PageDown sends about 7x the bytes for nothing.
            self.animation_level = "none"

    @property
    def lexicon_source(self) -> LexiconSource:
        """Lexicons with the user's actors.toml corrections; loaded on first analysis.

        Made on first use (by the library worker or the first opening, whichever comes
        first), so the analysis modules are not imported before the first screen.
        """
        with self._lexicon_source_lock:
            if self._lexicon_source is None:
                from briefing_tui.core.analysis.lexicon import LexiconSource

                self._lexicon_source = LexiconSource(self.actors_path)
            return self._lexicon_source

    def on_mount(self) -> None:
        self._exit_when_the_terminal_goes()
        self.startup_messages += settings.apply_settings(self, self.config, self.glyphs)
        self.theme_to_save = self.theme
        # The list as last indexed, before the first screen is composed: one query, and
        # the first frame shows the library (a worker would fight this thread for the GIL).
        found = self._listing_from_index()
        partly = False
        if found is not None:
            listing, notes = found
            self._library_loaded(listing, notes)
            partly = listing.library.unlisted > 0
        # Pushed once the app is mounted: everything mounted before that is drawn once
        # and thrown away (Textual holds the frames of its start-up batch).
        self.call_later(self._show_first_screen)
        for message in self.startup_messages:
            self.notify(clean_line(message), severity="warning", timeout=10, markup=False)
        self.load_library(shown=found is not None, partly=partly)
        # Notes and reading state an earlier version (or a copy) left readable to others;
        # after the first frame, which it would compete with (10 ms for 2,000 notes).
        self.call_after_refresh(
            self.run_worker,
            lambda: keep_private(self.config_dir_override),
            thread=True,
            name="keep private",
        )

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self.key_order.hold(event):
            return  # handed on once the keys before it have acted
        await super().on_event(event)

    def _exit_when_the_terminal_goes(self) -> None:
        """Close as ctrl+q does (saving where the reader was) on SIGHUP and SIGTERM, and
        when the terminal is gone, within a deadline whatever the app is busy with.

        A dropped SSH connection hangs up the terminal: the process was killed before it
        saved, and where SIGHUP is ignored (nohup, some multiplexers) Textual's input
        thread went on reading the closed terminal in a busy loop, at full CPU, for ever.
        See `Departure` for why the handlers are not on the asyncio loop.
        """
        if self.is_headless:  # under run_test the test runner keeps its own signals
            return
        loop = asyncio.get_running_loop()
        self._departure = Departure(
            close=self._terminal_gone,
            save=self.reading.save,
            call_in_ui_thread=loop.call_soon_threadsafe,
            terminal_modes=lambda: getattr(self._driver, "attrs_before", None),
        )
        stdin = sys.__stdin__
        self._departure.watch(stdin.fileno() if stdin is not None else None)

    def _terminal_gone(self) -> None:
        """Close without the user (in the UI thread): a note being written (see
        NoteEditor) and where the reader was are saved first. The process ends at the
        deadline whatever Textual does: its output thread dies on the first write to a
        hung-up terminal, and its bounded queue can then block the shutdown for ever.
        """
        for screen in self.screen_stack:
            save_unsaved = getattr(screen, "save_unsaved", None)
            if callable(save_unsaved):
                save_unsaved()
        save_reading_now(self)
        self.exit()

    def _show_first_screen(self) -> None:
        """The library, and over it the article named on the command line, if any."""
        self.push_screen(LibraryScreen())
        if self.open_path is not None:
            self._open_file(self.open_path)

    def _listing_from_index(self) -> tuple[Listing, NotesSummary] | None:
        """The library and its notes counts from the index, or None when it has none of
        it (or is unusable)."""
        try:
            index = LibraryIndex(self.index_path)
        except (OSError, sqlite3.Error):
            return None  # the worker says so and reads the files
        try:
            listing = index.listing(self.paths, first=FIRST_SCREEN_ARTICLES)
            notes = index.notes_summary()
        except sqlite3.Error:
            return None
        finally:
            index.close()
        library = listing.library
        return (listing, notes) if library.articles or library.problems else None

    def on_command_palette_opened(self) -> None:
        settings.plain_palette(self, self.glyphs)

    def watch_theme(self, theme: str) -> None:
        if self.theme_to_save is not None and self.theme_to_save != theme:
            self.theme_to_save = theme
            self.save_theme(theme)

    @work(thread=True, exclusive=True, group="theme")
    def save_theme(self, theme: str) -> None:
        """Remember a theme chosen in the app in config.toml, keeping the user's comments."""
        problem = save_theme(self.config_path, theme)
        if problem is not None:
            self.call_from_thread(
                self.notify, clean_line(problem), severity="warning", markup=False
            )

    @work(thread=True, exclusive=True, group="library")
    def load_library(
        self, shown: bool = False, partly: bool = False, why: Loading = "start"
    ) -> None:
        """Show the library from the index at once, then bring the index up to date.

        Nothing here runs on the UI thread: the first screen paints while the index is
        read, and a changed library replaces the list when the refresh is done. `shown`:
        the list on screen is the library as indexed (`partly`: its newest articles
        only). Run again (`why`) when the folders change or the reader asks.
        """
        reloading = why != "start"
        try:
            index = LibraryIndex(self.index_path)
        except (OSError, sqlite3.Error) as error:
            if not reloading:
                self.call_from_thread(self._index_unavailable, str(error))
            stamp = folders_stamp(self.paths)
            before = self.article_paths
            listing = self._scan_without_index()
            self._folders_read(stamp, None)
            if reloading:
                added = len(set(listing.paths).difference(before))
                self.call_from_thread(self._reloaded, True, added, why)
            return
        try:
            if shown and not reloading:
                # Checking every file holds the GIL for a while: let the list paint first.
                painted = threading.Event()
                self.call_from_thread(self.call_after_refresh, painted.set)
                painted.wait(timeout=FIRST_PAINT_WAIT)
            if partly:
                self._list_from(index)
            stamp = folders_stamp(self.paths)  # before the check: a change meanwhile counts
            notes_time = modified_time(str(self.notes_dir))
            listed = False

            def progress(done: int, total: int) -> None:
                nonlocal listed
                self._index_progress(done, total)
                if done >= total > 0 and not shown and not listed:
                    # Every file is stored: the list is complete while the words of a
                    # first start are still being indexed for search.
                    listed = True
                    self._list_from(index)
                    if index.words_pending():
                        self.call_from_thread(setattr, self, "indexing", "indexing words")

            changed: bool | None = None
            large = self.library is not None and self.library.total >= REFRESH_APART_MIN
            if large or (not shown and many_files(self.paths)):
                # A first start of a library of some size, or any start of a large one:
                # checked and read in a child process, so the keys stay quick meanwhile.
                changed = refresh_in_child(
                    self.index_path,
                    self.paths,
                    self.notes_dir,
                    progress=progress,
                    started=self._child_started,
                )
            if changed is None:  # here, as the child could not
                changed = index.refresh(self.paths, self.notes_dir, progress=progress)
            added = 0
            if (changed or not shown) and not listed:
                before = self.article_paths
                listing = self._list_from(index)
                added = len(set(listing.paths).difference(before))
            elif listed:  # a first start, listed before the notes were read: their counts
                self.call_from_thread(self._notes_loaded, index.notes_summary())
            pending = index.pending_analysis(analysis_stamp(self.actors_path))
            if 0 < pending <= ANALYSE_IN_THREAD_MAX:
                # A few articles: quicker here than starting a process.
                index.analyse_pending(
                    analysis_stamp(self.actors_path), entity_mentions(self.actors_path)
                )
            elif pending:
                self.call_from_thread(self._start_analysis)
            if not reloading:
                # The lexicons load in about 0.3 s, and the reader's modules (its
                # dialogs, Textual's TextArea) in about 30 ms: here, so the first article
                # opens as fast as the others.
                self.lexicon_source.current()
                importlib.import_module("briefing_tui.ui.screens.reader")
            self._folders_read(stamp, notes_time)
            if reloading:
                self.call_from_thread(self._reloaded, bool(changed), added, why)
        finally:
            index.close()
            self.call_from_thread(setattr, self, "indexing", "")
            if not reloading:
                # What is loaded by now (lexicons, index, styles) lives as long as the
                # app. The collector's full passes walked all of it, up to 0.1 s in the
                # middle of opening an article: frozen, they walk only what came after.
                gc.freeze()

    def _list_from(self, index: LibraryIndex) -> Listing:
        """Hand the whole library and its notes counts, as the index has them, to the UI."""
        listing = index.listing(self.paths)
        self._show_listing(listing, index.notes_summary())
        return listing

    def _show_listing(self, listing: Listing, notes: NotesSummary) -> None:
        """Hand a listing to the UI with the notes counts (called on the worker thread)."""
        self.call_from_thread(self._library_loaded, listing, notes)

    def _notes_loaded(self, notes: NotesSummary) -> None:
        """Notes counts read after the list was shown: the list's badges follow."""
        self.note_counts, self.note_tags = notes
        self.mutate_reactive(BriefingApp.library)

    def _scan_without_index(self) -> Listing:
        """No usable cache directory: read every file, as before there was an index."""
        library = Library.scan(self.paths)
        keys = [article_key(article) for article in library.articles]
        every_notes = list(self.note_store.all_notes())
        notes = NotesSummary(
            {notes.key: notes.counts for notes in every_notes},
            {notes.key: notes.tags_used for notes in every_notes},
        )
        paths = tuple(str(article.path.absolute()) for article in library.articles)
        listing = Listing(library, tuple(keys), paths)
        self._show_listing(listing, notes)
        return listing

    def action_reload_library(self) -> None:
        """Read new and changed articles now (a file changed in place changes no folder,
        so only this finds it before the next start)."""
        if self._library_busy():
            self.notify("The library is being read already.", timeout=3)
            return
        self.load_library(shown=True, why="asked")

    def _folders_read(self, stamp: FoldersStamp, notes_time: int | None) -> None:
        """The library and notes are read as their folders stood at `stamp` and
        `notes_time` (None: no index to keep them in). From the first time on, the
        folders are looked at every FOLDERS_CHECK_SECONDS. Called on the worker thread."""
        if self.folders_stamp is None:
            self.call_from_thread(self.set_interval, FOLDERS_CHECK_SECONDS, self._check_folders)
        self.folders_stamp = stamp
        self.notes_time = notes_time

    def _check_folders(self) -> None:
        if not self._library_busy():
            self.check_folders()

    @work(thread=True, exclusive=True, group="folders")
    def check_folders(self) -> None:
        """Read the library again if an article was added to or removed from its folders
        since the last refresh (a briefing grows during the day), and the notes if
        another session changed them."""
        if folders_stamp(self.paths) != self.folders_stamp:
            self.call_from_thread(self._folders_changed)  # the notes are read with it
            return
        notes_time = modified_time(str(self.notes_dir))
        if self.notes_time is not None and notes_time != self.notes_time:
            # Another session saved notes (each save replaces a file in the folder): the
            # badges and the tag filter follow, from the index, without a full refresh.
            self.notes_time = notes_time
            summary = self._index_the_notes(summary=True)
            if summary is not None:
                self.call_from_thread(self._other_notes, summary)

    def _other_notes(self, notes: NotesSummary) -> None:
        """Notes counts after another session's save: the list is drawn again only if
        they differ from what it shows, and an open reader shows the article's notes as
        they are now (one small file)."""
        if notes != (self.note_counts, self.note_tags):
            self._notes_loaded(notes)
        reader = self.reader_screen
        if reader is not None and reader in self.screen_stack:
            reader.load_notes()

    def _folders_changed(self) -> None:
        if not self._library_busy():  # here: the workers are listed on this thread
            self.load_library(shown=True, why="folders changed")

    def _library_busy(self) -> bool:
        return any(worker.group == "library" and worker.is_running for worker in self.workers)

    def _reloaded(self, changed: bool, added: int, why: Loading) -> None:
        """Say what a reload found: new articles always, and nothing new when asked."""
        if added:
            self.notify(f"{added} new article{'s' if added != 1 else ''}", timeout=5)
        elif why == "asked":
            self.notify("Library updated." if changed else "No new or changed articles.", timeout=3)

    def _child_started(self, child: subprocess.Popen[str]) -> None:
        self.index_process = child

    def _index_unavailable(self, reason: str) -> None:
        self.notify(
            f"The search index cannot be used ({reason}); reading every file instead.",
            severity="warning",
            timeout=8,
            markup=False,
        )

    def _index_progress(self, done: int, total: int) -> None:
        """Progress of reading new and changed files, shown in the library's title."""
        text = f"indexing {done}/{total}" if total and done < total else ""
        self.call_from_thread(setattr, self, "indexing", text)

    def _start_analysis(self) -> None:
        """Find the actors of every article in a child process at low priority, so that
        @actor searches cover the library without the UI thread ever waiting for it."""
        if self.analysis_process is not None and self.analysis_process.poll() is None:
            return
        command = [sys.executable, "-m", "briefing_tui.core.index", "analyse"]
        command.append(str(self.index_path))
        command.append(str(self.actors_path))
        with contextlib.suppress(OSError):
            self.analysis_process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def on_unmount(self) -> None:
        if self._departure is not None:
            self._departure.stop()
        gc.unfreeze()  # collectable again (tests run many apps in one process)
        release_collector()  # closed before the frame that would have
        for process in (self.analysis_process, self.index_process):
            if process is not None and process.poll() is None:
                process.terminate()  # each batch is one transaction: nothing half-written
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=2)

    def article_at(self, position: int) -> Article | None:
        """The library's article at `position` with its text (read from its file now).

        The library holds only what the list shows; a file that cannot be read any
        more gives a message and None.
        """
        if self.library is None or not 0 <= position < len(self.library.articles):
            return None
        article = self.library.articles[position]
        if article.blocks:
            return article
        prepared = self._prepared
        if prepared is not None and prepared[0] == (article.path, _file_stamp(article.path)):
            return prepared[1]
        try:
            return read_article(article.path)
        except ArticleError as error:
            self.notify(
                f"{display_path(error.path)}: {error.reason}",
                severity="error",
                timeout=10,
                markup=False,
            )
            return None

    def prepare_article(self, position: int) -> None:
        """Read and wrap the library's article at `position` before it is opened.

        The library calls this when its cursor rests on an article; the file is read in
        a thread (a 5 MB article is 60 ms of parsing that held up the library's keys),
        then the reader kept from an earlier opening wraps its first screens behind the
        library. A file that cannot be read is left for the opening to report.
        """
        if self.reader_screen is None or self.library is None:
            return
        if not 0 <= position < len(self.library.articles):
            return
        self._read_ahead(self.library.articles[position].path)

    @work(thread=True, exclusive=True, group="prepare", description="read an article ahead")
    def _read_ahead(self, path: Path) -> None:
        stamp = _file_stamp(path)  # before reading: a change while reading shows later
        try:
            article = read_article(path)
        except ArticleError:
            return
        key = article_key(article)  # the reader's notes key: 40 ms at 5 MB
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._article_read_ahead, path, stamp, article, key)

    def _article_read_ahead(
        self, path: Path, stamp: tuple[int, int] | None, article: Article, key: str
    ) -> None:
        self._prepared = ((path, stamp), article)
        if self.reader_screen is not None:
            self.reader_screen.prepare(article, key)

    def position_of_key(self, key: str) -> int | None:
        """Where the article with this notes key is in the library."""
        try:
            return self.article_keys.index(key)
        except ValueError:
            return None

    def position_of(self, path: Path) -> int | None:
        """Where the article read from `path` is in the library."""
        return self.library.index_of(path) if self.library is not None else None

    def action_search(self) -> None:
        """Search every article: words, "phrases", #tag, @actor, date:2025-03."""
        from briefing_tui.ui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(self.index_path, self.paths, self.last_search))

    def _library_loaded(self, listing: Listing, notes: NotesSummary) -> None:
        library = listing.library
        self.note_counts, self.note_tags = notes
        self.article_keys = list(listing.keys)
        self.article_paths = listing.paths
        if self.open_path is not None and self.current_position is None:
            self.current_position = library.index_of(self.open_path)
        self.library = library

    def _open_file(self, path: Path) -> None:
        """Open one file straight in the reader, before the library has loaded."""
        try:
            article = read_article(path)
        except ArticleError as error:
            self.notify(
                f"{display_path(error.path)}: {error.reason}",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.push_screen(_reader_screen_class()(article, None))

    def open_article(self, position: int, block: int | None = None) -> None:
        """Show the library's article at `position` in the reader (at paragraph `block`)."""
        collect_after_refresh(self)  # before reading the file: its objects count too
        article = self.article_at(position)
        if article is None:
            return
        self.current_position = position
        if position < len(self.article_keys):
            self.touched_keys.add(self.article_keys[position])
        reader_class = _reader_screen_class()
        if isinstance(self.screen, reader_class):
            self.screen.show_article(article, position, block)
            return
        while not isinstance(self.screen, LibraryScreen) and len(self.screen_stack) > 2:
            self.pop_screen()
        # One reader screen, installed so that going back keeps it: building a new one for
        # every article (widgets, styles, side panels) cost more than the article itself.
        if self.reader_screen is None:
            self.reader_screen = reader_class(article, position, block=block)
            self.install_screen(self.reader_screen, name="reader")
        else:
            self.reader_screen.reopen(article, position, block)
        self.push_screen(self.reader_screen)

    def close_reader(self, position: int | None) -> None:
        """Back from the reader to the library, with the cursor on the article just read."""
        if position is not None:
            self.current_position = position
        self.pop_screen()
        if isinstance(self.screen, LibraryScreen) and self.current_position is not None:
            self.screen.returned_to(self.current_position)

    def notes_changed(self, key: str, notes: ArticleNotes) -> None:
        """An article's notes were saved: the library's counts follow, and the index's."""
        self.note_counts[key] = notes.counts
        self.note_tags[key] = notes.tags_used
        self.touched_keys.add(key)
        if not self._notes_to_index:  # a tag rename changes many files: index them once
            self._notes_to_index = True
            self.call_later(self._index_changed_notes)

    def _index_changed_notes(self) -> None:
        self._notes_to_index = False
        self.index_notes()

    @work(thread=True, group="index-notes")
    def index_notes(self) -> None:
        """Bring the index's copy of the notes up to date (search, the next first screen).

        Off the UI thread: another session may be writing the index. Failing is harmless:
        the next search or start reads the changed notes file again.
        """
        self._index_the_notes(summary=False)

    def _index_the_notes(self, summary: bool) -> NotesSummary | None:
        """Bring the index's copy of the notes up to date, and with `summary` read the
        counts it then has: all of them, since another session may have indexed its own
        notes already. None when the index cannot be used (on a worker thread)."""
        with contextlib.suppress(OSError, sqlite3.Error):
            index = LibraryIndex(self.index_path)
            try:
                index.refresh_notes(self.notes_dir)
                return index.notes_summary() if summary else None
            finally:
                index.close()
        return None

    def keys_with_tag(self, tag: str) -> set[str]:
        """Keys of the articles with a paragraph tagged `tag`."""
        return {key for key, tags in self.note_tags.items() if tag in tags}

    def tag_counts(self) -> dict[str, int]:
        """Tag -> number of articles using it."""
        counts: dict[str, int] = {}
        for tags in self.note_tags.values():
            for tag in tags:
                counts[tag] = counts.get(tag, 0) + 1
        return counts

    def action_notebook(self) -> None:
        """Every note and tagged paragraph; Enter opens the article at that paragraph."""
        from briefing_tui.core.notebook import collect
        from briefing_tui.ui.screens.notebook import NotebookScreen

        entries = collect(self.note_store)

        def chosen(entry: Entry | None) -> None:
            if entry is None or self.library is None:
                return
            position = self.library.index_of(Path(entry.path)) if entry.path else None
            if position is None:
                keys = self.article_keys
                position = keys.index(entry.key) if entry.key in keys else None
            if position is None:
                self.notify("That article is not in this library.", severity="warning")
                return
            self.open_article(position, block=entry.block)

        self.push_screen(NotebookScreen(entries, note_mark=self.glyphs.note), chosen)

    def badges(self) -> dict[int, str]:
        """Library position -> "✎2 #3" for articles with notes or tagged paragraphs."""
        if self.library is None or not self.note_counts:
            return {}
        badges: dict[int, str] = {}
        for position, key in enumerate(self.article_keys):
            if key in self.note_counts and (badge := self.badge_of(key)):
                badges[position] = badge
        return badges

    def badge_of(self, key: str) -> str:
        """ "✎2 #3" for an article with notes or tagged paragraphs, else ""."""
        noted, tagged = self.note_counts.get(key, (0, 0))
        parts = [f"{self.glyphs.note}{noted}"] if noted else []
        parts += [f"#{tagged}"] if tagged else []
        return " ".join(parts)

    def known_tags(self) -> list[str]:
        """Every tag used in any article, for completion."""
        return sorted({tag for tags in self.note_tags.values() for tag in tags})

    def show_problems(self) -> None:
        """List the files that could not be read."""
        from briefing_tui.ui.screens.problems import ProblemsScreen

        if self.library is not None and self.library.problems:
            self.push_screen(ProblemsScreen(self.library.problems))

    def action_help(self) -> None:
        from briefing_tui.ui.screens.help import HelpScreen  # Markdown: not needed to start

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_key_display(self, binding: Binding) -> str:
        """Key names instead of symbols (⏎ ↑) on terminals drawn with ASCII glyphs."""
        if self.glyphs.ascii_keys and binding.key_display is None:
            key = binding.key.split(",")[0].strip()
            if key in ASCII_KEY_NAMES:
                return ASCII_KEY_NAMES[key]
        return super().get_key_display(binding)

    def open_article_palette(self) -> None:
        """A palette that lists only articles."""
        self.push_screen(
            CommandPalette(
                providers=[_article_commands()], placeholder="Open article… (type a title)"
            )
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Open article…", "Find an article by title and open it", self.open_article_palette
        )
        if self.library is not None and self.library.problems:
            yield SystemCommand("Show problems", "Files that could not be read", self.show_problems)
        yield SystemCommand("Help", "Every key and what it does", self.action_help)
        yield SystemCommand(
            "Search…",
            'Words, "phrases", #tag, @actor, date:2025-03 across every article (/)',
            self.action_search,
        )
        yield SystemCommand(
            "Notebook", "Every note and tagged paragraph, by tag or article", self.action_notebook
        )
        yield from super().get_system_commands(screen)
