"""config.toml in the running app: theme, keys, highlight styles, grouping, ASCII, mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import (
    SIZE,
    screen_lines,
    toast_texts,
    wait_for_library,
    widget_lines,
)
from textual.pilot import Pilot

from briefing_tui.core.config import Config, default_config_text, load_config, parse_config
from briefing_tui.core.locations import config_file
from briefing_tui.ui.app import BriefingApp
from briefing_tui.ui.glyphs import ASCII, UNICODE
from briefing_tui.ui.mouse_driver import ClickMouseDriver
from briefing_tui.ui.quick_escape import QuickEscapeDriver
from briefing_tui.ui.screens.help import HelpScreen
from briefing_tui.ui.screens.reader import ReaderScreen
from briefing_tui.ui.settings import (
    ANSI_THEME,
    ASCII_CLASS,
    RICH_THEME,
    auto_theme,
    binding_ids,
    binding_owners,
    driver_class_for,
)
from briefing_tui.ui.widgets.article_list import ArticleList
from briefing_tui.ui.widgets.article_view import ArticleView


def is_drawing(char: str) -> bool:
    return 0x2190 <= ord(char) <= 0x2BFF or ord(char) >= 0x1F000


def settings(text: str) -> Config:
    """Settings as read from a config.toml in the test's config directory."""
    return parse_config(text, config_file())


def app_with(paths: list[Path], text: str = "", glyphs: object = UNICODE) -> BriefingApp:
    return BriefingApp(paths, glyphs=ASCII if glyphs is ASCII else UNICODE, config=settings(text))


async def open_first_article(pilot: Pilot[int]) -> ArticleView:
    await wait_for_library(pilot)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    return pilot.app.screen.query_one(ArticleView)


@pytest.mark.parametrize(
    ("environ", "theme"),
    [
        ({"TERM": "linux"}, ANSI_THEME),
        ({"TERM": "vt100"}, ANSI_THEME),
        ({"TERM": "screen"}, ANSI_THEME),
        ({"TERM": "xterm"}, ANSI_THEME),
        ({}, ANSI_THEME),
        ({"TERM": "xterm-256color"}, RICH_THEME),
        ({"TERM": "screen-256color"}, RICH_THEME),
        ({"TERM": "xterm", "COLORTERM": "truecolor"}, RICH_THEME),
        ({"TERM": "linux", "TEXTUAL_THEME": "nord"}, "nord"),
    ],
)
def test_auto_theme_uses_ansi_colours_unless_the_terminal_says_more(
    environ: dict[str, str], theme: str
) -> None:
    assert auto_theme(environ) == theme


async def test_the_theme_from_config_is_used(articles_dir: Path) -> None:
    app = app_with([articles_dir], '[appearance]\ntheme = "gruvbox"\n')
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        assert app.theme == "gruvbox"


async def test_auto_on_a_linux_console_is_the_ansi_theme(
    articles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)
    app = app_with([articles_dir])
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        assert app.theme == ANSI_THEME
        assert app.current_theme.ansi


async def test_an_unknown_theme_names_its_line_and_the_app_runs(articles_dir: Path) -> None:
    app = app_with([articles_dir], 'version = 1\n[appearance]\ntheme = "nrod"\n')
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        assert app.theme in (ANSI_THEME, RICH_THEME)
        message = " ".join(toast_texts(app))
        assert "line 3" in message
        assert "no theme 'nrod'" in message
        assert app.screen.query_one(ArticleList).article_count == 2


async def test_a_theme_chosen_in_the_app_is_saved_for_the_next_run(articles_dir: Path) -> None:
    path = config_file()
    app = app_with([articles_dir], '[appearance]\ntheme = "nord"\n')
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        assert not path.exists(), "starting the app must not write the config"
        app.theme = "dracula"
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert load_config(path).theme == "dracula"
    again = BriefingApp([articles_dir], glyphs=UNICODE, config=load_config(path))
    async with again.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        assert again.theme == "dracula"


async def test_a_key_override_replaces_the_keys_of_that_command(articles_dir: Path) -> None:
    app = app_with([articles_dir], '[keys]\n"reader.next_paragraph" = "ctrl+n"\n')
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        assert view.cursor == 0
        await pilot.press("ctrl+n")
        assert view.cursor == 1
        await pilot.press("j")
        assert view.cursor == 1, "j was replaced by ctrl+n"
        await pilot.press("k")
        assert view.cursor == 0, "other commands keep their keys"


