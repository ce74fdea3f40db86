"""Everything the app writes that can hold notes, tags or reading state is the user's alone.

The search index copies every note and tag, and was created 0644 in a 0755 cache folder
while the notes themselves were 0600 in 0700. Files are now 0600 and folders 0700,
whatever the umask, parents the app creates included; ones found wider are tightened.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.core import private
from briefing_tui.core.index import INDEX_FILE, LibraryIndex
from briefing_tui.core.locations import keep_private
from briefing_tui.core.private import make_private_directory, tighten
from briefing_tui.core.reading import ReadingEntry, ReadingStore


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    """The usual umask, which gives new files 0644 and new folders 0755."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_missing_parents_are_created_private_and_existing_ones_left_alone(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    made = tmp_path / "xdg" / "cache" / "briefing-tui"

    make_private_directory(made)

    assert [mode(p) for p in (made, made.parent, made.parent.parent)] == [0o700] * 3
    assert mode(tmp_path) == 0o755


def test_a_wide_folder_is_tightened_and_a_read_only_one_stays_read_only(tmp_path: Path) -> None:
    wide, read_only = tmp_path / "wide", tmp_path / "read-only"
    wide.mkdir(mode=0o755)
    read_only.mkdir()
    read_only.chmod(0o555)

    make_private_directory(wide)
    make_private_directory(read_only)

    assert (mode(wide), mode(read_only)) == (0o700, 0o500)
    read_only.chmod(0o700)


def test_a_new_index_and_its_sqlite_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "briefing-tui" / INDEX_FILE
    index = LibraryIndex(path)
    try:
        index.refresh([Path(__file__).resolve().parents[2] / "articles"])
        files = sorted(path.parent.iterdir())
        # While it is open, SQLite's own files are there too.
        assert {f.name for f in files} >= {INDEX_FILE, f"{INDEX_FILE}-wal", f"{INDEX_FILE}-shm"}
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
        assert mode(path.parent) == mode(path.parent.parent) == 0o700
    finally:
        index.close()


def test_an_index_left_readable_by_an_earlier_version_is_tightened_when_opened(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cache"
    path = folder / INDEX_FILE
    LibraryIndex(path).close()
    # As an earlier version left it: every file 0644 in a 0755 folder (WAL files too).
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").touch()
    folder.chmod(0o755)
    for file in folder.iterdir():
        file.chmod(0o644)

    LibraryIndex(path).close()

    assert mode(folder) == 0o700
    assert {f.name: mode(f) for f in folder.iterdir()} == {f.name: 0o600 for f in folder.iterdir()}


def test_keep_private_tightens_the_app_files_and_nothing_else(tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    notes = config / "notes"
    notes.mkdir(parents=True)
    config.chmod(0o755)
    notes.chmod(0o755)
    ours = [
        config / "config.toml",
        config / "config.lock",
        config / "reading.json",
        config / "reading.corrupt-20250101-000000-000000.json",
        config / ".reading.abc123.tmp",
        notes / "article-0123.toml",
        notes / "article-0123.lock",
        notes / "retag-1.retag-pending",
    ]
    theirs = config / "my-own-notes.txt"
    elsewhere = tmp_path / "dotfiles-actors.toml"
    for file in [*ours, theirs, elsewhere]:
        file.write_text("x")
        file.chmod(0o644)
    (config / "actors.toml").symlink_to(elsewhere)  # a link into the user's dotfiles

    assert keep_private(config)

    assert {f.name: mode(f) for f in ours} == {f.name: 0o600 for f in ours}
    assert (mode(config), mode(notes)) == (0o700, 0o700)
    assert (mode(theirs), mode(elsewhere)) == (0o644, 0o644)


def test_what_cannot_be_tightened_is_reported_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "config.toml").write_text("x")
    (config / "config.toml").chmod(0o644)

    def not_yours(path: object, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(private.os, "chmod", not_yours)

    assert tighten(config / "config.toml") is False
    assert keep_private(config) is False  # no exception: the app starts as usual


def test_lock_and_temporary_files_of_a_save_are_private(tmp_path: Path) -> None:
    store = ReadingStore(tmp_path / "cfg" / "reading.json")
    store.save({"id:a": ReadingEntry(read=True, updated="2025-01-01T00:00:00.000000Z")})

    folder = tmp_path / "cfg"
    assert {f.name: mode(f) for f in folder.iterdir()} == {
        "reading.json": 0o600,
        "reading.lock": 0o600,
    }
    assert mode(folder) == 0o700
