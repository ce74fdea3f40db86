"""Articles added or changed while the app runs: found by themselves, or with `r`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from app_support import (
    SIZE,
    MakeLibrary,
    make_app,
    static_text,
    wait_for_library,
    widget_lines,
)
from textual.pilot import Pilot

from briefing_tui.core.library import folders_stamp
from briefing_tui.ui import app as app_module
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.glyphs import UNICODE
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_list import ArticleList
from briefing_tui.ui.widgets.article_view import ArticleView


def _article(day: int, title: str) -> str:
    return f"date 2025-03-{day:02d} {title}\n\nEen tweede alinea.\n"


def _messages(pilot: Pilot[int]) -> list[str]:
    return [str(notification.message) for notification in pilot.app._notifications]


TITLES = ("Oud nieuws.", "Later.", "Net binnen.", "Eerste versie.", "Tweede versie", "Uit de map.")


def _titles(pilot: Pilot[int]) -> list[str]:
    """The titles the list shows, top to bottom."""
    lines = widget_lines(pilot.app.screen.query_one(ArticleList))
    return [title for line in lines for title in TITLES if title in line]


async def _until(pilot: Pilot[int], condition: object, rounds: int = 200) -> None:
    """Pause until `condition()` holds (the reload runs in a worker thread)."""
    assert callable(condition)
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


async def test_r_lists_a_new_article_and_keeps_the_cursor_on_its_article(
    make_library: MakeLibrary,
) -> None:
    folder = make_library({"a.txt": _article(1, "Oud nieuws."), "b.txt": _article(2, "Later.")})
    app = make_app([folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)
        await pilot.press("j")
        assert article_list.current_article is not None
        assert article_list.current_article.title == "Oud nieuws."

        (folder / "c.txt").write_text(_article(3, "Net binnen."), encoding="utf-8")
        await pilot.press("r")
        await _until(pilot, lambda: article_list.article_count == 3)
        await wait_for_library(pilot)

        assert _titles(pilot) == ["Net binnen.", "Later.", "Oud nieuws."]
        assert article_list.current_article.title == "Oud nieuws."  # not the row it was on
        assert "3 articles" in static_text(app, "#library-title")
        assert "1 new article" in _messages(pilot)


async def test_r_reads_an_article_changed_in_place_and_says_when_nothing_changed(
    make_library: MakeLibrary,
) -> None:
    folder = make_library({"a.txt": _article(1, "Eerste versie.")})
    app = make_app([folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        await pilot.press("r")
        await _until(pilot, lambda: "No new or changed articles." in _messages(pilot))
        await wait_for_library(pilot)

        file = folder / "a.txt"
        file.write_text(_article(1, "Tweede versie, langer."), encoding="utf-8")
        stat = file.stat()  # a different time even on a coarse clock
        os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
        await pilot.press("r")
        await _until(pilot, lambda: "Library updated." in _messages(pilot))
        await wait_for_library(pilot)

        assert _titles(pilot) == ["Tweede versie"]


async def test_an_article_added_to_the_folder_appears_by_itself(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "FOLDERS_CHECK_SECONDS", 0.05)
    folder = make_library({"a.txt": _article(1, "Oud nieuws.")})
    (folder / "2025").mkdir()
    app = make_app([folder])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        assert _titles(pilot) == ["Oud nieuws."]

        (folder / "2025" / "b.txt").write_text(_article(2, "Uit de map."), encoding="utf-8")
        await _until(pilot, lambda: _titles(pilot) == ["Uit de map.", "Oud nieuws."])
        await _until(pilot, lambda: "1 new article" in _messages(pilot))

        (folder / "a.txt").unlink()
        await _until(pilot, lambda: _titles(pilot) == ["Uit de map."])


OTHER_SESSION = """
import sys
from pathlib import Path
from briefing_tui.core.articles import read_article
from briefing_tui.core.index import LibraryIndex
from briefing_tui.core.notes import Anchor, Annotation, NoteStore, article_key
notes, article_file, index_path = map(Path, sys.argv[1:])
article = read_article(article_file)
note = Annotation.new(Anchor.of(0, article.blocks[0].text), "Bron checken", ["koersk"])
NoteStore(notes).save(article_key(article), [note])
index = LibraryIndex(index_path)  # as the app does after a save: the index is shared
index.refresh_notes(notes)
index.close()
"""


def _other_session(config: Path, article: Path, index: Path) -> None:
    """Another app process saves a note with a tag on the article's first paragraph."""
    command = [sys.executable, "-c", OTHER_SESSION, str(config / "notes"), str(article)]
    other = subprocess.run([*command, str(index)], check=False, capture_output=True, text=True)
    assert other.returncode == 0, other.stderr


async def test_notes_saved_by_another_session_show_in_the_library(
    make_library: MakeLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "FOLDERS_CHECK_SECONDS", 0.05)
    folder = make_library({"a.txt": _article(1, "Oud nieuws."), "b.txt": _article(2, "Later.")})
    config = tmp_path / "cfg"
    app = BriefingApp([folder], glyphs=UNICODE, config_dir=config)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        assert app.badges() == {}

        _other_session(config, folder / "a.txt", app.index_path)
        await _until(pilot, lambda: app.badges() == {1: f"{UNICODE.note}1 #1"})
        await pilot.pause()

        lines = widget_lines(app.screen.query_one(ArticleList))
        assert next(line for line in lines if "Oud nieuws." in line).rstrip().endswith("#1")
        assert app.keys_with_tag("koersk") == {app.article_keys[1]}


async def test_an_open_article_shows_a_note_saved_by_another_session(
    make_library: MakeLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "FOLDERS_CHECK_SECONDS", 0.05)
    folder = make_library({"a.txt": _article(1, "Oud nieuws.")})
    config = tmp_path / "cfg"
    app = BriefingApp([folder], glyphs=UNICODE, config_dir=config)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        view = app.screen.query_one(ArticleView)
        assert not any("Bron checken" in line for line in widget_lines(view))

        _other_session(config, folder / "a.txt", app.index_path)
        await _until(pilot, lambda: any("Bron checken" in line for line in widget_lines(view)))


def test_the_folders_stamp_changes_with_added_and_removed_files_only(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    (folder / "maart").mkdir(parents=True)
    (folder / ".verborgen").mkdir()
    article = folder / "maart" / "a.txt"
    article.write_text(_article(1, "Eerst."), encoding="utf-8")
    named = tmp_path / "los.txt"
    named.write_text(_article(2, "Los."), encoding="utf-8")

    def later(path: Path) -> None:
        """Move a folder's time on, as the clock would between two checks."""
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    first = folders_stamp([folder, named])
    assert folders_stamp([folder, named]) == first

    (folder / ".verborgen" / "x.txt").write_text("x", encoding="utf-8")
    later(folder / ".verborgen")
    assert folders_stamp([folder, named]) == first  # hidden folders are not read

    (folder / "maart" / "b.txt").write_text(_article(3, "Nieuw."), encoding="utf-8")
    later(folder / "maart")
    second = folders_stamp([folder, named])
    assert second != first  # a file added to a subfolder

    later(named)
    assert folders_stamp([folder, named]) != second  # a file named directly: its own time
