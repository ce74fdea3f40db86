"""Who a mention in an article stands for: role phrases and pronouns resolved, mention by
mention, for speaker attribution.

Every person, body, role phrase ("de Russische president", "the Tory leader", "a spokesman")
and subject pronoun of a block is a *mention*. Pronouns resolve to the subject of the nearest
sentence before them whose subject fits (he/she/hij a person, "ze"/"they" also a group, "it" a
body), never to an object. Role phrases resolve to the person the article gives that role
("Tory leader Michael Howard"), or stay the role when it gives none ("a spokesman", "de
rechter"). `Evidence` holds the confidence each kind of evidence earns.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefing_tui.core.analysis.lexicon import Lexicon
from briefing_tui.core.analysis.model import Entity, EntityKind
from briefing_tui.core.analysis.quote_marks import Mark

_WORD = re.compile(r"[\w'’-]+")
DETERMINERS = frozenset(["de", "het", "een", "the", "a", "an"])
POSSESSIVE_DETERMINERS = frozenset(
    ["this", "that", "his", "her", "its", "their", "dit", "deze", "die", "zijn", "haar", "hun"]
)
TITLE_LINKS = frozenset(["van", "voor", "der", "den", "de", "het", "en", "of", "for", "the", "and"])
"""Lowercase words a title's complement may hold ("minister van Buitenlandse Zaken")."""
_PREPOSITION_WORDS = (
    "bij van door met aan tegen voor over naar op in uit om tot zonder na onder tussen namens "
    "dan als vanuit sinds tijdens binnen by with to of for about at on from against than "
    "toward towards under after before behind between into onto via per during since within "
    "including"
)
PREPOSITIONS = frozenset(_PREPOSITION_WORDS.split())
PERSON_PRONOUNS = {
    "he": "m",
    "hij": "m",
    "she": "f",
    "zij": "fp",
    "ze": "fp",
    "they": "p",
    "*": "mf",
}
"""Subject pronouns -> what they may stand for: m(ale), f(emale) person, p(lural or body)."""
BODY_PRONOUNS = frozenset(["it"])
FEMALE_MARKS = frozenset(
    ["mrs", "ms", "miss", "mevrouw", "mevr", "mw", "dame", "lady", "baroness", "madame", "mme"]
)
MALE_MARKS = frozenset(["mr", "meneer", "heer", "dhr", "sir", "lord", "monsieur"])
LEAD_WORDS = frozenset(["zo", "so", "zoals", "as"])
"""Words before an attribution after a quote: "…”, zo liet X weten", "…», zoals X zei"."""
INDEFINITE = frozenset(
    [
        "een",
        "a",
        "an",
        "one",
        "another",
        "some",
        "several",
        "two",
        "three",
        "many",
        "enkele",
        "sommige",
        "andere",
        "ander",
    ]
)
STAFF_TITLES = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "woordvoerder",
        "woordvoerster",
        "aide",
        "adviser",
        "advisor",
        "official",
        "adviseur",
        "source",
        "bron",
        "medewerker",
        "staffer",
    ]
)
"""Titles of people who speak for someone else: never resolved to the person before."""
CONJUNCTIONS = frozenset(["en", "maar", "of", "want", "dus", "and", "but", "or", "so", "yet"])


class Confidence(float):
    """A confidence that remembers whether its kind of evidence is weaker in English text.

    `min()` of confidences returns one of them, so a capped confidence keeps what it knows
    (an equal value of another kind of evidence does not count as that kind)."""

    __slots__ = ("weak_in_english",)
    weak_in_english: bool

    def __new__(cls, value: float, *, weak_in_english: bool = False) -> Confidence:
        confidence = super().__new__(cls, value)
        confidence.weak_in_english = weak_in_english
        return confidence


