"""The reader screen: the paragraph cursor, paging, stepping through the library, the footer."""

from __future__ import annotations

from pathlib import Path

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
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from briefing_tui.core.model import BlockKind
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_view import ArticleView


async def open_first_article(pilot: Pilot[int]) -> ArticleView:
    """From a fresh start, open the April article and return its view."""
    await wait_for_library(pilot)
    await pilot.press("enter")
    # Let the reader's background analysis land, so the layout no longer changes.
    await wait_for_library(pilot)
    assert isinstance(pilot.app.screen, ReaderScreen)
    return pilot.app.screen.query_one(ArticleView)


def status(app: BriefingApp) -> str:
    return static_text(app, "#reader-status").strip()


async def test_reader_starts_on_the_first_paragraph(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)

        assert view.cursor == 0
        assert status(app).startswith(f"¶ 1/{len(view.paragraphs)}")
        assert APRIL_FILE in status(app)
        assert "article 1/2" in status(app)
        first = widget_lines(view)[0]
        assert first.startswith("▌ ")
        assert APRIL_TITLE in first


async def test_reader_shows_title_and_date_line(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_first_article(pilot)

        assert static_text(app, "#article-title").startswith(APRIL_TITLE)
        meta = static_text(app, "#article-meta")
        assert meta.startswith("2025-04 · nl · ")
        assert "words" in meta


@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("down", "up")])
async def test_cursor_keys_move_the_paragraph_cursor(
    articles_dir: Path, down: str, up: str
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        total = len(view.paragraphs)

        await pilot.press(down)
        assert view.cursor == 1
        assert status(app).startswith(f"¶ 2/{total}")
        lines = widget_lines(view)
        assert not lines[0].startswith("▌")
        assert any(line.startswith("▌  Kyiv reageerde") for line in lines)

        await pilot.press(down)
        assert view.cursor == 2
        assert status(app).startswith(f"¶ 3/{total}")

        await pilot.press(up)
        assert view.cursor == 1
        assert status(app).startswith(f"¶ 2/{total}")


async def test_cursor_skips_headings(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        assert view.article is not None
        kinds = {view.article.blocks[index].kind.value for index in view.paragraphs}

        assert "heading" not in kinds
        assert len(view.paragraphs) < len(view.article.blocks)


async def test_k_on_the_first_paragraph_stays_there(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)

        await pilot.press("k")
        assert view.cursor == 0
        assert status(app).startswith("¶ 1/")


@pytest.mark.parametrize("key", ["G", "end"])
async def test_last_key_goes_to_the_last_paragraph(articles_dir: Path, key: str) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        total = len(view.paragraphs)

        await pilot.press(key)
        assert view.cursor == total - 1
        assert status(app).startswith(f"¶ {total}/{total}")
        assert view.scroll_offset.y == view.max_scroll_y
        assert any(line.startswith("▌ ") for line in widget_lines(view))


@pytest.mark.parametrize("key", ["g", "home"])
async def test_first_key_goes_back_to_the_first_paragraph(articles_dir: Path, key: str) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)

        await pilot.press("G", key)
        assert view.cursor == 0
        assert view.scroll_offset.y == 0
        assert widget_lines(view)[0].startswith("▌ ")


@pytest.mark.parametrize("key", ["space", "pagedown"])
async def test_page_down_scrolls_and_moves_the_cursor_forward(articles_dir: Path, key: str) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)

        await pilot.press(key)
        assert view.scroll_offset.y > 0
        assert view.cursor > 0
        assert status(app).startswith(f"¶ {view.cursor + 1}/")
        # The cursor paragraph is on screen.
        assert any(line.startswith("▌ ") for line in widget_lines(view))


async def test_page_down_then_page_up_returns_to_the_top(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)

        await pilot.press("pagedown", "pageup")
        assert view.scroll_offset.y == 0
        await pilot.press("pageup")
        assert view.cursor == 0


async def test_page_down_at_the_end_puts_the_cursor_on_the_last_paragraph(
    articles_dir: Path,
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)

        for _ in range(len(view.paragraphs) + 2):
            await pilot.press("pagedown")
        assert view.cursor == len(view.paragraphs) - 1


