"""The lexicons the analysis uses: data files in the package plus the user's actors file.

The data files (lexicons/*.txt and *.toml, see lexicons/SOURCES.md) are read once per
process. A user corrects or extends them in `actors.toml` in the config directory:

```toml
version = 1
[aliases]              # another way the article writes a name -> the name
"Zelenski" = "Volodymyr Zelensky"
[kinds]                # force a kind for a name
"Oranje" = "organization"
[suppress]             # never an actor
names = ["Breaking", "Update"]
```
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from threading import Lock
from typing import Any

from briefing_tui.core.analysis.model import EntityKind

LEXICON_VERSION = 1


def _data_dir() -> Traversable:
    return files("briefing_tui.core.analysis").joinpath("lexicons")


def _read_list(name: str) -> list[str]:
    """A generated word list: one entry a line, `#` starts a comment line."""
    resource = _data_dir().joinpath(name)
    if not resource.is_file():
        return []
    return [
        line.strip()
        for line in resource.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _read_toml(name: str) -> dict[str, Any]:
    resource = _data_dir().joinpath(name)
    if not resource.is_file():
        return {}
    return tomllib.loads(resource.read_text(encoding="utf-8"))


def _strings(value: object) -> list[str]:
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str) and item.strip()]
    return []


@dataclass(frozen=True)
class UserActors:
    """Corrections from the user's actors.toml."""

    aliases: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, EntityKind] = field(default_factory=dict)
    suppressed: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()


