"""The notes store between real processes: concurrent writers and writers killed mid-save.

Each writer is tests/unit/notes_writer.py run with this interpreter; see its docstring.
Its stdout goes to a file, so what it printed before a SIGKILL can be read afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

from briefing_tui.core.notes import NoteStore

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

WRITER = Path(__file__).with_name("notes_writer.py")
REPO_ROOT = Path(__file__).resolve().parents[2]
KEY = "id:gedeeld-artikel"
STARTUP_TIMEOUT = 20.0


@dataclass
class Writer:
    process: subprocess.Popen[str]
    stdout: Path
    stderr: Path

    def output(self) -> str:
        return self.stdout.read_text(encoding="utf-8")

    def numbers(self) -> list[int]:
        """The numbers the writer printed, i.e. whose save had returned (whole lines only)."""
        lines = self.output().split("\n")[:-1]  # the part after the last newline is unfinished
        return [int(line) for line in lines if line != "ready"]

    def wait_for(self, predicate_text: str) -> None:
        """Wait until the writer's output contains `predicate_text`."""
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while predicate_text not in self.output():
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"writer did not print {predicate_text!r} (exit {self.process.poll()}): "
                    f"{self.stderr.read_text(encoding='utf-8')}"
                )
            time.sleep(0.005)

    def go(self) -> None:
        stdin: IO[str] | None = self.process.stdin
        assert stdin is not None
        stdin.write("\n")
        stdin.flush()


def start_writer(directory: Path, prefix: str, count: int, logs: Path) -> Writer:
    """Start a writer and wait until it is ready to save (imports done)."""
    stdout, stderr = logs / f"{prefix}.out", logs / f"{prefix}.err"
    with stdout.open("w") as out, stderr.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, str(WRITER), str(directory), KEY, prefix, str(count)],
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=err,
            text=True,
        )
    writer = Writer(process, stdout, stderr)
    writer.wait_for("ready\n")
    return writer


def finish(writer: Writer, timeout: float = 30.0) -> int:
    assert writer.process.stdin is not None
    writer.process.stdin.close()
    return writer.process.wait(timeout=timeout)


def notes_on_disk(store: NoteStore) -> list[dict[str, object]]:
    """The annotation rows of KEY's file, read with nothing but tomllib."""
    data = tomllib.loads(store.path_for(KEY).read_text(encoding="utf-8"))
    assert data["version"] == 1
    rows = data.get("annotation", [])
    assert isinstance(rows, list)
    return rows


def numbers_with_prefix(rows: list[dict[str, object]], prefix: str) -> set[int]:
    marker = f"{prefix}-"
    return {
        int(str(row["note"])[len(marker) :])
        for row in rows
        if str(row.get("note", "")).startswith(marker)
    }


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    folder = tmp_path / "logs"
    folder.mkdir()
    return folder


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path, logs: Path) -> None:
    directory = tmp_path / "notes"
    store = NoteStore(directory)
    writers = [start_writer(directory, prefix, 100, logs) for prefix in ("a", "b")]

    for writer in writers:
        writer.go()
    codes = [finish(writer) for writer in writers]

    assert codes == [0, 0], [w.stderr.read_text(encoding="utf-8") for w in writers]
    rows = notes_on_disk(store)
    assert len({row["id"] for row in rows}) == len(rows) == 200
    assert numbers_with_prefix(rows, "a") == set(range(100))
    assert numbers_with_prefix(rows, "b") == set(range(100))
    assert not any(row.get("deleted", False) for row in rows)
    assert list(directory.glob("*.corrupt-*")) == []
    # The two really ran at the same time (otherwise this test proves nothing).
    created = {p: sorted(str(r["created"]) for r in rows if str(r["note"])[0] == p) for p in "ab"}
    assert created["a"][0] < created["b"][-1] and created["b"][0] < created["a"][-1]


def test_sigkill_during_saves_never_loses_a_saved_note(tmp_path: Path, logs: Path) -> None:
    directory = tmp_path / "notes"
    store = NoteStore(directory)
    run_times = [0.5, 0.6, 0.75, 0.9, 1.0]
    printed: dict[str, list[int]] = {}

    for round_number, run_time in enumerate(run_times):
        prefix = f"r{round_number}"
        writer = start_writer(directory, prefix, 0, logs)
        started = time.monotonic()
        writer.go()
        writer.wait_for("0\n")  # saving has begun
        time.sleep(max(0.0, run_time - (time.monotonic() - started)))
        os.kill(writer.process.pid, signal.SIGKILL)
        assert finish(writer) == -signal.SIGKILL
        printed[prefix] = writer.numbers()

        # Nothing but tomllib: the file is whole, whatever moment the kill came at.
        rows = notes_on_disk(store)
        for earlier, numbers in printed.items():
            on_disk = numbers_with_prefix(rows, earlier)
            assert set(numbers) <= on_disk, f"{earlier}: printed but not on disk"
            # Saves are sequential, so at most the one save that returned unprinted is extra.
            assert on_disk in (set(range(len(numbers))), set(range(len(numbers) + 1)))

    assert all(len(numbers) >= 1 for numbers in printed.values())
    rows = notes_on_disk(store)
    assert len({row["id"] for row in rows}) == len(rows)

    names = os.listdir(directory)
    notes_file = store.path_for(KEY).name
    leftovers = [name for name in names if name.endswith(".tmp")]
    assert len(leftovers) <= len(run_times)  # at most one per kill
    assert all(name.startswith(f".{store.path_for(KEY).stem}.") for name in leftovers)
    assert sorted(set(names) - set(leftovers)) == sorted(
        [notes_file, store.path_for(KEY).with_suffix(".lock").name]
    )
    # A leftover temporary file is never taken for an article's notes.
    found = [(notes.key, len(notes.annotations)) for notes in store.all_notes()]
    assert found == [(KEY, len(rows))]
    assert store.load(KEY).problems == ()


def test_save_works_after_a_writer_was_killed_mid_save(tmp_path: Path, logs: Path) -> None:
    directory = tmp_path / "notes"
    store = NoteStore(directory)
    killed = start_writer(directory, "killed", 0, logs)
    killed.go()
    killed.wait_for("3\n")
    os.kill(killed.process.pid, signal.SIGKILL)
    finish(killed)

    # In a process of its own, so a lock that outlived its holder fails instead of hanging.
    after = start_writer(directory, "after", 3, logs)
    after.go()
    assert finish(after, timeout=15) == 0
    assert numbers_with_prefix(notes_on_disk(store), "after") == {0, 1, 2}
