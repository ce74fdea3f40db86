"""Notes and tags on paragraphs, kept in TOML files that must never lose a word.

One file per article in `<config dir>/notes/`, so a damaged file can only ever affect one
article. Every save takes an exclusive lock, re-reads the file, merges (the newest edit of
each annotation wins; deletions are kept as tombstones so a merge never brings a deleted
note back), and writes a temporary file in the same directory that is flushed, fsynced
and renamed over the old one. Two sessions of the same user therefore never lose each
other's work, and a crash at any moment leaves either the old file or the new one.

An annotation is anchored to its paragraph by index, a fingerprint of the normalised
text and a short quote of it. When the article changes, `place` finds the paragraph
again: the same index and text, the same text elsewhere (moved), a similar text (a small
edit), or nothing (detached: kept and shown, never dropped).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import hashlib
import re
import tomllib
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomli_w

from briefing_tui.core.model import Article
from briefing_tui.core.safe_store import (
    DamagedFile,
    SaveError,
    ensure_private_directory,
    locked,
    read_toml,
    set_aside,
    write_atomically,
)
from briefing_tui.core.safety import clean_line, clean_text
from briefing_tui.core.text import collapse_spaces

SCHEMA_VERSION = 1
QUOTE_CHARS = 80
"""How much of the paragraph an anchor keeps, to show and to find it again."""
EDITED_MIN_RATIO = 0.6
"""How similar an edited paragraph must stay to keep its notes (difflib ratio)."""

NotesError = SaveError
"""Notes could not be saved (read-only or full disk); the message says why."""


class Placement(StrEnum):
    """Where an annotation landed in the current text of its article."""

    EXACT = "exact"
    MOVED = "moved"
    EDITED = "edited"
    DETACHED = "detached"


def normalise(text: str) -> str:
    """Text as compared for anchoring: case and spacing do not count."""
    return collapse_spaces(text).casefold()


def fingerprint(text: str) -> str:
    """A short stable hash of a paragraph's normalised text."""
    return hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=8).hexdigest()


def clean_tag(tag: str) -> str:
    """A tag as stored: no leading #, no spaces, lowercase, no control characters."""
    return clean_line(tag).lstrip("#").strip().casefold().replace(" ", "-")


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags from what a user typed: separated by commas or spaces, duplicates dropped."""
    tags: list[str] = []
    for part in re.split(r"[,\s]+", text):
        tag = clean_tag(part)
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def now() -> str:
    """A UTC timestamp that sorts as text (fixed width, microseconds)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def article_key(article: Article) -> str:
    """An article's identity: its front matter id, else a hash of its date and text.

    The key does not depend on where the file is, so notes follow an article that moves.
    """
    if article.article_id:
        return f"id:{article.article_id}"
    date = article.date.iso() if article.date else ""
    # normalise() of each block, with the case folded once for the whole text.
    text = "\n".join(collapse_spaces(block.text) for block in article.blocks).casefold()
    digest = hashlib.blake2b(f"{date}\n{text}".encode(), digest_size=10).hexdigest()
    return f"text:{digest}"


@dataclass(frozen=True)
class Anchor:
    """Which paragraph an annotation belongs to."""

    index: int
    fingerprint: str
    quote: str
    """The paragraph's opening words, to show and to find it again after an edit."""

    @classmethod
    def of(cls, index: int, text: str) -> Anchor:
        """The anchor of paragraph `index` with this text."""
        return cls(index, fingerprint(text), " ".join(text.split())[:QUOTE_CHARS])


@dataclass(frozen=True)
class Annotation:
    """A note and tags on one paragraph."""

    id: str
    anchor: Anchor
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = field(default_factory=now)
    updated: str = field(default_factory=now)
    deleted: bool = False
    """A tombstone: deleted annotations stay in the file so merges do not revive them."""

    @classmethod
    def new(cls, anchor: Anchor, note: str = "", tags: Iterable[str] = ()) -> Annotation:
        """A fresh annotation with its own id."""
        cleaned = tuple(tag for tag in (clean_tag(tag) for tag in tags) if tag)
        return cls(uuid.uuid4().hex, anchor, clean_text(note).strip(), cleaned)

    def edited(self, *, note: str | None = None, tags: Iterable[str] | None = None) -> Annotation:
        """This annotation with a new note and/or tags, stamped now."""
        return replace(
            self,
            note=self.note if note is None else clean_text(note).strip(),
            tags=self.tags if tags is None else tuple(t for t in map(clean_tag, tags) if t),
            updated=now(),
            deleted=False,
        )

    def removed(self) -> Annotation:
        """The tombstone of this annotation."""
        return replace(self, note="", tags=(), updated=now(), deleted=True)

    @property
    def is_empty(self) -> bool:
        """No note and no tags: nothing worth keeping."""
        return not self.note and not self.tags


