"""A separate process that saves notes, for tests/unit/test_notes_processes.py.

    python notes_writer.py DIRECTORY KEY PREFIX COUNT

Saves COUNT annotations (COUNT 0: forever) to article KEY in DIRECTORY, one `save` call
each. Annotation number n is on paragraph n, has the note "PREFIX-n", and "n" is printed
(flushed) only after its save has returned. Before the first save it prints "ready" and
waits for a line on stdin, so the test can start several writers at the same moment.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from briefing_tui.core.notes import Anchor, Annotation, NoteStore


def main(argv: list[str]) -> int:
    directory, key, prefix, count = argv[1], argv[2], argv[3], int(argv[4])
    store = NoteStore(Path(directory))
    print("ready", flush=True)
    sys.stdin.readline()
    numbers = itertools.count() if count == 0 else range(count)
    for number in numbers:
        anchor = Anchor.of(number, f"Alinea {number} van het artikel.")
        store.save(key, [Annotation.new(anchor, f"{prefix}-{number}")])
        print(number, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
