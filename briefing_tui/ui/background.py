"""Long pure-Python work in a thread beside the UI thread, without starving it of the GIL.

A thread that computes (the analysis of a 5 MB article: seconds of Python) keeps the
GIL until the interpreter asks it to hand over, by default every 5 ms. Each key goes
through three threads (Textual's input thread, the event loop, the output thread), and
each waited up to that long for the GIL: keys took tens of milliseconds while a huge
article was analysed. Asked every millisecond, the busy thread hands over sooner; the
cost is a little more switching in that thread only while it runs.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

BUSY_SWITCH_INTERVAL = 0.001
"""Seconds a busy thread keeps the GIL while another waits for it (Python's default: 0.005)."""

_lock = threading.Lock()
_busy = 0
_saved = 0.0


@contextmanager
def sharing_the_gil() -> Iterator[None]:
    """Run the body with the short switch interval (nested and concurrent uses count)."""
    global _busy, _saved
    with _lock:
        if _busy == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved, BUSY_SWITCH_INTERVAL))
        _busy += 1
    try:
        yield
    finally:
        with _lock:
            _busy -= 1
            if _busy == 0:
                sys.setswitchinterval(_saved)
