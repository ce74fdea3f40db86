"""The reading state: read/unread and the paragraph to resume at, kept like the notes."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import NoReturn

import pytest

from briefing_tui.core.reading import ReadingEntry, ReadingLog, ReadingStore
from briefing_tui.core.safe_store import SaveError


@pytest.fixture
def state_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "reading.json"


def new_log(state_file: Path) -> ReadingLog:
    log = ReadingLog(ReadingStore(state_file))
    log.load()
    return log


def test_an_article_never_opened_is_unread(state_file: Path) -> None:
    log = new_log(state_file)
    assert not log.is_read("id:a")
    assert log.unread_count(["id:a", "id:b"]) == 2


def test_read_state_and_position_survive_a_restart(state_file: Path) -> None:
    log = new_log(state_file)
    log.mark_read("id:a")
    log.remember_position("id:a", 7, 20)
    log.save()

    again = new_log(state_file)

    assert again.is_read("id:a")
    entry = again.entry("id:a")
    assert entry is not None and (entry.block, entry.blocks) == (7, 20)


def test_marking_unread_again_is_saved(state_file: Path) -> None:
    log = new_log(state_file)
    log.mark_read("id:a")
    log.save()
    log.mark_read("id:a", False)
    log.save()

    assert not new_log(state_file).is_read("id:a")


def test_percent_only_for_articles_read_part_way() -> None:
    assert ReadingEntry(block=0, blocks=10).percent is None
    assert ReadingEntry(block=9, blocks=10).percent is None
    assert ReadingEntry(block=4, blocks=10).percent == 50
    assert ReadingEntry(block=1, blocks=200).percent == 1


def test_two_sessions_keep_each_others_changes(state_file: Path) -> None:
    first, second = new_log(state_file), new_log(state_file)
    first.mark_read("id:a")
    second.mark_read("id:b")
    first.save()
    second.save()

    assert second.is_read("id:a")  # taken in at its own save
    final = new_log(state_file)
    assert final.is_read("id:a") and final.is_read("id:b")


def test_the_newest_change_of_one_article_wins(state_file: Path) -> None:
    first, second = new_log(state_file), new_log(state_file)
    first.remember_position("id:a", 3, 10)
    second.remember_position("id:a", 8, 10)  # later
    second.save()
    first.save()

    entry = new_log(state_file).entry("id:a")
    assert entry is not None and entry.block == 8


def test_file_and_directory_are_private(state_file: Path) -> None:
    log = new_log(state_file)
    log.mark_read("id:a")
    log.save()

    assert stat.S_IMODE(state_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(state_file.parent.stat().st_mode) == 0o700
    assert json.loads(state_file.read_text())["version"] == 1


def test_damaged_file_is_set_aside_with_a_message_and_a_fresh_one_written(
    state_file: Path,
) -> None:
    state_file.parent.mkdir(parents=True)
    state_file.write_bytes(b"[[[ kapot")

    log = new_log(state_file)

    assert len(log.problems) == 1 and "reading.json was damaged" in log.problems[0]
    copies = list(state_file.parent.glob("reading.corrupt-*.json"))
    assert [copy.read_bytes() for copy in copies] == [b"[[[ kapot"]
    log.mark_read("id:a")
    log.save()
    assert new_log(state_file).is_read("id:a")


def test_a_row_of_the_wrong_type_costs_only_that_row(state_file: Path) -> None:
    state_file.parent.mkdir(parents=True)
    state_file.write_text('{"version": 1, "articles": {"id:a": 3, "id:b": {"read": true}}}')

    log = new_log(state_file)

    assert not log.problems
    assert log.is_read("id:b") and not log.is_read("id:a")


def test_wrong_types_are_damage_not_a_crash(state_file: Path) -> None:
    state_file.parent.mkdir(parents=True)
    state_file.write_text('{"version": 1, "articles": 5}')

    log = new_log(state_file)

    assert log.problems and "unexpected content" in log.problems[0]


def _fail(code: int):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> NoReturn:
        raise OSError(code, os.strerror(code))

    return fail


def test_failed_save_raises_keeps_the_old_file_and_retries_later(
    state_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = new_log(state_file)
    log.mark_read("id:a")
    log.save()
    before = state_file.read_bytes()
    log.mark_read("id:b")
    monkeypatch.setattr(os, "replace", _fail(errno.ENOSPC))

    with pytest.raises(SaveError, match=r"cannot save reading state.*No space left"):
        log.save()
    monkeypatch.undo()

    assert state_file.read_bytes() == before
    assert log.has_changes
    log.save()
    assert new_log(state_file).is_read("id:b")


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from briefing_tui.core.reading import ReadingLog, ReadingStore
    log = ReadingLog(ReadingStore(Path(sys.argv[1])))
    log.load()
    for number in range(int(sys.argv[3])):
        log.mark_read(f"{sys.argv[2]}-{number}")
        log.save()
    """
)


def test_two_processes_saving_at_once_lose_nothing(state_file: Path) -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(state_file), prefix, "40"])
        for prefix in ("a", "b")
    ]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]

    log = new_log(state_file)
    for prefix in ("a", "b"):
        assert all(log.is_read(f"{prefix}-{number}") for number in range(40))
