"""Ending the app when its terminal goes (SIGHUP) or it is told to stop (SIGTERM), within
a deadline whatever the UI thread is doing.

Handlers on the asyncio loop (`loop.add_signal_handler`) run only when the loop is free:
with the UI thread busy on a huge article, a dropped SSH connection left the process at
full CPU for over a minute, and SIGTERM did not end it. Here a plain `signal.signal`
handler (Python runs it in the main thread between two bytecodes, busy or not) only
starts a thread, which asks the UI thread to save and close as ctrl+q does; if the UI
thread has not saved within `SAVE_WAIT`, the thread saves the reading position itself
(the reading log is thread-safe), and at `EXIT_DEADLINE` it ends the process. A hung-up
terminal that sends no signal (its session leader ignores SIGHUP) is noticed by a thread
too: the terminal is no tty any more.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import termios
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

SAVE_WAIT = 0.7
"""Seconds the UI thread has to save and close before the reading position is saved
from another thread."""
EXIT_DEADLINE = 1.5
"""Seconds from the signal to the end of the process, whatever is still running."""
TERMINAL_CHECK_SECONDS = 1.0
"""How often the terminal is checked to still be there (a cheap isatty call)."""
RESTORE_WAIT = 0.2
"""How long a forced exit waits for the terminal's modes to be put back (a terminal that
reads nothing must not hold the exit up)."""
_RESET = b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?25h\x1b[?1049l"
"""Mouse reporting and bracketed paste off, the cursor shown, the normal screen back."""

SIGNALS = tuple(
    number for number in (getattr(signal, "SIGHUP", None), signal.SIGTERM) if number is not None
)
"""The signals that end the app (Windows has no SIGHUP)."""


class Departure:
    """Watches for the end of the terminal and for SIGHUP and SIGTERM; closes the app."""

    def __init__(
        self,
        close: Callable[[], None],
        save: Callable[[], None],
        call_in_ui_thread: Callable[[Callable[[], None]], object],
        terminal_modes: Callable[[], list[Any] | None] = lambda: None,
    ) -> None:
        """
        Args:
            close: Saves everything and exits the app; run in the UI thread.
            save: Saves what can be saved from another thread (the reading position).
            call_in_ui_thread: Schedules a call in the UI thread from any thread.
            terminal_modes: The terminal's modes before the app changed them (termios
                attributes), put back if the process has to be ended by force.
        """
        self._close = close
        self._save = save
        self._call_in_ui_thread = call_in_ui_thread
        self._terminal_modes = terminal_modes
        self._stopped = threading.Event()
        """Set when the app closed or is leaving: the terminal watch ends."""
        self._left = threading.Lock()
        """Taken once, by the first call of `leave` (never released: one departure).
        Never waited for, so a second signal during the first handler cannot block."""
        self._previous: dict[int, object] = {}

    def watch(self, terminal: int | None) -> None:
        """Install the handlers (from the main thread) and watch `terminal` (a tty fd)."""
        for number in SIGNALS:
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                self._previous[number] = signal.signal(number, self._signalled)
        if terminal is not None and os.isatty(terminal):
            threading.Thread(
                target=self._watch_terminal, args=(terminal,), name="terminal watch", daemon=True
            ).start()

    def stop(self) -> None:
        """The app closed by itself: the previous handlers again, no more watching."""
        for number, previous in self._previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(number, previous)  # type: ignore[arg-type]
        self._previous.clear()
        self._stopped.set()

    def _signalled(self, number: int, frame: FrameType | None) -> None:
        self.leave()

    def _watch_terminal(self, terminal: int) -> None:
        while not self._stopped.wait(TERMINAL_CHECK_SECONDS):
            if not os.isatty(terminal):
                self.leave()
                return

    def leave(self) -> None:
        """Save and end the process before the deadline (from any thread, once)."""
        if not self._left.acquire(blocking=False):
            return  # leaving already
        self._stopped.set()
        threading.Thread(target=self._leave, name="leaving", daemon=True).start()

    def _leave(self) -> None:
        deadline = time.monotonic() + EXIT_DEADLINE
        saved = threading.Event()

        def close() -> None:
            try:
                self._close()
            finally:
                saved.set()

        with contextlib.suppress(RuntimeError):  # the loop is closed already
            self._call_in_ui_thread(close)
        if not saved.wait(SAVE_WAIT):  # the UI thread is busy: save from here
            with contextlib.suppress(Exception):  # nothing is left to show a failure on
                self._save()
        # A normal close ends the process before this; Textual's can hang on a
        # hung-up terminal (its output thread dies on the first write to it).
        time.sleep(max(0.0, deadline - time.monotonic() - RESTORE_WAIT))
        restore = threading.Thread(target=self._restore_terminal, daemon=True)
        restore.start()
        restore.join(RESTORE_WAIT)
        os._exit(0)

    def _restore_terminal(self) -> None:
        """Put the terminal back as the shell had it, if it is still there."""
        with contextlib.suppress(Exception):
            stdin, stdout = sys.__stdin__, sys.__stdout__
            if stdin is not None and os.isatty(stdin.fileno()):
                modes = self._terminal_modes()
                if modes:
                    termios.tcsetattr(stdin.fileno(), termios.TCSANOW, modes)
            if stdout is not None and os.isatty(stdout.fileno()):
                os.write(stdout.fileno(), _RESET)
