"""A disposable SQLite index of the library: start-up without parsing, and full-text search.

The index lives in the cache directory and can be deleted at any time. Each article file
is keyed by its absolute path, size and modification time: unchanged files are never
read again, changed and new ones are re-read, removed ones drop out. It holds what the
library list needs (title, date, counts, the notes key, problems), each paragraph's text
with its note and tags, the actors the analysis found per paragraph, and an FTS5 index
over paragraph text, notes and tags. The FTS5 tokenizer folds case and diacritics, so
"Oekraine" finds "Oekraïne".

Two app instances may share it: SQLite's WAL journal lets readers run beside one
writer, every write is one short transaction, and a busy writer is waited for
(busy_timeout), never failed. A file that is not a database, or a schema from another
version (PRAGMA user_version), is deleted and built again without asking: nothing in
it is anything but a copy of the articles and notes.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from briefing_tui.core.articles import ArticleError, read_article
from briefing_tui.core.dates import DateError, PartialDate
from briefing_tui.core.library import Library, Problem, find_article_files
from briefing_tui.core.model import Article, BlockKind
from briefing_tui.core.notes import ArticleNotes, _from_toml, article_key, place
from briefing_tui.core.private import (
    make_private_directory,
    make_private_file,
    open_private,
    tighten,
)
from briefing_tui.core.search_terms import filter_keys, fold

if TYPE_CHECKING:
    from briefing_tui.core.search import SearchCount, SearchResult
    from briefing_tui.core.search_query import SearchQuery

SCHEMA_VERSION = 5
"""Bumped whenever the tables change; an index with another version is rebuilt."""
ANALYSIS_VERSION = "1"
"""Bumped when the analysis changes what it finds, so stored actors are found again."""
INDEX_FILE = "library-index.sqlite3"
INDEX_SUFFIXES = ("", "-wal", "-shm", "-journal")
"""The database file and SQLite's own files beside it."""
WRITE_BATCH = 1000
"""Articles stored per write transaction: a commit costs (FTS5 writes its segments then),
so 1,000 stored 10,000 articles 15% faster than 250, and a transaction still lasts under
half a second, so another writer never waits long."""
BUSY_TIMEOUT_MS = 30_000
PARALLEL_MIN = 400
"""From this many files to read (a first start), worker processes parse them."""
BULK_MIN = 400
"""New files from which, when they are most of the library, words are indexed in one pass
after the list is stored (FTS5's rebuild reads every paragraph: worth it only then)."""
PARSE_WORKERS = 2
STABLE_READ_TRIES = 3
STABLE_READ_PAUSE = 0.05
"""Seconds between reads of a file that changed while it was read: a save in place
(truncate, then write) is over well within it."""
PARSE_CHUNK = 32
DEFAULT_LIMIT = 200
"""Search hits returned at most (one more is read, to tell that there are more)."""
CACHE_KIB = 32 * 1024
"""SQLite page cache per connection: building the FTS index with the 2 MB default
spends most of its time re-reading its own pages."""
SEQUENCE_SPAN = 10**10
"""Paragraph ids are date * SEQUENCE_SPAN + a running number, so FTS5's own rowid order
is newest first: a search reads only as many matches as it shows, at any library size."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    root TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    error TEXT,
    title TEXT NOT NULL DEFAULT '',
    title_fold TEXT NOT NULL DEFAULT '',
    date TEXT,
    date_key INTEGER,
    source TEXT,
    language TEXT,
    article_id TEXT,
    tags TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    words INTEGER NOT NULL DEFAULT 0,
    key TEXT NOT NULL DEFAULT '',
    analysed TEXT
);
CREATE INDEX files_root ON files (root);
CREATE INDEX files_errors ON files (root) WHERE error IS NOT NULL;
CREATE INDEX files_listing ON files (
    root, error IS NOT NULL, date_key IS NULL, date_key DESC, title_fold, path
);
CREATE INDEX files_key ON files (key);
CREATE INDEX files_analysed ON files (analysed);
CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,
    file INTEGER NOT NULL,
    block INTEGER NOT NULL,
    kind TEXT NOT NULL,
    attribution INTEGER,
    text TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    keys TEXT NOT NULL DEFAULT ''
);
CREATE INDEX paragraphs_file ON paragraphs (file, block);
CREATE VIRTUAL TABLE paragraph_search USING fts5 (
    text, note, tags, keys,
    content = 'paragraphs', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    folded TEXT NOT NULL,
    UNIQUE (name, kind)
);
CREATE TABLE mentions (
    actor INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX mentions_actor ON mentions (actor, paragraph);
CREATE INDEX mentions_paragraph ON mentions (paragraph);
CREATE TABLE notes_files (
    name TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, key TEXT NOT NULL,
    noted INTEGER NOT NULL DEFAULT 0, tagged INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT ''
);
"""


