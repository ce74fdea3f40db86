"""The reading flow in the real `briefing` command, in tmux at 80x24 on a Linux console.

Unread marks and counts, finding a word, coming back to the paragraph left, and the
tags screen, typed with send-keys and read with capture-pane as in tests/e2e/test_tmux.py
(whose Terminal this reuses). Skipped when tmux is not installed.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_tmux import ARTICLES, Terminal, is_drawing

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)"
)


@pytest.fixture
def console(tmp_path: Path) -> Iterator[Terminal]:
    session = Terminal(socket=f"briefing-test-{uuid.uuid4().hex[:8]}", home=tmp_path / "home")
    session.home.mkdir()
    yield session
    session.tmux("kill-server")


def test_unread_find_and_tags_on_a_linux_console(console: Terminal) -> None:
    console.start(str(ARTICLES))
    library = console.wait_for_text("2 articles, 2 unread")
    assert sum(line.startswith((">N ", " N ")) for line in library.splitlines()) == 2

    console.keys("Enter")
    console.wait_for_text("esc Back")
    console.keys("f", "O", "e", "k", "r", "a", "i", "n", "e")
    found = console.wait_for(
        lambda text: "Find: Oekraine" in text and "/9" in text, "the find bar counting matches"
    )
    assert [char for char in found if is_drawing(char)] == []

    console.keys("Escape", "Escape")
    library = console.wait_for_text("2 articles, 1 unread")
    assert any(line.startswith(" N ") for line in library.splitlines())

    console.keys("T")
    tags = console.wait_for_text("0 in use")
    assert "No tags yet" in tags
    assert [char for char in tags if is_drawing(char)] == []


def test_reopening_an_article_returns_to_the_paragraph_left(console: Terminal) -> None:
    console.start(str(ARTICLES))
    console.wait_for_text("2 unread")
    console.keys("Enter")
    console.wait_for_text("¶ 1/15")
    console.keys("j", "j")
    console.wait_for_text("¶ 3/15")
    console.keys("C-q")
    console.wait_for(lambda _screen: console.exited(), "briefing to quit")
    console.tmux("kill-server")

    console.start(str(ARTICLES))
    # The title can be drawn a frame before the rows: wait for the part-read row itself.
    console.wait_for(
        lambda text: "1 unread" in text and "%" in text, "the part-read article's progress"
    )
    console.keys("Enter")
    console.wait_for_text("¶ 3/15")
