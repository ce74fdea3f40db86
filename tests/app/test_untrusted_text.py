"""Article text is data: markup shows literally and escape sequences never reach the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import (
    SIZE,
    MakeLibrary,
    make_app,
    screen_lines,
    static_text,
    toast_texts,
    wait_for_library,
    widget_lines,
)
from textual.pilot import Pilot

from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.glyphs import UNICODE
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_list import ArticleList
from briefing_tui.ui.widgets.article_view import ArticleView

MARKUP = ("[bold red]x[/]", "[link=file:///etc/passwd]y[/link]", "[@click=app.quit]z[/]")
CONTROL_CHARACTERS = ("\x1b", "\x07", "\x9b", "\x9d")

HOSTILE_TEXT = (
    "date 2025-05-03 Kop met [bold red]x[/] en \x1b]0;title\x07 erin.\n"
    "\n"
    "Een link [link=file:///etc/passwd]y[/link] in de tekst.\n"
    "\n"
    "Een actie [@click=app.quit]z[/] in de tekst.\n"
    "\n"
    "Klembord \x1b]52;c;ZXZpbA==\x07 en \x1b[31mrood\x1b[0m en een bel \x07 hier.\n"
)

HOSTILE_MARKDOWN = (
    "---\n"
    'title: "Kop \\e]0;evil\\a met [b]vet[/b]"\n'
    'source: "\\e[31mBron"\n'
    "date: 2025-05-04\n"
    "---\n"
    "\n"
    "Tekst met [@click=app.quit]z[/] en \x1b]52;c;ZXZpbA==\x07 erin.\n"
)


@pytest.fixture
def hostile_library(make_library: MakeLibrary) -> Path:
    return make_library({"hostile.txt": HOSTILE_TEXT})


async def open_only_article(pilot: Pilot[int]) -> ArticleView:
    """Open the library's first article in the reader."""
    await wait_for_library(pilot)
    await pilot.press("enter")
    await wait_for_library(pilot)  # and the reader's background analysis
    assert isinstance(pilot.app.screen, ReaderScreen)
    return pilot.app.screen.query_one(ArticleView)


def assert_no_control_characters(text: str) -> None:
    found = [repr(character) for character in CONTROL_CHARACTERS if character in text]
    assert found == [], f"control characters in {text!r}"


async def test_markup_in_an_article_shows_literally_in_the_reader(hostile_library: Path) -> None:
    app = make_app([hostile_library])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_only_article(pilot)
        shown = "\n".join(widget_lines(view))

        for markup in MARKUP:
            assert markup in shown
        assert "[bold red]x[/]" in static_text(app, "#article-title")


async def test_markup_in_a_title_shows_literally_in_the_library(hostile_library: Path) -> None:
    app = make_app([hostile_library])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)

        row = widget_lines(app.screen.query_one(ArticleList))[1]
        assert "Kop met [bold red]x[/] en erin." in row


async def test_no_escape_or_bell_in_the_blocks_or_title(hostile_library: Path) -> None:
    app = make_app([hostile_library])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_only_article(pilot)
        article = view.article
        assert article is not None

        assert_no_control_characters(article.title)
        for block in article.blocks:
            assert_no_control_characters(block.text)
        assert_no_control_characters("\n".join(screen_lines(app)))
        # The text around the removed sequences is kept.
        assert "Klembord en rood en een bel hier." in [block.text for block in article.blocks]


async def test_no_escape_or_bell_in_the_screenshot(hostile_library: Path) -> None:
    app = make_app([hostile_library])
    async with app.run_test(size=SIZE) as pilot:
        await open_only_article(pilot)

        assert_no_control_characters(app.export_screenshot())


async def test_clicking_and_pressing_around_hostile_text_keeps_the_app_running(
    hostile_library: Path,
) -> None:
    app = make_app([hostile_library])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_only_article(pilot)
        lines = widget_lines(view)
        for y, line in enumerate(lines):
            for markup in MARKUP:
                if markup in line:
                    # Click on every character of the would-be link and action.
                    start = line.index(markup)
                    for x in range(start, start + len(markup)):
                        await pilot.click(ArticleView, offset=(x, y))
        await pilot.click("#article-title", offset=(12, 0))
        await pilot.press("j", "j", "k", "G", "g", "enter", "space")
        await pilot.pause()

        assert app.is_running
        assert app.return_code is None
        assert isinstance(app.screen, ReaderScreen)

        await pilot.press("escape")
        await pilot.click(ArticleList, offset=(20, 1))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ReaderScreen)


async def test_clicking_a_paragraph_with_an_action_markup_only_moves_the_cursor(
    hostile_library: Path,
) -> None:
    app = make_app([hostile_library])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_only_article(pilot)
        y, line = next((y, line) for y, line in enumerate(widget_lines(view)) if "[@click" in line)

        await pilot.click(ArticleView, offset=(line.index("z"), y))
        assert app.is_running
        assert view.article is not None
        assert view.article.blocks[view.block_index].text.startswith("Een actie")


