"""Quotations in news text and who said them.

Quotes are found mark by mark in each block: „…”, “…”, "…", ‘…’, '…', «…», ,,…''.
Apostrophes (zo'n, Trump's, collega's, voters') are told from single quotes by what
stands on either side. A quote still open at the end of a paragraph ends there; a
paragraph that opens with a new mark continues it, with the same speaker.

Speakers come from the attribution around the quote ("…”, vroeg Poetin", "Poetin zei:
„…”", "volgens X", "said Mr Blair", "he added"), pronouns and role phrases resolved to
the person they refer to, a pull quote's attribution line, and, for a quote standing
alone, the speaker named in the sentence before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter

from briefing_tui.core.analysis.lexicon import Lexicon
from briefing_tui.core.analysis.model import Entity, EntityKind, Quote, QuoteKind
from briefing_tui.core.analysis.quote_marks import (
    Mark,
    find_marks,
)

_set_attribute = object.__setattr__
_WORD_RUN = re.compile(r"[\w'’-]+")
_PLAIN_WORD = re.compile(r"\w+")
_SENTENCE_BOUNDARY = re.compile(r"[.!?][.!?]*\s+(?=[\"'„“‘«(A-ZÀ-ÖØ-Þ0-9])")
PRONOUNS = frozenset(["hij", "zij", "ze", "he", "she", "they", "wij", "we", "ik", "i"])
DETERMINERS = frozenset(["de", "het", "een", "the", "a", "an"])
TITLE_LINKS = frozenset(["van", "voor", "der", "den", "de", "het", "en", "of", "for", "the", "and"])
"""Lowercase words a title's complement may hold ("minister van Buitenlandse Zaken")."""
SCARE_MAX_WORDS = 3


def _phrase_positions(lowered: str, phrase: str) -> Iterator[int]:
    """Where `phrase` stands as whole words in `lowered` (str.find: no regex per phrase)."""
    at = lowered.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if (at == 0 or not lowered[at - 1].isalnum()) and (
            end == len(lowered) or not lowered[end].isalnum()
        ):
            yield at
        at = lowered.find(phrase, end)


def _has_phrase(lowered: str, phrase: str) -> bool:
    return next(_phrase_positions(lowered, phrase), None) is not None


def _words(text: str) -> set[str]:
    return set(_PLAIN_WORD.findall(text.lower()))


def _pull_quote_speaker(content: str, pull_speakers: Sequence[tuple[str, str]]) -> str | None:
    """The speaker of a pull quote whose words this quote repeats (pull quotes reword a little)."""
    if not pull_speakers:  # most articles have no pull quote
        return None
    words = _words(content)
    for quote, speaker in pull_speakers:
        quoted = _words(quote)
        if quoted and len(quoted & words) >= 0.8 * len(quoted):
            return speaker
    return None


@lru_cache(maxsize=8192)
def _bare_word(word: str) -> str:
    """A word lowercased, without the punctuation around it; cached: the same words recur."""
    return word.lower().strip(",;:()")


