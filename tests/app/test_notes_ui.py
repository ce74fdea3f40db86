"""Notes and tags in the UI: the editors, markers, badges, tag filter, notebook and failures.

Each test gets its own config directory (`tmp_path / "cfg"`), so notes never leak between
tests. The annotated paragraph is block 1 of the April article ("Kyiv reageerde met
scepsis ..."), one `j` below where the reader opens.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from app_support import APRIL_FILE, SIZE, static_text, wait_for_library, widget_lines
from rich.text import Text
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from briefing_tui.core.articles import read_article
from briefing_tui.core.index import LibraryIndex
from briefing_tui.core.notes import ArticleNotes, NotesError, NoteStore, article_key
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.dialogs.confirm import ConfirmDialog
from briefing_tui.ui.dialogs.note_editor import NoteEditor
from briefing_tui.ui.dialogs.tag_editor import LastTagSuggester, TagEditor
from briefing_tui.ui.dialogs.tag_picker import TagPicker
from briefing_tui.ui.glyphs import UNICODE
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.notebook import NotebookScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_list import ArticleList
from briefing_tui.ui.widgets.article_view import GUTTER, ArticleView

NOTE = "Twijfel aan Kyiv"
KYIV = "Kyiv reageerde met scepsis"
BLOCK = 1
"""Block index of the Kyiv paragraph in the April article."""
MARK = UNICODE.note


def make_notes_app(articles_dir: Path, tmp_path: Path) -> BriefingApp:
    return BriefingApp([articles_dir], glyphs=UNICODE, config_dir=tmp_path / "cfg")


def notes_dir(tmp_path: Path) -> Path:
    return tmp_path / "cfg" / "notes"


def toml_files(tmp_path: Path) -> list[Path]:
    folder = notes_dir(tmp_path)
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def read_notes(tmp_path: Path) -> dict[str, Any]:
    """The single notes file of the config dir, parsed."""
    files = toml_files(tmp_path)
    assert len(files) == 1, files
    return tomllib.loads(files[0].read_text(encoding="utf-8"))


def annotations(tmp_path: Path) -> list[dict[str, Any]]:
    return list(read_notes(tmp_path).get("annotation", []))


async def settle(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_april(pilot: Pilot[int]) -> ArticleView:
    """Open the April article (first in the library) and return its view."""
    await wait_for_library(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReaderScreen)
    return pilot.app.screen.query_one(ArticleView)


async def open_kyiv(pilot: Pilot[int]) -> ArticleView:
    """Open the April article with the cursor on the Kyiv paragraph."""
    view = await open_april(pilot)
    await pilot.press("j")
    await pilot.pause()
    assert view.block_index == BLOCK
    return view


async def write_note(pilot: Pilot[int], text: str, *, clear: bool = False) -> None:
    """n, (ctrl+u to clear a one-line note,) type `text`, ctrl+s."""
    await pilot.press("n")
    assert isinstance(pilot.app.screen, NoteEditor)
    if clear:
        await pilot.press("ctrl+u")
    if text:
        await pilot.press(*text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def write_tags(pilot: Pilot[int], text: str, *, clear: bool = False) -> None:
    """t, (ctrl+u to clear the tags shown,) type `text`, enter."""
    await pilot.press("t")
    assert isinstance(pilot.app.screen, TagEditor)
    if clear:
        await pilot.press("ctrl+u")
    if text:
        await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


def lines_from(view: ArticleView, needle: str) -> list[str]:
    """The visible lines of the view from the first one containing `needle`."""
    lines = widget_lines(view)
    starts = [number for number, line in enumerate(lines) if needle in line]
    assert starts, f"{needle!r} not on screen: {lines}"
    return lines[starts[0] :]


def option_texts(options: OptionList) -> list[str]:
    """The plain text of every option of a list, headings included."""
    prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
    return [prompt.plain if isinstance(prompt, Text) else str(prompt) for prompt in prompts]


def block_text(article_path: Path, block: int) -> str:
    return " ".join(read_article(article_path).blocks[block].text.split())


# --- the note editor --------------------------------------------------------------------


async def test_a_note_typed_and_saved_in_one_burst_is_saved_whole(
    articles_dir: Path, tmp_path: Path
) -> None:
    """Over SSH the last letters and ctrl+s often come in one packet: ctrl+s must wait
    for the letters before it (a priority binding ran first and saved "Bron ch")."""
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        driver = app._driver
        assert driver is not None
        for key, character in [*((letter, letter) for letter in NOTE), ("ctrl+s", None)]:
            driver.send_message(events.Key(key if key != " " else "space", character))
        await settle(pilot)

        assert isinstance(app.screen, ReaderScreen)
        assert [row["note"] for row in annotations(tmp_path)] == [NOTE]


async def test_n_then_ctrl_s_saves_the_note_to_a_toml_file(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_kyiv(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*NOTE)
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, ReaderScreen)
        data = read_notes(tmp_path)
        assert data["version"] == 1
        rows = data["annotation"]
        assert len(rows) == 1
        row = rows[0]
        assert row["note"] == NOTE
        assert row["paragraph"] == view.block_index == BLOCK
        assert row["quote"].startswith(KYIV)
        assert block_text(articles_dir / APRIL_FILE, BLOCK).startswith(row["quote"])
        assert row.get("deleted", False) is False


async def test_annotated_paragraph_shows_gutter_mark_and_note_line(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_kyiv(pilot)
        await write_note(pilot, NOTE)
        await pilot.press("j")  # move off: the cursor mark would fill the first column
        await pilot.pause()

        lines = lines_from(view, "Kyiv reageerde")
        assert lines[0].startswith(f" {MARK} ")
        note_lines = [line for line in lines if f"{MARK} {NOTE}" in line[GUTTER:]]
        assert note_lines, lines
        assert note_lines[0].startswith(f" {MARK} ")
        paragraph = lines[: lines.index(note_lines[0]) + 1]
        assert all(line.startswith(f" {MARK} ") for line in paragraph)


async def test_t_saves_tags_on_the_same_annotation_keeping_the_note(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await write_note(pilot, NOTE)
        await pilot.press("t")
        assert isinstance(app.screen, TagEditor)
        await pilot.press(*"koersk, voorwaarden")
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, ReaderScreen)
        rows = annotations(tmp_path)
        assert len(rows) == 1
        assert rows[0]["tags"] == ["koersk", "voorwaarden"]
        assert rows[0]["note"] == NOTE
        assert rows[0]["paragraph"] == BLOCK


async def test_editing_the_note_again_replaces_it(articles_dir: Path, tmp_path: Path) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await write_note(pilot, NOTE)
        await pilot.press("n")
        assert app.screen.query_one(TextArea).text == NOTE
        await pilot.press("ctrl+u", *"Nieuwe tekst", "ctrl+s")
        await pilot.pause()

        rows = annotations(tmp_path)
        assert len(rows) == 1
        assert rows[0]["note"] == "Nieuwe tekst"


async def test_empty_note_with_tags_keeps_the_tags(articles_dir: Path, tmp_path: Path) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_kyiv(pilot)
        await write_note(pilot, NOTE)
        await write_tags(pilot, "koersk")
        await write_note(pilot, "", clear=True)

        rows = annotations(tmp_path)
        assert len(rows) == 1
        assert "note" not in rows[0]
        assert rows[0]["tags"] == ["koersk"]
        assert rows[0].get("deleted", False) is False
        assert view.annotations == {BLOCK: ("", ("koersk",))}


async def test_clearing_note_and_tags_leaves_a_tombstone_and_no_marker(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_kyiv(pilot)
        await write_note(pilot, NOTE)
        await write_tags(pilot, "koersk")
        await write_note(pilot, "", clear=True)
        await write_tags(pilot, "", clear=True)
        await pilot.press("j")
        await pilot.pause()

        rows = annotations(tmp_path)
        assert len(rows) == 1
        assert rows[0]["deleted"] is True
        assert "note" not in rows[0]
        assert "tags" not in rows[0]
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.by_block == {}
        assert view.annotations == {}
        assert not any(line.startswith(f" {MARK} ") for line in widget_lines(view))
        assert not any("#koersk" in line for line in widget_lines(view))


async def test_escape_with_unchanged_text_closes_without_asking(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape")
        await pilot.pause()

        assert isinstance(app.screen, ReaderScreen)
        assert toml_files(tmp_path) == []


async def test_escape_with_changes_asks_and_n_keeps_editing(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await pilot.press("n", *"concept", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)

        await pilot.press("n")
        await pilot.pause()

        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "concept"
        assert toml_files(tmp_path) == []


async def test_escape_with_changes_then_y_discards(articles_dir: Path, tmp_path: Path) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await pilot.press("n", *"concept", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)

        await pilot.press("y")
        await pilot.pause()

        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.by_block == {}
        assert toml_files(tmp_path) == []


# --- persistence and the library ---------------------------------------------------------


async def test_notes_survive_a_restart(articles_dir: Path, tmp_path: Path) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await write_note(pilot, NOTE)
        await write_tags(pilot, "koersk")

    again = make_notes_app(articles_dir, tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        view = await open_april(pilot)
        await pilot.press("j", "j")  # the cursor off the paragraph, so its gutter shows
        await pilot.pause()

        assert isinstance(again.screen, ReaderScreen)
        assert set(again.screen.by_block) == {BLOCK}
        lines = lines_from(view, "Kyiv reageerde")
        assert lines[0].startswith(f" {MARK} ")
        assert any(f"#koersk  {MARK} {NOTE}" in line for line in lines), lines


async def test_library_row_shows_note_and_tag_badge(articles_dir: Path, tmp_path: Path) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await write_note(pilot, NOTE)
        await write_tags(pilot, "koersk")
        await pilot.press("escape")
        await pilot.pause()

        assert isinstance(app.screen, LibraryScreen)
        assert app.badges() == {0: f"{MARK}1 #1"}
        lines = widget_lines(app.screen.query_one(ArticleList))
        assert lines[1].rstrip().endswith(f"{MARK}1 #1")
        assert f"{MARK}1" not in lines[3]


async def test_first_screen_badges_come_from_the_index_not_every_notes_file(
    articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await write_note(pilot, NOTE)
        await write_tags(pilot, "koersk")
        await pilot.pause()
        await app.workers.wait_for_complete()  # the index takes in the saved notes

    def every_notes_file(_store: object) -> None:
        raise AssertionError("the library read every notes file")

    monkeypatch.setattr(NoteStore, "all_notes", every_notes_file)
    again = make_notes_app(articles_dir, tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        assert again.badges() == {0: f"{MARK}1 #1"}  # before the first screen
        await wait_for_library(pilot)

        assert again.keys_with_tag("koersk") == {again.article_keys[0]}
        lines = widget_lines(again.screen.query_one(ArticleList))
        assert lines[1].rstrip().endswith(f"{MARK}1 #1")


async def test_notes_saved_together_reach_the_index_in_one_pass(
    articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    passes: list[Path | None] = []
    real_refresh_notes = LibraryIndex.refresh_notes

    def counted(index: LibraryIndex, notes: Path | None) -> bool:
        passes.append(notes)
        return real_refresh_notes(index, notes)

    monkeypatch.setattr(LibraryIndex, "refresh_notes", counted)
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        for key in ("a", "b", "c"):  # as a tag rename across three articles does
            app.notes_changed(key, ArticleNotes(key))
        await pilot.pause()
        await app.workers.wait_for_complete()

        assert passes == [notes_dir(tmp_path)]


async def test_tag_picker_filters_the_library_and_x_clears(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await write_tags(pilot, "koersk")
        await pilot.press("escape")
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert library.shown == [0, 1]

        await pilot.press("#")
        await pilot.pause()
        assert isinstance(app.screen, TagPicker)
        prompts = option_texts(app.screen.query_one(OptionList))
        assert any(prompt.startswith("#koersk") for prompt in prompts), prompts

        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is library
        assert library.shown == [0]
        title = static_text(app, "#library-title")
        assert "#koersk: 1 shown" in title
        article_lines = [line for line in widget_lines(library.query_one(ArticleList)) if line]
        assert not any("2025-03" in line for line in article_lines)

        await pilot.press("x")
        await pilot.pause()
        assert library.shown == [0, 1]
        assert "#koersk" not in static_text(app, "#library-title")


async def test_notebook_lists_the_paragraph_and_enter_opens_it(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await write_note(pilot, NOTE)
        await write_tags(pilot, "koersk")
        await pilot.press("escape", "j")  # back to the library, cursor on March
        await pilot.pause()

        await pilot.press("N")
        await pilot.pause()
        assert isinstance(app.screen, NotebookScreen)
        options = app.screen.query_one(OptionList)
        texts = option_texts(options)
        heading = next(i for i, text in enumerate(texts) if text.startswith("#koersk"))
        assert options.get_option_at_index(heading).disabled
        assert KYIV in texts[heading + 1]
        assert options.highlighted == heading + 1
        # The list shows the opening; the preview has the whole paragraph, tags and note.
        paragraph = read_article(articles_dir / APRIL_FILE).blocks[BLOCK].text
        assert paragraph[-40:] not in texts[heading + 1]
        preview = static_text(app, "#notebook-preview")
        assert paragraph[-40:] in " ".join(preview.split())
        assert "#koersk" in preview
        assert NOTE in preview

        await pilot.press("enter")
        await settle(pilot)

        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == APRIL_FILE
        assert app.screen.query_one(ArticleView).block_index == BLOCK


# --- completion -------------------------------------------------------------------------


async def test_last_tag_suggester_completes_the_last_tag() -> None:
    suggester = LastTagSuggester(["voorwaarden"])

    assert await suggester.get_suggestion("koersk voo") == "koersk voorwaarden"
    assert await suggester.get_suggestion("koersk, #voo") == "koersk, #voorwaarden"
    assert await suggester.get_suggestion("voorwaarden") is None
    assert await suggester.get_suggestion("koersk ") is None


async def test_tag_editor_suggests_a_tag_in_use(articles_dir: Path, tmp_path: Path) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await write_tags(pilot, "voorwaarden")
        await pilot.press("j")
        await pilot.pause()
        assert app.screen.query_one(ArticleView).block_index != BLOCK

        await pilot.press("t", *"voo")
        await settle(pilot)
        tag_input = app.screen.query_one(Input)
        assert tag_input.value == "voo"
        assert tag_input._suggestion == "voorwaarden"
        await pilot.press("right")
        assert tag_input.value == "voorwaarden"


# --- failures ---------------------------------------------------------------------------


async def test_failed_save_keeps_the_editor_open_with_the_text(
    articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)

        def fail(*args: object, **kwargs: object) -> None:
            raise NotesError("disk full")

        monkeypatch.setattr(app.note_store, "save", fail)
        await pilot.press("n", *NOTE, "ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, NoteEditor)
        error = static_text(app, "#note-error")
        assert "Not saved" in error
        assert "disk full" in error
        assert app.screen.query_one(TextArea).text == NOTE
        assert toml_files(tmp_path) == []


async def test_damaged_notes_file_is_set_aside_and_reported(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    key = article_key(read_article(articles_dir / APRIL_FILE))
    damaged = app.note_store.path_for(key)
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(b"this is = = not [toml\x00\xff")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        view = await open_kyiv(pilot)

        messages = [notification.message for notification in app._notifications]
        assert any("damaged" in message for message in messages), messages
        aside = [path.name for path in notes_dir(tmp_path).iterdir() if ".corrupt-" in path.name]
        assert len(aside) == 1
        assert not damaged.exists()
        assert view.article is not None

        await write_note(pilot, NOTE)  # the reader still works, and saves a fresh file
        assert isinstance(app.screen, ReaderScreen)
        assert damaged.exists()
        fresh = tomllib.loads(damaged.read_text(encoding="utf-8"))
        assert [row["note"] for row in fresh["annotation"]] == [NOTE]


async def test_going_back_redraws_only_the_rows_read_and_annotated(
    articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await write_note(pilot, NOTE)
        rebuilt: list[object] = []
        real_set_groups = ArticleList.set_groups

        def counted(article_list: ArticleList, *args: Any, **kwargs: Any) -> None:
            rebuilt.append(args)
            real_set_groups(article_list, *args, **kwargs)

        monkeypatch.setattr(ArticleList, "set_groups", counted)
        await pilot.press("escape")
        await pilot.pause()

        assert isinstance(app.screen, LibraryScreen)
        assert rebuilt == []  # the list was not drawn again from the whole library
        lines = widget_lines(app.screen.query_one(ArticleList))
        assert lines[1].rstrip().endswith(f"{MARK}1")  # but the annotated row follows
        assert lines[1][1] == " "  # and is read
        assert "1 unread" in static_text(app, "#library-title")


async def test_going_back_with_a_tag_filter_drops_an_article_untagged_in_the_reader(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await write_tags(pilot, "koersk")
        await pilot.press("escape")
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await pilot.press("#")
        await pilot.pause()
        await pilot.press("enter")  # only #koersk
        await pilot.pause()
        assert library.shown == [0]

        await pilot.press("enter")
        await settle(pilot)
        await write_tags(pilot, "", clear=True)
        await pilot.press("escape")
        await pilot.pause()

        assert app.screen is library
        assert library.shown == []
