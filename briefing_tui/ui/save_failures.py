"""Saves that fail (a read-only or full config directory): said once, then shown quietly.

Every failed save of the reading position (every few seconds while reading) used to add
a toast of its own; four stacked toasts covered the note editor's own error and its
"Discard the changes?" question. Every storage failure now comes here. The first is told
once in a toast, with the file and the reason, never over a dialog (which shows its own
error); a dialog opening while that toast is up clears it. From the first failure on, a
mark in the library's title and the reader's status line (`BriefingApp.unsaved`) says
that nothing is being saved, until saving works again.
"""

from __future__ import annotations

import errno
import time
from typing import TYPE_CHECKING

from textual.screen import ModalScreen, Screen

from briefing_tui.core.safe_store import SaveError
from briefing_tui.core.safety import clean_line

if TYPE_CHECKING:
    from briefing_tui.ui.app import BriefingApp

UNSAVED_MARK = "read-only: notes and reading position are not saved"
"""What the library's title and the reader's status line show while saves fail."""
FULL_MARK = "disk full: notes and reading position are not saved"
"""The mark when the disk (or the user's quota) is full."""
TOAST_SECONDS = 8.0
READING = "reading position"
NOTES = "notes"
"""What could not be saved, as `SaveFailures` is told."""


class SaveFailures:
    """What the session could not save; used on the UI thread only."""

    def __init__(self, app: BriefingApp) -> None:
        self.app = app
        self.failing: set[str] = set()
        """What is failing now (READING, NOTES)."""
        self.told = False
        """Whether the one toast of the session was shown."""
        self._toast_until = 0.0
        """Until when (monotonic) that toast is on screen."""

    def failed(self, what: str, error: SaveError) -> None:
        """Saving `what` failed: the mark goes up; the first time, one toast says why.

        No toast while a dialog is open: it shows the error itself, and a toast would
        cover it.
        """
        self.failing.add(what)
        full = error.errno in (errno.ENOSPC, errno.EDQUOT)
        self.app.unsaved = FULL_MARK if full else UNSAVED_MARK
        if self.told or isinstance(self.app.screen, ModalScreen):
            return
        self.told = True
        self.app.notify(
            clean_line(f"{what.capitalize()} not saved: {error}"),
            title=self.app.unsaved,
            severity="warning",
            timeout=TOAST_SECONDS,
            markup=False,
        )
        self._toast_until = time.monotonic() + TOAST_SECONDS
        self.app.screen_change_signal.subscribe(self.app, self._screen_changed, immediate=True)

    def saved(self, what: str) -> None:
        """Saving `what` worked (again): the mark goes when nothing else is failing."""
        self.failing.discard(what)
        if not self.failing:
            self.app.unsaved = ""

    def _screen_changed(self, screen: Screen[object]) -> None:
        """A dialog opening while the toast is up clears it (with any other toast then)."""
        if isinstance(screen, ModalScreen) and time.monotonic() < self._toast_until:
            self._toast_until = 0.0
            self.app.clear_notifications()  # redraws the toasts of the dialog only:
            for below in self.app.screen_stack:  # the screen seen under it keeps its own
                for rack in below.query("ToastRack"):
                    rack.display = False  # shown again, as notifications then are, on resume
