"""Find a word in an article the way a reader means it: case and accents do not count.

"Oekraine" finds "Oekraïne" and "oekraïne"; "strasse" finds "Straße". The text is folded
(compatibility decomposition, case folding, combining marks dropped) with a map from
each folded character back to the original one, so matches are reported as offsets into
the ORIGINAL text, ready to highlight.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    """One occurrence: block index and offsets into that block's original text."""

    block: int
    start: int
    end: int


def _fold_char(char: str) -> str:
    if char.isascii():
        return char.lower()
    decomposed = unicodedata.normalize("NFKD", char).casefold()
    # Case folding can produce characters that decompose further (ǰ -> j + caron).
    decomposed = unicodedata.normalize("NFKD", decomposed)
    return "".join(part for part in decomposed if not unicodedata.combining(part))


def fold(text: str) -> str:
    """Text as compared when finding: no case, no accents, compatibility forms unified."""
    return "".join(_fold_char(char) for char in text)


class FoldedText:
    """A text folded once, to search many times (each key press in the find bar)."""

    def __init__(self, text: str) -> None:
        self.text = text
        folded: list[str] = []
        origin: list[int] = []
        """Index into `text` of each folded character."""
        for index, char in enumerate(text):
            part = _fold_char(char)
            folded.append(part)
            origin.extend([index] * len(part))
        self.folded = "".join(folded)
        self.origin = origin

    def find(self, needle: str) -> list[tuple[int, int]]:
        """Non-overlapping occurrences of `needle`, as (start, end) into the original text.

        A match covers whole original characters: one that starts or ends inside a
        character that folds to several ("ß" -> "ss") takes in that whole character, and
        combining marks that follow the match are taken in with it.
        """
        folded_needle = fold(needle)
        if not folded_needle:
            return []
        spans: list[tuple[int, int]] = []
        position = self.folded.find(folded_needle)
        while position != -1:
            last = position + len(folded_needle)
            start = self.origin[position]
            end = self.origin[last - 1] + 1
            # Characters that fold to nothing (combining marks) belong to the one before.
            while end < len(self.text) and not _fold_char(self.text[end]):
                end += 1
            spans.append((start, end))
            # Skip past the whole original character, so the next match is a new one.
            while last < len(self.folded) and self.origin[last] < end:
                last += 1
            position = self.folded.find(folded_needle, last)
        return spans


def find_in_blocks(blocks: Sequence[FoldedText], needle: str) -> list[Match]:
    """Every match in every block, in reading order."""
    return [
        Match(index, start, end)
        for index, block in enumerate(blocks)
        for start, end in block.find(needle)
    ]


class FindSession:
    """One article's find: its folded blocks, the matches of the query, the current one.

    The reader keeps one per article shown; the blocks are folded on the first find only.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._folded: list[FoldedText] | None = None
        self.query = ""
        self.matches: list[Match] = []
        self.index: int | None = None
        """Which match the cursor is on (None: matches shown, none chosen yet)."""

    def search(self, query: str, here: int, *, jump: bool) -> None:
        """Find `query`; with `jump`, choose the first match in block `here` or later."""
        self.query = query
        self.index = None
        if not query.strip():
            self.matches = []
            return
        if self._folded is None:
            self._folded = [FoldedText(text) for text in self._texts]
        self.matches = find_in_blocks(self._folded, query)
        if self.matches and jump:
            later = [i for i, match in enumerate(self.matches) if match.block >= here]
            self.index = later[0] if later else 0

    def clear(self) -> None:
        """No matches (the bar was closed); the query is kept to find again."""
        self.matches, self.index = [], None

    def step(self, delta: int, here: int) -> None:
        """Next (+1) or previous (-1) match, wrapping round; from block `here` if none chosen."""
        if not self.matches:
            return
        if self.index is not None:
            self.index = (self.index + delta) % len(self.matches)
        elif delta > 0:
            after = [i for i, match in enumerate(self.matches) if match.block > here]
            self.index = after[0] if after else 0
        else:
            before = [i for i, match in enumerate(self.matches) if match.block < here]
            self.index = before[-1] if before else len(self.matches) - 1

    @property
    def current(self) -> Match | None:
        return self.matches[self.index] if self.index is not None else None

    def spans(self) -> dict[int, list[tuple[int, int]]]:
        """Block index -> (start, end) of each match, for highlighting."""
        spans: dict[int, list[tuple[int, int]]] = {}
        for match in self.matches:
            spans.setdefault(match.block, []).append((match.start, match.end))
        return spans

    @property
    def count_text(self) -> str:
        """What the find bar shows: "3/7", "7 found", "no match" or nothing."""
        if not self.query.strip():
            return ""
        if not self.matches:
            return "no match"
        if self.index is None:
            return f"{len(self.matches)} found"
        return f"{self.index + 1}/{len(self.matches)}"
