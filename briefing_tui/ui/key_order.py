"""Keys handed to the screens one at a time, each once the one before it has settled.

Textual forwards each key to the widget focused at the moment the app reads it, by
posting it to that widget's queue; a binding of the screen runs only when the key has
bubbled back up to the app. Keys typed together (one SSH packet, or a key pressed
while a dialog closes) were therefore all queued on the old focus before the first of
them had acted: after `n` the letters went to the article view instead of the note
editor, after Enter in a panel the next `j` moved the panel's list instead of the
reader, and a key that bubbled up after the screen changed found no binding. Each was
silently dropped.

`KeyOrder` lets a key through at once when the app is settled (the usual case: no
delay) and holds the keys that follow it until every queue of the app and of the
screen now on top is empty, the dialog that key opened is mounted and focused, or the
one it closed is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from typing import Any
from weakref import WeakSet

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

SETTLE_ROUNDS = 12
"""At most this many rounds through the queues before the next key goes anyway (a
widget that keeps posting, a cursor blink, never holds the keys for long)."""
ROUND_TIMEOUT = 0.5
"""Seconds one round may take before the next key goes anyway."""


class KeyOrder:
    """The app's keys in order: the next one only when the previous one has acted."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.pending: deque[events.Key] = deque()
        """Keys read while an earlier one was still acting."""
        self.busy = False
        """A key was let through and its effects are not settled yet."""
        self._released: WeakSet[events.Key] = WeakSet()
        """Held keys posted to the app again, to be let through this time."""
        self._task: asyncio.Task[None] | None = None

    def hold(self, event: events.Key) -> bool:
        """True: the key is kept for later (the app is to ignore it now)."""
        if event in self._released:
            self._released.discard(event)
        elif self.busy:
            self.pending.append(event)
            return True
        self.busy = True
        self._task = asyncio.create_task(self._release_when_settled())
        return False

    async def _release_when_settled(self) -> None:
        await settle(self.app)
        if not self.pending:
            self.busy = False
            return
        event = self.pending.popleft()
        self._released.add(event)
        if not self.app.post_message(event):  # the app is closing
            self.pending.clear()
            self.busy = False


async def settle(app: App[Any]) -> None:
    """Wait until the app and the screen on top have handled every message they have,
    including what handling them posted (a dialog composing and taking focus)."""
    for _ in range(SETTLE_ROUNDS):
        # A round first: the key let through may not have reached its widget yet.
        await _round([app, *app.screen.walk_children(with_self=True)])
        pumps: list[MessagePump] = [app, *app.screen.walk_children(with_self=True)]
        if all(pump.message_queue_size == 0 for pump in pumps) and not _screen_composing(app):
            return


def _screen_composing(app: App[Any]) -> bool:
    """The screen on top has not finished mounting (its widgets would miss the key)."""
    return not app.screen.is_mounted


async def _round(pumps: list[MessagePump]) -> None:
    """Returns once each pump has handled the messages it had when called."""
    remaining = 0
    done = asyncio.Event()

    def one_done() -> None:
        nonlocal remaining
        remaining -= 1
        if remaining == 0:
            done.set()

    for pump in pumps:
        if pump.call_later(one_done):
            remaining += 1
    if remaining:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), ROUND_TIMEOUT)
