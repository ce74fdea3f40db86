"""Every note and tagged paragraph across articles: for the notebook screen and `export`."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefing_tui.core.articles import ArticleError, read_article
from briefing_tui.core.model import paragraph_label
from briefing_tui.core.notes import (
    Annotation,
    ArticleNotes,
    NoteStore,
    Placement,
    clean_tag,
    place,
)


@dataclass(frozen=True)
class Entry:
    """One annotated paragraph, with what a reader needs to recognise it."""

    key: str
    title: str
    date: str
    path: str
    annotation: Annotation
    paragraph: str
    """The paragraph as it reads now (its stored opening words if the file is gone)."""
    block: int | None
    """Where the paragraph is in the article now; None when it is detached."""
    placement: Placement
    number: int | None = None
    """The paragraph number the reader shows for it ("¶ 5"); None when it is detached."""


def _entries_for(notes: ArticleNotes) -> list[Entry]:
    live = notes.live
    if not live:
        return []
    texts: list[str] | None = None
    numbers = None
    title = notes.title
    if notes.path:
        try:
            article = read_article(Path(notes.path))
        except ArticleError:
            article = None
        if article is not None:
            texts = [block.text for block in article.blocks]
            numbers = article.paragraph_numbers
            title = title or article.title
    placed = (
        place(live, texts)
        if texts is not None
        else [(annotation, None, Placement.DETACHED) for annotation in live]
    )
    entries = []
    for annotation, block, where in placed:
        paragraph = annotation.anchor.quote
        number = None
        if texts is not None and numbers is not None and block is not None:
            paragraph, number = texts[block], numbers.number(block)
        entries.append(
            Entry(
                notes.key,
                title,
                notes.date,
                notes.path,
                annotation,
                paragraph,
                block,
                where,
                number,
            )
        )
    return entries


def collect(store: NoteStore, tag: str | None = None) -> list[Entry]:
    """Every annotated paragraph, newest articles first; only those tagged `tag` if given."""
    entries = [entry for notes in store.all_notes() for entry in _entries_for(notes)]
    if tag is not None:
        wanted = clean_tag(tag)
        entries = [entry for entry in entries if wanted in entry.annotation.tags]
    entries.sort(key=lambda e: (e.date, e.title, e.block if e.block is not None else -1))
    entries.sort(key=lambda e: e.date, reverse=True)
    return entries


def close_tags(store: NoteStore, tag: str, limit: int = 3) -> list[str]:
    """Tags in use that look like `tag`: what the user probably meant by a tag no
    paragraph carries (a typo, a plural, one letter short)."""
    return difflib.get_close_matches(clean_tag(tag), sorted(store.tag_usage()), n=limit)


_STARTS_A_BLOCK = re.compile(
    r" {0,3}(?:[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|>|```|~~~|([*_])(?:\s*\1){2,})"
)
"""A line Markdown reads as the start of a new block (a list item, heading, quote, fence
or rule): the line before it ends its paragraph without a hard break."""
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)$")
"""A line of = or - under a line of text would make that line a heading."""


def _markdown_lines(note: str) -> list[str]:
    """A note's lines as Markdown that keeps them: each line of a paragraph ends with a hard
    break (a backslash, which survives editors and pastes that trim trailing spaces)."""
    lines = [line.rstrip() for line in note.splitlines()]
    lines = [f"\\{line.lstrip()}" if _UNDERLINE.match(line) else line for line in lines]
    kept = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if line and following.strip() and not _STARTS_A_BLOCK.match(following):
            trailing = len(line) - len(line.rstrip("\\"))
            if trailing % 2 == 0:  # an odd number ends in a break already
                line += "\\"
        kept.append(line)
    return kept


def to_markdown(entries: Iterable[Entry]) -> str:
    """Notes as Markdown, grouped by article, ready to paste into a notes app."""
    lines: list[str] = []
    current = None
    for entry in entries:
        if entry.key != current:
            current = entry.key
            heading = f"## {entry.title or entry.path or entry.key}"
            lines += ["", heading, ""]
            details = " · ".join(part for part in (entry.date, entry.path) if part)
            if details:
                lines += [f"*{details}*", ""]
        quoted = " ".join(entry.paragraph.split())
        detached = " (paragraph no longer in the article)" if entry.block is None else ""
        if entry.number is not None:
            lines.append(paragraph_label(entry.number))
        lines.append(f"> {quoted}{detached}")
        lines.append("")
        if entry.annotation.tags:
            lines.append(" ".join(f"#{tag}" for tag in entry.annotation.tags))
            lines.append("")
        if entry.annotation.note:
            lines += [*_markdown_lines(entry.annotation.note), ""]
    return "\n".join(lines).strip() + "\n"


def to_json(entries: Iterable[Entry]) -> str:
    """Notes as a JSON list, one object per annotated paragraph.

    `paragraph_number` is the number the reader shows (from 1, headings not counted);
    `block_index` the paragraph's 0-based index in the article's blocks, as `briefing
    analyze --json` counts them; both null for a detached note.
    """
    return json.dumps(
        [
            {
                "article": entry.title,
                "date": entry.date or None,
                "path": entry.path or None,
                "paragraph": entry.paragraph,
                "paragraph_number": entry.number,
                "block_index": entry.block,
                "placement": entry.placement.value,
                "tags": list(entry.annotation.tags),
                "note": entry.annotation.note or None,
                "updated": entry.annotation.updated,
            }
            for entry in entries
        ],
        ensure_ascii=False,
        indent=2,
    )
