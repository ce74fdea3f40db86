"""Properties that hold for any input: cleaning, parsing, shortening and dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.core.dates import PartialDate
from briefing_tui.core.markdown_article import parse_markdown
from briefing_tui.core.plaintext import parse_plain_text
from briefing_tui.core.safety import clean_text
from briefing_tui.core.text import ELLIPSIS, collapse_spaces, count_words, shorten

# Pieces of the formats the parsers read, so generated text reaches their branches
# (date lines, headings, pull quotes, front matter, Markdown syntax, escapes).
FRAGMENTS = [
    "date 2025-03 ",
    "date 2025-13 ",
    "\n",
    "\n\n",
    " ",
    "\t",
    "Koersk",
    "Een zin.",
    "„Geen vertrouwen”",
    " Volodymyr Zelensky, president",
    '"',
    "'",
    "— ",
    "---\n",
    "+++\n",
    "title: x\n",
    'title = "x"\n',
    "# ",
    "> ",
    "- ",
    "3. ",
    "*",
    "**",
    "`",
    "[a](b)",
    "![a](b)",
    "&#x1b;",
    "\x1b[31m",
    "\x1b]52;c;ZXZp\x07",
    "\x9b",
    "\r\n",
    "\u202e",
]
article_text = st.one_of(
    st.text(),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40).map("".join),
)


def is_control(character: str) -> bool:
    """C0 (tab and newline excepted), DEL and C1."""
    code = ord(character)
    return (code < 0x20 and character not in "\t\n") or 0x7F <= code <= 0x9F


@given(st.text())
def test_clean_text_leaves_no_control_characters(text: str) -> None:
    assert not any(is_control(character) for character in clean_text(text))


@given(article_text)
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@settings(deadline=None)
@given(article_text)
def test_parse_plain_text_gives_non_empty_blocks_without_controls(text: str) -> None:
    article = parse_plain_text(text, Path("a.txt"))
    for block in article.blocks:
        assert block.text.strip()
        assert not any(is_control(character) for character in block.text)
    assert not any(is_control(character) for character in article.title)


@settings(deadline=None)
@given(article_text)
def test_parse_markdown_never_raises(text: str) -> None:
    article = parse_markdown(text, Path("a.md"))
    assert isinstance(article.title, str)


@given(st.text(), st.integers(min_value=-3, max_value=200))
def test_shorten_fits_the_width_and_keeps_the_start_of_the_text(text: str, width: int) -> None:
    normalised = " ".join(text.split())
    short = shorten(text, width)
    assert len(short) <= max(width, 0)
    if len(normalised) <= width:
        assert short == normalised
    elif width > 0:
        assert short.endswith(ELLIPSIS)
        assert normalised.startswith(short[: -len(ELLIPSIS)])


@given(st.dates())
def test_partial_date_parse_round_trips_iso(date: dt.date) -> None:
    parsed = PartialDate.parse(date.isoformat())
    assert parsed == PartialDate(date.year, date.month, date.day)
    assert parsed.iso() == date.isoformat()


@given(article_text | st.text())
def test_clean_text_quick_path_agrees_with_the_substitutions(text: str) -> None:
    """Text without control characters skips the substitutions: it must come out as if
    they had run (an escape sequence always starts with a control character)."""
    from briefing_tui.core import safety

    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    expected = safety._CONTROL_CHARACTERS.sub("", safety._ESCAPE_SEQUENCE.sub("", lines))
    assert clean_text(text) == expected


# Whitespace of every kind str.split() knows, among words and printable marks.
PIECES = [" ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2009"]
PIECES += ["\u2028", "\u3000", "\u202f", "a", "Oekraïne", "„", "”", "ß", ".", "\u200b", "é"]
SPACED = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@given(SPACED)
def test_collapsed_spaces_are_what_splitting_and_joining_gives(text: str) -> None:
    assert collapse_spaces(text) == " ".join(text.split())


@given(SPACED)
def test_counted_words_are_what_splitting_gives(text: str) -> None:
    assert count_words(text) == len(text.split())
