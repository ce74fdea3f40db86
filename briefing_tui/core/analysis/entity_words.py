"""The words and shapes the entity rules share: particles, prepositions, cue words.

Kept apart from the rules (entities.py finds spans, entity_typing.py decides kinds) so
both read the same sets; every one is a frozenset or tuple for constant-time lookups.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from briefing_tui.core.analysis.model import EntityKind

PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "ter",
        "ten",
        "te",
        "von",
        "da",
        "di",
        "du",
        "del",
        "della",
        "le",
        "la",
        "'t",
    ]
)
"""Lowercase words that may sit inside a person's name (Karien van Gennip, Van 't Hek)."""
CAPITAL_PARTICLES = frozenset({"De", "Van", "Ter", "Ten", "Den", "Le", "La", "Du", "Di", "Da"})
PLACE_PREPOSITIONS = frozenset(
    [
        "in",
        "uit",
        "naar",
        "te",
        "vanuit",
        "nabij",
        "rond",
        "richting",
        "tussen",
        "from",
        "to",
        "near",
        "across",
        "via",
    ]
)
PERSON_CUES_AFTER = frozenset({"zei", "zegt", "said", "says", "aldus"})
FINITE_SPEECH_VERBS = PERSON_CUES_AFTER | frozenset(
    {"schreef", "schrijft", "vroeg", "verklaarde", "benadrukte", "reageerde", "stelde"}
    | {"wrote", "writes", "tweeted"}
)
"""Verbs in the past or present tense that follow their subject: "Trump zei", "Blair wrote"
(the lexicon's speech verbs also hold infinitives and nouns such as "vraag"; English
participles such as "asked" are left out: "When asked whether ...")."""
CONJUNCTIONS = frozenset(
    {"when", "while", "if", "as", "after", "before", "once", "although", "because", "since"}
    | {"toen", "als", "wanneer", "nadat", "voordat", "zodra", "omdat", "terwijl", "hoewel"}
)
"""Openers of a clause, never the subject of the verb after them."""
FUNCTION_WORDS = frozenset(
    {"The", "A", "An", "This", "That", "These", "Those", "Het", "Een", "Dit", "Dat", "Deze"}
    | {"One", "Two", "Three", "Four", "Twee", "Drie", "Vier"}
)
"""Articles and demonstratives: capitalised in titles ("The Spectator"), never a name alone."""
UNKNOWN_OPENERS_ARE_NAMES = False
"""Whether a lone unknown capitalised word opening a sentence counts as a name."""
ARTICLES = frozenset({"de", "het", "des", "the"})
SUBJECTS_AFTER_VERB = frozenset(
    {"hij", "zij", "ze", "het", "men", "die", "dat", "wij", "we", "ik", "u", "jij", "je", "er"}
    | {"de", "een", "deze", "dit", "zijn", "haar", "hun", "the", "a", "he", "she", "they", "it"}
)
"""Words that open the subject after a verb: the word before the verb was then no subject."""
MULTI_WORD_DEFAULT = EntityKind.PERSON
SINGLE_WORD_DEFAULT = EntityKind.PERSON
"""Kinds for a name nothing else types; the article-wide pass may still change them."""
POSSESSIVE = ("'s", "’s")
APOSTROPHES = frozenset({"'", "’"})
INNER_PARTICLES = frozenset({"in", "op", "uit"})
PLACE_BEFORE_ARTICLE = frozenset({"in", "op", "uit", "vanuit", "nabij", "rond", "at"})
"""Prepositions of place before an article and a name: "in de Dordogne"."""
OF_PARTICLES = PARTICLES | {"of", "the"}
EMPLOYER_PREPOSITIONS = frozenset({"bij"})
BODIES_OF = frozenset(
    {"ministerie", "Ministerie"}
    | {"Department", "Ministry", "Office", "Commission", "Committee", "Council", "Institute"}
    | {"Agency", "University", "Court", "Federation", "Association", "Board", "Bank"}
)
"""Bodies named after their field: "ministerie van Defensie", "Department for Work and
Pensions"."""
OF_WORDS = frozenset({"van", "of", "for"})
STRONG_PLACE_PREPOSITIONS = frozenset({"in", "uit", "vanuit", "nabij"})
"""Prepositions before which a name is a place even when it is also a person's name."""
"""'bij X' names an employer or a shop more often than a person ("analist bij Petercam")."""
"""Prepositions inside a Dutch name, before 't only: "Aad in 't Veld"."""
PLACE_LINKS = frozenset({"naar", "tot", "en", "of", "over", "via", "aan", "op"})
"""Words after "Van X" that make it a preposition with a place: "Van Gent naar Brugge"."""
APPOSITION_KINDS = (
    (EntityKind.ORGANIZATION, EntityKind.ORGANIZATION.value),
    (EntityKind.PLACE, EntityKind.PLACE.value),
)
"""Kinds an apposition can give, with their keys in the lexicon (`.value` is slow to read)."""
POST_JOINERS = (",", "and", "&")
"""What joins the nouns of an English post ("Culture, Media and Sport Secretary")."""


@lru_cache(maxsize=4096)
def has_inner_capital(word: str) -> bool:
    """A capital after a lowercase letter: MoMA, UPCtv, Wal-Mart (brands, not people)."""
    return any(a.islower() and b.isupper() for a, b in pairwise(word))


def strip_possessive(text: str) -> str:
    return text[:-2] if text.endswith(POSSESSIVE) and len(text) > 3 else text