class Evidence:
    """Confidence of each kind of evidence for a speaker (calibrated on the dev texts).

    Those marked weak in English are capped below 0.5 in English text, whose
    subject-verb-object sentences embed clauses with speech verbs of their own (measured
    on PolNeAR train: about 60% right)."""

    VERB_NAME = Confidence(0.95)
    """A speech verb and its named subject in the quote's sentence."""
    ACCORDING_TO = Confidence(0.85)
    COLON_NAME = Confidence(0.8, weak_in_english=True)
    PULL_QUOTE = Confidence(0.9)
    ROLE_NAMED = Confidence(0.7)
    """A role phrase the article ties to a name ("the Tory leader" -> Michael Howard)."""
    TITLE_NAMED = Confidence(0.55, weak_in_english=True)
    """A bare title ("the actress") the article gave one named person."""
    ROLE_GUESS = Confidence(0.45)
    """A qualified role the article ties to no name: the person named just before."""
    ROLE_AS_ROLE = Confidence(0.6, weak_in_english=True)
    """A role or body the article names no one for ("a spokesman", "de rechter")."""
    PRONOUN_NEAR = Confidence(0.75)
    """A pronoun whose antecedent is the subject of this or the previous sentence."""
    PRONOUN_FAR = Confidence(0.5, weak_in_english=True)
    PRONOUN_GUESS = Confidence(0.35)
    """No subject fits: the last person named."""
    CONTINUATION = Confidence(0.85)
    """A quote continuing the previous one with no one named in between."""
    NEXT_PARAGRAPH = Confidence(0.55, weak_in_english=True)
    CONTEXT_CUE = Confidence(0.5, weak_in_english=True)
    """The subject of the sentence before, which has a speech verb."""
    CONTEXT_SUBJECT = Confidence(0.4)
    CONTEXT_GUESS = Confidence(0.35)
    """Someone named in the sentence before, not as its subject."""
    LOOSE = Confidence(0.55, weak_in_english=True)
    """A speech verb in the sentence, its subject not next to it."""


@dataclass(slots=True)
class Mention:
    """A possible speaker in a block: a name, a role phrase or a subject pronoun."""

    start: int
    end: int
    kind: str
    """"person", "organization", "place", "role" (role phrase or body) or "pronoun"."""
    name: str
    """The entity's full name, the role phrase as written, or the lowercase pronoun."""
    after_preposition: bool
    plural: bool = False


@dataclass(slots=True)
class Found:
    speaker: str
    confidence: float


