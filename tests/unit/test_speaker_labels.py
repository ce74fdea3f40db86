"""How sure an attribution is decides how the reader shows it: a fact, a guess, or unclear."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core.analysis.model import (
    CONFIDENT,
    UNCLEAR_SPEAKER,
    Analysis,
    Quote,
    QuoteKind,
)
from briefing_tui.core.analysis.report import analysis_summary
from briefing_tui.core.articles import read_article
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


def test_the_text_summary_marks_guesses_and_unclear_speakers(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(
        " date 2024-05 Een rustige dag in Den Haag.\n\n"
        "„Dit gaat nooit goed, en dat weet iedereen hier.”\n\n"
        "Mark Rutte was er ook. Hij keek naar de zee.\n\n"
        "„Morgen gaan we verder met het werk,” klonk het later.\n",
        encoding="utf-8",
    )
    summary = analysis_summary(read_article(path), cached=False).splitlines()
    assert (
        f"  ¶ 2 ({UNCLEAR_SPEAKER}): “Dit gaat nooit goed, en dat weet iedereen hier.” [direct]"
        in (summary)
    )
    # Only the sentence before names him, without a speech verb: a guess, not a fact.
    assert "  ¶ 4 Mark Rutte?: “Morgen gaan we verder met het werk,” [direct]" in summary
