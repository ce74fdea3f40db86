"""Fixtures for the core unit tests: temporary article files and the `briefing` command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

WriteFile = Callable[[str, str | bytes], Path]
RunBriefing = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def repo_root() -> Path:
    """The checkout the tests run from (/work/main)."""
    return REPO_ROOT


@pytest.fixture
def example_articles_dir() -> Path:
    """The bundled example articles in the checkout."""
    return REPO_ROOT / "articles"


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """Write text (as UTF-8, no newline translation) or raw bytes to a file under tmp_path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


@pytest.fixture
def run_briefing(tmp_path: Path) -> RunBriefing:
    """Run `python -m briefing_tui ARGS` with a throwaway config directory."""
    env = {**os.environ, "BRIEFING_CONFIG_DIR": str(tmp_path / "config")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "briefing_tui", *args],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run