@dataclass(frozen=True)
class ArticleNotes:
    """Everything stored for one article."""

    key: str
    annotations: tuple[Annotation, ...] = ()
    title: str = ""
    path: str = ""
    date: str = ""
    problems: tuple[str, ...] = ()
    """What went wrong reading the file (a corrupt file moved aside)."""

    @property
    def live(self) -> list[Annotation]:
        """Annotations that were not deleted."""
        return [annotation for annotation in self.annotations if not annotation.deleted]

    @property
    def counts(self) -> tuple[int, int]:
        """(paragraphs with a note, paragraphs with tags): the library's badge."""
        live = self.live
        return (
            sum(1 for annotation in live if annotation.note),
            sum(1 for annotation in live if annotation.tags),
        )

    @property
    def tags_used(self) -> set[str]:
        """Every tag on a paragraph of the article."""
        return {tag for annotation in self.live for tag in annotation.tags}


def merge(ours: Iterable[Annotation], theirs: Iterable[Annotation]) -> tuple[Annotation, ...]:
    """Union by id; for the same id the later `updated` wins (ties: ours)."""
    merged: dict[str, Annotation] = {}
    for annotation in theirs:
        known = merged.get(annotation.id)
        if known is None or annotation.updated > known.updated:
            merged[annotation.id] = annotation
    for annotation in ours:
        other = merged.get(annotation.id)
        if other is None or annotation.updated >= other.updated:
            merged[annotation.id] = annotation
    return tuple(sorted(merged.values(), key=lambda a: (a.anchor.index, a.created, a.id)))


TOMBSTONE_DAYS = 30
"""How long a deleted annotation stays in its file as a tombstone.

A session only sends the annotations it changed, so an old copy still in memory elsewhere is
never written back; the tombstone only has to outlive edits racing the deletion. After a
month it goes, so a file does not keep every note ever deleted."""


def without_old_tombstones(
    annotations: Iterable[Annotation], *, days: int = TOMBSTONE_DAYS
) -> tuple[Annotation, ...]:
    """Drop tombstones older than `days`; live annotations always stay."""
    cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return tuple(a for a in annotations if not (a.deleted and a.updated < cutoff))


def place(
    annotations: Sequence[Annotation], paragraphs: Sequence[str]
) -> list[tuple[Annotation, int | None, Placement]]:
    """Find each annotation's paragraph in the article as it is now."""
    prints = [fingerprint(text) for text in paragraphs]
    placed: list[tuple[Annotation, int | None, Placement]] = []
    for annotation in annotations:
        anchor = annotation.anchor
        if 0 <= anchor.index < len(prints) and prints[anchor.index] == anchor.fingerprint:
            placed.append((annotation, anchor.index, Placement.EXACT))
            continue
        same = [index for index, value in enumerate(prints) if value == anchor.fingerprint]
        if same:
            nearest = min(same, key=lambda index: abs(index - anchor.index))
            placed.append((annotation, nearest, Placement.MOVED))
            continue
        best, best_ratio = None, 0.0
        quote = normalise(anchor.quote)
        for index, text in enumerate(paragraphs):
            opening = normalise(text)[: len(quote) + 20]
            ratio = difflib.SequenceMatcher(None, quote, opening).ratio()
            # Prefer the paragraph nearest the old place when two are as good.
            if ratio > best_ratio or (
                ratio == best_ratio
                and best is not None
                and abs(index - anchor.index) < abs(best - anchor.index)
            ):
                best, best_ratio = index, ratio
        if best is not None and best_ratio >= EDITED_MIN_RATIO:
            placed.append((annotation, best, Placement.EDITED))
        else:
            placed.append((annotation, None, Placement.DETACHED))
    return placed


def _safe_name(key: str) -> str:
    """A file name for any key: readable slug plus a hash, so nothing in an id escapes."""
    slug = re.sub(r"[^a-z0-9]+", "-", key.casefold()).strip("-")[:40] or "article"
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()
    return f"{slug}-{digest}.toml"


