"""The plain-text briefing format the example articles use.

```
 date 2025-03 De Russische president Poetin heeft ... (first paragraph, same line)

Koersk                                   <- a short line without closing punctuation: a heading

„Er is geen vertrouwen ...” Volodymyr Zelensky, president Oekraïne   <- a pull quote
```
Blocks are separated by blank lines; the lines of one block are joined into one paragraph.
"""

from __future__ import annotations

import re
from pathlib import Path

from briefing_tui.core.dates import DateError, PartialDate
from briefing_tui.core.model import Article, Block, BlockKind
from briefing_tui.core.safety import clean_text
from briefing_tui.core.text import collapse_spaces, derive_title, detect_language

_DATE_LINE = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")

HEADING_MAX_WORDS = 10
HEADING_MAX_CHARS = 80
ATTRIBUTION_MAX_WORDS = 12

OPENING_QUOTES = "„“\"‘'«‹"
CLOSING_QUOTES = "”“\"’'»›"
# Marks that cannot appear in an attribution; ' and ’ can, as apostrophes (O'Connor).
_DOUBLE_AND_OPENING_MARKS = '„“”"«»‹›‘'
_CLOSING_PUNCTUATION = tuple(".,;:!?…") + tuple(CLOSING_QUOTES) + (")", "]")


def split_date_line(text: str) -> tuple[str | None, str]:
    """Split a leading `date YYYY[-MM[-DD]]` from the text; the rest may run on the same line."""
    match = _DATE_LINE.match(text)
    if match is None or not re.fullmatch(r"\d{4}(?:-\d{1,2}){0,2}", match.group(1)):
        return None, text
    return match.group(1), text[match.end() :]


def is_heading(line: str) -> bool:
    """A short line that starts like a title and does not end like a sentence."""
    return (
        0 < len(line) <= HEADING_MAX_CHARS  # first: a paragraph is not split into words
        and 0 < len(line.split()) <= HEADING_MAX_WORDS
        and line[0].isalnum()
        and not line.endswith(_CLOSING_PUNCTUATION)
    )


def _is_attribution(text: str) -> bool:
    text = text.strip()
    return (
        bool(text)
        and len(text.split()) <= ATTRIBUTION_MAX_WORDS
        and text[0].isalpha()
        and not text.endswith(tuple(".;:!?"))
        and not any(mark in text for mark in _DOUBLE_AND_OPENING_MARKS)
    )


def _attribution_offset(text: str, start: int) -> int:
    """Skip the spaces and dashes that introduce an attribution."""
    while start < len(text) and text[start] in " —–-":
        start += 1
    return start


def split_pull_quote(lines: list[str]) -> tuple[str, int] | None:
    """(text, where the attribution starts) if the block is a quotation followed by who said it.

    Two layouts are recognised: `„...” Name, role` on one line, and the quotation on
    one line with the attribution on the next. The text keeps both, joined by a space.
    """
    if not lines or not lines[0] or lines[0][0] not in OPENING_QUOTES:
        return None
    if len(lines) == 2:
        quote = lines[0].strip()
        text = f"{quote} {lines[1].strip()}"
        start = _attribution_offset(text, len(quote))
        if quote[-1] in CLOSING_QUOTES and _is_attribution(text[start:]):
            return text, start
        return None
    if len(lines) != 1:
        return None
    line = lines[0]
    # The attribution follows the last closing quotation mark.
    for position in range(len(line) - 1, 0, -1):
        if line[position] in CLOSING_QUOTES and line[position + 1 : position + 2].isspace():
            start = _attribution_offset(line, position + 1)
            if _is_attribution(line[start:]):
                return line, start
            return None
    return None


def parse_blocks(body: str) -> list[Block]:
    """Turn the body of a plain-text article into blocks."""
    chunks = [chunk for chunk in _BLANK_LINES.split(body.strip("\n")) if chunk.strip()]
    blocks: list[Block] = []
    for index, chunk in enumerate(chunks):
        lines = [collapse_spaces(line) for line in chunk.split("\n") if line.strip()]
        pull_quote = split_pull_quote(lines)
        if pull_quote is not None:
            text, attribution_start = pull_quote
            blocks.append(Block(BlockKind.PULLQUOTE, text, attribution_start=attribution_start))
            continue
        text = " ".join(lines)
        is_last = index == len(chunks) - 1
        if len(lines) == 1 and is_heading(text) and not (is_last and blocks):
            blocks.append(Block(BlockKind.HEADING, text, level=2))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, text))
    return blocks


def parse_plain_text(text: str, path: Path, *, guess_language: bool = True) -> Article:
    """Parse a plain-text article (already decoded) into an Article (see `read_article`
    for `guess_language`)."""
    problems: list[str] = []
    raw_date, body = split_date_line(clean_text(text))
    date: PartialDate | None = None
    if raw_date is not None:
        try:
            date = PartialDate.parse(raw_date)
        except DateError as error:
            problems.append(f"date ignored: {error}")
    blocks = parse_blocks(body)
    if blocks and blocks[0].kind is BlockKind.HEADING:
        title = blocks[0].text
    else:
        title = derive_title(block.text for block in blocks if block.kind is BlockKind.PARAGRAPH)
    return Article(
        path=path,
        title=title,
        blocks=tuple(blocks),
        date=date,
        language=detect_language(body) if guess_language else None,
        problems=tuple(problems),
    )
