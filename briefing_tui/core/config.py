"""The user's config.toml: for now, which folders make up the library.

```toml
[library]
folders = ["~/briefings", "/srv/news/today"]
```
A config that does not parse is reported with its line and otherwise ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Config:
    """Settings read from config.toml (defaults when it is absent or broken)."""

    folders: tuple[Path, ...] = ()
    problems: tuple[str, ...] = ()


def load_config(path: Path) -> Config:
    """Read config.toml; a missing file is the default, a broken one a reported problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as error:
        return Config(problems=(f"{path}: unreadable ({error}); using defaults",))
    except tomllib.TOMLDecodeError as error:
        return Config(problems=(f"{path}: {error}; using defaults",))
    library = data.get("library", {})
    raw_folders = library.get("folders", []) if isinstance(library, dict) else []
    if not isinstance(raw_folders, list) or not all(isinstance(f, str) for f in raw_folders):
        return Config(problems=(f"{path}: [library] folders must be a list of paths",))
    base = path.parent
    folders = tuple((base / Path(folder).expanduser()) for folder in raw_folders)
    return Config(folders=folders)
