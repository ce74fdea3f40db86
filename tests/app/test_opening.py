"""Opening an article: everything it is shown with comes in its first layout, the analysis
after it, and the kept reader is shown again with the app's current look."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from app_support import (
    APRIL_FILE,
    SIZE,
    MakeLibrary,
    make_app,
    screen_lines,
    wait_for_library,
    widget_lines,
)
from textual.pilot import Pilot
from textual.strip import Strip

from briefing_tui.core.articles import read_article
from briefing_tui.core.locations import notes_dir
from briefing_tui.core.model import Block
from briefing_tui.core.notes import Anchor, Annotation, NoteStore, article_key
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.widgets.article_lines import LinePainter, Marks
from briefing_tui.ui.widgets.article_view import ArticleView
from briefing_tui.ui.widgets.find_bar import FindBar


def reader(app: BriefingApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


async def open_read_and_return(pilot: Pilot[int], downs: int) -> int:
    """Open the first article, go `downs` paragraphs down, back to the library."""
    await wait_for_library(pilot)
    await pilot.press("enter", *["j"] * downs)
    left_at = reader(pilot.app).query_one(ArticleView).block_index  # type: ignore[arg-type]
    await pilot.press("escape")
    await wait_for_library(pilot)
    return left_at


async def test_reopened_article_is_drawn_at_the_paragraph_left(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        left_at = await open_read_and_return(pilot, 4)
        await pilot.press("enter")

        view = reader(app).query_one(ArticleView)
        assert view.block_index == left_at
        status = next(line for line in screen_lines(app) if "¶ " in line)
        assert f"¶ {view.cursor + 1}/{len(view.paragraphs)}" in status


async def test_each_block_is_wrapped_once_with_its_notes_resume_point_and_find(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = article_key(read_article(articles_dir / APRIL_FILE))
    article = read_article(articles_dir / APRIL_FILE)
    NoteStore(notes_dir()).save(key, [Annotation.new(Anchor.of(2, article.blocks[2].text), "Mark")])
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        left_at = await open_read_and_return(pilot, 3)
        await pilot.press("enter", "f", "d", "e", "escape", "escape")
        await wait_for_library(pilot)
        await pilot.press("enter", "f", "d", "e")  # the bar open on the next opening
        screen = reader(app)
        view = screen.query_one(ArticleView)
        wrapped: list[tuple[int, int]] = []
        wrap = LinePainter.block_strips

        def counted(
            self: LinePainter, index: int, block: Block, width: int, marks: Marks, **kw: bool
        ) -> list[Strip]:
            wrapped.append((index, width))
            return wrap(self, index, block, width, marks, **kw)

        monkeypatch.setattr(LinePainter, "block_strips", counted)
        screen.show_article(article, 0)
        widget_lines(view)  # its first frame

        assert wrapped and len(set(wrapped)) == len(wrapped)  # no block wrapped twice
        assert len({width for _index, width in wrapped}) == 1
        assert 2 in view.annotations
        assert view.find_spans and screen.query_one(FindBar).is_open
        assert view.block_index == left_at


async def test_highlights_follow_the_opening_and_the_collector_runs_again(
    articles_dir: Path,
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

        view = reader(app).query_one(ArticleView)
        assert view.analysis is not None and view.analysis.entities
        assert gc.isenabled()


async def test_kept_reader_takes_a_theme_chosen_in_the_library(articles_dir: Path) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_read_and_return(pilot, 0)
        before = app.screen.query_one("#library-title").styles.background
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        after = app.screen.query_one("#library-title").styles.background
        await pilot.press("enter")

        assert after != before
        assert reader(app).query_one("#article-title").styles.background == after


async def test_collector_is_on_again_when_the_app_closes_before_the_frame(
    articles_dir: Path,
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await open_read_and_return(pilot, 0)
        app.open_article(0)  # and quit before the reader's first frame
        assert not gc.isenabled()

    assert gc.isenabled()


def two_articles(make_library: MakeLibrary) -> Path:
    """A newer short article and an older one of forty paragraphs (a scrollbar)."""
    long_body = "\n\n".join(f"Alinea {n}: " + "woorden die de regel vullen " * 6 for n in range(40))
    return make_library(
        {
            "a.txt": "date 2025-04-02 Kort stuk.\n\nEen alinea.\n",
            "b.txt": f"date 2025-04-01 Lang stuk.\n\n{long_body}\n",
        }
    )


async def rest_on_second_article(pilot: Pilot[int]) -> None:
    """Open and close the first article, then rest the cursor on the second."""
    await open_read_and_return(pilot, 0)
    await pilot.press("j")
    await pilot.pause(0.2)  # longer than the library waits before preparing it


async def test_article_prepared_in_the_library_opens_as_if_read_then(
    make_library: MakeLibrary,
) -> None:
    folder = two_articles(make_library)
    prepared = make_app([folder])
    async with prepared.run_test(size=SIZE) as pilot:
        await rest_on_second_article(pilot)
        await pilot.press("enter")
        lines = widget_lines(reader(prepared).query_one(ArticleView))

    direct = make_app([folder])
    async with direct.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        direct.open_article(1)
        await pilot.pause()
        assert widget_lines(reader(direct).query_one(ArticleView)) == lines
        assert any("Alinea 0" in line for line in lines)


async def test_article_changed_after_it_was_prepared_is_read_again(
    make_library: MakeLibrary,
) -> None:
    folder = two_articles(make_library)
    app = make_app([folder])
    async with app.run_test(size=SIZE) as pilot:
        await rest_on_second_article(pilot)
        (folder / "b.txt").write_text("date 2025-04-01 Lang stuk.\n\nNieuwe tekst, langer.\n")
        await pilot.press("enter")

        lines = widget_lines(reader(app).query_one(ArticleView))
        assert any("Nieuwe tekst" in line for line in lines)
