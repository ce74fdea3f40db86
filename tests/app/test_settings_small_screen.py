"""60x20 and NO_COLOR: panels fold into screens, the keys stay in view, nothing needs colour."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import screen_lines, static_text, wait_for_library
from rich.style import Style
from textual.pilot import Pilot

from briefing_tui.core.config import Config
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.glyphs import ASCII, UNICODE
from briefing_tui.ui.screens.analysis_panel import AnalysisPanelScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_list import ArticleList
from briefing_tui.ui.widgets.article_view import ArticleView

SMALL = (60, 20)
"""The smallest terminal the app promises to be usable in."""


def small_app(articles_dir: Path, glyphs: object = UNICODE) -> BriefingApp:
    return BriefingApp(
        [articles_dir], glyphs=ASCII if glyphs is ASCII else UNICODE, config=Config()
    )


async def open_reader(pilot: Pilot[int]) -> ReaderScreen:
    await wait_for_library(pilot)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    return pilot.app.screen


async def test_the_library_at_60x20_keeps_help_in_the_footer(articles_dir: Path) -> None:
    app = small_app(articles_dir)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_library(pilot)
        lines = screen_lines(app)
        assert len(lines) == 20
        assert "2 articles" in lines[0]
        assert any("Het was een" in line for line in lines)
        assert any("De Russische" in line for line in lines)
        footer = lines[-1]
        assert "Open" in footer
        assert "?Help" in footer.replace(" ", ""), "the way to every other key stays visible"
        assert "Palette" not in footer, "ctrl+p gives its place up below 80 columns"


async def test_the_palette_key_is_in_the_footer_from_80_columns(articles_dir: Path) -> None:
    app = small_app(articles_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_library(pilot)
        assert "Palette" in screen_lines(app)[-1]


async def test_the_reader_at_60x20_shows_text_and_position(articles_dir: Path) -> None:
    app = small_app(articles_dir)
    async with app.run_test(size=SMALL) as pilot:
        await open_reader(pilot)
        assert "¶ 1/" in static_text(app, "#reader-status")
        lines = screen_lines(app)
        assert "escBack" in lines[-1]
        assert "?Help" in lines[-1].replace(" ", ""), "every reader key fits in 60 columns"
        body = "\n".join(lines)
        assert "Het was een historische aankondiging" in body.replace("\n", " ")


@pytest.mark.parametrize(("key", "title"), [("a", "Actors"), ("w", "Who said what")])
async def test_panels_fold_into_screens_at_60x20(articles_dir: Path, key: str, title: str) -> None:
    app = small_app(articles_dir)
    async with app.run_test(size=SMALL) as pilot:
        await open_reader(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, AnalysisPanelScreen)
        lines = screen_lines(app)
        assert lines[0].strip().startswith(title)
        assert "esc Close" in lines[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


def attributes(style: Style) -> tuple[bool, bool, bool, bool]:
    return (bool(style.bold), bool(style.underline), bool(style.italic), bool(style.reverse))


async def test_without_colour_each_actor_kind_has_its_own_attribute(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = small_app(articles_dir)
    async with app.run_test(size=SMALL) as pilot:
        assert app.no_color
        await open_reader(pilot)
        view = app.screen.query_one(ArticleView)
        kinds = ("person", "organization", "place", "selected-actor")
        styles = [view.get_component_rich_style(f"article-view--{k}", partial=True) for k in kinds]
        assert len({attributes(style) for style in styles}) == len(kinds)
        assert all(any(attributes(style)) for style in styles)


async def test_without_colour_headings_and_pull_quotes_use_no_actor_attribute(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A heading "Koersk" read bold, italic and underlined: a person, a place and an
    organisation at once. Structure now takes what no actor kind uses."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = small_app(articles_dir)
    async with app.run_test(size=SMALL) as pilot:
        await open_reader(pilot)
        view = app.screen.query_one(ArticleView)

        def style(name: str) -> Style:
            return view.get_component_rich_style(f"article-view--{name}", partial=True)

        actors = [style(kind) for kind in ("person", "organization", "place")]
        used = {attribute for actor in actors for attribute in actor_attributes(actor)}
        assert used == {"bold", "underline", "italic"}
        for structure in ("heading", "pullquote", "quote"):
            assert not actor_attributes(style(structure)) & used, structure
        assert style("heading").reverse  # still stands out without colour


def actor_attributes(style: Style) -> set[str]:
    return {name for name in ("bold", "underline", "italic") if getattr(style, name)}


async def test_without_colour_the_paragraph_cursor_has_a_mark(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = small_app(articles_dir, glyphs=ASCII)
    async with app.run_test(size=SMALL) as pilot:
        await open_reader(pilot)
        await pilot.press("j")
        await pilot.pause()
        lines = screen_lines(app)
        marked = [line for line in lines if line.startswith(">")]
        assert marked, "the cursor paragraph is marked in the gutter"
        assert "Kyiv reageerde" in marked[0]
        assert all(not line.startswith(">") for line in lines if "Het was een" in line)


async def test_without_colour_the_library_cursor_row_is_reversed(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = small_app(articles_dir)
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_library(pilot)
        article_list = app.screen.query_one(ArticleList)
        cursor = article_list.get_component_rich_style("article-list--cursor")
        assert cursor.reverse and cursor.bold
