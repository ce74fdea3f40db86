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

from briefing_tui.core.analysis.entity_words import (
    APPOSITION_KINDS,
    ARTICLES,
    CONJUNCTIONS,
    EMPLOYER_PREPOSITIONS,
    FINITE_SPEECH_VERBS,
    FUNCTION_WORDS,
    MULTI_WORD_DEFAULT,
    PARTICLES,
    PERSON_CUES_AFTER,
    PLACE_BEFORE_ARTICLE,
    PLACE_LINKS,
    PLACE_PREPOSITIONS,
    STRONG_PLACE_PREPOSITIONS,
    SUBJECTS_AFTER_VERB,
    has_inner_capital,
    strip_possessive,
)
from briefing_tui.core.analysis.lexicon import Lexicon
from briefing_tui.core.analysis.model import EntityKind
from briefing_tui.core.analysis.tokens import (
    OPENING_MARKS,
    Tokens,
    is_acronym,
    is_capitalised,
    is_initials,
    is_word,
)

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
FRAME_OF_WORDS = frozenset({"van", "of", "uit", "from"})


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


def bracket_after(words: Sequence[str], last: int) -> str:
    """The single token in brackets right after a name ("Rashid (34)" gives "34"), or ""."""
    if last + 3 < len(words) and words[last + 1] == "(" and words[last + 3] == ")":
        return words[last + 2]
    return ""


def frame_kind(words: Sequence[str], first: int) -> EntityKind | None:
    """The kind a noun before "van"/"of" gives the name after it: "gevangenis van Haren"."""
    if first < 2 or words[first - 1] not in FRAME_OF_WORDS:
        return None
    noun = words[first - 2]
    if not noun[0].islower():
        return None
    return FRAME_NOUNS.get(noun)


