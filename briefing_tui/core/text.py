"""Small text functions shared by the parsers and the list: titles, shortening, language."""

from __future__ import annotations

import re
from collections.abc import Iterable

TITLE_MAX_CHARS = 160
"""A derived title longer than this is cut at a word boundary."""

ELLIPSIS = "…"

# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before
# whitespace and a character that can start a sentence. "17.00 uur" and "2.5" do not
# end sentences because no space follows the dot.
_SENTENCE_END = re.compile(r"[.!?…][”’\"'»)\]]*(?=\s+[\"'„“‘«(\[A-ZÀ-ÖØ-Þ0-9])")

# Function words that tell Dutch and English apart even in a single paragraph.
_DUTCH_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "in",
        "is",
        "dat",
        "op",
        "te",
        "zijn",
        "niet",
        "met",
        "voor",
        "hij",
        "ze",
        "er",
        "maar",
        "om",
        "ook",
        "als",
        "bij",
        "nog",
        "wel",
        "naar",
        "dan",
        "wat",
        "worden",
        "heeft",
        "werd",
        "zich",
        "dit",
        "tot",
        "uit",
        "zal",
        "over",
    ]
)
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "of",
        "in",
        "is",
        "that",
        "on",
        "to",
        "be",
        "not",
        "with",
        "for",
        "he",
        "she",
        "they",
        "it",
        "but",
        "as",
        "at",
        "by",
        "from",
        "this",
        "was",
        "were",
        "have",
        "has",
        "had",
        "will",
        "would",
        "which",
        "their",
        "said",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def collapse_spaces(text: str) -> str:
    """`" ".join(text.split())`: each run of whitespace one space, none at the ends.

    Nearly all text needs no change, and that is seen in a few passes of C over it (no
    whitespace but a space is printable): a 5 MB article was split word by word three
    times on its way to the screen.
    """
    if (
        text.isprintable()
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
    ):
        return text
    return " ".join(text.split())


def count_words(text: str) -> int:
    """`len(text.split())`, without making the list when only spaces separate words."""
    if text.isprintable() and "  " not in text:
        if not text:
            return 0
        return text.count(" ") + 1 - text.startswith(" ") - text.endswith(" ")
    return len(text.split())


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (the whole paragraph if it has only one)."""
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    return text[: match.end()] if match else text


def shorten(text: str, width: int, ellipsis: str = ELLIPSIS) -> str:
    """Cut text to at most `width` characters at a word boundary, ending with an ellipsis.

    A single word longer than the width is cut mid-word: better than showing nothing.
    """
    text = " ".join(text.split())
    if width <= 0:
        return ""
    if len(text) <= width:
        return text
    if width <= len(ellipsis):
        return ellipsis[:width]
    cut = text[: width - len(ellipsis)]
    space = cut.rfind(" ")
    if space >= width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + ellipsis


def derive_title(paragraphs: Iterable[str]) -> str:
    """A title from the first sentence of the first non-empty paragraph."""
    for paragraph in paragraphs:
        sentence = first_sentence(paragraph).strip()
        if sentence:
            return shorten(sentence, TITLE_MAX_CHARS)
    return "(untitled)"


def detect_language(text: str) -> str | None:
    """Guess "nl" or "en" from function words; None when the text gives too little to go on.

    Only the two languages briefings come in are told apart, so counting a few dozen
    very frequent words is as reliable as a general detector and costs nothing.
    """
    # The first few thousand characters tell Dutch from English as well as the whole
    # article, at a fraction of the cost for long ones (it runs for every file indexed).
    words = _WORD.findall(text[:3000].lower())
    dutch = sum(map(_DUTCH_WORDS.__contains__, words))
    english = sum(map(_ENGLISH_WORDS.__contains__, words))
    if dutch + english < 3:
        return None
    if dutch >= 1.5 * english:
        return "nl"
    if english >= 1.5 * dutch:
        return "en"
    return None
