"""Marker glyphs, with an ASCII set for terminals whose font may lack the Unicode ones.

A Linux console (TERM=linux) or a VT100 draws what its font has: block elements and
box drawing usually, but not arrows or typographic marks. Textual sends the same
characters whatever TERM says, so we choose them ourselves.
"""

from __future__ import annotations

import os
from typing import NamedTuple


class Glyphs(NamedTuple):
    """The characters the list and the reader draw around article text."""

    cursor: str
    """Gutter mark beside the focused paragraph or article row."""
    rule: str
    """Horizontal rule in date headers."""
    quote_bar: str
    """Left bar of a block quote or pull quote."""
    bullet: str
    dash: str
    """Introduces a pull quote's attribution."""
    warning: str
    ellipsis: str
    """Ends a title cut to fit its column."""
    note: str
    """Marks a paragraph that has a note or tags."""
    unread: str
    """Marks an unread article in the library (its title is bold too)."""
    ascii_keys: bool
    """Show keys in the footer by name ("enter") rather than as symbols ("⏎")."""


UNICODE = Glyphs(
    cursor="▌",
    rule="─",
    quote_bar="│",
    bullet="•",
    dash="—",
    warning="⚠",
    ellipsis="…",
    note="✎",
    unread="●",
    ascii_keys=False,
)
ASCII = Glyphs(
    cursor=">",
    rule="-",
    quote_bar="|",
    bullet="*",
    dash="--",
    warning="!",
    ellipsis="...",
    note="*",
    unread="N",
    ascii_keys=True,
)

ASCII_KEY_NAMES = {
    "enter": "enter",
    "up": "up",
    "down": "down",
    "left": "left",
    "right": "right",
    "escape": "esc",
    "pageup": "pgup",
    "pagedown": "pgdn",
}
"""Footer names for keys that Textual shows as symbols a console font may lack."""

_ASCII_TERMINALS = ("linux", "vt100", "vt102", "vt220", "dumb", "ansi")


def glyphs_for_terminal(term: str | None = None, encoding: str | None = None) -> Glyphs:
    """ASCII glyphs for consoles that may lack the Unicode ones, and when output is not UTF-8."""
    term = (os.environ.get("TERM", "") if term is None else term).lower()
    if os.environ.get("BRIEFING_ASCII"):
        return ASCII
    if term.startswith(_ASCII_TERMINALS):
        return ASCII
    if encoding is not None and "utf" not in encoding.lower():
        return ASCII
    return UNICODE
