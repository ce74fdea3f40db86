"""Who said a quote, and how sure that is: the evidence around the quote, read as a careful
reader does.

The possible speakers of a block are its *mentions* (see `coreference`). A quote's speaker
is, in order of evidence:

1. the subject of a speech verb right after the quote ("…”, zei Poetin", "…," he said,
   "…," Cruz, who ..., said; "…”, ging Evenepoel verder);
2. before the quote in its sentence: "volgens X", "according to X", the subject of the
   speech verb or colon introducing it ("X zei: „…”", "Trump noemde het plan „…”",
   "Michael Mates, who chairs ..., told the BBC:"). The subject is the mention standing
   right before the verb (an aside between commas or brackets skipped) or, when nothing
   does (Dutch inversion "Daarom zei Rutte"), right after it; a mention after a
   preposition ("tegen de NOS", "told the BBC") is never the subject;
3. the running speaker, for a quote that continues one (a new mark after an attribution,
   a paragraph opening with a mark after a paragraph ending in one);
4. the subject of the sentence before the quote ("Ruud van Boom heeft ... gedaan. „…”").

Pronouns resolve to the subject of the nearest sentence before them whose subject fits
(he/she/hij a person, "ze"/"they" also a group, "it" a body), never to an object. Role
phrases resolve to the person the article gives that role ("Tory leader Michael Howard"),
or stay the role when it gives none ("a spokesman", "de rechter").

Each speaker gets a confidence from the kind of evidence (see `Evidence`), calibrated on
the development texts: a verb and a name in the quote's own sentence are near certain, a
guess from the previous sentence is not (below 0.5 the reader marks it uncertain).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from briefing_tui.core.analysis.coreference import (
    LEAD_WORDS,
    PERSON_PRONOUNS,
    PREPOSITIONS,
    TITLE_LINKS,
    Coreference,
    Evidence,
    Found,
    Mention,
)

_WORD = re.compile(r"[\w'’-]+")


class SpeakerFinder(Coreference):
    """Attribution for one article's quotes; `QuoteFinder` adds finding the quotes."""

    # --- the attribution -----------------------------------------------------------------

    def _verb_at(self, words: list[tuple[int, int, str]], first: int, last: int) -> int | None:
        """The index of the first speech verb among words[first:last]."""
        verbs = self.lexicon.speech_verbs
        for index in range(first, min(last, len(words))):
            if words[index][2].lower() in verbs:
                return index
        return None

    def _subject_around(
        self, block: int, verb_start: int, verb_end: int, low: int, high: int, head: bool = False
    ) -> Found | None:
        """The subject of the verb at [verb_start, verb_end): the mention right before it
        (an aside skipped) or, failing that, right after it; both within [low, high)."""
        text = self._blocks[block]
        mentions = self.mentions(block)
        before = [m for m in mentions if low <= m.start and m.end <= verb_start]
        for mention in reversed(before):
            if mention.after_preposition or _in_aside(text, low, mention.start):
                continue
            if _clean_gap(text[mention.end : verb_start]):
                return self._named(block, mention)
            break
        phrase = _noun_phrase_before(text, low, verb_start)
        if phrase:
            # "The clip says Kaine ...", "het ministerie meldt": an unnamed subject.
            return Found(phrase, Evidence.ROLE_AS_ROLE)
        verb = text[verb_start:verb_end].lower()
        if (verb.endswith("ing") and verb not in self.lexicon.speech_verbs_after_quote) or (
            head and verb in OBJECT_VERBS
        ):
            return None  # "accusing Alicia Machado", "told the BBC": an object follows
        for mention in mentions:
            if mention.start < verb_end or mention.start >= high:
                continue
            gap = text[verb_end : mention.start]
            if not gap.strip():
                if mention.after_preposition:
                    break
                return self._named(block, mention)
            if not self._title_gap(gap):
                break
            # "vult minister van Binnenlandse Zaken Pieter De Crem aan": the ministry in
            # the title is not the subject, the name after it is.
            if mention.kind == "person":
                return self._named(block, mention)
        return None

    def _named(self, block: int, mention: Mention) -> Found | None:
        return self._speaker_of(block, mention)

    def weak(self, block: int, found: Found) -> Found:
        """Weak evidence in English text is weaker: its subject-verb-object sentences embed
        clauses with speech verbs of their own (measured on PolNeAR: about 60% right)."""
        if getattr(found.confidence, "weak_in_english", False) and self._english(block):
            return Found(found.speaker, min(found.confidence, Evidence.CONTEXT_SUBJECT + 0.05))
        return found

    def _english(self, block: int) -> bool:
        known = self._language.get(block)
        if known is None:
            words = [word.lower() for _, _, word in self._block_words(block)[:80]]
            english = sum(word in ENGLISH_MARKERS for word in words)
            dutch = sum(word in DUTCH_MARKERS for word in words)
            known = self._language[block] = english > dutch
        return known

    def _title_gap(self, gap: str) -> bool:
        """Whether only title words or honorifics stand between a verb and a name ("vult
        minister van Binnenlandse Zaken Pieter De Crem aan", "said Mr Blair")."""
        words = _WORD.findall(gap)
        if not words or len(words) > 6:
            return False
        honorifics = self.lexicon.honorifics
        titled = False
        for word in words:
            if word in honorifics or word + "." in honorifics or self._is_title(word.lower()):
                titled = True
            elif word.lower() not in TITLE_LINKS and not word[:1].isupper():
                return False
        return titled

    def _words_between(
        self, block: int, start: int, end: int
    ) -> tuple[list[tuple[int, int, str]], int, int]:
        """The block's words and the index range of those starting in [start, end)."""
        words = self._block_words(block)
        return words, bisect_left(words, (start, -1, "")), bisect_left(words, (end, -1, ""))

    def after_quote(self, block: int, start: int, end: int) -> Found | None:
        """ "…”, zei Poetin", "…," he said, "…," Cruz, who ..., said, "…”, ging X verder"."""
        text = self._blocks[block]
        words, first, last = self._words_between(block, start, end)
        if first >= last:
            return None
        lexicon = self.lexicon
        opening = words[first][0]
        lead = first
        while lead < last and lead - first < 2 and words[lead][2].lower() in LEAD_WORDS:
            lead += 1
        if lead < last and words[lead][2].lower() not in LEAD_WORDS:
            first = lead
        verb = self._verb_at(words, first, min(last, first + 3))
        if verb is None and words[first][2].lower() in lexicon.speech_verbs_after_quote:
            verb = first
        if verb is None:
            # "…," Cruz, who has proposed ..., said: a mention, an aside, then the verb.
            verb = self._verb_at(words, first, min(last, first + 25))
            if verb is None:
                return None
            candidates = [
                m
                for m in self.mentions(block)
                if start <= m.start < words[verb][0]
                and not m.after_preposition
                and not _in_aside(text, start, m.start)
            ]
            if not candidates:
                return None
            # "…," Clinton press secretary Brian Fallon said: the mention next to the verb.
            nearest = candidates[-1]
            if nearest.kind != "place" and _clean_gap(text[nearest.end : words[verb][0]]):
                lead_words = verb - first
                found = self._named(block, nearest)
                if found is not None and lead_words <= 8:
                    return found
                if found is not None and _clean_gap(text[start : candidates[0].start]):
                    return found
            # "…”, is het enige dat Suzanne van der Vaart namens Jumbo wil laten weten."
            mention = candidates[0]
            if (
                verb - first > 12
                or not (
                    text[start:end].lstrip().startswith(",") or text[start - 2 : start].count(",")
                )
                or mention.kind == "place"
                or any(mark in text[start : words[verb][0]] for mark in (";", "--", "—", ":"))
            ):
                return None
            found = self._named(block, mention)
            if found is None:
                return None
            return Found(found.speaker, min(found.confidence, Evidence.LOOSE))
        if not _clean_gap(text[start:opening]):
            return None
        return self._subject_around(block, words[verb][0], words[verb][1], start, end)

    def before_quote(self, block: int, start: int, end: int) -> Found | None:
        """ "volgens X", "X zei: „…”", "Trump noemde het plan „…”", "he said the plans "…"."""
        text = self._blocks[block]
        words, first, last = self._words_between(block, start, end)
        if first >= last:
            return None
        mentions = [m for m in self.mentions(block) if start <= m.start and m.end <= end]
        lowered = [word[2].lower() for word in words[first:last]]
        for phrase in self.lexicon.according_to:
            head = phrase.split()
            for index in range(len(lowered) - len(head) + 1):
                if lowered[index : index + len(head)] == head:
                    after = words[first + index + len(head) - 1][1]
                    mention = next((m for m in mentions if m.start >= after), None)
                    if mention is not None and _clean_gap(text[after : mention.start], loose=True):
                        found = self._named(block, mention)
                        if found is not None:
                            return Found(
                                found.speaker, min(found.confidence, Evidence.ACCORDING_TO)
                            )
        verbs = self.lexicon.speech_verbs
        verb = next(
            (index for index in range(last - 1, first - 1, -1) if lowered[index - first] in verbs),
            None,
        )
        colon = text[start:end].rstrip().endswith(":")
        if verb is not None:
            found = self._subject_around(
                block, words[verb][0], words[verb][1], start, end, head=True
            )
            if found is not None:
                return found
        if verb is None and not colon:
            return None
        subject = next((m for m in mentions if not m.after_preposition and m.kind != "place"), None)
        if subject is None:
            return None
        found = self._named(block, subject)
        if found is None:
            return None
        head_words = _WORD.findall(text[start:end])
        if colon and sum(word[:1].isupper() for word in head_words) * 2 > len(head_words) + 1:
            # A headline ("X Praises Y: 'Very Good'"): capitals tell no names apart.
            return Found(found.speaker, min(found.confidence, Evidence.CONTEXT_GUESS))
        return Found(
            found.speaker,
            min(
                found.confidence, Evidence.COLON_NAME if colon and verb is None else Evidence.LOOSE
            ),
        )

    def sentence_subject(self, block: int, start: int, end: int) -> Found | None:
        """Who a sentence that introduces (or follows) a quote without attributing it is
        about: the subject of its speech verb ("Van Aken onthulde ...", "..., aldus
        Gerritsen"), else its subject, else someone it names."""
        words, first, last = self._words_between(block, start, end)
        verbs = self.lexicon.speech_verbs
        for index in range(first, last):
            if words[index][2].lower() in verbs:
                found = self._subject_around(block, words[index][0], words[index][1], start, end)
                if found is not None:
                    return Found(found.speaker, min(found.confidence, Evidence.CONTEXT_CUE))
        mentions = [m for m in self.mentions(block) if start <= m.start and m.end <= end]
        subject = next((m for m in mentions if not m.after_preposition and m.kind != "place"), None)
        if subject is not None:
            found = self._named(block, subject)
            if found is not None:
                return Found(found.speaker, min(found.confidence, Evidence.CONTEXT_SUBJECT))
        person = next((m for m in mentions if m.kind == "person"), None)
        if person is None and mentions and not mentions[0].after_preposition:
            person = mentions[0]  # "Maar Rashid ratelt door" with Rashid taken for a place
        if person is not None and person.kind != "pronoun":
            return Found(person.name, Evidence.CONTEXT_GUESS)
        return None


