"""Evidence for the kind of a name no lexicon lists: its shape and the words around it.

An unknown capitalised name is not a person by default. Its kind comes from what the
text shows: a compound ending that only organisations or places have ("Letterenfonds",
"Kerkstraat"), a domain ("Lingewaard.NU"), a noun framing it ("de gevangenis van Haren",
"topman van Arinso"), an age or a party in brackets after it ("Rashid (34)", "De Crem
(CD&V)"). Every test here is a set lookup, a suffix test or a precompiled regex: they run
on the few name candidates of each block, never on every word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from briefing_tui.core.analysis.model import EntityKind

INITIALS = re.compile(r"(?:[A-Z][a-z]?\.)+[A-Z][a-z]?|[A-Z]")
"""An initial or initials written together, before their last dot: "R", "J.J", "A.F.Th"."""
NUMBER = re.compile(r"\d{1,3}(?:['’]s)?")
"""An edition or channel number after a name: "Radio 4", "NPO 2", "BBC Radio 4's"."""
AGE = re.compile(r"\d{1,2}")
POSTCODE = re.compile(r"[1-9]\d{3}")
"""A Belgian or Dutch postcode's digits before a town: "8840 Oostnieuwkerke"."""

ORGANIZATION_ENDINGS = (
    "fonds",
    "bank",
    "groep",
    "partij",
    "omroep",
    "krant",
    "unie",
    "ziekenhuis",
    "instituut",
    "vereniging",
    "stichting",
    "maatschappij",
    "commissie",
    "federatie",
    "holding",
    "pharma",
    "telecom",
    "airlines",
    "airways",
    ".com",
    ".nl",
    ".be",
    ".nu",
    ".org",
    ".net",
)
"""Endings of one-word names that only organisations have (compounds and domains)."""
PLACE_ENDINGS = (
    "straat",
    "laan",
    "plein",
    "steenweg",
    "gracht",
    "kade",
    "kaai",
    "markt",
    "singel",
    "dreef",
    "park",
    "land",
    "stan",
    "ië",
    "ije",
    "burg",
    "dam",
    "stad",
    "grad",
    "polis",
    "shire",
    "dorp",
)
"""Endings of one-word names that only places have: streets, squares, towns, countries."""
PLACE_PREFIXES = ("Sint-", "Oost-", "West-", "Noord-", "Zuid-", "Midden-", "Neder-", "Opper-")
"""Prefixes of hyphenated place names: Sint-Truiden, Oost-Vlaanderen, Noord-Brabant."""
ADJECTIVE_ENDINGS = (
    "ische",
    "isch",
    "iaanse",
    "aanse",
    "talige",
    "talig",
    "landse",
    "ïense",
    "iense",
    "lijke",
)
"""Endings of Dutch adjectives written with a capital (Franstalige, Amerikaanse): alone, no
name."""
ORGANIZATION_CONTINUATIONS = frozenset(
    {
        "Radio",
        "News",
        "World",
        "One",
        "Two",
        "Three",
        "Four",
        "Bank",
        "Group",
        "Groep",
        "Media",
        "Securities",
        "Airlines",
        "Airways",
        "Holding",
        "Holdings",
        "Insurance",
        "Verzekeringen",
        "Capital",
        "Partners",
        "International",
        "Telecom",
        "Pharma",
        "Foundation",
        "Nieuws",
        "Journaal",
        "Sport",
        "Online",
    }
)
"""Words that continue a listed organisation's name: "KBC Securities", "BBC Two"."""
NUMBERED_HEADS = frozenset(
    {"Radio", "TV", "Kanaal", "Channel", "Net", "Ned", "Studio", "Canal", "Play", "Sporza"}
)
"""Heads of channel names that take a number: "Radio 3", "Ned 1", "Net 5"."""

FRAME_NOUNS: dict[str, EntityKind] = {
    **dict.fromkeys(
        [
            "gevangenis",
            "gemeente",
            "stad",
            "burgemeester",
            "schepen",
            "inwoners",
            "bewoners",
            "centrum",
            "haven",
            "provincie",
            "rechtbank",
            "omgeving",
            "buurt",
            "regio",
            "station",
            "luchthaven",
            "universiteit",
            "bisschop",
            "gouverneur",
            "hoofdstad",
            "streets",
            "mayor",
            "outskirts",
            "city",
            "town",
            "residents",
            "people",
            "capital",
            "centre",
            "center",
        ],
        EntityKind.PLACE,
    ),
    **dict.fromkeys(
        [
            "topman",
            "topvrouw",
            "ceo",
            "directeur",
            "bestuurder",
            "voorzitter",
            "aandeelhouders",
            "aandeelhouder",
            "aandelen",
            "aandeel",
            "overname",
            "klanten",
            "werknemers",
            "personeel",
            "dochter",
            "dochterbedrijf",
            "koers",
            "beurskoers",
            "winst",
            "omzet",
            "woordvoerder",
            "woordvoerster",
            "analist",
            "bestuur",
            "leden",
            "fractie",
            "fractievoorzitter",
            "partijvoorzitter",
            "lijsttrekker",
            "shares",
            "shareholders",
            "chief",
            "executive",
            "spokesman",
            "spokeswoman",
            "profits",
            "employees",
            "chairman",
            "director",
            "members",
        ],
        EntityKind.ORGANIZATION,
    ),
}
"""A lowercase noun before "van"/"of" and a name: "de gevangenis van Haren" (a place),
"topman van Arinso" (an organisation). A person after "van" is rarer in news and named in
full ("de vrouw van Jan Peeters"), which the given-name evidence types first."""
OF_WORDS = frozenset({"van", "of", "uit", "from"})


@lru_cache(maxsize=8192)
def shape_kind(word: str) -> EntityKind | None:
    """The kind one unknown word's shape shows, if any: "Letterenfonds", "Kerkstraat"."""
    lowered = word.lower()
    if len(lowered) > 5 and lowered.endswith(ORGANIZATION_ENDINGS):
        return EntityKind.ORGANIZATION
    if len(lowered) > 5 and lowered.endswith(PLACE_ENDINGS):
        return EntityKind.PLACE
    if word.startswith(PLACE_PREFIXES) and len(word) > 6 and word[word.index("-") + 1].isupper():
        return EntityKind.PLACE
    return None


@lru_cache(maxsize=8192)
def is_adjective_shape(word: str) -> bool:
    """A Dutch adjective written with a capital ("Franstalige", "Amerikaanse")."""
    return len(word) > 6 and word.lower().endswith(ADJECTIVE_ENDINGS)


def is_initials(token: str) -> bool:
    """An initial or several written together, their last dot a token of its own."""
    return INITIALS.fullmatch(token) is not None


def bracket_after(words: Sequence[str], last: int) -> str:
    """The single token in brackets right after a name ("Rashid (34)" gives "34"), or ""."""
    if last + 3 < len(words) and words[last + 1] == "(" and words[last + 3] == ")":
        return words[last + 2]
    return ""


def frame_kind(words: Sequence[str], first: int) -> EntityKind | None:
    """The kind a noun before "van"/"of" gives the name after it: "gevangenis van Haren"."""
    if first < 2 or words[first - 1] not in OF_WORDS:
        return None
    noun = words[first - 2]
    if not noun[0].islower():
        return None
    return FRAME_NOUNS.get(noun)
