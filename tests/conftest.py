"""Fixtures shared by every test: an isolated environment and article folders."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

REPO_ARTICLES = Path(__file__).resolve().parent.parent / "articles"

MakeLibrary = Callable[[Mapping[str, str | bytes]], Path]


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the developer's own config and cache out of tests, and turn animations off.

    The folders live under a hidden `.home` in tmp_path and are not created here, so a
    test that scans tmp_path for articles never sees them.
    """
    home = tmp_path / ".home"
    monkeypatch.setenv("BRIEFING_CONFIG_DIR", str(home / "briefing-config"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    # The glyph set must not depend on the terminal the tests run in.
    monkeypatch.delenv("BRIEFING_ASCII", raising=False)
    return home


@pytest.fixture
def articles_dir() -> Path:
    """The repository's example articles (two Dutch articles, 2025-04 and 2025-03)."""
    return REPO_ARTICLES


@pytest.fixture
def make_library(tmp_path: Path) -> MakeLibrary:
    """Create a fresh library folder holding the given files (text as UTF-8, or raw bytes).

    Each call makes a new folder (`library`, `library-1`, ...) under tmp_path.
    """
    count = 0

    def make(files: Mapping[str, str | bytes]) -> Path:
        nonlocal count
        folder = tmp_path / ("library" if count == 0 else f"library-{count}")
        count += 1
        folder.mkdir()
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return folder

    return make
