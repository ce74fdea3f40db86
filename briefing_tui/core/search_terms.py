"""How the index writes what search filters on: filter values as FTS5 terms, and text
folded as FTS5's tokenizer folds it.

Apart from the query parser (core/search_query.py), which imports this, because the
index writes these terms while the library loads and parses queries only in a search.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def fold(text: str) -> str:
    """Text compared without case or diacritics ("Oekraïne" -> "oekraine").

    Matches what the index's FTS5 tokenizer (unicode61, remove_diacritics 2) does to the
    article text, so filters on names and tags fold the same way as words do.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


TEXT_COLUMNS = ("text", "note", "tags")
"""The index's full-text columns that words and phrases are searched in."""
KEYS_COLUMN = "keys"
"""The index column holding one token per filter value of a paragraph."""


def date_key(date: str) -> str:
    """The filter token of a date prefix: "2025-03" -> "d202503"."""
    return "d" + date.replace("-", "")


def tag_key(tag: str) -> str:
    """The filter token of a tag: hex, so any tag is one token, matched exactly."""
    return "t" + tag.encode("utf-8").hex()


def actor_key(word: str) -> str:
    """The filter token of one word of an actor's folded name."""
    return "a" + word.encode("utf-8").hex()


def filter_keys(date: str | None, tags: Iterable[str], actor_names: Iterable[str]) -> str:
    """Every filter token of a paragraph: its article's date at each precision, its tags,
    and each word of each actor it mentions. Filters then are plain FTS5 terms, which
    FTS5 intersects with the words using its own indexes."""
    keys: list[str] = []
    if date:
        parts = date.split("-")
        keys += [date_key("-".join(parts[: length + 1])) for length in range(len(parts))]
    keys += [tag_key(tag) for tag in tags]
    words = {word for name in actor_names for word in fold(name).split()}
    keys += [actor_key(word) for word in sorted(words)]
    return " ".join(keys)
