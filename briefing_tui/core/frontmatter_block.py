"""Front matter at the top of a Markdown article: TOML between `+++`, YAML between `---`.

python-frontmatter finds and splits the block; the standard library's tomllib and
PyYAML's safe loader parse it. A block that does not parse is reported, never fatal.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import BaseHandler, YAMLHandler

from briefing_tui.core.dates import DateError, PartialDate
from briefing_tui.core.safety import clean_line


class TomlHandler(BaseHandler):
    """python-frontmatter's `+++` splitting with tomllib parsing (its own needs `toml`)."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        return tomllib.loads(fm)


_HANDLERS: tuple[BaseHandler, ...] = (YAMLHandler(), TomlHandler())


@dataclass(frozen=True)
class FrontMatter:
    """The fields briefing-tui reads from front matter, cleaned and typed."""

    title: str | None = None
    date: PartialDate | None = None
    source: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    article_id: str | None = None
    raw: str | None = None
    """The unparsed block, kept when it is broken so the reader can still show it."""
    problems: tuple[str, ...] = field(default=())


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """Split and parse front matter; return it with the body that follows it."""
    for handler in _HANDLERS:
        if not handler.detect(text):
            continue
        try:
            raw, body = handler.split(text)
        except ValueError:
            return FrontMatter(problems=("front matter is not closed; read as text",)), text
        try:
            data = handler.load(raw)
        except (tomllib.TOMLDecodeError, yaml.YAMLError, ValueError, RecursionError) as error:
            # PyYAML raises plain ValueError for impossible dates (2025-02-30), tomllib
            # RecursionError for absurd nesting: both are the file's fault, not ours.
            reason = " ".join(str(error).split()) or type(error).__name__
            return FrontMatter(raw=raw, problems=(f"front matter ignored: {reason}",)), body
        if data is None:
            data = {}
        if not isinstance(data, dict):
            problem = "front matter ignored: it is not a table of fields"
            return FrontMatter(raw=raw, problems=(problem,)), body
        return _read_fields(data), body
    return FrontMatter(), text


def _text_field(data: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = data.get(name)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            cleaned = clean_line(str(value))
            if cleaned:
                return cleaned
    return None


_LANGUAGE_NAMES = {
    "nederlands": "nl",
    "dutch": "nl",
    "vlaams": "nl",
    "flemish": "nl",
    "engels": "en",
    "english": "en",
}


def _language_code(value: str | None) -> str | None:
    """An ISO 639-1 code from `nl`, `nl-BE`, `en_GB` or a language name (Nederlands, English)."""
    if value is None:
        return None
    lowered = value.strip().lower()
    if lowered in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[lowered]
    code = lowered.replace("_", "-").split("-")[0]
    return code if len(code) == 2 and code.isalpha() else None


def _read_fields(data: dict[str, Any]) -> FrontMatter:
    problems: list[str] = []
    date: PartialDate | None = None
    if data.get("date") is not None:
        try:
            date = PartialDate.from_value(data["date"])
        except DateError as error:
            problems.append(f"date ignored: {error}")
    raw_tags = data.get("tags", ())
    if isinstance(raw_tags, str):
        raw_tags = raw_tags.replace(",", " ").split()
    tags = (
        tuple(tag for tag in (clean_line(str(item)).lstrip("#") for item in raw_tags or ()) if tag)
        if isinstance(raw_tags, list | tuple)
        else ()
    )
    language = _language_code(_text_field(data, "language", "lang"))
    return FrontMatter(
        title=_text_field(data, "title"),
        date=date,
        source=_text_field(data, "source", "publisher"),
        language=language,
        tags=tags,
        article_id=_text_field(data, "id"),
        problems=tuple(problems),
    )
