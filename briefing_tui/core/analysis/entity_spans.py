"""Where a name starts and ends: runs of capitalised words with particles and initials,
listed names (longest first) and what continues them, bodies named after their field.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing_tui.core.analysis.entity_typing import (
    NUMBER,
    NUMBERED_HEADS,
    ORGANIZATION_CONTINUATIONS,
    NameRules,
)
from briefing_tui.core.analysis.entity_words import (
    APOSTROPHES,
    CAPITAL_PARTICLES,
    INNER_PARTICLES,
    OF_WORDS,
    PARTICLES,
    POSSESSIVE,
    POST_JOINERS,
    strip_possessive,
)
from briefing_tui.core.analysis.model import EntityKind
from briefing_tui.core.analysis.tokens import (
    Tokens,
    is_acronym,
    is_capitalised,
    is_initials,
    is_word,
)

RUN_LINKS = PARTICLES | APOSTROPHES | INNER_PARTICLES | {"&", "."}
"""Tokens after a name word that may let the name go on (digits aside): particles, 't, the
dot of an initial, an ampersand."""


class NameSpans(NameRules):
    """Span rules of the entity finder: how far a name found at a token runs."""

    _phrase_tokens: dict[str, int]
    _word_pairs: frozenset[tuple[str, str]]
    _first_words: dict[str, tuple[int, EntityKind | None]]

    def _phrase(self, text: str, tokens: Tokens, first: int, last: int) -> str:
        ends = tokens.ends
        return text[ends[first] - len(tokens.words[first]) : ends[last]]

    def _post_end(self, words: Sequence[str], index: int) -> int | None:
        """The title ending an English post named by coordinated nouns, if one starts here.

        "Work and Pensions Secretary", "Culture, Media and Sport Secretary": each noun is a
        common word, so none of them is a name, and the title closes the list.
        """
        count = len(words)
        if index + 2 >= count or words[index + 1] not in POST_JOINERS:
            return None
        if index > 0 and words[index - 1] in self.lexicon.honorifics:
            return None
        lexicon = self.lexicon
        position, coordinated = index, False
        while position < count:
            word = words[position]
            lowered = word.lower()
            if not is_capitalised(word):
                return None
            if coordinated and lowered in lexicon.titles:
                return position
            if (
                lowered not in lexicon.common_words
                or word in lexicon.given_names
                or word in lexicon.surnames
            ):
                return None
            following = words[position + 1] if position + 1 < count else ""
            if following in ("and", "&"):
                coordinated = True
                position += 2
            elif following == "," and not coordinated:
                position += 2
            else:
                position += 1
        return None

    def _organization_tail(self, words: Sequence[str], end: int) -> int:
        """The end of a listed organisation's name with the words that continue it.

        "KBC Securities", "Fortis Bank", "BBC Two", "Metro AG", "Ned 3": a word that only
        continues names of organisations, a legal form, or a channel's number.
        """
        count = len(words)
        suffixes = self.lexicon.org_suffixes
        while end + 1 < count:
            following = words[end + 1]
            if following in ORGANIZATION_CONTINUATIONS or following in suffixes:
                end += 1
            elif NUMBER.fullmatch(following) and (
                words[end] in NUMBERED_HEADS or is_acronym(words[end])
            ):
                return end + 1
            else:
                return end
        return end

    def _ministry_end(self, words: Sequence[str], index: int) -> int | None:
        if words[index + 1] not in OF_WORDS or not is_capitalised(words[index + 2]):
            return None
        end = index + 2
        while end + 1 < len(words) and (
            is_capitalised(words[end + 1])
            or (
                words[end + 1] in ("en", "and")
                and end + 2 < len(words)
                and is_capitalised(words[end + 2])
            )
        ):
            end += 1
        return end

    def _match_lexicon(
        self, text: str, tokens: Tokens, index: int
    ) -> tuple[int, EntityKind] | None:
        """The longest lexicon phrase starting at this token."""
        words = tokens.words
        first_word = words[index]
        known = self._first_words.get(first_word)
        if known is None:
            known = self._first_words[first_word] = self._first_word_match(first_word)
        longest, kind = known
        if longest == 1:
            return None if kind is None else (index, kind)
        if (
            index + 1 < len(words)
            and first_word.upper() != first_word  # a lowercase letter: no "DEN HAAG" dateline
            and is_word(words[index + 1])
            and (first_word, words[index + 1]) not in self._word_pairs
        ):
            # "De regering": no listed name starts with these two words, only the first
            # word alone can be one (its kind, possessive stripped, is the memo's).
            return None if kind is None else (index, kind)
        last_possible = min(len(words), index + longest) - 1
        for end in range(last_possible, index - 1, -1):
            if not is_word(words[end]):
                continue
            phrase = self._phrase(text, tokens, index, end)
            kind = self._lexicon_kind(phrase)
            if kind is None and words[end].endswith(POSSESSIVE):
                kind = self._lexicon_kind(strip_possessive(phrase))  # "BBC Radio 4's"
            if kind is not None:
                return end, kind
        return None

    def _first_word_match(self, word: str) -> tuple[int, EntityKind | None]:
        """The most tokens a lexicon phrase starting with `word` has, and the word's own
        kind (kept per lexicon: it depends on the word alone)."""
        longest = self._phrase_tokens.get(word, 1)
        if word.isupper():  # datelines: "DEN HAAG"
            longest = max(longest, self._phrase_tokens.get(word.title(), 1))
        # Most names: one lookup, and one for a possessive ('s).
        kind = self._lexicon_kind(word)
        if kind is None and word.endswith(POSSESSIVE):
            kind = self._lexicon_kind(strip_possessive(word))
        return longest, kind

    def _run_end(self, tokens: Tokens, index: int) -> int | None:
        """Last token of the run of name words starting at `index` (particles inside)."""
        words = tokens.words
        end = index
        if not self._is_name_word(words[index]) and (  # a capitalised particle (De Wever)
            index + 1 >= len(words) or not self._is_name_word(words[index + 1])
        ):
            return None
        count = len(words)
        name_words = self._name_words
        while end + 1 < count:
            following = words[end + 1]
            if words[end].endswith(POSSESSIVE):
                break  # "BBC Two's Newsnight": a possessive ends the name
            # `_is_name_word`, its memo inlined: this runs on every word after a name.
            if following[0].isupper():
                name_word = name_words.get(following)
                if name_word is None:
                    name_word = self._is_name_word(following)
            else:
                name_word = False
            if name_word and not tokens.sentence_start(end + 1):
                # After an initial's dot a common word opens the next sentence:
                # "Martien R. Zowel ..." is Martien R.
                if (
                    words[end] == "."
                    and following.lower() in self.lexicon.common_words
                    and following not in self.lexicon.surnames
                    and following not in self.lexicon.given_names
                ):
                    break
                end += 1
                continue
            if following not in RUN_LINKS and not following[0].isdigit():
                break  # most runs: a lowercase word or a comma ends the name
            # "Tico & Kico", "L & H": names joined by an ampersand are one firm's name.
            if (
                following == "&"
                and end + 2 < count
                and self._is_name_word(words[end + 2])
                and not tokens.sentence_start(end + 2)
            ):
                end += 2
                continue
            # Initials: "Martien R." and "A.F.Th. van der Heijden" keep their dots.
            if following == "." and is_initials(words[end]):
                end += 1
                continue
            # "Radio 3", "NPO 2", "BBC Radio 4's": a channel's number is part of its name.
            if (
                following[0].isdigit()
                and NUMBER.fullmatch(following)
                and (words[end] in NUMBERED_HEADS or is_acronym(words[end]))
            ):
                end += 1
                break
            # Particles inside a name: van, de, van der, 't, in 't.
            look = end + 1
            while look < count and look - end <= 4:
                particle = words[look]
                if particle in PARTICLES:
                    look += 1
                elif particle in APOSTROPHES and look + 1 < count and words[look + 1] == "t":
                    look += 2  # 't, split by the tokenizer: "Gert van 't Hof"
                elif (
                    particle in INNER_PARTICLES
                    and look + 2 < count
                    and words[look + 1] in APOSTROPHES
                    and words[look + 2] == "t"
                ):
                    look += 1  # "Aad in 't Veld", "Jan op 't Hof"
                else:
                    break
            if look == end + 1:
                break  # no particle follows
            # Particles belong between a given name and a surname ("Karien van Gennip"),
            # not after a full name ("Peter Hanenberg van de Orde van Advocaten").
            lexicon = self.lexicon
            named = [
                word
                for word in words[index : end + 1]
                if is_word(word)
                and word not in lexicon.honorifics
                and word not in CAPITAL_PARTICLES
                and word.lower() not in lexicon.titles
            ]
            if (
                len(named) == 2
                and tokens.sentence_start(index)
                and words[index].lower() in lexicon.common_words
                and words[index] not in lexicon.given_names
            ):
                del named[0]  # "Volgens Ursula von der Leyen": the opener is no name
            if len(named) >= 2:
                break
            if (
                end + 1 < look < count
                and self._is_name_word(words[look])
                and not is_acronym(words[look])
                and (
                    self._lexicon_kind(words[look]) is None
                    # "Ruud van Boom": after a given name, a place name is a surname.
                    or (len(named) == 1 and named[0] in lexicon.given_names)
                )
            ):
                end = look
                continue
            break
        return end