OBJECT_VERBS = frozenset(
    [
        "told",
        "tells",
        "asked",
        "asks",
        "urged",
        "urges",
        "accused",
        "accuses",
        "called",
        "calls",
        "warned",
        "warns",
        "reminded",
        "praised",
        "criticized",
        "criticised",
        "blamed",
        "thanked",
        "informed",
        "assured",
        "reassured",
    ]
)
"""English verbs whose following name is their object ("X told the BBC")."""
_NOUN_PHRASE = re.compile(
    r"(?:^|[.,;:!?]\s+|\b(?:and|en|but|maar)\s+)((?:[Tt]he|[Dd]e|[Hh]et|[Aa]n?|[Ee]en)\s+"
    r"(?:[\w’'-]+\s+){0,2}[a-zà-ÿ][\w’'-]*)\s+$"
)


def _noun_phrase_before(text: str, low: int, verb_start: int) -> str:
    """A determiner and up to three words right before a verb, opening its clause: the
    verb's subject when the article names no one ("the clip says", "het ministerie meldt")."""
    match = _NOUN_PHRASE.search(text, low, verb_start)
    if match is None:
        return ""
    phrase = match.group(1)
    words = phrase.lower().split()
    if any(word in PREPOSITIONS or word in PERSON_PRONOUNS for word in words[1:]):
        return ""
    return phrase


ENGLISH_MARKERS = frozenset(["the", "and", "of", "to", "is", "was", "that", "said", "with", "for"])
DUTCH_MARKERS = frozenset(["de", "het", "en", "van", "een", "is", "dat", "zei", "met", "voor"])


RELATIVES = frozenset(["who", "which", "whose", "whom", "die", "wiens", "wier"])


def _in_aside(text: str, low: int, position: int) -> bool:
    """Whether `position` lies in an aside opened by a comma and a relative pronoun
    ("Michael Mates, who chairs the committee, told ...")."""
    comma = text.rfind(",", low, position)
    if comma < 0:
        return False
    return not RELATIVES.isdisjoint(_WORD.findall(text[comma:position].lower()))


def _clean_gap(gap: str, loose: bool = False) -> bool:
    """Whether only space, a comma or an aside (", who ...,", "(CD&V)") stands in `gap`."""
    stripped = gap.strip()
    if not stripped or stripped in (",", "–", "—", "-"):
        return True
    if stripped.startswith("(") and stripped.endswith(")") and len(stripped) < 60:
        return True
    if stripped.startswith(",") and stripped.endswith(",") and len(stripped) < 160:
        return True
    return loose and len(stripped) < 3
