"""A config directory the app cannot write: said once, then a quiet mark; dialogs stay clear.

Every failed save of the reading position added a toast; a few keys stacked four of them
over the note editor's own error and its "Discard the changes?" question.

The directory is made read-only with chmod where that denies something. Root (CI runs the
tests as root) is not denied by modes, so there the lock files cannot be opened, which is
where a save into a read-only directory fails first, with the same message.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_support import SIZE, screen_lines, static_text, toast_texts, wait_for_library
from textual.pilot import Pilot
from textual.widgets._toast import Toast

from briefing_tui.core import safe_store
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.dialogs.confirm import ConfirmDialog
from briefing_tui.ui.dialogs.note_editor import NoteEditor
from briefing_tui.ui.glyphs import UNICODE
from briefing_tui.ui.save_failures import FULL_MARK, UNSAVED_MARK
from briefing_tui.ui.screens.reader import ReaderScreen

DISCARD = "Discard the changes to this note?"


@pytest.fixture
def read_only_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A config directory nothing can be saved in (its notes folder already there)."""
    config = tmp_path / "cfg"
    (config / "notes").mkdir(parents=True)
    if os.geteuid() != 0:
        (config / "notes").chmod(0o500)
        config.chmod(0o500)
        yield config
        config.chmod(0o700)
        (config / "notes").chmod(0o700)
        return

    def denied(path: Path, flags: int) -> int:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(safe_store, "open_private", denied)
    yield config


def make_app(articles_dir: Path, config: Path) -> BriefingApp:
    return BriefingApp([articles_dir], glyphs=UNICODE, config_dir=config)


def storage_toasts(app: BriefingApp) -> list[str]:
    return [text for text in toast_texts(app) if "not saved" in text.lower()]


async def settle(pilot: Pilot[int]) -> None:
    """Let the save workers finish and what they report reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def read_and_go_back(pilot: Pilot[int], times: int) -> None:
    """Open the first article, move, go back: each round saves the reading position."""
    for _ in range(times):
        await pilot.press("enter", "j", "j")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReaderScreen)
        await pilot.press("escape")
        await settle(pilot)


async def test_failing_saves_give_one_toast_and_a_mark_in_the_title(
    articles_dir: Path, read_only_config: Path
) -> None:
    app = make_app(articles_dir, read_only_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        await read_and_go_back(pilot, 4)

        toasts = storage_toasts(app)
        assert len(toasts) == 1, toasts
        assert "cannot lock" in toasts[0] and "Permission denied" in toasts[0]
        assert UNSAVED_MARK in static_text(app, "#library-title")


async def test_the_reader_shows_the_mark_in_its_status_line(
    articles_dir: Path, read_only_config: Path
) -> None:
    app = make_app(articles_dir, read_only_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        await read_and_go_back(pilot, 1)
        await pilot.press("enter")
        await settle(pilot)

        status = static_text(app, "#reader-status")
        assert status.startswith(" ¶ 3/")  # kept in memory though not saved
        assert UNSAVED_MARK in status
        app.clear_notifications()  # the one toast, over the line's right half for a while
        await pilot.pause()
        assert any(UNSAVED_MARK in line for line in screen_lines(app))  # not cut at 80


async def test_the_note_editor_error_and_the_discard_question_stay_uncovered(
    articles_dir: Path, read_only_config: Path
) -> None:
    app = make_app(articles_dir, read_only_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        await read_and_go_back(pilot, 3)
        await pilot.press("enter", "j", "n", *"Bron checken", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditor)
        for _ in range(5):  # more failing saves while the editor is open
            await pilot.press("ctrl+s")
            await settle(pilot)

        shown = "\n".join(screen_lines(app))
        assert "Not saved: cannot lock" in shown
        assert len(storage_toasts(app)) <= 1

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert DISCARD in "\n".join(screen_lines(app))
        box = app.screen.query_one("#confirm-box").region
        for toast in app.screen.query(Toast):
            assert not toast.region.overlaps(box)


async def test_a_failure_first_met_in_the_editor_gives_no_toast_over_it(
    articles_dir: Path, read_only_config: Path
) -> None:
    app = make_app(articles_dir, read_only_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter", "j", "n", *"Bron", "ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, NoteEditor)
        assert storage_toasts(app) == []
        assert app.unsaved == UNSAVED_MARK


async def test_the_mark_goes_when_saving_works_again(
    articles_dir: Path, read_only_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(articles_dir, read_only_config)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        await read_and_go_back(pilot, 1)
        assert UNSAVED_MARK in static_text(app, "#library-title")

        read_only_config.chmod(0o700)
        (read_only_config / "notes").chmod(0o700)
        monkeypatch.undo()
        await read_and_go_back(pilot, 1)

        assert UNSAVED_MARK not in static_text(app, "#library-title")


async def test_a_full_disk_is_called_full_not_read_only(
    articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, flags: int) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(safe_store, "open_private", full)
    app = make_app(articles_dir, tmp_path / "cfg")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        await read_and_go_back(pilot, 2)

        assert FULL_MARK in static_text(app, "#library-title")
        (toast,) = storage_toasts(app)
        assert "No space left on device" in toast


async def test_search_with_a_cache_folder_it_cannot_use_says_so_and_the_app_goes_on(
    articles_dir: Path, tmp_path: Path
) -> None:
    in_the_way = tmp_path / "cache"
    in_the_way.write_text("a file where the cache folder should be")  # fails for root too
    app = BriefingApp(
        [articles_dir],
        glyphs=UNICODE,
        config_dir=tmp_path / "cfg",
        index_path=in_the_way / "briefing-tui" / "library-index.sqlite3",
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("slash", *"Poetin")
        await pilot.press("enter")
        await settle(pilot)

        assert "No search: the index cannot be used" in static_text(app, "#search-status")
        assert app.is_running
