"""What the analysis finds: entities (actors) and quotes, as offsets into block text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

CONFIDENT = 0.5
"""A speaker with at least this confidence is shown (and scored) as a fact."""
UNCLEAR_SPEAKER = "speaker unclear"
"""What the reader shows for a quote (not a scare quote) nobody could be named for."""


class EntityKind(StrEnum):
    """The three kinds of actor the reader highlights."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"


class QuoteKind(StrEnum):
    """How a quotation is used in the sentence."""

    DIRECT = "direct"
    """A full quoted utterance."""
    PARTIAL = "partial"
    """Quoted words inside a sentence of reported speech."""
    SCARE = "scare"
    """A scare quote or a term (‘staakt-het-vuren’): nobody is quoted."""


@dataclass(frozen=True)
class Entity:
    """One mention of an actor in a block."""

    block: int
    start: int
    """`str` offset into the block's text; `end` is exclusive."""
    end: int
    text: str
    kind: EntityKind
    name: str
    """The fullest form of the name in the article ("Zelensky" -> "Volodymyr Zelensky")."""


@dataclass(frozen=True)
class Quote:
    """A stretch of quoted words, without its quotation marks."""

    block: int
    start: int
    end: int
    text: str
    speaker: str | None
    """The fullest name of who said or wrote it; None for scare quotes or when unknown."""
    kind: QuoteKind
    speaker_confidence: float = 1.0
    """How sure the attribution is, 0..1. Below `CONFIDENT` the reader shows the speaker as
    uncertain, never as a plain fact; 0.0 when there is no speaker."""

    @property
    def speaker_is_certain(self) -> bool:
        """Whether the speaker may be shown as a fact."""
        return self.speaker is not None and self.speaker_confidence >= CONFIDENT

    @property
    def speaker_label(self) -> str | None:
        """The speaker as a reader should see it: "Poetin", or "Poetin?" when the attribution
        is uncertain; None for a scare quote or when nobody could be named."""
        if self.speaker is None:
            return None
        return self.speaker if self.speaker_is_certain else f"{self.speaker}?"


@dataclass(frozen=True)
class Analysis:
    """Everything found in one article."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    """(name, role phrase) pairs learned from appositions: ("Poetin", "russische president")."""

    def mentions_of(self, name: str) -> list[Entity]:
        """Every mention of the actor with this (full) name, in reading order."""
        return [entity for entity in self.entities if entity.name == name]
