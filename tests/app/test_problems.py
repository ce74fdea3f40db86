"""Files that cannot be read: counted in the library title and listed under `!`."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import SIZE, MakeLibrary, make_app, screen_lines, static_text, wait_for_library

from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.problems import ProblemsScreen
from briefing_tui.ui.widgets.article_list import ArticleList

GOOD = "date 2025-05-02 Een goed artikel over de haven.\n\nTweede alinea van het stuk.\n"
PROBLEM_FILES: dict[str, str | bytes] = {
    "good.txt": GOOD,
    "binary.txt": b"date 2025-05-01 \x00\x01\x02 binary\x00 data\n",
    "latin1.txt": "date 2025-05-01 Caf\u00e9 in Latin-1.\n".encode("latin-1"),
}
BINARY_REASON = "binary file, not text"
LATIN1_REASON = "not UTF-8 text: invalid byte 0xe9 at offset 19"


@pytest.fixture
def problem_library(make_library: MakeLibrary) -> Path:
    """One good article, one binary file and one file that is not UTF-8."""
    return make_library(PROBLEM_FILES)


async def test_library_with_problems_lists_only_the_good_article(problem_library: Path) -> None:
    app = make_app([problem_library])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)

        assert article_list.article_count == 1
        assert article_list.current_article is not None
        assert article_list.current_article.path.name == "good.txt"
        title = static_text(app, "#library-title")
        assert "1 article, 1 unread" in title
        assert "1 articles" not in title


async def test_library_title_mentions_the_number_of_problems(problem_library: Path) -> None:
    app = make_app([problem_library])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        title = static_text(app, "#library-title")
        assert "2 problems (!)" in title
        assert "2 problems" in screen_lines(app)[0]


async def test_one_problem_is_singular(make_library: MakeLibrary) -> None:
    folder = make_library({"good.txt": GOOD, "empty.txt": ""})
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        assert "1 problem (!)" in static_text(app, "#library-title")


async def test_exclamation_mark_opens_the_problems_with_names_and_reasons(
    problem_library: Path,
) -> None:
    app = make_app([problem_library])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        text = static_text(app, "#problems-list > Static")
        assert text.startswith("2 files with problems")
        assert f"binary.txt: {BINARY_REASON}" in text
        assert f"latin1.txt: {LATIN1_REASON}" in text
        assert "good.txt" not in text
        shown = "\n".join(screen_lines(app))
        assert BINARY_REASON in shown
        assert LATIN1_REASON in shown


async def test_problems_screen_closes_with_escape(problem_library: Path) -> None:
    app = make_app([problem_library])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("exclamation_mark")

        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_footer_offers_problems_when_there_are_some(problem_library: Path) -> None:
    app = make_app([problem_library])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        assert "! Problems" in screen_lines(app)[-1]


async def test_show_problems_is_a_palette_command_when_there_are_some(
    problem_library: Path,
) -> None:
    app = make_app([problem_library])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Show problems" in titles


async def test_exclamation_mark_does_nothing_without_problems(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        assert app.screen.check_action("show_problems", ()) is False

        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, LibraryScreen)
        assert len(app.screen_stack) == 2


async def test_a_missing_folder_is_a_problem_not_a_crash(
    tmp_path: Path, articles_dir: Path
) -> None:
    missing = tmp_path / "no-such-folder"
    app = make_app([articles_dir, missing])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        assert app.screen.query_one(ArticleList).article_count == 2
        assert "1 problem" in static_text(app, "#library-title")
        await pilot.press("exclamation_mark")
        assert "no-such-folder: not found" in static_text(app, "#problems-list > Static")


async def test_a_long_problems_list_scrolls_with_the_keyboard(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    files: dict[str, str | bytes] = {f"bad{number:02d}.txt": b"a\x00b" for number in range(40)}
    files["good.txt"] = GOOD
    # Paths show relative to the working directory: one short line per problem.
    monkeypatch.chdir(make_library(files))
    app = make_app([Path()])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("exclamation_mark")
        problems = app.screen.query_one("#problems-list")
        assert problems.max_scroll_y > 0

        await pilot.press("down")
        assert problems.scroll_offset.y == 1
        await pilot.press("end")
        assert problems.scroll_offset.y == problems.max_scroll_y
        assert any("bad39.txt" in line for line in screen_lines(app))
