"""The help screen, the command palette and quitting."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import (
    APRIL_FILE,
    MARCH_FILE,
    MARCH_TITLE,
    SIZE,
    make_app,
    screen_lines,
    settle,
    static_text,
    wait_for_library,
)
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Input, Markdown

from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_list import ArticleList
from briefing_tui.ui.widgets.article_view import ArticleView


def help_source(app: BriefingApp) -> str:
    assert isinstance(app.screen, HelpScreen)
    return app.screen.query_one("#help-text", Markdown).source


# --- help -------------------------------------------------------------------------------


async def test_question_mark_opens_the_help_screen(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert help_source(app).startswith("# briefing")


HELP_KEYS = [
    "`j`",
    "`k`",
    "`↓`",
    "`↑`",
    "`g`",
    "`G`",
    "`Home`",
    "`End`",
    "`Enter`",
    "`l`",
    "`Space`",
    "`PgDn`",
    "`PgUp`",
    "`b`",
    "`!`",
    "`q`",
    "`Esc`",
    "`h`",
    "`[`",
    "`]`",
    "`?`",
    "`ctrl+p`",
    "`ctrl+q`",
]
"""Every key of the library, the reader and the app, as the help writes them."""


async def test_help_lists_every_key(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        source = help_source(app)

        assert [key for key in HELP_KEYS if key not in source] == []


async def test_help_has_a_row_for_every_binding(articles_dir: Path) -> None:
    sections = {
        "## Library": [*ArticleList.BINDINGS, *LibraryScreen.BINDINGS],
        "## Reader": [*ArticleView.BINDINGS, *ReaderScreen.BINDINGS],
        "## Everywhere": list(BriefingApp.BINDINGS),
    }
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        source = help_source(app)

        for heading, bindings in sections.items():
            assert heading in source
            section = source.split(heading, 1)[1].split("\n## ", 1)[0]
            rows = [line for line in section.splitlines() if line.startswith("| `")]
            assert len(rows) == len(bindings), heading
            for binding, row in zip(bindings, rows, strict=True):
                assert isinstance(binding, Binding)
                assert (binding.tooltip or binding.description) in row


async def test_help_renders_bracket_keys_as_text_not_links(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        source = help_source(app)

        assert "| `[` | The previous (newer) article in the library |" in source
        assert "| `]` | The next (older) article in the library |" in source


@pytest.mark.parametrize("key", ["escape", "question_mark", "q", "h"])
async def test_help_closes_and_returns_to_the_screen_below(articles_dir: Path, key: str) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)

        await pilot.press(key)
        assert isinstance(app.screen, LibraryScreen)
        assert app.is_running


async def test_help_from_the_reader_closes_back_to_the_reader(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter", "j", "question_mark")
        assert isinstance(app.screen, HelpScreen)

        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.query_one(ArticleView).cursor == 1


# Regression: #help-text is a Markdown widget, whose default CSS has overflow-y: hidden, so
# at 80x24 the bindings were cut off and no key or mouse wheel reached them.


async def test_help_scrolls_with_j_g_and_shift_g(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        view = app.screen.query_one("#help-text", Markdown)
        assert view.virtual_size.height > view.size.height

        await pilot.press("j")
        assert view.scroll_offset.y == 1
        await pilot.press("G")
        assert view.scroll_offset.y > 1
        assert view.scroll_offset.y == view.max_scroll_y
        await pilot.press("g")
        assert view.scroll_offset.y == 0


async def test_help_last_row_can_be_reached_at_80x24(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert not any("Quit briefing" in line for line in screen_lines(app))

        await pilot.press("end")
        assert any("Quit briefing" in line for line in screen_lines(app))


# --- command palette ----------------------------------------------------------------------


async def test_ctrl_p_opens_the_command_palette(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)


async def test_open_article_is_a_system_command(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]

        assert "Open article…" in titles
        assert "Help" in titles
        # Only offered when there are problems.
        assert "Show problems" not in titles


async def test_palette_opens_the_article_whose_title_was_typed(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        await pilot.press("ctrl+p")
        await pilot.press(*"persconferentie")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == MARCH_FILE
        assert static_text(app, "#article-title").startswith(MARCH_TITLE)
        assert "article 2/2" in static_text(app, "#reader-status")


async def test_palette_from_the_reader_replaces_the_article(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter")

        await pilot.press("ctrl+p")
        await pilot.press(*"persconferentie")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == MARCH_FILE
        # Still one reader on top of the library: Back goes straight to the list.
        assert [type(screen) for screen in app.screen_stack[1:]] == [LibraryScreen, ReaderScreen]
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(ArticleList).cursor == 1


async def test_open_article_command_shows_an_article_only_palette(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        await pilot.press("ctrl+p")
        await pilot.press(*"Open article")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert "Open article" in app.screen.query_one(Input).placeholder

        await pilot.press(*"historische")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == APRIL_FILE


# --- quitting -----------------------------------------------------------------------------


@pytest.mark.parametrize("open_reader", [False, True], ids=["library", "reader"])
async def test_ctrl_q_quits(articles_dir: Path, open_reader: bool) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        if open_reader:
            await pilot.press("enter")

        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
    assert not app.is_running


async def test_q_in_the_library_quits(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
    assert not app.is_running
