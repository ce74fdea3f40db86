"""A terminal driver that reports clicks, the wheel and drags, but not every mouse movement.

Textual's LinuxDriver turns on any-motion tracking (DEC mode 1003): the terminal then
sends a report for every cell the pointer crosses, over SSH too, and the app redraws
hover states for each. Button-event tracking (1002) still reports clicks, the wheel
and movement while a button is held (dragging a scrollbar), which is all this app uses.
Textual has no setting for this, so the one method that writes the modes is replaced
here; `[terminal] mouse_motion = true` in config.toml keeps Textual's own driver.
"""

from __future__ import annotations

from briefing_tui.ui.quick_escape import QuickEscapeDriver


class ClickMouseDriver(QuickEscapeDriver):
    """LinuxDriver with button-event mouse tracking instead of any-motion tracking."""

    def _enable_mouse_support(self) -> None:
        if not self._mouse:
            return
        self.write("\x1b[?1000h")  # report button presses and releases
        self.write("\x1b[?1002h")  # and movement only while a button is held
        self.write("\x1b[?1015h")  # urxvt coordinates
        self.write("\x1b[?1006h")  # SGR coordinates (columns past 223)
        self.flush()

    def _disable_mouse_support(self) -> None:
        if not self._mouse:
            return
        self.write("\x1b[?1000l")
        self.write("\x1b[?1002l")
        self.write("\x1b[?1015l")
        self.write("\x1b[?1006l")
        self.flush()
