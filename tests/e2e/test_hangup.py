"""The terminal going away (a dropped SSH connection, a killed multiplexer) closes the real
`briefing` process as ctrl+q would: where the reader was is saved, and nothing is left
running. Each test runs the installed console script in a pseudo-terminal of its own and
then closes that terminal.

The tests with a huge article check a deadline, an exception to "no timed assertions":
the process must be gone within `GONE_WITHIN` seconds of the hang-up or SIGTERM while it
is busy (it went on for over a minute, and SIGTERM did not end it at all).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from briefing_tui.core.articles import read_article
from briefing_tui.core.model import BlockKind

REPO = Path(__file__).resolve().parents[2]
BRIEFING = Path(sys.executable).parent / "briefing"
WAIT_SECONDS = 30.0
"""Generous, for a busy machine; a passing test waits only as long as the app takes."""

GONE_WITHIN = 2.0
"""Seconds from the hang-up or SIGTERM to the end of a busy process."""
HUGE_PARAGRAPHS = 10_000

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals only")
on_linux = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


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

    def gone_within(self, seconds: float) -> float | None:
        """Seconds until the process ended, waiting `WAIT_SECONDS` (None: still there)."""
        started = time.monotonic()
        while time.monotonic() - started < WAIT_SECONDS:
            pid, _status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return time.monotonic() - started
            time.sleep(0.02)
        os.killpg(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return None

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


def huge_article(folder: Path) -> tuple[Path, list[int]]:
    """A plain-text article of 10,000 paragraphs (about 3 MB); its paragraphs' block indices."""
    paragraphs = [
        block.text
        for source in sorted((REPO / "articles").glob("*.txt"))
        for block in read_article(source).blocks
        if block.kind is BlockKind.PARAGRAPH
    ]
    parts = ["date 2025-03-01 Een lang dossier."]
    for number in range(HUGE_PARAGRAPHS):
        if number and number % 50 == 0:
            parts.append(f"Deel {number // 50 + 1}")
        parts.append(paragraphs[number % len(paragraphs)])
    folder.mkdir()
    path = folder / "dossier.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    article = read_article(path)
    return path, [
        i for i, block in enumerate(article.blocks) if block.kind is not BlockKind.HEADING
    ]


BUSY_KEYS = "f" + "e\x7f" * 20
"""Find, then "e" typed and rubbed out again and again: each finds every e of the article
(400,000) on the UI thread, most of a second each, one after the other."""
BUSY_CPU_SECONDS = 1.0
"""CPU time the app spends on those keys before the test pulls the plug."""


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process `pid` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def busy_with_a_huge_article(home: Path) -> tuple[Session, list[int]]:
    """The app opened on a huge article, moved through while its analysis runs, and then
    busy finding on its UI thread."""
    path, paragraphs = huge_article(home / "library")
    session = Session([str(BRIEFING), str(path)], home)
    session.wait_for(f"1/{len(paragraphs)}")
    session.type("jjjjj", then="¶ 6/")
    session.wait_for("“quote”")  # the legend: the analysis is done, the CPU is the finds'
    before = cpu_seconds(session.pid)
    os.write(session.fd, BUSY_KEYS.encode())
    deadline = time.monotonic() + WAIT_SECONDS
    while cpu_seconds(session.pid) - before < BUSY_CPU_SECONDS:
        assert time.monotonic() < deadline, "the app never got busy"
        time.sleep(0.05)
    return session, paragraphs


def running(pid: int) -> bool:
    """Whether process `pid` is still there (a zombie that no one reaped yet has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def saved_block(home: Path) -> object:
    saved = json.loads((home / "config" / "reading.json").read_text(encoding="utf-8"))
    (entry,) = saved["articles"].values()
    return entry["block"]


@on_linux
@pytest.mark.skipif(not BRIEFING.exists(), reason="the briefing script is not installed")
def test_a_hangup_ends_an_app_busy_with_a_huge_article_in_time(tmp_path: Path) -> None:
    session, paragraphs = busy_with_a_huge_article(tmp_path)

    os.close(session.fd)
    seconds = session.gone_within(GONE_WITHIN)

    assert seconds is not None, "the app kept running without its terminal"
    assert seconds < GONE_WITHIN
    assert saved_block(tmp_path) == paragraphs[5]


@on_linux
@pytest.mark.skipif(not BRIEFING.exists(), reason="the briefing script is not installed")
def test_sigterm_ends_an_app_busy_with_a_huge_article_in_time(tmp_path: Path) -> None:
    session, paragraphs = busy_with_a_huge_article(tmp_path)

    os.kill(session.pid, signal.SIGTERM)
    seconds = session.gone_within(GONE_WITHIN)
    os.close(session.fd)

    assert seconds is not None, "SIGTERM did not end the app"
    assert seconds < GONE_WITHIN
    assert saved_block(tmp_path) == paragraphs[5]


@pytest.mark.skipif(not BRIEFING.exists(), reason="the briefing script is not installed")
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_killing_its_tmux_session_ends_an_app_busy_with_a_huge_article(tmp_path: Path) -> None:
    path, paragraphs = huge_article(tmp_path / "library")
    socket = f"briefing-hangup-{os.getpid()}"
    environment = {
        "TERM": "xterm-256color",
        "BRIEFING_CONFIG_DIR": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
    }
    settings = [f"{key}={value}" for key, value in environment.items()]
    command = shlex.join(["env", "-i", *settings, str(BRIEFING), str(path)])

    def tmux(*arguments: str) -> str:
        done = subprocess.run(["tmux", "-L", socket, *arguments], capture_output=True, text=True)
        return done.stdout

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while text not in tmux("capture-pane", "-p"):
            assert time.monotonic() < deadline, f"{text!r} never appeared"
            time.sleep(0.05)

    tmux("new-session", "-d", "-x", "80", "-y", "24", command)
    try:
        pid = int(tmux("display-message", "-p", "#{pane_pid}"))
        wait_for(f"1/{len(paragraphs)}")
        tmux("send-keys", "j", "j", "j", "j", "j")
        wait_for("¶ 6/")

        tmux("kill-session")
        started = time.monotonic()
        while time.monotonic() - started < WAIT_SECONDS and running(pid):
            time.sleep(0.02)
        seconds = time.monotonic() - started
    finally:
        tmux("kill-server")

    assert seconds < GONE_WITHIN
    assert saved_block(tmp_path) == paragraphs[5]
