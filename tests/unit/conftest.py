"""Fixtures for the core unit tests: single article files and the `briefing` command.

The shared tests/conftest.py already isolates the environment (config and cache dirs)
and provides `articles_dir` and `make_library`.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text (as UTF-8, no newline translation) or raw bytes to a file under tmp_path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


@pytest.fixture
def run_briefing() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python -m briefing_tui ARGS` from the checkout, in the isolated environment."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "briefing_tui", *args],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run
