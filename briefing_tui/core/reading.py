"""What the user has read: read or unread, and the paragraph they left each article at.

Kept per user in `reading.json` beside the notes, with the notes' guarantees (see
core/safe_store.py): locked, re-read and merged on every save so two sessions keep each
other's progress, written atomically, private to the user, and set aside with a message
when damaged. JSON rather than TOML because this is one file for the whole library and
is re-read on every save: for 10,000 articles tomllib takes about 0.9 s to read it and
tomli-w 0.35 s to write it, the json module 0.03 s and 0.05 s.

Articles are known by `notes.article_key`, so the state follows a file that moves. An
article with no entry is unread: that is what "new" means.

The UI changes the state in memory (`ReadingLog`) and saves it off the UI thread; only
the entries changed since the last save are merged into the file, newest edit winning.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefing_tui.core.locations import config_dir
from briefing_tui.core.safe_store import (
    DamagedFile,
    SaveError,
    ensure_private_directory,
    locked,
    read_json,
    set_aside,
    write_atomically,
)

SCHEMA_VERSION = 1
FILE_NAME = "reading.json"


def now() -> str:
    """A UTC timestamp that sorts as text (fixed width, microseconds)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class ReadingEntry:
    """One article's reading state."""

    read: bool = False
    block: int = 0
    """Index of the block the paragraph cursor was on when the reader left it."""
    blocks: int = 0
    """How many blocks the article had then (for the progress shown in the library)."""
    updated: str = ""

    @property
    def percent(self) -> int | None:
        """How far into the article the reader got, if part way (not at the start or end)."""
        if self.blocks <= 1 or self.block <= 0 or self.block >= self.blocks - 1:
            return None
        return max(1, min(99, round(100 * (self.block + 1) / self.blocks)))


def merge_entries(
    ours: Mapping[str, ReadingEntry], theirs: Mapping[str, ReadingEntry]
) -> dict[str, ReadingEntry]:
    """Union by article key; for the same key the later `updated` wins (ties: ours)."""
    merged = dict(theirs)
    for key, entry in ours.items():
        other = merged.get(key)
        if other is None or entry.updated >= other.updated:
            merged[key] = entry
    return merged


def _from_json(data: dict[str, Any]) -> dict[str, ReadingEntry]:
    entries: dict[str, ReadingEntry] = {}
    articles = data.get("articles", {})
    if not isinstance(articles, dict):
        raise TypeError("articles is not a table")
    for key, row in articles.items():
        if not isinstance(row, dict):
            continue  # one odd row does not cost the others
        entries[str(key)] = ReadingEntry(
            read=bool(row.get("read", False)),
            block=max(0, int(row.get("block", 0))),
            blocks=max(0, int(row.get("blocks", 0))),
            updated=str(row.get("updated", "")),
        )
    return entries


def _to_json(entries: Mapping[str, ReadingEntry]) -> dict[str, Any]:
    articles = {
        key: {
            "read": entry.read,
            "block": entry.block,
            "blocks": entry.blocks,
            "updated": entry.updated,
        }
        for key, entry in sorted(entries.items())
    }
    return {"version": SCHEMA_VERSION, "articles": articles}


class ReadingStore:
    """The reading state file, read and written safely."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def load(self) -> tuple[dict[str, ReadingEntry], tuple[str, ...]]:
        """Every entry, and problems to show (a damaged file is moved aside; one that
        cannot be, in a read-only directory, is left as it is and reported)."""
        try:
            return self._read()
        except SaveError as error:
            return {}, (str(error),)

    def _read(self) -> tuple[dict[str, ReadingEntry], tuple[str, ...]]:
        """Like `load`, raising SaveError when a damaged file cannot be moved aside."""
        try:
            data = read_json(self.file)
            if data is None:
                return {}, ()
            try:
                return _from_json(data), ()
            except (TypeError, ValueError) as error:
                raise DamagedFile(f"unexpected content ({error})") from None
        except DamagedFile as damage:
            return {}, (set_aside(self.file, damage.reason),)

    def save(self, changes: Mapping[str, ReadingEntry]) -> dict[str, ReadingEntry]:
        """Merge `changes` into the file (lock, re-read, merge, atomic write); the result.

        Raises:
            SaveError: The directory is read-only or full; nothing on disk changed.
        """
        ensure_private_directory(self.file.parent)
        with locked(self.file):
            current, _problems = self._read()  # a damaged file kept in place is not written over
            merged = merge_entries(changes, current)
            # One article a line: readable, and a diff shows what changed.
            payload = json.dumps(_to_json(merged), indent=1, ensure_ascii=False).encode("utf-8")
            write_atomically(self.file, payload, "reading state")
        return merged


class ReadingLog:
    """The reading state in memory, with the changes not yet saved.

    The UI thread reads and changes it; `save` runs in a worker thread. A lock keeps
    the two apart; it is held only for dictionary work, never for file work.
    """

    def __init__(self, store: ReadingStore) -> None:
        self.store = store
        self._entries: dict[str, ReadingEntry] = {}
        self._pending: dict[str, ReadingEntry] = {}
        self._lock = threading.Lock()
        self._loaded = False
        self.problems: tuple[str, ...] = ()
        """What went wrong reading the file, to show once."""

    @property
    def loaded(self) -> bool:
        """Whether the file has been read (unread counts mean nothing before)."""
        return self._loaded

    def load(self) -> None:
        """Read the file (once); changes made before it was read are kept and win."""
        if self._loaded:
            return
        entries, problems = self.store.load()
        with self._lock:
            if self._loaded:  # another thread was quicker
                return
            self._entries = merge_entries(self._pending, entries)
            self.problems = problems
            self._loaded = True

    def entry(self, key: str) -> ReadingEntry | None:
        """The state of one article (None: never opened, so unread)."""
        return self._entries.get(key)

    def is_read(self, key: str) -> bool:
        entry = self._entries.get(key)
        return entry is not None and entry.read

    def unread_count(self, keys: Iterable[str]) -> int:
        """How many of these articles are unread."""
        return sum(1 for key in keys if not self.is_read(key))

    def _set(self, key: str, entry: ReadingEntry) -> None:
        entry = replace(entry, updated=now())
        with self._lock:
            self._entries[key] = entry
            self._pending[key] = entry

    def mark_read(self, key: str, read: bool = True) -> None:
        """Mark an article read (opening it) or unread again (the user's choice)."""
        entry = self._entries.get(key, ReadingEntry())
        if entry.read != read:
            self._set(key, replace(entry, read=read))

    def remember_position(self, key: str, block: int, blocks: int) -> None:
        """Where the reader is in an article, to return there next time."""
        entry = self._entries.get(key, ReadingEntry(read=True))
        if (entry.block, entry.blocks) != (block, blocks):
            self._set(key, replace(entry, block=block, blocks=blocks))

    @property
    def has_changes(self) -> bool:
        return bool(self._pending)

    def save(self) -> None:
        """Merge the changes into the file and take in other sessions' changes.

        Raises:
            SaveError: Nothing was saved; the changes stay pending for the next try.
        """
        with self._lock:
            changes = dict(self._pending)
        if not changes:
            return
        merged = self.store.save(changes)
        with self._lock:
            for key, entry in changes.items():
                if self._pending.get(key) == entry:  # not changed again meanwhile
                    del self._pending[key]
            self._entries = merge_entries(self._pending, merged)


def reading_file(override: Path | None = None) -> Path:
    """The reading state file, beside the notes in the config directory."""
    return config_dir(override) / FILE_NAME
