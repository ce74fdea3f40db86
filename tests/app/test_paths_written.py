"""`briefing paths` names every directory a reading session writes to.

A session reads an article, writes a note and tags, changes the theme and quits; every
file it left behind must sit in a directory `briefing paths` prints (the cache with the
search index was missing).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app_support import SIZE, wait_for_library

from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.dialogs.note_editor import NoteEditor
from briefing_tui.ui.glyphs import UNICODE
from briefing_tui.ui.screens.reader import ReaderScreen


def printed_paths() -> set[Path]:
    """Every path `briefing paths` prints, run as the command in this test's environment."""
    result = subprocess.run(
        [sys.executable, "-m", "briefing_tui", "paths"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return {Path(line.split(":", 1)[1].strip()) for line in result.stdout.splitlines()}


async def test_every_file_a_session_writes_is_in_a_directory_paths_shows(
    articles_dir: Path, isolated_environment: Path
) -> None:
    app = BriefingApp([articles_dir], glyphs=UNICODE)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("j", "n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"een", "ctrl+s")
        await pilot.pause()
        app.save_theme("textual-light")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()

    written = [path for path in isolated_environment.rglob("*") if path.is_file()]
    shown = printed_paths()
    directories = {path for path in shown if path.is_dir()}
    assert {path.name for path in written} >= {"config.toml", "reading.json"}
    assert any(path.suffix == ".sqlite3" for path in written), written
    assert any(path.parent.name == "notes" for path in written), written
    unlisted = [path for path in written if path.parent not in directories]
    assert unlisted == []