def _to_toml(notes: ArticleNotes) -> dict[str, Any]:
    data: dict[str, Any] = {"version": SCHEMA_VERSION, "article": notes.key}
    for name in ("title", "path", "date"):
        value = getattr(notes, name)
        if value:
            data[name] = value
    rows = []
    for annotation in notes.annotations:
        row: dict[str, Any] = {
            "id": annotation.id,
            "paragraph": annotation.anchor.index,
            "fingerprint": annotation.anchor.fingerprint,
            "quote": annotation.anchor.quote,
            "created": annotation.created,
            "updated": annotation.updated,
        }
        if annotation.note:
            row["note"] = annotation.note
        if annotation.tags:
            row["tags"] = list(annotation.tags)
        if annotation.deleted:
            row["deleted"] = True
        rows.append(row)
    if rows:
        data["annotation"] = rows
    return data


def _from_toml(data: dict[str, Any], key: str) -> ArticleNotes:
    annotations = []
    for row in data.get("annotation", []):
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            continue
        anchor = Anchor(
            int(row.get("paragraph", 0)), str(row.get("fingerprint", "")), str(row.get("quote", ""))
        )
        tags = row.get("tags", [])
        annotations.append(
            Annotation(
                id=row["id"],
                anchor=anchor,
                note=clean_text(str(row.get("note", ""))),
                tags=tuple(clean_tag(str(tag)) for tag in tags) if isinstance(tags, list) else (),
                created=str(row.get("created", "")),
                updated=str(row.get("updated", "")),
                deleted=bool(row.get("deleted", False)),
            )
        )
    return ArticleNotes(
        key=str(data.get("article", key)),
        annotations=tuple(annotations),
        title=clean_line(str(data.get("title", ""))),
        path=str(data.get("path", "")),
        date=str(data.get("date", "")),
    )


