"""What start-up leaves until after the first frame: the other screens' CSS and the
garbage collector; both must be in place before anything needs them."""

from __future__ import annotations

import gc
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from app_support import APRIL_FILE, SIZE, make_app, wait_for_library
from textual.screen import Screen

import briefing_tui.ui.dialogs
import briefing_tui.ui.screens
from briefing_tui.ui.frames import hold_collector
from briefing_tui.ui.screens.library import LibraryScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.stylesheets import SCREENS_CSS
from briefing_tui.ui.widgets.article_view import ArticleView


def our_screens() -> list[type[Screen[object]]]:
    """Every screen and dialog class the UI defines."""
    found: list[type[Screen[object]]] = []
    for package in (briefing_tui.ui.screens, briefing_tui.ui.dialogs):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            found += [
                cls
                for _name, cls in inspect.getmembers(module, inspect.isclass)
                if issubclass(cls, Screen) and cls.__module__ == module.__name__
            ]
    return found


def test_every_screen_but_the_library_names_the_screens_stylesheet() -> None:
    screens = our_screens()
    assert LibraryScreen in screens and ReaderScreen in screens and len(screens) >= 10
    unstyled = [
        cls.__name__ for cls in screens if cls is not LibraryScreen and cls.CSS_PATH != SCREENS_CSS
    ]
    assert unstyled == []
    assert SCREENS_CSS.is_absolute() and SCREENS_CSS.is_file()


async def test_screens_css_is_read_after_the_first_frame_and_not_again_on_opening(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await pilot.pause()
        assert app.stylesheet.has_source(str(SCREENS_CSS))
        reparses: list[None] = []
        monkeypatch.setattr(app.stylesheet, "reparse", lambda: reparses.append(None))

        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, ReaderScreen)
        assert reparses == []  # Textual found the file already read
        heading = app.screen.query_one(ArticleView).get_component_rich_style(
            "article-view--heading"
        )
        assert heading.reverse  # the reader's rules from screens.tcss


@pytest.mark.parametrize("open_a_file", [False, True], ids=["library", "briefing FILE"])
async def test_collector_held_for_start_up_runs_again_after_the_first_frame(
    articles_dir: Path, open_a_file: bool
) -> None:
    open_path = articles_dir / APRIL_FILE if open_a_file else None
    app = make_app([articles_dir], open_path=open_path)
    assert hold_collector()  # as `briefing` does before it imports Textual
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert not gc.isenabled()
            await wait_for_library(pilot)
            assert isinstance(app.screen, ReaderScreen if open_a_file else LibraryScreen)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # start-up's objects are not walked again
            assert app.stylesheet.has_source(str(SCREENS_CSS))
    finally:
        gc.enable()
        gc.unfreeze()
