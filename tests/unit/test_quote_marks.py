"""Where quotations stand (`find_marks`), for small synthetic Dutch and English sentences.

Each test states one class of mark use: every mark form, apostrophes that are no marks,
quotes inside quotes, quotations re-opened without a closing mark, interrupted quotes.
The property test at the end holds for any text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.core.analysis import QuoteKind, analyze_blocks
from briefing_tui.core.analysis.lexicon import builtin_lexicon
from briefing_tui.core.analysis.quote_marks import Mark, find_marks
from briefing_tui.core.analysis.quotes import QuoteFinder


def quoted(text: str) -> list[str]:
    """The words of each quote, in the order they open."""
    return [text[mark.start : mark.end] for mark in find_marks(0, text)]


# --- every mark form ---------------------------------------------------------------------

WORDS = "Wij gaan door tot het einde."
FORMS = {
    "„…”": f"Hij zei: „{WORDS}” Daarna ging hij.",
    "„…“": f"Hij zei: „{WORDS}“ Daarna ging hij.",
    "“…”": f"He said: “{WORDS}” Then he left.",
    '"…"': f'He said: "{WORDS}" Then he left.',
    "‘…’": f"Hij zei: ‘{WORDS}’ Daarna ging hij.",
    "’…’ (the right mark on both sides)": f"Hij zei: ’{WORDS}’ Daarna ging hij.",
    "'…'": f"Hij zei: '{WORDS}' Daarna ging hij.",
    ",,…''": f"Hij zei: ,,{WORDS}'' Daarna ging hij.",
    ",,…”": f"Hij zei: ,,{WORDS}” Daarna ging hij.",
    ',,…"': f'Hij zei: ,,{WORDS}" Daarna ging hij.',
    "''…'' (two apostrophes)": f"He said: ''{WORDS}'' Then he left.",
    "«…»": f"Hij zei: «{WORDS}» Daarna ging hij.",
    "« … » (apart)": f"Il a dit : « {WORDS} » Puis il est parti.",
    "”…” (the right mark on both sides)": f"Hij zei: ”{WORDS}” Daarna ging hij.",
}


@pytest.mark.parametrize("text", FORMS.values(), ids=FORMS.keys())
def test_every_mark_form_gives_the_words_between_the_marks(text: str) -> None:
    assert quoted(text) == [WORDS]


def test_a_mark_typed_the_wrong_way_round_still_closes() -> None:
    text = "He asked for an “expedited review“ of the water supply."
    assert quoted(text) == ["expedited review"]


# --- apostrophes -------------------------------------------------------------------------

APOSTROPHES = [
    "Het is zo'n dag en z'n fiets staat er nog.",
    "De collega’s van de collega's zwegen, zo’n week.",
    "The voters' mood and Sky News' report.",
    "Hij komt 's avonds en 't blijft stil; 'k weet het.",
    "In de jaren '90 en de jaren ’80 was het anders.",
    "Trump‘s plan and Trump's team.",
    "They beat 'em and stayed 'til dawn.",
]


@pytest.mark.parametrize("text", APOSTROPHES)
def test_apostrophes_are_no_marks(text: str) -> None:
    assert find_marks(0, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hij zei: 'Het is zo'n dag, en 's avonds is 't stil.'",
        "Hij zei: ‘Het is zo’n dag, en ’s avonds is ’t stil.’",
        "“It’s the voters’ choice, and ’90 was long ago,” she said.",
    ],
)
def test_apostrophes_inside_a_quote_do_not_end_it(text: str) -> None:
    assert len(quoted(text)) == 1
    assert quoted(text)[0].endswith(("stil.", "ago,"))


def test_a_plural_possessive_does_not_end_a_single_quoted_quote() -> None:
    assert quoted("Blair: 'The voters' choice is clear,' he said.") == [
        "The voters' choice is clear,"
    ]


def test_a_single_quoted_term_ending_in_s_closes_before_the_sentence_goes_on() -> None:
    text = "“It is less a ‘refugee crisis’ and more an occupation,” she said."
    assert quoted(text) == [
        "It is less a ‘refugee crisis’ and more an occupation,",
        "refugee crisis",
    ]


def test_single_quoted_terms_in_a_headline_are_each_a_quote() -> None:
    text = "Trump told to ‘turn away’ from ‘boasters’ and ‘blasphemers’"
    assert quoted(text) == ["turn away", "boasters", "blasphemers"]


# --- quotes inside quotes ----------------------------------------------------------------


def test_a_quote_inside_a_quote_is_a_quote_of_its_own() -> None:
    text = "De advocaat zei: „‘Ik ben geen pakket’, zei hij. ‘Ze doen maar.’”"
    marks = find_marks(0, text)
    assert [text[m.start : m.end] for m in marks] == [
        "‘Ik ben geen pakket’, zei hij. ‘Ze doen maar.’",
        "Ik ben geen pakket",
        "Ze doen maar.",
    ]
    assert [m.depth for m in marks] == [0, 1, 1]


def test_a_double_quoted_term_inside_a_single_quoted_quote() -> None:
    text = "‘Ik werd “de grote vijand”. Daarna was het stil’, vertelt Jansen."
    assert quoted(text) == ["Ik werd “de grote vijand”. Daarna was het stil", "de grote vijand"]


def test_a_double_quote_inside_a_double_quote_mid_sentence_is_nested() -> None:
    text = '"The office is not about "equal justice" any more," she said.'
    assert quoted(text) == ['The office is not about "equal justice" any more,', "equal justice"]


def test_an_inner_quote_never_closed_is_dropped_and_the_outer_still_closes() -> None:
    text = "„Hij riep 'nee en liep weg”, zei Jansen."
    assert quoted(text) == ["Hij riep 'nee en liep weg"]


def test_two_apostrophes_close_after_a_nested_quote_and_a_space() -> None:
    text = "''I hate the term 'city poor,' '' she said."
    assert quoted(text) == ["I hate the term 'city poor,'", "city poor,"]


def test_a_double_mark_standing_apart_after_a_nested_quote_closes() -> None:
    text = '"They say, \'Well done,\' " said Ms Reed. "It is not fair."'
    assert quoted(text) == ["They say, 'Well done,'", "Well done,", "It is not fair."]


# --- quotations re-opened without a closing mark, and interrupted quotes -----------------


def test_a_quotation_reopened_mid_paragraph_is_one_quote_per_stretch() -> None:
    text = 'Mr Reed was rattled. "I do not know what happened. "But I think we will win," he said.'
    marks = find_marks(0, text)
    assert [text[m.start : m.end] for m in marks] == [
        "I do not know what happened.",
        "But I think we will win,",
    ]
    assert [(m.closed, m.continues) for m in marks] == [(False, False), (True, True)]
    assert marks[0].close_end == marks[0].end


def test_a_reopened_quotation_left_open_runs_to_the_paragraph_end() -> None:
    text = "Zij zei: „Het is voorbij. „Wij gaan naar huis. „Morgen is er weer een dag"
    marks = find_marks(0, text)
    assert [text[m.start : m.end] for m in marks] == [
        "Het is voorbij.",
        "Wij gaan naar huis.",
        "Morgen is er weer een dag",
    ]
    assert [m.continues for m in marks] == [False, True, True]
    assert marks[-1].close_end == len(text)


def test_a_quote_interrupted_by_an_attribution_is_two_quotes() -> None:
    text = "„Wij gaan door”, zei Jansen, „tot het einde.”"
    marks = find_marks(0, text)
    assert [text[m.start : m.end] for m in marks] == ["Wij gaan door", "tot het einde."]
    assert not marks[1].continues


def test_a_quote_in_a_headline_and_a_pull_quote() -> None:
    assert quoted("Minister: 'Wij gaan door'") == ["Wij gaan door"]
    assert quoted("“We will not give in” — Jane Reed") == ["We will not give in"]


# --- any text ----------------------------------------------------------------------------

MARKS = "„“”\"‘’'«»‹›‚,"
PIECES = st.one_of(
    st.sampled_from([*MARKS, ",,", "''", "’’", " ", " ", ". ", "\n"]),
    st.sampled_from(["zo'n", "'s", "voters'", "Wij", "gaan", "door", "said", "'90", "x"]),
    st.characters(),
)
TEXTS = st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=50).map("".join))


def check_marks(text: str, marks: list[Mark]) -> None:
    """Offsets inside the text, words trimmed, and quotes either apart or one inside another."""
    for mark in marks:
        assert 0 <= mark.open_at < mark.start < mark.end <= mark.close_end <= len(text), mark
        assert text[mark.start : mark.end] == text[mark.start : mark.end].strip(), mark
        assert mark.depth >= 0
        assert mark.closed or mark.close_end in (mark.end, len(text)), mark
    assert [m.open_at for m in marks] == sorted(m.open_at for m in marks)
    for index, first in enumerate(marks):
        for second in marks[index + 1 :]:
            apart = first.close_end <= second.open_at
            inside = first.start <= second.open_at and second.close_end <= first.end
            assert apart or (inside and second.depth > first.depth), (first, second)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_any_text_gives_valid_apart_or_nested_marks(text: str) -> None:
    check_marks(text, find_marks(3, text))
    assert all(mark.block == 3 for mark in find_marks(3, text))


def test_the_analysis_reports_nested_quotes_and_masks_only_the_outer_quote() -> None:
    text = (
        "Hij zei: „‘Ik ben geen pakket. Echt niet.’ Dat zei hij.” Wij zijn er. "
        "Mark Rutte zei: „Ga door.”"
    )
    quotes = analyze_blocks([text]).quotes
    assert [quote.text for quote in quotes] == [
        "‘Ik ben geen pakket. Echt niet.’ Dat zei hij.",
        "Ik ben geen pakket. Echt niet.",
        "Ga door.",
    ]
    # Quoted words are masked once, so the sentence before the last quote stays in place.
    assert quotes[-1].kind is QuoteKind.DIRECT
    assert quotes[-1].speaker == "Mark Rutte"


def test_quoted_words_are_masked_once_with_a_quote_inside_a_quote() -> None:
    text = "Zij zei: „Hij riep ‘Nee. Nooit.’ en ging.” Daarna was het stil."
    finder = QuoteFinder(builtin_lexicon(), [])
    finder.find([text], {})
    masked = finder._masked(text, 0)
    assert len(masked) == len(text)
    assert masked.endswith("Daarna was het stil.")
