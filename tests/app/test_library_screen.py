"""The library screen: date headers, the article cursor, opening and coming back."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from app_support import (
    APRIL_FILE,
    APRIL_TITLE,
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

from briefing_tui.core.index import LibraryIndex, default_index_path
from briefing_tui.ui import app as app_module
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_list import ArticleList


async def test_library_lists_april_then_march_under_date_headers(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        lines = widget_lines(app.screen.query_one(ArticleList))

        assert lines[0].startswith("─ 2025-04 ─")
        assert lines[0].rstrip().endswith("─ 1 article ─")
        assert "2025-04" in lines[1]
        assert APRIL_TITLE in lines[1]
        assert lines[2].startswith("─ 2025-03 ─")
        assert "2025-03" in lines[3]
        assert MARCH_TITLE[:30] in lines[3]
        assert all(not line.strip() for line in lines[4:])


async def test_library_title_counts_the_articles(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        assert "2 articles" in static_text(app, "#library-title")
        assert "problem" not in static_text(app, "#library-title")


async def test_library_cursor_starts_on_the_april_article(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)
        lines = widget_lines(article_list)

        assert article_list.cursor == 0
        assert article_list.current_article is not None
        assert article_list.current_article.path.name == APRIL_FILE
        assert lines[1].startswith("▌")
        assert not lines[3].startswith("▌")
        assert APRIL_FILE in static_text(app, "#library-status")
        assert "1/2" in static_text(app, "#library-status")


async def test_library_says_it_is_reading_until_the_scan_finishes(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan_may_finish = threading.Event()
    real_refresh = LibraryIndex.refresh

    def held_refresh(index: LibraryIndex, *args: Any, **kwargs: Any) -> bool:
        scan_may_finish.wait(timeout=10)
        return real_refresh(index, *args, **kwargs)

    # A first start: the index is empty, so the list waits for the files to be read.
    monkeypatch.setattr(LibraryIndex, "refresh", held_refresh)
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "reading articles" in static_text(app, "#library-title")
        assert app.screen.query_one(ArticleList).article_count == 0

        scan_may_finish.set()
        await wait_for_library(pilot)
        assert "reading articles" not in static_text(app, "#library-title")
        assert app.screen.query_one(ArticleList).article_count == 2


async def test_a_large_library_shows_its_newest_articles_and_count_first_then_all(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_library(
        {f"{day:02d}.txt": f"date 2025-03-{day:02d} Artikel {day}.\n" for day in range(1, 6)}
    )
    index = LibraryIndex(default_index_path())
    index.refresh([folder])  # a later start: the index knows the library
    index.close()
    whole_list_may_come = threading.Event()
    real_listing = LibraryIndex.listing

    def held_listing(index: LibraryIndex, roots: Any, first: int | None = None) -> Any:
        if first is None:
            whole_list_may_come.wait(timeout=10)
        return real_listing(index, roots, first)

    monkeypatch.setattr(LibraryIndex, "listing", held_listing)
    monkeypatch.setattr(app_module, "FIRST_SCREEN_ARTICLES", 2)
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.pause()
        article_list = app.screen.query_one(ArticleList)
        assert "5 articles" in static_text(app, "#library-title")
        assert article_list.article_count == 2
        assert "Artikel 5." in widget_lines(article_list)[1]

        whole_list_may_come.set()
        await wait_for_library(pilot)
        assert article_list.article_count == 5
        assert "5 articles" in static_text(app, "#library-title")
        await pilot.press("G")
        assert article_list.current_article is not None
        assert article_list.current_article.title == "Artikel 1."


async def test_a_huge_library_is_checked_in_a_child_process_on_a_later_start(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_library({f"{n}.txt": f"date 2025-03-0{n} Artikel {n}.\n" for n in (1, 2, 3)})
    index = LibraryIndex(default_index_path())
    index.refresh([folder])  # a later start: the index knows the library
    index.close()
    (folder / "2.txt").write_text("date 2025-03-02 Herschreven.\n", encoding="utf-8")
    children: list[object] = []
    real_refresh_in_child = app_module.refresh_in_child

    def counted(*args: Any, **kwargs: Any) -> bool | None:
        children.append(args)
        return real_refresh_in_child(*args, **kwargs)

    monkeypatch.setattr(app_module, "refresh_in_child", counted)
    monkeypatch.setattr(app_module, "REFRESH_APART_MIN", 3)  # "huge" from 3 articles
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        assert len(children) == 1
        assert app.library is not None
        assert sorted(article.title for article in app.library.articles) == [
            "Artikel 1.",
            "Artikel 3.",
            "Herschreven.",
        ]


@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("down", "up")])
async def test_cursor_keys_move_between_articles(articles_dir: Path, down: str, up: str) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)

        await pilot.press(down)
        assert article_list.cursor == 1
        assert article_list.current_article is not None
        assert article_list.current_article.path.name == MARCH_FILE
        lines = widget_lines(article_list)
        assert lines[3].startswith("▌")
        assert not lines[1].startswith("▌")
        assert MARCH_FILE in static_text(app, "#library-status")

        await pilot.press(up)
        assert article_list.cursor == 0
        assert widget_lines(article_list)[1].startswith("▌")


async def test_cursor_stops_at_both_ends_of_the_list(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)

        await pilot.press("k")
        assert article_list.cursor == 0
        await pilot.press("j", "j", "j")
        assert article_list.cursor == 1


@pytest.mark.parametrize(("last", "first"), [("G", "g"), ("end", "home")])
async def test_first_and_last_keys_jump_to_the_ends(
    articles_dir: Path, last: str, first: str
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)

        await pilot.press(last)
        assert article_list.cursor == 1
        await pilot.press(first)
        assert article_list.cursor == 0


@pytest.mark.parametrize("key", ["enter", "l"])
async def test_open_key_shows_the_article_under_the_cursor(articles_dir: Path, key: str) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        await pilot.press("j", key)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == MARCH_FILE
        assert static_text(app, "#article-title").startswith(MARCH_TITLE)


async def test_clicking_an_article_row_opens_it(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        # Row 3 of the list is the March article (rows 0 and 2 are date headers).
        await pilot.click(ArticleList, offset=(20, 3))
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == MARCH_FILE


async def test_clicking_a_date_header_opens_nothing(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        await pilot.click(ArticleList, offset=(20, 2))
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(ArticleList).cursor == 0


@pytest.mark.parametrize("key", ["escape", "h", "q"])
async def test_back_key_returns_to_the_library_on_the_article_just_read(
    articles_dir: Path, key: str
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("j", "enter")
        assert isinstance(app.screen, ReaderScreen)

        await pilot.press(key)
        assert isinstance(app.screen, LibraryScreen)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.cursor == 1
        assert widget_lines(article_list)[3].startswith("▌")
        assert app.is_running


async def test_back_after_stepping_in_the_reader_selects_the_article_shown_last(
    articles_dir: Path,
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter", "right_square_bracket")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == MARCH_FILE

        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(ArticleList).cursor == 1
        assert MARCH_FILE in static_text(app, "#library-status")


async def test_library_footer_shows_open_and_help(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        footer = screen_lines(app)[-1]

        assert "Open" in footer
        assert "Help" in footer
        # Without problems the `!` key is hidden.
        assert "Problems" not in footer


def long_library_files(count: int) -> dict[str, str | bytes]:
    """`count` articles, each on its own day, so every article has its own date header."""
    files: dict[str, str | bytes] = {}
    for number in range(count):
        year, month, day = 2000 + number // 12, 1 + number % 12, 1 + number % 27
        files[f"a{number:02d}.txt"] = (
            f"date {year}-{month:02d}-{day:02d} Artikel nummer {number} over de haven.\n\n"
            "Tweede alinea.\n"
        )
    return files


def cursor_row_visible(article_list: ArticleList) -> bool:
    return any(line.startswith("▌") for line in widget_lines(article_list))


async def test_cursor_stays_on_screen_in_a_long_library(make_library: MakeLibrary) -> None:
    app = make_app([make_library(long_library_files(60))])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.article_count == 60

        for expected in range(1, 30):
            await pilot.press("j")
            assert article_list.cursor == expected
            assert cursor_row_visible(article_list), expected
        for key in ("G", "pageup", "pageup", "g", "pagedown", "pagedown", "end", "home"):
            await pilot.press(key)
            assert cursor_row_visible(article_list), key
        assert article_list.cursor == 0
        # The date header of the first article shows above it.
        assert widget_lines(article_list)[0].startswith("─ ")


async def test_page_keys_move_the_cursor_through_a_long_library(
    make_library: MakeLibrary,
) -> None:
    app = make_app([make_library(long_library_files(60))])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)

        await pilot.press("pagedown")
        first_page = article_list.cursor
        assert first_page > 0
        await pilot.press("space")
        assert article_list.cursor > first_page
        await pilot.press("pageup", "b")
        assert article_list.cursor == 0


async def test_back_from_an_article_deep_in_a_long_library_shows_its_row(
    make_library: MakeLibrary,
) -> None:
    app = make_app([make_library(long_library_files(60))])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press(*["j"] * 40, "enter")
        assert isinstance(app.screen, ReaderScreen)

        await pilot.press("escape")
        article_list = app.screen.query_one(ArticleList)
        assert article_list.cursor == 40
        assert cursor_row_visible(article_list)


async def test_list_rows_take_the_colours_of_a_theme_chosen_later(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)
        not_cursor_row = 3  # header, cursor row, header, the March article

        def row_background() -> object:
            segments = list(article_list.render_line(not_cursor_row))
            return segments[0].style.bgcolor if segments[0].style else None

        before = row_background()
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()

        assert row_background() != before
        assert row_background() == article_list.rich_style.bgcolor


async def test_a_row_drawn_before_shows_a_later_change_of_its_marks(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)
        march_row, march_position = 3, 1  # below the cursor, which is on April
        before = article_list.render_line(march_row).text
        unread = article_list.unread_positions ^ {march_position}

        article_list.set_reading(unread, {})

        after = article_list.render_line(march_row).text
        assert after != before
        assert (app.glyphs.unread in after) == (march_position in unread)
        assert MARCH_TITLE[:20] in after
