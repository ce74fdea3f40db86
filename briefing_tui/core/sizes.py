"""File sizes in messages, in one convention: decimal units as `ls -l --si` shows them."""

from __future__ import annotations

_UNITS = ("kB", "MB", "GB", "TB", "PB", "EB")


def describe_size(size: int) -> str:
    """`size` bytes as "999 B", "1.1 kB", "5.3 MB", "12 MB": powers of 1000, like `ls --si`.

    Rounded up, as ls does, so a file just over a limit never reads as the limit itself
    ("5.1 MB; the limit is 5.0 MB", not "5.0 MB; the limit is 5.0 MB"). One decimal below
    10 of a unit, whole numbers from 10 to 999.
    """
    if size < 1000:
        return f"{size} B"
    scale = 1
    for unit in _UNITS:
        scale *= 1000
        tenths = -(-size * 10 // scale)  # rounded up
        if tenths < 100:
            return f"{tenths // 10}.{tenths % 10} {unit}"
        whole = -(-size // scale)
        if whole < 1000:
            return f"{whole} {unit}"
    return f"{-(-size // scale)} {_UNITS[-1]}"
