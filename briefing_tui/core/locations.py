"""Every path briefing-tui uses, and how a user overrides them.

Config (and later notes) live in the user's config directory from platformdirs,
`briefing-tui` without an author folder; `--config-dir` or BRIEFING_CONFIG_DIR win.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_config_path

APP_NAME = "briefing-tui"
CONFIG_DIR_VARIABLE = "BRIEFING_CONFIG_DIR"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def config_dir(override: Path | None = None) -> Path:
    """The directory holding config.toml (and notes): override, environment, platform default."""
    if override is not None:
        return override.expanduser()
    from_environment = os.environ.get(CONFIG_DIR_VARIABLE)
    if from_environment:
        return Path(from_environment).expanduser()
    return user_config_path(APP_NAME, appauthor=False)


def config_file(override: Path | None = None) -> Path:
    """The user's settings file."""
    return config_dir(override) / "config.toml"


def actors_file(override: Path | None = None) -> Path:
    """The user's corrections to the actor lexicons (aliases, kinds, suppressed names)."""
    return config_dir(override) / "actors.toml"


def notes_dir(override: Path | None = None) -> Path:
    """One TOML file of notes and tags per article."""
    return config_dir(override) / "notes"


def cache_dir() -> Path:
    """Disposable data (the index); safe to delete at any time."""
    return user_cache_path(APP_NAME, appauthor=False)


def bundled_articles_dir() -> Path:
    """The example articles: inside the installed package, or articles/ in a source checkout."""
    installed = _PACKAGE_DIR / "bundled_articles"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "articles"
