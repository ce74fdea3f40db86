"""What a user types into search, read into words, phrases and filters.

`Poetin "staakt het vuren" #koersk @Zelensky date:2025-03` means: paragraphs holding the
word Poetin and that phrase, tagged koersk, mentioning the actor Zelensky, in an
article dated in March 2025. Every part is optional and they combine with AND. The
parser never fails: anything it cannot read as a filter is searched as words, so a
stray quote or `date:` typed halfway is harmless.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_tui.core.notes import clean_tag
from briefing_tui.core.safety import clean_line
from briefing_tui.core.search_terms import (
    KEYS_COLUMN,
    TEXT_COLUMNS,
    actor_key,
    date_key,
    fold,
    tag_key,
)

_DATE_FILTER = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_TOKEN = re.compile(r'"[^"]*"?|\S+')
_WORD_CHARACTERS = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchQuery:
    """A parsed search: the parts that must all match one paragraph."""

    words: tuple[str, ...] = ()
    """Single words (each must occur in the paragraph, its note or its tags)."""
    phrases: tuple[str, ...] = ()
    """Runs of words that must occur together, in order."""
    tags: tuple[str, ...] = ()
    """`#tag`: the paragraph carries each of these tags (as stored: lowercase, no #)."""
    actors: tuple[str, ...] = ()
    """`@name`: the paragraph mentions an actor whose name contains these words."""
    dates: tuple[str, ...] = ()
    """`date:2025-03`: the article's date starts with this (year, month or day)."""

    @property
    def is_empty(self) -> bool:
        """Nothing to search for."""
        return not (self.words or self.phrases or self.tags or self.actors or self.dates)

    @property
    def has_text(self) -> bool:
        """Whether full-text matching is needed (words or phrases), not only filters."""
        return bool(self.words or self.phrases)

    def fts_expression(self) -> str:
        """The whole query as one FTS5 expression (empty for an empty query).

        Words and phrases match the text, note and tag columns; filters match the
        `keys` column (see `filter_keys`). Every term is quoted, so nothing a user
        types is read as FTS5 syntax (AND, NEAR, column:, *, parentheses).
        """
        parts: list[str] = []
        terms = [_quoted(word) for word in self.words]
        terms += [_quoted(phrase) for phrase in self.phrases]
        if terms:
            parts.append(f"{{{' '.join(TEXT_COLUMNS)}}} : ({' '.join(terms)})")
        keys = [date_key(date) for date in self.dates]
        keys += [tag_key(tag) for tag in self.tags]
        keys += [actor_key(word) for actor in self.actors for word in actor.split()]
        parts += [f'{KEYS_COLUMN} : "{key}"' for key in keys]
        return " AND ".join(parts)

    def describe(self) -> str:
        """The query written back in its canonical form (for status lines)."""
        parts = list(self.words)
        parts += [f'"{phrase}"' for phrase in self.phrases]
        parts += [f"#{tag}" for tag in self.tags]
        parts += [f'@"{actor}"' if " " in actor else f"@{actor}" for actor in self.actors]
        parts += [f"date:{date}" for date in self.dates]
        return " ".join(parts)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _has_word(text: str) -> bool:
    """Whether FTS5 would find any token in `text` (punctuation alone matches nothing)."""
    return _WORD_CHARACTERS.search(text) is not None


def _date_filter(value: str) -> str | None:
    match = _DATE_FILTER.match(value)
    if match is None:
        return None
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{int(month):02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}"


def parse_query(text: str) -> SearchQuery:
    """Read what the user typed; never raises (unreadable filters become words)."""
    words: list[str] = []
    phrases: list[str] = []
    tags: list[str] = []
    actors: list[str] = []
    dates: list[str] = []
    tokens = _TOKEN.findall(clean_line(text))
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.startswith('"'):
            phrase = " ".join(token.strip('"').split())
            if _has_word(phrase):
                (phrases if " " in phrase else words).append(phrase)
            continue
        if token.startswith("@") and len(token) > 1:
            name = token[1:]
            if name.startswith('"'):
                # @"Volodymyr Zelensky": the quoted name may have been split at spaces.
                while not (len(name) > 1 and name.endswith('"')) and index < len(tokens):
                    name += " " + tokens[index]
                    index += 1
                name = name.strip('"')
            name = " ".join(fold(name).split())
            if _has_word(name):
                actors.append(name)
            continue
        if token.startswith("#") and len(token) > 1:
            tag = clean_tag(token)  # as the notes store keeps tags: lowercase, no #
            if tag:
                tags.append(tag)
            continue
        if token.casefold().startswith("date:"):
            date = _date_filter(token[5:])
            if date is not None:
                dates.append(date)
                continue
        if _has_word(token):
            words.append(token)
    return SearchQuery(
        words=tuple(dict.fromkeys(words)),
        phrases=tuple(dict.fromkeys(phrases)),
        tags=tuple(dict.fromkeys(tags)),
        actors=tuple(dict.fromkeys(actors)),
        dates=tuple(dict.fromkeys(dates)),
    )


def excerpt(
    text: str, spans: tuple[tuple[int, int], ...], limit: int, ellipsis: str = "…"
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """At most about `limit` characters of `text` around its first match, spans moved along.

    A long paragraph is cut to a window that starts a little before the first matched
    word, at a word boundary, so a result shows why it matched.
    """
    flat = " ".join(text.split())
    if flat != text:
        # Keep offsets right: map each kept character of `text` to its place in `flat`.
        mapping: list[int] = []
        position = 0
        previous_space = True
        for char in text:
            if char.isspace():
                mapping.append(position)
                if not previous_space:
                    position += 1
                previous_space = True
            else:
                mapping.append(position)
                position += 1
                previous_space = False
        mapping.append(position)
        spans = tuple((mapping[start], min(len(flat), mapping[end])) for start, end in spans)
        text = flat
    if len(text) <= limit:
        return text, spans
    first = spans[0][0] if spans else 0
    start = max(0, first - limit // 4)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 20 else start
    end = min(len(text), start + limit)
    prefix = ellipsis if start > 0 else ""
    suffix = ellipsis if end < len(text) else ""
    shift = len(prefix) - start
    moved = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start
    )
    return prefix + text[start:end] + suffix, moved
