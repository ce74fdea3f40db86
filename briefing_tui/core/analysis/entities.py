"""Actors in news text: persons, organisations and places, found by rules and lexicons.

Dutch capitalises names and little else, so a run of capitalised words (with name
particles such as van, de, der, ter) is a name candidate. Its kind comes from, in
order: the user's corrections, the lexicons (organisations, places), a title or
honorific before it (Mr, minister, de heer), a known given name, an organisation head
word or suffix (Ministerie, Partij, NV), an acronym, the preposition before it (in,
uit, naar: a place), and finally what the rest of the article says about the same name.
A capitalised common word that opens a sentence ("Daarom", "Later") is no name unless
the article writes it capitalised mid-sentence too. An unknown name is typed from
evidence, not by default (entity_typing.py: word shapes, frames, brackets, prepositions);
where a name starts and ends is in entity_spans.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter

from briefing_tui.core.analysis.entity_spans import NameSpans
from briefing_tui.core.analysis.entity_typing import (
    AGE,
    FRAME_NOUNS,
    NUMBER,
    NUMBERED_HEADS,
    bracket_after,
    is_adjective_shape,
)
from briefing_tui.core.analysis.entity_words import (
    BODIES_OF,
    CAPITAL_PARTICLES,
    FINITE_SPEECH_VERBS,
    OF_PARTICLES,
    PARTICLES,
    POSSESSIVE,
    POST_JOINERS,
    SINGLE_WORD_DEFAULT,
    UNKNOWN_OPENERS_ARE_NAMES,
    strip_possessive,
)
from briefing_tui.core.analysis.lexicon import Lexicon
from briefing_tui.core.analysis.model import Entity, EntityKind
from briefing_tui.core.analysis.tokens import (
    Tokens,
    is_acronym,
    is_capitalised,
    is_word,
)


@dataclass(slots=True)
class _Candidate:
    """A name found in one block before the article-wide pass settles its kind."""

    block: int
    start: int
    end: int
    text: str
    kind: EntityKind | None
    strong: bool
    """Kind from a lexicon, a title or a given name; weak kinds yield to the article."""


@lru_cache(maxsize=4096)
def _name_key(name: str) -> str:
    """A person's name for matching: "Van Gennip" (opening a sentence) is "van Gennip"."""
    first, _, rest = name.partition(" ")
    if rest and first.lower() in PARTICLES:
        return f"{first.lower()} {rest}"
    return name


def _most_voted(counts: dict[EntityKind, int]) -> EntityKind:
    """The kind with most votes, the first counted of a tie; most names have one kind."""
    if len(counts) == 1:
        return next(iter(counts))
    return max(counts, key=counts.__getitem__)


_first_char = itemgetter(0)
_PLACE, _ORGANIZATION = EntityKind.PLACE, EntityKind.ORGANIZATION
_set_attribute = object.__setattr__


def _name_starts(text: str, words: list[str]) -> list[int]:
    """Positions of the capitalised words and of "ministerie": where a name can start.

    Runs on every token, so the uppercase test is mapped in C and Python only sees the
    capitalised few (and "ministerie" in the rare block that has it).
    """
    upper = [
        position
        for position in compress(count(), map(str.isupper, map(_first_char, words)))
        if words[position][0].isalnum()  # is_capitalised, given the uppercase first char
    ]
    if "ministerie" in text and "ministerie" in words:  # the text first: a faster search
        upper = sorted(
            upper + [position for position, word in enumerate(words) if word == "ministerie"]
        )
    return upper


