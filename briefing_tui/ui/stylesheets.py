"""The app's two stylesheets: app.tcss for the first screen, screens.tcss for the others.

The library, the first screen, needs a fifth of our CSS. Textual parses every stylesheet
an app names before its first frame, so the rest lives in screens.tcss, which every other
screen names in its CSS_PATH and `read_screens_css` parses just after that frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

SCREENS_CSS = Path(__file__).with_name("screens.tcss").absolute()
"""Absolute, as Textual records a stylesheet read from a file, so it knows it has it."""


def read_screens_css(app: App[Any]) -> None:
    """Parse screens.tcss now, ahead of the first screen that names it.

    Were it left to that screen, Textual would read it on the screen's first showing and
    then parse every stylesheet again (about 20 ms on the first opening of an article);
    here only this file is parsed, and restyling touches just the library's few widgets.
    """
    stylesheet = app.stylesheet
    if stylesheet.has_source(str(SCREENS_CSS)):
        return
    stylesheet.read(SCREENS_CSS)
    stylesheet.parse()
    stylesheet.update(app)
