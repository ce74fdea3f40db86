"""Keys in the reader: the find bar's keys in the footer, Escape and h taking the same
way back, and keys typed at once after a dialog or screen closes all acting."""

from __future__ import annotations

from pathlib import Path

from app_support import (
    MARCH_FILE,
    SIZE,
    make_app,
    open_first_article,
    screen_lines,
)
from textual import events
from textual.pilot import Pilot

from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.glyphs import UNICODE
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_view import ArticleView
from briefing_tui.ui.widgets.find_bar import FindBar


async def test_the_footer_shows_the_find_bars_keys_while_it_has_focus(
    articles_dir: Path,
) -> None:
    """The footer was empty but for the palette while the bar had focus."""
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert reader.query_one(FindBar).is_open

        footer = screen_lines(app)[-1]
        assert "Next match" in footer
        assert "Previous" in footer
        assert "esc Close find" in footer


# --- keys typed at once, across a dialog opening and closing ------------------------------


def burst(pilot: Pilot[int], *keys: str) -> None:
    """Keys as a terminal sends them in one packet: all read before the first has acted
    (pilot.press waits for each key to settle, so it never saw the problem)."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        driver.send_message(events.Key(key, key if len(key) == 1 else None))


async def after_burst(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    for _ in range(5):
        await pilot.pause()


def cursor_of(app: BriefingApp) -> int:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen.query_one(ArticleView).cursor


async def test_keys_typed_through_the_note_editor_all_act(
    articles_dir: Path, tmp_path: Path
) -> None:
    """The x went to the article view (the editor had no focus yet): an empty note."""
    app = BriefingApp([articles_dir], glyphs=UNICODE, config_dir=tmp_path / "cfg")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot)
        burst(pilot, "n", "x", "ctrl+s", "j", "j")
        await after_burst(pilot)

        assert app.screen is reader
        assert reader.query_one(ArticleView).annotations == {0: ("x", ())}
        assert cursor_of(app) == 2


async def test_keys_typed_through_the_tag_editor_all_act(
    articles_dir: Path, tmp_path: Path
) -> None:
    """Enter reached the editor's input with nothing typed and saved no tags; the j's
    after it went nowhere."""
    app = BriefingApp([articles_dir], glyphs=UNICODE, config_dir=tmp_path / "cfg")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot)
        burst(pilot, "t", "x", "enter", "j", "j")
        await after_burst(pilot)

        assert app.screen is reader
        assert reader.query_one(ArticleView).annotations == {0: ("", ("x",))}
        assert cursor_of(app) == 2


async def test_keys_typed_through_the_discard_question_all_act(
    articles_dir: Path, tmp_path: Path
) -> None:
    app = BriefingApp([articles_dir], glyphs=UNICODE, config_dir=tmp_path / "cfg")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot)
        burst(pilot, "n", "x", "escape", "y", "j", "j")
        await after_burst(pilot)

        assert app.screen is reader
        assert reader.query_one(ArticleView).annotations == {}
        assert cursor_of(app) == 2


async def test_keys_typed_through_the_actors_screen_all_act(articles_dir: Path) -> None:
    """After Enter in the panel the j moved the panel's list, not the reader."""
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot)
        burst(pilot, "a", "escape", "j", "j")
        await after_burst(pilot)
        assert app.screen is reader
        assert cursor_of(app) == 2

        burst(pilot, "a", "enter", "j")
        await after_burst(pilot)
        view = reader.query_one(ArticleView)
        assert app.screen is reader
        assert view.selected_actor is not None
        assert reader.analysis is not None
        mentions = sorted({e.block for e in reader.analysis.mentions_of(view.selected_actor)})
        after = [block for block in mentions if block > view.paragraphs[2]]
        assert view.paragraphs[view.cursor - 1] == (after[0] if after else mentions[0])


async def test_keys_typed_through_the_outline_and_help_all_act(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot)
        burst(pilot, "o", "escape", "j", "question_mark", "escape", "j")
        await after_burst(pilot)

        assert app.screen is reader
        assert cursor_of(app) == 2


async def test_keys_typed_through_leaving_and_opening_an_article_all_act(
    articles_dir: Path,
) -> None:
    """Enter in the library opens through a message: the j after it went to the list."""
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_first_article(pilot)
        burst(pilot, "escape", "j", "enter", "j")
        await after_burst(pilot)

        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == MARCH_FILE
        assert cursor_of(app) == 1