async def test_markdown_front_matter_escapes_are_removed_from_title_and_meta(
    make_library: MakeLibrary,
) -> None:
    folder = make_library({"hostile.md": HOSTILE_MARKDOWN})
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_only_article(pilot)
        assert view.article is not None

        assert static_text(app, "#article-title") == "Kop met [b]vet[/b]"
        assert "Bron" in static_text(app, "#article-meta")
        assert "[@click=app.quit]z[/]" in "\n".join(widget_lines(view))
        assert_no_control_characters(view.article.title)
        assert_no_control_characters(view.article.source or "")
        assert_no_control_characters("\n".join(screen_lines(app)))
        assert_no_control_characters(app.export_screenshot())

        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        assert "Kop met [b]vet[/b]" in widget_lines(app.screen.query_one(ArticleList))[1]


# --- file names and messages ----------------------------------------------------------------

# Regression: file names were shown without cleaning in the library and reader status lines
# and in the problems list, so ESC sequences in a name (OSC 0/52, CSI colour) reached the
# terminal.
HOSTILE_NAME = "ok\x1b]0;evil\x07\x1b[31mrood.txt"
HOSTILE_BINARY_NAME = "bin\x1b]52;c;ZXZpbA==\x07.txt"


@pytest.fixture
def hostile_names(make_library: MakeLibrary) -> Path:
    """A readable article and a binary file, both named with escape sequences."""
    return make_library(
        {HOSTILE_NAME: "date 2025-05-05 Een gewoon stuk.\n", HOSTILE_BINARY_NAME: b"a\x00b"}
    )


async def test_escape_sequences_in_a_file_name_never_reach_the_library_screen(
    hostile_names: Path,
) -> None:
    app = make_app([hostile_names])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        assert "rood.txt" in static_text(app, "#library-status")

        assert_no_control_characters("\n".join(screen_lines(app)))


async def test_escape_sequences_in_a_file_name_never_reach_the_reader_screen(
    hostile_names: Path,
) -> None:
    app = make_app([hostile_names])
    async with app.run_test(size=SIZE) as pilot:
        await open_only_article(pilot)
        assert "rood.txt" in static_text(app, "#reader-status")

        assert_no_control_characters("\n".join(screen_lines(app)))


async def test_escape_sequences_in_a_file_name_never_reach_the_problems_screen(
    hostile_names: Path,
) -> None:
    app = make_app([hostile_names])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("exclamation_mark")
        assert "binary file, not text" in static_text(app, "#problems-list > Static")

        assert_no_control_characters("\n".join(screen_lines(app)))


# Regression: the messages about an unreadable file and the startup messages went through
# notify() with markup=True, so '[@click=app.quit]' in a path vanished and clicking the
# message quit the app.
CLICK_NAME = "[@click=app.quit]stuk.txt"


@pytest.fixture
def click_name_library(make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a binary file named with an action markup; it is the working directory,
    so the message names the file by its short relative path."""
    folder = make_library({CLICK_NAME: b"a\x00b", "good.txt": "date 2025-05-05 Goed.\n"})
    monkeypatch.chdir(folder)
    return folder


async def test_markup_in_an_unreadable_file_name_shows_literally_in_the_message(
    click_name_library: Path,
) -> None:
    app = make_app([Path()], open_path=Path(CLICK_NAME))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)

        assert isinstance(app.screen, LibraryScreen)
        assert toast_texts(app) == [f"{CLICK_NAME}: binary file, not text"]


async def test_clicking_the_message_about_an_unreadable_file_does_not_quit(
    click_name_library: Path,
) -> None:
    app = make_app([Path()], open_path=Path(CLICK_NAME))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        y, line = next((y, line) for y, line in enumerate(screen_lines(app)) if "stuk.txt" in line)

        await pilot.click(offset=(line.index("stuk.txt") + 1, y))
        await pilot.pause()
        assert app.return_code is None
        assert app.is_running


async def test_markup_in_a_startup_message_shows_literally(articles_dir: Path) -> None:
    message = "/tmp/[bold]cfg/config.toml: Expected ']' (at line 1, column 9); using defaults"
    app = BriefingApp([articles_dir], startup_messages=[message], glyphs=UNICODE)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)

        assert toast_texts(app) == [message]


async def test_a_plain_startup_message_is_shown(articles_dir: Path) -> None:
    message = "/tmp/cfg/config.toml: Expected ']' (at line 1, column 9); using defaults"
    app = BriefingApp([articles_dir], startup_messages=[message], glyphs=UNICODE)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)

        assert toast_texts(app) == [message]