class Coreference:
    """Mentions of one article and what they stand for; `SpeakerFinder` builds on it."""

    def __init__(self, lexicon: Lexicon, entities: Sequence[Entity]) -> None:
        self.lexicon = lexicon
        self.entities = sorted(entities, key=lambda e: (e.block, e.start))
        self._entities_by_block: dict[int, list[Entity]] = {}
        for entity in self.entities:
            self._entities_by_block.setdefault(entity.block, []).append(entity)
        self.roles: dict[str, str] = {}
        """Role phrase, lowercased ("russische president") -> person name, from appositions."""
        self.role_forms: dict[str, str] = {}
        """Lowercased role phrase -> the phrase as the article writes it."""
        self._blocks: Sequence[str] = ()
        self._marks_by_block: dict[int, list[Mark]] = {}
        self._mentions: dict[int, list[Mention]] = {}
        self._words: dict[int, list[tuple[int, int, str]]] = {}
        self._pronoun_memo: dict[tuple[int, int], Found | None] = {}
        self._gender: dict[str, str] | None = None
        self._language: dict[int, bool] = {}
        self._title_names: dict[str, set[str]] | None = None

    # --- roles ---------------------------------------------------------------------------

    def learn_roles(self, blocks: Sequence[str]) -> None:
        """Appositions: "de Russische president Poetin" teaches "russische president" -> Poetin."""
        titles = self.lexicon.titles
        for entity in self.entities:
            if entity.kind is not EntityKind.PERSON:
                continue
            text = blocks[entity.block]
            before = text[max(0, entity.start - 80) : entity.start].rsplit(None, 5)[-5:]
            if titles.isdisjoint(_bare(word) for word in before):
                continue
            words: list[str] = []
            for word in reversed(before):
                clean = word.strip(",;:()")
                if clean.lower() in DETERMINERS or not clean or word.endswith((",", ".", ":")):
                    break
                words.insert(0, clean)
            complement = 0  # words between the title and the name: "van Buitenlandse Zaken"
            while words and words[-1].lower() not in titles:
                words.pop()
                complement += 1
            if complement and not all(
                word[:1].isupper() or word.lower() in TITLE_LINKS
                for word in before[len(before) - complement :]
            ):
                continue  # a verb or the like between: "een journalist vroeg Poetin"
            if words:
                phrase = " ".join(words)
                self.roles.setdefault(phrase.lower(), entity.name)
                self.role_forms.setdefault(phrase.lower(), phrase)
                if len(words) > 1:
                    self.roles.setdefault(words[-1].lower(), entity.name)

    def _role_name(self, phrase: str, block: int = 0, start: int = 0) -> Found:
        """A role phrase as the person the article gives it, or as itself.

        A phrase learned from an apposition names its person. A qualified one ("de
        Russische president", "the Tory leader") the article did not tie to a name stands
        for the person named most recently before it, skipping people the article gave the
        same title with other words; a bare one ("de rechter", "a spokesman") stays itself.
        """
        words = phrase.lower().split()
        while words and (words[0] in DETERMINERS or words[0] in POSSESSIVE_DETERMINERS):
            words = words[1:]
        for first in range(len(words)):
            name = self.roles.get(" ".join(words[first:]))
            if name is not None and first < len(words) - 1:
                return Found(name, Evidence.ROLE_NAMED)
            if name is not None and self._one_name(words[-1]):
                # A bare title learned from one apposition may be someone else's later.
                return Found(name, Evidence.TITLE_NAMED)
        indefinite = phrase.split(" ", 1)[0].lower() in INDEFINITE
        title = words[-1] if words else ""
        if (
            len(words) > 1
            and not indefinite
            and title in self.lexicon.titles
            and title not in STAFF_TITLES
        ):
            other = {name for role, name in self.roles.items() if role.endswith(title)}
            found = self._antecedent(block, Mention(start, start, "pronoun", "*", False), 1)
            if found is not None and found.speaker not in other:
                return Found(found.speaker, Evidence.ROLE_GUESS)
        return Found(phrase, Evidence.ROLE_AS_ROLE)

    def _one_name(self, title: str) -> bool:
        """Whether the article gives this title to one person only."""
        if self._title_names is None:
            self._title_names = {}
            for role, name in self.roles.items():
                self._title_names.setdefault(role.rsplit(" ", 1)[-1], set()).add(name)
        return len(self._title_names.get(title, ())) == 1

    def _is_title(self, word: str) -> bool:
        """A role noun: a title, a body, a plural ("woordvoerders") or a compound ending in
        a title ("PVV-leider", "juryvoorzitter", "retailexpert"); memoised per lexicon."""
        memo = self.lexicon.role_word_memo
        known = memo.get(word)
        if known is None:
            known = memo[word] = self._title_test(word)
        return known

    def _title_test(self, word: str) -> bool:
        lexicon = self.lexicon
        if word in lexicon.titles or word in lexicon.bodies:
            return True
        if "-" in word:  # "PVV-leider", "LNAZ-voorzitter"
            return self._title_test(word.rsplit("-", 1)[1])
        for ending in ("s", "en", "es"):  # plurals: "woordvoerders", "advocaten"
            if word.endswith(ending) and word[: -len(ending)] in lexicon.titles:
                return True
        if len(word) >= 9 and not word[:1].isupper():
            return any(
                word.endswith(title) and len(word) - len(title) >= 3
                for title in lexicon.title_endings
            )
        return False

    # --- mentions ------------------------------------------------------------------------

    def _block_words(self, block: int) -> list[tuple[int, int, str]]:
        words = self._words.get(block)
        if words is None:
            words = self._words[block] = [
                (match.start(), match.end(), match.group())
                for match in _WORD.finditer(self._blocks[block])
            ]
        return words

    def _inside_quote(self, block: int, position: int) -> bool:
        return any(
            mark.open_at <= position < mark.close_end
            for mark in self._marks_by_block.get(block, ())
        )

    def mentions(self, block: int) -> list[Mention]:
        """The possible speakers of a block, outside its quotes, in reading order (once)."""
        found = self._mentions.get(block)
        if found is not None:
            return found
        found = []
        text = self._blocks[block]
        words = self._block_words(block)
        starts = [word[0] for word in words]
        taken: list[tuple[int, int]] = []
        for entity in self._entities_by_block.get(block, ()):
            if entity.text.lower().split("’")[0].split("'")[0] in PERSON_PRONOUNS:
                continue  # "He" taken for a name: it is the pronoun
            if self._inside_quote(block, entity.start) or (
                entity.start > 0 and text[entity.start - 1] == "-"
            ):
                continue
            index = bisect_left(starts, entity.start)
            after = bisect_left(starts, entity.end)
            following = (
                words[after][2].lower()
                if after < len(words) and not text[entity.end : words[after][0]].strip(" 's’")
                else ""
            )
            if after + 1 < len(words) and (
                f"{following} {words[after + 1][2].lower()}" in self.lexicon.titles
            ):
                continue  # "Clinton press secretary Brian Fallon"
            possessive = entity.text.endswith(("'s", "’s")) or text.startswith(
                ("'s", "’s"), entity.end
            )
            if self._is_title(following) and following not in self.lexicon.bodies:
                continue  # "the Tory leader", "Clinton spokesman": the name qualifies the role
            if possessive and (self._is_title(following) or entity.kind is not EntityKind.PERSON):
                continue
            # "naar viroloog Marc Van Ranst": a title between keeps the preposition's object.
            back = index - 1
            while back >= 0 and back >= index - 4:
                word_before = words[back][2].lower()
                if word_before in PREPOSITIONS or not (
                    self._is_title(word_before) or word_before in DETERMINERS
                ):
                    break
                back -= 1
            previous = words[back][2].lower() if back >= 0 else ""
            found.append(
                Mention(
                    entity.start,
                    entity.end,
                    entity.kind.value,
                    entity.name,
                    previous in PREPOSITIONS,
                )
            )
            taken.append((entity.start, entity.end))
        memo = self.lexicon.mention_word_memo
        for index, (start, end, word) in enumerate(words):
            kind = memo.get(word, _UNSEEN)
            if kind is _UNSEEN:
                kind = memo[word] = self._mention_kind(word)
            if kind is None:
                continue
            what, lowered = kind
            if what == "pronoun":
                if not self._inside_quote(block, start):
                    previous = words[index - 1][2].lower() if index > 0 else ""
                    found.append(Mention(start, end, "pronoun", lowered, previous in PREPOSITIONS))
                continue
            if self._inside_quote(block, start):
                continue
            if any(a <= start < b for a, b in taken):
                continue
            # A name right after the title is an apposition: the name is the mention
            # ("minister Tamara van Ark", "Minister van Volksgezondheid Maggie De Block").
            if self._apposed(text, end, taken):
                continue
            first = index
            while first > 0 and index - first < 3:
                word_before = words[first - 1][2]
                gap = text[words[first - 1][1] : words[first][0]]
                if gap.strip() or word_before.lower() in PREPOSITIONS:
                    break
                if word_before.lower() in DETERMINERS or word_before.lower() in (
                    POSSESSIVE_DETERMINERS
                ):
                    first -= 1
                    break
                if word_before.lower() in self.lexicon.speech_verbs or word_before.lower() in (
                    CONJUNCTIONS
                ):
                    break
                first -= 1
            previous = words[first - 1][2].lower() if first > 0 else ""
            phrase_start = words[first][0]
            found.append(
                Mention(
                    phrase_start,
                    end,
                    "role",
                    text[phrase_start:end],
                    previous in PREPOSITIONS,
                    plural=lowered.endswith(("s", "en")) and lowered not in self.lexicon.titles,
                )
            )
        found.sort(key=lambda mention: mention.start)
        self._mentions[block] = found
        return found

    def _mention_kind(self, word: str) -> tuple[str, str] | None:
        """Whether a word can be a pronoun or a role mention, with its lowercase form."""
        lowered = word.lower()
        if lowered.endswith(("’s", "'s")) and lowered[:-2] in PERSON_PRONOUNS:
            lowered = lowered[:-2]  # "He’s claiming"
        if lowered in PERSON_PRONOUNS or lowered in BODY_PRONOUNS:
            return ("pronoun", lowered)
        if self._is_title(lowered):
            return ("role", lowered)
        return None

    def _apposed(self, text: str, end: int, taken: list[tuple[int, int]]) -> bool:
        """Whether a name follows a title at `end`, maybe after its complement."""
        for start, _ in taken:
            if start < end or start > end + 60:
                continue
            gap = _WORD.findall(text[end:start])
            if text[end:start].strip(" ") and not gap:
                return False  # punctuation between: "voorman, Bart Kemp" is no apposition
            return all(word[:1].isupper() or word.lower() in TITLE_LINKS for word in gap)
        return False

    def _speaker_of(self, block: int, mention: Mention, depth: int = 0) -> Found | None:
        """What a subject mention names: a name, a resolved role or pronoun."""
        if mention.kind == "pronoun":
            return self._resolve_pronoun(block, mention, depth)
        if mention.kind == "role":
            return self._role_name(mention.name, block, mention.start)
        return Found(mention.name, Evidence.VERB_NAME)

    # --- pronouns ------------------------------------------------------------------------

    def _genders(self) -> dict[str, str]:
        """Person name -> "m" or "f" where an honorific shows it (Mrs, mevrouw, Sir)."""
        if self._gender is None:
            self._gender = {}
            for entity in self.entities:
                if entity.kind is not EntityKind.PERSON:
                    continue
                before = self._blocks[entity.block][max(0, entity.start - 12) : entity.start]
                words = _WORD.findall(before.lower())
                if words and words[-1] in FEMALE_MARKS:
                    self._gender.setdefault(entity.name, "f")
                elif words and words[-1] in MALE_MARKS:
                    self._gender.setdefault(entity.name, "m")
        return self._gender

    def _fits(self, pronoun: str, mention: Mention) -> bool:
        wanted = PERSON_PRONOUNS.get(pronoun, "b")
        if mention.kind == "pronoun":
            other = PERSON_PRONOUNS.get(mention.name, "b")
            return bool(set(wanted) & set(other)) or wanted == other
        if mention.kind == "person":
            gender = self._genders().get(mention.name)
            if wanted == "p":
                return False
            return gender is None or gender in wanted
        if mention.kind == "role":
            if wanted == "b":
                return mention.plural or mention.name.split()[-1].lower() in self.lexicon.bodies
            return "p" in wanted if mention.plural else wanted != "b"
        if mention.kind == "organization":
            return wanted == "b" or "p" in wanted
        return False

    def _resolve_pronoun(self, block: int, pronoun: Mention, depth: int = 0) -> Found | None:
        key = (block, pronoun.start)
        if key in self._pronoun_memo:
            return self._pronoun_memo[key]
        self._pronoun_memo[key] = None  # a cycle resolves to nothing
        result = self._antecedent(block, pronoun, depth)
        self._pronoun_memo[key] = result
        return result

    def _antecedent(self, block: int, pronoun: Mention, depth: int) -> Found | None:
        """The subject of the nearest sentence before the pronoun that fits it."""
        sentences_back = 0
        position = pronoun.start
        current = block
        while current >= 0 and current >= block - 2 and sentences_back < 4:
            mentions = self.mentions(current)
            bounds = self.sentence_starts(current)
            # Sentences of this block before `position`, nearest first.
            index = bisect_left(bounds, position + 1) - 1
            while index >= 0 and sentences_back < 4:
                start = bounds[index]
                for mention in mentions:
                    if mention.start >= position:
                        break
                    if mention.start < start or mention.after_preposition:
                        continue
                    if mention is pronoun or not self._fits(pronoun.name, mention):
                        continue
                    if mention.kind == "place":
                        continue
                    if mention.kind == "pronoun":
                        if depth >= 3:
                            continue
                        found = self._resolve_pronoun(current, mention, depth + 1)
                    else:
                        found = self._speaker_of(current, mention, depth + 1)
                    if found is not None:
                        near = sentences_back <= 1
                        confidence = Evidence.PRONOUN_NEAR if near else Evidence.PRONOUN_FAR
                        return Found(found.speaker, min(found.confidence, confidence))
                    break
                position = start
                index -= 1
                sentences_back += 1
            current -= 1
            if current >= 0:
                position = len(self._blocks[current]) + 1
        if pronoun.name in BODY_PRONOUNS or PERSON_PRONOUNS.get(pronoun.name) == "p":
            return None
        last = self._last_person_before(block, pronoun.start)
        return Found(last, Evidence.PRONOUN_GUESS) if last else None

    def _last_person_before(self, block: int, offset: int) -> str | None:
        for current in range(block, max(-1, block - 3), -1):
            for mention in reversed(self.mentions(current)):
                if mention.kind == "person" and (current < block or mention.start < offset):
                    return mention.name
        return None

    def sentence_starts(self, block: int) -> list[int]:
        """Where each sentence of a block starts (given by `QuoteFinder`)."""
        raise NotImplementedError


_UNSEEN: Any = object()
"""A word the mention memo has not seen yet (None means: no mention)."""


def _bare(word: str) -> str:
    return word.lower().strip(",;:()")
