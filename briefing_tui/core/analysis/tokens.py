"""Tokens with offsets, and where sentences start: the ground the analysis stands on."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words keep inner hyphens, ampersands, dots and apostrophes (Wit-Russische, CD&V, sp.a,
# zo'n); everything else that is not a space is a token of its own.
_TOKEN = re.compile(r"\w+(?:[-&.'’]\w+)*|[^\w\s]")
_SENTENCE_END = frozenset(".!?:;")
OPENING_MARKS = frozenset("„“\"‘'«‹(‚")
CLOSING_MARKS = frozenset("”“\"’'»›)")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark in a block."""

    text: str
    start: int
    end: int
    sentence_start: bool
    """First word of a sentence (or after a colon or an opening quote): capitalised anyway."""

    @property
    def is_word(self) -> bool:
        """Letters or digits, not punctuation."""
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def is_capitalised(self) -> bool:
        """Starts with an uppercase letter."""
        return self.text[0].isupper()

    @property
    def is_acronym(self) -> bool:
        """Two or more letters, all uppercase (NAVO, VVD, CD&V)."""
        letters = [char for char in self.text if char.isalpha()]
        return len(letters) >= 2 and all(char.isupper() for char in letters)


def tokenize(text: str) -> list[Token]:
    """Split block text into tokens, marking the first word of each sentence."""
    tokens: list[Token] = []
    at_start = True
    for match in _TOKEN.finditer(text):
        word = match.group()
        is_word = word[0].isalnum() or word[0] == "_"
        tokens.append(Token(word, match.start(), match.end(), at_start and is_word))
        if is_word:
            at_start = False
        elif word in _SENTENCE_END or word in OPENING_MARKS or word in "—–":
            at_start = True
    return tokens
