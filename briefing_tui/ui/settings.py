"""config.toml applied to the app: theme, highlight styles, keys, mouse and glyphs.

The core reads and checks the file; what only Textual can judge (is this a theme, a
command id, a colour it can draw?) is checked here, and each mistake becomes a message
naming the line in config.toml while the app goes on with the default for that setting.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.css.errors import StylesheetError, UnresolvedVariableError
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.driver import Driver
from textual.scrollbar import ScrollBar, ScrollBarRender

from briefing_tui.core.config import AUTO, DEFAULT_HIGHLIGHTS, Config, Style
from briefing_tui.ui.glyphs import ASCII, Glyphs, glyphs_for_terminal

ANSI_THEME = "ansi-dark"
"""The terminal's own 16 colours: right on any terminal, dark or light, 16 colours or more."""
RICH_THEME = "textual-dark"
"""For terminals that say they have 256 colours or more."""
ASCII_CLASS = "-ascii"
"""Set on the app when it draws with ASCII: the stylesheets turn borders into ASCII then."""


def auto_theme(environ: Mapping[str, str] | None = None) -> str:
    """The theme when config.toml says "auto": ANSI colours unless the terminal says more.

    TERM=linux, vt100, screen, xterm (16 colours) and an unknown TERM get the terminal's
    own palette; TERM=*-256color or COLORTERM=truecolor/24bit get Textual's dark theme.
    TEXTUAL_THEME, Textual's own setting, wins.
    """
    environ = os.environ if environ is None else environ
    if environ.get("TEXTUAL_THEME"):
        return environ["TEXTUAL_THEME"]
    term = environ.get("TERM", "").lower()
    colorterm = environ.get("COLORTERM", "").lower()
    if "256color" in term or colorterm in ("truecolor", "24bit"):
        return RICH_THEME
    return ANSI_THEME


def glyphs_for(config: Config) -> Glyphs:
    """ASCII when config.toml says so, else chosen from TERM (see glyphs_for_terminal)."""
    if config.ascii is True:
        return ASCII
    if config.ascii is False and not os.environ.get("BRIEFING_ASCII"):
        from briefing_tui.ui.glyphs import UNICODE

        return UNICODE
    return glyphs_for_terminal(encoding=sys.stdout.encoding)


class AsciiScrollBarRender(ScrollBarRender):
    """Scrollbar thumbs of whole cells: Linux console fonts lack the ▁▂▃ eighth blocks."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


def use_scrollbars_for(glyphs: Glyphs) -> None:
    """Textual's documented hook for scrollbar glyphs (ScrollBar.renderer) per glyph set."""
    ScrollBar.renderer = AsciiScrollBarRender if glyphs is ASCII else ScrollBarRender


def driver_class_for(config: Config) -> type[Driver] | None:
    """A terminal driver that does not ask for every mouse movement, unless the user wants it,
    and hands over the Esc key at once (see quick_escape.py).

    None keeps Textual's choice: a driver was set through TEXTUAL_DRIVER (the browser's,
    under `briefing serve`), or the platform is not POSIX.
    """
    if os.environ.get("TEXTUAL_DRIVER") or sys.platform == "win32":
        return None
    if config.mouse_motion:
        from briefing_tui.ui.quick_escape import QuickEscapeDriver

        return QuickEscapeDriver
    from briefing_tui.ui.mouse_driver import ClickMouseDriver

    return ClickMouseDriver


def _first_error(error: Exception) -> str:
    """A one-line reason from Textual's CSS error, without its markup."""
    if isinstance(error, StylesheetParseError):
        for rule in error.errors.rules:
            for _token, help_text in rule.errors:
                summary = getattr(help_text, "summary", str(help_text))
                return Text.from_markup(str(summary)).plain
    return str(error)


def _declarations(style: Style) -> str:
    """The style as Textual CSS; what the user left out is reset, so their style replaces ours."""
    colour = style.colour or "initial"
    background = style.background or "initial"
    text_style = " ".join(style.attributes) or "none"
    return f"color: {colour}; background: {background}; text-style: {text_style};"