class NameRules:
    """What a word or a run of words is: a name at all, and of which kind, from the
    lexicons and the evidence around it. The entity finder builds on these."""

    lexicon: Lexicon
    _name_words: dict[str, bool]
    _phrase_kinds: dict[str, EntityKind | None]
    _appositions: dict[str, EntityKind | None]
    _decided: dict[str, EntityKind]
    """Names whose kind one mention settles for the whole article ("Rashid (34)")."""

    def _is_name_word(self, word: str) -> bool:
        """A capitalised word that can be (part of) a name: no adjective, no compound noun."""
        if not word[0].isupper():  # most tokens: lowercase words and punctuation
            return False
        known = self._name_words.get(word)
        if known is None:
            known = self._name_words[word] = is_capitalised(word) and self._could_be_name(word)
        return known

    def _could_be_name(self, text: str) -> bool:
        if text in self.lexicon.not_entities or strip_possessive(text) in self.lexicon.not_entities:
            return False
        if text in FUNCTION_WORDS:
            return False
        if "-" in text:
            last = text.rsplit("-", 1)[1]
            # Shahed-drones, PVV-leider: a compound noun, not a name.
            if last and last[0].islower() and not last.startswith(("'", "’")):
                return False
            # Democratie-Kamerlid: a title compound, not a name.
            if last.lower() in self.lexicon.titles:
                return False
        return True

    def _lexicon_kind(self, phrase: str) -> EntityKind | None:
        """The kind the lexicons (and the user's corrections) give a phrase, if any."""
        kind = self._phrase_kinds.get(phrase)
        if kind is None and len(phrase) > 3 and phrase.isupper():
            title = phrase.title()  # datelines: "DEN HAAG (ANP)"
            if self._phrase_kinds.get(title) is EntityKind.PLACE:
                return EntityKind.PLACE
        return kind

    def _is_leading_title(self, word: str) -> bool:
        """A title or honorific written before a name, or a compound ending in a title."""
        lexicon = self.lexicon
        lowered = word.lower()
        return (
            word in lexicon.honorifics
            or lowered in lexicon.titles
            or lowered.endswith(lexicon.title_endings)
        )

    def _subject_of_speech_verb(self, tokens: Tokens, index: int) -> bool:
        """A lone opener right before a speech verb is its subject: "Trump zei vrijdag ...".

        Not when the verb's own subject follows it, as after an adverb in Dutch word order
        ("Eerder zei hij", "Later zei de minister", "Toen zei Rutte").
        """
        words = tokens.words
        opener = words[index].lower()
        if (
            index + 2 >= len(words)
            or opener in SUBJECTS_AFTER_VERB
            or opener in CONJUNCTIONS
            or words[index + 1].lower() not in FINITE_SPEECH_VERBS
        ):
            return False
        after = words[index + 2]
        if not is_word(after):
            return after == ":" or after in OPENING_MARKS  # "Poetin zei: „...”"
        return not (is_capitalised(after) or after.lower() in SUBJECTS_AFTER_VERB)

    def _apposition_kind(self, previous: str) -> EntityKind | None:
        """The kind a noun right before a name gives it: "de softwaremaker Baan"."""
        if not previous or not previous[0].islower():
            return None
        for kind, key in APPOSITION_KINDS:
            if previous in self.lexicon.apposition_words.get(key, ()):
                return kind
            if previous.endswith(self.lexicon.apposition_endings.get(key, ("\0",))):
                return kind
        return None

    def _classify(
        self,
        tokens: Tokens,
        first: int,
        last: int,
        surface: str,
        titled: bool,
        previous: str,
    ) -> tuple[EntityKind | None, bool]:
        lexicon = self.lexicon
        bare = strip_possessive(surface)
        known = self._lexicon_kind(bare)
        words = tokens.words
        if (
            known is EntityKind.PLACE
            and first == last
            and (bare in lexicon.given_names or bare in lexicon.surnames)
        ):
            return self._place_or_person(tokens, first, titled, previous)
        if known is not None:
            return known, True
        # A single word here is a name word (see `_type_run`), so a word.
        named = (
            [words[first]] if first == last else [w for w in words[first : last + 1] if is_word(w)]
        )
        if titled:
            return EntityKind.PERSON, True
        appositions = self._appositions
        if previous in appositions:
            apposed = appositions[previous]
        else:
            apposed = appositions[previous] = self._apposition_kind(previous)
        if apposed is not None:
            return apposed, True
        if named[-1] in lexicon.org_suffixes:
            return EntityKind.ORGANIZATION, True
        if len(named) >= 2:
            given = named[0] in lexicon.given_names or (
                words[first + 1] == "." and is_initials(named[0])
            )
            if given and len(named) > 2 and not PARTICLES.isdisjoint(named):
                return EntityKind.PERSON, True  # "Gert van 't Hof", "J.J. Voskuil"
            # "Jeroen Bosch Ziekenhuis": a head word ends it, even after a given name
            # (not one that is a surname too: "James Bond").
            head = named[-1]
            if head.lower() in lexicon.org_head_words and head not in lexicon.surnames:
                return EntityKind.ORGANIZATION, True
            if head in lexicon.place_head_words:
                return EntityKind.PLACE, True
            if given:
                return EntityKind.PERSON, True
        if named[0].lower() in lexicon.org_head_words:
            return EntityKind.ORGANIZATION, True
        if first > 1 and words[first - 2] == "," and POSTCODE.fullmatch(words[first - 1]):
            return EntityKind.PLACE, True  # "Kerkstraat 6, 8840 Oostnieuwkerke" (no year)
        if first < last and "&" in words[first:last]:
            return EntityKind.ORGANIZATION, True  # "Tico & Kico", "De Buck & Cie"
        bracketed = bracket_after(words, last) if words[last + 1 : last + 2] == ["("] else ""
        if bracketed and AGE.fullmatch(bracketed):
            self._decided[bare] = EntityKind.PERSON
            return EntityKind.PERSON, True  # "Rashid (34)": only people have an age
        if bracketed and self._lexicon_kind(bracketed) is EntityKind.ORGANIZATION:
            return EntityKind.PERSON, True  # "Pieter De Crem (CD&V)"
        if len(named) == 1 and is_acronym(tokens.words[first]):
            return EntityKind.ORGANIZATION, True
        framed = frame_kind(words, first) if words[first - 1] in FRAME_OF_WORDS else None
        if framed is not None:
            return framed, False  # "de gevangenis van Haren", "topman van Arinso"
        if len(named) == 1 and has_inner_capital(bare):
            return EntityKind.ORGANIZATION, False  # MoMA, UPCtv, Wal-Mart
        if len(named) == 1:
            shaped = shape_kind(bare)
            if shaped is not None:
                return shaped, False  # "Letterenfonds", "Kerkstraat", "Lingewaard.NU"
        if previous in STRONG_PLACE_PREPOSITIONS:
            return EntityKind.PLACE, False  # "in Brecht": hardly ever a person after "in"
        if bracketed and self._lexicon_kind(bracketed) is EntityKind.PLACE and len(bracketed) > 3:
            return EntityKind.PLACE, False  # "Deshnoke (India)"
        if len(named) == 1 and (bare in lexicon.given_names or bare in lexicon.surnames):
            return EntityKind.PERSON, False
        if previous in PLACE_PREPOSITIONS:
            return EntityKind.PLACE, False
        following = tokens.words[last + 1].lower() if last + 1 < len(tokens) else ""
        if (
            previous in lexicon.according_to_words
            or following in PERSON_CUES_AFTER
            or previous in lexicon.speech_verbs
            or following in lexicon.speech_verbs
        ):
            return EntityKind.PERSON, False
        if previous in ARTICLES:
            # "in de Dordogne", "op het Muntplein": a place after a preposition of place.
            if first >= 2 and words[first - 2].lower() in PLACE_BEFORE_ARTICLE:
                return EntityKind.PLACE, False
            # Dutch puts no article before a person's name: "de NMBS", "het Kremlin".
            return EntityKind.ORGANIZATION, False
        if previous in EMPLOYER_PREPOSITIONS:
            return EntityKind.ORGANIZATION, False  # "analist bij Petercam"
        if len(named) >= 2:
            if named[-1] in lexicon.surnames or named[0] in lexicon.given_names:
                return EntityKind.PERSON, False
            return MULTI_WORD_DEFAULT, False
        return None, False

    def _place_or_person(
        self, tokens: Tokens, index: int, titled: bool, previous: str
    ) -> tuple[EntityKind, bool]:
        """A listed place that is also a person's name ("Senna", "Hanna", "Toledo"):
        a person when a title, a speech verb or an age says so, else a place the rest of
        the article may still make a person."""
        words = tokens.words
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        bracketed = bracket_after(words, index)
        if (
            titled
            or previous in self.lexicon.according_to_words
            or previous in FINITE_SPEECH_VERBS
            or following in FINITE_SPEECH_VERBS
            or (bracketed and AGE.fullmatch(bracketed))
        ):
            if bracketed:
                self._decided[words[index]] = EntityKind.PERSON
            return EntityKind.PERSON, True
        if previous in PLACE_PREPOSITIONS:
            return EntityKind.PLACE, True
        return EntityKind.PLACE, False

    def _surname_subject(self, words: Sequence[str], last: int) -> bool:
        """ "Van Aken onthulde in ...": a verb and no subject after it, so "Van Aken" is
        the subject (the preposition reads "Van Antwerpen reed hij ...", "Van Gent naar")."""
        if last + 2 >= len(words):
            return False
        verb, after = words[last + 1], words[last + 2]
        return (
            verb.islower()
            and verb not in PLACE_LINKS
            and verb not in PLACE_PREPOSITIONS
            and after.lower() not in SUBJECTS_AFTER_VERB
            and not is_capitalised(after)
        )

    def _listed_with_names(self, words: Sequence[str], last: int) -> bool:
        """A name opening a list of names: "Witsel, Ciman en Origi spelen niet"."""
        return (
            last + 2 < len(words)
            and words[last + 1] == ","
            and self._is_name_word(words[last + 2])
            and words[last + 2].lower() not in self.lexicon.common_words
        )

    def _after_title_of(self, words: Sequence[str], first: int) -> bool:
        """Whether a title and "van" stand before this word: "minister van Volksgezondheid"."""
        if first < 2 or words[first - 1] != "van":
            return False
        title = words[first - 2].lower()
        lexicon = self.lexicon
        return title in lexicon.titles or title.endswith(lexicon.title_endings)

    def _portfolio_end(self, words: Sequence[str], first: int, last: int) -> int | None:
        """The last word of a portfolio before a name: "minister van Cultuur Bussemaker".

        After a title and "van", capitalised common words (the portfolio) run up to the
        name, its last word (a surname can be a common word too: "Bussemaker"); None
        when the run is no such portfolio.
        """
        if last <= first or not self._after_title_of(words, first):
            return None
        common = self.lexicon.common_words
        if all(word.lower() in common for word in words[first:last]):
            return last - 1
        return None
