"""A footer that is rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

WIDE_ONLY_CLASS = "-wide-only"
"""On the footer keys shown only on wide screens (app.tcss hides them below 100 columns)."""


class SteadyFooter(Footer):
    """Textual's Footer, without rebuilding its keys when they stay the same.

    Textual's Footer recomposes (a widget per key, each styled and laid out) whenever the
    screen's bindings may have changed: on every focus change and every time its screen
    is shown again. For the library and the reader that is after every opening and every
    return, ~40 ms of work for the same keys.
    """

    def __init__(self, *, compact: bool = False, wide_only: Iterable[str] = ()) -> None:
        super().__init__(compact=compact)
        self.wide_only = frozenset(wide_only)
        """Actions whose keys show only from 100 columns (at 80 they would crowd out Help)."""
        self._shown: tuple[tuple[str, str, str, bool, str], ...] | None = None
        """The keys composed last: (key, action, description, enabled, tooltip)."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # the base class recomposes now
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.action in self.wide_only:
                widget.add_class(WIDE_ONLY_CLASS)
            yield widget
