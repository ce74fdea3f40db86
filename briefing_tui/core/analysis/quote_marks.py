"""Where quotations stand in a block: opening and closing marks told from apostrophes.

„…”, “…”, "…", ‘…’, '…', «…», ,,…''. Apostrophes (zo'n, Trump's, collega's, voters') are
told from single quotes by what stands on either side. A quote still open at the end of a
paragraph ends there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOSERS = {
    "„": '”“"',
    "“": '”"',
    '"': '"”“',
    "‘": "’'",
    "'": "'’",
    "«": "»",
    "»": "«",
    "‹": "›",
    "‚": "‘’'",
    ",,": "''”\"",
}
_WORD_CHAR = re.compile(r"\w")
# A pattern that opens with a character set lets the regex engine skip ahead to the next
# candidate character; an alternation or a repeat first makes it try a match at every
# character. So ",," is a comma followed by another, and a lone comma no mark.
_ANY_MARK = re.compile(r"[„“\"‘'«»‹‚,](?:(?<=,),|(?<!,))")
_CLOSER_PATTERNS = {
    opener: re.compile(
        "''|’’|[" + re.escape(closers) + "]" if opener == ",," else "[" + re.escape(closers) + "]"
    )
    for opener, closers in _CLOSERS.items()
}
"""Per opening mark, the marks that can close it (found by regex, not char by char)."""
SPACE_BEFORE = " \t\n([{—–-/"


@dataclass(slots=True)
class Mark:
    """A quote found in a block, before its speaker is known."""

    block: int
    open_at: int
    """Offset of the opening mark."""
    start: int
    end: int
    close_end: int
    """Offset just past the closing mark (== end when the quote runs to the paragraph end)."""
    closed: bool


def is_letter(text: str, index: int) -> bool:
    return 0 <= index < len(text) and bool(_WORD_CHAR.match(text[index]))


def _opens(text: str, index: int, mark: str) -> bool:
    """Whether the mark at `index` opens a quote (not closing one, not an apostrophe)."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + len(mark)] if index + len(mark) < len(text) else " "
    if after.isspace():
        return False
    if mark in ("'", "’"):
        if is_letter(text, index - 1):
            return False  # zo'n, Trump's, voters'
        if after.isdigit():
            return False  # de jaren '90
        # 's avonds, 't Hooft, 'n: elided articles, not quotes.
        elided = text[index + 1 : index + 3]
        if elided[:1] in ("s", "t", "n") and (len(elided) < 2 or not elided[1].isalpha()):
            return False
        return before in SPACE_BEFORE or before in '„“"«:'
    if mark == '"':
        return before in SPACE_BEFORE or before in ":„“‘'«" or index == 0
    return True


def _closes(text: str, index: int, mark: str) -> bool:
    """Whether the mark at `index` can close the open quote."""
    if index == 0 or text[index - 1].isspace():
        return False
    # An apostrophe inside the quote (zo'n) does not close it.
    return not (mark in ("'", "’") and is_letter(text, index + 1) and is_letter(text, index - 1))


def _may_quote(text: str) -> bool:
    """Whether the text has a character `_ANY_MARK` looks for: most paragraphs have none,
    and `in` finds that faster than the regex engine tests every character against a set."""
    return (
        '"' in text
        or "'" in text
        or ",," in text
        or (
            not text.isascii()
            and (
                "„" in text
                or "“" in text
                or "‘" in text
                or "«" in text
                or "»" in text
                or "‹" in text
                or "‚" in text
            )
        )
    )


def find_marks(block: int, text: str) -> list[Mark]:
    """Quotations in one block, outermost only (a quote inside a quote is part of it)."""
    marks: list[Mark] = []
    if not _may_quote(text):
        return marks
    index = 0
    length = len(text)
    while index < length:
        found_mark = _ANY_MARK.search(text, index)
        if found_mark is None:
            break
        index = found_mark.start()
        char = text[index]
        opener = ",," if text.startswith(",,", index) else char
        if opener in _CLOSERS and opener not in ("”", "»") and _opens(text, index, opener):
            start = index + len(opener)
            found = -1
            for closing in _CLOSER_PATTERNS[opener].finditer(text, start):
                if _closes(text, closing.start(), closing.group()[0]):
                    found = closing.start()
                    break
            if found < 0:
                end = length
                content_start, content_end = trim(text, start, end)
                if content_end > content_start:
                    marks.append(Mark(block, index, content_start, content_end, end, False))
                break
            width = 2 if opener == ",," and text.startswith(("''", "’’"), found) else 1
            content_start, content_end = trim(text, start, found)
            if content_end > content_start:
                marks.append(Mark(block, index, content_start, content_end, found + width, True))
            index = found + width
            continue
        index += 1
    return marks


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
