"""Helpers for the Pilot tests: building the app, waiting for the library, reading the screen."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.pilot import Pilot
from textual.scroll_view import ScrollView
from textual.widgets import Footer, Static
from textual.widgets._toast import Toast

from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.glyphs import UNICODE, Glyphs
from briefing_tui.ui.screens.reader import ReaderScreen

SIZE = (80, 24)
"""The smallest terminal we promise to work in."""

APRIL_FILE = "003_46394a742c6b9fcd.txt"
"""The newer example article (2025-04): first in the library."""
APRIL_TITLE = "Het was een historische aankondiging"
MARCH_FILE = "000_05c47d46c723b48d.txt"
"""The older example article (2025-03): second in the library."""
MARCH_TITLE = "De Russische president Poetin heeft op een persconferentie"


def make_app(
    paths: Sequence[Path], *, open_path: Path | None = None, glyphs: Glyphs = UNICODE
) -> BriefingApp:
    """The app with Unicode glyphs unless told otherwise, so TERM does not matter."""
    return BriefingApp(list(paths), open_path=open_path, glyphs=glyphs)


async def wait_for_library(pilot: Pilot[int]) -> None:
    """Let the background scan (and any other worker) finish and its result reach the
    screen, with the key bar, which the library mounts after its first frame."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for _ in range(20):
        if pilot.app.screen.query(Footer):
            break
        await pilot.pause()
    await pilot.pause()  # the key bar's keys are composed once it is mounted


async def open_first_article(pilot: Pilot[int]) -> ReaderScreen:
    """From a fresh start, open the first article (April) and wait for its analysis."""
    await wait_for_library(pilot)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


async def settle(pilot: Pilot[int], rounds: int = 5) -> None:
    """Let async work (the command palette's search) reach the screen."""
    for _ in range(rounds):
        await pilot.pause()


def widget_lines(widget: ScrollView) -> list[str]:
    """The visible lines of a line-API widget, as plain text."""
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def screen_lines(app: App[int]) -> list[str]:
    """Every line of the current screen as plain text, as a screenshot would show it.

    Uses the screen's compositor, which is private Textual API; this is the one place
    to change if Textual moves it.
    """
    return [strip.text for strip in app.screen._compositor.render_strips()]


def toast_texts(app: App[int]) -> list[str]:
    """The text of each notification on screen (run_test needs notifications=True)."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


def static_text(app: App[int], selector: str) -> str:
    """The plain text of a Static on the current screen."""
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


MakeLibrary = Callable[[Mapping[str, str | bytes]], Path]
"""The `make_library` fixture: a new folder holding the given files."""
