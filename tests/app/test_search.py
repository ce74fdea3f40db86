"""The `/` search screen: type a query, see matching paragraphs, Enter opens one there."""

from __future__ import annotations

from pathlib import Path

from app_support import APRIL_FILE, SIZE, make_app, screen_lines, settle, wait_for_library
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.screens.search import SearchScreen
from briefing_tui.ui.widgets.article_view import ArticleView


async def _search(pilot: Pilot[int], text: str) -> None:
    await pilot.press("slash")
    assert isinstance(pilot.app.screen, SearchScreen)
    await pilot.press(*text)
    await pilot.press("enter")  # searches at once and opens the first result when it lands
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


async def test_slash_opens_search_and_typing_lists_matching_paragraphs(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.focused is app.screen.query_one(Input)

        await pilot.press(*"oekraine")
        await pilot.pause(0.3)  # the search runs when typing pauses
        await app.workers.wait_for_complete()
        await settle(pilot)

        results = app.screen.query_one(OptionList)
        assert results.option_count > 1
        text = "\n".join(screen_lines(app))
        assert "Oekraïne" in text
        assert "paragraphs" in text
        first = results.get_option_at_index(0).prompt
        highlighted = [
            first.plain[span.start : span.end]
            for span in first.spans
            if "reverse" in str(span.style)
        ]
        assert highlighted and set(highlighted) == {"Oekraïne"}


async def test_enter_opens_the_article_at_the_matching_paragraph(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await _search(pilot, "luchtalarm")

        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == APRIL_FILE
        view = app.screen.query_one(ArticleView)
        assert "luchtalarm" in app.screen.article.blocks[view.block_index].text


async def test_escape_from_search_returns_to_the_library(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("slash", *"poetin")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_down_moves_into_the_results_and_enter_opens_the_one_chosen(
    articles_dir: Path,
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("slash", *'"staakt het vuren" date:2025-03')
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.result is not None
        assert {hit.date for hit in screen.result.hits} == {"2025-03"}

        await pilot.press("down", "down", "enter")
        await settle(pilot)

        assert isinstance(app.screen, ReaderScreen)
        chosen = screen.result.hits[1]
        view = app.screen.query_one(ArticleView)
        assert view.block_index == chosen.block


async def test_no_match_says_so(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await _search(pilot, "zzzgeenwoord")
        assert isinstance(app.screen, SearchScreen)
        assert any("No paragraph matches" in line for line in screen_lines(app))


async def test_actor_filter_finds_what_the_analysis_found(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)  # a small library is analysed by the library worker
        await _search(pilot, "@zelensky")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == APRIL_FILE
