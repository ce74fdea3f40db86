"""config.toml: the commented defaults, every setting, and clear messages for mistakes."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core.config import (
    DEFAULT_HIGHLIGHTS,
    Config,
    Style,
    create_default_config,
    default_config_text,
    load_config,
    parse_config,
    parse_style,
    save_theme,
)

CONFIG = Path("/home/reader/.config/briefing-tui/config.toml")


def test_the_default_file_parses_to_the_defaults() -> None:
    data = tomllib.loads(default_config_text())
    assert data["version"] == 1
    parsed = parse_config(default_config_text(), CONFIG)
    assert parsed.problems == ()
    assert parsed.highlights == DEFAULT_HIGHLIGHTS
    defaults = Config()
    assert parsed.folders == defaults.folders
    assert parsed.group_by == defaults.group_by == "day"
    assert parsed.theme == defaults.theme == "auto"
    assert parsed.ascii is defaults.ascii is None
    assert parsed.keys == defaults.keys == {}
    assert parsed.mouse_motion is defaults.mouse_motion is False
    assert parsed.animations is defaults.animations is False


def test_the_default_highlights_match_the_stylesheet() -> None:
    """The file shows what the reader draws, so editing one word changes one thing."""
    parsed = parse_config(default_config_text(), CONFIG)
    assert parsed.highlights == {
        "person": Style(("bold",), "$text-primary"),
        "organization": Style(("underline",), "$text-accent"),
        "place": Style(("italic",), "$text-success"),
        "quote": Style((), "$text-warning"),
    }
    stylesheet = (Path(__file__).parents[2] / "briefing_tui/ui/screens.tcss").read_text()
    for kind, colour in [("person", "$text-primary"), ("place", "$text-success")]:
        rule = stylesheet.split(f".article-view--{kind} {{", 1)[1].split("}", 1)[0]
        assert f"color: {colour};" in rule


def test_every_setting_is_read() -> None:
    text = """
version = 1
[library]
folders = ["~/briefings", "news"]
group_by = "week"
[appearance]
theme = "nord"
ascii = true
[highlight]
person = "reverse bold red on #202020"
[terminal]
mouse_motion = true
animations = true
[keys]
"reader.next_paragraph" = "j, down ,ctrl+n"
"""
    config = parse_config(text, CONFIG)
    assert config.problems == ()
    assert config.folders == (Path("~/briefings").expanduser(), CONFIG.parent / "news")
    assert config.group_by == "week"
    assert config.theme == "nord"
    assert config.ascii is True
    assert config.highlights == {"person": Style(("reverse", "bold"), "red", "#202020")}
    assert config.mouse_motion is True
    assert config.animations is True
    assert config.keys == {"reader.next_paragraph": "j,down,ctrl+n"}


def test_a_file_that_does_not_parse_names_its_line_and_gives_defaults() -> None:
    config = parse_config('version = 1\n[library]\ngroup_by = "week\n', CONFIG)
    assert config.group_by == "day"
    assert len(config.problems) == 1
    assert str(CONFIG) in config.problems[0]
    assert "line 3" in config.problems[0]
    assert "using defaults" in config.problems[0]


def test_a_bad_value_names_its_line_and_keeps_the_other_settings() -> None:
    text = '[library]\nfolders = ["news"]\n\ngroup_by = "fortnight"\n[terminal]\nanimations = 1\n'
    config = parse_config(text, CONFIG)
    assert config.folders == (CONFIG.parent / "news",)
    assert config.group_by == "day"
    assert config.animations is False
    assert config.problems == (
        f'{CONFIG}, line 4: group_by = \'fortnight\' is not one of "day", "week", "month"; '
        "using 'day'",
        f"{CONFIG}, line 6: animations must be true or false, not 1; using False",
    )


@pytest.mark.parametrize(
    ("style", "reason"),
    [
        ("bold blinky!", "neither an attribute nor a colour"),
        ("red blue", "two colours"),
        ("bold on", "'on' must be followed by a colour"),
    ],
)
def test_a_bad_highlight_style_is_reported_and_left_at_its_default(style: str, reason: str) -> None:
    config = parse_config(f'[highlight]\nplace = "italic"\nperson = "{style}"\n', CONFIG)
    assert config.highlights == {"place": Style(("italic",))}
    assert len(config.problems) == 1
    assert "line 3" in config.problems[0]
    assert reason in config.problems[0]


def test_an_unknown_highlight_kind_is_reported() -> None:
    config = parse_config('[highlight]\nactor = "bold"\n', CONFIG)
    assert config.highlights == {}
    assert "line 2: no highlight kind 'actor'" in config.problems[0]


def test_bad_keys_are_reported_and_the_good_ones_kept() -> None:
    text = '[keys]\n"library.open" = "enter,o"\n"reader.back" = ""\n"app.help" = 5\n'
    config = parse_config(text, CONFIG)
    assert config.keys == {"library.open": "enter,o"}
    assert [problem.split(":")[0] for problem in config.problems] == [
        f"{CONFIG}, line 3",
        f"{CONFIG}, line 4",
    ]


def test_where_names_the_line_of_a_setting() -> None:
    config = parse_config('version = 1\n\n[appearance]\n  theme = "nrod"\n', CONFIG)
    assert config.where("appearance.theme") == f"{CONFIG}, line 4"
    assert config.where("appearance.ascii") == str(CONFIG)


def test_a_missing_file_is_all_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "config.toml")
    assert config.problems == ()
    assert config.theme == "auto"


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"theme = '\xff'\n")
    config = load_config(path)
    assert "unreadable" in config.problems[0]


def test_first_run_writes_the_commented_defaults_privately(tmp_path: Path) -> None:
    path = tmp_path / "briefing-tui" / "config.toml"
    assert create_default_config(path) is None
    assert path.read_text(encoding="utf-8") == default_config_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n", encoding="utf-8")
    assert create_default_config(path) is None
    assert path.read_text(encoding="utf-8") == "# mine\n"


def test_a_read_only_directory_gives_a_message_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    message = create_default_config(blocker / "config.toml")
    assert message is not None
    assert "using defaults" in message


def test_saving_the_theme_keeps_comments_and_other_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    create_default_config(path)
    assert save_theme(path, "gruvbox") is None
    text = path.read_text(encoding="utf-8")
    assert text.replace('theme = "gruvbox"', 'theme = "auto"') == default_config_text()
    assert load_config(path).theme == "gruvbox"


def test_saving_the_theme_without_a_file_starts_from_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert save_theme(path, "nord") is None
    assert load_config(path).theme == "nord"
    assert "# briefing-tui settings" in path.read_text(encoding="utf-8")


def test_a_broken_file_is_never_rewritten_to_save_the_theme(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[appearance\ntheme = 'x'\n", encoding="utf-8")
    message = save_theme(path, "nord")
    assert message is not None
    assert "does not parse" in message
    assert path.read_text(encoding="utf-8") == "[appearance\ntheme = 'x'\n"


@given(st.text(max_size=200))
def test_any_text_gives_a_config_never_an_error(text: str) -> None:
    config = parse_config(text, CONFIG)
    assert config.group_by in ("day", "week", "month")
    assert all(str(CONFIG) in problem for problem in config.problems)


@given(
    st.lists(st.sampled_from(["bold", "italic", "underline", "reverse", "dim", "strike"])),
    st.sampled_from([None, "red", "$accent", "#a0b0c0", "ansi_bright_cyan"]),
)
def test_styles_round_trip(attributes: list[str], colour: str | None) -> None:
    text = " ".join([*attributes, *([colour] if colour else [])])
    assert parse_style(text) == Style(tuple(attributes), colour)
