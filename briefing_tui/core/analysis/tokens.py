"""Tokens with offsets, and where sentences start: the ground the analysis stands on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate

# Words keep inner hyphens, ampersands, dots and apostrophes (Wit-Russische, CD&V, sp.a,
# zo'n); everything else that is not a space is a token of its own. Each match carries the
# spaces before its token, so adding up match lengths gives the offsets. The quantifiers are
# possessive: what follows each can never start with what it gave up, so keeping no
# backtracking points changes no match and saves the regex engine some work.
_SPACED_TOKEN = re.compile(r"\s*+(?:\w++(?:[-&.'’]\w++)*+|[^\w\s])")
_SENTENCE_END = frozenset(".!?:;")
OPENING_MARKS = frozenset("„“\"‘'«‹(‚")
CLOSING_MARKS = frozenset("”“\"’'»›)")
# A dash standing alone ends a dateline ("DEN HAAG (ANP) - Het kabinet ...").
_BOUNDARIES = _SENTENCE_END | OPENING_MARKS | frozenset("—–-")
_ELIDED = frozenset({"s", "t", "n"})
"""'s, 't, 'n: an elided article opens a sentence without being its first word."""
_APOSTROPHES = ("'", "’")
_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.)+[A-Z][a-z]?")
"""Initials written together, before their last dot: "J.J", "A.F.Th"."""


def is_initials(word: str) -> bool:
    """An initial or several written together, their last dot a token of its own: "R",
    "J.J", "A.F.Th"."""
    if len(word) == 1:
        return word.isupper()
    return "." in word and _INITIALS.fullmatch(word) is not None


def is_word(token: str) -> bool:
    """Letters or digits, not punctuation (a punctuation token is one character)."""
    first = token[0]
    return first.isalnum() or first == "_"


def is_capitalised(token: str) -> bool:
    """A word starting with an uppercase letter (Ⓐ is uppercase too, but no letter)."""
    first = token[0]
    return first.isupper() and first.isalnum()


@lru_cache(maxsize=4096)
def is_acronym(token: str) -> bool:
    """Two or more letters, all uppercase (NAVO, VVD, CD&V); names recur, so cached."""
    letters = [char for char in token if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


class Tokens:
    """The words and punctuation marks of a block, as parallel lists.

    Most tokens are lowercase words that the rules never look at, so no object is made per
    token: the regex engine splits the text, `accumulate` adds up the offsets, and whether a
    token opens a sentence is worked out only for the tokens that are asked about.
    """

    __slots__ = ("_opens_sentence", "ends", "words")

    def __init__(self, text: str) -> None:
        pieces = _SPACED_TOKEN.findall(text)
        self.words: list[str] = list(map(str.lstrip, pieces))
        """Each token's text."""
        self.ends: list[int] = list(accumulate(map(len, pieces)))
        """`str` offset just past each token."""
        self._opens_sentence: dict[int, bool] = {}

    def __len__(self) -> int:
        return len(self.words)

    def start(self, index: int) -> int:
        """`str` offset of the token's first character."""
        return self.ends[index] - len(self.words[index])

    def mid_sentence(self, positions: Iterable[int]) -> list[int]:
        """Those of `positions` (all words) whose word does not open a sentence.

        Most capitalised words follow another word ("president Poetin"), which settles it
        without walking back; the rest ask `sentence_start`.
        """
        words = self.words
        opens = self._opens_sentence
        found: list[int] = []
        for position in positions:
            if position > 0:
                previous = words[position - 1]
                first = previous[0]
                if (first.isalnum() or first == "_") and previous not in _ELIDED:
                    opens[position] = False
                    found.append(position)
                    continue
            if not self.sentence_start(position):
                found.append(position)
        return found

    def sentence_start(self, index: int) -> bool:
        """First word of a sentence (or after a colon or an opening quote): capitalised anyway.

        Read backwards from the token: a boundary mark (. ! ? : ; an opening quote, a lone
        dash) since the previous word opens a sentence, except the dot of an initial
        ("F. Bahamontes", "Martien R."); an elided article ('s, 't, 'n) opening a sentence
        leaves the next word its first; punctuation never ends a sentence's start.
        """
        known = self._opens_sentence.get(index)
        if known is not None:
            return known
        words = self.words
        first = words[index][0]
        if not (first.isalnum() or first == "_"):  # is_word, inlined: this runs often
            return False
        previous = index - 1
        while previous >= 0:
            first = words[previous][0]
            if first.isalnum() or first == "_":
                break
            previous -= 1
        if previous < 0:
            opens = True
        else:
            opens = False
            word = words[previous]
            for mark in range(previous + 1, index):
                char = words[mark]
                if char in _BOUNDARIES and not (
                    char == "." and mark == previous + 1 and is_initials(word)
                ):
                    opens = True
                    break
            else:
                opens = (
                    word in _ELIDED
                    and previous > 0
                    and words[previous - 1] in _APOSTROPHES
                    and self.sentence_start(previous)
                )
        self._opens_sentence[index] = opens
        return opens


def tokenize(text: str) -> list[str]:
    """The token texts of `text` (words and punctuation marks, in order)."""
    return Tokens(text).words
