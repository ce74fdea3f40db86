"""How sure an attribution is decides how the reader shows it: a fact, a guess, or unclear."""

from __future__ import annotations

from briefing_tui.core.analysis.model import (
    CONFIDENT,
    UNCLEAR_SPEAKER,
    Analysis,
    Quote,
    QuoteKind,
)
from briefing_tui.ui.widgets.article_lines import BlockHighlights


def quote(block: int, speaker: str | None, confidence: float, kind: QuoteKind) -> Quote:
    return Quote(block, 0, 4, "woord", speaker, kind, confidence)


def test_a_confident_speaker_is_shown_plain_and_an_unsure_one_with_a_question_mark() -> None:
    assert quote(0, "Poetin", CONFIDENT, QuoteKind.DIRECT).speaker_label == "Poetin"
    assert quote(0, "Poetin", 0.49, QuoteKind.DIRECT).speaker_label == "Poetin?"
    assert not quote(0, "Poetin", 0.49, QuoteKind.DIRECT).speaker_is_certain
    assert quote(0, None, 0.0, QuoteKind.DIRECT).speaker_label is None


def test_speaker_lines_mark_guesses_and_say_when_nobody_is_known() -> None:
    analysis = Analysis(
        quotes=(
            quote(0, "Poetin", 0.9, QuoteKind.DIRECT),
            quote(0, "Rutte", 0.3, QuoteKind.PARTIAL),
            quote(0, "Poetin", 0.9, QuoteKind.DIRECT),
            quote(1, None, 0.0, QuoteKind.DIRECT),
            quote(2, None, 0.0, QuoteKind.SCARE),
            quote(3, None, 0.0, QuoteKind.DIRECT),
            quote(3, "Wilders", 0.8, QuoteKind.DIRECT),
        )
    )
    speakers = BlockHighlights.of(analysis).speakers
    assert speakers == {0: ["Poetin", "Rutte?"], 1: [UNCLEAR_SPEAKER], 3: ["Wilders"]}
