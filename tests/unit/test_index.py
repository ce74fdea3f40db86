"""The library index: listing without reading files, incremental refresh, rebuilds, search."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from briefing_tui.core import index as index_module
from briefing_tui.core.articles import read_article
from briefing_tui.core.index import (
    SCHEMA_VERSION,
    LibraryIndex,
    ListedArticle,
    analysis_stamp,
    entity_mentions,
    many_files,
    refresh_in_child,
)
from briefing_tui.core.library import Library
from briefing_tui.core.notes import Anchor, Annotation, NoteStore, article_key
from briefing_tui.core.search import split_highlights

MakeLibrary = Callable[[Mapping[str, str | bytes]], Path]

APRIL = "003_46394a742c6b9fcd.txt"
MARCH = "000_05c47d46c723b48d.txt"


@pytest.fixture
def index(tmp_path: Path) -> Iterator[LibraryIndex]:
    opened = LibraryIndex(tmp_path / "cache" / "index.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    return tmp_path / "config" / "notes"


def _article(date: str, *paragraphs: str) -> str:
    return f"date {date} " + "\n\n".join(paragraphs) + "\n"


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every file the index reads."""
    reads: list[Path] = []
    real = index_module.read_article

    def counting(path: Path) -> object:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(index_module, "read_article", counting)
    return reads


def _titles(library: Library) -> list[str]:
    return [article.title for article in library.articles]