@dataclass(frozen=True)
class ListedArticle(Article):
    """An article as the library lists it: everything but its text, read from the index.

    `blocks` is empty; the reader loads the text (`read_article`) when the article is
    opened, so a library of 100,000 articles does not hold every paragraph in memory.
    """

    words: int = 0
    """Words in the article, counted when it was indexed."""
    key: str = ""
    """The notes key (`article_key`) of the text that was indexed."""

    @property
    def word_count(self) -> int:
        """Words in the whole article (stored, since the blocks are not loaded)."""
        return self.words


def _listed_path(article: ListedArticle) -> Path:
    """`path` made when first used: building 100,000 Path objects costs a second before
    the first screen, and the list only ever shows a screenful of them."""
    fields = article.__dict__
    path = fields.get("_path")
    if path is None:
        path = fields["_path"] = Path(fields["_path_text"])
    return path


# A property on the subclass takes precedence over the dataclass field in the instance.
setattr(ListedArticle, "path", property(_listed_path))  # noqa: B010


class NotesSummary(NamedTuple):
    """What the library shows of the notes: counts per article key and the tags used."""

    counts: dict[str, tuple[int, int]]
    """Article key -> (paragraphs with a note, paragraphs with tags)."""
    tags: dict[str, set[str]]
    """Article key -> the tags on its paragraphs."""


class Listing(NamedTuple):
    """The library as the index knows it, and each article's notes key and absolute
    path (as text) by position."""

    library: Library
    keys: tuple[str, ...]
    paths: tuple[str, ...]


def default_index_path() -> Path:
    """Where the index lives: the platform cache directory."""
    from briefing_tui.core.locations import cache_dir

    return cache_dir() / INDEX_FILE


def _date_key(date: PartialDate | None) -> int | None:
    if date is None:
        return None
    year, month, day = date.sort_key
    return year * 10_000 + month * 100 + day


def _root_key(path: Path) -> str:
    return str(path.absolute())


