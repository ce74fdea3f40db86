"""A real session leaves nothing readable by others: every file the app wrote under the
config and cache directories is 0600 and every folder 0700, under the usual umask 022.

`python -m briefing_tui` runs in a pseudo-terminal of its own with fresh XDG folders
(which it creates), writes a note and tags, moves through an article and searches; the
command-line search and export run too. Then every path under those folders is checked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import stat
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60.0
"""Generous, for a busy machine; a passing test waits only as long as the app takes."""

READER_KEYS = "Actors"
"""In the reader's key bar, drawn again when a dialog over it closes (the status line
is drawn under a dialog too, so it does not say that the dialog has gone)."""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX only")


def environment(xdg: Path) -> dict[str, str]:
    """Fresh XDG folders (not there yet: the app makes them), no override of the config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "XDG_"))}
    env.update(
        TERM="xterm-256color",
        COLUMNS="80",
        LINES="24",
        HOME=str(xdg / "home"),
        XDG_CONFIG_HOME=str(xdg / "config"),
        XDG_CACHE_HOME=str(xdg / "cache"),
        TEXTUAL_ANIMATIONS="none",
    )
    return env


class Session:
    """`python -m briefing_tui articles` on an 80x24 pseudo-terminal, umask 022."""

    def __init__(self, env: dict[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child
            os.chdir(REPO)
            os.umask(0o022)
            command = [sys.executable, "-m", "briefing_tui", "articles"]
            os.execve(sys.executable, command, env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.pid, self.fd, self.output = pid, fd, b""

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while text.encode() not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never appeared"
            if select.select([self.fd], [], [], 0.1)[0]:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:  # the app has gone
                    break

    def type(self, keys: str, then: str) -> None:
        self.output = b""
        os.write(self.fd, keys.encode())
        self.wait_for(then)

    def quit(self) -> None:
        """ctrl+q, and wait for the process to end (killed if it does not)."""
        os.write(self.fd, b"\x11")
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if select.select([self.fd], [], [], 0.1)[0]:
                with contextlib.suppress(OSError):
                    os.read(self.fd, 65536)
            pid, _status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        pytest.fail("the app did not quit")


def run_command(env: dict[str, str], *args: str) -> None:
    in_umask_022 = ["/bin/sh", "-c", 'umask 022 && exec "$0" "$@"']
    subprocess.run(
        [*in_umask_022, sys.executable, "-m", "briefing_tui", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        check=False,
        timeout=120,
    )


def test_a_session_leaves_only_private_files_and_folders(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"  # made by the app
    env = environment(xdg)
    session = Session(env)
    session.wait_for("2 articles")
    session.type("\r", then="¶ 1/")
    session.type("jj", then="¶ 3/")
    session.type("n", then="ctrl+s save")
    session.type("Bron checken", then="checken")
    session.type("\x13", then=READER_KEYS)  # ctrl+s: saved, back in the reader
    session.type("t", then="Tags of")
    session.type("bron\r", then=READER_KEYS)
    session.type("/", then="a phrase")  # the search screen's placeholder
    session.type("checken", then="paragraph")  # the note is found
    session.type("\x1b", then=READER_KEYS)
    session.quit()
    run_command(env, "search", "Poetin", "articles")
    run_command(env, "export", "--format", "json")

    written = sorted(xdg.rglob("*"))
    names = {path.name for path in written}
    assert {"config.toml", "reading.json", "library-index.sqlite3"} <= names
    assert any(path.parent.name == "notes" and path.suffix == ".toml" for path in written)
    wide = {
        str(path.relative_to(tmp_path)): oct(stat.S_IMODE(path.lstat().st_mode))
        for path in [xdg, *written]
        if stat.S_IMODE(path.lstat().st_mode) != (0o700 if path.is_dir() else 0o600)
    }
    assert wide == {}
