"""Editing a paragraph's tags and note never discards what was there without saying so:
the tag editor adds to the tags, a save that removes something says what, `z` undoes
it, and the paragraph with its new tag line stays on screen.

Each test has its own config directory, so notes never leak between tests.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from app_support import SIZE, toast_texts, wait_for_library, widget_lines
from textual.pilot import Pilot
from textual.widgets import Input

from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.dialogs.note_editor import NoteEditor
from briefing_tui.ui.dialogs.tag_editor import TagEditor
from briefing_tui.ui.glyphs import UNICODE
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_view import ArticleView

BLOCK = 1
"""The Kyiv paragraph of the April article, one `j` below where the reader opens."""


def make_notes_app(articles_dir: Path, tmp_path: Path) -> BriefingApp:
    return BriefingApp([articles_dir], glyphs=UNICODE, config_dir=tmp_path / "cfg")


def live_rows(tmp_path: Path) -> list[dict[str, Any]]:
    """The annotations in the one notes file that are not tombstones."""
    files = sorted((tmp_path / "cfg" / "notes").glob("*.toml"))
    assert len(files) == 1, files
    rows = tomllib.loads(files[0].read_text(encoding="utf-8")).get("annotation", [])
    return [row for row in rows if not row.get("deleted", False)]


async def open_kyiv(pilot: Pilot[int]) -> ArticleView:
    await wait_for_library(pilot)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("j")
    await pilot.pause()
    view = pilot.app.screen.query_one(ArticleView)
    assert view.block_index == BLOCK
    return view


async def tag(pilot: Pilot[int], *keys: str) -> None:
    await pilot.press("t")
    assert isinstance(pilot.app.screen, TagEditor)
    await pilot.press(*keys, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)


async def test_typing_in_the_tag_editor_adds_to_the_tags_it_opened_with(
    articles_dir: Path, tmp_path: Path
) -> None:
    """It opened with the tags selected: typing "vier" replaced all three."""
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_kyiv(pilot)
        await tag(pilot, *"een twee drie")
        await pilot.press("t")
        field = app.screen.query_one(Input)
        assert field.selected_text == ""
        assert field.cursor_position == len(field.value)
        await pilot.press(*"vier", "enter")
        await pilot.pause()

        assert [row["tags"] for row in live_rows(tmp_path)] == [["een", "twee", "drie", "vier"]]


async def test_removing_tags_says_which_and_z_puts_them_back(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        view = await open_kyiv(pilot)
        await tag(pilot, *"een twee drie")
        await tag(pilot, "ctrl+u", *"drie")

        assert [row["tags"] for row in live_rows(tmp_path)] == [["drie"]]
        notices = " ".join(toast_texts(app))
        assert "Removed #een #twee from ¶ 2" in notices
        assert "z undoes" in notices

        await pilot.press("z")
        await pilot.pause()
        assert [row["tags"] for row in live_rows(tmp_path)] == [["een", "twee", "drie"]]
        assert view.annotations == {BLOCK: ("", ("een", "twee", "drie"))}


async def test_emptying_a_note_says_so_and_z_brings_it_back(
    articles_dir: Path, tmp_path: Path
) -> None:
    """An emptied note is deleted: not silently, and not for good."""
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        view = await open_kyiv(pilot)
        await pilot.press("n", *"Bron checken", "ctrl+s")
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+u", "ctrl+s")  # the one line, deleted
        await pilot.pause()

        assert live_rows(tmp_path) == []
        assert "Removed the note from ¶ 2; z undoes." in " ".join(toast_texts(app))

        await pilot.press("z")
        await pilot.pause()
        assert [row["note"] for row in live_rows(tmp_path)] == ["Bron checken"]
        assert view.annotations == {BLOCK: ("Bron checken", ())}

        await pilot.press("z")  # again: the deletion is redone
        await pilot.pause()
        assert live_rows(tmp_path) == []


async def test_undo_of_a_new_note_removes_it(articles_dir: Path, tmp_path: Path) -> None:
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_kyiv(pilot)
        await pilot.press("n", *"Nieuw", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()

        assert live_rows(tmp_path) == []
        assert view.annotations == {}


async def test_a_new_tag_line_under_the_last_line_on_screen_scrolls_into_view(
    articles_dir: Path, tmp_path: Path
) -> None:
    """The marker line landed below the screen's edge after saving."""
    app = make_notes_app(articles_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_kyiv(pilot)
        # Down until the cursor's paragraph ends on the screen's last line.
        for _ in range(12):
            lines = widget_lines(view)
            if view.scroll_offset.y > 0 and lines[-1].startswith(UNICODE.cursor):
                break
            await pilot.press("j")
            await pilot.pause()
        else:
            raise AssertionError("no paragraph ended on the last line")
        shown = [line for line in widget_lines(view) if line.startswith(UNICODE.cursor)]
        await tag(pilot, *"onderaan")

        lines = widget_lines(view)
        assert any("#onderaan" in line for line in lines), lines
        # The whole paragraph, its tag line and the speaker line under it, on screen.
        assert len([line for line in lines if line.startswith(UNICODE.cursor)]) == len(shown) + 1
