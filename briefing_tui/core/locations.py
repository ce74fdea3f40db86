"""Every path briefing-tui uses, and how a user overrides them.

Config (and later notes) live in the user's config directory from platformdirs,
`briefing-tui` without an author folder; `--config-dir` or BRIEFING_CONFIG_DIR win.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_config_path

from briefing_tui.core.private import tighten_matching

APP_NAME = "briefing-tui"
CONFIG_DIR_VARIABLE = "BRIEFING_CONFIG_DIR"
CONFIG_DIR_FILES = ("notes", "config.*", "actors.*", "reading.*", ".config.*", ".reading.*")
"""What the app writes in the config directory: its files with their locks, damaged copies
set aside (`reading.corrupt-*.json`) and temporary files (`.config.*.tmp`)."""
NOTES_DIR_FILES = ("*.toml", "*.lock", "*.retag-pending", ".*.tmp")
"""What the app writes in the notes directory."""
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


def keep_private(override: Path | None = None) -> bool:
    """Take group and other access away from what the app keeps in the config directory
    (an earlier version, an editor or a copied backup may have left it readable).

    Only the app's own names are touched, never anything else in the directory (which a
    user may point at a folder of their own). The index in the cache is tightened when
    it is opened (core/index.py).

    Returns:
        False if something could not be changed (not the user's: its owner reads it anyway).
    """
    done = tighten_matching(config_dir(override), CONFIG_DIR_FILES)
    return tighten_matching(notes_dir(override), NOTES_DIR_FILES) and done


def cache_dir() -> Path:
    """Disposable data (the index); safe to delete at any time."""
    return user_cache_path(APP_NAME, appauthor=False)


def bundled_articles_dir() -> Path:
    """The example articles: inside the installed package, or articles/ in a source checkout."""
    installed = _PACKAGE_DIR / "bundled_articles"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "articles"