class QuoteFinder:
    """Finds the quotes of one article and attributes them, given its entities."""

    def __init__(self, lexicon: Lexicon, entities: Sequence[Entity]) -> None:
        self.lexicon = lexicon
        self.entities = sorted(entities, key=attrgetter("block", "start"))
        self._entities_by_block: dict[int, list[Entity]] = {}
        for entity in self.entities:
            self._entities_by_block.setdefault(entity.block, []).append(entity)
        self.roles: dict[str, str] = {}
        """Role phrase ("russische president") -> person name, learned from appositions."""
        # Set by `find` for the article at hand:
        self._blocks: Sequence[str] = ()
        self._all_marks: list[Mark] = []
        self._marks_by_block: dict[int, list[Mark]] = {}
        self._inside_cache: dict[int, bool] = {}
        self._masked_cache: dict[int, str] = {}
        self._boundaries_cache: dict[int, list[tuple[int, int]]] = {}
        self._role_refs: list[tuple[int, int, str]] | None = None
        """Bare role phrases in the text, found when a pronoun first needs them."""
        self._people_cache: list[tuple[int, int, str]] | None = None
        self._phrases_longest_first: list[str] | None = None
        """The learned role phrases of more than one word, longest first."""

    # --- context helpers -------------------------------------------------------------

    def _entities_in(self, block: int, start: int, end: int) -> list[Entity]:
        return [
            e for e in self._entities_by_block.get(block, ()) if start <= e.start and e.end <= end
        ]

    def learn_roles(self, blocks: Sequence[str]) -> None:
        """Appositions: "de Russische president Poetin" teaches "russische president" -> Poetin."""
        for entity in self.entities:
            if entity.kind is not EntityKind.PERSON:
                continue
            text = blocks[entity.block]
            # The last five words (rsplit stops after them instead of splitting all).
            before = text[max(0, entity.start - 80) : entity.start].rsplit(None, 5)[-5:]
            if self.lexicon.titles.isdisjoint(map(_bare_word, before)):
                continue  # no title, no apposition: "de Russische president Poetin"
            words: list[str] = []
            for word in reversed(before):
                clean = word.strip(",;:()").lower()
                if clean in DETERMINERS or not clean or word.endswith((",", ".", ":")):
                    break
                words.insert(0, clean)
            complement = 0  # words between the title and the name: "van Buitenlandse Zaken"
            while words and words[-1] not in self.lexicon.titles:
                words.pop()
                complement += 1
            if complement and not all(
                word[:1].isupper() or word.lower() in TITLE_LINKS
                for word in before[len(before) - complement :]
            ):
                continue  # a verb or the like between: "een journalist vroeg Poetin"
            if words:
                self.roles.setdefault(" ".join(words), entity.name)
                if len(words) > 1:
                    self.roles.setdefault(words[-1], entity.name)

    def _sentence_bounds(
        self, text: str, masked: str, block: int, position: int
    ) -> tuple[int, int]:
        boundaries = self._boundaries_cache.get(block)
        if boundaries is None:  # a block's quotes share its sentence boundaries: found once
            boundaries = self._boundaries_cache[block] = [
                match.span() for match in _SENTENCE_BOUNDARY.finditer(masked)
            ]
        start = 0
        for boundary_start, boundary_end in boundaries:
            if boundary_end <= position:
                start = boundary_end
            elif boundary_start >= position:
                return start, boundary_start + 1
        return start, len(text)

    def _role_mentions(self, blocks: Sequence[str]) -> list[tuple[int, int, str]]:
        """(block, offset, person) for each bare role phrase ("de Russische president")."""
        # A bare title ("president") is too ambiguous to stand for someone.
        roles = [(role, name) for role, name in self.roles.items() if " " in role]
        found: list[tuple[int, int, str]] = []
        if not roles:
            return found
        # One search per role over the whole article; a newline between blocks is no letter,
        # so a phrase matches at a block's edges as it would in the block alone.
        lowered = [text.lower() for text in blocks]
        offsets = list(accumulate((len(text) + 1 for text in lowered[:-1]), initial=0))
        joined = "\n".join(lowered)
        for role, name in roles:
            for at in _phrase_positions(joined, role):
                index = bisect_right(offsets, at) - 1
                found.append((index, at - offsets[index], name))
        found.sort()
        return found

    def _last_person_before(self, block: int, offset: int) -> str | None:
        """The person most recently mentioned (by name or role) outside quotes."""
        best: tuple[int, int] = (-1, -1)
        found: str | None = None
        people = self._people()
        before = bisect_left(people, (block, offset, ""))
        if before:
            best_block, best_start, found = people[before - 1]
            best = (best_block, best_start)
        if self._role_refs is None:  # only pronouns need them: found on first use
            self._role_refs = self._role_mentions(self._blocks)
        for role_block, role_offset, name in self._role_refs:
            if best < (role_block, role_offset) < (block, offset):
                best, found = (role_block, role_offset), name
        return found

    def _role_in(self, text: str) -> str | None:
        """A learned role phrase written in `text` ("zei de Russische president")."""
        if self._phrases_longest_first is None:  # the roles are all learned before quotes
            self._phrases_longest_first = [
                role for role in sorted(self.roles, key=len, reverse=True) if " " in role
            ]
        lowered = text.lower()
        for role in self._phrases_longest_first:
            if _has_phrase(lowered, role):
                return self.roles[role]
        return None

    def _inside_quote(self, entity: Entity) -> bool:
        """Names inside quoted words are not who speaks (computed once per entity)."""
        inside = self._inside_cache.get(id(entity))
        if inside is None:
            inside = any(
                mark.start <= entity.start < mark.end
                for mark in self._marks_by_block.get(entity.block, ())
            )
            self._inside_cache[id(entity)] = inside
        return inside

    def _subject_after_verb(self, text: str, block: int, start: int, end: int) -> str | None:
        """ "zei Poetin", "zei de Russische president", "said Mr Blair", "he added"."""
        window = text[start:end]
        words = _WORD_RUN.findall(window)
        speech_verbs = self.lexicon.speech_verbs
        if speech_verbs.isdisjoint(map(str.lower, words[:6])):
            return None  # most quotes: no speech verb right after (tested in C)
        verb_at = next(i for i, word in enumerate(words[:6]) if word.lower() in speech_verbs)
        named = [e for e in self._entities_in(block, start, end) if not self._inside_quote(e)]
        # A person named near the verb ("zei Poetin", "Mr Blair said").
        people = [e for e in named if e.kind is EntityKind.PERSON]
        if people:
            return people[0].name
        following = [word.lower() for word in words[verb_at + 1 : verb_at + 6]]
        preceding = words[verb_at - 1].lower() if verb_at > 0 else ""
        if (following and following[0] in PRONOUNS) or preceding in PRONOUNS:
            return self._last_person_before(block, start)
        role = self._role(following, block, start) or self._role(
            [word.lower() for word in words[max(0, verb_at - 5) : verb_at]], block, start
        )
        if role is not None:
            return role
        # A body right next to the verb ("meldde Kyiv", "the committee said"); "op X" is
        # where something was said, not who said it.
        verb_word = words[verb_at]
        verb_start = window.find(verb_word)
        for entity in named:
            gap = text[start + verb_start + len(verb_word) : entity.start]
            if entity.start >= start + verb_start and not gap.strip():
                return entity.name
        return None

    def _role(self, words: Sequence[str], block: int = 0, offset: int = 0) -> str | None:
        """A role phrase at the start of `words` ("de russische president ...") as a person.

        A phrase learned from an apposition names its person. Otherwise the phrase's title
        ("president") points to the person mentioned most recently before it, skipping people
        the article gave the same title with other words ("de Oekraïense president Zelensky"
        is not "de Russische president").
        """
        first = 0
        while first < len(words) and words[first] in DETERMINERS:
            first += 1
        words = words[first : first + 4]  # a role phrase is at most four words
        for size in range(min(4, len(words)), 1, -1):
            phrase = " ".join(words[:size])
            if phrase in self.roles:
                return self.roles[phrase]
        if words and words[0] in ("spokesman", "spokeswoman", "woordvoerder", "woordvoerster"):
            return words[0]
        title_at = next(
            (i for i, word in enumerate(words[:4]) if word in self.lexicon.titles), None
        )
        if title_at is None:
            return None
        phrase = " ".join(words[: title_at + 1])
        title = words[title_at]
        other = {
            name for role, name in self.roles.items() if role.endswith(title) and role != phrase
        }
        for name in self._persons_before(block, offset):
            if name not in other:
                return name
        # Nobody named yet ("CSA 'could close', says minister"): the role is the speaker.
        return phrase

    def _persons_before(self, block: int, offset: int) -> Iterator[str]:
        """Persons named before a point, most recent first (outside quotes)."""
        people = self._people()
        for index in range(bisect_left(people, (block, offset, "")) - 1, -1, -1):
            yield people[index][2]

    def _people(self) -> list[tuple[int, int, str]]:
        """(block, offset, name) of every person named outside quotes, in reading order."""
        if self._people_cache is None:
            self._people_cache = [
                (entity.block, entity.start, entity.name)
                for entity in self.entities
                if entity.kind is EntityKind.PERSON and not self._inside_quote(entity)
            ]
        return self._people_cache

    def _subject_before(self, text: str, block: int, start: int, end: int) -> str | None:
        """ "Poetin zei dat …", "X schreef op Y: „…”", "volgens X", "he said: \"…\""."""
        window = text[start:end]
        lowered = _WORD_RUN.findall(window.lower())
        has_cue = (
            not self.lexicon.speech_verbs.isdisjoint(lowered)
            or window.rstrip().endswith(":")
            or "volgens" in lowered
            or "according" in lowered
        )
        if not has_cue:
            return None
        people = [
            e
            for e in self._entities_in(block, start, end)
            if not self._inside_quote(e) and e.kind is EntityKind.PERSON
        ]
        if people:
            return people[0].name
        role = self._role_in(window)
        if role is not None:
            return role
        if any(word in PRONOUNS for word in lowered):
            return self._last_person_before(block, start)
        # A body as the subject ("Kyiv meldde", "de NAVO zegt"): organisations anywhere,
        # places only right before the verb (a place elsewhere is where, not who).
        for entity in self._entities_in(block, start, end):
            if self._inside_quote(entity):
                continue
            after = text[entity.end : end].lstrip().split(" ", 1)[0].lower().strip(",.:;")
            if entity.kind is EntityKind.ORGANIZATION or after in self.lexicon.speech_verbs:
                return entity.name
        for index, word in enumerate(lowered):
            if word in self.lexicon.speech_verbs:
                role = self._role(lowered[index + 1 :], block, start) or self._role(
                    lowered[max(0, index - 4) :], block, start
                )
                if role:
                    return role
        return None

    # --- the quotes ---------------------------------------------------------------------

    def find(self, blocks: Sequence[str], pull_quotes: dict[int, int]) -> list[Quote]:
        """Every quote of the article, with kind and speaker.

        Args:
            blocks: The article's block texts.
            pull_quotes: Block index -> where the attribution starts, for pull quotes.
        """
        self._all_marks = [
            mark for index, text in enumerate(blocks) for mark in find_marks(index, text)
        ]
        self._marks_by_block = {}
        for mark in self._all_marks:
            if mark.depth == 0:  # outermost only: a quote inside a quote is masked with it
                self._marks_by_block.setdefault(mark.block, []).append(mark)
        self._inside_cache = {}
        self._masked_cache = {}
        self._boundaries_cache = {}
        self.learn_roles(blocks)
        self._blocks = blocks
        self._role_refs = None
        self._people_cache = None
        self._phrases_longest_first = None
        pull_speakers: list[tuple[str, str]] = []
        for block, attribution_start in pull_quotes.items():
            people = [
                e
                for e in self._entities_in(block, attribution_start, len(blocks[block]))
                if e.kind is EntityKind.PERSON
            ]
            if people:
                quote_text = blocks[block][:attribution_start].strip(" „“”\"'‘’«»")
                pull_speakers.append((quote_text, people[0].name))
        quotes: list[Quote] = []
        previous: Mark | None = None
        previous_speaker: str | None = None
        for mark in self._all_marks:
            text = blocks[mark.block]
            content = text[mark.start : mark.end]
            masked = self._masked(text, mark.block)
            sentence_start, sentence_end = self._sentence_bounds(
                text, masked, mark.block, mark.open_at
            )
            kind = self._kind(text, mark, content, sentence_start, sentence_end)
            speaker: str | None = None
            if kind is not QuoteKind.SCARE:
                if mark.block in pull_quotes:
                    speaker = _pull_quote_speaker(content, pull_speakers)
                speaker = speaker or self._subject_after_verb(
                    text, mark.block, mark.close_end, sentence_end
                )
                speaker = speaker or self._subject_before(
                    text, mark.block, sentence_start, mark.open_at
                )
                speaker = speaker or _pull_quote_speaker(content, pull_speakers)
                if (
                    speaker is None
                    and previous is not None
                    and previous_speaker is not None
                    and (
                        previous.block == mark.block
                        or (not previous.closed and previous.block == mark.block - 1)
                        or previous.block == mark.block - 1
                    )
                ):
                    speaker = previous_speaker
                if speaker is None and sentence_start > 0:
                    before_start, _ = self._sentence_bounds(
                        text, masked, mark.block, max(0, sentence_start - 2)
                    )
                    speaker = self._subject_before(text, mark.block, before_start, sentence_start)
            quote: Quote = object.__new__(Quote)  # the frozen __init__ writes six times
            _set_attribute(
                quote,
                "__dict__",
                {
                    "block": mark.block,
                    "start": mark.start,
                    "end": mark.end,
                    "text": content,
                    "speaker": speaker,
                    "kind": kind,
                },
            )
            quotes.append(quote)
            if kind is not QuoteKind.SCARE:
                previous, previous_speaker = mark, speaker
        unmarked = self._unmarked_pull_quotes(blocks, pull_quotes)
        if unmarked:
            quotes = sorted([*quotes, *unmarked], key=lambda quote: (quote.block, quote.start))
        return quotes

    def _unmarked_pull_quotes(
        self, blocks: Sequence[str], pull_quotes: dict[int, int]
    ) -> list[Quote]:
        """Pull quotes set as a block quote without quotation marks (Markdown's `> words` /
        `> — Name`): the block quote is the quotation, so its words are a direct quote
        of the person the attribution names. Pull quotes with marks are found as marks."""
        found: list[Quote] = []
        for block, attribution_start in sorted(pull_quotes.items()):
            if any(mark.start < attribution_start for mark in self._marks_by_block.get(block, ())):
                continue
            text = blocks[block]
            end = len(text[:attribution_start].rstrip(" —–-\n"))
            start = len(text[:end]) - len(text[:end].lstrip())
            if end <= start:
                continue
            people = [
                entity.name
                for entity in self._entities_in(block, attribution_start, len(text))
                if entity.kind is EntityKind.PERSON
            ]
            speaker = people[0] if people else None
            found.append(Quote(block, start, end, text[start:end], speaker, QuoteKind.DIRECT))
        return found

    def _masked(self, text: str, block: int) -> str:
        """The block with quoted words blanked, so sentence ends inside quotes are ignored."""
        masked = self._masked_cache.get(block)
        if masked is None:
            pieces: list[str] = []
            done = 0
            for mark in self._marks_by_block.get(block, ()):
                pieces.append(text[done : mark.start])
                # str.replace, not str.translate: translate goes char by char through a dict
                # on any text with an accent or a curly quote in it.
                quoted = text[mark.start : mark.end]
                pieces.append(quoted.replace(".", "x").replace("!", "x").replace("?", "x"))
                done = mark.end
            pieces.append(text[done:])
            masked = self._masked_cache[block] = "".join(pieces)
        return masked

    def _kind(
        self, text: str, mark: Mark, content: str, sentence_start: int, sentence_end: int
    ) -> QuoteKind:
        # Only whether there are 1, up to SCARE_MAX_WORDS or more words matters.
        words = len(content.split(None, SCARE_MAX_WORDS))
        before = text[sentence_start : mark.open_at].strip()
        starts_sentence = not before or before.endswith(":")
        if words == 1 and not starts_sentence:
            return QuoteKind.SCARE
        if starts_sentence and (content[:1].isupper() or content[:1].isdigit()):
            return QuoteKind.DIRECT
        if content[:1].isupper() and content.rstrip()[-1:] in ".?!" and words > SCARE_MAX_WORDS:
            return QuoteKind.DIRECT
        if words <= SCARE_MAX_WORDS and not self._speech_cue(
            text, before, sentence_start, sentence_end
        ):
            return QuoteKind.SCARE
        return QuoteKind.PARTIAL

    def _speech_cue(self, text: str, before: str, sentence_start: int, sentence_end: int) -> bool:
        """A speech verb, "volgens" or "according" in the sentence, or a colon before the quote."""
        sentence_words = set(_WORD_RUN.findall(text[sentence_start:sentence_end].lower()))
        return (
            not sentence_words.isdisjoint(self.lexicon.speech_verbs)
            or "volgens" in sentence_words
            or "according" in sentence_words
            or before.endswith(":")
        )
