"""A damaged file in a folder it cannot be moved out of (read-only): reported, not raised.

Opening an article, or the library reading the reading state, raised SaveError out of
the load (the damaged file is set aside by renaming, which a read-only folder refuses).
The file is left as it is, the problem is shown, and no save writes over it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.notes import Anchor, Annotation, NoteStore
from briefing_tui.core.reading import ReadingEntry, ReadingStore
from briefing_tui.core.safe_store import SaveError


@pytest.fixture
def no_renames(monkeypatch: pytest.MonkeyPatch) -> None:
    """Renaming fails as in a read-only folder (root is not stopped by modes)."""

    def denied(self: Path, target: object) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", denied)


def test_a_damaged_reading_file_that_cannot_be_moved_aside_is_reported_not_raised(
    tmp_path: Path, no_renames: None
) -> None:
    file = tmp_path / "reading.json"
    file.write_text("{ kapot")
    store = ReadingStore(file)

    entries, problems = store.load()

    assert entries == {}
    assert len(problems) == 1 and "could not be moved aside" in problems[0]
    with pytest.raises(SaveError):
        store.save({"id:a": ReadingEntry(read=True, updated="2025-01-01T00:00:00.000000Z")})
    assert file.read_text() == "{ kapot"


def test_damaged_notes_that_cannot_be_moved_aside_are_reported_not_raised(
    tmp_path: Path, no_renames: None
) -> None:
    store = NoteStore(tmp_path / "notes")
    store.directory.mkdir()
    store.path_for("id:a").write_text("[[[ kapot")

    notes = store.load("id:a")

    assert notes.annotations == ()
    assert len(notes.problems) == 1 and "could not be moved aside" in notes.problems[0]
    with pytest.raises(SaveError):
        store.save("id:a", [Annotation.new(Anchor.of(0, "Tekst."), "Notitie")])
    assert store.path_for("id:a").read_text() == "[[[ kapot"