def _selector(kind: str) -> str:
    # One type more than screens.tcss's `ArticleView > .article-view--KIND`, so it wins.
    name = "quote-span" if kind == "quote" else kind
    return f"Screen ArticleView > .article-view--{name}"


def highlight_css(config: Config, variables: dict[str, str]) -> tuple[str, list[str]]:
    """CSS for the user's highlight styles, and a message for each Textual cannot draw."""
    rules: list[str] = []
    problems: list[str] = []
    for kind, style in config.highlights.items():
        rule = f"{_selector(kind)} {{ {_declarations(style)} }}"
        check = Stylesheet(variables=variables)
        try:
            check.add_source(rule)
            check.parse()
        except (StylesheetError, UnresolvedVariableError) as error:
            problems.append(
                f"{config.where(f'highlight.{kind}')}: {kind}: {_first_error(error)}; "
                "using the default"
            )
            continue
        rules.append(rule)
    return "\n".join(rules), problems


def binding_ids(owners: Iterable[type]) -> set[str]:
    """Every binding id declared in the BINDINGS of these screens, widgets and the app."""
    ids: set[str] = set()
    for owner in owners:
        bindings: list[BindingType] = list(getattr(owner, "BINDINGS", []))
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return ids


def checked_keymap(config: Config, known_ids: set[str]) -> tuple[dict[str, str], list[str]]:
    """The user's key overrides whose ids exist, and a message naming each unknown id."""
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in config.keys.items():
        if binding_id not in known_ids:
            problems.append(
                f"{config.where(f'keys.{binding_id}')}: no command with the id "
                f"{binding_id!r} (the README lists them)"
            )
            continue
        keymap[binding_id] = keys
    return keymap, problems


def checked_theme(config: Config, available: Iterable[str]) -> tuple[str, list[str]]:
    """The theme to start with, and a message if config.toml names one that does not exist."""
    if config.theme == AUTO:
        theme = auto_theme()
        return (theme, []) if theme in available else (auto_theme({}), [])
    if config.theme in available:
        return config.theme, []
    fallback = auto_theme()
    fallback = fallback if fallback in available else ANSI_THEME
    return fallback, [
        f"{config.where('appearance.theme')}: no theme {config.theme!r} "
        f"(ctrl+p, Theme, lists them); using {fallback!r}"
    ]


def binding_owners() -> list[type]:
    """The app, screens and widgets whose BINDINGS a user may rebind by id."""
    from briefing_tui.ui.app import BriefingApp
    from briefing_tui.ui.screens.library import LibraryScreen
    from briefing_tui.ui.screens.reader import ReaderScreen
    from briefing_tui.ui.widgets.article_list import ArticleList
    from briefing_tui.ui.widgets.article_view import ArticleView

    return [BriefingApp, LibraryScreen, ReaderScreen, ArticleList, ArticleView]


def apply_settings(app: App[Any], config: Config, glyphs: Glyphs) -> list[str]:
    """Theme, highlight styles, keys and the ASCII look, before the first screen is shown.

    Returns:
        A message for each setting that could not be used (its default is used instead).
    """
    problems: list[str] = []
    theme, theme_problems = checked_theme(config, app.available_themes)
    problems += theme_problems
    app.theme = theme
    if glyphs is ASCII:
        app.add_class(ASCII_CLASS)
    changed = {
        kind: style
        for kind, style in config.highlights.items()
        if style != DEFAULT_HIGHLIGHTS.get(kind)
    }
    if changed:
        css, css_problems = highlight_css(
            replace(config, highlights=changed), app.get_css_variables()
        )
        problems += css_problems
        if css:
            app.stylesheet.add_source(css, read_from=(str(config.source), "highlight"))
            app.refresh_css(animate=False)
    if config.keys:  # the owners include the reader, which is not loaded otherwise
        keymap, key_problems = checked_keymap(config, binding_ids(binding_owners()))
        problems += key_problems
        if keymap:
            app.set_keymap(keymap)
    return problems


def plain_palette(app: App[Any], glyphs: Glyphs) -> None:
    """The command palette's 🔎 as `>` on a console (Textual has no setting for the icon)."""
    if glyphs is not ASCII:
        return
    from textual.command import SearchIcon

    for icon in app.screen.query(SearchIcon):
        icon.icon = ">"
