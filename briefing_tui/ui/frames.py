"""Keeping the garbage collector out of the frame that answers a key.

A full pass of Python's cyclic collector walks every container object the app holds
(tens of thousands: Textual's widgets and caches, the article's laid-out lines) and took
up to 70 ms on a 2-core machine. When it fell in the middle of opening an article, that
opening took three times as long. Held until the frame is drawn, the same pass runs while
the reader reads.
"""

from __future__ import annotations

import gc

from textual.message_pump import MessagePump

_held = False
"""Whether the collector is off because of `collect_after_refresh` (not someone else)."""


def collect_after_refresh(node: MessagePump) -> None:
    """Hold the garbage collector until the screen has drawn its next frame.

    A no-op while it is held already (or was turned off by someone else): the pending
    call turns it on again.
    """
    global _held
    if not gc.isenabled():
        return
    gc.disable()
    _held = True
    node.call_after_refresh(release_collector)


def release_collector() -> None:
    """Turn the collector on again if it was held here (also when the app closes first)."""
    global _held
    if _held:
        _held = False
        gc.enable()
