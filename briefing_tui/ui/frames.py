"""Keeping the garbage collector out of the frame that answers a key.

A full pass of Python's cyclic collector walks every container object the app holds
(tens of thousands: Textual's widgets and caches, the article's laid-out lines) and took
up to 70 ms on a 2-core machine. When it fell in the middle of opening an article, that
opening took three times as long. Held until the frame is drawn, the same pass runs while
the reader reads.

Start-up holds it too (`hold_collector`, before Textual is imported): importing Textual
and drawing the first screen make tens of thousands of objects that live as long as the
app, and the passes over them freed nothing while adding about 4% to the time to the
first frame. After that frame they are frozen (never walked again) and it runs again.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # this module is imported before Textual, to hold the collector
    from textual.message_pump import MessagePump

_held = False
"""Whether the collector is off because of `collect_after_refresh` (not someone else)."""


def collect_after_refresh(node: MessagePump) -> None:
    """Hold the garbage collector until the screen has drawn its next frame.

    A no-op while it is held already (or was turned off by someone else): the pending
    call turns it on again.
    """
    if hold_collector():
        node.call_after_refresh(release_collector)


def hold_collector() -> bool:
    """Turn the collector off until `release_collector`; False if it is off already."""
    global _held
    if not gc.isenabled():
        return False
    gc.disable()
    _held = True
    return True


def release_collector() -> None:
    """Turn the collector on again if it was held here (also when the app closes first)."""
    global _held
    if _held:
        _held = False
        gc.enable()


def release_after_start() -> None:
    """After the first frame: freeze what start-up made, then let the collector run."""
    if _held:
        gc.freeze()
        release_collector()
