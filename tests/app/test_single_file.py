"""Single-file mode (`briefing FILE`): straight into the reader, the folder behind it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_support import (
    APRIL_FILE,
    MARCH_FILE,
    MARCH_TITLE,
    SIZE,
    MakeLibrary,
    make_app,
    screen_lines,
    static_text,
    wait_for_library,
    widget_lines,
)

from briefing_tui.core.index import LibraryIndex
from briefing_tui.core.library import sibling_articles
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_list import ArticleList


@pytest.fixture
def held_scan(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold reading the library until the test sets the event (set at teardown in any case).

    The index starts empty in tests, so nothing is listed before the refresh is done.
    """
    release = threading.Event()
    real_refresh = LibraryIndex.refresh

    def refresh(index: LibraryIndex, *args: Any, **kwargs: Any) -> bool:
        release.wait(timeout=10)
        return real_refresh(index, *args, **kwargs)

    monkeypatch.setattr(LibraryIndex, "refresh", refresh)
    yield release
    release.set()


async def test_single_file_starts_in_the_reader_on_that_file(
    articles_dir: Path, held_scan: threading.Event
) -> None:
    app = make_app([articles_dir], open_path=articles_dir / MARCH_FILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        # Before the library has been read.
        assert app.library is None
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == MARCH_FILE
        assert static_text(app, "#article-title").startswith(MARCH_TITLE)
        held_scan.set()
        await wait_for_library(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.position == 1


async def test_single_file_escape_shows_the_library_on_that_article(articles_dir: Path) -> None:
    app = make_app([articles_dir], open_path=articles_dir / MARCH_FILE)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.article_count == 2
        assert article_list.cursor == 1
        assert article_list.current_article is not None
        assert article_list.current_article.path.name == MARCH_FILE
        assert widget_lines(article_list)[3].startswith("▌")


async def test_single_file_like_the_cli_with_the_sibling_files(articles_dir: Path) -> None:
    path = articles_dir / APRIL_FILE
    app = make_app(sibling_articles(path), open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == APRIL_FILE

        await pilot.press("right_square_bracket")
        assert app.screen.article.path.name == MARCH_FILE
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(ArticleList).cursor == 1


async def test_single_file_brackets_step_once_the_library_is_read(articles_dir: Path) -> None:
    app = make_app([articles_dir], open_path=articles_dir / MARCH_FILE)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        await pilot.press("left_square_bracket")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == APRIL_FILE
        assert "article 1/2" in static_text(app, "#reader-status")


async def test_single_file_brackets_while_reading_the_library_notify(
    articles_dir: Path, held_scan: threading.Event
) -> None:
    app = make_app([articles_dir], open_path=articles_dir / MARCH_FILE)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("left_square_bracket")
        await pilot.pause()

        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == MARCH_FILE
        assert any("still being read" in line for line in screen_lines(app))


async def test_single_file_escape_before_the_library_is_read_shows_the_library(
    articles_dir: Path, held_scan: threading.Event
) -> None:
    app = make_app([articles_dir], open_path=articles_dir / MARCH_FILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert "reading articles" in static_text(app, "#library-title")

        held_scan.set()
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.current_article is not None
        assert article_list.current_article.path.name == MARCH_FILE


async def test_single_file_status_shows_the_article_position_once_the_library_is_read(
    articles_dir: Path, held_scan: threading.Event
) -> None:
    app = make_app([articles_dir], open_path=articles_dir / MARCH_FILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "article" not in static_text(app, "#reader-status")

        held_scan.set()
        await wait_for_library(pilot)
        assert "article 2/2" in static_text(app, "#reader-status")


async def test_single_file_that_cannot_be_read_shows_the_library_and_the_reason(
    make_library: MakeLibrary,
) -> None:
    folder = make_library(
        {"good.txt": "date 2025-05-02 Een goed artikel.\n", "bad.txt": b"\xff\xfe broken"}
    )
    app = make_app([folder], open_path=folder / "bad.txt")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)

        assert isinstance(app.screen, LibraryScreen)
        assert app.is_running
        assert any("not UTF-8" in line for line in screen_lines(app))
