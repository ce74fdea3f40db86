"""Keys in the reader: the find bar's keys in the footer, Escape and h taking the same
way back, and keys typed at once after a dialog or screen closes all acting."""

from __future__ import annotations

from pathlib import Path

from app_support import SIZE, make_app, screen_lines, wait_for_library
from textual.pilot import Pilot

from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.find_bar import FindBar


async def open_april(pilot: Pilot[int]) -> ReaderScreen:
    await wait_for_library(pilot)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def test_the_footer_shows_the_find_bars_keys_while_it_has_focus(
    articles_dir: Path,
) -> None:
    """The footer was empty but for the palette while the bar had focus."""
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_april(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert reader.query_one(FindBar).is_open

        footer = screen_lines(app)[-1]
        assert "Next match" in footer
        assert "Previous" in footer
        assert "esc Close find" in footer
