"""Glue between the screens and the reading state: saving it off the UI thread, and the
palette commands of the reading flow (shown only where their action applies)."""

from __future__ import annotations

import contextlib
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from briefing_tui.core.safe_store import SaveError
from briefing_tui.ui.save_failures import READING

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp


def save_reading(app: BriefingApp) -> None:
    """Save the reading state in a worker thread; a failure is reported (once, see
    ui/save_failures.py) and the changes are kept for the next try."""
    if not app.reading.has_changes:
        return
    failures = app.save_failures

    def save() -> None:
        try:
            app.reading.save()
        except SaveError as error:
            app.call_from_thread(failures.failed, READING, error)
            return
        if READING in failures.failing:
            app.call_from_thread(failures.saved, READING)

    app.run_worker(save, thread=True, group="reading-save", name="save reading state")


def save_reading_now(app: BriefingApp) -> None:
    """Save at once, on the UI thread (the app is closing; a worker would not finish)."""
    # Nothing is left to show a failure on; the next session still has the old state.
    with contextlib.suppress(SaveError):
        app.reading.save()


READING_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("next_unread", "Next unread article", "Put the cursor on the next unread article"),
    ("toggle_read", "Mark read / unread", "Toggle whether this article counts as read"),
    ("find", "Find in article…", "Find a word in this article (case and accents ignored)"),
    ("outline", "Outline", "The article's headings and pull quotes; Enter goes there"),
    ("tags", "Tags: rename and merge…", "Every tag with its count; rename or merge tags"),
)
"""Action, palette title, help: one command per reading-flow action a screen has."""


class ReadingCommands(Provider):
    """Commands for the screen under the palette, when that screen can run them."""

    def _commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        return [
            (action, title, help_text)
            for action, title, help_text in READING_COMMANDS
            if hasattr(screen, f"action_{action}") and screen.check_action(action, ()) is not False
        ]

    async def discover(self) -> Hits:
        for action, title, help_text in self._commands():
            yield DiscoveryHit(title, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action, title, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.screen.run_action, action),
                    help=help_text,
                )
