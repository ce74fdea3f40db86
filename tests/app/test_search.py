"""The `/` search screen: type a query, see matching paragraphs, Enter opens one there."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from app_support import (
    APRIL_FILE,
    SIZE,
    make_app,
    screen_lines,
    settle,
    static_text,
    wait_for_library,
)
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from briefing_tui.core.articles import read_article
from briefing_tui.core.index import LibraryIndex
from briefing_tui.core.search import SearchCount
from briefing_tui.core.search_query import SearchQuery
from briefing_tui.core.search_terms import fold
from briefing_tui.ui.screens import search as search_screen
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


async def _until(pilot: Pilot[int], done: Callable[[], bool], rounds: int = 500) -> None:
    """Let the app run until `done` (a search thread's result reached the screen)."""
    for _ in range(rounds):
        if done():
            return
        await pilot.pause()
    raise AssertionError("the search never showed its results")


def _folded_matches(articles_dir: Path, word: str) -> tuple[int, int]:
    """(paragraphs, articles) of the bundled articles with `word` in them, counted here."""
    paragraphs = 0
    articles = 0
    for path in sorted(articles_dir.glob("*.txt")):
        found = [
            block
            for block in read_article(path).blocks
            if word in re.findall(r"\w+", fold(block.text))
        ]
        paragraphs += len(found)
        articles += bool(found)
    return paragraphs, articles


async def test_typing_quickly_shows_the_final_query_and_its_total(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every key searches at once (no pause to wait for), and the total is counted even
    where the list stops: here after 2 results, so the count query gives it."""
    monkeypatch.setattr(search_screen, "RESULT_LIMIT", 2)
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("slash", *"poetin", *["backspace"] * 6, *"oekraine")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await app.workers.wait_for_complete()
        await settle(pilot)

        assert screen.searched == "oekraine" and screen.result is not None
        assert len(screen.result.hits) == 2 and screen.result.more
        assert all("Oekraïne" in hit.text for hit in screen.result.hits)
        paragraphs, articles = _folded_matches(articles_dir, "oekraine")
        assert screen.count == SearchCount(paragraphs, articles)
        status = static_text(app, "#search-status")
        assert status.startswith(f" 2 of {paragraphs} paragraphs in {articles} articles ·")


async def test_results_of_an_older_query_arriving_late_are_never_shown(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search for the first key ("k") is held until the whole word's results are on
    screen; when it finally returns, the list stays that of "koersk"."""
    gate = threading.Event()
    held: list[str] = []
    real_search = LibraryIndex.search

    def slow_for_k(self: LibraryIndex, query: SearchQuery | str, *args: Any, **kw: Any) -> Any:
        text = query if isinstance(query, str) else query.describe()
        if text == "k":
            held.append(text)
            gate.wait(10)
        return real_search(self, query, *args, **kw)

    monkeypatch.setattr(LibraryIndex, "search", slow_for_k)
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("slash", *"koersk")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await _until(pilot, lambda: screen.searched == "koersk" and screen.count is not None)
        assert held == ["k"]

        gate.set()  # the search for "k" returns now, long after "koersk"
        await app.workers.wait_for_complete()
        await settle(pilot)

        assert screen.searched == "koersk" and screen.result is not None
        assert all("koersk" in fold(hit.text) for hit in screen.result.hits)
        assert "· koersk ·" in static_text(app, "#search-status")


async def _type_oekraine(pilot: Pilot[int]) -> SearchScreen:
    await wait_for_library(pilot)
    await pilot.press("slash", *"oekraine")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    assert screen.result is not None and len(screen.result.hits) > 5
    return screen


async def test_the_rest_of_the_results_are_listed_when_typing_pauses(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_screen, "FIRST_RESULTS", 2)
    monkeypatch.setattr(search_screen, "MORE_RESULTS", 3)
    monkeypatch.setattr(search_screen, "REST_AFTER", 0.001)
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _type_oekraine(pilot)
        assert screen.result is not None
        hits = len(screen.result.hits)
        results = screen.query_one(OptionList)

        await _until(pilot, lambda: results.option_count == hits)


async def test_moving_into_the_results_lists_them_all_and_end_reaches_the_last(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_screen, "FIRST_RESULTS", 2)
    monkeypatch.setattr(search_screen, "REST_AFTER", 60)  # not while this test runs
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        screen = await _type_oekraine(pilot)
        assert screen.query_one(OptionList).option_count == 2

        await pilot.press("down", "end", "enter")
        await settle(pilot)

        assert screen.result is not None
        assert isinstance(app.screen, ReaderScreen)
        last = screen.result.hits[-1]
        assert app.screen.article.path == last.path
        assert app.screen.query_one(ArticleView).block_index == last.block
