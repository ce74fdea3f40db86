"""The ASCII glyph set, for consoles whose font lacks the Unicode marks."""

from __future__ import annotations

from pathlib import Path

from app_support import SIZE, make_app, screen_lines, wait_for_library, widget_lines
from textual.widgets import OptionList

from briefing_tui.ui.glyphs import ASCII
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_list import ArticleList
from briefing_tui.ui.widgets.article_view import ArticleView

UNICODE_MARKS = ("▌", "─", "│", "—", "…", "⚠", "⏎")


async def test_ascii_list_uses_a_greater_than_cursor_and_dash_rules(articles_dir: Path) -> None:
    app = make_app([articles_dir], glyphs=ASCII)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        lines = widget_lines(app.screen.query_one(ArticleList))

        assert lines[0].startswith("- 2025-04 ---")
        assert lines[0].rstrip().endswith("- 1 article -")
        assert lines[1].startswith(">N 2025-04 ")  # N: unread
        assert lines[2].startswith("- 2025-03 ---")
        assert lines[3].startswith(" N 2025-03 ")
        shown = "\n".join(lines)
        assert [mark for mark in UNICODE_MARKS if mark in shown] == []


async def test_ascii_list_cuts_long_titles_with_three_dots(articles_dir: Path) -> None:
    app = make_app([articles_dir], glyphs=ASCII)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        lines = widget_lines(app.screen.query_one(ArticleList))

        assert "..." in lines[1]
        assert "…" not in lines[1]


async def test_ascii_cursor_follows_the_keys(articles_dir: Path) -> None:
    app = make_app([articles_dir], glyphs=ASCII)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        await pilot.press("j")
        lines = widget_lines(app.screen.query_one(ArticleList))
        assert lines[1].startswith(" N 2025-04 ")
        assert lines[3].startswith(">N 2025-03 ")


async def test_ascii_reader_uses_ascii_gutter_and_quote_marks(articles_dir: Path) -> None:
    app = make_app([articles_dir], glyphs=ASCII)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)
        lines = widget_lines(app.screen.query_one(ArticleView))

        assert lines[0].startswith("> ")
        # The April article's pull quote and its attribution.
        assert any(line.startswith("     | „Er is geen vertrouwen") for line in lines)
        assert any(line.startswith("     | -- Volodymyr Zelensky") for line in lines)
        shown = "\n".join(lines)
        assert [mark for mark in UNICODE_MARKS if mark in shown] == []


async def test_ascii_footer_names_keys_instead_of_symbols(articles_dir: Path) -> None:
    app = make_app([articles_dir], glyphs=ASCII)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        assert "enter Open" in screen_lines(app)[-1]
        assert "⏎" not in screen_lines(app)[-1]
        await pilot.press("enter")
        assert "esc Back" in screen_lines(app)[-1]


async def test_unicode_footer_uses_the_return_symbol(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        assert "⏎ Open" in screen_lines(app)[-1]


async def test_ascii_search_results_cut_titles_and_paragraphs_with_three_dots(
    articles_dir: Path,
) -> None:
    app = make_app([articles_dir], glyphs=ASCII)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("slash", *"oekraine")
        await app.workers.wait_for_complete()
        for _ in range(5):
            await pilot.pause()

        results = app.screen.query_one(OptionList)
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(3)]
        shown = "\n".join(prompts)
        assert "..." in shown  # long titles and paragraphs are cut
        assert "…" not in shown
