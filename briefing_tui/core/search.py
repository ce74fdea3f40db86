"""Searching the index: the paragraphs that match a query, with the matched words marked.

Kept apart from core/index.py, which the first screen needs to list the library: none of
this is loaded before a search is made.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefing_tui.core.model import BlockKind, ParagraphNumbers
from briefing_tui.core.search_query import SearchQuery, parse_query

HIGHLIGHT_START = "\x01"
"""Marks a matched word in FTS5 highlight() output; control characters never occur in
cleaned article text, so they cannot be confused with it."""
HIGHLIGHT_END = "\x02"


@dataclass(frozen=True)
class SearchHit:
    """One paragraph that matches a search."""

    path: Path
    title: str
    date: str | None
    block: int
    """Index of the paragraph in the article's blocks (where the reader opens), from 0."""
    text: str
    highlights: tuple[tuple[int, int], ...]
    """(start, end) `str` offsets into `text` of the matched words, in order."""
    note: str = ""
    tags: tuple[str, ...] = ()
    paragraph: int = 1
    """The paragraph number the reader shows for it ("¶ 5"; see ParagraphNumbers)."""


class SearchInterrupted(Exception):
    """The search was stopped from another thread (`LibraryIndex.interrupt`): a newer query
    replaced it, and its results would never be shown."""


@dataclass(frozen=True)
class SearchCount:
    """How many paragraphs match a query in all, and in how many articles."""

    paragraphs: int
    articles: int

    def describe(self) -> str:
        """ "1,284 paragraphs in 312 articles", for status lines."""
        paragraphs = f"{self.paragraphs:,} paragraph{'s' if self.paragraphs != 1 else ''}"
        return f"{paragraphs} in {self.articles:,} article{'s' if self.articles != 1 else ''}"


@dataclass(frozen=True)
class SearchResult:
    """The hits of a search (best first), and whether there were more than the limit."""

    query: SearchQuery
    hits: tuple[SearchHit, ...]
    more: bool = False

    def known_count(self) -> SearchCount | None:
        """The total, when the hits are all there is (else `count_matches` tells)."""
        if self.more:
            return None
        return SearchCount(len(self.hits), len({hit.path for hit in self.hits}))


def search_paragraphs(
    connection: sqlite3.Connection,
    query: SearchQuery | str,
    root_keys: Sequence[str],
    limit: int,
) -> SearchResult:
    """Paragraphs of the files under `root_keys` matching every part of the query, newest
    first (`LibraryIndex.search` is the way in).

    Words and phrases match paragraph text, notes and tags (case and diacritics folded);
    filters are FTS5 terms too. Paragraph ids follow the date, so FTS5 reads the matches
    newest first and stops after `limit`: the cost does not grow with the library.
    """
    if isinstance(query, str):
        query = parse_query(query)
    if query.is_empty:
        return SearchResult(query, ())
    with _interruptible(), _snapshot(connection):
        return _search(connection, query, root_keys, limit)


def count_matches(
    connection: sqlite3.Connection, query: SearchQuery | str, root_keys: Sequence[str]
) -> SearchCount:
    """How many paragraphs under `root_keys` match, and in how many articles.

    Reads every match (where a search stops after its limit): quick for most queries,
    some tens of milliseconds for a common word in a large library, so the search screen
    asks for it after showing the first results, and a newer query interrupts it.
    """
    if isinstance(query, str):
        query = parse_query(query)
    if query.is_empty:
        return SearchCount(0, 0)
    with _interruptible():
        paragraphs, articles = connection.execute(
            "SELECT count(*), count(DISTINCT p.file) FROM paragraph_search"
            " JOIN paragraphs p ON p.id = paragraph_search.rowid"
            " JOIN files f ON f.id = p.file"
            f" WHERE paragraph_search MATCH ? AND f.root IN ({','.join('?' * len(root_keys))})",
            [query.fts_expression(), *root_keys],
        ).fetchone()
    return SearchCount(paragraphs, articles)


@contextmanager
def _interruptible() -> Iterator[None]:
    """sqlite3's interrupt() surfaces as an OperationalError "interrupted": say so."""
    try:
        yield
    except sqlite3.OperationalError as error:
        if "interrupt" in str(error):
            raise SearchInterrupted from error
        raise