def load_user_actors(path: Path) -> UserActors:
    """Read actors.toml; a missing file means no corrections, a broken one is reported."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return UserActors()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return UserActors(problems=(f"{path}: {error}; actor corrections ignored",))
    problems: list[str] = []
    aliases = {
        str(alias): str(name)
        for alias, name in (data.get("aliases") or {}).items()
        if isinstance(name, str)
    }
    kinds: dict[str, EntityKind] = {}
    for name, kind in (data.get("kinds") or {}).items():
        try:
            kinds[str(name)] = EntityKind(str(kind))
        except ValueError:
            problems.append(f"{path}: kind of {name!r} must be person, organization or place")
    suppress = data.get("suppress") or {}
    names = _strings(suppress.get("names") if isinstance(suppress, dict) else suppress)
    return UserActors(aliases, kinds, frozenset(names), tuple(problems))


@dataclass(frozen=True)
class Lexicon:
    """Every word list the analysis consults, as sets for constant-time lookups."""

    places: frozenset[str]
    organizations: frozenset[str]
    org_head_words: frozenset[str]
    org_suffixes: frozenset[str]
    given_names: frozenset[str]
    surnames: frozenset[str]
    common_words: frozenset[str]
    """Lowercase frequent words of nl and en: a capitalised one opening a sentence is no name."""
    titles: frozenset[str]
    """Lowercase role nouns (president, minister, spokesman)."""
    honorifics: frozenset[str]
    """Titles before a name, as written (Mr, Sir, mevrouw, dr.)."""
    honorifics_after: frozenset[str]
    speech_verbs: frozenset[str]
    """Lowercase inflected speech verbs of nl and en (zei, zegt, said, added)."""
    not_entities: frozenset[str]
    """Capitalised words that are never actors: nationality adjectives, holidays, weekdays."""
    apposition_words: dict[str, frozenset[str]] = field(default_factory=dict)
    """Kind -> lowercase nouns that type the name after them ("de softwaremaker Baan")."""
    apposition_endings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Kind -> endings of compound nouns doing the same ("chipfabrikant", "havenstad")."""
    place_head_words: frozenset[str] = frozenset()
    """Last words that make a name a place: "Amstel Hotel", "Koning Boudewijnstadion"."""
    user: UserActors = field(default_factory=UserActors)
    speech_verbs_after_quote: frozenset[str] = frozenset()
    """Verbs that attribute only right after a quote ("…”, ging Evenepoel verder")."""
    according_to: tuple[str, ...] = ()
    """Words before a quote's source: "volgens X", "aldus X", "according to X"."""
    bodies: frozenset[str] = frozenset()
    """Lowercase nouns for a speaking body or group ("de vakbonden", "the committee")."""

    @cached_property
    def phrase_kinds(self) -> dict[str, EntityKind | None]:
        """Every listed name with its kind, the user's corrections applied (one lookup).

        An alias maps to None: the name is typed by the rules, then renamed.
        """
        table: dict[str, EntityKind | None] = dict.fromkeys(self.places, EntityKind.PLACE)
        table.update(dict.fromkeys(self.organizations, EntityKind.ORGANIZATION))
        for alias in self.user.aliases:
            table.pop(alias, None)
        table.update(self.user.kinds)
        return table

    @cached_property
    def name_word_memo(self) -> dict[str, bool]:
        """Word -> whether it can be part of a name; filled by the entity finder.

        The answer depends only on the word and this lexicon, so it is kept here and shared
        by every article analysed with it (a new lexicon starts a new memo).
        """
        return {}

    @cached_property
    def opener_memo(self) -> dict[str, bool]:
        """Word -> whether it may be a common word opening a sentence that names nothing;
        filled by the entity finder, shared like `name_word_memo`."""
        return {}

    @cached_property
    def first_word_memo(self) -> dict[str, tuple[int, EntityKind | None]]:
        """Word -> (most tokens of a listed name starting with it, its own kind as a
        name); filled by the entity finder, shared like `name_word_memo`."""
        return {}

    @cached_property
    def apposition_memo(self) -> dict[str, EntityKind | None]:
        """Word before a name -> the kind it gives as an apposition ("softwaremaker"), or
        None; filled by the entity finder, shared like `name_word_memo` (the test tries
        every compound ending, so each word is tested once)."""
        return {}

    @cached_property
    def leading_title_memo(self) -> dict[str, bool]:
        """Word -> whether it is a title or honorific that can lead a name ("Minister",
        "Strafrechtadvocaat"); filled by the entity finder, shared like `name_word_memo`
        (the compound test tries every title ending, so each word is tested once)."""
        return {}

    @cached_property
    def according_to_words(self) -> frozenset[str]:
        """The one-word `according_to` ("volgens", "aldus"): the name after one is a person."""
        return frozenset(word.lower() for word in self.according_to if " " not in word)

    @cached_property
    def role_word_memo(self) -> dict[str, bool]:
        """Lowercase word -> whether it is a role noun (title, body, plural or compound of a
        title); filled by the attribution, shared like `name_word_memo`."""
        return {}

    @cached_property
    def mention_word_memo(self) -> dict[str, tuple[str, str] | None]:
        """Word as written -> ("pronoun" or "role", its lowercase form), or None when it
        can name no speaker; filled by the attribution, shared like `name_word_memo` (one
        lookup a word instead of lower-casing and testing each word of every block)."""
        return {}

    @cached_property
    def title_endings(self) -> tuple[str, ...]:
        """Titles long enough to end a compound: "strafrechtadvocaat", "oud-minister"."""
        return tuple(title for title in self.titles if len(title) >= 6 and " " not in title)

    @cached_property
    def phrase_lengths(self) -> dict[str, int]:
        """First word -> most tokens of a listed name starting with it (bounds the matching)."""
        return self._phrase_starts[0]

    @cached_property
    def phrase_word_pairs(self) -> frozenset[tuple[str, str]]:
        """The first two tokens of every listed name whose first two tokens are words.

        Two words in a row have a space between them, so a name that is not here cannot
        start with the two words a text has: the matching need not try longer phrases.
        """
        return self._phrase_starts[1]

    @cached_property
    def _phrase_starts(self) -> tuple[dict[str, int], frozenset[tuple[str, str]]]:
        """`phrase_lengths` and `phrase_word_pairs`, from one pass over the names."""
        from briefing_tui.core.analysis.tokens import is_word, tokenize

        lengths: dict[str, int] = {}
        pairs: set[tuple[str, str]] = set()
        for name in self.phrase_kinds:
            bounded = " " in name or "-" in name or "'" in name or "." in name
            # Any other space (a tab, a no-break space) makes a name of several words too.
            if bounded or not name.isprintable():
                parts = tokenize(name)
                if bounded and parts:
                    lengths[parts[0]] = max(lengths.get(parts[0], 1), len(parts))
                if len(parts) >= 2 and is_word(parts[0]) and is_word(parts[1]):
                    pairs.add((parts[0], parts[1]))
        return lengths, frozenset(pairs)

    def with_user(self, user: UserActors) -> Lexicon:
        """This lexicon with the user's corrections applied on top."""
        return replace(self, user=user)