class EntityFinder(NameSpans):
    """Finds the actors of one article (a fresh finder per article keeps no state)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        user = lexicon.user
        self._user_kinds = user.kinds
        self._suppressed = user.suppressed
        self._phrase_tokens = lexicon.phrase_lengths
        self._word_pairs = lexicon.phrase_word_pairs
        self._name_words = lexicon.name_word_memo
        """Memo of `_could_be_name` per word, kept with the lexicon: names recur."""
        self._phrase_kinds = lexicon.phrase_kinds
        self._openers = lexicon.opener_memo
        """Memo of `_could_open_alone` per word, kept with the lexicon like the one above."""
        self._first_words = lexicon.first_word_memo
        """Memo of `_first_word_match` per word, the same way."""
        self._leading_titles = lexicon.leading_title_memo
        self._appositions = lexicon.apposition_memo
        self._given_names = lexicon.given_names
        self._surnames = lexicon.surnames
        self._decided: dict[str, EntityKind] = {}
        """Names whose kind one mention settles for the whole article ("Rashid (34)")."""
        """Memo of `_apposition_kind` per word, the same way."""
        """Memo of `_is_leading_title` per word, the same way."""

    # --- per block --------------------------------------------------------------------

    def find_in_block(
        self,
        block_index: int,
        text: str,
        tokens: Tokens,
        starts: Sequence[int],
        capitalised_inside: set[str],
    ) -> list[_Candidate]:
        """Name candidates of one block, each typed if the block alone says what it is.

        Args:
            block_index: Which block this is.
            text: The block's text.
            tokens: Its tokens.
            starts: Positions of the tokens a name can start at (capitalised, "ministerie").
            capitalised_inside: Capitalised words (and particle pairs) seen mid-sentence.
        """
        candidates: list[_Candidate] = []
        words = tokens.words
        count = len(words)
        openers = self._openers
        first_words = self._first_words
        name_words = self._name_words
        resume = 0  # tokens before this one belong to a name found already
        for index in starts:
            if index < resume:
                continue
            word = words[index]
            opener = openers.get(word)
            if opener is None:
                opener = openers[word] = self._could_open_alone(word)
            if opener and self._lone_opener(tokens, index, capitalised_inside):
                continue
            # "het ministerie van Defensie": an organisation led by a lowercase noun;
            # "Department for Work and Pensions": a body named after its field.
            if word in BODIES_OF and index + 2 < count:
                end = self._ministry_end(words, index)
                if end is not None:
                    candidates.append(
                        self._make(
                            block_index, text, tokens, index, end, EntityKind.ORGANIZATION, True
                        )
                    )
                    resume = end + 1
                    continue
            post_end = (
                self._post_end(words, index)
                if index + 2 < count and words[index + 1] in POST_JOINERS
                else None
            )
            if post_end is not None:  # "Work and Pensions Secretary": a post, nobody's name
                resume = post_end + 1
                continue
            # Lexicon phrases first: "Vlaams Blok" starts with an adjective that alone is none.
            known = first_words.get(word)
            if known is not None and known[0] == 1:  # most words: no longer phrase to try
                matched = None if known[1] is None else (index, known[1])
            else:
                matched = self._match_lexicon(text, tokens, index)
            name_word = name_words.get(word)  # the memo of `_is_name_word`, inlined
            if name_word is None:
                name_word = self._is_name_word(word)
            if (
                matched is not None
                and matched[1] is _PLACE
                and matched[0] == index
                and (word in self._given_names or word in self._surnames)
                and name_word
            ):
                # "Volodimir Zelenski", "zei Senna": a person's name that is also a town
                # is typed by the evidence around it (`_classify`).
                matched = None
            if matched is not None and (matched[0] > index or name_word):
                end, kind = matched
                # Most listed names end the sentence's name there; look on only when the
                # next token can continue one (a word, a number or a bracket).
                following = words[end + 1] if end + 1 < count else ","
                if not (following[0].isalnum() or following == "("):
                    pass
                elif kind is _ORGANIZATION:
                    end = self._organization_tail(words, end)
                elif word in NUMBERED_HEADS and end == index and NUMBER.fullmatch(following):
                    kind, end = _ORGANIZATION, end + 1  # "Ned 3", not the Netherlands
                elif following == "(" and kind is _PLACE and end == index:
                    bracketed = bracket_after(words, end)
                    if bracketed and AGE.fullmatch(bracketed):
                        kind = EntityKind.PERSON  # "Rashid (34)": a place has no age
                        self._decided[strip_possessive(word)] = kind
                found = self._make(block_index, text, tokens, index, end, kind, True)
                if found.text not in self._suppressed:
                    candidates.append(found)
                resume = end + 1
                continue
            # "Frans Verberckmoes": an adjective that is also a given name, before a name.
            given_name_first = (
                word in self._given_names
                and index + 1 < count
                and self._is_name_word(words[index + 1])
                and not tokens.sentence_start(index + 1)
            )
            if (
                not name_word
                and not given_name_first
                and not (word in CAPITAL_PARTICLES and index + 1 < count)
            ):
                continue
            end = self._run_end(tokens, index)
            if end is None:
                continue
            candidates.extend(
                self._type_run(block_index, text, tokens, index, end, capitalised_inside)
            )
            resume = end + 1
        return candidates

    def _lone_opener(self, tokens: Tokens, index: int, capitalised_inside: set[str]) -> bool:
        """A common word opening a sentence, alone: "Daarom", "Hij", "De regering".

        Most runs of capitalised words are such words, and the rules below would end up
        dropping each of them ("a sentence-initial common word is no name"). This answers
        the same for them at a fraction of the cost, for a word `_could_open_alone`
        accepts: the article never writes it capitalised mid-sentence, the token after it
        cannot continue a name, and it is not the subject of a speech verb.
        """
        words = tokens.words
        word = words[index]
        if word in capitalised_inside or not tokens.sentence_start(index):
            return False
        if index + 1 < len(words):
            following = words[index + 1]
            if following in POST_JOINERS or following in PARTICLES:
                return False
            if following[0].isupper() and self._is_name_word(following):
                return False
            if following.lower() not in FINITE_SPEECH_VERBS:
                return True  # no speech verb follows, so it is not the verb's subject
        return not self._subject_of_speech_verb(tokens, index)

    def _could_open_alone(self, word: str) -> bool:
        """What `_lone_opener` asks of the word itself (kept per lexicon: words recur): no
        lexicon phrase, no given name or surname, no initial, a common word."""
        lexicon = self.lexicon
        if (
            not is_capitalised(word)
            or word == "Ministerie"
            or len(word) < 2  # an initial: "R. Zowel"
            or word.endswith(POSSESSIVE)
            or word.lower() not in lexicon.common_words
            or word in lexicon.given_names
            or word in lexicon.surnames
            or self._lexicon_kind(word) is not None
        ):
            return False
        # No longer lexicon phrase starts with it ("Grote Markt"; "DEN HAAG" as "Den Haag").
        return self._phrase_tokens.get(word, 1) == 1 and (
            not word.isupper() or self._phrase_tokens.get(word.title(), 1) == 1
        )

    def _make(
        self,
        block: int,
        text: str,
        tokens: Tokens,
        first: int,
        last: int,
        kind: EntityKind | None,
        strong: bool,
    ) -> _Candidate:
        ends = tokens.ends
        start, end = ends[first] - len(tokens.words[first]), ends[last]
        surface = text[start:end]
        if surface.endswith(POSSESSIVE) and len(surface) > 3:
            end -= 2
            surface = surface[:-2]
        return _Candidate(block, start, end, surface, kind, strong)

    def _type_run(
        self,
        block: int,
        text: str,
        tokens: Tokens,
        first: int,
        last: int,
        capitalised_inside: set[str],
    ) -> list[_Candidate]:
        lexicon = self.lexicon
        words = tokens.words
        previous = words[first - 1].lower() if first > 0 else ""
        titled = (
            previous in lexicon.titles or words[first - 1] in lexicon.honorifics
            if first > 0
            else False
        )
        # Leading titles and honorifics written with a capital: "Prime Minister Tony Blair",
        # "Strafrechtadvocaat Job Knoester" (a compound ending in a title).
        leading_titles = self._leading_titles
        while first < last:
            word = words[first]
            leads = leading_titles.get(word)
            if leads is None:
                leads = leading_titles[word] = self._is_leading_title(word)
            if not leads:
                break
            first += 1
            titled = True
            framed = FRAME_NOUNS.get(word.lower())
            if framed is not None and first < last and words[first] in ("van", "of"):
                # "Burgemeester van Rooborst": the title's town or body, nobody's name.
                while first < last and words[first] in OF_PARTICLES:
                    first += 1
                known = self._lexicon_kind(
                    strip_possessive(self._phrase(text, tokens, first, last))
                )
                return [
                    self._make(block, text, tokens, first, last, known or framed, known is not None)
                ]
        for word in words[first : last + 1]:
            if (
                is_word(word)
                and word not in lexicon.honorifics
                and word.lower() not in lexicon.titles
            ):
                break
        else:
            return []  # "Deputy Prime Minister" alone names nobody
        if (
            last > first
            and words[last].lower() in lexicon.titles
            and words[first] not in CAPITAL_PARTICLES
            and words[first].lower() in lexicon.common_words
            and not any(word in lexicon.given_names for word in words[first:last])
        ):
            return []  # "Home Secretary", "Pensions Secretary": a post, not a name
        while last > first and words[last] in lexicon.honorifics_after:
            last -= 1
        # A sentence-initial common word is no name unless the article capitalises it elsewhere.
        # (The dot of an initial can end a sentence too: "... Martien R. Zowel de ...".)
        while first <= last and (
            tokens.sentence_start(first)
            or (first >= 2 and words[first - 1] == "." and len(words[first - 2]) == 1)
        ):
            word = words[first]
            if (
                word.lower() in lexicon.common_words
                and word not in capitalised_inside
                and not (word in CAPITAL_PARTICLES and first < last)
                and word not in lexicon.given_names
                and word not in lexicon.surnames
                and not (first == last and self._subject_of_speech_verb(tokens, first))
            ):
                first += 1
                continue
            break
        while first <= last and words[first] in PARTICLES:
            first += 1  # "Volgens de NMBS" lost "Volgens": "de" goes too
        while first < last and words[first] in lexicon.honorifics:
            first += 1  # "But Mr Howard" lost "But": "Mr" goes too
            titled = True
        if first == last and tokens.sentence_start(first) and UNKNOWN_OPENERS_ARE_NAMES is False:
            word = strip_possessive(words[first])
            following = words[last + 1].lower() if last + 1 < len(words) else ""
            if (
                word not in capitalised_inside
                and self._lexicon_kind(word) is None
                and word not in lexicon.given_names
                and word not in lexicon.surnames
                and following not in lexicon.speech_verbs
                and not is_acronym(words[first])
                and not self._listed_with_names(words, last)
            ):
                return []  # "Doelend op ...": one capitalised opener and nothing else
        if first > last:
            return []
        # "De" before an acronym or a known name is the article, not a particle.
        if (
            words[first] in CAPITAL_PARTICLES
            and first < last
            # "Van" is no article: "Van Ranst" is a name, unless it opens a sentence as
            # the preposition ("Van Antwerpen reed hij ...") and is nowhere else a name.
            and (
                words[first] != "Van"
                or (
                    tokens.sentence_start(first)
                    and f"Van {words[first + 1]}" not in capitalised_inside
                    and not self._surname_subject(words, first + 1)
                )
            )
        ):
            rest = self._phrase(text, tokens, first + 1, last)
            if (
                is_acronym(words[first + 1])
                or self._lexicon_kind(rest) is not None
                or (
                    tokens.sentence_start(first)
                    and words[first + 1].lower() in lexicon.common_words
                    and f"{words[first]} {words[first + 1]}" not in capitalised_inside
                )
            ):
                first += 1
        if first == last:
            kind = self._lexicon_kind(words[first])
            if kind is not None and not (
                kind is EntityKind.PLACE
                and (words[first] in lexicon.given_names or words[first] in lexicon.surnames)
            ):
                return [self._make(block, text, tokens, first, last, kind, True)]  # "Op X": X
        if first == last and (
            not self._is_name_word(words[first])
            or words[first] in CAPITAL_PARTICLES
            or len(words[first]) == 1
            or is_adjective_shape(words[first])  # "Franstalige", "Amerikaanse"
        ):
            return []
        # Split before a given name inside a run: "Buitenlandse Zaken Marco Rubio".
        # Not after given names only: "Marieke Lukas Rijneveld" is one person.
        for split in range(first + 1, last):
            if (
                words[split] in lexicon.given_names
                and is_capitalised(words[split + 1])
                and words[split - 1] not in PARTICLES
                and not all(word in lexicon.given_names for word in words[first:split])
            ):
                right = self._type_run(block, text, tokens, split, last, capitalised_inside)
                if self._after_title_of(words, first):
                    # "minister van Volksgezondheid Maggie De Block": the portfolio.
                    office = EntityKind.ORGANIZATION
                    left = [self._make(block, text, tokens, first, split - 1, office, False)]
                else:
                    left = self._type_run(block, text, tokens, first, split - 1, capitalised_inside)
                return left + right
        portfolio = (
            self._portfolio_end(words, first, last)
            if first < last and words[first - 1] == "van"
            else None
        )
        if portfolio is not None:
            ministry = self._make(
                block, text, tokens, first, portfolio, EntityKind.ORGANIZATION, False
            )
            named = self._make(block, text, tokens, portfolio + 1, last, EntityKind.PERSON, True)
            return [ministry, named]
        surface = self._phrase(text, tokens, first, last)
        if surface in self._suppressed or strip_possessive(surface) in self._suppressed:
            return []
        kind, strong = self._classify(tokens, first, last, surface, titled, previous)
        return [self._make(block, text, tokens, first, last, kind, strong)]

    # --- whole article ------------------------------------------------------------------

    def find(self, blocks: Sequence[str]) -> list[Entity]:
        """Every actor mention in the article's blocks, with kinds and full names settled."""
        tokenized = [Tokens(text) for text in blocks]
        # Most tokens are lowercase words or punctuation: visit only the ones a name starts at.
        starts = [
            _name_starts(text, tokens.words) for text, tokens in zip(blocks, tokenized, strict=True)
        ]
        capitalised_inside: set[str] = set()
        for tokens, positions in zip(tokenized, starts, strict=True):
            words = tokens.words
            last = len(words) - 1
            for position in tokens.mid_sentence(positions):
                word = words[position]
                if word != "ministerie":
                    capitalised_inside.add(word)
                    # "De Grauwe" mid-sentence: the pair opening a sentence is that name too.
                    if word in CAPITAL_PARTICLES and position < last:
                        capitalised_inside.add(f"{word} {words[position + 1]}")
        candidates = [
            candidate
            for index, text in enumerate(blocks)
            for candidate in self.find_in_block(
                index, text, tokenized[index], starts[index], capitalised_inside
            )
        ]
        decided = self._decided
        if decided:  # evidence that settles a name everywhere: "Rashid (34)"
            for candidate in candidates:
                decisive = decided.get(candidate.text)
                if decisive is not None:
                    candidate.kind, candidate.strong = decisive, True
        return self._settle(candidates)

    def _settle(self, candidates: list[_Candidate]) -> list[Entity]:
        """Give every mention the kind and full name the whole article supports."""
        # One pass gathers the persons' names and forms and each name's votes for a kind.
        person_names: list[str] = []
        person_forms: set[str] = set()
        votes: dict[str, dict[EntityKind, int]] = {}
        weak_votes: dict[str, dict[EntityKind, int]] = {}
        person = EntityKind.PERSON
        for c in candidates:
            kind = c.kind
            if kind is not None:
                text = c.text
                counts = (votes if c.strong else weak_votes).setdefault(text, {})
                counts[kind] = counts.get(kind, 0) + 1
                if kind is person:
                    # Every form the article uses for a person, so "Poetins" can be
                    # Poetin's genitive.
                    person_forms.add(_name_key(text))
                    if " " in text and text[0].isupper():
                        person_names.append(text)
        # Surnames of persons named in full: "Zelensky" after "Volodymyr Zelensky".
        full_name_of: dict[str, str] = {}
        for name in sorted(person_names, key=len):
            parts = name.split()
            for size in range(1, len(parts)):
                full_name_of[_name_key(" ".join(parts[-size:]))] = name
        # The most voted kind per name (the first counted of a tie, as Counter.most_common),
        # decided once per name rather than once per mention.
        voted = {text: _most_voted(counts) for text, counts in votes.items()}
        weak_voted = {text: _most_voted(counts) for text, counts in weak_votes.items()}
        person_forms |= full_name_of.keys()
        aliases = self.lexicon.user.aliases
        # Kind and name follow from the mention's text, kind and strength alone, and names
        # recur: each combination is settled once.
        settled: dict[tuple[str, EntityKind | None, bool], tuple[EntityKind, str]] = {}
        entities: list[Entity] = []
        new_object = object.__new__
        for c in candidates:
            text = c.text
            known = settled.get((text, c.kind, c.strong))
            if known is None:
                known = settled[text, c.kind, c.strong] = self._settle_one(
                    text, c.kind, c.strong, person_forms, full_name_of, voted, weak_voted, aliases
                )
            # One attribute write instead of the frozen __init__'s six (about fifty
            # mentions an article); the entity equals `Entity(...)` with the same fields.
            entity: Entity = new_object(Entity)
            _set_attribute(
                entity,
                "__dict__",
                {
                    "block": c.block,
                    "start": c.start,
                    "end": c.end,
                    "text": text,
                    "kind": known[0],
                    "name": known[1],
                },
            )
            entities.append(entity)
        return entities

    @staticmethod
    def _settle_one(
        text: str,
        kind: EntityKind | None,
        strong: bool,
        person_forms: set[str],
        full_name_of: dict[str, str],
        voted: dict[str, EntityKind],
        weak_voted: dict[str, EntityKind],
        aliases: dict[str, str],
    ) -> tuple[EntityKind, str]:
        """The kind and full name of one mention, given what the article says."""
        bare = text[:-1] if text.endswith("s") and _name_key(text[:-1]) in person_forms else text
        key = _name_key(bare)
        if bare != text and kind is None:
            kind = EntityKind.PERSON
        if not strong:
            if key in full_name_of:
                kind = EntityKind.PERSON
            kind = voted.get(text, kind)
        if kind is None:
            kind = weak_voted.get(text)  # a cue elsewhere in the article
        if kind is None:
            kind = SINGLE_WORD_DEFAULT
        name = full_name_of.get(key, bare) if kind is EntityKind.PERSON else text
        return kind, aliases.get(name, name)