async def test_right_bracket_opens_the_next_older_article(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        await pilot.press("j", "j")

        await pilot.press("right_square_bracket")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == MARCH_FILE
        assert static_text(app, "#article-title").startswith(MARCH_TITLE)
        assert static_text(app, "#article-meta").startswith("2025-03")
        assert view.cursor == 0
        assert view.scroll_offset.y == 0
        assert status(app).startswith(f"¶ 1/{len(view.paragraphs)}")
        assert "article 2/2" in status(app)
        assert MARCH_FILE in status(app)


async def test_left_bracket_opens_the_previous_newer_article(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_first_article(pilot)

        await pilot.press("right_square_bracket", "left_square_bracket")
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == APRIL_FILE
        assert static_text(app, "#article-title").startswith(APRIL_TITLE)
        assert "article 1/2" in status(app)


@pytest.mark.parametrize(
    ("keys", "message", "expected_file"),
    [
        (["left_square_bracket"], "No newer article.", APRIL_FILE),
        (["right_square_bracket", "right_square_bracket"], "No older article.", MARCH_FILE),
    ],
)
async def test_brackets_at_the_ends_notify_and_change_nothing(
    articles_dir: Path, keys: list[str], message: str, expected_file: str
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        view = await open_first_article(pilot)
        await pilot.press(*keys)
        await pilot.pause()

        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.path.name == expected_file
        assert view.article is not None
        assert view.article.path.name == expected_file
        assert any(message in line for line in screen_lines(app))


async def test_footer_at_80x24_shows_back_prev_next_and_help(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_first_article(pilot)
        width, height = SIZE
        keys = {
            key.description: key
            for key in app.screen.query(FooterKey)
            if key.region.width > 0 and key.region.right <= width and key.region.y == height - 1
        }

        assert {"Back", "Prev", "Next", "Help"} <= set(keys)
        assert keys["Prev"].key_display == "["
        assert keys["Next"].key_display == "]"
        assert keys["Help"].key_display == "?"
        footer = screen_lines(app)[-1]
        for label in ("Back", "[ Prev", "] Next", "? Help"):
            assert label in footer


async def test_article_text_fits_80_columns(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)

        # No horizontal scrolling: every wrapped line fits beside the gutter and scrollbar.
        assert view.max_scroll_x == 0
        assert all(len(line) <= view.scrollable_content_region.width for line in widget_lines(view))
        # The whole title shows on the two title lines.
        title = static_text(app, "#article-title")
        shown = " ".join(" ".join(screen_lines(app)[:2]).split())
        assert title in shown


TALL_WORDS = [f"woord{number}" for number in range(900)]
TALL_ARTICLE = (
    "date 2025-01 Korte eerste alinea hier.\n\n"
    + " ".join(TALL_WORDS)
    + ".\n\nDerde alinea na de lange.\n"
)


async def test_j_scrolls_through_a_paragraph_taller_than_the_screen(
    make_library: MakeLibrary,
) -> None:
    app = make_app([make_library({"tall.txt": TALL_ARTICLE})])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        seen: set[str] = set()

        await pilot.press("j")
        assert view.cursor == 1
        presses = 0
        while view.cursor == 1:
            seen.update(" ".join(widget_lines(view)).replace(".", " ").split())
            await pilot.press("j")
            presses += 1
            assert presses < 20
        assert presses > 1
        assert view.cursor == 2
        assert [word for word in TALL_WORDS if word not in seen] == []


async def test_resizing_keeps_the_paragraph_cursor_on_screen(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        await pilot.press("G", "k", "k")
        cursor = view.cursor

        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert view.cursor == cursor
        assert any(line.startswith("▌ ") for line in widget_lines(view))
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert view.cursor == cursor
        assert any(line.startswith("▌ ") for line in widget_lines(view))
        assert view.max_scroll_x == 0


async def test_focused_pull_quote_names_its_speaker_once(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        await pilot.press("j", "j")
        assert view.article is not None
        assert view.article.blocks[view.block_index].kind is BlockKind.PULLQUOTE

        focused = [line for line in widget_lines(view) if line.startswith("▌")]
        assert any("— Volodymyr Zelensky, president Oekraïne" in line for line in focused)
        assert sum("Volodymyr Zelensky" in line for line in focused) == 1