def _lower_all(words: Iterable[str]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


@cache
def builtin_lexicon() -> Lexicon:
    """The lexicons shipped in the package, read once per process."""
    organizations = _read_toml("organizations.toml")
    roles = _read_toml("roles.toml")
    verbs = _read_toml("speech_verbs.toml")
    adjectives = _read_toml("adjectives.toml")
    places_extra = _read_toml("places_extra.toml")
    appositions = _read_toml("appositions.toml")
    languages = ("nl", "en")
    return Lexicon(
        places=frozenset(
            _read_list("places.txt")
            + _strings(places_extra.get("names"))
            + _strings(places_extra.get("sports_abbreviations"))
        ),
        organizations=frozenset(_strings(organizations.get("names"))),
        org_head_words=_lower_all(_strings(organizations.get("head_words"))),
        org_suffixes=frozenset(_strings(organizations.get("suffixes"))),
        given_names=frozenset(_read_list("given_names.txt") + _read_list("given_names_extra.txt")),
        surnames=frozenset(_read_list("surnames.txt")),
        common_words=frozenset(_read_list("common_nl.txt") + _read_list("common_en.txt")),
        titles=_lower_all(
            title
            for language in languages
            for title in _strings(roles.get(language, {}).get("titles"))
        ),
        honorifics=frozenset(_strings(roles.get("honorifics"))),
        honorifics_after=frozenset(_strings(roles.get("honorifics_after"))),
        speech_verbs=_lower_all(
            verb
            for language in languages
            for key in ("verbs",)
            for verb in _strings(verbs.get(language, {}).get(key))
        ),
        speech_verbs_after_quote=_lower_all(
            verb
            for language in languages
            for verb in _strings(verbs.get(language, {}).get("after_quote"))
        ),
        according_to=tuple(
            word
            for language in languages
            for word in _strings(verbs.get(language, {}).get("according_to"))
        ),
        bodies=_lower_all(
            body
            for language in languages
            for body in _strings(roles.get(language, {}).get("bodies"))
        ),
        apposition_words={
            kind: _lower_all(_strings(table.get("words")))
            for kind, table in appositions.items()
            if isinstance(table, dict)
        },
        apposition_endings={
            kind: tuple(_strings(table.get("endings")))
            for kind, table in appositions.items()
            if isinstance(table, dict)
        },
        place_head_words=frozenset(_strings(places_extra.get("head_words"))),
        not_entities=frozenset(
            word
            for language in (*languages, "any")
            for word in _strings(adjectives.get(language, {}).get("words"))
        ),
    )


class LexiconSource:
    """The lexicons with the user's corrections, reloaded when actors.toml changes.

    The reader asks for `current()` before each analysis (off the UI thread), so an edit
    to actors.toml shows with the next article opened, without a restart.
    """

    def __init__(self, actors_path: Path) -> None:
        self.actors_path = actors_path
        self._lock = Lock()
        self._stamp: tuple[int, int] | None = None
        self._lexicon: Lexicon | None = None
        self.problems: tuple[str, ...] = ()

    def _file_stamp(self) -> tuple[int, int]:
        try:
            stat = self.actors_path.stat()
        except OSError:
            return (0, 0)
        return (stat.st_mtime_ns, stat.st_size)

    def changed(self) -> bool:
        """Whether actors.toml changed since the lexicon was last built (a cheap stat)."""
        return self._lexicon is not None and self._file_stamp() != self._stamp

    def current(self) -> Lexicon:
        """The lexicon to analyse with now (built-in lists load once, on first use)."""
        with self._lock:
            stamp = self._file_stamp()
            if self._lexicon is None or stamp != self._stamp:
                user = load_user_actors(self.actors_path)
                self.problems = user.problems
                self._lexicon = builtin_lexicon().with_user(user)
                self._stamp = stamp
            return self._lexicon