async def test_an_unknown_command_id_is_reported_with_its_line(articles_dir: Path) -> None:
    app = app_with([articles_dir], '[keys]\n"library.open" = "o,enter"\n"reader.jump" = "x"\n')
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for_library(pilot)
        assert "line 3: no command with the id 'reader.jump'" in " ".join(toast_texts(app))
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_a_highlight_style_from_config_is_drawn(articles_dir: Path) -> None:
    app = app_with([articles_dir], '[highlight]\nperson = "reverse"\nplace = "bold underline"\n')
    async with app.run_test(size=SIZE) as pilot:
        view = await open_first_article(pilot)
        person = view.get_component_rich_style("article-view--person", partial=True)
        place = view.get_component_rich_style("article-view--place", partial=True)
        assert person.reverse and not person.bold
        assert place.bold and place.underline and not place.italic


async def test_a_highlight_textual_cannot_draw_is_reported_and_the_default_kept(
    articles_dir: Path,
) -> None:
    app = app_with([articles_dir], '[highlight]\n\nperson = "bold blorp"\n')
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        view = await open_first_article(pilot)
        assert "line 3: person" in " ".join(toast_texts(app))
        assert view.get_component_rich_style("article-view--person", partial=True).bold


async def test_the_library_groups_by_week_when_configured(make_library: object) -> None:
    folder = make_library(  # type: ignore[operator]
        {
            "a.txt": "date 2025-04-16 Een.\n",
            "b.txt": "date 2025-04-14 Twee.\n",
            "c.txt": "date 2025-04-13 Drie.\n",
        }
    )
    app = app_with([folder], '[library]\ngroup_by = "week"\n')
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        lines = widget_lines(app.screen.query_one(ArticleList))
        headers = [line.strip(" ─") for line in lines if line.startswith("─")]
        assert [header.split()[0] for header in headers] == ["2025-W16", "2025-W15"]


async def test_ascii_borders_on_a_console(articles_dir: Path) -> None:
    """With ASCII glyphs every screen, Textual's borders included, is plain ASCII."""
    app = app_with([articles_dir], glyphs=ASCII)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_library(pilot)
        assert ASCII_CLASS in app.classes
        seen = ["\n".join(screen_lines(app))]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_lines = screen_lines(app)
        # Only the frame: the help's text names the Unicode cursor mark on purpose.
        seen.append("\n".join([help_lines[0], help_lines[-1], *[line[0] for line in help_lines]]))
        await pilot.press("escape", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        seen.append("\n".join(screen_lines(app)))
        await pilot.press("n")  # the note editor: a TextArea with Textual's tall border
        await pilot.pause()
        seen.append("\n".join(screen_lines(app)))
        await pilot.press("escape", "ctrl+p")  # Textual's palette: hkey borders and an icon
        await pilot.pause()
        seen.append("\n".join(screen_lines(app)))
    assert "+---" in seen[1], "the help's rounded border is drawn in ASCII"
    for screen in seen:
        # Article text and Latin-1 marks (· ¶) are fine; arrows, box drawing, blocks,
        # geometric shapes and emoji are what a console font lacks.
        assert sorted({char for char in screen if is_drawing(char)}) == []


def test_mouse_motion_is_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert driver_class_for(Config()) is ClickMouseDriver
    assert driver_class_for(Config(mouse_motion=True)) is QuickEscapeDriver
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert driver_class_for(Config()) is None


async def test_the_driver_asks_for_clicks_and_drags_but_not_every_movement() -> None:
    written: list[str] = []

    class Recording(ClickMouseDriver):
        def write(self, data: str) -> None:
            written.append(data)

        def flush(self) -> None:
            pass

    driver = Recording(BriefingApp([]), mouse=True)
    driver._enable_mouse_support()
    assert "\x1b[?1000h" in written
    assert "\x1b[?1002h" in written
    assert "\x1b[?1006h" in written
    assert "\x1b[?1003h" not in written


def test_the_readme_lists_every_key_id() -> None:
    """The README is where users find the ids for [keys]; a new binding id belongs there."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    listed = readme.split("**Key ids**", 1)[1].split("\n\n", 1)[0]
    missing = sorted(i for i in binding_ids(binding_owners()) if f"`{i}`" not in listed)
    assert missing == []


@pytest.mark.parametrize(("animations", "level"), [(False, "none"), (True, "full")])
def test_scroll_animation_is_off_unless_config_turns_it_on(
    monkeypatch: pytest.MonkeyPatch, animations: bool, level: str
) -> None:
    monkeypatch.delenv("TEXTUAL_ANIMATIONS", raising=False)
    app = BriefingApp([], config=Config(animations=animations))
    assert app.animation_level == level


def test_the_default_config_lists_every_key_id() -> None:
    """config.toml is where a user rebinds keys; its comments name every id."""
    listed = set(default_config_text().split("# The ids:", 1)[1].replace("#", " ").split())
    assert sorted(binding_ids(binding_owners()) - listed) == []
