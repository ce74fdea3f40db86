"""Write screenshots/library.svg and screenshots/reader.svg from the real app.

Run with `make screenshots`. The app reads the bundled articles at 80x24, the size
the reader is designed for, with Unicode glyphs so the images do not depend on TERM,
and with an empty config directory and index of its own, so they do not depend on what
the person running it has read or noted either.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from briefing_tui.core.locations import bundled_articles_dir
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.glyphs import UNICODE

HERE = Path(__file__).resolve().parent
SIZE = (80, 24)


async def make_screenshots() -> None:
    """Open the library, then the reader three paragraphs in, and save both screens."""
    with tempfile.TemporaryDirectory(prefix="briefing-screenshots-") as scratch:
        app = BriefingApp(
            [bundled_articles_dir()],
            glyphs=UNICODE,
            config_dir=Path(scratch) / "config",
            index_path=Path(scratch) / "index.sqlite3",
        )
        await _save_screens(app)
    for name in ("library.svg", "reader.svg"):
        print(HERE / name)


async def _save_screens(app: BriefingApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot("library.svg", path=str(HERE))
        await pilot.press("enter", "j", "j")
        await app.workers.wait_for_complete()  # the actors and quotes are highlighted
        await pilot.pause()
        app.save_screenshot("reader.svg", path=str(HERE))


if __name__ == "__main__":
    asyncio.run(make_screenshots())
