"""The total of a search (beyond the hits listed) and stopping a search from another thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from briefing_tui.core.index import LibraryIndex
from briefing_tui.core.search import SearchCount, SearchInterrupted

MakeLibrary = Callable[[Mapping[str, str | bytes]], Path]


@pytest.fixture
def index(tmp_path: Path) -> Iterator[LibraryIndex]:
    opened = LibraryIndex(tmp_path / "cache" / "index.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def library(make_library: MakeLibrary) -> Path:
    """Three articles: "haven" in 2, 1 and 0 of their paragraphs (plus a heading)."""
    return make_library(
        {
            "a.txt": "date 2025-01-03 De haven ligt stil.\n\nKop\n\nOok de haven van Rotterdam.\n",
            "b.txt": "date 2025-01-02 Een haven in het noorden.\n\nNiets anders.\n",
            "c.txt": "date 2025-01-01 Geen woord daarover.\n",
        }
    )


def test_count_gives_every_matching_paragraph_and_article_beyond_the_limit(
    index: LibraryIndex, library: Path
) -> None:
    index.refresh([library])

    result = index.search("haven", [library], limit=1)

    assert result.more and len(result.hits) == 1
    assert result.known_count() is None  # there is more than was listed: count it
    assert index.count("haven", [library]) == SearchCount(3, 2)


def test_a_complete_result_knows_its_count(index: LibraryIndex, library: Path) -> None:
    index.refresh([library])

    result = index.search("haven", [library])

    assert result.known_count() == SearchCount(3, 2) == index.count("haven", [library])


def test_count_keeps_to_the_folders_and_filters_asked_for(
    index: LibraryIndex, library: Path, make_library: MakeLibrary
) -> None:
    other = make_library({"d.txt": "date 2025-01-01 Nog een haven.\n"})
    index.refresh([library, other])

    assert index.count("haven", [library]) == SearchCount(3, 2)
    assert index.count("haven date:2025-01-02", [library, other]) == SearchCount(1, 1)
    assert index.count("", [library]) == SearchCount(0, 0)


def test_count_describes_itself_with_thousands_and_plurals() -> None:
    assert SearchCount(1284, 312).describe() == "1,284 paragraphs in 312 articles"
    assert SearchCount(1, 1).describe() == "1 paragraph in 1 article"


def test_an_interrupted_search_or_count_says_so(index: LibraryIndex, library: Path) -> None:
    """sqlite3's interrupt() (called by a newer search) ends the query with "interrupted";
    a progress handler that aborts raises the same error, at a known moment."""
    index.refresh([library])
    index.connection.set_progress_handler(lambda: 1, 1)

    with pytest.raises(SearchInterrupted):
        index.search("haven", [library])
    with pytest.raises(SearchInterrupted):
        index.count("haven", [library])

    index.connection.set_progress_handler(None, 1)
    assert index.count("haven", [library]) == SearchCount(3, 2)


def test_interrupt_from_another_thread_stops_a_running_count(
    index: LibraryIndex, library: Path
) -> None:
    index.refresh([library])
    started = threading.Event()
    interrupted = threading.Event()

    def hold() -> int:
        """Once, at the count's first step: wait there until the other thread interrupted."""
        if not started.is_set():
            started.set()
            interrupted.wait(5)
        return 0  # go on: only the interrupt stops it

    def stop() -> None:
        started.wait(5)
        index.interrupt()
        interrupted.set()

    index.connection.set_progress_handler(hold, 1)
    stopper = threading.Thread(target=stop)
    stopper.start()
    with pytest.raises(SearchInterrupted):
        index.count("haven", [library])
    stopper.join()
    assert interrupted.is_set()
