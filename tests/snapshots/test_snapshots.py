"""SVG snapshots of each screen; update deliberately with `make snapshots-update`.

Glyphs are fixed to the Unicode set so the pictures do not depend on TERM.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path

import pytest
from textual.pilot import Pilot

from briefing_tui.core.config import Config
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.glyphs import UNICODE

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[int]], Awaitable[None]]
MakeLibrary = Callable[[Mapping[str, str | bytes]], Path]


def after_loading(*keys: str) -> RunBefore:
    """Wait for the library to be read, press `keys`, then wait for any work they started."""

    async def run_before(pilot: Pilot[int]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            # The reader may start background work (article analysis) of its own.
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run_before


def example_app(articles_dir: Path) -> BriefingApp:
    # The theme too is fixed: left to "auto" it would follow the TERM the tests run in.
    return BriefingApp([articles_dir], glyphs=UNICODE, config=Config(theme="textual-dark"))


def test_library_80x24(snap_compare: SnapCompare, articles_dir: Path) -> None:
    assert snap_compare(
        example_app(articles_dir), terminal_size=(80, 24), run_before=after_loading()
    )


def test_library_120x40(snap_compare: SnapCompare, articles_dir: Path) -> None:
    assert snap_compare(
        example_app(articles_dir), terminal_size=(120, 40), run_before=after_loading()
    )


def test_reader_third_paragraph_80x24(snap_compare: SnapCompare, articles_dir: Path) -> None:
    assert snap_compare(
        example_app(articles_dir),
        terminal_size=(80, 24),
        run_before=after_loading("enter", "j", "j"),
    )


def test_reader_third_paragraph_120x40(snap_compare: SnapCompare, articles_dir: Path) -> None:
    assert snap_compare(
        example_app(articles_dir),
        terminal_size=(120, 40),
        run_before=after_loading("enter", "j", "j"),
    )


def test_actors_side_panel_120x40(snap_compare: SnapCompare, articles_dir: Path) -> None:
    assert snap_compare(
        example_app(articles_dir),
        terminal_size=(120, 40),
        run_before=after_loading("enter", "a"),
    )


def test_quotes_screen_80x24(snap_compare: SnapCompare, articles_dir: Path) -> None:
    assert snap_compare(
        example_app(articles_dir),
        terminal_size=(80, 24),
        run_before=after_loading("enter", "w"),
    )


def test_help_80x24(snap_compare: SnapCompare, articles_dir: Path) -> None:
    assert snap_compare(
        example_app(articles_dir), terminal_size=(80, 24), run_before=after_loading("?")
    )


def test_problems_80x24(
    snap_compare: SnapCompare,
    make_library: MakeLibrary,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_library(
        {
            "good.txt": "date 2025-05-02 Een goed artikel over de haven.\n\nTweede alinea.\n",
            "binary.txt": b"date 2025-05-01 \x00\x01\x02 binary\x00 data\n",
            "latin1.txt": "date 2025-05-01 Caf\u00e9 in Latin-1.\n".encode("latin-1"),
        }
    )
    # Problems show paths relative to the working directory: keep them free of tmp names.
    monkeypatch.chdir(tmp_path)
    app = BriefingApp([Path("library")], glyphs=UNICODE, config=Config(theme="textual-dark"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=after_loading("!"))


def test_library_unread_and_progress_80x24(snap_compare: SnapCompare, articles_dir: Path) -> None:
    # The April article left at its fourth paragraph: read, and part way; March still new.
    assert snap_compare(
        example_app(articles_dir),
        terminal_size=(80, 24),
        run_before=after_loading("enter", "j", "j", "j", "escape"),
    )


def test_reader_structure_60x20_no_color(
    snap_compare: SnapCompare, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without colour, a heading and a pull quote look like nothing an actor looks like:
    the heading "Koersk" (a place) and the pull quote, whose attribution names a person."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(
        example_app(articles_dir),
        terminal_size=(60, 20),
        run_before=after_loading("enter", "j", "j", "j", "j", "k", "k"),
    )


def test_reader_koersk_heading_60x20_no_color(
    snap_compare: SnapCompare, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heading "Koersk" names a place: still told apart from the place in the text."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(
        example_app(articles_dir),
        terminal_size=(60, 20),
        run_before=after_loading("j", "enter", "j", "j", "j"),
    )


def test_find_bar_80x24(snap_compare: SnapCompare, articles_dir: Path) -> None:
    assert snap_compare(
        example_app(articles_dir),
        terminal_size=(80, 24),
        run_before=after_loading("enter", "f", *"oekraine", "enter"),
    )


def test_outline_screen_80x24(snap_compare: SnapCompare, articles_dir: Path) -> None:
    assert snap_compare(
        example_app(articles_dir), terminal_size=(80, 24), run_before=after_loading("enter", "o")
    )


def test_outline_side_panel_120x40(snap_compare: SnapCompare, articles_dir: Path) -> None:
    assert snap_compare(
        example_app(articles_dir), terminal_size=(120, 40), run_before=after_loading("enter", "o")
    )


def test_tags_screen_80x24(snap_compare: SnapCompare, articles_dir: Path) -> None:
    from briefing_tui.core.articles import read_article
    from briefing_tui.core.locations import notes_dir
    from briefing_tui.core.notes import Anchor, Annotation, NoteStore, article_key

    store = NoteStore(notes_dir())
    for name, rows in (
        ("003_46394a742c6b9fcd.txt", [(0, ("kursk", "oorlog")), (1, ("koersk",))]),
        ("000_05c47d46c723b48d.txt", [(0, ("kursk",))]),
    ):
        article = read_article(articles_dir / name)
        annotations = [
            Annotation.new(Anchor.of(i, article.blocks[i].text), "", tags) for i, tags in rows
        ]
        store.save(article_key(article), annotations, title=article.title)
    assert snap_compare(
        example_app(articles_dir), terminal_size=(80, 24), run_before=after_loading("T", "space")
    )


def test_search_results_80x24(snap_compare: SnapCompare, articles_dir: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await after_loading("slash", *"oekraine")(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(example_app(articles_dir), terminal_size=(80, 24), run_before=run_before)


def test_library_60x20_no_color(
    snap_compare: SnapCompare, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The smallest size we support, without colour: cursor row reversed, help in the footer."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(
        example_app(articles_dir), terminal_size=(60, 20), run_before=after_loading()
    )


def test_reader_60x20_no_color(
    snap_compare: SnapCompare, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Highlights by bold, underline and italic; the paragraph cursor by its gutter mark."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(
        example_app(articles_dir), terminal_size=(60, 20), run_before=after_loading("enter", "j")
    )
