"""Tokens with offsets, and where sentences start: the ground the analysis stands on."""

from __future__ import annotations

import re
from typing import NamedTuple

# Words keep inner hyphens, ampersands, dots and apostrophes (Wit-Russische, CD&V, sp.a,
# zo'n); everything else that is not a space is a token of its own.
_TOKEN = re.compile(r"\w+(?:[-&.'’]\w+)*|[^\w\s]")
_SENTENCE_END = frozenset(".!?:;")
OPENING_MARKS = frozenset("„“\"‘'«‹(‚")
CLOSING_MARKS = frozenset("”“\"’'»›)")
# A dash standing alone ends a dateline ("DEN HAAG (ANP) - Het kabinet ...").
_BOUNDARIES = _SENTENCE_END | OPENING_MARKS | frozenset("—–-")
_ELIDED = frozenset({"s", "t", "n"})
"""'s, 't, 'n: an elided article opens a sentence without being its first word."""


class Token(NamedTuple):
    """A word or punctuation mark in a block."""

    text: str
    start: int
    end: int
    sentence_start: bool
    """First word of a sentence (or after a colon or an opening quote): capitalised anyway."""
    is_word: bool
    """Letters or digits, not punctuation."""
    is_capitalised: bool
    """Starts with an uppercase letter."""

    @property
    def is_acronym(self) -> bool:
        """Two or more letters, all uppercase (NAVO, VVD, CD&V)."""
        letters = [char for char in self.text if char.isalpha()]
        return len(letters) >= 2 and all(char.isupper() for char in letters)


def tokenize(text: str) -> list[Token]:
    """Split block text into tokens, marking the first word of each sentence."""
    tokens: list[Token] = []
    append = tokens.append
    at_start = True
    boundaries = _BOUNDARIES
    for match in _TOKEN.finditer(text):
        word = match.group()
        first = word[0]
        if first.isalnum() or first == "_":
            append(Token(word, match.start(), match.end(), at_start, True, first.isupper()))
            elided = word in _ELIDED and tokens[-2:-1] and tokens[-2].text in ("'", "’")
            at_start = bool(at_start and elided)
        else:
            append(Token(word, match.start(), match.end(), False, False, False))
            # The dot of an initial ("F. Bahamontes", "Martien R.") ends no sentence.
            initial = (
                first == "."
                and len(tokens) > 1
                and len(tokens[-2].text) == 1
                and tokens[-2].is_capitalised
            )
            if first in boundaries and not initial:
                at_start = True
    return tokens