def test_listing_matches_a_full_scan_without_reading_any_file(
    index: LibraryIndex, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.refresh([articles_dir])
    reads = _reads(monkeypatch)

    listing = index.listing([articles_dir])

    scanned = Library.scan([articles_dir])
    assert reads == []
    assert _titles(listing.library) == _titles(scanned)
    assert [a.path for a in listing.library.articles] == [
        a.path.absolute() for a in scanned.articles
    ]
    assert [a.word_count for a in listing.library.articles] == [
        a.word_count for a in scanned.articles
    ]
    assert list(listing.keys) == [article_key(article) for article in scanned.articles]
    assert all(isinstance(article, ListedArticle) for article in listing.library.articles)
    assert all(article.blocks == () for article in listing.library.articles)


def test_a_first_page_lists_the_newest_and_counts_the_rest(
    index: LibraryIndex, make_library: MakeLibrary
) -> None:
    folder = make_library(
        {
            **{
                f"{day:02d}.txt": _article(f"2025-03-{day:02d}", f"Dag {day}.") for day in (1, 2, 3)
            },
            "broken.txt": b"\xff\xfe binary \x00",
        }
    )
    index.refresh([folder])
    full = index.listing([folder]).library

    first = index.listing([folder], first=2)

    assert _titles(first.library) == ["Dag 3.", "Dag 2."] == _titles(full)[:2]
    assert first.library.unlisted == 1
    assert first.library.total == full.total == 3
    assert first.library.problems == ()  # unreadable files come with the whole list
    assert [problem.path.name for problem in full.problems] == ["broken.txt"]
    assert full.unlisted == 0


def test_a_first_page_of_a_small_library_is_all_of_it(
    index: LibraryIndex, articles_dir: Path
) -> None:
    index.refresh([articles_dir])

    assert index.listing([articles_dir], first=300) == index.listing([articles_dir])


def _words_index_is_sound(index: LibraryIndex) -> None:
    """FTS5's own check of the word index against the paragraphs (raises if damaged)."""
    index.connection.execute(
        "INSERT INTO paragraph_search (paragraph_search, rank) VALUES ('integrity-check', 1)"
    )


def test_a_first_start_lists_first_and_indexes_the_words_after(
    index: LibraryIndex, make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "BULK_MIN", 2)
    folder = make_library(
        {
            f"{day:02d}.txt": _article(f"2025-03-{day:02d}", f"Koersk dag {day}.")
            for day in (1, 2, 3)
        }
    )
    seen_when_stored: list[tuple[int, int, bool]] = []

    def progress(done: int, total: int) -> None:
        if done == total:  # every file stored: the list is complete already
            other = LibraryIndex(index.path)
            listed = other.listing([folder]).library.total
            found = len(other.search("koersk", [folder]).hits)
            seen_when_stored.append((listed, found, other.words_pending()))
            other.close()

    index.refresh([folder], progress=progress)

    assert seen_when_stored == [(3, 0, True)]  # listed; the words come after
    assert not index.words_pending()
    assert len(index.search("koersk", [folder]).hits) == 3
    _words_index_is_sound(index)


def test_words_left_unindexed_by_a_stopped_start_are_indexed_by_the_next(
    tmp_path: Path, make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "BULK_MIN", 2)
    folder = make_library(
        {f"{day:02d}.txt": _article(f"2025-03-{day:02d}", f"Koersk dag {day}.") for day in (1, 2)}
    )
    path = tmp_path / "cache" / "index.sqlite3"
    first = LibraryIndex(path)

    def stopped(self: LibraryIndex) -> None:
        raise KeyboardInterrupt  # killed between storing the files and indexing the words

    with monkeypatch.context() as patch:
        patch.setattr(LibraryIndex, "_rebuild_words_if_stale", stopped)
        with pytest.raises(KeyboardInterrupt):
            first.refresh([folder])
    first.close()
    (folder / "01.txt").write_text(_article("2025-03-01", "Moskou nu."), encoding="utf-8")
    later = LibraryIndex(path)

    later.refresh([folder])  # forgets a file whose words were never indexed: no damage

    assert [hit.path.name for hit in later.search("koersk", [folder]).hits] == ["02.txt"]
    assert [hit.path.name for hit in later.search("moskou", [folder]).hits] == ["01.txt"]
    _words_index_is_sound(later)
    later.close()


def test_unchanged_files_are_not_read_again(
    index: LibraryIndex, articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert index.refresh([articles_dir]) is True
    reads = _reads(monkeypatch)

    assert index.refresh([articles_dir]) is False
    assert reads == []


def test_a_changed_file_is_read_again_and_a_new_one_added(
    index: LibraryIndex, make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_library(
        {"a.txt": _article("2025-03-01", "Eerste tekst."), "b.txt": _article("2025-03-02", "B.")}
    )
    index.refresh([folder])
    reads = _reads(monkeypatch)
    (folder / "a.txt").write_text(_article("2025-03-01", "Nieuwe titel hier."), encoding="utf-8")
    (folder / "c.txt").write_text(_article("2025-03-03", "Derde."), encoding="utf-8")

    assert index.refresh([folder]) is True

    assert sorted(path.name for path in reads) == ["a.txt", "c.txt"]
    assert _titles(index.listing([folder]).library) == ["Derde.", "B.", "Nieuwe titel hier."]
    assert index.search("eerste", [folder]).hits == ()
    assert [hit.path.name for hit in index.search("nieuwe", [folder]).hits] == ["a.txt"]


def test_same_size_new_time_is_read_again(index: LibraryIndex, make_library: MakeLibrary) -> None:
    folder = make_library({"a.txt": _article("2025-03-01", "Kat zat.")})
    index.refresh([folder])
    file = folder / "a.txt"
    file.write_text(_article("2025-03-01", "Hond at."), encoding="utf-8")  # same length
    stat = file.stat()
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))

    assert index.refresh([folder]) is True
    assert _titles(index.listing([folder]).library) == ["Hond at."]


def test_a_file_saved_in_place_while_read_is_indexed_as_saved(
    index: LibraryIndex, make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor or sync tool truncates, then writes: a read in between finds it empty."""
    folder = make_library({"a.txt": _article("2025-03-01", "Oude tekst.")})
    file = folder / "a.txt"
    real = index_module.read_article
    monkeypatch.setattr(index_module, "STABLE_READ_PAUSE", 0)

    def read_mid_save(path: Path) -> object:
        if path == file and not calls:
            calls.append(path)
            file.write_bytes(b"")  # the save has truncated the file ...
            try:
                return real(path)
            finally:  # ... and writes it once the read is over
                file.write_text(_article("2025-03-01", "Nieuwe tekst hier."), encoding="utf-8")
        return real(path)

    calls: list[Path] = []
    monkeypatch.setattr(index_module, "read_article", read_mid_save)
    index.refresh([folder])

    assert calls == [file]
    listed = index.listing([folder]).library
    assert (_titles(listed), listed.problems) == (["Nieuwe tekst hier."], ())
    reads = _reads(monkeypatch)
    assert index.refresh([folder]) is False  # stored with the size and time it was read at
    assert reads == []


def test_a_file_that_keeps_changing_is_read_again_at_the_next_refresh(
    index: LibraryIndex, make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_library({"a.txt": _article("2025-03-01", "Kat.")})
    file = folder / "a.txt"
    real = index_module.read_article
    monkeypatch.setattr(index_module, "STABLE_READ_PAUSE", 0)

    def read_while_growing(path: Path) -> object:
        article = real(path)
        with file.open("a", encoding="utf-8") as stream:  # a log still being written
            stream.write("\n\nNog een kat.\n")
        return article

    monkeypatch.setattr(index_module, "read_article", read_while_growing)
    index.refresh([folder])
    assert _titles(index.listing([folder]).library) == ["Kat."]

    monkeypatch.setattr(index_module, "read_article", real)  # the file is left alone now
    reads = _reads(monkeypatch)
    assert index.refresh([folder]) is True
    assert reads == [file]
    assert index.refresh([folder]) is False


def test_removed_files_drop_out_of_list_and_search(
    index: LibraryIndex, make_library: MakeLibrary
) -> None:
    folder = make_library(
        {"a.txt": _article("2025-03-01", "Appel."), "b.txt": _article("2025-03-02", "Peer.")}
    )
    index.refresh([folder])
    (folder / "b.txt").unlink()

    assert index.refresh([folder]) is True
    assert _titles(index.listing([folder]).library) == ["Appel."]
    assert index.search("peer", [folder]).hits == ()
    rows = index.connection.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    assert rows == 1


def test_unreadable_files_are_listed_as_problems(
    index: LibraryIndex, make_library: MakeLibrary
) -> None:
    folder = make_library({"good.txt": _article("2025", "Goed."), "bad.txt": b"\xff\xfe\x00"})
    index.refresh([folder])

    library = index.listing([folder]).library
    assert _titles(library) == ["Goed."]
    assert [(problem.path.name, problem.reason) for problem in library.problems] == [
        ("bad.txt", "binary file, not text")
    ]


def test_a_missing_folder_is_a_problem_not_an_error(index: LibraryIndex, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    index.refresh([missing])
    library = index.listing([missing]).library
    assert library.articles == ()
    assert [problem.reason for problem in library.problems] == ["not found"]


def test_listing_and_search_keep_to_the_folders_asked_for(
    index: LibraryIndex, make_library: MakeLibrary
) -> None:
    one = make_library({"a.txt": _article("2025", "Gedeeld woord één.")})
    two = make_library({"b.txt": _article("2025", "Gedeeld woord twee.")})
    index.refresh([one])
    index.refresh([two])

    assert _titles(index.listing([one]).library) == ["Gedeeld woord één."]
    assert [hit.path.name for hit in index.search("gedeeld", [two]).hits] == ["b.txt"]
    assert len(index.search("gedeeld", [one, two]).hits) == 2


def test_corrupt_index_file_is_rebuilt_silently(tmp_path: Path, articles_dir: Path) -> None:
    path = tmp_path / "index.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)

    rebuilt = LibraryIndex(path)
    rebuilt.refresh([articles_dir])

    assert len(rebuilt.listing([articles_dir]).library.articles) == 2
    rebuilt.close()


def test_index_damaged_while_in_use_is_rebuilt_on_refresh(
    tmp_path: Path, articles_dir: Path
) -> None:
    path = tmp_path / "index.sqlite3"
    first = LibraryIndex(path)
    first.refresh([articles_dir])
    first.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    first.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 6] = b"\x07" * (page * 4)  # scribble over pages, keep the header
    path.write_bytes(bytes(data))

    again = LibraryIndex(path)
    again.refresh([articles_dir])
    assert len(again.listing([articles_dir]).library.articles) == 2
    assert again.search("Oekraine", [articles_dir]).hits
    again.close()


@pytest.mark.parametrize("version", [0, SCHEMA_VERSION + 1])
def test_index_of_another_schema_version_is_rebuilt(
    tmp_path: Path, articles_dir: Path, version: int
) -> None:
    path = tmp_path / "index.sqlite3"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE files (path TEXT)")
    old.execute(f"PRAGMA user_version = {version}")
    old.commit()
    old.close()

    index = LibraryIndex(path)
    index.refresh([articles_dir])

    assert index.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert len(index.listing([articles_dir]).library.articles) == 2
    index.close()


def test_search_folds_diacritics_and_highlights_the_words(
    index: LibraryIndex, articles_dir: Path
) -> None:
    index.refresh([articles_dir])

    result = index.search("Oekraine", [articles_dir])

    assert result.hits
    for hit in result.hits:
        words = {hit.text[start:end] for start, end in hit.highlights}
        assert words and words <= {"Oekraïne"}
        assert "\x01" not in hit.text and "\x02" not in hit.text


def test_phrase_matches_words_in_order_only(index: LibraryIndex, make_library: MakeLibrary) -> None:
    folder = make_library(
        {
            "a.txt": _article("2025", "Een staakt-het-vuren werd afgekondigd."),
            "b.txt": _article("2025", "Het vuren staakt niet."),
        }
    )
    index.refresh([folder])

    hits = index.search('"staakt het vuren"', [folder]).hits

    assert [hit.path.name for hit in hits] == ["a.txt"]
    assert hits[0].text[slice(*hits[0].highlights[0])] == "staakt-het-vuren"


def test_result_gives_the_paragraph_to_open_at(
    index: LibraryIndex, make_library: MakeLibrary
) -> None:
    folder = make_library({"a.txt": _article("2025", "Eerste alinea.", "Tweede met Koersk.")})
    index.refresh([folder])

    (hit,) = index.search("koersk", [folder]).hits

    article = read_article(folder / "a.txt")
    assert article.blocks[hit.block].text == hit.text == "Tweede met Koersk."


def test_notes_and_tags_are_searchable_and_follow_their_file(
    index: LibraryIndex, make_library: MakeLibrary, notes: Path
) -> None:
    folder = make_library({"a.txt": _article("2025-03", "Eerste alinea.", "Tweede alinea.")})
    article = read_article(folder / "a.txt")
    store = NoteStore(notes)
    annotation = Annotation.new(
        Anchor.of(1, "Tweede alinea."), "belangrijk voor rapport", ["koersk"]
    )
    store.save(article_key(article), [annotation])

    index.refresh([folder], notes)

    (by_note,) = index.search("rapport", [folder]).hits
    assert by_note.block == 1 and by_note.note == "belangrijk voor rapport"
    (by_tag,) = index.search("#koersk", [folder]).hits
    assert by_tag.block == 1 and by_tag.tags == ("koersk",)

    store.save(article_key(article), [annotation.edited(note="", tags=["krim"])])
    assert index.refresh_notes(notes) is True
    assert index.search("#koersk", [folder]).hits == ()
    assert index.search("rapport", [folder]).hits == ()
    assert [hit.block for hit in index.search("#krim", [folder]).hits] == [1]


def test_notes_summary_counts_each_articles_notes_and_follows_its_file(
    index: LibraryIndex, make_library: MakeLibrary, notes: Path
) -> None:
    folder = make_library({"a.txt": _article("2025-03", "Een.", "Twee.", "Drie.")})
    key = article_key(read_article(folder / "a.txt"))
    store = NoteStore(notes)
    noted = Annotation.new(Anchor.of(0, "Een."), "waarom", ["koersk"])
    tagged = Annotation.new(Anchor.of(1, "Twee."), "", ["krim", "koersk"])
    store.save(key, [noted, tagged, Annotation.new(Anchor.of(2, "Drie."), "alleen noot")])

    index.refresh([folder], notes)
    assert index.notes_summary() == ({key: (2, 2)}, {key: {"koersk", "krim"}})

    store.save(key, [tagged.removed()])
    index.refresh_notes(notes)
    assert index.notes_summary() == ({key: (2, 1)}, {key: {"koersk"}})

    store.path_for(key).unlink()
    index.refresh_notes(notes)
    assert index.notes_summary() == ({}, {})


def test_notes_of_a_reread_article_land_on_its_new_paragraphs(
    index: LibraryIndex, make_library: MakeLibrary, notes: Path
) -> None:
    folder = make_library({"a.txt": "+++\nid = 'x'\n+++\n\nEen.\n\nTwee.\n"})
    folder_file = folder / "a.txt"
    folder_file.rename(folder / "a.md")
    article = read_article(folder / "a.md")
    NoteStore(notes).save(article_key(article), [Annotation.new(Anchor.of(1, "Twee."), "", ["t"])])
    index.refresh([folder], notes)
    (folder / "a.md").write_text("+++\nid = 'x'\n+++\n\nNieuw begin.\n\nEen.\n\nTwee.\n")

    index.refresh([folder], notes)

    assert [hit.block for hit in index.search("#t", [folder]).hits] == [2]


def test_actor_date_and_tag_filters_combine(
    index: LibraryIndex, articles_dir: Path, notes: Path
) -> None:
    index.refresh([articles_dir], notes)
    stamp = analysis_stamp(None)
    assert index.pending_analysis(stamp) == 2
    assert index.search("@zelensky", [articles_dir]).hits == ()  # not analysed yet

    assert index.analyse_pending(stamp, entity_mentions(None)) == 2
    assert index.pending_analysis(stamp) == 0

    zelensky = index.search("@zelensky", [articles_dir]).hits
    assert zelensky
    assert all("Zelensky" in hit.text for hit in zelensky)
    assert all(
        any("Zelensky" in hit.text[start:end] for start, end in hit.highlights) for hit in zelensky
    )
    poetin = index.search("@poetin", [articles_dir]).hits
    in_march = index.search("@poetin date:2025-03", [articles_dir]).hits
    assert in_march and all(hit.date == "2025-03" for hit in in_march)
    assert len(in_march) < len(poetin)
    assert index.search("@zelensky date:2025-03", [articles_dir]).hits == ()
    full_name = index.search('@"volodymyr zelensky" Oekraine', [articles_dir]).hits
    assert full_name and all("Oekraïne" in hit.text for hit in full_name)

    article = read_article(articles_dir / APRIL)
    block = next(i for i, b in enumerate(article.blocks) if "Zelensky" in b.text)
    NoteStore(notes).save(
        article_key(article),
        [Annotation.new(Anchor.of(block, article.blocks[block].text), "", ["z"])],
    )
    index.refresh_notes(notes)
    both = index.search("@zelensky #z", [articles_dir]).hits
    assert [(hit.path.name, hit.block) for hit in both] == [(APRIL, block)]


def test_actors_are_found_again_when_actors_toml_changes(
    index: LibraryIndex, articles_dir: Path, tmp_path: Path
) -> None:
    actors = tmp_path / "actors.toml"
    index.refresh([articles_dir])
    index.analyse_pending(analysis_stamp(actors), entity_mentions(actors))
    assert index.search("@zelensky", [articles_dir]).hits
    actors.write_text('version = 1\n[suppress]\nnames = ["Volodymyr Zelensky", "Zelensky"]\n')

    stamp = analysis_stamp(actors)
    assert index.pending_analysis(stamp) == 2
    index.analyse_pending(stamp, entity_mentions(actors))
    assert index.search("@zelensky", [articles_dir]).hits == ()


def test_filters_alone_list_newest_articles_first(index: LibraryIndex, articles_dir: Path) -> None:
    index.refresh([articles_dir])

    hits = index.search("date:2025", [articles_dir]).hits

    dates = [hit.date for hit in hits]
    assert dates == sorted(dates, reverse=True)
    assert {hit.path.name for hit in hits} == {APRIL, MARCH}


def test_limit_reports_more(index: LibraryIndex, articles_dir: Path) -> None:
    index.refresh([articles_dir])
    result = index.search("de", [articles_dir], limit=3)
    assert len(result.hits) == 3 and result.more


def test_split_highlights_gives_offsets_into_the_plain_text() -> None:
    text, spans = split_highlights("a \x01bc\x02 d \x01e\x02")
    assert text == "a bc d e"
    assert [text[start:end] for start, end in spans] == ["bc", "e"]


def test_a_child_process_can_build_the_index_and_report_progress(
    tmp_path: Path, make_library: MakeLibrary
) -> None:
    folder = make_library({f"{n}.txt": _article("2025-03-01", f"Artikel {n}.") for n in range(5)})
    index_path = tmp_path / "cache" / "index.sqlite3"
    reports: list[tuple[int, int]] = []

    assert refresh_in_child(index_path, [folder], None, progress=lambda *p: reports.append(p))

    assert reports[0] == (0, 5) and reports[-1] == (5, 5)
    index = LibraryIndex(index_path)
    assert len(index.listing([folder]).library.articles) == 5
    index.close()


def test_a_child_process_says_whether_anything_changed(
    tmp_path: Path, make_library: MakeLibrary
) -> None:
    folder = make_library({f"{n}.txt": _article("2025-03-01", f"Artikel {n}.") for n in range(3)})
    index_path = tmp_path / "cache" / "index.sqlite3"

    assert refresh_in_child(index_path, [folder], None) is True  # all new
    assert refresh_in_child(index_path, [folder], None) is False  # nothing since
    (folder / "1.txt").write_text(_article("2025-03-02", "Herschreven."), encoding="utf-8")
    assert refresh_in_child(index_path, [folder], None) is True

    index = LibraryIndex(index_path)
    assert "Herschreven." in _titles(index.listing([folder]).library)
    index.close()


def test_many_files_counts_only_up_to_the_threshold(make_library: MakeLibrary) -> None:
    folder = make_library({f"{n}.txt": "Tekst." for n in range(3)})
    assert many_files([folder], threshold=3)
    assert not many_files([folder], threshold=4)
