"""Renaming and merging tags across every notes file: counted first, never half done."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing_tui.core import notes as notes_module
from briefing_tui.core.notes import (
    RETAG_JOURNAL_SUFFIX,
    Anchor,
    Annotation,
    NotesError,
    NoteStore,
    Retag,
)


@pytest.fixture
def store(tmp_path: Path) -> NoteStore:
    store = NoteStore(tmp_path / "notes")
    paragraph = "Alinea {} over Koersk en de oorlog in Oekraïne."
    tagged = {
        "id:a": [("koersk",), ("oorlog", "koersk"), ("kursk",)],
        "id:b": [("kursk", "koersk"), ("europa",)],
        "id:c": [("europa",)],
    }
    for key, rows in tagged.items():
        annotations = [
            Annotation.new(Anchor.of(i, paragraph.format(i)), f"noot {key} {i}", tags)
            for i, tags in enumerate(rows)
        ]
        store.save(key, annotations, title=key)
    return store


def tags_by_note(store: NoteStore) -> dict[str, tuple[str, ...]]:
    return {a.note: a.tags for notes in store.all_notes() for a in notes.live}


def test_tag_usage_counts_paragraphs_and_articles(store: NoteStore) -> None:
    assert store.tag_usage() == {
        "koersk": (3, 2),
        "oorlog": (1, 1),
        "kursk": (2, 2),
        "europa": (2, 2),
    }


def test_plan_counts_the_paragraphs_that_change(store: NoteStore) -> None:
    plan = store.plan_retag(["kursk"], "koersk")
    assert (plan.paragraphs, plan.articles) == (2, 2)
    assert store.plan_retag(["kursk", "koersk"], "koersk-regio").paragraphs == 4


def test_rename_changes_the_tag_everywhere_and_keeps_notes_and_other_tags(
    store: NoteStore,
) -> None:
    store.retag(Retag.of(["europa"], "eu"))

    assert tags_by_note(store) == {
        "noot id:a 0": ("koersk",),
        "noot id:a 1": ("oorlog", "koersk"),
        "noot id:a 2": ("kursk",),
        "noot id:b 0": ("kursk", "koersk"),
        "noot id:b 1": ("eu",),
        "noot id:c 0": ("eu",),
    }


def test_merge_leaves_one_tag_where_a_paragraph_had_both(store: NoteStore) -> None:
    changed = store.retag(Retag.of(["kursk", "koersk"], "koersk"))

    assert sorted(notes.key for notes in changed) == ["id:a", "id:b"]
    tags = tags_by_note(store)
    assert tags["noot id:b 0"] == ("koersk",)
    assert tags["noot id:a 2"] == ("koersk",)
    assert store.tag_usage()["koersk"] == (4, 2)
    assert "kursk" not in store.tag_usage()


def test_renaming_to_itself_or_to_nothing_changes_nothing(store: NoteStore) -> None:
    before = tags_by_note(store)
    assert store.retag(Retag.of(["koersk"], "koersk")) == []
    assert store.retag(Retag.of(["koersk"], "  ")) == []
    assert tags_by_note(store) == before


def test_a_crash_half_way_loses_nothing_and_the_next_start_finishes_it(
    store: NoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = notes_module.write_atomically
    calls = 0

    def write_then_fail(file: Path, payload: bytes, what: str) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:  # the journal, one notes file, then the disk fills up
            raise NotesError(f"cannot save {what} to {file}: {os.strerror(errno.ENOSPC)}")
        real_write(file, payload, what)

    monkeypatch.setattr(notes_module, "write_atomically", write_then_fail)
    with pytest.raises(NotesError):
        store.retag(Retag.of(["kursk"], "koersk"))
    monkeypatch.undo()

    half = tags_by_note(store)
    assert len(half) == 6  # no paragraph lost its note or its other tags
    assert sum("kursk" in tags for tags in half.values()) == 1  # one file done, one not
    assert list(store.directory.glob(f"*{RETAG_JOURNAL_SUFFIX}"))

    finished = NoteStore(store.directory).finish_pending_retags()

    assert len(finished) == 1
    assert not any("kursk" in tags for tags in tags_by_note(store).values())
    assert not list(store.directory.glob(f"*{RETAG_JOURNAL_SUFFIX}"))


def test_running_the_same_rename_again_completes_it(store: NoteStore) -> None:
    store.retag(Retag.of(["kursk"], "koersk"))
    assert store.plan_retag(["kursk"], "koersk").paragraphs == 0
    assert store.retag(Retag.of(["kursk"], "koersk")) == []


def test_an_edit_saved_between_plan_and_apply_is_kept(store: NoteStore) -> None:
    plan = store.plan_retag(["europa"], "eu")
    notes = store.load("id:c")
    edited = notes.live[0].edited(note="later geschreven", tags=("europa", "nieuw"))
    store.save("id:c", [edited])

    store.retag(plan.retag)

    assert tags_by_note(store)["later geschreven"] == ("eu", "nieuw")


def test_journal_is_not_read_as_notes(store: NoteStore) -> None:
    journal = store.directory / f"retag-x{RETAG_JOURNAL_SUFFIX}"
    journal.write_text('version = 1\nsources = ["europa"]\ntarget = "eu"\n')
    assert len(list(store.all_notes())) == 3
    store.finish_pending_retags()
    assert tags_by_note(store)["noot id:c 0"] == ("eu",)


KILLED_RETAG = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from briefing_tui.core import notes
    from briefing_tui.core.notes import NoteStore, Retag

    real_write = notes.write_atomically
    calls = 0

    def write_then_die(file, payload, what):
        global calls
        calls += 1
        if calls == 3:  # the journal and one notes file are on disk: now the power fails
            os.kill(os.getpid(), signal.SIGKILL)
        real_write(file, payload, what)

    notes.write_atomically = write_then_die
    NoteStore(Path(sys.argv[1])).retag(Retag.of(["kursk"], "koersk"))
    """
)


def test_a_process_killed_half_way_loses_nothing_and_the_next_start_finishes_it(
    store: NoteStore,
) -> None:
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_RETAG, str(store.directory)], check=False, timeout=60
    )
    assert killed.returncode == -signal.SIGKILL

    half = tags_by_note(store)
    assert len(half) == 6
    assert sum("kursk" in tags for tags in half.values()) == 1
    assert not list(store.directory.glob("*.tmp"))

    NoteStore(store.directory).finish_pending_retags()

    after = tags_by_note(store)
    assert not any("kursk" in tags for tags in after.values())
    assert after["noot id:b 0"] == ("koersk",)
    assert not list(store.directory.glob(f"*{RETAG_JOURNAL_SUFFIX}"))
