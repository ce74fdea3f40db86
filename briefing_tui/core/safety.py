"""Turn untrusted text into text that is safe to put on a terminal.

Article files, titles from front matter and (later) notes are data. Textual's `Text`
and `Content` already show Rich markup literally, but none of them removes escape
sequences: an OSC 52 clipboard write or a title change in an article would reach the
user's terminal. Everything from a file passes through `clean_text` at ingest.
"""

from __future__ import annotations

import re
from pathlib import PurePath

# ESC-introduced sequences, longest forms first: CSI, OSC, DCS/SOS/PM/APC strings,
# then two-character escapes. The 8-bit C1 introducers (0x9b CSI, 0x9d OSC, ...) too.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                       # CSI ... final byte
    | (?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?  # OSC ... BEL or ST
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?  # DCS SOS PM APC
    | \x1b[ -/]*[0-~]?                                       # other ESC sequences
    """,
    re.VERBOSE,
)
# Remaining C0 and C1 controls (tab and newline are kept), DEL, and the Unicode
# bidirectional overrides that can make text display differently from what it is.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Remove terminal escape sequences and control characters, keeping tab and newline.

    Line endings are normalised to `\\n` first so a CRLF file reads like any other.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Every escape sequence starts with a control character (ESC or a C1 introducer), so
    # text without one, nearly all of it, costs one scan instead of two substitutions.
    if _CONTROL_CHARACTERS.search(text) is None:
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL_CHARACTERS.sub("", text)


def display_path(path: PurePath) -> str:
    """A file name or path made safe to print: file names can hold escape sequences too."""
    return clean_line(str(path))


def clean_line(text: str) -> str:
    """Clean text meant for a single line (a title, a source): whitespace runs become one space."""
    return " ".join(clean_text(text).split())
