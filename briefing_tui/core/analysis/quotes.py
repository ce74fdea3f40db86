"""Quotations in news text and who said them.

Quotes are found mark by mark in each block: „…”, “…”, "…", ‘…’, '…', «…», ,,…''.
Apostrophes (zo'n, Trump's, collega's, voters') are told from single quotes by what
stands on either side. A quote still open at the end of a paragraph ends there; a
paragraph that opens with a new mark continues it, with the same speaker.

Who said each quote, and how sure that is, is worked out in `attribution`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from briefing_tui.core.analysis.attribution import SpeakerFinder
from briefing_tui.core.analysis.coreference import Evidence, Found
from briefing_tui.core.analysis.model import EntityKind, Quote, QuoteKind
from briefing_tui.core.analysis.quote_marks import (
    Mark,
    find_marks,
)

_set_attribute = object.__setattr__
_WORD_RUN = re.compile(r"[\w'’-]+")
_PLAIN_WORD = re.compile(r"\w+")
_SENTENCE_BOUNDARY = re.compile(r"[.!?][.!?]*\s+(?=[\"'„“‘«(A-ZÀ-ÖØ-Þ0-9]|,,)")
_NEXT_SENTENCE = re.compile(r"\s+(?=[\"'„“‘«(A-ZÀ-ÖØ-Þ0-9]|,,)")
"""After a quote that ends its sentence ("…dichtgegaan.” Het wil"): a new sentence."""
SCARE_MAX_WORDS = 3


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


class QuoteFinder(SpeakerFinder):
    """Finds the quotes of one article and attributes them, given its entities."""

    def _entities_in(self, block: int, start: int, end: int) -> list[Any]:
        return [
            e for e in self._entities_by_block.get(block, ()) if start <= e.start and e.end <= end
        ]

    def sentence_starts(self, block: int) -> list[int]:
        """Where each sentence of a block starts, quoted words not counted (found once)."""
        starts = self._starts_cache.get(block)
        if starts is None:
            text = self._blocks[block]
            masked = self._masked(text, block)
            starts = [0] + [match.end() for match in _SENTENCE_BOUNDARY.finditer(masked)]
            for mark in self._marks_by_block.get(block, ()):
                if mark.closed and text[mark.end - 1] in ".!?":
                    gap = _NEXT_SENTENCE.match(text, mark.close_end)
                    if gap is not None:
                        starts.append(gap.end())
            starts = sorted(set(starts))
            self._starts_cache[block] = starts
        return starts

    def _sentence_bounds(self, block: int, position: int) -> tuple[int, int]:
        starts = self.sentence_starts(block)
        index = bisect_right(starts, position) - 1
        start = starts[max(0, index)]
        if index + 1 < len(starts):
            return start, starts[index + 1]
        return start, len(self._blocks[block])

    # --- the quotes ---------------------------------------------------------------------

    def find(self, blocks: Sequence[str], pull_quotes: dict[int, int]) -> list[Quote]:
        """Every quote of the article, with kind, speaker and the speaker's confidence.

        Args:
            blocks: The article's block texts.
            pull_quotes: Block index -> where the attribution starts, for pull quotes.
        """
        all_marks = [mark for index, text in enumerate(blocks) for mark in find_marks(index, text)]
        self._marks_by_block = {}
        for mark in all_marks:
            if mark.depth == 0:  # outermost only: a quote inside a quote is masked with it
                self._marks_by_block.setdefault(mark.block, []).append(mark)
        self._masked_cache: dict[int, str] = {}
        self._starts_cache: dict[int, list[int]] = {}
        self._blocks = blocks
        self.learn_roles(blocks)
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
        outer = [mark for mark in all_marks if mark.depth == 0]
        found_by_mark: dict[tuple[int, int], tuple[QuoteKind, Found | None]] = {}
        previous: Mark | None = None
        previous_found: Found | None = None
        previous_kind = QuoteKind.DIRECT
        for position, mark in enumerate(outer):
            text = blocks[mark.block]
            content = text[mark.start : mark.end]
            found: Found | None = None
            if mark.continues and previous is not None:
                # A quotation re-opened without a closing mark ("... system. "But I ..."):
                # the same quotation, so the same kind and speaker.
                kind, found = previous_kind, previous_found
            else:
                sentence_start, sentence_end = self._sentence_bounds(mark.block, mark.open_at)
                kind = self._kind(text, mark, content, sentence_start, sentence_end)
                if kind is not QuoteKind.SCARE:
                    found = self._attribute(
                        mark,
                        outer[position + 1] if position + 1 < len(outer) else None,
                        sentence_start,
                        sentence_end,
                        content,
                        pull_quotes,
                        pull_speakers,
                        previous,
                        previous_found,
                    )
            found_by_mark[mark.block, mark.open_at] = (kind, found)
            if kind is not QuoteKind.SCARE:
                previous, previous_found, previous_kind = mark, found, kind
        quotes: list[Quote] = []
        outermost: tuple[QuoteKind, Found | None] | None = None
        for mark in all_marks:  # in reading order, each outer quote before those inside it
            content = blocks[mark.block][mark.start : mark.end]
            if mark.depth == 0:
                outermost = found_by_mark[mark.block, mark.open_at]
                kind, found = outermost
            else:
                kind, found = self._nested(content, outermost)
            quote: Quote = object.__new__(Quote)  # the frozen __init__ writes seven times
            _set_attribute(
                quote,
                "__dict__",
                {
                    "block": mark.block,
                    "start": mark.start,
                    "end": mark.end,
                    "text": content,
                    "speaker": found.speaker if found else None,
                    "kind": kind,
                    "speaker_confidence": found.confidence if found else 0.0,
                },
            )
            quotes.append(quote)
        unmarked = self._unmarked_pull_quotes(blocks, pull_quotes)
        if unmarked:
            quotes = sorted([*quotes, *unmarked], key=lambda quote: (quote.block, quote.start))
        return quotes

    @staticmethod
    def _nested(
        content: str, outer: tuple[QuoteKind, Found | None] | None
    ) -> tuple[QuoteKind, Found | None]:
        """Kind and speaker of a quote inside a quote: a few words are a term; longer words
        are someone quoted by the outer speaker, who is then only a guess for them."""
        if len(content.split(None, SCARE_MAX_WORDS)) <= SCARE_MAX_WORDS or outer is None:
            return QuoteKind.SCARE, None
        found = outer[1]
        if found is None:
            return QuoteKind.PARTIAL, None
        return QuoteKind.PARTIAL, Found(
            found.speaker, min(found.confidence, Evidence.CONTEXT_GUESS)
        )

    def _attribute(self, *args: Any) -> Found | None:
        """The speaker of one quote; in a headline only as a guess (its capitals hide
        which words are names)."""
        found = self._speaker(*args)
        if found is not None:
            found = self.weak(args[0].block, found)
        if found is not None and self._headline(args[0].block):
            return Found(found.speaker, min(found.confidence, Evidence.CONTEXT_SUBJECT))
        return found

    def _headline(self, block: int) -> bool:
        words = self._block_words(block)
        if not 3 <= len(words) <= 25:
            return False
        capitals = sum(word[:1].isupper() for _, _, word in words)
        return capitals * 3 > len(words) * 2

    def _speaker(
        self,
        mark: Mark,
        following: Mark | None,
        sentence_start: int,
        sentence_end: int,
        content: str,
        pull_quotes: dict[int, int],
        pull_speakers: Sequence[tuple[str, str]],
        previous: Mark | None,
        previous_found: Found | None,
    ) -> Found | None:
        """The speaker of one quote, from the strongest evidence there is."""
        block = mark.block
        if block in pull_quotes:
            speaker = _pull_quote_speaker(content, pull_speakers)
            if speaker:
                return Found(speaker, Evidence.PULL_QUOTE)
        tail_end = sentence_end
        if following is not None and following.block == block:
            tail_end = min(tail_end, following.open_at)
        found = self.after_quote(block, mark.close_end, tail_end)
        if (
            found is None
            and following is not None
            and following.block == block
            and following.open_at < sentence_end
            and self._blocks[block][mark.close_end : following.open_at].strip(" ,")
            in ("", "and", "en", "or", "of", "but", "maar")
        ):
            # "…” en „…”, zei X": quotes joined in one sentence share its attribution.
            after_next = self._following_mark(following)
            found = self.after_quote(
                block,
                following.close_end,
                min(sentence_end, after_next.open_at if after_next else sentence_end),
            )
        # The words before the quote, after any earlier quote in its sentence: a verb
        # before that quote introduced it, not this one.
        head_start = sentence_start
        for other in self._marks_by_block.get(block, ()):
            if other.open_at >= mark.open_at:
                break
            if other.close_end > head_start:
                head_start = other.close_end
        if found is None:
            found = self.before_quote(block, head_start, mark.open_at)
        if found is not None:
            return found
        speaker = _pull_quote_speaker(content, pull_speakers)
        if speaker:
            return Found(speaker, Evidence.PULL_QUOTE)
        head_empty = not self._blocks[block][head_start : mark.open_at].strip(" ,.-–—")
        if previous is not None and previous_found is not None and head_empty:
            if previous.block == block:
                _, previous_end = self._sentence_bounds(block, previous.open_at)
                if not self._named_between(block, previous_end, mark.open_at):
                    return Found(
                        previous_found.speaker,
                        min(previous_found.confidence, Evidence.CONTINUATION),
                    )
            elif previous.block == block - 1 and sentence_start == 0:
                earlier = self._blocks[previous.block]
                _, previous_end = self._sentence_bounds(previous.block, previous.open_at)
                if not self._named_between(previous.block, previous_end, len(earlier)):
                    return Found(
                        previous_found.speaker,
                        min(previous_found.confidence, Evidence.NEXT_PARAGRAPH),
                    )
        # The sentence before introduces the quote: "Ruud van Boom heeft ... gedaan. „…”".
        if sentence_start > 0:
            before_start, _ = self._sentence_bounds(block, sentence_start - 1)
            return self.sentence_subject(block, before_start, sentence_start)
        text = self._blocks[block]
        if text[mark.close_end : sentence_end].strip(" ,.") == "" and sentence_end < len(text):
            # „Dit is géén lockdown.” Minister Maggie De Block is formeel.
            _, after_end = self._sentence_bounds(block, sentence_end)
            found = self.sentence_subject(block, sentence_end, after_end)
            if found is not None:
                return Found(found.speaker, min(found.confidence, Evidence.CONTEXT_GUESS))
        if block > 0 and self._blocks[block - 1]:
            earlier = self._blocks[block - 1]
            before_start, _ = self._sentence_bounds(block - 1, len(earlier) - 1)
            return self.sentence_subject(block - 1, before_start, len(earlier))
        return None

    def _following_mark(self, mark: Mark) -> Mark | None:
        marks = self._marks_by_block.get(mark.block, [])
        index = marks.index(mark)
        return marks[index + 1] if index + 1 < len(marks) else None

    def _named_between(self, block: int, start: int, end: int) -> bool:
        """Whether someone new is named between two points (outside quotes)."""
        return any(
            start <= mention.start < end
            and (
                mention.kind in ("person", "role")
                or (mention.kind != "pronoun" and not mention.after_preposition)
            )
            for mention in self.mentions(block)
        )

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
            # "Trump noemde het plan „veelbelovend”": a word quoted after a speech verb is
            # the subject's own word; a capitalised one is a name or term.
            if (
                content[:1].islower()
                and "-" not in content
                and self._reported(mark, sentence_start)
            ):
                return QuoteKind.PARTIAL
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

    def _reported(self, mark: Mark, sentence_start: int) -> bool:
        """Whether a speech verb with a subject stands before the quote in its sentence."""
        verbs = self.lexicon.speech_verbs
        for start, end, word in self._block_words(mark.block):
            if start >= mark.open_at:
                break
            if (
                start >= sentence_start
                and word.lower() in verbs
                and self._subject_around(mark.block, start, end, sentence_start, mark.open_at)
            ):
                return True
        return False

    def _speech_cue(self, text: str, before: str, sentence_start: int, sentence_end: int) -> bool:
        """A speech verb, "volgens" or "according" in the sentence, or a colon before the quote."""
        sentence_words = set(_WORD_RUN.findall(text[sentence_start:sentence_end].lower()))
        return (
            not sentence_words.isdisjoint(self.lexicon.speech_verbs)
            or "volgens" in sentence_words
            or "according" in sentence_words
            or before.endswith(":")
        )
