"""The terminal going away (a dropped SSH connection, a killed multiplexer) closes the real
`briefing` process as ctrl+q would: where the reader was is saved, and nothing is left
running. Each test runs the installed console script in a pseudo-terminal of its own and
then closes that terminal.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BRIEFING = Path(sys.executable).parent / "briefing"
WAIT_SECONDS = 30.0
"""Generous, for a busy machine; a passing test waits only as long as the app takes."""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals only")


class Session:
    """`briefing articles` on a pseudo-terminal of 80x24, as a terminal emulator runs it."""

    def __init__(self, command: list[str], home: Path) -> None:
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24")
        env["BRIEFING_CONFIG_DIR"] = str(home / "config")
        env["XDG_CACHE_HOME"] = str(home / "cache")
        pid, fd = pty.fork()
        if pid == 0:  # the child: a session of its own, the terminal's end as its stdio
            os.chdir(REPO)
            os.execve(command[0], command, env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.pid, self.fd, self.output = pid, fd, b""

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while text.encode() not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never appeared"
            if select.select([self.fd], [], [], 0.1)[0]:
                self.output += os.read(self.fd, 65536)

    def type(self, keys: str, then: str) -> None:
        self.output = b""
        os.write(self.fd, keys.encode())
        self.wait_for(then)

    def hang_up(self) -> int | None:
        """Close the terminal; the exit status once the app has gone (None: still there)."""
        os.close(self.fd)
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return status
            time.sleep(0.05)
        os.killpg(self.pid, signal.SIGKILL)  # the app too, if a shell started it
        os.waitpid(self.pid, 0)
        return None


def read_and_hang_up(command: list[str], home: Path) -> dict[str, object]:
    """Open the first article, go three paragraphs down, lose the terminal."""
    session = Session(command, home)
    session.wait_for("2 articles")
    session.type("\r", then="¶ 1/")
    session.type("jjj", then="¶ 4/")
    status = session.hang_up()
    assert status is not None, "the app kept running without its terminal"
    saved = json.loads((home / "config" / "reading.json").read_text(encoding="utf-8"))
    (entry,) = saved["articles"].values()
    assert isinstance(entry, dict)
    return entry


@pytest.mark.skipif(not BRIEFING.exists(), reason="the briefing script is not installed")
def test_a_hangup_closes_the_app_and_keeps_where_the_reader_was(tmp_path: Path) -> None:
    entry = read_and_hang_up([str(BRIEFING), "articles"], tmp_path)

    assert entry["block"] == 3  # the fourth paragraph (blocks count from 0)


@pytest.mark.skipif(not BRIEFING.exists(), reason="the briefing script is not installed")
def test_the_app_closes_when_no_hangup_signal_reaches_it(tmp_path: Path) -> None:
    # The shell owning the terminal ignores SIGHUP and stays, so the kernel signals no one
    # else: the app has only its terminal turning into a non-terminal to go by.
    shell = ["/bin/sh", "-c", f'trap "" HUP; "{BRIEFING}" articles']

    entry = read_and_hang_up(shell, tmp_path)

    assert entry["block"] == 3


@pytest.mark.skipif(not BRIEFING.exists(), reason="the briefing script is not installed")
def test_a_note_being_written_when_the_terminal_hangs_up_is_kept(tmp_path: Path) -> None:
    session = Session([str(BRIEFING), "articles"], tmp_path)
    session.wait_for("2 articles")
    session.type("\r", then="¶ 1/")
    session.type("n", then="ctrl+s save")
    session.type("Nog nakijken", then="nakijken")

    assert session.hang_up() is not None

    (notes_file,) = (tmp_path / "config" / "notes").glob("*.toml")
    assert 'note = "Nog nakijken"' in notes_file.read_text(encoding="utf-8")
