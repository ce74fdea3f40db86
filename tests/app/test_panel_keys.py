"""The actors and quotes panels open ready for Enter, and the reader steps through the
marked actor's mentions with `m` / `M` without opening the panel again."""

from __future__ import annotations

from pathlib import Path

from app_support import (
    SIZE,
    make_app,
    open_first_article,
    screen_lines,
    toast_texts,
)

from briefing_tui.ui.screens.analysis_panel import AnalysisPanelScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.analysis_lists import ActorList, QuoteList
from briefing_tui.ui.widgets.article_view import ArticleView

WIDE = (120, 40)


def mention_blocks(screen: ReaderScreen, name: str) -> list[int]:
    assert screen.analysis is not None
    return sorted({entity.block for entity in screen.analysis.mentions_of(name)})


async def test_the_actors_screen_opens_on_the_first_actor_and_enter_acts_at_once(
    articles_dir: Path,
) -> None:
    """At 80 columns: no row was highlighted and Enter did nothing until j."""
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot)
        await pilot.press("a")
        await pilot.pause()
        panel = app.screen.query_one(ActorList)
        assert panel.highlighted is not None
        first = panel.get_option_at_index(panel.highlighted)
        assert first.id is not None and not first.disabled
        await pilot.press("enter")
        await pilot.pause()

        assert app.screen is reader
        name = first.id.split(":", 1)[1]
        assert reader.query_one(ArticleView).selected_actor == name


async def test_the_quotes_screen_opens_on_the_first_quote(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, AnalysisPanelScreen)
        await pilot.press("enter")
        await pilot.pause()

        assert app.screen is reader
        assert reader.analysis is not None
        view = reader.query_one(ArticleView)
        assert view.block_index == reader.analysis.quotes[0].block


async def test_the_side_panel_opens_on_its_first_row(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=WIDE) as pilot:
        reader = await open_first_article(pilot)
        await pilot.press("w")
        await pilot.pause()
        panel = reader.query_one(QuoteList)
        assert panel.has_focus
        assert panel.highlighted == 0


async def test_m_and_shift_m_step_through_the_marked_actors_mentions(
    articles_dir: Path,
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot)
        view = reader.query_one(ArticleView)
        reader.cycle_mentions("Poetin")
        await pilot.pause()
        blocks = mention_blocks(reader, "Poetin")
        assert len(blocks) >= 3
        first = view.block_index
        assert first in blocks

        await pilot.press("m")
        await pilot.pause()
        assert view.block_index == blocks[blocks.index(first) + 1]
        await pilot.press("M", "M")
        await pilot.pause()
        # Back past the first mention: round to the last one.
        expected = blocks[blocks.index(first) - 1] if blocks.index(first) else blocks[-1]
        assert view.block_index == expected
        assert isinstance(app.screen, ReaderScreen)


async def test_m_without_a_marked_actor_says_how_to_mark_one(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        reader = await open_first_article(pilot)
        await pilot.press("m")
        await pilot.pause()

        assert reader.query_one(ArticleView).cursor == 0
        assert "No actor marked: a lists the actors, Enter marks one." in toast_texts(app)


async def test_the_mention_key_is_in_the_footer_when_there_is_room(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=WIDE) as pilot:
        await open_first_article(pilot)
        assert "m Mention" in screen_lines(app)[-1]


async def test_at_80_columns_help_keeps_its_place_in_the_footer(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_first_article(pilot)
        footer = screen_lines(app)[-1]
        assert "? Help" in footer
        assert "m Mention" not in footer