@contextmanager
def _snapshot(connection: sqlite3.Connection) -> Iterator[None]:
    """One read transaction around a search's several queries: another process
    re-indexing an article between them would leave hits without their numbering."""
    if connection.in_transaction:
        yield
        return
    connection.execute("BEGIN")
    try:
        yield
    finally:
        if connection.in_transaction:
            connection.execute("COMMIT")


def _search(
    connection: sqlite3.Connection, query: SearchQuery, root_keys: Sequence[str], limit: int
) -> SearchResult:
    rows = connection.execute(
        "SELECT f.path, f.title, f.date, p.block, p.id, p.note, p.tags, p.file,"
        " highlight(paragraph_search, 0, ?, ?)"
        " FROM paragraph_search"
        " JOIN paragraphs p ON p.id = paragraph_search.rowid"
        " JOIN files f ON f.id = p.file"
        f" WHERE paragraph_search MATCH ? AND f.root IN ({','.join('?' * len(root_keys))})"
        " ORDER BY paragraph_search.rowid DESC LIMIT ?",
        [HIGHLIGHT_START, HIGHLIGHT_END, query.fts_expression(), *root_keys, limit + 1],
    ).fetchall()
    found = rows[:limit]
    # Newest first; within one article, in reading order.
    order = {path: number for number, (path, *_rest) in reversed(list(enumerate(found)))}
    found.sort(key=lambda row: (order[row[0]], row[3]))
    numbers = _paragraph_numbers(connection, {row[7] for row in found})
    hits = []
    for path, title, date, block, paragraph_id, note, tags, file_id, marked in found:
        text, spans = split_highlights(marked)
        if query.actors:
            spans = tuple(sorted({*spans, *_actor_spans(connection, paragraph_id, query.actors)}))
        number = numbers[file_id].number(block)
        hits.append(
            SearchHit(
                Path(path), title, date, block, text, spans, note, tuple(tags.split()), number
            )
        )
    return SearchResult(query, tuple(hits), more=len(rows) > limit)


def _paragraph_numbers(
    connection: sqlite3.Connection, file_ids: set[int]
) -> dict[int, ParagraphNumbers]:
    """Each file's paragraph numbering, as the reader counts, from its count of blocks and
    where its headings are (one row a file: a row a block took half the search's time)."""
    if not file_ids:
        return {}
    rows = connection.execute(
        "SELECT file, count(*), group_concat(CASE WHEN kind = ? THEN block END)"
        f" FROM paragraphs WHERE file IN ({','.join('?' * len(file_ids))}) GROUP BY file",
        [BlockKind.HEADING.value, *file_ids],
    )
    return {
        file_id: ParagraphNumbers.of_headings(
            count, {int(block) for block in headings.split(",")} if headings else set()
        )
        for file_id, count, headings in rows
    }


def split_highlights(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Text and match offsets from FTS5 highlight() output with HIGHLIGHT_START/END marks."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    position = 0
    while True:
        start = marked.find(HIGHLIGHT_START, position)
        end = marked.find(HIGHLIGHT_END, start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            rest = marked[position:].replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
            parts.append(rest)
            break
        before = marked[position:start].replace(HIGHLIGHT_END, "")
        inside = marked[start + 1 : end]
        parts += [before, inside]
        length += len(before)
        spans.append((length, length + len(inside)))
        length += len(inside)
        position = end + 1
    return "".join(parts), tuple(spans)


def _actor_spans(
    connection: sqlite3.Connection, paragraph_id: int, actors: Sequence[str]
) -> list[tuple[int, int]]:
    """Where the paragraph mentions the actors an @filter names (to mark them too)."""
    spans: list[tuple[int, int]] = []
    for actor in actors:
        spans += connection.execute(
            "SELECT m.start, m.end FROM mentions m JOIN actors a ON a.id = m.actor"
            " WHERE m.paragraph = ? AND ' ' || a.folded || ' ' LIKE ? ESCAPE '\\'",
            (paragraph_id, f"% {_like_escape(actor)} %"),
        ).fetchall()
    return spans


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
