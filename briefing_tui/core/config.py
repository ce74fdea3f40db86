"""The user's config.toml: library folders, date grouping, theme, highlights, keys, terminal.

The file is created on the first run from `config_default.toml` (every setting written
out with its default and a comment), so a user sees what can be set without reading any
documentation. Reading never fails: a file that does not parse gives a message with its
line and all defaults; a bad value gives a message naming its line and the default for
that setting only, so one typo never costs the user their other settings.

Values that only the UI can check (is this a theme? a command id? a style Textual can
draw?) are passed on with the line they came from, so the UI's message can name it too.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from briefing_tui.core.safe_store import (
    SaveError,
    ensure_private_directory,
    locked,
    write_atomically,
)

CONFIG_VERSION = 1
GROUPINGS = ("day", "week", "month")
"""How the library groups articles under date headers."""
HIGHLIGHT_KINDS = ("person", "organization", "place", "quote")
"""The kinds of highlight a user can restyle (the reader's actors and quote spans)."""
AUTO = "auto"
STYLE_ATTRIBUTES = frozenset({"bold", "dim", "italic", "underline", "reverse", "strike"})
_COLOUR_WORD = re.compile(
    r"^(\$[a-z][a-z0-9-]*|#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?|[a-z][a-z0-9_]*)$"
)
_KEY_NAME = re.compile(r"^[A-Za-z0-9_+\-]+$")


def default_config_text() -> str:
    """The commented config.toml written on the first run (a data file in the package)."""
    from importlib import resources  # only on a first run: not on the way to the first screen

    return (resources.files("briefing_tui.core") / "config_default.toml").read_text("utf-8")


class Style(NamedTuple):
    """A highlight style a user wrote: attributes plus optional colour and background."""

    attributes: tuple[str, ...] = ()
    colour: str | None = None
    background: str | None = None


DEFAULT_HIGHLIGHTS: Mapping[str, Style] = {
    "person": Style(("bold",), "$text-primary"),
    "organization": Style(("underline",), "$text-accent"),
    "place": Style(("italic",), "$text-success"),
    "quote": Style((), "$text-warning"),
}
"""The styles screens.tcss draws, as the default config.toml writes them (a test keeps the
two the same); only styles that differ from these change the CSS."""


@dataclass(frozen=True)
class Config:
    """Settings read from config.toml: defaults when it is absent, broken or partly wrong."""

    folders: tuple[Path, ...] = ()
    group_by: str = "day"
    """Date headers in the library: "day", "week" or "month"."""
    theme: str = AUTO
    """A Textual theme name, or "auto" (chosen from what the terminal says it can do)."""
    ascii: bool | None = None
    """ASCII glyphs: True, False, or None to decide from TERM and the output encoding."""
    highlights: Mapping[str, Style] = field(default_factory=dict)
    """Kind -> the user's style for it; kinds left out keep the stylesheet's."""
    keys: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> comma-separated keys that replace that command's keys."""
    mouse_motion: bool = False
    """Ask the terminal to report every mouse movement (off: clicks and wheel only)."""
    animations: bool = False
    """Animate scrolling (off: it multiplies the bytes a page scroll sends)."""
    problems: tuple[str, ...] = ()
    """What was wrong, each naming the file and line; shown when the app starts."""
    lines: Mapping[str, int] = field(default_factory=dict)
    """"table.key" -> line number in the file, so the UI can name the line of a bad value."""
    source: Path | None = None
    """The file these settings were read from."""

    def where(self, dotted_key: str) -> str:
        """`config.toml, line 12` for a setting (for messages about its value)."""
        name = str(self.source) if self.source else "config.toml"
        line = self.lines.get(dotted_key)
        return f"{name}, line {line}" if line else name


def parse_style(text: str) -> Style:
    """A style such as "bold italic $accent on #202020".

    Raises:
        ValueError: A word that is neither an attribute nor a colour, or two colours.
    """
    attributes: list[str] = []
    colour: str | None = None
    background: str | None = None
    words = text.split()
    index = 0
    while index < len(words):
        word = words[index]
        lowered = word.lower()
        if lowered in STYLE_ATTRIBUTES:
            attributes.append(lowered)
        elif lowered == "on":
            if index + 1 >= len(words) or not _COLOUR_WORD.match(words[index + 1]):
                raise ValueError("'on' must be followed by a colour")
            background = words[index + 1]
            index += 1
        elif _COLOUR_WORD.match(word):
            if colour is not None:
                raise ValueError(f"two colours ({colour!r} and {word!r})")
            colour = word
        else:
            raise ValueError(f"{word!r} is neither an attribute nor a colour")
        index += 1
    return Style(tuple(attributes), colour, background)


def _key_lines(text: str) -> dict[str, int]:
    """Line numbers of `key = value` lines, by "table.key" (tomllib does not give them)."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\[\]]+?)\s*\]", stripped)
        if header:
            table = header.group(1).strip().strip('"')
            lines.setdefault(table, number)
            continue
        assignment = re.match(r'^("[^"]*"|\'[^\']*\'|[A-Za-z0-9_.-]+)\s*=', stripped)
        if assignment:
            key = assignment.group(1).strip("\"'")
            lines.setdefault(f"{table}.{key}" if table else key, number)
    return lines


class _Reader:
    """Reads one parsed file setting by setting, collecting a message for each bad value."""

    def __init__(self, data: dict[str, Any], path: Path, lines: dict[str, int]) -> None:
        self.data = data
        self.path = path
        self.lines = lines
        self.problems: list[str] = []

    def complain(self, dotted_key: str, message: str) -> None:
        line = self.lines.get(dotted_key)
        place = f"{self.path}, line {line}" if line else str(self.path)
        self.problems.append(f"{place}: {message}")

    def table(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            self.complain(name, f"[{name}] must be a table; using its defaults")
            return {}
        return value

    def choice(self, table: str, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.table(table).get(key, default)
        if value not in choices:
            options = ", ".join(f'"{choice}"' for choice in choices)
            self.complain(
                f"{table}.{key}", f"{key} = {value!r} is not one of {options}; using {default!r}"
            )
            return default
        return str(value)

    def boolean(self, table: str, key: str, default: bool) -> bool:
        value = self.table(table).get(key, default)
        if not isinstance(value, bool):
            self.complain(
                f"{table}.{key}", f"{key} must be true or false, not {value!r}; using {default}"
            )
            return default
        return value

    def string(self, table: str, key: str, default: str) -> str:
        value = self.table(table).get(key, default)
        if not isinstance(value, str) or not value.strip():
            self.complain(f"{table}.{key}", f"{key} must be a name in quotes; using {default!r}")
            return default
        return value.strip()


def _folders(reader: _Reader) -> tuple[Path, ...]:
    raw = reader.table("library").get("folders", [])
    if not isinstance(raw, list) or not all(isinstance(folder, str) for folder in raw):
        reader.complain("library.folders", "folders must be a list of paths in quotes")
        return ()
    base = reader.path.parent
    return tuple(base / Path(folder).expanduser() for folder in raw)


def _ascii(reader: _Reader) -> bool | None:
    value = reader.table("appearance").get("ascii", AUTO)
    if value == AUTO:
        return None
    if isinstance(value, bool):
        return value
    reader.complain("appearance.ascii", f'ascii must be "auto", true or false, not {value!r}')
    return None


def _highlights(reader: _Reader) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    for kind, value in reader.table("highlight").items():
        dotted = f"highlight.{kind}"
        if kind not in HIGHLIGHT_KINDS:
            kinds = ", ".join(HIGHLIGHT_KINDS)
            reader.complain(dotted, f"no highlight kind {kind!r} (there are {kinds})")
            continue
        if not isinstance(value, str):
            reader.complain(dotted, f'{kind} must be a style in quotes, such as "bold red"')
            continue
        try:
            styles[kind] = parse_style(value)
        except ValueError as error:
            reader.complain(dotted, f"{kind} = {value!r}: {error}; using the default")
    return styles


def _keys(reader: _Reader) -> dict[str, str]:
    keys: dict[str, str] = {}
    for binding_id, value in reader.table("keys").items():
        names = [name.strip() for name in value.split(",")] if isinstance(value, str) else []
        if not names or not all(name and _KEY_NAME.match(name) for name in names):
            reader.complain(
                f"keys.{binding_id}",
                f'{binding_id} must be key names separated by commas, such as "j,down"',
            )
            continue
        keys[binding_id] = ",".join(names)
    return keys


def load_config(path: Path) -> Config:
    """Read config.toml; a missing file is the default, a broken one a reported problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(source=path)
    except (OSError, UnicodeDecodeError) as error:
        return Config(problems=(f"{path}: unreadable ({error}); using defaults",), source=path)
    return parse_config(text, path)


def parse_config(text: str, path: Path) -> Config:
    """Settings from the text of a config.toml at `path` (relative folders are relative to it)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib's message ends "(at line 7, column 12)": the line the user must fix.
        return Config(problems=(f"{path}: {error}; using defaults",), source=path)
    lines = _key_lines(text)
    reader = _Reader(data, path, lines)
    version = data.get("version", CONFIG_VERSION)
    if version != CONFIG_VERSION:
        reader.complain("version", f"version {version!r} is not {CONFIG_VERSION}; read anyway")
    return Config(
        folders=_folders(reader),
        group_by=reader.choice("library", "group_by", GROUPINGS, "day"),
        theme=reader.string("appearance", "theme", AUTO),
        ascii=_ascii(reader),
        highlights=_highlights(reader),
        keys=_keys(reader),
        mouse_motion=reader.boolean("terminal", "mouse_motion", False),
        animations=reader.boolean("terminal", "animations", False),
        problems=tuple(reader.problems),
        lines=lines,
        source=path,
    )


def create_default_config(path: Path) -> str | None:
    """Write the commented defaults to `path` if there is no file yet (first run).

    Returns:
        A message for the user if it could not be written; the app runs on defaults then.
    """
    if path.exists():
        return None
    try:
        ensure_private_directory(path.parent)
        with locked(path):
            if not path.exists():  # another session may have just written it
                write_atomically(path, default_config_text().encode("utf-8"), "config")
    except SaveError as error:
        return f"{path}: could not create it ({error}); using defaults"
    return None


def save_theme(path: Path, theme: str) -> str | None:
    """Remember the theme chosen in the app: set `[appearance] theme`, keep every comment.

    Returns:
        A message for the user when it could not be saved (a file that does not parse is
        never rewritten: that would lose what the user wrote).
    """
    import tomlkit  # only when a theme is saved; comment-preserving TOML editing
    from tomlkit.exceptions import TOMLKitError

    try:
        ensure_private_directory(path.parent)
        with locked(path):
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                text = default_config_text()
            except (OSError, UnicodeDecodeError) as error:
                return f"{path}: theme not saved, unreadable ({error})"
            try:
                document = tomlkit.parse(text)
                appearance = document.setdefault("appearance", tomlkit.table())
                if appearance.get("theme") == theme:
                    return None
                appearance["theme"] = theme
                updated = tomlkit.dumps(document)
            except (TOMLKitError, TypeError, AttributeError) as error:
                return f"{path}: theme not saved, the file does not parse ({error})"
            write_atomically(path, updated.encode("utf-8"), "config")
    except SaveError as error:
        return f"{path}: theme not saved ({error})"
    return None
