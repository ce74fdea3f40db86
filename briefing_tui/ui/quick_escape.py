"""A terminal driver whose Escape key arrives at once instead of a tenth of a second late.

A terminal sends Esc as the same byte that starts every escape sequence (arrows, F3,
mouse reports), so Textual waits ESCDELAY (100 ms by default) after a lone ESC for the
rest of a sequence; and its input thread looks at that wait only when its 0.1 s
`select` returns, so Esc took 100-200 ms where `h` took a few. A terminal writes a
sequence in one piece, and a pty or an SSH channel delivers it in one read, so a read
that ends with ESC is all but always the Esc key: here the wait is QUICK_ESCAPE_DELAY
and the input thread wakes when it is over. A user on a link that splits sequences
sets ESCDELAY (in ms), which is honoured as Textual does.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import time
from codecs import getincrementaldecoder

from textual import constants
from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

QUICK_ESCAPE_DELAY = 0.01
"""Seconds to wait after a read that ends with ESC for the rest of a sequence, unless
ESCDELAY is set (tmux 3.5 chose 10 ms for its escape-time for the same reason)."""
IDLE_SELECT = 0.1
"""Textual's own wait between looks at the exit flag when no key comes."""


def escape_delay() -> float:
    """The wait after a lone ESC: ESCDELAY if the user set it, else QUICK_ESCAPE_DELAY."""
    return constants.ESCAPE_DELAY if os.environ.get("ESCDELAY") else QUICK_ESCAPE_DELAY


def select_timeout(escape_due: float | None, now: float) -> float:
    """How long the input thread may wait for input: until a lone ESC's wait is over (a
    millisecond past it, so the parser finds it due), else IDLE_SELECT."""
    if escape_due is None:
        return IDLE_SELECT
    return max(0.0, min(IDLE_SELECT, escape_due - now)) + 0.001


class QuickEscapeDriver(LinuxDriver):
    """LinuxDriver with an input thread that hands over a lone Esc after `escape_delay`."""

    def run_input_thread(self) -> None:
        """Textual's LinuxDriver.run_input_thread, waking when an Esc's wait is over."""
        wait = escape_delay()
        # Read by the parser each time it meets an ESC (Textual's setting for this wait).
        constants.ESCAPE_DELAY = wait  # type: ignore[misc]
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        escape_due: float | None = None
        """When the ESC that ended the last read counts as the Esc key."""

        def process(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            nonlocal escape_due
            for last, (_key, mask) in loop_last(ready):
                if mask & selectors.EVENT_READ:
                    data = decode(os.read(fileno, 1024 * 4), final=final and last)
                    if not data:
                        break  # stdin is a pipe that closed
                    escape_due = time.monotonic() + wait if data.endswith("\x1b") else None
                    for event in parser.feed(data):
                        self.process_message(event)
            for event in parser.tick():
                escape_due = None
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(select_timeout(escape_due, time.monotonic())))
            selector.unregister(self.fileno)
            process(selector.select(IDLE_SELECT), final=True)
        finally:
            selector.close()
            with contextlib.suppress(EOFError, ParseError):
                for _event in parser.feed(""):
                    pass
