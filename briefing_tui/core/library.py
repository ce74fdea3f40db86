"""Which articles exist: reading folders and files, sorting and grouping them by date."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from briefing_tui.core.articles import ArticleError, read_article
from briefing_tui.core.dates import PartialDate, Precision
from briefing_tui.core.model import ARTICLE_SUFFIXES, Article
from briefing_tui.core.safety import clean_line, display_path

UNDATED_LABEL = "Undated"


class Problem(NamedTuple):
    """Something wrong with one file, as `path: reason`."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}: {clean_line(self.reason)}"


class DateGroup(NamedTuple):
    """Articles sharing one date header ("2025-04"), newest group first."""

    label: str
    articles: tuple[Article, ...]


def find_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Article files in the given paths: files as given, folders searched recursively.

    Hidden files and folders are skipped; files inside a folder are picked by suffix,
    while a file named explicitly is read whatever its name.
    """
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found: list[Path] = []
            for root, files in _visible_folders(path):
                found.extend(
                    Path(root, name)
                    for name in files
                    if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES
                )
            candidates: Iterable[Path] = sorted(found)
        else:
            candidates = (path,)
        for candidate in candidates:
            key = candidate.absolute()
            if key not in seen:
                seen.add(key)
                yield candidate


FoldersStamp = tuple[tuple[str, int], ...]
"""(path, modification time) of every folder of a library, and of each file named."""


def folders_stamp(paths: Iterable[Path]) -> FoldersStamp:
    """When the library's folders last changed: an article added, removed or renamed
    (as most editors and sync tools save) changes its folder, so two stamps that differ
    say the library needs checking, without looking at each of its files.

    Files named directly count with their own time. A file changed in place changes no
    folder; the library's reload key finds it.
    """
    stamp: list[tuple[str, int]] = []
    for path in paths:
        if not path.is_dir():
            stamp.append((str(path), modified_time(str(path))))
            continue
        for root, _files in _visible_folders(path):
            stamp.append((root, modified_time(root)))
    return tuple(stamp)


def _visible_folders(path: Path) -> Iterator[tuple[str, list[str]]]:
    """Each folder under `path` (itself included) and its file names; hidden folders and
    what is under them are left out, for the library and for its stamp alike."""
    for root, folders, files in os.walk(path):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        yield root, files


def modified_time(path: str) -> int:
    """A file's or folder's modification time in nanoseconds; -1 if it cannot be seen."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def sibling_articles(path: Path) -> list[Path]:
    """The article files beside `path` in its folder (not below it), `path` included.

    Used when one file is opened like `less FILE`: its folder is the library behind it,
    without walking what may be a large tree under it.
    """
    try:
        siblings = [
            entry
            for entry in path.parent.iterdir()
            if entry.is_file()
            and not entry.name.startswith(".")
            and entry.suffix.lower() in ARTICLE_SUFFIXES
        ]
    except OSError:
        siblings = []
    if not any(entry.absolute() == path.absolute() for entry in siblings):
        siblings.append(path)
    return sorted(siblings)


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles newest first (coarser dates after the finer ones inside them), then undated.

    Ties keep a stable order by title and path so the list never shuffles between runs.
    """
    ordered = sorted(articles, key=lambda article: (article.title.casefold(), str(article.path)))
    dated = [article for article in ordered if article.date is not None]
    undated = [article for article in ordered if article.date is None]
    dated.sort(
        key=lambda article: article.date.sort_key if article.date else (0, 0, 0), reverse=True
    )
    return dated + undated


def date_label(date: PartialDate | None, by: str = "day") -> str:
    """The header an article's date falls under when grouping by day, week or month.

    A date never claims more precision than it has: grouping by week puts a month-only
    date under its month ("2025-04") and a year-only date under its year.
    """
    if date is None:
        return UNDATED_LABEL
    if by == "day" or date.precision is Precision.YEAR:
        return date.iso()
    if by == "month" or date.day is None or date.month is None:
        return f"{date.year:04d}-{date.month:02d}"
    iso_year, week, _ = dt.date(date.year, date.month, date.day).isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def group_by_date(articles: Sequence[Article], by: str = "day") -> list[DateGroup]:
    """Group already sorted articles under date headers, by "day", "week" or "month".

    "day" shows each date at its own precision. Groups are runs of neighbours, so the
    list keeps the library's order (positions in the list are positions in the library).
    """
    groups: list[DateGroup] = []
    current_label: str | None = None
    current: list[Article] = []
    last_date: PartialDate | None = None
    label = date_label(None, by)
    for article in articles:
        if article.date is not last_date:  # sorted by date: most neighbours share one
            last_date = article.date
            label = date_label(last_date, by)
        if label != current_label and current:
            groups.append(DateGroup(current_label or UNDATED_LABEL, tuple(current)))
            current = []
        current_label = label
        current.append(article)
    if current:
        groups.append(DateGroup(current_label or UNDATED_LABEL, tuple(current)))
    return groups


def read_articles(
    paths: Iterable[Path], *, guess_language: bool = True
) -> tuple[list[Article], list[Problem]]:
    """Every article under `paths` in the order the files are found, and every problem
    (a missing path, an unreadable file, what a readable one lacks), none of them raised.

    `guess_language=False` skips guessing the language of text without front matter
    (for one-shot commands that do not show it)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            problems.append(Problem(path, "not found"))
            continue
        for file in find_article_files([path]):
            try:
                article = read_article(file, guess_language=guess_language)
            except ArticleError as error:
                problems.append(Problem(file, error.reason))
                continue
            articles.append(article)
            problems.extend(Problem(file, reason) for reason in article.problems)
    return articles, problems


@dataclass(frozen=True)
class Library:
    """The articles of a briefing, newest first, with the files that could not be read."""

    articles: tuple[Article, ...] = ()
    problems: tuple[Problem, ...] = ()
    unlisted: int = 0
    """Articles after these that are not listed yet: a large library's first screen is
    drawn from its newest articles and the count, and the rest follows a moment later."""

    @property
    def total(self) -> int:
        """How many articles the library has, listed or not."""
        return len(self.articles) + self.unlisted

    @property
    def groups(self) -> list[DateGroup]:
        """The articles under their date headers."""
        return group_by_date(self.articles)

    def index_of(self, path: Path) -> int | None:
        """Position of the article read from `path`, if it is in the library."""
        wanted = path.absolute()
        for index, article in enumerate(self.articles):
            if article.path.absolute() == wanted:
                return index
        return None

    @classmethod
    def scan(cls, paths: Iterable[Path]) -> Library:
        """Read every article under `paths`; files that fail become problems, not errors."""
        articles, problems = read_articles(paths)
        return cls(tuple(newest_first(articles)), tuple(problems))