class LibraryIndex:
    """The index file, opened once per thread (sqlite3 connections are not shared)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_index_path()
        self.connection = self._open()

    # --- opening, and rebuilding what cannot be used --------------------------------

    def _connect(self) -> sqlite3.Connection:
        # It holds every note and tag: 0600, made before SQLite opens it, whose -wal,
        # -shm and -journal files take the database file's mode; ones an earlier
        # version left readable to others are tightened.
        for suffix in INDEX_SUFFIXES:
            tighten(Path(f"{self.path}{suffix}"))
        with contextlib.suppress(OSError):  # SQLite then says what is wrong
            make_private_file(self.path)
        connection = sqlite3.connect(
            self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        return connection

    def _open(self) -> sqlite3.Connection:
        """Open the index, creating it, or rebuilding it when corrupt or of another schema."""
        make_private_directory(self.path.parent)
        with self._creation_lock():
            try:
                connection = self._connect()
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                if version == SCHEMA_VERSION:
                    connection.execute("SELECT count(*) FROM meta").fetchone()
                    connection.execute("PRAGMA journal_mode = WAL")
                    connection.execute("PRAGMA synchronous = NORMAL")
                    return connection
                tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if version == 0 and tables == 0:
                    return self._create(connection)
                connection.close()
            except sqlite3.DatabaseError:
                with contextlib.suppress(UnboundLocalError, sqlite3.Error):
                    connection.close()
            self._delete_files()
            return self._create(self._connect())

    @contextlib.contextmanager
    def _creation_lock(self) -> Iterator[None]:
        """Serialise creating and rebuilding between processes (a lock file beside it)."""
        lock = open_private(self.path.with_suffix(".lock"), os.O_RDWR)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        finally:
            os.close(lock)

    def _delete_files(self) -> None:
        for suffix in INDEX_SUFFIXES:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")

    def _create(self, connection: sqlite3.Connection) -> sqlite3.Connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.executescript(
            "BEGIN IMMEDIATE;" + _SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};COMMIT;"
        )
        return connection

    def rebuild(self) -> None:
        """Throw the index away and start empty (after finding it damaged mid-use)."""
        with contextlib.suppress(sqlite3.Error):
            self.connection.close()
        with self._creation_lock():
            self._delete_files()
            self.connection = self._create(self._connect())

    def close(self) -> None:
        """Close the connection (the file stays for the next start)."""
        self.connection.close()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; BEGIN IMMEDIATE waits for another writer (busy_timeout)."""
        connection = self.connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    # --- the library list -----------------------------------------------------------

    def listing(self, roots: Sequence[Path], first: int | None = None) -> Listing:
        """The library under `roots` as last indexed, in one query: no file is read.

        With `first`, only the newest `first` articles and the count of the others
        (`Library.unlisted`), and no unreadable files: enough for a first screen,
        whatever the size of the library.
        """
        keys = [_root_key(root) for root in roots]
        marks = ",".join("?" * len(keys))
        query = (
            "SELECT path, error, title, date, source, language, article_id, tags, problems,"
            " words, key FROM files"
            f" WHERE root IN ({marks})"
            " ORDER BY error IS NOT NULL, date_key IS NULL, date_key DESC, title_fold, path"
        )
        unlisted = 0
        if first is not None:
            # Files less unreadable ones, each counted from a small index alone (counting
            # readable files directly reads every row: 2-4 ms at 10,000, 10x at 100,000).
            total = self.connection.execute(
                f"SELECT (SELECT count(*) FROM files WHERE root IN ({marks}))"
                f" - (SELECT count(*) FROM files WHERE root IN ({marks}) AND error IS NOT NULL)",
                [*keys, *keys],
            ).fetchone()[0]
            unlisted = max(0, total - first)
            if unlisted:
                query += f" LIMIT {int(first)}"
        rows = self.connection.execute(query, keys).fetchall()
        articles: list[ListedArticle] = []
        problems: list[Problem] = [
            Problem(root, "not found")
            for root in roots
            if not root.exists() and not root.is_symlink()
        ]
        dates: dict[str, PartialDate | None] = {}
        new_listed = object.__new__
        for (
            path,
            error,
            title,
            date,
            source,
            language,
            article_id,
            tags,
            issues,
            words,
            key,
        ) in rows:
            if error is not None:
                problems.append(Problem(Path(path), error))
                continue
            if date not in dates:
                try:
                    dates[date] = PartialDate.parse(date) if date else None
                except DateError:
                    dates[date] = None
            listed = new_listed(ListedArticle)
            # The fields set directly, as the frozen dataclass's __init__ would: a third
            # of the time, which counts at 100,000 articles before the first screen.
            listed.__dict__.update(
                _path_text=path,
                title=title,
                blocks=(),
                date=dates[date],
                source=source,
                language=language,
                tags=tuple(tags.split("\n")) if tags else (),
                article_id=article_id,
                problems=tuple(issues.split("\n")) if issues else (),
                words=words,
                key=key,
            )
            articles.append(listed)
            if issues:
                problems.extend(Problem(Path(path), reason) for reason in issues.split("\n"))
        problems.sort(key=lambda problem: str(problem.path))
        library = Library(tuple(articles), tuple(problems), unlisted)
        return Listing(
            library,
            tuple(article.key for article in articles),
            tuple(article.__dict__["_path_text"] for article in articles),
        )

    def notes_summary(self) -> NotesSummary:
        """Per article key, (paragraphs with a note, tagged paragraphs) and the tags used,
        as of the last refresh: the library's badges and tag filter without reading
        every notes file (2,000 annotated articles took 0.8 s to read)."""
        counts: dict[str, tuple[int, int]] = {}
        tags: dict[str, set[str]] = {}
        for key, noted, tagged, tag_text in self.connection.execute(
            "SELECT key, noted, tagged, tags FROM notes_files WHERE key != ''"
        ):
            counts[key] = (noted, tagged)
            tags[key] = set(tag_text.split())
        return NotesSummary(counts, tags)

    # --- keeping it up to date ------------------------------------------------------

    def refresh(
        self,
        roots: Sequence[Path],
        notes_dir: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> bool:
        """Bring the index up to date with the files under `roots` (and the notes).

        Only new and changed files (by size and modification time) are read. Returns
        whether anything changed. `progress(done, total)` is called as files are read.
        """
        try:
            return self._refresh(roots, notes_dir, progress)
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
                raise
            self.rebuild()  # damaged while in use: start again from the files
            return self._refresh(roots, notes_dir, progress)

    def _refresh(
        self,
        roots: Sequence[Path],
        notes_dir: Path | None,
        progress: Callable[[int, int], None] | None,
    ) -> bool:
        root_keys = [_root_key(root) for root in roots]
        marks = ",".join("?" * len(root_keys))
        known = {
            path: (size, mtime_ns, root)
            for path, size, mtime_ns, root in self.connection.execute(
                f"SELECT path, size, mtime_ns, root FROM files WHERE root IN ({marks})", root_keys
            )
        }
        seen: set[str] = set()
        to_read: list[ReadEntry] = []
        for root, root_key in zip(roots, root_keys, strict=True):
            if not root.exists() and not root.is_symlink():
                continue
            for file in find_article_files([root]):
                path = str(file.absolute())
                if path in seen:
                    continue
                seen.add(path)
                size, mtime_ns = _size_and_time(path)
                if known.get(path) != (size, mtime_ns, root_key):
                    to_read.append((file, path, root_key, size, mtime_ns))
        removed = [path for path in known if path not in seen]
        changed_keys: set[str] = set()
        if removed:
            with self._writing() as connection:
                for path in removed:
                    changed_keys.update(self._forget(connection, path))
        total = len(to_read)
        if progress is not None:
            progress(0, total)
        # Most of the library new (a first start): store and list it first, and index its
        # words in one pass at the end (FTS5's rebuild), which takes the indexing off the
        # way to the complete list. A few new files go into the word index as they come.
        bulk = total >= BULK_MIN and total >= len(known) - len(removed)
        done = 0
        for batch in _batches(_read_all(to_read), WRITE_BATCH):
            # FTS5 keeps new rows in memory only while rowids grow, and rowids follow
            # the date: forget first, then store oldest first (5x faster than unsorted).
            batch.sort(key=_batch_order)
            with self._writing() as connection:
                if bulk:
                    connection.execute(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_stale', '1')"
                    )
                for path, *_rest in batch:
                    changed_keys.update(self._forget(connection, path))
                for entry in batch:
                    changed_keys.update(self._store(connection, *entry))
            done += len(batch)
            if progress is not None:
                progress(done, total)
        self._rebuild_words_if_stale()
        notes_changed = self._refresh_notes(notes_dir, changed_keys)
        return bool(removed or to_read or notes_changed)

    def words_pending(self) -> bool:
        """Whether some paragraphs are listed but their words not yet indexed for search
        (a first start of a large library lists it before it indexes the words)."""
        return _fts_stale(self.connection)

    def _rebuild_words_if_stale(self) -> None:
        """Index the words of every paragraph again if a refresh left that to the end (or
        was stopped before it got there)."""
        if not self.words_pending():
            return
        with self._writing() as connection:
            if _fts_stale(connection):
                connection.execute(
                    "INSERT INTO paragraph_search (paragraph_search) VALUES ('rebuild')"
                )
                connection.execute("DELETE FROM meta WHERE key = 'fts_stale'")

    @staticmethod
    def _forget(connection: sqlite3.Connection, path: str) -> list[str]:
        """Remove one file and everything indexed from it; returns its notes key."""
        row = connection.execute("SELECT id, key FROM files WHERE path = ?", (path,)).fetchone()
        if row is None:
            return []
        file_id, key = row
        paragraphs = "SELECT id FROM paragraphs WHERE file = ?"
        connection.execute(f"DELETE FROM mentions WHERE paragraph IN ({paragraphs})", (file_id,))
        _fts_delete(
            connection,
            connection.execute(
                "SELECT id, text, note, tags, keys FROM paragraphs WHERE file = ?", (file_id,)
            ).fetchall(),
        )
        connection.execute("DELETE FROM paragraphs WHERE file = ?", (file_id,))
        connection.execute("DELETE FROM files WHERE id = ?", (file_id,))
        return [key] if key else []

    def _store(
        self,
        connection: sqlite3.Connection,
        path: str,
        root: str,
        size: int,
        mtime_ns: int,
        parsed: ParsedArticle | str,
    ) -> list[str]:
        """Add one file's rows (its old ones are gone); returns the notes key touched."""
        if isinstance(parsed, str):
            connection.execute(
                "INSERT INTO files (path, root, size, mtime_ns, error) VALUES (?, ?, ?, ?, ?)",
                (path, root, size, mtime_ns, parsed),
            )
            return []
        cursor = connection.execute(
            "INSERT INTO files (path, root, size, mtime_ns, title, title_fold, date, date_key,"
            " source, language, article_id, tags, problems, words, key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (path, root, size, mtime_ns, *parsed.file_row),
        )
        file_id = cursor.lastrowid
        blocks = parsed.blocks
        first = self._next_ids(connection, len(blocks))
        base = (parsed.date_key or 0) * SEQUENCE_SPAN + first
        filters = filter_keys(parsed.date, (), ())
        connection.executemany(
            "INSERT INTO paragraphs (id, file, block, kind, attribution, text, keys)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (base + index, file_id, index, kind, attribution, text, filters)
                for index, (kind, attribution, text) in enumerate(blocks)
            ],
        )
        _fts_insert(
            connection,
            [(base + index, text, "", "", filters) for index, (_k, _a, text) in enumerate(blocks)],
        )
        return [parsed.key]

    @staticmethod
    def _next_ids(connection: sqlite3.Connection, count: int) -> int:
        """Reserve `count` running numbers for paragraph ids (inside the write transaction)."""
        row = connection.execute("SELECT value FROM meta WHERE key = 'sequence'").fetchone()
        first = int(row[0]) if row else 1
        connection.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('sequence', ?)", (first + count,)
        )
        return first

    # --- notes and tags -------------------------------------------------------------

    def refresh_notes(self, notes_dir: Path) -> bool:
        """Re-read only the notes files that changed (a note saved a moment ago)."""
        return self._refresh_notes(notes_dir, set())

    def _refresh_notes(self, notes_dir: Path | None, changed_keys: set[str]) -> bool:
        """Re-read notes files whose size or time changed, and place them on paragraphs.

        Also places the notes of articles that were just re-read (their paragraphs are new).
        """
        if notes_dir is None:
            return False
        known = {
            name: (size, mtime_ns, key, noted, tagged, tags)
            for name, size, mtime_ns, key, noted, tagged, tags in self.connection.execute(
                "SELECT name, size, mtime_ns, key, noted, tagged, tags FROM notes_files"
            )
        }
        current: dict[str, tuple[int, int]] = {}
        if notes_dir.is_dir():
            for file in notes_dir.glob("*.toml"):
                if ".corrupt-" in file.name:
                    continue
                with contextlib.suppress(OSError):
                    stat = file.stat()
                    current[file.name] = (stat.st_size, stat.st_mtime_ns)
        loaded: dict[str, ArticleNotes] = {}
        seen_files: dict[str, tuple[int, int, str, int, int, str]] = {}
        files_changed = False
        for name, (size, mtime_ns) in current.items():
            old = known.get(name)
            if old is not None and old[:2] == (size, mtime_ns):
                seen_files[name] = old
                continue
            files_changed = True
            notes = _read_notes(notes_dir / name)
            key = notes.key if notes is not None else ""
            noted, tagged, tags = 0, 0, ""
            if notes is not None:
                loaded[key] = notes
                changed_keys.add(key)
                noted, tagged = notes.counts
                tags = " ".join(sorted(notes.tags_used))
            if old is not None and old[2]:
                changed_keys.add(old[2])
            seen_files[name] = (size, mtime_ns, key, noted, tagged, tags)
        for name, (_size, _mtime, key, *_summary) in known.items():
            if name not in current:
                files_changed = True
                changed_keys.add(key)
        key_files = {key: name for name, (_s, _m, key, *_summary) in seen_files.items() if key}
        changed_keys.discard("")
        with self._writing() as connection:
            if files_changed:
                connection.execute("DELETE FROM notes_files")
                connection.executemany(
                    "INSERT INTO notes_files (name, size, mtime_ns, key, noted, tagged, tags)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(name, *values) for name, values in seen_files.items()],
                )
            for key in changed_keys:
                notes = loaded.get(key)
                if notes is None and key in key_files:
                    notes = _read_notes(notes_dir / key_files[key])
                self._place_notes(connection, key, notes)
        return files_changed

    @staticmethod
    def _place_notes(connection: sqlite3.Connection, key: str, notes: ArticleNotes | None) -> None:
        """Put an article's notes and tags on its paragraphs (every file with that key)."""
        live = notes.live if notes is not None else []
        for (file_id,) in connection.execute(
            "SELECT id FROM files WHERE key = ?", (key,)
        ).fetchall():
            paragraphs = connection.execute(
                "SELECT id, text, note, tags, keys FROM paragraphs WHERE file = ? ORDER BY block",
                (file_id,),
            ).fetchall()
            date = connection.execute("SELECT date FROM files WHERE id = ?", (file_id,)).fetchone()[
                0
            ]
            wanted: dict[int, tuple[str, str]] = {}
            placed = place(live, [row[1] for row in paragraphs])
            for annotation, block, _where in placed:
                if block is not None and paragraphs[block][0] not in wanted:
                    wanted[paragraphs[block][0]] = (annotation.note, " ".join(annotation.tags))
            for row in paragraphs:
                paragraph_id, text, note, tags, _keys = row
                new = wanted.get(paragraph_id, ("", ""))
                if (note, tags) != new:
                    filters = filter_keys(
                        date, new[1].split(), _actor_names(connection, paragraph_id)
                    )
                    _replace_paragraph(connection, row, (paragraph_id, text, *new, filters))

    # --- actors from the analysis ---------------------------------------------------

    def pending_analysis(self, stamp: str) -> int:
        """How many articles still need analysing with the lexicon `stamp`."""
        row = self.connection.execute(
            "SELECT count(*) FROM files WHERE error IS NULL AND analysed IS NOT ?", (stamp,)
        ).fetchone()
        return int(row[0])

    def analyse_pending(
        self,
        stamp: str,
        analyse: Callable[[list[str], dict[int, int]], Iterable[tuple[int, int, int, str, str]]],
        batch: int = 25,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> int:
        """Analyse articles not yet analysed with `stamp`, a batch per transaction.

        Args:
            stamp: Identifies the lexicon (and analysis version) the results come from.
            analyse: Block texts and pull quote attributions -> (block, start, end,
                name, kind) for every entity mention.
            batch: Articles per write transaction.
            should_stop: Polled between batches, to stop early (the app is closing).

        Returns:
            How many articles were analysed.
        """
        done = 0
        actor_ids: dict[tuple[str, str], int] = {}
        while not should_stop():
            files = self.connection.execute(
                "SELECT id FROM files WHERE error IS NULL AND analysed IS NOT ? LIMIT ?",
                (stamp, batch),
            ).fetchall()
            if not files:
                break
            results: list[tuple[int, list[int], list[tuple[int, int, int, str, str]]]] = []
            for (file_id,) in files:
                rows = self.connection.execute(
                    "SELECT id, kind, attribution, text FROM paragraphs WHERE file = ?"
                    " ORDER BY block",
                    (file_id,),
                ).fetchall()
                texts = [text for _id, _kind, _attribution, text in rows]
                pull_quotes = {
                    index: attribution
                    for index, (_id, kind, attribution, _text) in enumerate(rows)
                    if kind == BlockKind.PULLQUOTE.value and attribution is not None
                }
                mentions = list(analyse(texts, pull_quotes))
                results.append((file_id, [row[0] for row in rows], mentions))
            with self._writing() as connection:
                for file_id, paragraph_ids, mentions in results:
                    connection.execute(
                        "DELETE FROM mentions WHERE paragraph IN"
                        " (SELECT id FROM paragraphs WHERE file = ?)",
                        (file_id,),
                    )
                    rows_out = []
                    for block, start, end, name, kind in mentions:
                        actor = actor_ids.get((name, kind))
                        if actor is None:
                            connection.execute(
                                "INSERT OR IGNORE INTO actors (name, kind, folded)"
                                " VALUES (?, ?, ?)",
                                (name, kind, " ".join(fold(name).split())),
                            )
                            actor = connection.execute(
                                "SELECT id FROM actors WHERE name = ? AND kind = ?", (name, kind)
                            ).fetchone()[0]
                            actor_ids[(name, kind)] = actor
                        rows_out.append((actor, paragraph_ids[block], start, end))
                    connection.executemany(
                        "INSERT INTO mentions (actor, paragraph, start, end) VALUES (?, ?, ?, ?)",
                        rows_out,
                    )
                    self._update_filter_keys(connection, file_id)
                    connection.execute(
                        "UPDATE files SET analysed = ? WHERE id = ?", (stamp, file_id)
                    )
            done += len(results)
        return done

    @staticmethod
    def _update_filter_keys(connection: sqlite3.Connection, file_id: int) -> None:
        """Recompute the filter tokens of a file's paragraphs (after new actors)."""
        date = connection.execute("SELECT date FROM files WHERE id = ?", (file_id,)).fetchone()[0]
        for row in connection.execute(
            "SELECT id, text, note, tags, keys FROM paragraphs WHERE file = ?", (file_id,)
        ).fetchall():
            paragraph_id, text, note, tags, keys = row
            filters = filter_keys(date, tags.split(), _actor_names(connection, paragraph_id))
            if filters != keys:
                _replace_paragraph(connection, row, (paragraph_id, text, note, tags, filters))

    def search(
        self, query: SearchQuery | str, roots: Sequence[Path], limit: int = DEFAULT_LIMIT
    ) -> SearchResult:
        """Paragraphs under `roots` matching every part of the query (see core/search.py)."""
        from briefing_tui.core.search import search_paragraphs  # not needed to start

        return search_paragraphs(self.connection, query, [_root_key(root) for root in roots], limit)

    def count(self, query: SearchQuery | str, roots: Sequence[Path]) -> SearchCount:
        """How many paragraphs under `roots` match the query in all, in how many articles."""
        from briefing_tui.core.search import count_matches

        return count_matches(self.connection, query, [_root_key(root) for root in roots])

    def interrupt(self) -> None:
        """Stop the search or count running on this index in another thread (it raises
        SearchInterrupted there); sqlite3 allows this call from any thread."""
        self.connection.interrupt()


ParagraphRow = tuple[int, str, str, str, str]
"""(id, text, note, tags, keys): a paragraph as the full-text index holds it."""


def _fts_stale(connection: sqlite3.Connection) -> bool:
    """Whether the full-text index is to be rebuilt from the paragraphs (a first start
    stores the paragraphs, lists them, and only then indexes their words)."""
    return connection.execute("SELECT 1 FROM meta WHERE key = 'fts_stale'").fetchone() is not None


def _fts_insert(connection: sqlite3.Connection, rows: Iterable[ParagraphRow]) -> None:
    """Add paragraphs to the full-text index (nothing to do while it is to be rebuilt).

    Kept in step by hand rather than by triggers: FTS5 inserts from a trigger cost
    about five times as much (measured: 120 µs against 25 µs a paragraph).
    """
    if _fts_stale(connection):
        return
    connection.executemany(
        "INSERT INTO paragraph_search (rowid, text, note, tags, keys) VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def _fts_delete(connection: sqlite3.Connection, rows: Iterable[ParagraphRow]) -> None:
    """Take paragraphs out of the full-text index (FTS5 needs the old values; while it is
    to be rebuilt, the paragraphs may not be in it, and deleting those would damage it)."""
    if _fts_stale(connection):
        return
    connection.executemany(
        "INSERT INTO paragraph_search (paragraph_search, rowid, text, note, tags, keys)"
        " VALUES ('delete', ?, ?, ?, ?, ?)",
        rows,
    )


def _replace_paragraph(
    connection: sqlite3.Connection, old: ParagraphRow, new: ParagraphRow
) -> None:
    """Change a paragraph's note, tags or filter keys, in its table and in the index."""
    _fts_delete(connection, [old])
    connection.execute(
        "UPDATE paragraphs SET note = ?, tags = ?, keys = ? WHERE id = ?",
        (new[2], new[3], new[4], new[0]),
    )
    _fts_insert(connection, [new])


ReadEntry = tuple[Path, str, str, int, int]
"""A file to read: (file, absolute path, root, size, mtime_ns)."""


class ParsedArticle(NamedTuple):
    """An article as the index stores it, in plain values: quick to send back from a
    worker process (dataclasses of every block took a tenth of the storing process's
    time to unpickle), and nothing left to work out where the rows are written."""

    file_row: tuple[object, ...]
    """title, title_fold, date, date_key, source, language, article_id, tags, problems,
    words, key: the files columns after path, root, size and mtime_ns."""
    date: str | None
    date_key: int | None
    key: str
    """The notes key, hashed here (in the worker process when there is one)."""
    blocks: tuple[tuple[str, int | None, str], ...]
    """(kind, attribution start, text) of each block."""


ReadResult = tuple[str, str, int, int, ParsedArticle | str]
"""A file read: (absolute path, root, size, mtime_ns, the article or why it failed)."""


def _read(entry: ReadEntry) -> ReadResult:
    """Read one file, again if it changed while read (an editor or a sync tool saving it
    in place: read at the wrong moment, it is empty or cut short).

    The content is kept only with a size and time taken before and after it was read that
    agree; a file still changing after STABLE_READ_TRIES keeps what was read but no size,
    so the next refresh reads it again.
    """
    file, path, root, size, mtime_ns = entry
    for attempt in range(STABLE_READ_TRIES):
        if attempt:
            time.sleep(STABLE_READ_PAUSE)
        try:
            content: ParsedArticle | str = parsed_article(read_article(file))
        except ArticleError as error:
            content = error.reason
        after = _size_and_time(path)
        if after == (size, mtime_ns):
            return path, root, size, mtime_ns, content
        size, mtime_ns = after
    return path, root, -1, -1, content


def _size_and_time(path: str) -> tuple[int, int]:
    """What the index keys a file by (-1, -1 for a file that cannot be seen)."""
    try:
        stat = os.stat(path)
    except OSError:
        return -1, -1
    return stat.st_size, stat.st_mtime_ns


def parsed_article(article: Article) -> ParsedArticle:
    """What the index stores of an article."""
    date = article.date.iso() if article.date else None
    date_key = _date_key(article.date)
    key = article_key(article)
    words = article.word_count
    file_row = (
        article.title,
        article.title.casefold(),
        date,
        date_key,
        article.source,
        article.language,
        article.article_id,
        "\n".join(article.tags),
        "\n".join(article.problems),
        words,
        key,
    )
    blocks = tuple(
        (block.kind.value, block.attribution_start, block.text) for block in article.blocks
    )
    return ParsedArticle(file_row, date, date_key, key, blocks)


def _read_all(entries: list[ReadEntry]) -> Iterator[ReadResult]:
    """Read files in order; many at once in worker processes (parsing is most of a cold
    start: two cores roughly halve it), few here."""
    workers = min(PARSE_WORKERS, os.cpu_count() or 1)
    if len(entries) < PARALLEL_MIN or workers < 2 or not _can_spawn():
        yield from map(_read, entries)
        return
    import multiprocessing  # only for a first start: not on the way to the first screen
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            for result in pool.map(_read, entries, chunksize=PARSE_CHUNK):
                done += 1
                yield result
    except (OSError, ValueError, BrokenProcessPool):
        # No workers here (ValueError: stderr is not a real file, as under a full-screen
        # UI); read the rest ourselves.
        yield from map(_read, entries[done:])  # no workers here: read the rest ourselves


def _can_spawn() -> bool:
    """Whether worker processes can start: "spawn" re-runs the main script in each, which
    is only safe for a real file (guarded, as the console script is) or `-m`/`-c`."""
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    return main_file is None or Path(main_file).is_file()


def _batches(results: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    batch: list[ReadResult] = []
    for result in results:
        batch.append(result)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _batch_order(entry: ReadResult) -> tuple[int, str]:
    """Oldest article first (unreadable files first: they have no paragraphs)."""
    parsed = entry[4]
    date = None if isinstance(parsed, str) else parsed.date_key
    return (date or 0, entry[0])


def _actor_names(connection: sqlite3.Connection, paragraph_id: int) -> list[str]:
    """The names of the actors a paragraph mentions (as the analysis found them so far)."""
    return [
        name
        for (name,) in connection.execute(
            "SELECT DISTINCT a.name FROM mentions m JOIN actors a ON a.id = m.actor"
            " WHERE m.paragraph = ?",
            (paragraph_id,),
        )
    ]


def _read_notes(path: Path) -> ArticleNotes | None:
    """A notes file read for the index only: a damaged one is skipped here (the reader
    reports it and moves it aside when its article is opened)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return _from_toml(data, str(data.get("article", path.stem)))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError, ValueError):
        return None


def analysis_stamp(actors_path: Path | None) -> str:
    """Identifies the analysis results: the analysis version and the user's actors.toml."""
    digest = hashlib.blake2b(ANALYSIS_VERSION.encode(), digest_size=8)
    if actors_path is not None:
        with contextlib.suppress(OSError):
            digest.update(actors_path.read_bytes())
    return digest.hexdigest()


def entity_mentions(
    actors_path: Path | None,
) -> Callable[[list[str], dict[int, int]], list[tuple[int, int, int, str, str]]]:
    """The analysis as the index stores it: (block, start, end, name, kind) per mention."""
    from briefing_tui.core.analysis import analyze_blocks
    from briefing_tui.core.analysis.lexicon import builtin_lexicon, load_user_actors

    lexicon = builtin_lexicon()
    if actors_path is not None:
        lexicon = lexicon.with_user(load_user_actors(actors_path))

    def analyse(
        texts: list[str], pull_quotes: dict[int, int]
    ) -> list[tuple[int, int, int, str, str]]:
        analysis = analyze_blocks(texts, pull_quotes, lexicon)
        return [
            (entity.block, entity.start, entity.end, entity.name, entity.kind.value)
            for entity in analysis.entities
        ]

    return analyse


def analyse_in_background(index_path: Path, actors_path: Path | None) -> int:
    """Analyse every article the index holds that is not analysed yet (a child process).

    Runs at a lower priority in its own process, so the reader's UI thread never waits
    for it; stops early, losing nothing, when killed (each batch is one transaction).
    """
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)
    index = LibraryIndex(index_path)
    try:
        return index.analyse_pending(analysis_stamp(actors_path), entity_mentions(actors_path))
    finally:
        index.close()


def many_files(roots: Sequence[Path], threshold: int = PARALLEL_MIN) -> bool:
    """Whether `roots` hold at least `threshold` article files (stops counting there)."""
    count = 0
    for root in roots:
        if root.exists():
            for _file in find_article_files([root]):
                count += 1
                if count >= threshold:
                    return True
    return False


def refresh_in_child(
    index_path: Path,
    roots: Sequence[Path],
    notes_dir: Path | None,
    progress: Callable[[int, int], None] | None = None,
    started: Callable[[subprocess.Popen[str]], None] | None = None,
) -> bool | None:
    """Run `refresh` in a child process (a first start, or any start of a huge library).

    The child parses with worker processes of its own, which a process with a full-screen
    UI cannot start (its stderr is captured), and the UI's process stays free to draw:
    no Python loop of its own competes with the UI thread for the GIL. Progress comes
    back as "done total" lines, then "changed 0" or "changed 1".

    Returns:
        Whether anything changed, or None if the child failed (refresh here then).
    """
    command = [sys.executable, "-m", "briefing_tui.core.index", "refresh", str(index_path)]
    command += [str(notes_dir or ""), *(str(root.absolute()) for root in roots)]
    try:
        child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
    except OSError:
        return False
    if started is not None:
        started(child)
    assert child.stdout is not None
    changed = True  # a child that does not say: list again, to be safe
    for line in child.stdout:
        first, _, second = line.partition(" ")
        if first == "changed":
            changed = second.strip() != "0"
        elif progress is not None and first.isdigit() and second.strip().isdigit():
            progress(int(first), int(second))
    return changed if child.wait() == 0 else None


def main(argv: Sequence[str] | None = None) -> int:
    """The index's child processes:

    `python -m briefing_tui.core.index analyse INDEX [ACTORS]` finds the actors of every
    article not analysed yet; `... refresh INDEX NOTES_DIR ROOT...` brings the index up
    to date, printing "done total" lines as it reads files and then "changed 0" or
    "changed 1".
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) >= 2 and arguments[0] == "analyse":
        actors = Path(arguments[2]) if len(arguments) > 2 else None
        analyse_in_background(Path(arguments[1]), actors)
        return 0
    if len(arguments) >= 3 and arguments[0] == "refresh":
        index = LibraryIndex(Path(arguments[1]))
        notes = Path(arguments[2]) if arguments[2] else None

        def report(done: int, total: int) -> None:
            print(done, total, flush=True)

        try:
            changed = index.refresh([Path(root) for root in arguments[3:]], notes, report)
        finally:
            index.close()
        print("changed", int(changed), flush=True)
        return 0
    print(
        "usage: python -m briefing_tui.core.index analyse INDEX [ACTORS]\n"
        "       python -m briefing_tui.core.index refresh INDEX NOTES_DIR ROOT...",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