class NoteStore:
    """Notes files in one directory, read and written safely."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, key: str) -> Path:
        """The file holding an article's notes."""
        return self.directory / _safe_name(key)

    def load(self, key: str) -> ArticleNotes:
        """An article's notes; a file that does not parse is moved aside and reported (in
        a read-only directory it stays where it is, reported, and no save writes over it)."""
        try:
            return self._read(self.path_for(key), key)
        except SaveError as error:
            return ArticleNotes(key, problems=(str(error),))

    def _read(self, path: Path, key: str) -> ArticleNotes:
        try:
            data = read_toml(path)
            if data is None:
                return ArticleNotes(key)
            try:
                return _from_toml(data, key)
            except (TypeError, ValueError) as error:
                raise DamagedFile(f"unexpected content ({error})") from None
        except DamagedFile as damage:
            return ArticleNotes(key, problems=(set_aside(path, damage.reason),))

    def save(
        self,
        key: str,
        changes: Iterable[Annotation],
        *,
        title: str = "",
        path: str = "",
        date: str = "",
    ) -> ArticleNotes:
        """Merge `changes` into the article's file (lock, re-read, merge, atomic write).

        Raises:
            NotesError: The directory is read-only or full; nothing on disk changed.
        """
        ensure_private_directory(self.directory)
        file = self.path_for(key)
        with locked(file):
            current = self._read(file, key)
            notes = ArticleNotes(
                key=key,
                annotations=without_old_tombstones(merge(changes, current.annotations)),
                title=title or current.title,
                path=path or current.path,
                date=date or current.date,
                problems=current.problems,
            )
            self._write(file, notes)
        return notes

    def _write(self, file: Path, notes: ArticleNotes) -> None:
        write_atomically(file, tomli_w.dumps(_to_toml(notes)).encode("utf-8"), "notes")

    def all_notes(self) -> Iterator[ArticleNotes]:
        """Every article's notes in the directory (for counts, the notebook and export)."""
        if not self.directory.is_dir():
            return
        for file in sorted(self.directory.glob("*.toml")):
            if ".corrupt-" in file.name:
                continue
            try:
                data = tomllib.loads(file.read_text(encoding="utf-8"))
                notes = _from_toml(data, str(data.get("article", file.stem)))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError, ValueError):
                continue  # reported when that article is opened, and moved aside then
            yield notes

    # --- tag housekeeping ---------------------------------------------------------------

    def tag_usage(self) -> dict[str, tuple[int, int]]:
        """Tag -> (paragraphs carrying it, articles with such a paragraph)."""
        usage: dict[str, tuple[int, int]] = {}
        for notes in self.all_notes():
            counts: dict[str, int] = {}
            for annotation in notes.live:
                for tag in annotation.tags:
                    counts[tag] = counts.get(tag, 0) + 1
            for tag, paragraphs in counts.items():
                before = usage.get(tag, (0, 0))
                usage[tag] = (before[0] + paragraphs, before[1] + 1)
        return usage

    def plan_retag(self, sources: Iterable[str], target: str) -> RetagPlan:
        """What renaming (one source) or merging (several) tags into `target` would change."""
        retag = Retag.of(sources, target)
        paragraphs = articles = 0
        for notes in self.all_notes():
            changed = sum(1 for a in notes.live if retag.apply(a.tags) != a.tags)
            paragraphs += changed
            articles += 1 if changed else 0
        return RetagPlan(retag, paragraphs, articles)

    def retag(self, retag: Retag) -> list[ArticleNotes]:
        """Rename or merge tags in every notes file; returns the files that changed.

        A journal of the operation is written first and removed last, so an operation a
        crash interrupts is finished by `finish_pending_retags` (at the next start). Each
        file is changed under its own lock, re-read first, so concurrent edits survive;
        the change is idempotent, so finishing it twice does no harm.

        Raises:
            NotesError: A file could not be written; the journal stays, to finish later.
        """
        if retag.is_noop:
            return []
        ensure_private_directory(self.directory)
        journal = self.directory / f"retag-{uuid.uuid4().hex}{RETAG_JOURNAL_SUFFIX}"
        payload = {"version": SCHEMA_VERSION, "sources": list(retag.sources)}
        payload["target"] = retag.target
        write_atomically(journal, tomli_w.dumps(payload).encode("utf-8"), "the tag change")
        changed = self._apply_retag(retag)
        with contextlib.suppress(FileNotFoundError):
            journal.unlink()
        return changed

    def finish_pending_retags(self) -> list[ArticleNotes]:
        """Complete tag renames and merges that a crash or a full disk interrupted."""
        if not self.directory.is_dir():
            return []
        changed: list[ArticleNotes] = []
        journals = sorted(
            self.directory.glob(f"*{RETAG_JOURNAL_SUFFIX}"), key=lambda p: p.stat().st_mtime
        )
        for journal in journals:
            try:
                data = read_toml(journal) or {}
                retag = Retag.of(
                    [str(tag) for tag in data.get("sources", [])], str(data.get("target", ""))
                )
            except (DamagedFile, TypeError):
                continue  # an unreadable journal is left for a person to look at
            changed += self._apply_retag(retag)
            with contextlib.suppress(FileNotFoundError):
                journal.unlink()
        return changed

    def _apply_retag(self, retag: Retag) -> list[ArticleNotes]:
        changed: list[ArticleNotes] = []
        for found in list(self.all_notes()):
            if not any(retag.apply(a.tags) != a.tags for a in found.live):
                continue
            file = self.path_for(found.key)
            with locked(file):
                current = self._read(file, found.key)
                edits = [
                    annotation.edited(tags=retag.apply(annotation.tags))
                    for annotation in current.live
                    if retag.apply(annotation.tags) != annotation.tags
                ]
                if not edits:
                    continue
                notes = replace(current, annotations=merge(edits, current.annotations))
                self._write(file, notes)
            changed.append(notes)
        return changed


RETAG_JOURNAL_SUFFIX = ".retag-pending"
"""A tag rename or merge in progress; not `.toml`, so it is never read as an article's notes."""


@dataclass(frozen=True)
class Retag:
    """Replace every tag in `sources` by `target`: a rename (one source) or a merge."""

    sources: tuple[str, ...]
    target: str

    @classmethod
    def of(cls, sources: Iterable[str], target: str) -> Retag:
        """Cleaned tags; the target itself is no source."""
        clean_target = clean_tag(target)
        cleaned: list[str] = []
        for tag in map(clean_tag, sources):
            if tag and tag != clean_target and tag not in cleaned:
                cleaned.append(tag)
        return cls(tuple(cleaned), clean_target)

    @property
    def is_noop(self) -> bool:
        """Nothing to rename, or no name to rename it to."""
        return not self.sources or not self.target

    def apply(self, tags: tuple[str, ...]) -> tuple[str, ...]:
        """The tags after the change, in their order, without duplicates."""
        if self.is_noop or not any(tag in self.sources for tag in tags):
            return tags
        result: list[str] = []
        for tag in tags:
            new = self.target if tag in self.sources else tag
            if new not in result:
                result.append(new)
        return tuple(result)


@dataclass(frozen=True)
class RetagPlan:
    """What a rename or merge would change, for the confirmation."""

    retag: Retag
    paragraphs: int
    """Paragraphs whose tags change."""
    articles: int
