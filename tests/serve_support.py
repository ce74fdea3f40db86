"""What the `briefing serve` tests share: reading the address the server prints."""

from __future__ import annotations

import contextlib
import queue
import re
import subprocess
import threading

import pytest


def read_address(process: subprocess.Popen[str], wait_seconds: float) -> str:
    """The address with the token, from the lines `briefing serve` prints at start (its
    output read in a thread, so a server that prints nothing cannot hang the test)."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put("")

    threading.Thread(target=pump, daemon=True).start()
    with contextlib.suppress(queue.Empty):
        while line := lines.get(timeout=wait_seconds):
            match = re.search(r"http://\S+\?token=\S+", line)
            if match:
                return match.group(0)
    process.kill()
    errors = process.stderr.read() if process.stderr is not None else ""
    pytest.fail(f"briefing serve exited with {process.wait()} and printed no address {errors}")
