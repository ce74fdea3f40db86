"""What an earlier version (or a copied backup) left readable to others is tightened when
the app starts: the search index in its cache folder, and the notes, reading state and
config.toml in the config folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app_support import SIZE, wait_for_library

from briefing_tui.core.index import LibraryIndex
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.glyphs import UNICODE


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


async def test_a_readable_index_and_config_folder_are_tightened_at_start(
    articles_dir: Path, tmp_path: Path
) -> None:
    cache, config = tmp_path / "cache", tmp_path / "cfg"
    index_path = cache / "library-index.sqlite3"
    index = LibraryIndex(index_path)
    index.refresh([articles_dir])
    index.close()
    (config / "notes").mkdir(parents=True)
    for name in ("config.toml", "reading.json", "notes/article-0123.toml"):
        (config / name).write_text("version = 1\n")
    wide = [*cache.iterdir(), *config.rglob("*")]
    for path in wide:
        path.chmod(0o755 if path.is_dir() else 0o644)
    for folder in (cache, config):
        folder.chmod(0o755)

    app = BriefingApp([articles_dir], glyphs=UNICODE, config_dir=config, index_path=index_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        await app.workers.wait_for_complete()

    everything = [cache, config, *cache.iterdir(), *config.rglob("*")]
    assert {str(p): oct(mode(p)) for p in everything} == {
        str(p): oct(0o700 if p.is_dir() else 0o600) for p in everything
    }
