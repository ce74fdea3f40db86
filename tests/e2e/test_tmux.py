"""The real `briefing` command in tmux at 80x24 on a Linux console without colour.

These start the installed console script in a tmux session of its own (TERM=linux,
NO_COLOR=1), type with send-keys and read the screen with capture-pane, as a user on
a plain console over SSH would see it. Skipped when tmux is not installed (`.ci/run`
installs it where it can).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "articles"
BRIEFING = Path(sys.executable).parent / "briefing"
APRIL_TITLE = "Het was een historische aankondiging"
MARCH_TITLE = "De Russische president Poetin heeft op een"
WAIT_SECONDS = 30.0
"""Generous: CI machines are shared; a passing test returns as soon as the text is there."""

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)"
)


def is_drawing(char: str) -> bool:
    """Arrows, box drawing, blocks, shapes and emoji: what a console font may lack."""
    return 0x2190 <= ord(char) <= 0x2BFF or ord(char) >= 0x1F000


@dataclass
class Terminal:
    """One tmux server and session running `briefing`, read and typed into like a user."""

    socket: str
    home: Path

    def tmux(self, *arguments: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *arguments],
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout

    def start(self, *briefing_arguments: str, size: tuple[int, int] = (80, 24)) -> None:
        environment = {
            "TERM": "linux",
            "NO_COLOR": "1",
            "BRIEFING_CONFIG_DIR": str(self.home / "config"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "XDG_CONFIG_HOME": str(self.home / "xdg-config"),
            "HOME": str(self.home),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
        }
        command = " ".join(
            [
                "env",
                "-i",
                *(shlex.quote(f"{key}={value}") for key, value in environment.items()),
                shlex.quote(str(BRIEFING)),
                *(shlex.quote(argument) for argument in briefing_arguments),
            ]
        )
        width, height = size
        self.tmux("new-session", "-d", "-x", str(width), "-y", str(height), command)
        self.tmux("set-option", "-g", "remain-on-exit", "on")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", key)

    def wait_for(self, check: Callable[[str], bool], what: str) -> str:
        """Poll the screen until `check` holds; fail with the last screen if it never does."""
        deadline = time.monotonic() + WAIT_SECONDS
        screen = self.screen()
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        pytest.fail(f"never saw {what}; the screen was:\n{screen}")

    def wait_for_text(self, text: str) -> str:
        return self.wait_for(lambda screen: text in screen, repr(text))

    def exited(self) -> bool:
        return self.tmux("display-message", "-p", "#{pane_dead}").strip() == "1"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    session = Terminal(socket=f"briefing-test-{uuid.uuid4().hex[:8]}", home=tmp_path / "home")
    session.home.mkdir()
    yield session
    session.tmux("kill-server")


def test_the_library_on_a_linux_console_without_colour(terminal: Terminal) -> None:
    terminal.start(str(ARTICLES))
    screen = terminal.wait_for(
        lambda text: all(part in text for part in (MARCH_TITLE, "2 articles", "? Help")),
        "the library with its header and footer",
    )
    lines = screen.splitlines()
    assert lines[0].lstrip().startswith("briefing")
    assert "2 articles" in lines[0]
    assert any(line.startswith("- 2025-04 ---") for line in lines)
    assert any(line.startswith(">") and APRIL_TITLE[:20] in line for line in lines)
    assert "enter Open" in screen
    assert "? Help" in screen
    assert [char for char in screen if is_drawing(char)] == []


def cursor_on(text: str) -> Callable[[str], bool]:
    """The paragraph cursor mark (`>` in the gutter) is on a line holding `text`."""
    return lambda screen: any(line.startswith(">") and text in line for line in screen.splitlines())


def test_reading_an_article_with_the_keyboard(terminal: Terminal) -> None:
    terminal.start(str(ARTICLES))
    terminal.wait_for_text(MARCH_TITLE)
    terminal.keys("Enter")
    terminal.wait_for(
        lambda screen: "esc Back" in screen and cursor_on("Het was een")(screen),
        "the reader with the cursor on the first paragraph",
    )
    terminal.keys("j")
    screen = terminal.wait_for(
        lambda text: cursor_on("Kyiv")(text) and "¶ 2/" in text,
        "the paragraph cursor on the second paragraph",
    )
    assert [char for char in screen if is_drawing(char)] == []
    terminal.keys("a")
    terminal.wait_for(
        lambda text: "People (" in text and "+----" in text, "the actors screen, framed in ASCII"
    )
    terminal.keys("Escape", "Escape")
    terminal.wait_for_text("enter Open")
    terminal.keys("C-q")
    terminal.wait_for(lambda _: terminal.exited(), "the app to quit")


def test_the_first_run_writes_the_commented_config(terminal: Terminal) -> None:
    terminal.start(str(ARTICLES))
    terminal.wait_for_text(MARCH_TITLE)
    written = (terminal.home / "config" / "config.toml").read_text(encoding="utf-8")
    assert written.startswith("# briefing-tui settings.")
    assert 'group_by = "day"' in written


def test_a_bad_config_is_named_by_line_and_the_app_starts(terminal: Terminal) -> None:
    config = terminal.home / "config" / "config.toml"
    config.parent.mkdir(mode=0o700)
    config.write_text('version = 1\n[library]\ngroup_by = "fortnight"\n', encoding="utf-8")
    terminal.start(str(ARTICLES))
    screen = terminal.wait_for_text(MARCH_TITLE)
    assert APRIL_TITLE[:20] in screen
    terminal.wait_for(
        lambda text: "line 3" in text and "fortnight" in text, "the message naming the line"
    )


def test_sixty_by_twenty_keeps_what_the_reader_needs(terminal: Terminal) -> None:
    terminal.start(str(ARTICLES), size=(60, 20))
    terminal.wait_for_text("De Russische president")
    terminal.keys("Enter")
    terminal.wait_for(
        lambda screen: "¶ 1/" in screen and screen.rstrip().splitlines()[-1].endswith("?Help"),
        "the position in the article and every reader key, ? Help last",
    )
    terminal.keys("w")
    terminal.wait_for(lambda screen: "Poetin" in screen, "the quotes, as a screen of their own")
