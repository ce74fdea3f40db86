"""Where quotations stand in a block: opening and closing marks told from apostrophes.

„…”, “…”, "…", ‘…’, ’…’, '…', «…», »…«, ,,…'', ,,…”, ''…'', ”…”. Apostrophes (zo'n, Trump's,
Trump‘s, collega’s, voters', 's avonds, '90) are told from single quotes by what stands on
either side.

The marks of a block are read left to right with a stack of open quotes, so a quote inside
a quote („‘Ik ben geen pakketje’, zei hij.”) is found as a quote of its own (`Mark.depth`).
A quote still open at the end of a paragraph ends there. A mark of the same family opening
again after a sentence end while a quote is open (`"... rattled. "But I think ..."`, a
continuation whose closing mark was left off) ends the open stretch and starts a new one
(`Mark.continues`): each stretch is a quote of its own, with the same speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOSERS = {
    "„": '”“"',
    "“": '”"“',
    '"': '"”“',
    "''": "'”\"",
    "”": '”"',
    "‘": "’'",
    "’": "’'",
    "'": "'’",
    "«": "»",
    "»": "«",
    "‹": "›",
    "‚": "‘’'",
    ",,": "''”\"",
}
"""Per opening mark, the marks that can close it."""
_DOUBLE = frozenset(["„", "“", '"', "”", "«", "»", ",,", "''"])
"""Opening marks of the double family; the rest (‘ ’ ' ‹ ‚) are single marks."""
_WORD_CHAR = re.compile(r"\w")
# A pattern that opens with a character set lets the regex engine skip ahead to the next
# candidate character; an alternation or a repeat first makes it try a match at every
# character. So ",," is a comma followed by another, a lone comma no mark, and an
# apostrophe after a letter (zo'n, collega’s, Trump's: most of them) no opening mark.
_OPENING = re.compile(r"[„“\"”‘'’«»‹‚,](?:(?<=,),|(?<=['’])(?<!\w['’])|(?<![,'’]))")
"""Candidates for an opening mark, looked for while no quote is open."""
_ANY_MARK = re.compile(r"[„“\"”‘'’«»‹›‚,](?:(?<=,),|(?<!,))")
"""Candidates for any mark, looked for inside a quote."""
SPACE_BEFORE = " \t\n([{—–-/"
_SENTENCE_END = ".!?…"
_ELIDED = frozenset(["s", "t", "n", "k", "m", "r", "ns", "em", "til", "cause", "tis", "twas"])
"""Words written with an apostrophe for a dropped start: 's avonds, 't, 'k, 'm, 'em, 'til."""


@dataclass(slots=True)
class Mark:
    """A quote found in a block, before its speaker is known."""

    block: int
    open_at: int
    """Offset of the opening mark."""
    start: int
    end: int
    close_end: int
    """Offset just past the closing mark (== end when no closing mark ends the quote: it runs
    to the paragraph end, or to where the quotation re-opens)."""
    closed: bool
    depth: int = 0
    """0 for a quote in running text, 1 for a quote inside it, and so on."""
    continues: bool = False
    """The quotation re-opened without closing the previous stretch at this depth: this
    stretch continues the quote before it in the block (same speaker)."""


def is_letter(text: str, index: int) -> bool:
    return 0 <= index < len(text) and bool(_WORD_CHAR.match(text[index]))


def _opens(text: str, index: int, mark: str) -> bool:
    """Whether the mark at `index` opens a quote (not closing one, not an apostrophe)."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + len(mark)] if index + len(mark) < len(text) else " "
    if after.isspace():
        return mark == "«"  # « Bonjour »: guillemets may stand apart from the words
    if mark in ("'", "’"):
        if is_letter(text, index - 1):
            return False  # zo'n, Trump's, voters'
        if after.isdigit():
            return False  # de jaren '90
        if after.isalpha():
            word_end = index + 1
            while word_end < len(text) and text[word_end].isalpha():
                word_end += 1
            if text[index + 1 : word_end].lower() in _ELIDED:
                return False  # 's avonds, 't Hooft, 'n, 'k, 'em: elided words, not quotes
        return before in SPACE_BEFORE or before in '„“"«:'
    if mark == "‘" and is_letter(text, index - 1):
        return False  # Trump‘s: an apostrophe typed as an opening mark
    if mark in ('"', "”", "»", "''"):
        return before in SPACE_BEFORE or before in ":„“‘'«" or index == 0
    return True


def _closes(text: str, index: int, mark: str, opener: str) -> bool:
    """Whether the mark at `index` can close a quote opened by `opener`."""
    if index == 0:
        return False
    char = mark[0]
    if text[index - 1].isspace():
        # A double mark standing apart closes a double-quoted quote: 'Well done,' " said
        # X; «Bonjour »; a mark that opens (followed by a word) does not.
        after = index + len(mark)
        return (
            opener in _DOUBLE
            and mark in ('"', "”", "''", "»")
            and (after >= len(text) or text[after].isspace() or text[after] in ",.;:!?)")
        )
    if char == "“":
        return not is_letter(text, index + 1)  # “expedited review“ of: a mark typed the wrong way
    if char in ("'", "’"):
        if opener in ("''", ",,") and mark == "''":
            return True
        if opener == "''":
            return False  # ''...'' closes with two
        # An apostrophe inside the quote (zo'n) does not close it.
        if is_letter(text, index + 1) and is_letter(text, index - 1):
            return False
        return not _possessive(text, index)
    return True


def _possessive(text: str, index: int) -> bool:
    """A plural possessive (voters' choice) inside a single-quoted quote that closes later."""
    if text[index - 1] not in "sS" or not text.startswith(" ", index + 1):
        return False
    if not text[index + 2 : index + 3].islower():
        return False
    mark = text[index]
    later = text.find(mark, index + 1)
    while later >= 0:
        between = text[index:later]
        if "‘" in between or " '" in between or any(end in between for end in ".!?"):
            return False  # 'refugee crisis' and more. / ‘Boasters’ and ‘Blasphemers’
        if (
            not text[later - 1].isspace()
            and not is_letter(text, later + 1)
            and not text.startswith(mark, later + 1)
        ):
            return True
        later = text.find(mark, later + 1)
    return False


def _after_sentence_end(text: str, index: int) -> bool:
    """Whether a sentence ends right before `index` (space between): "rattled. "I"."""
    at = index - 1
    if at < 0 or not text[at].isspace():
        return False
    while at >= 0 and text[at].isspace():
        at -= 1
    return at >= 0 and text[at] in _SENTENCE_END


def _may_quote(text: str) -> bool:
    """Whether the text has a character `_OPENING` looks for: most paragraphs have none,
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
                or "’" in text
                or "”" in text
                or "«" in text
                or "»" in text
                or "‹" in text
                or "‚" in text
            )
        )
    )


def find_marks(block: int, text: str) -> list[Mark]:
    """Quotations in one block in the order they open (a quote inside a quote after it)."""
    marks: list[Mark] = []
    if not _may_quote(text):
        return marks
    # The open quotes, outermost first: (opening mark, its offset, where its words start,
    # whether it continues the stretch before it).
    stack: list[tuple[str, int, int, bool]] = []
    nested = False  # whether a quote inside a quote was found (then marks need sorting)
    index = 0
    length = len(text)
    while index < length:
        found_mark = (_ANY_MARK if stack else _OPENING).search(text, index)
        if found_mark is None:
            break
        index = found_mark.start()
        mark = found_mark.group()
        if mark == "'" and text.startswith("''", index):
            mark = "''"  # ''...'': two apostrophes for a double mark
        if stack:
            if len(stack) == 1 and mark != "''":  # the usual case, without a loop
                opener = stack[0][0]
                level = (
                    0 if mark[0] in _CLOSERS[opener] and _closes(text, index, mark, opener) else -1
                )
            else:
                level = _closing_level(stack, text, index, mark)
            if level >= 0:
                nested = nested or level > 0
                opener, open_at, start, continues = stack[level]
                del stack[level:]  # quotes opened inside and never closed were no quotes
                width = 2 if opener in (",,", "''") and text.startswith(("''", "’’"), index) else 1
                _add(marks, block, text, (open_at, start, index), index + width, level, continues)
                index += width
                continue
        if mark in _CLOSERS and _opens(text, index, mark):
            continues = False
            if (
                stack
                and (mark in _DOUBLE) is (stack[-1][0] in _DOUBLE)
                and _after_sentence_end(text, index)
            ):
                # The quotation re-opens: the open stretch ends here, unclosed.
                _, open_at, start, continues = stack.pop()
                nested = nested or bool(stack)
                _add(marks, block, text, (open_at, start, index), None, len(stack), continues)
                continues = True
            stack.append((mark, index, index + len(mark), continues))
            index += len(mark)
            continue
        index += 1
    if stack:  # still open at the paragraph end: the outermost quote runs to it
        _, open_at, start, continues = stack[0]
        _add(marks, block, text, (open_at, start, length), length, 0, continues, closed=False)
    if nested:
        marks.sort(key=_open_at)
    return marks


def _open_at(mark: Mark) -> int:
    return mark.open_at


def _closing_level(
    stack: list[tuple[str, int, int, bool]], text: str, index: int, mark: str
) -> int:
    """Which open quote the mark at `index` closes (-1: none): the innermost it can close."""
    char = mark[0]
    if mark == "''":  # ''...'' and ,,...'' close as a pair, also past a quote in single marks
        for level in range(len(stack) - 1, -1, -1):
            if stack[level][0] in ("''", ",,"):
                return level if _closes(text, index, mark, stack[level][0]) else -1
    for level in range(len(stack) - 1, -1, -1):
        opener = stack[level][0]
        if char in _CLOSERS[opener] and _closes(text, index, mark, opener):
            return level
    return -1


def _add(
    marks: list[Mark],
    block: int,
    text: str,
    span: tuple[int, int, int],
    close_end: int | None,
    depth: int,
    continues: bool,
    closed: bool = True,
) -> None:
    """The quote opened at span[0] with words from span[1] to span[2] (trimmed); close_end
    None: the quotation re-opens right after, no closing mark ends this stretch."""
    open_at, start, end = span
    if start < end and (text[start].isspace() or text[end - 1].isspace()):
        start, end = trim(text, start, end)
    if end > start:
        if close_end is None:
            close_end, closed = end, False
        marks.append(Mark(block, open_at, start, end, close_end, closed, depth, continues))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
